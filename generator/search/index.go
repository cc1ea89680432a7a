// Package search builds the site's search index: files in the output, made from the site
// model, that search.js fetches piece by piece. See docs/search.md for what is indexed and
// how results rank, and DESIGN below for the layout of the files.
package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
//	r/K.jsonl       the results of pages K*Group to K*Group+Group-1, each in a slot of Slot
//	                bytes: what a result shows (URL, title, kind, tags, description,
//	                headings, opening text) as a line of JSON, padded with spaces. A query
//	                reads the slots of the results it shows, each with an HTTP Range
//	                request, and nothing else of the file: so the files can be few and
//	                large, and a build creates 157 of them at 10,000 pages, not the 2,500
//	                of four records each it made until December 2026 (a file costs
//	                59-478 µs to create on ext4, its bytes next to nothing).
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

// Where the fields of a page start, in words, at the least: the title at 0, then the
// description, the kind and the tags after it, and the headings and the body, each in room
// of its own, so that a front matter edit that changes a field's count of words moves no
// word of a later field, nor the page's length (which counts the room of the front matter,
// not its words). A field longer than its room pushes the next ones on, as every field did
// until December 2026, each starting where the one before ended: a title edit or a tag
// added then moved the first position (in steps of 8 words) of most of the page's terms, or
// its length past a step of 32 and so its scores, and with them the postings of its terms
// and the shards holding them. On the 10,000-page library (a page's save in a preview, the
// Builder's Result.Changed), a title edit rewrote 279 of the 495 shards, a tag the library
// has 335, a new tag 336, and its last page leaving it 336: now 9, 1 or 2, 4 and 4, the
// shards of the words edited. The room is that of the longest front matter of the example
// library (a description of 28 words) with some to spare. It moves the headings and the
// body further from the title: for a query of a title word and a word further down, their
// pages' bonus for words close together is smaller (in TestStemmingDecision, "After a
// session" went from first to second for "reflections after session").
const (
	descStart = 24  // after a title of up to 16 words and the gap between two fields
	kindStart = 64  // after a description of up to 32 words; the kind, one word, then the tags
	headStart = 128 // after tags of up to 55 words in all, gaps included
)

// refLength is the page length, in words, term frequencies are weighed against. It is
// fixed rather than the library's average so that an edit to one page never changes another
// page's scores (and so the shards holding them).
const refLength = 600

// Group is how many pages' results a result file holds, and Slot the bytes of each: page
// i's record is the Slot bytes at (i%Group)*Slot in file i/Group, a line of JSON padded
// with spaces. A record longer than a slot (none of the 10,000-page library's, whose
// longest is 1.6 KB; a page of long headings in a script of three bytes a character) is
// cut to fit (appendRecord). A file is then 128 KB: what a server that ignores Range
// requests sends for a result, once (search.js keeps it); the offline list keeps a kept
// page's slot alone (ResultPart). The index is larger than with records end to end (20 MB of result
// files at 10,000 pages, against 11.5), still a fifth of the HTML, and a query reads less:
// ten results are 20 KB, where ten files of four records were up to 46.
const (
	Group = 64
	Slot  = 2048
)

// excerptRunes is how much of a page's opening text its result file keeps for snippets.
const excerptRunes = 320

// Indexer builds the index of a site and keeps each page's analysis for the next build, so
// that the dev server's rebuild after an edit reads only the edited page again. The zero
// value is ready to use; an Indexer is used by one goroutine at a time.
type Indexer struct {
	// KeepNumbers keeps the pages' numbers when pages are added, removed, renamed or given
	// another kind (keptOrder), so that the save rewrites the files of their words and
	// results, not every file after them: for the preview. Its index then searches as a
	// fresh one does but is not its bytes; without it, every index of a site is the same.
	KeepNumbers bool

	cache map[string]*doc
	enc   *encoded
	// dict numbers every term the pages have had: docs name their terms by number, so that
	// encode counts and groups them in arrays rather than by hashing every term again.
	dict   *dict
	dictMu sync.Mutex // analysers add to dict from several goroutines, a term at a time
	// once says that Files is called once: the pages' terms are not kept for a next build
	// but go into post as each page is analysed, in page order, and the page's analysis
	// keeps only its result file. The index then holds no per-page state while it is made.
	once    bool
	reserve *Reserve // for post's memory
	post    *postings
	results *resultFiles // for once: the result files, written as the pages are added
	// writeErr is the failure of the writer the files went to (Once.WriteTo).
	writeErr error
	// shardBatch is how many bytes of shards are written at once: shardBatch, or less in
	// tests.
	shardBatch int
	// The page order of the last call, and what it came from (indexed).
	keys  []pageKey // of each page of s.Pages
	order []int32   // the places in s.Pages of the index's pages, in page order
	sorts int       // for tests
}

// Files builds the index of s with no earlier build to reuse and nothing kept for a next.
func Files(s *site.Site) map[string][]byte { return (&Indexer{once: true}).Files(s) }

// Indexed reports whether p is in the index: listed, published, and not kept out by
// front matter search = false. Drafts shown by the dev server stay out too.
func Indexed(p *site.Page) bool { return Admits(p.Kind, p.Unlisted, p.Draft, p.NoSearch) }

// Admits is Indexed of a page by its front matter, before the site is assembled: the
// rule in one place, for the build that sizes the index's memory ahead.
func Admits(kind string, unlisted, draft, noSearch bool) bool {
	return !unlisted && !draft && !noSearch && kind != "home"
}

// source is what the index reads of a page, to tell whether it changed.
type source struct {
	url, title, desc, kind string
	tags                   []string // name and slug of each
	// content is the page's HTML, compressed: a Body is never changed, and a page not
	// edited keeps its Body from build to build, so comparing it costs nothing; holding
	// the HTML itself here would keep every page's in memory.
	content *markdown.Body
}

func sourceOf(p *site.Page) source {
	src := source{url: p.URL, title: p.Title, desc: p.Description, kind: p.Kind, content: p.Body}
	for _, t := range p.Tags {
		src.tags = append(src.tags, t.Name, t.Slug)
	}
	return src
}

