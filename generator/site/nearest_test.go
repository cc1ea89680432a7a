package site

import "testing"

func TestRelativeTo(t *testing.T) {
	for _, tt := range []struct{ from, target, want string }{
		{"articles/a.md", "worksheets/values.md", "../worksheets/values.md"},
		{"articles/a.md", "articles/b.md", "b.md"},
		{"about.md", "articles/b.md", "articles/b.md"},
		{"articles/deep/a.md", "about.md", "../../about.md"},
		{"articles/deep/a.md", "articles/b.md", "../b.md"},
	} {
		if got := relativeTo(tt.from, tt.target); got != tt.want {
			t.Errorf("relativeTo(%q, %q) = %q, want %q", tt.from, tt.target, got, tt.want)
		}
	}
}

// TestOtherName: a page and its page bundle's index.md are one address, so a link to either
// file leads to the page; a section's folder, and a folder's _index.md, have no such twin.
func TestOtherName(t *testing.T) {
	for _, tt := range []struct{ rel, want string }{
		{"worksheets/values.md", "worksheets/values/index.md"},
		{"worksheets/values/index.md", "worksheets/values.md"},
		{"worksheets/values.markdown", "worksheets/values/index.markdown"},
		{"about.md", "about/index.md"},
		{"about/index.md", "about.md"},
		{"Team Notes/index.md", "Team Notes.md"},
		{"articles/deep/goals/index.md", "articles/deep/goals.md"},
		// articles/index.md is the page /articles/index/, as is a bundle of that name.
		{"articles/index.md", "articles/index/index.md"},
		{"index.md", "index/index.md"},
		// articles.md would be /articles/, the section's list; articles/index.md is not.
		{"articles.md", ""},
		{"articles/_index.md", ""},
		{"_index.md", ""},
		{"notes/_index.md", ""},
		{"photo", ""},
	} {
		if got := OtherName(tt.rel); got != tt.want {
			t.Errorf("OtherName(%q) = %q, want %q", tt.rel, got, tt.want)
		}
	}
}
