package build

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"time"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/site"
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
	baseDiags diag.List              // the build's problems but for links: warnings only, as it succeeded
	steps     map[string]bool        // files that are steps of a path, shown in booklets
	urls      map[string]string
	outputs   map[string][]*render.Output // file → outputs that show its whole content
}

// rebuildText rebuilds after changes to the text of existing pages whose front matter did
// not change. It reports false when the change is more than that (or when it cannot tell),
// and the caller then builds the usual way, which gives the same output.
func (b *Builder) rebuildText(changed []string, olds map[string]*entry, start time.Time) (*Result, bool, error) {
	t := b.text
	if !b.lastOK || t == nil || b.good == nil {
		return nil, false, nil
	}
	now := b.now()
	for _, c := range changed {
		e, old := b.entries[c], olds[c]
		if e == nil || old == nil || e.page == nil || old.page == nil || len(e.diags) > 0 ||
			!bytes.Equal(e.front, old.front) || e.page.BodyLine != old.page.BodyLine ||
			t.pages[c] == nil || !e.page.Visible(now, b.opts.Drafts) {
			return nil, false, nil
		}
	}
	visible := map[string]bool{}
	for _, c := range changed {
		visible[c] = true
	}
	if err := b.convert(changed, t.urls, visible); err != nil {
		return nil, false, err
	}
	base := b.cfg.BasePath()
	for _, c := range changed {
		e, old := b.entries[c], olds[c]
		if len(e.probs) > 0 {
			return nil, false, nil
		}
		if e.made == nil {
			e.made = site.NewPage(e.page, e.doc, base, b.cfg.BaseURLSlash())
			e.meta = ownMeta(e.made, e.page.Tags)
		}
		if e.meta != old.meta {
			return nil, false, nil // lists show something that changed: a full assembly
		}
	}

	// The model stays; the changed pages get their new text.
	var errs diag.List
	for _, c := range changed {
		e := b.entries[c]
		sp := t.pages[c]
		sp.Content, sp.TOC, sp.ShowTOC, sp.WordCount = e.made.Content, e.made.TOC, e.made.ShowTOC, e.made.WordCount
		in := t.byRel[e.page.Rel]
		in.Page, in.Doc, in.Made = e.page, e.doc, e.made
	}
	// Links from the changed pages, and to anchors on them, are checked again.
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
			t.linkDiags[rel] = site.CheckLinks(in, t.byRel, now)
		}
	}
	for _, c := range changed {
		rel := b.entries[c].page.Rel
		var ls []string
		for _, l := range b.entries[c].doc.Links {
			if l.Target != "" && l.Anchor != "" {
				ls = append(ls, l.Target)
			}
		}
		for _, target := range ls {
			if !contains(t.linkers[target], rel) {
				t.linkers[target] = append(t.linkers[target], rel)
			}
		}
	}
	// The other problems are the last good build's: the changed files had none of their own.
	errs = append(errs, t.baseDiags...)
	for _, ld := range t.linkDiags {
		errs = append(errs, ld...)
	}
	strict := b.opts.Strict || b.cfg.Strict
	b.warnings = nil
	if !strict {
		b.warnings = errs.Warnings().Sort()
	}
	if bad := errs.Errors(strict); len(bad) > 0 {
		b.lastOK = false
		return nil, true, bad.Sort()
	}

	// Booklets show steps with prefixed ids: convert the changed steps again for them.
	for _, c := range changed {
		e := b.entries[c]
		e.print = nil
		if !t.steps[c] {
			continue
		}
		doc, err := b.conv.Convert(e.page.Body, b.printOptions(e, t.urls))
		if err != nil {
			return nil, true, fmt.Errorf("%s: %w", c, err)
		}
		e.print = doc
		t.pages[c].PrintContent = template.HTML(doc.HTML)
	}

	var todo []*render.Output
	seen := map[*render.Output]bool{}
	for _, c := range changed {
		for _, o := range t.outputs[c] {
			if !seen[o] {
				seen[o] = true
				todo = append(todo, o)
			}
		}
	}
	rendered, err := b.renderOutputs(todo)
	if err != nil {
		b.lastOK = false
		return nil, true, err
	}

	prev := b.good.result
	files := make(map[string][]byte, len(prev.Files))
	for name, data := range prev.Files {
		files[name] = data
	}
	var changedOut []string
	for i, o := range todo {
		if !bytes.Equal(files[o.Path], rendered[i]) {
			changedOut = append(changedOut, o.Path)
		}
		files[o.Path] = rendered[i]
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

	for _, c := range changed {
		b.good.content[c] = b.entries[c].content
	}
	res := &Result{Files: files, Changed: changedOut, Rendered: len(todo), Summary: prev.Summary,
		Warnings: errs.Warnings().Sort(), Duration: time.Since(start)}
	b.good.result = res
	b.textRebuilds++
	return res, true, nil
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
