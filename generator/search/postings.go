package search

import (
	"encoding/binary"
	"slices"
)

// postings gathers every term's postings, encoded as in a shard (appendPostings), page
// after page in page order: for Files called once, so that no page's terms are kept.
//
// A term's postings are a chain of blocks, each twice the size of the one before up to
// maxBlock, cut from large slabs: a term's bytes are never copied as they grow, and the
// memory they take is about what they hold. (A slice per term, doubled as it grew, made
// two to three times its final size in fresh memory, and copied it as often.) The blocks
// hold no pointers, so the collector never reads them. A chain is read once, into its
// shard (appendTo).
//
// The pages come one after the other, but a chain is written a term at a time: add keeps
// the terms of a batch of pages as they come, and flush then writes each term's postings
// of the batch to its chain at once. Written page by page, each posting went to its own
// term's chain, a cache miss in many megabytes of chains for most of them (4.9 million
// postings at 10,000 pages); by batches of 500 pages, a term's chain is written 8 times
// fewer (0.33 million times), and the rest is read and written in order.
type postings struct {
	terms []plist // by term number: what a flush reads and writes of a term is in one place
	slabs [][]byte
	used  int // of the last slab

	batch []tstat     // the terms of the pages since the last flush, in page order
	pages []batchPage // the pages of the batch
	limit int         // of the batch's terms: batchPostings, or less in tests
	count []int32     // by term number: its postings in the batch (0 outside a flush)
	rooms []room      // by term number, for flush
	area  []byte      // for flush
}

// batchPostings is how many terms of pages a batch holds before it is flushed (a page's
// are never split): about 500 pages of the generated library, 2 MB of batch. The larger
// the batch, the fewer times a term's chain is written (1 << 17 wrote them 1.8 times as
// often); past 1 << 18, a flush's memory outgrows the processor's caches for little gain.
const batchPostings = 1 << 18

// A block is the ref of the next block (4 bytes, little-endian), then its share of the
// postings. A ref is a slab's number << slabBits | the block's place in it.
const (
	slabBits   = 20
	firstBlock = 16
	maxBlock   = 8 << 10
)

type plist struct {
	head, tail uint32 // refs of the first and the last block
	free       int32  // bytes left in the last block
	tailSize   int32  // the last block's size
	size       int32  // bytes of postings
	n          int32  // the pages of the term
	last       int32  // the last page the term was found on, + 1
}

// block returns the ref of a new block of size bytes.
func (ps *postings) block(size int) uint32 {
	if len(ps.slabs) == 0 || ps.used+size > 1<<slabBits {
		if len(ps.slabs) == 1<<(32-slabBits) {
			panic("search: postings past 4 GB")
		}
		ps.slabs = append(ps.slabs, make([]byte, 1<<slabBits))
		ps.used = 0
	}
	at := ps.used
	ps.used += size
	return uint32((len(ps.slabs)-1)<<slabBits | at)
}

func (ps *postings) at(ref uint32, size int32) []byte {
	at := int(ref & (1<<slabBits - 1))
	return ps.slabs[ref>>slabBits][at : at+int(size)]
}

// add adds page's terms to the batch; page comes after every page added before. The
// postings are in their chains once flushed.
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
	count := ps.count
	for _, t := range terms {
		id := uint32(t.term)
		if id >= uint32(len(count)) {
			count = ps.growCount(id)
		}
		count[id]++
	}
}

// growCount makes room in ps.count for term number id.
func (ps *postings) growCount(id uint32) []int32 {
	size := max(int(id)+1, 2*len(ps.count), 1<<12)
	ps.count = slices.Grow(ps.count, size-len(ps.count))[:size]
	return ps.count
}

// flush writes the batch's postings to their chains, a term's at once.
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
	// every number, not the batch's alone: a batch has most of them).
	size := 0
	for id, c := range count {
		rooms[id] = room{next: uint32(size), last: uint32(terms[id].last)}
		size += int(c) * maxPosting
	}
	area := slices.Grow(ps.area[:0], int(size))[:size]
	start := int32(0)
	for _, pg := range ps.pages {
		page := uint32(pg.page) + 1 // pages are numbered from 1 in the gaps
		for _, t := range ps.batch[start:pg.end] {
			r := &rooms[uint32(t.term)]
			gap := page - r.last
			r.last = page
			k := uint(r.next)
			if gap < 0x80 {
				// A gap of one byte: most postings of a word on many pages.
				b := area[k : k+3 : k+3]
				b[0], b[1], b[2] = byte(gap), t.score, t.pos
				r.next = uint32(k + 3)
				continue
			}
			k += uint(binary.PutUvarint(area[k:], uint64(gap)))
			b := area[k : k+2 : k+2]
			b[0], b[1] = t.score, t.pos
			r.next = uint32(k + 2)
		}
		start = pg.end
	}
	// Each term's postings to its chain.
	at := 0
	for id, c := range count {
		if c == 0 {
			continue
		}
		count[id] = 0
		r := rooms[id]
		pl := &terms[id]
		ps.write(pl, area[at:r.next])
		pl.n += c
		pl.last = int32(r.last)
		at += int(c) * maxPosting
	}
	ps.batch, ps.pages, ps.rooms, ps.area = ps.batch[:0], ps.pages[:0], rooms[:0], area[:0]
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

// maxPosting is the most bytes a posting takes: its gap (a page number: up to 5 bytes),
// score and position.
const maxPosting = binary.MaxVarintLen32 + 2

// write appends b to pl's chain, across a block's end if it must.
func (ps *postings) write(pl *plist, b []byte) {
	if pl.n > 0 && int(pl.free) >= len(b) {
		// Within the last block: most writes.
		at := int(pl.tail&(1<<slabBits-1)) + int(pl.tailSize-pl.free)
		copy(ps.slabs[pl.tail>>slabBits][at:], b)
		pl.free -= int32(len(b))
		pl.size += int32(len(b))
		return
	}
	if pl.n == 0 {
		pl.head = ps.block(firstBlock)
		pl.tail, pl.tailSize, pl.free = pl.head, firstBlock, firstBlock-4
	}
	for len(b) > 0 {
		if pl.free == 0 {
			size := min(2*pl.tailSize, maxBlock)
			ref := ps.block(int(size))
			binary.LittleEndian.PutUint32(ps.at(pl.tail, 4), ref)
			pl.tail, pl.tailSize, pl.free = ref, size, size-4
		}
		blk := ps.at(pl.tail, pl.tailSize)
		n := copy(blk[pl.tailSize-pl.free:], b)
		pl.free -= int32(n)
		pl.size += int32(n)
		b = b[n:]
	}
}

// appendTo appends pl's postings to b: once every page is added and flushed.
func (ps *postings) appendTo(b []byte, pl *plist) []byte {
	ref, size, left := pl.head, int32(firstBlock), pl.size
	for {
		blk := ps.at(ref, size)
		n := min(left, size-4)
		b = append(b, blk[4:4+n]...)
		left -= n
		if left == 0 {
			return b
		}
		ref = binary.LittleEndian.Uint32(blk)
		size = min(2*size, maxBlock)
	}
}
