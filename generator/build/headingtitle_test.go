package build

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/search"
)

// headingSite is a library whose pages have no front matter, or none with a title, as
// pages from MkDocs have: each starts with a level 1 heading. It has the default theme.
func headingSite() map[string]string {
	return map[string]string{
		"config.toml":                                  "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n",
		"content/_index.md":                            "# Welcome\n\nStart here.\n",
		"content/articles/_index.md":                   "# Reading\n\nShort pieces for the bus.\n",
		"content/articles/2024-01-05-first-session.md": "# Our first session\n\nWhat we said.\n",
		"content/about.md":                             "<!-- licence: CC BY 4.0 -->\n\n# About *this* library\n\nWho writes it.\n",
		"content/articles/a.md":                        "# Noticing\n\nThe first paragraph.\n\n## Noticing\n\nMore.\n\n## Later\n\nEnd.\n",
		"content/articles/b.md":                        "---\ndate: 2026-01-02\n---\nIn the moment\n=============\n\nSee [the top](a.md#noticing-1) and [the title](a.md#noticing).\n",
		"content/guides/g.md":                          "# Weekly review\n\n::: answer id=wins\nWhat went well?\n:::\n",
		"content/worksheets/w.md": "# The *values* worksheet\n\nPick five.\n\n" +
			"::: scale id=sure min=1 max=5 low=\"Not\" high=\"Very\"\nHow sure?\n:::\n",
		"content/paths/p.md": "+++\nsteps = [\"articles/a.md\", \"worksheets/w.md\"]\n+++\n# First month\n\nOne step a week.\n",
	}
}

