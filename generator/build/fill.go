package build

import (
	"bytes"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/generator/site"
)

// A preview's first build (Options.Lazy) returns once the site's model is whole and its
// problems known: rendering every page took as long again as reading and converting them
// (two seconds at 10,000 pages), and a coach looks at one page first. The pages a coach
// opens first (the home page, the first page of each section's list, the tags, search,
// My notes and 404 pages) are rendered before it returns; every other output is a slot of
// a fill, rendered on every core in the background, and at once by Result.File when a
// request asks for it first. Each output is rendered once, by whoever claims it, from the
// same model and templates as a full build, so what is served is what a full build makes.
// The next Build or Rebuild waits for the fill (Builder.settle) and compares with its
// whole Result, as with any other build.
type fill struct {
	b       *Builder
	site    *site.Site
	partial *Result // what the build returned
	st      *state  // the build's state, whose result becomes the whole one
	// entries are the content files' entries, whose fingerprints and compressed Markdown
	// the background makes first (pack), with nextPack counting them out; packErr is the
	// first of them to fail (a panic).
	entries  []*entry
	nextPack atomic.Int64
	packErr  atomic.Pointer[error]
	packed   chan struct{} // closed once every entry is packed, or the fill stopped
	outs     []*render.Output
	at       map[string]int // output path → its slot
	slots    []slot
	next     atomic.Int64 // the next slot the background takes
	stop     atomic.Bool  // a page failed: the background stops
	started  bool         // start ran (on the Builder's goroutine)

	// paused counts the requests being answered (Result.Pause): the background takes no
	// new slot meanwhile, so that a coach's page gets the cores.
	paused  atomic.Int32
	pauseMu sync.Mutex
	resumed *sync.Cond
	// indexWaits counts the requests waiting for the search index, which waits for the
	// packing: meanwhile the packing goes on, paused or not.
	indexWaits atomic.Int32

	// indexed is closed once the search index is made (idx, or idxErr).
	indexed chan struct{}
	idx     map[string][]byte
	idxErr  error

	// done is closed once every slot is rendered and whole is the complete Result, or
	// err says what failed.
	done  chan struct{}
	whole *Result
	err   error
}

// slot is one output of a fill.
type slot struct {
	state atomic.Int32 // waiting, claimed or dropped
	ready chan struct{}
	data  []byte
	err   error
}

const (
	waiting int32 = iota
	claimed       // being rendered, or rendered once ready is closed
	dropped       // never rendered: an earlier output failed
)

// firstSeen reports whether an output is one a coach opens before any other: rendered
// before a lazy build returns, so that the preview says it is serving only once these
// answer at once.
func firstSeen(o *render.Output) bool {
	switch o.Layout {
	case "home", "404", "tags", "search", "notes":
		return true
	case "section":
		return o.Data.Pager == nil || o.Data.Pager.Number == 1
	}
	return false
}

// lazy reports whether this build renders its pages after returning: a preview that asked
// for it, with nothing rendered before to compare with, in one language (a library in
// several puts its languages' files together once each is whole).
func (b *Builder) lazy(prev *state) bool {
	return b.opts.Lazy && b.opts.Preview && prev == nil && b.lang == nil && b.multi == nil
}

// renderLater is renderSite's end for a lazy build: it renders the outputs a coach opens
// first, starts the fill with the others and the search index, and returns the Result
// without them.
func (b *Builder) renderLater(s *site.Site, outs []*render.Output, extra map[string][]byte, st *state) (*Result, *state, error) {
	// As renderSite puts a Result together: static files under the outputs, the extras
	// over both; the index's folder is the index's alone (addSearch).
	files := make(map[string][]byte, len(b.static)+len(extra)+16)
	for name, data := range b.static {
		if !strings.HasPrefix(name, search.Dir) {
			files[name] = data
		}
	}
	var first, later []*render.Output
	for _, o := range outs {
		delete(files, o.Path)
		switch {
		case extra[o.Path] != nil || o.Path == "sw.js": // replaced below, as renderSite does
		case firstSeen(o):
			first = append(first, o)
		default:
			later = append(later, o)
		}
	}
	for name, data := range extra {
		files[name] = data
	}
	b.offline(s, files)

	if err := b.renderInto(first, files); err != nil {
		return nil, nil, err
	}

	f := &fill{b: b, site: s, outs: later, at: make(map[string]int, len(later)), slots: make([]slot, len(later)),
		indexed: make(chan struct{}), done: make(chan struct{})}
	f.resumed = sync.NewCond(&f.pauseMu)
	for _, e := range b.entries {
		f.entries = append(f.entries, e)
	}
	names := make([]string, 0, len(files)+len(later))
	for name := range files {
		names = append(names, name)
	}
	for i, o := range later {
		f.at[o.Path] = i
		f.slots[i].ready = make(chan struct{})
		names = append(names, o.Path)
	}
	sort.Strings(names)
	res := &Result{Files: files, Changed: names, Rendered: len(first) + len(later),
		Summary: summarize(s, len(names)), fill: f}
	st.result, st.plan, st.static = res, outs, b.staticGen
	f.partial, f.st = res, st
	b.filling = f
	return res, st, nil
}

