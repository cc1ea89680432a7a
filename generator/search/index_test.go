package search

import (
	"bytes"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math/rand"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/site"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txt")

// fixturePage is a page of the test library. content is its converted HTML.
func fixturePage(kind, slug, title, desc string, tags []string, content string) *site.Page {
	p := &site.Page{Kind: kind, Slug: slug, Title: title, Description: desc, URL: "/lib/" + kind + "s/" + slug + "/",
		Body: markdown.NewBody([]byte(content))}
	for _, t := range tags {
		p.Tags = append(p.Tags, &site.Tag{Name: t, Slug: strings.ToLower(strings.ReplaceAll(t, " ", "-"))})
	}
	return p
}

// fixture is a small library in English, French and Japanese, with one page of each kind
// that must stay out of the index.
func fixture() *site.Site {
	body := func(ps ...string) string {
		var b strings.Builder
		for _, p := range ps {
			b.WriteString("<p>" + p + "</p>\n")
		}
		return b.String()
	}
	filler := "Most weeks bring small chances to practise what a session opened up, and noticing them is half the work."
	pages := []*site.Page{
		fixturePage("article", "values", "Finding your values", "What matters to you, in a few questions.", []string{"Values", "Reflection"},
			body("Values are what you return to when things get hard.", filler)),
		fixturePage("article", "boundaries", "Setting boundaries", "Saying no without guilt.", []string{"Boundaries"},
			`<h2 id="h">Your values in practice</h2>`+body("A boundary protects your time and energy.", filler)),
		fixturePage("guide", "weekly-review", "The weekly review", "Look back at your values each Friday.", []string{"Habits"},
			body("A review of the week, step by step.", filler)),
		fixturePage("worksheet", "energy", "Energy audit", "Where your energy goes.", []string{"Habits"},
			body("Which activities give you energy? Which drain it? Compare them with your values, and with the licensing of your time.", filler)+
				`<div class="field"><label class="field-label" for="f-a">What would you stop doing?</label>
<div class="field-help" id="f-a-help"><p>Think of one commitment that costs more than it gives.</p></div>
<textarea class="field-input" id="f-a"></textarea></div>`),
		fixturePage("article", "self-compassion", "Being kind to yourself", "A reflection on kindness.", []string{"Reflection"},
			body("Self compassion means treating yourself as a friend would.", filler, filler, filler, filler, filler, filler, filler, filler)),
		fixturePage("article", "far-apart", "Notes on a hard week", "", nil,
			body("The self you meet on a bad day is not the whole story.", filler, filler, filler, filler, filler, filler, filler, filler, "Compassion comes later.")),
		fixturePage("article", "licence", "Permission and licence", "Giving yourself a licence to rest.", nil,
			body("A license to rest is one you write yourself: licensing rest is a skill.")),
		fixturePage("article", "cafe", "Rituals: the café on Monday", "Where a week begins.", []string{"Habits"},
			body("Début de semaine au café, avant la réunion.", filler)),
		fixturePage("guide", "kachikan", "価値観を見つける", "大切なことを書き出すガイド", []string{"Japanese"},
			body("あなたの価値観は、困ったときに戻る場所です。ワークシートに書いてみましょう。")),
		fixturePage("path", "first-month", "Your first month", "A path through the first four weeks.", []string{"Reflection"},
			body("Four weeks, one step at a time.")),
		fixturePage("page", "about", "About this library", "", nil, body("Who writes these pages and why.")),
	}
	hidden := fixturePage("article", "secret", "A hidden values page", "", []string{"Values"}, body("unlistedword values"))
	hidden.Unlisted = true
	draft := fixturePage("article", "draft", "A draft about values", "", nil, body("draftword values"))
	draft.Draft = true
	kept := fixturePage("article", "kept-out", "Kept out of search", "", nil, body("keptoutword values"))
	kept.NoSearch = true
	s := &site.Site{Pages: append(pages, draft, kept), Unlisted: []*site.Page{hidden}}
	seen := map[string]*site.Tag{}
	for _, p := range append(pages, draft, kept, hidden) {
		for i, t := range p.Tags {
			if seen[t.Slug] == nil {
				seen[t.Slug] = t
				s.Tags = append(s.Tags, t)
			}
			p.Tags[i] = seen[t.Slug]
		}
	}
	sort.Slice(s.Tags, func(i, j int) bool { return s.Tags[i].Name < s.Tags[j].Name })
	return s
}

func searcherOf(files map[string][]byte) *Searcher {
	return NewSearcher(FetchFiles(func(name string) ([]byte, error) {
		data, ok := files[Dir+name]
		if !ok {
			return nil, fmt.Errorf("no file %s", name)
		}
		return data, nil
	}))
}

func titles(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Title)
	}
	return out
}

