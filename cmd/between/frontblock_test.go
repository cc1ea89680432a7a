package main

import (
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/build"
)

// TestSecondFrontMatterBlock builds pages whose text starts with a second block of
// settings, and pages whose text only looks a little like one, and checks which warn.
func TestSecondFrontMatterBlock(t *testing.T) {
	const a = "content/articles/a.md"
	tests := []struct{ name, src, want string }{
		{"TOML, then YAML", "+++\ntitle = \"A\"\n+++\n---\ndate: 2026-03-01\ntags:\n  - goals\n---\nText.\n",
			a + ":4:1: warning: a second block of settings starts here, below the front matter (lines 1 to 3); Between reads only the first block, so date and tags here are not used and show on the page as text; move them into the first block, written key = value like the others, and delete this block"},
		{"YAML, then TOML, after a blank line", "---\ntitle: A\n---\n\n+++\ndescription = \"Why\"\n+++\nText.\n",
			a + ":5:1: warning: a second block of settings starts here, below the front matter (lines 1 to 3); Between reads only the first block, so description here is not used and shows on the page as text; move it into the first block, written key: value like the others, and delete this block"},
		{"TOML twice", "+++\ntitle = \"A\"\n+++\n+++\nweight = 2\n[params]\nx = 1\n+++\nText.\n",
			a + ":4:1: warning: a second block of settings starts here, below the front matter (lines 1 to 3); Between reads only the first block, so weight here is not used and shows on the page as text; move it into the first block, written key = value like the others, and delete this block"},
		{"YAML twice, with a comment", "---\ntitle: A\n---\n---\n# from the old site\nauthor: Clara\n---\n",
			a + ":4:1: warning: a second block of settings starts here, below the front matter (lines 1 to 3); Between reads only the first block, so author here is not used and shows on the page as text; move it into the first block, written key: value like the others, and delete this block"},
		// A --- rule at the top of the text is not a block of settings.
		{"rule, then prose", "+++\ntitle = \"A\"\n+++\n---\nThe week in review.\n\n---\n", ""},
		{"rule, then a line with a colon", "+++\ntitle = \"A\"\n+++\n---\nNote: read this first.\n---\n", ""},
		{"rule around a capitalised key", "+++\ntitle = \"A\"\n+++\n---\nDate: Tuesday\n---\n", ""},
		{"rule never closed", "+++\ntitle = \"A\"\n+++\n---\ndate: 2026-03-01\n", ""},
		{"rule, then settings and prose", "+++\ntitle = \"A\"\n+++\n---\ntitle: Part one\nWe begin here.\n---\n", ""},
		{"block below a paragraph", "+++\ntitle = \"A\"\n+++\nIntro.\n\n---\ndate: 2026-03-01\n---\n", ""},
		{"a lone rule", "+++\ntitle = \"A\"\n+++\n---\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"content/_index.md": page("title = \"Home\"\n", ""), a: tt.src}
			res, err := buildAt(newSite(t, files), build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range res.Warnings {
				got = append(got, w.Error())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}
