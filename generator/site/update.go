package site

import (
	"slices"
	"strings"
	"time"

	"github.com/between-ssg/between/generator/slug"
)

// Edit is one content file as the last assembly had it (Old) and as it is now (New).
type Edit struct{ Old, New Input }

// Update changes s, a model that Assemble made from inputs as they were before edits, into
// the model Assemble would make from inputs (as they are now): for a save that changes what
// lists show of a page (its title, description, date, weight, author, params, its tags
// among the site's tags) it gives each edited page its new fields and moves it in the
// lists it is in, rather than assembling the whole library again, which at 10,000 pages
// took more time than the rest of such a rebuild.
//
// A tag new to the library, or one whose last page leaves it, is followed too: the tag
// comes into s.Tags or leaves it.
//
// ok is false, with s unchanged, when an edit may change more than that: a URL or an
// alias, a page that is or makes a reading path, an unlisted page, the home page or a
// section's introduction, a tag that is named differently, a tag that comes or goes where
// an unlisted page names it (it shows only the tags listed pages have) or where a page
// has its address, a page with problems of its own in the assembly (had is the files that
// had). The caller then assembles from scratch, which gives the same model. moved says
// which lists changed their order or members, and whose neighbours changed: what shows
// them is planned again.
func Update(s *Site, inputs []Input, edits []Edit, had func(file string) bool, now time.Time) (moved Moved, ok bool) {
	changes, tags, touched, ok := planUpdate(s, inputs, edits, had)
	if !ok {
		return moved, false
	}
	// The edits stay within the model's shape: from here on, s changes.
	s.BuildDate = now
	applyUpdate(changes, tags)
	moved.Added, moved.Gone = updateTags(s, tags, touched)
	return resortUpdated(s, changes, tags, touched, moved), true
}

