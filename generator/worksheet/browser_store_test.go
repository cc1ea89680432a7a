package worksheet_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/internal/browsertest"
)

// The page of the log tests: a weekly review's diary.
const logMarkdown = `::: log id=noticed
What did you notice today?
:::
`

const storageFull = "There is no room on this device to keep what you type now. What you saved before is still here. Download your answers or print them before you leave the page."

// fillStorageJS fills localStorage with junk until not one more character fits, as a full
// quota does, and returns whether a new key is then refused.
const fillStorageJS = `(() => {
	let n = 0, size = 1 << 20;
	while (size >= 1) {
		try { localStorage.setItem("junk" + n, "x".repeat(size)); n++; } catch (e) { size = Math.floor(size / 2); }
	}
	try { localStorage.setItem("probe", "1"); return false; } catch (e) { return true; }
})()`

// status returns the status line, and whether it is shown as a warning.
func status(t *testing.T, ctx context.Context) (string, bool) {
	t.Helper()
	return eval[string](t, ctx, `document.querySelector(".ws-status").textContent`),
		eval[bool](t, ctx, `document.querySelector(".ws-toolbar").classList.contains("ws-no-storage")`)
}

// TestBrowserFullStorage: when storage is full, what was saved still shows, downloads and
// prints (on the worksheet and in the booklet); only what is typed now is not kept, and the
// status says so. Reading works when writing does not.
func TestBrowserFullStorage(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	open(t, ctx, srv.URL+"/worksheets/t/")
	empty := snapshot(t, ctx)
	fill(t, ctx)
	want := filled(empty)
	if !eval[bool](t, ctx, fillStorageJS) {
		t.Fatal("storage still takes new keys after filling it")
	}

	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
		t.Fatalf("saved answers with storage full:\n got %v\nwant %v", got, want)
	}
	if s, warned := status(t, ctx); s != storageFull || !warned {
		t.Errorf("status %q (warning %v), want %q", s, warned, storageFull)
	}
	_, _, text := download(t, ctx)
	wantText := strings.Replace(wantDownload, "2026-05-01", "DATE", 1)
	if got := timeRE.ReplaceAllString(dateRE.ReplaceAllString(text, "DATE"), "TTIME"); got != wantText {
		t.Errorf("download with storage full differs:\n%s", diff(wantText, got))
	}
	if text := pdfText(t, ctx, chromedp.PaperA4); !strings.Contains(text, "I finished the draft.") || !strings.Contains(text, "Walked | ran") {
		t.Errorf("print with storage full lacks the answers:\n%s", text)
	}

	// What is typed now shows but is not kept, and the warning stays.
	more := strings.Repeat(" and more", 40)
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-name"), more))
	if s, warned := status(t, ctx); s != storageFull || !warned {
		t.Errorf("status after typing %q (warning %v)", s, warned)
	}
	// A full quota may still take the first few characters; never the whole.
	if s := eval[string](t, ctx, `JSON.parse(localStorage.getItem("between:test:/worksheets/t/:name"))`); !strings.HasPrefix("Alex"+more, s) || len(s) > len("Alex")+8 {
		t.Errorf("stored name %q, want the one saved before", s)
	}
	if got := eval[string](t, ctx, `document.getElementById("f-name").value`); got != "Alex"+more {
		t.Errorf("the box shows %q", got)
	}

	open(t, ctx, srv.URL+"/paths/p/print/")
	if got := eval[string](t, ctx, `document.getElementById("a-f-wins").value + "|" + document.querySelector("#a-f-confidence-7").checked`); got != "I finished the draft.\nAnd called Sam.|true" {
		t.Errorf("booklet with storage full shows %q", got)
	}
	w.check(t, srv)
}

