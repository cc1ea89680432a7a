package build

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/between-ssg/between/themes"
)

// TestThemeIDsUnique builds, with the default theme, pages whose headings (and titles) are
// named like every id the theme writes, "## Menu top" for menu-top, on every kind of page,
// and checks that no output page has two elements of one id: "#menu", the theme's link to
// its menu at the bottom, must not land on a heading named Menu.
func TestThemeIDsUnique(t *testing.T) {
	written, err := themes.WrittenIDs()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for id := range written {
		seen[id] = true
	}
	// Ids a layout is given in a dict (the menus', the search boxes') or makes of a name (the
	// home page's sections).
	for _, id := range []string{"menu", "menu-top", "q-top", "q-bottom",
		"home-articles-title", "home-guides-title", "home-worksheets-title", "home-paths-title"} {
		seen[id] = true
	}
	var ids []string
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if len(ids) < 20 {
		t.Fatalf("found only the theme's ids %v", ids)
	}
	var body strings.Builder
	for _, id := range ids {
		body.WriteString("## " + strings.ToUpper(id[:1]) + strings.ReplaceAll(id[1:], "-", " ") + "\n\nText.\n\n")
	}
	text := body.String()
	files := map[string]string{
		"config.toml":             "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n",
		"content/_index.md":       mdPage("Home", "", text),
		"content/about.md":        "# Menu\n\n" + text,
		"content/articles/a.md":   mdPage("Main", "date = 2026-01-01\ntags = [\"Focus\"]\ntoc = true", text),
		"content/articles/b.md":   "# Toc title\n\n" + text,
		"content/guides/g.md":     mdPage("Guide", "date = 2026-01-02", text+"::: answer\nMenu\n:::\n"),
		"content/worksheets/w.md": mdPage("Sheet", "date = 2026-01-03", text+"::: line\nMain\n:::\n"),
		// Plain pages whose ids, prefixed by their names in a booklet, would be the
		// booklet's (step-1, step-2-title, booklet-title) or the theme's (menu-top, q-top).
		"content/step.md":    "# A step\n\n## 1\n\nText.\n\n## 2 title\n\nText.\n\n::: line id=3\nQ\n:::\n",
		"content/step-2.md":  mdPage("Second", "", "## Title\n\nText."),
		"content/booklet.md": mdPage("Booklet", "", "## Title\n\nText.\n\n## Toc title\n\nText."),
		"content/menu.md":    mdPage("Menu page", "", "## Top\n\nText."),
		"content/q.md":       mdPage("Q", "", "## Top\n\nText.\n\n## Bottom\n\nText."),
		// Its booklet shows its text below the booklet's own ids (booklet-title, step-1).
		"content/paths/p.md": mdPage("Path", "steps = [\"articles/a.md\", \"worksheets/w.md\", \"guides/g.md\", \"step.md\", \"step-2.md\", \"booklet.md\", \"menu.md\", \"q.md\"]",
			text+"## Step 1\n\nFirst.\n\n## Step 2 title\n\nThen.\n"),
	}
	root := writeSite(t, files)
	b := newBuilder(root)
	res := mustBuild(t, b)
	attr := regexp.MustCompile(`\sid="([^"]*)"`)
	unique := func(when string, res *Result) {
		t.Helper()
		pages := 0
		for name, data := range res.Files {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			pages++
			count := map[string]int{}
			for _, m := range attr.FindAllSubmatch(data, -1) {
				count[string(m[1])]++
			}
			for id, n := range count {
				if n > 1 {
					t.Errorf("%s: %s has %d elements of the id %q", when, name, n, id)
				}
			}
		}
		if pages < 10 {
			t.Errorf("%s: only %d pages built", when, pages)
		}
	}
	unique("built", res)
	// An edit of the path's text, in the dev server, shows in its booklet with the
	// booklet's ids.
	write(t, root, "content/paths/p.md", strings.Replace(files["content/paths/p.md"], "## Step 1\n", "## Step 1\n\n## Booklet title\n", 1))
	res = mustRebuild(t, b, "content/paths/p.md")
	unique("edited", res)
	if bk := string(res.Files["paths/p/print/index.html"]); !strings.Contains(bk, `<h2 id="paths-p-booklet-title-1">Booklet title</h2>`) {
		t.Errorf("the booklet does not show the path's edited text with its ids:\n%s", bk)
	}
	// The headings are there, with other ids.
	if a := string(res.Files["articles/a/index.html"]); !strings.Contains(a, `<h2 id="menu-1">Menu</h2>`) || !strings.Contains(a, `href="#menu-1"`) {
		t.Errorf("articles/a/index.html has no heading Menu of the id menu-1, or its table of contents has no link to it:\n%s", a)
	}
}

