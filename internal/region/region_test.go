package region

import (
	"runtime"
	"testing"
)

// A region holds what is written to it, all of it, until it is freed.
func TestMap(t *testing.T) {
	const n = 4 << 20
	mem, free := Map(n)
	if mem == nil {
		if runtime.GOOS == "linux" {
			t.Fatal("Linux gave no region of 4 MB")
		}
		t.Skip("no regions on", runtime.GOOS)
	}
	defer free()
	if len(mem) != n {
		t.Fatalf("a region of %d bytes, want %d", len(mem), n)
	}
	for i := range mem {
		mem[i] = byte(i*7 + i>>12)
	}
	for i := range mem {
		if mem[i] != byte(i*7+i>>12) {
			t.Fatalf("byte %d reads %d, written %d", i, mem[i], byte(i*7+i>>12))
		}
	}
}

// Populate leaves a region's bytes zero and writable: it only has them given ahead.
func TestPopulate(t *testing.T) {
	const n = 4 << 20
	mem, free := Map(n)
	if mem == nil {
		t.Skip("no regions on", runtime.GOOS)
	}
	defer free()
	Populate(mem)
	for i := range mem {
		if mem[i] != 0 {
			t.Fatalf("byte %d is %d after Populate", i, mem[i])
		}
	}
	mem[n-1] = 9
	if mem[n-1] != 9 {
		t.Fatal("not writable")
	}
}
