package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The soft limit is base while little is live, follows what is live at half again its size
// once that passes two thirds of base (no collector running all the time on a library
// larger than base was chosen for), is gone after stop, and is left to GOMEMLIMIT when
// that is set.
func TestLimitMemory(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	const base = 16 << 20
	stop := limitMemory(base)
	if got := debug.SetMemoryLimit(-1); got != base {
		t.Fatalf("limit %d, want %d", got, base)
	}
	held := make([][]byte, 64)
	for i := range held {
		held[i] = make([]byte, 1<<20) // 64 MB live, four times base
	}
	runtime.GC()
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) < 64<<20*3/2 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got < 64<<20*3/2 {
		t.Errorf("with 64 MB live the limit stayed at %d", got)
	}
	runtime.KeepAlive(held)
	stop()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("after stop the limit is %d", got)
	}

	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(1 << 30)
	limitMemory(base)()
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("with GOMEMLIMIT set the limit became %d", got)
	}
}
