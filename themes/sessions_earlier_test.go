package themes_test

import (
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

	ctx2 := browsertest.New(t)
	var e2 errors
	e2.watch(t, ctx2)
	visit(t, ctx2, l.base+"notes/", ".notes-empty")
	run(t, ctx2, chromedp.SetUploadFiles(chromedp.CSS(".notes-file"), []string{file}))
	if _, err := chromedp.Run(ctx2, chromedp.Poll[bool](`document.querySelector(".notes-status").textContent.startsWith("Loaded")`)); err != nil {
		t.Fatalf("Load all did not finish: %v", err)
	}
	visit(t, ctx2, l.base+weekly, ".ws-new-entry")
	if got := js[string](t, ctx2, earlier); got != gone {
		t.Errorf("earlier answer after Load all on a new phone: %q", got)
	}
	e2.check(t)
}
