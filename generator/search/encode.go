package search

import (
	"encoding/binary"
	"encoding/hex"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"

	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/internal/region"
	"github.com/zeebo/xxh3"
)

type posting struct {
	page       uint32
	score, pos uint8
}

// entry is one term of the index with its postings, encoded as in a shard. What an entry
// says never changes once it is made (its bytes only move into its shard's memory): a term
// whose postings change gets a new entry, so a shard whose entries are the same pointers as
// before has the same bytes and is not encoded again.
type entry struct {
	term string
	post []byte // per page the gap, score and position (appendPostings)
	n    int    // the page count, written before them
	cut  bool   // cut(term)
	// The postings gathered as the pages were analysed (postedEntries) are not in post
	// until the entry's shard is laid out: posted is their size, and id the term's number
	// in them. They are copied once, into the shard (postings.scatter).
	posted int32
	id     int32
}

// size is the bytes of the entry's page count and postings.
func (e *entry) size() int {
	if e.posted > 0 {
		return uvarintLen(uint64(e.n)) + int(e.posted)
	}
	return uvarintLen(uint64(e.n)) + len(e.post)
}

// shardOut is one shard file and the entries it was made of.
type shardOut struct {
	name    string
	data    []byte
	entries []*entry
}

// encoded is what the previous encode made, for the next one to start from.
type encoded struct {
	order   []string // the pages' URLs in page order: their numbers in the postings; "": a hole
	kinds   []string // the pages' kinds, likewise
	docs    []*doc
	tags    []*site.Tag
	lang    string
	entries []*entry // sorted by term
	shards  []shardOut
	files   map[string][]byte
	encodes int // shards encoded over the Indexer's life, for tests
}

