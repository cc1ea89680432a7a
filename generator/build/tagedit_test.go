package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/between-ssg/between/internal/gensite"
)

// TestRebuildTagEdits: a tag edit re-renders the pages that show the tag, and the pages
// that show every tag (the home page, the tags index, the search page's filter), not every
// page for the menu's sake: a tag new to the library, its last page leaving it, a tag
// that is already there, a tag left with a reading path alone, and a tag named anew by
// the page that names it. Each rebuild makes what a full build makes. Before the tags had
// prints of their own, all but the tag already there re-rendered all 300 pages.
func TestRebuildTagEdits(t *testing.T) {
	root := t.TempDir()
	if err := gensite.Generate(root, 300); err != nil {
		t.Fatal(err)
	}
	b := newBuilder(root)
	full := mustBuild(t, b)
	edit := func(name, from, to string) {
		t.Helper()
		p := filepath.Join(root, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), from) {
			t.Fatalf("%s has no %q", name, from)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), from, to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A reading path tagged "Solo", whose one other page is page-6: when page-6 leaves
	// the tag, the tag keeps the path alone, and a model update does it.
	if err := os.WriteFile(filepath.Join(root, "content/paths/solo.md"), []byte("+++\ntitle = \"Solo path\"\ntags = [\"Solo\"]\n[[stages]]\ntitle = \"One\"\nsteps = [\"articles/page-9.md\"]\n+++\nA path.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	edit("content/articles/page-6.md", `"topic-6"]`, `"topic-6", "Solo"]`)
	mustRebuild(t, b, "content/paths/solo.md", "content/articles/page-6.md")
	// page-3 is an article with tag-3 and topic-3; page-153, also an article with tag-3,
	// comes first by its path and so names tag-3.
	steps := []struct {
		name, file, from, to string
		most                 int // outputs rendered at most
		want                 string
	}{
		{"a tag new to the library", "content/articles/page-3.md", `"topic-3"]`, `"topic-3", "Brand New"]`, 12, "tags/brand-new/index.html"},
		{"the last page of a tag leaves it", "content/articles/page-3.md", `, "Brand New"]`, `]`, 12, ""},
		{"a tag already there", "content/articles/page-3.md", `"topic-3"]`, `"topic-3", "tag-7"]`, 12, "tags/tag-7/index.html"},
		{"a tag left with a path alone", "content/articles/page-6.md", `, "Solo"]`, `]`, 20, "tags/solo/index.html"},
		{"a tag named anew", "content/articles/page-153.md", `"tag-3"`, `"Tag-3"`, 40, "tags/tag-3/index.html"},
	}
	for _, st := range steps {
		edit(st.file, st.from, st.to)
		res := mustRebuild(t, b, st.file)
		if res.Rendered > st.most {
			t.Errorf("%s: rendered %d of %d outputs, want at most %d", st.name, res.Rendered, full.Rendered, st.most)
		}
		if st.want != "" && !strings.Contains(strings.Join(res.Changed, " "), st.want) {
			t.Errorf("%s: %s not among the changed files", st.name, st.want)
		}
		assertSameAsFull(t, root, res)
	}
}
