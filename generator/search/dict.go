package search

// dict numbers terms, by their FNV-1a hash: one copy of each term for all pages, numbered
// so that encode groups them in arrays. A Go map would hash each term again and reach its
// bytes through one more pointer; this is called for every term of every page, so a slot
// holds the hash beside the number, and a term's bytes are compared only when they match.
type dict struct {
	slots []uint64 // hash<<32 | 1 + the term's number, 0 for none; open addressing on the hash
	terms []string
}

func newDict(size int) *dict {
	n := 1 << 10
	for n < 2*size {
		n <<= 1
	}
	return &dict{slots: make([]uint64, n)}
}

func fnv1a(term []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range term {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// id returns the number of term, whose hash is h, adding it (a copy) when new.
func (d *dict) id(term []byte, h uint32) (id int32, added bool) {
	mask := uint32(len(d.slots) - 1)
	j := h & mask
	for {
		v := d.slots[j]
		if v == 0 {
			break
		}
		if uint32(v>>32) == h && d.terms[uint32(v)-1] == string(term) {
			return int32(uint32(v)) - 1, false
		}
		j = (j + 1) & mask
	}
	d.terms = append(d.terms, string(term))
	d.slots[j] = uint64(h)<<32 | uint64(len(d.terms))
	if 2*len(d.terms) > len(d.slots) {
		old := d.slots
		d.slots = make([]uint64, 2*len(old))
		mask := uint32(len(d.slots) - 1)
		for _, v := range old {
			if v == 0 {
				continue
			}
			j := uint32(v>>32) & mask
			for d.slots[j] != 0 {
				j = (j + 1) & mask
			}
			d.slots[j] = v
		}
	}
	return int32(len(d.terms)) - 1, true
}
