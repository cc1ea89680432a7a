package build

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/search"
)

func searchIn(t *testing.T, files map[string][]byte, q string) []string {
	t.Helper()
	s := search.NewSearcher(search.FetchFiles(func(name string) ([]byte, error) {
		data, ok := files[search.Dir+name]
		if !ok {
			return nil, fmt.Errorf("no %s", name)
		}
		return data, nil
	}))
	hits, _, err := s.Search(q, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hits {
		out = append(out, h.Title)
	}
	return out
}

// TestSearchScaleEnds: a scale's two end labels are words of their own in the index, not
// one word made of the last of one and the first of the other.
func TestSearchScaleEnds(t *testing.T) {
	files := smallSite()
	files["content/worksheets/s.md"] = mdPage("Scales", "date = 2026-01-06",
		"::: scale id=mood min=1 max=5 low=\"Quite empty\" high=\"Brimming full\"\nHow full?\n:::\n")
	res, err := New(Options{Root: writeSite(t, files)}).Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"empty", "brimming", "empty brimming"} {
		if got := searchIn(t, res.Files, q); strings.Join(got, ",") != "Scales" {
			t.Errorf("%q: %q, want the worksheet", q, got)
		}
	}
	if got := searchIn(t, res.Files, "emptybrimming"); len(got) != 0 {
		t.Errorf("the scale's ends ran together into one word: %q", got)
	}
}

// TestSearchFollowsEdits: the index is in every build, and a rebuild, by the short way of a
// text edit or the long way of a front matter edit, indexes the change and lists only the
// index files that changed.
func TestSearchFollowsEdits(t *testing.T) {
	files := smallSite()
	files["content/articles/hidden.md"] = mdPage("Hidden", "unlisted = true", "Quokka.")
	files["content/articles/draft.md"] = mdPage("Draft", "draft = true", "Quokka.")
	files["content/articles/private.md"] = mdPage("Private", "search = false", "Quokka.")
	root := writeSite(t, files)
	b := New(Options{Root: root, Drafts: true})
	b.SetClock(clock)
	res, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if got := searchIn(t, res.Files, "gamma"); strings.Join(got, ",") != "Gamma" {
		t.Fatalf("gamma: %q", got)
	}
	if got := searchIn(t, res.Files, "quokka"); len(got) != 0 {
		t.Errorf("unlisted, draft or search = false pages are in the index: %q", got)
	}

	// The pages a streamed build reserves the postings' memory for are the index's.
	var manifest struct{ N int }
	if err := json.Unmarshal(res.Files[search.Dir+"manifest.json"], &manifest); err != nil {
		t.Fatal(err)
	}
	if got := b.searchPages(b.names); got != manifest.N || got == 0 {
		t.Errorf("the reserve is for %d pages, the index holds %d", got, manifest.N)
	}

	write(t, root, "content/articles/c.md", mdPage("Gamma", "date = 2026-01-03\nweight = 3", "Gamma text.\n\nAbout a wombat."))
	before := b.textRebuilds
	res2, err := b.Rebuild([]string{"content/articles/c.md"})
	if err != nil {
		t.Fatal(err)
	}
	if b.textRebuilds != before+1 {
		t.Errorf("the text edit took the long way")
	}
	if got := searchIn(t, res2.Files, "wombat"); strings.Join(got, ",") != "Gamma" {
		t.Errorf("after a text edit, wombat: %q", got)
	}
	var idx []string
	for _, c := range res2.Changed {
		if strings.HasPrefix(c, search.Dir) {
			idx = append(idx, c)
			if _, ok := res2.Files[c]; !ok && !strings.Contains(c, "/s/") {
				t.Errorf("%s is listed as changed but gone", c)
			}
		}
	}
	// The manifest, the old and the new shard, the page's result file.
	if len(idx) < 2 || len(idx) > 4 {
		t.Errorf("index files changed: %q", idx)
	}

	write(t, root, "content/articles/c.md", mdPage("Gamma ray", "date = 2026-01-03\nweight = 3", "Gamma text.\n\nAbout a wombat."))
	res3, err := b.Rebuild([]string{"content/articles/c.md"})
	if err != nil {
		t.Fatal(err)
	}
	if got := searchIn(t, res3.Files, "ray"); strings.Join(got, ",") != "Gamma ray" {
		t.Errorf("after a title edit, ray: %q", got)
	}
	for name := range res2.Files {
		if strings.HasPrefix(name, search.Dir+"s/") {
			if _, still := res3.Files[name]; !still && !contains(res3.Changed, name) {
				t.Errorf("%s was removed but is not in Changed", name)
			}
		}
	}
	// The same site built afresh gives the same index.
	fresh, err := New(Options{Root: root, Drafts: true}).Build()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range fresh.Files {
		if strings.HasPrefix(name, search.Dir) && string(res3.Files[name]) != string(data) {
			t.Errorf("%s differs from a fresh build's", name)
		}
	}
	for name := range res3.Files {
		if _, ok := fresh.Files[name]; !ok && strings.HasPrefix(name, search.Dir) {
			t.Errorf("%s is left over from an earlier build", name)
		}
	}
}

