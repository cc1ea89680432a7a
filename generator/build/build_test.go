package build

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/diag"
)

var clock = func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) }

// writeSite writes files (slash paths) into a new temp folder.
func writeSite(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		write(t, root, name, text)
	}
	return root
}

func write(t testing.TB, root, name, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mdPage(title string, extra string, body string) string {
	return fmt.Sprintf("+++\ntitle = %q\n%s\n+++\n%s\n", title, extra, body)
}

// smallSite is a site with every kind of page, and plain layouts that show what the default
// theme shows (titles of neighbours, path steps, list entries), so that re-render counts do
// not depend on the theme's looks.
func smallSite() map[string]string {
	files := map[string]string{
		"config.toml":       "baseURL = \"https://example.org/lib/\"\ntitle = \"Lib\"\n",
		"content/_index.md": mdPage("Home", "", "Welcome."),
		"content/about.md":  mdPage("About", "", "About me."),
		"content/articles/a.md": mdPage("Alpha", "date = 2026-01-01\ntags = [\"Focus\"]\nweight = 1",
			"Alpha text. See [b](b.md#second).\n\n## First\n\ntext"),
		"content/articles/b.md": mdPage("Beta", "date = 2026-01-02\ntags = [\"Focus\", \"Calm\"]\nweight = 2",
			"Beta text.\n\n## Second\n\ntext"),
		"content/articles/c.md":   mdPage("Gamma", "date = 2026-01-03\nweight = 3", "Gamma text."),
		"content/guides/g.md":     mdPage("Guide", "date = 2026-01-04\ntags = [\"Calm\"]", "::: answer id=x\nHow?\n:::\n"),
		"content/worksheets/w.md": mdPage("Sheet", "date = 2026-01-05", "A sheet.\n\n::: line id=y\nWhat?\n:::\n"),
		"content/paths/p.md": mdPage("Path", "[[stages]]\ntitle = \"One\"\nsteps = [\"articles/a.md\", \"guides/g.md\"]\n[[stages]]\ntitle = \"Two\"\nsteps = [\"worksheets/w.md\"]",
			"Intro."),
		"content/paths/t.md": mdPage("Tag path", "tag = \"Focus\"", "By tag."),
	}
	body := `<!doctype html><title>{{.Page.Title}}</title>
<nav>{{range .Site.Plain}}<a href="{{.URL}}">{{.Title}}</a>{{end}}{{range .Site.Sections}}<a href="{{.URL}}">{{.Name}}</a>{{end}}</nav>
<h1>{{.Page.Title}}</h1>{{.Page.Content}}
{{range .Page.Tags}}<a href="{{.URL}}">{{.Name}}</a>{{end}}
{{range .Page.Steps}}<p>{{.Path.Page.Title}} · step {{.Index}} of {{len .Path.Steps}} · {{.Stage.Title}}
{{with .Prev}}<a href="{{.Page.URL}}">{{.Page.Title}}</a>{{end}}{{with .Next}}<a href="{{.Page.URL}}">{{.Page.Title}}</a>{{end}}</p>{{end}}
{{with .Page.Prev}}<a rel="prev" href="{{.URL}}">{{.Title}}</a>{{end}}{{with .Page.Next}}<a rel="next" href="{{.URL}}">{{.Title}}</a>{{end}}
{{with .Path}}{{range .Stages}}<h2>{{.Title}}</h2>{{range .Steps}}<li>{{.Page.Title}} {{.Page.Minutes}} {{.Page.Summary}}</li>{{end}}{{end}}{{end}}
{{with .Section}}{{range .Pages}}<li>{{.Title}} {{.Summary}}</li>{{end}}{{end}}
{{with .Tag}}{{range .Paths}}<li>{{.Page.Title}}</li>{{end}}{{range .Pages}}<li>{{.Title}}</li>{{end}}{{end}}`
	for _, l := range []string{"article", "guide", "worksheet", "page", "path", "section", "tag", "search", "404", "alias"} {
		files["layouts/"+l+".html"] = body
	}
	files["layouts/booklet.html"] = `{{range .Path.Steps}}<section><h1>{{.Page.Title}}</h1>{{.Page.Content}}</section>{{end}}`
	files["layouts/tags.html"] = `{{range .Site.Tags}}<a href="{{.URL}}">{{.Name}} {{len .Pages}}</a>{{end}}`
	files["layouts/home.html"] = `{{.Page.Content}}{{range .Site.Paths}}<h2>{{.Page.Title}}</h2>{{range .Steps}}{{.Page.Title}}{{end}}{{end}}{{range .Site.Pages}}<li>{{.Title}} {{.Summary}}</li>{{end}}`
	return files
}

func newBuilder(root string) *Builder {
	b := New(Options{Root: root})
	b.SetClock(clock)
	return b
}

func mustBuild(t testing.TB, b *Builder) *Result {
	t.Helper()
	res, err := b.Build()
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

func mustRebuild(t testing.TB, b *Builder, changed ...string) *Result {
	t.Helper()
	res, err := b.Rebuild(changed)
	if err != nil {
		t.Fatalf("rebuild %v: %v", changed, err)
	}
	return res
}

// rendered lists the HTML files a rebuild changed.
func htmlChanged(r *Result) []string {
	var out []string
	for _, c := range r.Changed {
		if strings.HasSuffix(c, ".html") {
			out = append(out, c)
		}
	}
	return out
}

func TestRebuildRendersOnlyWhatDepends(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		text     string
		rendered int      // templates that ran
		changed  []string // HTML files whose bytes changed
	}{
		{
			name: "body edit of a step page",
			file: "content/articles/c.md", text: mdPage("Gamma", "date = 2026-01-03\nweight = 3", "Gamma text, edited.\n\nMore."),
			// its own page only: the summary (first paragraph) changed too, so lists that show it.
			rendered: 5, changed: []string{"articles/c/index.html", "articles/index.html", "index.html"}, // and the tags index
		},
		{
			name: "body edit below the first paragraph",
			file: "content/articles/c.md", text: mdPage("Gamma", "date = 2026-01-03\nweight = 3", "Gamma text.\n\nA new second paragraph."),
			rendered: 1, changed: []string{"articles/c/index.html"},
		},
		{
			name: "body edit of a page in a path re-renders its booklet",
			file: "content/worksheets/w.md", text: mdPage("Sheet", "date = 2026-01-05", "A sheet.\n\n::: line id=y\nWhat?\n:::\n\nAdded."),
			rendered: 2, changed: []string{"paths/p/print/index.html", "worksheets/w/index.html"},
		},
		{
			name: "title change reaches lists, neighbours, paths and tags",
			file: "content/articles/b.md", text: mdPage("Beta two", "date = 2026-01-02\ntags = [\"Focus\", \"Calm\"]\nweight = 2", "Beta text.\n\n## Second\n\ntext"),
			rendered: 11, // and the tags index and paths list, whose bytes stay the same here
			changed: []string{"articles/a/index.html", "articles/b/index.html", "articles/c/index.html", "articles/index.html",
				"index.html", "paths/t/index.html", "paths/t/print/index.html", "tags/calm/index.html", "tags/focus/index.html"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := writeSite(t, smallSite())
			b := newBuilder(root)
			before := mustBuild(t, b)
			write(t, root, tc.file, tc.text)
			res := mustRebuild(t, b, tc.file)
			if got := htmlChanged(res); strings.Join(got, " ") != strings.Join(tc.changed, " ") {
				t.Errorf("changed HTML:\n got %v\nwant %v", got, tc.changed)
			}
			if res.Rendered != tc.rendered {
				t.Errorf("rendered %d templates, want %d", res.Rendered, tc.rendered)
			}
			if res.Rendered >= before.Rendered {
				t.Errorf("a one-page edit rendered %d of %d outputs", res.Rendered, before.Rendered)
			}
			assertSameAsFull(t, root, res)
		})
	}
}

func TestRebuildTemplateChange(t *testing.T) {
	root := writeSite(t, smallSite())
	b := newBuilder(root)
	mustBuild(t, b)
	write(t, root, "layouts/tags.html", `<p>All tags</p>{{range .Site.Tags}}{{.Name}}{{end}}`)
	res := mustRebuild(t, b, "layouts/tags.html")
	if res.Rendered != 1 || strings.Join(htmlChanged(res), " ") != "tags/index.html" {
		t.Errorf("tags layout change: rendered %d, changed %v", res.Rendered, htmlChanged(res))
	}
	assertSameAsFull(t, root, res)
}

func TestRebuildStaticChange(t *testing.T) {
	root := writeSite(t, smallSite())
	b := newBuilder(root)
	mustBuild(t, b)
	write(t, root, "static/css/site.css", "body{color:red}")
	res := mustRebuild(t, b, "static/css/site.css")
	// offline.json holds a hash of every file: it changes with any of them.
	if res.Rendered != 0 || strings.Join(res.Changed, " ") != "css/site.css offline.json" {
		t.Errorf("static change: rendered %d, changed %v", res.Rendered, res.Changed)
	}
}

func TestRebuildErrorKeepsState(t *testing.T) {
	root := writeSite(t, smallSite())
	b := newBuilder(root)
	mustBuild(t, b)
	write(t, root, "content/articles/a.md", "+++\ntitle = \"Alpha\"\nweight = \"one\"\n+++\nx")
	_, err := b.Rebuild([]string{"content/articles/a.md"})
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || list[0].File != "content/articles/a.md" || list[0].Line != 3 {
		t.Fatalf("want one error at content/articles/a.md:3, got %v", err)
	}
	write(t, root, "content/articles/a.md", mdPage("Alpha fixed", "date = 2026-01-01\ntags = [\"Focus\"]\nweight = 1", "Fixed. See [b](b.md#second)."))
	res := mustRebuild(t, b, "content/articles/a.md")
	assertSameAsFull(t, root, res)
}

// assertSameAsFull builds root from scratch and compares every file with res.
func assertSameAsFull(t testing.TB, root string, res *Result) {
	t.Helper()
	full := mustBuild(t, newBuilder(root))
	var diffs []string
	for name, data := range full.Files {
		if got, ok := res.Files[name]; !ok {
			diffs = append(diffs, "missing "+name)
		} else if string(got) != string(data) {
			diffs = append(diffs, "differs "+name)
		}
	}
	for name := range res.Files {
		if _, ok := full.Files[name]; !ok {
			diffs = append(diffs, "extra "+name)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Fatalf("incremental output differs from a full build:\n%s", strings.Join(diffs, "\n"))
	}
}

// TestRebuildRandomEdits applies random edits, creates, deletes and renames, rebuilding
// after each, and checks that the output always equals a fresh full build.
func TestRebuildRandomEdits(t *testing.T) {
	for _, theme := range []string{"plain", "default"} {
		t.Run(theme, func(t *testing.T) {
			files := smallSite()
			if theme == "default" {
				for name := range files {
					if strings.HasPrefix(name, "layouts/") {
						delete(files, name)
					}
				}
			}
			root := writeSite(t, files)
			b := newBuilder(root)
			if _, err := b.Build(); err != nil {
				t.Skipf("theme not buildable yet: %v", err)
			}
			rng := rand.New(rand.NewSource(7))
			titles := []string{"Alpha", "Beta", "Gamma", "Delta", "Zeta"}
			tags := []string{`["Focus"]`, `["Calm"]`, `["Focus", "Calm"]`, `[]`, `["New Tag"]`}
			existing := func() []string {
				var out []string
				for _, sec := range []string{"articles", "guides", "worksheets"} {
					ents, _ := os.ReadDir(filepath.Join(root, "content", sec))
					for _, e := range ents {
						out = append(out, "content/"+sec+"/"+e.Name())
					}
				}
				return out
			}
			for step := 0; step < 60; step++ {
				ex := existing()
				var changed []string
				switch op := rng.Intn(10); {
				case op >= 5 && len(ex) > 0: // the text alone, as a coach edits while writing
					f := ex[rng.Intn(len(ex))]
					data, err := os.ReadFile(filepath.Join(root, f))
					if err != nil {
						t.Fatal(err)
					}
					head, _, ok := strings.Cut(strings.TrimPrefix(string(data), "+++\n"), "+++\n")
					if !ok {
						continue
					}
					bodies := []string{
						fmt.Sprintf("Same start.\n\n## Part %d\n\nMore %d.", step, step),
						fmt.Sprintf("Same start.\n\nSee [the path](/content/paths/p.md), step %d.", step),
						fmt.Sprintf("A new first paragraph %d.\n\n## Second\n\ntext", step),
						"Same start.\n\n" + strings.Repeat("word ", 250*(1+rng.Intn(3))),
					}
					write(t, root, f, "+++\n"+head+"+++\n"+bodies[rng.Intn(len(bodies))]+"\n")
					changed = []string{f}
				case op <= 1 && len(ex) > 0: // edit
					f := ex[rng.Intn(len(ex))]
					body := fmt.Sprintf("Same start.\n\n## Part %d\n\nMore %d.", step, rng.Intn(3))
					write(t, root, f, mdPage(titles[rng.Intn(len(titles))], fmt.Sprintf("date = 2026-02-%02d\nweight = %d\ntags = %s", 1+rng.Intn(20), rng.Intn(4), tags[rng.Intn(len(tags))]), body))
					changed = []string{f}
				case op == 2: // create
					f := fmt.Sprintf("content/articles/new-%d.md", step)
					write(t, root, f, mdPage(titles[rng.Intn(len(titles))]+" new", fmt.Sprintf("date = 2026-03-%02d\ntags = %s", 1+rng.Intn(20), tags[rng.Intn(len(tags))]), "New page."))
					changed = []string{f}
				case op == 3 && len(ex) > 4: // delete, unless a path needs it
					f := ex[rng.Intn(len(ex))]
					if strings.HasSuffix(f, "/a.md") || strings.HasSuffix(f, "/g.md") || strings.HasSuffix(f, "/w.md") || strings.HasSuffix(f, "/b.md") {
						continue
					}
					os.Remove(filepath.Join(root, f))
					changed = []string{f}
				default: // rename
					f := ex[rng.Intn(len(ex))]
					if strings.HasSuffix(f, "/a.md") || strings.HasSuffix(f, "/g.md") || strings.HasSuffix(f, "/w.md") || strings.HasSuffix(f, "/b.md") {
						continue
					}
					to := strings.TrimSuffix(f, ".md") + "-r.md"
					os.Rename(filepath.Join(root, f), filepath.Join(root, to))
					changed = []string{f, to}
				}
				res, err := b.Rebuild(changed)
				if err != nil {
					// A random edit may collide URLs; the next full build must agree.
					if _, ferr := newBuilder(root).Build(); ferr == nil {
						t.Fatalf("step %d: rebuild failed but a full build passes: %v", step, err)
					}
					continue
				}
				assertSameAsFull(t, root, res)
			}
			if b.textRebuilds == 0 {
				t.Error("no edit took the short way for text edits: the test does not cover it")
			}
			t.Logf("%d rebuilds of text alone", b.textRebuilds)
		})
	}
}

// TestRebuildTakesWhatBuildTakes: files a full build passes over (in _folders, dot files,
// editor scratch files) are passed over by a rebuild too.
func TestRebuildTakesWhatBuildTakes(t *testing.T) {
	root := writeSite(t, smallSite())
	b := newBuilder(root)
	mustBuild(t, b)
	for _, f := range []string{"content/_drafts/x.md", "content/.notes/y.md", "content/articles/.z.md", "content/articles/a.md~", "content/articles/#a.md#"} {
		write(t, root, f, mdPage("Hidden", "", "[broken](nowhere.md)"))
		res := mustRebuild(t, b, f)
		assertSameAsFull(t, root, res)
	}
}
