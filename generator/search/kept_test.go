package search

import (
	"bytes"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/site"
)

// kindedSite is bigSite with its pages of three kinds, and two tags.
func kindedSite(n int) *site.Site {
	s := bigSite(n)
	calm := &site.Tag{Name: "Calm", Slug: "calm"}
	focus := &site.Tag{Name: "Focus", Slug: "focus"}
	s.Tags = []*site.Tag{calm, focus}
	for i, p := range s.Pages {
		p.Kind = []string{"article", "guide", "worksheet"}[i%3]
		p.URL = "/lib/" + p.Kind + "s/" + p.Slug + "/"
		if i%5 == 0 {
			p.Tags = append(p.Tags, calm)
		}
		if i%7 == 0 {
			p.Tags = append(p.Tags, focus)
		}
	}
	return s
}

// wordsOf is queries made of the pages' own words: every step-th page's 4th and 120th
// words, each alone and the two together, and a word on every page.
func wordsOf(s *site.Site, step int) []string {
	qs := []string{"everywhere"}
	for i := 0; i < len(s.Pages); i += max(step, len(s.Pages)/40) {
		w := strings.Fields(string(s.Pages[i].Content()))
		if len(w) > 120 {
			a, b := strings.Trim(w[4], "<p>"), w[120]
			qs = append(qs, a, b, a+" "+b)
		}
	}
	return qs
}

// searchesAlike checks that the index got finds what want finds, with the same scores,
// for each query, alone and filtered by each kind and by a tag: got and want number some
// pages otherwise, so equal scores may come in another order, and where more than Shown
// pages match, other pages of the last score may be shown.
func searchesAlike(t *testing.T, what string, got, want map[string][]byte, queries []string) {
	t.Helper()
	g, w := searcherOf(got), searcherOf(want)
	for _, q := range queries {
		for _, kind := range []string{"", "article", "guide", "worksheet"} {
			for _, tag := range []string{"", "calm"} {
				gh, gn, gerr := g.Search(q, kind, tag)
				wh, wn, werr := w.Search(q, kind, tag)
				if gerr != nil || werr != nil {
					t.Fatalf("%s%q: %v, %v", what, q, gerr, werr)
				}
				if gn != wn || len(gh) != len(wh) {
					t.Errorf("%s%q (kind %q, tag %q): %d pages, %d shown; want %d, %d", what, q, kind, tag, gn, len(gh), wn, len(wh))
					continue
				}
				gs, ws := scored(gh, wn <= Shown), scored(wh, wn <= Shown)
				if !slices.Equal(gs, ws) {
					t.Errorf("%s%q (kind %q, tag %q):\n got %q\nwant %q", what, q, kind, tag, gs, ws)
				}
			}
		}
	}
}

// scored is hits as "score page", in order of those; with urls false, their scores alone.
func scored(hits []Hit, urls bool) []string {
	var out []string
	for _, h := range hits {
		if urls {
			out = append(out, fmt.Sprintf("%.6f %s", h.Score, h.URL))
		} else {
			out = append(out, fmt.Sprintf("%.6f", h.Score))
		}
	}
	slices.Sort(out)
	return out
}

