package build

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/input"
	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/page"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/source"
	"github.com/between-ssg/between/generator/theme"
	"github.com/between-ssg/between/generator/worksheet"
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
	static  map[string][]byte // static output files

	good     *state    // what the last successful build produced
	warnings diag.List // of the last build, also when it failed
	lastOK   bool      // the last build succeeded, so text and good describe the output
	text     *textState
	// textRebuilds counts rebuilds that took the short way for text edits (for tests).
	textRebuilds int
}

// Warnings returns the warnings of the last Build or Rebuild, also when it failed with
// errors, so that they can be shown beside them.
func (b *Builder) Warnings() diag.List { return b.warnings }

// entry is one content file and what was made from it.
type entry struct {
	data  []byte
	front []byte // the front matter's text, to tell an edit of the body alone
	page  *page.Page
	diags diag.List // from reading the front matter
	doc   *markdown.Doc
	probs diag.List // from converting the Markdown
	// links holds the URLs the page's .md links resolved to when it was converted; when one
	// of them changes, the page converts again.
	links   map[string]string
	content string // fingerprint of doc.HTML

	made  *site.Page    // site.NewPage of page and doc, kept until either changes
	print *markdown.Doc // the page converted with prefixed ids, for booklets; nil until needed
	meta  string        // metaPrint of made's own fields
}

// state is the last good build, to compare the next one with.
type state struct {
	result  *Result
	deps    map[string][]string // output path → its deps and layout
	meta    map[string]string   // content file → fingerprint of what lists show of it
	content map[string]string   // content file → fingerprint of its HTML
	global  string
	plan    []*render.Output
}

// New returns a Builder for the site in opts.Root.
func New(opts Options) *Builder {
	return &Builder{opts: opts, fsys: os.DirFS(opts.Root), now: time.Now}
}

// SetClock makes the builder use now for publish and expiry dates; tests use it to make
// output that does not depend on the day.
func (b *Builder) SetClock(now func() time.Time) { b.now = now }

// Build builds the whole site from scratch.
func (b *Builder) Build() (*Result, error) {
	b.cfg, b.conv, b.theme, b.entries, b.names, b.static, b.good, b.text, b.lastOK = nil, nil, nil, nil, nil, nil, nil, nil, false
	return b.build(nil)
}

