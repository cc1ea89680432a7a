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

// TestBrowserRenamedStepKeepsMark: a client marked the values worksheet done when it was
// worksheets/core-values.md. The coach renamed the file and kept the old address as an alias:
// the mark shows on the path page, the home page's card and the step's own page, is kept
// under the new name from then on, and an Undo is not undone by the old mark coming back.
func TestBrowserRenamedStepKeepsMark(t *testing.T) {
	l := serveLibrary(t)
	ctx := browsertest.New(t)
	var e errors
	e.watch(t, ctx)
	visit(t, ctx, l.base+"paths/first-month/", ".steps")
	site := js[string](t, ctx, `document.body.dataset.site`)
	step := `li.step[data-step="worksheets/values.md"]`
	if got := js[string](t, ctx, `document.querySelector(`+quote(step)+`).dataset.stepFormer || ""`); got != "worksheets/values/index.md worksheets/core-values.md worksheets/core-values/index.md" {
		t.Fatalf("data-step-former %q, want the page as a bundle, then the file names the alias was made from", got)
	}
	old, cur := "between:"+site+":done:worksheets/core-values.md", "between:"+site+":done:worksheets/values.md"
	progress := `document.querySelector("[data-progress-text]").textContent`
	seed := `localStorage.clear(); localStorage.setItem(` + quote(old) + `, "1"); true`

	for _, page := range []struct{ url, ready string }{
		{l.base + "paths/first-month/", ".steps"},
		{l.base, "[data-path-progress]"},
		{l.base + "worksheets/values/", "button.mark-done"},
	} {
		js[bool](t, ctx, seed)
		visit(t, ctx, page.url, page.ready)
		if got := js[string](t, ctx, `localStorage.getItem(`+quote(cur)+`) || ""`); got != "1" {
			t.Errorf("%s: the mark kept under the old file name is not kept under the new one", page.url)
		}
		if js[bool](t, ctx, `localStorage.getItem(`+quote(old)+`) !== null`) {
			t.Errorf("%s: the mark is still kept under the old file name", page.url)
		}
	}
	// What it shows: the path page counts it, the step's button reads Done.
	js[bool](t, ctx, seed)
	visit(t, ctx, l.base+"paths/first-month/", ".steps")
	if !js[bool](t, ctx, `document.querySelector(`+quote(step)+`).classList.contains("is-done")`) {
		t.Errorf("the renamed step is not checked on the path page")
	}
	if got := js[string](t, ctx, progress); got != "1 of "+js[string](t, ctx, `String(document.querySelectorAll("li.step").length)`)+" done" {
		t.Errorf("progress reads %q, want 1 done", got)
	}
	visit(t, ctx, l.base+"worksheets/values/", "button.mark-done")
	if got := js[string](t, ctx, `document.querySelector("button.mark-done").getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("the step's button is aria-pressed=%q after the rename, want true", got)
	}

	// Undo on the page, then a new visit: not done, though the alias is still there.
	js[bool](t, ctx, `document.querySelector("button.mark-done").click(); true`)
	visit(t, ctx, l.base+"paths/first-month/", ".steps")
	if js[bool](t, ctx, `document.querySelector(`+quote(step)+`).classList.contains("is-done")`) {
		t.Errorf("an Undo came back: the step is checked again on the next visit")
	}

	// A page marked under both names keeps one mark, and the old key goes.
	js[bool](t, ctx, `localStorage.clear(); localStorage.setItem(`+quote(old)+`, "1"); localStorage.setItem(`+quote(cur)+`, "1"); true`)
	visit(t, ctx, l.base+"paths/first-month/", ".steps")
	if got := js[[]string](t, ctx, `Object.keys(localStorage).filter(k => k.indexOf(":done:") > 0).sort()`); len(got) != 1 || got[0] != cur {
		t.Errorf("marks kept: %v, want only %s", got, cur)
	}
	e.check(t)
}
