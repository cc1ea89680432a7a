package build

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/generator/site"
)

// renderSite renders the outputs of s that changed since the last good build (all of them
// when all is set or there is none) and returns the new Result with the state to keep.
// up, when the model is the last good build's updated for an edit (Builder.update), lets
// it plan again only what moved and look up the outputs that show the edited pages rather
// than go through every output.
func (b *Builder) renderSite(s *site.Site, up *modelUpdate, changedLayoutFiles []string, all bool) (*Result, *state, error) {
	prev := b.good
	// A streamed build (BuildTo) renders everything and keeps nothing to compare the next
	// build with: it makes no fingerprints.
	streamed := b.sink != nil
	var streamIdx *streamIndex
	if streamed {
		// Its search index starts first, beside the plan of the outputs and the rest of
		// what comes before the pages, which run on one core.
		streamIdx = b.indexWhileRendering(s, true)
	}
	outs, dropped, added := b.planOutputs(s, up, prev)
	b.theme.NewBuild() // what partialCached kept showed the site as it was
	if streamed {
		defer b.gcWhileRendering()()
	}
	st := &state{}
	if !streamed && !b.late { // a lazy build's are made by its fill
		st.global, st.tags = b.sitePrint(s), tagPrints(s)
	}
	if prev == nil || prev.global != st.global {
		all = true
	}
	var tags, tagged map[string]bool
	if !all && !streamed && !b.late {
		tags, tagged = tagChanges(prev.tags, st.tags, s)
	}
	// quick: only the edited pages' prints can differ from the last build's, and what
	// each output shows is as it was but for the outputs planned again (the same names,
	// the same layouts). A tag that changed takes the long way, which looks at every output
	// (a model update changes them too: a tag that comes or goes, or is left with paths
	// alone).
	quick := up != nil && !all && !streamed && len(changedLayoutFiles) == 0 && len(tags) == 0 && b.sameNames(prev, outs)
	b.printPages(s, st, up, len(outs), quick, streamed)
	ch := changesSince(prev, st, s, up, quick, all)
	ch.tagsChanged(tags, tagged)
	ch.layoutsChanged(b, changedLayoutFiles)

	if !streamed {
		b.indexWhileRendering(s, false)
	}
	// The whole-site files are made beside the pages too.
	var extra map[string][]byte
	extras := newWorkers("making the feed and the sitemap")
	extras.Go("the feed and the sitemap", func() error {
		var err error
		extra, err = b.extras(s, prev, ch.listing)
		return err
	})
	same := quick || !streamed && b.sameNames(prev, outs)
	planned := outs
	if !same {
		if err := b.checkOutputNames(outs); err != nil {
			extras.Wait()
			return nil, nil, err
		}
	}
	if streamed && b.lang == nil {
		// A streamed build is never rebuilt, and its names are checked (where the front
		// matter's lines named a file's problem): each file's front matter as read (its
		// page.Page, with a map of its keys' lines) goes before rendering, as the
		// converted Docs did before the checks (buildSite). The model has what the
		// templates show of it. At 100,000 pages that was 70 MB of the heap that rendering
		// marked at every collection.
		for _, e := range b.entries {
			e.page = nil
		}
	}
	var todo, kept []*render.Output
	switch {
	case quick:
		todo = b.quickTodo(st, ch, dropped, added)
		outs = nil // every other output is kept: same is set
	case streamed:
		todo = outs
	default:
		todo, kept = b.sortOutputs(st, ch, outs)
	}
	if err := extras.Wait(); err != nil {
		return nil, nil, err
	}
	if b.sink != nil {
		return b.stream(s, outs, todo, extra, streamIdx)
	}
	if b.late {
		return b.renderLater(s, outs, extra, st)
	}
	res, err := b.renderFiles(s, prev, same, todo, kept, extra)
	if err != nil {
		return nil, nil, err
	}
	st.result = res
	st.plan = planned
	st.static = b.staticGen
	return res, st, nil
}

// planOutputs lists what this build renders: the whole plan, the last build's when no page
// moved, or the last one's with what moved planned again (dropped and added say which).
func (b *Builder) planOutputs(s *site.Site, up *modelUpdate, prev *state) (outs, dropped, added []*render.Output) {
	switch {
	case up == nil:
		return render.Plan(s, b.cfg.Paginate), nil, nil
	case up.moved.None():
		return prev.plan, nil, nil
	default:
		return render.Replan(s, b.cfg.Paginate, prev.plan, up.moved, up.edited)
	}
}