// Rebuild builds the site again after the files in changed (slash paths relative to the site
// root; deleted and renamed files under their old and new names) changed.
func (b *Builder) Rebuild(changed []string) (*Result, error) {
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

func (b *Builder) build(changed []string) (*Result, error) {
	start := time.Now()
	var errs diag.List
	full := b.cfg == nil

	if full {
		cfg, err := config.Load(b.fsys, "config.toml")
		if err != nil {
			return nil, err
		}
		if b.opts.BaseURL != "" {
			cfg.BaseURL = b.opts.BaseURL
		}
		b.cfg = cfg
		b.entries = map[string]*entry{}
	}

	// What kind of files changed decides what to redo.
	themeChanged, staticChanged := full, full
	var changedLayoutFiles []string
	var contentChanged []string
	for _, c := range changed {
		switch {
		case strings.HasPrefix(c, "content/"):
			contentChanged = append(contentChanged, c)
		case strings.HasPrefix(c, "static/"):
			staticChanged = true
		case strings.HasPrefix(c, "i18n/"), strings.HasPrefix(c, "themes/") && strings.Contains(c, "/i18n/"):
			// The words are in converted Markdown too (callout titles): start over.
			return b.Build()
		case strings.HasPrefix(c, "layouts/"):
			themeChanged = true
			changedLayoutFiles = append(changedLayoutFiles, c)
		case strings.HasPrefix(c, "themes/"):
			themeChanged, staticChanged = true, true
			changedLayoutFiles = append(changedLayoutFiles, c)
		}
	}
	if themeChanged || b.theme == nil {
		t, err := theme.Load(b.fsys, b.cfg.Theme, b.cfg.Language)
		if err != nil {
			return nil, err
		}
		b.theme = t
		staticChanged = true
	}
	if b.conv == nil {
		b.conv = markdown.New(b.cfg.Markdown.Unsafe, worksheet.WithWords(b.fieldWords()))
	}
	if staticChanged || b.static == nil {
		if !themeChanged {
			b.theme.ScanStatic()
		}
		st, err := b.readStatic()
		if err != nil {
			return nil, err
		}
		b.static = st
	}

	// Content: read the files that changed (all of them on a full build).
	if full {
		names, err := source.List(b.fsys, "content")
		if err != nil {
			return nil, fmt.Errorf("read content/: %w", err)
		}
		contentChanged = names
	}
	var olds map[string]*entry // what the changed files were, for telling a text edit
	if !full {
		olds = make(map[string]*entry, len(contentChanged))
		for _, c := range contentChanged {
			olds[c] = b.entries[c]
		}
	}
	if err := b.readContent(contentChanged); err != nil {
		return nil, err
	}
	if !full && !themeChanged && !staticChanged && len(contentChanged) == len(changed) {
		res, ok, err := b.rebuildText(contentChanged, olds, start)
		if ok || err != nil {
			return res, err
		}
	}
	b.lastOK = false

	now := b.now()
	if b.names == nil || b.namesChanged(contentChanged) {
		b.names = b.names[:0]
		for n := range b.entries {
			b.names = append(b.names, n)
		}
		sort.Strings(b.names)
	}
	names := b.names

	// URLs first, so that links between pages resolve while converting.
	urls := map[string]string{}
	visible := map[string]bool{}
	base := b.cfg.BasePath()
	for _, n := range names {
		e := b.entries[n]
		errs = append(errs, e.diags...)
		if e.page == nil {
			continue
		}
		if e.page.Visible(now, b.opts.Drafts) {
			visible[n] = true
			urls[e.page.Rel] = base + site.URLPath(e.page)
		}
	}
	if err := b.convert(names, urls, visible); err != nil {
		return nil, err
	}

	inputs := make([]site.Input, 0, len(names))
	for _, n := range names {
		e := b.entries[n]
		if e.page == nil {
			continue
		}
		in := site.Input{Page: e.page, Visible: visible[n]}
		if visible[n] {
			in.Doc = e.doc
			errs = append(errs, e.probs...)
			if e.made == nil {
				e.made = site.NewPage(e.page, e.doc, base, b.cfg.BaseURLSlash())
				e.meta = ownMeta(e.made, e.page.Tags)
			}
			in.Made = e.made
		}
		inputs = append(inputs, in)
	}
	s, serrs := site.Assemble(b.cfg, inputs, now)
	errs = append(errs, serrs...)
	byRel := make(map[string]*site.Input, len(inputs))
	for i := range inputs {
		byRel[inputs[i].Page.Rel] = &inputs[i]
	}
	linkDiags := make(map[string]diag.List)
	linkers := make(map[string][]string)
	for i := range inputs {
		in := &inputs[i]
		if in.Doc == nil {
			continue
		}
		if ld := site.CheckLinks(in, byRel, now); len(ld) > 0 {
			linkDiags[in.Page.Rel] = ld
			errs = append(errs, ld...)
		}
		for _, l := range in.Doc.Links {
			if l.Target != "" && l.Anchor != "" {
				linkers[l.Target] = append(linkers[l.Target], in.Page.Rel)
			}
		}
	}
	strict := b.opts.Strict || b.cfg.Strict
	b.warnings = nil
	if !strict {
		b.warnings = errs.Warnings().Sort()
	}
	if bad := errs.Errors(strict); len(bad) > 0 {
		return nil, bad.Sort()
	}

	if err := b.convertForPrint(s, urls); err != nil {
		return nil, err
	}
	res, st, err := b.renderSite(s, changedLayoutFiles, full || themeChanged && len(changedLayoutFiles) == 0)
	if err != nil {
		return nil, err
	}
	res.Warnings = errs.Warnings().Sort()
	res.Duration = time.Since(start)
	b.good = st
	b.lastOK = true
	var baseDiags diag.List
	for _, d := range errs {
		if !isLinkDiag(d, linkDiags) {
			baseDiags = append(baseDiags, d)
		}
	}
	b.text = &textState{site: s, byRel: byRel, linkDiags: linkDiags, linkers: linkers,
		baseDiags: baseDiags, urls: urls, pages: map[string]*site.Page{}, steps: map[string]bool{}}
	for _, p := range append(append([]*site.Page{}, s.Pages...), s.Unlisted...) {
		if p.Path != nil {
			for _, st := range p.Path.Steps {
				b.text.steps[st.Page.File] = true
			}
		}
	}
	for _, p := range allPages(s) {
		b.text.pages[p.File] = p
	}
	b.text.outputs = map[string][]*render.Output{}
	for _, o := range st.plan {
		for _, d := range o.Deps {
			if d[0] == 'c' {
				b.text.outputs[d[2:]] = append(b.text.outputs[d[2:]], o)
			}
		}
	}
	return res, nil
}

// readStatic reads every static file of the theme and the site.
func (b *Builder) readStatic() (map[string][]byte, error) {
	out := map[string][]byte{}
	var errs diag.List
	for name, src := range b.theme.Static {
		data, err := input.ReadFile(src.FS, src.Path, input.StaticLimit)
		if err != nil {
			errs.Add(src.Origin, 0, 0, "%s", input.Problem(err))
			continue
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
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, name := range names {
		g.Go(func() error {
			if !source.Included("content", name) {
				return nil
			}
			data, err := input.ReadFile(b.fsys, name, input.ContentLimit)
			if errors.Is(err, fs.ErrNotExist) {
				results[i] = parsed{name: name}
				return nil
			}
			if err != nil {
				if fi, serr := fs.Stat(b.fsys, name); serr == nil && fi.IsDir() {
					return nil
				}
				// A pipe, a device, a loop of links, a file too large: the build reports it
				// with the other problems and reads nothing more of it.
				e := &entry{}
				e.diags.Add(name, 0, 0, "%s", input.Problem(err))
				results[i] = parsed{name: name, e: e}
				return nil
			}
			if old := b.entries[name]; old != nil && string(old.data) == string(data) {
				results[i] = parsed{name: name, e: old}
				return nil
			}
			e := &entry{data: data}
			f, diags := source.Parse(name, data)
			e.diags = diags
			if f != nil {
				e.front = f.Front
				p, pd := page.From(f)
				e.page = p
				e.diags = append(e.diags, pd...)
			}
			results[i] = parsed{name: name, e: e}
			return nil
		})
	}
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

// convert renders the Markdown of every visible page that has none yet, or whose links now
// resolve differently.
func (b *Builder) convert(names []string, urls map[string]string, visible map[string]bool) error {
	var todo []*entry
	for _, n := range names {
		e := b.entries[n]
		if !visible[n] || e.page == nil {
			continue
		}
		if e.doc == nil || !sameLinks(e.links, urls) {
			todo = append(todo, e)
		}
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	base := b.cfg.BasePath()
	for _, e := range todo {
		g.Go(func() error {
			p := e.page
			used := map[string]string{}
			var mu sync.Mutex
			opts := markdown.Options{
				Rel:      p.Rel,
				BasePath: base,
				Fields:   p.Kind == "worksheet" || p.Kind == "guide",
				Resolve: func(target string) (string, bool) {
					u, ok := urls[target]
					mu.Lock()
					used[target] = u
					mu.Unlock()
					return u, ok
				},
			}
			doc, err := b.conv.Convert(p.Body, opts)
			if err != nil {
				return fmt.Errorf("%s: %w", p.File, err)
			}
			var probs diag.List
			for _, pr := range doc.Problems {
				line := pr.Line
				if line > 0 {
					line += p.BodyLine - 1
				}
				probs.Add(p.File, line, pr.Col, "%s", pr.Msg)
			}
			e.doc, e.probs, e.links, e.made, e.print = doc, probs, used, nil, nil
			e.content = fingerprint(string(doc.HTML))
			return nil
		})
	}
	return g.Wait()
}

func sameLinks(used, urls map[string]string) bool {
	if used == nil {
		return false
	}
	for target, u := range used {
		if urls[target] != u {
			return false
		}
	}
	return true
}

func fingerprint(s string) string {
	h := sha256.Sum256([]byte(s))
	return string(h[:12])
}

// fieldWords are the theme's words that the worksheet extension writes into pages.
func (b *Builder) fieldWords() worksheet.Words {
	var w worksheet.Words
	for key, dst := range map[string]*string{"callout_note": &w.Note, "callout_tip": &w.Tip, "callout_warning": &w.Warning, "field_cell": &w.Cell} {
		if v, ok := b.theme.Lookup(key); ok {
			*dst = v
		}
	}
	return w
}

// convertForPrint gives every step of every path (unlisted ones too) its PrintContent.
func (b *Builder) convertForPrint(s *site.Site, urls map[string]string) error {
	steps := map[string]*site.Page{}
	for _, p := range append(append([]*site.Page{}, s.Pages...), s.Unlisted...) {
		if p.Path == nil {
			continue
		}
		for _, st := range p.Path.Steps {
			steps[st.Page.File] = st.Page
		}
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for file, p := range steps {
		e := b.entries[file]
		if e == nil || e.page == nil {
			continue
		}
		if e.print != nil {
			p.PrintContent = template.HTML(e.print.HTML)
			continue
		}
		g.Go(func() error {
			pp := e.page
			doc, err := b.conv.Convert(pp.Body, b.printOptions(e, urls))
			if err != nil {
				return fmt.Errorf("%s: %w", pp.File, err)
			}
			e.print = doc
			p.PrintContent = template.HTML(doc.HTML)
			return nil
		})
	}
	return g.Wait()
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

// printOptions converts a page for booklets: its ids prefixed so that many pages can share
// one document.
func (b *Builder) printOptions(e *entry, urls map[string]string) markdown.Options {
	pp := e.page
	return markdown.Options{
		Rel: pp.Rel, BasePath: b.cfg.BasePath(), Fields: pp.Kind == "worksheet" || pp.Kind == "guide",
		IDPrefix: page.Slugify(strings.TrimSuffix(pp.Rel, ".md")) + "-",
		Resolve: func(target string) (string, bool) {
			u, ok := urls[target]
			return u, ok
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
