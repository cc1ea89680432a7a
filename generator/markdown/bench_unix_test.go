//go:build unix

package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkConvertCorpus converts every page of the library in $BETWEEN_CORPUS (one made
// by gencorpus.py) on one core: "goldmark" is goldmark alone, parsing and rendering with
// the extensions and transformers of a build, and the features a build parses the page
// with, into a reused buffer; "Convert" is what a build does per page (that, and the
// headings, ids, words and summary, and keeping the HTML). The first is the least a
// build's converting can take; halved, the least on two cores.
//
//	BETWEEN_CORPUS=/path/to/corpus10k go test ./generator/markdown -run X -bench ConvertCorpus -benchtime 1x
func BenchmarkConvertCorpus(b *testing.B) {
	root := os.Getenv("BETWEEN_CORPUS")
	if root == "" {
		b.Skip("set BETWEEN_CORPUS to a generated library")
	}
	var bodies [][]byte
	var total int64
	err := filepath.WalkDir(filepath.Join(root, "content"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		body := withoutFrontMatter(data)
		bodies = append(bodies, body)
		total += int64(len(body))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	c := New(false)
	for _, kind := range []string{"goldmark", "Convert"} {
		b.Run(kind, func(b *testing.B) {
			b.SetBytes(total)
			b.ReportAllocs()
			var buf bytes.Buffer
			start := cpuTime()
			for range b.N {
				for _, body := range bodies {
					if kind == "Convert" {
						if _, err := c.Convert(body, Options{Rel: "articles/x.md", BasePath: "/", Resolve: func(string) (string, bool) { return "/x/", true }}); err != nil {
							b.Fatal(err)
						}
						continue
					}
					buf.Reset()
					keep, _ := pageFeatures(body) // the parser a build gives the page
					if err := c.parsers[keep]().Convert(body, &buf); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(len(bodies)), "pages/op")
		})
	}
}

// withoutFrontMatter is a page's body: what follows its +++ or --- block.
func withoutFrontMatter(data []byte) []byte {
	for _, fence := range []string{"+++\n", "---\n"} {
		if rest, ok := bytes.CutPrefix(data, []byte(fence)); ok {
			if i := bytes.Index(rest, []byte("\n"+fence)); i >= 0 {
				return rest[i+len(fence)+1:]
			}
		}
	}
	return data
}

// cpuTime is the CPU time this process used, user and system: on a machine others share
// it says more than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
