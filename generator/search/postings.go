package search

import (
	"encoding/binary"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"github.com/between-ssg/between/internal/region"
)

// postings gathers every term's postings, encoded as in a shard (appendPostings), page
// after page in page order: for Files called once, so that no page's terms are kept.
//
// The pages come one after the other, but their postings are written a term at a time:
// add keeps the terms of a batch of pages as they come, and flush then writes each term's
// postings of the batch at once, as a run. Written page by page, each posting went to its
// own term's list, somewhere in many megabytes of lists, often a cache miss (4.9 million
// postings at 10,000 pages); by batches of about 500 pages, 0.38 million runs are
// written, each where the run before it ended.
//
// A flush writes its runs one after the other into large slabs, each run with its term's
// number: a run is written once, where the flush is writing, and at the end the slabs are
// read once, in order, each run copied to its place in its term's shard (scatter). The
// runs take what they hold and 5 to 7 bytes more, and no term's list is read back to
// front or block by block. (A term's list in blocks of its own, each twice the size of
// the one before, took 43% more than it held, in fresh memory, was written at the end of
// each term's last block, and was read block after block, each found from the one
// before.) The slabs hold no pointers, so the collector never reads them.
type postings struct {
	terms []plist // by term number: what a flush reads and writes of a term is in one place
	slabs [][]byte
	ends  []int // of each slab, the bytes of runs in it
	// regions holds the slabs outside Go's heap (region.Map), freed by release once the
	// runs are scattered: the slabs are read once, and the collector need not count them.
	// A 10,000-page library's postings came to 17 MB of heap, growing it towards the next
	// collection while the pages rendered, which then marked all of the site again.
	regions *regions
	reserve *Reserve // regions populated ahead, taken first

	batch []tstat     // the terms of the pages since the last flush, in page order
	pages []batchPage // the pages of the batch
	limit int         // of the batch's terms: batchPostings, or less in tests
	count []int32     // by term number: its postings in the batch (0 outside a flush)
	rooms []room      // by term number, for flush
	area  []byte      // for flush
}

// batchPostings is how many terms of pages a batch holds before it is flushed (a page's
// are never split): about 500 pages of the generated library, 2 MB of batch. The larger
// the batch, the fewer runs (1 << 17 wrote 1.8 times as many); past 1 << 18, a flush's
// memory outgrows the processor's caches for little gain.
const batchPostings = 1 << 18

// A run is its term's number (4 bytes, little-endian), the length of its postings (a
// uvarint), then the postings.
const (
	slabSize = 1 << 20
	// maxRun is the most postings bytes a run holds, so that it fits in a slab: a longer
	// one is cut in two.
	maxRun = slabSize - 8
)

type plist struct {
	size int32 // bytes of postings
	n    int32 // the pages of the term
	last int32 // the last page the term was found on, + 1
	runs int32 // in the slabs
}

// alloc returns size new bytes of a slab.
func (ps *postings) alloc(size int) []byte {
	k := len(ps.slabs) - 1
	if k < 0 || ps.ends[k]+size > slabSize {
		ps.slabs = append(ps.slabs, ps.newSlab())
		ps.ends = append(ps.ends, 0)
		k++
	}
	at := ps.ends[k]
	ps.ends[k] += size
	return ps.slabs[k][at : at+size : at+size]
}

// newSlab returns a slab of slabSize bytes: a piece of a region outside the heap, where
// the system gives one, else of the heap.
func (ps *postings) newSlab() []byte {
	if ps.regions == nil {
		ps.regions = &regions{}
		// Freed when the postings are dropped without release (a build that failed).
		runtime.AddCleanup(ps, (*regions).free, ps.regions)
	}
	r := ps.regions
	if len(r.left) < slabSize {
		mem, free, ok := ps.reserve.take()
		if !ok {
			mem, free = region.Map(regionSize)
		}
		if mem == nil {
			return make([]byte, slabSize)
		}
		r.left = mem
		r.frees = append(r.frees, free)
	}
	slab := r.left[:slabSize:slabSize]
	r.left = r.left[slabSize:]
	return slab
}

// spare returns n bytes of memory the postings no longer use once every page is flushed:
// the batch's (2 MB) or the flush area's (1.3 MB at 10,000 pages), each once, the first
// that holds n; nil when neither does. Both were written by every flush, so the system
// has their pages already: fresh memory cost as much as the work done in it (see
// writeShards).
func (ps *postings) spare(n int) []byte {
	if len(ps.batch) == 0 && cap(ps.batch)*int(unsafe.Sizeof(tstat{})) >= n && n > 0 {
		b := ps.batch[:cap(ps.batch)]
		ps.batch = nil
		return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(b))), n)
	}
	if len(ps.area) == 0 && cap(ps.area) >= n && n > 0 {
		b := ps.area[:n:n]
		ps.area = nil
		return b
	}
	return nil
}

// release gives back the slabs' memory: the postings are not read after it.
func (ps *postings) release() {
	ps.slabs, ps.ends = nil, nil
	if ps.regions != nil {
		ps.regions.free()
	}
}

