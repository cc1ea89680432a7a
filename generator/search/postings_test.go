package search

import (
	"bytes"
	"math/rand"
	"testing"
)

// TestPostingsChains: postings gathered page by page into chains of blocks read back as
// appendPostings writes each term's list, for terms on one page, on every page (long
// chains of the largest blocks), and with gaps of every varint length (postings cut at a
// block's end). The pages come in batches of every size: the default (a term's postings
// across batches), a hundred pages, and fewer terms than a page has (a page alone in its
// batch).
func TestPostingsChains(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	const terms = 2000
	want := make([][]posting, terms)
	var pages [][]tstat
	var numbers []int
	page, count := 0, 0
	for range 12000 {
		// Gaps of one to three varint bytes between a term's pages.
		page += 1 + r.Intn(3)
		if r.Intn(50) == 0 {
			page += 20000
		}
		var ts []tstat
		for id := range terms {
			// Term id is on a page with odds falling with id: term 0 on every page.
			if id == 0 || r.Intn(id/8+1) == 0 || r.Intn(4000) == 0 {
				tst := tstat{term: int32(id), score: uint8(r.Intn(256)), pos: uint8(r.Intn(256))}
				ts = append(ts, tst)
				want[id] = append(want[id], posting{page: uint32(page), score: tst.score, pos: tst.pos})
			}
		}
		r.Shuffle(len(ts), func(i, j int) { ts[i], ts[j] = ts[j], ts[i] })
		pages, numbers = append(pages, ts), append(numbers, page)
		count += len(ts)
	}
	if count < 2*batchPostings {
		t.Fatalf("%d postings: the test should fill more than two batches", count)
	}
	for _, limit := range []int{0, 5000, 40, 1} {
		ps := &postings{limit: limit}
		for i, ts := range pages {
			ps.add(numbers[i], ts)
		}
		ps.flush()
		for id, w := range want {
			if len(w) == 0 {
				continue
			}
			pl := &ps.terms[id]
			if int(pl.n) != len(w) {
				t.Fatalf("batches of %d: term %d: %d pages, want %d", limit, id, pl.n, len(w))
			}
			got := ps.appendTo([]byte("x"), pl)
			if exp := appendPostings([]byte("x"), w); !bytes.Equal(got, exp) {
				t.Fatalf("batches of %d: term %d (%d pages): postings differ from %d bytes on", limit, id, len(w), firstDiff(got, exp))
			}
		}
		if len(ps.slabs) < 2 {
			t.Errorf("batches of %d: %d slab: the test should fill more than one", limit, len(ps.slabs))
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
