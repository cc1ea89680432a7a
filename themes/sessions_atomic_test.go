package themes_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserLoadAllRefusedPartWay: Load all whose writes storage refuses part-way (a full
// quota) loads none of the file: storage is as it was before it, and the status says that
// nothing was changed, and to download first. Before, the pages written before the refusal
// were loaded and the rest not, and the status said the file was loaded.
func TestBrowserLoadAllRefusedPartWay(t *testing.T) {
	l := serveLibrary(t)
	ctx, e := newPhone(t, l)
	answerTwo(t, ctx, l)
	visit(t, ctx, l.base+"notes/", ".notes-page")
	_, file, _ := saveFile(t, ctx, ".notes-download")

	const want = "There is no room on this device for that, so nothing on it was changed. Download your answers first, to keep a copy."
	// The service worker's note that the library is kept offline is written when it is
	// ready, at any time: it is not Load all's.
	const stored = `JSON.stringify(Object.keys(localStorage).filter(k => !k.endsWith(":@offline")).sort().map(k => [k, localStorage.getItem(k)]))`
	for n := 0; ; n++ {
		if n > 40 {
			t.Fatalf("Load all still refused after %d writes", n)
		}
		js[chromedp.Void](t, ctx, `localStorage.clear()`)
		visit(t, ctx, l.base+"notes/", ".notes-empty")
		before := js[string](t, ctx, stored)
		js[chromedp.Void](t, ctx, fmt.Sprintf(`(() => {
			const set = Storage.prototype.setItem;
			window.refuseIn = %d;
			Storage.prototype.setItem = function (k, v) {
				if (!String(k).endsWith(":@offline") && window.refuseIn-- === 0) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
				return set.call(this, k, v);
			};
		})()`, n))
		run(t, ctx, chromedp.SetUploadFiles(chromedp.CSS(".notes-file"), []string{file}))
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".notes-status").textContent !== ""`)); err != nil {
			t.Fatalf("Load all did not finish: %v", err)
		}
		status := js[string](t, ctx, `document.querySelector(".notes-status").textContent`)
		if js[bool](t, ctx, `window.refuseIn >= 0`) {
			// No write was refused: Load all has fewer than n.
			if n < 2 || !strings.HasPrefix(status, "Loaded 2 pages") {
				t.Fatalf("Load all with %d writes: %q", n, status)
			}
			break
		}
		if got := js[string](t, ctx, stored); got != before {
			t.Errorf("Load all with write %d refused: storage is a mix\n got %s\nwant %s", n, got, before)
		}
		if status != want {
			t.Errorf("Load all with write %d refused: status %q, want %q", n, status, want)
		}
		if got := js[string](t, ctx, `document.querySelector(".notes-body").innerText`); strings.Contains(got, "Honesty") || strings.Contains(got, "Asking for help") {
			t.Errorf("Load all with write %d refused: My notes shows\n%s", n, got)
		}
	}
	e.check(t)
}
