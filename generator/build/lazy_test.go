package build

import (
	"errors"
	"fmt"
	"math/rand"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/search"
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

// lateHTMLSite is lazySite with more articles than the feed shows (render.FeedSize), all
// newer than Alpha, so that Alpha's HTML is not needed before a lazy build returns, and a
// page with a footnote and a link to it, whose HTML is made at once.
func lateHTMLSite() map[string]string {
	files := lazySite()
	for i := range render.FeedSize + 2 {
		files[fmt.Sprintf("content/articles/n%02d.md", i)] = mdPage(fmt.Sprintf("Newer %d", i), fmt.Sprintf("date = 2026-02-%02d", i%28+1), "Newer text.")
	}
	files["content/articles/fn.md"] = mdPage("Footnoted", "date = 2026-01-05", "A claim.[^1] See [the note](#fn:1).\n\n[^1]: The source.")
	return files
}

// TestLazyBuildMakesHTMLLater: a lazy build converts the pages' Markdown for what lists
// and checks need but makes their HTML after it returns. A page asked for before the
// background has made its HTML has it made by the request, and is the full build's; every
// page's HTML is made once, and the whole Result is the full build's. A page with
// footnotes has its HTML made at once (their ids are read from it).
func TestLazyBuildMakesHTMLLater(t *testing.T) {
	root := writeSite(t, lateHTMLSite())
	want := mustBuild(t, previewBuilder(root, false)).Files
	const asked = "content/articles/a.md"
	var mu sync.Mutex
	made := map[string]int{}
	var returned atomic.Bool
	release := make(chan struct{})
	defer fault.Set(func(stage, name string) {
		switch {
		case stage == "keeping":
			// The fill's first step, only ever in the background: held from the start, as
			// the background may begin before returned is set.
			<-release
		case !returned.Load():
		case stage == "indexing for search" || stage == "rendering" && name != asked:
			<-release // the background waits until the request is answered
		}
		if stage == "making HTML" {
			mu.Lock()
			made[name]++
			mu.Unlock()
		}
	})()
	b := previewBuilder(root, true)
	res := mustBuild(t, b)
	mu.Lock()
	before := len(made)
	returned.Store(true)
	mu.Unlock()
	// Only the pages whose HTML the outputs made before returning show: the feed's, and
	// the home page's and lists' own text.
	shown := map[string]bool{}
	for _, p := range render.FeedPages(b.text.site) {
		shown[p.File] = true
	}
	for name := range made {
		if !shown[name] && path.Base(name) != "_index.md" {
			t.Errorf("%s's HTML was made before the build returned", name)
		}
	}
	if made[asked] != 0 {
		t.Fatalf("%s's HTML was made before the build returned", asked)
	}
	got, ok, err := res.File("articles/a/index.html")
	if err != nil || !ok || string(got) != string(want["articles/a/index.html"]) {
		t.Errorf("asked for first, articles/a/index.html = %v, %v:\n%.300s\nwant the full build's\n%.300s", ok, err, got, want["articles/a/index.html"])
	}
	mu.Lock()
	if made[asked] != 1 || len(made) != before+1 {
		t.Errorf("answering the request made the HTML of %d pages (%s: %d times), want its own once", len(made)-before, asked, made[asked])
	}
	mu.Unlock()
	close(release)
	whole, err := res.Whole()
	if err != nil {
		t.Fatal(err)
	}
	assertSameFiles(t, whole.Files, want)
	for name, e := range b.entries {
		n := made[name]
		switch {
		case e.doc == nil:
		case name == "content/articles/fn.md" && n != 0:
			t.Errorf("the HTML of a page with footnotes was made later")
		case name != "content/articles/fn.md" && n != 1:
			t.Errorf("%s's HTML was made %d times, want once", name, n)
		}
	}
}

// TestLazyBuildHTMLPanicIsAProblem: a panic while making a page's HTML after the build
// returned is a problem, as in any build: the page asked for says so, the whole build
// fails, and the next one, once the cause is gone, is right.
func TestLazyBuildHTMLPanicIsAProblem(t *testing.T) {
	root := writeSite(t, lateHTMLSite())
	reset := fault.Set(func(stage, name string) {
		if stage == "making HTML" && name == "content/articles/a.md" {
			panic("injected")
		}
	})
	b := previewBuilder(root, true)
	res := mustBuild(t, b)
	_, _, ferr := res.File("articles/a/index.html")
	_, werr := res.Whole()
	reset()
	for _, err := range []error{ferr, werr} {
		var list diag.List
		if !errors.As(err, &list) || len(list) != 1 || !strings.Contains(list[0].Msg, "injected") {
			t.Errorf("a panic while making a page's HTML later gave %v, want one problem saying so", err)
		}
	}
	res = mustRebuild(t, b, "content/articles/a.md")
	whole, err := res.Whole()
	if err != nil {
		t.Fatal(err)
	}
	assertSameFiles(t, whole.Files, mustBuild(t, previewBuilder(root, false)).Files)
}

// TestLazyBuildSearchWhilePaused: a request for the search index, made while requests hold
// the background (Result.Pause, as the server does while it answers), gets it: the index
// waits for every page's HTML, which the background goes on making for it.
func TestLazyBuildSearchWhilePaused(t *testing.T) {
	root := writeSite(t, lateHTMLSite())
	want := mustBuild(t, previewBuilder(root, false)).Files
	var index []string
	for name := range want {
		if strings.HasPrefix(name, search.Dir) {
			index = append(index, name)
		}
	}
	if len(index) == 0 {
		t.Fatal("the full build made no search index")
	}
	res := mustBuild(t, previewBuilder(root, true))
	resume := res.Pause()
	second := res.Pause() // two requests at once
	for _, name := range index {
		got, ok, err := res.File(name)
		if err != nil || !ok || string(got) != string(want[name]) {
			t.Errorf("File(%s) while paused = %d bytes, %v, %v; want the full build's %d bytes", name, len(got), ok, err, len(want[name]))
		}
	}
	second()
	resume()
	whole, err := res.Whole()
	if err != nil {
		t.Fatal(err)
	}
	assertSameFiles(t, whole.Files, want)
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
