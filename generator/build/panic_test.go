package build

import (
	"errors"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/internal/fault"
)

// TestWorkerPanicIsAProblem: a panic in a worker of any stage fails the build with a problem
// naming the file it worked on, the process goes on, and once the fault is gone the next
// rebuild gives what a full build gives.
func TestWorkerPanicIsAProblem(t *testing.T) {
	tests := []struct{ stage, name, file string }{
		{"reading", "content/articles/c.md", "content/articles/c.md"},
		{"converting", "content/articles/c.md", "content/articles/c.md"},
		{"converting for booklets", "content/guides/g.md", "content/guides/g.md"},
		{"rendering", "content/articles/c.md", "content/articles/c.md"},
		{"rendering", "layouts/tags.html", "layouts/tags.html"},
	}
	for _, tc := range tests {
		t.Run(tc.stage+" "+tc.name, func(t *testing.T) {
			root := writeSite(t, smallSite())
			b := newBuilder(root)
			mustBuild(t, b)
			reset := fault.Set(func(stage, name string) {
				if stage == tc.stage && name == tc.name {
					panic("injected")
				}
			})
			edit := "content/articles/c.md"
			if tc.stage == "converting for booklets" {
				edit = tc.file
			}
			data := mdPage("Gamma", "date = 2026-01-03\nweight = 3", "Gamma, edited.")
			if edit == "content/guides/g.md" {
				data = mdPage("Guide", "date = 2026-01-04\ntags = [\"Calm\"]", "::: answer id=x\nHow, then?\n:::\n")
			}
			write(t, root, edit, data)
			_, err := b.Rebuild([]string{edit, "layouts/tags.html"})
			if tc.name == "layouts/tags.html" {
				_, err = b.Build()
			}
			reset()
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 || list[0].File != tc.file ||
				!strings.Contains(list[0].Msg, "internal error") || !strings.Contains(list[0].Msg, "injected") {
				t.Fatalf("a panic while %s %s gave %v, want one problem naming %s", tc.stage, tc.name, err, tc.file)
			}
			res := mustRebuild(t, b, edit)
			assertSameAsFull(t, root, res)
		})
	}
}
