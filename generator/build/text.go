package build

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/theme"
)

// textState is what the last good build knew beyond its output, kept so that an edit of a
// page's text alone, the edit a coach makes over and over while writing, re-renders that
// page without assembling the whole site again.
type textState struct {
	site      *site.Site
	byRel     map[string]*site.Input // every content file; a text edit updates its entry in place
	pages     map[string]*site.Page  // by file
	linkDiags map[string]diag.List   // by content path: the link problems of each page
	linkers   map[string][]string    // content path → pages linking to an anchor on it
	addrs     []*site.Input          // the pages with links written as addresses (of byRel)
	foreign   map[string]site.Foreign
	now       time.Time       // the build's, by which its pages are published or held back
	baseDiags diag.List       // the build's problems but for links: warnings only, as it succeeded
	steps     map[string]bool // files that are steps of a path, shown in booklets
	urls      map[string]string
	outputs   map[string][]*render.Output // file → outputs that show its whole content
	always    []*render.Output            // outputs that may show any page's body
	plan      []*render.Output            // every output of the build, for indexText
	// visible are the content files published by the build, and assembly the problems
	// its assembly found: an update of the model (Builder.update) keeps them.
	visible  map[string]bool
	assembly diag.List
	// pages, steps, outputs and always are made by indexText, when first needed.
}

// rebuildText rebuilds after changes to the text of existing pages whose front matter did
// not change. It reports false when the change is more than that (or when it cannot tell),
// and the caller then builds the usual way, which gives the same output.
func (b *Builder) rebuildText(changed []string, olds map[string]*entry, start time.Time) (*Result, bool, error) {
	t := b.text
	now := b.now()
	if !b.lastOK || t == nil || b.good == nil || !b.onlyText(changed, olds, now) {
		return nil, false, nil
	}
	if ok, err := b.convertText(changed, olds); !ok || err != nil {
		return nil, false, err
	}
	// The model stays; the changed pages get their new text.
	for _, c := range changed {
		e := b.entries[c]
		copyBody(t.pages[c], e.made)
		in := t.byRel[e.page.Rel]
		in.Page, in.Doc, in.Made = e.page, e.doc, e.made
	}
	errs := b.recheckLinks(changed, now)
	if b.lang != nil {
		// The model is the last good build's, with the edited pages' new text: as sure
		// as it was.
		b.lang.checked = &crossing{site: t.site, addrs: t.addrs, part: b.part(t.site, t.byRel, now)}
	}
	b.noteRenamedFields(changed, olds)
	errs = append(errs, b.renamedWarnings()...)
	errs = append(errs, b.hiddenAnswerWarnings(changed, olds)...)
	strict := b.opts.Strict || b.cfg.Strict
	b.warnings = nil
	if !strict {
		b.warnings = errs.Warnings().Sort()
	}
	if bad := errs.Errors(strict); len(bad) > 0 {
		b.lastOK = false
		return nil, true, bad.Sort()
	}
	if err := b.convertSteps(changed); err != nil {
		return nil, true, err
	}
	if !b.noIndex {
		b.indexBeside(t.site) // the model is as it will be: index it while the pages render
	}
	todo, rendered, err := b.renderText(changed)
	if err != nil {
		b.lastOK = false
		return nil, true, err
	}
	prev := b.good.result
	files, changedOut := b.textFiles(changed, todo, rendered)
	for _, c := range changed {
		b.good.bodies[c] = b.entries[c].body
	}
	res := &Result{Files: files, Changed: changedOut, Rendered: len(todo), Summary: prev.Summary,
		Warnings: errs.Warnings().Sort(), Duration: time.Since(start)}
	b.good.result = res
	b.textRebuilds++
	return res, true, nil
}

// onlyText reports whether every changed file is a page that is still published, with its
// front matter as it was: the short way's only case.
func (b *Builder) onlyText(changed []string, olds map[string]*entry, now time.Time) bool {
	for _, c := range changed {
		e, old := b.entries[c], olds[c]
		if e == nil || old == nil || e.page == nil || old.page == nil || len(e.diags) > 0 ||
			!bytes.Equal(e.front, old.front) || e.page.BodyLine != old.page.BodyLine ||
			!e.page.Visible(now, b.opts.Drafts) {
			return false
		}
	}
	b.indexText(b.text) // only now: an edit of the front matter goes the usual way without it
	for _, c := range changed {
		if b.text.pages[c] == nil {
			return false
		}
	}
	return true
}

// convertText converts the changed pages; it reports false when one has problems of its
// own or shows lists something new (its card), which a full assembly must handle.
func (b *Builder) convertText(changed []string, olds map[string]*entry) (bool, error) {
	visible := map[string]bool{}
	for _, c := range changed {
		visible[c] = true
	}
	if err := b.convert(changed, b.text.urls, visible); err != nil {
		return false, err
	}
	for _, c := range changed {
		e, old := b.entries[c], olds[c]
		if len(e.probs) > 0 {
			return false, nil
		}
		if e.made == nil {
			b.makePage(e)
		}
		if e.card != old.card {
			return false, nil // lists show something that changed: a full assembly
		}
	}
	return true, nil
}