// encode writes the manifest, shards and result files of the analysed pages. With the
// previous encode at hand and the pages numbered as before (an edit, not a page added,
// removed or moved), it changes only the postings of the terms whose pages changed and
// encodes only the shards holding them; the bytes are the same as a fresh encode's.
func (ix *Indexer) encode(pages []*site.Page, docs []*doc, tags []*site.Tag, lang string) map[string][]byte {
	order := make([]string, len(pages))
	kinds := make([]string, len(pages))
	listed := 0 // pages, not holes
	for i, p := range pages {
		if p != nil {
			order[i], kinds[i] = p.URL, p.Kind
			listed++
		}
	}
	prev := ix.enc
	var entries []*entry
	posted := ix.post
	switch {
	case posted != nil:
		entries = postedEntries(posted, ix.dict)
		ix.post = nil // the shards take the postings over
	case prev != nil && kept(prev.order, order):
		entries = updateEntries(prev.entries, prev.docs, docs, ix.dict)
	default:
		entries = allEntries(docs, ix.dict)
	}
	next := &encoded{order: order, kinds: kinds, docs: docs, tags: slices.Clone(tags), lang: lang, entries: entries}
	if prev != nil {
		next.encodes = prev.encodes
	}

	// The result files made and not given to a writer (Once.WriteTo), if indexing once.
	var (
		made       [][]byte
		rw         Writer
		resultsErr error
	)
	size := (len(docs)+Group-1)/Group + len(prev.shardList()) + 8 // result files, shards
	if ix.results != nil {
		made, rw, resultsErr = ix.results.take()
		size = 8
		for _, data := range made {
			if data != nil {
				size++
			}
		}
	}
	// Sized for what it takes: with a writer, the manifest alone (a map sized for every
	// page took 3.5 ms of CPU at 10,000 pages, at the end of the build).
	files := make(map[string][]byte, size)
	m := manifest{Version: 3, Pages: listed, Group: Group, Slot: Slot, Kinds: [][2]any{}, Tags: [][3]any{}, Shards: [][3]any{}, Stem: Stemmed(lang)}
	for i := 0; i < len(kinds); {
		j := i + 1
		for j < len(kinds) && kinds[j] == kinds[i] {
			j++
		}
		m.Kinds = append(m.Kinds, [2]any{kinds[i], j - i}) // "": holes
		i = j
	}
	// The result files of the numbers the last index had are compared with its own; with
	// fewer numbers, its last files are of none.
	same := prev != nil && len(prev.docs) <= len(docs)
	if same {
		// The result files of unchanged pages are where they were.
		maps.Copy(files, prev.files)
		delete(files, Dir+"manifest.json")
		for _, sh := range prev.shards {
			delete(files, Dir+"s/"+sh.name)
		}
	}
	var resultGroups []int // the result files to write
	for lo := 0; lo < len(docs); lo += Group {
		hi := min(lo+Group, len(docs))
		if !same || hi > len(prev.docs) || !slices.Equal(docs[lo:hi], prev.docs[lo:hi]) {
			resultGroups = append(resultGroups, lo/Group)
		}
	}
	var w Writer // where the shards go as they are made (Once.WriteTo)
	if ix.results != nil {
		for c, data := range made {
			if data != nil { // else given to the writer
				files[Dir+resultFile(c)] = data
			}
		}
		ix.results, ix.writeErr = nil, resultsErr
		if resultsErr == nil {
			w = rw
		}
	} else {
		written := make([][]byte, len(resultGroups))
		each(len(resultGroups), func(k int) {
			lo := resultGroups[k] * Group
			written[k] = appendGroup(nil, docs[lo:min(lo+Group, len(docs))])
		})
		for k, c := range resultGroups {
			files[Dir+resultFile(c)] = written[k]
		}
	}
	for _, t := range tags {
		if e := find(entries, "#"+t.Slug); e != nil {
			m.Tags = append(m.Tags, [3]any{t.Name, t.Slug, e.n})
		}
	}

	// Old shards by their first term: a new shard made of the same entries is the same file.
	was := make(map[string]*shardOut, len(prev.shardList()))
	for i := range prev.shardList() {
		sh := &prev.shards[i]
		was[sh.entries[0].term] = sh
	}
	// Shard sizes: a shard grows to minShard bytes, then ends at the first term whose hash
	// says so, or before it would pass maxShard.
	var groups [][]*entry
	start, size := 0, 0
	prevTerm := ""
	for i, e := range entries {
		est := len(e.term) + 3*e.n + 4 // near enough to decide the cut
		if i > start && (size+est > maxShard || size >= minShard && e.cut) {
			groups = append(groups, entries[start:i])
			start, size, prevTerm = i, 0, ""
		}
		size += headerLen(prevTerm, e.term) + e.size()
		prevTerm = e.term
	}
	if start < len(entries) {
		groups = append(groups, entries[start:])
	}
	if posted != nil && w != nil {
		// Written as they are made, a batch at a time, and not kept: only the manifest is
		// left to return.
		batch := shardBatch
		if ix.shardBatch > 0 {
			batch = ix.shardBatch
		}
		names, sizes, err := writeShards(groups, posted, w, batch)
		if err != nil {
			ix.writeErr = err
		}
		for i := range names {
			m.Shards = append(m.Shards, [3]any{groups[i][0].term, names[i], sizes[i]})
		}
		files[Dir+"manifest.json"] = marshal(m)
		ix.enc = nil // nothing is encoded again from a build that indexes once
		return files
	}
	shards := make([]*shardOut, len(groups))
	var todo []int
	for i, es := range groups {
		if sh, ok := was[es[0].term]; ok && slices.Equal(sh.entries, es) {
			shards[i] = sh
		} else {
			todo = append(todo, i)
		}
	}
	// On every core: a full build encodes every shard, after the last page is analysed.
	if posted != nil {
		// Every shard is new: laid out, with room for the postings, which one pass over
		// them then copies in, before each is named by its bytes.
		each(len(todo), func(k int) { shards[todo[k]] = layoutShard(groups[todo[k]]) })
		dst := make([][]byte, len(posted.terms))
		for _, e := range entries {
			dst[e.id] = e.post
		}
		posted.scatter(dst)
		posted.release()
		each(len(todo), func(k int) { shards[todo[k]].seal() })
	} else {
		each(len(todo), func(k int) { shards[todo[k]] = encodeShard(groups[todo[k]]) })
	}
	next.encodes += len(todo)
	for i, sh := range shards {
		next.shards = append(next.shards, *sh)
		files[Dir+"s/"+sh.name] = sh.data
		m.Shards = append(m.Shards, [3]any{groups[i][0].term, sh.name, len(sh.data)})
	}
	files[Dir+"manifest.json"] = marshal(m)
	next.files = files
	ix.enc = next
	return files
}

