package build

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/internal/gensite"
)

// TestOfflineFiles checks what a build gives the service worker and the home screen, under a
// base path, and that a preview for `between serve` has no service worker.
func TestOfflineFiles(t *testing.T) {
	root := writeSite(t, smallSite())
	res := mustBuild(t, newBuilder(root))
	var list struct {
		Version string
		Files   []string
	}
	if err := json.Unmarshal(res.Files["offline.json"], &list); err != nil {
		t.Fatalf("offline.json: %v", err)
	}
	// Paths, their steps, worksheets and guides, CSS, JS, the app's files; an article that is
	// in no path is kept once visited, not before.
	for _, want := range []string{"", "paths/p/", "articles/a/", "guides/g/", "worksheets/w/", "notes/", "notes/index.json",
		"css/main.css", "js/sessions.js", "js/worksheet.js", "manifest.webmanifest", "icon-192.png"} {
		if !slices.Contains(list.Files, want) {
			t.Errorf("offline.json lacks %q: %v", want, list.Files)
		}
	}
	if slices.Contains(list.Files, "articles/c/") || len(list.Version) != 16 {
		t.Errorf("offline.json: version %q, files %v", list.Version, list.Files)
	}
	if _, ok := res.Files["sw.js"]; !ok {
		t.Errorf("no sw.js")
	}
	var m struct {
		StartURL string `json:"start_url"`
		Scope    string
		Icons    []struct{ Src string }
	}
	if err := json.Unmarshal(res.Files["manifest.webmanifest"], &m); err != nil {
		t.Fatal(err)
	}
	if m.StartURL != "/lib/" || m.Scope != "/lib/" || len(m.Icons) != 3 || !strings.HasPrefix(m.Icons[1].Src, "/lib/icon-") {
		t.Errorf("manifest under /lib/: %+v", m)
	}
	if png := res.Files["icon-192.png"]; len(png) < 100 || string(png[1:4]) != "PNG" {
		t.Errorf("icon-192.png is not a PNG")
	}
	if !strings.Contains(string(res.Files["icon.svg"]), ">L</text>") {
		t.Errorf("icon.svg does not carry the title's initial: %s", res.Files["icon.svg"])
	}

	// Any change to the site is a new version.
	write(t, root, "content/articles/c.md", mdPage("Gamma", "date = 2026-01-03\nweight = 3", "Gamma, changed."))
	b := newBuilder(root)
	again := mustBuild(t, b)
	if string(again.Files["offline.json"]) == string(res.Files["offline.json"]) {
		t.Errorf("a changed page kept the offline version")
	}

	preview := New(Options{Root: root, Preview: true})
	pres, err := preview.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sw.js", "offline.json"} {
		if _, ok := pres.Files[name]; ok {
			t.Errorf("the preview for between serve has %s", name)
		}
	}
}

// TestNotesIndex checks My notes' list: pages with fields, path steps under their path and
// stage first, each field's shape.
func TestNotesIndex(t *testing.T) {
	site := smallSite()
	site["content/guides/g.md"] = mdPage("Guide", "date = 2026-01-04\nrepeat = true", "::: scale id=x min=0 max=4\nHow?\n:::\n\n::: log id=n\nNoticed\n:::\n")
	res := mustBuild(t, newBuilder(writeSite(t, site)))
	var idx struct {
		Pages []struct {
			URL, Title, Group string
			Repeat            bool
			Fields            []map[string]any
		}
	}
	if err := json.Unmarshal(res.Files["notes/index.json"], &idx); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range idx.Pages {
		got = append(got, p.URL+" "+p.Group)
	}
	if want := []string{"/lib/guides/g/ Path · One", "/lib/worksheets/w/ Path · Two"}; !slices.Equal(got, want) {
		t.Fatalf("pages %q, want %q", got, want)
	}
	g := idx.Pages[0]
	if !g.Repeat || len(g.Fields) != 2 || g.Fields[0]["kind"] != "scale" || g.Fields[0]["max"] != 4.0 || g.Fields[0]["min"] != 0.0 || g.Fields[1]["kind"] != "log" {
		t.Errorf("guide's entry: %+v", g)
	}
}

