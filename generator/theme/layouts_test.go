package theme_test

import (
	"fmt"
	"html"
	htmlt "html/template"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/internal/browsertest"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/theme"
	"github.com/between-ssg/between/themes"
)

// fixture is a small library built by hand: a home, articles (one in two paths), a worksheet,
// a guide, a plain page, an unlisted page, a tag, a path with stages and a tag-derived path.
type fixture struct {
	site                                     *site.Site
	home, a1, a2, work, guide, about, secret *site.Page
	month, conf                              *site.Path
	tag                                      *site.Tag
}

func newFixture(paper string) *fixture {
	const base = "/library/"
	const abs = "https://example.org/library/"
	mk := func(kind, section, slug, title string) *site.Page {
		up := slug + "/"
		if section != "" {
			up = section + "/" + up
		}
		return &site.Page{
			File: "content/" + strings.TrimSuffix(up, "/") + ".md", Kind: kind, Section: section,
			Slug: slug, Title: title, Description: "About " + title + ".", URL: base + up,
			Permalink: abs + up, Body: markdown.NewBody([]byte("<p>Body of " + esc(title) + ".</p>")),
			Summary: htmlt.HTML("About " + esc(title) + "."), Minutes: 4, WordCount: 800,
		}
	}
	f := &fixture{}
	s := &site.Site{
		Title: "Between Sessions", Description: "A coaching library.", Author: "Clara Mendel",
		Language: "en", Paper: paper, BaseURL: abs, BasePath: base, Key: "example.org/library",
		Params: map[string]any{}, BuildDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
	}
	f.site = s
	f.home = &site.Page{Kind: "home", Title: "Between Sessions", Description: "Your library.", URL: base, Permalink: abs, Body: markdown.NewBody([]byte("<p>Welcome.</p>"))}
	s.Home = f.home
	f.a1 = mk("article", "articles", "noticing", "Noticing in the moment")
	f.a1.Date = time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)
	f.a1.Source = "https://example.com/original"
	f.a1.ShowTOC = true
	f.a1.TOC = []site.Heading{{Level: 2, ID: "why", Title: "Why"}, {Level: 3, ID: "how", Title: "How"}}
	f.a2 = mk("article", "articles", "why-between", "Why between sessions matter")
	f.work = mk("worksheet", "worksheets", "values", "Your values")
	f.work.Fields = 5
	f.work.Minutes = 25
	f.guide = mk("guide", "guides", "after", "After a session")
	f.guide.Fields = 1
	f.about = mk("page", "", "about", "About this library")
	f.secret = mk("page", "", "for-jordan", "For Jordan")
	f.secret.Unlisted = true
	f.a1.Next, f.a2.Prev = f.a2, f.a1

	f.tag = &site.Tag{Name: "Confidence", Slug: "confidence", URL: base + "tags/confidence/"}
	f.a1.Tags = []*site.Tag{f.tag}
	f.work.Tags = []*site.Tag{f.tag}
	f.tag.Pages = []*site.Page{f.a1, f.work}

	pathPage := func(slug, title string) *site.Page {
		p := mk("path", "paths", slug, title)
		p.Body = markdown.NewBody([]byte("<p>Introduction to " + esc(title) + ".</p>"))
		return p
	}
	f.month = newPath(pathPage("first-month", "Your first month"),
		stage("Before session 2", f.guide, f.a1), stage("Before session 3", f.work))
	f.conf = newPath(pathPage("confidence", "Confidence"), stage("", f.a2, f.a1))
	f.conf.Tag = "confidence"
	f.conf.Page.Tags = []*site.Tag{f.tag}
	f.tag.Paths = []*site.Path{f.conf}

	s.Pages = []*site.Page{f.a1, f.a2, f.work, f.guide, f.about, f.month.Page, f.conf.Page}
	s.Sections = []*site.Section{
		{Name: "articles", Kind: "article", Title: "Articles", URL: base + "articles/", Pages: []*site.Page{f.a1, f.a2}},
		{Name: "guides", Kind: "guide", Title: "Reflection guides", URL: base + "guides/", Pages: []*site.Page{f.guide}},
		{Name: "worksheets", Kind: "worksheet", Title: "Worksheets", URL: base + "worksheets/", Pages: []*site.Page{f.work}},
		{Name: "paths", Kind: "path", Title: "Reading paths", URL: base + "paths/", Pages: []*site.Page{f.conf.Page, f.month.Page}},
	}
	s.Plain = []*site.Page{f.about}
	s.Tags = []*site.Tag{f.tag}
	s.Paths = []*site.Path{f.conf, f.month}
	return f
}

// esc escapes a title for the fixture's hand-written HTML.
func esc(s string) string { return html.EscapeString(s) }

func stage(title string, pages ...*site.Page) *site.Stage {
	st := &site.Stage{Title: title}
	for _, p := range pages {
		st.Steps = append(st.Steps, &site.Step{Stage: st, Page: p})
	}
	return st
}

// newPath links stages into a path the way site.Assemble does.
func newPath(own *site.Page, stages ...*site.Stage) *site.Path {
	p := &site.Path{Page: own, Slug: own.Slug, URL: own.URL, PrintURL: own.URL + "print/", Stages: stages, Key: "path:" + own.Slug}
	own.Path = p
	for _, st := range stages {
		for _, step := range st.Steps {
			step.Path = p
			step.Index = len(p.Steps) + 1
			step.ID = strings.TrimPrefix(step.Page.File, "content/")
			if n := len(p.Steps); n > 0 {
				step.Prev = p.Steps[n-1]
				p.Steps[n-1].Next = step
			}
			p.Steps = append(p.Steps, step)
			p.Minutes += step.Page.Minutes
			step.Page.Steps = append(step.Page.Steps, step)
			step.Page.PrintBody = markdown.NewBody([]byte(strings.Replace(string(step.Page.Content()), "<p>", `<p id="`+step.Page.Slug+`-p">`, 1)))
		}
	}
	return p
}

