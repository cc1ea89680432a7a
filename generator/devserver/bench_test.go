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
	"github.com/between-ssg/between/generator/search"
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

// benchNames are the names of editorSaves' patterns in the benchmark's figures.
var benchNames = map[string]string{"in place": "in-place", "truncate, then write": "truncate-then-write",
	"x.md.new": "rename-x.md.new", ".x.md.tmp": "rename-.x.md.tmp", "sed -i": "rename-sed-i", "gedit": "rename-gedit",
	"VS Code for web": "rename-crswap", "JetBrains": "rename-jetbrains", "vim with backup": "vim-backup"}

// BenchmarkSavePatterns measures every editor's way of saving (editorSaves), a title edit,
// a tag edit, a tag new to the library, a page added and a page removed, on one library: from the end of the save (the
// editor's last write or rename) to the new page being served over HTTP (ms-served-*, the figure of issue 13's "a
// save served in 50 ms") and to the browser tab's reload event (ms-event-*); and from the
// save's first system call to the page served (ms-served-from-first-call-median: for a
// truncate-then-write, with the 30 ms the editor leaves the page empty). A save that shows
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
		edit func(i int) ([]byte, string) // the new text, and a string the new page shows ("": the page is gone)
		// at is the file saved, its address and its output, for a pattern that saves
		// another page than the one edited; nil: that one.
		at func() (file, url, out string)
	}
	var patterns []pattern
	body := func(i int) ([]byte, string) {
		m := fmt.Sprintf("Edit number %d.", i)
		return append(append([]byte{}, orig...), "\n\n"+m+"\n"...), m
	}
	// A truncate-then-write leaves the page empty for 30 ms, as an editor writing in place
	// on a busy disk does.
	editors := editorSaves(30 * time.Millisecond)
	for _, p := range editors {
		patterns = append(patterns, pattern{benchNames[p.name], p.save, body, nil})
	}
	titleRe := regexp.MustCompile(`(?m)^title = .*$`)
	patterns = append(patterns, pattern{"title-edit", editors[0].save, func(i int) ([]byte, string) {
		m := fmt.Sprintf("Title %d", i)
		return titleRe.ReplaceAll(orig, []byte(fmt.Sprintf("title = %q", m))), m
	}, nil})
	// A tag edit: the page takes one more of the library's tags, a different one each
	// save, so that it leaves one tag's list and joins another's.
	tagsRe := regexp.MustCompile(`(?m)^tags = \[(.*)\]$`)
	var extra []string
	for _, tag := range []string{"values", "habits", "purpose", "wellbeing"} {
		if m := tagsRe.FindSubmatch(orig); m != nil && !strings.Contains(string(m[1]), `"`+tag+`"`) {
			extra = append(extra, tag)
		}
	}
	if m := tagsRe.FindSubmatch(orig); m != nil && len(extra) >= 2 {
		patterns = append(patterns, pattern{"tag-edit", editors[0].save, func(i int) ([]byte, string) {
			tag := extra[i%2]
			return tagsRe.ReplaceAll(orig, []byte(fmt.Sprintf("tags = [%s, %q]", m[1], tag))), `href="/tags/` + tag + `/"`
		}, nil})
	}
	// A new tag: the page takes a tag no other page has, a new one each save, so that the
	// last one's only page leaves it: a tag comes and a tag goes at every save.
	if m := tagsRe.FindSubmatch(orig); m != nil {
		patterns = append(patterns, pattern{"new-tag-edit", editors[0].save, func(i int) ([]byte, string) {
			tag := fmt.Sprintf("new-tag-%d", i)
			return tagsRe.ReplaceAll(orig, []byte(fmt.Sprintf("tags = [%s, %q]", m[1], tag))), `href="/tags/` + tag + `/"`
		}, nil})
	}
	// A page added: a copy of the page under a new name and title, a new one each save; and
	// a page removed: those copies, one a save. Each renumbered the pages after it in the
	// search index until December 2026, which rewrote most of its files.
	type copied struct{ file, url, out string }
	var copies []copied
	patterns = append(patterns, pattern{"new-page", editors[0].save, func(i int) ([]byte, string) {
		m := fmt.Sprintf("A new page %d", i)
		return titleRe.ReplaceAll(orig, []byte(fmt.Sprintf("title = %q", m))), m
	}, func() (string, string, string) {
		slug := fmt.Sprintf("%s-copy-%d", base, len(copies))
		c := copied{filepath.Join(root, "content", "articles", slug+".md"), "/articles/" + slug + "/", "articles/" + slug + "/index.html"}
		copies = append(copies, c)
		return c.file, c.url, c.out
	}})
	patterns = append(patterns, pattern{"page-removed", func(file string, _ []byte) error { return os.Remove(file) },
		func(int) ([]byte, string) { return nil, "" },
		func() (string, string, string) {
			c := copies[0]
			copies = copies[1:]
			return c.file, c.url, c.out
		}})
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	saves := 0
	for _, p := range patterns {
		b.Run(p.name, func(b *testing.B) {
			ts.t = b
			tab, _ := ts.listen()
			// A save is over when the editor's last write or rename is: a file empty or
			// half-written a moment before is a state of the save, never shown. The figures
			// count from then; fromStart counts from the save's first system call, with the
			// 30 ms a truncate-then-write leaves the page empty.
			var toEvent, toServed, fromStart []time.Duration
			var cpu time.Duration // of the whole process, from each save to its page served
			index := 0            // files of the search index changed, added or removed
			for i := 0; i < b.N; i++ {
				time.Sleep(burstQuiet + 100*time.Millisecond) // a pause between saves
				saves++
				text, marker := p.edit(saves)
				name, url, out := name, url, out
				if p.at != nil {
					if p.name == "page-removed" && len(copies) == 0 {
						b.Skip("no page added to remove: run new-page before")
					}
					name, url, out = p.at()
				}
				start, cpu0 := time.Now(), cpuTime()
				if err := p.save(name, text); err != nil {
					b.Fatal(err)
				}
				saved := time.Now()
				tab.buildUntil(out) // fails on a build-error event: an error flash
				toEvent = append(toEvent, time.Since(saved))
				for {
					r := ts.get(url)
					if marker == "" && r.status == 404 || marker != "" && strings.Contains(r.body, marker) {
						break
					}
					time.Sleep(time.Millisecond)
				}
				toServed = append(toServed, time.Since(saved))
				fromStart = append(fromStart, time.Since(start))
				cpu += cpuTime() - cpu0
				for _, name := range ts.s.cur.Load().res.Changed {
					if strings.HasPrefix(name, search.Dir) {
						index++
					}
				}
			}
			slices.Sort(toEvent)
			slices.Sort(toServed)
			slices.Sort(fromStart)
			b.ReportMetric(ms(toServed[len(toServed)/2]), "ms-served-median")
			b.ReportMetric(ms(toServed[len(toServed)*9/10]), "ms-served-p90")
			b.ReportMetric(ms(toEvent[len(toEvent)/2]), "ms-event-median")
			b.ReportMetric(ms(toEvent[len(toEvent)*9/10]), "ms-event-p90")
			b.ReportMetric(ms(fromStart[len(fromStart)/2]), "ms-served-from-first-call-median")
			// CPU time (user and system) of the process per save: what the work costs,
			// which other load on the machine disturbs far less than the times above.
			b.ReportMetric(ms(cpu)/float64(b.N), "cpu-ms-per-save")
			// The index's files a save writes (Result.Changed of its last build): the shards
			// of the words edited, under their old names and their new, the page's result
			// file and the manifest.
			b.ReportMetric(float64(index)/float64(b.N), "search-files-per-save")
		})
	}
	os.WriteFile(name, orig, 0o644)
}
