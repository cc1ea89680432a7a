package themes_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/internal/browsertest"
)

// The browser tests of sessions.js: the example library, built under a base path and served
// on 127.0.0.1 as a static host serves it, used in real Chromium as a client uses it.

type library struct {
	srv   *httptest.Server
	base  string // "http://127.0.0.1:PORT/library/"
	files map[string][]byte

	mu     sync.Mutex
	down   bool     // the server answers nothing, as when the phone is offline
	served []string // paths asked for
	// stalled, while open, holds every request without an answer, as a connection that is
	// up but carries nothing does; closing it drops them.
	stalled chan struct{}
}

func (l *library) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	down, stalled := l.down, l.stalled
	l.served = append(l.served, r.URL.Path)
	l.mu.Unlock()
	if stalled != nil {
		select {
		case <-stalled:
		case <-r.Context().Done():
		}
		down = true
	}
	if down {
		// Drop the connection: to the browser, the network is gone.
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
				return
			}
		}
		http.Error(w, "offline", http.StatusServiceUnavailable)
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, "/library/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := l.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".webmanifest":
		ct = "application/manifest+json"
	case ".js":
		ct = "text/javascript; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Write(data)
}

func serveLibrary(t *testing.T) *library {
	t.Helper()
	browsertest.Require(t)
	l := &library{}
	l.srv = httptest.NewUnstartedServer(l)
	l.base = "http://" + l.srv.Listener.Addr().String() + "/library/"
	res, err := build.New(build.Options{Root: "..", BaseURL: l.base}).Build()
	if err != nil {
		t.Fatalf("build the example library: %v", err)
	}
	l.files = res.Files
	l.srv.Start()
	t.Cleanup(l.srv.Close)
	return l
}

// errors records script errors in a tab.
type errors struct {
	mu   sync.Mutex
	list []string
}

func (e *errors) watch(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Listen(ctx, func(ev any) {
		if ex, ok := ev.(*runtime.EventExceptionThrown); ok {
			e.mu.Lock()
			d := ex.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			e.list = append(e.list, fmt.Sprintf("%s:%d: %s", d.URL, d.LineNumber+1, msg))
			e.mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
}

func (e *errors) check(t *testing.T) {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, m := range e.list {
		t.Errorf("script error: %s", m)
	}
}

func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func js[T any](t *testing.T, ctx context.Context, src string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](src))
	if err != nil {
		t.Fatalf("evaluate %s: %v", src, err)
	}
	return v
}

// clock makes the page's Date say day (YYYY-MM-DD, at 10:00) from the next navigation on,
// replacing the clock set before; it returns a function that removes it.
func clock(t *testing.T, ctx context.Context, day string) func() {
	t.Helper()
	src := `(() => { const fixed = new Date("` + day + `T10:00:00").getTime(); const Real = Date;
	class Fake extends Real { constructor(...a) { if (a.length === 0) super(fixed); else super(...a); }
		static now() { return fixed; } }
	window.Date = Fake; })();`
	res, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	return func() {
		if _, err := chromedp.Call(ctx, page.RemoveScriptToEvaluateOnNewDocument, page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: res.Identifier}); err != nil {
			t.Fatal(err)
		}
	}
}

// longDate is day as the page writes it out, in the library's language.
func longDate(t *testing.T, ctx context.Context, day string) string {
	t.Helper()
	return js[string](t, ctx, `new Date("`+day+`T12:00:00").toLocaleDateString(document.documentElement.lang, {year: "numeric", month: "long", day: "numeric"})`)
}

func visit(t *testing.T, ctx context.Context, u, ready string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS(ready)))
}