// TestBrowserDiskFull: a phone whose disk is full refuses every write, however small. The
// answers saved before still show and download; a page with nothing saved says plainly that
// nothing is kept.
func TestBrowserDiskFull(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	open(t, ctx, srv.URL+"/worksheets/t/")
	empty := snapshot(t, ctx)
	fill(t, ctx)
	want := filled(empty)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };`,
	}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
		t.Fatalf("saved answers with the disk full:\n got %v\nwant %v", got, want)
	}
	if s, warned := status(t, ctx); s != storageFull || !warned {
		t.Errorf("status %q (warning %v), want %q", s, warned, storageFull)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`label[for="f-confidence-2"]`)))
	if s, warned := status(t, ctx); s != storageFull || !warned {
		t.Errorf("status after a change %q (warning %v)", s, warned)
	}
	if s := eval[string](t, ctx, `localStorage.getItem("between:test:/worksheets/t/:confidence")`); s != `"7"` {
		t.Errorf("stored scale %s, want the one saved before", s)
	}
	_, _, text := download(t, ctx)
	for _, s := range []string{"I finished the draft.\nAnd called Sam.\n", "| Mon | Walked \\| ran |  |\n", "2 / 10\n"} {
		if !strings.Contains(text, s) {
			t.Errorf("download with the disk full lacks %q:\n%s", s, text)
		}
	}

	open(t, ctx, srv.URL+"/worksheets/u/")
	const none = "Your browser is not saving answers on this device; download them to keep them"
	if s, warned := status(t, ctx); s != none || !warned {
		t.Errorf("page with nothing saved: status %q (warning %v), want %q", s, warned, none)
	}
	w.check(t, srv)
}

// TestBrowserLogNoteKept: a note typed in a log's box and not yet added survives a reload
// and leaving the page: it is back in the box, for the client to add. Added, or cleared, it
// does not come back.
func TestBrowserLogNoteKept(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	open(t, ctx, srv.URL+"/log/")
	const note = "A note about today's meeting"
	do(t, ctx, chromedp.Click(chromedp.CSS("#f-noticed")), chromedp.SendKeys(chromedp.CSS("#f-noticed"), note))
	box := func() (string, int) {
		return eval[string](t, ctx, `document.getElementById("f-noticed").value`),
			eval[int](t, ctx, `document.querySelectorAll(".log-notes li").length`)
	}

	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got, n := box(); got != note || n != 0 {
		t.Errorf("after a reload the box holds %q and the log %d notes, want %q and none", got, n, note)
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"/plain/"), chromedp.WaitReady(chromedp.CSS("main p")))
	open(t, ctx, srv.URL+"/log/")
	if got, n := box(); got != note || n != 0 {
		t.Errorf("after leaving the box holds %q and the log %d notes, want %q and none", got, n, note)
	}
	// The note the box holds prints, as one typed now does.
	if !eval[bool](t, ctx, `document.querySelector("[data-field-id=noticed]").hasAttribute("data-pending")`) {
		t.Error("the restored note is not marked for print")
	}

	// Print blank empties the box for the printer only.
	eval[chromedp.Void](t, ctx, `window.print = () => { window.printed = document.getElementById("f-noticed").value; }`)
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-printBlank")))
	if got := eval[string](t, ctx, `window.printed`); got != "" {
		t.Errorf("Print blank printed the box with %q", got)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("f-noticed").value === `+"`"+note+"`")); err != nil {
		t.Errorf("the note did not come back into the box after Print blank: %v", err)
	}

	// Leaving the box adds it, even unedited; it is not in the box again after a reload.
	do(t, ctx, chromedp.Click(chromedp.CSS("#f-noticed")), chromedp.Click(chromedp.CSS("h1")))
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got, n := box(); got != "" || n != 1 {
		t.Errorf("after adding the box holds %q and the log %d notes, want it empty and one note", got, n)
	}
	if s := eval[string](t, ctx, `document.querySelector(".log-notes li").textContent`); !strings.HasSuffix(s, " "+note) {
		t.Errorf("note %q", s)
	}

	// Clear takes the unadded note too, and Undo brings it back into the box, as a reload
	// would.
	eval[chromedp.Void](t, ctx, `localStorage.setItem("between:test:/log/:#draft:noticed", "Half a thought")`)
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got, n := box(); got != "Half a thought" || n != 1 {
		t.Fatalf("before Clear the box holds %q and the log %d notes", got, n)
	}
	dialog(t, ctx, ".ws-clear", true)
	if got, n := box(); got != "" || n != 0 {
		t.Errorf("after Clear the box holds %q and the log %d notes", got, n)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-undo")))
	if got, n := box(); got != "Half a thought" || n != 1 {
		t.Errorf("after Undo the box holds %q and the log %d notes, want the note back in the box", got, n)
	}
	dialog(t, ctx, ".ws-clear", true)
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got, n := box(); got != "" || n != 0 {
		t.Errorf("after Clear and a reload the box holds %q and the log %d notes", got, n)
	}
	w.check(t, srv)
}

