package search

import (
	"runtime"
	"testing"
)

// TestReserve: an index that takes its postings' memory from a reserve makes the same
// files, takes a region a slab needs and no more, and Close frees the rest and stops any
// further Fill.
func TestReserve(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("regions are Linux's (internal/region)")
	}
	s := bigSite(300)
	want := Files(s)

	r := NewReserve()
	r.Fill(3 * regionSize)
	if n := len(r.ready); n != 3 {
		t.Fatalf("Fill of three regions made %d", n)
	}
	o := NewOnce(s)
	o.UseReserve(r)
	got := mustRun(t, o)
	sameFiles(t, "with a reserve: ", got, want)
	if n := len(r.ready); n != 2 {
		t.Errorf("%d regions left: the index's postings take one", n)
	}
	r.Close()
	if len(r.ready) != 0 || !r.closed {
		t.Errorf("Close left %d regions", len(r.ready))
	}
	r.Fill(2 * regionSize)
	if len(r.ready) != 0 {
		t.Errorf("Fill after Close made %d regions", len(r.ready))
	}

	// Less than a region is none; a nil reserve gives nothing and closes.
	small := NewReserve()
	small.Fill(regionSize - 1)
	if len(small.ready) != 0 {
		t.Errorf("Fill of less than a region made %d", len(small.ready))
	}
	small.Close()
	var none *Reserve
	if _, _, ok := none.take(); ok {
		t.Error("a nil reserve gave a region")
	}
	none.Close()

	if got := ReserveFor(1_000_000); got != maxReserve {
		t.Errorf("a million pages reserve %d bytes, want the most, %d", got, maxReserve)
	}
}