// setValue sets a control's value as the browser's own picker does, with its events.
func setValue(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	js[chromedp.Void](t, ctx, `(() => { const c = document.querySelector(`+quote(sel)+`); c.value = `+quote(value)+`;
		c.dispatchEvent(new Event("input", {bubbles: true})); c.dispatchEvent(new Event("change", {bubbles: true})); })()`)
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// newPhone opens My notes in a fresh browser, a device with nothing saved, and returns its
// tab and the script errors it records.
func newPhone(t *testing.T, l *library) (context.Context, *errors) {
	t.Helper()
	ctx := browsertest.New(t)
	e := new(errors)
	e.watch(t, ctx)
	visit(t, ctx, l.base+"notes/", ".notes-empty")
	return ctx, e
}

// loadAll loads file with My notes' Load all and waits until the status line says it is
// loaded.
func loadAll(t *testing.T, ctx context.Context, file string) {
	t.Helper()
	run(t, ctx, chromedp.SetUploadFiles(chromedp.CSS(".notes-file"), []string{file}))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".notes-status").textContent.startsWith("Loaded")`)); err != nil {
		t.Fatalf("Load all did not finish: %v", err)
	}
}

// saveFile clicks sel and returns the name and text of the file the click downloads.
func saveFile(t *testing.T, ctx context.Context, sel string) (string, string, string) {
	t.Helper()
	dir := t.TempDir()
	yes := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes,
	}); err != nil {
		t.Fatal(err)
	}
	begin, stop := iter.Pull2(chromedp.BrowserEvents(ctx, browser.DownloadWillBegin))
	defer stop()
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	run(t, ctx, chromedp.Click(chromedp.CSS(sel)))
	started, err, ok := begin()
	if !ok || err != nil {
		t.Fatalf("no download after clicking %s: %v", sel, err)
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatal(err)
		}
		if ev.GUID == started.GUID && ev.State == browser.DownloadProgressStateCompleted {
			break
		}
		if ev.GUID == started.GUID && ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("download canceled")
		}
	}
	p := filepath.Join(dir, started.GUID)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return started.SuggestedFilename, p, string(b)
}

func pdfText(t *testing.T, ctx context.Context) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext not installed")
		}
		t.Skip("pdftotext not installed: apt-get install -y poppler-utils")
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

const weekly = "guides/weekly-review/"

// TestBrowserRepeatedGuide fills the weekly review on two days, keeps the first as a dated
// entry, and sees both, the chart of the scales, the log's dated notes, printing one entry,
// and deleting an entry with Undo.
func TestBrowserRepeatedGuide(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)

	undo := clock(t, ctx, "2026-03-06")
	visit(t, ctx, l.base+weekly, ".ws-new-entry")
	mar6, mar13 := longDate(t, ctx, "2026-03-06"), longDate(t, ctx, "2026-03-13")
	run(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#f-wins"), "Finished the draft"),
		chromedp.Click(chromedp.CSS(`label[for="f-energy-2"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-steps-progress-3"]`)),
		chromedp.SendKeys(chromedp.CSS("#f-noticed-this-week"), "I went quiet in the Monday meeting"),
		chromedp.Click(chromedp.CSS(".log-add, #f-wins")), // leaving the box adds the note
	)
	if got := js[string](t, ctx, `document.querySelector(".field-log .log-notes").textContent`); !strings.Contains(got, mar6+" I went quiet") {
		t.Errorf("log note after leaving its box: %q", got)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(".ws-new-entry")))
	if got := js[string](t, ctx, `document.getElementById("f-wins").value`); got != "" {
		t.Errorf("a new entry starts empty, has %q", got)
	}
	if got := js[string](t, ctx, `document.querySelector(".entry-list").textContent`); !strings.Contains(got, mar6) || !strings.Contains(got, "Finished the draft") {
		t.Errorf("past entries after Start a new entry: %q", got)
	}
	undo()

	// A week later: a second review, on another day.
	undo = clock(t, ctx, "2026-03-13")
	visit(t, ctx, l.base+weekly, ".ws-new-entry")
	run(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#f-wins"), "Said no to a project"),
		chromedp.Click(chromedp.CSS(`label[for="f-energy-4"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-steps-progress-8"]`)),
	)
	run(t, ctx, chromedp.Click(chromedp.CSS(".ws-new-entry")))
	undo()
	visit(t, ctx, l.base+weekly, ".entry-card")
	cards := js[[]string](t, ctx, `[...document.querySelectorAll(".entry-card")].map(c => c.textContent)`)
	if len(cards) != 2 || !strings.Contains(cards[0], mar13) || !strings.Contains(cards[0], "Said no to a project") ||
		!strings.Contains(cards[1], mar6) || !strings.Contains(cards[1], "I went quiet") {
		t.Fatalf("two entries, newest first, each with its answers; got %q", cards)
	}
	// A past entry reads as words: the log's note with its date written out, the ticked
	// items only, not the download file's "- 2026-03-06:" and "- [ ]" lines.
	if !strings.Contains(cards[1], mar6+": I went quiet") || strings.Contains(cards[1], "2026-03-06") || strings.Contains(cards[1], "[ ]") {
		t.Errorf("a past entry shows the file's notation: %q", cards[1])
	}
	// The chart: one per scale, with a point per entry, oldest on the left.
	charts := js[[]string](t, ctx, `[...document.querySelectorAll(".entry-chart svg")].map(s => s.getAttribute("aria-label"))`)
	if len(charts) != 2 || !strings.Contains(charts[0], "How was your energy this week, overall?. "+mar6+": 2, "+mar13+": 4") {
		t.Errorf("charts: %q", charts)
	}
	if n := js[int](t, ctx, `document.querySelectorAll(".entry-chart circle").length`); n != 4 {
		t.Errorf("%d points on the charts, want 4", n)
	}
	// Paper: the chart and both entries print; Print this entry prints that one alone.
	text := pdfText(t, ctx)
	for _, s := range []string{"Past entries", "Said no to a project", "Finished the draft", "How was your energy"} {
		if !strings.Contains(text, s) {
			t.Errorf("print lacks %q", s)
		}
	}
	js[chromedp.Void](t, ctx, `(() => { window.print = () => {}; document.querySelectorAll(".entry-print")[1].click(); })()`)
	one := pdfText(t, ctx)
	if !strings.Contains(one, "Finished the draft") || strings.Contains(one, "Said no to a project") || strings.Contains(one, "Where did most of your attention go?") {
		t.Errorf("Print this entry prints more or less than that entry:\n%s", one)
	}
	js[chromedp.Void](t, ctx, `window.dispatchEvent(new Event("afterprint"))`)

	// Delete, then Undo: the entry is back in its place.
	run(t, ctx, chromedp.Click(chromedp.CSS(".entry-card:nth-child(2) .entry-delete")))
	if n := js[int](t, ctx, `document.querySelectorAll(".entry-card").length`); n != 1 {
		t.Errorf("%d entries after Delete", n)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(".entry-undo")))
	visit(t, ctx, l.base+weekly, ".entry-card")
	if got := js[[]string](t, ctx, `[...document.querySelectorAll(".entry-card h3")].map(h => h.textContent)`); len(got) != 2 || got[1] != mar6 {
		t.Errorf("after Undo: %q", got)
	}

	// Today's entry, begun with a line but no energy yet, adds no empty day to the energy
	// chart: its dates end at the last answer. Each point has its value written over it, for
	// paper, where no pointer can ask.
	run(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-wins"), "Begun today"))
	visit(t, ctx, l.base+weekly, ".entry-chart")
	ticks := js[[]string](t, ctx, `[...document.querySelectorAll(".entry-chart")[0].querySelectorAll(".chart-tick")].map(t => t.textContent)`)
	if len(ticks) == 0 || ticks[len(ticks)-1] != mar13 {
		t.Errorf("the energy chart's labels %q; want it to end on %s, its last answer", ticks, mar13)
	}
	if got := js[[]string](t, ctx, `[...document.querySelectorAll(".entry-chart")[0].querySelectorAll(".chart-value")].map(t => t.textContent)`); strings.Join(got, " ") != "2 4" {
		t.Errorf("the energy chart's values %q, want 2 4", got)
	}
	e.check(t)
}

