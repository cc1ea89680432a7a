package build

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestRelativeAddressLinks builds a step of a reading path that links the about page by a
// relative address, correct on the page's own address: the link must lead to the about page
// from the page and from the path's booklet, whose address is another, and in the feed.
func TestRelativeAddressLinks(t *testing.T) {
	root := writeSite(t, map[string]string{
		"config.toml":      "baseURL = \"https://example.org/lib/\"\ntitle = \"Lib\"\n",
		"content/about.md": mdPage("About", "", "About me."),
		"content/articles/welcome.md": mdPage("Welcome", "date = 2026-01-01",
			"Read [about](../../about/) and [more](../../about/?from=welcome#top).\n\nSee [below](#what-to-do-next).\n\n## What to do next\n\nRest."),
		"content/paths/start-here.md": mdPage("Start here", "steps = [\"articles/welcome.md\"]", "Intro."),
	})
	res := mustBuild(t, newBuilder(root))
	for _, c := range []struct{ file, addr string }{
		{"articles/welcome/index.html", "https://example.org/lib/articles/welcome/"},
		{"paths/start-here/print/index.html", "https://example.org/lib/paths/start-here/print/"},
	} {
		html := string(res.Files[c.file])
		if html == "" {
			t.Fatalf("no %s", c.file)
		}
		base, _ := url.Parse(c.addr)
		found := 0
		for _, m := range regexp.MustCompile(`<a href="([^"]*)">(about|more)</a>`).FindAllStringSubmatch(html, -1) {
			ref, err := url.Parse(strings.ReplaceAll(m[1], "&amp;", "&"))
			if err != nil {
				t.Fatal(err)
			}
			if got := base.ResolveReference(ref); got.Path != "/lib/about/" {
				t.Errorf("%s: %s leads to %s, want /lib/about/", c.file, m[0], got)
			}
			found++
		}
		if found != 2 {
			t.Errorf("%s: %d links to about, want 2:\n%s", c.file, found, html)
		}
	}
	if !strings.Contains(string(res.Files["articles/welcome/index.html"]), `href="/lib/about/?from=welcome#top"`) {
		t.Error("the query and fragment of a relative link are not kept")
	}
	// The booklet's same-page link leads to the step's copy, as a .md link's anchor does.
	booklet := string(res.Files["paths/start-here/print/index.html"])
	if m := regexp.MustCompile(`href="#([^"]*what-to-do-next)"`).FindStringSubmatch(booklet); m == nil || !strings.Contains(booklet, `id="`+m[1]+`"`) {
		t.Errorf("the booklet's link to #what-to-do-next has no target in the booklet:\n%s", booklet)
	}
	// In the feed, a link to a heading leads to the page, not into the feed.
	feed := string(res.Files["index.xml"])
	if !strings.Contains(feed, `xml:base="https://example.org/lib/articles/welcome/"`) {
		t.Errorf("the feed entry with a same-page link has no xml:base:\n%s", feed)
	}
}
