package render

import (
	"encoding/xml"
	"fmt"
	"maps"
	"math/rand"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/site"
)

func testSite(n int) *site.Site {
	s := &site.Site{Title: "Lib & <Co>", Description: "d", Language: "en", BaseURL: "https://example.org/library/", BasePath: "/library/", Author: "Robin"}
	s.Home = &site.Page{Kind: "home", URL: "/library/", Permalink: "https://example.org/library/"}
	sec := &site.Section{Name: "articles", Kind: "article", URL: "/library/articles/"}
	s.Sections = []*site.Section{sec}
	for i := 0; i < n; i++ {
		slug := fmt.Sprintf("p%02d", i)
		p := &site.Page{
			File: "content/articles/" + slug + ".md", Kind: "article", Section: "articles", Slug: slug,
			Title: fmt.Sprintf("Page <%d> & more", i), URL: "/library/articles/" + slug + "/",
			Permalink: "https://example.org/library/articles/" + slug + "/",
			Date:      time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC), Body: markdown.NewBody([]byte("<p>x</p>")), Summary: "s &amp; t",
		}
		s.Pages = append([]*site.Page{p}, s.Pages...) // newest first
		sec.Pages = append(sec.Pages, p)
	}
	s.Unlisted = []*site.Page{{File: "content/secret.md", Kind: "page", Title: "Secret", URL: "/library/secret/", Permalink: "https://example.org/library/secret/", Unlisted: true}}
	return s
}

