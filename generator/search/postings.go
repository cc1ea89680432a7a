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
type postings struct {
	terms []plist // by term number: what an add reads and writes of a term is in one place
	slabs [][]byte
	used  int // of the last slab
}

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

// add appends page's terms to their postings; page comes after every page added before.
func (ps *postings) add(page int, terms []tstat) {
	var buf [binary.MaxVarintLen32 + 2]byte
	for _, t := range terms {
		id := t.term
		if int(id) >= len(ps.terms) {
			size := max(int(id)+1, 2*len(ps.terms), 1<<12)
			ps.terms = slices.Grow(ps.terms, size-len(ps.terms))[:size]
		}
		pl := &ps.terms[id]
		gap := uint32(int32(page) + 1 - pl.last)
		if gap < 0x80 && pl.free >= 3 {
			// A gap of one byte: most postings of a word on many pages.
			slab := ps.slabs[pl.tail>>slabBits]
			at := int(pl.tail&(1<<slabBits-1)) + int(pl.tailSize-pl.free)
			b := slab[at : at+3 : at+3]
			b[0], b[1], b[2] = byte(gap), t.score, t.pos
			pl.free -= 3
			pl.size += 3
		} else if pl.free >= binary.MaxVarintLen32+2 {
			// Room for any posting: most of them, written in place.
			slab := ps.slabs[pl.tail>>slabBits]
			at := int(pl.tail&(1<<slabBits-1)) + int(pl.tailSize-pl.free)
			k := binary.PutUvarint(slab[at:], uint64(gap))
			slab[at+k], slab[at+k+1] = t.score, t.pos
			pl.free -= int32(k + 2)
			pl.size += int32(k + 2)
		} else {
			k := binary.PutUvarint(buf[:], uint64(gap))
			buf[k], buf[k+1] = t.score, t.pos
			ps.write(pl, buf[:k+2])
		}
		pl.n++
		pl.last = int32(page) + 1
	}
}

// write appends b to pl's chain, across a block's end if it must.
func (ps *postings) write(pl *plist, b []byte) {
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

// appendTo appends pl's postings to b.
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