// same reports whether p reads as src: checked for every page on every rebuild, so it
// allocates nothing (and the strings of a page not edited are the same memory, compared at
// once).
func (src *source) same(p *site.Page) bool {
	if src.url != p.URL || src.title != p.Title || src.desc != p.Description || src.kind != p.Kind ||
		!src.content.Equal(p.Body) || len(src.tags) != 2*len(p.Tags) {
		return false
	}
	for i, t := range p.Tags {
		if src.tags[2*i] != t.Name || src.tags[2*i+1] != t.Slug {
			return false
		}
	}
	return true
}

// doc is one page, analysed.
type doc struct {
	src    source
	result []byte  // its record in a result file
	terms  []tstat // in the order the page has them first
}

// hole is the doc of a number no page has (keptOrder): no terms, an empty slot.
var hole = &doc{}

type tstat struct {
	term  int32 // its number in the Indexer's dict
	score uint8 // rank<<6 | term frequency, weighed and quantised to 0..63
	pos   uint8 // first position / 8, capped: for telling words close together
}

// kindOrder numbers the pages: articles first, so that a kind is a range of numbers.
var kindOrder = []string{"article", "guide", "worksheet", "path", "page"}

// Files returns the index of s: slash paths under Dir to their bytes. The same site gives
// the same bytes.
func (ix *Indexer) Files(s *site.Site) map[string][]byte {
	pages := ix.indexed(s)
	docs := ix.analyse(pages)
	if ix.enc != nil && slices.Equal(docs, ix.enc.docs) && slices.Equal(s.Tags, ix.enc.tags) && s.Language == ix.enc.lang {
		return ix.enc.files
	}
	return ix.encode(pages, docs, s.Tags, s.Language)
}

// indexed returns the pages of the index in the order of their numbers: by kind, then URL.
func indexed(s *site.Site) []*site.Page { return pagesAt(s, indexOrder(s)) }

// indexOrder returns the places in s.Pages of the pages of the index, in page order.
func indexOrder(s *site.Site) []int32 {
	// Pages by kind, then URL. The kind's place is looked up once a page, not once a
	// comparison, and put in a key with the 7 bytes of the URL from where the URLs of
	// its kind first differ: most comparisons compare keys alone, without reading the
	// pages and their URLs ("/articles/page-0" before them all). Sorting compared them
	// whole took 21-61 of the index's perf samples in three builds of the 10,000-page
	// library; BenchmarkIndexOrder at 10,000 pages, five runs of each alternated: median
	// 6.3 -> 3.1 cpu-ms.
	type keyed struct {
		key uint64 // never orders two pages otherwise than page order; equal keys say nothing
		at  int32
		p   *site.Page
	}
	ks := make([]keyed, 0, len(s.Pages))
	first := make([]string, len(kindOrder)) // the first URL of each kind
	same := make([]int, len(kindOrder))     // the bytes every URL of the kind has as its first has them; -1: none yet
	for k := range same {
		same[k] = -1
	}
	for i, p := range s.Pages {
		if Indexed(p) {
			k := slices.Index(kindOrder, p.Kind)
			if k < 0 {
				k = len(kindOrder)
			} else if same[k] < 0 {
				first[k], same[k] = p.URL, len(p.URL)
			} else {
				same[k] = commonPrefix(first[k][:same[k]], p.URL)
			}
			ks = append(ks, keyed{uint64(k) << 56, int32(i), p})
		}
	}
	for i := range ks {
		// A kind not in kindOrder orders by its name first: its key is its place alone.
		if k := ks[i].key >> 56; k < uint64(len(kindOrder)) {
			ks[i].key |= urlKey(ks[i].p.URL, same[k])
		}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		return byKindURL(a.p, b.p)
	})
	order := make([]int32, len(ks))
	for i, k := range ks {
		order[i] = k.at
	}
	return order
}

// byKindURL orders two pages by their kinds' names, then their URLs: page order, for
// pages whose kinds have one place in kindOrder.
func byKindURL(a, b *site.Page) int {
	if a.Kind != b.Kind {
		return strings.Compare(a.Kind, b.Kind)
	}
	return strings.Compare(a.URL, b.URL)
}

// urlKey is the 7 bytes of url from at, the first the most significant, zeros past its
// end: two URLs that differ in them order as their keys (a URL that ends there is a
// prefix of the other, and goes first), and two that do not have equal keys.
func urlKey(url string, at int) uint64 {
	if at+8 <= len(url) {
		return binary.BigEndian.Uint64(stringBytes(url[at:at+8])) >> 8
	}
	var k uint64
	for i := at; i < at+7; i++ {
		k <<= 8
		if i < len(url) {
			k |= uint64(url[i])
		}
	}
	return k
}

// commonPrefix is the length of the longest common prefix of a and b, found eight bytes
// at a time.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for ; i+8 <= n; i += 8 {
		if x := binary.LittleEndian.Uint64(stringBytes(a[i:i+8])) ^ binary.LittleEndian.Uint64(stringBytes(b[i:i+8])); x != 0 {
			return i + bits.TrailingZeros64(x)>>3
		}
	}
	for ; i < n && a[i] == b[i]; i++ {
	}
	return i
}

// pagesAt is the pages at the places order gives, nil for a hole (keptOrder).
func pagesAt(s *site.Site, order []int32) []*site.Page {
	pages := make([]*site.Page, len(order))
	for i, at := range order {
		if at >= 0 {
			pages[i] = s.Pages[at]
		}
	}
	return pages
}

// pageKey is what a page's place in the index depends on.
type pageKey struct {
	url, kind string
	in        bool
}