// assertSamePreview is assertSameFiles for a preview's build, whose search index keeps its
// pages' numbers as pages come and go (search.Indexer.KeepNumbers): the index is compared
// with a full build's by what it finds, the other files by their bytes.
func assertSamePreview(t testing.TB, got, want map[string][]byte) {
	t.Helper()
	rest := func(files map[string][]byte) map[string][]byte {
		out := map[string][]byte{}
		for name, data := range files {
			if !strings.Contains(name, search.Dir) {
				out[name] = data
			}
		}
		return out
	}
	assertSameFiles(t, rest(got), rest(want))
	for name := range got {
		if dir, ok := strings.CutSuffix(name, search.Dir+"manifest.json"); ok && want[name] == nil {
			t.Errorf("an index in %q, which a full build has not", dir)
		}
	}
	for name := range want {
		if dir, ok := strings.CutSuffix(name, search.Dir+"manifest.json"); ok {
			sameSearch(t, dir, got, want)
		}
	}
}

// sameSearch checks that the index under dir of got finds what want's finds, with the same
// scores, for the words of want's results' titles and openings, each alone, filtered by
// each kind and by each tag.
func sameSearch(t testing.TB, dir string, got, want map[string][]byte) {
	t.Helper()
	searcher := func(files map[string][]byte) *search.Searcher {
		return search.NewSearcher(search.FetchFiles(func(name string) ([]byte, error) {
			data, ok := files[dir+search.Dir+name]
			if !ok {
				return nil, fmt.Errorf("no %s%s", dir+search.Dir, name)
			}
			return data, nil
		}))
	}
	var m struct {
		Kinds [][2]any `json:"kinds"`
		Tags  [][3]any `json:"tags"`
	}
	if err := json.Unmarshal(want[dir+search.Dir+"manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	kinds, tags := []string{""}, []string{""}
	for _, k := range m.Kinds {
		kinds = append(kinds, k[0].(string))
	}
	for _, tg := range m.Tags {
		tags = append(tags, tg[1].(string))
	}
	words := map[string]bool{}
	for name, data := range want {
		if !strings.HasPrefix(name, dir+search.Dir+"r/") {
			continue
		}
		for line := range strings.Lines(string(data)) {
			var r struct{ T, X string }
			if json.Unmarshal([]byte(line), &r) == nil {
				for i, w := range strings.Fields(r.T + " " + r.X) {
					if i < 8 {
						words[strings.ToLower(w)] = true
					}
				}
			}
		}
	}
	if len(words) == 0 {
		t.Fatalf("%s: no words to search for", dir+search.Dir)
	}
	g, w := searcher(got), searcher(want)
	for q := range words {
		for _, kind := range kinds {
			for _, tag := range tags {
				gh, gn, gerr := g.Search(q, kind, tag)
				wh, wn, werr := w.Search(q, kind, tag)
				if gerr != nil || werr != nil {
					t.Fatalf("%s %q: %v; a full build's: %v", dir+search.Dir, q, gerr, werr)
				}
				if gs, ws := hitList(gh, wn <= search.Shown), hitList(wh, wn <= search.Shown); gn != wn || !slices.Equal(gs, ws) {
					t.Errorf("%s %q (kind %q, tag %q) finds %d: %q; a full build's %d: %q", dir+search.Dir, q, kind, tag, gn, gs, wn, ws)
				}
			}
		}
	}
}

// hitList is hits as "score URL", sorted: pages of equal scores may come in another order
// in an index that numbers them otherwise. With urls false, their scores alone: where more
// than Shown pages match, other pages of the last score may be shown.
func hitList(hits []search.Hit, urls bool) []string {
	var out []string
	for _, h := range hits {
		s := fmt.Sprintf("%.6f", h.Score)
		if urls {
			s += " " + h.URL
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}
