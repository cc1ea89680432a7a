package render

import (
	"strconv"

	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/theme"
)

// Data is what every layout receives as its dot.
type Data struct {
	Site *site.Site
	// Page is the page being rendered. List pages (section, tags, tag, search, 404) get a
	// page made for them, so .Page.Title, .Page.URL and .Page.Kind always work.
	Page *site.Page
	// Layout is the layout's name: home, article, guide, worksheet, page, path, booklet,
	// section, tags, tag, search, 404, alias.
	Layout  string
	Section *site.Section // on section lists
	Tag     *site.Tag     // on a tag page
	Path    *site.Path    // on a path page and its booklet
	Target  string        // on an alias page: the path it redirects to, on the host that serves it
	Pager   *Pager        // on a list of more pages than config.toml's paginate: which page this is
}

// PieceDot is what the theme's pieces made in Go read of the dot (theme.DotHolder): they
// cannot name this type.
func (d *Data) PieceDot() theme.Dot {
	return theme.Dot{Layout: d.Layout, Site: d.Site, Page: d.Page, Section: d.Section, Paged: d.Pager != nil}
}

// Pager is where a page of a paginated list (a section, a tag) stands among the list's
// pages. On such a page, .Section.Pages or .Tag.Pages hold only this page's entries.
type Pager struct {
	Number int // this page's number, from 1
	Count  int // how many pages the list has
	Total  int // how many entries the whole list has
	// First, Prev, Next and Last are URLs; Prev and Next are "" at the ends.
	First, Prev, Next, Last string
	// Links are the page numbers to show: the first, the last, and the ones around this
	// page; a Gap link stands for the numbers left out between two others.
	Links []PagerLink
}

// PagerLink is one page number of a Pager: the theme's pager piece reads them as they are.
type PagerLink = theme.PagerLink

// PiecePager is what the theme's pager piece reads of p (theme.Paging); ok is false for a
// list of one page, which has no Pager.
func (p *Pager) PiecePager() (prev, next string, links []PagerLink, ok bool) {
	if p == nil {
		return "", "", nil, false
	}
	return p.Prev, p.Next, p.Links, true
}

// DefaultPaginate is how many entries a list page shows when config.toml does not say.
const DefaultPaginate = site.DefaultPaginate

// pagers splits n entries into pages of per; first is the list's URL (its first page), and
// page k > 1 is at first + "page/k/". It returns one Pager per page, or none when one page
// holds them all.
func pagers(n, per int, first string) []*Pager {
	if per <= 0 {
		per = DefaultPaginate
	}
	count := (n + per - 1) / per
	if count <= 1 {
		return nil
	}
	url := func(k int) string {
		if k == 1 {
			return first
		}
		return first + "page/" + strconv.Itoa(k) + "/"
	}
	out := make([]*Pager, count)
	for k := 1; k <= count; k++ {
		p := &Pager{Number: k, Count: count, Total: n, First: url(1), Last: url(count)}
		if k > 1 {
			p.Prev = url(k - 1)
		}
		if k < count {
			p.Next = url(k + 1)
		}
		last := 0
		for j := 1; j <= count; j++ {
			// Two on each side of this page, and the ends: at most 7 numbers and 2 gaps,
			// which fit one row on a phone.
			if j != 1 && j != count && (j < k-2 || j > k+2) {
				continue
			}
			if last != 0 && j > last+1 {
				p.Links = append(p.Links, PagerLink{Gap: true})
			}
			p.Links = append(p.Links, PagerLink{Number: j, URL: url(j), Current: j == k})
			last = j
		}
		out[k-1] = p
	}
	return out
}
