package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTranslationBundle: a page that is a page bundle (values/index.md) in one language and
// a plain file (values.md) in the other is one page in two languages, as a link to either
// file is: the switch and hreflang lead from each to the other, and a rename of one into
// a bundle, in the dev server, keeps them paired.
func TestTranslationBundle(t *testing.T) {
	const config = "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\nlanguage = \"en\"\n[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n"
	for _, c := range []struct {
		name   string
		en, de string // the two files
	}{
		{"plain in English, bundle beside it", "content/articles/values.md", "content/articles/values/index.de.md"},
		{"bundle in English, plain beside it", "content/articles/values/index.md", "content/articles/values.de.md"},
		{"plain in English, bundle in de/", "content/articles/values.md", "content/de/articles/values/index.md"},
		{"bundle in English, plain in de/", "content/articles/values/index.md", "content/de/articles/values.md"},
		{"both bundles", "content/articles/values/index.md", "content/articles/values/index.de.md"},
		{"German with its own slug", "content/articles/values.md", "content/articles/values/index.de.md"},
	} {
		t.Run(c.name, func(t *testing.T) {
			slug := "values"
			extra := ""
			if strings.Contains(c.name, "slug") {
				slug, extra = "werte", "slug = \"werte\""
			}
			files := map[string]string{
				"config.toml": config,
				c.en:          mdPage("Values", "date = 2026-01-01", "What matters."),
				c.de:          mdPage("Werte", "date = 2026-01-01\n"+extra, "Was zählt."),
			}
			root := writeSite(t, files)
			b := newBuilder(root)
			check := func(when string, res *Result) {
				t.Helper()
				for _, w := range []struct{ file, want string }{
					{"articles/values/index.html", `<a href="/de/articles/` + slug + `/" hreflang="de" lang="de">Deutsch</a>`},
					{"articles/values/index.html", `<link rel="alternate" hreflang="de" href="https://example.org/de/articles/` + slug + `/">`},
					{"de/articles/" + slug + "/index.html", `<a href="/articles/values/" hreflang="en" lang="en">English</a>`},
					{"de/articles/" + slug + "/index.html", `<link rel="alternate" hreflang="en" href="https://example.org/articles/values/">`},
				} {
					if !strings.Contains(string(res.Files[w.file]), w.want) {
						t.Errorf("%s: %s has no %s", when, w.file, w.want)
					}
				}
			}
			check("built", mustBuild(t, b))
			// The English page becomes a bundle, or stops being one, while the dev server
			// runs: the German page's switch follows it.
			moved := "content/articles/values/index.md"
			if c.en == moved {
				moved = "content/articles/values.md"
			}
			if err := os.Remove(filepath.Join(root, c.en)); err != nil {
				t.Fatal(err)
			}
			write(t, root, moved, files[c.en])
			check("moved", mustRebuild(t, b, c.en, moved))
		})
	}
}
