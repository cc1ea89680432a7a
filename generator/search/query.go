package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Searcher answers queries from the index files as search.js does, step for step, and
// counts the bytes it reads: the tests check ranking with it, and bench/search.sh measures
// what a query downloads. search.js is the same algorithm; change both together.
type Searcher struct {
	fetch   Fetch
	read    map[string]int // files and parts of files read, with their sizes
	m       *manifest
	firsts  []string
	shards  map[int][]shardTerm
	results map[int]*Result
	// noStem turns stemming off, for the ranking test to compare.
	noStem bool
}

// Result is a page's record in a result file (r/K.jsonl): what a result shows.
type Result struct {
	URL         string   `json:"u"`
	Title       string   `json:"t"`
	Kind        string   `json:"k"`
	Tags        []string `json:"g,omitempty"`
	Description string   `json:"d,omitempty"`
	Headings    []string `json:"h,omitempty"`
	Excerpt     string   `json:"x,omitempty"` // the opening of the page's text
}

// Hit is one page found.
type Hit struct {
	Page  int
	Score float64
	*Result
}

type shardTerm struct {
	term     string
	postings []posting
}

// Tuning shared with search.js.
const (
	// PrefixBudget bounds the bytes of the further shards a word being typed may read:
	// with one or two letters typed, the words they start are many, and only those in the
	// first shards are looked at until more letters narrow them down.
	PrefixBudget = 64 << 10
	// Shown is how many results a query shows, and so how many result files it reads at
	// most.
	Shown = 10
	// completionWeight weighs a word that only starts with what was typed, against the word
	// itself.
	completionWeight = 0.7
)

// rankWeights weigh the field a word was found in: title over headings over description,
// tags and kind, over the text. A page's term frequency adds up to 1 to its field's weight.
var rankWeights = [4]float64{0, 1, 2, 4}

// Fetch returns a file under Dir by its name there ("manifest.json", "s/abc.bin",
// "r/3.jsonl"): n bytes from byte off on, as an HTTP Range request reads them, or the whole
// file when n < 0.
type Fetch func(name string, off, n int) ([]byte, error)

// FetchFiles is a Fetch from read, which returns a whole file: the parts are cut from it.
func FetchFiles(read func(name string) ([]byte, error)) Fetch {
	return func(name string, off, n int) ([]byte, error) {
		data, err := read(name)
		if err != nil || n < 0 {
			return data, err
		}
		if off < 0 || off+n > len(data) {
			return nil, fmt.Errorf("%s: bytes %d-%d of %d", name, off, off+n-1, len(data))
		}
		return data[off : off+n], nil
	}
}

// NewSearcher reads the index through fetch.
func NewSearcher(fetch Fetch) *Searcher {
	return &Searcher{fetch: fetch, read: map[string]int{}, shards: map[int][]shardTerm{}, results: map[int]*Result{}}
}

// Read returns the number of files read so far and their total size.
func (s *Searcher) Read() (files, bytes int) {
	for _, n := range s.read {
		files++
		bytes += n
	}
	return files, bytes
}

func (s *Searcher) get(name string) ([]byte, error) {
	return s.getPart(name, 0, -1)
}

// getPart reads n bytes of a file from off on, or all of it when n < 0.
func (s *Searcher) getPart(name string, off, n int) ([]byte, error) {
	data, err := s.fetch(name, off, n)
	if err != nil {
		return nil, err
	}
	key := name
	if n >= 0 {
		key += "@" + strconv.Itoa(off)
	}
	s.read[key] = len(data)
	return data, nil
}

func (s *Searcher) manifest() error {
	if s.m != nil {
		return nil
	}
	data, err := s.get("manifest.json")
	if err != nil {
		return err
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("manifest.json: %w", err)
	}
	s.m = &m
	for _, sh := range m.Shards {
		s.firsts = append(s.firsts, sh[0].(string))
	}
	return nil
}

// shardOf is the shard that would hold term, or -1 when term comes before every shard.
func (s *Searcher) shardOf(term string) int {
	i, found := slices.BinarySearch(s.firsts, term)
	if found {
		return i
	}
	return i - 1
}

