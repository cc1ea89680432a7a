package worksheet_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/internal/browsertest"
)

// The worksheet a coach edits after a client answered it, before and after the edit: an
// option reworded, a scale made shorter, a table's middle column taken away, and a question
// that was written in words now a scale, under the same ids.
const (
	beforeEdit = `::: choice id=energy
How was your energy this week?
- Low
- Steady
- High
:::

::: scale id=sure min=1 max=10
How sure are you?
:::

::: table id=habit columns="Day | What I did | How it felt" rows=2
Habit tracker
:::

::: answer id=feel
How do you feel about it?
:::
`
	afterEdit = `::: choice id=energy
How was your energy this week?
- Low
- Calm
- High
:::

::: scale id=sure min=1 max=5
How sure are you?
:::

::: table id=habit columns="Day | How it felt" rows=2
Habit tracker
:::

::: scale id=feel min=1 max=5
How do you feel about it?
:::
`
)

// editedServer serves /edited/, a worksheet made from the Markdown given to the returned
// function, with the theme's real worksheet.css, between-core.js and worksheet.js: a build
// and a rebuild of the page, as the coach edits it.
func editedServer(t *testing.T) (*httptest.Server, func(md string)) {
	t.Helper()
	var mu sync.Mutex
	var body string
	build := func(md string) {
		html, _, problems := convert(t, newMarkdown(), []byte(md), true)
		if len(problems) > 0 {
			t.Fatalf("test page has problems: %v", problems)
		}
		mu.Lock()
		body = html
		mu.Unlock()
	}
	static := filepath.Join("..", "..", "themes", "default", "static")
	mux := http.NewServeMux()
	mux.HandleFunc("/edited/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		b := body
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Edited worksheet</title>
<link rel="stylesheet" href="/css/worksheet.css">
<script src="/js/between-core.js" defer></script>
<script src="/js/worksheet.js" defer></script>
</head>
<body data-site="test" data-page="/edited/">
<main><article><h1>Edited worksheet</h1>
`+b+`</article></main>
</body></html>`)
	})
	mux.HandleFunc("/css/worksheet.css", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join(static, "css", "worksheet.css"))
	})
	for _, name := range []string{"between-core.js", "worksheet.js"} {
		mux.HandleFunc("/js/"+name, func(w http.ResponseWriter, r *http.Request) {
			http.ServeFile(w, r, filepath.Join(static, "js", name))
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, build
}

// earlierJS returns what the page shows as a field's earlier answer ("" for none).
func earlierJS(id string) string {
	return `(() => { const e = document.querySelector('[data-field-id="` + id + `"] .ws-earlier:not([hidden]) .ws-earlier-words'); return e ? e.textContent : ""; })()`
}

// editedTab serves the worksheet built from md and opens it in a fresh browser. It returns
// the tab, the rebuild, and the check of the tab's script errors and requests each test ends
// with.
func editedTab(t *testing.T, md string) (context.Context, func(md string), func()) {
	t.Helper()
	srv, build := editedServer(t)
	build(md)
	ctx := browsertest.New(t)
	w := new(watch)
	w.tab(t, ctx)
	open(t, ctx, srv.URL+"/edited/")
	return ctx, build, func() {
		t.Helper()
		w.check(t, srv)
	}
}

// answerBeforeEdit answers each field of beforeEdit as a client does, then leaves the last
// box, so that its change is saved.
func answerBeforeEdit(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`label[for="f-energy-2"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-sure-8"]`)),
		chromedp.SendKeys(chromedp.CSS("#f-habit-r1-c1"), "Mon"),
		chromedp.SendKeys(chromedp.CSS("#f-habit-r1-c2"), "Walked"),
		chromedp.SendKeys(chromedp.CSS("#f-habit-r1-c3"), "Good"),
		chromedp.SendKeys(chromedp.CSS("#f-feel"), "Slept 4 hours, lighter than last week"),
		chromedp.Click(chromedp.CSS("h1")),
	)
}

// earlierAfterEdit is each field's earlier answer once afterEdit replaces the page that
// answerBeforeEdit answered: what the edited fields can no longer show. The written answer
// has a number in it, which the scale it became is not to take as its own (Load took 4).
var earlierAfterEdit = map[string]string{"energy": "Steady", "sure": "8", "habit": "What I did: Walked", "feel": "Slept 4 hours, lighter than last week"}

// earlierInDownload is how Download writes earlierAfterEdit, each under its field.
var earlierInDownload = []string{
	"<!-- earlier: energy -->\nYour earlier answer, from before this question changed:\n\nSteady\n",
	"<!-- earlier: sure -->\nYour earlier answer, from before this question changed:\n\n8\n",
	"| Day | How it felt |\n| --- | --- |\n| Mon | Good |\n\n<!-- earlier: habit -->\nYour earlier answer, from before this question changed:\n\nWhat I did: Walked\n",
	"<!-- earlier: feel -->\nYour earlier answer, from before this question changed:\n\nSlept 4 hours, lighter than last week\n",
}

// shownAfterEdit fails the test, saying what, unless the page shows earlierAfterEdit and the
// table's first row has each cell under its own heading.
func shownAfterEdit(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	for id, want := range earlierAfterEdit {
		if got := eval[string](t, ctx, earlierJS(id)); got != want {
			t.Errorf("%s: earlier answer of %s is %q, want %q", what, id, got, want)
		}
	}
	if got := eval[string](t, ctx, `document.getElementById("f-habit-r1-c1").value + "|" + document.getElementById("f-habit-r1-c2").value`); got != "Mon|Good" {
		t.Errorf("%s: the table's first row shows %q, want Mon|Good (each cell under its heading)", what, got)
	}
}

// TestBrowserEditedKeepsEarlierAnswers: a client answers a worksheet; the coach rewords an
// option, shortens the scale, takes the table's middle column away and makes a written
// question a scale. After a reload the client sees what the page can no longer show as an
// earlier answer under each field, and the table's cells under their own headings; Download
// holds those words, a tap does not erase them, and Remove (with Undo) is the only way they
// go. Before, the page showed nothing of them, the table put "Walked" under "How it felt",
// and the client's next tap replaced them for good.
func TestBrowserEditedKeepsEarlierAnswers(t *testing.T) {
	ctx, build, check := editedTab(t, beforeEdit)
	answerBeforeEdit(t, ctx)

	build(afterEdit)
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	shownAfterEdit(t, ctx, "after the edit")
	if got := eval[string](t, ctx, `document.querySelector('[data-field-id="energy"] .ws-earlier-label').textContent`); got != "Your earlier answer, from before this question changed:" {
		t.Errorf("earlier answer's words: %q", got)
	}
	downloadHas(t, ctx, "download", earlierInDownload...)

	// A tap chooses anew; the earlier words stay, on the page and after a reload.
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`label[for="f-energy-3"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-sure-3"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-feel-4"]`)),
		chromedp.SendKeys(chromedp.CSS("#f-habit-r2-c1"), "Tue"),
	)
	if got := eval[string](t, ctx, `localStorage.getItem("between:test:/edited/:energy")`); got != `"High"` {
		t.Errorf("energy saved %s after the tap, want \"High\"", got)
	}
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	for id, want := range earlierAfterEdit {
		if got := eval[string](t, ctx, earlierJS(id)); got != want {
			t.Errorf("after a tap and a reload: earlier answer of %s is %q, want %q", id, got, want)
		}
	}
	if got := eval[string](t, ctx, `document.querySelector("#f-energy-3").checked + "|" + document.querySelector("#f-habit-r2-c1").value`); got != "true|Tue" {
		t.Errorf("after a tap and a reload the new answers are %q", got)
	}

	// Remove takes the earlier answer away, and Undo brings it back.
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-field-id="energy"] .ws-earlier-remove`)))
	if got := eval[string](t, ctx, earlierJS("energy")); got != "" {
		t.Errorf("after Remove the earlier answer still shows %q", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('[data-field-id="energy"] .ws-earlier').innerText`); !strings.Contains(got, "Your earlier answer is removed.") || !strings.Contains(got, "Undo") {
		t.Errorf("after Remove the field says %q", got)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-field-id="energy"] .ws-earlier-remove`)))
	if got := eval[string](t, ctx, earlierJS("energy")); got != "Steady" {
		t.Errorf("after Undo the earlier answer is %q, want Steady", got)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-field-id="energy"] .ws-earlier-remove`)),
		chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := eval[string](t, ctx, earlierJS("energy")+` + "|" + localStorage.getItem("between:test:/edited/:#earlier:energy")`); got != "|null" {
		t.Errorf("after Remove and a reload: %q", got)
	}
	check()
}

