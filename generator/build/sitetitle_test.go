package build

import (
	"strings"
	"testing"
)

// TestSiteTitleTypography: the site's title and description, from config.toml, get the
// typography a page's title written in front matter gets (curly quotes and apostrophes,
// dashes, an ellipsis) everywhere they show: the header, the browser tab of every page, the
// home page's description, the feed and the manifest. With [markdown] emoji = true, after
// their shortcodes are emoji.
func TestSiteTitleTypography(t *testing.T) {
	cases := []struct {
		name, config string
		title, desc  string // as shown
	}{
		{"quotes and an apostrophe", `title = "Coach's \"Library\""` + "\n" + `description = "Notes -- for \"you\"..."`,
			"Coach’s “Library”", "Notes – for “you”…"},
		{"nothing to change", `title = "Lib"` + "\n" + `description = "Notes"`, "Lib", "Notes"},
		{"emoji and quotes", `title = "Sam's :seedling:"` + "\n" + `description = "Grow---slowly"` + "\n[markdown]\nemoji = true",
			"Sam’s 🌱", "Grow—slowly"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The settings above go before any table: baseURL first.
			files := map[string]string{
				"config.toml":           "baseURL = \"https://example.org/\"\n" + c.config + "\n",
				"content/articles/a.md": mdPage("Well done", "date = 2026-01-01", "Text."),
			}
			res := mustBuild(t, newBuilder(writeSite(t, files)))
			want := map[string][]string{
				"index.html": {
					`class="site-title" href="/" aria-current="page">` + c.title + "</a>",
					"<title>" + c.title + "</title>",
					`<meta name="description" content="` + c.desc + `"`,
				},
				"articles/a/index.html": {"<title>Well done · " + c.title + "</title>", `class="site-title" href="/">` + c.title + "</a>"},
				"search/index.html":     {"<title>" + c.title + "</title>", `class="site-title" href="/">` + c.title + "</a>"},
				"index.xml":             {"<title>" + c.title + "</title>", "<subtitle>" + c.desc + "</subtitle>"},
				"manifest.webmanifest":  {`"name": "` + c.title + `"`, `"description": "` + c.desc + `"`},
			}
			for n, subs := range want {
				got, ok := res.Files[n]
				if !ok {
					t.Errorf("no %s", n)
					continue
				}
				for _, s := range subs {
					if !strings.Contains(string(got), s) {
						t.Errorf("%s has no %q:\n%s", n, s, got)
					}
				}
			}
		})
	}
}
