package gates

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/internal/browsertest"
)

var (
	// bilingual is the library in English and German (testdata/site-bilingual).
	bilingualOnce sync.Once
	bilingual     *exampleSite
)

func bilingualExample(t testing.TB) *exampleSite {
	t.Helper()
	if testing.Short() {
		t.Skip("the browser gates: skipped with -short")
	}
	bilingualOnce.Do(func() {
		root, err := filepath.Abs(filepath.Join("..", "..", "testdata", "site-bilingual"))
		if err != nil {
			bilingual = &exampleSite{err: err}
			return
		}
		bilingual = buildSite(root)
	})
	if bilingual.err != nil {
		t.Fatalf("build the bilingual library: %v", bilingual.err)
	}
	return bilingual
}

// TestLanguagesInBrowser is a client of a library in English and German: on a phone, the
// language switch is at the top and leads to the same page in English; the German search
// finds German pages only, and the English search none of them; and answers typed on the
// German worksheet are not on its English twin.
func TestLanguagesInBrowser(t *testing.T) {
	s := bilingualExample(t)
	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	do(t, ctx, chromedp.EmulateViewport(375, 740), chromedp.Navigate(s.URL+"de/articles/werte/"), chromedp.WaitReady("body"))
	// The switch is seen without scrolling, and is a link a thumb can take.
	box := eval[[]float64](t, ctx, `(function () { var r = document.querySelector(".lang-switch a").getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right, r.height]; })()`)
	if box[0] < 0 || box[1] > 740 || box[2] < 0 || box[3] > 375 || box[4] < 44 {
		t.Errorf("the language switch on a phone is at %v (top, bottom, left, right, height)", box)
	}
	if lang := eval[string](t, ctx, `document.querySelector(".lang-switch a").lang`); lang != "en" {
		t.Errorf("the link to English has lang %q", lang)
	}
	do(t, ctx, chromedp.Click(".lang-switch a"), chromedp.WaitReady(`html[lang="en"]`))
	if loc := eval[string](t, ctx, "location.href"); loc != s.URL+"articles/values/" {
		t.Errorf("the switch led to %s, not the English twin", loc)
	}

	// Without JavaScript the switch is the same plain link.
	noJS := func(off bool) {
		t.Helper()
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off}); err != nil {
			t.Fatal(err)
		}
	}
	noJS(true)
	do(t, ctx, chromedp.Navigate(s.URL+"articles/rest/"), chromedp.WaitReady("body"),
		chromedp.Click(".lang-switch a"), chromedp.WaitReady(`html[lang="de"]`))
	if loc := eval[string](t, ctx, "location.href"); loc != s.URL+"de/" {
		t.Errorf("without JavaScript, the switch of a page with no German version led to %s, not the German home", loc)
	}
	noJS(false)

	// Each language searches its own pages.
	for _, c := range []struct{ at, q, first string }{
		{"de/", "niemand", "Was dir wichtig ist"},
		{"de/", "Pause", "Pausen, die wirklich erholen"},
		{"de/", "nobody", ""},
		{"", "niemand", ""},
		{"", "nobody", "What matters to you"},
	} {
		do(t, ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(s.URL+c.at+"search/?q="+c.q), chromedp.WaitVisible("#search-filters"))
		rs, status, err := waitResults(ctx, c.q, "", "")
		if err != nil {
			t.Errorf("%ssearch/ for %q: %v", c.at, c.q, err)
			continue
		}
		if c.first != "" && (len(rs) == 0 || rs[0].Title != c.first) {
			t.Errorf("%ssearch/ for %q: the first result is not %q: %v", c.at, c.q, c.first, rs)
		}
		for _, r := range rs {
			if strings.HasPrefix(r.Href, s.URL+"de/") != (c.at == "de/") {
				t.Errorf("%ssearch/ for %q finds %s, of the other language", c.at, c.q, r.Href)
			}
		}
		if c.first == "" && len(rs) > 0 {
			t.Errorf("%ssearch/ for %q finds %v (%s)", c.at, c.q, rs, status)
		}
	}

	// An answer on the German worksheet stays on the German page.
	do(t, ctx, chromedp.Navigate(s.URL+"de/worksheets/werte-klaeren/"), chromedp.WaitVisible("#f-most"))
	eval[bool](t, ctx, `(function () { var e = document.getElementById("f-most"); e.value = "Familie und Zeit"; e.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
	// Polled in the page, up to chromedp's 30 s: a safety net, not a speed requirement.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`Object.keys(localStorage).some(function (k) { return k.indexOf("/de/worksheets/werte-klaeren/") >= 0 && localStorage.getItem(k).indexOf("Familie") >= 0; })`)); err != nil {
		t.Fatalf("the German answer was not saved (%v): %s", err, eval[string](t, ctx, `JSON.stringify(localStorage)`))
	}
	do(t, ctx, chromedp.Navigate(s.URL+"worksheets/values/"), chromedp.WaitVisible("#f-most"))
	// The status line speaks once the page has filled its fields from storage.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`((document.querySelector(".ws-status") || {}).textContent || "") !== ""`)); err != nil {
		t.Fatalf("the English twin never filled its fields from storage: %v", err)
	}
	if v := eval[string](t, ctx, `document.getElementById("f-most").value`); v != "" {
		t.Errorf("the English twin shows the German answer %q", v)
	}
	do(t, ctx, chromedp.Navigate(s.URL+"de/worksheets/werte-klaeren/"), chromedp.WaitVisible("#f-most"))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("f-most").value !== ""`)); err != nil {
		t.Fatalf("the German page never filled its answer again: %v", err)
	}
	if back := eval[string](t, ctx, `document.getElementById("f-most").value`); back != "Familie und Zeit" {
		t.Errorf("the German page shows %q again, not its answer", back)
	}
}

// TestLanguagesAxe runs the accessibility gate over pages of both languages, with the
// language switch, on a phone and a desktop: its links have names, its list is a landmark of
// its own, its words are in the page's language.
func TestLanguagesAxe(t *testing.T) {
	s := bilingualExample(t)
	axeSrc, err := os.ReadFile(toolFile(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	browser, cancel := context.WithTimeout(context.WithoutCancel(browsertest.New(t)), 5*time.Minute)
	defer cancel()
	var jobs []job
	for _, name := range []string{"articles/rest/index.html", "de/articles/werte/index.html", "de/worksheets/werte-klaeren/index.html"} {
		p := samplePage{Type: "languages-" + strings.ReplaceAll(strings.TrimSuffix(name, "/index.html"), "/", "-"), File: name, Path: pageURL(name)}
		for _, v := range []struct {
			name string
			view
		}{{"light-phone", withScheme(phone, "light")}, {"dark-desktop", withScheme(desktop, "dark")}} {
			jobs = append(jobs, job{
				Name: "axe/languages/" + strings.TrimSuffix(name, "/index.html") + "/" + v.name,
				Run:  func(tb *tab) ([]string, error) { return axeJob(tb, s, p, v.view, string(axeSrc)) },
			})
		}
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	runJobs(t, browser, u.Host, jobs)
}
