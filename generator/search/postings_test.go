package search

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"
)

// TestPostingsChains: postings gathered page by page into runs, scattered into each
// term's list as appendPostings writes it, for terms on one page, on every page, and with
// gaps of every varint length. The pages come in batches of every size: the default (a
// term's postings across batches), a hundred pages, and fewer terms than a page has (a
// page alone in its batch).
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
		got := lists(ps)
		for id, w := range want {
			if len(w) == 0 {
				continue
			}
			pl := &ps.terms[id]
			if int(pl.n) != len(w) {
				t.Fatalf("batches of %d: term %d: %d pages, want %d", limit, id, pl.n, len(w))
			}
			if exp := appendPostings(nil, w); !bytes.Equal(got[id], exp) {
				t.Fatalf("batches of %d: term %d (%d pages): postings differ from %d bytes on", limit, id, len(w), firstDiff(got[id], exp))
			}
		}
		if len(ps.slabs) < 2 {
			t.Errorf("batches of %d: %d slab: the test should fill more than one", limit, len(ps.slabs))
		}
		// Scattered a batch of terms at a time, as writeShards does, the lists are the same.
		for _, batches := range []int{2, 3, 7} {
			batchOf := make([]int32, len(ps.terms))
			for id := range batchOf {
				batchOf[id] = int32(r.Intn(batches))
			}
			for id, b := range batchedLists(ps, batchOf, batches) {
				if !bytes.Equal(b, got[id]) {
					t.Fatalf("batches of %d, %d batches of terms: term %d: postings differ from %d bytes on", limit, batches, id, firstDiff(b, got[id]))
				}
			}
		}
	}
}

// batchedLists is lists with the terms scattered in batches, batchOf[term] first to last:
// scatterFirst, then scatterRuns for each batch after the first.
func batchedLists(ps *postings, batchOf []int32, batches int) [][]byte {
	out := make([][]byte, len(ps.terms))
	runs := make([]int, batches)
	for id, pl := range ps.terms {
		out[id] = make([]byte, pl.size)
		runs[batchOf[id]] += int(pl.runs)
	}
	var later *runIndex
	for b := range batches {
		dst := make([][]byte, len(ps.terms))
		for id := range dst {
			if batchOf[id] == int32(b) {
				dst[id] = out[id]
			}
		}
		if b == 0 {
			later = ps.scatterFirst(dst, batchOf, runs)
		} else {
			ps.scatterRuns(dst, later, b)
		}
		for id, rest := range dst {
			if len(rest) > 0 {
				panic(fmt.Sprintf("batch %d, term %d: %d bytes of its postings not written", b, id, len(rest)))
			}
		}
	}
	return out
}

// lists returns each term's postings, as postings.scatter copies them into its shard.
func lists(ps *postings) [][]byte {
	out := make([][]byte, len(ps.terms))
	dst := make([][]byte, len(ps.terms))
	for id, pl := range ps.terms {
		out[id] = make([]byte, pl.size)
		dst[id] = out[id]
	}
	ps.scatter(dst)
	for id, rest := range dst {
		if len(rest) > 0 {
			panic(fmt.Sprintf("term %d: %d bytes of its postings not written", id, len(rest)))
		}
	}
	return out
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestPostingsLongRun: a term's postings of one batch longer than a slab holds, cut into
// runs that read back as one list.
func TestPostingsLongRun(t *testing.T) {
	ps := &postings{limit: 1 << 20}
	var want []posting
	for page := range 1 << 19 {
		tst := tstat{term: 0, score: uint8(page), pos: uint8(page >> 8)}
		ps.add(page, []tstat{tst})
		want = append(want, posting{page: uint32(page), score: tst.score, pos: tst.pos})
	}
	ps.flush()
	if size := ps.terms[0].size; size <= maxRun {
		t.Fatalf("%d bytes of postings: the test should fill more than a run", size)
	}
	got := lists(ps)[0]
	if exp := appendPostings(nil, want); !bytes.Equal(got, exp) {
		t.Fatalf("postings differ from %d bytes on", firstDiff(got, exp))
	}
}

// TestPostingsRelease: the slabs' memory, outside the heap where the system gives it, is
// given back once the runs are scattered, and giving it back again (the cleanup of
// postings dropped) does nothing.
func TestPostingsRelease(t *testing.T) {
	ps := &postings{limit: 1000}
	var want []posting
	for page := range slabSize {
		tst := tstat{term: int32(page % 3), score: uint8(page), pos: uint8(page >> 8)}
		ps.add(page, []tstat{tst})
		if page%3 == 1 {
			want = append(want, posting{page: uint32(page), score: tst.score, pos: tst.pos})
		}
	}
	ps.flush()
	if len(ps.slabs) < 2 {
		t.Fatalf("%d slab: the test should fill more than one", len(ps.slabs))
	}
	if got, exp := lists(ps)[1], appendPostings(nil, want); !bytes.Equal(got, exp) {
		t.Fatalf("postings differ from %d bytes on", firstDiff(got, exp))
	}
	regions := ps.regions
	ps.release()
	if ps.slabs != nil || len(regions.frees) != 0 || regions.left != nil {
		t.Fatalf("after release: %d slabs, %d regions not freed", len(ps.slabs), len(regions.frees))
	}
	regions.free()
}
