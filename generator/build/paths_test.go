package build

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/diag"
)

func TestPathErrors(t *testing.T) {
	base := map[string]string{
		"config.toml":           "title = \"T\"\n",
		"content/articles/a.md": mdPage("A", "tags = [\"Calm\"]", "a"),
		"content/articles/b.md": mdPage("B", "", "b"),
		"content/articles/d.md": mdPage("D", "draft = true", "d"),
		"content/articles/u.md": mdPage("U", "unlisted = true", "u"),
	}
	tests := []struct {
		name, path, want string
	}{
		{"missing page", "+++\ntitle = \"P\"\nsteps = [\"articles/a.md\", \"articles/nope.md\"]\n+++\n",
			`content/paths/p.md:3: step "articles/nope.md": there is no such page (content/articles/nope.md); steps name files inside content/, like "articles/x.md"`},
		{"draft step", "+++\ntitle = \"P\"\nsteps = [\"articles/d.md\"]\n+++\n",
			`content/paths/p.md:3: step "articles/d.md": that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or take it out of the path`},
		{"listed twice", "+++\ntitle = \"P\"\n[[stages]]\ntitle = \"One\"\nsteps = [\"articles/a.md\"]\n[[stages]]\ntitle = \"Two\"\nsteps = [\"articles/b.md\", \"articles/a.md\"]\n+++\n",
			`content/paths/p.md:6: step "articles/a.md" is listed twice in this path; keep one`},
		{"empty path", "+++\ntitle = \"P\"\n+++\nNothing.",
			`content/paths/p.md:1: this path is empty; give it steps = ["articles/....md", ...], [[stages]] with steps, or tag = "..."`},
		{"tag and steps", "+++\ntitle = \"P\"\ntag = \"Calm\"\nsteps = [\"articles/a.md\"]\n+++\n",
			`content/paths/p.md:3: a path takes either tag or steps, not both; remove one`},
		{"tag without pages", "+++\ntitle = \"P\"\ntag = \"Nothing here\"\n+++\n",
			`content/paths/p.md:3: no published page has the tag "Nothing here", so this path is empty; tag some pages with it`},
		{"unlisted step", "+++\ntitle = \"P\"\nsteps = [\"articles/u.md\"]\n+++\n",
			`content/paths/p.md:3: step "articles/u.md" is unlisted; unlisted pages stay out of paths, so remove it or drop unlisted from it`},
		{"stage without steps", "+++\ntitle = \"P\"\n[[stages]]\ntitle = \"One\"\n+++\n",
			`content/paths/p.md:3: stage "One" has no steps; add steps = ["articles/....md"]`},
		{"stage typo", "+++\ntitle = \"P\"\n[[stages]]\ntitle = \"One\"\nstep = [\"articles/a.md\"]\n+++\n",
			`content/paths/p.md:3: stage 1: unknown key "step"; a stage has a title and steps (did you mean "steps"?)`},
		{"steps of the wrong type", "+++\ntitle = \"P\"\nsteps = \"articles/a.md\"\n+++\n", ""},
		{"a path as a step", "+++\ntitle = \"P\"\nsteps = [\"paths/p.md\"]\n+++\n",
			`content/paths/p.md:3: step "paths/p.md" is not a page to read; steps are articles, guides, worksheets or plain pages`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"content/paths/p.md": tc.path}
			for k, v := range base {
				files[k] = v
			}
			_, err := newBuilder(writeSite(t, files)).Build()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("want no error, got %v", err)
				}
				return
			}
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("want errors, got %v", err)
			}
			if !strings.Contains(list.Error(), tc.want) {
				t.Errorf("errors:\n%s\nwant one:\n%s", list.Error(), tc.want)
			}
		})
	}
}

