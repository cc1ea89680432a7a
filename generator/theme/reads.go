package theme

import (
	"html/template"
	"text/template/parse"
)

// Reads is what a layout's templates read beyond what the render plan gives every output of
// its kind (the page's own fields, the cards of the pages it lists or neighbours, what every
// page shows of the site). The builder widens an output's dependencies by it, so that a
// rebuild re-renders what a full build would change, whatever a site's own layouts show.
//
// It is found once per theme by walking the templates' parse trees and following what dot,
// $ and variables hold, the way html/template's escaper follows contexts. Where it cannot
// tell (the result of a function other than dict, an index, a variable it did not see set),
// it assumes the widest reading.
type Reads struct {
	// OwnBody: the layout shows its own page's body (an alias page need not).
	OwnBody bool
	// OtherBodies: the layout shows the body (Content, TOC, WordCount...) of pages other than
	// its own, so every page it shows a card of is shown whole.
	OtherBodies bool
	// Home: the layout shows fields of the home page through .Site.Home.
	Home bool
	// HomeBody: the layout shows the home page's body (.Site.Home.Content).
	HomeBody bool
	// AllLists: the layout shows the site's lists beyond whether they are empty (every
	// page, every section's pages, a tag's pages), so any page's card may be on it.
	AllLists bool
	// BuildDate: the layout shows the build's date, which changes with every build.
	BuildDate bool
	// Tags: the layout shows the site's tags beyond whether there are any (the tags index,
	// the search page's tag filter), so a tag that comes, goes or is named anew is on it.
	// Other layouts show only their pages' own tags, which follow those pages' cards.
	Tags bool
}

// Reads returns what the layout name reads.
func (t *Theme) Reads(name string) Reads { return t.reads[name] }

// BodyFields are the fields of site.Page made from its Markdown body rather than its front
// matter: a text edit changes them alone, and lists do not show them.
// Content and PrintContent are methods that read Body and PrintBody.
var BodyFields = map[string]bool{"Content": true, "PrintContent": true, "Body": true, "PrintBody": true, "TOC": true, "ShowTOC": true, "WordCount": true}

// listFields hold lists of pages or paths; the site-wide ones are what AllLists is about.
var listFields = map[string]bool{"Pages": true, "Paths": true, "Unlisted": true, "Steps": true, "Stages": true}

// what dot, $ or a variable holds, as far as dependencies go.
type kind uint8

const (
	kOther    kind = iota // unknown: read as widely as possible
	kData                 // the layout's render.Data
	kPage                 // the output's own page
	kHome                 // the site's home page
	kSite                 // the site
	kSiteSet              // the site's sections, or one of them, or one tag: their own fields are global
	kSiteTags             // the site's tags, all of them: reading more than whether there are any is Reads.Tags
	kCovered              // what the plan records as dependencies: Data.Section, Tag, Path, a page's neighbours and steps
	kDict                 // a dict with known keys
	kStep                 // the own page's steps in paths, or one of them: the plan lists the path's card and the neighbour steps' cards
	kStepPath             // the path or stage of such a step: its other steps are not listed
	kStepNear             // the step before or after such a step: its card is listed, not its own neighbours'
)

type value struct {
	k    kind
	dict map[string]value
}

type reader struct {
	set  *template.Template
	r    Reads
	done map[string]bool // template name and what its dot holds, walked already
	vars map[string]value
}

func readsOf(set *template.Template, entry string) Reads {
	rd := &reader{set: set, done: map[string]bool{}}
	rd.call(entry, value{k: kData})
	return rd.r
}

func (rd *reader) call(name string, dot value) {
	key := name + "\x00" + dot.key()
	if rd.done[key] {
		return
	}
	rd.done[key] = true
	t := rd.set.Lookup(name)
	if t == nil || t.Tree == nil {
		return
	}
	saved := rd.vars
	rd.vars = map[string]value{"$": dot}
	rd.list(t.Tree.Root, dot)
	rd.vars = saved
}

func (v value) key() string {
	s := string(rune('a' + v.k))
	if v.k == kDict {
		// Few keys, from template text: their order in the map does not matter for the
		// memo as long as it is deterministic enough to terminate; sort-free join is fine.
		for k, x := range v.dict {
			s += k + "=" + x.key() + ";"
		}
	}
	return s
}

