package build

import (
	"crypto/sha256"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/theme"
)

// The fingerprints below are what decides which outputs a rebuild re-renders. They are taken
// from whole values of the model, not from lists of fields, so that a field added to
// site.Page or site.Site is in them without anyone remembering to add it: the cost of a
// forgotten field would be a served page that differs from a fresh build.

// cardPrint fingerprints what lists show of a page: every field of its model page but the
// body (theme.BodyFields), with the tags as its file writes them (their display names are
// the site's, in sitePrint). p is the page as NewPage made it, before assembly linked it to
// others.
func cardPrint(p *site.Page, tags []string) string {
	c := *p
	zero(&c, theme.BodyFields, true)
	return fingerprint(fmt.Sprintf("%#v|%q", c, tags))
}

// bodyPrint fingerprints the body fields of a page.
func bodyPrint(p *site.Page) string {
	c := *p
	zero(&c, theme.BodyFields, false)
	// Hashed as it is formatted: a page's HTML copied into a string, and that into bytes,
	// for every page was as much memory again as all the pages' HTML.
	h := sha256.New()
	h.Write([]byte(c.Content()))
	fmt.Fprintf(h, "|%v|%v|%v", c.TOC, c.ShowTOC, c.WordCount)
	return string(h.Sum(nil)[:12])
}

// zero sets to their zero value the fields of *p named in names (when in is true) or not
// named in names (when in is false).
func zero(p *site.Page, names map[string]bool, in bool) {
	v := reflect.ValueOf(p).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if names[t.Field(i).Name] == in && t.Field(i).IsExported() {
			v.Field(i).SetZero()
		}
	}
}

// pathPrint fingerprints what a path page's card adds to the page's own: its steps in their
// stages, its minutes, slug and keys.
func pathPrint(p *site.Path) string {
	if p == nil {
		return ""
	}
	c := *p
	c.Page, c.Stages, c.Steps = nil, nil, nil
	s := fmt.Sprintf("%#v", c)
	for _, st := range p.Stages {
		s += "|" + st.Title + ":"
		for _, step := range st.Steps {
			s += fmt.Sprintf("%d=%s;", step.Index, step.ID)
		}
	}
	return s
}

// sitePrint fingerprints what every page may show of the whole site: its settings and
// params, whether each of its lists is empty (the menu shows a section only when it has
// pages, and the tags when there are any), the sections' titles and introductions, the
// menu's plain pages, and, when a layout shows them, the home page and the build date. When
// it changes, everything re-renders. The tags themselves are in tagPrints: a tag new to the
// library re-rendered all 10,000 pages of a library whose pages show only their own tags.
func (b *Builder) sitePrint(s *site.Site) string {
	reads := b.allReads()
	c := *s
	c.Home, c.Pages, c.Sections, c.Plain, c.Tags, c.Paths, c.Unlisted = nil, nil, nil, nil, nil, nil, nil
	if !reads.BuildDate {
		c.BuildDate = time.Time{}
	}
	var sb strings.Builder
	exportedPrint(&sb, c)
	fmt.Fprintf(&sb, "|%t|%t|%t|%t", len(s.Pages) > 0, len(s.Tags) > 0, len(s.Paths) > 0, len(s.Unlisted) > 0)
	for _, p := range s.Plain {
		fmt.Fprintf(&sb, "|plain %s %s", p.File, b.cardOf(p))
	}
	for _, sec := range s.Sections {
		c := *sec
		c.Pages = nil
		fmt.Fprintf(&sb, "|%#v %t", c, len(sec.Pages) > 0)
	}
	if reads.Home {
		fmt.Fprintf(&sb, "|home %s", b.cardOf(s.Home))
		if reads.HomeBody {
			fmt.Fprintf(&sb, " %s", bodyPrint(s.Home))
		}
	}
	return fingerprint(sb.String())
}