// indexed is the package's indexed, sorting only when a page's URL, kind or place in the
// index changed since the last call: the dev server asks after every save, and a save of a
// page's text changes none of them.
func (ix *Indexer) indexed(s *site.Site) []*site.Page {
	if ix.once {
		return indexed(s)
	}
	same := len(ix.keys) == len(s.Pages)
	for i := 0; same && i < len(s.Pages); i++ {
		p := s.Pages[i]
		k := &ix.keys[i]
		same = k.url == p.URL && k.kind == p.Kind && k.in == Indexed(p)
	}
	if !same {
		ix.keys = ix.keys[:0]
		for _, p := range s.Pages {
			ix.keys = append(ix.keys, pageKey{p.URL, p.Kind, Indexed(p)})
		}
		if ix.KeepNumbers && ix.enc != nil {
			ix.order = keptOrder(s, ix.enc.order, ix.enc.kinds)
		} else {
			ix.order = indexOrder(s)
		}
		ix.sorts++
	}
	return pagesAt(s, ix.order)
}

// keptOrder numbers the pages of s as the last index did (its pages' URLs and kinds by
// number, "" where none): a page still there keeps its number, a page gone or given
// another kind leaves a hole (-1), and the pages new to the index, or to their kind, take
// the numbers after the last, by kind and URL. Numbered afresh by kind and URL, a page
// added or removed in the preview moved every page after it, and so every posting of
// theirs and every result file after it: at 10,000 pages a save rewrote some 1,200 files
// of the index where the page's own words are in about 350. The kind filter then reads
// the runs of kinds in the manifest, holes a run of their own. Once holes are a quarter
// of the numbers, the pages are numbered afresh, as a build numbers them.
func keptOrder(s *site.Site, urls, kinds []string) []int32 {
	at := make(map[string]int32, len(s.Pages))
	for i, p := range s.Pages {
		if Indexed(p) {
			at[p.URL] = int32(i)
		}
	}
	order := make([]int32, len(urls), len(urls)+len(at)/8+1)
	holes := 0
	for n, u := range urls {
		i, ok := at[u]
		if ok && u != "" && s.Pages[i].Kind == kinds[n] {
			order[n] = i
			delete(at, u)
		} else {
			order[n] = -1
			holes++
		}
	}
	if holes*4 > len(urls)+len(at) {
		return indexOrder(s)
	}
	added := make([]int32, 0, len(at))
	for _, i := range at {
		added = append(added, i)
	}
	slices.SortFunc(added, func(a, b int32) int {
		pa, pb := s.Pages[a], s.Pages[b]
		if ka, kb := kindPlace(pa.Kind), kindPlace(pb.Kind); ka != kb {
			return ka - kb
		}
		return byKindURL(pa, pb)
	})
	return append(order, added...)
}

// kindPlace is the place of kind in kindOrder; kinds not in it come after, by name.
func kindPlace(kind string) int {
	if k := slices.Index(kindOrder, kind); k >= 0 {
		return k
	}
	return len(kindOrder)
}

// ResultParts maps the URL of every indexed page to its result's slot, which a search
// shows it with: the offline list keeps those of the pages it keeps, and sw.js fetches
// each with a Range request and keeps it under that name (ResultPart).
func ResultParts(s *site.Site) map[string]string { return resultPartsOf(indexed(s)) }

// resultPartsOf is ResultParts of the pages of an index, in its order.
func resultPartsOf(pages []*site.Page) map[string]string {
	out := make(map[string]string, len(pages))
	for i, p := range pages {
		out[p.URL] = ResultPart(i)
	}
	return out
}

// ResultPart is the name, with Dir, under which the slot of page number page is kept on a
// device: its result file's, with the range search.js asks for (bytes=A-B) as a query
// ("?range=bytes%3DA-B"), which sw.js reads as a part to fetch and keeps under that name,
// as it keeps a part it fetches for search.js. The offline list keeps a page's slot, 2 KB,
// not its file's 128 KB: at 10,000 pages the files of the 521 pages it kept came to 6.8
// MB of its 10 MB.
func ResultPart(page int) string {
	at := page % Group * Slot
	return Dir + resultFile(page/Group) + "?range=bytes%3D" + strconv.Itoa(at) + "-" + strconv.Itoa(at+Slot-1)
}

// resultFile is the name, under Dir, of the result file with the given number.
func resultFile(group int) string { return "r/" + strconv.Itoa(group) + ".jsonl" }

// appendGroup appends the result file of docs, a slot each.
func appendGroup(b []byte, docs []*doc) []byte {
	b = slices.Grow(b, len(docs)*Slot)
	for _, d := range docs {
		b = appendSlot(b, d.result)
	}
	return b
}

// appendSlot appends a slot holding rec, which appendRecord made: rec, spaces, and a line
// break, Slot bytes.
func appendSlot(b []byte, rec []byte) []byte {
	b = append(b, rec...)
	for pad := Slot - 1 - len(rec); pad > 0; {
		n := min(pad, len(spaces))
		b = append(b, spaces[:n]...)
		pad -= n
	}
	return append(b, '\n')
}

var spaces = bytes.Repeat([]byte{' '}, 512)

// analyse returns the analysis of every page, from the cache when the page did not change,
// working on all cores. Called once, it adds each page's terms to ix.post, in page order,
// as soon as the page and those before it are analysed, and keeps none.
func (ix *Indexer) analyse(pages []*site.Page) []*doc {
	an := ix.startAnalysis(pages)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(an.todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			an.work(nil)
		}()
	}
	wg.Wait()
	return an.finish()
}