// TestBrowserDeleteLastEntry: deleting the only past entry, or the last of two, leaves Undo in
// view, and Undo brings the entry back. The section of entries once hid itself, its Undo with
// it, as soon as no entry was left.
func TestBrowserDeleteLastEntry(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	visit(t, ctx, l.base+weekly, ".ws-new-entry")
	entries := `JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.endsWith("/weekly-review/:@entries"))) || "[]").map(e => e.values.wins)`
	for _, text := range []string{"First week", "Second week"} {
		run(t, ctx,
			chromedp.SendKeys(chromedp.CSS("#f-wins"), text),
			chromedp.Click(chromedp.CSS(".ws-new-entry")),
		)
	}
	undoShown := `(() => { const u = document.querySelector(".entry-undo"); return !!u && u.getClientRects().length > 0; })()`
	// The only entry, after the other was deleted; then the last of two.
	run(t, ctx, chromedp.Click(chromedp.CSS(".entry-card:nth-child(2) .entry-delete")))
	run(t, ctx, chromedp.Click(chromedp.CSS(".entry-card .entry-delete")))
	if got := js[[]string](t, ctx, entries); len(got) != 0 {
		t.Fatalf("entries after deleting both: %q", got)
	}
	if !js[bool](t, ctx, undoShown) {
		t.Fatalf("no Undo in view after deleting the last entry: %q", js[string](t, ctx, `document.querySelector(".entries").outerHTML`))
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(".entry-undo")))
	if got := js[[]string](t, ctx, entries); len(got) != 1 || got[0] != "Second week" {
		t.Errorf("entries after Undo: %q", got)
	}
	visit(t, ctx, l.base+weekly, ".entry-card")
	if got := js[[]string](t, ctx, `[...document.querySelectorAll(".entry-card")].map(c => c.textContent)`); len(got) != 1 || !strings.Contains(got[0], "Second week") {
		t.Errorf("after Undo and reload: %q", got)
	}
	// The only entry there is, deleted and brought back.
	run(t, ctx, chromedp.Click(chromedp.CSS(".entry-card .entry-delete")))
	if !js[bool](t, ctx, undoShown) {
		t.Fatalf("no Undo in view after deleting the only entry")
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(".entry-undo")))
	if got := js[[]string](t, ctx, entries); len(got) != 1 || got[0] != "Second week" {
		t.Errorf("entries after the second Undo: %q", got)
	}
	e.check(t)
}

// TestBrowserDeleteUndoFull: Undo of a deleted entry, with storage filled up in between,
// shows the entry again, to print, and says it is not kept. It once said "Entry restored."
// though storage had refused it, and the entry was gone on the next visit.
func TestBrowserDeleteUndoFull(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	visit(t, ctx, l.base+weekly, ".ws-new-entry")
	run(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#f-wins"), "First week"),
		chromedp.Click(chromedp.CSS(".ws-new-entry")),
	)
	run(t, ctx, chromedp.Click(chromedp.CSS(".entry-card .entry-delete")))
	// Fill storage until not one more character fits, as a full quota does.
	full := js[bool](t, ctx, `(() => {
		let n = 0, size = 1 << 20;
		while (size >= 1) {
			try { localStorage.setItem("junk" + n, "x".repeat(size)); n++; } catch (e) { size = Math.floor(size / 2); }
		}
		try { localStorage.setItem("probe", "1"); return false; } catch (e) { return true; }
	})()`)
	if !full {
		t.Fatal("storage still takes new keys after filling it")
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(".entry-undo")))
	const notKept = "This browser could not keep the entry. Download your answers first."
	if got := js[string](t, ctx, `document.querySelector(".entries-status").textContent`); got != notKept {
		t.Errorf("status after Undo with storage full %q, want %q", got, notKept)
	}
	if got := js[[]string](t, ctx, `[...document.querySelectorAll(".entry-card")].map(c => c.textContent)`); len(got) != 1 || !strings.Contains(got[0], "First week") {
		t.Errorf("cards after Undo with storage full: %q", got)
	}
	if js[bool](t, ctx, `document.querySelector(".entries").hidden`) {
		t.Error("the entries are hidden after Undo with storage full")
	}
	e.check(t)
}