func TestTagPathOrderAndMemberships(t *testing.T) {
	files := map[string]string{
		"config.toml":                "title = \"T\"\n",
		"content/articles/late.md":   mdPage("Late", "tags = [\"Calm\"]\ndate = 2026-05-01", "x"),
		"content/articles/early.md":  mdPage("Early", "tags = [\"calm\"]\ndate = 2026-01-01", "x"),
		"content/articles/first.md":  mdPage("Weighted", "tags = [\"CALM\"]\nweight = 1\ndate = 2026-09-01", "x"),
		"content/articles/b-same.md": mdPage("B same day", "tags = [\"Calm\"]\ndate = 2026-03-01", "x"),
		"content/articles/a-same.md": mdPage("A same day", "tags = [\"Calm\"]\ndate = 2026-03-01", "x"),
		"content/paths/calm.md":      mdPage("Calm path", "tag = \"calm\"", "By tag."),
		"content/paths/two.md":       mdPage("Two", "steps = [\"articles/late.md\"]\nweight = 5", "Two."),
		"layouts/path.html":          `{{range .Path.Steps}}{{.Index}}:{{.Page.Title}};{{end}}`,
		"layouts/article.html":       `{{range .Page.Steps}}[{{.Path.Page.Title}} {{.Index}}/{{len .Path.Steps}}]{{end}}`,
	}
	res := mustBuild(t, newBuilder(writeSite(t, files)))
	if got, want := string(res.Files["paths/calm/index.html"]), "1:Weighted;2:Early;3:A same day;4:B same day;5:Late;"; got != want {
		t.Errorf("tag path order:\n got %s\nwant %s", got, want)
	}
	// Paths order by weight: "Two" (5) before the unweighted "Calm path".
	if got, want := string(res.Files["articles/late/index.html"]), "[Two 1/1][Calm path 5/5]"; got != want {
		t.Errorf("memberships of a page in two paths:\n got %s\nwant %s", got, want)
	}
}

func TestGeneratedURLConflictsAndExpiry(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // in the error list, or the warnings when warn is set
		warn  bool
	}{
		{"page on a tag page's URL", map[string]string{
			"content/articles/a.md":      mdPage("A", "tags = [\"Reflection\"]", "a"),
			"content/tags/reflection.md": mdPage("R", "", "r"),
		}, `content/tags/reflection.md: this page or alias has the URL /tags/reflection/, which is the page of the tag "Reflection"; give it another slug or file name`, false},
		{"alias on a booklet's URL", map[string]string{
			"content/articles/a.md": mdPage("A", "aliases = [\"/paths/p/print/\"]", "a"),
			"content/paths/p.md":    mdPage("P", "steps = [\"articles/a.md\"]", "p"),
		}, `content/articles/a.md: this page or alias has the URL /paths/p/print/, which is the booklet of content/paths/p.md; give it another slug or file name`, false},
		{"nested _index.md", map[string]string{
			"content/articles/a.md":           mdPage("A", "", "a"),
			"content/articles/2026/_index.md": mdPage("Year", "", "y"),
		}, `content/articles/2026/_index.md: warning: this _index.md is not used`, true},
		{"expired step", map[string]string{
			"content/articles/a.md":   mdPage("A", "", "a"),
			"content/articles/old.md": mdPage("Old", "expiryDate = 2026-01-01", "o"),
			"content/paths/p.md":      mdPage("P", "steps = [\"articles/a.md\", \"articles/old.md\"]", "p"),
		}, `content/paths/p.md:3: warning: step "articles/old.md" expired on 2026-01-01 and is left out of the path`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"config.toml": "title = \"T\"\n"}
			for k, v := range tc.files {
				files[k] = v
			}
			b := newBuilder(writeSite(t, files))
			res, err := b.Build()
			if tc.warn {
				if err != nil {
					t.Fatalf("want a warning only, got %v", err)
				}
				if !strings.Contains(res.Warnings.Error(), tc.want) {
					t.Errorf("warnings:\n%s\nwant:\n%s", res.Warnings.Error(), tc.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("errors:\n%v\nwant:\n%s", err, tc.want)
			}
		})
	}
}

func TestEveryPathIsInTheFeedAndSitemap(t *testing.T) {
	files := smallSite()
	for i := 0; i < 40; i++ {
		files[fmt.Sprintf("content/articles/n%02d.md", i)] = mdPage(fmt.Sprintf("News %d", i), fmt.Sprintf("date = 2026-05-%02d", 1+i%28), "x")
	}
	res := mustBuild(t, newBuilder(writeSite(t, files)))
	feed, sitemap := string(res.Files["index.xml"]), string(res.Files["sitemap.xml"])
	for _, u := range []string{"https://example.org/lib/paths/p/", "https://example.org/lib/paths/t/"} {
		if !strings.Contains(feed, "<id>"+u+"</id>") {
			t.Errorf("feed lacks the path %s", u)
		}
		if !strings.Contains(sitemap, "<loc>"+u+"</loc>") {
			t.Errorf("sitemap lacks the path %s", u)
		}
	}
	if n := strings.Count(feed, "<entry>"); n != 30+2 {
		t.Errorf("feed has %d entries, want the 30 newest pages and 2 paths", n)
	}
}