// TestTitleFromHeading builds pages titled by their first heading and checks every place
// a title shows: the page's h1 (once: the heading left the body, and with the heading's
// id, where links to it land), lists, the path's cards, search, the table of contents, the
// summary, and links to the heading's id.
func TestTitleFromHeading(t *testing.T) {
	res := mustBuild(t, newBuilder(writeSite(t, headingSite())))
	file := func(name string) string {
		t.Helper()
		data, ok := res.Files[name]
		if !ok {
			t.Fatalf("no %s", name)
		}
		return string(data)
	}
	h1 := regexp.MustCompile(`<h1[ >].*`)
	for _, tt := range []struct {
		file, h1 string
	}{
		{"index.html", `<h1 id="welcome">Welcome</h1>`},
		{"articles/index.html", `<h1 id="reading">Reading</h1>`},
		{"articles/2024-01-05-first-session/index.html", `<h1 id="our-first-session">Our first session</h1>`},
		{"about/index.html", `<h1 id="about-this-library">About this library</h1>`},
		{"articles/a/index.html", `<h1 id="noticing">Noticing</h1>`},
		{"articles/b/index.html", `<h1 id="in-the-moment">In the moment</h1>`},
		{"guides/g/index.html", `<h1 id="weekly-review">Weekly review</h1>`},
		{"worksheets/w/index.html", `<h1 id="the-values-worksheet">The values worksheet</h1>`},
		{"paths/p/index.html", `<h1 id="first-month">First month</h1>`},
	} {
		if got := h1.FindAllString(file(tt.file), -1); strings.Join(got, "\n") != tt.h1 {
			t.Errorf("%s: level 1 headings %q, want only %q", tt.file, got, tt.h1)
		}
	}
	// No id is twice on a page: the h1's is none of the theme's nor the text's.
	ids := regexp.MustCompile(`\sid="([^"]*)"`)
	for name, data := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		seen := map[string]bool{}
		for _, m := range ids.FindAllStringSubmatch(string(data), -1) {
			if seen[m[1]] {
				t.Errorf("%s: the id %q is there twice", name, m[1])
			}
			seen[m[1]] = true
		}
	}
	a := file("articles/a/index.html")
	// The heading below the title keeps the id it had when the title was in the body.
	if !strings.Contains(a, `<div class="content">`+"\n<p>The first paragraph.</p>\n<h2 id=\"noticing-1\">Noticing</h2>") {
		t.Errorf("articles/a: the body does not start with its first paragraph, then the heading noticing-1:\n%s", a)
	}
	if b := file("articles/b/index.html"); !strings.Contains(b, `<a href="/articles/a/#noticing-1">the top</a> and <a href="/articles/a/#noticing">the title</a>`) {
		t.Errorf("articles/b: links to the heading ids of a are not as written:\n%s", b)
	}
	if !strings.Contains(file("articles/2024-01-05-first-session/index.html"), `datetime="2024-01-05"`) {
		t.Errorf("a Jekyll post titled by its heading is not dated by its name")
	}
	list := file("articles/index.html")
	for _, want := range []string{"Short pieces for the bus.", `<a href="/articles/a/">Noticing</a>`, `<p class="entry-summary">The first paragraph.</p>`, `<a href="/articles/b/">In the moment</a>`} {
		if !strings.Contains(list, want) {
			t.Errorf("articles list has no %s", want)
		}
	}
	p := file("paths/p/index.html")
	for _, want := range []string{">Noticing</a>", ">The values worksheet</a>", "One step a week."} {
		if !strings.Contains(p, want) {
			t.Errorf("the path page has no %s", want)
		}
	}
	// The booklet shows each step's title once, and the step's ids as on its page, the
	// title's on the step's header, prefixed as the others are.
	booklet := file("paths/p/print/index.html")
	if !strings.Contains(booklet, `<header class="page-header" id="articles-a-noticing">`) {
		t.Errorf("the booklet's step titled by its heading has not its id")
	}
	headings := regexp.MustCompile(`<h[1-6][^>]*>(Noticing|The values worksheet)</h[1-6]>`).FindAllString(booklet, -1)
	if want := `<h2 id="step-1-title">Noticing</h2> <h2 id="articles-a-noticing-1">Noticing</h2> <h2 id="step-2-title">The values worksheet</h2>`; strings.Join(headings, " ") != want {
		t.Errorf("booklet headings %q, want %s", headings, want)
	}
	records := file(search.Dir + "r/0.jsonl")
	for _, want := range []string{
		`{"u":"/articles/a/","t":"Noticing","k":"article","h":["Noticing","Later"],"x":"The first paragraph. More. End."}`,
		`{"u":"/worksheets/w/","t":"The values worksheet","k":"worksheet","x":"Pick five. How sure? 1 (Not) 2 3 4 5 (Very) Not Very"}`,
	} {
		if !strings.Contains(records, want) {
			t.Errorf("search records have no %s:\n%s", want, records)
		}
	}
	if got := searchIn(t, res.Files, "values"); strings.Join(got, ",") != "The values worksheet" {
		t.Errorf("a search for a word of the title: %q", got)
	}
}