// answerTwo fills the values worksheet and the after-a-session guide, on two days.
func answerTwo(t *testing.T, ctx context.Context, l *library) {
	t.Helper()
	undo := clock(t, ctx, "2026-03-02")
	visit(t, ctx, l.base+"guides/after-a-session/", ".ws-toolbar")
	run(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-what-stood-out"), "Asking for help is a strength.\nSecond line."))
	undo()
	undo = clock(t, ctx, "2026-03-10")
	visit(t, ctx, l.base+"worksheets/values/", ".ws-toolbar")
	first := js[string](t, ctx, `document.querySelector(".field-answer textarea, .field-line input").id`)
	run(t, ctx, chromedp.SendKeys(chromedp.CSS("#"+first), "Honesty, even when it costs me"))
	undo()
}

// TestBrowserMyNotes answers two pages and finds both on My notes, filtered by date, whole
// on paper; then Download all, an empty browser, Load all, and every answer is back.
func TestBrowserMyNotes(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	answerTwo(t, ctx, l)

	// Without JavaScript, the page says what it needs (the sentence is in the HTML, shown
	// until the script hides it).
	if html := string(l.files["notes/index.html"]); !strings.Contains(html, "needs JavaScript") {
		t.Errorf("My notes has no words for a browser without JavaScript")
	}
	visit(t, ctx, l.base+"notes/", ".notes-body")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector(".notes-page")`)); err != nil {
		t.Fatalf("My notes shows no page: %v\n%s", err, js[string](t, ctx, `document.querySelector("main").innerText`))
	}
	body := js[string](t, ctx, `document.querySelector(".notes-body").innerText`)
	for _, s := range []string{"Asking for help is a strength.", "Honesty, even when it costs me", "Last changed", "Start here"} {
		if !strings.Contains(body, s) {
			t.Errorf("My notes lacks %q:\n%s", s, body)
		}
	}
	if js[bool](t, ctx, `!!document.querySelector("[data-notes-needs-js]:not([hidden])")`) {
		t.Errorf("the no-JavaScript sentence still shows")
	}
	// Since 5 March: only the values worksheet.
	setValue(t, ctx, "#notes-since", "2026-03-05")
	body = js[string](t, ctx, `document.querySelector(".notes-body").innerText`)
	if !strings.Contains(body, "Honesty") || strings.Contains(body, "Asking for help") {
		t.Errorf("since 2026-03-05:\n%s", body)
	}
	setValue(t, ctx, "#notes-since", "")

	// Paper: every answer whole, no buttons.
	text := pdfText(t, ctx)
	for _, s := range []string{"My notes", "Asking for help is a strength.", "Second line.", "Honesty, even when it costs me"} {
		if !strings.Contains(text, s) {
			t.Errorf("printed My notes lacks %q:\n%s", s, text)
		}
	}
	if strings.Contains(text, "Download all") {
		t.Errorf("printed My notes shows its buttons")
	}

	// Download all; a new phone (a fresh browser); Load all.
	name, file, md := saveFile(t, ctx, ".notes-download")
	if !regexp.MustCompile(`^my-notes-\d{4}-\d{2}-\d{2}\.md$`).MatchString(name) || !strings.Contains(md, "Second line.") {
		t.Errorf("Download all: %s\n%s", name, md)
	}
	e.check(t)

	ctx2, e2 := newPhone(t, l)
	loadAll(t, ctx2, file)
	visit(t, ctx2, l.base+"guides/after-a-session/", ".ws-toolbar")
	if got := js[string](t, ctx2, `document.getElementById("f-what-stood-out").value`); got != "Asking for help is a strength.\nSecond line." {
		t.Errorf("after Load all, the guide has %q", got)
	}
	visit(t, ctx2, l.base+"notes/", ".notes-page")
	if got := js[string](t, ctx2, `document.querySelector(".notes-body").innerText`); !strings.Contains(got, "Honesty, even when it costs me") {
		t.Errorf("after Load all, My notes:\n%s", got)
	}

	// A newer answer on this device is not replaced without asking: dismiss, and it stays.
	visit(t, ctx2, l.base+"worksheets/values/", ".ws-toolbar")
	first := js[string](t, ctx2, `document.querySelector(".field-answer textarea, .field-line input").id`)
	run(t, ctx2, chromedp.SendKeys(chromedp.CSS("#"+first), " and kindness"))
	visit(t, ctx2, l.base+"notes/", ".notes-page")
	next, stop := iter.Pull2(chromedp.Events(ctx2, page.JavascriptDialogOpening))
	defer stop()
	go func() { _ = chromedp.Do(ctx2, chromedp.SetUploadFiles(chromedp.CSS(".notes-file"), []string{file})) }()
	ev, err, ok := next()
	if !ok || err != nil || !strings.Contains(ev.Message, "newer") {
		t.Fatalf("no question before replacing newer answers: %v %v", ev, err)
	}
	if _, err := chromedp.Call(ctx2, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx2, chromedp.Poll[bool](`document.querySelector(".notes-status").textContent !== ""`)); err != nil {
		t.Fatal(err)
	}
	if got := js[string](t, ctx2, `document.querySelector(".notes-body").innerText`); !strings.Contains(got, "Honesty, even when it costs me and kindness") {
		t.Errorf("the newer answer was replaced:\n%s", got)
	}
	// Every page of the file has newer answers here and the client keeps them all: the status
	// says so. It once said the file had no answers for this library.
	visit(t, ctx2, l.base+"guides/after-a-session/", ".ws-toolbar")
	run(t, ctx2, chromedp.SendKeys(chromedp.CSS("#f-what-stood-out"), " Third line."))
	visit(t, ctx2, l.base+"notes/", ".notes-page")
	js[chromedp.Void](t, ctx2, `window.asked = 0; window.confirm = () => { window.asked++; return false; }`)
	run(t, ctx2, chromedp.SetUploadFiles(chromedp.CSS(".notes-file"), []string{file}))
	if _, err := chromedp.Run(ctx2, chromedp.Poll[bool](`document.querySelector(".notes-status").textContent !== ""`)); err != nil {
		t.Fatal(err)
	}
	if got := js[string](t, ctx2, `window.asked + " " + document.querySelector(".notes-status").textContent`); got != "2 You kept your own answers: nothing was loaded from "+filepath.Base(file)+"." {
		t.Errorf("after keeping every page's own answers: %q", got)
	}
	e2.check(t)
}

// TestBrowserShareFallsBack: without Web Share, Send to Clara shows what will be sent, then a
// mailto within mail clients' limits, and a downloaded file when the text is longer.
func TestBrowserShareFallsBack(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	// Whatever this Chromium offers, the test is of a browser without a share sheet.
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `delete Navigator.prototype.share; delete Navigator.prototype.canShare;`}); err != nil {
		t.Fatal(err)
	}
	visit(t, ctx, l.base+"guides/after-a-session/", ".ws-share")
	if got := js[string](t, ctx, `document.querySelector(".ws-share").textContent`); got != "Send to Clara" {
		t.Errorf("share button %q", got)
	}
	run(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-what-stood-out"), "Short answer."), chromedp.Click(chromedp.CSS(".ws-share")))
	preview := js[string](t, ctx, `document.querySelector(".share-preview").value`)
	if !strings.Contains(preview, "Short answer.") || strings.Contains(preview, "<!--") || strings.Contains(preview, "How did you leave the session?") {
		t.Errorf("the preview is not the readable text of the answers (no markers, no empty fields):\n%s", preview)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(".share-send")))
	href := js[string](t, ctx, `document.querySelector(".share-mailto").href`)
	if !strings.HasPrefix(href, "mailto:clara@example.org?subject=") || !strings.Contains(href, "Short%20answer.") {
		t.Errorf("mailto: %s", href)
	}

	// A long text: the mail holds the beginning, the file holds everything.
	run(t, ctx, chromedp.Click(chromedp.CSS(".share-cancel")))
	long := strings.Repeat("A long answer that goes on. ", 200)
	setValue(t, ctx, "#f-what-stood-out", long)
	run(t, ctx, chromedp.Click(chromedp.CSS(".ws-share")))
	_, _, text := saveFile(t, ctx, ".share-send")
	if !strings.Contains(text, strings.TrimSpace(long)) {
		t.Errorf("the downloaded file lacks the whole answer")
	}
	href = js[string](t, ctx, `document.querySelector(".share-mailto").href`)
	if len(href) > 2000 || !strings.Contains(href, "attached%20file") {
		t.Errorf("long mailto (%d characters) is not cut with a pointer to the file: %s", len(href), href[:min(len(href), 300)])
	}

	// A long text of emoji, as a client writes on a phone: the cut never falls between the
	// two halves of one (the mail link threw "URI malformed", and Send did nothing).
	run(t, ctx, chromedp.Click(chromedp.CSS(".share-cancel")))
	setValue(t, ctx, "#f-what-stood-out", "Today 😄\n"+strings.Repeat("🌱", 1200))
	run(t, ctx, chromedp.Click(chromedp.CSS(".ws-share")))
	_, _, text = saveFile(t, ctx, ".share-send")
	if !strings.Contains(text, strings.Repeat("🌱", 1200)) {
		t.Errorf("the downloaded file lacks the whole answer of emoji")
	}
	href = js[string](t, ctx, `document.querySelector(".share-mailto").href`)
	if got := js[string](t, ctx, `(() => { try { return decodeURIComponent(document.querySelector(".share-mailto").href) } catch (e) { return "error: " + e.message } })()`); len(href) > 2000 ||
		!strings.Contains(got, "Today 😄") || !strings.Contains(got, "🌱🌱") || !strings.Contains(got, "attached file") {
		t.Errorf("the mailto of a long text of emoji (%d characters) reads %q", len(href), got[:min(len(got), 300)])
	}
	e.check(t)
}

// TestBrowserReminders downloads the path's calendar file and checks it strictly.
func TestBrowserReminders(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	defer clock(t, ctx, "2026-03-02")()
	visit(t, ctx, l.base+"paths/first-month/", ".ics-add")
	setValue(t, ctx, "#next-session", "2026-03-16")
	stages := js[[]string](t, ctx, `[...document.querySelectorAll(".stage-date")].map(p => p.textContent)`)
	if len(stages) == 0 || stages[len(stages)-1] != "By "+longDate(t, ctx, "2026-03-15") {
		t.Errorf("stage dates %q", stages)
	}
	// A session date that has passed gives no stage dates and no calendar: it asks for the next.
	setValue(t, ctx, "#next-session", "2026-02-20")
	if n := js[int](t, ctx, `document.querySelectorAll(".stage-date").length`); n != 0 {
		t.Errorf("a past session date gives %d stage dates", n)
	}
	if got := js[string](t, ctx, `document.querySelector(".reminder-note").textContent`); !strings.Contains(got, longDate(t, ctx, "2026-02-20")+" has passed") {
		t.Errorf("a past session date says %q", got)
	}
	setValue(t, ctx, "#next-session", "2026-03-16")
	name, _, ics := saveFile(t, ctx, ".ics-add")
	if !strings.HasSuffix(name, ".ics") {
		t.Errorf("calendar file name %q", name)
	}
	events := checkICS(t, ics)
	if len(events) != len(stages)+1 {
		t.Errorf("%d events, want one per stage (%d) and the session", len(events), len(stages))
	}
	if ev := events[len(events)-1]; ev["DTSTART;VALUE=DATE"] != "20260316" {
		t.Errorf("session event %v", ev)
	}
	if ev := events[0]; !strings.Contains(ev["DESCRIPTION"], l.base) || ev["URL"] != l.base+"paths/first-month/" {
		t.Errorf("stage event lacks its steps' links: %v", ev)
	}

	// On paper the box is not printed: a line of its own says the session's date.
	session := "Our next session is on " + longDate(t, ctx, "2026-03-16")
	const printed = `(() => { const p = document.querySelector(%q); return p && getComputedStyle(p).display !== "none" ? p.textContent : ""; })()`
	media(t, ctx, "print")
	if got := js[string](t, ctx, fmt.Sprintf(printed, ".session-on-paper")); got != session {
		t.Errorf("the printed path says %q, want %q", got, session)
	}
	if got := js[string](t, ctx, fmt.Sprintf(printed, ".reminders")); got != "" {
		t.Errorf("the reminders box is printed: %q", got)
	}
	media(t, ctx, "")
	if got := js[string](t, ctx, fmt.Sprintf(printed, ".session-on-paper")); got != "" {
		t.Errorf("the paper's line shows on screen too: %q", got)
	}
	// The booklet, the path made for printing, says it on its cover, and under each stage
	// of its contents the day to have read it by, the days the path's page gives.
	visit(t, ctx, l.base+"paths/first-month/print/", ".booklet-toc")
	if got := js[string](t, ctx, fmt.Sprintf(printed, ".booklet-cover .booklet-session")); got != session {
		t.Errorf("the booklet's cover says %q, want %q", got, session)
	}
	if got := js[[]string](t, ctx, `[...document.querySelectorAll(".booklet-toc .stage-date")].map(p => p.textContent)`); !slices.Equal(got, stages) {
		t.Errorf("the booklet's stage dates %q, want the path's %q", got, stages)
	}
	// A session that has passed is on no paper.
	visit(t, ctx, l.base+"paths/first-month/", ".ics-add")
	setValue(t, ctx, "#next-session", "2026-02-20")
	media(t, ctx, "print")
	if got := js[string](t, ctx, fmt.Sprintf(printed, ".session-on-paper")); got != "" {
		t.Errorf("a past session is printed: %q", got)
	}
	media(t, ctx, "")
	visit(t, ctx, l.base+"paths/first-month/print/", ".booklet-toc")
	if n := js[int](t, ctx, `document.querySelectorAll(".booklet-session, .booklet-toc .stage-date").length`); n != 0 {
		t.Errorf("a past session gives the booklet %d dates", n)
	}
	e.check(t)
}

// media makes the page render for kind ("print", or "" for the screen).
func media(t *testing.T, ctx context.Context, kind string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: kind}); err != nil {
		t.Fatal(err)
	}
}

var icsDate = regexp.MustCompile(`^\d{8}$`)
var icsStamp = regexp.MustCompile(`^\d{8}T\d{6}Z$`)

// checkICS parses a calendar strictly (RFC 5545: CRLF lines of at most 75 octets, unfolded;
// BEGIN/END nesting; each VEVENT with UID, DTSTAMP, a valid DTSTART date and a VALARM) and
// returns each event's properties.
func checkICS(t *testing.T, src string) []map[string]string {
	t.Helper()
	if !strings.HasSuffix(src, "\r\n") || strings.Contains(strings.ReplaceAll(src, "\r\n", ""), "\n") {
		t.Fatalf("lines must end in CRLF")
	}
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(strings.ReplaceAll(src, "\r\n", "\n")))
	for sc.Scan() {
		l := sc.Text()
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if strings.HasPrefix(l, " ") && len(lines) > 0 {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []string
	var events []map[string]string
	var cur map[string]string
	alarms := 0
	for _, l := range lines {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("not a content line: %q", l)
		}
		switch k {
		case "BEGIN":
			stack = append(stack, v)
			if v == "VEVENT" {
				cur = map[string]string{}
			}
			if v == "VALARM" {
				alarms++
			}
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != v {
				t.Fatalf("END:%s does not close %v", v, stack)
			}
			stack = stack[:len(stack)-1]
			if v == "VEVENT" {
				for _, need := range []string{"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY"} {
					if cur[need] == "" {
						t.Errorf("event without %s: %v", need, cur)
					}
				}
				if !icsDate.MatchString(cur["DTSTART;VALUE=DATE"]) || !icsStamp.MatchString(cur["DTSTAMP"]) {
					t.Errorf("bad dates: %v", cur)
				}
				if _, err := time.Parse("20060102", cur["DTSTART;VALUE=DATE"]); err != nil {
					t.Errorf("DTSTART: %v", err)
				}
				events = append(events, cur)
				cur = nil
			}
			continue
		}
		if len(stack) == 0 {
			t.Fatalf("property outside VCALENDAR: %q", l)
		}
		if cur != nil && stack[len(stack)-1] == "VEVENT" {
			cur[k] = v
		}
	}
	if len(stack) != 0 || len(lines) < 2 || lines[0] != "BEGIN:VCALENDAR" || lines[1] != "VERSION:2.0" {
		t.Fatalf("not one whole VCALENDAR: %v", lines[:min(3, len(lines))])
	}
	if alarms != len(events) {
		t.Errorf("%d reminders for %d events", alarms, len(events))
	}
	return events
}

// keptLibrary serves the example library to a new tab, watched for script errors, that
// has visited the home page and kept the library for offline use.
func keptLibrary(t *testing.T) (*library, context.Context, *errors) {
	t.Helper()
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	e := &errors{}
	e.watch(t, ctx)
	visit(t, ctx, l.base, ".home-intro")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector(".offline-note")`)); err != nil {
		t.Fatalf("the library was not kept for offline use: %v", err)
	}
	return l, ctx, e
}

