package build

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// BenchmarkCorpus builds the library in $BETWEEN_CORPUS (one made by gencorpus.py), for
// profiling a real-sized build: go test -run X -bench Corpus -cpuprofile cpu.out.
func BenchmarkCorpus(b *testing.B) {
	root := os.Getenv("BETWEEN_CORPUS")
	if root == "" {
		b.Skip("set BETWEEN_CORPUS to a generated library")
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := New(Options{Root: root}).BuildTo(Discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCorpusIndexShare builds the library in $BETWEEN_CORPUS to disk-less output with
// the search index and without it, alternately, for the share of the build's wall time
// indexing takes: go test -run X -bench CorpusIndexShare -benchtime 3x. The figure to quote
// is index-%: what the index adds, as a share of the build with it.
func BenchmarkCorpusIndexShare(b *testing.B) {
	root := os.Getenv("BETWEEN_CORPUS")
	if root == "" {
		b.Skip("set BETWEEN_CORPUS to a generated library")
	}
	// Wall time, and CPU time (user and system, this process): on a shared machine the
	// second says more.
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	var with, without, cpuWith, cpuWithout time.Duration
	for i := 0; i < b.N; i++ {
		order := []bool{true, false}
		if i%2 == 1 { // in turn, so that neither build is always the one with a cold cache
			order = []bool{false, true}
		}
		for _, index := range order {
			bl := New(Options{Root: root})
			bl.noIndex = !index
			runtime.GC()
			start, c := time.Now(), cpu()
			if _, err := bl.BuildTo(Discard{}); err != nil {
				b.Fatal(err)
			}
			if index {
				with += time.Since(start)
				cpuWith += cpu() - c
			} else {
				without += time.Since(start)
				cpuWithout += cpu() - c
			}
		}
	}
	n := float64(b.N)
	b.ReportMetric(with.Seconds()/n, "s-with-index")
	b.ReportMetric(without.Seconds()/n, "s-without")
	b.ReportMetric(100*(with-without).Seconds()/with.Seconds(), "index-%")
	b.ReportMetric(cpuWith.Seconds()/n, "cpu-s-with-index")
	b.ReportMetric(cpuWithout.Seconds()/n, "cpu-s-without")
	b.ReportMetric(100*(cpuWith-cpuWithout).Seconds()/cpuWith.Seconds(), "index-cpu-%")
}
