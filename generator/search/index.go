// Package search builds the site's search index: files in the output, made from the site
// model, that search.js fetches piece by piece. See docs/search.md for what is indexed and
// how results rank, and DESIGN below for the layout of the files.
package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash/fnv"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/site"
)

// The layout of the index, under Dir:
//
//	manifest.json   the page count, kinds, tags and, for every shard, its first term, file
//	                and size: the one file every query reads first
//	s/HASH.bin      a shard: the terms from its first term up to the next shard's, each with
//	                its postings (page, score, position); named by its bytes, so a rebuild
//	                rewrites only the shards whose terms changed
//	p/N.json        page N's result: URL, title, kind, tags, description, headings, opening
//	                text; fetched only for the results shown
//
// Pages are numbered by kind, then URL, so that a kind is a range of numbers and filtering
// by kind needs no file. A tag is the term "#" + its slug: filtering by tag reads its shard.
const Dir = "search/data/"

// Ranks of the fields a term is found in; a term's rank on a page is its best field's.
const (
	rankBody = iota
	rankMeta // description, tags, kind
	rankHeading
	rankTitle
)

// Shard sizes: a shard grows to minShard bytes, then ends at the first term whose hash says
// so, or before it would pass maxShard. The cut depends on the terms, not on the byte count
// alone, so an edit that changes one shard's size leaves the later shards as they were.
const (
	minShard = 24 << 10
	maxShard = 48 << 10
	cutMask  = 7
)

// refLength is the page length, in words, term frequencies are weighed against. It is
// fixed rather than the library's average so that an edit to one page never changes another
// page's scores (and so the shards holding them).
const refLength = 600

// excerptRunes is how much of a page's opening text its result file keeps for snippets.
const excerptRunes = 320

// Indexer builds the index of a site and keeps each page's analysis for the next build, so
// that the dev server's rebuild after an edit reads only the edited page again. The zero
// value is ready to use; an Indexer is used by one goroutine at a time.
type Indexer struct {
	cache map[string]*doc
	last  []*doc
	files map[string][]byte
}

// Files builds the index of s with no earlier build to reuse.
func Files(s *site.Site) map[string][]byte { return new(Indexer).Files(s) }

// Indexed reports whether p is in the index: listed, published, and not kept out by
// front matter search = false. Drafts shown by the dev server stay out too.
func Indexed(p *site.Page) bool {
	return !p.Unlisted && !p.Draft && !p.NoSearch && p.Kind != "home"
}

// source is what the index reads of a page, to tell whether it changed.
type source struct {
	url, title, desc, kind, tags string
	// content is the page's HTML, compressed: a Body is never changed, and a page not
	// edited keeps its Body from build to build, so comparing it costs nothing; holding
	// the HTML itself here would keep every page's in memory.
	content *markdown.Body
}

func sourceOf(p *site.Page) source {
	var tags strings.Builder
	for _, t := range p.Tags {
		tags.WriteString(t.Name + "\x00" + t.Slug + "\x00")
	}
	return source{url: p.URL, title: p.Title, desc: p.Description, kind: p.Kind, content: p.Body, tags: tags.String()}
}

// doc is one page, analysed.
type doc struct {
	src    source
	result []byte  // p/N.json
	terms  []tstat // in the order the page has them first
}

type tstat struct {
	term  string
	score uint8 // rank<<6 | term frequency, weighed and quantised to 0..63
	pos   uint8 // first position / 8, capped: for telling words close together
}

// Files returns the index of s: slash paths under Dir to their bytes. The same site gives
// the same bytes.
func (ix *Indexer) Files(s *site.Site) map[string][]byte {
	var pages []*site.Page
	for _, p := range s.Pages {
		if Indexed(p) {
			pages = append(pages, p)
		}
	}
	kindOrder := map[string]int{}
	for i, k := range []string{"article", "guide", "worksheet", "path", "page"} {
		kindOrder[k] = i
	}
	slices.SortFunc(pages, func(a, b *site.Page) int {
		ka, okA := kindOrder[a.Kind]
		kb, okB := kindOrder[b.Kind]
		if !okA {
			ka = len(kindOrder)
		}
		if !okB {
			kb = len(kindOrder)
		}
		if ka != kb {
			return ka - kb
		}
		if a.Kind != b.Kind {
			return strings.Compare(a.Kind, b.Kind)
		}
		return strings.Compare(a.URL, b.URL)
	})

	docs := ix.analyse(pages)
	if ix.files != nil && slices.Equal(docs, ix.last) {
		return ix.files
	}
	files := encode(pages, docs, s.Tags)
	ix.last, ix.files = docs, files
	return files
}

