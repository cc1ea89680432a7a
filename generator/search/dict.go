package search

import (
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// dict numbers terms: one copy of each term for all pages, numbered so that encode groups
// them in arrays. It is called for every term of every page, so a term is known by its
// 64-bit hash (hashTerm) alone, and its bytes are never compared: a slot is a hash and a
// number, one memory read, where comparing bytes would read the term's copy from wherever
// it lies. Two words of a library sharing a hash (odds about n²/2⁶⁵: below one in a
// million for ten million different words) would be indexed as the first of them.
type dict struct {
	slots []dslot // open addressing on the hash
	terms []string
	// text holds the terms' bytes, one after the other, in blocks that are never moved:
	// a string a term, allocated on its own, made a library's vocabulary a million small
	// objects for the collector to mark in every cycle of a build.
	text []byte
}

// textBlock is the size of a block of dict.text.
const textBlock = 64 << 10

// keep returns a copy of term in d.text.
func (d *dict) keep(term []byte) string {
	if len(term) == 0 {
		return ""
	}
	if cap(d.text)-len(d.text) < len(term) {
		d.text = make([]byte, 0, max(textBlock, len(term)))
	}
	start := len(d.text)
	d.text = append(d.text, term...) // within the block: the bytes before stay where they are
	return unsafe.String(&d.text[start], len(term))
}

type dslot struct {
	hash uint64
	id   int32 // 1 + the term's number; 0 for none
}

func newDict(size int) *dict {
	n := 1 << 10
	for n < 2*size {
		n <<= 1
	}
	return &dict{slots: make([]dslot, n)}
}

// hashTerm is the 64-bit hash terms are known by, in the dict and in an analyser's table:
// wyhash's steps (final version 4, fixed seed), with a term of up to 16 bytes taken as two
// 8-byte words, zero after its end. Those are the words scan has in hand as it finds the
// end of a word, so that it hashes most words without reading their bytes again
// (hashShort); a term holds no zero byte, so the two words and the length tell every term
// of up to 16 bytes from every other. A longer term is hashed 16 bytes at a time.
func hashTerm(p []byte) uint64 {
	n := len(p)
	if n <= 16 {
		var b [16]byte
		copy(b[:], p)
		return hashShort(binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:]), n)
	}
	seed := uint64(hashSeed)
	off, i := 0, n
	for ; i > 16; i -= 16 {
		seed = wymix(binary.LittleEndian.Uint64(p[off:])^wyp1, binary.LittleEndian.Uint64(p[off+8:])^seed)
		off += 16
	}
	// The last 16 bytes, those of the last block again included.
	a := binary.LittleEndian.Uint64(p[off+i-16:])
	b := binary.LittleEndian.Uint64(p[off+i-8:])
	hi, lo := bits.Mul64(a^wyp1, b^seed)
	return wymix(lo^wyp0^uint64(n), hi^wyp1)
}

const (
	wyp0     = 0xa0761d6478bd642f
	wyp1     = 0xe7037ed1a0b428db
	hashSeed = 0xe6d24d7e0390ae94 // fixed, any will do: wymix(wyp2, wyp1) of wyhash's constants
)

// hashShort is hashTerm of a term of n <= 16 bytes, lo its first 8 and hi the next 8, as
// little-endian words with zeros after the term's end.
func hashShort(lo, hi uint64, n int) uint64 {
	h, l := bits.Mul64(lo^wyp1, hi^hashSeed)
	return wymix(l^wyp0^uint64(n), h^wyp1)
}

func wymix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// fnv1a is the 32-bit hash that says where shards end (cut): the files depend on it.
func fnv1a(term []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range term {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// id returns the number of term, whose hash is h, adding it (a copy) when new.
func (d *dict) id(term []byte, h uint64) int32 {
	mask := uint64(len(d.slots) - 1)
	j := h & mask
	for d.slots[j].id != 0 {
		if d.slots[j].hash == h {
			return d.slots[j].id - 1
		}
		j = (j + 1) & mask
	}
	d.terms = append(d.terms, d.keep(term))
	d.slots[j] = dslot{hash: h, id: int32(len(d.terms))}
	// Up to three quarters full: a library's vocabulary is looked up once per page it is
	// on, mostly in slots the processor's caches do not hold, and a smaller table misses
	// them less often than a longer probe costs.
	if 4*len(d.terms) > 3*len(d.slots) {
		old := d.slots
		d.slots = make([]dslot, 2*len(old))
		mask := uint64(len(d.slots) - 1)
		for _, s := range old {
			if s.id == 0 {
				continue
			}
			j := s.hash & mask
			for d.slots[j].id != 0 {
				j = (j + 1) & mask
			}
			d.slots[j] = s
		}
	}
	return int32(len(d.terms)) - 1
}
