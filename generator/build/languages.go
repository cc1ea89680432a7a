package build

import (
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/page"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/source"
)

// A library in several languages ([languages] in config.toml) is built as one site per
// language, each by its own Builder, and their outputs side by side: the default language at
// the root, every other under its prefix (de/). Each language's Builder sees its own files
// under the names they would have in a library in one language (content/de/values.md and
// content/values.de.md are its content/values.md), so links, path steps, sections, tags,
// feeds, the sitemap and the search index are that language's with no code of their own.
// What they share is where each page is in every language (langTable), for the language
// switch and hreflang; the messages name the real files.

// multi is the outer Builder's part for a library in several languages.
type multi struct {
	prog *progress
	cfg  *config.Config
	t    *langTable
	subs []*Builder // by t.langs
	last map[string][]byte
	// good is set once a round succeeded: from then on each language rebuilds from its
	// own last good build, also after a round that failed.
	good bool
}

// langTable is what the languages' Builders share.
type langTable struct {
	langs []config.Lang
	// files maps, by language, each file's name in that language's Builder to its real name.
	files []map[string]string

	mu      sync.Mutex
	cond    *sync.Cond
	waiting int                 // Builders of this round that have not yet told their pages
	urls    []map[string]string // by language: content path ("worksheets/values.md") → URL path below its base

	// A streamed build checks the links from one language's pages into another's part
	// (site.CheckAcross) before it writes anything: parts are the languages' parts as each
	// posts its own, partsWaiting the Builders of this round that have not, and
	// partsReading those that may still read them.
	parts                      []site.Part
	partsWaiting, partsReading int
}

// langPart is the part of a language's Builder.
type langPart struct {
	i      int
	t      *langTable
	posted bool // this round
	told   bool // this round, with its pages (not a text edit's short way, nor a failure before)
	force  bool // assemble again although none of its files changed: another language's did
	// postedPart and released are this round's steps in the parts' exchange (parts).
	postedPart, released bool
	// seen is the table of where every language's pages are (langTable.urls) that this
	// language's last good build assembled its pages with, and seeing this round's, until
	// its build succeeds. A round that failed may have moved other languages' pages since.
	seen, seeing []map[string]string
	// checked is what the dev server checks this language's links into the others with
	// (multi.across): its model and its pages with links written as addresses, as this
	// round assembled or rechecked them, also when it failed after. nil when the Builder
	// did not run this round, or stopped before.
	checked *crossing
}

// crossing is a language's model, its pages with links written as addresses and its part
// for the other languages' links into it.
type crossing struct {
	site  *site.Site
	addrs []*site.Input
	part  site.Part
}

// place says which language a content file is in, and its name in that language's Builder.
func (t *langTable) place(name string) (int, string) {
	rest, ok := strings.CutPrefix(name, "content/")
	if !ok {
		return 0, name
	}
	if dir, in, ok := strings.Cut(rest, "/"); ok {
		for i, l := range t.langs {
			if strings.EqualFold(dir, l.Tag) {
				return i, "content/" + in
			}
		}
	}
	ext := source.Ext(rest)
	if ext == "" {
		return 0, name
	}
	stem := rest[:len(rest)-len(ext)]
	if j := strings.LastIndexByte(stem, '.'); j >= 0 && !strings.Contains(stem[j:], "/") {
		for i, l := range t.langs {
			if strings.EqualFold(stem[j+1:], l.Tag) {
				return i, "content/" + stem[:j] + ext
			}
		}
	}
	return 0, name
}

// assign sorts every content file into its language. Two files that are one page in one
// language are an error naming both.
func (t *langTable) assign(names []string) diag.List {
	var errs diag.List
	t.files = make([]map[string]string, len(t.langs))
	for i := range t.files {
		t.files[i] = map[string]string{}
	}
	for _, n := range names {
		i, c := t.place(n)
		if prev, dup := t.files[i][c]; dup {
			errs.Add(n, 0, 0, "this file and %s are both the %s version of %s; keep one of them", prev, config.EnglishName(t.langs[i].Tag), strings.TrimPrefix(c, "content/"))
			continue
		}
		t.files[i][c] = n
	}
	return errs.Sort()
}