// analysis is the analysis of a site's pages under way: any number of goroutines work on
// it (work), taking pages in page order.
type analysis struct {
	ix    *Indexer
	pages []*site.Page
	docs  []*doc
	todo  []int        // the places in pages of the pages to analyse
	taken atomic.Int64 // todo[taken-1] is the last page handed out
	// For once: the pages are added (their terms to the postings, their records to their
	// result files) in page order, by one goroutine at a time, the adder: whoever
	// finishes the page next in order while nobody adds, which then adds the pages after
	// it that are done. A page done out of order, or while another goroutine adds, is left
	// for the adder, and its goroutine goes on with the next page: it never waits for the
	// adder (when it did, waiting for the lock the adder held, its core stood idle while
	// two goroutines indexed the last pages), only, maxLead pages past the next to add,
	// for that page's goroutine (keepNear).
	mu      sync.Mutex    // for pending, spare, next, adding and waiting; not held while adding
	pending map[int]*done // pages done and not added, with their analysis
	spare   []*done       // added: their buffers, for the next pages left for the adder
	next    int           // of pages, the next to add
	adding  bool          // a goroutine is the adder
	// behind is signalled as next moves on, for the goroutines that stopped taking pages
	// maxLead past it (keepNear); waiting counts them.
	behind  sync.Cond
	waiting int
	added   chan struct{}  // closed once every page is added
	onAdd   func(page int) // for tests: called as the adder starts adding a page
	// analysers left by workers that stopped (HelpUntil), for the next to start: a new
	// analyser meets each of the library's terms once more, each through the dict's lock,
	// and grows its table three times, which the build's goroutine did when it helped
	// with the last pages, on the build's critical path.
	analysers []*analyser
	made      int // analysers made, for tests
}

type done struct {
	terms []tstat
	// rec is a copy of the page's record, in the done's own buffer, which the adder
	// gives back (spare) once it has added the page: handed over as it was, it left the
	// analyser this buffer, where the next page's record was grown from nothing, six
	// times, in fresh memory. A build leaves hundreds to thousands of pages to the adder
	// at once: 328 to 3,365 dones were made in three builds of the 10,000-page library.
	// In six builds each way, one binary switched between the two, alternated (perf):
	// appendJSONString 113 -> 52 samples, of them page faults 17 -> 0.
	rec []byte
}

// startAnalysis sets out the analysis of pages: the pages not in the cache are to do.
func (ix *Indexer) startAnalysis(pages []*site.Page) *analysis {
	if ix.cache == nil {
		ix.cache = map[string]*doc{}
	}
	an := &analysis{ix: ix, pages: pages, docs: make([]*doc, len(pages)), pending: map[int]*done{}, added: make(chan struct{})}
	an.behind.L = &an.mu
	for i, p := range pages {
		if p == nil {
			an.docs[i] = hole
			continue
		}
		if d := ix.cache[p.URL]; d != nil && d.src.same(p) {
			an.docs[i] = d
			continue
		}
		an.todo = append(an.todo, i)
	}
	if ix.dict == nil {
		ix.dict = newDict(1 << 14)
	}
	if ix.once {
		ix.post = &postings{reserve: ix.reserve}
		ix.results = &resultFiles{pages: len(pages)}
		// Indexing once, every page is to do.
		if len(pages) == 0 {
			close(an.added)
		}
	}
	return an
}

// work analyses pages until none is left to take, or until stop is closed (nil: never).
func (an *analysis) work(stop <-chan struct{}) {
	ix := an.ix
	var a *analyser // taken or made once there is a page for it
	defer func() {
		// Kept only while pages are left to take: its table and buffers are garbage once
		// none is.
		if a != nil && int(an.taken.Load()) < len(an.todo) {
			an.mu.Lock()
			an.analysers = append(an.analysers, a)
			an.mu.Unlock()
		}
	}()
	for {
		if stop != nil {
			select {
			case <-stop:
				return
			default:
			}
		}
		if ix.once {
			an.keepNear()
		}
		k := int(an.taken.Add(1)) - 1
		if k >= len(an.todo) {
			return
		}
		if a == nil {
			a = an.analyser()
		}
		i := an.todo[k]
		d, terms := a.page(an.pages[i])
		an.docs[i] = d
		if !ix.once {
			d.terms = slices.Clone(terms)
			d.result = bytes.Clone(a.rec)
			continue
		}
		an.mu.Lock()
		if an.adding || i != an.next {
			c := &done{}
			if n := len(an.spare); n > 0 {
				c, an.spare = an.spare[n-1], an.spare[:n-1]
			}
			// The page's terms go over to c as they are, and the analyser takes c's
			// buffer for its next page's; its record is copied (see done).
			c.terms, a.terms = terms, c.terms[:0]
			c.rec = append(c.rec[:0], a.rec...)
			an.pending[i] = c
			an.mu.Unlock()
			continue
		}
		an.adding = true
		an.next++
		if an.waiting > 0 {
			an.behind.Broadcast()
		}
		an.mu.Unlock()
		an.add(i, terms, a.rec)
		an.addPending()
	}
}

// maxLead is how far ahead of the next page to add (analysis.next) a goroutine takes
// pages, when indexing once: a goroutine preempted in a page, while the pages render on
// every core, left the others to take hundreds to thousands of pages past it, each left to
// the adder with its terms and record (a done), in memory fresh from the system. In three
// builds of the 10,000-page library, 168 to 1,127 dones were made, and 0.9 to 20 MB of
// terms' buffers grown for the pages after them.
const maxLead = 64

// keepNear waits, before a page is taken, while the pages taken are maxLead or more
// ahead of the next to add. Pages before the last taken are each with a goroutine that
// analyses it, or done: a goroutine waits only while another analyses, which moves next
// on; and its core goes to that goroutine, or to the pages that render, meanwhile.
func (an *analysis) keepNear() {
	an.mu.Lock()
	for int(an.taken.Load())-an.next >= maxLead && int(an.taken.Load()) < len(an.todo) {
		an.waiting++
		an.behind.Wait()
		an.waiting--
	}
	an.mu.Unlock()
}

// analyser returns an analyser a worker left, or a new one.
func (an *analysis) analyser() *analyser {
	an.mu.Lock()
	defer an.mu.Unlock()
	if n := len(an.analysers); n > 0 {
		a := an.analysers[n-1]
		an.analysers = an.analysers[:n-1]
		return a
	}
	an.made++
	return newAnalyser(an.ix)
}

// addPending adds, as the adder, the pages done after the one it added, until the next
// page is not done yet; then it is the adder no more.
func (an *analysis) addPending() {
	var c *done
	for {
		an.mu.Lock()
		if c != nil {
			an.spare = append(an.spare, c)
		}
		c = an.pending[an.next]
		if c == nil {
			an.adding = false
			last := an.next == len(an.pages)
			an.mu.Unlock()
			if last {
				close(an.added)
			}
			return
		}
		delete(an.pending, an.next)
		i := an.next
		an.next++
		if an.waiting > 0 {
			an.behind.Broadcast()
		}
		an.mu.Unlock()
		an.add(i, c.terms, c.rec)
	}
}