// TestBrowserAnswerDirection: every box a client writes in, and its printed copy, takes the
// direction of the answer, so a Hebrew question mark stands at its end, on the left.
func TestBrowserAnswerDirection(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	const hebrew = "מה למדתי השבוע?"
	typeIn := func(ids ...string) {
		for _, id := range ids {
			eval[chromedp.Void](t, ctx, `(() => { const c = document.getElementById("`+id+`");
				c.value = "`+hebrew+`"; c.dispatchEvent(new Event("input", {bubbles: true})); })()`)
		}
	}
	dir := func(js string) string { return eval[string](t, ctx, `getComputedStyle(`+js+`).direction`) }

	open(t, ctx, srv.URL+"/worksheets/t/")
	typeIn("f-wins", "f-name", "f-habit-r1-c2")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-habit-r1-c1"), "Mon"))
	for _, id := range []string{"f-wins", "f-name", "f-habit-r1-c2"} {
		if d := dir(`document.getElementById("` + id + `")`); d != "rtl" {
			t.Errorf("#%s with a Hebrew answer is %s", id, d)
		}
		if d := dir(`document.getElementById("` + id + `").parentNode.querySelector(".field-print")`); d != "rtl" {
			t.Errorf("the printed copy of #%s is %s", id, d)
		}
	}
	if d := dir(`document.getElementById("f-habit-r1-c1")`); d != "ltr" {
		t.Errorf("an English cell is %s", d)
	}

	open(t, ctx, srv.URL+"/log/")
	typeIn("f-noticed")
	if d := dir(`document.getElementById("f-noticed")`); d != "rtl" {
		t.Errorf("a log's box with a Hebrew note is %s", d)
	}
}

