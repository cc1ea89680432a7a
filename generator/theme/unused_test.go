package theme_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/between-ssg/between/generator/theme"
)

// TestUnusedLayoutsWarned: files in layouts/ that Between never reads are warned about, in
// the site's folder and in a theme folder: a layout's name misspelt, another generator's
// folders of layouts. What Between reads is not.
func TestUnusedLayoutsWarned(t *testing.T) {
	page := []byte(`{{define "main"}}<p>{{.Page.Title}}</p>{{end}}`)
	site := fstest.MapFS{
		"config.toml":                              {Data: []byte("theme = \"calm\"\n")},
		"layouts/artcle.html":                      {Data: page},
		"layouts/worksheet.html":                   {Data: page},
		"layouts/partials/my-footer.html":          {Data: []byte(`{{define "x"}}{{end}}`)},
		"layouts/README.md":                        {Data: []byte("notes")},
		"themes/calm/layouts/_default/single.html": {Data: page},
		"themes/calm/layouts/shortcodes/note.html": {Data: page},
		"themes/calm/layouts/page.html":            {Data: page},
	}
	th, err := theme.Load(site, "calm", "en")
	if err != nil {
		t.Fatal(err)
	}
	layouts := "home.html, article.html, guide.html, worksheet.html, page.html, path.html, booklet.html, section.html, tags.html, tag.html, search.html, notes.html, 404.html, alias.html, baseof.html"
	folder := func(dir, layouts0 string) string {
		return layouts0 + dir + "/: warning: Between does not read this folder, so its layouts change nothing; a layout's file is named for what it shows (" + layouts +
			"), straight in " + layouts0 + ", and shared pieces go in " + layouts0 + "partials/ (see docs/configuration.md, Layout names)"
	}
	want := strings.Join([]string{
		"layouts/artcle.html: warning: Between does not use a layout of this name, so it changes nothing; did you mean article.html?",
		folder("_default", "themes/calm/layouts/"),
		folder("shortcodes", "themes/calm/layouts/"),
	}, "\n")
	if got := th.Warnings.Sort().Error(); got != want {
		t.Errorf("warnings\n%s\nwant\n%s", got, want)
	}
}
