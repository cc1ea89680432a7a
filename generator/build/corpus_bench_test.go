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

// BenchmarkCorpusIndexShare builds the library in $BETWEEN_CORPUS with the search index
// and without it, alternately, for the share of the build's wall time indexing takes:
// go test -run X -bench CorpusIndexShare -benchtime 3x. The figure to quote is index-%:
// what the index adds, as a share of the build with it, from the medians of the runs
// (s-with-index, s-without); index-mean-% is the same from the means, for comparison with
// figures taken before the medians.
//
// Where the output goes, by the environment:
//   - by default, nowhere (the Discard sink): the pages are rendered and the index made,
//     but no file is created or written, so this is less than a full build;
//   - BETWEEN_SHARE_DIR=dir: into a new output folder under dir, as `between build` does
//     the first time, removed after each run; dir on a tmpfs (/dev/shm) gives a full
//     build without the disk's noise;
//   - BETWEEN_SHARE_DISK=1: the same under the test's temporary folder (TMPDIR, /tmp), on
//     disk, the folders kept until the benchmark ends.
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
	parent := os.Getenv("BETWEEN_SHARE_DIR")
	if parent == "" && os.Getenv("BETWEEN_SHARE_DISK") == "1" {
		parent = b.TempDir()
	}
	// And the collector's CPU time, as the runtime estimates it (its workers and assists,
	// not what it marks on cores left idle): the index's allocations add to it outside
	// the index's own functions.
	gcSample := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/cpu/classes/gc/mark/idle:cpu-seconds"}}
	gcCPU := func() float64 {
		metrics.Read(gcSample)
		return gcSample[0].Value.Float64() - gcSample[1].Value.Float64()
	}
	type run struct{ wall, cpu, gc float64 } // seconds
	var with, without []run
	// A build first, not counted: the process's first build grows its heap from nothing and
	// meets the library's files for the first time, which the build of its first round then
	// paid alone. With one round (-benchtime 1x), that was the build with the index: on 8
	// December it read +47% where five rounds had read +22%.
	if _, err := New(Options{Root: root}).BuildTo(Discard{}); err != nil {
		b.Fatal(err)
	}
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
			var out string
			if parent != "" {
				d, err := os.MkdirTemp(parent, "share-")
				if err != nil {
					b.Fatal(err)
				}
				// Removed however the run ends: a failed build left its folder in memory.
				b.Cleanup(func() { os.RemoveAll(d) })
				out = filepath.Join(d, "out")
				if dir, err = output.Open(out, output.Options{Site: root}); err != nil {
					b.Fatal(err)
				}
				sink = dir
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
			r := run{time.Since(start).Seconds(), (cpu() - c).Seconds(), gcCPU() - gc}
			if index {
				with = append(with, r)
			} else {
				without = append(without, r)
			}
			if out != "" && os.Getenv("BETWEEN_SHARE_DISK") != "1" {
				// A tmpfs holds the output in memory: not a run's worth more each run.
				if err := os.RemoveAll(filepath.Dir(out)); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	median := func(rs []run, f func(run) float64) float64 {
		xs := make([]float64, len(rs))
		for i, r := range rs {
			xs[i] = f(r)
		}
		slices.Sort(xs)
		if n := len(xs); n%2 == 0 {
			return (xs[n/2-1] + xs[n/2]) / 2
		}
		return xs[len(xs)/2]
	}
	mean := func(rs []run, f func(run) float64) float64 {
		sum := 0.0
		for _, r := range rs {
			sum += f(r)
		}
		return sum / float64(len(rs))
	}
	wall := func(r run) float64 { return r.wall }
	cpuOf := func(r run) float64 { return r.cpu }
	gcOf := func(r run) float64 { return r.gc }
	// The index's share of the build with it, and what it adds to the build without it
	// (issue 14: "indexing adds ≤ 15% to the full build's wall time"), the larger figure.
	share := func(w, wo float64) float64 { return 100 * (w - wo) / w }
	added := func(w, wo float64) float64 { return 100 * (w - wo) / wo }
	w, wo := median(with, wall), median(without, wall)
	b.ReportMetric(w, "s-with-index")
	b.ReportMetric(wo, "s-without")
	b.ReportMetric(share(w, wo), "index-%")
	b.ReportMetric(added(w, wo), "index-added-%")
	b.ReportMetric(share(mean(with, wall), mean(without, wall)), "index-mean-%")
	cw, cwo := median(with, cpuOf), median(without, cpuOf)
	b.ReportMetric(cw, "cpu-s-with-index")
	b.ReportMetric(cwo, "cpu-s-without")
	b.ReportMetric(share(cw, cwo), "index-cpu-%")
	b.ReportMetric(added(cw, cwo), "index-cpu-added-%")
	// The same from each round's two builds, taken one after the other, then the median of
	// the rounds: a slow minute of a shared machine slows both builds of its round, where
	// the medians above may take the build with the index from a slow minute and the one
	// without from a fast one. (Sixteen runs of three rounds each, one binary, 7 December
	// 05:02-05:07: the medians' figure read from +3% to +36%.)
	pairs := make([]run, len(with))
	for i := range with {
		pairs[i] = run{wall: added(with[i].wall, without[i].wall), cpu: added(with[i].cpu, without[i].cpu)}
	}
	b.ReportMetric(median(pairs, wall), "index-pair-added-%")
	b.ReportMetric(median(pairs, cpuOf), "index-pair-cpu-added-%")
	b.ReportMetric(median(with, gcOf), "gc-cpu-s-with-index")
	b.ReportMetric(median(without, gcOf), "gc-cpu-s-without")
}

// BenchmarkCorpusRebuild measures what `between serve` does after a save, on a copy of the
// library in $BETWEEN_CORPUS built as serve builds it (Preview): a body edit, a title edit
// and a tag edit of one article, a page added and a page removed. For profiling the
// rebuild path at a real size:
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
	// A page added, a copy of the page under a new name, and the copies removed again, one
	// an op: "add" and "remove" write and remove them (remove after add, with as many ops).
	var copies []string
	n := 0
	for _, kind := range []string{"body", "title", "tag", "add", "remove"} {
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
				file := name
				switch kind {
				case "add":
					file = strings.TrimSuffix(name, ".md") + fmt.Sprintf("-copy-%d.md", n)
					copies = append(copies, file)
					err = os.WriteFile(filepath.Join(root, file), edits["title"](n), 0o644)
				case "remove":
					if len(copies) == 0 {
						b.Skip("nothing to remove: run add before, as many times")
					}
					file, copies = copies[0], copies[1:]
					err = os.Remove(filepath.Join(root, file))
				default:
					err = os.WriteFile(filepath.Join(root, file), edits[kind](n), 0o644)
				}
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				res, err := bl.Rebuild([]string{file})
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
