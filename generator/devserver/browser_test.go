package devserver

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/between-ssg/between/internal/browsertest"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// waitJS evaluates expr until it is true. Evaluation fails while the page reloads, so errors
// only mean "not yet"; the last one is reported if time runs out.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("waiting for %s (%s): not true within 30s (last error: %v)", what, expr, last)
}

func evalJS[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// longArticle is a page tall enough to scroll, with a marker sentence near its top.
func longArticle(marker string) string {
	var b strings.Builder
	b.WriteString(marker + "\n\n")
	for i := range 60 {
		fmt.Fprintf(&b, "Paragraph %d. Between sessions, a client reads, writes and thinks about what was said; this text only makes the page long enough to scroll.\n\n", i)
	}
	return article("First steps", b.String())
}

func TestBrowserLiveReload(t *testing.T) {
	ctx := browsertest.New(t)
	root := realSite(t)
	writeFile(t, root, "content/articles/first.md", longArticle("The original opening sentence."))
	// A site stylesheet of the same name overrides the theme's.
	writeFile(t, root, "static/css/main.css", "main { color: rgb(0, 0, 128); }\nmain p { margin: 0 0 2em; }\n")
	ts := startReal(t, root)

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.url+"/articles/first/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the live-reload connection", `window.__between && window.__between.connected`)
	if c := evalJS[string](t, ctx, `getComputedStyle(document.querySelector("main")).color`); c != "rgb(0, 0, 128)" {
		t.Fatalf("main color %q: the site's static/css/main.css is not in use", c)
	}

	// Scroll down, then edit the Markdown: the page shows the new text, at the same place.
	// With the browser's own restoration off, the position must come from livereload.js
	// (Chromium restores it by itself on reload; other browsers and some themes do not).
	evalJS[chromedp.Void](t, ctx, `history.scrollRestoration = "manual"; window.scrollTo(0, 1500); window.__before = "reload test"`)
	y0 := evalJS[float64](t, ctx, `window.scrollY`)
	if y0 < 1000 {
		t.Fatalf("page did not scroll (scrollY %v): too short for the test", y0)
	}
	ts.write("content/articles/first.md", longArticle("The edited opening sentence."))
	waitJS(t, ctx, "the edited text", `document.readyState === "complete" && document.body.innerText.includes("The edited opening sentence.")`)
	waitJS(t, ctx, "the reconnection", `window.__between && window.__between.connected`)
	if y := evalJS[float64](t, ctx, `window.scrollY`); math.Abs(y-y0) > 2 {
		t.Errorf("after the reload scrollY is %v, want %v", y, y0)
	}
	if evalJS[bool](t, ctx, `window.__before === "reload test"`) {
		t.Error("the page changed without a reload: the test cannot tell a reload apart")
	}

	// A CSS edit: the new style applies with no navigation.
	evalJS[chromedp.Void](t, ctx, `window.__kept = "no navigation"`)
	navs := evalJS[int](t, ctx, `performance.getEntriesByType("navigation").length`)
	ts.write("static/css/main.css", "main { color: rgb(128, 0, 0); }\nmain p { margin: 0 0 2em; }\n")
	waitJS(t, ctx, "the new style", `getComputedStyle(document.querySelector("main")).color === "rgb(128, 0, 0)"`)
	if !evalJS[bool](t, ctx, `window.__kept === "no navigation"`) {
		t.Error("the page reloaded for a CSS change")
	}
	if n := evalJS[int](t, ctx, `performance.getEntriesByType("navigation").length`); n != navs {
		t.Errorf("navigation entries %d, then %d", navs, n)
	}
	waitJS(t, ctx, "one stylesheet link, the old one removed",
		`document.querySelectorAll('link[href*="/css/main.css"]').length === 1`)

	// A broken save: the panel names the file, the line and the problem; the page stays.
	ts.write("content/articles/first.md", "+++\ntitle = \"First steps\ndate = 2025-01-02\n+++\nBody.\n")
	waitJS(t, ctx, "the problem panel", `!!document.getElementById("between-overlay")`)
	text := evalJS[string](t, ctx, `document.getElementById("between-overlay").innerText`)
	if !strings.Contains(text, "content/articles/first.md:") || !strings.Contains(text, "problem") {
		t.Errorf("panel text %q, want the file, line and problem", text)
	}
	if !evalJS[bool](t, ctx, `window.__kept === "no navigation"`) {
		t.Error("the page reloaded for a failed build")
	}
	// A fresh load while broken shows the panel too.
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the panel after a fresh load", `!!document.getElementById("between-overlay") && document.body.innerText.includes("The edited opening sentence.")`)

	// The fix clears the panel and shows the new text.
	ts.write("content/articles/first.md", longArticle("The fixed opening sentence."))
	waitJS(t, ctx, "the fixed page", `document.readyState === "complete" && document.body.innerText.includes("The fixed opening sentence.") && !document.getElementById("between-overlay")`)
}

