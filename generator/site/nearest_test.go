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