// printPages fills st's cards and bodies, the prints each output's check compares with the
// last build's: from the last build's with the edited pages' own when quick, from every
// page otherwise (but for a streamed or lazy build, which compares nothing).
func (b *Builder) printPages(s *site.Site, st *state, up *modelUpdate, nOuts int, quick, streamed bool) {
	prev := b.good
	if quick {
		st.cards, st.bodies = maps.Clone(prev.cards), maps.Clone(prev.bodies)
		for _, p := range up.edited {
			st.cards[p.File] = b.cardOf(p)
			if e := b.entries[p.File]; e != nil && e.made != nil {
				st.bodies[p.File] = e.body
			}
		}
		return
	}
	if streamed {
		// Nothing is kept for a next build: these maps, made for every output and page,
		// were 34 MB at 100,000 pages (2.8 MB at 10,000), taken and zeroed for nothing.
		return
	}
	st.deps, st.cards, st.bodies = make(map[string]outKey, nOuts), make(map[string]string, len(b.entries)), make(map[string]string, len(b.entries))
	if b.late {
		return
	}
	for _, p := range allPages(s) {
		st.cards[p.File] = b.cardOf(p)
		if e := b.entries[p.File]; e != nil && e.made != nil {
			st.bodies[p.File] = e.body
		}
	}
}

// since is what differs from the last good build, as each output's check needs it.
type since struct {
	prev *state
	all  bool // every output renders again
	// The pages whose cards and bodies changed: a few, after a save. Every output's check
	// looks its pages up in these rather than in every page's prints.
	newCards, newBodies   map[string]bool
	listing, bodies, home bool            // some card, some body, the home page's body
	layoutDirty           map[string]bool // layouts made from a changed file
	tags                  map[string]bool // the slugs of the tags that changed
}

func changesSince(prev, st *state, s *site.Site, up *modelUpdate, quick, all bool) *since {
	c := &since{prev: prev, all: all, layoutDirty: map[string]bool{}}
	switch {
	case quick:
		c.newCards, c.newBodies = map[string]bool{}, map[string]bool{}
		for _, p := range up.edited {
			if prev.cards[p.File] != st.cards[p.File] {
				c.newCards[p.File] = true
			}
			if prev.bodies[p.File] != st.bodies[p.File] {
				c.newBodies[p.File] = true
			}
		}
	case !all:
		c.newCards, c.newBodies = changedKeys(prev.cards, st.cards), changedKeys(prev.bodies, st.bodies)
	}
	c.listing = all || len(c.newCards) > 0
	c.bodies = all || len(c.newBodies) > 0
	c.home = all || s.Home.File != "" && prev.bodies[s.Home.File] != st.bodies[s.Home.File]
	return c
}

// tagsChanged marks the tags of slugs as changed, and the pages that have them (files) as
// shown anew wherever their cards are.
func (c *since) tagsChanged(slugs, files map[string]bool) {
	if len(slugs) == 0 || c.all {
		return
	}
	c.tags = slugs
	for f := range files {
		c.newCards[f] = true
	}
	c.listing = c.listing || len(files) > 0
}

// layoutsChanged marks the layouts built from the changed theme or layout files, which
// re-render in full; a change to words, the theme, a partial or baseof, every output.
func (c *since) layoutsChanged(b *Builder, files []string) {
	for _, f := range files {
		if strings.HasPrefix(f, "i18n/") || strings.HasPrefix(f, "themes/") {
			c.all = true
		}
		for name, srcs := range b.theme.Sources {
			for _, src := range srcs {
				if src == f {
					c.layoutDirty[name] = true
				}
			}
		}
		// A new override file is in no layout's sources yet: match it by name.
		base := strings.TrimSuffix(strings.TrimPrefix(f, "layouts/"), ".html")
		if strings.HasPrefix(base, "partials/") || base == "baseof" {
			c.all = true
		}
		c.layoutDirty[base] = true
	}
}

// dirty reports whether o, which shows d and is keyed key, must render again.
func (c *since) dirty(o *render.Output, d outDeps, key outKey) bool {
	switch {
	case c.all || c.layoutDirty[o.Layout],
		d.listing && c.listing,
		d.bodies && c.bodies,
		d.home && c.home,
		d.tags && len(c.tags) > 0,
		o.Data.Tag != nil && c.tags[o.Data.Tag.Slug]:
		return true
	}
	if k := c.prev.deps[o.Path]; k.layout != key.layout || k.target != key.target || !samePager(k.pager, key.pager) || !slices.Equal(k.deps, key.deps) {
		return true
	}
	for _, dep := range d.deps {
		if c.newCards[dep.File] || dep.Shows == render.Whole && c.newBodies[dep.File] {
			return true
		}
	}
	return false
}