// TestBrowserOffline: after a first visit to the home page, the network goes; a path step
// never visited and a worksheet still open, from the service worker's copy.
func TestBrowserOffline(t *testing.T) {
	l, ctx, e := keptLibrary(t)
	if got := js[string](t, ctx, `document.querySelector(".offline-note").textContent`); !strings.Contains(got, "without a connection") {
		t.Errorf("offline note %q", got)
	}
	// Offline: the browser's network emulation, and the server gone too.
	setOffline(t, ctx, l, true)
	l.mu.Lock()
	l.served = nil
	l.mu.Unlock()
	for _, p := range []struct{ url, want string }{
		{"articles/noticing-in-the-moment/", "Noticing in the moment"},
		{"worksheets/values/", "Your values"},
		{"paths/first-month/", "Your first month"},
	} {
		visit(t, ctx, l.base+p.url, "main h1")
		if h := js[string](t, ctx, `document.querySelector("main h1").textContent`); !strings.Contains(h, p.want) {
			t.Errorf("offline %s shows %q", p.url, h)
		}
	}
	// The worksheet works offline: its script runs from the kept copy, with its words from
	// the kept js/strings.js (no page holds them).
	visit(t, ctx, l.base+"worksheets/values/", ".ws-toolbar")
	if got := js[string](t, ctx, `(window.BetweenStrings && BetweenStrings["worksheet-strings"].toolbar || "none") + " | " + document.querySelectorAll("[id$='-strings']").length`); got != "Your answers | 0" {
		t.Errorf("offline, the worksheet's words: %q, want the file's, on no element", got)
	}

	// Search works offline: every shard of the index is kept, and the results of the pages
	// kept, so a word finds the worksheet; a page not kept (an article in no path, never
	// visited) is counted, and a line says it shows only online.
	visit(t, ctx, l.base+"search/?q=values", "#search-q")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("search-status").textContent !== ""`)); err != nil {
		t.Fatal(err)
	}
	if got := js[[]string](t, ctx, `[...document.querySelectorAll("#search-results a")].map(a => a.textContent)`); !slices.Contains(got, "Your values") {
		t.Errorf("offline search for values: %q; status %q", got, js[string](t, ctx, `document.getElementById("search-status").textContent`))
	}
	// Two articles hold the word, one as "chapter", one as "chapters": stemming finds both,
	// and neither is kept, nor are their results' slots (the list keeps the slots of the
	// pages it keeps): they are counted all the same, not shown as links that would not
	// open; and so they are with no copy of their result file on the device at all.
	searchChapters := func(when string) {
		t.Helper()
		visit(t, ctx, l.base+"search/?q=chapters", "#search-q")
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("search-status").textContent !== ""`)); err != nil {
			t.Fatal(err)
		}
		if got := js[string](t, ctx, `document.getElementById("search-status").textContent`); !strings.Contains(got, "2") || !strings.Contains(got, "only when you are online") {
			t.Errorf("offline search for pages not kept (%s) says %q", when, got)
		}
		if got := js[[]string](t, ctx, `[...document.querySelectorAll("#search-results a")].map(a => a.textContent)`); len(got) > 0 {
			t.Errorf("offline search for pages not kept (%s) links %q", when, got)
		}
	}
	searchChapters("their results kept")
	var gone []string
	for name, data := range l.files {
		if strings.HasPrefix(name, search.Dir+"r/") && (bytes.Contains(data, []byte("/articles/thinking-learning-doing/")) ||
			bytes.Contains(data, []byte("/articles/how-to-read-for-growth/"))) {
			gone = append(gone, l.base+name)
		}
	}
	if len(gone) == 0 {
		t.Fatal("no result file holds the articles with the word chapters")
	}
	goneJSON, _ := json.Marshal(gone)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(async () => {
		for (const k of await caches.keys()) {
			const c = await caches.open(k);
			for (const u of `+string(goneJSON)+`) await c.delete(u);
		}
		return true;
	})()`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	searchChapters("their results not kept")
	e.check(t)
}

// TestBrowserOfflineMidVisit: a client searches online, so the results' files come from the
// network; the connection goes while the search page stays open. A new search then links only
// pages the device keeps: the two articles with "chapters" were never kept, so they are
// counted, not linked (they would not open); back online, they are links again.
func TestBrowserOfflineMidVisit(t *testing.T) {
	l, ctx, e := keptLibrary(t)
	links := `[...document.querySelectorAll("#search-results a")].map(a => a.getAttribute("href"))`
	status := `document.getElementById("search-status").textContent`
	search := func(q string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const i = document.getElementById("search-q"); i.value = `+strconv.Quote(q)+`; document.getElementById("search-status").textContent = ""; i.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](status+` !== ""`)); err != nil {
			t.Fatal(err)
		}
	}
	articles := func(hrefs []string) (n int) {
		for _, h := range hrefs {
			if strings.Contains(h, "/articles/thinking-learning-doing/") || strings.Contains(h, "/articles/how-to-read-for-growth/") {
				n++
			}
		}
		return n
	}
	visit(t, ctx, l.base+"search/?q=chapters", "#search-q")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](status+` !== ""`)); err != nil {
		t.Fatal(err)
	}
	if got := js[[]string](t, ctx, links); articles(got) != 2 {
		t.Fatalf("online search for chapters links %q", got)
	}
	setOffline(t, ctx, l, true)
	search("chapter")
	if got := js[[]string](t, ctx, links); articles(got) != 0 {
		t.Errorf("offline, the same visit links pages the device does not keep: %q", got)
	}
	if got := js[string](t, ctx, status); !strings.Contains(got, "only when you are online") {
		t.Errorf("offline search in the same visit says %q", got)
	}
	setOffline(t, ctx, l, false)
	search("chapters")
	if got := js[[]string](t, ctx, links); articles(got) != 2 {
		t.Errorf("back online, search for chapters links %q", got)
	}
	e.check(t)
}

// TestBrowserStalledConnection: the connection stays up but carries nothing (a train between
// stations): no answer comes, and the phone does not say it is offline. A kept page opens
// from the device all the same, with its script, and search links only pages the device
// keeps. The server never answers: without the kept copies nothing would open.
func TestBrowserStalledConnection(t *testing.T) {
	l, ctx, e := keptLibrary(t)
	stalled := make(chan struct{})
	l.mu.Lock()
	l.stalled = stalled
	l.mu.Unlock()
	t.Cleanup(func() { close(stalled) }) // before the server closes: it waits for its requests
	if !js[bool](t, ctx, `navigator.onLine`) {
		t.Fatal("the phone says it is offline")
	}
	// A bound so that a hang fails this test rather than the whole run: the kept copies
	// answer after a few seconds.
	sctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	visit(t, sctx, l.base+"worksheets/values/", ".ws-toolbar")
	if h := js[string](t, ctx, `document.querySelector("main h1").textContent`); !strings.Contains(h, "Your values") {
		t.Errorf("on a stalled connection the worksheet shows %q", h)
	}
	visit(t, sctx, l.base+"search/?q=chapters", "#search-q")
	status := `document.getElementById("search-status").textContent`
	if _, err := chromedp.Run(sctx, chromedp.Poll[bool](status+` !== ""`)); err != nil {
		t.Fatalf("search on a stalled connection: %v", err)
	}
	if got := js[string](t, ctx, status); !strings.Contains(got, "only when you are online") {
		t.Errorf("search on a stalled connection says %q", got)
	}
	if got := js[[]string](t, ctx, `[...document.querySelectorAll("#search-results a")].map(a => a.getAttribute("href"))`); len(got) > 0 {
		t.Errorf("search on a stalled connection links pages the device does not keep: %q", got)
	}
	e.check(t)
}

// byRuleOld is Network.emulateNetworkConditionsByRule as older Chromium takes it: with
// offline a parameter of its own.
type byRuleOld struct {
	Offline                     bool                  `json:"offline"`
	EmulateOfflineServiceWorker bool                  `json:"emulateOfflineServiceWorker"`
	MatchedNetworkConditions    []*network.Conditions `json:"matchedNetworkConditions"`
}

var emulateByRuleOld = cdp.Command[byRuleOld, network.EmulateNetworkConditionsByRuleResult]{Method: network.CommandEmulateNetworkConditionsByRule}

// setOffline turns the browser's network (and its service worker's) off or on, and l's
// server with it.
func setOffline(t *testing.T, ctx context.Context, l *library, off bool) {
	t.Helper()
	l.mu.Lock()
	l.down = off
	l.mu.Unlock()
	yes := true
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	conditions := []*network.Conditions{{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &yes, MatchedNetworkConditions: conditions,
	}); err != nil {
		// Chromium 148 (Debian bookworm's in December 2026) takes offline beside the
		// conditions, not in them, and refuses the call without it.
		if _, err2 := chromedp.Call(ctx, emulateByRuleOld, byRuleOld{Offline: off, EmulateOfflineServiceWorker: true, MatchedNetworkConditions: conditions}); err2 != nil {
			t.Fatalf("emulate offline: %v; the older form: %v", err, err2)
		}
	}
	// What a phone's page sees when the connection goes: navigator.onLine.
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: off, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		t.Fatal(err)
	}
	if got := js[bool](t, ctx, `navigator.onLine`); got == off {
		t.Fatalf("navigator.onLine is %v", got)
	}
}

// TestBrowserContinue: the home page offers the page touched last.
func TestBrowserContinue(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	visit(t, ctx, l.base, ".home-intro")
	if js[bool](t, ctx, `!document.querySelector("[data-last-visit]").hidden`) {
		t.Errorf("a first visit offers to continue")
	}
	visit(t, ctx, l.base+"worksheets/values/", ".ws-toolbar")
	visit(t, ctx, l.base, ".home-intro")
	if got := js[string](t, ctx, `(() => { const s = document.querySelector("[data-last-visit]"); return s.hidden ? "" : s.querySelector("a").getAttribute("href") + " " + s.querySelector("a").textContent; })()`); got != "/library/worksheets/values/ Your values" {
		t.Errorf("continue: %q", got)
	}
}

// TestBrowserDeleteEntryInTwoTabs: a repeated guide open in two tabs. One starts a new entry;
// the other, whose list was drawn before, deletes the entry it shows. That entry goes, not
// the one the other tab kept, and the list follows what the other tab did. Before, Delete
// removed by place in the list, and the other tab's new entry (first in storage) was deleted
// in its stead.
func TestBrowserDeleteEntryInTwoTabs(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	entries := `JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.endsWith("/weekly-review/:@entries"))) || "[]").map(e => e.values.wins)`
	visit(t, ctx, l.base+weekly, ".ws-new-entry")
	run(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#f-wins"), "First week"),
		chromedp.Click(chromedp.CSS(".ws-new-entry")),
	)

	other, cancel := chromedp.NewContext(ctx)
	defer cancel()
	visit(t, other, l.base+weekly, ".ws-new-entry")
	run(t, other,
		chromedp.SendKeys(chromedp.CSS("#f-wins"), "Second week"),
		chromedp.Click(chromedp.CSS(".ws-new-entry")),
	)
	if got := js[[]string](t, other, entries); len(got) != 2 || got[0] != "Second week" {
		t.Fatalf("entries after the second tab's new entry: %q", got)
	}

	// The first tab lists both entries now, and deleting "First week" deletes that one.
	cards := `[...document.querySelectorAll(".entry-card")].map(c => c.querySelector("dd").textContent)`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll(".entry-card").length === 2`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("the first tab lists %q after the other tab's new entry", js[[]string](t, ctx, cards))
	}
	js[chromedp.Void](t, ctx, `[...document.querySelectorAll(".entry-card")].find(c => c.textContent.includes("First week")).querySelector(".entry-delete").click()`)
	if got := js[[]string](t, ctx, entries); len(got) != 1 || got[0] != "Second week" {
		t.Errorf("entries after deleting First week: %q", got)
	}
	// Undo puts it back after the newer one.
	run(t, ctx, chromedp.Click(chromedp.CSS(".entry-undo")))
	if got := js[[]string](t, ctx, entries); strings.Join(got, "|") != "Second week|First week" {
		t.Errorf("entries after Undo: %q", got)
	}
	e.check(t)
}

