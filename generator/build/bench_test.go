package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/internal/gensite"
)

// BenchmarkBuild measures a full build in memory of generated libraries.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			root := b.TempDir()
			if err := gensite.Generate(root, n); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := New(Options{Root: root}).Build(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRebuildOnePage measures the rebuild after one page's body changes: what a coach
// waits for after saving.
func BenchmarkRebuildOnePage(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			bl, root, name, orig := builtSite(b, n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				text := append(append([]byte{}, orig...), fmt.Sprintf("\n\nEdit %d.\n", i)...)
				if err := os.WriteFile(filepath.Join(root, name), text, 0o644); err != nil {
					b.Fatal(err)
				}
				res, err := bl.Rebuild([]string{name})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Rendered), "rendered/op")
			}
		})
	}
}

// BenchmarkRebuildTitle measures the rebuild after one page's title changes, which every
// list, neighbour and tag page showing it must follow: the slow way of a rebuild.
func BenchmarkRebuildTitle(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			bl, root, name, orig := builtSite(b, n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				text := strings.Replace(string(orig), "title = \"Page 3", fmt.Sprintf("title = \"Page 3 (%d)", i), 1)
				if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
					b.Fatal(err)
				}
				res, err := bl.Rebuild([]string{name})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Rendered), "rendered/op")
			}
		})
	}
}

// builtSite generates a library of n pages, builds it, and returns the builder with the
// page the benchmarks edit and its text.
func builtSite(b *testing.B, n int) (bl *Builder, root, name string, orig []byte) {
	b.Helper()
	root = b.TempDir()
	if err := gensite.Generate(root, n); err != nil {
		b.Fatal(err)
	}
	bl = New(Options{Root: root})
	if _, err := bl.Build(); err != nil {
		b.Fatal(err)
	}
	name = "content/articles/page-3.md"
	orig, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		b.Fatal(err)
	}
	return bl, root, name, orig
}

// BenchmarkSearchIndex measures indexing alone, from the model of a built library: the
// share of a full build that search adds. BETWEEN_CORPUS names a library to use instead of
// a generated one (bench/search.sh gives it the gencorpus library).
func BenchmarkSearchIndex(b *testing.B) {
	root := os.Getenv("BETWEEN_CORPUS")
	if root == "" {
		root = b.TempDir()
		if err := gensite.Generate(root, 10000); err != nil {
			b.Fatal(err)
		}
	}
	bl := New(Options{Root: root})
	start := time.Now()
	if _, err := bl.Build(); err != nil {
		b.Fatal(err)
	}
	// The whole build in memory, indexing included: what indexing is a share of.
	build := time.Since(start)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.ReportMetric(float64(build.Milliseconds()), "build-ms")
		files := search.Files(bl.text.site)
		size := 0
		for _, data := range files {
			size += len(data)
		}
		b.ReportMetric(float64(size), "bytes")
	}
}

// BenchmarkSearchReindex measures the index's part of a rebuild after one page's text
// changes, at 10,000 pages (BETWEEN_CORPUS names a library instead): analysing that page
// again and encoding the shards its terms are in.
func BenchmarkSearchReindex(b *testing.B) {
	root := os.Getenv("BETWEEN_CORPUS")
	if root == "" {
		root = b.TempDir()
		if err := gensite.Generate(root, 10000); err != nil {
			b.Fatal(err)
		}
	}
	bl := New(Options{Root: root, Preview: true})
	if _, err := bl.Build(); err != nil {
		b.Fatal(err)
	}
	s := bl.text.site
	var p *site.Page
	for _, q := range s.Pages {
		if search.Indexed(q) && q.Body.Len() > 1000 {
			p = q
			break
		}
	}
	orig := p.Content()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Body = markdown.NewBody([]byte(string(orig) + fmt.Sprintf("<p>Edit %d, a new word: zq%dx.</p>", i, i)))
		files := bl.search.Files(s)
		b.ReportMetric(float64(len(files)), "files")
	}
}