// start renders the fill's outputs on every core and makes the search index beside them.
// build calls it once it has done with the Result and the Builder (and a build that
// started again from scratch, inside another, calls it twice: once counts).
func (f *fill) start() {
	if f.started {
		return
	}
	f.started = true
	index := !f.b.noIndex
	if index && f.b.search == nil {
		f.b.search = f.b.newIndexer()
	}
	f.packed = make(chan struct{})
	go func() {
		// Begun only now, so that it takes no core from the pages rendered before serving,
		// and once every page's HTML is made (pack): a page whose HTML fails to be made
		// fails there or where a request made it, as a problem naming it, not in the
		// index's workers. After a failure (stop) the fill fails: no index is needed.
		<-f.packed
		if index && !f.stop.Load() {
			f.idx, f.idxErr = f.b.startIndex(f.site)()
		}
		close(f.indexed)
	}()
	f.b.prog.start("rendering", len(f.slots))
	start := time.Now()
	workers := runtime.GOMAXPROCS(0)
	finished := make(chan struct{}, workers)
	var packing sync.WaitGroup // each worker's part of packing
	packing.Add(workers)
	for range workers {
		go func() {
			packs := true
			for !f.stop.Load() {
				f.hold(packs)
				if i := int(f.nextPack.Add(1) - 1); i < len(f.entries) {
					f.pack(f.entries[i])
					continue
				}
				if packs {
					packs = false
					packing.Done()
				}
				i := int(f.next.Add(1) - 1)
				if i >= len(f.slots) {
					break
				}
				if f.slots[i].state.CompareAndSwap(waiting, claimed) {
					f.render(i)
				}
			}
			if packs {
				packing.Done() // stopped while packing
			}
			finished <- struct{}{}
		}()
	}
	go func() {
		packing.Wait()
		close(f.packed)
	}()
	go func() {
		for range workers {
			<-finished
		}
		f.finish(start)
	}()
}

// hold waits while requests are answered (pause), unless the worker is packing and a
// request waits for the search index, which waits for the packing.
func (f *fill) hold(packing bool) {
	if f.paused.Load() == 0 {
		return
	}
	f.pauseMu.Lock()
	for f.paused.Load() > 0 && !(packing && f.indexWaits.Load() > 0) {
		f.resumed.Wait()
	}
	f.pauseMu.Unlock()
}

// indexFile is Result.File for a name that is not an output: a file of the search index,
// once it is made.
func (f *fill) indexFile(name string) ([]byte, bool, error) {
	if !strings.HasPrefix(name, search.Dir) {
		return nil, false, nil // the index's files are in its folder (addSearch): nothing to wait for
	}
	select {
	case <-f.indexed:
	default:
		// The request asking has paused the fill (Result.Pause): its packing goes on.
		f.pauseMu.Lock()
		f.indexWaits.Add(1)
		f.resumed.Broadcast()
		f.pauseMu.Unlock()
		<-f.indexed
		f.indexWaits.Add(-1)
	}
	if f.idxErr != nil {
		return nil, false, f.idxErr
	}
	data, ok := f.idx[name]
	return data, ok, nil
}

