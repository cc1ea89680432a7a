package gates

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/generator/search/tokencases"
	"github.com/between-ssg/between/internal/browsertest"
)

// searchTab opens a tab of its own at desktop size on the example library.
func searchTab(t *testing.T) (context.Context, *exampleSite) {
	t.Helper()
	s := example(t)
	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatal(err)
	}
	return ctx, s
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// typed makes a key event what a keyboard sends: the text goes with the keydown, so that a
// page that handles the keydown (preventDefault) keeps the character out of the field, as
// it does in a browser. chromedp's own sequence sends the text in a separate event.
func typed(text string) chromedp.KeyOption {
	return func(p *input.DispatchKeyEventParams) {
		switch p.Type {
		case input.DispatchKeyEventTypeKeyDown:
			p.Text, p.UnmodifiedText = text, text
		case input.DispatchKeyEventTypeChar:
			p.Type, p.Text, p.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
		}
	}
}

// setValue sets a field's value as if typed, and tells the page.
func setValue(t *testing.T, ctx context.Context, sel, value, event string) {
	t.Helper()
	js, _ := json.Marshal(value)
	eval[bool](t, ctx, fmt.Sprintf(`(function () { var e = document.querySelector(%q); e.value = %s; e.dispatchEvent(new Event(%q)); return true; })()`, sel, js, event))
}

// TestSearchTokensInBrowser runs search.js's tokeniser over the table that the Go tokeniser
// is tested with (generator/search/testdata/tokens.json): the two must agree on every case.
func TestSearchTokensInBrowser(t *testing.T) {
	ctx, s := searchTab(t)
	want, table, err := tokencases.Load()
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		Tokens  [][]string `json:"tokens"`
		Queries [][][]any  `json:"queries"`
		Stems   []string   `json:"stems"`
	}
	// The stems are those of js/porter2.js, which search.js loads for an English index.
	js := `(function (table) {
		var S = window.BetweenSearch;
		return S.loadStemmer().then(function () {
			return {
				tokens: table.tokens.map(function (c) { return S.tokens(c.in); }),
				queries: table.queries.map(function (c) { return S.query(c.in).map(function (t) { return [t.text, t.prefix]; }); }),
				stems: table.stems.map(function (c) { return S.stem(c.in); }),
			};
		});
	})(` + string(table) + `)`
	do(t, ctx, chromedp.Navigate(s.URL+"search/"), chromedp.WaitVisible("#search-filters"))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[result](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Tokens) != len(want.Tokens) || len(got.Queries) != len(want.Queries) || len(got.Stems) != len(want.Stems) {
		t.Fatalf("the browser ran %d, %d and %d cases", len(got.Tokens), len(got.Queries), len(got.Stems))
	}
	for i, c := range want.Stems {
		if got.Stems[i] != c.Stem {
			t.Errorf("search.js stem(%q) = %q, Go: %q", c.In, got.Stems[i], c.Stem)
		}
	}
	for i, c := range want.Tokens {
		if len(c.Tokens) == 0 && len(got.Tokens[i]) == 0 {
			continue
		}
		if !reflect.DeepEqual(got.Tokens[i], c.Tokens) {
			t.Errorf("search.js tokens(%q) = %q, Go: %q", c.In, got.Tokens[i], c.Tokens)
		}
	}
	for i, c := range want.Queries {
		if len(c.Terms) == 0 && len(got.Queries[i]) == 0 {
			continue
		}
		if !reflect.DeepEqual(got.Queries[i], c.Terms) {
			t.Errorf("search.js query(%q) = %v, Go: %v", c.In, got.Queries[i], c.Terms)
		}
	}
}

type shownResult struct {
	Title string `json:"title"`
	Kind  string `json:"kind"`
	Href  string `json:"href"`
	Marks int    `json:"marks"`
	// Further is the line saying the words are further down the page.
	Further string `json:"further"`
}

const readResults = `Array.from(document.querySelectorAll("#search-results .search-result")).map(function (li) {
	var a = li.querySelector("a");
	return {title: a.textContent, kind: li.querySelector(".search-result-kind").textContent, href: a.href,
		marks: li.querySelectorAll("mark").length,
		further: (li.querySelector(".search-result-further") || {}).textContent || ""};
})`

