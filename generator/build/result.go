package build

import (
	"time"

	"github.com/between-ssg/between/generator/diag"
)

// Options says what to build and how.
type Options struct {
	Root    string // the site folder on disk (holds config.toml and content/)
	Drafts  bool   // include drafts and future-dated (or expired) pages
	Strict  bool   // warnings are errors
	BaseURL string // overrides config.toml's baseURL when not empty (the dev server sets it)
	// Preview is a build for `between serve`: no service worker and no offline list, so a
	// coach's preview is never a copy kept in the browser.
	Preview bool
	// Lazy lets a preview's first build return before its pages are rendered: they render
	// in the background, and first when asked for (Result.File). See fill.go.
	Lazy bool
}

// Result is one complete build of the site, held in memory.
type Result struct {
	// Files is the complete output: slash paths without a leading slash
	// ("articles/x/index.html", "css/main.css") to their bytes. A Result is never changed
	// after it is returned, so a server may keep serving it while the next build runs.
	Files map[string][]byte
	// Changed lists the output paths added, changed or removed since the previous Result of
	// the same Builder, sorted; on the first build, every file.
	Changed []string
	// Rendered counts the pages whose templates ran in this build.
	Rendered int
	// Summary is counts for the build's summary line.
	Summary  Summary
	Warnings diag.List
	Duration time.Duration

	index map[string][]byte // the search index's files among Files, for the next rebuild
	fill  *fill             // the outputs still rendering after a lazy build; nil when Files is whole
}

// File returns the output file name (a slash path, as in Files) and whether the site has
// one. From a lazy build (Options.Lazy) whose pages are still rendering, a page not
// rendered yet is rendered now, or waited for when it already is being rendered, and a
// file of the search index waits for the index; err is the problem that stopped it (a
// template's error), which the build's Whole returns too.
func (r *Result) File(name string) (data []byte, ok bool, err error) {
	if data, ok := r.Files[name]; ok {
		return data, true, nil
	}
	f := r.fill
	if f == nil {
		return nil, false, nil
	}
	if i, ok := f.at[name]; ok {
		data, err := f.get(i)
		return data, true, err
	}
	return f.indexFile(name)
}

// Has reports whether the site has the output file name, without rendering it. A name
// the search index may have waits for the index.
func (r *Result) Has(name string) bool {
	if _, ok := r.Files[name]; ok {
		return true
	}
	f := r.fill
	if f == nil {
		return false
	}
	if _, ok := f.at[name]; ok {
		return true
	}
	_, ok, _ := f.indexFile(name)
	return ok
}

// Pause holds the background rendering of a lazy build (Options.Lazy) until resume is
// called: a server calls it while it answers a request, so that the page a coach opened
// gets every core rather than a share beside the background's. The pages being rendered
// finish; no other starts. Calling resume again does nothing.
func (r *Result) Pause() (resume func()) {
	if r.fill == nil {
		return func() {}
	}
	return r.fill.pause()
}

// Filled is closed once every page of a lazy build is rendered (or one failed: see Whole);
// nil, which never is ready, for a Result that was whole when returned.
func (r *Result) Filled() <-chan struct{} {
	if r.fill == nil {
		return nil
	}
	return r.fill.done
}

// Whole waits until every page of a lazy build is rendered and returns the whole Result,
// its Files every output; or the problem that stopped rendering, after which the site
// has no good build. A Result that was whole when returned is its own.
func (r *Result) Whole() (*Result, error) {
	if r.fill == nil {
		return r, nil
	}
	<-r.fill.done
	return r.fill.whole, r.fill.err
}

// Summary counts what a build made.
type Summary struct {
	Pages, Paths, Worksheets, Tags, Files int
}