// shardBatch is how many bytes of shards writeShards lays out at once: the postings'
// batch's memory (2 MB), which writeShards takes (postings.spare). A 10,000-page library's
// shards (15 MB) are eight batches. Laid out in one batch, in a region mapped for them,
// they were memory touched for the first time, which this machine's system clears and
// its host backs as it is touched: 18-83 ms of CPU in page faults a build, at the end of
// the build. In the batch's memory, which every flush wrote, they take none, and the
// batches' passes over the postings cost 10 ms more than one pass (BenchmarkShards at
// 10,000 pages, encode-cpu-ms, four runs each way alternated): writeShards took 68 and
// 67 ms of CPU where it took 108 and 90 (medians of two sets of eight builds each way,
// alternated, perf record -g -F 1999, samples with writeShards on the stack). The fault
// cost varies with what the host holds: one build in four took almost none either way.
const shardBatch = batchPostings * int(unsafe.Sizeof(tstat{}))

// writeShards lays out the shards of groups, copies the postings into them from posted,
// and writes them to w, batch bytes of them at a time in one piece of memory, written
// over by the next batch, and returns their names and sizes. Made all at once, as encode
// does without a writer, the shards were a second copy of the postings at the end of the
// build: 151 MB of heap at 100,000 pages, beside the postings' slabs, where the heap was at
// its largest.
func writeShards(groups [][]*entry, posted *postings, w Writer, batch int) (names []string, sizes []int, err error) {
	defer posted.release()
	sizes = make([]int, len(groups))
	for i, es := range groups {
		sizes[i] = layoutSize(es)
	}
	// Batches of shards, in order: [from[b], from[b+1]).
	from := []int{0}
	most, size := 0, 0
	for i, n := range sizes {
		if size > 0 && size+n > batch {
			from = append(from, i)
			size = 0
		}
		size += n
		most = max(most, size)
	}
	from = append(from, len(groups))
	// The memory the postings' batch or flush area took, or, where neither holds the
	// largest batch (a shard larger than a batch is one alone), a region.
	mem, free := posted.spare(most), func() {}
	if mem == nil {
		if mem, free = region.Map(most); mem == nil {
			mem, free = make([]byte, most), func() {}
		}
	}
	defer free()
	batchOf := make([]int32, len(posted.terms)) // of each term, by its number
	runs := make([]int, len(from)-1)            // of each batch, in the slabs
	for b := range len(from) - 1 {
		for _, es := range groups[from[b]:from[b+1]] {
			for _, e := range es {
				batchOf[e.id] = int32(b)
				runs[b] += int(posted.terms[e.id].runs)
			}
		}
	}
	var later *runIndex // where the runs of the batches after the first are
	// A batch's shards are laid out on every core, in parts (by bytes), several a core so
	// that a core the build keeps busy takes fewer. At the end of the build, where it may
	// have nothing else left to do, laying out a 10,000-page library's 15 MB of shards on
	// one core, in memory touched for the first time (one batch in a region), took
	// 30-53 ms of five builds (timed in place, on a loaded machine).
	parts := 4 * runtime.GOMAXPROCS(0)
	names = make([]string, len(groups))
	dst := make([][]byte, len(posted.terms))
	for b := range len(from) - 1 {
		lo, hi := from[b], from[b+1]
		shards := make([]*shardOut, hi-lo)
		starts := make([]int, hi-lo+1) // of each shard in mem
		for i := lo; i < hi; i++ {
			starts[i-lo+1] = starts[i-lo] + sizes[i]
		}
		each(parts, func(part int) {
			for i := lo; i < hi; i++ {
				// The shards of part, by the middle of their bytes.
				if at := starts[i-lo] + sizes[i]/2; at*parts/max(starts[hi-lo], 1) != part {
					continue
				}
				shards[i-lo] = layoutShardIn(mem[starts[i-lo]:starts[i-lo]:starts[i-lo+1]], groups[i])
				for _, e := range groups[i] {
					dst[e.id] = e.post
				}
			}
		})
		switch {
		case len(runs) == 1:
			posted.scatter(dst)
		case b == 0:
			later = posted.scatterFirst(dst, batchOf, runs)
		default:
			posted.scatterRuns(dst, later, b)
		}
		each(len(shards), func(k int) { shards[k].seal() })
		for k, sh := range shards {
			names[lo+k], sizes[lo+k] = sh.name, len(sh.data)
		}
		paths := make([]string, len(shards))
		for k, sh := range shards {
			paths[k] = Dir + "s/" + sh.name
		}
		if err := w.Plan(paths); err != nil {
			return nil, nil, err
		}
		var failed atomic.Pointer[error]
		each(len(shards), func(k int) {
			if failed.Load() != nil {
				return
			}
			if err := w.Write(paths[k], shards[k].data); err != nil {
				failed.CompareAndSwap(nil, &err)
			}
		})
		if p := failed.Load(); p != nil {
			return nil, nil, *p
		}
		// The entries' postings were in the batch's memory, which the next batch takes.
		for i := lo; i < hi; i++ {
			for _, e := range groups[i] {
				e.post = nil
			}
		}
	}
	return names, sizes, nil
}

