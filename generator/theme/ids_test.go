package theme_test

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/between-ssg/between/generator/theme"
)

// TestLayoutIDs: Theme.IDs are the ids the site's layouts in use and a theme folder's write
// as text, not those made as a page renders (id="{{ .ID }}", id="q-{{ .Kind }}"), a
// data-id, a layout Between does not use, nor the built-in theme's, which markdown knows.
func TestLayoutIDs(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/article.html": {Data: []byte(`{{template "baseof.html" .}}{{define "main"}}<div id="reflect"><p id='notes-box'></p>` +
			`<span id="{{ .Page.Title }}" data-id="not-one"></span><i id="q-{{ .Kind }}"></i>{{template "single" .}}{{end}}`)},
		"layouts/partials/extra.html":        {Data: []byte(`{{define "extra"}}<aside id="breathe"></aside>{{end}}`)},
		"layouts/singel.html":                {Data: []byte(`<div id="misspelt"></div>`)},
		"themes/calm/layouts/page.html":      {Data: []byte(`{{template "baseof.html" .}}{{define "main"}}<div id = "calm-page">{{template "single" .}}</div>{{end}}`)},
		"themes/calm/layouts/worksheet.html": {Data: []byte(`<div id="hidden-by-the-site"></div>`)},
		"layouts/worksheet.html":             {Data: []byte(`{{template "baseof.html" .}}{{define "main"}}{{template "single" .}}{{end}}`)},
	}
	th, err := theme.Load(fsys, "calm", "en")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"breathe", "calm-page", "notes-box", "reflect"}; !slices.Equal(th.IDs, want) {
		t.Errorf("IDs = %q, want %q", th.IDs, want)
	}
	th, err = theme.Load(fstest.MapFS{}, "", "en")
	if err != nil {
		t.Fatal(err)
	}
	if th.IDs != nil {
		t.Errorf("the built-in theme alone: IDs = %q, want none", th.IDs)
	}
}
