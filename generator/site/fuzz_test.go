package site_test

import (
	"net/url"
	"path"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/page"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/source"
)

// FuzzURLPath makes the address of a file with any name (and any slug): when the page
// layer accepts it, the address is a clean path of slugs, stays below the site, and comes
// back unchanged from an escaped URL.
func FuzzURLPath(f *testing.F) {
	for _, s := range [][2]string{{"articles/Уверенность.md", ""}, {"Reading List/Notes #1?.md", ""},
		{"articles/../../etc.md", ""}, {"a/./b/%2e%2e.md", ""}, {"articles/x.md", "../up"}, {"articles/x.md", "уверенность"},
		{"articles/Re\u0301flexion.md", ""}, {"x y/ z .md", ""}, {"articles/_index.md", ""}, {"_index.md", ""}, {"a\\b.md", ""}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, rel, slug string) {
		if !utf8.ValidString(rel) || !strings.HasSuffix(rel, ".md") || strings.HasPrefix(rel, "/") || strings.Contains(rel, "//") {
			return
		}
		front := "+++\ntitle = \"T\"\n"
		if slug != "" {
			front += "slug = \"" + strings.NewReplacer("\\", "", "\"", "", "\n", "").Replace(slug) + "\"\n"
		}
		file, perrs := source.Parse("content/"+rel, []byte(front+"+++\n"))
		if file == nil || len(perrs) > 0 {
			return // a build with a broken front matter writes nothing
		}
		p, errs := page.From(file)
		if len(errs.Errors(false)) > 0 {
			return
		}
		up := site.URLPath(p)
		if strings.ContainsAny(up, "?#% \\") || strings.Contains(up, "//") || strings.HasPrefix(up, "/") {
			t.Fatalf("%s (slug %q) has the address %q", rel, slug, up)
		}
		for _, part := range strings.Split(strings.TrimSuffix(up, "/"), "/") {
			if part == "." || part == ".." {
				t.Fatalf("%s (slug %q) has the address %q, which climbs", rel, slug, up)
			}
		}
		if up != "" && path.Clean("/"+up) != "/"+strings.TrimSuffix(up, "/") {
			t.Fatalf("%s: address %q is not clean", rel, up)
		}
		u := &url.URL{Scheme: "https", Host: "example.org", Path: "/" + up}
		back, err := url.Parse(u.String())
		if err != nil || back.Path != "/"+up {
			t.Fatalf("%s: address %q escaped as %q reads back as %q (%v)", rel, up, u.String(), back.Path, err)
		}
	})
}

// FuzzPath reads a reading path's front matter of any text (stages, steps, a tag) in a small
// library: assembling must not panic, every problem must name a file, and a path that
// assembles has steps numbered 1, 2, 3... in its stages' order, each a page of the library,
// each linked to the step before and after it.
func FuzzPath(f *testing.F) {
	for _, s := range []string{
		"title = \"P\"\nsteps = [\"articles/a.md\", \"articles/b\", \"/content/worksheets/w.md\"]\n",
		"title = \"P\"\ntag = \"calm\"\n",
		"title = \"P\"\n[[stages]]\ntitle = \"One\"\nsteps = [\"articles/a.md\"]\n[[stages]]\ntitle = \"Two\"\nsteps = [\"articles/b.md\", \"articles/a.md\"]\n",
		"title = \"P\"\nsteps = [\"\", \"articles/missing.md\", \"../articles/a.md\", \"paths/p.md\"]\n",
		"title = \"P\"\ntag = \"calm\"\nsteps = [\"articles/b.md\"]\n[[stages]]\nsteps = []\n",
		"title = \"P\"\n[[stages]]\ntitle = 3\nsteps = [1, {a = 1}, [\"x\"]]\n",
		"title = \"P\"\nsteps = [\"articles/Re\u0301flexion.md\", \"ARTICLES/A.MD\"]\n",
	} {
		f.Add(s)
	}
	cfg := config.Default()
	cfg.BaseURL, cfg.Title = "https://example.org/lib/", "Lib"
	files := map[string]string{
		"articles/a.md":         "+++\ntitle = \"A\"\ntags = [\"calm\"]\n+++\nA\n",
		"articles/b.md":         "+++\ntitle = \"B\"\ntags = [\"Calm\"]\nweight = 2\n+++\nB\n",
		"articles/réflexion.md": "+++\ntitle = \"R\"\n+++\nR\n",
		"worksheets/w.md":       "+++\ntitle = \"W\"\n+++\n::: answer\nQ\n:::\n",
		"articles/draft.md":     "+++\ntitle = \"D\"\ndraft = true\ntags = [\"calm\"]\n+++\nD\n",
		"paths/other.md":        "+++\ntitle = \"O\"\nsteps = [\"articles/a.md\"]\n+++\nO\n",
	}
	conv := markdown.New(false)
	f.Fuzz(func(t *testing.T, front string) {
		var inputs []site.Input
		for _, rel := range append([]string{"paths/p.md"}, "articles/a.md", "articles/b.md", "articles/réflexion.md", "worksheets/w.md", "articles/draft.md", "paths/other.md") {
			text := files[rel]
			if rel == "paths/p.md" {
				text = "+++\n" + front + "\n+++\nIntro\n"
			}
			file, perrs := source.Parse("content/"+rel, []byte(text))
			if file == nil || len(perrs) > 0 {
				return
			}
			p, errs := page.From(file)
			if len(errs.Errors(false)) > 0 {
				return
			}
			in := site.Input{Page: p, Visible: p.Visible(now, false)}
			if in.Visible {
				doc, err := conv.Convert(p.Body, markdown.Options{Rel: p.Rel, BasePath: cfg.BasePath()})
				if err != nil {
					t.Fatal(err)
				}
				in.Doc = doc
			}
			inputs = append(inputs, in)
		}
		s, errs := site.Assemble(cfg, inputs, now)
		for _, d := range errs {
			if d.File == "" || d.Msg == "" {
				t.Fatalf("problem without a file or message: %+v", d)
			}
		}
		if len(errs.Errors(false)) > 0 {
			return
		}
		pages := map[*site.Page]bool{}
		for _, p := range s.Pages {
			pages[p] = true
		}
		for _, path := range s.Paths {
			i := 0
			for _, st := range path.Stages {
				for _, step := range st.Steps {
					if i >= len(path.Steps) || path.Steps[i] != step || step.Index != i+1 || step.Stage != st || step.Path != path {
						t.Fatalf("%s: step %d (%+v) out of place", path.Page.File, i+1, step)
					}
					if step.Page == nil || !pages[step.Page] || step.Page.Kind == "path" {
						t.Fatalf("%s: step %d is not a page of the library: %+v", path.Page.File, i+1, step.Page)
					}
					if i > 0 && (step.Prev != path.Steps[i-1] || path.Steps[i-1].Next != step) {
						t.Fatalf("%s: step %d is not linked to the one before", path.Page.File, i+1)
					}
					i++
				}
			}
			if i != len(path.Steps) {
				t.Fatalf("%s: %d steps in stages, %d in all", path.Page.File, i, len(path.Steps))
			}
		}
	})
}