// pages returns what every layout renders in the fixture, by a name for messages.
func (f *fixture) pages() map[string]render.Data {
	s := f.site
	listPage := func(kind, title, url string) *site.Page {
		return &site.Page{Kind: kind, Title: title, URL: url, Permalink: "https://example.org" + url}
	}
	return map[string]render.Data{
		"home":      {Site: s, Page: f.home, Layout: "home"},
		"article":   {Site: s, Page: f.a1, Layout: "article"},
		"article2":  {Site: s, Page: f.a2, Layout: "article"},
		"guide":     {Site: s, Page: f.guide, Layout: "guide"},
		"worksheet": {Site: s, Page: f.work, Layout: "worksheet"},
		"page":      {Site: s, Page: f.about, Layout: "page"},
		"unlisted":  {Site: s, Page: f.secret, Layout: "page"},
		"path":      {Site: s, Page: f.month.Page, Layout: "path", Path: f.month},
		"tagpath":   {Site: s, Page: f.conf.Page, Layout: "path", Path: f.conf},
		"booklet":   {Site: s, Page: f.month.Page, Layout: "booklet", Path: f.month},
		"section":   {Site: s, Page: listPage("section", "Articles", "/library/articles/"), Layout: "section", Section: s.Sections[0]},
		"paths":     {Site: s, Page: listPage("section", "Reading paths", "/library/paths/"), Layout: "section", Section: s.Sections[3]},
		"tags":      {Site: s, Page: listPage("tags", "Tags", "/library/tags/"), Layout: "tags"},
		"tag":       {Site: s, Page: listPage("tag", "Confidence", "/library/tags/confidence/"), Layout: "tag", Tag: f.tag},
		"search":    {Site: s, Page: listPage("search", "Search", "/library/search/"), Layout: "search"},
		"notes":     {Site: s, Page: listPage("notes", "", "/library/notes/"), Layout: "notes"},
		"404":       {Site: s, Page: listPage("404", "Page not found", "/library/404.html"), Layout: "404"},
		"alias":     {Site: s, Page: f.a1, Layout: "alias", Target: f.a1.URL},
	}
}

func loadTheme(t *testing.T) *theme.Theme {
	t.Helper()
	th, err := theme.Load(fstest.MapFS{}, "", "en")
	if err != nil {
		t.Fatalf("load the embedded theme: %v", err)
	}
	return th
}

// renderAll executes every page of the fixture and fails on any template error.
func renderAll(t *testing.T, f *fixture) map[string]string {
	t.Helper()
	th := loadTheme(t)
	out := map[string]string{}
	for name, d := range f.pages() {
		b, err := th.Execute(d.Layout, d)
		if err != nil {
			t.Fatalf("%s (layout %s): %v", name, d.Layout, err)
		}
		out[name] = string(b)
	}
	return out
}

var (
	tagRe   = regexp.MustCompile(`(?s)<[^>]*>`)
	spaceRe = regexp.MustCompile(`\s+`)
)

// text is the visible text of an HTML fragment, with white space collapsed.
func text(s string) string {
	s = regexp.MustCompile(`(?s)<(style|script)[^>]*>.*?</(style|script)>`).ReplaceAllString(s, " ")
	return strings.TrimSpace(spaceRe.ReplaceAllString(html.UnescapeString(tagRe.ReplaceAllString(s, " ")), " "))
}

func TestEveryLayoutIsRendered(t *testing.T) {
	out := renderAll(t, newFixture("A4"))
	used := map[string]bool{}
	for _, d := range newFixture("A4").pages() {
		used[d.Layout] = true
	}
	for _, l := range theme.Layouts {
		if !used[l] {
			t.Errorf("layout %s is not covered by the fixture", l)
		}
	}
	for name, h := range out {
		if !strings.HasPrefix(h, "<!DOCTYPE html>") {
			t.Errorf("%s: does not start with <!DOCTYPE html>: %.60q", name, h)
		}
		if n := strings.Count(h, "<h1"); n != 1 {
			t.Errorf("%s: %d <h1> elements, want exactly one", name, n)
		}
		if !strings.Contains(h, `<html lang="en">`) {
			t.Errorf("%s: no <html lang=\"en\">", name)
		}
	}
}

// TestPagesFrame checks what every full page carries: the scripts' hooks and words, the
// stylesheets and scripts under the base path, landmarks and a skip link.
func TestPagesFrame(t *testing.T) {
	out := renderAll(t, newFixture("A4"))
	want := []string{
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		`data-site="example.org/library"`,
		`<link rel="stylesheet" href="/library/css/main.css">`,
		`<link rel="stylesheet" href="/library/css/worksheet.css">`,
		`<script src="/library/js/between.js" defer></script>`,
		`<script src="/library/js/between-core.js" defer></script>`,
		`<script src="/library/js/worksheet.js" defer></script>`,
		`<link rel="alternate" type="application/atom+xml" title="Between Sessions" href="/library/index.xml">`,
		`<a class="skip-link" href="#main">`,
		`<main id="main"`, `<header class="site-header">`, `<footer class="site-footer">`, `<nav class="menu"`,
		// The scripts' words, in a file every page loads before the scripts, and no longer on
		// the page.
		`<script src="/library/js/strings.js" defer></script>
<script src="/library/js/between.js" defer></script>`,
		`href="/library/about/"`, `href="/library/articles/"`, `href="/library/paths/"`, `href="/library/tags/"`,
	}
	for name, h := range out {
		if name == "alias" {
			continue
		}
		for _, w := range want {
			if !strings.Contains(h, w) {
				t.Errorf("%s: missing %s", name, w)
			}
		}
		if strings.Contains(h, `-strings" hidden`) {
			t.Errorf("%s: the scripts' words are on the page", name)
		}
		if !strings.Contains(h, `data-page="`+pageURL(name, newFixture("A4"))+`"`) {
			t.Errorf("%s: body has no data-page with the page's URL", name)
		}
	}
	if h := out["article"]; !strings.Contains(h, `<link rel="canonical" href="https://example.org/library/articles/noticing/">`) {
		t.Error("article: no canonical link to its permalink")
	}
	// The search page has its own form; the header and footer leave theirs out.
	if n := strings.Count(out["search"], `name="q"`); n != 1 {
		t.Errorf("search: %d inputs named q, want 1", n)
	}
	if n := strings.Count(out["article"], `name="q"`); n != 2 {
		t.Errorf("article: %d search inputs, want 2 (header on wide screens, footer on phones)", n)
	}
	if !strings.Contains(out["article"], `action="/library/search/" method="get"`) {
		t.Error("article: the search box does not GET /library/search/")
	}
}