func (an *analysis) add(i int, terms []tstat, rec []byte) {
	if an.onAdd != nil {
		an.onAdd(i)
	}
	an.ix.post.add(i, terms)
	an.ix.results.add(i, rec)
}

// finish returns the analysis of every page, once every worker is done, and keeps what a
// next build reads from the cache.
func (an *analysis) finish() []*doc {
	ix, pages, docs := an.ix, an.pages, an.docs
	if ix.once {
		return docs
	}
	for _, i := range an.todo {
		ix.cache[pages[i].URL] = docs[i]
	}
	n := 0
	for _, p := range pages {
		if p != nil {
			n++
		}
	}
	if len(ix.cache) != n { // pages gone or renamed: forget them
		cache := make(map[string]*doc, n)
		for i, p := range pages {
			if p != nil {
				cache[p.URL] = docs[i]
			}
		}
		ix.cache = cache
	}
	return docs
}

// Once makes the index of a site for a build that keeps nothing for a next one, as Files
// does, on the goroutine that calls Run and on any that Help. A build runs it beside its
// pages, which keep the other cores busy; its own goroutine alone then analyses the pages,
// in one table of words and with no page waiting for another's turn, and the goroutines
// the pages leave idle help with the rest.
type Once struct {
	s     *site.Site
	ix    *Indexer
	setup sync.Once
	an    *analysis
	rf    *resultFiles
}

// NewOnce sets out the index of s. Its pages are put in order by the first goroutine to
// work on it, not by the caller.
func NewOnce(s *site.Site) *Once { return &Once{s: s, ix: &Indexer{once: true}} }

func (o *Once) analysis() *analysis {
	o.setup.Do(func() {
		o.an = o.ix.startAnalysis(o.ix.indexed(o.s))
		o.rf = o.ix.results
	})
	return o.an
}

// UseReserve has the index take its postings' memory from r first. It is called before
// Run and Help.
func (o *Once) UseReserve(r *Reserve) { o.ix.reserve = r }

// Help analyses pages of the index until none is left to take. It may be called by any
// number of goroutines, before, during or after Run.
func (o *Once) Help() { o.analysis().work(nil) }

// HelpUntil is Help, stopping after the page at hand once stop is closed.
func (o *Once) HelpUntil(stop <-chan struct{}) { o.analysis().work(stop) }

// Writer is where a build's index writes its files as it makes them (Once.WriteTo): a
// streamed build's sink. Plan names files before they are written; Write must not keep
// data, whose memory the index writes over next. Both may be called while other
// goroutines write other files.
type Writer interface {
	Plan(names []string) error
	Write(name string, data []byte) error
}

// WriteTo has the index write its files to w as it makes them, rather than hold them until
// Run returns: each result file as soon as it is made (the pages are added in page order,
// and each file holds Group of them; those made before WriteTo are written with the next),
// under ResultNames, which the caller plans; and the shards, which it plans itself, as
// Run lays them out, a few megabytes at a time. Run's files are then the others (the
// manifest, and any file made before w was set that is not written), and its error is
// w's first failure, after which nothing more is written. It may be called by any
// goroutine at any time, once; called after Run has made the files, it writes nothing.
func (o *Once) WriteTo(w Writer) {
	o.analysis()
	rf := o.rf
	rf.mu.Lock()
	rf.w = w
	rf.mu.Unlock()
}

// ResultNames are the names of the result files of the index, under Dir.
func (o *Once) ResultNames() []string {
	n := (len(o.analysis().pages) + Group - 1) / Group
	names := make([]string, n)
	for k := range names {
		names[k] = Dir + resultFile(k)
	}
	return names
}

// ResultParts is ResultParts(s), from the order the index puts its pages in: sorting the
// pages again, at the end of a build with one core idle, took 55-75 ms of CPU at 100,000
// pages (the map alone takes 25-45). It may be called by any goroutine, at any time.
func (o *Once) ResultParts() map[string]string { return resultPartsOf(o.analysis().pages) }

// Run analyses pages until none is left to take, waits for those that helpers took, and
// returns the index's files: Files(s), but for those written to WriteTo's writer, and
// that writer's failure. It is called once.
func (o *Once) Run() (map[string][]byte, error) {
	an := o.analysis()
	an.work(nil)
	<-an.added
	files := o.ix.encode(an.pages, an.finish(), o.s.Tags, o.s.Language)
	return files, o.ix.writeErr
}

// analyser analyses pages one after the other, reusing its tables.
type analyser struct {
	sc scanner
	// table is open addressing on the hashes of every term the analyser has met. A term is
	// looked up in the dict once an analyser, not once a page: most words of a page are
	// words the pages before had, and their bytes are then neither copied nor hashed into
	// a table of the page. A slot is 16 bytes, so that the table of a library's words stays
	// in the processor's nearer caches, where most words are looked up.
	table  []aslot
	nterms int
	seen   []pterm // the page's terms, in the order the page has them first
	rank   int     // of the field being read
	terms  []tstat
	ix     *Indexer
	w      walker
	bias   int      // added to the positions of words: bodyBias while the body is read
	names  []string // the page's tags' names
	tag    []byte   // a tag's term
	exc    []byte   // the page's excerpt
	rec    []byte   // the page's result record
	field  []byte   // a field's text, for scan
	// body reads the pages' HTML, and holds the page's while it is analysed.
	body markdown.BodyReader
	// stamp is the page's, in the high bits of a slot's at (aslot): the pages' count
	// modulo stampWrap, never 0.
	stamp uint32
	// far are the page's terms from seen[seenLimit] on, by term: their slots' at cannot
	// name them. Only a page of seenLimit terms has them.
	far map[int32]int32
}

