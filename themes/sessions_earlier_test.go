package themes_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/internal/browsertest"
)

// TestBrowserEarlierAnswerInMyNotes: an answer the weekly review can no longer show (an
// option the coach reworded after the client chose it) is the client's earlier answer on the
// page; Start a new entry keeps it there, not in the entry; My notes shows it, Download all
// writes it, and Load all on a new phone brings it back. Before, My notes showed it as one of
// the choices but the page did not, and a new entry dropped it from the device.
func TestBrowserEarlierAnswerInMyNotes(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	const gone = "Sleep, as the option read before"
	visit(t, ctx, l.base+weekly, ".ws-new-entry")
	key := js[string](t, ctx, `"between:" + document.body.dataset.site + ":" + document.body.dataset.page + ":attention"`)
	js[chromedp.Void](t, ctx, `localStorage.setItem(`+quote(key)+`, JSON.stringify(["Work", `+quote(gone)+`]))`)
	visit(t, ctx, l.base+weekly, ".ws-new-entry")
	earlier := `(document.querySelector('[data-field-id="attention"] .ws-earlier:not([hidden]) .ws-earlier-words') || {}).textContent`
	if got := js[string](t, ctx, earlier); got != gone {
		t.Errorf("earlier answer on the page: %q", got)
	}

	run(t, ctx, chromedp.Click(chromedp.CSS(".ws-new-entry")))
	if got := js[string](t, ctx, earlier); got != gone {
		t.Errorf("earlier answer after Start a new entry: %q", got)
	}
	if got := js[string](t, ctx, `document.querySelector(".entry-list").textContent`); !strings.Contains(got, "Work") || strings.Contains(got, gone) {
		t.Errorf("the entry kept: %q", got)
	}

	visit(t, ctx, l.base+"notes/", ".notes-page")
	body := js[string](t, ctx, `document.querySelector(".notes-body").innerText`)
	if !regexp.MustCompile(`Your earlier answer, from before this question changed:\s+` + regexp.QuoteMeta(gone)).MatchString(body) {
		t.Errorf("My notes:\n%s", body)
	}
	_, file, md := saveFile(t, ctx, ".notes-download")
	if !strings.Contains(md, "Your earlier answer, from before this question changed:\n\n"+gone+"\n") {
		t.Errorf("Download all:\n%s", md)
	}
	e.check(t)

	ctx2, e2 := newPhone(t, l)
	loadAll(t, ctx2, file)
	visit(t, ctx2, l.base+weekly, ".ws-new-entry")
	if got := js[string](t, ctx2, earlier); got != gone {
		t.Errorf("earlier answer after Load all on a new phone: %q", got)
	}
	e2.check(t)
}

