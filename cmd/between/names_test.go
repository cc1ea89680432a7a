package main

import (
	"encoding/xml"
	"net/url"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/build"
)

// TestNamesInEveryScript builds a library whose file names, folders and tags are Cyrillic,
// Greek, Japanese, written in NFD (as macOS writes names) or hold '#', '?' and spaces. Every
// page gets an address from its name, the NFD and NFC spellings of a tag are one tag, and
// the sitemap lists every address escaped.
func TestNamesInEveryScript(t *testing.T) {
	files := map[string]string{}
	for k, v := range basePages {
		files[k] = v
	}
	files["content/articles/Уверенность.md"] = page("title = \"Уверенность\"\ntags = [\"Уверенность\", \"Ψυχή\", \"自己認識\"]\n", "Текст.\n")
	files["content/articles/Re\u0301flexion.md"] = page("title = \"Réflexion\"\ntags = [\"Re\u0301flexion\"]\n", "Texte.\n")
	// Links and path steps find a file whether they and its name are written in NFC or NFD.
	files["content/articles/other.md"] = page("title = \"Other\"\ntags = [\"R\u00e9flexion\"]\n",
		"[NFC](R\u00e9flexion.md), [NFD](Re\u0301flexion.md), [Mac](Ma\u0301c.md).\n")
	files["content/articles/M\u00e1c.md"] = page("title = \"Mác\"\n", "Text.\n")
	files["content/paths/p.md"] = page("title = \"P\"\nsteps = [\"articles/R\u00e9flexion.md\", \"articles/Ma\u0301c.md\"]\n", "")
	files["content/Reading List/Notes #1?.md"] = page("title = \"Notes\"\n", "Text.\n")
	dir := newSite(t, files)
	res, err := buildAt(dir, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"articles/уверенность/index.html", "articles/réflexion/index.html",
		"tags/уверенность/index.html", "tags/ψυχή/index.html", "tags/自己認識/index.html", "tags/réflexion/index.html",
		"reading-list/notes-1/index.html",
	} {
		if _, ok := res.Files[name]; !ok {
			t.Errorf("no %s in the output", name)
		}
	}
	other := string(res.Files["articles/other/index.html"])
	if strings.Count(other, `href="/articles/r%C3%A9flexion/"`)+strings.Count(other, `href="/articles/réflexion/"`) != 2 ||
		!strings.Contains(other, "/articles/m") {
		t.Errorf("links to the NFD and NFC names do not all resolve:\n%s", other)
	}
	if _, ok := res.Files["paths/p/index.html"]; !ok {
		t.Errorf("no path page")
	}
	for name := range res.Files {
		if strings.Contains(name, "e\u0301") || strings.Contains(name, "//") || strings.ContainsAny(name, "#? ") {
			t.Errorf("output file %q: NFD, an empty folder, or a character an address cannot hold", name)
		}
	}

	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(res.Files["sitemap.xml"], &sm); err != nil {
		t.Fatal(err)
	}
	paths := map[string]bool{}
	reflexion := 0
	for _, u := range sm.URLs {
		for _, r := range u.Loc {
			if r > 127 || r == ' ' {
				t.Errorf("sitemap address %q is not escaped", u.Loc)
				break
			}
		}
		p, err := url.Parse(u.Loc)
		if err != nil {
			t.Errorf("sitemap address %q: %v", u.Loc, err)
			continue
		}
		paths[p.Path] = true
		if strings.Contains(p.Path, "tags/r") {
			reflexion++
		}
	}
	for _, want := range []string{"/articles/уверенность/", "/tags/自己認識/", "/reading-list/notes-1/"} {
		if !paths[want] {
			t.Errorf("the sitemap does not list %s: %v", want, paths)
		}
	}
	if reflexion != 1 {
		t.Errorf("the NFD and NFC spellings of Réflexion make %d tags, want 1", reflexion)
	}
}