// TestLinkToThemeID: a link to one of the theme's ids, as #menu, is a warning, not an error:
// it leads to the theme's element, and a site whose "## Menu" became #menu-1 with an upgrade
// keeps building. The warning names the heading's id when a heading is named like it, in the
// page's text or its title, and a link written as an address is told the same.
func TestLinkToThemeID(t *testing.T) {
	const hint = "link to #menu: #menu is the theme's own, on every page; no heading has that id; the heading named like it is #menu-1: link to #menu-1"
	for _, c := range []struct {
		name, file, src, want string
	}{
		{"a heading named Menu", "content/about.md", mdPage("About", "", "## Menu\n\nSee [the menu](#menu)."),
			"content/about.md:7:5: warning: " + hint},
		{"a title named Menu", "content/about.md", "# Menu\n\n[Back to the top](#menu)\n",
			"content/about.md:3:1: warning: " + hint},
		{"no heading named Menu", "content/about.md", mdPage("About", "", "Text.\n\nSee [the menu](#menu)."),
			"content/about.md:7:5: warning: link to #menu: #menu is the theme's own, on every page; no heading has that id; the link leads there, not to a heading"},
		{"an address", "content/other.md", mdPage("Other", "", "See [the menu](/about/#menu)."),
			"content/other.md:5:5: warning: " + hint},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{
				"config.toml":      "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n",
				"content/about.md": mdPage("About", "", "## Menu\n\nText."),
			}
			files[c.file] = c.src
			root := writeSite(t, files)
			res := mustBuild(t, newBuilder(root))
			var got []string
			for _, w := range res.Warnings {
				got = append(got, w.Error())
			}
			if len(got) != 1 || got[0] != c.want {
				t.Errorf("warnings %q, want %q", got, c.want)
			}
			if _, ok := res.Files["about/index.html"]; !ok {
				t.Error("the page with the link was not written")
			}
			// With --strict the warning stops the build, as every warning does.
			b := newBuilder(root)
			b.opts.Strict = true
			if _, err := b.Build(); err == nil || !strings.Contains(err.Error(), strings.Replace(c.want, "warning: ", "", 1)) {
				t.Errorf("strict build: %v, want the warning as an error", err)
			}
		})
	}
}

// TestHeadingGivenThemeID: a heading given one of the theme's ids by hand keeps it, as
// asked, with a warning at its line; so does the heading that titles a page.
func TestHeadingGivenThemeID(t *testing.T) {
	for _, c := range []struct {
		name, src, file, want, h string
	}{
		{"heading", mdPage("About", "", "Text.\n\n## Our menu {#menu}\n\nMore."), "about/index.html",
			`content/about.md:7:4: warning: the id "menu" is the theme's own, on every page`, `<h2 id="menu">Our menu</h2>`},
		{"title", "<!-- notes -->\n\n# Our menu {#menu}\n\nText.\n", "about/index.html",
			`content/about.md:3:3: warning: the id "menu" is the theme's own, on every page`, `<h1 id="menu">Our menu</h1>`},
		{"title with front matter", "+++\ndate = 2026-01-01\n+++\n# Main {#main}\n\nText.\n", "about/index.html",
			`content/about.md:4:3: warning: the id "main" is the theme's own, on every page`, `<h1 id="main">Main</h1>`},
	} {
		files := map[string]string{
			"config.toml":      "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n",
			"content/about.md": c.src,
		}
		res := mustBuild(t, newBuilder(writeSite(t, files)))
		var got []string
		for _, w := range res.Warnings {
			got = append(got, w.Error())
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], c.want) || !strings.HasSuffix(got[0], "give this heading another {#id}") {
			t.Errorf("%s: warnings %q, want one starting %s", c.name, got, c.want)
		}
		if !strings.Contains(string(res.Files[c.file]), c.h) {
			t.Errorf("%s: the heading lost its id:\n%s", c.name, res.Files[c.file])
		}
	}
}
