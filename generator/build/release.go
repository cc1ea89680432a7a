package build

import (
	"sync/atomic"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/generator/site"
)

// bodyUses lets each page's converted HTML go, in a build that keeps nothing for a next
// one, once the last output that shows it is rendered and the search index has read it:
// held until the end of the build, the HTML of 10,000 pages (about 80 MB) was the largest
// part of what rendering kept live, and memory that the rest of rendering could not reuse.
//
// Every page's HTML is held (one use each) from before the search index starts until the
// outputs are planned and the feed made, which may read any page's; then each output's
// reads are counted from what it shows (its plan entry's whole pages, widened by what its
// layout reads, as a rebuild finds which outputs to render again), the hold is let go, and
// each output says Done once rendered, as the index does once it has read a page. A read
// nobody counted panics (markdown.Body), and the build fails naming the output, rather
// than writing a page without its HTML.
type bodyUses struct {
	pages []*site.Page // whose HTML is held
	outs  map[*render.Output][]*markdown.Body
	gone  atomic.Int64 // bodies let go
}

// holdBodies holds every page's HTML of s for a streamed build, counting the search
// index's read of each page it indexes; nil for any other build, which keeps them all,
// and for one that holds no page's HTML in memory (a library larger than its budget keeps
// it all in the spill file, whose pages the system's cache holds: 100,000 pages): there
// counting would cost and let go of nothing.
func (b *Builder) holdBodies(s *site.Site) *bodyUses {
	if b.sink == nil || b.late || b.heldHTML() == 0 {
		return nil
	}
	u := &bodyUses{pages: allPages(s)}
	for _, p := range u.pages {
		p.Body.Use(1)
	}
	if !b.noIndex {
		for _, p := range s.Pages {
			if search.Indexed(p) {
				p.Body.Use(1)
			}
		}
	}
	return u
}

// count counts the reads of the pages' HTML that rendering todo makes, and lets go of the
// hold. When an output may read the HTML of any page (a layout showing other pages'
// bodies on a list of every page), or of one it cannot name, the hold stays: nothing is
// let go.
func (u *bodyUses) count(b *Builder, s *site.Site, todo []*render.Output) {
	if u == nil {
		return
	}
	byFile := make(map[string]*site.Page, len(u.pages))
	for _, p := range u.pages {
		byFile[p.File] = p
	}
	outs := make(map[*render.Output][]*markdown.Body, len(todo))
	for _, o := range todo {
		d := b.depsOf(o)
		if d.bodies {
			return
		}
		var bodies []*markdown.Body
		for _, dep := range d.deps {
			if dep.Shows != render.Whole {
				continue
			}
			p, ok := byFile[dep.File]
			if !ok {
				return
			}
			if p.Body != nil {
				bodies = append(bodies, p.Body)
			}
		}
		if d.home && s.Home.Body != nil {
			bodies = append(bodies, s.Home.Body)
		}
		outs[o] = bodies
	}
	for _, bodies := range outs {
		for _, body := range bodies {
			body.Use(1)
		}
	}
	u.outs = outs
	for _, p := range u.pages {
		u.done(p.Body)
	}
}

// rendered says o is rendered: the HTML it read may go.
func (u *bodyUses) rendered(o *render.Output) {
	if u == nil || u.outs == nil {
		return
	}
	for _, body := range u.outs[o] {
		u.done(body)
	}
}

func (u *bodyUses) done(body *markdown.Body) {
	if body.Done() {
		u.gone.Add(1)
	}
}

// report records in b, for tests, how many pages' HTML was held and how many of them let
// go by the end of the build.
func (u *bodyUses) report(b *Builder) {
	if u == nil {
		return
	}
	held := 0
	for _, p := range u.pages {
		if p.Body != nil {
			held++
		}
	}
	b.htmlHeld, b.htmlLetGo = held, int(u.gone.Load())
}