func (e *encoded) shardList() []shardOut {
	if e == nil {
		return nil
	}
	return e.shards
}

// find returns the entry of term, or nil.
func find(entries []*entry, term string) *entry {
	i, ok := slices.BinarySearchFunc(entries, term, func(e *entry, t string) int { return strings.Compare(e.term, t) })
	if !ok {
		return nil
	}
	return entries[i]
}

func newEntry(term string, ps []posting) *entry {
	return &entry{term: term, post: appendPostings(make([]byte, 0, postingsSize(ps)), ps), n: len(ps), cut: cut(term)}
}

// postingsSize is the length of appendPostings(nil, ps): made at that size at once, a
// common word's postings (10,000 pages, 30 KB) were grown and copied a dozen times over.
func postingsSize(ps []posting) int {
	n, last := 0, -1
	for _, p := range ps {
		n += uvarintLen(uint64(int(p.page)-last)) + 2
		last = int(p.page)
	}
	return n
}

// postedEntries are the entries of the postings gathered as the pages were analysed,
// sorted by term. They are made in one array, and sorted by the first 8 bytes of their
// terms held beside them, the terms themselves compared only when those are the same:
// sorting the pointers by their terms, each compare reading two terms from wherever the
// dict allocated them, took 7-36 ms at 10,000 pages (23,000 terms), the end of the build,
// with one core idle.
func postedEntries(ps *postings, dict *dict) []*entry {
	ps.flush()
	n := 0
	for id := range ps.terms {
		if ps.terms[id].n > 0 {
			n++
		}
	}
	all := make([]entry, 0, n)
	keyed := make([]keyedEntry, 0, n)
	for id := range ps.terms {
		if pl := &ps.terms[id]; pl.n > 0 {
			term := dict.terms[id]
			all = append(all, entry{term: term, posted: pl.size, id: int32(id), n: int(pl.n), cut: cut(term)})
			keyed = append(keyed, keyedEntry{key: termKey(term), e: &all[len(all)-1]})
		}
	}
	slices.SortFunc(keyed, func(a, b keyedEntry) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		return strings.Compare(a.e.term, b.e.term)
	})
	entries := make([]*entry, len(keyed))
	for i, k := range keyed {
		entries[i] = k.e
	}
	return entries
}

// keyedEntry is an entry with termKey(its term), for sorting.
type keyedEntry struct {
	key uint64
	e   *entry
}

// termKey is the first 8 bytes of term, big-endian, zeros after a shorter term: two terms
// whose keys differ compare as their keys do.
func termKey(term string) uint64 {
	var b [8]byte
	copy(b[:], term)
	return binary.BigEndian.Uint64(b[:])
}

