package worksheet_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/internal/browsertest"
)

// notChangedFull is what the status line says when storage refused a write of Load, Clear,
// Undo or Remove part-way, and all of it was put back.
const notChangedFull = "There is no room on this device for that, so nothing on it was changed. Download your answers first, to keep a copy."

// storageJS is every key in localStorage with its value, by key.
const storageJS = `JSON.stringify(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))`

// refuseWrite makes the page's storage refuse its nth write from now (0 the first) with a
// full quota's error, and take the others: a quota that another tab filled for a moment, or
// a phone's disk, which is what a change of several keys can meet part-way. It lasts until
// the page is loaded again.
func refuseWrite(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	eval[chromedp.Void](t, ctx, fmt.Sprintf(`(() => {
		const set = Storage.prototype.setItem;
		window.refuseIn = %d;
		Storage.prototype.setItem = function (k, v) {
			if (window.refuseIn-- === 0) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
			return set.call(this, k, v);
		};
	})()`, n))
}

// freshPage empties storage and opens the worksheet again, its storage's writes as ever.
func freshPage(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	eval[chromedp.Void](t, ctx, `localStorage.clear()`)
	open(t, ctx, u)
}

// theirsFile is a file made after the answers of mineAnswers, on another device (Load asks
// nothing): it answers the first two questions and the scale otherwise.
func theirsFile(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "answers.md")
	if err := os.WriteFile(file, []byte("# Values worksheet\n\nDate: 2026-03-12\n\n"+
		"<!-- page: /worksheets/t/ changed=2999-01-01T00:00:00.000Z -->\n\n"+
		"<!-- field: wins -->\n## What went well since our last session?\n\nTheirs\n\n"+
		"<!-- field: name -->\n## Your name\n\nSam\n\n"+
		"<!-- field: confidence -->\n## How confident do you feel?\n\n5 / 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// mineAnswers writes "Mine" in the first question and chooses 3 on the scale; the click
// after saves the answer.
func mineAnswers(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#f-wins"), "Mine"),
		chromedp.Click(chromedp.CSS(`label[for="f-confidence-3"]`)),
	)
}

// loadStatus loads file with Load and returns the status line once it says something else.
func loadStatus(t *testing.T, ctx context.Context, file string) string {
	t.Helper()
	was := eval[string](t, ctx, `document.querySelector(".ws-status").textContent`)
	do(t, ctx, chromedp.SetUploadFiles(chromedp.CSS(".ws-file"), []string{file}))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelector(".ws-status").textContent !== %q`, was))); err != nil {
		t.Fatalf("load did not finish: %v", err)
	}
	return eval[string](t, ctx, `document.querySelector(".ws-status").textContent`)
}

const shownJS = `document.getElementById("f-wins").value + "|" + document.getElementById("f-name").value + "|" + ((document.querySelector("[name=confidence]:checked") || {}).value || "")`

// refusedPartWay runs change on the open worksheet u with its nth write refused, for each n
// from the first write until change has none refused, and checks after each refusal that
// storage is as it was before change, and that the status says so. prepare readies the page
// before each run; shown is what the fields are to show after a refused change.
func refusedPartWay(t *testing.T, ctx context.Context, u, what string, prepare func(), change func() string, shown string) {
	t.Helper()
	for n := 0; ; n++ {
		if n > 30 {
			t.Fatalf("%s: still refused after %d writes", what, n)
		}
		freshPage(t, ctx, u)
		prepare()
		before := eval[string](t, ctx, storageJS)
		refuseWrite(t, ctx, n)
		s := change()
		if eval[bool](t, ctx, `window.refuseIn >= 0`) {
			// The refusal was not met: the change has fewer writes than n.
			if n < 2 {
				t.Fatalf("%s: only %d writes, none refused part-way", what, n)
			}
			return
		}
		if got := eval[string](t, ctx, storageJS); got != before {
			t.Errorf("%s with write %d refused: storage is a mix\n got %s\nwant %s", what, n, got, before)
		}
		if s != notChangedFull {
			t.Errorf("%s with write %d refused: status %q, want %q", what, n, s, notChangedFull)
		}
		if !eval[bool](t, ctx, `document.querySelector(".ws-toolbar").classList.contains("ws-no-storage")`) {
			t.Errorf("%s with write %d refused: not shown as a warning", what, n)
		}
		if eval[bool](t, ctx, `!!document.querySelector(".ws-undo")`) {
			t.Errorf("%s with write %d refused: Undo offered", what, n)
		}
		if got := eval[string](t, ctx, shownJS); got != shown {
			t.Errorf("%s with write %d refused: the fields show %q, want %q", what, n, got, shown)
		}
	}
}

// TestBrowserLoadRefusedPartWay: Load whose writes storage refuses part-way loads none of
// the file: storage, and the fields, are as before it, and the status says that nothing
// was changed and to download first. Before, the answers written before the refusal stayed,
// some of the file's beside some of the device's, and the page said they were loaded.
func TestBrowserLoadRefusedPartWay(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	u := srv.URL + "/worksheets/t/"
	open(t, ctx, u)
	file := theirsFile(t)
	refusedPartWay(t, ctx, u, "Load", func() { mineAnswers(t, ctx) }, func() string {
		return loadStatus(t, ctx, file)
	}, "Mine||3")
	w.check(t, srv)
}

// TestBrowserUndoRefusedPartWay: Undo after Load, and after Clear, whose writes storage
// refuses part-way brings back none of them: storage is as Load or Clear left it, and the
// status says nothing was changed and to download what the fields show again. Before, Undo
// wrote back the keys it could, and storage held some answers of each.
func TestBrowserUndoRefusedPartWay(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	u := srv.URL + "/worksheets/t/"
	open(t, ctx, u)
	file := theirsFile(t)
	undo := func() string {
		do(t, ctx, chromedp.Click(chromedp.CSS(".ws-undo")))
		return eval[string](t, ctx, `document.querySelector(".ws-status").textContent`)
	}
	refusedPartWay(t, ctx, u, "Undo of Load", func() {
		mineAnswers(t, ctx)
		if s := loadStatus(t, ctx, file); !strings.HasPrefix(s, "Answers loaded from") {
			t.Fatalf("Load says %q", s)
		}
	}, undo, "Mine||3")

	var want map[string]any
	refusedPartWay(t, ctx, u, "Undo of Clear", func() {
		empty := snapshot(t, ctx)
		fill(t, ctx)
		want = filled(empty)
		dialog(t, ctx, ".ws-clear", true)
	}, func() string {
		s := undo()
		// The fields show the answers again, to download: a reload would not.
		if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
			t.Errorf("after Undo of Clear, refused:\n got %v\nwant %v", got, want)
		}
		return s
	}, "I finished the draft.\nAnd called Sam.|Alex|7")
	w.check(t, srv)
}

// TestBrowserRemoveEarlierRefusedPartWay: Remove under a table's earlier answer writes its
// answer without the column taken away, and its headings with it; Undo writes them back.
// Either, refused part-way, changes nothing: storage is as before it, the page shows it, and
// the status says so. Before, Remove refused at the headings left the answer of two columns
// under the three headings it was saved with, and the next reload put "Good" under the
// column taken away.
func TestBrowserRemoveEarlierRefusedPartWay(t *testing.T) {
	ctx, build, check := editedTab(t, beforeEdit)
	answerBeforeEdit(t, ctx)
	build(afterEdit)
	answered := eval[string](t, ctx, storageJS)
	// put gives storage the keys of keys (as storageJS writes them) and opens the page anew.
	put := func(keys string) {
		eval[chromedp.Void](t, ctx, `(() => { window.refuseIn = -1; localStorage.clear(); for (const [k, v] of `+keys+`) localStorage.setItem(k, v); })()`)
		do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	}
	remove := chromedp.Click(chromedp.CSS(`[data-field-id="habit"] .ws-earlier-remove`))
	statusJS := `document.querySelector(".ws-status").textContent`
	var removed string
	for _, step := range []string{"Remove", "Undo of Remove"} {
		for n := 0; ; n++ {
			if n > 10 {
				t.Fatalf("%s: still refused after %d writes", step, n)
			}
			put(answered)
			if step == "Undo of Remove" {
				do(t, ctx, remove)
			}
			before := eval[string](t, ctx, storageJS)
			refuseWrite(t, ctx, n)
			do(t, ctx, remove)
			if eval[bool](t, ctx, `window.refuseIn >= 0`) {
				if n < 2 {
					t.Fatalf("%s: only %d writes, none refused part-way", step, n)
				}
				if step == "Remove" {
					removed = eval[string](t, ctx, storageJS)
				}
				break
			}
			if got := eval[string](t, ctx, storageJS); got != before {
				t.Errorf("%s with write %d refused: storage is a mix\n got %s\nwant %s", step, n, got, before)
			}
			if s := eval[string](t, ctx, statusJS); s != notChangedFull {
				t.Errorf("%s with write %d refused: status %q, want %q", step, n, s, notChangedFull)
			}
			wantShown := map[string]string{"Remove": "What I did: Walked", "Undo of Remove": ""}[step]
			if got := eval[string](t, ctx, earlierJS("habit")); got != wantShown {
				t.Errorf("%s with write %d refused: the earlier answer shows %q, want %q", step, n, got, wantShown)
			}
			if step == "Undo of Remove" && !strings.Contains(eval[string](t, ctx, `document.querySelector('[data-field-id="habit"] .ws-earlier').innerText`), "Undo") {
				t.Errorf("Undo of Remove with write %d refused: no Undo under the field to try again", n)
			}
		}
	}
	// What the page shows after a refused Remove is what a reload shows.
	put(removed)
	if got := eval[string](t, ctx, earlierJS("habit")+` + "|" + document.getElementById("f-habit-r1-c1").value + "|" + document.getElementById("f-habit-r1-c2").value`); got != "|Mon|Good" {
		t.Errorf("after Remove and a reload: %q", got)
	}
	check()
}