// recheckLinks checks again the links from the changed pages and those to anchors on them,
// and returns every problem of the build: the others are the last good build's, as the
// changed files had none of their own.
func (b *Builder) recheckLinks(changed []string, now time.Time) diag.List {
	t := b.text
	t.now = now
	recheck := map[string]bool{}
	for _, c := range changed {
		rel := b.entries[c].page.Rel
		recheck[rel] = true
		for _, from := range t.linkers[rel] {
			recheck[from] = true
		}
	}
	for rel := range recheck {
		if in := t.byRel[rel]; in != nil && in.Doc != nil {
			t.linkDiags[rel] = site.CheckLinks(in, t.byRel, now, t.foreign, nil)
			l := linkCheck{byRel: t.byRel, diags: t.linkDiags, linkers: t.linkers, addrs: []*site.Input{in}, now: now}
			l.checkAddrs(t.site, b.sources, b.fsys, b.realName, b.otherFormat)
		}
	}
	for _, c := range changed {
		rel := b.entries[c].page.Rel
		for _, l := range b.entries[c].doc.Links {
			if l.Target == "" || l.Anchor == "" {
				continue
			}
			if to := linked(t.byRel, l.Target); !contains(t.linkers[to], rel) {
				t.linkers[to] = append(t.linkers[to], rel)
			}
		}
		// Its links into another language's part are checked with the others'
		// (multi.across).
		if in := t.byRel[rel]; b.lang != nil && in != nil && hasAddr(in) && !slices.Contains(t.addrs, in) {
			t.addrs = append(t.addrs, in)
		}
	}
	var errs diag.List
	errs = append(errs, t.baseDiags...)
	for _, ld := range t.linkDiags {
		errs = append(errs, ld...)
	}
	return errs
}

// convertSteps converts the changed steps of reading paths again with prefixed ids, as
// their booklets show them.
func (b *Builder) convertSteps(changed []string) error {
	t := b.text
	for _, c := range changed {
		e := b.entries[c]
		e.print = nil
		if !t.steps[c] {
			continue
		}
		body, err := b.bodyOf(e)
		if err != nil {
			return err
		}
		doc, err := b.conv.Convert(body, b.printOptions(e, t.urls))
		if err != nil {
			return fmt.Errorf("%s: %w", c, err)
		}
		e.print = doc
		t.pages[c].PrintBody = doc.Body
	}
	return nil
}

// renderText renders the outputs that show the changed pages, and those that may show any
// page's body.
func (b *Builder) renderText(changed []string) ([]*render.Output, map[*render.Output][]byte, error) {
	t := b.text
	todo := append([]*render.Output{}, t.always...)
	seen := map[*render.Output]bool{}
	for _, o := range todo {
		seen[o] = true
	}
	for _, c := range changed {
		for _, o := range t.outputs[c] {
			if !seen[o] {
				seen[o] = true
				todo = append(todo, o)
			}
		}
	}
	rendered := make(map[*render.Output][]byte, len(todo))
	var mu sync.Mutex
	err := b.renderOutputs(todo, func(o *render.Output, data []byte) error {
		data = bytes.Clone(data)
		mu.Lock()
		rendered[o] = data
		mu.Unlock()
		return nil
	})
	return todo, rendered, err
}

// textFiles returns the last good build's files with the rendered outputs, the feed and
// offline.json made again where they show a changed page, and the names of those that
// changed.
func (b *Builder) textFiles(changed []string, todo []*render.Output, rendered map[*render.Output][]byte) (map[string][]byte, []string) {
	t := b.text
	prev := b.good.result
	files := maps.Clone(prev.Files)
	var changedOut []string
	for _, o := range todo {
		if !bytes.Equal(files[o.Path], rendered[o]) {
			changedOut = append(changedOut, o.Path)
		}
		files[o.Path] = rendered[o]
	}
	// The feed carries the text of the newest pages only.
	inFeed := false
	for _, p := range render.FeedPages(t.site) {
		for _, c := range changed {
			inFeed = inFeed || p.File == c
		}
	}
	if inFeed {
		feed := render.Feed(t.site)
		if !bytes.Equal(files["index.xml"], feed) {
			changedOut = append(changedOut, "index.xml")
		}
		files["index.xml"] = feed
	}
	if _, had := files["offline.json"]; had {
		b.offline(t.site, files)
		if !bytes.Equal(files["offline.json"], prev.Files["offline.json"]) {
			changedOut = append(changedOut, "offline.json")
		}
	}
	sortStrings(changedOut)
	return files, changedOut
}

// hasAddr reports whether in has a link written as an address.
func hasAddr(in *site.Input) bool {
	return in.Doc != nil && slices.ContainsFunc(in.Doc.Links, func(l markdown.Link) bool { return l.Addr != "" })
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortStrings(s []string) { slices.Sort(s) }

// copyBody gives the model page sp the body fields of made (theme.BodyFields but
// PrintBody, which booklets' conversion sets; Content and PrintContent are methods).
func copyBody(sp, made *site.Page) {
	dst, src := reflect.ValueOf(sp).Elem(), reflect.ValueOf(made).Elem()
	for name := range theme.BodyFields {
		if f := dst.FieldByName(name); f.IsValid() && name != "PrintBody" {
			f.Set(src.FieldByName(name))
		}
	}
}