func TestFeed(t *testing.T) {
	var feed struct {
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Summary string `xml:"summary"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	data := Feed(testSite(40))
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatalf("not XML: %v\n%s", err, data)
	}
	if feed.Title != "Lib & <Co>" {
		t.Errorf("title %q", feed.Title)
	}
	if len(feed.Entries) != FeedSize {
		t.Errorf("%d entries, want %d", len(feed.Entries), FeedSize)
	}
	if feed.Entries[0].Title != "Page <39> & more" || feed.Entries[0].ID != "https://example.org/library/articles/p39/" {
		t.Errorf("first entry %+v", feed.Entries[0])
	}
	if feed.Updated != "2026-02-09T00:00:00Z" || feed.Entries[0].Updated != feed.Updated {
		t.Errorf("updated %q, first entry %q", feed.Updated, feed.Entries[0].Updated)
	}
	if feed.Entries[0].Content != "<p>x</p>" || feed.Entries[0].Summary != "s &amp; t" {
		t.Errorf("content %q summary %q", feed.Entries[0].Content, feed.Entries[0].Summary)
	}
	if strings.Contains(string(data), "Secret") {
		t.Error("the unlisted page is in the feed")
	}
	// A site with no pages still has a valid feed, and the same one every time.
	empty := Feed(testSite(0))
	feed.Entries = nil
	if err := xml.Unmarshal(empty, &feed); err != nil || len(feed.Entries) != 0 {
		t.Errorf("empty feed: %v %s", err, empty)
	}
	if string(Feed(testSite(0))) != string(empty) {
		t.Error("the feed of an empty site changes from build to build")
	}
}

func TestSitemapAndRobots(t *testing.T) {
	s := testSite(2)
	data := Sitemap(s)
	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &sm); err != nil {
		t.Fatal(err)
	}
	var locs []string
	for _, u := range sm.URLs {
		locs = append(locs, u.Loc+" "+u.LastMod)
	}
	want := []string{"https://example.org/library/ ", "https://example.org/library/articles/ ",
		"https://example.org/library/articles/p00/ 2026-01-01", "https://example.org/library/articles/p01/ 2026-01-02"}
	if strings.Join(locs, "\n") != strings.Join(want, "\n") {
		t.Errorf("sitemap\n%s\nwant\n%s", strings.Join(locs, "\n"), strings.Join(want, "\n"))
	}
	if got := string(Robots(s)); got != "User-agent: *\nAllow: /\n\nSitemap: https://example.org/library/sitemap.xml\n" {
		t.Errorf("robots.txt %q", got)
	}
}

func TestPlanPaths(t *testing.T) {
	s := testSite(2)
	s.Pages[0].Aliases = []string{"/old/p01/", "legacy"}
	seen := map[string]string{}
	for _, o := range Plan(s, 0) {
		if prev, dup := seen[o.Path]; dup {
			t.Errorf("two outputs at %s: %s and %s", o.Path, prev, o.Layout)
		}
		seen[o.Path] = o.Layout
	}
	want := map[string]string{
		"index.html": "home", "404.html": "404", "search/index.html": "search", "tags/index.html": "tags",
		"articles/index.html": "section", "articles/p00/index.html": "article", "articles/p01/index.html": "article",
		"secret/index.html": "page", "old/p01/index.html": "alias", "legacy/index.html": "alias", "notes/index.html": "notes",
	}
	for path, layout := range want {
		if seen[path] != layout {
			t.Errorf("%s: layout %q, want %q", path, seen[path], layout)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("outputs %v", seen)
	}
}

func TestPlanAliasAtTheRoot(t *testing.T) {
	s := testSite(1)
	s.Pages[0].Aliases = []string{"/"}
	for _, o := range Plan(s, 0) {
		if strings.HasPrefix(o.Path, "/") {
			t.Errorf("output path %q", o.Path)
		}
	}
}

// TestSitemapAsEncodingXML: the sitemap, written by hand for speed, is byte for byte what
// encoding/xml made of it (sitemapByEncoder, the earlier code), for a library in one
// language and in several, with addresses that need escaping, dated and undated pages,
// plain pages, paths and tags.
func TestSitemapAsEncodingXML(t *testing.T) {
	one := testSite(3)
	one.Pages[0].Permalink = "https://example.org/library/articles/уверенность & co/?a=1&b='2'"
	one.Pages[1].Lastmod = time.Date(2026, 3, 1, 23, 30, 0, 0, time.FixedZone("x", -5*3600))
	one.Plain = []*site.Page{{File: "content/about.md", Kind: "page", Permalink: "https://example.org/library/about/"}}
	tag := &site.Tag{Name: "Calm <ish>", Slug: "calm", URL: "/library/tags/calm/"}
	one.Tags = []*site.Tag{tag}
	one.Paths = []*site.Path{{Page: one.Pages[2], PrintURL: "/library/paths/first/print/"}}

	two := testSite(2)
	two.Languages = []site.Language{{Lang: "en", Current: true}, {Lang: "de"}}
	alts := func(up string, twin bool) []site.Translation {
		return []site.Translation{
			{Lang: "en", Permalink: "https://example.org/library/" + up, Twin: true, Current: true},
			{Lang: "de", Permalink: "https://example.org/library/de/" + up, Twin: twin},
		}
	}
	two.Home.Translations = alts("", true)
	two.Pages[0].Translations = alts("articles/p01/", true)
	two.Pages[1].Translations = alts("articles/p00/", false)
	// The default language's twin missing: no x-default.
	two.Pages[1].Translations[0].Twin, two.Pages[1].Translations[1].Twin = false, true

	for name, s := range map[string]*site.Site{"one language": one, "two": two, "empty": testSite(0)} {
		if got, want := Sitemap(s), sitemapByEncoder(s); string(got) != string(want) {
			t.Errorf("%s:\n%s\nwant\n%s", name, got, want)
		}
	}
}

// sitemapByEncoder is the sitemap as encoding/xml made it, to compare Sitemap with.
func sitemapByEncoder(s *site.Site) []byte {
	type alt struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type entry struct {
		Loc        string `xml:"loc"`
		LastMod    string `xml:"lastmod,omitempty"`
		Alternates []alt  `xml:"xhtml:link"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		XHTML   string   `xml:"xmlns:xhtml,attr,omitempty"`
		URLs    []entry  `xml:"url"`
	}
	u := urlset{}
	if len(s.Languages) > 1 {
		u.XHTML = "http://www.w3.org/1999/xhtml"
	}
	add := func(loc string, t time.Time, ts []site.Translation) {
		e := entry{Loc: escapeURL(loc)}
		if !t.IsZero() {
			e.LastMod = t.UTC().Format("2006-01-02")
		}
		for _, a := range sitemapAlts(ts) {
			e.Alternates = append(e.Alternates, alt(a))
		}
		u.URLs = append(u.URLs, e)
	}
	sitemapEntries(s, add)
	return marshal(u)
}