// aslot is a slot of analyser.table.
type aslot struct {
	hash uint64
	id   int32 // 1 + the term's number in the dict; 0 for a free slot
	// at says whether the page at hand has the term, and where in seen: it is the page's
	// stamp (analyser.stamp, in its high 12 bits) and the term's place in seen, in units
	// of 8 bytes (2 a term: the assembly scales it by 8), in its low atBits, when the page
	// has the term; another page's stamp, or 0, when not. So a word is counted from its
	// slot alone: whether the page has the term, and so the page's count of terms for the
	// next word, needs no load of seen (which it took until 7 December: the slot, then the
	// entry it named, to see whether that was the term's, two loads one after the other
	// from each word to the next). newPage clears every slot's at once in stampWrap-1
	// pages, as the stamps come round again.
	at uint32
}

// atBits are the bits of aslot.at below the page's stamp: a page's first maxSeen terms
// can be named by them.
const (
	atBits  = 20
	atMask  = 1<<atBits - 1
	maxSeen = 1 << (atBits - 1)
)

// stampWrap is 1 + the number of stamps (12 bits of them, above atBits), for the tests to
// make it smaller. At the default, clearing the table's at (1 MB at the 10k library's
// 65,536 slots) once in 4,095 pages costs nothing against the pages' words.
var stampWrap uint32 = 1 << (32 - atBits)

// seenLimit is maxSeen, for the tests to make it smaller (far).
var seenLimit = maxSeen

// pterm is a term of the page. It holds no pointer: it is written for every word of every
// page.
type pterm struct {
	id, rank, first, tf int32
}

func newAnalyser(ix *Indexer) *analyser {
	return &analyser{ix: ix, table: make([]aslot, 1<<minTableBits), stamp: 1 << atBits}
}

// minTableBits is the first table's size, in bits of the hash.
const minTableBits = 12

// emit counts term, whose hash is h, at position at, in the field being read. It allocates
// only for a term new to the analyser.
func (an *analyser) emit(term []byte, h uint64, at int) {
	mask := uint64(len(an.table) - 1)
	j := h & mask
	for {
		sl := &an.table[j]
		if sl.id == 0 {
			break
		}
		if sl.hash == h { // the hash alone, as in the dict
			an.count(sl, at)
			return
		}
		j = (j + 1) & mask
	}
	// A term the analyser has not met: numbered by the dict, which the other analysers
	// share.
	an.ix.dictMu.Lock()
	id := an.ix.dict.id(term, h)
	an.ix.dictMu.Unlock()
	an.table[j] = aslot{hash: h, id: id + 1} // at 0: no page's stamp
	an.count(&an.table[j], at)
	an.nterms++
	if 4*an.nterms > 3*len(an.table) {
		an.grow()
	}
}

// count counts the term of sl at position at.
func (an *analyser) count(sl *aslot, at int) {
	k := -1 // the term's place in seen: none yet
	if off := sl.at ^ an.stamp; off < 1<<atBits {
		k = int(off / 2)
	} else if len(an.seen) >= seenLimit {
		if an.far == nil {
			an.far = make(map[int32]int32)
		}
		if f, ok := an.far[sl.id]; ok {
			k = int(f)
		} else {
			an.far[sl.id] = int32(len(an.seen))
		}
	}
	if k >= 0 {
		t := &an.seen[k]
		t.tf++
		// In the body neither changes: its rank is the least, and the body's positions,
		// biased, come before no field's and in order.
		t.rank = max(t.rank, int32(an.rank))
		t.first = min(t.first, int32(at+an.bias))
		return
	}
	if len(an.seen) < seenLimit {
		sl.at = an.stamp | uint32(2*len(an.seen))
	}
	an.seen = append(an.seen, pterm{id: sl.id - 1, rank: int32(an.rank), first: int32(at + an.bias), tf: 1})
}

// grow doubles the table.
func (an *analyser) grow() {
	old := an.table
	an.table = make([]aslot, 2*len(old))
	mask := uint64(len(an.table) - 1)
	for _, sl := range old {
		if sl.id == 0 {
			continue
		}
		j := sl.hash & mask
		for an.table[j].id != 0 {
			j = (j + 1) & mask
		}
		an.table[j] = sl
	}
}

// newPage starts counting a page, with the next stamp.
func (an *analyser) newPage() {
	an.seen = an.seen[:0]
	clear(an.far)
	if an.stamp>>atBits < stampWrap-1 {
		an.stamp += 1 << atBits
		return
	}
	// Round again: no slot may keep a stamp of the pages before. (The last stamp is
	// compared, not passed: the one after it, 4,096 in the high 12 bits, is 0 in 32.)
	for i := range an.table {
		an.table[i].at = 0
	}
	an.stamp = 1 << atBits
}

