package search

// dict numbers terms, by their FNV-1a hash: one copy of each term for all pages, numbered
// so that encode groups them in arrays. A Go map would hash each term again and reach its
// bytes through one more pointer; this is called for every term of every page.
type dict struct {
	slots  []int32 // 1 + the term's number, 0 for none; open addressing on the hash
	terms  []string
	hashes []uint32
}

func newDict(size int) *dict {
	n := 1 << 10
	for n < 2*size {
		n <<= 1
	}
	return &dict{slots: make([]int32, n)}
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
		if d.hashes[v-1] == h && d.terms[v-1] == string(term) {
			return v - 1, false
		}
		j = (j + 1) & mask
	}
	return d.insert(j, string(term), h), true
}

func (d *dict) insert(j uint32, term string, h uint32) int32 {
	d.terms = append(d.terms, term)
	d.hashes = append(d.hashes, h)
	id := int32(len(d.terms))
	d.slots[j] = id
	if 2*len(d.terms) > len(d.slots) {
		d.slots = make([]int32, 2*len(d.slots))
		mask := uint32(len(d.slots) - 1)
		for i, h := range d.hashes {
			j := h & mask
			for d.slots[j] != 0 {
				j = (j + 1) & mask
			}
			d.slots[j] = int32(i + 1)
		}
	}
	return id - 1
}
