package theme_test

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/theme"
	"github.com/between-ssg/between/internal/browsertest"
	"github.com/between-ssg/between/themes"
)

// TestStringsFileHoldsTheWords: in every language the theme ships, js/strings.js gives each
// script what a browser reads from the hidden elements the pages used to hold (their
// dataset, key by key and in order), with the site's own values in them (its base path,
// the coach's name and address, written to need escaping).
func TestStringsFileHoldsTheWords(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test; run without -short")
	}
	langs, err := fs.Glob(themes.Default, "default/i18n/*.toml")
	if err != nil || len(langs) < 10 {
		t.Fatalf("the theme's languages: %v, %v", langs, err)
	}
	type page struct{ html, js []byte }
	pages := map[string]page{}
	for _, l := range langs {
		lang := strings.TrimSuffix(strings.TrimPrefix(l, "default/i18n/"), ".toml")
		th, err := theme.Load(fstest.MapFS{}, "", lang)
		if err != nil {
			t.Fatal(err)
		}
		f := newFixture("A4")
		f.site.Language = lang
		f.site.CoachName = `Ana "Zoë" O'Neil <&amp;>`
		f.site.CoachEmail = "ana+coach@example.org"
		words, ok, err := th.Strings(&render.Data{Site: f.site, Page: f.home, Layout: "home"})
		if err != nil || !ok {
			t.Fatalf("%s: %v, %v", lang, ok, err)
		}
		if !strings.Contains(string(words), `id="sessions-strings"`) {
			t.Fatalf("%s: the template wrote no sessions-strings: %.200s", lang, words)
		}
		pages[lang] = page{html: words, js: render.StringsScript(words)}
	}
	// A site's own "strings" template may write its elements any way HTML allows.
	odd := []byte(`<!-- <div id="commented" data-x="no"> --><br/>
<div id="odd" hidden data-a='single "q"' data-b=bare DATA-Upper="up" data-c-1="digit" data-d--e="two dashes" data-a="second"
  data-amp="&lt;&amp;&#39;&eacute;&#x263A;&amp" data-empty data-f = "spaced" data-g=a&gt;b></div>
<span id="odd" data-x="the second of an id"></span>
<p id="plain">a < sign, and <b>bold</b></p><div data-h="no id"></div>`)
	pages["odd"] = page{html: odd, js: render.StringsScript(odd)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang, file, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		p, ok := pages[lang]
		switch {
		case !ok:
			http.NotFound(w, r)
		case file == "strings.js":
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(p.js)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<!doctype html><html><head><meta charset="utf-8"><script src="strings.js"></script></head><body>` + string(p.html) + `</body></html>`))
		}
	}))
	defer srv.Close()
	ctx := browsertest.New(t)
	type compared struct {
		IDs    []string `json:"ids"`
		Differ []string `json:"differ"`
		Keys   int      `json:"keys"`
		Coach  string   `json:"coach"`
	}
	for lang := range pages {
		if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/"+lang+"/")); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[compared](`(function () {
  var out = {ids: [], differ: [], keys: 0, coach: ""};
  var file = window.BetweenStrings || {};
  document.querySelectorAll("body [id]").forEach(function (el) {
    if (out.ids.indexOf(el.id) >= 0) return; // getElementById finds the first
    out.ids.push(el.id);
    var page = JSON.stringify(Object.assign({}, el.dataset));
    if (JSON.stringify(file[el.id]) !== page) out.differ.push(el.id + ": page " + page + " file " + JSON.stringify(file[el.id]));
    out.keys += Object.keys(el.dataset).length;
  });
  if (Object.keys(file).length !== out.ids.length) out.differ.push("the file has " + Object.keys(file).join(","));
  out.coach = (file["sessions-strings"] || {}).coachName || "";
  return out;
})()`))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range got.Differ {
			t.Errorf("%s: %s", lang, d)
		}
		if lang == "odd" {
			if strings.Join(got.IDs, ",") != "odd,plain" {
				t.Errorf("odd: elements %q", got.IDs)
			}
			continue
		}
		if want := []string{"worksheet-strings", "search-strings", "sessions-strings", "between-strings"}; strings.Join(got.IDs, ",") != strings.Join(want, ",") {
			t.Errorf("%s: elements %q, want %q", lang, got.IDs, want)
		}
		if got.Keys < 100 {
			t.Errorf("%s: only %d words compared", lang, got.Keys)
		}
		if got.Coach != `Ana "Zoë" O'Neil <&amp;>` {
			t.Errorf("%s: the coach's name reads %q in the file", lang, got.Coach)
		}
	}
}