func (s *Searcher) shard(i int) ([]shardTerm, error) {
	if ts, ok := s.shards[i]; ok {
		return ts, nil
	}
	data, err := s.get("s/" + s.m.Shards[i][1].(string))
	if err != nil {
		return nil, err
	}
	ts, err := decodeShard(data)
	if err != nil {
		return nil, fmt.Errorf("shard %d: %w", i, err)
	}
	s.shards[i] = ts
	return ts, nil
}

func decodeShard(b []byte) ([]shardTerm, error) {
	bad := errors.New("truncated")
	uv := func() (int, error) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, bad
		}
		b = b[n:]
		return int(v), nil
	}
	count, err := uv()
	if err != nil {
		return nil, err
	}
	out := make([]shardTerm, 0, count)
	prev := ""
	for range count {
		shared, err := uv()
		if err != nil {
			return nil, err
		}
		rest, err := uv()
		if err != nil || shared > len(prev) || rest > len(b) {
			return nil, bad
		}
		term := prev[:shared] + string(b[:rest])
		b = b[rest:]
		df, err := uv()
		if err != nil {
			return nil, err
		}
		ps := make([]posting, df)
		page := -1
		for j := range ps {
			gap, err := uv()
			if err != nil || len(b) < 2 {
				return nil, bad
			}
			page += gap
			ps[j] = posting{page: uint32(page), score: b[0], pos: b[1]}
			b = b[2:]
		}
		out = append(out, shardTerm{term: term, postings: ps})
		prev = term
	}
	return out, nil
}

// lookup returns the terms a query word matches, with their weights.
func (s *Searcher) lookup(t Term) ([]shardTerm, []float64, error) {
	first := s.shardOf(t.Text)
	if first < 0 {
		if !t.Prefix || len(s.firsts) == 0 || !strings.HasPrefix(s.firsts[0], t.Text) {
			return nil, nil, nil
		}
		first = 0
	}
	last := first
	if t.Prefix {
		spent := 0
		for j := first + 1; j < len(s.firsts) && strings.HasPrefix(s.firsts[j], t.Text); j++ {
			spent += int(s.m.Shards[j][2].(float64))
			if spent > PrefixBudget {
				break
			}
			last = j
		}
	}
	var terms []shardTerm
	var weights []float64
	for i := first; i <= last; i++ {
		ts, err := s.shard(i)
		if err != nil {
			return nil, nil, err
		}
		for _, st := range ts {
			switch {
			case st.term == t.Text:
				terms, weights = append(terms, st), append(weights, 1)
			case t.Prefix && strings.HasPrefix(st.term, t.Text) && st.term[0] != '#':
				terms, weights = append(terms, st), append(weights, completionWeight)
			}
		}
	}
	return terms, weights, nil
}

// stemmed adds to lookup's terms those with the stem of t (stem.go), from the one or two
// shards where words with that stem are, mostly those lookup read already.
func (s *Searcher) stemmed(t Term, terms []shardTerm, weights []float64) ([]shardTerm, []float64, error) {
	stem := Stem(t.Text)
	lo, hi := stemRange(stem)
	if lo == "" {
		return terms, weights, nil
	}
	first, last := max(s.shardOf(lo), 0), s.shardOf(hi)
	if last > first+1 {
		first = max(first, s.shardOf(stem))
		last = min(last, first+1)
	}
	for i := first; i <= last; i++ {
		ts, err := s.shard(i)
		if err != nil {
			return nil, nil, err
		}
		for _, st := range ts {
			if st.term != t.Text && !(t.Prefix && strings.HasPrefix(st.term, t.Text)) && strings.HasPrefix(st.term, lo) &&
				Stem(st.term) == stem {
				terms, weights = append(terms, st), append(weights, StemWeight)
			}
		}
	}
	return terms, weights, nil
}

