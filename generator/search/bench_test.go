package search

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/BurntSushi/toml"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/internal/gensite"
)

// benchSite converts the first n pages of a library ($BETWEEN_CORPUS, else a generated
// one) as the build does, for the index alone to be measured.
func benchSite(b *testing.B, n int) *site.Site {
	b.Helper()
	root := os.Getenv("BETWEEN_CORPUS")
	if root == "" {
		root = b.TempDir()
		if err := gensite.Generate(root, n); err != nil {
			b.Fatal(err)
		}
	}
	var paths []string
	filepath.WalkDir(filepath.Join(root, "content"), func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".md") && !strings.HasPrefix(d.Name(), "_") && len(paths) < n {
			paths = append(paths, path)
		}
		return nil
	})
	conv := markdown.New(false)
	budget := markdown.NewBudget(1 << 40)
	s := &site.Site{}
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		var fm struct {
			Title, Description string
			Tags               []string
		}
		body := src
		if parts := strings.SplitN(string(src), "+++", 3); len(parts) == 3 {
			toml.Decode(parts[1], &fm)
			body = []byte(parts[2])
		}
		doc, err := conv.Convert(body, markdown.Options{Fields: true})
		if err != nil {
			b.Fatal(err)
		}
		kind := filepath.Base(filepath.Dir(path))
		p := fixturePage(strings.TrimSuffix(kind, "s"), strings.TrimSuffix(filepath.Base(path), ".md"), fm.Title, fm.Description, fm.Tags,
			doc.Text())
		// Held as it is, as the build holds a library of this size (its memory budget).
		p.Body = markdown.NewBodyWithin([]byte(doc.Text()), budget)
		s.Pages = append(s.Pages, p)
	}
	return s
}

// BenchmarkIndex measures indexing 1,000 pages from scratch, analysis and encoding: the
// index's share of a build (go test -bench Index -cpuprofile cpu.out to see where it goes).
// BETWEEN_BENCH_PAGES sets another number of pages (all of a 10,000-page library: the
// build's case, where each analyser's vocabulary is made once for many more pages). It
// benchPages is how many pages the index benchmarks make: BETWEEN_BENCH_PAGES, or 1,000.
func benchPages() int {
	if v, err := strconv.Atoi(os.Getenv("BETWEEN_BENCH_PAGES")); err == nil {
		return v
	}
	return 1000
}

// reports the CPU time too, which a busy machine disturbs less than the time.
func BenchmarkIndex(b *testing.B) {
	s := benchSite(b, benchPages())
	b.ReportAllocs()
	b.ResetTimer()
	c := cpuTime()
	for b.Loop() {
		Files(s)
	}
	b.ReportMetric(float64((cpuTime()-c).Milliseconds())/float64(b.N), "cpu-ms/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkIndexMemory reports what indexing holds at its peak beyond the site
// (peak-MB, sampled every few milliseconds, with a collector set to keep little garbage)
// and what the index's files come to (files-MB), which the build holds until written:
// the index's share of a build's memory. BETWEEN_BENCH_PAGES as for BenchmarkIndex.
func BenchmarkIndexMemory(b *testing.B) {
	s := benchSite(b, benchPages())
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	// The collector runs often, so that the peak is what indexing holds, not garbage.
	defer debug.SetGCPercent(debug.SetGCPercent(5))
	var peak, files float64
	for b.Loop() {
		runtime.GC()
		base := heap()
		var top atomic.Uint64
		done := make(chan bool)
		go func() {
			t := time.NewTicker(2 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-done:
					done <- true
					return
				case <-t.C:
					if h := heap(); h > top.Load() {
						top.Store(h)
					}
				}
			}
		}()
		out := Files(s)
		done <- true
		<-done
		size := 0
		for _, data := range out {
			size += len(data)
		}
		peak = max(peak, float64(top.Load()-min(base, top.Load()))/(1<<20))
		files = float64(size) / (1 << 20)
	}
	b.ReportMetric(peak, "peak-MB")
	b.ReportMetric(files, "files-MB")
}

// BenchmarkAnalyse measures analysing pages alone, on one goroutine: splitting, folding
// and counting the words of each page, without the postings and files (per page,
// ns/page; BETWEEN_BENCH_PAGES as for BenchmarkIndex).
func BenchmarkAnalyse(b *testing.B) {
	s := benchSite(b, benchPages())
	ix := &Indexer{once: true, dict: newDict(1 << 14)}
	an := newAnalyser(ix)
	runtime.GC() // the conversion's garbage, not to be collected while timed
	b.ReportAllocs()
	b.ResetTimer()
	c := cpuTime()
	for b.Loop() {
		for _, p := range s.Pages {
			an.page(p)
		}
	}
	b.ReportMetric(float64((cpuTime()-c).Microseconds())/float64(b.N*len(s.Pages)), "cpu-µs/page")
}

// BenchmarkSplit measures splitting text into words alone, without counting them: the
// text of the first 300 pages, in ns/word.
func BenchmarkSplit(b *testing.B) {
	s := benchSite(b, 300)
	var text []byte
	for _, p := range s.Pages {
		_, t := plainText(p.Body.String())
		text = append(append(text, t...), ' ')
	}
	var sc scanner
	words := 0
	count := emitFunc(func([]byte, uint64, int) { words++ })
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		sc.scan(string(text), 0, count)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(words), "ns/word")
}