func TestRanking(t *testing.T) {
	files := Files(fixture())
	tests := []struct {
		query, kind, tag string
		want             []string // the first results, in order
		total            int      // -1: any
	}{
		// Title over headings over description over text, for the same word.
		{"values", "", "", []string{"Finding your values", "Setting boundaries", "The weekly review", "Energy audit"}, 4},
		// Prefix as you type: license, licensing and licence are all found by "licens".
		{"licens", "", "", []string{"Permission and licence", "Energy audit"}, 2},
		{"licen", "", "", []string{"Permission and licence", "Energy audit"}, 2},
		// Words close together rank higher than the same words far apart.
		{"self compassion", "", "", []string{"Being kind to yourself", "Notes on a hard week"}, 2},
		// Accents and case are folded, both ways.
		{"cafe", "", "", []string{"Rituals: the café on Monday"}, 1},
		{"CAFÉ", "", "", []string{"Rituals: the café on Monday"}, 1},
		{"reunion", "", "", []string{"Rituals: the café on Monday"}, 1},
		{"debut", "", "", []string{"Rituals: the café on Monday"}, 1},
		// Japanese, by pairs of characters; one character is a prefix.
		{"価値観", "", "", []string{"価値観を見つける"}, 1},
		{"ワークシート", "", "", []string{"価値観を見つける"}, 1},
		{"価", "", "", []string{"価値観を見つける"}, 1},
		// Worksheet labels and help text are found.
		{"stop doing", "", "", []string{"Energy audit"}, 1},
		{"commitment", "", "", []string{"Energy audit"}, 1},
		// Every word must be found.
		{"values friday", "", "", []string{"The weekly review"}, 1},
		{"values zebra", "", "", nil, 0},
		// Filters.
		{"values", "guide", "", []string{"The weekly review"}, 1},
		{"価値観", "guide", "", []string{"価値観を見つける"}, 1},
		{"価値観", "article", "", nil, 0},
		{"values", "", "habits", []string{"The weekly review", "Energy audit"}, 2},
		{"energy", "worksheet", "habits", []string{"Energy audit"}, 1},
		// Kind and tags are fields too.
		{"worksheet", "", "", []string{"Energy audit"}, 1},
		{"reflection", "", "", []string{"Being kind to yourself"}, 3},
		// Kept out: unlisted, drafts, search = false.
		{"unlistedword", "", "", nil, 0},
		{"draftword", "", "", nil, 0},
		{"keptoutword", "", "", nil, 0},
		{"hidden", "", "", nil, 0},
		// The home page kind is not a kind here.
		{"", "", "", nil, 0},
	}
	for _, tt := range tests {
		s := searcherOf(files)
		hits, total, err := s.Search(tt.query, tt.kind, tt.tag)
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		got := titles(hits)
		if len(got) > len(tt.want) {
			got = got[:len(tt.want)]
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q kind=%q tag=%q: first results %q, want %q", tt.query, tt.kind, tt.tag, titles(hits), tt.want)
		}
		if tt.total >= 0 && total != tt.total {
			t.Errorf("%q kind=%q tag=%q: %d results %q, want %d", tt.query, tt.kind, tt.tag, total, titles(hits), tt.total)
		}
	}
}

// TestGolden pins the index of the fixture: the manifest, every shard decoded, and the
// result files. go test ./generator/search -run Golden -update rewrites it.
func TestGolden(t *testing.T) {
	files := Files(fixture())
	var b strings.Builder
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		data := files[n]
		fmt.Fprintf(&b, "== %s (%d bytes)\n", n, len(data))
		if strings.HasSuffix(n, ".jsonl") {
			// A slot a line: its record, then how many spaces pad it, which must make
			// it Slot bytes with its line break.
			if len(data)%Slot != 0 {
				t.Errorf("%s: %d bytes, not slots of %d", n, len(data), Slot)
			}
			for slot := range slices.Chunk(data, Slot) {
				rec := bytes.TrimRight(slot, " \n")
				fmt.Fprintf(&b, "%s +%d\n", rec, len(slot)-len(rec)-1)
				if slot[len(slot)-1] != '\n' || strings.Trim(string(slot[len(rec):len(slot)-1]), " ") != "" {
					t.Errorf("%s: a slot not padded with spaces to a line break: %q", n, slot)
				}
			}
			continue
		}
		if !strings.HasSuffix(n, ".bin") {
			b.Write(data)
			b.WriteString("\n")
			continue
		}
		terms, err := decodeShard(data)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		for _, st := range terms {
			fmt.Fprintf(&b, "%s:", st.term)
			for _, p := range st.postings {
				fmt.Fprintf(&b, " %d/%d.%d@%d", p.page, p.score>>6, p.score&63, p.pos)
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "hex %s\n", hex.EncodeToString(data))
	}
	got := []byte(b.String())
	if *update {
		if err := os.WriteFile("testdata/golden.txt", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the index differs from testdata/golden.txt (run with -update and look at the diff):\n%s", got)
	}
}

// TestDeterministic: the same pages in any order give the same bytes.
func TestDeterministic(t *testing.T) {
	a := Files(fixture())
	s := fixture()
	rand.New(rand.NewSource(1)).Shuffle(len(s.Pages), func(i, j int) { s.Pages[i], s.Pages[j] = s.Pages[j], s.Pages[i] })
	sameFiles(t, "shuffled: ", Files(s), a)
}

// sameFiles fails t, naming what (prefixed to each message), unless got holds the files of
// want, byte for byte, and no other.
func sameFiles(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s%d files, want %d", what, len(got), len(want))
	}
	for n, data := range want {
		if !bytes.Equal(got[n], data) {
			t.Errorf("%s%s differs", what, n)
		}
	}
}