// indexWhileRendering starts the search index. A streamed build's is made once (nothing is rebuilt
// after it), and from before the outputs are planned: beside the plan, the checks of the
// names, the feed and the sink's planning, which leave a core idle much of their time, as
// well as beside the pages.
func (b *Builder) indexWhileRendering(s *site.Site, streamed bool) *streamIndex {
	switch {
	case streamed:
		return b.startStreamIndex(s)
	case !b.noIndex && !b.late: // a lazy build's fill makes it, after serving
		// The search index reads the model as the layouts do: it is made beside them, on
		// the other core, rather than after them.
		b.indexBeside(s)
	}
	return nil
}

// quickTodo returns the outputs that show what an edit changed, looked up in the last
// build's outputs by what they show, with those planned again put in the places of those
// they replace. The lookup is taken from that build's state: should this build fail, the
// next one makes it again.
func (b *Builder) quickTodo(st *state, c *since, dropped, added []*render.Output) []*render.Output {
	prev := c.prev
	sh := prev.shows
	prev.shows = nil
	if sh == nil {
		sh = b.showsOf(prev.plan)
	}
	sh.drop(b, dropped)
	todo := sh.dirty(c)
	st.deps = prev.deps
	if len(added) > 0 {
		st.deps = maps.Clone(prev.deps)
		for _, o := range added {
			d := b.depsOf(o)
			key := outKey{deps: d.deps, layout: o.Layout, target: o.Data.Target, pager: o.Data.Pager}
			st.deps[o.Path] = key
			if c.dirty(o, d, key) && !slices.Contains(todo, o) {
				todo = append(todo, o)
			}
		}
		sh.add(b, added)
	}
	st.shows = sh
	return todo
}

// sortOutputs splits outs into those to render and those unchanged since the last good
// build, whose bytes are reused, recording what each was rendered from in st.
func (b *Builder) sortOutputs(st *state, c *since, outs []*render.Output) (todo, kept []*render.Output) {
	for _, o := range outs {
		d := b.depsOf(o)
		key := outKey{deps: d.deps, layout: o.Layout, target: o.Data.Target, pager: o.Data.Pager}
		st.deps[o.Path] = key
		if c.prev != nil && !c.dirty(o, d, key) {
			if _, ok := c.prev.result.Files[o.Path]; ok {
				kept = append(kept, o)
				continue
			}
		}
		todo = append(todo, o)
	}
	return todo, kept
}

// renderFiles renders todo into the files of an in-memory build, with the kept outputs'
// bytes and the static and whole-site files, and says which files changed.
func (b *Builder) renderFiles(s *site.Site, prev *state, same bool, todo, kept []*render.Output, extra map[string][]byte) (*Result, error) {
	var files map[string][]byte
	if same {
		// The files of the last good build, under the same names: the outputs rendered
		// below and the whole-site files take their places (the search index's, addSearch).
		files = maps.Clone(prev.result.Files)
	} else {
		files = make(map[string][]byte, len(todo)+len(kept)+len(b.static)+len(extra))
		for _, o := range kept {
			files[o.Path] = prev.result.Files[o.Path]
		}
	}
	if err := b.renderInto(todo, files); err != nil {
		return nil, err
	}
	if !same {
		for name, data := range b.static {
			if _, taken := files[name]; !taken {
				files[name] = data
			}
		}
	}
	for name, data := range extra {
		files[name] = data
	}
	b.offline(s, files)

	res := &Result{Files: files, Rendered: len(todo), Summary: summarize(s, len(files))}
	switch {
	case same:
		// Only what was made again can differ.
		var made []string
		for _, o := range todo {
			made = append(made, o.Path)
		}
		for name := range extra {
			made = append(made, name)
		}
		res.Changed = changedOf(prev.result.Files, files, append(made, "offline.json"))
	case prev != nil:
		res.Changed = diff(prev.result.Files, files)
	default:
		for name := range files {
			res.Changed = append(res.Changed, name)
		}
		sort.Strings(res.Changed)
	}
	return res, nil
}

// shows is a plan's outputs by what makes them render again (the dirty check of
// renderSite, turned round): made once for a plan and its layouts, it lets a rebuild
// after a model update find the outputs to render without going through all of them.
type shows struct {
	listing, bodies, home []*render.Output
	cards                 map[string][]*render.Output // by file: the outputs showing its card (or more)
	whole                 map[string][]*render.Output // by file: the outputs showing its body
}

