package theme_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/generator/theme"
	"github.com/between-ssg/between/themes"
)

// TestPiecesMatchTemplates builds libraries twice: as they are, where the built-in theme's
// pieces (meta line, table of contents, tags, neighbours, list entries) are made in Go, and
// with the built-in layouts copied unchanged into the site's layouts/, as a coach who
// starts their own theme does, where every piece runs as a template. Every file must be
// the same, byte for byte: the example library (every feature), the languages' test sites,
// and adversarial ones with markup, scripts and odd characters in every field.
func TestPiecesMatchTemplates(t *testing.T) {
	sites := []string{"../.."}
	for _, dir := range []string{"site-basic", "site-de", "site-ar", "site-ja", "site-bilingual",
		"adversarial/script-in-every-field", "adversarial/javascript-links", "adversarial/invalid-utf8",
		"adversarial/names-every-script", "adversarial/base-url-query-fragment", "adversarial/far-dates",
		"adversarial/wrong-types", "adversarial/duplicate-ids"} {
		sites = append(sites, "../../testdata/"+dir)
	}
	sites = append(sites, "awkward", "awkward-paged")
	for _, src := range sites {
		t.Run(filepath.Base(src), func(t *testing.T) {
			root := t.TempDir()
			switch src {
			case "awkward":
				awkwardSite(t, root)
			case "awkward-paged": // every list in pages of two
				awkwardSite(t, root)
				appendFile(t, filepath.Join(root, "config.toml"), "paginate = 2\n")
			default:
				copySite(t, src, root)
			}
			want := buildFiles(t, root, false)
			copyLayouts(t, root)
			got := buildFiles(t, root, false)
			compareFiles(t, want, got)
			// And with no layout written without text/template (frame.go): every
			// {{...}} of the copied layouts run by text/template itself.
			restore := theme.SetFramesOff(true)
			got = buildFiles(t, root, false)
			restore()
			compareFiles(t, want, got)
			if src == "awkward" { // and with its drafts, as the preview shows them
				want = buildFiles(t, root, true)
				if !strings.Contains(string(want["articles/draft/index.html"]), "draft-banner") {
					t.Error("the draft is not shown with its banner")
				}
				os.RemoveAll(filepath.Join(root, "layouts"))
				compareFiles(t, buildFiles(t, root, true), want)
			}
		})
	}
}

// TestPieceOverrides: a site's own definition of a piece, or of a template a piece calls,
// is what its pages show.
func TestPieceOverrides(t *testing.T) {
	for _, c := range []struct{ define, want string }{
		{`{{define "meta"}}<p>MY-META {{.Title}}</p>{{end}}`, "<p>MY-META "},
		{`{{define "duration-range"}}MY-DURATION{{end}}`, "MY-DURATION"},
		{`{{define "toc"}}MY-TOC{{end}}`, "MY-TOC"},
		{`{{define "tags"}}MY-TAGS{{end}}`, "MY-TAGS"},
		{`{{define "tag-link"}}MY-TAG-LINK{{end}}`, "MY-TAG-LINK"},
		{`{{define "page-nav"}}MY-NAV {{with .Page.Next}}{{.Title}}{{end}}{{end}}`, "MY-NAV "},
		{`{{define "icon-next"}}MY-ICON{{end}}`, "MY-ICON"},
	} {
		root := t.TempDir()
		copySite(t, "../../testdata/site-basic", root)
		writeFile(t, filepath.Join(root, "layouts/partials/zz-mine.html"), c.define)
		files := buildFiles(t, root, false)
		found := false
		for name, data := range files {
			if strings.HasSuffix(name, ".html") && strings.Contains(string(data), c.want) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: no page shows %q", c.define, c.want)
		}
	}
	// A list's entry, overridden: the section lists show it.
	root := t.TempDir()
	copySite(t, "../../testdata/site-basic", root)
	writeFile(t, filepath.Join(root, "layouts/partials/zz-mine.html"), `{{define "entry"}}MY-ENTRY {{.H}} {{.Kind}}{{end}}`)
	files := buildFiles(t, root, false)
	if !strings.Contains(string(files["articles/index.html"]), "MY-ENTRY 2 false") {
		t.Errorf("articles/index.html does not show the site's entry:\n%s", files["articles/index.html"])
	}
}