// analyse returns the analysis of every page, from the cache when the page did not change,
// working on all cores.
func (ix *Indexer) analyse(pages []*site.Page) []*doc {
	if ix.cache == nil {
		ix.cache = map[string]*doc{}
	}
	docs := make([]*doc, len(pages))
	var todo []int
	for i, p := range pages {
		src := sourceOf(p)
		if d := ix.cache[p.URL]; d != nil && d.src == src {
			docs[i] = d
			continue
		}
		todo = append(todo, i)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := newAnalyser()
			for i := range next {
				docs[i] = a.page(pages[i])
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	cache := make(map[string]*doc, len(pages))
	for i, p := range pages {
		cache[p.URL] = docs[i]
	}
	ix.cache = cache
	return docs
}

// analyser analyses pages one after the other, reusing its tables.
type analyser struct {
	index  map[string]int32 // term → its entry in accs, for the page at hand
	accs   []acc
	intern map[string]string // one copy of each term for all the pages it analyses
}

type acc struct {
	term            string
	rank, first, tf int
}

func newAnalyser() *analyser {
	return &analyser{index: make(map[string]int32, 1024), intern: make(map[string]string, 1<<14)}
}

func (an *analyser) page(p *site.Page) *doc {
	d := &doc{src: sourceOf(p)}
	headings, body := plainText(string(p.Content()))
	clear(an.index)
	an.accs = an.accs[:0]
	pos := 0
	stat := func(term string, rank, at int) {
		if i, ok := an.index[term]; ok {
			a := &an.accs[i]
			a.tf++
			a.rank = max(a.rank, rank)
			return
		}
		t, ok := an.intern[term]
		if !ok {
			t = strings.Clone(term)
			an.intern[t] = t
		}
		an.index[t] = int32(len(an.accs))
		an.accs = append(an.accs, acc{term: t, rank: rank, first: at, tf: 1})
	}
	add := func(text string, rank int) {
		pos = Tokens(text, pos, func(t Token) { stat(t.Term, rank, t.Pos) }) + 8 // a gap: words in two fields are not close together
	}
	add(p.Title, rankTitle)
	add(p.Description, rankMeta)
	var tagNames []string
	for _, t := range p.Tags {
		add(t.Name, rankMeta)
		tagNames = append(tagNames, t.Name)
		stat("#"+t.Slug, rankMeta, 0)
	}
	add(p.Kind, rankMeta)
	for _, h := range headings {
		add(h, rankHeading)
	}
	add(body, rankBody)

	// The length in steps of 32 words, so that a small edit leaves the scores of the page's
	// other words, and the shards holding them, as they were.
	length := float64((pos + 31) &^ 31)
	const k1, b = 1.2, 0.75
	norm := k1 * (1 - b + b*length/refLength)
	d.terms = make([]tstat, len(an.accs))
	for i, a := range an.accs {
		tf := float64(a.tf)
		q := int(63*tf/(tf+norm) + 0.5)
		d.terms[i] = tstat{term: a.term, score: uint8(a.rank<<6 | min(q, 63)), pos: uint8(min(a.first/8, 255))}
	}

	r := Result{URL: p.URL, Title: p.Title, Kind: p.Kind, Tags: tagNames, Description: p.Description,
		Headings: headings, Excerpt: excerpt(body)}
	if len(r.Headings) > 12 {
		r.Headings = r.Headings[:12]
	}
	d.result = marshal(r)
	return d
}

// excerpt is the opening of a page's text, cut after a word.
func excerpt(body string) string {
	if len(body) > 8*excerptRunes {
		body = body[:8*excerptRunes]
	}
	s := strings.Join(strings.Fields(body), " ")
	if utf8.RuneCountInString(s) <= excerptRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == excerptRunes {
			cut := s[:i]
			if sp := strings.LastIndexByte(cut, ' '); sp > len(cut)/2 {
				cut = cut[:sp]
			}
			return cut + "…"
		}
		n++
	}
	return s
}

func marshal(v any) []byte {
	var buf bytes.Buffer
	// <, > and & are written as \u003c and such: the words of a title never read as markup,
	// whatever a file is taken for.
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		panic(err) // only strings, slices and numbers: cannot fail
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// manifest is manifest.json.
type manifest struct {
	Version int `json:"v"`
	Pages   int `json:"n"`
	// Kinds are [kind, count] in page order: the first count pages are of the first kind.
	Kinds [][2]any `json:"kinds"`
	// Tags are [name, slug, pages].
	Tags [][3]any `json:"tags"`
	// Shards are [first term, file under s/, size in bytes].
	Shards [][3]any `json:"shards"`
}

type posting struct {
	page       uint32
	score, pos uint8
}

// encode writes the manifest, shards and result files of the analysed pages.
func encode(pages []*site.Page, docs []*doc, tags []*site.Tag) map[string][]byte {
	files := make(map[string][]byte, len(docs)+64)
	m := manifest{Version: 1, Pages: len(docs), Kinds: [][2]any{}, Tags: [][3]any{}, Shards: [][3]any{}}
	for i, p := range pages {
		if n := len(m.Kinds); n > 0 && m.Kinds[n-1][0] == p.Kind {
			m.Kinds[n-1][1] = m.Kinds[n-1][1].(int) + 1
		} else {
			m.Kinds = append(m.Kinds, [2]any{p.Kind, 1})
		}
		files[Dir+"p/"+strconv.Itoa(i)+".json"] = docs[i].result
	}

	// Postings, in one array: count each term's pages, then fill them in in page order.
	ids := make(map[string]int32, 1<<14)
	var counts []int32
	total := 0
	for _, d := range docs {
		total += len(d.terms)
	}
	termIDs := make([]int32, 0, total) // of each doc's terms in turn
	for _, d := range docs {
		for _, t := range d.terms {
			id, ok := ids[t.term]
			if !ok {
				id = int32(len(counts))
				ids[t.term] = id
				counts = append(counts, 0)
			}
			counts[id]++
			termIDs = append(termIDs, id)
		}
	}
	offsets := make([]int32, len(counts)+1)
	for i, c := range counts {
		offsets[i+1] = offsets[i] + c
	}
	flat := make([]posting, total)
	fill := slices.Clone(offsets[:len(counts)])
	k := 0
	for i, d := range docs {
		for _, t := range d.terms {
			id := termIDs[k]
			k++
			flat[fill[id]] = posting{page: uint32(i), score: t.score, pos: t.pos}
			fill[id]++
		}
	}
	postings := func(term string) []posting {
		id, ok := ids[term]
		if !ok {
			return nil
		}
		return flat[offsets[id]:offsets[id+1]]
	}
	for _, t := range tags {
		if n := len(postings("#" + t.Slug)); n > 0 {
			m.Tags = append(m.Tags, [3]any{t.Name, t.Slug, n})
		}
	}
	terms := make([]string, 0, len(ids))
	for t := range ids {
		terms = append(terms, t)
	}
	slices.Sort(terms)

	var shard []byte
	var count int
	var first, prev string
	flush := func() {
		if count == 0 {
			return
		}
		data := binary.AppendUvarint(nil, uint64(count))
		data = append(data, shard...)
		sum := sha256.Sum256(data)
		name := hex.EncodeToString(sum[:8]) + ".bin"
		files[Dir+"s/"+name] = data
		m.Shards = append(m.Shards, [3]any{first, name, len(data)})
		shard, count, prev = shard[:0:0], 0, ""
	}
	var block []byte
	for _, t := range terms {
		ps := postings(t)
		size := len(t) + 3*len(ps) + 4 // near enough to decide the cut
		if count > 0 && (len(shard)+size > maxShard || len(shard) >= minShard && cut(t)) {
			flush()
		}
		if count == 0 {
			first = t
		}
		block = appendTerm(block[:0], prev, t, ps)
		shard = append(shard, block...)
		count++
		prev = t
	}
	flush()
	files[Dir+"manifest.json"] = marshal(m)
	return files
}

func cut(term string) bool {
	h := fnv.New32a()
	h.Write([]byte(term))
	return h.Sum32()&cutMask == 0
}

// appendTerm encodes one term of a shard: the length it shares with the term before it,
// the rest of its bytes, its page count, then per page the gap from the previous page
// number, the score and the position, all varints but the last two bytes.
func appendTerm(b []byte, prev, t string, ps []posting) []byte {
	shared := 0
	for shared < len(prev) && shared < len(t) && prev[shared] == t[shared] {
		shared++
	}
	// Never split a character: the browser decodes the rest on its own.
	for shared > 0 && shared < len(t) && !utf8.RuneStart(t[shared]) {
		shared--
	}
	b = binary.AppendUvarint(b, uint64(shared))
	b = binary.AppendUvarint(b, uint64(len(t)-shared))
	b = append(b, t[shared:]...)
	b = binary.AppendUvarint(b, uint64(len(ps)))
	last := -1
	for _, p := range ps {
		b = binary.AppendUvarint(b, uint64(int(p.page)-last))
		b = append(b, p.score, p.pos)
		last = int(p.page)
	}
	return b
}