func (b *Builder) showsOf(outs []*render.Output) *shows {
	sh := &shows{cards: map[string][]*render.Output{}, whole: map[string][]*render.Output{}}
	sh.add(b, outs)
	return sh
}

func (sh *shows) add(b *Builder, outs []*render.Output) {
	for _, o := range outs {
		d := b.depsOf(o)
		if d.listing {
			sh.listing = append(sh.listing, o)
		}
		if d.bodies {
			sh.bodies = append(sh.bodies, o)
		}
		if d.home {
			sh.home = append(sh.home, o)
		}
		for _, dep := range d.deps {
			sh.cards[dep.File] = append(sh.cards[dep.File], o)
			if dep.Shows == render.Whole {
				sh.whole[dep.File] = append(sh.whole[dep.File], o)
			}
		}
	}
}

// drop takes outs out, as add put them in.
func (sh *shows) drop(b *Builder, outs []*render.Output) {
	if len(outs) == 0 {
		return
	}
	gone := make(map[*render.Output]bool, len(outs))
	for _, o := range outs {
		gone[o] = true
	}
	out := func(list []*render.Output) []*render.Output {
		return slices.DeleteFunc(list, func(o *render.Output) bool { return gone[o] })
	}
	sh.listing, sh.bodies, sh.home = out(sh.listing), out(sh.bodies), out(sh.home)
	for _, o := range outs {
		for _, dep := range b.depsOf(o).deps {
			if l := out(sh.cards[dep.File]); len(l) > 0 {
				sh.cards[dep.File] = l
			} else {
				delete(sh.cards, dep.File)
			}
			if l := out(sh.whole[dep.File]); len(l) > 0 {
				sh.whole[dep.File] = l
			} else {
				delete(sh.whole, dep.File)
			}
		}
	}
}

// dirty lists, once each in plan order, the outputs that renderSite's dirty check finds
// dirty when the cards of newCards and the bodies of newBodies changed, and nothing else
// but what the flags say.
func (sh *shows) dirty(c *since) []*render.Output {
	var out []*render.Output
	seen := map[*render.Output]bool{}
	add := func(os []*render.Output) {
		for _, o := range os {
			if !seen[o] {
				seen[o] = true
				out = append(out, o)
			}
		}
	}
	if c.listing {
		add(sh.listing)
	}
	if c.bodies {
		add(sh.bodies)
	}
	if c.home {
		add(sh.home)
	}
	for f := range c.newCards {
		add(sh.cards[f])
	}
	for f := range c.newBodies {
		add(sh.whole[f])
	}
	return out
}

// changedKeys returns the keys whose values differ between a and b, or that only one has.
func changedKeys(a, b map[string]string) map[string]bool {
	out := map[string]bool{}
	shared := 0 // keys of b that a has too
	for k, v := range b {
		old, ok := a[k]
		if ok {
			shared++
		}
		if !ok || old != v {
			out[k] = true
		}
	}
	if len(a) > shared { // a has keys that b has not
		for k := range a {
			if _, ok := b[k]; !ok {
				out[k] = true
			}
		}
	}
	return out
}

// indexBeside starts making the search index of s on another goroutine; addSearch takes it.
func (b *Builder) indexBeside(s *site.Site) {
	if b.search == nil {
		b.search = b.newIndexer()
	}
	b.index = b.startIndex(s)
}

// startIndex starts making the search index of s, with b.search, and returns the
// function that waits for it.
func (b *Builder) startIndex(s *site.Site) func() (map[string][]byte, error) {
	var idx map[string][]byte
	g := newWorkers("indexing for search")
	g.Go("the search index", func() error {
		idx = b.search.Files(s)
		return nil
	})
	return func() (map[string][]byte, error) {
		err := g.Wait()
		return idx, err
	}
}

// streamIndex is the search index of a streamed build, being made.
type streamIndex struct {
	once *search.Once // nil when the build makes no index
	g    *workers
	idx  map[string][]byte
	// results is the index's search.ResultParts, for the offline list, made while the
	// checks leave a core idle rather than at the end of the build.
	results map[string]string
	made    chan struct{} // closed once the index is made
	// rendering is closed when the pages start rendering: until then a second goroutine
	// helps, on the core that the checks of the names and the sink's planning leave idle.
	rendering chan struct{}
}