// bigSite is a library of n pages of made-up words, large enough for many shards.
func bigSite(n int) *site.Site {
	r := rand.New(rand.NewSource(7))
	syll := strings.Fields("ka to ri mel san dor vi len pra sto ve ni qua ber fol mun gra ta li cor")
	vocab := make([]string, 3000)
	for i := range vocab {
		var w strings.Builder
		for range 2 + r.Intn(3) {
			w.WriteString(syll[r.Intn(len(syll))])
		}
		vocab[i] = w.String()
	}
	s := &site.Site{}
	for i := range n {
		var b strings.Builder
		b.WriteString("<p>")
		for range 300 {
			// Zipf-like: low ranks far more often.
			b.WriteString(vocab[int(float64(len(vocab))*r.Float64()*r.Float64()*r.Float64())] + " ")
		}
		b.WriteString("everywhere</p>")
		s.Pages = append(s.Pages, fixturePage("article", fmt.Sprintf("p%04d", i), fmt.Sprintf("Page %d", i), "", nil, b.String()))
	}
	return s
}

// TestShardsStable: editing one page's text rewrites only the shards of the terms that
// changed, not the whole index, and every shard stays within its size.
func TestShardsStable(t *testing.T) {
	s := bigSite(1500)
	ix := new(Indexer)
	before := ix.Files(s)
	shards := 0
	for n, data := range before {
		if strings.HasPrefix(n, Dir+"s/") {
			shards++
			if len(data) > maxShard+2000 {
				t.Errorf("%s: %d bytes", n, len(data))
			}
		}
	}
	if shards < 8 {
		t.Fatalf("only %d shards: the test needs more", shards)
	}
	// The edit a coach makes: one word replaced by another, in the middle of the text.
	p := s.Pages[700]
	words := strings.Fields(string(p.Content()))
	words[150] = "zzyzx"
	p.Body = markdown.NewBody([]byte(strings.Join(words, " ")))
	after := ix.Files(s)
	var changed []string
	for n, data := range after {
		if !bytes.Equal(before[n], data) {
			changed = append(changed, n)
		}
	}
	for n := range before {
		if _, ok := after[n]; !ok {
			changed = append(changed, n)
		}
	}
	slices.Sort(changed)
	// The manifest, the page's result file, and the shards that hold its new words (removed
	// old file, added new one): a handful, where a full rewrite would be every shard.
	if len(changed) > 8 || len(changed) < 3 {
		t.Errorf("%d of %d shards; changed files %q", len(changed), shards, changed)
	}
	for _, n := range changed {
		if strings.HasPrefix(n, Dir+"r/") && n != resultFileOf(s, p.URL) {
			t.Errorf("%s changed: the edited page's results are in %s", n, resultFileOf(s, p.URL))
		}
	}
	sameFiles(t, "the cached index against a fresh one: ", after, Files(s))
}

