package search

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

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
		p.Body = markdown.NewBody([]byte(doc.Text()))
		s.Pages = append(s.Pages, p)
	}
	return s
}

// BenchmarkIndex measures indexing 1,000 pages from scratch, analysis and encoding: the
// index's share of a build (go test -bench Index -cpuprofile cpu.out to see where it goes).
// BETWEEN_BENCH_PAGES sets another number of pages (all of a 10,000-page library: the
// build's case, where each analyser's vocabulary is made once for many more pages). It
// reports the CPU time too, which a busy machine disturbs less than the time.
func BenchmarkIndex(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("BETWEEN_BENCH_PAGES")); err == nil {
		n = v
	}
	s := benchSite(b, n)
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
