package theme_test

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/generator/theme"
	"github.com/between-ssg/between/internal/browsertest"
	"github.com/between-ssg/between/themes"
)

// TestDatesAgreeWithBrowser checks that a date the generator writes (a page's date) and a date
// the browser writes (a date a client picked, printed) read the same in every language the
// theme ships, so a printed worksheet never mixes "14 March" and "March 14".
func TestDatesAgreeWithBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test; run without -short")
	}
	core, err := fs.ReadFile(themes.Default, "default/static/js/between-core.js")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/core.js" {
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(core)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html><head><script src="/core.js"></script></head><body></body></html>`))
	}))
	defer srv.Close()
	ctx := browsertest.New(t)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	marks := strings.NewReplacer("\u200f", "", "\u200e", "", "\u061c", "")
	for _, lang := range []string{"en", "en-US", "en-GB", "en-AU", "de", "de-AT", "fr", "es", "it", "pt", "pt-BR", "nl", "pl", "sv", "ja", "zh-Hans", "ar"} {
		th, err := theme.Load(fstest.MapFS{}, "", lang)
		if err != nil {
			t.Fatal(err)
		}
		browser, err := chromedp.Run(ctx, chromedp.Evaluate[string](`BetweenCore.longDate("2025-03-14", "`+lang+`")`))
		if err != nil {
			t.Fatal(err)
		}
		if got := th.Date(day); marks.Replace(browser) != got {
			t.Errorf("%s: the generator writes %q, the browser %q", lang, got, browser)
		}
	}
}