func pageURL(name string, f *fixture) string {
	return f.pages()[name].Page.URL
}

// TestBasePath: every link, script and form stays under the site's base path.
func TestBasePath(t *testing.T) {
	out := renderAll(t, newFixture("A4"))
	attr := regexp.MustCompile(`(?:href|src|action)="(/[^"]*)"`)
	for name, h := range out {
		for _, m := range attr.FindAllStringSubmatch(h, -1) {
			if !strings.HasPrefix(m[1], "/library/") {
				t.Errorf("%s: %s leaves the base path /library/", name, m[0])
			}
		}
	}
}

// TestWordsComeFromI18n: a word missing from en.toml shows up as its key (T returns the key
// itself), so no output may contain one.
func TestWordsComeFromI18n(t *testing.T) {
	out := renderAll(t, newFixture("A4"))
	key := regexp.MustCompile(`\b[a-z]+(?:_[a-z]+)+\b`)
	for name, h := range out {
		if m := key.FindAllString(h, -1); len(m) > 0 {
			t.Errorf("%s: output contains what looks like a missing i18n key: %v", name, m)
		}
	}
}

func TestUnlistedIsNoindex(t *testing.T) {
	out := renderAll(t, newFixture("A4"))
	const noindex = `<meta name="robots" content="noindex">`
	for name, h := range out {
		want := name == "unlisted" || name == "alias"
		if got := strings.Contains(h, noindex); got != want {
			t.Errorf("%s: noindex present = %v, want %v", name, got, want)
		}
	}
}

// TestStepBlocks: a page in two paths shows one block per path, in path order, each with
// where it is, its neighbours and a Mark as done button for its own path and step.
func TestStepBlocks(t *testing.T) {
	out := renderAll(t, newFixture("A4"))
	h := out["article"]
	blocks := regexp.MustCompile(`(?s)<nav class="path-step".*?</nav>`).FindAllString(h, -1)
	if len(blocks) != 2 {
		t.Fatalf("article: %d path blocks, want 2 (it is in two paths)", len(blocks))
	}
	cases := []struct {
		where, path, prev, next string
	}{
		{"Your first month · step 2 of 3 · Before session 2", "path:first-month", "After a session", "Your values"},
		{"Confidence · step 2 of 2", "path:confidence", "Why between sessions matter", "Back to Confidence"},
	}
	for i, c := range cases {
		b := blocks[i]
		if got := text(b); !strings.HasPrefix(got, c.where+" ") {
			t.Errorf("block %d: text %q, want it to start with %q", i, got, c.where)
		}
		if !strings.Contains(text(b), c.prev) || !strings.Contains(text(b), c.next) {
			t.Errorf("block %d: want previous %q and next %q in %q", i, c.prev, c.next, text(b))
		}
		btn := fmt.Sprintf(`<button type="button" class="button mark-done" hidden aria-pressed="false" data-site="example.org/library" data-path="%s" data-step="articles/noticing.md">`, c.path)
		if !strings.Contains(b, btn) {
			t.Errorf("block %d: no hidden Mark as done button %s in\n%s", i, btn, b)
		}
	}
	// The short line at the top says where the page is, too.
	if !strings.Contains(text(h), "Confidence · step 2 of 2 Noticing in the moment") {
		t.Errorf("article: the top line does not name the path and step: %q", text(h)[:300])
	}
	// On a step of a path the path's own previous and next are the way on: no second "next".
	if strings.Contains(h, `class="page-nav"`) {
		t.Error("article in a path: the section's previous/next show beside the path's")
	}
	if strings.Contains(out["page"], `class="path-step"`) {
		t.Error("a page in no path shows a path block")
	}
}

func TestPageMeta(t *testing.T) {
	out := renderAll(t, newFixture("A4"))
	cases := []struct{ name, want string }{
		{"article", "Article January 12, 2026 4 minute read"},
		{"worksheet", "Worksheet 5 questions about 25 minutes"},
		{"guide", "Reflection guide 1 question about 4 minutes"},
		{"article", "Read the original"},
		{"article", "On this page Why How"},
		{"path", "Reading path 3 steps 33 minutes"},
	}
	for _, c := range cases {
		if !strings.Contains(text(out[c.name]), c.want) {
			t.Errorf("%s: want %q in %q", c.name, c.want, text(out[c.name]))
		}
	}
	if !strings.Contains(out["article"], `<time datetime="2026-01-12">`) {
		t.Error("article: the date is not a <time datetime>")
	}
	for _, name := range []string{"worksheet", "guide"} {
		if !strings.Contains(out[name], `<div class="print-header">`) {
			t.Errorf("%s: no print header", name)
		}
	}
	if strings.Contains(out["article"], `print-header`) {
		t.Error("article: has a worksheet's print header")
	}
}

