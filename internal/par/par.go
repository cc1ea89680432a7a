// Package par runs a few independent steps of one stage at once, for the serial stretches
// of a build (assembling the model, the maps made from every page) that leave a core idle.
// A panic in a step is the caller's panic, as it would be if the steps ran one after the
// other, so that what recovers the caller's panics (the builder's workers) sees it.
package par

import (
	"runtime"
	"sync"
)

// Do runs first on the calling goroutine and each of others on one of its own, and returns
// once all are done. On one core they run one after the other, in order.
func Do(first func(), others ...func()) {
	if runtime.GOMAXPROCS(0) < 2 {
		first()
		for _, f := range others {
			f()
		}
		return
	}
	panics := make([]any, len(others))
	var wg sync.WaitGroup
	for i, f := range others {
		wg.Go(func() {
			defer func() { panics[i] = recover() }()
			f()
		})
	}
	func() {
		defer wg.Wait() // also when first panics: the others finish first
		first()
	}()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}

// Parts splits [0, n) into one part a core (fewer when n is small) and runs part(lo, hi)
// for each at once, with Do; it returns how many parts there were, in order: part k is
// [k*n/parts, (k+1)*n/parts).
func Parts(n int, part func(k, lo, hi int)) int {
	parts := max(1, min(runtime.GOMAXPROCS(0), n/1024))
	jobs := make([]func(), parts)
	for k := range parts {
		jobs[k] = func() { part(k, k*n/parts, (k+1)*n/parts) }
	}
	Do(jobs[0], jobs[1:]...)
	return parts
}