// allEntries gathers every term's postings from the pages, encoded (appendPostings) into
// one array in two passes: the first measures each term's bytes, the second writes them.
func allEntries(docs []*doc, dict *dict) []*entry {
	n := len(dict.terms)
	counts := make([]int32, n)
	size := make([]int32, n)
	last := make([]int32, n) // the last page each term was found on, + 1
	for i, d := range docs {
		for _, t := range d.terms {
			counts[t.term]++
			size[t.term] += int32(uvarintLen(uint64(int32(i)+1-last[t.term]))) + 2
			last[t.term] = int32(i) + 1
		}
	}
	at := make([]int32, n) // where each term's next bytes go
	total := int32(0)
	for id, c := range counts {
		if c > 0 {
			at[id] = total
			total += size[id]
		}
	}
	buf := make([]byte, total)
	var entries []*entry
	for id, c := range counts {
		if c > 0 {
			start := at[id]
			end := start + size[id]
			term := dict.terms[id]
			entries = append(entries, &entry{term: term, post: buf[start:end:end], n: int(c), cut: cut(term)})
		}
	}
	clear(last)
	for i, d := range docs {
		for _, t := range d.terms {
			j := at[t.term]
			j += int32(binary.PutUvarint(buf[j:], uint64(int32(i)+1-last[t.term])))
			buf[j], buf[j+1] = t.score, t.pos
			at[t.term] = j + 2
			last[t.term] = int32(i) + 1
		}
	}
	slices.SortFunc(entries, func(a, b *entry) int { return strings.Compare(a.term, b.term) })
	return entries
}

// kept reports whether the pages of order have the numbers they had in was: the same
// URLs, but for holes where pages went and numbers after was's for pages new (keptOrder).
func kept(was, order []string) bool {
	if len(order) < len(was) {
		return false
	}
	for i, u := range was {
		if order[i] != u && order[i] != "" {
			return false
		}
	}
	return true
}

// updateEntries returns the entries after the pages whose analysis changed (docs[i] is not
// old[i]; numbers past old's had no page): the terms they gained, lost or scored
// differently get new entries, the others stay as they were.
func updateEntries(entries []*entry, old, docs []*doc, dict *dict) []*entry {
	type change struct {
		page uint32
		p    posting
		del  bool
	}
	changes := map[int32][]change{}
	for i, d := range docs {
		o := hole
		if i < len(old) {
			o = old[i]
		}
		if d == o {
			continue
		}
		was := make(map[int32]tstat, len(o.terms))
		for _, t := range o.terms {
			was[t.term] = t
		}
		for _, t := range d.terms {
			if w, ok := was[t.term]; !ok || w != t {
				changes[t.term] = append(changes[t.term], change{page: uint32(i), p: posting{page: uint32(i), score: t.score, pos: t.pos}})
			}
			delete(was, t.term)
		}
		for term := range was {
			changes[term] = append(changes[term], change{page: uint32(i), del: true})
		}
	}
	if len(changes) == 0 {
		return entries
	}
	var added []*entry
	gone := false
	entries = slices.Clone(entries)
	for id, cs := range changes {
		term := dict.terms[id]
		i, found := slices.BinarySearchFunc(entries, term, func(e *entry, t string) int { return strings.Compare(e.term, t) })
		var ps []posting
		if found {
			// With room for the pages added: a page new to the preview's index takes the
			// number after the last (keptOrder), and inserting it past a full slice copied
			// every posting of the term.
			ps = decodePostings(entries[i].post, entries[i].n, len(cs))
		}
		for _, c := range cs {
			j, ok := slices.BinarySearchFunc(ps, c.page, func(p posting, page uint32) int { return int(p.page) - int(page) })
			switch {
			case c.del && ok:
				ps = slices.Delete(ps, j, j+1)
			case c.del:
			case ok:
				ps[j] = c.p
			default:
				ps = slices.Insert(ps, j, c.p)
			}
		}
		switch {
		case found && len(ps) == 0:
			entries[i] = &entry{term: term} // taken out below: later terms still search by it
			gone = true
		case found:
			entries[i] = newEntry(term, ps)
		case len(ps) > 0:
			added = append(added, newEntry(term, ps))
		}
	}
	if gone {
		entries = slices.DeleteFunc(entries, func(e *entry) bool { return e.n == 0 })
	}
	if len(added) > 0 {
		entries = append(entries, added...)
		slices.SortFunc(entries, func(a, b *entry) int { return strings.Compare(a.term, b.term) })
	}
	return entries
}