// TestTitleFromHeadingProblems checks that problems below a heading taken as title are
// reported on their lines in the file, and that a page with nothing to take its title from
// says both ways to give it one.
func TestTitleFromHeadingProblems(t *testing.T) {
	for _, tt := range []struct {
		name, file, text string
		want             []string
	}{
		{"a broken link below the heading", "content/articles/c.md", "<!-- x -->\n\n# Gamma\n\nSee [d](d.md).\n",
			[]string{"content/articles/c.md:5:5: link to articles/d.md: there is no such page (content/articles/d.md); check the file name"}},
		{"a link to an id that the title's heading does not have", "content/articles/c.md", "# Gamma\n\nSee [a](a.md#noticin).\n",
			[]string{`content/articles/c.md:3:5: link to #noticin: articles/a.md has no heading or field with that id; did you mean #noticing?`}},
		// A link to a title's id that is the theme's (# Menu is menu-1) is a warning:
		// TestLinkToThemeID.
		{"no heading", "content/articles/c.md", "Just text.\n",
			[]string{`content/articles/c.md:1: missing title: this file has no front matter, the page's settings between two lines of +++ (or --- for YAML) at the very top of the file, starting on line 1; start the file with three lines: +++, then title = "C", then +++; or start its text with a heading: # C`}},
		{"a path with no front matter", "content/paths/q.md", "# Second month\n\nMore steps.\n",
			[]string{`content/paths/q.md:1: this path is empty: its steps are settings, which go in front matter at the very top of the file; start the file with three lines: +++, then steps = ["articles/....md", ...] (or tag = "..."), then +++`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := headingSite()
			files[tt.file] = tt.text
			_, err := newBuilder(writeSite(t, files)).Build()
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("build: %v, want problems", err)
			}
			var got []string
			for _, d := range list {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestRebuildHeadingTitle edits the heading that titles a page, as a coach does with
// between serve running: the new title must reach every list, path card and search record
// that shows it, as a full build would make them, while an edit below it keeps the short way
// of a text edit.
func TestRebuildHeadingTitle(t *testing.T) {
	root := writeSite(t, headingSite())
	b := newBuilder(root)
	mustBuild(t, b)
	const w = "content/worksheets/w.md"
	sheet := func(title, text string) string {
		return "# " + title + "\n\n" + text + "\n\n::: scale id=sure min=1 max=5 low=\"Not\" high=\"Very\"\nHow sure?\n:::\n"
	}

	const a = "content/articles/a.md"
	write(t, root, a, "# Noticing\n\nThe first paragraph.\n\n## Noticing\n\nMore, and more.\n\n## Later\n\nEnd.\n")
	texts := b.textRebuilds
	res := mustRebuild(t, b, a)
	if b.textRebuilds != texts+1 {
		t.Errorf("an edit below the heading took the long way of an edit of front matter")
	}
	assertSameAsFull(t, root, res)

	write(t, root, w, sheet("What matters *most*", "Pick five."))
	texts = b.textRebuilds
	res = mustRebuild(t, b, w)
	if b.textRebuilds != texts {
		t.Errorf("an edit of the heading that titles the page took the short way of a text edit")
	}
	for _, name := range []string{"worksheets/w/index.html", "worksheets/index.html", "paths/p/index.html", "articles/a/index.html", "index.html"} {
		data := string(res.Files[name])
		if !strings.Contains(data, "What matters most") || strings.Contains(data, "The values worksheet") {
			t.Errorf("%s does not show the new title alone", name)
		}
	}
	if got := searchIn(t, res.Files, "matters"); strings.Join(got, ",") != "What matters most" {
		t.Errorf("search for the new title: %q", got)
	}
	if got := searchIn(t, res.Files, "values"); len(got) != 0 {
		t.Errorf("search still finds the old title: %q", got)
	}
	assertSameAsFull(t, root, res)

	// The heading's id is the page's too: a link to it from another page is checked
	// against the new one.
	write(t, root, w, sheet("What matters *most* {#matters}", "Pick five."))
	write(t, root, "content/articles/b.md", "# In the moment\n\nSee [the sheet](../worksheets/w.md#matters).\n")
	res = mustRebuild(t, b, w, "content/articles/b.md")
	if !strings.Contains(string(res.Files["articles/b/index.html"]), `href="/worksheets/w/#matters"`) {
		t.Errorf("the link to the title's id is not written")
	}
	assertSameAsFull(t, root, res)
}

// TestTitleFromHeadingTypography checks that a title taken from a heading reads as the
// heading would in the page's text, and as a title from front matter does: curly quotes,
// dashes and an ellipsis, the same in <title>, the h1, lists, path cards, the menu and
// search; straight where the coach escaped a quote or wrote it in code.
func TestTitleFromHeadingTypography(t *testing.T) {
	files := headingSite()
	files["content/articles/_index.md"] = "# Pieces \"worth\" reading\n\nShort pieces.\n"
	files["content/guides/_index.md"] = "+++\ntitle = \"Guides you'll use\"\n+++\n"
	files["content/articles/q.md"] = "# Don't \"stop\" -- ever...\n\nText.\n"
	files["content/articles/e.md"] = "# Say \\\"no\\\" with `'code'`\n\nText.\n"
	files["content/articles/f.md"] = "+++\ntitle = \"Don't \\\"stop\\\" -- now...\"\n+++\nText.\n"
	files["content/paths/p.md"] = "+++\n[[stages]]\ntitle = \"Week 1 -- don't rush\"\nsteps = [\"articles/q.md\", \"articles/e.md\", \"articles/f.md\"]\n+++\n# First month\n"
	res := mustBuild(t, newBuilder(writeSite(t, files)))
	for _, tt := range []struct {
		file, title string
		in          []string // the pages that show it as a link or card
	}{
		{"articles/q/index.html", "Don’t “stop” – ever…", []string{"articles/index.html", "paths/p/index.html", "paths/p/print/index.html", "index.html"}},
		{"articles/e/index.html", `Say &#34;no&#34; with &#39;code&#39;`, []string{"articles/index.html", "paths/p/index.html", "paths/p/print/index.html"}},
		{"articles/f/index.html", "Don’t “stop” – now…", []string{"articles/index.html", "paths/p/index.html", "paths/p/print/index.html"}},
		{"articles/index.html", "Pieces “worth” reading", []string{"index.html", "articles/q/index.html"}},
		{"guides/index.html", "Guides you’ll use", []string{"index.html", "guides/g/index.html"}},
	} {
		page := string(res.Files[tt.file])
		if !strings.Contains(page, "<title>"+tt.title+" · Lib</title>") {
			t.Errorf("%s: <title> is not %q:\n%s", tt.file, tt.title, regexp.MustCompile(`<title>.*`).FindString(page))
		}
		if !regexp.MustCompile(`<h1[^>]*>` + regexp.QuoteMeta(tt.title) + `</h1>`).MatchString(page) {
			t.Errorf("%s: the h1 is not %q:\n%s", tt.file, tt.title, regexp.MustCompile(`<h1.*`).FindString(page))
		}
		for _, in := range tt.in {
			if !strings.Contains(string(res.Files[in]), ">"+tt.title+"</a>") {
				t.Errorf("%s shows no link %q", in, tt.title)
			}
		}
	}
	// A stage's title is front matter too.
	for _, name := range []string{"paths/p/index.html", "paths/p/print/index.html", "articles/q/index.html"} {
		if page := string(res.Files[name]); !strings.Contains(page, "Week 1 – don’t rush") || strings.Contains(page, "Week 1 --") {
			t.Errorf("%s does not show the stage's title as Week 1 – don’t rush", name)
		}
	}
	records := string(res.Files[search.Dir+"r/0.jsonl"])
	for _, want := range []string{`"t":"Don’t “stop” – ever…"`, `"t":"Say \"no\" with 'code'"`, `"t":"Don’t “stop” – now…"`} {
		if !strings.Contains(records, want) {
			t.Errorf("search records have no %s:\n%s", want, records)
		}
	}
}

// TestTitleFromHeadingComments checks that HTML comments above the heading that titles a
// page, or on its line, are the coach's notes: in neither the title, its id, the page
// (even with markdown.unsafe, which writes the text's own comments into the HTML), its
// summary nor search.
func TestTitleFromHeadingComments(t *testing.T) {
	files := headingSite()
	files["config.toml"] += "[markdown]\nunsafe = true\n"
	files["content/articles/c.md"] = "<!-- note to self: ask Sam -->\n\n# Values <!-- rename? -->\n\nThoughtful words. <!-- in the text -->\n"
	res := mustBuild(t, newBuilder(writeSite(t, files)))
	page := string(res.Files["articles/c/index.html"])
	if !strings.Contains(page, `<h1 id="values">Values</h1>`) || !strings.Contains(page, "<title>Values · Lib</title>") {
		t.Errorf("the title or its id holds a comment:\n%s", regexp.MustCompile(`<h1.*|<title>.*`).FindAllString(page, -1))
	}
	if !strings.Contains(page, "<!-- in the text -->") {
		t.Errorf("a comment in the text is not in the HTML, which unsafe lets through")
	}
	for name, data := range res.Files {
		if strings.Contains(string(data), "ask Sam") || strings.Contains(string(data), "rename?") {
			t.Errorf("%s shows the note above or in the heading", name)
		}
	}
	if got := searchIn(t, res.Files, "thoughtful"); strings.Join(got, ",") != "Values" {
		t.Errorf("a search for the text: %q", got)
	}
}