// updateTags puts the tags of touched that are new in s.Tags, in its order, and takes out
// those left with no page and no path, and returns both. s.Tags is a new slice when it
// changes: the last build's outputs may still be rendering from the old one.
func updateTags(s *Site, tags map[string]*Tag, touched map[string]bool) (added, gone []*Tag) {
	had := make(map[string]bool, len(s.Tags))
	for _, t := range s.Tags {
		had[t.Slug] = true
	}
	for ts := range touched {
		t := tags[ts]
		switch {
		case had[ts] && len(t.Pages) == 0 && len(t.Paths) == 0:
			gone = append(gone, t)
		case !had[ts]:
			added = append(added, t)
		}
	}
	if len(added) == 0 && len(gone) == 0 {
		return nil, nil
	}
	all := slices.DeleteFunc(slices.Clone(s.Tags), func(t *Tag) bool { return slices.Contains(gone, t) })
	all = append(all, added...)
	// As orderTags: two tags never have the same name in lower case (nor then the same slug).
	slices.SortFunc(all, func(a, b *Tag) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	s.Tags = all
	slices.SortFunc(added, func(a, b *Tag) int { return strings.Compare(a.Slug, b.Slug) })
	slices.SortFunc(gone, func(a, b *Tag) int { return strings.Compare(a.Slug, b.Slug) })
	return added, gone
}

// update is one edited page: its place in the model, the page made from its new text, and
// the slugs of its tags before and now.
type update struct {
	p        *Page
	made     *Page
	old, cur []string
}

// planUpdate checks that the edits stay within the model's shape and returns them with the
// model's tags by slug and the slugs of the tags an edit adds to or takes from a page.
func planUpdate(s *Site, inputs []Input, edits []Edit, had func(file string) bool) (changes []update, tags map[string]*Tag, touched map[string]bool, ok bool) {
	byFile := map[string]*Page{}
	for _, e := range edits {
		if e.Old.Page == nil || e.New.Page == nil {
			return nil, nil, nil, false
		}
		byFile[e.New.Page.File] = nil
	}
	for _, p := range s.Pages {
		if _, ok := byFile[p.File]; ok {
			byFile[p.File] = p
		}
	}
	derived := map[string]bool{} // the tags that paths are made from
	steps := map[*Page]bool{}    // the steps of every path, unlisted ones' too
	for _, list := range [][]*Page{s.Pages, s.Unlisted} {
		for _, p := range list {
			if p.Path == nil {
				continue
			}
			if p.Path.Tag != "" {
				derived[slug.Make(p.Path.Tag)] = true
			}
			for _, st := range p.Path.Steps {
				steps[st.Page] = true
			}
		}
	}
	tags = make(map[string]*Tag, len(s.Tags))
	for _, t := range s.Tags {
		tags[t.Slug] = t
	}
	touched = map[string]bool{}
	for _, e := range edits {
		o, n := e.Old, e.New
		if o.Page == nil || n.Page == nil || !o.Visible || !n.Visible || o.Doc == nil || n.Doc == nil || n.Made == nil ||
			o.Page.Rel != n.Page.Rel || o.Page.File != n.Page.File || had(n.Page.File) {
			return nil, nil, nil, false
		}
		op, np := o.Page, n.Page
		switch {
		case np.Kind != op.Kind || np.Section != op.Section, np.Kind == "home", np.Kind == "section", np.Kind == "path",
			np.Unlisted || op.Unlisted, URLPath(np) != URLPath(op), !slices.Equal(np.Aliases, op.Aliases):
			return nil, nil, nil, false
		}
		p := byFile[np.File]
		if p == nil || steps[p] || p.Path != nil {
			return nil, nil, nil, false
		}
		c := update{p: p, made: n.Made}
		var ok bool
		if c.old, ok = tagSlugs(op.Tags); !ok {
			return nil, nil, nil, false
		}
		if c.cur, ok = tagSlugs(np.Tags); !ok {
			return nil, nil, nil, false
		}
		for _, ts := range append(slices.Clone(c.old), c.cur...) {
			if derived[ts] {
				return nil, nil, nil, false // the page is or becomes a step of the tag's path
			}
		}
		// A tag written anew (another spelling of it too) may change its name.
		if !slices.Equal(op.Tags, np.Tags) {
			for _, ts := range append(slices.Clone(c.old), c.cur...) {
				touched[ts] = true
			}
		}
		changes = append(changes, c)
	}
	if len(changes) == 0 || len(changes) != len(edits) {
		return nil, nil, nil, false
	}
	if len(touched) > 0 && !sameTagNames(s, inputs, tags, touched) {
		return nil, nil, nil, false
	}
	return changes, tags, touched, true

}

// applyUpdate gives the edited pages their new fields, and their tags their new pages.
func applyUpdate(changes []update, tags map[string]*Tag) {
	for _, c := range changes {
		p, made := c.p, *c.made
		// What assembly links the page to stays: its aliases (the same), its tags (below),
		// its neighbours (below); it is no step and no path.
		made.Aliases, made.Former, made.Tags, made.Prev, made.Next = p.Aliases, p.Former, p.Tags, p.Prev, p.Next
		made.Steps, made.Path, made.PrintBody = nil, nil, nil
		*p = made
		if slices.Equal(c.old, c.cur) {
			continue
		}
		for _, ts := range c.old {
			t := tags[ts]
			t.Pages = slices.DeleteFunc(slices.Clone(t.Pages), func(x *Page) bool { return x == p })
		}
		p.Tags = make([]*Tag, len(c.cur))
		for i, ts := range c.cur {
			t := tags[ts]
			p.Tags[i] = t
			if !slices.Contains(t.Pages, p) {
				t.Pages = append(slices.Clone(t.Pages), p)
			}
		}
	}
}

// resortUpdated sorts again each list an edited page is in, and returns what moved.
func resortUpdated(s *Site, changes []update, tags map[string]*Tag, touched map[string]bool, moved Moved) Moved {
	resort := func(list []*Page, cmp func(a, b *Page) int) bool {
		if slices.IsSortedFunc(list, cmp) {
			return false
		}
		slices.SortFunc(list, cmp)
		return true
	}
	// Every order ends on the file's name, so a sorted list is the one Assemble makes; and
	// s.Pages and s.Plain are in no plan (the menu, in sitePrint, follows s.Plain).
	for _, c := range changes {
		p := c.p
		resort(s.Pages, newerCmp)
		for _, sec := range s.Sections {
			if sec.Name != p.Section || !resort(sec.Pages, listCmp) {
				continue
			}
			moved.Sections = append(moved.Sections, sec)
			for i, q := range sec.Pages {
				var prev, next *Page
				if i > 0 {
					prev = sec.Pages[i-1]
				}
				if i+1 < len(sec.Pages) {
					next = sec.Pages[i+1]
				}
				if q.Prev != prev || q.Next != next {
					q.Prev, q.Next = prev, next
					moved.Pages = append(moved.Pages, q)
				}
			}
		}
		if slices.Contains(s.Plain, p) {
			resort(s.Plain, weightTitleCmp)
		}
		for _, t := range p.Tags {
			if resort(t.Pages, listCmp) && !touched[t.Slug] {
				moved.Tags = append(moved.Tags, t)
			}
		}
	}
	for ts := range touched {
		t := tags[ts]
		slices.SortFunc(t.Pages, listCmp)
		if !slices.Contains(moved.Added, t) && !slices.Contains(moved.Gone, t) {
			moved.Tags = append(moved.Tags, t)
		}
	}
	return moved
}

// Moved is what an Update changed besides the fields of the edited pages: the pages whose
// neighbours changed, the sections and tags whose lists changed order or members (a
// tag's list, when it changed members, is a new slice), and the tags that came (Added)
// and went (Gone), which Tags does not name. A section or tag may be named twice.
type Moved struct {
	Pages       []*Page
	Sections    []*Section
	Tags        []*Tag
	Added, Gone []*Tag
}

// None reports whether nothing moved: only the edited pages' own fields changed.
func (m Moved) None() bool {
	return len(m.Pages) == 0 && len(m.Sections) == 0 && len(m.Tags) == 0 && len(m.Added) == 0 && len(m.Gone) == 0
}

// tagSlugs returns the slugs of a page's tags in the order they are written, once each;
// ok is false when a tag has no slug (a problem of the page's own).
func tagSlugs(names []string) (slugs []string, ok bool) {
	for _, name := range names {
		ts := slug.Make(name)
		if ts == "" {
			return nil, false
		}
		if !slices.Contains(slugs, ts) {
			slugs = append(slugs, ts)
		}
	}
	return slugs, true
}

// sameTagNames reports whether the tags of slugs touched keep their names after the edits
// (a tag is named as the first listed page, by content path, that has it writes it), and
// adds to tags those of touched that are new, named so. A tag new, or left with no page
// (and so, as no path names it either, gone), must be named by no unlisted page, whose
// tags are only those that listed pages have, and its page's address must be no page's.
func sameTagNames(s *Site, inputs []Input, tags map[string]*Tag, touched map[string]bool) bool {
	first := map[string]string{} // slug → the rel of the first page that has it, as things are now
	name := map[string]string{}
	var unlisted map[string]bool // the slugs of touched that an unlisted page names
	for i := range inputs {
		in := &inputs[i]
		pp := in.Page
		if !in.Visible || in.Doc == nil || pp.Kind == "section" {
			continue
		}
		for _, n := range pp.Tags {
			ts := slug.Make(n)
			if !touched[ts] {
				continue
			}
			if pp.Unlisted {
				if unlisted == nil {
					unlisted = map[string]bool{}
				}
				unlisted[ts] = true
				continue
			}
			if r, seen := first[ts]; !seen || pp.Rel < r {
				first[ts], name[ts] = pp.Rel, n
			}
		}
	}
	for ts := range touched {
		_, named := first[ts]
		switch t := tags[ts]; {
		case t != nil && named:
			if name[ts] != t.Name {
				return false
			}
		case unlisted[ts]:
			return false
		case t == nil:
			if _, taken := s.addrs.byURL["tags/"+ts+"/"]; taken {
				return false // an error of the assembly's (checkMadeURLs)
			}
		}
	}
	for ts := range touched {
		if tags[ts] == nil {
			tags[ts] = &Tag{Name: name[ts], Slug: ts, URL: s.BasePath + "tags/" + ts + "/"}
		}
	}
	return true
}
