package main

import (
	"encoding/xml"
	"html"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/build"
)

// The structural facts of the site-basic fixture: what must hold whatever the theme looks
// like. They run on the probe layouts and on the default theme.

const base = "/library/"

var (
	attrRe = regexp.MustCompile(`\s(href|src)="([^"]*)"`)
	idRe   = regexp.MustCompile(`\sid="([^"]*)"`)
	linkRe = regexp.MustCompile(`<link\s[^>]*>`)
	h1Re   = regexp.MustCompile(`<h1[\s>]`)
)

func TestSiteBasicFacts(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.name, func(t *testing.T) {
			dir := fixtureSite(t, "site-basic", gc.probe)
			res, err := buildAt(dir, build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			siteFacts(t, res.Files, gc.probe)
		})
	}
}

func siteFacts(t *testing.T, files map[string][]byte, probe bool) {
	has := func(name string) bool { _, ok := files[name]; return ok }
	text := func(name string) string {
		t.Helper()
		data, ok := files[name]
		if !ok {
			t.Fatalf("no %s in the output", name)
		}
		return string(data)
	}

	t.Run("every page type is written", func(t *testing.T) {
		for _, name := range []string{
			"index.html", "404.html", "robots.txt", "sitemap.xml", "index.xml",
			"articles/index.html", "guides/index.html", "worksheets/index.html", "paths/index.html",
			"articles/markdown-tour/index.html", "articles/second-thoughts/index.html", "articles/own-slug/index.html",
			"guides/weekly-reflection/index.html", "worksheets/values/index.html",
			"paths/first-weeks/index.html", "paths/first-weeks/print/index.html",
			"paths/deciding/index.html", "paths/deciding/print/index.html",
			"about/index.html", "how-to-use/index.html", "for-sam/index.html",
			"tags/index.html", "tags/decision-making/index.html", "search/index.html",
			"old/tour/index.html", "articles/tour-2025/index.html", "images/leaf.svg",
		} {
			if !has(name) {
				t.Errorf("%s is missing", name)
			}
		}
		if has("articles/renamed-file/index.html") {
			t.Error("a page with a slug is also written under its file name")
		}
	})

	t.Run("drafts, future and expired pages are absent", func(t *testing.T) {
		for name, data := range files {
			for _, s := range []string{"An idea in progress", "draft-idea", "Published next year", "next-year", "Expired news", "old-news", "Secret Tag", "secret-tag"} {
				if strings.Contains(string(data), s) || strings.Contains(name, s) {
					t.Errorf("%s shows %q", name, s)
				}
			}
		}
	})

	t.Run("the unlisted page is built, marked noindex and listed nowhere", func(t *testing.T) {
		if !strings.Contains(text("for-sam/index.html"), `<meta name="robots" content="noindex">`) {
			t.Error("for-sam/index.html is not marked noindex")
		}
		for name, data := range files {
			if name == "for-sam/index.html" {
				continue
			}
			if strings.Contains(string(data), "for-sam") || strings.Contains(string(data), "Notes for Sam") {
				t.Errorf("%s mentions the unlisted page", name)
			}
		}
		// Listed pages are not noindex.
		for _, name := range []string{"index.html", "articles/markdown-tour/index.html", "about/index.html", "tags/reflection/index.html"} {
			if strings.Contains(text(name), "noindex") {
				t.Errorf("%s is marked noindex", name)
			}
		}
	})

	t.Run("aliases redirect to the page", func(t *testing.T) {
		for _, name := range []string{"old/tour/index.html", "articles/tour-2025/index.html"} {
			s := text(name)
			// The page's path: a redirect to its absolute URL would leave any host but
			// baseURL's (the preview, a mirror). Search engines get the URL as canonical.
			target := "/library/articles/markdown-tour/"
			if !strings.Contains(s, `<link rel="canonical" href="https://example.org`+target+`">`) {
				t.Errorf("%s has no canonical URL:\n%s", name, s)
			}
			if !strings.Contains(s, `<meta http-equiv="refresh" content="0; url=`+target+`">`) {
				t.Errorf("%s does not redirect:\n%s", name, s)
			}
			if !strings.Contains(s, `href="`+target+`"`) {
				t.Errorf("%s has no link to the page", name)
			}
			if !strings.Contains(s, "noindex") {
				t.Errorf("%s is not marked noindex", name)
			}
		}
	})

	t.Run("tags: normalised URLs, first-written names", func(t *testing.T) {
		for name := range files {
			if strings.HasPrefix(name, "tags/") && (strings.ContainsAny(name, " ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
				t.Errorf("tag output %q is not normalised", name)
			}
		}
		tags := text("tags/index.html")
		for _, want := range []string{">Decision Making<", `href="/library/tags/decision-making/"`, ">New Clients<", `href="/library/tags/new-clients/"`} {
			if !strings.Contains(tags, want) {
				t.Errorf("tags/index.html lacks %s", want)
			}
		}
		if strings.Contains(tags, ">decision making<") {
			t.Error("the tag shows as written second, not first")
		}
		// All three pages tagged Decision Making, in either spelling, are on its pages (two
		// a page: the fixture's paginate).
		dm := text("tags/decision-making/index.html") + text("tags/decision-making/page/2/index.html")
		for _, p := range []string{"/library/articles/markdown-tour/", "/library/articles/second-thoughts/", "/library/worksheets/values/"} {
			if !strings.Contains(dm, `href="`+p+`"`) {
				t.Errorf("tags/decision-making/ does not list %s", p)
			}
		}
		// The tag's path is on the tag page, before the pages.
		nc := mainPart(text("tags/new-clients/index.html"))
		if !strings.Contains(nc, `href="/library/paths/first-weeks/"`) {
			t.Error("tags/new-clients/ does not list its path")
		}
	})

	t.Run("reading paths", func(t *testing.T) {
		fw := mainPart(text("paths/first-weeks/index.html"))
		for _, s := range []string{"Before session 2", "Before session 3", `href="/library/paths/first-weeks/print/"`} {
			if !strings.Contains(fw, s) {
				t.Errorf("the path page lacks %s", s)
			}
		}
		inOrder(t, "paths/first-weeks/", fw, "/library/articles/markdown-tour/", "/library/guides/weekly-reflection/", "/library/worksheets/values/", "/library/about/")
		// A tag path takes every page with the tag, by weight, then oldest first.
		inOrder(t, "paths/deciding/", mainPart(text("paths/deciding/index.html")), "/library/articles/markdown-tour/", "/library/worksheets/values/", "/library/articles/second-thoughts/")
		booklet := text("paths/first-weeks/print/index.html")
		inOrder(t, "the booklet", booklet, "A tour of Markdown", "Weekly reflection", "Your values", "Robin coaches people through change.")
		if !strings.Contains(booklet, "<textarea") || !strings.Contains(booklet, "What matters most to you?") {
			t.Error("the booklet does not carry the worksheet's fields")
		}
		// A step page names its place in the path.
		if !strings.Contains(text("guides/weekly-reflection/index.html"), `href="/library/paths/first-weeks/"`) {
			t.Error("a step does not link to its path")
		}
	})

	t.Run("markdown features reach the page", func(t *testing.T) {
		tour := text("articles/markdown-tour/index.html")
		for _, s := range []string{
			"<table>", `<del>Crossed out</del>`, `<a href="https://example.com/auto">`, `id="fn:1"`,
			"<dl>", "&ldquo;Double&rdquo;", `<h3 id="quotes-and-dashes">`, `href="#quotes-and-dashes"`,
			`href="/library/worksheets/values/#f-important"`, `href="/library/guides/weekly-reflection/#before-you-start"`,
			`src="/library/images/leaf.svg"`, `href="/library/about/"`, `href="https://example.com/original-tour"`,
			"Read the original", `<input checked="" disabled="" type="checkbox">`,
		} {
			if !strings.Contains(tour, s) {
				t.Errorf("the tour page lacks %s", s)
			}
		}
		if strings.Contains(tour, `class="raw"`) {
			t.Error("raw HTML got through without markdown.unsafe")
		}
		ws := text("worksheets/values/index.html")
		for _, s := range []string{`id="f-important"`, `id="f-confidence-1"`, `id="f-energy-1"`, `id="f-actions-1"`, `id="f-week-r1-c1"`, `id="f-when"`} {
			if !strings.Contains(ws, s) {
				t.Errorf("the worksheet lacks %s", s)
			}
		}
		if g := text("guides/weekly-reflection/index.html"); !strings.Contains(g, `id="f-find-a-quiet-place"`) {
			t.Error("a guide's task list is not saved checkboxes")
		}
		if p := text("articles/second-thoughts/index.html"); strings.Contains(p, "mood") && probe && !strings.Contains(p, "mood=calm") {
			t.Error("the YAML page's extra key is not in .Params")
		}
	})

	t.Run("feed", func(t *testing.T) {
		var feed struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			Links   []struct {
				Href string `xml:"href,attr"`
				Rel  string `xml:"rel,attr"`
			} `xml:"link"`
			Entries []struct {
				Title string `xml:"title"`
				ID    string `xml:"id"`
				Link  struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
				Updated string `xml:"updated"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(files["index.xml"], &feed); err != nil {
			t.Fatalf("index.xml is not an Atom feed: %v", err)
		}
		if len(feed.Links) == 0 || feed.Links[0].Href != "https://example.org/library/index.xml" || feed.Links[0].Rel != "self" {
			t.Errorf("feed links %+v", feed.Links)
		}
		if len(feed.Entries) == 0 || feed.Entries[0].Title != "Second thoughts" {
			t.Errorf("the feed does not start with the newest page: %+v", feed.Entries)
		}
		for _, e := range feed.Entries {
			if !strings.HasPrefix(e.Link.Href, "https://example.org/library/") || e.ID != e.Link.Href || e.Updated == "" {
				t.Errorf("entry %+v", e)
			}
			if !has(strings.TrimPrefix(e.Link.Href, "https://example.org/library/") + "index.html") {
				t.Errorf("entry %s links to no page", e.Link.Href)
			}
		}
	})

	t.Run("sitemap", func(t *testing.T) {
		var sm struct {
			XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
			URLs    []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(files["sitemap.xml"], &sm); err != nil {
			t.Fatalf("sitemap.xml is not a sitemap: %v", err)
		}
		seen := map[string]bool{}
		for _, u := range sm.URLs {
			rel, ok := strings.CutPrefix(u.Loc, "https://example.org/library/")
			if !ok || !has(rel+"index.html") {
				t.Errorf("sitemap URL %s is not a page of the site", u.Loc)
			}
			seen[rel] = true
		}
		for _, rel := range []string{"", "articles/markdown-tour/", "about/", "paths/first-weeks/", "tags/decision-making/"} {
			if !seen[rel] {
				t.Errorf("the sitemap lacks %q", rel)
			}
		}
		for _, rel := range []string{"old/tour/", "articles/tour-2025/", "search/"} {
			if seen[rel] {
				t.Errorf("the sitemap lists %q", rel)
			}
		}
	})

	t.Run("robots.txt", func(t *testing.T) {
		if got := text("robots.txt"); got != "User-agent: *\nAllow: /\n\nSitemap: https://example.org/library/sitemap.xml\n" {
			t.Errorf("robots.txt:\n%s", got)
		}
	})

	t.Run("every internal link resolves, under the base path", func(t *testing.T) {
		for name, data := range files {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			for _, m := range attrRe.FindAllStringSubmatch(string(data), -1) {
				if problem := checkRef(files, name, m[1], html.UnescapeString(m[2])); problem != "" {
					t.Errorf("%s: %s=%q: %s", name, m[1], m[2], problem)
				}
			}
		}
	})

	t.Run("no request to another host", func(t *testing.T) {
		for name, data := range files {
			s := string(data)
			switch path.Ext(name) {
			case ".html":
				for _, m := range attrRe.FindAllStringSubmatch(s, -1) {
					if m[1] == "src" && external(m[2]) {
						t.Errorf("%s loads %s", name, m[2])
					}
				}
				for _, l := range linkRe.FindAllString(s, -1) {
					if !strings.Contains(l, `rel="canonical"`) && !strings.Contains(l, `rel="alternate"`) {
						if m := attrRe.FindStringSubmatch(l); m != nil && external(m[2]) {
							t.Errorf("%s loads %s", name, l)
						}
					}
				}
			case ".css", ".js":
				for _, bad := range []string{"http://", "https://", "url(//", "@import"} {
					if strings.Contains(s, bad) && !(path.Ext(name) == ".js" && bad != "@import" && strings.Contains(s, "http://www.w3.org/2000/svg")) {
						t.Errorf("%s contains %s", name, bad)
					}
				}
			}
		}
	})

	if probe {
		return
	}
	t.Run("default theme: one h1 and the language on every page", func(t *testing.T) {
		for name, data := range files {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			s := string(data)
			if !strings.Contains(s, `<html lang="en"`) {
				t.Errorf("%s has no lang", name)
			}
			if n := len(h1Re.FindAllString(s, -1)); n != 1 && !strings.Contains(name, "print/") {
				t.Errorf("%s has %d h1", name, n)
			}
		}
	})
}

// checkRef reports what is wrong with a link or source ref in the page at name, or "".
func checkRef(files map[string][]byte, name, attr, ref string) string {
	switch {
	case ref == "":
		return "empty"
	case strings.HasPrefix(ref, "mailto:"), strings.HasPrefix(ref, "tel:"):
		return ""
	case strings.HasPrefix(ref, "https://example.org/library/"):
		ref = strings.TrimPrefix(ref, "https://example.org")
	case external(ref):
		if attr == "src" {
			return "loads from another host"
		}
		return ""
	case strings.HasPrefix(ref, "javascript:"):
		return "a javascript: URL"
	}
	u, err := url.Parse(ref)
	if err != nil {
		return err.Error()
	}
	target := name
	if u.Path != "" {
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = path.Join("/library", path.Dir(name), p)
			if strings.HasSuffix(u.Path, "/") {
				p += "/"
			}
		}
		rel, ok := strings.CutPrefix(p, base)
		if !ok && p+"/" != base {
			return "outside the base path " + base
		}
		target = rel
		if target == "" || strings.HasSuffix(target, "/") {
			target += "index.html"
		}
		if _, ok := files[target]; !ok {
			if _, ok := files[target+"/index.html"]; !ok {
				return "no such file in the output (" + target + ")"
			}
			target += "/index.html"
		}
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") {
		ids := map[string]bool{}
		for _, m := range idRe.FindAllStringSubmatch(string(files[target]), -1) {
			ids[html.UnescapeString(m[1])] = true
		}
		if !ids[u.Fragment] {
			return "no id " + u.Fragment + " in " + target
		}
	}
	return ""
}

func external(ref string) bool {
	return strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "//")
}

// mainPart is the page's <main> element, without the menu and footer.
func mainPart(s string) string {
	if i := strings.Index(s, "<main"); i >= 0 {
		s = s[i:]
	}
	if i := strings.Index(s, "</main>"); i >= 0 {
		s = s[:i]
	}
	return s
}

// inOrder checks that the strings appear in s in the given order.
func inOrder(t *testing.T, what, s string, parts ...string) {
	t.Helper()
	at := 0
	for _, p := range parts {
		i := strings.Index(s[at:], p)
		if i < 0 {
			t.Errorf("%s: %q is missing or out of order (want %q)", what, p, parts)
			return
		}
		at += i + len(p)
	}
}

func TestFieldAnchors(t *testing.T) {
	// Every kind of field can be linked as #f-ID (docs/content.md), and the build's link
	// check accepts such links, so the page must have an element with that id.
	dir := fixtureSite(t, "site-basic", true)
	res, err := buildAt(dir, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ws := string(res.Files["worksheets/values/index.html"])
	for _, id := range []string{"important", "confidence", "energy", "actions", "week", "when"} {
		if !strings.Contains(ws, ` id="f-`+id+`"`) {
			t.Errorf("no element with id f-%s", id)
		}
	}
}