// changedFiles is the names of the files of after that before has not, or has otherwise,
// with prefix.
func changedFiles(before, after map[string][]byte, prefix string) []string {
	var out []string
	for n, data := range after {
		if old, ok := before[n]; strings.HasPrefix(n, prefix) && (!ok || !bytes.Equal(old, data)) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// TestPreviewKeepsNumbers: in the preview, a page added, removed, renamed or given another
// kind leaves the other pages their numbers, so that the save rewrites the shards of the
// page's words and one or two result files, not every file after the page; the index
// searches as a fresh one does, filters by kind and tag included. Once holes are a quarter
// of the numbers, the index is a fresh one's again. An Indexer of a build (not KeepNumbers)
// numbers the pages afresh.
func TestPreviewKeepsNumbers(t *testing.T) {
	s := kindedSite(600)
	ix := &Indexer{KeepNumbers: true}
	files := ix.Files(s)
	build := new(Indexer) // a build's: numbered afresh, a fresh index's bytes
	build.Files(s)
	shards := countPrefix(files, Dir+"s/")
	results := countPrefix(files, Dir+"r/")
	if shards < 10 || results < 5 {
		t.Fatalf("%d shards, %d result files: the test needs more", shards, results)
	}
	queries := append(wordsOf(s, 1), "zzyzx", "quiet anchor", "kato zzyzx")
	steps := []struct {
		name   string
		edit   func()
		shards int // shards new, at most
		result int // result files new or changed
	}{
		{"a guide added", func() {
			p := fixturePage("guide", "quiet", "Quiet anchor", "", nil, "<p>kato zzyzx</p>")
			p.Tags = []*site.Tag{s.Tags[0]}
			s.Pages = append(s.Pages, p)
		}, 7, 1}, // quiet, anchor, kato, zzyzx, guide, #calm; one may share another's shard
		{"an article added among the others", func() {
			p := fixturePage("article", "p0100a", "Another anchor", "", nil, "<p>zzyzx</p>")
			s.Pages = slices.Insert(s.Pages, 100, p)
		}, 4, 1}, // in the new guide's result file
		{"a page removed", func() { s.Pages = slices.Delete(s.Pages, 200, 201) }, shards, 1},
		{"a page renamed", func() {
			p := s.Pages[300]
			p.URL = "/lib/" + p.Kind + "s/renamed/"
		}, shards, 2},
		{"a page made a worksheet", func() {
			p := s.Pages[301]
			p.Kind = "worksheet"
			p.URL = "/lib/worksheets/" + p.Slug + "/"
		}, shards, 2},
		{"a page kept out", func() { s.Pages[400].NoSearch = true }, shards, 1},
		{"the new guide edited", func() {
			p := s.Pages[len(s.Pages)-1]
			p.Body = markdown.NewBody([]byte("<p>kato zzyzx quokka</p>"))
		}, 2, 1},
	}
	for _, st := range steps {
		st.edit()
		got := ix.Files(s)
		if n := len(changedFiles(files, got, Dir+"s/")); n > st.shards || n == 0 {
			t.Errorf("%s: %d shards new, want 1 to %d", st.name, n, st.shards)
		}
		if n := changedFiles(files, got, Dir+"r/"); len(n) != st.result {
			t.Errorf("%s: result files new or changed %q, want %d", st.name, n, st.result)
		}
		searchesAlike(t, st.name+": ", got, Files(s), queries)
		sameFiles(t, st.name+", a build's index: ", build.Files(s), Files(s))
		files = got
	}
	if got := titles(hitsOf(t, files, "quokka")); strings.Join(got, ",") != "Quiet anchor" {
		t.Errorf("quokka finds %q", got)
	}
	if got := titles(hitsOf(t, files, "anchor")); len(got) != 2 {
		t.Errorf("anchor finds %q", got)
	}

	// Half the pages gone: numbered afresh.
	s.Pages = s.Pages[:len(s.Pages)/2]
	got := ix.Files(s)
	sameFiles(t, "half the pages gone: ", got, Files(s))
	if n := countPrefix(got, Dir+"r/"); n != countPrefix(Files(s), Dir+"r/") {
		t.Errorf("%d result files left", n)
	}
}

// TestPreviewKeepsNumbersRandom: random saves of pages added, removed, renamed, given
// another kind, kept out, let in again and edited, one to four at a time; after each the
// preview's index searches as a fresh one does, and a build's is a fresh one's bytes.
func TestPreviewKeepsNumbersRandom(t *testing.T) {
	steps := 30
	if testing.Short() {
		steps = 15
	}
	s := kindedSite(240)
	r := rand.New(rand.NewSource(11))
	ix, build := &Indexer{KeepNumbers: true}, new(Indexer)
	ix.Files(s)
	build.Files(s)
	kinds := []string{"article", "guide", "worksheet", "path"}
	added := 0
	for step := range steps {
		var did []string
		for range 1 + r.Intn(4) {
			p := s.Pages[r.Intn(len(s.Pages))]
			switch r.Intn(6) {
			case 0:
				added++
				np := fixturePage(kinds[r.Intn(len(kinds))], fmt.Sprintf("new-%d", added), fmt.Sprintf("New page %d", added), "", nil,
					fmt.Sprintf("<p>zzyzx%d %s</p>", added, p.Content()))
				if r.Intn(2) == 0 {
					np.Tags = []*site.Tag{s.Tags[0]}
				}
				s.Pages = slices.Insert(s.Pages, r.Intn(len(s.Pages)+1), np)
				did = append(did, "added "+np.URL)
			case 1:
				if len(s.Pages) > 20 {
					i := r.Intn(len(s.Pages))
					did = append(did, "removed "+s.Pages[i].URL)
					s.Pages = slices.Delete(s.Pages, i, i+1)
				}
			case 2:
				p.URL = fmt.Sprintf("/lib/%ss/moved-%d-%s/", p.Kind, step, p.Slug)
				did = append(did, "renamed "+p.URL)
			case 3:
				p.Kind = kinds[r.Intn(len(kinds))]
				p.URL = fmt.Sprintf("/lib/%ss/%s-%d/", p.Kind, p.Slug, step)
				did = append(did, "made a "+p.Kind+" "+p.URL)
			case 4:
				p.NoSearch = !p.NoSearch
				did = append(did, fmt.Sprintf("search = %v %s", !p.NoSearch, p.URL))
			default:
				p.Body = markdown.NewBody([]byte(fmt.Sprintf("<p>edited%d %s</p>", step, p.Content())))
				did = append(did, "edited "+p.URL)
			}
		}
		got, fresh := ix.Files(s), Files(s)
		what := fmt.Sprintf("step %d (%s): ", step, strings.Join(did, "; "))
		searchesAlike(t, what, got, fresh, append(wordsOf(s, 40), fmt.Sprintf("zzyzx%d", added), fmt.Sprintf("edited%d", step)))
		sameFiles(t, what+"a build's index: ", build.Files(s), fresh)
		if t.Failed() {
			t.FailNow()
		}
	}
}
