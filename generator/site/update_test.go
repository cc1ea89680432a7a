package site_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/site"
)

// describe prints what assembly decides of a model: the order of every list, each page's
// neighbours, tags and title, each tag's name and pages.
func describe(s *site.Site) string {
	var b strings.Builder
	names := func(ps []*site.Page) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.File)
		}
		return strings.Join(out, ",")
	}
	fmt.Fprintf(&b, "pages %s\nplain %s\n", names(s.Pages), names(s.Plain))
	for _, sec := range s.Sections {
		fmt.Fprintf(&b, "section %s: %s\n", sec.Name, names(sec.Pages))
	}
	for _, t := range s.Tags {
		fmt.Fprintf(&b, "tag %s %s %s: %s\n", t.Slug, t.Name, t.URL, names(t.Pages))
	}
	for _, p := range s.Pages {
		fmt.Fprintf(&b, "%s %q %v %d", p.File, p.Title, p.Date, p.Weight)
		for _, t := range p.Tags {
			fmt.Fprintf(&b, " #%s", t.Slug)
		}
		if p.Prev != nil {
			fmt.Fprintf(&b, " prev %s", p.Prev.File)
		}
		if p.Next != nil {
			fmt.Fprintf(&b, " next %s", p.Next.File)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestUpdateAsAssemble: an edit of titles, dates, weights and tags, applied to the model by
// Update, gives the model Assemble makes of the edited files; an edit Update cannot follow
// leaves the model as it was.
func TestUpdateAsAssemble(t *testing.T) {
	page := func(title, front string) string {
		return fmt.Sprintf("+++\ntitle = %q\n%s\n+++\nText.\n", title, front)
	}
	files := map[string]string{
		"articles/a.md": page("Alpha", "date = 2026-01-01\ntags = [\"Calm\"]"),
		"articles/b.md": page("Beta", "date = 2026-01-01\ntags = [\"Calm\", \"Rest\"]"),
		"articles/c.md": page("Gamma", "date = 2026-01-02\ntags = [\"rest\"]"),
		"articles/d.md": page("Delta", "date = 2026-01-01"),
		"guides/g.md":   page("Guide", "tags = [\"Calm\"]"),
		"articles/e.md": page("Echo", "date = 2026-01-03\ntags = [\"Solo\"]"),
		"about.md":      page("About", "weight = 2"),
		"help.md":       page("Help", "weight = 2"),
		"notes.md":      page("Notes", "unlisted = true\nslug = \"k7q2x9\"\ntags = [\"Hidden\", \"Calm\"]"),
	}
	tests := []struct {
		name  string
		edits map[string]string
		ok    bool
	}{
		{"a title in place", map[string]string{"articles/a.md": page("Alpha two", "date = 2026-01-01\ntags = [\"Calm\"]")}, true},
		{"a title that moves the page", map[string]string{"articles/d.md": page("Aardvark", "date = 2026-01-01")}, true},
		{"a date and a weight", map[string]string{"articles/c.md": page("Gamma", "date = 2025-01-02\nweight = 1\ntags = [\"rest\"]")}, true},
		{"a tag more and one less", map[string]string{"articles/a.md": page("Alpha", "date = 2026-01-01\ntags = [\"Rest\"]")}, true},
		{"two pages at once", map[string]string{
			"articles/a.md": page("Zulu", "date = 2026-01-01\ntags = [\"Calm\", \"Rest\"]"),
			"articles/b.md": page("Beta", "date = 2026-01-03"),
		}, true},
		{"a plain page's title", map[string]string{"help.md": page("Aid", "weight = 2")}, true},
		{"the tag's first writer spells it anew", map[string]string{"articles/b.md": page("Beta", "date = 2026-01-01\ntags = [\"Calm\", \"REST\"]")}, false},
		{"a later page spells a tag anew", map[string]string{"articles/c.md": page("Gamma", "date = 2026-01-02\ntags = [\"REST\"]")}, true},
		{"a new tag", map[string]string{"articles/d.md": page("Delta", "date = 2026-01-01\ntags = [\"New\"]")}, true},
		{"two new tags on two pages", map[string]string{
			"articles/d.md": page("Delta", "date = 2026-01-01\ntags = [\"zebra\", \"Aa\"]"),
			"articles/a.md": page("Alpha", "date = 2026-01-01\ntags = [\"Calm\", \"Zebra\"]"),
		}, true},
		{"a page leaves a tag others keep", map[string]string{"guides/g.md": page("Guide", "")}, true},
		{"a tag's only page leaves it", map[string]string{"articles/e.md": page("Echo", "date = 2026-01-03")}, true},
		{"a tag goes and one comes", map[string]string{"articles/e.md": page("Echo", "date = 2026-01-03\ntags = [\"Other\"]")}, true},
		{"a new tag an unlisted page names", map[string]string{"articles/d.md": page("Delta", "date = 2026-01-01\ntags = [\"Hidden\"]")}, false},
		{"a slug", map[string]string{"articles/d.md": page("Delta", "date = 2026-01-01\nslug = \"dee\"")}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, before := inputsOf(t, "https://example.org/", files)
			s, _ := site.Assemble(cfg, before, now)
			edited := map[string]string{}
			for k, v := range files {
				edited[k] = v
			}
			for k, v := range tc.edits {
				edited[k] = v
			}
			_, after := inputsOf(t, "https://example.org/", edited)
			var edits []site.Edit
			for i, in := range after {
				if _, ok := tc.edits[strings.TrimPrefix(in.Page.File, "content/")]; ok {
					in.Made = site.NewPage(in.Page, in.Doc, cfg.BasePath(), cfg.BaseURLSlash())
					edits = append(edits, site.Edit{Old: before[i], New: in})
				}
			}
			was := describe(s)
			_, ok := site.Update(s, after, edits, func(string) bool { return false }, now)
			if ok != tc.ok {
				t.Fatalf("Update ok = %v, want %v", ok, tc.ok)
			}
			want, _ := site.Assemble(cfg, after, now)
			if !ok {
				if describe(s) != was {
					t.Errorf("Update could not follow the edit, yet changed the model")
				}
				return
			}
			if got, want := describe(s), describe(want); got != want {
				t.Errorf("updated model:\n%s\nwant, as assembled:\n%s", got, want)
			}
		})
	}
}
