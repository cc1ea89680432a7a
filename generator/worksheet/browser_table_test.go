package worksheet_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/internal/browsertest"
)

// A sentence of 25 words, longer than a cell is wide on any screen.
const longCell = "I walked to the station instead of taking the bus and on the way " +
	"I noticed how much calmer I felt before the meeting that morning started"

// cellBox measures a table cell's box: whether its text fits without scrolling either way.
type cellBox struct {
	ScrollHeight, Height, ScrollWidth, Width float64
}

const cellBoxJS = `(() => { const c = document.getElementById("f-habit-r2-c3");
	return {scrollHeight: c.scrollHeight, height: c.clientHeight, scrollWidth: c.scrollWidth, width: c.clientWidth}; })()`

// TestBrowserTableCellKeys: in a table cell, Enter goes on to the next cell instead of
// breaking the line, a pasted line break becomes a space, and what is saved is one line per
// cell as before.
func TestBrowserTableCellKeys(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	do(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile))
	open(t, ctx, srv.URL+"/worksheets/t/")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-habit-r1-c1"), "Mon\nWalked\nFine\nTue"))
	got := eval[string](t, ctx, `[1, 2, 3].map(c => document.getElementById("f-habit-r1-c" + c).value).join("|") + "|" +
		document.getElementById("f-habit-r2-c1").value + " " + document.activeElement.id`)
	if got != "Mon|Walked|Fine|Tue f-habit-r2-c1" {
		t.Errorf("Enter after each word: cells and focus %q, want each word in the next cell", got)
	}
	// The phone's keyboard names the key "Next", except in the last cell.
	if got := eval[string](t, ctx, `document.getElementById("f-habit-r1-c1").enterKeyHint + " " + document.getElementById("f-habit-r3-c3").enterKeyHint`); got != "next " {
		t.Errorf("enterkeyhint of the first and last cells: %q", got)
	}
	// Enter in the last cell stays there and adds nothing.
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-habit-r3-c3"), "Last\n"))
	if got := eval[string](t, ctx, `document.activeElement.id + " " + JSON.stringify(document.getElementById("f-habit-r3-c3").value)`); got != `f-habit-r3-c3 "Last"` {
		t.Errorf("Enter in the last cell: %s", got)
	}
	// A paste of two lines: one line, the caret after what was pasted.
	eval[chromedp.Void](t, ctx, `(() => { const c = document.getElementById("f-habit-r2-c2"); c.focus();
		document.execCommand("insertText", false, "Walked\nthen ran"); document.execCommand("insertText", false, "!"); })()`)
	if got := eval[string](t, ctx, `document.getElementById("f-habit-r2-c2").value`); got != "Walked then ran!" {
		t.Errorf("pasted two lines: %q", got)
	}
	if got := eval[string](t, ctx, `localStorage.getItem("between:test:/worksheets/t/:habit")`); got != `[["Mon","Walked","Fine"],["Tue","Walked then ran!",""],["","","Last"]]` {
		t.Errorf("saved %s", got)
	}
	w.check(t, srv)
}

// TestBrowserTableCellGrowsByScript: where the browser does not size a cell to its answer
// (no field-sizing, as in Safari and Firefox), worksheet.js does: as it is typed, when it
// is loaded, and when the screen changes width.
func TestBrowserTableCellGrowsByScript(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	// Before worksheet.js runs (deferred scripts run after the document turns interactive).
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `document.addEventListener("readystatechange", () => {
			if (document.readyState !== "interactive") return;
			const s = document.createElement("style");
			s.textContent = ".field-table td textarea.field-input { field-sizing: fixed !important; }";
			document.head.appendChild(s);
		});`,
	}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.EmulateViewport(412, 915, chromedp.EmulateScale(1), chromedp.EmulateMobile))
	open(t, ctx, srv.URL+"/worksheets/t/")
	if got := eval[string](t, ctx, `getComputedStyle(document.getElementById("f-habit-r2-c3")).fieldSizing`); got != "fixed" {
		t.Fatalf("field-sizing is %q: the test would not test the script", got)
	}
	fits := func(when string) {
		t.Helper()
		b := eval[cellBox](t, ctx, cellBoxJS)
		if b.ScrollHeight > b.Height || b.ScrollWidth > b.Width {
			t.Errorf("%s: the cell hides part of its answer: it is %vx%v px, its text %vx%v px", when, b.Width, b.Height, b.ScrollWidth, b.ScrollHeight)
		}
		// An empty cell is 44 px high; 25 words take several lines at any of these widths.
		if b.Height < 2*44 {
			t.Errorf("%s: the cell is %v px high for 25 words: it did not grow", when, b.Height)
		}
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-habit-r2-c3"), longCell))
	fits("typed")
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := eval[string](t, ctx, `document.getElementById("f-habit-r2-c3").value`); got != longCell {
		t.Fatalf("after a reload the cell holds %q", got)
	}
	fits("reloaded")
	// Narrower, the answer wraps in more lines; the box follows.
	before := eval[cellBox](t, ctx, cellBoxJS).Height
	do(t, ctx, chromedp.EmulateViewport(320, 700, chromedp.EmulateScale(1), chromedp.EmulateMobile))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const c = document.getElementById("f-habit-r2-c3"); return c.clientHeight > `+strconv.FormatFloat(before, 'f', -1, 64)+`; })()`,
		chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("the cell did not grow when the screen narrowed: %v", err)
	}
	fits("on a narrower screen")
	w.check(t, srv)
}