// TestWordOnEveryPage: the postings of a word on every page of a large library fit in one
// shard of the budget, and the query reads the manifest, that shard and the result files
// slots of the results shown, no more.
func TestWordOnEveryPage(t *testing.T) {
	files := Files(bigSite(3000))
	s := searcherOf(files)
	hits, total, err := s.Search("everywhere", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if total != 3000 || len(hits) != Shown {
		t.Fatalf("%d results, %d shown", total, len(hits))
	}
	n, size := s.Read()
	shards, results := 0, map[string]int{}
	for name, size := range s.read {
		switch {
		case strings.HasPrefix(name, "s/"):
			shards++
		case strings.HasPrefix(name, "r/"):
			results[name] = size
		}
	}
	want := map[string]int{}
	for _, h := range hits {
		want[resultFile(h.Page/Group)+"@"+strconv.Itoa(h.Page%Group*Slot)] = Slot
	}
	if shards != 1 || !maps.Equal(results, want) || n != 1+shards+len(results) || size > maxShard+Shown*Slot+4<<10 {
		t.Errorf("read %d files (%d shards, result slots %v for %v), %d bytes", n, shards, results, want, size)
	}
}

// TestRebuildEncodesOnlyChangedShards: after an edit, the index encodes again only the shards
// holding a term whose pages changed, and its files are byte for byte a fresh index's, over
// a run of edits of every kind: a word changed, a word new to the library, the last page of
// a word gone, a title, a tag, several pages at once, a page added and one removed.
func TestRebuildEncodesOnlyChangedShards(t *testing.T) {
	s := bigSite(1500)
	ix := &Indexer{KeepNumbers: true}
	files := ix.Files(s)
	shards := ix.enc.encodes
	if shards < 8 {
		t.Fatalf("only %d shards: the test needs more", shards)
	}
	r := rand.New(rand.NewSource(3))
	setWord := func(p *site.Page, at int, w string) {
		words := strings.Fields(string(p.Content()))
		words[at] = w
		p.Body = markdown.NewBody([]byte(strings.Join(words, " ")))
	}
	edits := []struct {
		name      string
		edit      func()
		maxShards int // shards encoded again at most; -1: any number
		// kept: pages were added or removed, and keep their numbers (keptOrder): the
		// index searches as a fresh one does, but its bytes are not a fresh one's.
		kept bool
	}{
		{"a word replaced", func() { setWord(s.Pages[700], 150, "zzyzx") }, 3, false},
		{"the same page again", func() { setWord(s.Pages[700], 151, "kato") }, 3, false},
		{"the only page of a word loses it", func() { setWord(s.Pages[700], 150, "kato") }, 3, false},
		{"a title", func() { s.Pages[12].Title = "Page twelve" }, 4, false},
		// More words than before: the words of the fields after the title stay where they
		// were (descStart): the shards of its words alone change.
		{"a longer title", func() { s.Pages[12].Title = "Page twelve, named anew at last" }, 5, false},
		{"a tag", func() {
			tag := &site.Tag{Name: "Quiet", Slug: "quiet"}
			s.Pages[40].Tags = append(s.Pages[40].Tags, tag)
			s.Tags = append(s.Tags, tag)
		}, 2, false}, // "quiet" and "#quiet"
		{"three pages", func() {
			for _, i := range []int{3, 900, 1499} {
				setWord(s.Pages[i], r.Intn(300), fmt.Sprintf("fresh%d", i))
			}
		}, 9, false},
		{"two words gone and one changed at once", func() {
			words := strings.Fields(string(s.Pages[3].Content()))
			for i, w := range words {
				if w == "fresh3" {
					words[i] = "kato"
				}
			}
			s.Pages[3].Body = markdown.NewBody([]byte(strings.Join(words, " ")))
			setWord(s.Pages[900], slices.Index(strings.Fields(string(s.Pages[900].Content())), "fresh900"), "zzyzx")
		}, 6, false},
		{"nothing", func() {}, 0, false},
		// The words of the page added, its title's and its kind: "page", "new", "kato",
		// "zzyzx", "article" (kato's shard may be zzyzx's).
		{"a page added", func() {
			s.Pages = append(s.Pages, fixturePage("article", "p9999", "Page new", "", nil, "<p>kato zzyzx</p>"))
		}, 5, true},
		// Its 300 words are in most shards.
		{"a page removed", func() { s.Pages = slices.Delete(s.Pages, 5, 6) }, -1, true},
	}
	for _, e := range edits {
		before := ix.enc.encodes
		e.edit()
		got := ix.Files(s)
		encoded := ix.enc.encodes - before
		total := len(ix.enc.shards)
		if e.maxShards >= 0 && encoded > e.maxShards {
			t.Errorf("%s: %d of %d shards encoded again, want at most %d", e.name, encoded, total, e.maxShards)
		}
		if e.maxShards != 0 && encoded == 0 {
			t.Errorf("%s: no shard encoded: the edit is not in the index", e.name)
		}
		fresh := Files(s)
		if e.kept {
			searchesAlike(t, e.name+": ", got, fresh, wordsOf(s, 3))
		} else {
			if len(fresh) != len(got) {
				t.Fatalf("%s: %d files, a fresh index %d", e.name, len(got), len(fresh))
			}
			for n, data := range fresh {
				if !bytes.Equal(got[n], data) {
					t.Fatalf("%s: %s differs from a fresh index's", e.name, n)
				}
			}
		}
		// The files of the shards kept are the very bytes of the previous index.
		kept := 0
		for n, data := range got {
			if old, ok := files[n]; ok && strings.HasPrefix(n, Dir+"s/") && &old[0] == &data[0] {
				kept++
			}
		}
		if e.maxShards >= 0 && kept < total-encoded {
			t.Errorf("%s: %d shards kept from the previous index, want %d", e.name, kept, total-encoded)
		}
		files = got
	}
	if got := titles(hitsOf(t, ix.enc.files, "zzyzx")); len(got) != 2 || !slices.Contains(got, "Page new") || !slices.Contains(got, "Page 900") {
		t.Errorf("zzyzx finds %q", got)
	}
	if got := titles(hitsOf(t, ix.enc.files, "fresh1499")); len(got) != 1 {
		t.Errorf("fresh1499 finds %q", got)
	}
	if got := titles(hitsOf(t, ix.enc.files, "fresh900")); len(got) != 0 {
		t.Errorf("fresh900, gone, finds %q", got)
	}
}

func hitsOf(t *testing.T, files map[string][]byte, q string) []Hit {
	t.Helper()
	hits, _, err := searcherOf(files).Search(q, "", "")
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// TestEditRewritesOneResultFile: a page's result is in the file of the pages next to it in
// page order; editing what its result shows rewrites that file alone.
func TestEditRewritesOneResultFile(t *testing.T) {
	s := bigSite(200)
	ix := new(Indexer)
	before := ix.Files(s)
	if n := (len(s.Pages) + Group - 1) / Group; countPrefix(before, Dir+"r/") != n || n < 3 {
		t.Fatalf("%d result files for %d pages, want %d", countPrefix(before, Dir+"r/"), len(s.Pages), n)
	}
	p := s.Pages[21]
	p.Title = "A new title"
	after := ix.Files(s)
	var changed []string
	for n, data := range after {
		if strings.HasPrefix(n, Dir+"r/") && !bytes.Equal(before[n], data) {
			changed = append(changed, n)
		}
	}
	if want := resultFileOf(s, p.URL); len(changed) != 1 || changed[0] != want {
		t.Errorf("result files changed: %q, want %s alone", changed, want)
	}
	hits, _, err := searcherOf(after).Search("new title", "", "")
	if err != nil || len(hits) == 0 || hits[0].URL != p.URL || hits[0].Title != "A new title" {
		t.Errorf("searching the new title: %v, %v", hits, err)
	}
}

// resultFileOf is the result file of the page at url, from its part (ResultParts).
func resultFileOf(s *site.Site, url string) string {
	name, _, _ := strings.Cut(ResultParts(s)[url], "?")
	return name
}

func countPrefix(files map[string][]byte, prefix string) int {
	n := 0
	for name := range files {
		if strings.HasPrefix(name, prefix) {
			n++
		}
	}
	return n
}

// TestPageOrderKept: the dev server's rebuild after a text edit does not sort the pages
// again; a page renamed, moved to another kind, reordered in the site or kept out does,
// and the index then searches as a fresh one does: the pages keep their numbers (reordered
// in the site, the index is the same bytes), a page renamed or of another kind takes a
// new one.
func TestPageOrderKept(t *testing.T) {
	s := bigSite(60)
	ix := &Indexer{KeepNumbers: true}
	files := ix.Files(s)
	p := s.Pages[10]
	p.Body = markdown.NewBody([]byte(string(p.Content()) + " anewword"))
	ix.Files(s)
	if ix.sorts != 1 {
		t.Errorf("a text edit sorted the pages again (%d sorts)", ix.sorts)
	}
	for i, edit := range []func(){
		func() { s.Pages[20].URL = "/articles/zz-renamed/" },
		func() { s.Pages[30].Kind = "guide" },
		func() { s.Pages[0], s.Pages[59] = s.Pages[59], s.Pages[0] },
		func() { s.Pages[5].NoSearch = true },
	} {
		edit()
		got := ix.Files(s)
		if ix.sorts != i+2 {
			t.Errorf("edit %d: %d sorts, want %d", i, ix.sorts, i+2)
		}
		if i == 2 {
			sameFiles(t, "the pages reordered in the site: ", got, files)
		}
		searchesAlike(t, fmt.Sprintf("edit %d, against a fresh index: ", i), got, Files(s), wordsOf(s, 2))
		files = got
	}
}

// TestOnceAsKept: a build that indexes once (postings in runs, by batches of pages; result
// files written as the pages are added, in slabs) gives the bytes of an Indexer kept for the
// next build, which keeps each page's terms and record and encodes them at the end: on
// pages of every kind and size, more of them than a slab of result files holds, and a
// page count that leaves the last result file short.
func TestOnceAsKept(t *testing.T) {
	s := bigSite(1501)
	for i, p := range s.Pages {
		p.Kind = kindOrder[i%len(kindOrder)]
		if i%7 == 0 {
			p.Tags = []*site.Tag{{Name: "Seven", Slug: "seven"}}
		}
	}
	s.Tags = []*site.Tag{{Name: "Seven", Slug: "seven"}}
	once := Files(s)
	kept := new(Indexer).Files(s)
	if len(once) != len(kept) {
		t.Fatalf("%d files, kept %d", len(once), len(kept))
	}
	results := 0
	for name, data := range kept {
		if !bytes.Equal(once[name], data) {
			t.Errorf("%s differs", name)
		}
		if strings.HasPrefix(name, Dir+"r/") {
			results += len(data)
		}
	}
	if results <= resultSlab {
		t.Errorf("%d bytes of result files: the test should fill more than a slab", results)
	}
}

// TestOnceHelped: an index made by Run with helpers joining before, during and after it
// (Once, as a streamed build makes it) has the bytes of Files, whichever goroutine took
// and added which page; and an empty site's too.
func TestOnceHelped(t *testing.T) {
	s := bigSite(700)
	for i, p := range s.Pages {
		p.Kind = kindOrder[i%len(kindOrder)]
	}
	want := Files(s)
	// run makes the index with Run beside n goroutines that Help.
	run := func(o *Once, n int) map[string][]byte {
		var wg sync.WaitGroup
		for range n {
			wg.Go(o.Help)
		}
		got := mustRun(t, o)
		wg.Wait()
		return got
	}
	for _, helpers := range []int{0, 1, 3} {
		o := NewOnce(s)
		if helpers > 0 {
			o.Help() // before Run: takes every page but what the others take meanwhile
		}
		got := run(o, helpers)
		o.Help() // after: nothing left, and nothing changes
		if !maps.EqualFunc(got, want, bytes.Equal) {
			t.Fatalf("%d helpers: the files differ from Files'", helpers)
		}
	}
	// Helpers that start first take pages out of turn: a page waits for the one before it.
	if got := run(NewOnce(s), 4); !maps.EqualFunc(got, want, bytes.Equal) {
		t.Fatal("4 helpers beside Run: the files differ from Files'")
	}
	// A helper told to stop leaves the rest to Run.
	o := NewOnce(s)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { o.HelpUntil(stop) })
	close(stop)
	got := mustRun(t, o)
	wg.Wait()
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Fatal("a helper stopped: the files differ from Files'")
	}
	empty := &site.Site{}
	if got, want := mustRun(t, NewOnce(empty)), Files(empty); !maps.EqualFunc(got, want, bytes.Equal) {
		t.Fatalf("empty site: %d files, Files makes %d", len(got), len(want))
	}
}