// TestBrowserLoadLogKeepsNotes: loading the file of another device into a log adds its
// notes to the ones kept here, each once; the notes only on this device stay. Before, the
// file's notes took the place of the log's, and a week of notes on the laptop went when the
// phone's file was loaded.
func TestBrowserLoadLogKeepsNotes(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	open(t, ctx, srv.URL+"/log/")
	eval[chromedp.Void](t, ctx, `localStorage.setItem("between:test:/log/:noticed", JSON.stringify([
		{date: "2026-03-09", text: "Slept well"}, {date: "2026-03-02", text: "Quiet Monday"}]))`)
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	// The phone's file: one note in common, two the laptop does not have. It was made after
	// the laptop's last change, so loading it asks nothing.
	file := filepath.Join(t.TempDir(), "answers.md")
	if err := os.WriteFile(file, []byte("# Weekly review\n\nDate: 2026-03-12\n\n"+
		"<!-- page: /log/ changed=2999-01-01T00:00:00.000Z -->\n\n"+
		"<!-- field: noticed -->\n## What did you notice today?\n\n"+
		"- 2026-03-12: Said no\n- 2026-03-09: Walked\n- 2026-03-02: Quiet Monday\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	load := func() {
		eval[chromedp.Void](t, ctx, `document.querySelector(".ws-status").textContent = ""`)
		loadFile(t, ctx, file)
	}
	want := `[{"date":"2026-03-12","text":"Said no"},{"date":"2026-03-09","text":"Slept well"},{"date":"2026-03-09","text":"Walked"},{"date":"2026-03-02","text":"Quiet Monday"}]`
	load()
	if got := eval[string](t, ctx, `localStorage.getItem("between:test:/log/:noticed")`); got != want {
		t.Errorf("log after loading the phone's file:\n got %s\nwant %s", got, want)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".log-notes li").length`); n != 4 {
		t.Errorf("the log shows %d notes, want 4", n)
	}
	// The same file again adds nothing.
	load()
	if got := eval[string](t, ctx, `localStorage.getItem("between:test:/log/:noticed")`); got != want {
		t.Errorf("log after loading the file twice:\n got %s\nwant %s", got, want)
	}
	w.check(t, srv)
}

// TestBrowserUnknownKindKept: a field of a kind this script does not know (a page of a later
// version, while the browser still has this script in its cache) is left alone: what was
// saved in it stays, whatever the client does on the page. Before, the script took it for a
// choice, and the first keystroke in it saved an empty answer over the saved one.
func TestBrowserUnknownKindKept(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	open(t, ctx, srv.URL+"/later/")
	const saved = `{"strokes":[[1,2],[3,4]],"note":"a tree"}`
	eval[chromedp.Void](t, ctx, "localStorage.setItem(\"between:test:/later/:doodle\", `"+saved+"`)")
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")),
		chromedp.SendKeys(chromedp.CSS("#f-doodle"), "a tall tree"),
		chromedp.Click(chromedp.CSS("#f-doodle-done")),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Alex"),
	)
	if got := eval[string](t, ctx, `localStorage.getItem("between:test:/later/:doodle")`); got != saved {
		t.Errorf("the unknown field's answer is now %s, want %s", got, saved)
	}
	if got := eval[string](t, ctx, `localStorage.getItem("between:test:/later/:name")`); got != `"Alex"` {
		t.Errorf("the known field beside it saved %s", got)
	}
	_, _, text := download(t, ctx)
	if strings.Contains(text, "doodle") || !strings.Contains(text, "Alex") {
		t.Errorf("download:\n%s", text)
	}
	w.check(t, srv)
}

// TestBrowserBookletLoadsOnePagesFile: a file downloaded from one worksheet, loaded in a
// path's booklet, fills that worksheet's step only, even where another step has a question
// with the same id. Before, its answers went into every step with that id, and the other
// step's own answers were replaced (after a question that named the booklet, not them).
func TestBrowserBookletLoadsOnePagesFile(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	answerWins(t, ctx, srv.URL+"/worksheets/u/", "What U says")
	answerWins(t, ctx, srv.URL+"/worksheets/t/", "What T says")
	_, file, _ := download(t, ctx)
	eval[chromedp.Void](t, ctx, `localStorage.removeItem("between:test:/worksheets/t/:wins")`)

	open(t, ctx, srv.URL+"/paths/p/print/")
	eval[chromedp.Void](t, ctx, `window.confirm = () => true`)
	loadFile(t, ctx, file)
	if got := eval[string](t, ctx, `document.getElementById("a-f-wins").value + "|" + document.getElementById("b-f-wins").value + "|" +
		localStorage.getItem("between:test:/worksheets/u/:wins")`); got != `What T says|What U says|"What U says"` {
		t.Errorf("after loading T's file in the booklet: %s", got)
	}
	w.check(t, srv)
}

// TestBrowserLoadUndo: Load that replaces answers on the device offers Undo, as Clear does,
// and Undo brings back what the device had, in the fields and in storage. Before, a file
// loaded by mistake (another week's, another person's) replaced the answers for good.
func TestBrowserLoadUndo(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	open(t, ctx, srv.URL+"/worksheets/t/")
	loadOverMine(t, ctx, "\n<!-- field: name -->\n## Your name\n\nSam\n")
	shown := `document.getElementById("f-wins").value + "|" + document.getElementById("f-name").value + "|" + document.querySelector("[name=confidence]:checked").value`
	if got := eval[string](t, ctx, shown); got != "Theirs|Sam|3" {
		t.Fatalf("after Load: %q", got)
	}
	if !eval[bool](t, ctx, `!!document.querySelector(".ws-undo")`) {
		t.Fatal("no Undo after a Load that replaced an answer")
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-undo")))
	if got := eval[string](t, ctx, shown); got != "Mine||3" {
		t.Errorf("after Undo: %q", got)
	}
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := eval[string](t, ctx, shown); got != "Mine||3" {
		t.Errorf("after Undo and a reload: %q", got)
	}
	w.check(t, srv)
}

// loadOverMine writes "Mine" in the open worksheet's first question and chooses 3 on its
// scale, then loads a file made after them, from another device (it asks nothing), that
// answers the first question "Theirs" and then has rest. A click after typing: without it,
// the status line still said "Saved on this device" 30 s after the file was chosen.
func loadOverMine(t *testing.T, ctx context.Context, rest string) {
	t.Helper()
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#f-wins"), "Mine"),
		chromedp.Click(chromedp.CSS(`label[for="f-confidence-3"]`)),
	)
	file := filepath.Join(t.TempDir(), "answers.md")
	if err := os.WriteFile(file, []byte("# Values worksheet\n\nDate: 2026-03-12\n\n"+
		"<!-- page: /worksheets/t/ changed=2999-01-01T00:00:00.000Z -->\n\n"+
		"<!-- field: wins -->\n## What went well since our last session?\n\nTheirs\n"+rest), 0o644); err != nil {
		t.Fatal(err)
	}
	loadFile(t, ctx, file)
}

// TestBrowserClearUndoFull: Undo after Clear, with storage filled up in between, shows the
// answers again but says that nothing on the device was changed, so the client downloads
// them. It once said "Your answers are back." though storage had refused them, and a reload
// lost them.
func TestBrowserClearUndoFull(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	open(t, ctx, srv.URL+"/worksheets/t/")
	empty := snapshot(t, ctx)
	fill(t, ctx)
	want := filled(empty)
	dialog(t, ctx, ".ws-clear", true)
	if !eval[bool](t, ctx, fillStorageJS) {
		t.Fatal("storage still takes new keys after filling it")
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-undo")))
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
		t.Errorf("after Undo with storage full:\n got %v\nwant %v", got, want)
	}
	if s, warned := status(t, ctx); s != notChangedFull || !warned {
		t.Errorf("status after Undo %q (warning %v), want %q", s, warned, notChangedFull)
	}
	if eval[bool](t, ctx, `!!document.querySelector(".ws-undo")`) {
		t.Error("Undo still offered after it ran")
	}
	_, _, text := download(t, ctx)
	if !strings.Contains(text, "I finished the draft.\nAnd called Sam.\n") {
		t.Errorf("download after Undo with storage full lacks the answers:\n%s", text)
	}
	w.check(t, srv)
}

// TestBrowserLoadUndoFull: Undo after Load, when storage refuses the writes (a phone whose
// disk filled up meanwhile), shows the answers the device had but says nothing on it was
// changed. It once said "Your answers are back." though storage still held the file's.
func TestBrowserLoadUndoFull(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	open(t, ctx, srv.URL+"/worksheets/t/")
	loadOverMine(t, ctx, "")
	eval[chromedp.Void](t, ctx, `Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); }`)
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-undo")))
	if got := eval[string](t, ctx, `document.getElementById("f-wins").value`); got != "Mine" {
		t.Errorf("after Undo with storage full the field shows %q", got)
	}
	if s, warned := status(t, ctx); s != notChangedFull || !warned {
		t.Errorf("status after Undo %q (warning %v), want %q", s, warned, notChangedFull)
	}
	w.check(t, srv)
}
