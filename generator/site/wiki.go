package site

import (
	"path"
	"sort"
	"strings"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/source"
)

// wikiProblem is the warning of w, a link or an embed written as Obsidian writes it, on the
// page from: it shows as written, and the warning gives the Markdown to write instead, with
// the page it names found as Obsidian finds it (a file of that name in any folder, the
// nearest first), or by its title, or else as a file of this page's folder.
func wikiProblem(w markdown.WikiLink, from string, byRel map[string]*Input) string {
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
	target, found := wikiTarget(w.Name, from, byRel)
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

// wikiTarget is the content path of the page name names, [[name]]: the file name.md beside
// from, or of that name in another folder (the shortest path), or the page titled name (any
// case); else name.md beside from, and found is false.
func wikiTarget(name, from string, byRel map[string]*Input) (target string, found bool) {
	stem := strings.TrimSuffix(name, source.Ext(name))
	beside := path.Join(path.Dir(from), stem)
	if t, ok := pageFile(byRel, beside); ok {
		return t, true
	}
	var named, titled []string
	for rel, in := range byRel {
		if in.Elsewhere {
			continue
		}
		if strings.EqualFold(source.Stem(path.Base(rel)), path.Base(stem)) {
			named = append(named, rel)
		} else if in.Page != nil && strings.EqualFold(in.Page.Title, name) {
			titled = append(titled, rel)
		}
	}
	for _, list := range [][]string{named, titled} {
		if len(list) > 0 {
			sort.Slice(list, func(i, j int) bool {
				if len(list[i]) != len(list[j]) {
					return len(list[i]) < len(list[j])
				}
				return list[i] < list[j]
			})
			return list[0], true
		}
	}
	return beside + ".md", false
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
