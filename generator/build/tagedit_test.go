package build

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/search"
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
	last := mustRebuild(t, b, "content/paths/solo.md", "content/articles/page-6.md")
	// page-3 is an article with tag-3 and topic-3; page-153, also an article with tag-3,
	// comes first by its path and so names tag-3.
	// terms are the index's terms whose postings the edit changes, and records the
	// result records: the index files that change are the shards holding those terms, the
	// manifest and the result files of those records (checkIndexWrites).
	steps := []struct {
		name, file, from, to string
		most                 int // outputs rendered at most
		want                 string
		terms                []string
		records              int
	}{
		{"a tag new to the library", "content/articles/page-3.md", `"topic-3"]`, `"topic-3", "Brand New"]`, 12, "tags/brand-new/index.html",
			[]string{"brand", "new", "#brand-new"}, 1},
		{"the last page of a tag leaves it", "content/articles/page-3.md", `, "Brand New"]`, `]`, 12, "",
			[]string{"brand", "new", "#brand-new"}, 1},
		{"a tag already there", "content/articles/page-3.md", `"topic-3"]`, `"topic-3", "tag-7"]`, 12, "tags/tag-7/index.html",
			[]string{"tag", "7", "#tag-7"}, 1},
		{"a tag left with a path alone", "content/articles/page-6.md", `, "Solo"]`, `]`, 20, "tags/solo/index.html",
			[]string{"solo", "#solo"}, 1},
		{"a tag named anew", "content/articles/page-153.md", `"tag-3"`, `"Tag-3"`, 40, "tags/tag-3/index.html",
			nil, 40},
	}
	for _, st := range steps {
		edit(st.file, st.from, st.to)
		updates := b.updates
		res := mustRebuild(t, b, st.file)
		// Every edit but a tag named anew is a model update, not an assembly.
		if up := b.updates > updates; up != (st.name != "a tag named anew") {
			t.Errorf("%s: model updated: %v", st.name, up)
		}
		checkIndexWrites(t, st.name, last, res, st.terms, st.records)
		last = res
		if res.Rendered > st.most {
			t.Errorf("%s: rendered %d of %d outputs, want at most %d", st.name, res.Rendered, full.Rendered, st.most)
		}
		if st.want != "" && !strings.Contains(strings.Join(res.Changed, " "), st.want) {
			t.Errorf("%s: %s not among the changed files", st.name, st.want)
		}
		assertSameAsFull(t, root, res)
	}
}

// indexTerms reads the shards of the search index among files: each term's postings (its
// bytes in its shard, page count first), and the shard that holds a term, or would hold it
// (the last whose first term is not after it).
func indexTerms(t *testing.T, files map[string][]byte) (post map[string]string, shard func(term string) string) {
	t.Helper()
	var m struct{ Shards [][3]any }
	if err := json.Unmarshal(files[search.Dir+"manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	shard = func(term string) string {
		i, found := slices.BinarySearchFunc(m.Shards, term, func(sh [3]any, term string) int { return strings.Compare(sh[0].(string), term) })
		if !found {
			i = max(i-1, 0)
		}
		return search.Dir + "s/" + m.Shards[i][1].(string)
	}
	post = map[string]string{}
	for _, sh := range m.Shards {
		name := search.Dir + "s/" + sh[1].(string)
		b := files[name]
		uv := func() int {
			v, n := binary.Uvarint(b)
			if n <= 0 {
				t.Fatalf("%s: truncated", name)
			}
			b = b[n:]
			return int(v)
		}
		prev := ""
		for range uv() {
			shared, rest := uv(), uv()
			term := prev[:shared] + string(b[:rest])
			b = b[rest:]
			start := b
			for range uv() {
				uv()
				b = b[2:]
			}
			post[term] = string(start[:len(start)-len(b)])
			prev = term
		}
	}
	return post, shard
}

// checkIndexWrites fails unless the index files that changed from before to after are
// those the edit changes: the shards holding a term whose postings changed (under their
// old names and their new), with terms among those named (the words and "#slug" of a
// tag), the manifest, and result files in which at most records slots differ, each
// still its page's.
func checkIndexWrites(t *testing.T, edit string, before, after *Result, terms []string, records int) {
	t.Helper()
	oldPost, oldShard := indexTerms(t, before.Files)
	newPost, newShard := indexTerms(t, after.Files)
	need := map[string]bool{} // the shards the edit changes
	var moved []string
	for _, m := range []map[string]string{oldPost, newPost} {
		for term := range m {
			if oldPost[term] == newPost[term] {
				continue
			}
			if !slices.Contains(terms, term) && !slices.Contains(moved, term) {
				moved = append(moved, term)
			}
			need[oldShard(term)], need[newShard(term)] = true, true
		}
	}
	if len(moved) > 0 {
		slices.Sort(moved)
		t.Errorf("%s: the postings of %d terms not edited changed: %.200q", edit, len(moved), moved)
	}
	slots := 0
	for _, name := range after.Changed {
		switch {
		case strings.HasPrefix(name, search.Dir+"s/"):
			if !need[name] {
				t.Errorf("%s: %s written, which holds no term the edit changed", edit, name)
			}
		case strings.HasPrefix(name, search.Dir+"r/"):
			old, data := before.Files[name], after.Files[name]
			if len(old) != len(data) {
				t.Errorf("%s: %s has %d bytes, had %d", edit, name, len(data), len(old))
				continue
			}
			for at := 0; at < len(data); at += search.Slot {
				a, b := old[at:at+search.Slot], data[at:at+search.Slot]
				if string(a) == string(b) {
					continue
				}
				slots++
				var ra, rb struct{ U string }
				json.Unmarshal(a, &ra)
				json.Unmarshal(b, &rb)
				if ra.U != rb.U {
					t.Errorf("%s: %s's slot at %d holds %s, held %s", edit, name, at, rb.U, ra.U)
				}
			}
		}
	}
	if slots > records {
		t.Errorf("%s: %d result slots changed, want at most %d", edit, slots, records)
	}
	for name := range need {
		if _, ok := after.Files[name]; ok && !slices.Contains(after.Changed, name) {
			t.Errorf("%s: %s, which the edit changes, is not among the changed files", edit, name)
		}
	}
}
