package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
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
			ts := startServer(b, build.New(build.Options{Root: root, BaseURL: "/", Preview: true, Lazy: true}), root)
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

// savePatterns are the ways editors save a page, as the system calls they make. Each writes
// text to the page at name (a path on disk).
var savePatterns = []struct {
	name string
	save func(name string, text []byte) error
}{
	{"in-place", func(name string, text []byte) error { return os.WriteFile(name, text, 0o644) }},
	{"truncate-then-write", func(name string, text []byte) error {
		// An editor writing in place on a busy disk: the file is empty for a moment.
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return err
		}
		time.Sleep(30 * time.Millisecond)
		if _, err := f.Write(text); err != nil {
			return err
		}
		return f.Close()
	}},
	{"rename-x.md.new", renameOver(func(name string) string { return name + ".new" })},
	{"rename-.x.md.tmp", renameOver(func(name string) string {
		return filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
	})},
	{"rename-jetbrains", func(name string, text []byte) error {
		if err := os.WriteFile(name+"___jb_tmp___", text, 0o644); err != nil {
			return err
		}
		if err := os.Rename(name, name+"___jb_old___"); err != nil {
			return err
		}
		if err := os.Rename(name+"___jb_tmp___", name); err != nil {
			return err
		}
		return os.Remove(name + "___jb_old___")
	}},
	{"rename-gedit", renameOver(func(name string) string { return filepath.Join(filepath.Dir(name), ".goutputstream-X1Y2Z3") })},
	{"rename-sed-i", renameOver(func(name string) string { return filepath.Join(filepath.Dir(name), "sedAb12Cd") })},
	{"vim-backup", func(name string, text []byte) error {
		dir := filepath.Dir(name)
		if err := os.WriteFile(filepath.Join(dir, "4913"), nil, 0o644); err != nil {
			return err
		}
		os.Remove(filepath.Join(dir, "4913"))
		if err := os.Rename(name, name+"~"); err != nil {
			return err
		}
		if err := os.WriteFile(name, text, 0o644); err != nil {
			return err
		}
		return os.Remove(name + "~")
	}},
}

func renameOver(tmp func(string) string) func(string, []byte) error {
	return func(name string, text []byte) error {
		t := tmp(name)
		if err := os.WriteFile(t, text, 0o644); err != nil {
			return err
		}
		return os.Rename(t, name)
	}
}

// BenchmarkSavePatterns measures every editor's way of saving (savePatterns), and a title
// edit, on one library: from the start of the save to the browser tab's reload event, and to
// the new page being served over HTTP (and from the save's end to that). A save that shows
// the tab a build error (an error flash) fails it. The library is BETWEEN_BENCH_SITE (a folder with config.toml and content/,
// such as gencorpus.py's output; it is copied first) or else a generated one of 10,000 pages.
//
//	BETWEEN_BENCH_SITE=/path/to/corpus go test ./generator/devserver/ -run '^$' -bench SavePatterns -benchtime 20x
func BenchmarkSavePatterns(b *testing.B) {
	root := b.TempDir()
	if src := os.Getenv("BETWEEN_BENCH_SITE"); src != "" {
		if err := os.CopyFS(root, os.DirFS(src)); err != nil {
			b.Fatal(err)
		}
	} else if err := gensite.Generate(root, 10000); err != nil {
		b.Fatal(err)
	}
	ents, err := os.ReadDir(filepath.Join(root, "content", "articles"))
	if err != nil {
		b.Fatal(err)
	}
	var base string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".md") && !strings.HasPrefix(e.Name(), "_") {
			base = strings.TrimSuffix(e.Name(), ".md")
			break
		}
	}
	name := filepath.Join(root, "content", "articles", base+".md")
	url, out := "/articles/"+base+"/", "articles/"+base+"/index.html"
	ts := startServer(b, build.New(build.Options{Root: root, BaseURL: "/", Preview: true, Lazy: true}), root)
	if r := ts.get(url); r.status != 200 {
		b.Fatalf("GET %s = %d", url, r.status)
	}
	orig, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	type pattern struct {
		name string
		save func(string, []byte) error
		edit func(i int) ([]byte, string) // the new text, and a string the new page shows
	}
	var patterns []pattern
	body := func(i int) ([]byte, string) {
		m := fmt.Sprintf("Edit number %d.", i)
		return append(append([]byte{}, orig...), "\n\n"+m+"\n"...), m
	}
	for _, p := range savePatterns {
		patterns = append(patterns, pattern{p.name, p.save, body})
	}
	titleRe := regexp.MustCompile(`(?m)^title = .*$`)
	patterns = append(patterns, pattern{"title-edit", savePatterns[0].save, func(i int) ([]byte, string) {
		m := fmt.Sprintf("Title %d", i)
		return titleRe.ReplaceAll(orig, []byte(fmt.Sprintf("title = %q", m))), m
	}})
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	saves := 0
	for _, p := range patterns {
		b.Run(p.name, func(b *testing.B) {
			ts.t = b
			tab, _ := ts.listen()
			var toEvent, toServed, afterSave []time.Duration
			var cpu time.Duration // of the whole process, from each save to its page served
			for i := 0; i < b.N; i++ {
				time.Sleep(burstQuiet + 100*time.Millisecond) // a pause between saves
				saves++
				text, marker := p.edit(saves)
				start, cpu0 := time.Now(), cpuTime()
				if err := p.save(name, text); err != nil {
					b.Fatal(err)
				}
				saved := time.Now()
				tab.buildUntil(out) // fails on a build-error event: an error flash
				toEvent = append(toEvent, time.Since(start))
				for !strings.Contains(ts.get(url).body, marker) {
					time.Sleep(time.Millisecond)
				}
				toServed = append(toServed, time.Since(start))
				afterSave = append(afterSave, time.Since(saved))
				cpu += cpuTime() - cpu0
			}
			slices.Sort(toEvent)
			slices.Sort(toServed)
			slices.Sort(afterSave)
			b.ReportMetric(ms(toEvent[len(toEvent)/2]), "ms-event-median")
			b.ReportMetric(ms(toEvent[len(toEvent)*9/10]), "ms-event-p90")
			b.ReportMetric(ms(toServed[len(toServed)/2]), "ms-served-median")
			b.ReportMetric(ms(toServed[len(toServed)*9/10]), "ms-served-p90")
			// From the end of the save (the file whole again): the editor's own pause, in a
			// truncate-then-write, left out.
			b.ReportMetric(ms(afterSave[len(afterSave)/2]), "ms-served-after-save-median")
			// CPU time (user and system) of the process per save: what the work costs,
			// which other load on the machine disturbs far less than the times above.
			b.ReportMetric(ms(cpu)/float64(b.N), "cpu-ms-per-save")
		})
	}
	os.WriteFile(name, orig, 0o644)
}