func TestDuration(t *testing.T) {
	f := newFixture("A4")
	th := loadTheme(t)
	for _, c := range []struct {
		min  int
		want string
	}{{1, "1 minute"}, {59, "59 minutes"}, {60, "1 hour"}, {120, "2 hours"}, {130, "2 h 10 min"}, {179, "2 h 59 min"}} {
		f.month.Minutes = c.min
		b, err := th.Execute("path", render.Data{Site: f.site, Page: f.month.Page, Layout: "path", Path: f.month})
		if err != nil {
			t.Fatal(err)
		}
		if want := "Reading path 3 steps " + c.want + " "; !strings.Contains(text(string(b)), want) {
			t.Errorf("%d minutes: want %q in the path's meta line", c.min, want)
		}
	}
}

func TestPathPage(t *testing.T) {
	out := renderAll(t, newFixture("A4"))
	h := out["path"]
	for _, w := range []string{
		`data-path-progress data-path="path:first-month"`,
		`role="progressbar" aria-label="Progress: Your first month" aria-valuemin="0" aria-valuemax="3" aria-valuenow="0" aria-valuetext="0 of 3 done"`,
		`<a class="button button-quiet" href="/library/paths/first-month/print/">`,
		`<li class="step" data-step="guides/after.md">`,
		`<ol class="steps" start="3">`,
		`<h2>Before session 2</h2>`, `<h2>Before session 3</h2>`,
		`<p>Introduction to Your first month.</p>`,
	} {
		if !strings.Contains(h, w) {
			t.Errorf("path: missing %s", w)
		}
	}
	if !strings.Contains(text(h), "Start with After a session") {
		t.Error("path: without JavaScript it does not link the first step")
	}
	// A path without stages gets a heading for its steps all the same.
	if !strings.Contains(out["tagpath"], `<h2>Steps</h2>`) {
		t.Error("tag-derived path: no Steps heading")
	}
}

func TestHome(t *testing.T) {
	out := renderAll(t, newFixture("A4"))
	h := out["home"]
	welcome := strings.Index(h, "<p>Welcome.</p>")
	paths := strings.Index(h, `id="home-paths-title"`)
	articles := strings.Index(h, `id="home-articles-title"`)
	tags := strings.Index(h, `id="home-tags-title"`)
	// DESIGN: the home page answers "what do I do before our next session?" first.
	if paths < 0 || welcome < paths || articles < welcome || tags < articles {
		t.Errorf("home: want paths, welcome, articles, tags in that order; positions %d %d %d %d", paths, welcome, articles, tags)
	}
	card := regexp.MustCompile(`(?s)<article class="card path-card" data-path-progress data-path="path:first-month">.*?</article>`).FindString(h)
	if card == "" {
		t.Fatal("home: no card for Your first month")
	}
	for _, w := range []string{"Your first month", "About Your first month.", "3 steps", "33 minutes", "Start with After a session"} {
		if !strings.Contains(text(card), w) {
			t.Errorf("home card: want %q in %q", w, text(card))
		}
	}
	for _, id := range []string{"guides/after.md", "articles/noticing.md", "worksheets/values.md"} {
		if !strings.Contains(card, `data-step="`+id+`"`) {
			t.Errorf("home card: the script cannot see step %s", id)
		}
	}
}

func TestTagListsPathsFirst(t *testing.T) {
	out := renderAll(t, newFixture("A4"))
	h := out["tag"]
	path := strings.Index(h, `href="/library/paths/confidence/"`)
	page := strings.Index(h, `href="/library/articles/noticing/"`)
	if path < 0 || page < 0 || path > page {
		t.Errorf("tag: the path (at %d) must come before the pages (at %d)", path, page)
	}
	if !strings.Contains(text(h), "Tagged “Confidence”") {
		t.Error("tag: no title naming the tag")
	}
	if !strings.Contains(text(out["tags"]), "Confidence 3 pages") {
		t.Errorf("tags: want the tag with its count in %q", text(out["tags"]))
	}
}

func TestBooklet(t *testing.T) {
	for _, c := range []struct{ paper, sheet string }{{"A4", "a4"}, {"Letter", "letter"}} {
		t.Run(c.paper, func(t *testing.T) {
			f := newFixture(c.paper)
			out := renderAll(t, f)
			h := out["booklet"]
			// A stylesheet per paper size, as the Content-Security-Policy allows no <style>.
			if want := `css/paper-` + c.sheet + `.css">`; !strings.Contains(h, want) {
				t.Errorf("booklet: no %q", want)
			}
			css, err := themes.Default.ReadFile("default/static/css/paper-" + c.sheet + ".css")
			if want := "size: " + strings.ToLower(c.paper) + ";"; err != nil || !strings.Contains(strings.ToLower(string(css)), want) {
				t.Errorf("paper-%s.css: %v, want %q in\n%s", c.sheet, err, want, css)
			}
			titles := regexp.MustCompile(`<h2 id="step-(\d+)-title">([^<]*)</h2>`).FindAllStringSubmatch(h, -1)
			var got []string
			for _, m := range titles {
				got = append(got, m[1]+" "+html.UnescapeString(m[2]))
			}
			want := []string{"1 After a session", "2 Noticing in the moment", "3 Your values"}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("booklet steps: got %q, want %q", got, want)
			}
			for _, s := range f.month.Steps {
				if !strings.Contains(h, string(s.Page.PrintContent())) {
					t.Errorf("booklet: the content of %s is missing", s.Page.Title)
				}
			}
			cover := text(regexp.MustCompile(`(?s)<header class="booklet-cover".*?</header>`).FindString(h))
			for _, w := range []string{"Your first month", "About Your first month.", "Between Sessions", "Clara Mendel"} {
				if !strings.Contains(cover, w) {
					t.Errorf("booklet cover: want %q in %q", w, cover)
				}
			}
			toc := text(regexp.MustCompile(`(?s)<nav class="booklet-toc".*?</nav>`).FindString(h))
			if want := "Contents Each step starts on a new page, under its number. Before session 2 After a session Reflection guide Noticing in the moment Article Before session 3 Your values Worksheet"; toc != want {
				t.Errorf("booklet contents:\n got %q\nwant %q", toc, want)
			}
			if !strings.Contains(h, `data-print hidden>`) {
				t.Error("booklet: no Print button for the script to show")
			}
			if !strings.Contains(text(h), "step 2 of 3 · Before session 2 Noticing in the moment") {
				t.Error("booklet: a step does not say where it is in the path")
			}
		})
	}
}

