package devserver

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/between-ssg/between/internal/browsertest"
	"github.com/chromedp/chromedp"
)

// TestBrowserSearchKindAfterNewPages: pages added in the preview keep the other pages'
// numbers, so a kind's pages come in more than one run of numbers (search.Indexer
// KeepNumbers); search.js filters by kind over all of them: a client (the coach, here)
// searching the guides finds the new guide and the old, and not the new article.
func TestBrowserSearchKindAfterNewPages(t *testing.T) {
	ctx := browsertest.New(t)
	root := realSite(t)
	guide := func(title, body string) string {
		return "+++\ntitle = \"" + title + "\"\ndate = 2025-01-03\n+++\n" + body + "\n"
	}
	writeFile(t, root, "content/guides/breathing.md", guide("Breathing space", "A lantern for the evening."))
	writeFile(t, root, "content/worksheets/week.md", guide("The week", "What lit the week, a lantern or a friend?"))
	ts := startReal(t, root)

	results := func(q, kind string) []string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.url+"/search/?q="+q+"&kind="+kind)); err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal([]string{q, kind, ""})
		var titles []string
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) { // a failure deadline
			shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`document.getElementById("search-results").getAttribute("data-for") === `+
				jsString(string(want))+` && document.getElementById("search-status").textContent !== "" ?
				Array.from(document.querySelectorAll("#search-results .search-result a")).map(function (a) { return a.textContent; }).sort() : null`))
			if err == nil && shown != nil {
				return shown
			}
			titles = shown
		}
		t.Fatalf("no results shown for %q (kind %q): %q", q, kind, titles)
		return nil
	}
	if got := strings.Join(results("lantern", "guide"), "|"); got != "Breathing space" {
		t.Fatalf("lantern in the guides, before: %q", got)
	}

	// A guide that a build would number before the other (its address sorts first), and an
	// article, both with the word.
	ts.write("content/guides/a-first-light.md", guide("First light", "Carry a lantern."))
	ts.write("content/articles/lanterns.md", article("Lanterns", "On lanterns and the lantern we carry."))
	var kinds [][2]any
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) { // a failure deadline
		var m struct {
			N     int      `json:"n"`
			Kinds [][2]any `json:"kinds"`
		}
		if r := ts.get("/search/data/manifest.json"); r.status == 200 && json.Unmarshal([]byte(r.body), &m) == nil && m.N == 5 {
			kinds = m.Kinds
			break
		}
	}
	guides := 0
	for _, k := range kinds {
		if k[0] == "guide" {
			guides++
		}
	}
	if guides < 2 {
		t.Fatalf("the guides are in %d runs of numbers (%v): the test needs them in more than one", guides, kinds)
	}
	if got := strings.Join(results("lantern", "guide"), "|"); got != "Breathing space|First light" {
		t.Errorf("lantern in the guides: %q", got)
	}
	if got := strings.Join(results("lantern", "article"), "|"); got != "Lanterns" {
		t.Errorf("lantern in the articles: %q", got)
	}
	if got := strings.Join(results("lantern", "worksheet"), "|"); got != "The week" {
		t.Errorf("lantern in the worksheets: %q", got)
	}
	if got := strings.Join(results("lantern", ""), "|"); got != "Breathing space|First light|Lanterns|The week" {
		t.Errorf("lantern: %q", got)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