func (rd *reader) list(l *parse.ListNode, dot value) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		rd.node(n, dot)
	}
}

func (rd *reader) node(n parse.Node, dot value) {
	switch n := n.(type) {
	case *parse.ActionNode:
		rd.pipe(n.Pipe, dot, false)
	case *parse.IfNode:
		rd.pipe(n.Pipe, dot, true)
		rd.list(n.List, dot)
		rd.list(n.ElseList, dot)
	case *parse.WithNode:
		v := rd.pipe(n.Pipe, dot, true)
		rd.list(n.List, v)
		rd.list(n.ElseList, dot)
	case *parse.RangeNode:
		v := rd.pipe(n.Pipe, dot, false)
		elem := rd.element(v)
		if d := n.Pipe.Decl; len(d) > 0 {
			rd.vars[d[len(d)-1].Ident[0]] = elem
			if len(d) == 2 {
				rd.vars[d[0].Ident[0]] = value{k: kOther}
			}
		}
		rd.list(n.List, elem)
		rd.list(n.ElseList, dot)
	case *parse.TemplateNode:
		arg := value{k: kOther}
		if n.Pipe != nil {
			arg = rd.pipe(n.Pipe, dot, false)
		}
		rd.call(n.Name, arg)
	case *parse.ListNode:
		rd.list(n, dot)
	}
}

// element is what ranging over v gives.
func (rd *reader) element(v value) value {
	switch v.k {
	case kSiteTags:
		rd.r.Tags = true
		return value{k: kSiteSet}
	case kSiteSet, kCovered, kStep:
		return v
	}
	return value{k: kOther}
}

// whole records that v is read as a whole in the way u says: the site's tags printed, counted
// or handed to a function are all of them read.
func (rd *reader) whole(v value, u use) value {
	if v.k == kSiteTags && u != useEmpty {
		rd.r.Tags = true
	}
	return v
}

// pipe walks a pipeline and returns what it yields. cond is set where only its emptiness
// counts (if, with), so that "{{if .Site.Pages}}" is not a reading of every page.
func (rd *reader) pipe(p *parse.PipeNode, dot value, cond bool) value {
	if p == nil {
		return value{k: kOther}
	}
	out := value{k: kOther}
	for i, c := range p.Cmds {
		out = rd.cmd(c, dot, cond && len(p.Cmds) == 1 && i == 0)
	}
	if len(p.Cmds) > 1 {
		out = value{k: kOther}
	}
	if len(p.Decl) == 1 {
		rd.vars[p.Decl[0].Ident[0]] = out
	}
	return out
}

// use is how a value is read: only for being empty or not, for its length, or in full.
type use uint8

const (
	useFull use = iota
	useCount
	useEmpty
)

func (rd *reader) cmd(c *parse.CommandNode, dot value, cond bool) value {
	if len(c.Args) == 0 {
		return value{k: kOther}
	}
	if id, ok := c.Args[0].(*parse.IdentifierNode); ok {
		args := c.Args[1:]
		switch id.Ident {
		case "piece":
			// A piece is its template, whether or not it is made in Go.
			if len(args) == 2 {
				if name, ok := args[0].(*parse.StringNode); ok {
					rd.call(name.Text, rd.arg(args[1], dot, useFull))
					return value{k: kOther}
				}
			}
		case "dict":
			d := value{k: kDict, dict: map[string]value{}}
			for i := 0; i+1 < len(args); i += 2 {
				v := rd.arg(args[i+1], dot, useFull)
				if s, ok := args[i].(*parse.StringNode); ok {
					d.dict[s.Text] = v
				}
			}
			return d
		case "and", "or", "not":
			u := useFull
			if cond || id.Ident == "not" {
				u = useEmpty
			}
			for _, a := range args {
				rd.arg(a, dot, u)
			}
			return value{k: kOther}
		case "len":
			for _, a := range args {
				rd.arg(a, dot, useCount)
			}
			return value{k: kOther}
		}
		for _, a := range args {
			rd.arg(a, dot, useFull)
		}
		return value{k: kOther}
	}
	u := useFull
	if cond && len(c.Args) == 1 {
		u = useEmpty
	}
	v := rd.arg(c.Args[0], dot, u)
	for _, a := range c.Args[1:] {
		rd.arg(a, dot, useFull)
	}
	return v
}

