package build

import (
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/site"
)

// renderSite renders the outputs that changed since the last good build (all of them when
// all is set or there is none) and returns the new Result with the state to keep.
func (b *Builder) renderSite(s *site.Site, changedLayoutFiles []string, all bool) (*Result, *state, error) {
	outs := render.Plan(s, b.cfg.Paginate)
	st := &state{deps: make(map[string][]string, len(outs)), meta: make(map[string]string, len(b.entries)),
		content: make(map[string]string, len(b.entries)), global: b.global(s)}
	for _, e := range b.entries {
		if e.doc != nil && e.page != nil {
			st.content[e.page.File] = e.content
		}
	}
	for _, p := range allPages(s) {
		own := ""
		if e := b.entries[p.File]; e != nil {
			own = e.meta
		}
		st.meta[p.File] = metaPrint(own, p)
	}
	prev := b.good
	if prev == nil || prev.global != st.global {
		all = true
	}
	listingChanged := all || len(prev.meta) != len(st.meta)
	if !listingChanged {
		for f, m := range st.meta {
			if prev.meta[f] != m {
				listingChanged = true
				break
			}
		}
	}
	// Layouts built from a changed file re-render in full.
	layoutDirty := map[string]bool{}
	for _, f := range changedLayoutFiles {
		if strings.HasPrefix(f, "i18n/") || strings.HasPrefix(f, "themes/") {
			all = true
		}
		for name, srcs := range b.theme.Sources {
			for _, src := range srcs {
				if src == f {
					layoutDirty[name] = true
				}
			}
		}
		// A new override file is in no layout's sources yet: match it by name.
		base := strings.TrimSuffix(strings.TrimPrefix(f, "layouts/"), ".html")
		if strings.HasPrefix(base, "partials/") || base == "baseof" {
			all = true
		}
		layoutDirty[base] = true
	}
	dirty := func(o *render.Output, key []string) bool {
		if all || layoutDirty[o.Layout] || o.Listing && listingChanged {
			return true
		}
		if !slices.Equal(prev.deps[o.Path], key) {
			return true
		}
		for _, d := range o.Deps {
			f := d[2:]
			if d[0] == 'm' && prev.meta[f] != st.meta[f] {
				return true
			}
			if d[0] == 'c' && (prev.content[f] != st.content[f] || prev.meta[f] != st.meta[f]) {
				return true
			}
		}
		return false
	}

	// A page or an alias must not take the place of a static file: an alias on
	// /css/main.css would replace the stylesheet with a redirect.
	var clash diag.List
	for _, o := range outs {
		if src, taken := b.theme.Static[o.Path]; taken && o.Data.Page != nil && o.Data.Page.File != "" {
			what := "this page's URL"
			if o.Layout == "alias" {
				what = "an alias of this page"
			}
			from := src.Origin
			if rest, ok := strings.CutPrefix(from, "theme:"); ok {
				from = "the theme's " + rest
			}
			clash.Add(o.Data.Page.File, 0, 0, "%s would replace the static file %s (from %s); change one of them", what, o.Path, from)
		}
	}
	// A page of a long list (articles/page/2/) must not take the place of a content page
	// that happens to have that URL, nor the other way round.
	byPath := make(map[string]*render.Output, len(outs))
	for _, o := range outs {
		if prev, dup := byPath[o.Path]; dup {
			for _, x := range []*render.Output{prev, o} {
				if x.Data.Page != nil && x.Data.Page.File != "" {
					clash.Add(x.Data.Page.File, 0, 0, "/%s is a page of a long list and also this page's URL or alias; change the slug or the alias", strings.TrimSuffix(o.Path, "index.html"))
				}
			}
			continue
		}
		byPath[o.Path] = o
	}
	clash = append(clash, b.checkNames(outs)...)
	if len(clash) > 0 {
		return nil, nil, clash.Sort()
	}
	files := make(map[string][]byte, len(outs)+len(b.static)+8)
	var todo []*render.Output
	for _, o := range outs {
		key := append(o.Deps, "layout:"+o.Layout)
		st.deps[o.Path] = key
		if prev != nil && !dirty(o, key) {
			if data, ok := prev.result.Files[o.Path]; ok {
				files[o.Path] = data
				continue
			}
		}
		todo = append(todo, o)
	}
	rendered, err := b.renderOutputs(todo)
	if err != nil {
		return nil, nil, err
	}
	for i, o := range todo {
		files[o.Path] = rendered[i]
	}
	for name, data := range b.static {
		if _, taken := files[name]; !taken {
			files[name] = data
		}
	}
	files["index.xml"] = render.Feed(s)
	if listingChanged {
		files["sitemap.xml"] = render.Sitemap(s)
	} else {
		files["sitemap.xml"] = prev.result.Files["sitemap.xml"]
	}
	if _, own := b.static["robots.txt"]; !own {
		files["robots.txt"] = render.Robots(s)
	}
	// Between sessions: what My notes, the home screen and the service worker need. A
	// site's own static file of the same name wins.
	app := render.Icons(s)
	app["notes/index.json"] = render.NotesIndex(s)
	app["manifest.webmanifest"] = render.Manifest(s)
	for name, data := range app {
		if _, own := b.static[name]; !own {
			files[name] = data
		}
	}
	b.offline(s, files)

	res := &Result{Files: files, Rendered: len(todo), Summary: summarize(s, len(files))}
	if prev != nil {
		res.Changed = diff(prev.result.Files, files)
	} else {
		for name := range files {
			res.Changed = append(res.Changed, name)
		}
		sort.Strings(res.Changed)
	}
	st.result = res
	st.plan = outs
	return res, st, nil
}

