package markdown

import (
	"reflect"
	"testing"
)

// Converted with NoHTML, a page's Doc is the one converted at once in everything but its
// HTML: words, summary, headings, ids, links, fields and problems do not need it. A page
// with footnotes is rendered all the same, for the ids its footnotes get in the HTML.
func TestConvertNoHTML(t *testing.T) {
	resolve := func(target string) (string, bool) {
		if target == "worksheets/values.md" {
			return "/worksheets/values/", true
		}
		return "", false
	}
	pages := map[string]string{
		"plain":    "First paragraph, with “quotes” and a [link](../worksheets/values.md#top).\n\n## One {#one}\n\nText.\n\n## One {#one}\n\n[gone](missing.md) and [here](#one)\n",
		"fields":   "Intro.\n\n- [ ] a task\n- [x] done\n\n::: scale How calm are you? {min=1 max=5}\n:::\n\n::: answer\n:::\n",
		"empty":    "",
		"footnote": "A claim.[^1] See [the note](#fn:1).\n\n[^1]: The source.\n",
	}
	c := New(false)
	for name, src := range pages {
		o := Options{Rel: "articles/x.md", Resolve: resolve, Fields: name == "fields"}
		want, err := c.Convert([]byte(src), o)
		if err != nil {
			t.Fatal(err)
		}
		o.NoHTML = true
		got, err := c.Convert([]byte(src), o)
		if err != nil {
			t.Fatal(err)
		}
		if name == "footnote" {
			if got.NoHTML || !got.Body.Equal(want.Body) || !got.IDs["fn:1"] {
				t.Errorf("%s: NoHTML left out the HTML of a page with footnotes (ids %v)", name, got.IDs)
			}
		} else if !got.NoHTML || got.Body != nil {
			t.Errorf("%s: NoHTML made the HTML", name)
		}
		if want.NoHTML {
			t.Errorf("%s: a page converted at once says its HTML was left out", name)
		}
		got.Body, want.Body, got.NoHTML = nil, nil, false
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: converted without its HTML\n%+v\nwant\n%+v", name, got, want)
		}
		// What each page is here to compare.
		if name == "plain" && (len(got.Links) < 2 || len(got.Problems) == 0 || got.WordCount == 0 || got.Summary == "" || len(got.Headings) != 2) {
			t.Errorf("%s: the page has no links, problem, words, summary or headings to compare: %+v", name, got)
		}
		if name == "fields" && len(got.Fields) < 4 {
			t.Errorf("%s: %d fields, want the page's 4", name, len(got.Fields))
		}
	}
}
