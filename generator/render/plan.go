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
	// Deps names the content files this output shows: "c:FILE" for a file whose whole
	// content it shows, "m:FILE" for one whose title, summary, URL and such it shows. The
	// builder re-renders an output when one of these changes, or when the list itself does.
	Deps []string
	// Listing says the output shows what lists show of every listed page (the home page, the
	// tags index): any such change re-renders it.
	Listing bool
}

// Render runs the output's layout.
func (o *Output) Render(t *theme.Theme) ([]byte, error) {
	return t.Execute(o.Layout, o.Data)
}

// Plan lists every templated output of the site. Lists longer than per entries (section
// and tag pages) are split into pages of per; per <= 0 means DefaultPaginate.
func Plan(s *site.Site, per int) []*Output {
	if per <= 0 {
		per = DefaultPaginate
	}
	out := make([]*Output, 0, len(s.Pages)+len(s.Unlisted)+len(s.Tags)+16)
	base := strings.TrimPrefix(s.BasePath, "/")
	file := func(url string) string {
		return strings.TrimPrefix(strings.TrimPrefix(url, "/"), base) + "index.html"
	}
	// Deps are listed in an order that depends only on the site, so two plans of one site
	// compare equal without sorting.
	add := func(o *Output) { out = append(out, o) }
	d := func(layout string, p *site.Page) *Data { return &Data{Site: s, Page: p, Layout: layout} }

	// The home page shows recent pages, paths and their next steps: any listed page's
	// title or summary may be on it.
	home := &Output{Path: "index.html", Layout: "home", Data: d("home", s.Home), Listing: true}
	if s.Home.File != "" {
		home.Deps = append(home.Deps, "c:"+s.Home.File)
	}
	add(home)

	all := append([]*site.Page{}, s.Pages...)
	all = append(all, unlisted(s)...)
	for _, p := range all {
		if p.Kind == "home" {
			continue
		}
		layout := p.Kind
		o := &Output{Path: file(p.URL), Layout: layout, Data: d(layout, p), Deps: []string{"c:" + p.File}}
		if p.Prev != nil {
			o.Deps = append(o.Deps, "m:"+p.Prev.File)
		}
		if p.Next != nil {
			o.Deps = append(o.Deps, "m:"+p.Next.File)
		}
		for _, st := range p.Steps {
			o.Deps = append(o.Deps, "m:"+st.Path.Page.File)
			if st.Prev != nil {
				o.Deps = append(o.Deps, "m:"+st.Prev.Page.File)
			}
			if st.Next != nil {
				o.Deps = append(o.Deps, "m:"+st.Next.Page.File)
			}
		}
		if p.Path != nil {
			o.Data.Path = p.Path
			for _, st := range p.Path.Steps {
				o.Deps = append(o.Deps, "m:"+st.Page.File)
			}
			add(o)
			b := &Output{Path: file(p.Path.PrintURL), Layout: "booklet", Data: d("booklet", p), Deps: []string{"c:" + p.File}}
			b.Data.Path = p.Path
			for _, st := range p.Path.Steps {
				b.Deps = append(b.Deps, "c:"+st.Page.File)
			}
			add(b)
			continue
		}
		add(o)
		for _, a := range p.Aliases {
			if a == "" {
				continue
			}
			ap := site.AliasPath(a)
			ad := d("alias", p)
			ad.Target = p.Permalink
			add(&Output{Path: ap, Layout: "alias", Data: ad, Deps: []string{"m:" + p.File}})
		}
	}

	for _, sec := range s.Sections {
		sp := &site.Page{Kind: "section", Title: sec.Title, URL: sec.URL, Permalink: s.BaseURL + sec.Name + "/", Section: sec.Name}
		pagers := pagers(len(sec.Pages), per, sec.URL)
		if pagers == nil {
			o := &Output{Path: sec.Name + "/index.html", Layout: "section", Data: d("section", sp)}
			o.Data.Section = sec
			for _, p := range sec.Pages {
				o.Deps = append(o.Deps, listDeps(p)...)
			}
			add(o)
			continue
		}
		for _, pg := range pagers {
			// Each page of the list gets the section with its own share of the entries, so
			// that a layout ranging over .Section.Pages shows one page's worth.
			part := *sec
			part.Pages = sec.Pages[(pg.Number-1)*per : min(pg.Number*per, len(sec.Pages))]
			pp := pagedPage(sp, pg)
			o := &Output{Path: file(pp.URL), Layout: "section", Data: d("section", pp)}
			o.Data.Section = &part
			o.Data.Pager = pg
			for _, p := range part.Pages {
				o.Deps = append(o.Deps, listDeps(p)...)
			}
			add(o)
		}
	}

	tagsPage := &site.Page{Kind: "tags", URL: s.BasePath + "tags/", Permalink: s.BaseURL + "tags/"}
	to := &Output{Path: "tags/index.html", Layout: "tags", Data: d("tags", tagsPage), Listing: true}
	for _, t := range s.Tags {
		tp := &site.Page{Kind: "tag", Title: t.Name, URL: t.URL, Permalink: s.BaseURL + "tags/" + t.Slug + "/"}
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
			o := &Output{Path: file(pp.URL), Layout: "tag", Data: d("tag", pp)}
			o.Data.Tag = part
			o.Data.Pager = pg
			for _, p := range part.Pages {
				o.Deps = append(o.Deps, "m:"+p.File)
			}
			for _, p := range part.Paths {
				o.Deps = append(o.Deps, listDeps(p.Page)...)
			}
			add(o)
		}
	}
	add(to)
	add(&Output{Path: "search/index.html", Layout: "search", Data: d("search", &site.Page{Kind: "search", URL: s.BasePath + "search/", Permalink: s.BaseURL + "search/"})})
	// My notes reads the answers from the browser's storage; the page itself is the frame.
	add(&Output{Path: "notes/index.html", Layout: "notes", Data: d("notes", &site.Page{Kind: "notes", URL: s.BasePath + "notes/", Permalink: s.BaseURL + "notes/"})})
	add(&Output{Path: "404.html", Layout: "404", Data: d("404", &site.Page{Kind: "404", URL: s.BasePath + "404.html", Permalink: s.BaseURL + "404.html"})})
	return out
}

// listDeps is what a list shows of a page: its own title and summary and, for a path's
// card, its steps.
func listDeps(p *site.Page) []string {
	deps := []string{"m:" + p.File}
	if p.Path != nil {
		for _, st := range p.Path.Steps {
			deps = append(deps, "m:"+st.Page.File)
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