// TestOfflineBudget: on a library too big to keep whole (1,800 pages of about 15 KB, made by
// gensite), a first visit keeps at most render.OfflineBudget bytes of pages: the reading path
// and its steps first, then worksheets and guides; the whole search index always, and the
// result file of every page kept, so that a search offline finds them.
func TestOfflineBudget(t *testing.T) {
	root := t.TempDir()
	// 1,800 pages: their worksheets and guides are 11 MB, over the budget (1,500 were, with
	// the scripts' words on every page).
	if err := gensite.Generate(root, 1800); err != nil {
		t.Fatal(err)
	}
	b := newBuilder(root)
	res := mustBuild(t, b)
	s := b.text.site
	var list struct{ Files []string }
	if err := json.Unmarshal(res.Files["offline.json"], &list); err != nil {
		t.Fatal(err)
	}
	kept := map[string]bool{}
	for _, f := range list.Files {
		kept[f] = true
	}
	file := func(k string) string {
		if k == "" || strings.HasSuffix(k, "/") {
			return k + "index.html"
		}
		return k
	}
	pages, results, candidates := 0, 0, 0
	for _, f := range list.Files {
		if strings.HasPrefix(f, search.Dir+"r/") {
			// A result's slot: a part of a result file, by the range search.js asks for.
			name, q, _ := strings.Cut(f, "?range=bytes%3D")
			var from, to int
			if _, err := fmt.Sscanf(q, "%d-%d", &from, &to); err != nil || to-from+1 != search.Slot || from%search.Slot != 0 || to >= len(res.Files[name]) {
				t.Errorf("offline.json lists %q, not a slot of a result file (%d bytes)", f, len(res.Files[name]))
			}
			results += search.Slot
			continue
		}
		data, ok := res.Files[file(f)]
		if !ok {
			t.Errorf("offline.json lists %q, which the build did not make", f)
		}
		switch {
		case strings.HasPrefix(f, "worksheets/page-"), strings.HasPrefix(f, "guides/page-"), strings.HasPrefix(f, "articles/page-"):
			pages += len(data)
		}
	}
	for name, data := range res.Files {
		if strings.HasPrefix(name, "worksheets/page-") || strings.HasPrefix(name, "guides/page-") {
			candidates += len(data)
		}
		// Every shard of the index, so that any word can be looked up offline.
		if (strings.HasPrefix(name, search.Dir+"s/") || name == search.Dir+"manifest.json") && !kept[name] {
			t.Errorf("offline.json lacks the search index file %s", name)
		}
	}
	if candidates <= render.OfflineBudget {
		t.Fatalf("the worksheets and guides are %d bytes, within the budget: the test needs more pages", candidates)
	}
	if pages+results > render.OfflineBudget || pages+results < render.OfflineBudget*9/10 {
		t.Errorf("pages kept offline: %d bytes and their results %d bytes; want the budget of %d filled, not passed", pages, results, render.OfflineBudget)
	}
	// The path's steps (tag-1: articles among them) come first, whatever the budget.
	steps := 0
	rf := search.ResultParts(s)
	for _, st := range s.Paths[0].Steps {
		steps++
		k := strings.TrimPrefix(st.Page.URL, "/")
		if !kept[k] || !kept[rf[st.Page.URL]] {
			t.Errorf("step %s (or its search result %s) is not kept offline", k, rf[st.Page.URL])
		}
	}
	if steps < 20 {
		t.Errorf("the path has %d steps", steps)
	}
	for _, want := range []string{"", "notes/", "notes/index.json", "search/", "css/main.css", "js/search.js", "js/sessions.js", render.StringsFile} {
		if !kept[want] {
			t.Errorf("offline.json lacks %q", want)
		}
	}
}