func TestAlias(t *testing.T) {
	out := renderAll(t, newFixture("A4"))
	h := out["alias"]
	for _, w := range []string{
		`<link rel="canonical" href="https://example.org/library/articles/noticing/">`, // for search engines, not a request
		`<meta http-equiv="refresh" content="0; url=/library/articles/noticing/">`,
		`<a href="/library/articles/noticing/">`,
	} {
		if !strings.Contains(h, w) {
			t.Errorf("alias: missing %s in\n%s", w, h)
		}
	}
}

func TestSearchAnd404(t *testing.T) {
	out := renderAll(t, newFixture("A4"))
	for _, w := range []string{`<ol id="search-results" class="search-results"></ol>`, `<p id="search-status" class="search-status" role="status"></p>`,
		`<noscript><p class="search-status">`, `href="/library/tags/">`} {
		if !strings.Contains(out["search"], w) {
			t.Errorf("search: no %s", w)
		}
	}
	for _, w := range []string{`href="/library/"`, `href="/library/search/"`} {
		if !strings.Contains(out["404"], w) {
			t.Errorf("404: no link %s", w)
		}
	}
}

var (
	tKeyRe      = regexp.MustCompile(`\bT\s+"([a-z0-9_]+)"`)
	pluralKeyRe = regexp.MustCompile(`\bplural\s+"([a-z0-9_]+)"`)
	dynKeyRe    = regexp.MustCompile(`(?:printf\s+"|Tjoin\s+")([a-z0-9_]+?)(?:%s)?"`)
)

// goKeys are words the generator reads from the strings table itself, not the templates.
var goKeys = []string{
	"section_articles", "section_guides", "section_worksheets", "section_paths",
	"tags_title", "search_title", "not_found_title",
	"kind_article", "kind_guide", "kind_worksheet", "kind_path", "kind_page", "kind_home",
	"callout_note", "callout_tip", "callout_warning", "field_cell", "field_row",
	"embed_youtube", "embed_vimeo", "embed_x", "embed_instagram", "embed_gist",
}

