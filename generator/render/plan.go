package render

import (
	"strconv"
	"strings"

	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/theme"
)

// Output is one file of the site to produce from a layout.
type Output struct {
	Path   string // "articles/x/index.html"
	Layout string
	Data   *Data
	// Deps names the content files this output shows and how much of each. The builder
	// re-renders an output when what it shows of one of them changes, or when the list
	// itself does.
	Deps []Dep
	// Listing says the output shows what lists show of every listed page (the home page, the
	// tags index): any such change re-renders it.
	Listing bool
}

// Dep is one content file an output shows.
type Dep struct {
	File  string // "content/articles/x.md"
	Shows Shows
}

// Shows says how much of a page an output shows.
type Shows uint8

const (
	// Card is what lists, neighbours and path blocks show of a page: every field of its
	// site.Page but the body (site.Page.Card).
	Card Shows = iota
	// Whole is the card and the body: the page's own output, a booklet's steps.
	Whole
)

func card(p *site.Page) Dep  { return Dep{File: p.File, Shows: Card} }
func whole(p *site.Page) Dep { return Dep{File: p.File, Shows: Whole} }

// Render runs the output's layout.
func (o *Output) Render(t *theme.Theme) ([]byte, error) {
	return t.Execute(o.Layout, o.Data)
}

// Plan lists every templated output of the site. Lists longer than per entries (section
// and tag pages) are split into pages of per; per <= 0 means DefaultPaginate.
func Plan(s *site.Site, per int) []*Output {
	pl := newPlanner(s, per)
	out := make([]*Output, 0, len(s.Pages)+len(s.Unlisted)+len(s.Tags)+16)
	// Deps are listed in an order that depends only on the site, so two plans of one site
	// compare equal without sorting.

	// The home page shows recent pages, paths and their next steps: any listed page's
	// title or summary may be on it.
	home := &Output{Path: "index.html", Layout: "home", Data: pl.d("home", s.Home), Listing: true}
	if s.Home.File != "" {
		home.Deps = append(home.Deps, whole(s.Home))
	}
	out = append(out, home)
	for _, list := range [][]*site.Page{s.Pages, unlisted(s)} {
		for _, p := range list {
			out = pl.page(out, p)
		}
	}
	for _, sec := range s.Sections {
		out = pl.section(out, sec)
	}
	for _, t := range s.Tags {
		out = pl.tag(out, t)
	}
	tagsPage := &site.Page{Kind: "tags", URL: s.BasePath + "tags/", Permalink: s.BaseURL + "tags/", Translations: site.Alternates(s.Languages, site.Everywhere("tags/"))}
	out = append(out, &Output{Path: "tags/index.html", Layout: "tags", Data: pl.d("tags", tagsPage), Listing: true})
	every := func(up string) []site.Translation { return site.Alternates(s.Languages, site.Everywhere(up)) }
	out = append(out, &Output{Path: "search/index.html", Layout: "search", Data: pl.d("search", &site.Page{Kind: "search", URL: s.BasePath + "search/", Permalink: s.BaseURL + "search/", Translations: every("search/")})})
	// My notes reads the answers from the browser's storage; the page itself is the frame.
	out = append(out, &Output{Path: "notes/index.html", Layout: "notes", Data: pl.d("notes", &site.Page{Kind: "notes", URL: s.BasePath + "notes/", Permalink: s.BaseURL + "notes/", Translations: every("notes/")})})
	// The not-found page is shown at any address: the switch leads to the other homes.
	notFound := site.Alternates(s.Languages, func(l string) (string, bool) { return "404.html", l == s.Language })
	out = append(out, &Output{Path: "404.html", Layout: "404", Data: pl.d("404", &site.Page{Kind: "404", URL: s.BasePath + "404.html", Permalink: s.BaseURL + "404.html", Translations: notFound})})
	return out
}

