package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/output"
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
//
// BETWEEN_SHARE_DISK=1 builds into a new output folder on disk instead, as `between build`
// does the first time: the index's files are then created and written too, which the
// disk-less build leaves out.
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
	disk := os.Getenv("BETWEEN_SHARE_DISK") == "1"
	var with, without, cpuWith, cpuWithout time.Duration
	// And the collector's CPU time, as the runtime estimates it (its workers and assists,
	// not what it marks on cores left idle): the index's allocations add to it outside
	// the index's own functions.
	gcSample := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/cpu/classes/gc/mark/idle:cpu-seconds"}}
	gcCPU := func() float64 {
		metrics.Read(gcSample)
		return gcSample[0].Value.Float64() - gcSample[1].Value.Float64()
	}
	var gcWith, gcWithout float64
	for i := 0; i < b.N; i++ {
		order := []bool{true, false}
		if i%2 == 1 { // in turn, so that neither build is always the one with a cold cache
			order = []bool{false, true}
		}
		for _, index := range order {
			bl := New(Options{Root: root})
			bl.noIndex = !index
			var sink Sink = Discard{}
			var dir *output.Dir
			if disk {
				out := filepath.Join(b.TempDir(), "out")
				d, err := output.Open(out, output.Options{Site: root})
				if err != nil {
					b.Fatal(err)
				}
				sink, dir = d, d
			}
			runtime.GC()
			start, c, gc := time.Now(), cpu(), gcCPU()
			if _, err := bl.BuildTo(sink); err != nil {
				b.Fatal(err)
			}
			if dir != nil {
				if _, err := dir.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			if index {
				with += time.Since(start)
				cpuWith += cpu() - c
				gcWith += gcCPU() - gc
			} else {
				without += time.Since(start)
				cpuWithout += cpu() - c
				gcWithout += gcCPU() - gc
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
	b.ReportMetric(gcWith/n, "gc-cpu-s-with-index")
	b.ReportMetric(gcWithout/n, "gc-cpu-s-without")
}

// BenchmarkCorpusRebuild measures what `between serve` does after a save, on a copy of the
// library in $BETWEEN_CORPUS built as serve builds it (Preview): a body edit, a title edit
// and a tag edit of one article. For profiling the rebuild path at a real size:
//
//	BETWEEN_CORPUS=/path/to/corpus10k go test ./generator/build -run X -bench CorpusRebuild/title -benchtime 20x -cpuprofile cpu.out
func BenchmarkCorpusRebuild(b *testing.B) {
	src := os.Getenv("BETWEEN_CORPUS")
	if src == "" {
		b.Skip("set BETWEEN_CORPUS to a generated library")
	}
	root := b.TempDir()
	if err := os.CopyFS(root, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	ents, err := os.ReadDir(filepath.Join(root, "content", "articles"))
	if err != nil {
		b.Fatal(err)
	}
	var name string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".md") && !strings.HasPrefix(e.Name(), "_") {
			name = "content/articles/" + e.Name()
			break
		}
	}
	orig, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		b.Fatal(err)
	}
	bl := New(Options{Root: root, BaseURL: "/", Preview: true})
	if _, err := bl.Build(); err != nil {
		b.Fatal(err)
	}
	titleRe := regexp.MustCompile(`(?m)^title = .*$`)
	tagsRe := regexp.MustCompile(`(?m)^tags = \[(.*)\]$`)
	edits := map[string]func(i int) []byte{
		// The page takes one more of the library's tags, another each time: it leaves one
		// tag's list and joins another's.
		"tag": func(i int) []byte {
			return tagsRe.ReplaceAll(orig, []byte(fmt.Sprintf("tags = [$1, %q]", []string{"values", "habits"}[i%2])))
		},
		"body": func(i int) []byte { return append(append([]byte{}, orig...), fmt.Sprintf("\n\nEdit %d.\n", i)...) },
		"title": func(i int) []byte {
			return titleRe.ReplaceAll(orig, []byte(fmt.Sprintf("title = \"Title %d\"", i)))
		},
	}
	n := 0
	for _, kind := range []string{"body", "title", "tag"} {
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			// BETWEEN_PROFILE=dir profiles the rebuilds alone, without the first build:
			// dir/rebuild-KIND.cpu.
			if dir := os.Getenv("BETWEEN_PROFILE"); dir != "" {
				f, err := os.Create(filepath.Join(dir, "rebuild-"+kind+".cpu"))
				if err != nil {
					b.Fatal(err)
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					b.Fatal(err)
				}
				defer pprof.StopCPUProfile()
				// And the allocations of the rebuilds alone: pprof -base rebuild-KIND-0.alloc
				// rebuild-KIND-1.alloc.
				writeAllocs := func(n int) {
					f, err := os.Create(filepath.Join(dir, fmt.Sprintf("rebuild-%s-%d.alloc", kind, n)))
					if err != nil {
						b.Fatal(err)
					}
					defer f.Close()
					runtime.GC() // the profile is as of the last collection
					pprof.Lookup("allocs").WriteTo(f, 0)
				}
				writeAllocs(0)
				defer writeAllocs(1)
			}
			var took []time.Duration
			for range b.N {
				n++
				if err := os.WriteFile(filepath.Join(root, name), edits[kind](n), 0o644); err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				res, err := bl.Rebuild([]string{name})
				if err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
				b.ReportMetric(float64(res.Rendered), "rendered/op")
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
		})
	}
}
