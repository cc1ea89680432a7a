package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// The memory the commands ask Go's collector to stay under while what they hold allows it.
// Left to itself, the collector lets the heap grow to twice what is live before it collects
// (GOGC=100): a build of 100,000 pages that holds 1 GB at its peak took 2.1 GB. With a soft
// limit it collects sooner when the heap nears the limit, which cost no measurable CPU time
// on that build (see README, "Speed").
const (
	buildMemory = 1536 << 20 // between build and check
	serveMemory = 512 << 20  // between serve
)

// limitMemory sets Go's soft memory limit to base (debug.SetMemoryLimit), unless the
// GOMEMLIMIT environment variable sets one. Once what is live passes two thirds of base,
// the limit follows it at half again its size, so that a library larger than base was
// chosen for is not slowed by a collector that runs all the time: it collects at most as
// often as with GOGC=50. stop puts back no limit.
func limitMemory(base int64) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	debug.SetMemoryLimit(base)
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		limit := base
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				return
			}
			live := int64(sample[0].Value.Uint64())
			if want := max(base, live+live/2); want != limit {
				limit = want
				debug.SetMemoryLimit(limit)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		debug.SetMemoryLimit(math.MaxInt64)
	}
}