// Replan returns plan, the Plan of s before site.Update moved what moved names, as Plan
// would make it of s now: the outputs of the moved pages (and of edited, whose own
// fields changed), sections and tags are made again, in the places of their old ones, and
// every other output is kept as it was. dropped are the outputs replaced, added the new
// ones. Its order may differ from Plan's where pages moved in s.Pages, which no output
// depends on, and where a tag came (moved.Added), whose outputs come last.
func Replan(s *site.Site, per int, plan []*Output, moved site.Moved, edited []*site.Page) (out, dropped, added []*Output) {
	pl := newPlanner(s, per)
	pages := map[*site.Page]bool{}
	for _, list := range [][]*site.Page{moved.Pages, edited} {
		for _, p := range list {
			pages[p] = true
		}
	}
	sections := map[string]*site.Section{}
	for _, sec := range moved.Sections {
		sections[sec.Name] = sec
	}
	tags := map[string]*site.Tag{}
	for _, t := range moved.Tags {
		tags[t.Slug] = t
	}
	gone := map[string]bool{}
	for _, t := range moved.Gone {
		gone[t.Slug] = true
	}
	done := map[any]bool{} // the groups made again, by page, section name or tag slug
	out = make([]*Output, 0, len(plan))
	for _, o := range plan {
		var key any
		var regen func([]*Output) []*Output
		switch {
		case o.Layout == "tag" && o.Data.Tag != nil && gone[o.Data.Tag.Slug]:
			dropped = append(dropped, o)
			continue
		case o.Layout == "section" && o.Data.Section != nil && sections[o.Data.Section.Name] != nil:
			sec := sections[o.Data.Section.Name]
			key, regen = "section "+sec.Name, func(out []*Output) []*Output { return pl.section(out, sec) }
		case o.Layout == "tag" && o.Data.Tag != nil && tags[o.Data.Tag.Slug] != nil:
			t := tags[o.Data.Tag.Slug]
			key, regen = "tag "+t.Slug, func(out []*Output) []*Output { return pl.tag(out, t) }
		case o.Layout != "home" && o.Data.Page != nil && pages[o.Data.Page]:
			p := o.Data.Page
			key, regen = p, func(out []*Output) []*Output { return pl.page(out, p) }
		default:
			out = append(out, o)
			continue
		}
		dropped = append(dropped, o)
		if !done[key] {
			done[key] = true
			n := len(out)
			out = regen(out)
			added = append(added, out[n:]...)
		}
	}
	// A tag that came: its pages, at the end.
	for _, t := range moved.Added {
		n := len(out)
		out = pl.tag(out, t)
		added = append(added, out[n:]...)
	}
	return out, dropped, added
}

// planner makes the outputs of one site's plan.
type planner struct {
	s    *site.Site
	per  int
	base string
}

func newPlanner(s *site.Site, per int) *planner {
	if per <= 0 {
		per = DefaultPaginate
	}
	return &planner{s: s, per: per, base: strings.TrimPrefix(s.BasePath, "/")}
}

func (pl *planner) file(url string) string {
	return strings.TrimPrefix(strings.TrimPrefix(url, "/"), pl.base) + "index.html"
}

func (pl *planner) d(layout string, p *site.Page) *Data {
	return &Data{Site: pl.s, Page: p, Layout: layout}
}

// page appends the outputs of a page: its own, its booklet when it is a path, its aliases.
func (pl *planner) page(out []*Output, p *site.Page) []*Output {
	if p.Kind == "home" {
		return out
	}
	layout := p.Kind
	// Room for the neighbours' cards: the page's own, grown for each, was two more
	// allocations a page.
	o := &Output{Path: pl.file(p.URL), Layout: layout, Data: pl.d(layout, p), Deps: append(make([]Dep, 0, 3), whole(p))}
	if p.Prev != nil {
		o.Deps = append(o.Deps, card(p.Prev))
	}
	if p.Next != nil {
		o.Deps = append(o.Deps, card(p.Next))
	}
	for _, st := range p.Steps {
		o.Deps = append(o.Deps, card(st.Path.Page))
		if st.Prev != nil {
			o.Deps = append(o.Deps, card(st.Prev.Page))
		}
		if st.Next != nil {
			o.Deps = append(o.Deps, card(st.Next.Page))
		}
	}
	if p.Path != nil {
		o.Data.Path = p.Path
		for _, st := range p.Path.Steps {
			o.Deps = append(o.Deps, card(st.Page))
		}
		out = append(out, o)
		b := &Output{Path: pl.file(p.Path.PrintURL), Layout: "booklet", Data: pl.d("booklet", p), Deps: []Dep{whole(p)}}
		b.Data.Path = p.Path
		for _, st := range p.Path.Steps {
			b.Deps = append(b.Deps, whole(st.Page))
		}
		return append(out, b)
	}
	out = append(out, o)
	for _, a := range p.Aliases {
		if a == "" {
			continue
		}
		ap := site.AliasPath(a)
		ad := pl.d("alias", p)
		// The page's path, not its permalink: served from anywhere but baseURL's host (the
		// preview, a mirror, a test host), a redirect to the permalink leaves that host.
		ad.Target = p.URL
		// The alias layout gets the whole page, neighbours and steps too: it shows
		// what the page shows of them, and its own body only if it shows it.
		deps := append([]Dep{card(p)}, o.Deps[1:]...)
		out = append(out, &Output{Path: ap, Layout: "alias", Data: ad, Deps: deps})
	}
	return out
}