// exportedPrint writes the exported fields of the struct v, all that a layout can read of
// it. A site's unexported index of addresses (for Site.Serves) is three maps of every page's
// address, which the pages' own prints and the plan already follow: formatted with the rest,
// it took 37 ms of every rebuild of a library of 10,000 pages (CPU profile of 20 rebuilds
// after tag edits, 2 cores).
func exportedPrint(w io.Writer, v any) {
	rv := reflect.ValueOf(v)
	for i := 0; i < rv.NumField(); i++ {
		if f := rv.Type().Field(i); f.IsExported() {
			fmt.Fprintf(w, "%s:%#v|", f.Name, rv.Field(i).Interface())
		}
	}
}

// tagPrints fingerprints each tag by its slug: what a page showing it may show (its name,
// its address, whether it has pages and paths). A tag whose print changes, comes or goes is
// shown anew by the layouts that read every tag (theme.Reads.Tags), by its own tag pages, and
// wherever a page that has it is shown (tagChanges).
func tagPrints(s *site.Site) map[string]string {
	prints := make(map[string]string, len(s.Tags))
	for _, t := range s.Tags {
		prints[t.Slug] = fmt.Sprintf("%q %q %t %t", t.Name, t.URL, len(t.Pages) > 0, len(t.Paths) > 0)
	}
	return prints
}

// tagChanges returns the slugs of the tags whose prints differ between a and b (a new tag,
// one gone, one named anew) and the content files of the pages of s that have one of them:
// what those pages show of their tags changed, as if their cards had.
func tagChanges(a, b map[string]string, s *site.Site) (slugs, files map[string]bool) {
	slugs = changedKeys(a, b)
	if len(slugs) == 0 {
		return nil, nil
	}
	files = map[string]bool{}
	for _, p := range allPages(s) {
		for _, t := range p.Tags {
			if slugs[t.Slug] {
				files[p.File] = true
				break
			}
		}
	}
	return slugs, files
}

// cardOf is the card print of a page of the model, as kept by its entry; a page made by the
// site itself (the home page when there is no _index.md) is printed whole.
func (b *Builder) cardOf(p *site.Page) string {
	if e := b.entries[p.File]; e != nil && e.made != nil {
		return e.card + pathPrint(p.Path)
	}
	return cardPrint(p, nil)
}

// allReads is what any layout of the theme reads.
func (b *Builder) allReads() theme.Reads {
	var all theme.Reads
	for _, l := range theme.Layouts {
		r := b.theme.Reads(l)
		all.OtherBodies = all.OtherBodies || r.OtherBodies
		all.Home = all.Home || r.Home && l != "home"
		all.HomeBody = all.HomeBody || r.HomeBody && l != "home"
		all.AllLists = all.AllLists || r.AllLists
		all.BuildDate = all.BuildDate || r.BuildDate
	}
	return all
}

// depsOf is what an output shows, as the dirty check and the short way for text edits use
// it: the plan's dependencies, widened by what its layout reads.
type outDeps struct {
	deps    []render.Dep
	listing bool // any page's card may be on it
	bodies  bool // and with its listing, any page's body
	home    bool // it shows the home page's body
	tags    bool // it shows every tag of the site
}

func (b *Builder) depsOf(o *render.Output) outDeps {
	r := b.theme.Reads(o.Layout)
	d := outDeps{deps: o.Deps, listing: o.Listing || r.AllLists, home: r.HomeBody, tags: r.Tags}
	d.bodies = d.listing && r.OtherBodies
	own := ""
	if r.OwnBody && o.Data.Page != nil {
		own = o.Data.Page.File
	}
	if r.OtherBodies || own != "" {
		d.deps = make([]render.Dep, len(o.Deps))
		for i, dep := range o.Deps {
			if r.OtherBodies || dep.File == own {
				dep.Shows = render.Whole
			}
			d.deps[i] = dep
		}
	}
	return d
}

// samePager reports whether two list pages stand in the same place among their list's pages,
// with as many pages and entries in the whole list.
func samePager(a, b *render.Pager) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Number == b.Number && a.Count == b.Count && a.Total == b.Total && a.First == b.First &&
		a.Prev == b.Prev && a.Next == b.Next && a.Last == b.Last && slices.Equal(a.Links, b.Links)
}
