package themes_test

import (
	"testing"

	"github.com/between-ssg/between/internal/browsertest"
)

// TestBrowserRenamedPageKeepsAnswers: the example's values worksheet was once at
// /worksheets/core-values/, now its alias. Answers a client saved there (a field, a note of
// its own) show on the page at its new address and in the booklet, and are kept there from
// then on; answers the page already has under the same name are never replaced.
func TestBrowserRenamedPageKeepsAnswers(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	visit(t, ctx, l.base+"worksheets/values/", ".ws-toolbar")
	site := js[string](t, ctx, `document.body.dataset.site`)
	if got := js[string](t, ctx, `document.body.dataset.former || ""`); got != "/library/worksheets/core-values/" {
		t.Fatalf("data-former %q, want the alias with the base path", got)
	}
	old, cur := "between:"+site+":/library/worksheets/core-values/:", "between:"+site+":/library/worksheets/values/:"
	first := js[string](t, ctx, `document.querySelector(".field-answer textarea").closest("[data-field-id]").dataset.fieldId`)
	js[bool](t, ctx, `localStorage.clear(); localStorage.setItem(`+quote(old+first)+`, JSON.stringify("The day I said no")); `+
		`localStorage.setItem(`+quote(old+"@changed")+`, "2026-03-01T10:00:00.000Z"); true`)

	visit(t, ctx, l.base+"worksheets/values/", ".ws-toolbar")
	if got := js[string](t, ctx, `document.querySelector(`+quote(`[data-field-id="`+first+`"] textarea`)+`).value`); got != "The day I said no" {
		t.Errorf("the answer saved at the old address shows %q", got)
	}
	if js[bool](t, ctx, `Object.keys(localStorage).some(k => k.startsWith(`+quote(old)+`))`) {
		t.Errorf("answers are still kept under the old address: %v", js[[]string](t, ctx, `Object.keys(localStorage)`))
	}
	if got := js[string](t, ctx, `JSON.parse(localStorage.getItem(`+quote(cur+first)+`))`); got != "The day I said no" {
		t.Errorf("the answer is not kept at the new address: %q", got)
	}

	// The page has its own answer now: an old one under the same name does not replace it,
	// and is kept where it is rather than lost.
	js[bool](t, ctx, `localStorage.setItem(`+quote(old+first)+`, JSON.stringify("An older answer")); true`)
	visit(t, ctx, l.base+"worksheets/values/", ".ws-toolbar")
	if got := js[string](t, ctx, `document.querySelector(`+quote(`[data-field-id="`+first+`"] textarea`)+`).value`); got != "The day I said no" {
		t.Errorf("an old answer replaced the page's own: %q", got)
	}
	if got := js[string](t, ctx, `JSON.parse(localStorage.getItem(`+quote(old+first)+`) || "null")`); got != "An older answer" {
		t.Errorf("the old answer that was not carried over is gone: %q", got)
	}

	// The booklet of a path the worksheet is a step of carries them over too.
	js[bool](t, ctx, `localStorage.clear(); localStorage.setItem(`+quote(old+first)+`, JSON.stringify("Seen in the booklet")); true`)
	visit(t, ctx, l.base+"paths/first-month/print/", ".booklet-step")
	sel := `section[data-page="/library/worksheets/values/"] [data-field-id="` + first + `"] textarea`
	if got := js[string](t, ctx, `(document.querySelector(`+quote(sel)+`) || {}).value || ""`); got != "Seen in the booklet" {
		t.Errorf("the booklet shows %q for the answer saved at the old address", got)
	}
	if got := js[string](t, ctx, `JSON.parse(localStorage.getItem(`+quote(cur+first)+`) || "null")`); got != "Seen in the booklet" {
		t.Errorf("the booklet did not keep the answer at the new address: %q", got)
	}
	e.check(t)
}