// page analyses p: its doc (nil when indexing once), and its terms and record (an.rec),
// valid until the next page.
func (an *analyser) page(p *site.Page) (*doc, []tstat) {
	var d *doc       // none when indexing once: the page's terms and record are added as they are
	if !an.ix.once { // what the next build compares the page with
		d = &doc{src: sourceOf(p)}
	}
	// The HTML as the Body holds it, or read into the analyser's reader, which reads
	// pages in the file of a large library's build many at a time (markdown.BodyReader).
	html := an.body.HTML(p.Body)
	src := unsafe.String(unsafe.SliceData(html), len(html))
	an.newPage()
	// The body first, straight from the HTML (walk), its words at positions from
	// bodyBias on; then the fields before it in the page's order of words, title to
	// headings, which the body's positions then follow. A word's first position is the
	// least it is found at, so a word of the body found again in a field takes the
	// field's, and those of the body alone are moved after the headings at the end.
	an.rank, an.bias = rankBody, bodyBias
	headings, nbody := an.walk(src)
	an.bias = 0
	pos := 0
	add := func(text string, r, start int) {
		an.rank = r
		pos = an.scan(text, max(pos, start)) + 8 // a gap: words in two fields are not close together
	}
	add(p.Title, rankTitle, 0)
	add(p.Description, rankMeta, descStart)
	add(p.Kind, rankMeta, kindStart)
	tagNames := an.names[:0]
	for _, t := range p.Tags {
		add(t.Name, rankMeta, 0)
		tagNames = append(tagNames, t.Name)
		an.tag = append(append(an.tag[:0], '#'), t.Slug...)
		an.rank = rankMeta
		an.emit(an.tag, hashTerm(an.tag), 0)
	}
	an.names = tagNames
	pos = max(pos, headStart)
	for _, h := range headings {
		add(h, rankHeading, 0)
	}
	// The words of the body alone go after the fields' (their positions were counted from
	// bodyBias).
	shift := int32(pos - bodyBias)
	pos += nbody + 8

	// The length in steps of 32 words, the front matter counted as its room (headStart), so
	// that a small edit leaves the scores of the page's other words, and the shards holding
	// them, as they were.
	length := float64((pos + 31) &^ 31)
	const k1, b = 1.2, 0.75
	norm := k1 * (1 - b + b*length/refLength)
	quantise := func(tf int32) int {
		f := float64(tf)
		return min(int(63*f/(f+norm)+0.5), 63)
	}
	// Most of a page's terms are found on it a few times: their scores are worked out
	// once a page.
	var few [16]uint8
	for tf := range few {
		few[tf] = uint8(quantise(int32(tf)))
	}
	terms := slices.Grow(an.terms[:0], len(an.seen))[:len(an.seen)]
	for i, a := range an.seen {
		// Never negative, and below 2*bodyBias: its bit bodyBiasBits says whether it is
		// the body's alone, without a branch (body and field terms lie mixed in seen, and
		// the branch's misses were most of the loop's time).
		first := a.first + shift&-(a.first>>bodyBiasBits)
		var q uint8
		if uint32(a.tf) < uint32(len(few)) {
			q = few[a.tf]
		} else {
			q = uint8(quantise(a.tf))
		}
		terms[i] = tstat{term: a.id, score: uint8(a.rank)<<6 | q, pos: uint8(min(uint32(first)>>3, 255))}
	}
	an.terms = terms

	r := Result{URL: p.URL, Title: p.Title, Kind: p.Kind, Tags: tagNames, Description: p.Description,
		Headings: headings}
	if len(r.Headings) > 12 {
		r.Headings = r.Headings[:12]
	}
	an.exc = appendExcerpt(an.exc[:0], stringOf(an.w.body))
	an.rec = appendRecord(an.rec[:0], &r, an.exc)
	return d, an.terms
}

// resultFiles are the result files of a build that indexes once, each page's record
// written into its file as the page is added, in page order. The files are cut from large
// slabs, not made one by one from records kept for each page.
//
// Once a writer is set (Once.WriteTo), each file goes to it as soon as it is made,
// and its slab is written over by the next: the index then holds one file's bytes, not
// every file's until the build ends (12 MB at 10,000 pages, 117 MB at 100,000, which grew
// the heap, and the collector's target with it, while the pages rendered).
type resultFiles struct {
	pages int      // in the index
	files [][]byte // by number; nil once given to the writer
	slab  []byte   // the file being written is slab[start:]
	start int

	mu      sync.Mutex
	w       Writer // nil until set
	written int    // files given to w: files[:written]
	err     error  // w's first failure
	done    bool   // encode took the files: write nothing more
	slabs   int    // made, for tests
}

const resultSlab = 256 << 10

// add writes the record of page, which comes after every page added before, in its slot.
func (rf *resultFiles) add(page int, rec []byte) {
	if page%Group == 0 {
		// A file's slots are known when its first page comes: room for all of them.
		need := min(Group, rf.pages-page) * Slot
		if cap(rf.slab)-len(rf.slab) < need {
			rf.slab = make([]byte, 0, max(resultSlab, need))
			rf.slabs++
		}
		rf.start = len(rf.slab)
	}
	rf.slab = appendSlot(rf.slab, rec)
	if page%Group == Group-1 || page == rf.pages-1 {
		end := len(rf.slab)
		rf.files = append(rf.files, rf.slab[rf.start:end:end])
		rf.give()
	}
}

// give gives the files made and not yet written to the writer, when there is one. No file
// is open then: the slab is free for the next one.
func (rf *resultFiles) give() {
	rf.mu.Lock()
	defer rf.mu.Unlock()
	if rf.w == nil || rf.done {
		return
	}
	for ; rf.written < len(rf.files); rf.written++ {
		if rf.err == nil {
			rf.err = rf.w.Write(Dir+resultFile(rf.written), rf.files[rf.written])
		}
		rf.files[rf.written] = nil
	}
	rf.slab, rf.start = rf.slab[:0], 0
}

// take returns the files not given to the writer, by number (nil for those given), the
// writer (nil when none was set), and its first failure; no file is given after it.
func (rf *resultFiles) take() ([][]byte, Writer, error) {
	rf.mu.Lock()
	defer rf.mu.Unlock()
	rf.done = true
	return rf.files, rf.w, rf.err
}

// bodyBias is added to the positions of the body's words while they are counted, before
// the fields' words, so that they come after them (analyser.page).
const bodyBias = 1 << bodyBiasBits

const bodyBiasBits = 30

// excerpt is the opening of a page's text, cut after a word: its words as strings.Fields
// finds them, one space between them.
func excerpt(body string) string { return string(appendExcerpt(nil, body)) }