// encodeShard writes a shard: its term count, then each term (appendTerm). Named by its
// bytes, so a rebuild rewrites only the shards whose terms changed.
func encodeShard(es []*entry) *shardOut {
	sh := layoutShard(es)
	sh.seal()
	return sh
}

// layoutShard writes the bytes of a shard but the postings of posted entries, which it
// leaves room for, in their entry's post.
func layoutShard(es []*entry) *shardOut { return layoutShardIn(make([]byte, 0, layoutSize(es)), es) }

// layoutSize is the memory layoutShard takes for es: at least the shard's size.
func layoutSize(es []*entry) int {
	n := binary.MaxVarintLen64
	prev := ""
	for _, e := range es {
		n += headerLen(prev, e.term) + e.size()
		prev = e.term
	}
	return n
}

// layoutShardIn is layoutShard in buf, empty, with room for layoutSize(es) bytes. What buf
// held is written over: the postings' bytes by the scatter that follows.
func layoutShardIn(buf []byte, es []*entry) *shardOut {
	data := binary.AppendUvarint(buf, uint64(len(es)))
	prev := ""
	for _, e := range es {
		data = appendHeader(data, prev, e.term)
		data = binary.AppendUvarint(data, uint64(e.n))
		// The entry keeps its postings in the shard's bytes, not in a second copy.
		start := len(data)
		if e.posted > 0 {
			data = data[:start+int(e.posted)]
			e.posted = 0
		} else {
			data = append(data, e.post...)
		}
		e.post = data[start:len(data):len(data)]
		prev = e.term
	}
	return &shardOut{entries: es, data: data}
}

// seal names the shard by its bytes: 64 bits of a hash, so that a rebuild tells a changed
// shard by its name (the browser checks nothing by it). XXH3, not SHA-256: the first 8
// bytes of a SHA-256 tell shards apart no better, and hashing a 10,000-page index's 15 MB of
// shards took 16 ms of the build's CPU (pprof, five builds), with the processor's SHA
// instructions.
func (sh *shardOut) seal() {
	var sum [8]byte
	binary.BigEndian.PutUint64(sum[:], xxh3.Hash(sh.data))
	sh.name = hex.EncodeToString(sum[:]) + ".bin"
}

func cut(term string) bool { return fnv1a(stringBytes(term))&cutMask == 0 }

// A term in a shard is the length it shares with the term before it, the rest of its
// bytes, its page count, then per page the gap from the previous page number, the score
// and the position, all varints but the last two bytes.
func sharedLen(prev, t string) int {
	shared := 0
	for shared < len(prev) && shared < len(t) && prev[shared] == t[shared] {
		shared++
	}
	// Never split a character: the browser decodes the rest on its own.
	for shared > 0 && shared < len(t) && !utf8.RuneStart(t[shared]) {
		shared--
	}
	return shared
}

func headerLen(prev, t string) int {
	shared := sharedLen(prev, t)
	return uvarintLen(uint64(shared)) + uvarintLen(uint64(len(t)-shared)) + len(t) - shared
}

func appendHeader(b []byte, prev, t string) []byte {
	shared := sharedLen(prev, t)
	b = binary.AppendUvarint(b, uint64(shared))
	b = binary.AppendUvarint(b, uint64(len(t)-shared))
	return append(b, t[shared:]...)
}

func appendPostings(b []byte, ps []posting) []byte {
	last := -1
	for _, p := range ps {
		b = binary.AppendUvarint(b, uint64(int(p.page)-last))
		b = append(b, p.score, p.pos)
		last = int(p.page)
	}
	return b
}

// decodePostings reads what appendPostings wrote (the index's own bytes: never malformed),
// into a slice with room for more postings.
func decodePostings(b []byte, n, room int) []posting {
	ps := make([]posting, 0, n+room)
	last := -1
	for range n {
		gap, k := binary.Uvarint(b)
		last += int(gap)
		ps = append(ps, posting{page: uint32(last), score: b[k], pos: b[k+1]})
		b = b[k+2:]
	}
	return ps
}

func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

// each calls f(0) to f(n-1), on all cores.
func each(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		}()
	}
	wg.Wait()
}