// TestReplanAsPlan: after pages move in their section and a page joins a tag, Replan of the
// old plan gives the outputs Plan gives of the site as it is now, with the same
// dependencies and list pages, and replaces only what moved.
func TestReplanAsPlan(t *testing.T) {
	s := testSite(7)
	sec := s.Sections[0]
	link := func() {
		for i, p := range sec.Pages {
			p.Prev, p.Next = nil, nil
			if i > 0 {
				p.Prev = sec.Pages[i-1]
			}
			if i+1 < len(sec.Pages) {
				p.Next = sec.Pages[i+1]
			}
		}
	}
	link()
	calm, focus := &site.Tag{Name: "Calm", Slug: "calm", URL: "/library/tags/calm/"}, &site.Tag{Name: "Focus", Slug: "focus", URL: "/library/tags/focus/"}
	calm.Pages = append(calm.Pages, sec.Pages[0], sec.Pages[1], sec.Pages[2])
	focus.Pages = append(focus.Pages, sec.Pages[4])
	s.Tags = []*site.Tag{calm, focus}
	s.Pages[3].Aliases = []string{"/old/"}
	before := Plan(s, 2)

	// The second page moves to the end of its section; the last one joins Calm.
	moving, joining := sec.Pages[1], sec.Pages[6]
	sec.Pages = append(append(sec.Pages[:1:1], sec.Pages[2:]...), moving)
	link()
	calm.Pages = append(slices.Clone(calm.Pages), joining)
	moved := site.Moved{Pages: []*site.Page{sec.Pages[0], sec.Pages[1], sec.Pages[5], moving}, Sections: []*site.Section{sec}, Tags: []*site.Tag{calm}}

	got, dropped, added := Replan(s, 2, before, moved, []*site.Page{joining})
	want := Plan(s, 2)
	show := func(outs []*Output) map[string]string {
		m := map[string]string{}
		for _, o := range outs {
			var list []string
			if o.Data.Section != nil {
				for _, p := range o.Data.Section.Pages {
					list = append(list, p.File)
				}
			}
			if o.Data.Tag != nil {
				for _, p := range o.Data.Tag.Pages {
					list = append(list, p.File)
				}
			}
			m[o.Path] = fmt.Sprintf("%s %v %v %v %+v", o.Layout, o.Deps, list, o.Data.Page.Title, o.Data.Pager)
		}
		return m
	}
	if g, w := show(got), show(want); !maps.Equal(g, w) || len(got) != len(want) {
		t.Errorf("Replan:\n%v\nwant Plan:\n%v", g, w)
	}
	if len(dropped) != len(added) || len(dropped) == 0 || len(dropped) == len(before) {
		t.Errorf("replaced %d outputs by %d, of %d", len(dropped), len(added), len(before))
	}
}

// TestEscapeURLPlain: an address that escapeURL takes as plain, without parsing it, is one
// that url.Parse and String give back as it is.
func TestEscapeURLPlain(t *testing.T) {
	cases := []string{"", "/", "/articles/x/", "https://example.org/library/", "http://localhost:1313/a/", "//host/x",
		"https:///x", "https://a/b:c", "https://host:abc/", "HTTPS://x/", "a:b/c", "./a", "../a", "a//b", "~x/", "https://",
		"/a b/", "/a%20b/", "/уверенность/", "https://example.org/?q=1", "/x#y", "mailto:a@b"}
	rng := rand.New(rand.NewSource(1))
	const alphabet = "ab/:.-_~%#?@ HTPS"
	for range 20000 {
		b := make([]byte, rng.Intn(12))
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		prefix := []string{"", "http://", "https://", "/"}[rng.Intn(4)]
		cases = append(cases, prefix+string(b))
	}
	for _, c := range cases {
		if !plainURL(c) {
			continue
		}
		u, err := url.Parse(c)
		if err == nil && u.String() != c {
			t.Errorf("%q is taken as plain, but url.Parse and String give %q", c, u.String())
		}
	}
	if plainURL("/a b/") || plainURL("HTTPS://x/") || !plainURL("https://example.org/library/articles/x/") {
		t.Error("plainURL takes the wrong addresses")
	}
}
