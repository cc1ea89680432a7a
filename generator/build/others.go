package build

import (
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/source"
)

// A library moved from Hugo may hold pages in the other formats Hugo reads (an .html page
// with front matter, .org, .adoc, .rst, .pdc), one from Jupyter Book or Quarto
// notebooks (.ipynb), and one from Eleventy templates with front matter (.njk, .liquid). Between makes pages of Markdown only, and published none of them,
// with nothing said: a page the coach wrote was missing from the site. Each is now told
// of, as a warning rather than an error: the rest of the library builds as it did, a link
// to the page is an error of its own, and --strict stops the build at it.
//
// Two kinds of files stay untold, as files a coach means to publish as they are: an .html
// file or a template without front matter (a page made elsewhere, for download, or a piece
// of a template), and any of them
// without front matter in a page bundle's folder, which copies it beside its page
// (placeBundles).

// otherEntry is the entry of name, a content file in another generator's page format at
// src, or nil when it is nothing to tell of (HTML without front matter). Only its first
// bytes are read, for front matter: a notebook may be larger than any page may be.
func (b *Builder) otherEntry(name, src string) *entry {
	e := &entry{other: source.Other(name)}
	if fi, err := fs.Stat(b.fsys, src); err != nil || !fi.Mode().IsRegular() {
		return nil // gone, or no file a page could be made of
	}
	f, err := b.fsys.Open(src)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := io.ReadFull(f, head)
	e.otherFront = source.HasFront(head[:n])
	if (e.other == "HTML" || strings.HasSuffix(e.other, " template")) && !e.otherFront {
		return nil // a page's piece, or a file made elsewhere
	}
	return e
}

// otherWarnings tells of the files among names in another generator's page format (see
// above): not published, or, in a page bundle's folder, published as the file it is.
func (b *Builder) otherWarnings(names []string) diag.List {
	var others []string
	for _, n := range names {
		if e := b.entries[n]; e != nil && e.other != "" {
			others = append(others, n)
		}
	}
	if len(others) == 0 {
		return nil // most libraries: no pass over the bundles
	}
	folders := map[string]bool{} // every bundle's folder, published or not, as placeBundles has them
	for _, n := range names {
		if e := b.entries[n]; e != nil && e.page != nil && e.page.Bundle != "" {
			if src, ok := b.source(n); ok {
				folders[path.Dir(src)] = true
			}
		}
	}
	var warns diag.List
	for _, n := range others {
		e := b.entries[n]
		src, ok := b.source(n)
		if !ok {
			continue
		}
		copied := false
		for d := path.Dir(src); d != "content" && d != "."; d = path.Dir(d) {
			if folders[d] {
				copied = true
				break
			}
		}
		if copied && !e.otherFront {
			continue // a file shown or offered for download beside its page
		}
		warns.Warn(n, 0, 0, "%s", otherMessage(e.other, path.Base(n), copied))
	}
	return warns
}

// otherMessage is the warning for the file name in another generator's format: what
// becomes of it, and what to do for a page of it.
func otherMessage(format, name string, copied bool) string {
	md := strings.TrimSuffix(name, path.Ext(name)) + ".md"
	what := "this " + format + " file"
	if format == "Jupyter notebook" || strings.HasSuffix(format, " template") {
		what = "this " + format
	}
	if format == "HTML" {
		what += " starts with front matter, as a Hugo page written in HTML does, but"
	}
	fate := " is not published: Between makes pages of Markdown files only"
	if copied {
		fate = " is copied beside the page bundle's page as it is, front matter and all, and is no page: Between makes pages of Markdown files only"
	}
	var todo string
	switch format {
	case "HTML":
		todo = "rename it " + md + " and write its text in Markdown; HTML left in it is shown only with unsafe = true under [markdown] in config.toml (see docs/content.md)"
	case "Pandoc":
		todo = "Pandoc's Markdown is mostly Markdown: rename it " + md + " and look the page over"
	case "Jupyter notebook":
		todo = "export it as Markdown (in Jupyter: File, Save and Export Notebook As, Markdown) and save that as " + md + "; to offer the notebook for download, put it in static/"
	case "Nunjucks template", "Liquid template", "Handlebars template", "EJS template", "Pug template", "Haml template", "Mustache template":
		todo = "Between makes the section lists, tag pages, feed and sitemap itself (see docs/content.md); a page's own text goes in " + md + ", written in Markdown"
	default:
		todo = "write its text in Markdown and save it as " + md + " (docs/content.md says how), or, if it is no page, move it out of content/"
	}
	return what + fate + "; " + todo
}
