package build

import (
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
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

// TestAddressLinksChecked checks links written as addresses: to what the build makes they
// are fine, to anything else an error at the link's line, with the file to link when only
// the ".md" was forgotten.
func TestAddressLinksChecked(t *testing.T) {
	files := map[string]string{
		"config.toml":      "baseURL = \"https://example.org/library/\"\ntitle = \"Lib\"\n",
		"content/about.md": mdPage("About", "", "About me.\n\n## Our team\n\nUs."),
		"content/articles/old.md": mdPage("Old", "date = 2026-01-02\naliases = [\"/2019/05/post.html\", \"/old-page/\"]\ntags = [\"Calm\"]",
			"Old."),
		"content/worksheets/next-steps.md": mdPage("Next steps", "date = 2026-01-03", "Steps."),
		"content/worksheets/later.md":      mdPage("Later", "draft = true", "Not yet."),
		"content/articles/lake.jpg":        "jpg",             // beside a page that is no bundle
		"content/articles/plan.org":        "#+TITLE: Plan\n", // pages in formats Between does not read
		"content/articles/hugo.html":       "+++\ntitle = \"Hugo\"\n+++\n<p>Hi</p>\n",
		"content/talk.ipynb":               "{}",
		"content/articles/made.html":       "<p>Made elsewhere</p>\n", // no page: a file
		"content/worksheets/plan/index.md": mdPage("Plan", "draft = true", "Not yet."),
		"content/paths/start.md":           mdPage("Start", "steps = [\"articles/old.md\"]", "Intro."),
		"static/images/x.png":              "png",
		"static/files/Plan #2.pdf":         "pdf",
		"static/files/cafe\u0301.pdf":      "pdf", // as a Mac may save "café.pdf"
	}
	for _, c := range []struct {
		dest string
		want string // the error's text after "content/articles/welcome.md:7:1: ", or "" for none
	}{
		{"/nowhere/", "link to /nowhere/: the library has no page or file at /nowhere/; link the page's file (page.md) or put the file in static/"},
		{"../worksheets/next-steps", "link to ../worksheets/next-steps: the library has no page or file at /articles/worksheets/next-steps; did you mean ../worksheets/next-steps.md?"},
		{"/worksheets/next-step/", "link to /worksheets/next-step/: the library has no page or file at /worksheets/next-step/; did you mean /worksheets/next-steps/?"},
		{"../../worksheets/later/", "link to ../../worksheets/later/ (the address of content/worksheets/later.md): that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or remove the link"},
		{"/worksheets/plan/", "link to /worksheets/plan/ (the address of content/worksheets/plan/index.md): that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or remove the link"},
		{"../worksheets/later", "link to ../worksheets/later (meant as content/worksheets/later.md): that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or remove the link"},
		{"/posts/old/", `link to /posts/old/: the library has no page or file at /posts/old/; did you mean /articles/old/? (If other sites link to the old address, aliases = ["/posts/old/"] in that page keeps it working.)`},
		{"/2019/next-steps/#x", `link to /2019/next-steps/#x: the library has no page or file at /2019/next-steps/; did you mean /worksheets/next-steps/? (If other sites link to the old address, aliases = ["/2019/next-steps/"] in that page keeps it working.)`},
		{"lake.jpg", "link to lake.jpg: the library has no page or file at /articles/welcome/lake.jpg; the file is content/articles/lake.jpg, beside this page, but from content/ only a page bundle's files are published: " +
			"make the page a bundle (content/articles/welcome/index.md, with the file beside it), or move the file to static/articles/lake.jpg and link /articles/lake.jpg"},
		{"/articles/lake.jpg", "link to /articles/lake.jpg: the library has no page or file at /articles/lake.jpg; the file is content/articles/lake.jpg, but from content/ only a page bundle's files are published: move it to static/articles/lake.jpg, where this link finds it"},
		{"plan.org", "link to plan.org: the library has no page or file at /articles/welcome/plan.org; content/articles/plan.org is an Org file, which Between does not read: it makes pages of Markdown files only, and publishes neither a page nor the file. " +
			"For a page, write its text in Markdown, save it as plan.md (docs/content.md says how) and link plan.md; to offer the file itself for download, move it to static/articles/plan.org and link /articles/plan.org"},
		{"/articles/plan.org#x", "link to /articles/plan.org#x: the library has no page or file at /articles/plan.org; content/articles/plan.org is an Org file, which Between does not read: it makes pages of Markdown files only, and publishes neither a page nor the file. " +
			"For a page, write its text in Markdown, save it as plan.md (docs/content.md says how) and link plan.md; to offer the file itself for download, move it to static/articles/plan.org and link /articles/plan.org"},
		{"hugo.html", "link to hugo.html: the library has no page or file at /articles/welcome/hugo.html; content/articles/hugo.html is an HTML file with front matter, as Hugo writes a page in HTML, which Between does not read: it makes pages of Markdown files only, and publishes neither a page nor the file. " +
			"For a page, rename it hugo.md, look its text over (docs/content.md says how Markdown is written) and link hugo.md; to offer the file itself for download, move it to static/articles/hugo.html and link /articles/hugo.html"},
		{"../talk.ipynb", "link to ../talk.ipynb: the library has no page or file at /articles/talk.ipynb; content/talk.ipynb is a Jupyter notebook, which Between does not read: it makes pages of Markdown files only, and publishes neither a page nor the file. " +
			"For a page, export it as Markdown (in Jupyter: File, Save and Export Notebook As, Markdown), save that as talk.md and link ../talk.md; to offer the file itself for download, move it to static/talk.ipynb and link /talk.ipynb"},
		// The address the page would have, had Between read its file.
		{"/articles/plan/", "link to /articles/plan/: the library has no page or file at /articles/plan/; content/articles/plan.org is an Org file, which Between does not read: it makes pages of Markdown files only, and publishes neither a page nor the file. " +
			"For a page, write its text in Markdown, save it as plan.md (docs/content.md says how) and link plan.md; to offer the file itself for download, move it to static/articles/plan.org and link /articles/plan.org"},
		{"../plan/#x", "link to ../plan/#x: the library has no page or file at /articles/plan/; content/articles/plan.org is an Org file, which Between does not read: it makes pages of Markdown files only, and publishes neither a page nor the file. " +
			"For a page, write its text in Markdown, save it as plan.md (docs/content.md says how) and link plan.md; to offer the file itself for download, move it to static/articles/plan.org and link /articles/plan.org"},
		{"plan", "link to plan: the library has no page or file at /articles/welcome/plan; content/articles/plan.org is an Org file, which Between does not read: it makes pages of Markdown files only, and publishes neither a page nor the file. " +
			"For a page, write its text in Markdown, save it as plan.md (docs/content.md says how) and link plan.md; to offer the file itself for download, move it to static/articles/plan.org and link /articles/plan.org"},
		{"/articles/hugo", "link to /articles/hugo: the library has no page or file at /articles/hugo; content/articles/hugo.html is an HTML file with front matter, as Hugo writes a page in HTML, which Between does not read: it makes pages of Markdown files only, and publishes neither a page nor the file. " +
			"For a page, rename it hugo.md, look its text over (docs/content.md says how Markdown is written) and link hugo.md; to offer the file itself for download, move it to static/articles/hugo.html and link /articles/hugo.html"},
		{"/talk/", "link to /talk/: the library has no page or file at /talk/; content/talk.ipynb is a Jupyter notebook, which Between does not read: it makes pages of Markdown files only, and publishes neither a page nor the file. " +
			"For a page, export it as Markdown (in Jupyter: File, Save and Export Notebook As, Markdown), save that as talk.md and link ../talk.md; to offer the file itself for download, move it to static/talk.ipynb and link /talk.ipynb"},
		{"/articles/made/", "link to /articles/made/: the library has no page or file at /articles/made/; link the page's file (page.md) or put the file in static/"}, // no page's file
		{"made.html", "link to made.html: the library has no page or file at /articles/welcome/made.html; the file is content/articles/made.html, beside this page, but from content/ only a page bundle's files are published: " +
			"make the page a bundle (content/articles/welcome/index.md, with the file beside it), or move the file to static/articles/made.html and link /articles/made.html"},
		{"/about/", ""},
		{"/about", ""},
		{"../../about/#top", ""},
		{"/about/#our-team", ""},
		{"/about#our-team", ""},
		{"../../about/?from=x#our-team", ""},
		{"/about/#", ""},
		{"/about/#our-teem", "link to #our-teem: /about/ has no heading or field with that id; did you mean #our-team?"},
		{"/library/about/index.html#nope", "link to #nope: /library/about/index.html has no heading or field with that id"},
		{"../about.md#top", ""}, // a file link's #top as well
		{"../about.md#our-teem", "link to #our-teem: about.md has no heading or field with that id; did you mean #our-team?"},
		{"</files/Plan #2.pdf>", "link to /files/Plan #2.pdf: in an address, # starts an id on a page, so this leads to \"/files/Plan \" and not to the file; write the file's address as /files/Plan%20%232.pdf (or rename the file without #)"},
		{"/files/Plan%20%232.pdf", ""},
		{"/files/caf\u00e9.pdf", "link to /files/caf\u00e9.pdf: the library has no page or file at /files/caf\u00e9.pdf, but there is one at /files/cafe\u0301.pdf, which looks the same and is spelled with other characters (an accented letter as one character in one, as a letter and an accent in the other, as a Mac may save names); type the link again, or rename the file by typing its name again"},
		{"/files/cafe\u0301.pdf", ""},
		{"/articles/#anything", ""},  // a list: its ids are the theme's
		{"/old-page/#anything", ""},  // an alias
		{"/tags/calm/#anything", ""}, // a tag page
		{"/library/about/", ""},
		{"/images/x.png", ""},
		{"/images/y.png", "link to /images/y.png: the library has no page or file at /images/y.png; link the page's file (page.md) or put the file in static/"},
		{"/search/", ""},
		{"/notes/", ""},
		{"/tags/", ""},
		{"/tags/calm/", ""},
		{"/tags/nervous/", "link to /tags/nervous/: the library has no page or file at /tags/nervous/; link the page's file (page.md) or put the file in static/"},
		{"/tags/clam/", "link to /tags/clam/: the library has no page or file at /tags/clam/; did you mean /tags/calm/?"},
		{"/tag/calm/", "link to /tag/calm/: the library has no page or file at /tag/calm/; did you mean /tags/calm/?"},
		{"/index.xml", ""},
		{"/sitemap.xml", ""},
		{"/css/main.css", ""},
		{"/articles/", ""},
		{"/paths/start/print/", ""},
		{"/paths/other/print/", "link to /paths/other/print/: the library has no page or file at /paths/other/print/; link the page's file (page.md) or put the file in static/"},
		{"/2019/05/post.html", ""},
		{"/old-page/", ""},
		{"/", ""},
		{"https://other.example/", ""},
		{"mailto:a@example.org", ""},
	} {
		t.Run(c.dest, func(t *testing.T) {
			checkLinkFrom(t, files, "content/articles/welcome.md", mdPage("Welcome", "date = 2026-01-01", "Intro.\n\n[link]("+c.dest+")\n"), c.want)
		})
	}
}

// checkLinkFrom builds files with the page text written at name, whose only link is on its
// line 7, and checks that the build reports want there, or nothing when want is "".
func checkLinkFrom(t *testing.T, files map[string]string, name, text, want string) {
	t.Helper()
	f := maps.Clone(files)
	f[name] = text
	_, err := newBuilder(writeSite(t, f)).Build()
	if want != "" {
		want = name + ":7:1: " + want
	}
	if got := errText(err); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestUnpublishedLinkReasons: a link to a page held back says why, and until when, alike
// whether it is written as the page's file or as its address: a draft and a scheduled
// page are errors, an expired one a warning, at the link's line. The build's clock is
// fixed (clock, 2026-12-01 at 12:00 UTC), so the dates below are the future and the past.
func TestUnpublishedLinkReasons(t *testing.T) {
	for _, c := range []struct {
		name, front, reason string
		warning             bool
	}{
		{"draft", "draft = true",
			"that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or remove the link", false},
		{"scheduled", "date = 2027-03-01",
			"that page is scheduled for 2027-03-01 (its date): it is published, and the link works, from the first build on or after then; until then remove the link, or give this page the same date, so that both appear together", false},
		{"scheduled by publishDate", "date = 2026-01-01\npublishDate = 2026-12-24T09:30:00Z",
			"that page is scheduled for 2026-12-24 at 09:30 (its publishDate): it is published, and the link works, from the first build on or after then; until then remove the link, or give this page the same publishDate, so that both appear together", false},
		{"expired", "expiryDate = 2026-06-30",
			"that page expired on 2026-06-30 and is no longer published; remove the link or change its expiryDate", true},
	} {
		for _, form := range []struct{ dest, lead string }{
			{"draft-one.md", "link to articles/draft-one.md: "},
			{"/articles/draft-one/", "link to /articles/draft-one/ (the address of content/articles/draft-one.md): "},
			{"../../articles/draft-one/", "link to ../../articles/draft-one/ (the address of content/articles/draft-one.md): "},
		} {
			t.Run(c.name+" "+form.dest, func(t *testing.T) {
				b := newBuilder(writeSite(t, map[string]string{
					"config.toml":                   "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n",
					"content/articles/draft-one.md": mdPage("Draft one", c.front, "Not yet."),
					"content/articles/welcome.md":   mdPage("Welcome", "date = 2026-01-01", "Intro.\n\n[x]("+form.dest+")\n"),
				}))
				res, err := b.Build()
				want := "content/articles/welcome.md:7:1: " + form.lead + c.reason
				got := errText(err)
				if c.warning {
					if err != nil {
						t.Fatalf("want a warning only, got %v", err)
					}
					want = "content/articles/welcome.md:7:1: warning: " + form.lead + c.reason
					got = res.Warnings.Error()
				}
				if got != want {
					t.Errorf("got  %q\nwant %q", got, want)
				}
			})
		}
	}
}

// TestUnpublishedLinkOnRebuild: a text edit that links the address of an expired page
// is told so, with the build's time, as a full build tells it.
func TestUnpublishedLinkOnRebuild(t *testing.T) {
	root := writeSite(t, map[string]string{
		"config.toml":                   "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n",
		"content/about.md":              mdPage("About", "", "About me."),
		"content/articles/draft-one.md": mdPage("Old", "expiryDate = 2026-06-30", "Gone."),
		"content/articles/welcome.md":   mdPage("Welcome", "date = 2026-01-01", "Intro.\n\nRead [about](/about/)."),
	})
	b := newBuilder(root)
	mustBuild(t, b)
	// The summary, the first paragraph, is the same: the rebuild checks the page's links
	// again without assembling the site (recheckLinks).
	write(t, root, "content/articles/welcome.md", mdPage("Welcome", "date = 2026-01-01", "Intro.\n\nRead [old](/articles/draft-one/)."))
	mustRebuild(t, b, "content/articles/welcome.md")
	want := "content/articles/welcome.md:7:6: warning: link to /articles/draft-one/ (the address of content/articles/draft-one.md): that page expired on 2026-06-30 and is no longer published; remove the link or change its expiryDate"
	if got := b.Warnings().Error(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestAddressLinksRechecked: a rebuild after a text edit checks the edited page's address
// links, and one after the page they lead to is removed checks them again.
func TestAddressLinksRechecked(t *testing.T) {
	root := writeSite(t, map[string]string{
		"config.toml":                 "baseURL = \"https://example.org/lib/\"\ntitle = \"Lib\"\n",
		"content/about.md":            mdPage("About", "", "About me."),
		"content/articles/welcome.md": mdPage("Welcome", "date = 2026-01-01", "Read [about](/about/)."),
	})
	b := newBuilder(root)
	mustBuild(t, b)
	write(t, root, "content/articles/welcome.md", mdPage("Welcome", "date = 2026-01-01", "Read [about](/abut/)."))
	if _, err := b.Rebuild([]string{"content/articles/welcome.md"}); err == nil || !strings.Contains(err.Error(), "link to /abut/") {
		t.Fatalf("text edit: got %v, want the link to /abut/ reported", err)
	}
	write(t, root, "content/articles/welcome.md", mdPage("Welcome", "date = 2026-01-01", "Read [about](../../about/)."))
	res := mustRebuild(t, b, "content/articles/welcome.md")
	if html := string(res.Files["articles/welcome/index.html"]); !strings.Contains(html, `href="/lib/about/"`) {
		t.Errorf("after a text edit, the relative link is not written from the root:\n%s", html)
	}
	if err := os.Remove(filepath.Join(root, "content", "about.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Rebuild([]string{"content/about.md"}); err == nil || !strings.Contains(err.Error(), "link to ../../about/") {
		t.Fatalf("removed page: got %v, want the link to ../../about/ reported", err)
	}
}

// TestAddressAnchorsRechecked: renaming a heading in a text edit breaks the links written
// as addresses to it, from other pages, as it breaks .md links.
func TestAddressAnchorsRechecked(t *testing.T) {
	root := writeSite(t, map[string]string{
		"config.toml":                 "baseURL = \"https://example.org/lib/\"\ntitle = \"Lib\"\n",
		"content/about.md":            mdPage("About", "", "About me.\n\n## Our team\n\nUs."),
		"content/articles/welcome.md": mdPage("Welcome", "date = 2026-01-01", "Meet [the team](/about/#our-team)."),
		"content/articles/second.md":  mdPage("Second", "date = 2026-01-02", "Hello. Meet [us](/about/)."),
	})
	b := newBuilder(root)
	mustBuild(t, b)
	write(t, root, "content/about.md", mdPage("About", "", "About me.\n\n## The team\n\nUs."))
	_, err := b.Rebuild([]string{"content/about.md"})
	want := "content/articles/welcome.md:5:6: link to #our-team: /about/ has no heading or field with that id"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("heading renamed: got %v, want %q", err, want)
	}
	// A link to an anchor that a text edit added is rechecked as well.
	write(t, root, "content/articles/welcome.md", mdPage("Welcome", "date = 2026-01-01", "Meet [us](/about/#the-team)."))
	mustRebuild(t, b, "content/articles/welcome.md")
	write(t, root, "content/articles/second.md", mdPage("Second", "date = 2026-01-02", "Hello. Meet [us](/about/#the-team)."))
	mustRebuild(t, b, "content/articles/second.md")
	write(t, root, "content/about.md", mdPage("About", "", "About me.\n\n## Who we are\n\nUs."))
	_, err = b.Rebuild([]string{"content/about.md"})
	want = "content/articles/second.md:5:13: link to #the-team: /about/ has no heading or field with that id"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("heading renamed again: got %v, want %q", err, want)
	}
}

// TestListPageLinksChecked: a link to a list's further page (paginate) is fine while the
// list has that page, and otherwise an error that says which pages it has.
func TestListPageLinksChecked(t *testing.T) {
	files := map[string]string{
		"config.toml": "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\npaginate = 2\n",
	}
	// Five articles (three pages), three of them tagged Calm (two pages), one Rest (one).
	for i, tags := range []string{`["Calm"]`, `["Calm"]`, `["Calm", "Rest"]`, `[]`, `[]`} {
		files[fmt.Sprintf("content/articles/a%d.md", i)] = mdPage(fmt.Sprintf("A%d", i), fmt.Sprintf("date = 2026-01-0%d\ntags = %s", i+1, tags), "Text.")
	}
	for _, c := range []struct {
		dest string
		want string // the error's text after "content/about.md:7:1: ", or "" for none
	}{
		{"/articles/page/2/", ""},
		{"/articles/page/3/", ""},
		{"/articles/page/3", ""},
		{"/articles/page/3/index.html", ""},
		{"/articles/page/2/#anything", ""},
		{"/tags/calm/page/2/", ""},
		{"/articles/page/4/", "link to /articles/page/4/: the library has no page or file at /articles/page/4/; the list /articles/ has 3 pages (5 entries, paginate = 2 in config.toml): /articles/, then /articles/page/2/ to /articles/page/3/"},
		{"/articles/page/99/", "link to /articles/page/99/: the library has no page or file at /articles/page/99/; the list /articles/ has 3 pages (5 entries, paginate = 2 in config.toml): /articles/, then /articles/page/2/ to /articles/page/3/"},
		{"/articles/page/0/", "link to /articles/page/0/: the library has no page or file at /articles/page/0/; the list /articles/ has 3 pages (5 entries, paginate = 2 in config.toml): /articles/, then /articles/page/2/ to /articles/page/3/"},
		{"/articles/page/1/", "link to /articles/page/1/: the library has no page or file at /articles/page/1/; the list's first page is /articles/ itself"},
		{"/tags/calm/page/3/", "link to /tags/calm/page/3/: the library has no page or file at /tags/calm/page/3/; the list /tags/calm/ has 2 pages (3 entries, paginate = 2 in config.toml): /tags/calm/ and /tags/calm/page/2/"},
		{"/tags/rest/page/2/", "link to /tags/rest/page/2/: the library has no page or file at /tags/rest/page/2/; the list /tags/rest/ is one page, /tags/rest/ itself (1 entry, paginate = 2 in config.toml)"},
		{"/guides/page/2/", "link to /guides/page/2/: the library has no page or file at /guides/page/2/; the list /guides/ is one page, /guides/ itself (0 entries, paginate = 2 in config.toml)"},
		{"/articles/page/02/", "link to /articles/page/02/: the library has no page or file at /articles/page/02/; link the page's file (page.md) or put the file in static/"},
		{"/search/page/2/", "link to /search/page/2/: the library has no page or file at /search/page/2/; link the page's file (page.md) or put the file in static/"},
		{"/articles/a1/page/2/", "link to /articles/a1/page/2/: the library has no page or file at /articles/a1/page/2/; link the page's file (page.md) or put the file in static/"},
	} {
		t.Run(c.dest, func(t *testing.T) {
			checkLinkFrom(t, files, "content/about.md", mdPage("About", "", "Intro.\n\n[link]("+c.dest+")\n"), c.want)
		})
	}
}

// TestListPageLinksRechecked: in between serve, a link to a list's further page breaks when
// pages go and the list has fewer pages, and works again when they come back, also when
// only a page's tags change (an update of the last model, not a new one).
func TestListPageLinksRechecked(t *testing.T) {
	files := map[string]string{
		"config.toml":      "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\npaginate = 2\n",
		"content/about.md": mdPage("About", "", "See [more](/articles/page/3/) and [calm](/tags/calm/page/2/)."),
	}
	for i := range 5 {
		files[fmt.Sprintf("content/articles/a%d.md", i)] = mdPage(fmt.Sprintf("A%d", i), fmt.Sprintf("date = 2026-01-0%d\ntags = [\"Calm\"]", i+1), "Text.")
	}
	files["content/guides/g.md"] = mdPage("G", "date = 2026-01-01\ntags = [\"Rest\"]", "Text.")
	root := writeSite(t, files)
	b := newBuilder(root)
	mustBuild(t, b)
	pages := "content/about.md:5:5: link to /articles/page/3/: the library has no page or file at /articles/page/3/; the list /articles/ has 2 pages (4 entries, paginate = 2 in config.toml): /articles/ and /articles/page/2/"
	tags := "content/about.md:5:35: link to /tags/calm/page/2/: the library has no page or file at /tags/calm/page/2/; the list /tags/calm/ is one page, /tags/calm/ itself (2 entries, paginate = 2 in config.toml)"
	for _, c := range []struct {
		what    string
		do      func()
		changed string
		want    string // the error, or "" for a good build
		update  bool   // taken as an update of the last model
	}{
		{"an article removed", func() { os.Remove(filepath.Join(root, "content/articles/a4.md")) }, "content/articles/a4.md", pages, false},
		{"back", func() { write(t, root, "content/articles/a4.md", files["content/articles/a4.md"]) }, "content/articles/a4.md", "", false},
		{"a draft", func() {
			write(t, root, "content/articles/a4.md", mdPage("A4", "date = 2026-01-05\ndraft = true", "Text."))
		}, "content/articles/a4.md", pages, false},
		{"published", func() { write(t, root, "content/articles/a4.md", files["content/articles/a4.md"]) }, "content/articles/a4.md", "", false},
		{"tags taken off", func() {
			for _, n := range []string{"a2", "a3", "a4"} {
				write(t, root, "content/articles/"+n+".md", mdPage(strings.ToUpper(n), "date = 2026-01-0"+n[1:]+"\ntags = [\"Rest\"]", "Text."))
			}
		}, "content/articles/a2.md content/articles/a3.md content/articles/a4.md", tags, true},
		{"one tag back", func() { write(t, root, "content/articles/a4.md", files["content/articles/a4.md"]) }, "content/articles/a4.md", "", false},
	} {
		c.do()
		updates := b.updates
		_, err := b.Rebuild(strings.Fields(c.changed))
		if got := errText(err); got != c.want {
			t.Fatalf("%s: got  %q\nwant %q", c.what, got, c.want)
		}
		if c.update && b.updates == updates {
			t.Errorf("%s: not an update of the last model, which this test means to check", c.what)
		}
	}
}