// TestBrowserManyTabs opens more tabs of the preview than a browser allows connections to one
// host (six): they share one event stream, so every tab still loads, and each decides for
// itself whether an event concerns the page it shows.
func TestBrowserManyTabs(t *testing.T) {
	ctx := browsertest.New(t)
	root := realSite(t)
	writeFile(t, root, "content/about.md", "+++\ntitle = \"About\"\n+++\nAbout this library.\n")
	ts := startReal(t, root)

	pages := []string{"/articles/first/", "/about/", "/articles/later/", "/", "/tags/", "/articles/", "/tags/start/", "/about/"}
	tabs := make([]context.Context, len(pages))
	for i, p := range pages {
		tctx, cancel := chromedp.NewContext(ctx)
		t.Cleanup(cancel)
		if err := chromedp.Do(tctx, chromedp.Navigate(ts.url+p)); err != nil {
			t.Fatalf("tab %d (%s): %v", i, p, err)
		}
		waitJS(t, tctx, fmt.Sprintf("tab %d (%s) hearing events", i, p), `window.__between && window.__between.connected`)
		evalJS[chromedp.Void](t, tctx, `window.__kept = true`)
		tabs[i] = tctx
	}
	leaders := 0
	for _, tctx := range tabs {
		if evalJS[string](t, tctx, `window.__between.role`) == "leader" {
			leaders++
		}
	}
	if leaders != 1 {
		t.Errorf("%d tabs hold an event stream, want one for all", leaders)
	}

	// An edit of the article: its tab reloads, the About tab does not.
	ts.write("content/articles/first.md", article("First steps", "Edited with eight tabs open."))
	waitJS(t, tabs[0], "the article tab showing the edit", `document.body.innerText.includes("Edited with eight tabs open.")`)
	waitJS(t, tabs[1], "the About tab hearing the build", `window.__between.events >= 1`)
	if !evalJS[bool](t, tabs[1], `window.__kept === true`) {
		t.Error("the About tab reloaded for an edit of another page")
	}

	// A tab showing "not found" for a page that is then created reloads and shows it.
	ts.write("content/articles/later.md", article("Later", "Written after the tab was opened."))
	waitJS(t, tabs[2], "the 404 tab showing the new page", `document.body.innerText.includes("Written after the tab was opened.")`)

	// Closing the tab that holds the stream hands it to another.
	// A tab that just reloaded (the article, the new page) may be taking the stream over
	// at this moment, so the leader is looked for until one answers.
	leader := -1
	for deadline := time.Now().Add(10 * time.Second); leader < 0 && time.Now().Before(deadline); {
		for i, tctx := range tabs {
			if ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`window.__between && window.__between.role === "leader"`)); err == nil && ok {
				leader = i
			}
		}
		if leader < 0 {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if leader < 0 {
		t.Fatal("no tab holds the event stream")
	}
	if err := chromedp.Cancel(tabs[leader]); err != nil {
		t.Fatal(err)
	}
	ts.write("content/about.md", "+++\ntitle = \"About\"\n+++\nAbout, rewritten.\n")
	for i, tctx := range tabs {
		if i == leader || pages[i] != "/about/" {
			continue
		}
		waitJS(t, tctx, "an About tab showing the edit after the leader closed", `document.body.innerText.includes("About, rewritten.")`)
	}
}