// TestI18nKeys: every word the templates ask for is in en.toml, and en.toml has no word
// nobody asks for. Keys built at run time (kind_%s, section_%s, month_...) are checked
// against every value they can take.
func TestI18nKeys(t *testing.T) {
	def, err := fs.Sub(themes.Default, "default")
	if err != nil {
		t.Fatal(err)
	}
	data, err := fs.ReadFile(def, "i18n/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]string{}
	if _, err := toml.Decode(string(data), &words); err != nil {
		t.Fatalf("en.toml: %v", err)
	}
	used := map[string]string{} // key → the template that uses it
	prefixes := map[string]bool{}
	err = fs.WalkDir(def, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(def, p)
		if err != nil {
			return err
		}
		src := string(b)
		for _, m := range tKeyRe.FindAllStringSubmatch(src, -1) {
			used[m[1]] = p
		}
		for _, m := range pluralKeyRe.FindAllStringSubmatch(src, -1) {
			used[m[1]+"_one"] = p
			used[m[1]+"_other"] = p
		}
		for _, m := range dynKeyRe.FindAllStringSubmatch(src, -1) {
			prefixes[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 20 {
		t.Fatalf("found only %d keys in the templates: is the pattern broken?", len(used))
	}
	for _, k := range goKeys {
		used[k] = "generator"
	}
	months := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for _, m := range months {
		used["month_"+m] = "the date function"
	}
	used["date_format"] = "the date function"
	for _, k := range []string{"minutes_one", "minutes_other", "hours_one", "hours_other", "hours_minutes", "minutes_range", "range_to"} {
		used[k] = "the duration function"
	}
	dynamic := map[string][]string{
		"kind_":    {"home", "article", "guide", "worksheet", "path", "page"},
		"section_": {"articles", "guides", "worksheets", "paths"},
		"see_all_": {"articles", "guides", "worksheets", "paths"},
	}
	for p := range prefixes {
		vals, ok := dynamic[p]
		if !ok {
			t.Errorf("templates build keys %s%%s, and this test does not know their values", p)
		}
		for _, v := range vals {
			used[p+v] = "printf " + p + "%s"
		}
	}
	var missing, unused []string
	for k, where := range used {
		if _, ok := words[k]; !ok {
			missing = append(missing, k+" ("+where+")")
		}
	}
	for k := range words {
		if _, ok := used[k]; !ok {
			unused = append(unused, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(unused)
	if len(missing) > 0 {
		t.Errorf("keys used but not in en.toml: %v", missing)
	}
	if len(unused) > 0 {
		t.Errorf("keys in en.toml that nothing uses: %v", unused)
	}
}

// serveFixture serves the fixture's pages and the theme's static files under /library/, as a
// built site would be.
func serveFixture(t *testing.T, f *fixture) *httptest.Server {
	t.Helper()
	th := loadTheme(t)
	pages := map[string][]byte{}
	for name, d := range f.pages() {
		if d.Layout == "alias" || d.Layout == "404" {
			continue
		}
		b, err := th.Execute(d.Layout, d)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		u := d.Page.URL
		if d.Layout == "booklet" {
			u = d.Path.PrintURL
		}
		pages[u] = b
	}
	words, ok, err := th.Strings(&render.Data{Site: f.site, Page: f.home, Layout: "home"})
	if err != nil || !ok {
		t.Fatalf("the scripts' words: %v, %v", ok, err)
	}
	pages["/library/"+render.StringsFile] = render.StringsScript(words)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if b, ok := pages[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if strings.HasSuffix(r.URL.Path, ".js") {
				w.Header().Set("Content-Type", "text/javascript")
			}
			w.Write(b)
			return
		}
		if src, ok := th.Static[strings.TrimPrefix(r.URL.Path, "/library/")]; ok {
			b, err := fs.ReadFile(src.FS, src.Path)
			if err == nil {
				if strings.HasSuffix(src.Path, ".js") {
					w.Header().Set("Content-Type", "text/javascript")
				} else if strings.HasSuffix(src.Path, ".css") {
					w.Header().Set("Content-Type", "text/css")
				}
				w.Write(b)
				return
			}
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// progressState is what a client sees of a path's progress on a page.
type progressState struct {
	Shown     bool     `json:"shown"`
	Text      string   `json:"text"`
	Now       string   `json:"now"`
	ValueText string   `json:"valueText"`
	Checked   []string `json:"checked"`
	NextLabel string   `json:"nextLabel"`
	NextHref  string   `json:"nextHref"`
	NextText  string   `json:"nextText"`
}

const readProgress = `(function (path) {
  var s = document.querySelector('[data-path-progress][data-path="' + path + '"]');
  var box = s.querySelector('[data-progress]');
  var bar = s.querySelector('[role=progressbar]');
  var next = s.querySelector('[data-next]');
  var checked = [];
  s.querySelectorAll('[data-step]:not(.mark-done).is-done').forEach(function (e) { checked.push(e.getAttribute('data-step')); });
  s.querySelectorAll('[data-check]').forEach(function (e) {
    if (!e.hidden && !e.closest('.is-done')) { checked.push('visible check on a step not done'); }
  });
  return {shown: !box.hidden, text: s.querySelector('[data-progress-text]').textContent,
    now: bar.getAttribute('aria-valuenow'), valueText: bar.getAttribute('aria-valuetext'),
    checked: checked, nextLabel: s.querySelector('[data-next-label]').textContent,
    nextHref: next.hidden ? '' : new URL(next.href).pathname, nextText: next.hidden ? '' : next.textContent};
})`

// TestProgressInBrowser marks steps done on their pages and reads the progress back on the
// path page and the home page, after reloads, as a client would.
func TestProgressInBrowser(t *testing.T) {
	f := newFixture("A4")
	srv := serveFixture(t, f)
	ctx := browsertest.New(t)
	at := func(u string) string { return srv.URL + u }
	type button struct {
		Hidden  bool   `json:"hidden"`
		Pressed string `json:"pressed"`
		Text    string `json:"text"`
	}
	buttonOf := func(path string) button {
		t.Helper()
		b, err := chromedp.Run(ctx, chromedp.Evaluate[button](`(function () {
  var b = document.querySelector('button.mark-done[data-path="`+path+`"]');
  return {hidden: b.hidden, pressed: b.getAttribute('aria-pressed'), text: b.textContent.trim()};
})()`))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	progress := func(path string) progressState {
		t.Helper()
		p, err := chromedp.Run(ctx, chromedp.Evaluate[progressState](readProgress+`("`+path+`")`))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	click := func(path string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button.mark-done[data-path="`+path+`"]`))); err != nil {
			t.Fatal(err)
		}
	}
	nav := func(u string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(at(u)), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatal(err)
		}
	}

	// Nothing done yet: the path page starts with the first step.
	nav(f.month.URL)
	want := progressState{Shown: true, Text: "0 of 3 done", Now: "0", ValueText: "0 of 3 done", NextLabel: "Start with", NextHref: f.guide.URL, NextText: "After a session"}
	if got := progress("path:first-month"); !equalProgress(got, want) {
		t.Errorf("fresh path page:\n got %+v\nwant %+v", got, want)
	}

	nav(f.a1.URL)
	if b := buttonOf("path:first-month"); b.Hidden || b.Pressed != "false" || b.Text != "Mark as done" {
		t.Fatalf("step page before marking: button %+v, want shown, not pressed, Mark as done", b)
	}
	click("path:first-month")
	if b := buttonOf("path:first-month"); b.Pressed != "true" || b.Text != "DoneUndo" {
		t.Errorf("after a click: button %+v, want pressed, Done and Undo", b)
	}
	// A page read once is done in every path it belongs to.
	if b := buttonOf("path:confidence"); b.Pressed != "true" {
		t.Errorf("marking a page done in one path left it undone in its other path: %+v", b)
	}
	nav(f.guide.URL)
	click("path:first-month")

	// Progress survives a reload and shows on the path page and the home card.
	nav(f.month.URL)
	want = progressState{Shown: true, Text: "2 of 3 done", Now: "2", ValueText: "2 of 3 done", Checked: []string{"guides/after.md", "articles/noticing.md"}, NextLabel: "Up next:", NextHref: f.work.URL, NextText: "Your values"}
	if got := progress("path:first-month"); !equalProgress(got, want) {
		t.Errorf("path page after marking two steps:\n got %+v\nwant %+v", got, want)
	}
	nav(f.home.URL)
	if got := progress("path:first-month"); !equalProgress(got, want) {
		t.Errorf("home card after marking two steps:\n got %+v\nwant %+v", got, want)
	}
	if got := progress("path:confidence"); got.Text != "1 of 2 done" {
		t.Errorf("home card of the other path: %q, want 1 of 2 done (the page shared with it)", got.Text)
	}

	// The stored key is the documented one.
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`localStorage.getItem("between:example.org/library:done:articles/noticing.md") || ""`))
	if err != nil || v != "1" {
		t.Errorf("localStorage key for a done step: %q, %v; want \"1\"", v, err)
	}

	// Unmarking is the same button; the last step done shows the path as complete.
	nav(f.a1.URL)
	click("path:first-month")
	if b := buttonOf("path:first-month"); b.Pressed != "false" || b.Text != "Mark as done" {
		t.Errorf("after a second click: %+v, want not pressed", b)
	}
	nav(f.a2.URL)
	click("path:confidence")
	nav(f.a1.URL)
	click("path:confidence")
	nav(f.conf.URL)
	want = progressState{Shown: true, Text: "2 of 2 done", Now: "2", ValueText: "2 of 2 done", Checked: []string{"articles/why-between.md", "articles/noticing.md"}, NextLabel: "Every step is done. Well done."}
	if got := progress("path:confidence"); !equalProgress(got, want) {
		t.Errorf("finished path:\n got %+v\nwant %+v", got, want)
	}

	// Done is per page: unmarked in one path's list, the page is undone in its other path too.
	nav(f.month.URL)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button.mark-done-row[data-step="articles/noticing.md"]`))); err != nil {
		t.Fatal(err)
	}
	nav(f.a1.URL)
	if b := buttonOf("path:confidence"); b.Pressed != "false" || b.Text != "Mark as done" {
		t.Errorf("unmarked on the path page, the page's other path shows %+v", b)
	}

	// A mark kept per path by an earlier version counts, in every path.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`localStorage.setItem("between:example.org/library:path:confidence:articles/noticing.md", "1")`)); err != nil {
		t.Fatal(err)
	}
	nav(f.a1.URL)
	if b := buttonOf("path:first-month"); b.Pressed != "true" {
		t.Errorf("an old per-path mark is not read: %+v", b)
	}
}

func equalProgress(a, b progressState) bool {
	return a.Shown == b.Shown && a.Text == b.Text && a.Now == b.Now && a.ValueText == b.ValueText &&
		strings.Join(a.Checked, ",") == strings.Join(b.Checked, ",") && a.NextLabel == b.NextLabel &&
		a.NextHref == b.NextHref && a.NextText == b.NextText
}

// TestBookletPrints prints the booklet in Chromium and reads the PDF back: a cover and one
// page or more per step, the steps in order, on the configured paper.
func TestBookletPrints(t *testing.T) {
	browsertest.RequireTool(t, "pdftotext", "install it with `apt-get install -y poppler-utils`")
	for _, c := range []struct {
		paper string
		w, h  float64 // points
	}{{"A4", 595, 842}, {"Letter", 612, 792}} {
		t.Run(c.paper, func(t *testing.T) {
			f := newFixture(c.paper)
			srv := serveFixture(t, f)
			ctx := browsertest.New(t)
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+f.month.PrintURL)); err != nil {
				t.Fatal(err)
			}
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "booklet.pdf")
			if err := os.WriteFile(file, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			pages := strings.Split(string(out), "\f")
			if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
				pages = pages[:len(pages)-1]
			}
			// Cover, introduction with contents, then a page per step.
			if len(pages) < 2+len(f.month.Steps) {
				t.Fatalf("%d pages, want at least %d", len(pages), 2+len(f.month.Steps))
			}
			if !strings.Contains(pages[0], "Your first month") || strings.Contains(pages[0], "Contents") {
				t.Errorf("page 1 is not the cover alone:\n%s", pages[0])
			}
			for i, s := range f.month.Steps {
				p := pages[2+i]
				if !strings.Contains(p, s.Page.Title) || !strings.Contains(p, "Body of "+s.Page.Title) {
					t.Errorf("page %d: want step %d (%s) starting there:\n%s", 3+i, s.Index, s.Page.Title, p)
				}
				if !strings.Contains(p, fmt.Sprint(3+i)) {
					t.Errorf("page %d: no page number in the footer:\n%s", 3+i, p)
				}
			}
			for _, w := range []string{"Mark as done", "Print", "Search"} {
				if strings.Contains(string(out), w) {
					t.Errorf("the printed booklet shows %q: controls and navigation must not print", w)
				}
			}
			info, err := exec.Command("pdfinfo", file).Output()
			if err == nil {
				m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindStringSubmatch(string(info))
				if m == nil {
					t.Fatalf("pdfinfo: no page size in %s", info)
				}
				var w, h float64
				fmt.Sscan(m[1], &w)
				fmt.Sscan(m[2], &h)
				if math.Abs(w-c.w) > 2 || math.Abs(h-c.h) > 2 {
					t.Errorf("paper %s: page size %.0f x %.0f pt, want %.0f x %.0f", c.paper, w, h, c.w, c.h)
				}
			}
		})
	}
}

// TestNoWordsInTemplates renders every layout with a language whose every word is "Ω" and
// checks that no letter is left on the pages but the fixture's own content: a word written
// straight into a template would show.
func TestNoWordsInTemplates(t *testing.T) {
	def, _ := fs.Sub(themes.Default, "default")
	data, err := fs.ReadFile(def, "i18n/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]string{}
	if _, err := toml.Decode(string(data), &words); err != nil {
		t.Fatal(err)
	}
	verb := regexp.MustCompile(`%(\[\d\])?[dsv]`)
	var xx strings.Builder
	for k, v := range words {
		fmt.Fprintf(&xx, "%s = %q\n", k, "Ω"+strings.Join(verb.FindAllString(v, -1), " "))
	}
	th, err := theme.Load(fstest.MapFS{"i18n/xx.toml": {Data: []byte(xx.String())}}, "", "xx")
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture("A4")
	// What the fixture itself says, longest first so that no part of a longer one is left.
	var own []string
	add := func(s ...string) {
		for _, w := range s {
			if w != "" { // "" would be replaced between every two letters, leaving no word to find
				own = append(own, w)
			}
		}
	}
	add(f.site.Title, f.site.Author, f.site.Description, f.tag.Name, "Why", "How", "{done}", "{total}")
	for _, p := range []*site.Page{f.home, f.a1, f.a2, f.work, f.guide, f.about, f.secret, f.month.Page, f.conf.Page} {
		add(p.Title, p.Description, "Body of "+p.Title+".", "Introduction to "+p.Title+".")
	}
	for _, st := range f.month.Stages {
		add(st.Title)
	}
	for _, sec := range f.site.Sections {
		add(sec.Title)
	}
	for _, d := range f.pages() {
		add(d.Page.Title)
	}
	add("Welcome.")
	sort.Slice(own, func(i, j int) bool { return len(own[i]) > len(own[j]) })
	attrs := regexp.MustCompile(`(?:aria-label|aria-valuetext|placeholder|title|alt|data-[a-z-]+)="([^"]*)"`)
	// The pages, and the scripts' words that js/strings.js is made of.
	htmls := map[string]string{}
	for name, d := range f.pages() {
		b, err := th.Execute(d.Layout, d)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		htmls[name] = string(b)
	}
	scriptWords, ok, err := th.Strings(&render.Data{Site: f.site, Page: f.home, Layout: "home"})
	if err != nil || !ok {
		t.Fatalf("the scripts' words: %v, %v", ok, err)
	}
	htmls["js/strings.js"] = string(scriptWords)
	for name, h := range htmls {
		shown := text(h)
		for _, m := range attrs.FindAllStringSubmatch(h, -1) {
			if !strings.HasPrefix(m[0], "data-") || strings.Contains(h, `id="worksheet-strings"`) {
				shown += " " + html.UnescapeString(m[1])
			}
		}
		// Attribute values that are not words: keys, ids, URLs.
		for _, m := range regexp.MustCompile(`data-(?:site|path|step|page|base|coach-email)="[^"]*"`).FindAllString(h, -1) {
			if v := html.UnescapeString(m[strings.Index(m, `"`)+1 : len(m)-1]); v != "" {
				shown = strings.ReplaceAll(shown, v, " ")
			}
		}
		for _, s := range own {
			shown = strings.ReplaceAll(shown, s, " ")
		}
		if m := regexp.MustCompile(`[A-Za-z]{2,}`).FindAllString(shown, -1); len(m) > 0 {
			t.Errorf("%s: words not from the strings table: %q", name, m)
		}
	}
}

// TestWithoutJavaScript: with scripts off the progress controls stay hidden and the path
// still leads to its first step.
func TestWithoutJavaScript(t *testing.T) {
	f := newFixture("A4")
	srv := serveFixture(t, f)
	ctx := browsertest.New(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	visible := func(u, sel string) bool {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+u)); err != nil {
			t.Fatal(err)
		}
		// Scripts are off for the page, not for the test's own questions.
		box, err := chromedp.Run(ctx, chromedp.Dimensions(chromedp.CSS(sel)))
		if err != nil {
			return false
		}
		return box != nil && box.Width > 0 && box.Height > 0
	}
	for _, c := range []struct {
		url, sel string
		want     bool
	}{
		{f.a1.URL, "button.mark-done", false},
		{f.a1.URL, ".path-step a[href]", true},
		{f.month.URL, "[data-progress]", false},
		{f.month.URL, `a[data-next][href="` + f.guide.URL + `"]`, true},
		{f.home.URL, "[data-progress]", false},
		{f.month.PrintURL, "button[data-print]", false},
	} {
		if got := visible(c.url, c.sel); got != c.want {
			t.Errorf("%s without JavaScript: %s visible = %v, want %v", c.url, c.sel, got, c.want)
		}
	}
}

// TestWordNeedsItsValues: a word used without the values its %s and %d stand for is a build
// error naming the word, never "Back to %s" on a page.
func TestWordNeedsItsValues(t *testing.T) {
	for _, tc := range []struct {
		tpl, want, err string
	}{
		{`{{T "back_to_path"}}`, "", `back_to_path = "Back to %s" needs 1 value, and the template gives 0`},
		{`{{T "back_to_path" "Your first month"}}`, "Back to Your first month", ""},
		{`{{T "step_of" 2}}`, "", `step_of = "step %d of %d" needs 2 values, and the template gives 1`},
		{`{{T "print"}}`, "Print", ""},
		{`{{plural "steps" 3}}`, "3 steps", ""},
	} {
		th, err := theme.Load(fstest.MapFS{"layouts/page.html": {Data: []byte(tc.tpl)}}, "", "en")
		if err != nil {
			t.Fatal(err)
		}
		out, err := th.Execute("page", nil)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want one saying %s", tc.tpl, err, tc.err)
			}
			continue
		}
		if err != nil || string(out) != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.tpl, out, err, tc.want)
		}
	}
}

// TestLanguageWithRegion: a language tag with a region ("en-GB", "pt-BR") finds the words of
// its language, then those of its region, and writes dates the way its words say.
func TestLanguageWithRegion(t *testing.T) {
	day := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	site := fstest.MapFS{
		"i18n/pt.toml":    {Data: []byte("print = \"Imprimir\"\nmonth_march = \"março\"\ndate_format = \"{day} de {month} de {year}\"\n")},
		"i18n/pt-BR.toml": {Data: []byte("print = \"Imprimir agora\"\n")},
	}
	for _, c := range []struct {
		lang, date, print string
	}{
		{"en", "March 15, 2026", "Print"},
		{"en-GB", "15 March 2026", "Print"},
		{"en-US", "March 15, 2026", "Print"},
		{"pt", "15 de março de 2026", "Imprimir"},
		{"pt-BR", "15 de março de 2026", "Imprimir agora"},
	} {
		th, err := theme.Load(site, "", c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := th.Date(day); got != c.date {
			t.Errorf("%s: date %q, want %q", c.lang, got, c.date)
		}
		if got := th.Word("print"); got != c.print {
			t.Errorf("%s: print is %q, want %q", c.lang, got, c.print)
		}
	}
}