// appendExcerpt appends excerpt(body) to dst: one pass over the bytes, for every page of a
// build, into the analyser's buffer. Where the text stands as the excerpt has it (ASCII,
// no control character, no space beside another), it is taken seven bytes at a time,
// each a character, with one load and one store: most of a page's opening is words with
// one space between them. A word at a time, each appended, it took 71 of the index's
// 3,332 perf samples in three builds of the 10,000-page library, more than the record's
// JSON; BenchmarkExcerpt: 920 -> 398 cpu-ns/page (the two ways in one process), and in
// five builds each way, alternated, 113 -> 48 samples.
func appendExcerpt(dst []byte, body string) []byte {
	if len(body) > 8*excerptRunes {
		body = body[:8*excerptRunes]
	}
	// The excerpt is no longer than body, and a space stands for at least one byte; 8
	// bytes more for the last store of eight, 3 for the "…".
	buf := slices.Grow(dst, len(body)+11)
	buf = buf[:cap(buf)]
	// n is the characters written, until there is one more than excerptRunes: the text
	// is cut then, where the first excerptRunes ended (cut). gap says a space goes before
	// the next word.
	k, n, cut, gap := len(dst), 0, -1, false
	for i := 0; i < len(body) && n <= excerptRunes; {
		if !gap && i+8 <= len(body) && n+8 <= excerptRunes {
			v := binary.LittleEndian.Uint64(stringBytes(body[i : i+8]))
			m := plainRun(v)
			if m == 8 {
				m = 7 // the eighth is read only to know that a space at the seventh is alone
			} else if m > 0 && body[i+m-1] == ' ' {
				m-- // a space before a byte that is not plain: it may be one of several
			}
			if n == 0 && v&0xff == ' ' {
				m = 0 // a space before the first word
			}
			if m > 0 {
				binary.LittleEndian.PutUint64(buf[k:k+8], v)
				k, i, n = k+m, i+m, n+m
				continue
			}
		}
		c, size := body[i], 1
		if c >= utf8.RuneSelf {
			r, rs := utf8.DecodeRuneInString(body[i:])
			if unicode.IsSpace(r) {
				gap, i = n > 0, i+rs
				continue
			}
			size = rs
		} else if asciiSpace[c] {
			gap, i = n > 0, i+1
			continue
		}
		if gap {
			buf[k] = ' '
			k++
			gap = false
			if n++; n == excerptRunes {
				cut = k
			}
		}
		k += copy(buf[k:], body[i:i+size])
		i += size
		if n++; n == excerptRunes {
			cut = k
		}
	}
	if n <= excerptRunes {
		return buf[:k]
	}
	first := buf[len(dst):cut]
	if sp := bytes.LastIndexByte(first, ' '); sp > len(first)/2 {
		first = first[:sp]
	}
	return append(buf[:len(dst)+len(first)], "…"...)
}

// plainRun is how many of the bytes of v, from the first, an excerpt takes as they stand:
// ASCII, no control character (no ASCII space but ' '), and no space before another; 8
// when all are. Each test is exact byte by byte (no carry crosses a byte: their top bits
// are cleared first).
func plainRun(v uint64) int {
	x := v &^ high
	control := ^(x + (0x80-' ')*ones) // high bit: the byte's low bits are below ' '
	sp := x ^ ' '*ones
	space := ^((sp + 0x7f*ones) | sp) // high bit: the byte's low bits are a space
	bad := (v | control | space&(space>>8)) & high
	return bits.TrailingZeros64(bad) >> 3
}

// asciiSpace are the ASCII bytes strings.Fields splits at.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

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
	Pages   int `json:"n"` // the pages, not the numbers: holes are not counted
	// Group is how many pages' results a result file holds, in slots of Slot bytes.
	Group int `json:"group"`
	Slot  int `json:"slot"`
	// Kinds are [kind, count] in page order: the first count pages are of the first kind.
	// A build gives each kind one run; the preview's index, after pages were added or
	// removed, may give a kind more, and holes (numbers of no page) runs of "".
	Kinds [][2]any `json:"kinds"`
	// Tags are [name, slug, pages].
	Tags [][3]any `json:"tags"`
	// Shards are [first term, file under s/, size in bytes].
	Shards [][3]any `json:"shards"`
	// Stem says that a query word also finds the words with its English stem (stem.go).
	Stem bool `json:"stem,omitempty"`
}

// scan counts the words of text from position pos on, as an.sc.scan(text, pos, an) does,
// and returns the position after them.
//
// The text is copied first, with 16 bytes after it, so that scanWords takes its last words
// too: it reads 16 bytes from a word's start, and a page's title, description, tags, kind
// and headings end where their strings end, so that their last 16 bytes (a kind, a tag, a
// short heading: all of it) went word by word the general way, about 25 words a page.
func (an *analyser) scan(text string, pos int) int {
	an.field = append(append(an.field[:0], text...), make([]byte, 16)...)
	return an.scanIn(stringOf(an.field), len(text), pos)
}

// scanIn is scan of buf[:end]: the bytes of buf after end are not the text's, but may be
// read, so that the words near the text's end are found as the others are (walk's texts
// lie in a page's HTML, before more of it).
//
// Most words of a page are short ASCII words met on the page or on pages before: those
// are split, hashed and counted by scanWords, a loop that calls nothing. Anything else,
// from the start of its word to the next ASCII space or punctuation, goes to an.sc.scan
// and an.emit: splitting text at such a byte gives the words of splitting it whole (see
// walk).
func (an *analyser) scanIn(buf string, end, pos int) int {
	// Room in seen for a term of every byte of the text, more than it can have:
	// scanWords adds to seen without growing it.
	if cap(an.seen)-len(an.seen) <= end {
		an.seen = slices.Grow(an.seen, end+1)
	}
	if len(an.seen)+end >= seenLimit {
		// The page may reach terms its slots cannot name (a page of half a million
		// words or more): all of it the general way, which count takes them by.
		return an.sc.scan(buf[:end], pos, an)
	}
	text, last := unsafe.StringData(buf), len(buf)-16
	first := int32(pos + an.bias) // the position of the word at hand, biased
	for i := 0; ; {
		var nseen int
		i, nseen, first = scanWords(text, i, end, last, unsafe.SliceData(an.table), uint64(len(an.table)-1),
			unsafe.SliceData(an.seen), len(an.seen), int32(an.rank), first, an.stamp)
		an.seen = an.seen[:nseen]
		if i >= end {
			return int(first) - an.bias
		}
		// The general way, up to the next ASCII space or punctuation.
		e := i + 1
		for e < end && asciiClass[buf[e]] != classSeparator {
			e++
		}
		first = int32(an.sc.scan(buf[i:e], int(first)-an.bias, an) + an.bias)
		i = e
	}
}