// regions are the memory of the slabs outside the heap.
type regions struct {
	mu    sync.Mutex // free may be called twice at once: by release and by the cleanup
	left  []byte     // of the last region, not yet a slab
	frees []func()
}

// regionSize is the size of a region: two of the system's large pages, four slabs.
const regionSize = 4 << 20

func (r *regions) free() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, f := range r.frees {
		f()
	}
	r.frees, r.left = nil, nil
}

// add adds page's terms to the batch; page comes after every page added before. The
// postings are in the slabs once flushed.
func (ps *postings) add(page int, terms []tstat) {
	if ps.limit == 0 {
		ps.limit = batchPostings
	}
	if len(ps.batch) > 0 && len(ps.batch)+len(terms) > ps.limit {
		ps.flush()
	}
	if ps.batch == nil {
		ps.batch = make([]tstat, 0, max(ps.limit, len(terms)))
	}
	ps.batch = append(ps.batch, terms...)
	ps.pages = append(ps.pages, batchPage{page: int32(page), end: int32(len(ps.batch))})
	for i := countTerms(ps.count, terms); i < len(terms); i += countTerms(ps.count, terms[i:]) {
		ps.growCount(uint32(terms[i].term))
	}
}

// countTerms counts terms in count, up to the first whose number is past count's end, and
// returns how many it counted. A loop of its own, which the compiler keeps in registers:
// in add, the count's slice changed as it grew, and the loop took 17 instructions a term.
func countTerms(count []int32, terms []tstat) int {
	for k, t := range terms {
		if uint32(t.term) >= uint32(len(count)) {
			return k
		}
		count[t.term]++
	}
	return len(terms)
}

// growCount makes room in ps.count for term number id.
func (ps *postings) growCount(id uint32) []int32 {
	size := max(int(id)+1, 2*len(ps.count), 1<<12)
	ps.count = slices.Grow(ps.count, size-len(ps.count))[:size]
	return ps.count
}

// flush writes the batch's postings to the slabs, a term's at once.
func (ps *postings) flush() {
	if len(ps.batch) == 0 {
		return
	}
	count := ps.count
	n := len(count)
	if len(ps.terms) < n {
		ps.terms = slices.Grow(ps.terms, n-len(ps.terms))[:n]
	}
	terms := ps.terms[:n]
	rooms := slices.Grow(ps.rooms[:0], n)[:n]
	// Each term's postings of the batch, encoded as they come, each in a room of the area
	// with space for all of them, the terms' rooms in the order of their numbers (over
	// every number, not the batch's alone: a batch has most of them). A room is as large
	// as its term's postings can be: a gap between two pages of the batch is at most its
	// span, and only a term's first posting in it may have a longer gap, from its last
	// page before. Rooms of the most a posting can take (7 bytes; most take 3) made an
	// area twice as large, in which each posting went to a line of its own more often:
	// the writes into the area are most of a flush's cache misses.
	end := uint32(ps.pages[len(ps.pages)-1].page) + 1 // pages are numbered from 1 in the gaps
	gap := 2 + uvarintLen(uint64(end-uint32(ps.pages[0].page)-1))
	roomSize := func(c int32, last int32) int {
		if c == 0 {
			return 0
		}
		return int(c-1)*gap + 2 + uvarintLen(uint64(end-uint32(last)))
	}
	size := 0
	for id, c := range count {
		last := terms[id].last
		rooms[id] = room{next: uint32(size), last: uint32(last)}
		size += roomSize(c, last)
	}
	if cap(ps.area) < size {
		// Made anew, with room for the next flushes' areas, which are about as large: grown
		// by slices.Grow, the area was copied into each larger one.
		ps.area = make([]byte, 0, size+size/4)
	}
	area := ps.area[:size]
	start := int32(0)
	for _, pg := range ps.pages {
		place(area, rooms, ps.batch[start:pg.end], uint32(pg.page)+1) // pages are numbered from 1 in the gaps
		start = pg.end
	}
	// Each term's postings, a run.
	at := 0
	for id, c := range count {
		if c == 0 {
			continue
		}
		count[id] = 0
		r := rooms[id]
		pl := &terms[id]
		ps.write(uint32(id), pl, area[at:r.next])
		at += roomSize(c, pl.last)
		pl.n += c
		pl.last = int32(r.last)
	}
	ps.batch, ps.pages, ps.rooms, ps.area = ps.batch[:0], ps.pages[:0], rooms[:0], area[:0]
}

// place encodes the postings of a page, ts, numbered page, each in its term's room in
// area. A loop of its own, which the compiler keeps in registers: in flush, it kept most of
// its state in memory, 34 instructions a posting. It reads and writes without bounds
// checks (22 instructions a posting, from 30), as flush sets them out: rooms has a room
// for the number of every term of the batch (ps.count covers them), and each room is as
// large as its term's postings in the batch can be (roomSize in flush).
func place(area []byte, rooms []room, ts []tstat, page uint32) {
	base, rs := unsafe.Pointer(unsafe.SliceData(area)), unsafe.Pointer(unsafe.SliceData(rooms))
	for _, t := range ts {
		r := (*room)(unsafe.Add(rs, uintptr(uint32(t.term))*unsafe.Sizeof(room{})))
		gap := page - r.last
		r.last = page
		k := uintptr(r.next)
		if gap >= 0x80 {
			// The gap as a uvarint (binary.PutUvarint's bytes: a call would have the loop
			// keep its state in memory again). Most postings of a word on many pages have
			// a gap of one byte.
			for ; gap >= 0x80; gap >>= 7 {
				*(*byte)(unsafe.Add(base, k)) = byte(gap) | 0x80
				k++
			}
		}
		b := (*[3]byte)(unsafe.Add(base, k))
		b[0], b[1], b[2] = byte(gap), t.score, t.pos
		r.next = uint32(k + 3)
	}
}