// TestBrowserLoadAllKeepsOwn: Load all on My notes, with a file from another device made
// after this one's last change. A question the file has no answer for keeps this device's
// answer, and a log gets the file's notes beside its own. Before, the page was replaced
// whole: the answer the file said nothing of was deleted, and the log's own notes with it,
// without a question.
func TestBrowserLoadAllKeepsOwn(t *testing.T) {
	l := serveLibrary(t)
	laptop := browsertest.New(t)
	var e errors
	e.watch(t, laptop)
	visit(t, laptop, l.base+weekly, ".ws-new-entry")
	run(t, laptop,
		chromedp.Click(chromedp.CSS(`label[for="f-energy-2"]`)),
		chromedp.SendKeys(chromedp.CSS("#f-noticed-this-week"), "Laptop note"),
		chromedp.Click(chromedp.CSS("#f-wins")), // leaving the box adds the note
	)

	phone := browsertest.New(t)
	visit(t, phone, l.base+weekly, ".ws-new-entry")
	run(t, phone,
		chromedp.SendKeys(chromedp.CSS("#f-wins"), "From the phone"),
		chromedp.SendKeys(chromedp.CSS("#f-noticed-this-week"), "Phone note"),
		chromedp.Click(chromedp.CSS("h1")),
	)
	visit(t, phone, l.base+"notes/", ".notes-page")
	_, file, _ := saveFile(t, phone, ".notes-download")

	visit(t, laptop, l.base+"notes/", ".notes-page")
	js[chromedp.Void](t, laptop, `window.asked = 0; window.confirm = () => { window.asked++; return true; }`)
	loadAll(t, laptop, file)
	stored := `(() => { const k = Object.keys(localStorage).filter(k => k.includes("/weekly-review/:") && !k.includes("@") && !k.includes("#")).sort();
		return k.map(k => k.split(":").pop() + "=" + localStorage.getItem(k)).join(" "); })()`
	got := js[string](t, laptop, stored)
	for _, want := range []string{`energy="2"`, `wins="From the phone"`, `"text":"Laptop note"`, `"text":"Phone note"`} {
		if !strings.Contains(got, want) {
			t.Errorf("after Load all the laptop lacks %s: %s", want, got)
		}
	}
	if n := js[int](t, laptop, `window.asked`); n != 0 {
		t.Errorf("Load all asked %d times, for a file newer than the answers here", n)
	}
	e.check(t)
}

