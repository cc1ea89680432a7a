package themes_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/internal/browsertest"
)

// TestBrowserLinkToHeadingTitle: a page whose title is its first heading shows that
// heading as its h1, and a link to the heading's id, on the page (the first link of its
// text) or from another page, brings the h1 into view as a link to a heading does.
func TestBrowserLinkToHeadingTitle(t *testing.T) {
	browsertest.Require(t)
	root := t.TempDir()
	long := ""
	for range 80 {
		long += "A paragraph that makes the page longer than a phone's screen.\n\n"
	}
	for name, text := range map[string]string{
		"config.toml":           "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n",
		"content/articles/a.md": "# Noticing in the moment\n\n" + long + "[Back to the top](#noticing-in-the-moment)\n",
		"content/articles/b.md": "# Menu\n\n" + long + "[Back to the top](#menu-1) and [to a](a.md#noticing-in-the-moment)\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := &library{}
	l.srv = httptest.NewUnstartedServer(l)
	l.base = "http://" + l.srv.Listener.Addr().String() + "/library/"
	res, err := build.New(build.Options{Root: root, BaseURL: l.base}).Build()
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	l.files = res.Files
	l.srv.Start()
	t.Cleanup(l.srv.Close)

	ctx := browsertest.New(t)
	run(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile))
	// Where the h1 is, in the window: at the top when scrolled to, and how far down the
	// page is scrolled.
	const where = `(() => { const h = document.querySelector("h1"); return [h.getBoundingClientRect().top, window.scrollY, document.querySelectorAll("[id=" + JSON.stringify(h.id) + "]").length]; })()`
	for _, c := range []struct{ page, link, want string }{
		{"articles/a/", `.content a[href$="#noticing-in-the-moment"]`, "noticing-in-the-moment"},
		{"articles/b/", `.content a[href="#menu-1"]`, "menu-1"},
		{"articles/b/", `.content a[href$="/articles/a/#noticing-in-the-moment"]`, "noticing-in-the-moment"},
	} {
		visit(t, ctx, l.base+c.page, "h1")
		js[chromedp.Void](t, ctx, `document.querySelector(`+quote(c.link)+`).scrollIntoView()`)
		if before := js[[]float64](t, ctx, where); before[1] < 500 {
			t.Fatalf("%s: scrolled %v px to the link, want a page longer than a screen", c.page, before[1])
		}
		run(t, ctx, chromedp.Click(chromedp.CSS(c.link)))
		time.Sleep(300 * time.Millisecond) // the scroll, smooth or not
		if got := js[string](t, ctx, `location.hash.slice(1) + " " + document.querySelector("h1").id`); got != c.want+" "+c.want {
			t.Errorf("%s: after the link, the address's #id and the h1's id are %q, want %s", c.page, got, c.want)
		}
		if after := js[[]float64](t, ctx, where); after[0] < -1 || after[0] > 100 || after[2] != 1 {
			t.Errorf("%s: after the link to the title, the h1 is %v px from the window's top (want it in view at the top), and its id is on %v elements", c.page, after[0], after[2])
		}
	}
}
