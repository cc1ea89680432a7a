package search

// dict numbers terms: one copy of each term for all pages, numbered so that encode groups
// them in arrays. It is called for every term of every page, so a term is known by its
// 64-bit FNV-1a hash alone, and its bytes are never compared: a slot is a hash and a
// number, one memory read, where comparing bytes would read the term's copy from wherever
// it lies. Two words of a library sharing a hash (odds about n²/2⁶⁵: below one in a
// million for ten million different words) would be indexed as the first of them.
type dict struct {
	slots []dslot // open addressing on the hash
	terms []string
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

const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

func fnv64(term []byte) uint64 {
	h := uint64(fnvOffset64)
	for _, c := range term {
		h = (h ^ uint64(c)) * fnvPrime64
	}
	return h
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
	d.terms = append(d.terms, string(term))
	d.slots[j] = dslot{hash: h, id: int32(len(d.terms))}
	if 2*len(d.terms) > len(d.slots) {
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