// startStreamIndex starts making the search index of s for a streamed build, once (with
// no Indexer kept for a next build), on a goroutine of its own: the pages being rendered
// keep the other cores busy. Should the build fail before it waits, the index is made all
// the same and dropped.
func (b *Builder) startStreamIndex(s *site.Site) *streamIndex {
	si := &streamIndex{g: newWorkers("indexing for search"), made: make(chan struct{}), rendering: make(chan struct{})}
	if !b.noIndex {
		si.once = search.NewOnce(s)
		si.once.UseReserve(b.reserve)
	}
	si.g.Go("the search index", func() error {
		defer close(si.made)
		if si.once == nil {
			return nil
		}
		var err error
		si.idx, err = si.once.Run()
		return err // the sink's, writing a result file (stream)
	})
	if si.once != nil {
		si.g.Go("the search index", func() error {
			si.results = si.once.ResultParts()
			si.once.HelpUntil(si.rendering)
			return nil
		})
	}
	return si
}

// wait returns the index, once made. When idle is closed first (the pages are rendered:
// their cores are free), the calling goroutine helps with the pages left to analyse.
func (si *streamIndex) wait(idle <-chan struct{}) (map[string][]byte, error) {
	select {
	case <-idle:
		if si.once != nil {
			if err := si.g.run("the search index", func() error { si.once.Help(); return nil }); err != nil {
				si.g.Wait()
				return nil, err
			}
		}
	case <-si.made:
	}
	err := si.g.Wait()
	return si.idx, err
}

// sameNames reports whether outs have the names, and come from the files, of the last good
// build's outputs, with the same static files. Such a rebuild passes checkOutputNames as
// that build did (the checks, over every name of the site, are not made again), and its
// files have the same names.
func (b *Builder) sameNames(prev *state, outs []*render.Output) bool {
	if prev == nil || prev.static != b.staticGen || len(prev.plan) != len(outs) {
		return false
	}
	for i, o := range outs {
		if p := prev.plan[i]; p.Path != o.Path || p.Layout != o.Layout || pageFile(p) != pageFile(o) {
			return false
		}
	}
	return true
}