// TestBrowserPageOlderThanItsStream: a build finished between serving a page and the tab
// opening its event stream, so no event will tell the tab; the build stamped on the page's
// script says it is older than the server's, and the tab reloads.
func TestBrowserPageOlderThanItsStream(t *testing.T) {
	ctx := browsertest.New(t)
	root := newSite(t)
	ts := startServer(t, &fakeBuilder{root: root}, root)
	stale := ts.get("/a/")
	if !strings.Contains(stale.body, `data-build="1"`) {
		t.Fatalf("the page is not stamped with build 1:\n%s", stale.body)
	}
	tab, _ := ts.listen()
	ts.write("content/a.md", "Second version of A\n")
	tab.buildUntil("a/index.html")

	// The same preview, except that the first request for /a/ gets the page of build 1, as
	// if it had been served just before build 2 finished.
	var mu sync.Mutex
	served := false
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		first := !served && r.URL.Path == "/a/"
		served = served || first
		mu.Unlock()
		if first {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(stale.body))
			return
		}
		ts.s.Handler().ServeHTTP(w, r)
	}))
	// The tab's event stream stays open: cut it, or Close would wait for it.
	t.Cleanup(func() { front.CloseClientConnections(); front.Close() })
	if err := chromedp.Do(ctx, chromedp.Navigate(front.URL+"/a/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the reload to build 2", `document.readyState === "complete" && document.body.innerText.includes("Second version of A")`)
}

// TestBrowserWarnings: a build with warnings shows them over the page in a quiet panel that
// leaves the page usable, saying what the typo changes; a fix takes the panel away.
func TestBrowserWarnings(t *testing.T) {
	ctx := browsertest.New(t)
	root := realSite(t)
	writeFile(t, root, "content/articles/first.md", article("First steps", "Text."))
	ts := startReal(t, root)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.url+"/articles/first/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the live-reload connection", `window.__between && window.__between.connected`)
	ts.write("content/articles/first.md", "+++\ntitle = \"First steps\"\ntgas = [\"confidence\"]\n+++\nText.\n")
	waitJS(t, ctx, "the warnings panel", `!!document.getElementById("between-warnings")`)
	text := evalJS[string](t, ctx, `document.getElementById("between-warnings").innerText`)
	for _, want := range []string{"1 warning", "content/articles/first.md:3:", `"tgas"`, `did you mean "tags"?`, "no path made from a tag"} {
		if !strings.Contains(text, want) {
			t.Errorf("warnings panel lacks %q:\n%s", want, text)
		}
	}
	if evalJS[bool](t, ctx, `!!document.getElementById("between-overlay")`) {
		t.Error("a warning shows the problem overlay, which covers the page")
	}
	if r := evalJS[string](t, ctx, `document.getElementById("between-warnings").getAttribute("role")`); r != "status" {
		t.Errorf("warnings panel role %q, want status (not an alert)", r)
	}
	ts.write("content/articles/first.md", "+++\ntitle = \"First steps\"\ntags = [\"confidence\"]\n+++\nText.\n")
	waitJS(t, ctx, "the panel gone after the fix", `document.readyState === "complete" && !document.getElementById("between-warnings")`)
}

// TestBrowserPageGoneAndBack: a tab showing a page whose file an editor deletes and writes
// again 50 ms later never shows "Page not found": every document the tab loads is noted (in
// sessionStorage, which outlives a reload), and none is the not-found page. A page really
// deleted shows the not-found page after the grace, and that page, which listens too, shows
// the page again by itself once its file is back.
func TestBrowserPageGoneAndBack(t *testing.T) {
	ctx := browsertest.New(t)
	root := realSite(t)
	ts := startReal(t, root)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `document.addEventListener("DOMContentLoaded", function () {
			var seen = JSON.parse(sessionStorage.getItem("loads") || "[]");
			seen.push(document.body.innerText.includes("Page not found") ? "not found" : "page");
			sessionStorage.setItem("loads", JSON.stringify(seen));
		});`,
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.url+"/articles/first/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the live-reload connection", `window.__between && window.__between.connected`)
	name := filepath.Join(root, "content/articles/first.md")

	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	ts.write("content/articles/first.md", article("First steps", "The text after the gap."))
	waitJS(t, ctx, "the new text", `document.readyState === "complete" && document.body.innerText.includes("The text after the gap.")`)
	if loads := evalJS[string](t, ctx, `sessionStorage.getItem("loads")`); strings.Contains(loads, "not found") {
		t.Errorf("the tab loaded %s: it showed the not-found page while the file was gone for 50 ms", loads)
	}

	waitJS(t, ctx, "the reconnection", `window.__between && window.__between.connected`)
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the not-found page", `document.readyState === "complete" && document.body.innerText.includes("Page not found")`)
	waitJS(t, ctx, "the not-found page's live-reload connection", `window.__between && window.__between.connected`)
	ts.write("content/articles/first.md", article("First steps", "Made again."))
	waitJS(t, ctx, "the page made again", `document.readyState === "complete" && document.body.innerText.includes("Made again.")`)
}