// BenchmarkPostings measures adding the pages' terms to their postings alone, as a build
// that indexes once does, page after page (ns/posting; BETWEEN_BENCH_PAGES as for
// BenchmarkIndex).
func BenchmarkPostings(b *testing.B) {
	s := benchSite(b, benchPages())
	ix := &Indexer{once: true, dict: newDict(1 << 14)}
	an := newAnalyser(ix)
	pages := make([][]tstat, len(s.Pages))
	count := 0
	for i, p := range s.Pages {
		_, terms := an.page(p)
		pages[i] = slices.Clone(terms)
		count += len(terms)
	}
	runtime.GC()
	b.ResetTimer()
	c := cpuTime()
	for b.Loop() {
		ps := &postings{}
		for i, terms := range pages {
			ps.add(i, terms)
		}
		ps.flush()
	}
	b.ReportMetric(float64((cpuTime()-c).Nanoseconds())/float64(b.N*count), "cpu-ns/posting")
}

// BenchmarkPostedEntries measures making the sorted entries of the postings of every page,
// which a build does at its end, once the last page is analysed (BETWEEN_BENCH_PAGES as for
// BenchmarkIndex; all of a 10,000-page library for the build's case).
func BenchmarkPostedEntries(b *testing.B) {
	s := benchSite(b, benchPages())
	ix := &Indexer{once: true, dict: newDict(1 << 14)}
	an := newAnalyser(ix)
	ps := &postings{}
	for i, p := range s.Pages {
		_, terms := an.page(p)
		ps.add(i, terms)
	}
	ps.flush()
	runtime.GC()
	b.ResetTimer()
	var entries []*entry
	for b.Loop() {
		entries = postedEntries(ps, ix.dict)
	}
	b.ReportMetric(float64(len(entries)), "terms")
}

// BenchmarkShards measures the postings' whole way in a build that indexes once, from the
// pages' terms to the shards written: adding the terms, page after page, then encode's
// entries, layout, scatter, naming and writing, into a writer that keeps nothing
// (cpu-ms/op; BETWEEN_BENCH_PAGES as for BenchmarkIndex), and encode's part alone
// (encode-ms/op, encode-cpu-ms/op).
func BenchmarkShards(b *testing.B) {
	s := benchSite(b, benchPages())
	ix := &Indexer{once: true, dict: newDict(1 << 14)}
	an := newAnalyser(ix)
	pages := make([][]tstat, len(s.Pages))
	for i, p := range s.Pages {
		_, terms := an.page(p)
		pages[i] = slices.Clone(terms)
	}
	docs := make([]*doc, len(s.Pages))
	var w discardWriter
	runtime.GC()
	b.ResetTimer()
	c := cpuTime()
	var tail, tailCPU time.Duration
	for b.Loop() {
		ix.post = &postings{}
		ix.results = &resultFiles{pages: len(pages), w: &w}
		for i, terms := range pages {
			ix.post.add(i, terms)
		}
		t, tc := time.Now(), cpuTime()
		ix.encode(s.Pages, docs, nil, "")
		tail, tailCPU = tail+time.Since(t), tailCPU+cpuTime()-tc
		if ix.writeErr != nil {
			b.Fatal(ix.writeErr)
		}
	}
	b.ReportMetric(float64((cpuTime()-c).Milliseconds())/float64(b.N), "cpu-ms/op")
	// What a build does after its last page, when it may have nothing else to do.
	b.ReportMetric(float64(tail.Microseconds())/1000/float64(b.N), "encode-ms/op")
	b.ReportMetric(float64(tailCPU.Microseconds())/1000/float64(b.N), "encode-cpu-ms/op")
	b.ReportMetric(float64(w.bytes.Load())/float64(b.N)/(1<<20), "shard-MB/op")
}

// discardWriter is a Writer that keeps nothing but the count of bytes written.
type discardWriter struct{ bytes atomic.Int64 }

func (*discardWriter) Plan([]string) error { return nil }

func (w *discardWriter) Write(_ string, data []byte) error {
	w.bytes.Add(int64(len(data)))
	return nil
}

// BenchmarkScanWords measures counting the words of the pages' body texts alone (scanIn:
// scanWords and the general way where it stops), with every term met before, as a
// build's analysers meet most words (cpu-ns/word; BETWEEN_BENCH_PAGES as for
// BenchmarkIndex). Each text is copied into one buffer first, as walk makes it: the
// build reads a text just written, not from memory. Each way of scanWords that this machine has is measured, one after the
// other in each round of b.N, so that a busy machine disturbs them alike.
func BenchmarkScanWords(b *testing.B) {
	s := benchSite(b, benchPages())
	an := newAnalyser(&Indexer{once: true, dict: newDict(1 << 14)})
	texts := bodyTexts(an, s)
	defer func(w uint8) { scanWay = w }(scanWay)
	for _, w := range scanWays {
		b.Run(wayNames[w], func(b *testing.B) {
			scanWay = w
			words := 0
			var buf []byte
			c := cpuTime()
			for b.Loop() {
				for _, t := range texts {
					buf = append(buf[:0], t...)
					an.newPage()
					words += an.scanIn(stringOf(buf), max(len(t)-16, 0), 0)
				}
			}
			b.ReportMetric(float64((cpuTime()-c).Nanoseconds())/float64(words), "cpu-ns/word")
		})
	}
}

// bodyTexts are the texts of s's pages as walk gives them to scanWords, read by an, whose
// terms they then are.
func bodyTexts(an *analyser, s *site.Site) []string {
	var texts []string
	for _, p := range s.Pages {
		html := an.body.HTML(p.Body)
		an.newPage()
		an.rank, an.bias = rankBody, bodyBias
		an.walk(unsafe.String(unsafe.SliceData(html), len(html)))
		texts = append(texts, string(an.w.text))
	}
	return texts
}