// TestOnceAnalyserKept: a worker that stops (HelpUntil) leaves its analyser, which knows
// the terms of the pages it read, to the next one to start, as a build's goroutine does
// when it helps with the last pages; the files are the same.
func TestOnceAnalyserKept(t *testing.T) {
	s := bigSite(300)
	want := Files(s)
	o := NewOnce(s)
	an := o.analysis()
	stop := make(chan struct{})
	an.onAdd = func(page int) {
		if page == 10 {
			close(stop)
		}
	}
	o.HelpUntil(stop)
	an.onAdd = nil
	if taken := int(an.taken.Load()); taken < 11 || taken >= len(an.todo) {
		t.Fatalf("the helper took %d of %d pages: the test needs it to stop part way", taken, len(an.todo))
	}
	if len(an.analysers) != 1 {
		t.Fatalf("%d analysers kept after the helper stopped, want 1", len(an.analysers))
	}
	got := mustRun(t, o)
	if an.made != 1 {
		t.Errorf("%d analysers made, want 1: Run took the helper's", an.made)
	}
	if len(an.analysers) != 0 {
		t.Errorf("%d analysers kept once every page was taken, want none", len(an.analysers))
	}
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Fatal("the files differ from Files'")
	}
}

// TestOnceAdderNeverWaitedFor: while one goroutine adds a page to the index, another that
// finishes a page goes on with the next instead of waiting for it (it waited for the lock
// the adder held, its core idle, while two goroutines indexed a build's last pages).
func TestOnceAdderNeverWaitedFor(t *testing.T) {
	s := bigSite(40)
	want := Files(s)
	o := NewOnce(s)
	an := o.analysis()
	helped := make(chan struct{})
	an.onAdd = func(page int) {
		if page != 0 {
			return
		}
		if !an.mu.TryLock() {
			t.Error("the adder holds the lock while it adds: a goroutine finishing a page waits for it")
			return
		}
		an.mu.Unlock()
		// The adder is busy with page 0: a helper analyses every other page meanwhile.
		go func() {
			defer close(helped)
			o.Help()
		}()
		<-helped
		an.mu.Lock()
		left := len(an.pending)
		an.mu.Unlock()
		if left != len(an.pages)-1 {
			t.Errorf("%d pages left for the adder, want %d", left, len(an.pages)-1)
		}
	}
	got := mustRun(t, o)
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Fatal("the files differ from Files'")
	}
}