// TestBrowserEarlierAnswerLoads: a downloaded file with an earlier answer, loaded on another
// device, brings the earlier answer there too.
func TestBrowserEarlierAnswerLoads(t *testing.T) {
	ctx, _, check := editedTab(t, afterEdit)
	file := filepath.Join(t.TempDir(), "answers.md")
	if err := os.WriteFile(file, []byte("# Edited worksheet\n\nDate: 2026-03-12\n\n"+
		"<!-- field: energy -->\n## How was your energy this week?\n\nHigh\n\n"+
		"<!-- earlier: energy -->\nYour earlier answer, from before this question changed:\n\nSteady\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	loadFile(t, ctx, file)
	if got := eval[string](t, ctx, earlierJS("energy")+` + "|" + document.querySelector("#f-energy-3").checked`); got != "Steady|true" {
		t.Errorf("after Load: %q", got)
	}
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := eval[string](t, ctx, earlierJS("energy")); got != "Steady" {
		t.Errorf("after Load and a reload: %q", got)
	}
	check()
}

// TestBrowserClearLeavesUnknownKind: Clear on a page with a field of a kind this script does
// not know (a page newer than the script in the browser's cache) leaves that field's answer:
// the page shows nothing of it, so the client cannot mean to clear it. Before, Clear removed
// it with the rest, and only Undo brought it back.
func TestBrowserClearLeavesUnknownKind(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	open(t, ctx, srv.URL+"/later/")
	const saved = `{"strokes":[[1,2]],"note":"a tree"}`
	eval[chromedp.Void](t, ctx, "localStorage.setItem(\"between:test:/later/:doodle\", `"+saved+"`)")
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Alex"))
	dialog(t, ctx, ".ws-clear", true)
	if got := eval[string](t, ctx, `localStorage.getItem("between:test:/later/:name") + "|" + localStorage.getItem("between:test:/later/:doodle")`); got != "null|"+saved {
		t.Errorf("after Clear: %s", got)
	}
	w.check(t, srv)
}

// TestBrowserEditedTableOldAnswers: a table's answer saved by place, without its headings
// (by the script of before they were kept), as wide as the table: once the page has been
// opened with this script, the coach taking the middle column away leaves each cell under its
// own heading. An answer whose rows are not as wide as the table is read by place, and what
// falls outside it is an earlier answer.
func TestBrowserEditedTableOldAnswers(t *testing.T) {
	ctx, build, check := editedTab(t, beforeEdit)
	eval[chromedp.Void](t, ctx, `localStorage.setItem("between:test:/edited/:habit", JSON.stringify([["Mon", "Walked", "Good"], ["", "", ""]]))`)
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	build(afterEdit)
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := eval[string](t, ctx, `document.getElementById("f-habit-r1-c1").value + "|" + document.getElementById("f-habit-r1-c2").value`); got != "Mon|Good" {
		t.Errorf("the table's first row shows %q, want Mon|Good", got)
	}
	if got := eval[string](t, ctx, earlierJS("habit")); got != "What I did: Walked" {
		t.Errorf("earlier answer %q", got)
	}

	// Saved since by an older script still cached, by place, four cells wide in a table of
	// three: the headings kept are not those of this answer, and it is read by place, the
	// rest under the table.
	eval[chromedp.Void](t, ctx, `localStorage.setItem("between:test:/edited/:habit", JSON.stringify([["Tue", "Ran", "Tired", "Late"]]))`)
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := eval[string](t, ctx, `document.getElementById("f-habit-r1-c1").value + "|" + document.getElementById("f-habit-r1-c2").value`); got != "Tue|Ran" {
		t.Errorf("the table's first row shows %q, want Tue|Ran", got)
	}
	if got := eval[string](t, ctx, earlierJS("habit")); got != "Tired; Late" {
		t.Errorf("earlier answer %q", got)
	}
	check()
}

// TestBrowserLoadFileFromBeforeEdit: a file downloaded before the coach's edit, loaded on a
// new phone after it, gives each field what it can still show and keeps the rest under it
// as the earlier answer, as the phone that saved the answers shows them: in the page, in
// Download and after a reload. Undo after such a Load takes those words away again with the
// rest. Before, Load left out whatever a field could not take: a client who moved phones
// lost "Steady", the 8 and "Walked" for good, and read that the file had no answers.
func TestBrowserLoadFileFromBeforeEdit(t *testing.T) {
	ctx, build, check := editedTab(t, beforeEdit)
	answerBeforeEdit(t, ctx)
	_, file, _ := download(t, ctx)

	// The coach edits the page; the client opens it on a phone with nothing saved.
	build(afterEdit)
	eval[chromedp.Void](t, ctx, `localStorage.clear()`)
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	shown := func(what string) {
		t.Helper()
		shownAfterEdit(t, ctx, what)
		if got := eval[string](t, ctx, `[...document.querySelectorAll("input[type=radio]:checked")].map(i => i.id).join()`); got != "" {
			t.Errorf("%s: %s chosen, want nothing", what, got)
		}
	}
	loadFile(t, ctx, file)
	want := "Answers loaded from " + filepath.Base(file) + ". Those that no longer fit their question, changed since, are under it as your earlier answer."
	if got := eval[string](t, ctx, `document.querySelector(".ws-status").textContent`); got != want {
		t.Errorf("status after Load: %q, want %q", got, want)
	}
	shown("after Load")
	downloadHas(t, ctx, "download after Load", earlierInDownload...)
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	shown("after Load and a reload")
	// Loading the same file again adds nothing twice.
	loadFile(t, ctx, file)
	shown("after a second Load")

	// On a phone where the client has begun the table anew, Load replaces it and offers
	// Undo: Undo brings the table back and takes away the earlier answers the file brought.
	eval[chromedp.Void](t, ctx, `localStorage.clear()`)
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")),
		chromedp.SendKeys(chromedp.CSS("#f-habit-r1-c1"), "Sun"), chromedp.Click(chromedp.CSS("h1")))
	eval[chromedp.Void](t, ctx, `window.confirm = () => true`)
	loadFile(t, ctx, file)
	shown("after Load over an answer")
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-undo")))
	undone := func(what string) {
		t.Helper()
		for id := range earlierAfterEdit {
			if got := eval[string](t, ctx, earlierJS(id)+` + "|" + localStorage.getItem("between:test:/edited/:#earlier:`+id+`")`); got != "|null" {
				t.Errorf("%s: earlier answer of %s: %q", what, id, got)
			}
		}
		if got := eval[string](t, ctx, `document.getElementById("f-habit-r1-c1").value + "|" + document.getElementById("f-habit-r1-c2").value`); got != "Sun|" {
			t.Errorf("%s: the table's first row shows %q, want Sun|", what, got)
		}
	}
	undone("after Undo")
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	undone("after Undo and a reload")
	check()
}