// awkwardSite writes a library with every character that is escaped somewhere in the
// fields the pieces show, and every kind of time, in every kind of page and list.
func awkwardSite(t *testing.T, root string) {
	t.Helper()
	const odd = `Tom's "best" <b>bits</b> & a+b = c, ünï 漢字`
	writeFile(t, filepath.Join(root, "config.toml"), "baseURL = \"https://example.org/lib+x/\"\ntitle = \"A & B <lib>\"\n")
	page := func(name, front, body string) {
		writeFile(t, filepath.Join(root, "content", name), "+++\n"+front+"\n+++\n"+body)
	}
	q := func(s string) string { return "'''" + s + "'''" }
	body := "## " + odd + "\n\nText.\n\n### Plus + & <three>\n\nMore.\n\n## Again\n\nEnd.\n"
	page("articles/a.md", "title = "+q(odd)+"\ndescription = "+q(odd)+"\ntags = [\"A+B <c>\", \"d&e's\", \"plain\"]\ntoc = true\ndate = 2025-02-03", body)
	page("articles/b.md", "title = \"Range\"\nminutes = \"10-15\"\ndate = 2024-12-31", "Short.\n")
	page("articles/c.md", "title = \"Long\"\nminutes = \"70-130\"\ntoc = false", body)
	page("articles/d.md", "title = \"An hour\"\nminutes = 60\nkind = \"guide\"", "A guide among articles.\n")
	page("articles/e.md", "title = \"Ninety\"\nminutes = 90\nkind = \"page\"", "A plain page among articles.\n")
	page("guides/g.md", "title = "+q(odd)+"\nminutes = \"20-25\"\ntags = [\"plain\"]", body+"\n::: answer id=a lines=3\nWhat?\n:::\n")
	page("worksheets/w.md", "title = \"Sheet\"\nminutes = 1", "::: answer id=a lines=3\nWhat?\n:::\n\n::: scale id=s min=1 max=10\nHow?\n:::\n")
	page("worksheets/x.md", "title = \"Sheet two\"\nkind = \"article\"\ndate = 2025-06-01", "::: answer id=b lines=3\nWhy?\n:::\n")
	page("about.md", "title = "+q(odd), body)
	page("articles/draft.md", "title = \"Draft\"\ndraft = true\ndescription = \"\"", "Not yet.\n")
	page("hidden.md", "title = \"Hidden\"\nunlisted = true", "For one client.\n")
	// Titled by their first heading: the h1 carries its id.
	writeFile(t, filepath.Join(root, "content", "articles", "h.md"), "# "+odd+"\n\n"+body)
	writeFile(t, filepath.Join(root, "content", "articles", "i.md"), "# Its own id {#a_b:c.d}\n\nText.\n")
	writeFile(t, filepath.Join(root, "content", "guides", "_index.md"), "# Guides & <more>\n\nIntro.\n")
}

func buildFiles(t *testing.T, root string, drafts bool) map[string][]byte {
	t.Helper()
	res, err := build.New(build.Options{Root: root, Drafts: drafts}).Build()
	if err != nil {
		t.Fatal(err)
	}
	return res.Files
}

func compareFiles(t *testing.T, want, got map[string][]byte) {
	t.Helper()
	var names []string
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	bad := 0
	for _, n := range names {
		if string(want[n]) != string(got[n]) {
			bad++
			if bad <= 3 {
				w, g := string(want[n]), string(got[n])
				i := 0
				for i < len(w) && i < len(g) && w[i] == g[i] {
					i++
				}
				t.Errorf("%s differs at byte %d:\npieces:    %q\ntemplates: %q", n, i, around(w, i), around(g, i))
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files with the pieces, %d with the templates", len(want), len(got))
	}
	if bad > 3 {
		t.Errorf("... %d files differ", bad)
	}
}

func around(s string, i int) string {
	return s[max(0, i-80):min(len(s), i+80)]
}

// copySite copies a test library into dir.
func copySite(t *testing.T, src, dir string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			// The repository's own folders beside the example library.
			if src == "../.." && rel != "." && !strings.HasPrefix(rel, "content") && !strings.HasPrefix(rel, "static") &&
				!strings.HasPrefix(rel, "layouts") && !strings.HasPrefix(rel, "i18n") {
				return fs.SkipDir
			}
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if src == "../.." && !strings.Contains(rel, string(filepath.Separator)) && rel != "config.toml" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// copyLayouts copies the built-in theme's layouts into the site's layouts/, keeping any the
// site has of its own.
func copyLayouts(t *testing.T, root string) {
	t.Helper()
	err := fs.WalkDir(themes.Default, "default/layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		dst := filepath.Join(root, "layouts", strings.TrimPrefix(p, "default/layouts/"))
		if _, err := os.Stat(dst); err == nil {
			return nil
		}
		data, err := fs.ReadFile(themes.Default, p)
		if err != nil {
			return err
		}
		writeFile(t, dst, string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPiecesAfterRebuild: in the preview, a partial added that defines a piece shows on the
// pages at once, and removing it brings back the built-in piece, as a fresh build makes it.
func TestPiecesAfterRebuild(t *testing.T) {
	root := t.TempDir()
	awkwardSite(t, root)
	b := build.New(build.Options{Root: root})
	first, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(root, "layouts/partials/zz-mine.html")
	writeFile(t, mine, `{{define "meta"}}<p>MY-META</p>{{end}}{{define "page-foot"}}MY-FOOT{{end}}`)
	res, err := b.Rebuild([]string{"layouts/partials/zz-mine.html"})
	if err != nil {
		t.Fatal(err)
	}
	page := string(res.Files["articles/a/index.html"])
	if !strings.Contains(page, "<p>MY-META</p>") || !strings.Contains(page, "MY-FOOT") {
		t.Errorf("after adding the partial, the page shows the built-in pieces:\n%s", page)
	}
	if err := os.Remove(mine); err != nil {
		t.Fatal(err)
	}
	res, err = b.Rebuild([]string{"layouts/partials/zz-mine.html"})
	if err != nil {
		t.Fatal(err)
	}
	compareFiles(t, first.Files, res.Files)
}