// section appends the pages of a section's list.
func (pl *planner) section(out []*Output, sec *site.Section) []*Output {
	s, per := pl.s, pl.per
	sp := &site.Page{Kind: "section", Title: sec.Title, URL: sec.URL, Permalink: s.BaseURL + sec.Name + "/", Section: sec.Name,
		Translations: site.Alternates(s.Languages, site.Everywhere(sec.Name+"/"))}
	pagers := pagers(len(sec.Pages), per, sec.URL)
	if pagers == nil {
		o := &Output{Path: sec.Name + "/index.html", Layout: "section", Data: pl.d("section", sp)}
		o.Data.Section = sec
		for _, p := range sec.Pages {
			o.Deps = append(o.Deps, listDeps(p)...)
		}
		return append(out, o)
	}
	for _, pg := range pagers {
		// Each page of the list gets the section with its own share of the entries, so
		// that a layout ranging over .Section.Pages shows one page's worth.
		part := *sec
		part.Pages = sec.Pages[(pg.Number-1)*per : min(pg.Number*per, len(sec.Pages))]
		pp := pagedPage(sp, pg)
		o := &Output{Path: pl.file(pp.URL), Layout: "section", Data: pl.d("section", pp)}
		o.Data.Section = &part
		o.Data.Pager = pg
		for _, p := range part.Pages {
			o.Deps = append(o.Deps, listDeps(p)...)
		}
		out = append(out, o)
	}
	return out
}

// tag appends the pages of a tag's list.
func (pl *planner) tag(out []*Output, t *site.Tag) []*Output {
	s, per := pl.s, pl.per
	// A tag is a word of its language: the switch leads to the other languages' home.
	tp := &site.Page{Kind: "tag", Title: t.Name, URL: t.URL, Permalink: s.BaseURL + "tags/" + t.Slug + "/",
		Translations: site.Alternates(s.Languages, func(l string) (string, bool) { return "tags/" + t.Slug + "/", l == s.Language })}
	pagers := pagers(len(t.Pages), per, t.URL)
	if pagers == nil {
		pagers = []*Pager{nil}
	}
	for _, pg := range pagers {
		part, pp := t, tp
		if pg != nil {
			// The paths the tag gathers come first, on its first page only.
			cp := *t
			cp.Pages = t.Pages[(pg.Number-1)*per : min(pg.Number*per, len(t.Pages))]
			if pg.Number > 1 {
				cp.Paths = nil
			}
			part, pp = &cp, pagedPage(tp, pg)
		}
		o := &Output{Path: pl.file(pp.URL), Layout: "tag", Data: pl.d("tag", pp)}
		o.Data.Tag = part
		o.Data.Pager = pg
		for _, p := range part.Pages {
			o.Deps = append(o.Deps, card(p))
		}
		for _, p := range part.Paths {
			o.Deps = append(o.Deps, listDeps(p.Page)...)
		}
		out = append(out, o)
	}
	return out
}

// listDeps is what a list shows of a page: its own title and summary and, for a path's
// card, its steps.
func listDeps(p *site.Page) []Dep {
	deps := []Dep{card(p)}
	if p.Path != nil {
		for _, st := range p.Path.Steps {
			deps = append(deps, card(st.Page))
		}
	}
	return deps
}

// unlisted returns the pages that are built but listed nowhere.
func unlisted(s *site.Site) []*site.Page { return s.Unlisted }

// pagedPage is the page a list's page k stands for: the list's own page for the first,
// and for the others one at page/k/ whose title says which page it is.
func pagedPage(list *site.Page, pg *Pager) *site.Page {
	if pg.Number == 1 {
		return list
	}
	p := *list
	p.URL = list.URL + "page/" + strconv.Itoa(pg.Number) + "/"
	p.Permalink = list.Permalink + "page/" + strconv.Itoa(pg.Number) + "/"
	return &p
}