// TestBrowserLoadAllFromBeforeEdit: a Download all made before the coach edited the pages (an
// option reworded, a scale shortened, a table's middle column taken away, a date that was
// written in words), loaded with Load all on a new phone, gives each field what it can show
// and keeps the rest under it as the earlier answer: on the page, in My notes and in the next
// Download all. Before, Load all put the table's cells by place, "Park" under "Did it?" and
// "a friend" out of the table, a misread the client could not see.
func TestBrowserLoadAllFromBeforeEdit(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	const tracker = "worksheets/habit-tracker/"
	key := func(id string) string {
		return js[string](t, ctx, `"between:" + document.body.dataset.site + ":" + document.body.dataset.page + ":`+id+`"`)
	}
	set := func(id, json string) {
		js[chromedp.Void](t, ctx, `localStorage.setItem(`+quote(key(id))+`, `+quote(json)+`)`)
	}
	visit(t, ctx, l.base+weekly, ".ws-new-entry")
	set("attention", `["Work","Rest and play"]`)
	set("energy", `"4"`)
	set("week-ending", `"2026-03-13"`)
	visit(t, ctx, l.base+tracker, ".ws-toolbar")
	set("tracker", `[["Mon 3","yes","a friend"]]`)
	visit(t, ctx, l.base+"notes/", ".notes-page")
	_, _, md := saveFile(t, ctx, ".notes-download")
	e.check(t)

	// The file as the pages made it before the edit.
	for _, r := range [][2]string{
		{"- Rest and play\n", "- Sleep, as the option read before\n"},
		{"4 / 5", "8 / 10"},
		{"2026-03-13", "the Friday before Easter"},
		{"| Date | Did it? | What helped or got in the way |\n| --- | --- | --- |\n| Mon 3 | yes | a friend |",
			"| Date | Where | Did it? | What helped or got in the way |\n| --- | --- | --- | --- |\n| Mon 3 | Park | yes | a friend |"},
	} {
		if !strings.Contains(md, r[0]) {
			t.Fatalf("Download all lacks %q:\n%s", r[0], md)
		}
		md = strings.Replace(md, r[0], r[1], 1)
	}
	file := filepath.Join(t.TempDir(), "notes.md")
	if err := os.WriteFile(file, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx2, e2 := newPhone(t, l)
	run(t, ctx2, chromedp.SetUploadFiles(chromedp.CSS(".notes-file"), []string{file}))
	if _, err := chromedp.Run(ctx2, chromedp.Poll[bool](`document.querySelector(".notes-status").textContent !== ""`)); err != nil {
		t.Fatalf("Load all did not finish: %v", err)
	}
	if got := js[string](t, ctx2, `document.querySelector(".notes-status").textContent`); got != "Loaded 2 pages from notes.md." {
		t.Errorf("Load all says %q", got)
	}
	earlier := func(id string) string {
		return `(document.querySelector('[data-field-id="` + id + `"] .ws-earlier:not([hidden]) .ws-earlier-words') || {}).textContent || ""`
	}
	want := map[string]map[string]string{
		weekly:  {"attention": "Sleep, as the option read before", "energy": "8", "week-ending": "the Friday before Easter"},
		tracker: {"tracker": "Where: Park"},
	}
	for page, fields := range want {
		visit(t, ctx2, l.base+page, ".ws-toolbar")
		for id, words := range fields {
			if got := js[string](t, ctx2, earlier(id)); got != words {
				t.Errorf("%s after Load all: earlier answer of %s is %q, want %q", page, id, got, words)
			}
		}
	}
	visit(t, ctx2, l.base+weekly, ".ws-toolbar")
	if got := js[string](t, ctx2, `[...document.querySelectorAll('[data-field-id="attention"] input:checked')].map(i => i.value).join()`); got != "Work" {
		t.Errorf("attention after Load all: %q, want Work", got)
	}
	visit(t, ctx2, l.base+tracker, ".ws-toolbar")
	if got := js[string](t, ctx2, `[1, 2, 3].map(c => document.getElementById("f-tracker-r1-c" + c).value).join("|")`); got != "Mon 3|yes|a friend" {
		t.Errorf("the tracker's first row after Load all: %q", got)
	}
	visit(t, ctx2, l.base+"notes/", ".notes-page")
	body := js[string](t, ctx2, `document.querySelector(".notes-body").innerText`)
	_, _, again := saveFile(t, ctx2, ".notes-download")
	for _, fields := range want {
		for _, words := range fields {
			if !regexp.MustCompile(`Your earlier answer, from before this question changed:\s+` + regexp.QuoteMeta(words)).MatchString(body) {
				t.Errorf("My notes lacks %q:\n%s", words, body)
			}
			if !strings.Contains(again, "Your earlier answer, from before this question changed:\n\n"+words+"\n") {
				t.Errorf("Download all after Load all lacks %q:\n%s", words, again)
			}
		}
	}
	e2.check(t)
}

// TestBrowserLoadAllEntryFromBeforeEdit: a past entry of a repeated page, in a Download all
// made before the coach edited the page (an option reworded, the scale shortened), loaded
// with Load all on a new phone, keeps what its fields can no longer take as its earlier
// answer: on its card, in My notes and in the next Download all; the same file loaded again
// adds no second entry. Before, Load all read entries with valueFrom and left those out.
func TestBrowserLoadAllEntryFromBeforeEdit(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	visit(t, ctx, l.base+weekly, ".ws-new-entry")
	entries := js[string](t, ctx, `"between:" + document.body.dataset.site + ":" + document.body.dataset.page + ":@entries"`)
	js[chromedp.Void](t, ctx, `localStorage.setItem(`+quote(entries)+`, JSON.stringify([{date: "2026-03-06", saved: "2026-03-06T10:00:00.000Z",
		values: {attention: ["Work", "Rest and play"], energy: "4"}}]))`)
	visit(t, ctx, l.base+"notes/", ".notes-page")
	_, _, md := saveFile(t, ctx, ".notes-download")
	e.check(t)
	for _, r := range [][2]string{{"- Rest and play\n", "- Sleep, as the option read before\n"}, {"4 / 5", "8 / 10"}} {
		if strings.Count(md, r[0]) != 1 {
			t.Fatalf("Download all has not one %q:\n%s", r[0], md)
		}
		md = strings.Replace(md, r[0], r[1], 1)
	}
	file := filepath.Join(t.TempDir(), "notes.md")
	if err := os.WriteFile(file, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx2, e2 := newPhone(t, l)
	for range 2 {
		visit(t, ctx2, l.base+"notes/", ".notes-controls")
		loadAll(t, ctx2, file)
	}
	visit(t, ctx2, l.base+weekly, ".ws-toolbar")
	if n := js[int](t, ctx2, `document.querySelectorAll(".entry-card").length`); n != 1 {
		t.Errorf("%d entries after loading the file twice, want 1", n)
	}
	card := js[string](t, ctx2, `document.querySelector(".entry-card").innerText`)
	visit(t, ctx2, l.base+"notes/", ".notes-page")
	body := js[string](t, ctx2, `document.querySelector(".notes-body").innerText`)
	_, _, again := saveFile(t, ctx2, ".notes-download")
	for _, words := range []string{"Sleep, as the option read before", "8"} {
		re := regexp.MustCompile(`Your earlier answer, from before this question changed:\s+` + regexp.QuoteMeta(words) + `\n`)
		if !re.MatchString(card + "\n") {
			t.Errorf("the entry's card lacks the earlier answer %q:\n%s", words, card)
		}
		if !re.MatchString(body + "\n") {
			t.Errorf("My notes lacks the entry's earlier answer %q:\n%s", words, body)
		}
		if !strings.Contains(again, "entry=2026-03-06~0 -->\nYour earlier answer, from before this question changed:\n\n"+words+"\n") {
			t.Errorf("Download all after Load all lacks the entry's earlier answer %q:\n%s", words, again)
		}
	}
	if !strings.Contains(card, "Work") {
		t.Errorf("the entry's card lacks the answer that still fits:\n%s", card)
	}
	e2.check(t)
}
