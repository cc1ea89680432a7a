package site

import (
	"path"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/source"
)

// wikiProblem is the warning of w, a link or an embed written as Obsidian writes it, on the
// page from: it shows as written, and the warning gives the Markdown to write instead, with
// the page it names found as Obsidian finds it (a file of that name in any folder, the
// nearest first), or by its title, or else as a file of this page's folder.
func wikiProblem(w markdown.WikiLink, from string, names *WikiNames) string {
	text := w.Label
	if text == "" {
		text = w.Name
	}
	if w.Embed && isImage(w.Name) {
		alt := w.Label
		if strings.Trim(alt, "0123456789x") == "" {
			alt = "" // ![[photo.png|300]] is Obsidian's width, no words
		}
		return w.Written + " is how Obsidian shows an image, and here it shows as written; write ![" + alt + "](" + linkDest(w.Name) + ")"
	}
	target, found := names.target(w.Name, from)
	dest := relativeTo(from, target)
	if w.Anchor != "" {
		dest += "#" + w.Anchor
	}
	write := "[" + text + "](" + linkDest(dest) + ")"
	if w.Embed {
		return w.Written + " is how Obsidian puts one note inside another, which Between does not do, and here it shows as written; link to the page instead: " + write
	}
	msg := w.Written + " is how Obsidian links a page, and here it shows as written; write " + write
	if !found {
		msg += ", with the page's file named as from this page (no page here is called " + w.Name + ")"
	}
	return msg
}

// WikiNames finds the page an Obsidian link names, as Obsidian finds it, among the pages
// of a library: its tables are made once, when the first link not beside its page needs
// them. Looked for in every page for every such link, a vault of 2,000 notes and 10,000
// links compared 20 million names a build. Safe for use by several goroutines.
type WikiNames struct {
	byRel  map[string]*Input
	once   sync.Once
	named  map[string][]string // by the fold of a file's name without its extension
	titled map[string][]string // by the fold of a page's title
}

// NewWikiNames is the WikiNames of the pages of byRel, which must not change while it is used.
func NewWikiNames(byRel map[string]*Input) *WikiNames { return &WikiNames{byRel: byRel} }

func (w *WikiNames) tables() {
	w.named, w.titled = map[string][]string{}, map[string][]string{}
	for rel, in := range w.byRel {
		if in.Elsewhere {
			continue
		}
		k := foldKey(source.Stem(path.Base(rel)))
		w.named[k] = append(w.named[k], rel)
		if in.Page != nil {
			t := foldKey(in.Page.Title)
			w.titled[t] = append(w.titled[t], rel)
		}
	}
	for _, m := range []map[string][]string{w.named, w.titled} {
		for _, list := range m {
			// The shortest path first, as Obsidian takes the nearest file of a name.
			sort.Slice(list, func(i, j int) bool {
				if len(list[i]) != len(list[j]) {
					return len(list[i]) < len(list[j])
				}
				return list[i] < list[j]
			})
		}
	}
}

// target is the content path of the page name names, [[name]]: the file name.md beside
// from, or of that name in another folder (the shortest path), or the page titled name (any
// case); else name.md beside from, and found is false.
func (w *WikiNames) target(name, from string) (target string, found bool) {
	stem := strings.TrimSuffix(name, source.Ext(name))
	beside := path.Join(path.Dir(from), stem)
	if t, ok := pageFile(w.byRel, beside); ok {
		return t, true
	}
	w.once.Do(w.tables)
	if list := w.named[foldKey(path.Base(stem))]; len(list) > 0 {
		return list[0], true
	}
	if list := w.titled[foldKey(name)]; len(list) > 0 {
		return list[0], true
	}
	return beside + ".md", false
}

// foldKey is s with every letter as the smallest of the letters it equals ignoring case
// (unicode.SimpleFold): two strings are strings.EqualFold when their keys are equal.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}

// linkDest is dest as a Markdown link's destination: in angle brackets when it has a space.
func linkDest(dest string) string {
	if strings.ContainsAny(dest, " \t") {
		return "<" + dest + ">"
	}
	return dest
}

func isImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif":
		return true
	}
	return false
}
