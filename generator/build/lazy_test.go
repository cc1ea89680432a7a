package build

import (
	"errors"
	"math/rand"
	"strings"
	"sync"
	"testing"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/internal/fault"
)

// previewBuilder is a Builder as `between serve` makes it: a preview, lazy when lazy is set.
func previewBuilder(root string, lazy bool) *Builder {
	b := New(Options{Root: root, Preview: true, Lazy: lazy})
	b.SetClock(clock)
	return b
}

// lazySite is smallSite with the default theme and lists of several pages, so that a
// preview has outputs of every kind to render late: pages, list pages after the first,
// tag pages, booklets, aliases.
func lazySite() map[string]string {
	files := smallSite()
	for name := range files {
		if strings.HasPrefix(name, "layouts/") {
			delete(files, name)
		}
	}
	files["config.toml"] += "paginate = 2\n"
	files["content/articles/c.md"] = mdPage("Gamma", "date = 2026-01-03\nweight = 3\naliases = [\"/old/gamma/\"]", "Gamma text.")
	return files
}

// TestLazyBuildServesWhatAFullBuildMakes: a lazy preview build returns before rendering
// most outputs; each of them asked for (in random order, from several goroutines at
// once, while the background renders too) is what a full build makes, and so is the whole
// Result once the background is done.
func TestLazyBuildServesWhatAFullBuildMakes(t *testing.T) {
	root := writeSite(t, lazySite())
	want := mustBuild(t, previewBuilder(root, false)).Files
	for round := range 3 {
		b := previewBuilder(root, true)
		res := mustBuild(t, b)
		if res.Filled() == nil {
			t.Fatal("a lazy preview build returned every file rendered")
		}
		if _, ok := res.Files["index.html"]; !ok {
			t.Error("the home page is not rendered before the build returns")
		}
		if _, ok := res.Files["articles/index.html"]; !ok {
			t.Error("the first page of a section's list is not rendered before the build returns")
		}
		names := make([]string, 0, len(want))
		for name := range want {
			names = append(names, name)
		}
		rand.New(rand.NewSource(int64(round))).Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
		var wg sync.WaitGroup
		for g := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := g; i < len(names); i += 3 {
					name := names[i]
					if !res.Has(name) {
						t.Errorf("round %d: Has(%s) = false", round, name)
					}
					got, ok, err := res.File(name)
					if err != nil || !ok || string(got) != string(want[name]) {
						t.Errorf("round %d: File(%s) = %d bytes, %v, %v; want the full build's %d bytes", round, name, len(got), ok, err, len(want[name]))
					}
				}
			}()
		}
		wg.Wait()
		if _, ok, err := res.File("articles/nope/index.html"); ok || err != nil {
			t.Errorf("File of a page the site has not = %v, %v", ok, err)
		}
		whole, err := res.Whole()
		if err != nil {
			t.Fatal(err)
		}
		assertSameFiles(t, whole.Files, want)
		if len(whole.Changed) != len(want) || whole.Filled() != nil {
			t.Errorf("the whole Result lists %d files changed, want every one (%d)", len(whole.Changed), len(want))
		}
	}
}

// TestLazyBuildEditWhileFilling: an edit saved while the pages still render is rebuilt
// from the whole build, and the result equals a full build of the edited files.
func TestLazyBuildEditWhileFilling(t *testing.T) {
	root := writeSite(t, lazySite())
	b := previewBuilder(root, true)
	first := mustBuild(t, b)
	// Asked for first: this page is rendered by the request, the rest by the background.
	if _, ok, err := first.File("articles/b/index.html"); !ok || err != nil {
		t.Fatalf("File = %v, %v", ok, err)
	}
	write(t, root, "content/articles/b.md", mdPage("Beta, renamed", "date = 2026-01-02\ntags = [\"Focus\", \"Calm\"]\nweight = 2", "Beta text, edited.\n\n## Second\n\ntext"))
	res := mustRebuild(t, b, "content/articles/b.md")
	if res.Filled() != nil {
		t.Fatal("a rebuild after a lazy build returned before rendering")
	}
	want := mustBuild(t, previewBuilder(root, false)).Files
	assertSameFiles(t, res.Files, want)
	// The first Result is what it was: a build, once returned, never changes.
	if got, _, _ := first.File("articles/b/index.html"); strings.Contains(string(got), "Beta, renamed") {
		t.Error("the first build's page changed after the rebuild")
	}
	// A change to config.toml builds from scratch: lazily again, and right.
	write(t, root, "config.toml", strings.Replace(lazySite()["config.toml"], "title = \"Lib\"", "title = \"Library\"", 1))
	res = mustRebuild(t, b, "config.toml")
	whole, err := res.Whole()
	if err != nil {
		t.Fatal(err)
	}
	assertSameFiles(t, whole.Files, mustBuild(t, previewBuilder(root, false)).Files)
}

// TestLazyBuildTemplateError: a layout that fails on a page rendered late fails the build
// after it returned: asking for that page gives the problem, Whole gives it too, and the
// next build, once the layout is fixed, is a full build again.
func TestLazyBuildTemplateError(t *testing.T) {
	files := lazySite()
	files["layouts/article.html"] = `{{if eq .Page.Title "Beta"}}{{index .Site.Pages 99}}{{end}}<p>{{.Page.Title}}</p>`
	root := writeSite(t, files)
	b := previewBuilder(root, true)
	res := mustBuild(t, b) // the home page and the lists render; the articles later
	_, ok, err := res.File("articles/b/index.html")
	var list diag.List
	if !ok || !errors.As(err, &list) || len(list) != 1 || list[0].File != "layouts/article.html" || !strings.Contains(list[0].Msg, "rendering articles/b/index.html") {
		t.Fatalf("File of the failing page = %v, %v; want the template's problem", ok, err)
	}
	if _, err := res.Whole(); !errors.As(err, &list) {
		t.Fatalf("Whole = %v, want the template's problem", err)
	}
	write(t, root, "layouts/article.html", `<p>{{.Page.Title}}</p>`)
	res = mustRebuild(t, b, "layouts/article.html")
	whole, err := res.Whole()
	if err != nil {
		t.Fatal(err)
	}
	assertSameFiles(t, whole.Files, mustBuild(t, previewBuilder(root, false)).Files)
}

// TestLazyBuildPanicIsAProblem: a panic while the background renders a page is a problem
// naming the page's file, as in any build, and the next build starts afresh.
func TestLazyBuildPanicIsAProblem(t *testing.T) {
	root := writeSite(t, lazySite())
	b := previewBuilder(root, true)
	reset := fault.Set(func(stage, name string) {
		if stage == "rendering" && name == "content/articles/c.md" {
			panic("injected")
		}
	})
	res, err := b.Build()
	if err == nil {
		_, err = res.Whole()
	}
	reset()
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || list[0].File != "content/articles/c.md" || !strings.Contains(list[0].Msg, "injected") {
		t.Fatalf("a panic while rendering late gave %v, want one problem naming content/articles/c.md", err)
	}
	res = mustRebuild(t, b, "content/articles/c.md")
	whole, err := res.Whole()
	if err != nil {
		t.Fatal(err)
	}
	assertSameFiles(t, whole.Files, mustBuild(t, previewBuilder(root, false)).Files)
}

// assertSameFiles fails unless got and want hold the same files with the same bytes.
func assertSameFiles(t testing.TB, got, want map[string][]byte) {
	t.Helper()
	for name, data := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("missing %s", name)
		} else if string(g) != string(data) {
			t.Errorf("%s differs from a full build:\n%.300s\nwant\n%.300s", name, g, data)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("extra %s", name)
		}
	}
}