// TestOnceKeepsNear: while the next page to add is not added (its goroutine preempted in
// it, as the pages render on every core), the others take no more than maxLead pages past
// it, each left to the adder with its buffers, and then wait; once it is added they go on,
// and the files are Files'.
func TestOnceKeepsNear(t *testing.T) {
	s := bigSite(4 * maxLead)
	want := Files(s)
	o := NewOnce(s)
	an := o.analysis()
	an.onAdd = func(page int) {
		if page != 0 {
			return
		}
		go o.Help()
		deadline := time.Now().Add(10 * time.Second)
		for {
			an.mu.Lock()
			waiting, pending := an.waiting, len(an.pending)
			an.mu.Unlock()
			if waiting == 1 {
				if pending > maxLead {
					t.Errorf("%d pages left for the adder, want no more than %d", pending, maxLead)
				}
				return
			}
			if time.Now().After(deadline) {
				t.Errorf("the helper never waited: %d pages left for the adder, of %d", pending, len(an.pages))
				return
			}
			time.Sleep(time.Millisecond)
		}
	}
	got := mustRun(t, o)
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Fatal("the files differ from Files'")
	}
	// Two goroutines may pass keepNear together, one page each past the bound, and the
	// adder holds the done of the page it adds: a few more than maxLead at the most.
	if n := len(an.spare); n > maxLead+2 {
		t.Errorf("%d dones made for pages left to the adder, want no more than %d", n, maxLead+2)
	}
}

