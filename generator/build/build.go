package build

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/input"
	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/page"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/source"
	"github.com/between-ssg/between/generator/theme"
	"github.com/between-ssg/between/generator/worksheet"
	"github.com/between-ssg/between/internal/fault"
	"github.com/between-ssg/between/internal/par"
)

// Builder builds one site, keeping what it parsed so that Rebuild redoes only what a change
// affects. Its methods are safe to call from one goroutine at a time.
type Builder struct {
	opts Options
	fsys fs.FS
	now  func() time.Time

	cfg     *config.Config
	conv    *markdown.Converter
	theme   *theme.Theme
	entries map[string]*entry // content files by site path
	names   []string          // the keys of entries, sorted
	static  map[string][]byte // static output files: ownStatic and the files of page bundles
	// ownStatic are the files of static/ and the theme's, as readStatic read them.
	ownStatic map[string][]byte
	// sources says where each file of static comes from, by output name: the theme's
	// Static, and the files of page bundles (placeBundles).
	sources map[string]theme.Source
	bundles bundles
	// eleventy are Eleventy's data files in content/ (source.EleventyData), found by the
	// full build's listing and kept up to date by rebuilds, for their warnings.
	eleventy []string

	good     *state    // what the last successful build produced
	warnings diag.List // of the last build, also when it failed
	lastOK   bool      // the last build succeeded, so text and good describe the output
	text     *textState
	// textRebuilds counts rebuilds that took the short way for text edits, and updates
	// those that changed the last model rather than assembling a new one (for tests).
	textRebuilds, updates int
	// renamed holds, by content file, the fields an edit gave a new made id, by that id
	// (fieldids.go).
	renamed map[string]map[string]renamedField
	// kept holds, by content file, its fields as the preview first saw them, and told the
	// answers already warned of as no longer shown (fieldvalues.go).
	kept map[string]*keptFields

	// sink, during BuildTo, takes each output as it is made instead of a Result.
	sink Sink
	// spill holds the pages' converted HTML on disk (compressed) until they render, and
	// for a preview until they change.
	spill *markdown.Spill
	// mem is what a streamed build may hold in memory as it is (memoryBudget): each page's
	// file from reading until converting, its HTML from converting until the end. A page
	// that does not fit waits in spill instead, made when the first one needs it
	// (spillMu, spillTried).
	mem        *markdown.Budget
	memSize    int64 // mem's size: memoryBudget, unless a test sets another (-1: none)
	spillHeld  int64 // what the spill holds in memory: spillHeld, unless a test sets another (-1: none)
	spillMu    sync.Mutex
	spillTried bool
	prog       progress        // how far the running build is, for Progress
	search     *search.Indexer // keeps each page's analysis for the next index
	// index, when set, is the search index of the model being rendered, made beside the
	// rendering (renderSite starts it, addSearch waits for it).
	index func() (map[string][]byte, error)
	// staticGen counts the times the static files were read, so that a rebuild tells
	// whether they can clash with the pages' names differently than last time.
	staticGen int
	// icons are the site's icons, drawn for the title iconsFor.
	icons    map[string][]byte
	iconsFor string
	// drawn, when set, waits for the icons drawIcons started and keeps them.
	drawn func()
	// readBuffers counts the files the last full build read into new memory rather than
	// into a buffer a converted page gave back (readAndConvert), for tests.
	readBuffers int
	// noIndex leaves the search index out: for measuring the share of a build it takes
	// (BenchmarkCorpusIndexShare), never for a site.
	noIndex bool
	// reserve is the memory of a streamed build's index, made ready while it assembles.
	reserve *search.Reserve

	// A library in several languages: multi holds a Builder for each language, and lang is
	// the part of one of these (see languages.go).
	multi *multi
	lang  *langPart

	// filling is the last build's fill while its pages render (Options.Lazy); every
	// build waits for it first (settle).
	filling *fill
	// late is set during a lazy build (fill.go): what only the next rebuild needs (the
	// pages' fingerprints, their Markdown compressed) is made by the fill, after serving.
	late bool
}

// Sink takes a build's files as they are made. Plan is called once, with every name, before
// any Write; Write is called from several goroutines at once and must not keep data, which
// the builder reuses once Write returns. output.Dir is one.
type Sink interface {
	Plan(names []string) error
	Write(name string, data []byte) error
}

// TempFiler is a Sink that gives the build a file of its own where the Sink writes
// (output.Dir: in its staging folder), for pages that wait on disk rather than in memory
// until they are rendered (markdown.Spill). remove removes its name, nil when it has none.
// A streamed build into any other Sink makes that file in the system's temporary folder.
type TempFiler interface {
	TempFile() (f *os.File, remove func() error, err error)
}

// Discard is a Sink that keeps nothing: "between check" renders every page, to find every
// template error, without holding the output.
type Discard struct{}

func (Discard) Plan([]string) error        { return nil }
func (Discard) Write(string, []byte) error { return nil }

// WriteError is a Sink's failure, told apart from problems in the site.
type WriteError struct{ Err error }

