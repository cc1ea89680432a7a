package build

import (
	"strings"
	"testing"
)

// layoutWithID is the default theme's article layout with an element of the coach's own
// above the page, of the id reflect: a heading "## Reflect" of the text must not take it.
const layoutWithID = `{{template "baseof.html" .}}{{define "main"}}<div id="reflect">Your reflections</div>{{template "single" .}}{{end}}`

// layoutWithoutID is layoutWithID before the coach gave the element its id.
const layoutWithoutID = `{{template "baseof.html" .}}{{define "main"}}<div>Your reflections</div>{{template "single" .}}{{end}}`

func layoutIDSite(layout string) map[string]string {
	return map[string]string{
		"config.toml":           "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n",
		"layouts/article.html":  layout,
		"content/articles/a.md": mdPage("Alpha", "date = 2026-01-01", "Text.\n\n## Reflect\n\nWhat did you see? [Again](#reflect-1)"),
		// Titled by its heading: the page's h1 keeps off the layout's id too.
		"content/articles/b.md": "# Reflect\n\nText.\n",
		"content/about.md":      mdPage("About", "", "See [Alpha's question](articles/a.md#reflect-1)."),
	}
}

// TestLayoutIDs: a heading named like an id that one of the site's own layouts writes
// (<div id="reflect">) gets the id with -1, as one named like the theme's does, in the
// page's text and as its title, so that the page has one element of the id reflect.
func TestLayoutIDs(t *testing.T) {
	res := mustBuild(t, newBuilder(writeSite(t, layoutIDSite(layoutWithID))))
	for name, h := range map[string]string{"articles/a/index.html": `<h2 id="reflect-1">Reflect</h2>`, "articles/b/index.html": `<h1 id="reflect-1">Reflect</h1>`} {
		page := string(res.Files[name])
		if !strings.Contains(page, h) {
			t.Errorf("%s has no %s:\n%s", name, h, page)
		}
		if n := strings.Count(page, `id="reflect"`); n != 1 {
			t.Errorf("%s has %d elements of the id reflect, want the layout's alone", name, n)
		}
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
}

// TestLinkToLayoutID: a link to an id a site's layout writes leads to the layout's element,
// a warning as a link to one of the theme's ids is, which names the heading named like it.
func TestLinkToLayoutID(t *testing.T) {
	files := layoutIDSite(layoutWithID)
	files["content/about.md"] = mdPage("About", "", "See [Alpha's question](articles/a.md#reflect).")
	res := mustBuild(t, newBuilder(writeSite(t, files)))
	want := "content/about.md:5:5: warning: link to #reflect: #reflect is written by one of the site's layouts, on every page; no heading has that id; the heading named like it is #reflect-1: link to #reflect-1"
	if len(res.Warnings) != 1 || res.Warnings[0].Error() != want {
		t.Errorf("warnings %v, want %s", res.Warnings, want)
	}
}

// TestHeadingGivenLayoutID: a heading given a layout's id by hand keeps it, as asked, with
// a warning, as one given the theme's.
func TestHeadingGivenLayoutID(t *testing.T) {
	files := layoutIDSite(layoutWithID)
	files["content/articles/a.md"] = mdPage("Alpha", "date = 2026-01-01", "Text.\n\n## Reflect {#reflect}\n\nWhat did you see?")
	files["content/articles/b.md"] = "# Reflect {#reflect}\n\nText.\n"
	files["content/about.md"] = mdPage("About", "", "About.")
	res := mustBuild(t, newBuilder(writeSite(t, files)))
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.Error())
	}
	want := []string{`content/articles/a.md:7:4: warning: the id "reflect" is written by one of the site's layouts`, `content/articles/b.md:1:3: warning: the id "reflect" is written by one of the site's layouts`}
	if len(got) != 2 || !strings.HasPrefix(got[0], want[0]) || !strings.HasPrefix(got[1], want[1]) {
		t.Errorf("warnings %q, want two starting %q", got, want)
	}
}

// TestRebuildLayoutIDs: giving a layout's element an id in `between serve` gives the
// headings named like it other ids, as a build from scratch does, and taking it away gives
// them theirs back.
func TestRebuildLayoutIDs(t *testing.T) {
	files := layoutIDSite(layoutWithoutID)
	// A link to #reflect-1 leads nowhere without the layout's id.
	files["content/articles/a.md"] = mdPage("Alpha", "date = 2026-01-01", "Text.\n\n## Reflect\n\nWhat did you see?")
	files["content/about.md"] = mdPage("About", "", "See [Alpha](articles/a.md).")
	root := writeSite(t, files)
	b := newBuilder(root)
	mustBuild(t, b)
	for i, layout := range []string{layoutWithID, layoutWithoutID} {
		write(t, root, "layouts/article.html", layout)
		res := mustRebuild(t, b, "layouts/article.html")
		assertSameFiles(t, res.Files, mustBuild(t, newBuilder(root)).Files)
		if t.Failed() {
			t.Fatalf("edit %d: the rebuild differs from a build from scratch", i+1)
		}
	}
	// In a library in two languages, whose languages are built each by a Builder of its
	// own.
	files["config.toml"] += "[languages.en]\n[languages.de]\ntitle = \"Bibliothek\"\n"
	files["content/articles/a.de.md"] = mdPage("Alpha auf Deutsch", "date = 2026-01-01", "Text.\n\n## Reflect\n\nWas?")
	files["layouts/article.html"] = layoutWithoutID
	twoRoot := writeSite(t, files)
	b = newBuilder(twoRoot)
	mustBuild(t, b)
	write(t, twoRoot, "layouts/article.html", layoutWithID)
	res := mustRebuild(t, b, "layouts/article.html")
	fresh := mustBuild(t, newBuilder(twoRoot)).Files
	assertSameFiles(t, res.Files, fresh)
	if page := string(fresh["de/articles/a/index.html"]); !strings.Contains(page, `<h2 id="reflect-1">`) {
		t.Errorf("the German page's heading kept the layout's id:\n%s", page)
	}
	if t.Failed() {
		t.Fatal("two languages: the rebuild differs from a build from scratch")
	}

	// And as the dev server builds: lazily, its pages rendered after it returns.
	b = previewBuilder(root, true)
	whole(t, mustBuild(t, b))
	write(t, root, "layouts/article.html", layoutWithID)
	res = whole(t, mustRebuild(t, b, "layouts/article.html"))
	assertSamePreview(t, res.Files, mustBuild(t, previewBuilder(root, false)).Files)
	if page := string(res.Files["articles/a/index.html"]); !strings.Contains(page, `<h2 id="reflect-1">`) {
		t.Errorf("the preview's heading kept the layout's id:\n%s", page)
	}
}