// mustRun is o.Run, failing the test on an error.
func mustRun(t *testing.T, o *Once) map[string][]byte {
	t.Helper()
	files, err := o.Run()
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// testWriter is a Writer that keeps a copy of what is written to it, refusing a file
// written before it is planned or twice, and fails the write of failAt files (0: none) or
// the Plan of a name failPlan.
type testWriter struct {
	t        *testing.T
	mu       sync.Mutex
	planned  map[string]bool
	files    map[string][]byte
	order    []string // of the result files written
	writes   int
	failAt   int
	failPlan string
}

func newTestWriter(t *testing.T) *testWriter {
	return &testWriter{t: t, planned: map[string]bool{}, files: map[string][]byte{}}
}

func (w *testWriter) Plan(names []string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, n := range names {
		if n == w.failPlan {
			return errors.New("cannot plan " + n)
		}
		w.planned[n] = true
	}
	return nil
}

func (w *testWriter) Write(name string, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.planned[name] {
		w.t.Errorf("%s written before it was planned", name)
	}
	if _, twice := w.files[name]; twice {
		w.t.Errorf("%s written twice", name)
	}
	w.files[name] = bytes.Clone(data) // data is written over by the next file
	if strings.HasPrefix(name, Dir+"r/") {
		w.order = append(w.order, name)
	}
	if w.writes++; w.writes == w.failAt {
		return errors.New("disk full")
	}
	return nil
}

// TestOnceWrites: with a writer (WriteTo), each result file goes to it once, as soon as it
// is made, under its name in ResultNames, and each shard once it is laid out, whatever the
// size of a batch of them; Run returns the other files. The files written and Run's are
// together Files' bytes, whenever the writer is set: before Run, while pages are added,
// after Run. Given as they are made, the result files take one slab, not one for every
// 256 KB of them. A failing writer is given nothing more and fails Run.
func TestOnceWrites(t *testing.T) {
	s := bigSite(700)
	want := Files(s)
	results, shards := 0, 0
	for name := range want {
		switch {
		case strings.HasPrefix(name, Dir+"r/"):
			results++
		case strings.HasPrefix(name, Dir+"s/"):
			shards++
		}
	}
	if shards < 4 {
		t.Fatalf("%d shards: the test needs several", shards)
	}
	for _, tc := range []struct {
		name     string
		at       int // the page being added when the writer is set; -1: before Run, -2: after
		helpers  int
		batch    int // of shards' bytes, 0 for shardBatch
		limit    int // of the postings' batch, 0 for batchPostings
		failAt   int // the write that fails, 0 for none
		failPlan string
	}{
		{name: "before Run", at: -1},
		{name: "before Run, helped", at: -1, helpers: 3},
		{name: "before Run, a shard a batch", at: -1, batch: 1},
		{name: "before Run, shards in batches", at: -1, batch: 100 << 10},
		// The postings' batch and flush area too small for the shards' batches, which go
		// to a region.
		{name: "before Run, shards in batches, in a region", at: -1, batch: 100 << 10, limit: 300},
		{name: "before Run, shards in one batch, in a region", at: -1, batch: 1 << 30, limit: 300},
		{name: "while adding", at: 300},
		{name: "while adding, helped", at: 300, helpers: 2},
		{name: "after Run", at: -2},
		{name: "failing a result file", at: -1, failAt: 3},
		{name: "failing a shard", at: -1, failAt: results + 2},
		{name: "failing to plan a shard", at: -1, failPlan: "*"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := NewOnce(s)
			o.ix.shardBatch = tc.batch
			if tc.limit > 0 {
				o.analysis().ix.post.limit = tc.limit
			}
			w := newTestWriter(t)
			w.failAt = tc.failAt
			w.Plan(o.ResultNames()) // as the build plans them, with its pages
			if tc.failPlan != "" {
				for name := range want {
					if strings.HasPrefix(name, Dir+"s/") {
						w.failPlan = name
						break
					}
				}
			}
			switch {
			case tc.at == -1:
				o.WriteTo(w)
			case tc.at >= 0:
				o.analysis().onAdd = func(page int) {
					if page == tc.at {
						o.WriteTo(w)
					}
				}
			}
			var wg sync.WaitGroup
			for range tc.helpers {
				wg.Go(o.Help)
			}
			got, err := o.Run()
			wg.Wait()
			if tc.at == -2 {
				o.WriteTo(w)
			}
			if tc.failAt > 0 || tc.failPlan != "" {
				if err == nil || !strings.Contains(err.Error(), "disk full") && !strings.Contains(err.Error(), "cannot plan") {
					t.Fatalf("Run's error %v, want the writer's", err)
				}
				if tc.failAt > 0 && tc.failAt <= results && w.writes != tc.failAt {
					t.Fatalf("%d files written, want none after the failing one (%d)", w.writes, tc.failAt)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			names := o.ResultNames()
			if len(names) != results {
				t.Fatalf("ResultNames has %d names, Files %d result files", len(names), results)
			}
			for i, name := range w.order {
				if name != names[i] {
					t.Fatalf("result file %d written as %s, want %s: in page order", i, name, names[i])
				}
			}
			for name := range w.files {
				if _, also := got[name]; also {
					t.Errorf("%s both written and returned", name)
				}
			}
			all := maps.Clone(got)
			maps.Copy(all, w.files)
			if !maps.EqualFunc(all, want, bytes.Equal) {
				t.Fatalf("written and returned files differ from Files' (%d and %d of %d)", len(w.files), len(got), len(want))
			}
			switch {
			case tc.at != -2 && len(w.files) != results+shards: // results made before it, with the next
				t.Errorf("set %s: %d of %d result files and shards written", tc.name, len(w.files), results+shards)
			case tc.at == -2 && len(w.files) > 0:
				t.Errorf("set after Run: %d files written", len(w.files))
			}
			if tc.at == -1 && o.rf.slabs != 1 {
				t.Errorf("%d slabs for the result files, want 1: each file written over the one before", o.rf.slabs)
			}
		})
	}
	// Without a writer, the files are held until Run returns, slab after slab: what the
	// check of slabs above tells apart.
	o := NewOnce(s)
	mustRun(t, o)
	if o.rf.slabs < 2 {
		t.Errorf("no writer: %d slab, the test's files should fill more", o.rf.slabs)
	}
}

// TestIndexOrder: the pages' order, sorted by keys (indexOrder), is the order of their
// kinds' places, kinds, then URLs, compared whole (indexOrderBefore): URLs that share
// long prefixes, end within the key's bytes or past them, hold zero bytes or bytes past
// ASCII, the empty URL, kinds known and not, and pages left out of the index.
func TestIndexOrder(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	kinds := append(slices.Clone(kindOrder), "zeta", "alpha", "home")
	parts := []string{"/", "a", "b", "`", "0", "1", "page-0", "page-01", "\x00", "é", "\xff", "articles/page-0120", "z"}
	for round := range 300 {
		s := &site.Site{}
		for range r.Intn(400) {
			url := ""
			for range r.Intn(6) {
				url += parts[r.Intn(len(parts))]
			}
			if r.Intn(2) == 0 {
				url = "/articles/page-0" + url
			}
			p := &site.Page{URL: url, Kind: kinds[r.Intn(len(kinds))], Draft: r.Intn(20) == 0}
			s.Pages = append(s.Pages, p)
		}
		if got, want := indexOrder(s), indexOrderBefore(s); !slices.Equal(got, want) {
			t.Fatalf("round %d: order %v, want %v", round, got, want)
		}
	}
}

// indexOrderBefore is indexOrder as it was, comparing the pages' kinds and URLs whole.
func indexOrderBefore(s *site.Site) []int32 {
	type keyed struct {
		kind int
		at   int32
		p    *site.Page
	}
	ks := make([]keyed, 0, len(s.Pages))
	for i, p := range s.Pages {
		if Indexed(p) {
			k := slices.Index(kindOrder, p.Kind)
			if k < 0 {
				k = len(kindOrder)
			}
			ks = append(ks, keyed{k, int32(i), p})
		}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if a.kind != b.kind {
			return a.kind - b.kind
		}
		return byKindURL(a.p, b.p)
	})
	order := make([]int32, len(ks))
	for i, k := range ks {
		order[i] = k.at
	}
	return order
}

// BenchmarkIndexOrder sorts the pages into page order, by keys (indexOrder) and by their
// kinds and URLs compared whole (indexOrderBefore) (BETWEEN_BENCH_PAGES as for
// BenchmarkIndex).
func BenchmarkIndexOrder(b *testing.B) {
	s := benchSite(b, benchPages())
	// In no order of their URLs, as a build has them (by weight and date).
	rand.New(rand.NewSource(1)).Shuffle(len(s.Pages), func(i, j int) { s.Pages[i], s.Pages[j] = s.Pages[j], s.Pages[i] })
	for _, way := range []struct {
		name string
		f    func(*site.Site) []int32
	}{{"keys", indexOrder}, {"whole", indexOrderBefore}} {
		b.Run(way.name, func(b *testing.B) {
			c := cpuTime()
			for b.Loop() {
				way.f(s)
			}
			b.ReportMetric(float64((cpuTime()-c).Microseconds())/float64(b.N), "cpu-µs/op")
		})
	}
}

// TestEmojiInPages: emoji, as [markdown] emoji = true writes them, are neither words nor
// in the way of the words around them, and the excerpt keeps them.
func TestEmojiInPages(t *testing.T) {
	s := &site.Site{Pages: []*site.Page{
		fixturePage("article", "wins", "Small wins 🎉", "", nil,
			"<p>Celebrate👍🏽 each ❤️ step, 1️⃣ at a time 👨‍👩‍👧 :octocat:</p>"),
		fixturePage("article", "other", "Another page", "", nil, "<p>Nothing to celebrate here.</p>"),
	}}
	se := searcherOf(Files(s))
	for q, want := range map[string][]string{
		"celebrate": {"Another page", "Small wins 🎉"},
		"step":      {"Small wins 🎉"},
		"wins":      {"Small wins 🎉"},
		"🎉":         nil,
		"👨‍👩‍👧":     nil,
	} {
		hits, _, err := se.Search(q, "", "")
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		got := titles(hits)
		sort.Strings(got)
		if !slices.Equal(got, want) {
			t.Errorf("%q found %q, want %q", q, got, want)
		}
		for _, h := range hits {
			if h.Title == "Small wins 🎉" && !strings.Contains(h.Excerpt, "Celebrate👍🏽 each ❤️ step") {
				t.Errorf("excerpt %q", h.Excerpt)
			}
		}
	}
}
