//go:build unix

package markdown

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// BenchmarkConvertCorpus converts every page of the library in $BETWEEN_CORPUS (one made
// by gencorpus.py) on one core: "goldmark" is goldmark alone, parsing and rendering with
// the extensions and transformers of a build, and the features a build parses the page
// with, into a reused buffer; "Convert" is what a build does per page (that, and the
// headings, ids, words and summary, and keeping the HTML). The first is the least a
// build's converting can take; halved, the least on two cores. "Convert-emoji" is Convert
// with [markdown] emoji = true; "Convert-shortcodes" and "Convert-shortcodes-emoji" are
// Convert with emoji off and on, of every page with a line of two shortcodes added at its
// end.
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
	c, e := New(false), New(false)
	e.SetEmoji(true)
	var marked [][]byte
	for _, body := range bodies {
		marked = append(marked, append(bytes.Clone(body), "\nWell done :tada: and :+1:\n"...))
	}
	for _, kind := range []string{"goldmark", "Convert", "Convert-emoji", "Convert-shortcodes", "Convert-shortcodes-emoji"} {
		b.Run(kind, func(b *testing.B) {
			b.SetBytes(total)
			b.ReportAllocs()
			var buf bytes.Buffer
			c, bodies := c, bodies
			if strings.HasSuffix(kind, "-emoji") {
				c = e
			}
			if strings.Contains(kind, "-shortcodes") {
				bodies = marked
			}
			start := cpuTime()
			for range b.N {
				for _, body := range bodies {
					if kind != "goldmark" {
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

// BenchmarkSpillHold writes pages of HTML the size of a generated library's (8.4 KB) to a
// Spill in $TMPDIR from two goroutines, as converting does, and reads each back twice,
// as rendering and the search index do: "file" with all of them in the file, "held" with
// all of them held in memory (Spill.Hold). BETWEEN_SPILL_MB is how much (64 MB unless
// set; a 100,000-page library spills 836 MB).
//
//	TMPDIR=/a/folder/on/disk BETWEEN_SPILL_MB=836 go test ./generator/markdown -run X -bench SpillHold -benchtime 3x
func BenchmarkSpillHold(b *testing.B) {
	total := 64 << 20
	if mb, err := strconv.Atoi(os.Getenv("BETWEEN_SPILL_MB")); err == nil && mb > 0 {
		total = mb << 20
	}
	const size = 8600
	pages := make([][]byte, total/size)
	for i := range pages {
		pages[i] = []byte(strings.Repeat(fmt.Sprintf("<p>Page %d: what you notice, and why.</p>\n", i), size/40)[:size-i%97])
	}
	for _, kind := range []string{"file", "held"} {
		b.Run(kind, func(b *testing.B) {
			b.SetBytes(int64(total))
			start := cpuTime()
			for range b.N {
				s, err := NewSpill()
				if err != nil {
					b.Fatal(err)
				}
				if kind == "held" {
					s.Hold(total)
				}
				kept := make([]*Body, len(pages))
				var wg sync.WaitGroup
				for g := range 2 {
					wg.Go(func() {
						for i := g; i < len(pages); i += 2 {
							kept[i] = s.Write(pages[i])
						}
					})
				}
				wg.Wait()
				for g := range 2 {
					wg.Go(func() {
						var buf []byte
						for range 2 {
							for i := g; i < len(kept); i += 2 {
								buf = kept[i].AppendTo(buf[:0])
							}
						}
					})
				}
				wg.Wait()
				if memory, file := s.Sizes(); kind == "held" && file != 0 || kind == "file" && memory != 0 {
					b.Fatalf("%s: %d bytes in memory, %d in the file", kind, memory, file)
				}
				s.Close()
			}
			b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}
