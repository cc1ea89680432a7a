package themes_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/internal/browsertest"
)

// A sentence of 25 words, as a client writes one in a table cell.
const cellSentence = "I speak up in meetings about what I see, even when my manager disagrees, " +
	"and I say no to work that crowds out my evenings"

// TestBrowserTableCellsOnAPhone writes a sentence in a cell of the values worksheet's table
// on a 390 px phone, in the example library with the real theme: the whole sentence is in
// sight as it is typed, the box is wide enough for words, and nothing is wider than the
// screen. What an <input> cell saved before loads into the new one, and the sentence is kept
// after a reload, on My notes, in the path's booklet and on the booklet's paper.
// BETWEEN_SCREENSHOTS=DIR keeps a screenshot of the table.
func TestBrowserTableCellsOnAPhone(t *testing.T) {
	if n := len(strings.Fields(cellSentence)); n != 25 {
		t.Fatalf("the sentence has %d words, want 25", n)
	}
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	run(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile))
	visit(t, ctx, l.base+"worksheets/values/", ".ws-toolbar")

	// An answer saved by the <input> cells, under the same key and in the same form.
	key := js[string](t, ctx, `"between:" + document.body.dataset.site + ":" + document.body.dataset.page + ":values-in-action"`)
	old := `[["Honesty","With my team, every Monday",""],["","",""],["","",""]]`
	js[chromedp.Void](t, ctx, `localStorage.setItem(`+quote(key)+`, `+quote(old)+`)`)
	visit(t, ctx, l.base+"worksheets/values/", ".ws-toolbar")
	if got := js[string](t, ctx, `["r1-c1", "r1-c2"].map(c => { const b = document.getElementById("f-values-in-action-" + c); return b.tagName + " " + b.value; }).join(" | ")`); got != "TEXTAREA Honesty | TEXTAREA With my team, every Monday" {
		t.Errorf("an answer saved by the old cells shows as %q", got)
	}

	const cell = "#f-values-in-action-r2-c3"
	// Chromium sizes a cell to its answer itself; the script's measuring is for the others.
	if got := js[string](t, ctx, `getComputedStyle(document.querySelector(`+quote(cell)+`)).fieldSizing`); got != "content" {
		t.Errorf("a cell's field-sizing is %q, want content", got)
	}
	run(t, ctx, chromedp.SendKeys(chromedp.CSS(cell), cellSentence))
	fits := func(when string) {
		t.Helper()
		type box struct {
			Tag                       string
			ScrollHeight, Height      float64
			ScrollWidth, Width, Right float64
			Narrowest, Page, Screen   float64
		}
		b := js[box](t, ctx, `(() => {
			const c = document.querySelector(`+quote(cell)+`);
			const widths = Array.from(document.querySelectorAll(".field-table td .field-input")).map(i => i.getBoundingClientRect().width);
			return {tag: c.tagName, scrollHeight: c.scrollHeight, height: c.clientHeight,
				scrollWidth: c.scrollWidth, width: c.clientWidth, right: c.getBoundingClientRect().right,
				narrowest: Math.min(...widths), page: document.documentElement.scrollWidth, screen: window.innerWidth};
		})()`)
		if b.ScrollHeight > b.Height || b.ScrollWidth > b.Width {
			t.Errorf("%s: the cell hides part of its answer: it is %vx%v px, its text %vx%v px", when, b.Width, b.Height, b.ScrollWidth, b.ScrollHeight)
		}
		// 25 words in a box as wide as a few words take several lines: the box grew.
		if b.Height < 3*44 {
			t.Errorf("%s: the cell is %v px high for a sentence of 25 words; it did not grow", when, b.Height)
		}
		// The narrowest box of any table on the page holds a word like "disagrees," with room.
		if b.Narrowest < 150 {
			t.Errorf("%s: a table cell is %v px wide on a %v px phone, want at least 150", when, b.Narrowest, b.Screen)
		}
		if b.Right > b.Screen || b.Page > b.Screen {
			t.Errorf("%s: the cell ends at %v px and the page is %v px wide on a %v px screen", when, b.Right, b.Page, b.Screen)
		}
	}
	shoot := func(name string) {
		t.Helper()
		shots := os.Getenv("BETWEEN_SCREENSHOTS")
		if shots == "" {
			return
		}
		js[chromedp.Void](t, ctx, `document.getElementById("f-values-in-action").scrollIntoView()`)
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fits("typed")
	shoot("table-cells-390")
	var rows [][]string
	if err := json.Unmarshal([]byte(js[string](t, ctx, `localStorage.getItem(`+quote(key)+`)`)), &rows); err != nil || len(rows) < 2 || len(rows[1]) < 3 || rows[1][2] != cellSentence || rows[0][0] != "Honesty" {
		t.Errorf("saved as %v (%v)", rows, err)
	}

	visit(t, ctx, l.base+"worksheets/values/", ".ws-toolbar")
	if got := js[string](t, ctx, `document.querySelector(`+quote(cell)+`).value`); got != cellSentence {
		t.Fatalf("after a reload the cell holds %q", got)
	}
	fits("reloaded")
	// The narrowest phone in use, and a desktop, where the table is a table again.
	run(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(1), chromedp.EmulateMobile))
	fits("on a 360 px phone")
	shoot("table-cells-360")
	run(t, ctx, chromedp.EmulateViewport(1280, 800, chromedp.EmulateScale(1)))
	fits("on a desktop")
	shoot("table-cells-1280")

	visit(t, ctx, l.base+"notes/", ".notes-body")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector(".notes-page")`)); err != nil {
		t.Fatalf("My notes shows no page: %v", err)
	}
	if body := js[string](t, ctx, `document.querySelector(".notes-body").innerText`); !strings.Contains(body, cellSentence) || !strings.Contains(body, "With my team, every Monday") {
		t.Errorf("My notes lacks the table's answers:\n%s", body)
	}

	visit(t, ctx, l.base+"paths/first-month/print/", ".ws-toolbar")
	if got := js[string](t, ctx, `(document.querySelector('[data-field-id="values-in-action"] [data-row="2"][data-col="3"]') || {}).value`); got != cellSentence {
		t.Errorf("the booklet's cell holds %q", got)
	}
	text := strings.Join(strings.Fields(pdfText(t, ctx)), " ")
	for _, w := range []string{"I speak up", "my evenings"} {
		if !strings.Contains(text, w) {
			t.Errorf("the printed booklet lacks %q of the cell's answer:\n%s", w, text)
		}
	}
	e.check(t)
}