// changedOf lists which of names differ between a and b (in one only, or with other bytes).
func changedOf(a, b map[string][]byte, names []string) []string {
	var out []string
	for _, name := range names {
		old, inA := a[name]
		data, inB := b[name]
		if inA != inB || !sameBytes(old, data) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// madeThere says, for a coach, which list's page o is, when a page's URL or alias clashes
// with it. Every other address Between makes is refused when the site is assembled.
func madeThere(o *render.Output) string {
	if o.Layout == "tag" {
		return "a page of a tag's list"
	}
	return "a page of a section's list"
}

// checkOutputNames refuses outputs whose names clash with each other or with static files,
// or that no file system takes.
func (b *Builder) checkOutputNames(outs []*render.Output) error {
	// A page or an alias must not take the place of a static file: an alias on
	// /css/main.css would replace the stylesheet with a redirect.
	var clash diag.List
	for _, o := range outs {
		if src, taken := b.sources[o.Path]; taken && o.Data.Page != nil && o.Data.Page.File != "" {
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
	paths, dup := sortedPaths(outs)
	if dup {
		byPath := make(map[string]*render.Output, len(outs))
		for _, o := range outs {
			if prev, dup := byPath[o.Path]; dup {
				for _, pair := range [][2]*render.Output{{prev, o}, {o, prev}} {
					if x := pair[0]; x.Data.Page != nil && x.Data.Page.File != "" {
						clash.Add(x.Data.Page.File, 0, 0, "/%s is %s and also this page's URL or alias; change the slug (slug = \"...\") or the alias", strings.TrimSuffix(o.Path, "index.html"), madeThere(pair[1]))
					}
				}
				continue
			}
			byPath[o.Path] = o
		}
	}
	clash = append(clash, b.checkNames(outs, paths)...)
	if len(clash) > 0 {
		return clash.Sort()
	}
	return nil
}

// pageFile is the content file an output is made from, "" for one the site makes.
func pageFile(o *render.Output) string {
	if o.Data.Page != nil {
		return o.Data.Page.File
	}
	return ""
}

// extras are the outputs made from the whole site rather than by a layout: the feed, the
// sitemap and robots.txt, the app's files and the scripts' words. Another whole-site output
// (a search index) is added here, and both ways of building (in memory and streamed to
// disk) write it.
func (b *Builder) extras(s *site.Site, prev *state, listingChanged bool) (map[string][]byte, error) {
	files := map[string][]byte{"index.xml": render.Feed(s)}
	if listingChanged || prev == nil {
		files["sitemap.xml"] = render.Sitemap(s)
	} else {
		files["sitemap.xml"] = prev.result.Files["sitemap.xml"]
	}
	if _, own := b.static["robots.txt"]; !own {
		files["robots.txt"] = render.Robots(s)
	}
	// Between sessions: what My notes, the home screen and the service worker need. A
	// site's own static file of the same name wins.
	// The icons are drawn from the site's title alone, and drawing them is most of the time
	// these files take: they are drawn again only when the title changes.
	if b.drawn != nil {
		b.drawn()
		b.drawn = nil
	}
	if b.icons == nil || b.iconsFor != s.Title {
		b.icons, b.iconsFor = render.Icons(s), s.Title
	}
	app := maps.Clone(b.icons)
	app["notes/index.json"] = render.NotesIndex(s)
	app["manifest.webmanifest"] = render.Manifest(s)
	// The scripts' words: made once a build, where every page wrote them (the theme's
	// "strings" template, which the site and the language decide like any other).
	words, ok, err := b.theme.Strings(&render.Data{Site: s, Page: s.Home, Layout: "home"})
	if err != nil {
		return nil, err
	}
	if ok {
		app[render.StringsFile] = render.StringsScript(words)
	}
	for name, data := range app {
		if _, own := b.static[name]; !own {
			files[name] = data
		}
	}
	return files, nil
}

// stream is renderSite for BuildTo: every output goes to the sink as soon as it is
// rendered, from a pooled buffer, so the site's output is never in memory at once. The
// sink is told every name before it is written, so it can check them all. The search
// index, started by renderSite (indexed waits for it), is made while the pages render,
// on the same cores, and writes its result files and shards to the sink as it makes them
// (search.Once.WriteTo); its manifest is written once it is done.
func (b *Builder) stream(s *site.Site, outs, todo []*render.Output, extra map[string][]byte, indexed *streamIndex) (*Result, *state, error) {
	// The pages in the spill's order, and planned so: the sink makes their folders ahead of
	// the writers in the order it is given the names.
	outs = inFileOrder(outs)
	if len(todo) == len(outs) { // a streamed build renders every output
		todo = outs
	} else {
		todo = inFileOrder(todo)
	}
	// What each name is made from, as in the in-memory Result: a page over a static file
	// of its name (checkNames refused the ones that would clash), an extra over both.
	files := make(map[string][]byte, len(b.static)+len(extra))
	for name, data := range b.static {
		if !strings.HasPrefix(name, search.Dir) { // the index's folder, as in addSearch
			files[name] = data
		}
	}
	names := make([]string, 0, len(outs)+len(b.static)+len(extra))
	for _, o := range outs {
		names = append(names, o.Path)
		delete(files, o.Path)
	}
	for name, data := range extra {
		files[name] = data
	}
	if b.opts.Preview {
		delete(files, "sw.js")
	}
	for name := range files {
		names = append(names, name)
	}
	if !b.opts.Preview {
		names = append(names, "offline.json") // written last: it holds a hash of every other file
	}
	// The index's result files are written as it makes them, beside the pages (below).
	var results []string
	if indexed.once != nil {
		results = indexed.once.ResultNames()
		names = append(names, results...)
	}
	if err := b.sink.Plan(names); err != nil {
		return nil, nil, &WriteError{err}
	}

	sums := make(map[string]render.FileInfo, len(names))
	var mu sync.Mutex
	write := func(name string, data []byte) error {
		if err := b.sink.Write(name, data); err != nil {
			return &WriteError{err}
		}
		sum := render.Info(data)
		mu.Lock()
		sums[name] = sum
		mu.Unlock()
		return nil
	}
	iw := &indexWriter{sink: b.sink, write: write}
	if indexed.once != nil {
		indexed.once.WriteTo(iw)
	}
	g := newWorkers("rendering")
	b.prog.start("rendering", len(todo)+len(files))
	for name, data := range files {
		g.Go(name, func() error {
			defer b.prog.step()
			return write(name, data)
		})
	}
	// Once every page is rendered, this goroutine helps the index with the pages it has
	// left, on the cores the pages leave idle.
	close(indexed.rendering)
	// The spill is closed as soon as both its readers are done, the pages and the index,
	// beside what the build does after them.
	spill := b.spillCloser(2)
	defer spill.wait()
	var rendered atomic.Int64
	idle := make(chan struct{})
	if len(todo) == 0 {
		close(idle)
		spill.done()
	}
	b.renderEach(g, todo, func(o *render.Output, data []byte) error {
		err := write(o.Path, data)
		if rendered.Add(1) == int64(len(todo)) {
			close(idle)
			spill.done()
		}
		return err
	})
	// What the summary counts is known: counted while the pages render, not after.
	summary := summarize(s, len(names))
	index, ierr := indexed.wait(idle)
	spill.done()
	// Nothing is rebuilt after a streamed build: the index's analysis of every page, as
	// large as the index, need not stay while the last pages render.
	b.search = nil
	// The index's files are written on workers of their own, so that offline.json, which
	// needs every file's hash but none of them written, is made meanwhile, once the pages
	// are written: made after them, at 100,000 pages (28,000 index files), it took 0.1-0.2 s
	// on one core with the other idle.
	idxw := newWorkers("writing the search index")
	if ierr == nil {
		idx := make([]string, 0, len(index))
		for name := range index {
			idx = append(idx, name)
		}
		if err := b.sink.Plan(idx); err != nil {
			ierr = &WriteError{err}
		} else {
			idxw.Each(len(idx), func(i int) string { return idx[i] }, func(i int) error {
				if err := b.sink.Write(idx[i], index[idx[i]]); err != nil {
					return &WriteError{err}
				}
				return nil
			})
		}
	}
	err := g.Wait()
	var offline []byte
	if err == nil && ierr == nil && !b.opts.Preview {
		for name, data := range index {
			sums[name] = render.Info(data) // no write records it now: the pages' are done
		}
		results := indexed.results // made by now: wait waited for the goroutine making it
		if results == nil {
			results = search.ResultParts(s)
		}
		offline = render.Offline(s, sums, results)
	}
	if werr := idxw.Wait(); err == nil {
		err = werr
	}
	if err != nil {
		return nil, nil, err
	}
	if ierr != nil {
		return nil, nil, ierr
	}
	if offline != nil {
		if err := b.sink.Write("offline.json", offline); err != nil {
			return nil, nil, &WriteError{err}
		}
	}
	// names counted every result file; the index gave back those it made before it had the
	// writer, in index with the rest of its files; the shards it wrote it planned itself.
	for name := range index {
		if len(results) == 0 || !strings.HasPrefix(name, search.Dir+"r/") {
			summary.Files++
		}
	}
	summary.Files += int(iw.planned.Load())
	return &Result{Rendered: len(todo), Summary: summary}, nil, nil
}

// indexWriter is where the search index of a streamed build writes its files as it makes
// them (search.Once.WriteTo): the sink, each file's hash kept by write for the offline
// list, and the names the index plans counted for the summary.
type indexWriter struct {
	sink    Sink
	write   func(name string, data []byte) error
	planned atomic.Int64
}

func (w *indexWriter) Plan(names []string) error {
	if err := w.sink.Plan(names); err != nil {
		return &WriteError{err}
	}
	w.planned.Add(int64(len(names)))
	return nil
}

func (w *indexWriter) Write(name string, data []byte) error { return w.write(name, data) }

// inFileOrder returns outs with the outputs of pages whose HTML is in the spill's file in
// the order it is there, after the others, which keep their order. The plan lists pages by
// weight and date, which is no order of the file's (written as pages are converted, by
// file name): at 100,000 pages the render read its 0.88 GB a page at a time, 100,000
// system calls, where in the file's order the spill reads it a window at a time, 905 reads
// (Spill.readPlain): 144-164 samples of perf at 499 Hz under the template's .Content, for
// 297-377, and 14-19 to sort (3 runs each, into /dev/shm). What each output holds is the
// same in any order; which of two failing pages a build reports first may differ.
func inFileOrder(outs []*render.Output) []*render.Output {
	type placed struct {
		at int64 // where its page's HTML is in the file; -1 for the others
		i  int
	}
	order := make([]placed, len(outs))
	spilled := false
	for i, o := range outs {
		order[i] = placed{-1, i}
		if o.Data != nil && o.Data.Page != nil {
			if off, ok := o.Data.Page.Body.FileOffset(); ok {
				order[i].at, spilled = off, true
			}
		}
	}
	if !spilled { // a library whose pages fit the memory budget: the plan's order stands
		return outs
	}
	slices.SortFunc(order, func(a, b placed) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.i, b.i))
	})
	sorted := make([]*render.Output, len(outs))
	for i, p := range order {
		sorted[i] = outs[p.i]
	}
	return sorted
}

// spillCloser closes a streamed build's spill once its readers have each said they are
// done with it, on a goroutine of its own. The system frees the file's pages as it closes
// it, on the thread that closes it: 50-100 ms of CPU for a file of 0.9 GB (100,000 pages),
// in memory or on ext4, which BuildTo's end spent on one core with the other idle.
type spillCloser struct {
	b       *Builder
	sp      *markdown.Spill
	readers atomic.Int32
	closed  chan struct{} // made before the readers can be done; closed once sp is
}

func (b *Builder) spillCloser(readers int32) *spillCloser {
	c := &spillCloser{b: b, sp: b.spill, closed: make(chan struct{})}
	c.readers.Store(readers)
	return c
}

// done says a reader is done with the spill; the last one starts closing it.
func (c *spillCloser) done() {
	if c.readers.Add(-1) == 0 && c.sp != nil {
		go func() {
			defer close(c.closed)
			c.sp.Close()
		}()
	}
}

// wait waits for the spill to be closed, if every reader was done, and then leaves it to
// nobody (else BuildTo closes it, as it did before). Called once no reader can be
// running.
func (c *spillCloser) wait() {
	if c.readers.Load() == 0 && c.sp != nil {
		<-c.closed
		c.b.spill = nil
	}
}

func allPages(s *site.Site) []*site.Page {
	out := append([]*site.Page{}, s.Pages...)
	out = append(out, s.Unlisted...)
	if s.Home.File != "" {
		out = append(out, s.Home)
	}
	return out
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

// renderInto renders outs on every core into files, each kept at exactly its size, out of
// the pooled buffer.
func (b *Builder) renderInto(outs []*render.Output, files map[string][]byte) error {
	var mu sync.Mutex
	return b.renderOutputs(outs, func(o *render.Output, data []byte) error {
		data = bytes.Clone(data)
		mu.Lock()
		files[o.Path] = data
		mu.Unlock()
		return nil
	})
}

// renderOutputs runs the layouts of outs on all cores and gives each output's bytes to
// done as soon as it is rendered. The bytes are in a pooled buffer, used again once done
// returns: done must copy what it keeps.
func (b *Builder) renderOutputs(outs []*render.Output, done func(o *render.Output, data []byte) error) error {
	g := newWorkers("rendering")
	b.prog.start("rendering", len(outs))
	b.renderEach(g, outs, done)
	return g.Wait()
}

// renderEach is renderOutputs on the workers g, which the caller waits for.
func (b *Builder) renderEach(g *workers, outs []*render.Output, done func(o *render.Output, data []byte) error) {
	g.Each(len(outs), func(i int) string { return b.outputFile(outs[i]) }, func(i int) error {
		o := outs[i]
		defer b.prog.step()
		buf := getBuffer()
		defer putBuffer(buf)
		if err := b.renderOne(buf, o); err != nil {
			return err
		}
		return done(o, buf.Bytes())
	})
}

// renderOne runs o's layout into buf; a template's failure is a problem naming the layout's
// file, line and column.
func (b *Builder) renderOne(buf *bytes.Buffer, o *render.Output) error {
	if err := b.theme.ExecuteTo(buf, o.Layout, o.Data); err != nil {
		file := "layouts/" + o.Layout + ".html"
		if srcs := b.theme.Sources[o.Layout]; len(srcs) > 0 {
			file = srcs[0] // where the layout really came from: the site, a theme, or the built-in one
		}
		line, col, msg := templateErr(err)
		return diag.List{{File: file, Line: line, Col: col, Msg: fmt.Sprintf("rendering %s: %s", o.Path, msg)}}
	}
	return nil
}

// buffers are the pages' render buffers, used again from page to page: a page of the
// default theme is 10 to 40 KB, and growing a fresh buffer to that size for every page
// was a fifth of a build's time.
var buffers = sync.Pool{New: func() any {
	b := new(bytes.Buffer)
	b.Grow(64 << 10)
	return b
}}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > 4<<20 {
		return // a rare huge page: let it go rather than keep its buffer for every page
	}
	b.Reset()
	buffers.Put(b)
}

// outputFile names an output by the file it shows, for problems: its page's content file,
// else the layout it is made from.
func (b *Builder) outputFile(o *render.Output) string {
	if o.Data.Page != nil && o.Data.Page.File != "" {
		return o.Data.Page.File
	}
	if srcs := b.theme.Sources[o.Layout]; len(srcs) > 0 {
		return srcs[0]
	}
	return "layouts/" + o.Layout + ".html"
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
	sums := make(map[string]render.FileInfo, len(files))
	for name, data := range files {
		if name != "offline.json" { // the list of an earlier build is not part of this one
			sums[name] = render.Info(data)
		}
	}
	files["offline.json"] = render.Offline(s, sums, search.ResultParts(s))
}