// Search returns the pages matching every word of q, best first, at most Shown of them with
// their result files read. kind and tag (a slug) filter them when not empty.
func (s *Searcher) Search(q, kind, tag string) ([]Hit, int, error) {
	if err := s.manifest(); err != nil {
		return nil, 0, err
	}
	terms := Query(q)
	if len(terms) == 0 {
		return nil, 0, nil
	}
	n := float64(s.m.Pages)
	type match struct {
		score float64
		pos   int
		words int
		minP  int
		maxP  int
	}
	pages := map[int]*match{}
	for w, t := range terms {
		found, weights, err := s.lookup(t)
		if err == nil && s.m.Stem && !s.noStem && stemmable(t.Text) {
			found, weights, err = s.stemmed(t, found, weights)
		}
		if err != nil {
			return nil, 0, err
		}
		best := map[int][2]float64{} // page → best score of this word, its position
		for i, st := range found {
			df := float64(len(st.postings))
			idf := math.Log(1 + (n-df+0.5)/(df+0.5))
			for _, p := range st.postings {
				sc := idf * weights[i] * (rankWeights[p.score>>6] + float64(p.score&63)/63)
				if b, ok := best[int(p.page)]; !ok || sc > b[0] {
					best[int(p.page)] = [2]float64{sc, float64(p.pos)}
				}
			}
		}
		for page, b := range best {
			m := pages[page]
			if m == nil {
				if w > 0 {
					continue // not found by an earlier word: every word must match
				}
				m = &match{minP: int(b[1]), maxP: int(b[1])}
				pages[page] = m
			} else if m.words != w {
				continue
			}
			m.score += b[0]
			m.words++
			m.minP, m.maxP = min(m.minP, int(b[1])), max(m.maxP, int(b[1]))
		}
	}
	// The kind's pages: its runs of numbers in the manifest. A build numbers a kind's pages
	// in one run; the preview's index, after pages were added, in more (keptOrder).
	var inKind [][2]int
	if kind != "" {
		start := 0
		for _, k := range s.m.Kinds {
			c := int(k[1].(float64))
			if k[0].(string) == kind {
				inKind = append(inKind, [2]int{start, start + c})
			}
			start += c
		}
	}
	ofKind := func(page int) bool {
		if kind == "" {
			return true
		}
		for _, r := range inKind {
			if r[0] <= page && page < r[1] {
				return true
			}
		}
		return false
	}
	var tagged map[int]bool
	if tag != "" {
		tagged = map[int]bool{}
		found, _, err := s.lookup(Term{Text: "#" + tag})
		if err != nil {
			return nil, 0, err
		}
		for _, st := range found {
			for _, p := range st.postings {
				tagged[int(p.page)] = true
			}
		}
	}
	var hits []Hit
	for page, m := range pages {
		if m.words != len(terms) || !ofKind(page) || tagged != nil && !tagged[page] {
			continue
		}
		score := m.score
		if len(terms) > 1 {
			// Words close together: their first places on the page, in steps of 8 words.
			score *= 1 + 1/float64(1+m.maxP-m.minP)
		}
		hits = append(hits, Hit{Page: page, Score: score})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return a.Page - b.Page
	})
	total := len(hits)
	hits = hits[:min(len(hits), Shown)]
	for i := range hits {
		r, err := s.result(hits[i].Page)
		if err != nil {
			return nil, 0, err
		}
		hits[i].Result = r
	}
	return hits, total, nil
}

func (s *Searcher) result(page int) (*Result, error) {
	if r, ok := s.results[page]; ok {
		return r, nil
	}
	group, slot := max(s.m.Group, 1), s.m.Slot
	name := resultFile(page / group)
	data, err := s.getPart(name, page%group*slot, slot)
	if err != nil {
		return nil, err
	}
	var r *Result
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: page %d: %w", name, page, err)
	}
	if r != nil && r.URL == "" {
		r = nil // a page whose record could not fit (appendRecord)
	}
	s.results[page] = r
	return r, nil
}

// DocFreqs reads every shard and returns each word's page count (tags left out): for
// benchmarks that pick a rare word, a common one and one on every page.
func (s *Searcher) DocFreqs() (map[string]int, error) {
	if err := s.manifest(); err != nil {
		return nil, err
	}
	out := map[string]int{}
	for i := range s.m.Shards {
		ts, err := s.shard(i)
		if err != nil {
			return nil, err
		}
		for _, st := range ts {
			if st.term[0] != '#' {
				out[st.term] = len(st.postings)
			}
		}
	}
	return out, nil
}

// Pages returns the number of pages in the index.
func (s *Searcher) Pages() (int, error) {
	if err := s.manifest(); err != nil {
		return 0, err
	}
	return s.m.Pages, nil
}