func (rd *reader) arg(n parse.Node, dot value, u use) value {
	switch n := n.(type) {
	case *parse.DotNode:
		return rd.whole(dot, u)
	case *parse.FieldNode:
		return rd.fields(dot, n.Ident, u)
	case *parse.VariableNode:
		v, ok := rd.vars[n.Ident[0]]
		if !ok {
			v = value{k: kOther}
		}
		if len(n.Ident) == 1 {
			return rd.whole(v, u)
		}
		return rd.fields(v, n.Ident[1:], u)
	case *parse.ChainNode:
		v := rd.arg(n.Node, dot, useFull)
		return rd.fields(v, n.Field, u)
	case *parse.PipeNode:
		return rd.pipe(n, dot, false)
	case *parse.IdentifierNode:
		return value{k: kOther}
	}
	return value{k: kOther}
}

// fields follows .A.B.C from v and records what it reads.
func (rd *reader) fields(v value, idents []string, u use) value {
	for i, id := range idents {
		last := i == len(idents)-1
		if id == "BuildDate" {
			rd.r.BuildDate = true
		}
		if BodyFields[id] {
			switch v.k {
			case kPage:
				rd.r.OwnBody = true
			case kHome:
				rd.r.HomeBody = true
			default:
				rd.r.OtherBodies = true
			}
		}
		lightly := last && u == useEmpty
		switch v.k {
		case kData:
			switch id {
			case "Page":
				v = value{k: kPage}
			case "Site":
				v = value{k: kSite}
			case "Section", "Tag", "Path":
				v = value{k: kCovered}
			default:
				v = value{k: kOther}
			}
		case kPage:
			switch id {
			case "Prev", "Next", "Path":
				v = value{k: kCovered}
			case "Steps":
				v = value{k: kStep}
			case "Tags":
				v = value{k: kSiteSet}
			default:
				v = value{k: kOther}
			}
		case kHome:
			if id == "Tags" {
				v = value{k: kSiteSet}
			} else {
				v = value{k: kOther}
			}
		case kSite:
			switch id {
			case "Home":
				rd.r.Home = true
				v = value{k: kHome}
			case "Sections":
				v = value{k: kSiteSet}
			case "Tags":
				// Whether there are tags (the menu's link to them) is in what every page
				// shows; which they are, only where they are read.
				v = value{k: kSiteTags}
				if last && !lightly {
					rd.r.Tags = true
				}
			case "Plain":
				v = value{k: kOther} // the menu: every plain page's card is in what every page shows
			default:
				if listFields[id] && !lightly {
					rd.r.AllLists = true
				}
				v = value{k: kOther}
			}
		case kSiteTags:
			rd.r.Tags = true // a method or a field of the list: read as a whole
			v = value{k: kOther}
		case kSiteSet:
			if listFields[id] && !lightly {
				rd.r.AllLists = true
			}
			v = value{k: kOther}
			if !listFields[id] {
				v = value{k: kSiteSet}
			}
		case kCovered:
			// The plan lists these pages' cards, and for a path the cards of its steps;
			// their tags are the site's. A neighbour's neighbour (.Page.Prev.Prev) is
			// listed nowhere: it may be any page.
			switch id {
			case "Tags":
				v = value{k: kSiteSet}
			case "Prev", "Next":
				rd.r.AllLists = true
				v = value{k: kOther}
			}
		case kStep, kStepNear:
			switch id {
			case "Prev", "Next":
				if v.k == kStepNear {
					rd.r.AllLists = true // a step two away: listed nowhere
					v = value{k: kOther}
				} else {
					v = value{k: kStepNear}
				}
			case "Path", "Stage":
				v = value{k: kStepPath}
			case "Page":
				v = value{k: kCovered}
			default:
				v = value{k: kOther}
			}
		case kStepPath:
			switch {
			case id == "Page":
				v = value{k: kCovered}
			case listFields[id] && !(last && u != useFull):
				rd.r.AllLists = true
				v = value{k: kOther}
			default:
				v = value{k: kOther}
			}
		case kDict:
			x, ok := v.dict[id]
			if !ok {
				x = value{k: kOther}
			}
			v = x
		default:
			if listFields[id] && !(last && u != useFull) {
				rd.r.AllLists = true
			}
			v = value{k: kOther}
		}
	}
	return v
}