// waitResults waits until the results list shows the results of the query q with the
// filters kind and tag (search.js marks the list with what it shows: an earlier query's
// results, still shown while a later one loads, are not taken for its), and returns them
// with the status.
func waitResults(ctx context.Context, q, kind, tag string) ([]shownResult, string, error) {
	want, _ := json.Marshal([]string{q, kind, tag})
	type shown struct {
		For     string        `json:"for"`
		Results []shownResult `json:"results"`
		Status  string        `json:"status"`
	}
	var got shown
	for range 300 {
		var err error
		got, err = chromedp.Run(ctx, chromedp.Evaluate[shown](`({for: document.getElementById("search-results").getAttribute("data-for") || "",
			results: `+readResults+`, status: document.getElementById("search-status").textContent})`))
		if err != nil {
			return nil, "", err
		}
		if got.For == string(want) && got.Status != "" {
			return got.Results, got.Status, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return got.Results, got.Status, fmt.Errorf("waited for the results of %s; the page shows those of %s: %v, status %q", want, got.For, got.Results, got.Status)
}

// firstIs checks that the first result is titled title.
func firstIs(t *testing.T, rs []shownResult, title string) {
	t.Helper()
	if len(rs) == 0 || rs[0].Title != title {
		t.Fatalf("the first result is not %q: %v", title, rs)
	}
}

// TestSearchInBrowser is a client finding a page on the example library: typing letter by
// letter, filtering, opening a result with the keyboard, coming back to the query, and the
// bytes all of that downloaded.
func TestSearchInBrowser(t *testing.T) {
	ctx, s := searchTab(t)
	do(t, ctx, chromedp.Navigate(s.URL+"search/"), chromedp.WaitVisible("#search-filters"))
	// Typed letter by letter, as a client on a phone does.
	for _, r := range "valu" {
		do(t, ctx, chromedp.SendKeys("#search-q", string(r)))
	}
	rs, status, err := waitResults(ctx, "valu", "", "")
	if err != nil {
		t.Fatal(err)
	}
	firstIs(t, rs, "Your values")
	if rs[0].Kind != "Worksheet" || rs[0].Marks == 0 || !strings.HasSuffix(rs[0].Href, "/worksheets/values/") {
		t.Errorf("first result %+v", rs[0])
	}
	if !strings.Contains(status, "valu") {
		t.Errorf("status %q", status)
	}
	// A page found by a word its title and snippet do not show says where the word is.
	further := 0
	for _, r := range rs {
		switch {
		case r.Marks == 0 && r.Further != "Found further down the page.":
			t.Errorf("%q shows no word of the query and does not say why: %+v", r.Title, r)
		case r.Marks > 0 && r.Further != "":
			t.Errorf("%q shows the query's words and also says they are further down: %+v", r.Title, r)
		case r.Further != "":
			further++
		}
	}
	if further == 0 {
		t.Errorf("no result of valu is found only further down its page: %+v", rs)
	}
	if loc := eval[string](t, ctx, "location.href"); !strings.HasSuffix(loc, "/search/?q=valu") {
		t.Errorf("the query is not in the URL: %s", loc)
	}

	// Another form of the words than the page has: found by their stems, and marked.
	setValue(t, ctx, "#search-q", "weekly reviews", "input")
	rs, _, err = waitResults(ctx, "weekly reviews", "", "")
	if err != nil {
		t.Fatal(err)
	}
	firstIs(t, rs, "A weekly review")
	if rs[0].Marks < 2 {
		t.Errorf("weekly reviews: %d words marked in %+v", rs[0].Marks, rs[0])
	}

	// Filters: by kind, then by tag.
	setValue(t, ctx, "#search-q", "session", "input")
	all, _, err := waitResults(ctx, "session", "", "")
	if err != nil {
		t.Fatal(err)
	}
	setValue(t, ctx, "#search-kind", "guide", "change")
	guides, _, err := waitResults(ctx, "session", "guide", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(guides) == 0 || len(guides) >= len(all) {
		t.Errorf("kind filter: %d of %d results", len(guides), len(all))
	}
	for _, r := range guides {
		if r.Kind != "Reflection guide" {
			t.Errorf("kind filter shows %+v", r)
		}
	}
	setValue(t, ctx, "#search-kind", "", "change")
	setValue(t, ctx, "#search-tag", "accountability", "change")
	tagged, _, err := waitResults(ctx, "session", "", "accountability")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"When you miss a week": true, "Accountability partner, not boss: you choose": true, "Before the next session": true}
	for _, r := range tagged {
		if !want[r.Title] {
			t.Errorf("tag filter shows %q", r.Title)
		}
	}
	if len(tagged) == 0 {
		t.Error("tag filter shows nothing")
	}
	if loc := eval[string](t, ctx, "location.href"); !strings.Contains(loc, "tag=accountability") {
		t.Errorf("the filter is not in the URL: %s", loc)
	}

	// No results: says so, and suggests.
	setValue(t, ctx, "#search-tag", "", "change")
	setValue(t, ctx, "#search-q", "confidenceship", "input")
	none, status, err := waitResults(ctx, "confidenceship", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(none) != 0 {
		t.Errorf("results for confidenceship: %v", none)
	}
	help := eval[string](t, ctx, `document.getElementById("search-help").textContent`)
	if !strings.Contains(status, "No results for “confidenceship”") || !strings.Contains(help, "confidences") || !strings.Contains(help, "Confidence") || !strings.Contains(help, "Browse all tags") {
		t.Errorf("no results: status %q, suggestions %q", status, help)
	}

	// The keyboard: "/" focuses the box, arrows move to a result, Enter opens it; back
	// shows the query and its results again.
	do(t, ctx, chromedp.Navigate(s.URL+"search/"), chromedp.WaitVisible("#search-filters"))
	eval[bool](t, ctx, `document.activeElement.blur(), true`)
	do(t, ctx, chromedp.KeyEvent("/", typed("/")), chromedp.KeyEvent("wheel"))
	if rs, _, err := waitResults(ctx, "wheel", "", ""); err != nil {
		t.Fatal(err)
	} else {
		firstIs(t, rs, "Wheel of life")
	}
	do(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
	if focused := eval[string](t, ctx, `document.activeElement.textContent`); focused != "Wheel of life" {
		t.Errorf("ArrowDown focused %q", focused)
	}
	do(t, ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(".content"))
	if loc := eval[string](t, ctx, "location.href"); !strings.HasSuffix(loc, "/worksheets/wheel-of-life/") {
		t.Fatalf("Enter opened %s", loc)
	}
	do(t, ctx, chromedp.NavigateBack(), chromedp.WaitVisible("#search-q"))
	if rs, _, err := waitResults(ctx, "wheel", "", ""); err != nil {
		t.Fatal(err)
	} else {
		firstIs(t, rs, "Wheel of life")
	}
	q := eval[string](t, ctx, `document.getElementById("search-q").value`)
	if loc := eval[string](t, ctx, "location.href"); q != "wheel" || !strings.HasSuffix(loc, "/search/?q=wheel") {
		t.Errorf("after back: query %q at %s", q, loc)
	}

	// What a query downloads: the manifest, a shard, the shown results' files.
	type fetchedFiles struct {
		Files []string `json:"files"`
		Bytes int      `json:"bytes"`
	}
	fetched := eval[fetchedFiles](t, ctx, `(function () {
		var es = performance.getEntriesByType("resource").filter(function (e) { return e.name.indexOf("/search/data/") >= 0; });
		return {files: es.map(function (e) { return e.name.replace(/^.*\/search\/data\//, ""); }),
			bytes: es.reduce(function (n, e) { return n + e.encodedBodySize; }, 0)};
	})()`)
	t.Logf("the query \"wheel\" fetched %d bytes: %v", fetched.Bytes, fetched.Files)
	if len(fetched.Files) < 3 || fetched.Files[0] != "manifest.json" || fetched.Bytes == 0 || fetched.Bytes > 150<<10 {
		t.Errorf("fetched %d bytes: %v", fetched.Bytes, fetched.Files)
	}
	// Each result shown is its slot of a result file, read with a Range request: no
	// result file is fetched whole.
	parts := eval[[]int](t, ctx, `performance.getEntriesByType("resource").filter(function (e) { return e.name.indexOf("/search/data/r/") >= 0; }).map(function (e) { return e.encodedBodySize; })`)
	if len(parts) == 0 {
		t.Error("no result's slot was read")
	}
	for _, n := range parts {
		if n != search.Slot {
			t.Errorf("a result file read %d bytes at once, not a slot's %d: %v", n, search.Slot, parts)
			break
		}
	}
}

// TestSearchWithoutRange: on a host that ignores Range requests and sends whole files, the
// results show all the same, each result file fetched once and the slots cut from it; on
// one that answers them without saying so in Accept-Ranges, each result is its slot.
func TestSearchWithoutRange(t *testing.T) {
	for _, mode := range []string{"whole", "unsaid"} {
		t.Run(mode, func(t *testing.T) {
			ctx, s := searchTab(t)
			if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{ignoreRange: mode}}); err != nil {
				t.Fatal(err)
			}
			do(t, ctx, chromedp.Navigate(s.URL+"search/?q=values"), chromedp.WaitVisible("#search-filters"))
			rs, _, err := waitResults(ctx, "values", "", "")
			if err != nil {
				t.Fatal(err)
			}
			firstIs(t, rs, "Your values")
			if len(rs) < 3 {
				t.Errorf("%d results: %v", len(rs), rs)
			}
			type entry struct {
				Name string `json:"name"`
				Size int    `json:"size"`
			}
			got := eval[[]entry](t, ctx, `performance.getEntriesByType("resource").filter(function (e) { return e.name.indexOf("/search/data/r/") >= 0; }).map(function (e) { return {name: e.name.replace(/^.*\/search\/data\//, ""), size: e.encodedBodySize}; })`)
			seen := map[string]bool{}
			for _, e := range got {
				want := search.Slot
				if mode == "whole" {
					want = len(s.Files[search.Dir+e.Name])
				}
				if (mode == "whole" && seen[e.Name]) || e.Size != want {
					t.Errorf("result files fetched: %v; want each %s", got, map[bool]string{true: "once, whole", false: "a slot"}[mode == "whole"])
					break
				}
				seen[e.Name] = true
			}
			if len(got) == 0 || (mode == "unsaid" && len(got) != len(rs)) {
				t.Errorf("%d reads of result files for %d results", len(got), len(rs))
			}
		})
	}
}

// TestSearchBox: the search box at the top of an article page lists the first results as
// a combobox; arrows choose one and Enter opens it.
func TestSearchBox(t *testing.T) {
	ctx, s := searchTab(t)
	do(t, ctx, chromedp.Navigate(s.URL+"articles/you-choose/"), chromedp.WaitVisible("#q-top"), chromedp.KeyEvent("/", typed("/")), chromedp.KeyEvent("wheel"))
	// The options are those of the whole word once the box announces it: on a busy machine a
	// pause between two keys longer than the box's 120 ms lets it list "whe" first, and
	// that list, taken for the last, is replaced under the arrow key that follows.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".site-header [role=status]").textContent.includes("“wheel”")`)); err != nil {
		t.Fatalf("the search box never announced the results for wheel: %v (it says %q)", err,
			eval[string](t, ctx, `document.querySelector(".site-header [role=status]").textContent`))
	}
	opts := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#q-top-list [role=option]")).map(function (o) { return o.textContent; })`)
	if len(opts) < 2 || !strings.HasPrefix(opts[0], "Wheel of life") {
		t.Fatalf("options %q", opts)
	}
	do(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
	expanded := eval[string](t, ctx, `document.getElementById("q-top").getAttribute("aria-expanded")`)
	active := eval[string](t, ctx, `document.getElementById("q-top").getAttribute("aria-activedescendant")`)
	live := eval[string](t, ctx, `document.querySelector(".site-header [role=status]").textContent`)
	if expanded != "true" || active != "q-top-list-0" || !strings.Contains(live, "wheel") {
		t.Errorf("combobox: expanded %q, active %q, announced %q", expanded, active, live)
	}
	do(t, ctx, chromedp.KeyEvent(kb.Enter, typed("\r")), chromedp.WaitVisible(".content"))
	if loc := eval[string](t, ctx, "location.href"); !strings.HasSuffix(loc, "/worksheets/wheel-of-life/") {
		t.Errorf("Enter opened %s", loc)
	}
}

// TestSearchIconNarrow: on the narrowest phones (320 and 360 px wide) the search icon and the
// menu link stay on the header's line beside the site's title, also when the title is long
// (it wraps within its own box), and nothing is wider than the screen. BETWEEN_SCREENSHOTS
// names a folder for the screenshots.
func TestSearchIconNarrow(t *testing.T) {
	ctx, s := searchTab(t)
	shots := screenshotDir(t)
	type box struct {
		Top, Bottom, Left, Right float64
	}
	type layout struct {
		Title, Menu, Search box
		ScrollWidth, Width  float64
	}
	const measure = `(function () {
		function r(sel) { var b = document.querySelector(sel).getBoundingClientRect(); return {top: b.top, bottom: b.bottom, left: b.left, right: b.right}; }
		return {title: r(".site-header .site-title"), menu: r(".site-header .menu-jump"), search: r(".site-header .search-jump"),
			scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth};
	})()`
	for _, width := range []int64{320, 360, 375} {
		for _, title := range []string{"", "Maria Lindqvist’s coaching library for new team leaders"} {
			do(t, ctx, chromedp.EmulateViewport(width, 700), chromedp.Navigate(s.URL+"articles/"), chromedp.WaitVisible(".site-title"))
			if title != "" {
				eval[bool](t, ctx, fmt.Sprintf(`(document.querySelector(".site-title").textContent = %q, true)`, title))
			}
			l := eval[layout](t, ctx, measure)
			where := fmt.Sprintf("%d px, title %q", width, title)
			for name, b := range map[string]box{"the search icon": l.Search, "the menu link": l.Menu} {
				// On the title's line: its middle within the title's first line's height.
				if mid := (b.Top + b.Bottom) / 2; mid > l.Title.Top+52 || b.Left < l.Title.Right-1 || b.Right > l.Width {
					t.Errorf("%s: %s is not beside the title: %+v, title %+v", where, name, b, l.Title)
				}
			}
			if l.ScrollWidth > l.Width {
				t.Errorf("%s: the page is %v px wide on a %v px screen", where, l.ScrollWidth, l.Width)
			}
			if shots != "" {
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("header-%d-%d.png", width, len(title))
				if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
