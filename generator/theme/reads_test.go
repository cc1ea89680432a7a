package theme

import (
	"html/template"
	"os"
	"testing"
)

func TestReads(t *testing.T) {
	tests := []struct {
		name, text string
		want       Reads
	}{
		{"own page", `{{.Page.Title}}{{.Page.Content}}{{with .Page}}{{.TOC}}{{end}}`, Reads{OwnBody: true}},
		{"neighbour's body", `{{with .Page.Prev}}{{.Content}}{{end}}`, Reads{OtherBodies: true}},
		{"list bodies", `{{range .Section.Pages}}{{.WordCount}}{{end}}`, Reads{OtherBodies: true}},
		{"list cards", `{{range .Section.Pages}}{{.Title}} {{.Author}}{{end}}`, Reads{}},
		{"home", `{{.Site.Home.Title}}`, Reads{Home: true}},
		{"home body", `{{.Site.Home.Content}}`, Reads{Home: true, HomeBody: true}},
		{"menu presence", `{{range .Site.Sections}}{{if and .Pages (ne .Name "x")}}{{.Title}}{{end}}{{end}}{{if .Site.Pages}}x{{end}}`, Reads{}},
		{"every page", `{{range .Site.Pages}}{{.Title}}{{end}}`, Reads{AllLists: true}},
		{"a section's count", `{{range .Site.Sections}}{{len .Pages}}{{end}}`, Reads{AllLists: true}},
		{"a step's path count", `{{range .Page.Steps}}{{len .Path.Steps}} {{.Path.Page.Title}}{{with .Prev}}{{.Page.Title}}{{end}}{{end}}`, Reads{}},
		{"a step's path's steps", `{{range .Page.Steps}}{{range .Path.Steps}}{{.Page.Title}}{{end}}{{end}}`, Reads{AllLists: true}},
		{"through dict", `{{template "x" (dict "D" . "S" .Site)}}{{define "x"}}{{.D.Page.Content}}{{range .S.Pages}}{{.Title}}{{end}}{{end}}`, Reads{OwnBody: true, AllLists: true}},
		{"through a variable", `{{$p := .Page}}{{$p.Content}}{{$s := .Site}}{{$s.Home.Content}}`, Reads{OwnBody: true, Home: true, HomeBody: true}},
		{"unknown", `{{template "x" (index .Site.Tags 0)}}{{define "x"}}{{range .Pages}}{{.Content}}{{end}}{{end}}`, Reads{OtherBodies: true, AllLists: true, Tags: true}},
		{"through a piece", `{{piece "x" .Page}}{{piece "y" .}}{{define "x"}}{{.TOC}}{{end}}{{define "y"}}{{with .Page.Prev}}{{.Content}}{{end}}{{end}}`, Reads{OwnBody: true, OtherBodies: true}},
		{"build date", `{{.Site.BuildDate}}`, Reads{BuildDate: true}},
		{"a tag's pages", `{{range .Page.Tags}}{{range .Pages}}{{.Title}}{{end}}{{end}}`, Reads{AllLists: true}},
		{"whether there are tags", `{{if .Site.Tags}}x{{end}}{{with .Site.Tags}}y{{end}}{{if and .Site.Tags .Site.Pages}}z{{end}}`, Reads{}},
		{"a page's own tags", `{{range .Page.Tags}}{{.Name}} {{.URL}}{{end}}{{with .Section}}{{range .Pages}}{{range .Tags}}{{.Name}}{{end}}{{end}}{{end}}`, Reads{}},
		{"every tag", `{{range .Site.Tags}}{{.Name}}{{end}}`, Reads{Tags: true}},
		{"every tag, through with", `{{with .Site.Tags}}{{range .}}{{.URL}}{{end}}{{end}}`, Reads{Tags: true}},
		{"every tag, through a variable", `{{with $t := .Site.Tags}}{{len $t}}{{end}}`, Reads{Tags: true}},
		{"the tags counted", `{{len .Site.Tags}}`, Reads{Tags: true}},
		{"the tags to a template", `{{template "x" .Site}}{{define "x"}}{{with .Tags}}{{.}}{{end}}{{end}}`, Reads{Tags: true}},
		{"a neighbour's neighbour", `{{with .Page.Prev}}{{.Prev.Title}}{{end}}`, Reads{AllLists: true}},
		{"a neighbour's neighbour, chained", `{{.Page.Next.Next.Title}}`, Reads{AllLists: true}},
		{"a step two away", `{{range .Page.Steps}}{{with .Prev}}{{.Prev.Page.Title}}{{end}}{{end}}`, Reads{AllLists: true}},
		{"a neighbour step's page's neighbour", `{{range .Page.Steps}}{{.Next.Page.Next.Title}}{{end}}`, Reads{AllLists: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			set := template.Must(template.New("l.html").Funcs(template.FuncMap{"dict": func(...any) any { return nil }, "piece": func(string, any) any { return nil }}).Parse(tc.text))
			if got := readsOf(set, "l.html"); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestReadsDefaultTheme: the default theme's pages show only their own bodies and the
// plan's cards, so a text edit re-renders the page alone; the home page and the tags index
// list everything.
func TestReadsDefaultTheme(t *testing.T) {
	th, err := Load(os.DirFS(t.TempDir()), "", "en")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range Layouts {
		r := th.Reads(l)
		wantAll := l == "home" || l == "tags"
		// The tags themselves are on the home page, the tags index and the search page's
		// filter; every other page shows only whether there are any, in the menu.
		wantTags := l == "home" || l == "tags" || l == "search"
		if r.AllLists != wantAll || r.OtherBodies != (l == "booklet") || r.BuildDate || r.Tags != wantTags {
			t.Errorf("%s: %+v", l, r)
		}
	}
}