// pack makes what a lazy build left for later of a content file (Builder.late): its HTML,
// its fingerprints, which the next rebuild compares, and its Markdown compressed into the
// spill, as a preview keeps it.
func (f *fill) pack(e *entry) {
	name := ""
	if e.page != nil {
		name = e.page.File
	}
	w := &workers{stage: "keeping"}
	if err := w.run(name, func() error {
		if e.doc != nil {
			e.doc.Body.Make() // converted without its HTML before serving (htmlLater)
		}
		if e.made != nil {
			e.card, e.body = cardPrint(e.made, e.page.Tags), bodyPrint(e.made)
		}
		if e.raw != nil {
			md := markdown.NewBody(e.raw)
			if f.b.spill != nil {
				md = f.b.spill.Keep(md)
			}
			e.md, e.raw = md, nil
		}
		return nil
	}); err != nil {
		f.packErr.CompareAndSwap(nil, &err) // a panic, named
		f.stop.Store(true)
	}
}

// render renders slot i, which the caller claimed.
func (f *fill) render(i int) {
	sl := &f.slots[i]
	defer close(sl.ready)
	defer f.b.prog.step()
	o := f.outs[i]
	w := &workers{stage: "rendering"}
	sl.err = w.run(f.b.outputFile(o), func() error {
		buf := getBuffer()
		defer putBuffer(buf)
		if err := f.b.renderOne(buf, o); err != nil {
			return err
		}
		sl.data = bytes.Clone(buf.Bytes())
		return nil
	})
	if sl.err != nil {
		f.stop.Store(true)
	}
}

// finish waits for the slots the requests claimed, then puts the whole Result together
// with the search index, as build does, and makes it the one the next build compares with.
func (f *fill) finish(start time.Time) {
	partial := f.partial
	defer close(f.done)
	for i := range f.slots {
		sl := &f.slots[i]
		if sl.state.CompareAndSwap(waiting, dropped) {
			continue // only after a failure: the background takes every slot otherwise
		}
		<-sl.ready
		if sl.err != nil && f.err == nil {
			f.err = sl.err
		}
	}
	<-f.indexed
	if p := f.packErr.Load(); p != nil && f.err == nil {
		f.err = *p
	}
	if f.err == nil {
		f.err = f.idxErr
	}
	if f.err != nil {
		return
	}
	// What the next rebuild compares with, as renderSite makes it for other builds, from
	// the fingerprints pack made.
	b, st := f.b, f.st
	st.global, st.tags = b.sitePrint(f.site), tagPrints(f.site)
	for _, p := range allPages(f.site) {
		st.cards[p.File] = b.cardOf(p)
		if e := b.entries[p.File]; e != nil && e.made != nil {
			st.bodies[p.File] = e.body
		}
	}
	files := maps.Clone(partial.Files)
	for i, o := range f.outs {
		files[o.Path] = f.slots[i].data
	}
	whole := &Result{Files: files, Changed: slices.Clone(partial.Changed), Rendered: partial.Rendered, Summary: partial.Summary,
		Warnings: partial.Warnings, Duration: partial.Duration + time.Since(start)}
	if !f.b.noIndex {
		f.b.addSearch(whole, f.site, nil, f.idx)
	}
	f.st.result = whole
	f.whole = whole
}

// get is Result.File for an output of the fill: rendered now when nobody has claimed it
// yet, else waited for.
func (f *fill) get(i int) ([]byte, error) {
	sl := &f.slots[i]
	if sl.state.CompareAndSwap(waiting, claimed) {
		f.render(i)
	} else if sl.state.Load() == dropped {
		<-f.done
		return nil, f.err
	}
	<-sl.ready
	return sl.data, sl.err
}

// settle waits for the fill of the last build, if one is running: nothing of the Builder
// may change while it renders. After a failed fill, the next build starts from scratch.
func (b *Builder) settle() {
	f := b.filling
	if f == nil {
		return
	}
	b.filling = nil
	<-f.done
	if f.err != nil {
		b.cfg, b.good, b.text, b.lastOK = nil, nil, nil, false
	}
}

// pause holds the background until resume is called (see Result.Pause).
func (f *fill) pause() (resume func()) {
	f.paused.Add(1)
	var once sync.Once
	return func() {
		once.Do(func() {
			f.pauseMu.Lock()
			if f.paused.Add(-1) == 0 {
				f.resumed.Broadcast()
			}
			f.pauseMu.Unlock()
		})
	}
}
