package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/internal/gensite"
)

// BenchmarkEditToEvent measures what a coach waits for: from saving one page's Markdown to the
// moment a browser tab showing that page receives the live-reload event, through the real
// watcher, builder and HTTP event stream. Each edit comes after a pause, as saves do, so the
// batcher uses its short quiet window. It reports the median and the 90th percentile, and
// the median of the builder's own Rebuild time.
//
//	go test ./generator/devserver/ -run '^$' -bench EditToEvent -benchtime 30x
func BenchmarkEditToEvent(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			root := b.TempDir()
			if err := gensite.Generate(root, n); err != nil {
				b.Fatal(err)
			}
			ts := startServer(b, build.New(build.Options{Root: root, BaseURL: "/", Preview: true}), root)
			const name, out = "content/articles/page-3.md", "articles/page-3/index.html"
			if r := ts.get("/articles/page-3/"); r.status != 200 {
				b.Fatalf("GET /articles/page-3/ = %d", r.status)
			}
			tab, _ := ts.listen()
			orig, err := os.ReadFile(filepath.Join(root, name))
			if err != nil {
				b.Fatal(err)
			}
			var took, builds []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				time.Sleep(burstQuiet + 50*time.Millisecond) // a pause between saves
				text := append(append([]byte{}, orig...), fmt.Sprintf("\n\nEdit number %d.\n", i)...)
				b.StartTimer()
				start := time.Now()
				if err := os.WriteFile(filepath.Join(root, name), text, 0o644); err != nil {
					b.Fatal(err)
				}
				tab.buildUntil(out)
				took = append(took, time.Since(start))
				builds = append(builds, ts.s.cur.Load().res.Duration)
			}
			b.StopTimer()
			slices.Sort(took)
			slices.Sort(builds)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(took[len(took)/2]), "ms-median")
			b.ReportMetric(ms(took[len(took)*9/10]), "ms-p90")
			// The builder's own share, to tell its time from the watcher's and the stream's.
			b.ReportMetric(ms(builds[len(builds)/2]), "ms-rebuild-median")
		})
	}
}
