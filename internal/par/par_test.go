package par

import (
	"fmt"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
)

func TestDoRunsEachOnce(t *testing.T) {
	for _, procs := range []int{1, 4} {
		t.Run(fmt.Sprint(procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			var ran [3]atomic.Int32
			Do(func() { ran[0].Add(1) }, func() { ran[1].Add(1) }, func() { ran[2].Add(1) })
			for i := range ran {
				if n := ran[i].Load(); n != 1 {
					t.Errorf("step %d ran %d times", i, n)
				}
			}
		})
	}
}

// A panic in a step on a goroutine of its own reaches the caller, after every step is done.
func TestDoPanicReachesCaller(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var done atomic.Bool
	got := func() (r any) {
		defer func() { r = recover() }()
		Do(func() {}, func() { panic("boom") }, func() {
			for i := 0; i < 1e6; i++ {
				_ = i
			}
			done.Store(true)
		})
		return nil
	}()
	if got != "boom" {
		t.Fatalf("recovered %v, want the step's panic", got)
	}
	if !done.Load() {
		t.Error("Do returned before every step was done")
	}
}

func TestPartsCoverInOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 1023, 1024, 5000, 100_001} {
			seen := make([]int32, n)
			bounds := make([][2]int, procs)
			parts := Parts(n, func(k, lo, hi int) {
				bounds[k] = [2]int{lo, hi}
				for i := lo; i < hi; i++ {
					seen[i]++
				}
			})
			if slices.ContainsFunc(seen, func(c int32) bool { return c != 1 }) {
				t.Fatalf("GOMAXPROCS=%d n=%d: an index not covered once", procs, n)
			}
			for k := 1; k < parts; k++ {
				if bounds[k][0] != bounds[k-1][1] {
					t.Fatalf("GOMAXPROCS=%d n=%d: part %d starts at %d, the one before ends at %d", procs, n, k, bounds[k][0], bounds[k-1][1])
				}
			}
			if n > 0 && (bounds[0][0] != 0 || bounds[parts-1][1] != n) {
				t.Fatalf("GOMAXPROCS=%d n=%d: parts %v", procs, n, bounds[:parts])
			}
		}
	}
}