// names are the content files of a language, by their names in its Builder, sorted.
func (p *langPart) names() []string {
	out := make([]string, 0, len(p.t.files[p.i]))
	for c := range p.t.files[p.i] {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// source is the real name of a file of this language, and whether it has one.
func (p *langPart) source(name string) (string, bool) {
	if !strings.HasPrefix(name, "content/") {
		return name, true
	}
	r, ok := p.t.files[p.i][name]
	return r, ok
}

// exchange tells the other languages where this one's pages are (urls: content path → URL
// with base, as resolveURLs gives them) and waits until every Builder of this round has
// told its own, so that every language switch is made from the same table.
func (p *langPart) exchange(urls map[string]string, base string) {
	mine := make(map[string]string, len(urls))
	for rel, u := range urls {
		mine[rel] = strings.TrimPrefix(u, base)
	}
	t := p.t
	t.mu.Lock()
	defer t.mu.Unlock()
	t.urls[p.i] = mine
	p.told = true
	if !p.posted {
		p.posted = true
		t.waiting--
		t.cond.Broadcast()
	}
	for t.waiting > 0 {
		t.cond.Wait()
	}
	p.seeing = slices.Clone(t.urls) // each is replaced whole, never changed
}

// elsewhere adds to urls the pages this language does not have and another has (the
// default language first): a link to a page not yet translated leads to it in the language
// it is in. It returns them, for checking links.
func (p *langPart) elsewhere(urls map[string]string, cfg *config.Config) []site.Input {
	t := p.t
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []site.Input
	for i := range t.langs {
		if i == p.i {
			continue
		}
		home := cfg.Languages[i].Home
		rels := make([]string, 0, len(t.urls[i]))
		for rel := range t.urls[i] {
			rels = append(rels, rel)
		}
		sort.Strings(rels)
		for _, rel := range rels {
			if _, own := urls[rel]; own {
				continue
			}
			if other := site.OtherName(rel); other != "" {
				// values.md in English, values/index.md here: a link to either is this
				// language's page.
				if _, own := urls[other]; own {
					continue
				}
			}
			urls[rel] = home + t.urls[i][rel]
			out = append(out, site.Input{Page: &page.Page{Rel: rel, File: "content/" + rel}, Visible: true, Elsewhere: true})
		}
	}
	return out
}

// foreign are the content files of the other languages whose real name is not their name
// in their language (content/articles/values.de.md, content/de/articles/pausen.md), by the
// name a link from this language's pages gives them, for the message of such a link.
func (p *langPart) foreign(cfg *config.Config) map[string]site.Foreign {
	t := p.t
	t.mu.Lock()
	defer t.mu.Unlock()
	out := map[string]site.Foreign{}
	for i, files := range t.files {
		if i == p.i {
			continue
		}
		for name, real := range files {
			key := strings.TrimPrefix(real, "content/")
			if real == name || source.Ext(key) == "" {
				continue
			}
			if _, own := t.files[p.i]["content/"+key]; own {
				continue
			}
			f := site.Foreign{Lang: config.EnglishName(t.langs[i].Tag), Rel: strings.TrimPrefix(name, "content/")}
			if up, ok := t.urls[i][f.Rel]; ok {
				f.URL = cfg.Languages[i].Home + up
			}
			out[key] = f
		}
	}
	return out
}

// done ends this Builder's part in a round, also when it stopped before telling its pages.
func (p *langPart) done() {
	t := p.t
	t.mu.Lock()
	if !p.posted {
		p.posted = true
		t.waiting--
		t.cond.Broadcast()
	}
	p.postPart(site.Part{})
	p.release()
	t.mu.Unlock()
}

// parts posts this language's part of the library, own, and waits until every Builder of
// this round has posted its own (or stopped before), for a streamed build to check the
// links into them; release says when it has.
func (p *langPart) parts(own site.Part) []site.Part {
	t := p.t
	t.mu.Lock()
	defer t.mu.Unlock()
	p.postPart(own)
	for t.partsWaiting > 0 {
		t.cond.Wait()
	}
	return slices.Clone(t.parts)
}

// postPart posts own, once a round; the caller holds t.mu.
func (p *langPart) postPart(own site.Part) {
	t := p.t
	if p.postedPart {
		return
	}
	p.postedPart = true
	t.parts[p.i] = own
	t.partsWaiting--
	t.cond.Broadcast()
}

// release tells that this Builder reads the parts no more: the last one lets them go, with
// every page's ids and links in them. The caller holds t.mu.
func (p *langPart) release() {
	t := p.t
	if p.released {
		return
	}
	p.released = true
	if t.partsReading--; t.partsReading == 0 {
		clear(t.parts)
	}
}

// releaseParts is release for a caller that does not hold t.mu.
func (p *langPart) releaseParts() {
	p.t.mu.Lock()
	p.release()
	p.t.mu.Unlock()
}

// translations are where the language switch leads from the page at content path rel.
func (p *langPart) translations(cfg *config.Config, rel, kind string) []site.Translation {
	langs := make([]site.Language, len(cfg.Languages))
	for i, l := range cfg.Languages {
		langs[i] = site.Language{Lang: l.Tag, Name: l.Name, URL: l.Home, Permalink: l.HomeURL, Current: i == p.i}
	}
	t := p.t
	t.mu.Lock()
	defer t.mu.Unlock()
	if kind == "home" {
		return site.Alternates(langs, site.Everywhere(""))
	}
	other := site.OtherName(rel)
	return site.Alternates(langs, func(tag string) (string, bool) {
		for i, l := range t.langs {
			if l.Tag == tag {
				up, ok := t.urls[i][rel]
				if !ok && other != "" {
					// values.md here, values/index.de.md there (a bundle, to keep a photo
					// beside it): one page, as a link to either file is.
					up, ok = t.urls[i][other]
				}
				return up, ok
			}
		}
		return "", false
	})
}

// realNames puts the real file names into a language's problems, and the language's
// table into what the theme says of the site's language.
func (t *langTable) realNames(i int, l diag.List) diag.List {
	out := make(diag.List, len(l))
	lang := fmt.Sprintf("language = %q", t.langs[i].Tag)
	for j, d := range l {
		if r, ok := t.files[i][d.File]; ok {
			d.File = r
		}
		if d.File == "config.toml" && d.Line == 0 && strings.HasPrefix(d.Msg, lang) && t.langs[i].Line > 0 {
			d.Line, d.Msg = t.langs[i].Line, "[languages."+t.langs[i].Tag+"]"+strings.TrimPrefix(d.Msg, lang)
		}
		out[j] = d
	}
	return out
}

// buildLanguages builds a library in several languages from scratch; ok is false for a
// library in one (or a config.toml with errors, which the usual build reports).
func (b *Builder) buildLanguages() (res *Result, err error, ok bool) {
	cfg, cerr := config.Load(b.fsys, "config.toml")
	if cerr != nil || len(cfg.Languages) == 0 {
		b.multi = nil
		return nil, nil, false
	}
	if b.opts.BaseURL != "" {
		cfg.BaseURL = b.opts.BaseURL
	}
	t := &langTable{langs: cfg.Languages, urls: make([]map[string]string, len(cfg.Languages))}
	t.cond = sync.NewCond(&t.mu)
	m := &multi{cfg: cfg, t: t, prog: &b.prog}
	for i := range cfg.Languages {
		sub := New(b.opts)
		sub.fsys, sub.now = b.fsys, b.now
		sub.lang = &langPart{i: i, t: t}
		m.subs = append(m.subs, sub)
	}
	if b.multi != nil {
		m.last = b.multi.last // what changed is told against the last output served
	}
	b.multi = m
	if b.sink != nil {
		// A streamed build is never rebuilt.
		b.multi = nil
		res, err = m.stream(b)
		return res, err, true
	}
	res, err = m.round(b, nil, true)
	return res, err, true
}

// stream is BuildTo for a library in several languages: each language streams its files to
// the sink under its prefix as it renders them, as a library in one does.
func (m *multi) stream(b *Builder) (*Result, error) {
	start := time.Now()
	names, eleventy, err := source.ListAll(b.fsys, "content")
	if err != nil {
		return nil, fmt.Errorf("read content/: %w", err)
	}
	for _, sub := range m.subs {
		sub.eleventy = eleventy // each warns, as of the other files beside config.toml: said once
	}
	if errs := m.t.assign(names); len(errs) > 0 {
		b.warnings = nil
		return nil, errs
	}
	shared := &sharedSink{sink: b.sink, owner: map[string]int{}}
	results := make([]*Result, len(m.subs))
	run := make([]bool, len(m.subs))
	for i := range run {
		run[i] = true
	}
	_, errs := m.runRound(run, func(i int, sub *Builder) error {
		sub.mem = b.mem // one budget for the whole library
		r, err := sub.BuildTo(&langSink{shared: shared, i: i, prefix: m.t.langs[i].Prefix, names: m.t.langs})
		results[i] = r
		return err
	})
	b.warnings = m.warnings()
	if errs != nil {
		return nil, errs
	}
	res := &Result{Warnings: b.warnings}
	for _, r := range results {
		res.Rendered += r.Rendered
		res.Summary.Pages += r.Summary.Pages
		res.Summary.Paths += r.Summary.Paths
		res.Summary.Worksheets += r.Summary.Worksheets
		res.Summary.Tags += r.Summary.Tags
		res.Summary.Files += r.Summary.Files
	}
	res.Duration = time.Since(start)
	return res, nil
}

// sharedSink is the sink of a streamed build, shared by its languages: their names are
// planned one language at a time, and none may be another language's.
type sharedSink struct {
	sink  Sink
	mu    sync.Mutex
	owner map[string]int // output name → the language that planned it
}

// langSink is one language's way into a sharedSink: its files under its prefix.
type langSink struct {
	shared *sharedSink
	i      int
	prefix string
	names  []config.Lang
}

func (l *langSink) name(n string) (string, bool) {
	if l.prefix == "" {
		return n, true
	}
	if n == "robots.txt" {
		return "", false // only the one at the root is read; it names every language's sitemap
	}
	return l.prefix + "/" + n, true
}

func (l *langSink) Plan(names []string) error {
	s := l.shared
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(names))
	for _, n := range names {
		full, ok := l.name(n)
		if !ok {
			continue
		}
		if o, taken := s.owner[full]; taken && o != l.i {
			return fmt.Errorf("/%s is an address of the %s pages and of the %s ones; give the %s page another slug or file name",
				full, config.EnglishName(l.names[0].Tag), config.EnglishName(l.names[max(o, l.i)].Tag), config.EnglishName(l.names[0].Tag))
		}
		s.owner[full] = l.i
		out = append(out, full)
	}
	return s.sink.Plan(out)
}

func (l *langSink) Write(name string, data []byte) error {
	full, ok := l.name(name)
	if !ok {
		return nil
	}
	return l.shared.sink.Write(full, data)
}

// rebuildLanguages is Rebuild for a library in several languages. After a round that
// failed, changed holds every change since the last good one (as the dev server passes
// them), and each language's Builder rebuilds from its own last good build, as a library
// in one language does.
func (b *Builder) rebuildLanguages(changed []string) (*Result, error) {
	m := b.multi
	if !m.good {
		return b.Build()
	}
	return m.round(b, changed, false)
}

// round builds every language (full) or the languages that changed, then the others again
// if where pages are changed for them.
func (m *multi) round(b *Builder, changed []string, full bool) (*Result, error) {
	start := time.Now()
	b.prog.start("building each language", 0)
	names, eleventy, err := source.ListAll(b.fsys, "content")
	if err != nil {
		return nil, fmt.Errorf("read content/: %w", err)
	}
	for _, sub := range m.subs {
		sub.eleventy = eleventy // each warns, as of the other files beside config.toml: said once
	}
	if errs := m.t.assign(names); len(errs) > 0 {
		b.warnings = nil
		return nil, errs
	}
	todo := make([][]string, len(m.subs))
	run := make([]bool, len(m.subs))
	for _, c := range changed {
		if strings.HasPrefix(c, "content/") && source.Ext(c) != "" {
			i, n := m.t.place(c)
			todo[i] = append(todo[i], n)
			run[i] = true
			continue
		}
		// A file in another generator's page format is read as content by its language,
		// under its name there (content/de/plan.org is its content/plan.org), and may be
		// any language's bundle's file, as a photo is.
		at := -1
		n := c
		if strings.HasPrefix(c, "content/") && source.Other(c) != "" {
			at, n = m.t.place(c)
		}
		for i := range m.subs {
			if i == at {
				todo[i] = append(todo[i], n)
			} else {
				todo[i] = append(todo[i], c)
			}
			run[i] = true
		}
	}
	if full {
		for i := range run {
			run[i] = true
		}
	}
	built := slices.Clone(run) // the languages built in this round, for the count of pages rendered
	failed, errs := m.runRound(run, func(i int, sub *Builder) error {
		var err error
		if full {
			_, err = sub.Build()
		} else {
			_, err = sub.Rebuild(todo[i])
		}
		return err
	})
	// Where the pages of a language moved, the other languages' switches lead elsewhere.
	if errs == nil {
		again := make([]bool, len(m.subs))
		others := false
		for i, sub := range m.subs {
			// A language that did not assemble its pages in this round (none of its files
			// changed, or only their text), or whose build failed in a round since it
			// last did, has not seen where the others' are now.
			again[i] = !m.tableEqual(sub.lang.seen)
			others = others || again[i]
			built[i] = built[i] || again[i]
		}
		if others {
			failed, errs = m.runRound(again, func(i int, sub *Builder) error {
				sub.lang.force = true
				defer func() { sub.lang.force = false }()
				_, err := sub.Rebuild(nil)
				return err
			})
		}
	}
	// Checked once every language is as this round left it, also those that did not build
	// again: a German page added may mend an English link to it. A language that failed
	// still has its links into the others checked, so that a coach sees every problem at
	// once, but not the links into it (multi.across). A link to a page expired there is a
	// warning, as within a part.
	var acrossWarns, list diag.List
	if errs == nil || errors.As(errs, &list) {
		sub := m.subs[0]
		strict := sub.opts.Strict || sub.cfg.Strict
		across := m.across(failed)
		if bad := across.Errors(strict); len(bad) > 0 {
			errs = append(list, bad...).Sort()
		}
		if !strict {
			acrossWarns = across.Warnings()
		}
	}
	b.warnings = m.warnings()
	if len(acrossWarns) > 0 {
		b.warnings = append(b.warnings, acrossWarns...).Sort()
	}
	if errs != nil {
		return nil, errs
	}
	res, err := m.merge(built)
	if err != nil {
		return nil, err
	}
	res.Warnings = b.warnings
	res.Duration = time.Since(start)
	m.good = true
	return res, nil
}

// runRound runs the Builders marked in run at once (each waits for the others' pages in
// exchange) and returns their problems with the real file names.
// warnings are every language's warnings under the files' real names, each once.
func (m *multi) warnings() diag.List {
	var warns diag.List
	for i, sub := range m.subs {
		warns = append(warns, m.t.realNames(i, sub.Warnings())...)
	}
	return dedupe(warns).Sort()
}

func (m *multi) runRound(run []bool, f func(i int, sub *Builder) error) (failed []bool, err error) {
	t := m.t
	t.mu.Lock()
	t.waiting = 0
	t.parts = make([]site.Part, len(m.subs))
	for i, r := range run {
		m.subs[i].lang.checked = nil
		if r {
			t.waiting++
			m.subs[i].lang.posted, m.subs[i].lang.told, m.subs[i].lang.seeing = false, false, nil
			m.subs[i].lang.postedPart, m.subs[i].lang.released = false, false
		}
	}
	t.partsWaiting, t.partsReading = t.waiting, t.waiting
	t.mu.Unlock()
	errs := make([]error, len(m.subs))
	var wg sync.WaitGroup
	for i, r := range run {
		if !r {
			continue
		}
		sub := m.subs[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer m.prog.step()
			defer sub.lang.done()
			defer func() {
				if p := recover(); p != nil {
					errs[i] = fmt.Errorf("building the %s pages failed: %v\n%s", config.EnglishName(t.langs[i].Tag), p, debug.Stack())
					sub.cfg, sub.good, sub.lastOK = nil, nil, false
				}
			}()
			errs[i] = f(i, sub)
		}()
	}
	wg.Wait()
	for i, r := range run {
		if p := m.subs[i].lang; r && errs[i] == nil && p.told {
			p.seen = p.seeing
		}
	}
	failed = make([]bool, len(m.subs))
	var list diag.List
	var other []error
	for i, err := range errs {
		if err == nil {
			continue
		}
		failed[i] = true
		var l diag.List
		if errors.As(err, &l) {
			list = append(list, m.t.realNames(i, l)...)
			continue
		}
		other = append(other, err)
	}
	if len(other) > 0 {
		return failed, errors.Join(other...)
	}
	if len(list) > 0 {
		return failed, dedupe(list).Sort()
	}
	return failed, nil
}

// across checks the links from every language's pages into the other languages' parts
// (site.CheckAcross), after a round; failed are the languages whose build failed in it.
// A language that failed after assembling its pages is checked too, from and into the
// model it assembled, where that model is sure (Builder.crossPart), so that a coach sees
// every problem at once; the rest once it builds.
func (m *multi) across(failed []bool) diag.List {
	parts := make([]site.Part, len(m.subs))
	from := make([]*crossing, len(m.subs))
	for i, sub := range m.subs {
		from[i] = sub.lang.checked
		if from[i] == nil && !failed[i] && sub.text != nil {
			// Not built this round: as the last good build left it.
			from[i] = &crossing{site: sub.text.site, addrs: sub.text.addrs, part: sub.part(sub.text.site, sub.text.byRel, sub.text.now)}
		}
		if from[i] != nil {
			parts[i] = from[i].part
		}
	}
	var out diag.List
	hints := 20
	for i, c := range from {
		if c == nil {
			continue
		}
		var l diag.List
		for _, in := range c.addrs {
			l = append(l, site.CheckAcross(in, c.site, parts, &hints)...)
		}
		out = append(out, m.t.realNames(i, l)...)
	}
	return out.Sort()
}

func (m *multi) tableEqual(before []map[string]string) bool {
	m.t.mu.Lock()
	defer m.t.mu.Unlock()
	if len(before) != len(m.t.urls) {
		return false
	}
	for i, u := range m.t.urls {
		if len(u) != len(before[i]) {
			return false
		}
		for k, v := range u {
			if w, ok := before[i][k]; !ok || w != v {
				return false
			}
		}
	}
	return true
}

// merge puts the languages' outputs side by side: the default language's at the root, the
// others' under their prefix. built are the languages built in this round, whose pages
// rendered are counted.
func (m *multi) merge(built []bool) (*Result, error) {
	files := map[string][]byte{}
	res := &Result{Files: files}
	var errs diag.List
	for i, sub := range m.subs {
		l := m.t.langs[i]
		r := sub.good.result
		if built[i] {
			res.Rendered += r.Rendered
		}
		res.Summary.Pages += r.Summary.Pages
		res.Summary.Paths += r.Summary.Paths
		res.Summary.Worksheets += r.Summary.Worksheets
		res.Summary.Tags += r.Summary.Tags
		for name, data := range r.Files {
			if l.Prefix != "" {
				if name == "robots.txt" {
					continue // only the one at the root is read; it names every language's sitemap
				}
				name = l.Prefix + "/" + name
			}
			if _, taken := files[name]; taken {
				errs.Add("content", 0, 0, "/%s is an address of the %s pages and of the %s part of the library (/%s/); give the %s page another slug or file name",
					name, config.EnglishName(m.t.langs[0].Tag), config.EnglishName(l.Tag), l.Prefix, config.EnglishName(m.t.langs[0].Tag))
				continue
			}
			files[name] = data
		}
	}
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	res.Summary.Files = len(files)
	if m.last != nil {
		res.Changed = diff(m.last, files)
	} else {
		for name := range files {
			res.Changed = append(res.Changed, name)
		}
		sort.Strings(res.Changed)
	}
	m.last = files
	return res, nil
}

// dedupe drops problems reported by more than one language (a template's, a theme's).
func dedupe(l diag.List) diag.List {
	seen := map[diag.Diagnostic]bool{}
	out := l[:0:0]
	for _, d := range l {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}