// batchPage is a page of the batch.
type batchPage struct {
	page int32
	end  int32 // of its terms in the batch
}

// room is a term's room in a flush's area.
type room struct {
	next uint32 // where its next posting goes
	last uint32 // the term's last page, + 1
}

// write appends b, the postings of a batch, to the list of term id, pl: a run, or more
// when b is longer than a run holds.
func (ps *postings) write(id uint32, pl *plist, b []byte) {
	for len(b) > 0 {
		n := min(len(b), maxRun)
		run := ps.alloc(4 + uvarintLen(uint64(n)) + n)
		binary.LittleEndian.PutUint32(run, id)
		k := 4 + binary.PutUvarint(run[4:], uint64(n))
		copy(run[k:], b[:n])
		pl.size += int32(n)
		pl.runs++
		b = b[n:]
	}
}

// scatter copies the postings of every term into dst[term], which holds as many bytes as
// they take, once every page is added and flushed: the slabs read in order, and each run
// copied after its term's runs before it.
func (ps *postings) scatter(dst [][]byte) {
	for k, slab := range ps.slabs {
		runs := slab[:ps.ends[k]]
		for len(runs) > 0 {
			id := binary.LittleEndian.Uint32(runs)
			n, w := binary.Uvarint(runs[4:])
			end := 4 + w + int(n)
			copy(dst[id], runs[4+w:end])
			dst[id] = dst[id][n:]
			runs = runs[end:]
		}
	}
}

// scatterFirst is scatter of the terms whose batchOf is 0 alone, where the terms are
// scattered in batches (writeShards), and notes where the runs of the later batches are,
// for scatterRuns: then a later batch reads its own runs, not all of the slabs again.
// runs[b] is how many runs batch b has. Each pass over all of the slabs, reading every
// run's header, took 4 ms of CPU at 10,000 pages (0.38 million runs in 17 MB:
// BenchmarkShards with 15 batches of 1 MB, each reading every run, took 55-65 ms more
// than with one). Reading a batch's runs alone costs more a run than the whole pass, as
// they are apart: about 45 ns, 15 ms for the seven batches after the first (perf, in
// builds), which the memory it saves outweighs (see shardBatch).
func (ps *postings) scatterFirst(dst [][]byte, batchOf []int32, runs []int) *runIndex {
	ri := &runIndex{offs: make([][]uint32, len(runs)), cuts: make([][]int32, len(runs))}
	var all []uint32
	if b := ps.spare(4 * sum(runs[1:])); b != nil {
		all = unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/4)[:0]
	} else {
		all = make([]uint32, 0, sum(runs[1:]))
	}
	for b := 1; b < len(runs); b++ {
		ri.offs[b] = all[len(all) : len(all) : len(all)+runs[b]]
		all = all[:len(all)+runs[b]]
		ri.cuts[b] = make([]int32, len(ps.slabs)+1)
	}
	for k, slab := range ps.slabs {
		at := 0
		for end := ps.ends[k]; at < end; {
			id := binary.LittleEndian.Uint32(slab[at:])
			n, w := binary.Uvarint(slab[at+4:])
			start := at + 4 + w
			if b := batchOf[id]; b == 0 {
				copy(dst[id], slab[start:start+int(n)])
				dst[id] = dst[id][n:]
			} else {
				ri.offs[b] = append(ri.offs[b], uint32(at))
			}
			at = start + int(n)
		}
		for b := 1; b < len(runs); b++ {
			ri.cuts[b][k+1] = int32(len(ri.offs[b]))
		}
	}
	return ri
}

// runIndex is where the runs of each batch of terms are in the slabs, but the first's:
// batch b's runs in slab k begin at offs[b][cuts[b][k]:cuts[b][k+1]].
type runIndex struct {
	offs [][]uint32
	cuts [][]int32
}

// scatterRuns is scatter of the terms of batch b alone, from the runs ri found for it.
func (ps *postings) scatterRuns(dst [][]byte, ri *runIndex, b int) {
	offs, cuts := ri.offs[b], ri.cuts[b]
	for k, slab := range ps.slabs {
		for _, at := range offs[cuts[k]:cuts[k+1]] {
			id := binary.LittleEndian.Uint32(slab[at:])
			n, w := binary.Uvarint(slab[at+4:])
			start := int(at) + 4 + w
			copy(dst[id], slab[start:start+int(n)])
			dst[id] = dst[id][n:]
		}
	}
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