func allPages(s *site.Site) []*site.Page {
	out := append([]*site.Page{}, s.Pages...)
	out = append(out, s.Unlisted...)
	if s.Home.File != "" {
		out = append(out, s.Home)
	}
	return out
}

// ownMeta is what lists show of a page's own fields. Its tags are there as the file writes
// them; their display names are part of the global print.
func ownMeta(p *site.Page, tags []string) string {
	// The fields are in My notes' index (notes/index.json), which a text-only rebuild keeps.
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%d|%d|%d|%v|%v|%s|%s|%q|%v", p.Kind, p.Title, p.Description, p.URL, p.Date, p.Lastmod,
		p.Weight, p.Minutes, p.Fields, p.Unlisted, p.Repeat, p.Summary, p.Source, tags, p.Form)
}

// metaPrint is what lists, neighbours and paths show of a page: when it changes, every
// output that shows the page re-renders. own is ownMeta(p), kept from earlier builds, so
// for most pages the print is the very same string as last time and compares at once.
func metaPrint(own string, p *site.Page) string {
	if p.Path == nil {
		return own
	}
	var b strings.Builder
	b.WriteString(own)
	fmt.Fprintf(&b, "|%d|%d", len(p.Path.Steps), p.Path.Minutes)
	for _, st := range p.Path.Steps {
		b.WriteString(st.ID + ";")
	}
	return b.String()
}

// global is what every page shows of the whole site: the menu, section titles, tag names.
// When it changes, everything re-renders.
func (b *Builder) global(s *site.Site) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s|%s|%s|%s|%s|%s|", s.Title, s.Description, s.Author, s.Language, s.Paper, s.BaseURL)
	for _, p := range s.Plain {
		sb.WriteString(p.Title + ">" + p.URL + ";")
	}
	for _, sec := range s.Sections {
		fmt.Fprintf(&sb, "%s>%s;", sec.Title, sec.Intro)
	}
	for _, t := range s.Tags {
		sb.WriteString(t.Name + ";")
	}
	return fingerprint(sb.String())
}

// diff lists the files that differ between a and b. Files carried over from a share its
// bytes, so comparing their first byte's address settles most of them at once.
func diff(a, b map[string][]byte) []string {
	var out []string
	for name, data := range b {
		old, ok := a[name]
		if ok && len(old) == len(data) && (len(data) == 0 || &old[0] == &data[0]) {
			continue
		}
		if !ok || string(old) != string(data) {
			out = append(out, name)
		}
	}
	for name := range a {
		if _, ok := b[name]; !ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func summarize(s *site.Site, files int) Summary {
	sum := Summary{Paths: len(s.Paths), Tags: len(s.Tags), Files: files}
	for _, p := range allPages(s) {
		sum.Pages++
		if p.Kind == "worksheet" {
			sum.Worksheets++
		}
	}
	return sum
}

// renderOutputs runs the layouts of outs on all cores.
func (b *Builder) renderOutputs(outs []*render.Output) ([][]byte, error) {
	rendered := make([][]byte, len(outs))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, o := range outs {
		g.Go(func() error {
			data, err := o.Render(b.theme)
			if err != nil {
				file := "layouts/" + o.Layout + ".html"
				if srcs := b.theme.Sources[o.Layout]; len(srcs) > 0 {
					file = srcs[0] // where the layout really came from: the site, a theme, or the built-in one
				}
				line, col, msg := templateErr(err)
				return diag.List{{File: file, Line: line, Col: col, Msg: fmt.Sprintf("rendering %s: %s", o.Path, msg)}}
			}
			rendered[i] = data
			return nil
		})
	}
	return rendered, g.Wait()
}

// templateErr takes the line and column out of an html/template error such as
// "template: article.html:12:5: executing ... : message", so the problem reads file:line:col.
func templateErr(err error) (line, col int, msg string) {
	m := templateErrRe.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, 0, err.Error()
	}
	line, _ = strconv.Atoi(m[1])
	col, _ = strconv.Atoi(m[2])
	return line, col, m[3]
}

var templateErrRe = regexp.MustCompile(`^template: [^:]+:(\d+):(\d+): (.*)$`)

// offline writes offline.json, the service worker's list, which holds a hash of every other
// output file; a preview has neither the list nor the worker.
func (b *Builder) offline(s *site.Site, files map[string][]byte) {
	if b.opts.Preview {
		delete(files, "sw.js")
		return
	}
	files["offline.json"] = render.Offline(s, files)
}