// TestBrowserNewEntryKeepsDraft: a note left in a log's box and not added (kept on the device
// from an earlier visit) is still in the box after Start a new entry, and still kept. Before,
// Start a new entry emptied the box and deleted the note: it was in neither entry.
func TestBrowserNewEntryKeepsDraft(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	visit(t, ctx, l.base+weekly, ".ws-new-entry")
	draftKey := `"between:" + document.body.dataset.site + ":" + document.body.dataset.page + ":#draft:noticed-this-week"`
	js[chromedp.Void](t, ctx, `localStorage.setItem(`+draftKey+`, "Half a thought from Sunday")`)
	// A note added before, so that the new entry empties the log, and other tabs hear of it.
	js[chromedp.Void](t, ctx, `localStorage.setItem(`+draftKey+`.replace("#draft:", ""), JSON.stringify([{date: "2026-03-01", text: "Added on Sunday"}]))`)
	visit(t, ctx, l.base+weekly, ".ws-new-entry")
	if got := js[string](t, ctx, `document.getElementById("f-noticed-this-week").value`); got != "Half a thought from Sunday" {
		t.Fatalf("the box holds %q after a reload", got)
	}
	// The same page in a second tab, its box holding the same note.
	other, cancel := chromedp.NewContext(ctx)
	defer cancel()
	visit(t, other, l.base+weekly, ".ws-new-entry")
	run(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#f-wins"), "Said no to a project"),
		chromedp.Click(chromedp.CSS(".ws-new-entry")),
	)
	if _, err := chromedp.Run(other, chromedp.Poll[bool](`document.querySelectorAll(".entry-card").length === 1 && document.getElementById("f-wins").value === ""`,
		chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("the second tab did not follow the new entry: %v", err)
	}
	time.Sleep(300 * time.Millisecond) // the storage events of the other fields
	if got := js[string](t, other, `document.getElementById("f-noticed-this-week").value`); got != "Half a thought from Sunday" {
		t.Errorf("the second tab's box holds %q after the new entry", got)
	}
	if n := js[int](t, ctx, `document.querySelectorAll(".entry-card").length`); n != 1 {
		t.Fatalf("%d entries after Start a new entry", n)
	}
	got := js[string](t, ctx, `document.getElementById("f-noticed-this-week").value + "|" + localStorage.getItem(`+draftKey+`)`)
	if got != "Half a thought from Sunday|Half a thought from Sunday" {
		t.Errorf("the note not yet added, after Start a new entry (box|kept): %q", got)
	}
	visit(t, ctx, l.base+weekly, ".ws-new-entry")
	if got := js[string](t, ctx, `document.getElementById("f-noticed-this-week").value`); got != "Half a thought from Sunday" {
		t.Errorf("after a reload the box holds %q", got)
	}
	e.check(t)
}