func (e *WriteError) Error() string { return e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// BuildTo builds the whole site like Build, but streams every output file to sink as soon
// as it is rendered, on all cores, and keeps none of them: the returned Result has no
// Files, and the next Rebuild is a full build. Problems in the content are found before
// sink.Plan is called, so a build with errors gives the sink nothing; after a failed Write
// or a template error, what the sink took is for its owner to drop (output.Dir.Abort).
func (b *Builder) BuildTo(sink Sink) (*Result, error) {
	b.settle()
	b.sink = sink
	own := b.mem == nil // a language of a library in several shares the library's
	if own {
		size := b.memSize
		if size == 0 {
			size = memoryBudget
		}
		b.mem = markdown.NewBudget(size)
	}
	b.spillTried = false
	defer func() {
		b.sink = nil
		if own {
			b.mem = nil
		}
		// Nothing of this build is kept to compare the next one with.
		b.good, b.text, b.lastOK = nil, nil, false
		if b.spill != nil {
			b.spill.Close()
		}
		// The pages' HTML goes with the file and the budget: the next build starts from
		// scratch.
		b.spill, b.cfg, b.entries, b.names = nil, nil, nil, nil
	}()
	return b.Build()
}

// memoryBudget is how many bytes of pages' Markdown and HTML a streamed build holds in
// memory as they are: a library of 10,000 pages of 1,400 words (97 MB of Markdown, 130 MB
// of HTML) fits, and builds without compressing, writing to disk and reading back every
// page's HTML, a tenth of its CPU time. A library whose files would not all fit (told from
// the first ones, pipe.sample) holds no HTML as it is: 100,000 such pages peak while
// rendering, at 1.6 GB, with none of it.
const memoryBudget = 256 << 20

// Warnings returns the warnings of the last Build or Rebuild, also when it failed with
// errors, so that they can be shown beside them.
func (b *Builder) Warnings() diag.List { return b.warnings }

// entry is one content file and what was made from it.
type entry struct {
	// sum is the file as it was read, to tell whether it changed; nil when it could not
	// be read (an empty file in its place is a change).
	sum   *fileSum
	front []byte // the front matter's text, to tell an edit of the body alone
	// The page's Markdown body is not kept as it was read: a build held every page's from
	// reading until converting (1 GB at 100,000 pages), and a preview for as long as it
	// ran. md is it compressed, in the spill when there is one; a streamed build, which
	// converts each page once, as it reads it (readAndConvert), reads it again from its
	// file for a booklet, or when it was read before its turn for a link (reread, at
	// bodyAt), unless the file fitted in its memory budget (src, until converted).
	md     *markdown.Body
	reread bool
	bodyAt int
	src    []byte
	// raw is the body as read, for a lazy preview build (fill.go), which compresses it
	// into md in the background, after serving, rather than before.
	raw   []byte
	page  *page.Page
	diags diag.List // from reading the front matter
	doc   *markdown.Doc
	probs diag.List // from converting the Markdown
	// links holds the URLs the page's .md links resolved to when it was converted; when one
	// of them changes, the page converts again.
	links map[string]string

	made  *site.Page    // site.NewPage of page and doc, kept until either changes
	print *markdown.Doc // the page converted with prefixed ids, for booklets; nil until needed
	card  string        // cardPrint of made: what lists show of it
	body  string        // bodyPrint of made
	url   string        // the page's URL, once resolveURLs has made it (the entry is made anew when its file changes)
	// other is the format of a file that another generator makes a page of ("Org"),
	// which Between does not read (otherEntry), and otherFront whether it opens with
	// front matter. Its entry has no page.
	other      string
	otherFront bool
}

// searchPages counts the pages of names the search index will hold, by their front
// matter (search.Admits): a library whose pages are all kept out of the index
// (search = false) had 12 MB populated for postings it never writes, 25 to 85 perf
// samples a build of the 10,000-page library.
func (b *Builder) searchPages(names []string) int {
	n := 0
	for _, name := range names {
		if e := b.entries[name]; e != nil && e.page != nil {
			if p := e.page; search.Admits(p.Kind, p.Unlisted, p.Draft, p.NoSearch) {
				n++
			}
		}
	}
	return n
}

// state is the last good build, to compare the next one with.
type state struct {
	result *Result
	deps   map[string]outKey // by output path
	cards  map[string]string // content file → what lists show of it (cardPrint, pathPrint)
	bodies map[string]string // content file → its body (bodyPrint)
	global string            // sitePrint
	tags   map[string]string // tagPrints
	plan   []*render.Output
	static int // the Builder's staticGen when it was made
	// shows is plan turned round, made when a rebuild after a model update first needs it
	// and kept while the plan and the layouts stay.
	shows *shows
}

// outKey is what an output was rendered from, besides the pages it shows.
type outKey struct {
	deps   []render.Dep
	layout string
	// What its data holds besides the model (TestOutKeyCoversData): an alias's target, a
	// list page's place among its pages.
	target string
	pager  *render.Pager
}

// New returns a Builder for the site in opts.Root.
func New(opts Options) *Builder {
	return &Builder{opts: opts, fsys: input.Site(opts.Root), now: time.Now}
}

// SetClock makes the builder use now for publish and expiry dates; tests use it to make
// output that does not depend on the day.
func (b *Builder) SetClock(now func() time.Time) { b.now = now }

// Build builds the whole site from scratch.
func (b *Builder) Build() (res *Result, err error) {
	b.settle()
	if b.lang == nil {
		if res, err, ok := b.buildLanguages(); ok {
			return res, err
		}
	}
	defer b.forgetAfterPanic(&err)
	b.cfg, b.conv, b.theme, b.entries, b.names, b.static, b.good, b.text, b.lastOK = nil, nil, nil, nil, nil, nil, nil, nil, false
	b.ownStatic, b.sources, b.bundles = nil, nil, bundles{}
	// Every page converts again, into a new file; the last one closes once nothing reads
	// it (the search index may still compare pages with it).
	b.spill = nil
	return b.build(nil)
}

// Rebuild builds the site again after the files in changed (slash paths relative to the site
// root; deleted and renamed files under their old and new names) changed. After a Rebuild
// that failed, changed holds its files too: every change since the last good build, as the
// dev server passes them.
func (b *Builder) Rebuild(changed []string) (res *Result, err error) {
	b.settle()
	if b.multi != nil {
		if slices.Contains(changed, "config.toml") {
			return b.Build()
		}
		return b.rebuildLanguages(changed)
	}
	defer b.forgetAfterPanic(&err)
	if b.cfg == nil || b.good == nil {
		return b.Build()
	}
	for _, c := range changed {
		if c == "config.toml" {
			return b.Build()
		}
	}
	return b.build(changed)
}

// forgetAfterPanic makes the next Rebuild a full build when a worker of this one panicked.
func (b *Builder) forgetAfterPanic(err *error) {
	var p *panicked
	if errors.As(*err, &p) {
		b.cfg, b.good, b.lastOK = nil, nil, false
	}
}

func (b *Builder) build(changed []string) (*Result, error) {
	input.NewBuild(b.fsys) // a folder may have become a link out of the site since the last one
	var prev *Result
	if b.good != nil {
		prev = b.good.result
	}
	res, err := b.buildSite(changed)
	var idx map[string][]byte
	if b.index != nil {
		// Made beside the rendering; dropped when the build failed.
		var ierr error
		idx, ierr = b.index()
		b.index = nil
		if err == nil && ierr != nil {
			return nil, ierr
		}
	}
	if err == nil && res.fill != nil {
		// Its pages and index are made from here on, beside whatever the caller does.
		res.fill.start()
		return res, nil
	}
	if err == nil && b.sink == nil && !b.noIndex { // BuildTo streamed the index with the rest (extras)
		start := time.Now()
		b.addSearch(res, b.text.site, prev, idx)
		res.Duration += time.Since(start)
	}
	return res, err
}

func (b *Builder) buildSite(changed []string) (*Result, error) {
	start := time.Now()
	b.late = b.lazy(b.good)
	full := b.cfg == nil
	if full {
		if err := b.loadConfig(); err != nil {
			return nil, err
		}
	}
	b.drawIcons()
	ch, restart := classify(changed, full)
	if restart {
		return b.Build()
	}
	if !full {
		b.eleventy = eleventyChanged(b.fsys, b.eleventy, changed)
	}
	var listed func() ([]string, error)
	if full && b.lang == nil {
		listed = b.listContent()
		defer listed() // also when the theme fails: nothing of this build runs after it
	}
	if err := b.loadTheme(ch); err != nil {
		return nil, err
	}
	if !full && !maps.Equal(b.conv.LayoutIDs(), setOf(b.theme.IDs)) {
		// A layout's ids changed: the headings' ids of any page may (## Reflect is
		// reflect-1 beside a <div id="reflect">), and the titles' and the links' checks with
		// them. Seldom done, and then the same as a build from scratch.
		return b.Build()
	}
	now := b.now()
	olds, err := b.readChanged(&ch, full, now, listed)
	if err != nil {
		return nil, err
	}
	if !full && ch.contentOnly(len(changed)) && (b.lang == nil || !b.lang.force) {
		res, ok, err := b.rebuildText(ch.content, olds, start)
		if ok || err != nil {
			return res, err
		}
	}
	// The last build's model describes its output only when it succeeded: an update starts
	// from it (Builder.update).
	wasOK := b.lastOK
	b.lastOK = false

	names := b.names // a full build of one language listed them in order (readAndConvert)
	if !full || b.lang != nil {
		names = b.sortedNames(ch.content)
	}
	urls, visible, errs := b.resolveURLs(names, now)
	// A folder linked into a bundle may be one of the site's own folders (shared/ beside
	// content/): the watcher tells its changes by their names there.
	if err := b.placeBundles(names, visible, ch.bundles || ch.other && b.bundles.linked); err != nil {
		return nil, err
	}
	errs = append(errs, b.otherWarnings(names)...)
	var elsewhere []site.Input
	var foreign map[string]site.Foreign
	retranslated := false
	if b.lang != nil {
		b.lang.exchange(urls, b.cfg.BasePath())
		foreign = b.lang.foreign(b.cfg)
		elsewhere = b.lang.elsewhere(urls, b.cfg)
		for _, n := range names {
			// A page whose twins moved is made again: its card holds where they are.
			if e := b.entries[n]; e.made != nil && !slices.Equal(e.made.Translations, b.lang.translations(b.cfg, e.page.Rel, e.page.Kind)) {
				e.made, retranslated = nil, true
			}
		}
	}
	if err := b.convert(names, urls, visible); err != nil {
		return nil, err
	}
	b.noteRenamedFields(ch.content, olds)
	errs = append(errs, b.renamedWarnings()...)
	errs = append(errs, b.hiddenAnswerWarnings(ch.content, olds)...)
	b.prog.start("assembling and checking links", 0)
	if b.sink != nil && !b.noIndex {
		// The memory of the search index's postings is made ready on the core that
		// assembling leaves idle (search.Reserve); what the index does not take is freed
		// with the build.
		b.reserve = search.NewReserve()
		defer func() { b.reserve.Close(); b.reserve = nil }()
		go b.reserve.Fill(search.ReserveFor(b.searchPages(names)))
	}
	// The HTML held from converting is not garbage while assembling either: with the
	// collector's target as rendering sets it, a library whose HTML all fits in the budget
	// (heldHTML) does not grow the heap by its size here (a larger library's peak is the
	// memory limit's).
	assembling := func() {}
	if b.sink != nil && b.heldHTML() > 0 {
		assembling = b.gcWhileRendering()
	}
	defer func() { assembling() }()
	inputs, probs, err := b.inputs(names, visible)
	if err != nil {
		return nil, err
	}
	errs = append(errs, probs...)
	// The links are checked beside assembling, which reads the inputs as the checks do and
	// leaves a core idle much of its time.
	var links linkCheck
	checking := newWorkers("checking links")
	checking.Go("content", func() error {
		links = checkLinks(inputs, elsewhere, foreign, now)
		return nil
	})
	var s *site.Site
	var serrs diag.List
	up := b.update(wasOK, inputs, ch.content, olds, visible, retranslated, now)
	if up != nil {
		s, serrs = b.text.site, b.text.assembly
	} else {
		var printErr error
		s, serrs = site.AssembleWith(b.cfg, inputs, now, b.printer(urls, &printErr))
		if printErr != nil {
			checking.Wait()
			return nil, printErr
		}
	}
	if err := checking.Wait(); err != nil {
		return nil, err // a panic, named
	}
	links.checkAddrs(s, b.sources, b.fsys, b.realName, b.otherFormat)
	assembly := serrs
	errs = append(errs, serrs...)
	errs = append(errs, b.theme.Warnings...)
	errs = append(errs, peerWarnings(b.fsys)...)
	errs = append(errs, eleventyWarnings(b.eleventy)...)
	errs = append(errs, links.all()...)
	if b.lang != nil && b.sink != nil {
		// A streamed build writes nothing before its problems are known: its links into
		// the other languages' parts wait for them to be assembled.
		parts := b.lang.parts(b.crossPart(s, links.byRel, now))
		errs = append(errs, links.across(s, parts)...)
		b.lang.releaseParts()
	}
	if b.lang != nil && b.sink == nil {
		// The dev server's are checked once every language is built (multi.across).
		b.lang.checked = &crossing{site: s, addrs: links.addrs, part: b.crossPart(s, links.byRel, now)}
	}
	if bad := b.verdict(errs); bad != nil {
		return nil, bad
	}
	if b.sink != nil {
		// A streamed build is never rebuilt: what converting found for the checks (every
		// id, heading and link of every page, a third of a large build's memory) goes
		// before rendering.
		for _, e := range b.entries {
			e.doc = nil
		}
		inputs, links = nil, linkCheck{}
	}

	assembling() // rendering tunes it again, from what is live then
	assembling = func() {}
	res, st, err := b.renderSite(s, up, ch.layouts, full || ch.theme && len(ch.layouts) == 0)
	if err != nil {
		return nil, err
	}
	res.Warnings = errs.Warnings().Sort()
	res.Duration = time.Since(start)
	if st == nil {
		return res, nil // streamed by BuildTo: nothing is kept for rebuilds
	}
	b.keep(s, st, links, errs, urls)
	b.text.visible, b.text.assembly = visible, assembly
	return res, nil
}

// update changes the last build's model, when it succeeded (wasOK), for edits of the files
// in changed (olds are their entries before) that change only what lists show of their
// pages (site.Update), rather than assembling every page again. It returns nil when it
// cannot: the caller then assembles from scratch, which makes the same model.
func (b *Builder) update(wasOK bool, inputs []site.Input, changed []string, olds map[string]*entry, visible map[string]bool, retranslated bool, now time.Time) *modelUpdate {
	t := b.text
	if !wasOK || t == nil || b.good == nil || b.sink != nil || retranslated || len(changed) == 0 ||
		(b.lang != nil && b.lang.force) || !maps.Equal(visible, t.visible) {
		return nil
	}
	edits := make([]site.Edit, 0, len(changed))
	for _, c := range changed {
		e, old := b.entries[c], olds[c]
		if e == nil || old == nil || e.page == nil || old.page == nil || len(e.diags) > 0 || len(e.probs) > 0 {
			return nil
		}
		edits = append(edits, site.Edit{
			Old: site.Input{Page: old.page, Doc: old.doc, Visible: t.visible[c]},
			New: site.Input{Page: e.page, Doc: e.doc, Visible: visible[c], Made: e.made},
		})
	}
	had := func(file string) bool {
		return slices.ContainsFunc(t.assembly, func(d diag.Diagnostic) bool { return d.File == file })
	}
	moved, ok := site.Update(t.site, inputs, edits, had, now)
	if !ok {
		return nil
	}
	b.updates++
	up := &modelUpdate{moved: moved}
	for _, p := range t.site.Pages {
		if slices.Contains(changed, p.File) {
			up.edited = append(up.edited, p)
		}
	}
	return up
}

// modelUpdate is what Builder.update changed in the last build's model: the fields of the
// edited pages, and what moved.
type modelUpdate struct {
	edited []*site.Page
	moved  site.Moved
}

// changes sorts the changed files by what they make the builder redo.
type changes struct {
	content []string // content files
	theme   bool     // layouts or a theme: parse the templates again
	static  bool     // static files: read them again
	bundles bool     // a file in content/ other than a page: read the files of page bundles again
	other   bool     // a file in none of the site's folders that the build reads (shared/)
	layouts []string // the changed layout and theme files, to re-render what uses them
}

// contentOnly reports whether only content files changed, n in all.
func (c changes) contentOnly(n int) bool {
	return !c.theme && !c.static && !c.bundles && len(c.content) == n
}

// classify sorts changed. restart is set when the change needs a build from scratch: the
// theme's words are in converted Markdown too (callout titles).
func classify(changed []string, full bool) (c changes, restart bool) {
	c.theme, c.static = full, full
	for _, f := range changed {
		switch {
		case strings.HasPrefix(f, "content/") && source.Other(f) != "":
			// A page in a format Between does not read, told of (otherWarnings), which may
			// be a file beside a page bundle's index.md too (placeBundles).
			c.content = append(c.content, f)
			c.bundles = true
		case strings.HasPrefix(f, "content/") && source.Ext(f) == "":
			// A photo beside a page bundle's index.md, say (placeBundles).
			c.bundles = true
		case strings.HasPrefix(f, "content/"):
			c.content = append(c.content, f)
		case strings.HasPrefix(f, "static/"):
			c.static = true
		case strings.HasPrefix(f, "i18n/"), strings.HasPrefix(f, "themes/") && strings.Contains(f, "/i18n/"):
			return c, true
		case strings.HasPrefix(f, "layouts/"):
			c.theme = true
			c.layouts = append(c.layouts, f)
		case strings.HasPrefix(f, "themes/"):
			c.theme, c.static = true, true
			c.layouts = append(c.layouts, f)
		default:
			c.other = true
		}
	}
	return c, false
}

// setOf is ids as a set, nil for none (as markdown.Converter.LayoutIDs).
func setOf(ids []string) map[string]bool {
	if len(ids) == 0 {
		return nil
	}
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// drawIcons starts drawing the site's icons when there are none for its title: they need
// the title alone, and drawn beside reading the files they are not on the way from the last
// page converted to the first one rendered (a hundredth of a 10,000-page build's time).
// extras waits for them.
func (b *Builder) drawIcons() {
	title := site.ShownTitle(b.cfg) // what extras compares: s.Title
	if b.drawn != nil || b.icons != nil && b.iconsFor == title {
		return
	}
	var icons map[string][]byte
	g := newWorkers("drawing the icons")
	g.Go("config.toml", func() error {
		icons = render.Icons(&site.Site{Title: title})
		return nil
	})
	b.drawn = func() {
		if g.Wait() == nil { // after a panic, extras draws them again, and reports it
			b.icons, b.iconsFor = icons, title
		}
	}
}

// loadConfig reads config.toml, for a build from scratch.
func (b *Builder) loadConfig() error {
	cfg, err := config.Load(b.fsys, "config.toml")
	if err != nil {
		return err
	}
	if b.opts.BaseURL != "" {
		cfg.BaseURL = b.opts.BaseURL
	}
	if b.lang != nil {
		cfg = cfg.ForLanguage(cfg.Languages[b.lang.i])
	}
	b.cfg = cfg
	b.entries = map[string]*entry{}
	return nil
}

// loadTheme parses the templates again when they changed, and reads the static files again
// when they or the theme changed. ch.static is set when the theme was loaded.
func (b *Builder) loadTheme(ch changes) error {
	static := ch.static
	if ch.theme || b.theme == nil {
		t, err := theme.Load(b.fsys, b.cfg.Theme, b.cfg.Language)
		if err != nil {
			return err
		}
		b.theme = t
		static = true
	}
	if b.conv == nil {
		b.conv = markdown.New(b.cfg.Markdown.Unsafe, worksheet.WithWords(b.fieldWords()))
		b.conv.SetWords(b.embedWords())
		b.conv.SetEmoji(b.cfg.Markdown.Emoji)
		b.conv.SetLayoutIDs(b.theme.IDs)
	}
	if static || b.ownStatic == nil {
		if !ch.theme {
			b.theme.ScanStatic()
		}
		st, err := b.readStatic()
		if err != nil {
			return err
		}
		b.ownStatic = st
		b.staticGen++
	}
	return nil
}

// listContent lists the content files on another core while the theme loads (the
// templates are parsed on one), and returns what waits for the list.
func (b *Builder) listContent() func() ([]string, error) {
	var names []string
	g := newWorkers("listing")
	g.Go("content", func() error {
		var err error
		if names, b.eleventy, err = source.ListAll(b.fsys, "content"); err != nil {
			return fmt.Errorf("read content/: %w", err)
		}
		return nil
	})
	return func() ([]string, error) {
		err := g.Wait()
		return names, err
	}
}

// readChanged reads the changed content files (all of them on a full build, into
// ch.content) and returns what they were before, for telling a text edit. A full build of
// a library in one language, whose files listed gives, converts its pages as it reads them
// (readAndConvert); the languages of a library in several exchange their pages' URLs
// before converting.
func (b *Builder) readChanged(ch *changes, full bool, now time.Time, listed func() ([]string, error)) (map[string]*entry, error) {
	var olds map[string]*entry
	if full && b.lang != nil {
		ch.content = b.lang.names()
	} else if full {
		names, err := listed()
		if err != nil {
			return nil, err
		}
		ch.content = names
		return nil, b.readAndConvert(names, now)
	} else {
		olds = make(map[string]*entry, len(ch.content))
		for _, c := range ch.content {
			olds[c] = b.entries[c]
		}
	}
	return olds, b.readContent(ch.content)
}

// sortedNames returns the content files in order, sorting them again only when a file came
// or went.
func (b *Builder) sortedNames(changed []string) []string {
	if b.names == nil || b.namesChanged(changed) {
		b.names = b.names[:0]
		for n := range b.entries {
			b.names = append(b.names, n)
		}
		sort.Strings(b.names)
	}
	return b.names
}

// resolveURLs gives every visible page its URL before any Markdown is converted, so that
// links between pages resolve while converting. It returns the problems found reading the
// files.
func (b *Builder) resolveURLs(names []string, now time.Time) (urls map[string]string, visible map[string]bool, errs diag.List) {
	urls, visible = make(map[string]string, len(names)), make(map[string]bool, len(names))
	base := b.cfg.BasePath()
	// The two maps are made at once: at 100,000 pages, one after the other took a tenth
	// of a second with a core idle.
	par.Do(func() {
		for _, n := range names {
			e := b.entries[n]
			errs = append(errs, e.diags...)
			if e.page != nil && e.page.Visible(now, b.opts.Drafts) {
				visible[n] = true
			}
		}
	}, func() {
		for _, n := range names {
			e := b.entries[n]
			if e.page == nil || !e.page.Visible(now, b.opts.Drafts) {
				continue
			}
			if e.url == "" {
				e.url = base + site.URLPath(e.page)
			}
			urls[e.page.Rel] = e.url
		}
	})
	return urls, visible, errs
}

// inputs are the pages for site.Assemble, with the problems found converting them.
func (b *Builder) inputs(names []string, visible map[string]bool) ([]site.Input, diag.List, error) {
	todos := make([][]*entry, runtime.GOMAXPROCS(0))
	todo := slices.Concat(todos[:par.Parts(len(names), func(k, lo, hi int) {
		for _, n := range names[lo:hi] {
			if e := b.entries[n]; e.page != nil && visible[n] && e.made == nil {
				todos[k] = append(todos[k], e)
			}
		}
	})]...)
	// On every core: a preview's first build fingerprints every page here (a tenth of a
	// second or more at 10,000 pages), before it can serve any.
	g := newWorkers("assembling")
	g.Each(len(todo), func(i int) string { return todo[i].page.File }, func(i int) error {
		b.makePage(todo[i])
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, nil, err // a panic, named
	}
	// In parts, one a core, put together in order: at 100,000 pages, 40-70 ms on one.
	own := b.sink != nil && b.lang == nil // a streamed build keeps nothing for a next one: the model may have the pages
	ins, probs := make([][]site.Input, runtime.GOMAXPROCS(0)), make([]diag.List, runtime.GOMAXPROCS(0))
	parts := par.Parts(len(names), func(k, lo, hi int) {
		ins[k] = make([]site.Input, 0, hi-lo)
		for _, n := range names[lo:hi] {
			e := b.entries[n]
			if e.page == nil {
				continue
			}
			in := site.Input{Page: e.page, Visible: visible[n]}
			if visible[n] {
				in.Doc = e.doc
				probs[k] = append(probs[k], e.probs...)
				in.Made, in.Own = e.made, own
			}
			ins[k] = append(ins[k], in)
		}
	})
	return slices.Concat(ins[:parts]...), slices.Concat(probs[:parts]...), nil
}

// linkCheck is what checking every page's links found, kept so that a text edit checks
// again only the links its ids could break.
type linkCheck struct {
	byRel   map[string]*site.Input
	diags   map[string]diag.List // by content path: the link problems of each page
	linkers map[string][]string  // content path → pages linking to an anchor on it
	addrs   []*site.Input        // the pages with links written as addresses, for checkAddrs
	now     time.Time            // the build's, for a link to a page held back
	foreign map[string]site.Foreign
}

// checkAddrs checks the links written as addresses, against the site s once assembled:
// a lookup a link, in the pages that have such links.
func (l linkCheck) checkAddrs(s *site.Site, static map[string]theme.Source, fsys fs.FS, real, other func(string) string) {
	has := func(name string) bool { _, ok := static[name]; return ok }
	// A file in content/ that is no bundle's: asked only of a broken link, for its message.
	inContent := func(p string) bool {
		fi, err := fs.Stat(fsys, "content/"+p)
		return err == nil && !fi.IsDir()
	}
	// The first published file in a folder, for a link to the folder.
	under := func(folder string) string {
		first := ""
		for name := range static {
			if strings.HasPrefix(name, folder) && (first == "" || name < first) {
				first = name
			}
		}
		return first
	}
	files := site.Files{Static: has, InContent: inContent, Under: under, Other: other, Real: real}
	hints := 20
	for _, in := range l.addrs {
		if ld := site.CheckAddrs(in, s, l.byRel, files, &hints, l.now); len(ld) > 0 {
			l.diags[in.Page.Rel] = append(l.diags[in.Page.Rel], ld...)
		}
		// A link to an anchor, written as an address, is one a text edit of its page can
		// break, as a .md link's (recheckLinks).
		for _, link := range in.Doc.Links {
			if link.Addr == "" || link.Anchor == "" || l.linkers == nil {
				continue
			}
			if rel, ok := s.AddrRel(link.Addr); ok && !contains(l.linkers[rel], in.Page.Rel) {
				l.linkers[rel] = append(l.linkers[rel], in.Page.Rel)
			}
		}
	}
}

// across checks the links into the other languages' parts of the library (parts, by
// language), from the pages of s.
func (l linkCheck) across(s *site.Site, parts []site.Part) diag.List {
	var out diag.List
	hints := 20
	for _, in := range l.addrs {
		out = append(out, site.CheckAcross(in, s, parts, &hints)...)
	}
	return out
}

// part is this language's part of the library, s with byRel, its content files, as the
// build at now made it, for checking the links of the other languages' pages into it.
func (b *Builder) part(s *site.Site, byRel map[string]*site.Input, now time.Time) site.Part {
	sources := b.sources
	return site.Part{Site: s, ByRel: byRel, Static: func(name string) bool { _, ok := sources[name]; return ok }, Real: b.realName, Now: now}
}

// otherFormat is the format of content/p when it is a file in another generator's page
// format that the build tells of (otherEntry), else "".
func (b *Builder) otherFormat(p string) string {
	if e := b.entries["content/"+p]; e != nil {
		return e.other
	}
	return ""
}

// realName is the file a content file's name stands for (source), as the coach named it.
func (b *Builder) realName(name string) string {
	if r, ok := b.source(name); ok {
		return r
	}
	return name
}

// linked is the content path of the page a link to target leads to: target, or the
// page's other file (site.OtherName) when only that is in byRel. A text edit of that page
// checks the link again.
func linked(byRel map[string]*site.Input, target string) string {
	if _, ok := byRel[target]; !ok {
		if other := site.OtherName(target); other != "" && byRel[other] != nil {
			return other
		}
	}
	return target
}

// crossPart is part for a model that may have problems: a language whose build fails
// still has the links of the others checked against it where its model is sure
// (site.Part.Missing, Unsure), so that a coach sees those problems with its own, at once.
// A page whose front matter fails is missing from the model, or at another address:
// links to it would be told they lead nowhere.
func (b *Builder) crossPart(s *site.Site, byRel map[string]*site.Input, now time.Time) site.Part {
	p := b.part(s, byRel, now)
	for _, e := range b.entries {
		front := hasError(e.diags) // unreadable, or its front matter fails
		if front {
			p.Missing = true
		}
		if e.page != nil && (front || hasError(e.probs)) {
			if p.Unsure == nil {
				p.Unsure = map[string]bool{}
			}
			p.Unsure[e.page.Rel] = true
		}
	}
	return p
}

// hasError reports whether l holds an error, not only warnings.
func hasError(l diag.List) bool {
	return slices.ContainsFunc(l, func(d diag.Diagnostic) bool { return !d.Warning })
}

func (l linkCheck) all() diag.List {
	var out diag.List
	for _, ld := range l.diags {
		out = append(out, ld...)
	}
	return out
}

// checkLinks checks the links of inputs; elsewhere are the pages of a library's other
// languages that links may lead to, and foreign their files that links may name by
// mistake.
func checkLinks(inputs, elsewhere []site.Input, foreign map[string]site.Foreign, now time.Time) linkCheck {
	l := linkCheck{byRel: make(map[string]*site.Input, len(inputs)+len(elsewhere)), diags: map[string]diag.List{}, linkers: map[string][]string{}, foreign: foreign, now: now}
	for i := range elsewhere {
		l.byRel[elsewhere[i].Page.Rel] = &elsewhere[i]
	}
	for i := range inputs {
		l.byRel[inputs[i].Page.Rel] = &inputs[i]
	}
	names := site.NewWikiNames(l.byRel) // its tables made only if a link needs them
	for i := range inputs {
		in := &inputs[i]
		if in.Doc == nil {
			continue
		}
		if ld := site.CheckLinks(in, l.byRel, now, l.foreign, names); len(ld) > 0 {
			l.diags[in.Page.Rel] = ld
		}
		addr := false
		for _, link := range in.Doc.Links {
			if link.Target != "" && link.Anchor != "" {
				to := linked(l.byRel, link.Target)
				l.linkers[to] = append(l.linkers[to], in.Page.Rel)
			}
			addr = addr || link.Addr != ""
		}
		if addr {
			l.addrs = append(l.addrs, in)
		}
	}
	return l
}

// verdict keeps the warnings to show and returns the problems that stop the build, if any.
func (b *Builder) verdict(errs diag.List) diag.List {
	strict := b.opts.Strict || b.cfg.Strict
	b.warnings = nil
	if !strict {
		b.warnings = errs.Warnings().Sort()
	}
	if bad := errs.Errors(strict); len(bad) > 0 {
		return bad.Sort()
	}
	return nil
}

// keep records the good build, for the next rebuild and the short way for text edits.
func (b *Builder) keep(s *site.Site, st *state, links linkCheck, errs diag.List, urls map[string]string) {
	b.good = st
	b.lastOK = true
	var baseDiags diag.List
	for _, d := range errs {
		if !isLinkDiag(d, links.diags) {
			baseDiags = append(baseDiags, d)
		}
	}
	b.text = &textState{site: s, byRel: links.byRel, linkDiags: links.diags, linkers: links.linkers,
		baseDiags: baseDiags, urls: urls, plan: st.plan, addrs: links.addrs, foreign: links.foreign, now: links.now}
}

// indexText makes the maps of t that the short way for text edits looks pages and outputs
// up in. It is left to the first text edit after a build: a build that changed more (a
// title, a tag) is served without waiting for them.
func (b *Builder) indexText(t *textState) {
	if t.pages != nil {
		return
	}
	s := t.site
	t.pages, t.steps = map[string]*site.Page{}, map[string]bool{}
	for _, p := range append(append([]*site.Page{}, s.Pages...), s.Unlisted...) {
		if p.Path != nil {
			t.steps[p.File] = true // its booklet shows its text too
			for _, st := range p.Path.Steps {
				t.steps[st.Page.File] = true
			}
		}
	}
	for _, p := range allPages(s) {
		t.pages[p.File] = p
	}
	t.outputs = map[string][]*render.Output{}
	for _, o := range t.plan {
		d := b.depsOf(o)
		switch {
		case d.bodies:
			t.always = append(t.always, o)
			continue
		case d.home && s.Home.File != "":
			t.outputs[s.Home.File] = append(t.outputs[s.Home.File], o)
		}
		for _, dep := range d.deps {
			if dep.Shows == render.Whole {
				t.outputs[dep.File] = append(t.outputs[dep.File], o)
			}
		}
	}
}

// makePage makes the model page of e and its fingerprints.
func (b *Builder) makePage(e *entry) {
	e.made = site.NewPage(e.page, e.doc, b.cfg.BasePath(), b.cfg.BaseURLSlash())
	if b.lang != nil {
		e.made.Translations = b.lang.translations(b.cfg, e.page.Rel, e.page.Kind)
	}
	if b.sink == nil && !b.late { // a streamed build is compared with nothing: no fingerprints
		e.card, e.body = cardPrint(e.made, e.page.Tags), bodyPrint(e.made)
	}
}

// readStatic reads every static file of the theme and the site.
func (b *Builder) readStatic() (map[string][]byte, error) {
	if dir := b.theme.StaticFull; dir != "" {
		return nil, diag.List{{File: dir, Msg: fmt.Sprintf("holds more than %d files, with the folders its links lead to; "+
			"does a link in it lead to a large folder? Link only the folders you want published", theme.MaxStaticFiles)}}
	}
	out := map[string][]byte{}
	var errs diag.List
	var total int64
	for name, src := range b.theme.Static {
		data, err := input.ReadFile(src.FS, src.Path, input.StaticLimit)
		if err != nil {
			errs.Add(src.Origin, 0, 0, "%s", input.Problem(err))
			continue
		}
		if total += int64(len(data)); total > input.StaticTotalLimit {
			return nil, diag.List{{File: strings.TrimSuffix(src.Origin, name), Msg: fmt.Sprintf("the static files add up to more than %s, "+
				"more than a site should hold; does a link in it lead to a large folder? Link only the folders you want published", input.Size(input.StaticTotalLimit))}}
		}
		out[name] = data
	}
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	return out, nil
}

// readContent reads and parses the named content files, in parallel; a name that no longer
// exists is forgotten.
func (b *Builder) readContent(names []string) error {
	type parsed struct {
		name string
		e    *entry
	}
	results := make([]parsed, len(names))
	if b.sink == nil && len(names) > 0 {
		b.makeSpill()
	}
	g := newWorkers("reading")
	b.prog.start("reading", len(names))
	// One goroutine per core takes the files in turn: a goroutine per file grew a new
	// stack for each (a tenth of a second at 10,000 pages).
	g.Each(len(names), func(i int) string { return names[i] }, func(i int) error {
		name := names[i]
		defer b.prog.step()
		if !source.Included("content", name) {
			return nil
		}
		src, ok := b.source(name)
		if !ok {
			results[i] = parsed{name: name} // another language's now, or gone
			return nil
		}
		if source.Other(name) != "" {
			results[i] = parsed{name: name, e: b.otherEntry(name, src)}
			return nil
		}
		data, err := input.ReadFile(b.fsys, src, input.ContentLimit)
		if errors.Is(err, fs.ErrNotExist) {
			results[i] = parsed{name: name}
			return nil
		}
		if err != nil {
			if fi, serr := fs.Stat(b.fsys, src); serr == nil && fi.IsDir() {
				return nil
			}
			// A pipe, a device, a loop of links, a file too large: the build reports it
			// with the other problems and reads nothing more of it.
			e := &entry{}
			e.diags.Add(name, 0, 0, "%s", input.Problem(err))
			results[i] = parsed{name: name, e: e}
			return nil
		}
		// An entry that could not be read has no data: an empty file in its place is
		// a change.
		if old := b.entries[name]; old != nil && old.sum != nil && *old.sum == sumOf(data) {
			results[i] = parsed{name: name, e: old}
			return nil
		}
		e, _, _ := b.parseEntry(name, data)
		if e.reread && b.mem.Take(len(data)) {
			e.src = data
		}
		results[i] = parsed{name: name, e: e}
		return nil
	})
	if err := g.Wait(); err != nil {
		return err
	}
	for _, r := range results {
		if r.name == "" {
			continue
		}
		if r.e == nil {
			delete(b.entries, r.name)
		} else {
			b.entries[r.name] = r.e
		}
	}
	return nil
}

// parseEntry makes the entry of the content file name from data, its bytes, keeping what
// the build keeps of them (see entry.md): a streamed build nothing (it reads the body
// again, or keeps data whole in its budget: the caller decides), a lazy build the body
// itself (keeps), any other a compressed copy. bodyAt is where the body starts in data.
func (b *Builder) parseEntry(name string, data []byte) (e *entry, bodyAt int, keeps bool) {
	sum := sumOf(data)
	e = &entry{sum: &sum}
	f, diags := source.Parse(name, data)
	e.diags = diags
	if f == nil {
		return e, len(data), false
	}
	p, pd := page.From(f)
	if p.TitleID != "" && b.cfg != nil && b.cfg.Markdown.Emoji && strings.IndexByte(p.Title, ':') >= 0 {
		// A page titled by its first heading shows the heading's emoji as the heading
		// would have.
		if t, ok := markdown.EmojiTitleOf(f.Body); ok {
			p.Title, p.TitleShown = t.Text, t.Shown
		}
	}
	if b.cfg != nil && b.cfg.Markdown.Emoji {
		p.ShowEmoji()
	}
	if b.conv != nil && b.conv.LayoutIDs()[p.TitleID] {
		// The title's h1 keeps off the site's layouts' ids as off the theme's (page.From).
		if t, ok := markdown.LayoutTitleOf(f.Body, b.conv.LayoutIDs()); ok {
			p.TitleID = t.ID
			if t.ThemeIDCol > 0 {
				pd.Warn(f.Path, f.BodyLine+t.Line-1, t.ThemeIDCol, "%s", markdown.LayoutIDProblem(t.ID))
			}
		}
	}
	e.page = p
	e.diags = append(e.diags, pd...)
	// Nothing may keep data (p.Body and f.Front are in it) unless keeps says so. The body
	// is p's: a heading that titles the page is not part of it (page.From).
	body := p.Body
	p.Body = nil
	bodyAt = len(data) - len(body)
	switch {
	case b.sink != nil:
		e.reread, e.bodyAt = true, bodyAt
	case b.late:
		e.front = bytes.Clone(f.Front)
		e.raw = body // packed by the fill (fill.go)
		keeps = true
	default:
		e.front = bytes.Clone(f.Front)
		e.md = markdown.NewBody(body)
		if b.spill != nil {
			e.md = b.spill.Keep(e.md)
		}
	}
	return e, bodyAt, keeps
}

// convert renders the Markdown of every visible page that has none yet, or whose links now
// resolve differently.
func (b *Builder) convert(names []string, urls map[string]string, visible map[string]bool) error {
	// Every page's links are looked up on every core: a full build's 100,000 pages, all
	// converted already, took 20-40 ms on one.
	parts := make([][]*entry, runtime.GOMAXPROCS(0))
	n := par.Parts(len(names), func(k, lo, hi int) {
		for _, n := range names[lo:hi] {
			e := b.entries[n]
			if !visible[n] || e.page == nil {
				continue
			}
			if e.doc == nil || !sameLinks(e.links, urls) {
				parts[k] = append(parts[k], e)
			}
		}
	})
	todo := slices.Concat(parts[:n]...)
	if len(todo) > 0 && b.sink == nil {
		b.makeSpill()
	}
	if len(todo) == 0 {
		return nil // a full build converted every page as it read it (readAndConvert)
	}
	g := newWorkers("converting")
	b.prog.start("converting", len(todo))
	c := b.conversion(func(target string) (string, bool) {
		u, ok := urls[target]
		return u, ok
	})
	// One goroutine per core takes the pages in turn (Each): a new one per page grew its
	// stack anew, by copying, for every page goldmark parsed.
	g.Each(len(todo), func(i int) string { return todo[i].page.File }, func(i int) error {
		e := todo[i]
		defer b.prog.step()
		body, err := b.bodyOf(e)
		if err != nil {
			return err
		}
		if err := b.convertOne(e, body, c); err != nil {
			return err
		}
		b.giveSource(e)
		return nil
	})
	return g.Wait()
}

// conversion is what converting the pages of one build shares.
type conversion struct {
	base    string
	root    string // the whole library's base path, in a library in several languages
	budget  *markdown.Budget
	spill   func() *markdown.Spill                    // where HTML over budget goes as it is; nil: compressed
	resolve func(target string) (url string, ok bool) // the same answer for a target whenever asked
}

func (b *Builder) conversion(resolve func(string) (string, bool)) *conversion {
	c := &conversion{base: b.cfg.BasePath(), root: b.root(), budget: b.htmlBudget(), resolve: eitherName(resolve)}
	if b.sink != nil {
		// A streamed build reads each page's HTML back once or twice within the build: it
		// waits in the file as it is (markdown.Spill.Write), which costs less than
		// compressing it. A preview keeps it for hours: compressed.
		c.spill = b.streamSpill
	}
	return c
}

// convertOne converts body, the Markdown of e's page. What it makes keeps nothing of body,
// but for a lazy build's HTML made later (htmlLater).
func (b *Builder) convertOne(e *entry, body []byte, c *conversion) error {
	p := e.page
	if e.url == "" {
		// An entry read again for a text edit (rebuildText), which resolveURLs has not seen:
		// its relative addresses are resolved against its URL.
		e.url = c.base + site.URLPath(p)
	}
	used := map[string]string{}
	var mu sync.Mutex
	opts := markdown.Options{
		Rel:      p.Rel,
		BasePath: c.base,
		Root:     c.root,
		URL:      e.url,
		Fields:   p.Kind == "worksheet" || p.Kind == "guide",
		Budget:   c.budget,
		Spill:    c.spill,
		NoHTML:   b.late, // made by the fill, after serving (htmlLater)
		TitleID:  p.TitleID,
		Resolve: func(target string) (string, bool) {
			u, ok := c.resolve(target)
			mu.Lock()
			used[target] = u
			mu.Unlock()
			return u, ok
		},
	}
	doc, err := b.conv.Convert(body, opts)
	if err != nil {
		return fmt.Errorf("%s: %w", p.File, err)
	}
	var probs diag.List
	for _, pr := range doc.Problems {
		line := pr.Line
		if line > 0 {
			line += p.BodyLine - 1
		}
		if pr.Warning {
			probs.Warn(p.File, line, pr.Col, "%s", pr.Msg)
		} else {
			probs.Add(p.File, line, pr.Col, "%s", pr.Msg)
		}
	}
	e.doc, e.probs, e.links, e.made, e.print = doc, probs, used, nil, nil
	if doc.NoHTML {
		doc.Body = b.htmlLater(p.File, body, opts, c.resolve)
	} else {
		doc.Body = b.keepBody(doc.Body)
	}
	return nil
}

// giveSource lets go of the file a streamed build kept in its budget until e converted.
func (b *Builder) giveSource(e *entry) {
	if e.src != nil {
		b.mem.Give(len(e.src))
		e.src = nil
	}
}

// htmlLater is the HTML of file, a page that a lazy build converted without it (Options.NoHTML):
// a Body made the first time it is read, by converting src again as o says, which makes
// the HTML that converting it at once would have made. The fill makes every page's
// (fill.pack), a request the page it renders first. Links resolve to the same urls,
// recorded once already.
func (b *Builder) htmlLater(file string, src []byte, o markdown.Options, resolve func(string) (string, bool)) *markdown.Body {
	conv, spill := b.conv, b.spill
	o.NoHTML = false
	o.Resolve = resolve
	return markdown.Later(func() *markdown.Body {
		fault.Point("making HTML", file)
		doc, err := conv.Convert(src, o)
		if err != nil {
			panic(fmt.Sprintf("%s: %v", file, err)) // a problem naming the page (workers.run)
		}
		if spill != nil && doc.Body.Packed() {
			return spill.Keep(doc.Body)
		}
		return doc.Body
	})
}

func sameLinks(used, urls map[string]string) bool {
	if used == nil {
		return false
	}
	for target, u := range used {
		if now, _ := pageURL(urls, target); now != u {
			return false
		}
	}
	return true
}

// eitherName is resolve that finds a page by the name of its other file too
// (site.OtherName): a link to values.md leads to the page once it is made a bundle,
// values/index.md, and the other way round. It looks again only for a link that resolve
// does not find, a link to a draft or to nothing.
func eitherName(resolve func(string) (string, bool)) func(string) (string, bool) {
	return func(target string) (string, bool) {
		if u, ok := resolve(target); ok {
			return u, true
		}
		if other := site.OtherName(target); other != "" {
			return resolve(other)
		}
		return "", false
	}
}

// pageURL is the URL in urls of the page at the content path target, as eitherName finds
// it.
func pageURL(urls map[string]string, target string) (string, bool) {
	if u, ok := urls[target]; ok {
		return u, true
	}
	if other := site.OtherName(target); other != "" {
		u, ok := urls[other]
		return u, ok
	}
	return "", false
}

func fingerprint(s string) string {
	h := sha256.Sum256([]byte(s))
	return string(h[:12])
}

// fieldWords are the theme's words that the worksheet extension writes into pages.
func (b *Builder) fieldWords() worksheet.Words {
	var w worksheet.Words
	for key, dst := range map[string]*string{"callout_note": &w.Note, "callout_tip": &w.Tip, "callout_warning": &w.Warning, "field_cell": &w.Cell, "field_row": &w.Row} {
		if v, ok := b.theme.Lookup(key); ok {
			*dst = v
		}
	}
	return w
}

// embedWords are the theme's words for the links that stand for embeds, in the site's
// language.
func (b *Builder) embedWords() markdown.Words {
	var w markdown.Words
	for key, dst := range map[string]*string{"embed_youtube": &w.YouTube, "embed_vimeo": &w.Vimeo, "embed_x": &w.X, "embed_instagram": &w.Instagram, "embed_gist": &w.Gist} {
		if v, ok := b.theme.Lookup(key); ok {
			*dst = v
		}
	}
	return w
}

// printer makes the PrintBody of every step of every path (unlisted ones too), for
// site.AssembleWith: the model is whole when assembled, and nothing sets a field of it
// after. It keeps the first error in *failed, for the build to return as it is (a panic
// stays a panic).
func (b *Builder) printer(urls map[string]string, failed *error) site.Printer {
	return func(steps []*site.Page) (map[string]*markdown.Body, error) {
		bodies := make(map[string]*markdown.Body, len(steps))
		var mu sync.Mutex
		g := newWorkers("converting for booklets")
		for _, p := range steps {
			e := b.entries[p.File]
			if e == nil || e.page == nil {
				continue
			}
			if e.print != nil {
				mu.Lock() // the workers below write to bodies meanwhile
				bodies[p.File] = e.print.Body
				mu.Unlock()
				continue
			}
			g.Go(p.File, func() error {
				pp := e.page
				body, err := b.bodyOf(e)
				if err != nil {
					return err
				}
				doc, err := b.conv.Convert(body, b.printOptions(e, urls))
				if err != nil {
					return fmt.Errorf("%s: %w", pp.File, err)
				}
				doc.Body = b.keepBody(doc.Body)
				e.print = doc
				mu.Lock()
				bodies[pp.File] = doc.Body
				mu.Unlock()
				return nil
			})
		}
		err := g.Wait()
		*failed = err
		return bodies, err
	}
}

// makeSpill makes the file where pages wait on disk, compressed: every page's HTML from
// converting until rendering (and in a preview, until the page changes), the largest part
// of a large build's memory, and in a preview the pages' Markdown. A build into an output
// folder makes it there (TempFiler), other builds in the temporary folder. Without a
// place for it, or where the file would outlive a preview that is killed (Windows), they
// wait in memory, compressed.
func (b *Builder) makeSpill() {
	if b.spill != nil {
		return
	}
	sink := b.sink
	if l, ok := sink.(*langSink); ok {
		sink = l.shared.sink
	}
	if t, ok := sink.(TempFiler); ok {
		// Inside the output, or nowhere: the pages then wait in memory, compressed.
		if f, remove, err := t.TempFile(); err == nil {
			b.spill = markdown.NewSpillFile(f, remove)
			b.holdSpill()
		}
		return
	}
	if sp, err := markdown.NewSpill(); err == nil && (b.sink != nil || sp.Removed()) {
		b.spill = sp
		b.holdSpill()
	} else if err == nil {
		sp.Close()
	}
}

// spillHeld is how many bytes of the pages' HTML a streamed build whose HTML does not fit
// its memory budget holds in memory in its spill (markdown.Spill.Hold), outside Go's heap:
// the first pages', the rest in the file. Such a library holds no HTML in the budget
// (htmlBudget), and at 100,000 pages the file was 836 MB of the system's cache, written
// and read back with a system call a page, and dirty: with the 2.4 GB of output it passed
// the share of memory past which the system writes to disk beside the build (10% here),
// and its writing threads took their CPU from the build's two cores. Held in memory, the
// pages are copied in and out; the file costs that copy too, and the rest besides: 836 MB
// written and read back twice took 2.1 CPU-seconds through the file, 0.6-0.7 held
// (BenchmarkSpillHold), and with all of them held (2.3 GB peak, over the 2 GB a coach's
// laptop can spare) the build took 2.2-5.7 CPU-seconds less of its 39. 256 MB put the
// peak at 1.69-1.85 GB (1.35-1.62 without).
const spillHeld = 256 << 20

// spillInMemory reports whether a spill's file is in memory (markdown.Spill.InMemory); a
// variable for tests, which hold pages wherever their temporary folder is.
var spillInMemory = (*markdown.Spill).InMemory

// holdSpill has a streamed build's new spill hold its first pages in memory (spillHeld).
// A language of a library in several has a spill of its own: none holds, so that the
// languages' memory does not add up. Nor does a spill whose file is in memory already
// (spillInMemory): holding saves it no writing to disk, and the memory held is fresh
// memory the build touches, where the file's pages cost the system's copy alone. Built
// into /dev/shm at 100,000 pages, with free memory made cold first (3 GB written to
// /dev/shm and removed, 8 s), perf record -e cpu-clock -F 999 -g counted 1,419 samples
// under Spill.Write and 1,124 reading pages back with 256 MB held (912 of them clearing
// the held memory's new pages), 485 and 1,154 with none, of 35,592 and 31,628 in all;
// peak RSS 1.74 GB, 1.49 GB without.
func (b *Builder) holdSpill() {
	if b.sink == nil || b.lang != nil || b.spillHeld < 0 || spillInMemory(b.spill) {
		return
	}
	n := b.spillHeld
	if n == 0 {
		n = spillHeld
	}
	b.spill.Hold(int(n))
}

// htmlBudget is the budget for the pages' HTML. A library whose files did not all fit in
// it is too large to hold its HTML as it is: held until the end, that would add the whole
// budget to the build's peak. The files it kept go as they are converted, long before.
func (b *Builder) htmlBudget() *markdown.Budget {
	if b.mem.Short() {
		return nil
	}
	return b.mem
}

// keepBody puts a page's HTML in the spill, unless it is held as it is (memoryBudget) or
// is there already. A streamed build makes the spill when the first page needs it: one
// that fits in its budget makes none.
func (b *Builder) keepBody(body *markdown.Body) *markdown.Body {
	if !body.Packed() {
		return body
	}
	if b.sink != nil {
		b.streamSpill()
	}
	if b.spill == nil {
		return body
	}
	return b.spill.Keep(body)
}

// streamSpill is a streamed build's spill, made the first time a page needs it; nil when
// it could not be made.
func (b *Builder) streamSpill() *markdown.Spill {
	b.spillMu.Lock()
	defer b.spillMu.Unlock()
	if !b.spillTried {
		b.spillTried = true
		b.makeSpill()
	}
	return b.spill
}

// fileSum is what a content file held when it was read: its size and a hash of its bytes.
type fileSum struct {
	size int
	hash uint64
}

// seed hashes the files read, to tell whether one changed since.
var seed = maphash.MakeSeed()

func sumOf(data []byte) fileSum { return fileSum{len(data), maphash.Bytes(seed, data)} }

// bodyOf is the Markdown body of e's page (see entry.md). A file that a streamed build
// reads again and finds changed fails the build, which used its front matter already.
func (b *Builder) bodyOf(e *entry) ([]byte, error) {
	p := e.page
	if e.raw != nil {
		return e.raw, nil
	}
	if !e.reread {
		return e.md.AppendTo(nil), nil
	}
	if e.src != nil {
		return e.src[e.bodyAt:], nil
	}
	src, _ := b.source(p.File)
	data, err := input.ReadFile(b.fsys, src, input.ContentLimit)
	if err != nil {
		return nil, diag.List{{File: p.File, Msg: fmt.Sprintf("%s while building; build again", input.Problem(err))}}
	}
	if e.sum == nil || sumOf(data) != *e.sum {
		return nil, diag.List{{File: p.File, Msg: "changed while building; build again"}}
	}
	return data[e.bodyAt:], nil
}

// namesChanged reports whether the set of content files is not what b.names lists: a file
// was added or removed. An edit changes no name, and skips sorting them all again.
func (b *Builder) namesChanged(changed []string) bool {
	if len(b.names) != len(b.entries) {
		return true
	}
	for _, c := range changed {
		_, now := b.entries[c]
		_, before := slices.BinarySearch(b.names, c)
		if now != before {
			return true
		}
	}
	return false
}

// root is the base path of the whole library in a library in several languages, whose
// part this Builder builds ("/library/" of "/library/de/"); "" in a library in one.
func (b *Builder) root() string {
	for _, l := range b.cfg.Languages {
		if l.Default() {
			return l.Home
		}
	}
	return ""
}

// printOptions converts a page for booklets: its ids prefixed so that many pages can share
// one document.
func (b *Builder) printOptions(e *entry, urls map[string]string) markdown.Options {
	pp := e.page
	return markdown.Options{
		Rel: pp.Rel, BasePath: b.cfg.BasePath(), Root: b.root(), URL: e.url, Fields: pp.Kind == "worksheet" || pp.Kind == "guide",
		IDPrefix: site.PrintPrefix(pp.Rel),
		TitleID:  pp.TitleID,
		Budget:   b.htmlBudget(),
		Resolve: func(target string) (string, bool) {
			return pageURL(urls, target)
		},
	}
}

// isLinkDiag reports whether d is one of the link problems in linkDiags.
func isLinkDiag(d diag.Diagnostic, linkDiags map[string]diag.List) bool {
	for _, ld := range linkDiags {
		for _, x := range ld {
			if x == d {
				return true
			}
		}
	}
	return false
}

// source is the file a content file's name stands for: itself, or in one language of a
// library in several, its real name (content/values.de.md for content/values.md); ok is
// false when the language has no such file.
func (b *Builder) source(name string) (string, bool) {
	if b.lang == nil {
		return name, true
	}
	return b.lang.source(name)
}
