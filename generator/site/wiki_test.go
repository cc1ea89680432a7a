package site

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/page"
)

func wikiInputs(rels map[string]string, elsewhere ...string) map[string]*Input {
	byRel := map[string]*Input{}
	for rel, title := range rels {
		byRel[rel] = &Input{Page: &page.Page{Rel: rel, Title: title}}
	}
	for _, rel := range elsewhere {
		byRel[rel] = &Input{Page: &page.Page{Rel: rel, Title: "Elsewhere"}, Elsewhere: true}
	}
	return byRel
}

// TestWikiNamesTarget: a [[name]] is found as Obsidian finds it: beside the page, else a
// file of that name in any folder (the shortest path, then the first by name), any case,
// else a page of that title, any case; pages of another language are not.
func TestWikiNamesTarget(t *testing.T) {
	byRel := wikiInputs(map[string]string{
		"articles/a.md":                "Alpha",
		"articles/été.md":              "Summer",
		"guides/deep/values.md":        "Values, deeper",
		"guides/values.md":             "Values",
		"worksheets/values.md":         "Values sheet",
		"guides/My Notes.markdown":     "Notes for later",
		"worksheets/ΣΟΦΙΑ.md":          "Wisdom",
		"paths/first-month/index.md":   "The first month",
		"articles/kelvin.md":           "200 \u212a", // KELVIN SIGN, which folds to k
		"articles/named-as-title.md":   "Alpha",
		"articles/zz/named-as-file.md": "Beta",
	}, "de/guides/elsewhere.md")
	names := NewWikiNames(byRel)
	for _, c := range []struct {
		name, from, want string
		found            bool
	}{
		{"a", "articles/b.md", "articles/a.md", true},
		{"values", "articles/b.md", "guides/values.md", true},   // shortest, then by name
		{"VALUES", "worksheets/x.md", "guides/values.md", true}, // beside only as written
		{"ÉTÉ", "guides/x.md", "articles/été.md", true},
		{"σοφια", "articles/x.md", "worksheets/ΣΟΦΙΑ.md", true},
		{"notes for later", "articles/x.md", "guides/My Notes.markdown", true},
		{"My Notes", "articles/x.md", "guides/My Notes.markdown", true},
		{"200 k", "guides/x.md", "articles/kelvin.md", true},
		{"alpha", "guides/x.md", "articles/a.md", true}, // no file alpha.md: the title, shortest first
		{"elsewhere", "guides/x.md", "guides/elsewhere.md", false},
		{"nowhere", "guides/x.md", "guides/nowhere.md", false},
		{"sub/values", "articles/x.md", "guides/values.md", true},
	} {
		got, found := names.target(c.name, c.from)
		if got != c.want || found != c.found {
			t.Errorf("[[%s]] from %s: %s, %v; want %s, %v", c.name, c.from, got, found, c.want, c.found)
		}
	}
}

// BenchmarkWikiLinks checks the links of a vault of 2,000 notes with five [[links]] each,
// none beside its page: each is looked for in every folder and by title.
func BenchmarkWikiLinks(b *testing.B) {
	byRel := map[string]*Input{}
	var ins []*Input
	for i := range 2000 {
		rel := fmt.Sprintf("notes/%d/note-%d.md", i%40, i)
		var links []markdown.WikiLink
		for j := range 5 {
			n := fmt.Sprintf("Note-%d", (i*7+j*131)%2000)
			links = append(links, markdown.WikiLink{Name: n, Written: "[[" + n + "]]", Line: 1 + j})
		}
		in := &Input{Page: &page.Page{Rel: rel, File: "content/" + rel, Title: "Note " + strings.Repeat("x", i%5)}, Doc: &markdown.Doc{Wiki: links}}
		byRel[rel] = in
		ins = append(ins, in)
	}
	now := time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		names := NewWikiNames(byRel)
		for _, in := range ins {
			if len(CheckLinks(in, byRel, now, nil, names)) != 5 {
				b.Fatal("not five warnings")
			}
		}
	}
}
