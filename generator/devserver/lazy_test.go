package devserver

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/internal/fault"
)

// lazyLibrary writes a library of n articles besides realSite's, with the default theme.
func lazyLibrary(t *testing.T, n int) string {
	root := realSite(t)
	for i := range n {
		writeFile(t, root, fmt.Sprintf("content/articles/a%02d.md", i), article(fmt.Sprintf("Article %d", i), fmt.Sprintf("Text of article %d, with a [link](first.md).", i)))
	}
	return root
}

// holdRendering makes every page of content/articles/ but keep wait, when rendered, until
// the returned release is called: the background stops at the first such page each of its
// workers takes, so that whatever a test asks for meanwhile is rendered for that request.
func holdRendering(t *testing.T, keep string) (release func()) {
	gate := make(chan struct{})
	var once sync.Once
	release = func() { once.Do(func() { close(gate) }) }
	reset := fault.Set(func(stage, name string) {
		if stage == "rendering" && strings.HasPrefix(name, "content/articles/a") && name != keep {
			<-gate
		}
	})
	t.Cleanup(func() { release(); reset() })
	return release
}

// servedAsFull fails unless every file of a fresh full build is served, over HTTP, with
// the same bytes (HTML with the live-reload script added).
func servedAsFull(t *testing.T, ts *testServer, root string) {
	t.Helper()
	fresh, err := build.New(build.Options{Root: root, BaseURL: "/", Preview: true}).Build()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range fresh.Files {
		path := "/" + strings.TrimSuffix(name, "index.html")
		r := ts.get(path)
		id, _ := strconv.ParseUint(r.header.Get(buildHeader), 10, 64)
		got := r.body
		if strings.HasPrefix(contentType(name), "text/html") {
			got = strings.Replace(got, scriptTag(id), "", 1)
		}
		if r.status != 200 || got != string(want) {
			t.Errorf("GET %s = %d, %d bytes; want the full build's %d bytes", path, r.status, len(got), len(want))
		}
	}
}

// TestServeBeforeEveryPageIsRendered: the preview serves as soon as the site is read and
// checked. A page asked for while the background has not rendered it is rendered for the
// request, and is what a full build makes; an edit saved meanwhile is built once the
// first build's pages are all rendered; and after both the site served equals a full build.
func TestServeBeforeEveryPageIsRendered(t *testing.T) {
	n := runtime.GOMAXPROCS(0) + 3
	root := lazyLibrary(t, n)
	last := fmt.Sprintf("content/articles/a%02d.md", n-1)
	release := holdRendering(t, last)
	ts := startReal(t, root)
	if !strings.Contains(ts.log.String(), "render in the background") {
		t.Errorf("the log does not say the pages render in the background:\n%s", ts.log.String())
	}
	res := ts.s.cur.Load().res
	select {
	case <-res.Filled():
		t.Fatal("every page rendered while the background is held")
	default:
	}
	tab, _ := ts.listen()

	// The home page and the section's list were rendered before "Serving".
	for _, p := range []string{"/", "/articles/"} {
		if r := ts.get(p); r.status != 200 || !strings.Contains(r.body, "Article 1") {
			t.Errorf("GET %s = %d while the background is held:\n%.500s", p, r.status, r.body)
		}
	}
	page := fmt.Sprintf("/articles/a%02d/", n-1)
	r := ts.get(page)
	if r.status != 200 || !strings.Contains(r.body, fmt.Sprintf("Text of article %d", n-1)) {
		t.Fatalf("GET %s = %d while the background is held:\n%.500s", page, r.status, r.body)
	}

	// An edit while the background is held: built once it is done.
	ts.write("content/articles/first.md", article("First steps", "Edited while the pages rendered."))
	release()
	tab.buildUntil("articles/first/index.html")
	if r := ts.get("/articles/first/"); !strings.Contains(r.body, "Edited while the pages rendered.") {
		t.Errorf("the edit is not served:\n%.500s", r.body)
	}
	servedAsFull(t, ts, root)
}

// TestServeWholeAfterBackground: once the background has rendered every page, the
// server serves the whole build, the same one (no reload), and says so.
func TestServeWholeAfterBackground(t *testing.T) {
	root := lazyLibrary(t, 4)
	ts := startReal(t, root)
	first := ts.s.cur.Load()
	if _, err := first.res.Whole(); err != nil {
		t.Fatal(err)
	}
	servedAsFull(t, ts, root)
	tab, _ := ts.listen()
	// Installed by the server's loop: an edit after it is served from the whole build.
	ts.write("content/articles/a01.md", article("Article 1", "Edited after the background."))
	tab.buildUntil("articles/a01/index.html")
	servedAsFull(t, ts, root)
	if !strings.Contains(ts.log.String(), "Rendered all") {
		t.Errorf("the log does not say when every page is rendered:\n%s", ts.log.String())
	}
}

// TestServeLateTemplateError: a layout that fails only on a page the background renders
// after "Serving" shows the problem like any failed build: that page answers with the
// overlay, open tabs get the problem, and fixing the layout builds the site.
func TestServeLateTemplateError(t *testing.T) {
	root := lazyLibrary(t, 3)
	writeFile(t, root, "layouts/article.html", `{{if eq .Page.Title "Article 2"}}{{index .Site.Pages 99}}{{end}}<p>{{.Page.Title}}</p>`)
	release := holdRendering(t, "content/articles/a02.md")
	ts := startReal(t, root)
	tab, _ := ts.listen()
	r := ts.get("/articles/a02/")
	if r.status != 500 || !strings.Contains(r.body, "layouts/article.html") || !strings.Contains(r.body, "between-overlay") {
		t.Errorf("GET of the failing page = %d, want the problem in the overlay:\n%.800s", r.status, r.body)
	}
	release()
	e := tab.nextError()
	if len(e.Problems.Items) != 1 || !strings.HasPrefix(e.Problems.Items[0].Place, "layouts/article.html:") {
		t.Errorf("problems %+v, want the layout's", e.Problems.Items)
	}
	if r := ts.get("/"); r.status != 500 || !strings.Contains(r.body, "between-overlay") {
		t.Errorf("GET / after the failure = %d, want the problems", r.status)
	}
	ts.write("layouts/article.html", `<p>{{.Page.Title}}</p>`)
	tab.nextBuild()
	servedAsFull(t, ts, root)
}

// TestServeLogCountsInWords: a library of one page is "1 page" in the terminal.
func TestServeLogCountsInWords(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "config.toml", "title = 'One'\n")
	writeFile(t, root, "content/articles/only.md", article("Only", "The one page."))
	ts := startReal(t, root)
	if log := ts.log.String(); !strings.Contains(log, "Built 1 page in ") {
		t.Errorf("the log does not count one page in words:\n%s", log)
	}
}
