package region

import (
	"testing"
	"unsafe"
)

// A region of 2 MB or more begins on a 2 MB boundary, and every region holds all of its
// bytes: the large pages are given to aligned memory alone.
func TestMapAligned(t *testing.T) {
	for _, n := range []int{1, 4 << 10, hugePage - 1, hugePage, hugePage + 1, 15<<20 + 12345, 6 << 20} {
		mem, free := Map(n)
		if mem == nil {
			t.Fatalf("Linux gave no region of %d bytes", n)
		}
		if len(mem) != n || cap(mem) != n {
			t.Fatalf("a region of %d bytes (cap %d), want %d", len(mem), cap(mem), n)
		}
		if p := uintptr(unsafe.Pointer(unsafe.SliceData(mem))); n >= hugePage && p%hugePage != 0 {
			t.Errorf("a region of %d bytes begins at %#x, not on a 2 MB boundary", n, p)
		}
		for i := range mem {
			mem[i] = byte(i)
		}
		for i := range mem {
			if mem[i] != byte(i) {
				t.Fatalf("byte %d of %d reads %d", i, n, mem[i])
			}
		}
		free()
	}
	if mem, _ := Map(0); mem != nil {
		t.Errorf("a region of no bytes: %d", len(mem))
	}
}
