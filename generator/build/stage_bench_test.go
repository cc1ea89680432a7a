package build

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/input"
	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/output"
	"github.com/between-ssg/between/generator/page"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/source"
	"github.com/between-ssg/between/internal/gensite"
)

// The stages of a full build, each on its own, with allocations: which one a change made
// faster or slower. Every stage runs over the same library, made once: $BETWEEN_CORPUS
// (a library from gencorpus.py) or else 2,000 generated pages.
//
//	go test ./generator/build -run X -bench Stage -benchmem
//	BETWEEN_CORPUS=/tmp/corpus10k go test ./generator/build -run X -bench Stage -benchmem -benchtime 3x

// stageSite builds the library once and returns its builder, kept whole (in memory).
func stageSite(b *testing.B) (*Builder, *site.Site) {
	b.Helper()
	root := os.Getenv("BETWEEN_CORPUS")
	if root == "" {
		root = b.TempDir()
		if err := gensite.Generate(root, 2000); err != nil {
			b.Fatal(err)
		}
	}
	bl := New(Options{Root: root})
	if _, err := bl.Build(); err != nil {
		b.Fatal(err)
	}
	return bl, bl.text.site
}

func BenchmarkStageRead(b *testing.B) {
	bl, _ := stageSite(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, name := range bl.names {
			data, err := input.ReadFile(bl.fsys, name, input.ContentLimit)
			if err != nil {
				b.Fatal(err)
			}
			if f, _ := source.Parse(name, data); f != nil {
				page.From(f)
			}
		}
	}
	b.ReportMetric(float64(len(bl.names)), "files/op")
}

// BenchmarkStageConvert converts every page's Markdown body (page.Body is let go after
// reading: the bodies are taken from where the build keeps them).
func BenchmarkStageConvert(b *testing.B) {
	bl, _ := stageSite(b)
	var entries []*entry
	var bodies [][]byte
	for _, n := range bl.names {
		if e := bl.entries[n]; e.page != nil && e.doc != nil {
			body, err := bl.bodyOf(e)
			if err != nil {
				b.Fatal(err)
			}
			entries, bodies = append(entries, e), append(bodies, body)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for range b.N {
		for i, e := range entries {
			opts := markdown.Options{Rel: e.page.Rel, BasePath: bl.cfg.BasePath(), Fields: e.page.Kind == "worksheet" || e.page.Kind == "guide",
				Resolve: func(string) (string, bool) { return "/x/", true }}
			if _, err := bl.conv.Convert(bodies[i], opts); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(len(entries)), "pages/op")
}

// BenchmarkStageReadAndConvert reads every content file and converts its page as
// "between build" does (readAndConvert, streamed: nothing kept for rebuilds): with
// -benchmem its bytes per op show the files read into a few buffers used again, rather
// than the library's size of new memory.
func BenchmarkStageReadAndConvert(b *testing.B) {
	bl, _ := stageSite(b)
	names := slices.Clone(bl.names)
	bl.sink = Discard{}
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for range b.N {
		bl.entries, bl.mem = map[string]*entry{}, markdown.NewBudget(memoryBudget)
		if err := bl.readAndConvert(names, bl.now()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(bl.readBuffers), "new-buffers/op")
	b.ReportMetric(float64(len(names)), "files/op")
}

// stageInputs are the site's inputs of the pages bl read, as a build assembles them.
func stageInputs(bl *Builder) []site.Input {
	var inputs []site.Input
	for _, n := range bl.names {
		e := bl.entries[n]
		if e.page != nil {
			inputs = append(inputs, site.Input{Page: e.page, Doc: e.doc, Visible: e.doc != nil, Made: e.made})
		}
	}
	return inputs
}

func BenchmarkStageAssemble(b *testing.B) {
	bl, s := stageSite(b)
	inputs := stageInputs(bl)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		site.Assemble(bl.cfg, inputs, s.BuildDate)
	}
}

// BenchmarkStageCheckLinks checks every page's links as a build does beside and after
// assembling (checkLinks, then checkAddrs for the links written as addresses), on one
// goroutine.
func BenchmarkStageCheckLinks(b *testing.B) {
	bl, s := stageSite(b)
	inputs := stageInputs(bl)
	b.ReportAllocs()
	b.ResetTimer()
	links := 0
	start := cpuTime()
	for range b.N {
		l := checkLinks(inputs, nil, nil, s.BuildDate)
		l.checkAddrs(s, bl.sources, bl.fsys, bl.realName, bl.otherFormat)
		links = len(l.addrs)
	}
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(links), "pages-with-addresses/op")
}

func BenchmarkStageRender(b *testing.B) {
	bl, s := stageSite(b)
	outs := render.Plan(s, bl.cfg.Paginate)
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for range b.N {
		bl.theme.NewBuild()
		if err := bl.renderOutputs(outs, func(*render.Output, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(len(outs)), "pages/op")
}

// cpuTime is the CPU time this process used (user and system, garbage collection included):
// on a machine others share, a benchmark's CPU time says more than its wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkStageWrite writes the whole output into a new folder ("fresh"), again into the
// same one, where every file is unchanged ("again"), and with every page changed, as after
// an edit to a layout ("changed"). Besides wall time it reports the CPU time per write,
// user and system (most of a write is the kernel's), which other work on the machine
// disturbs far less.
func BenchmarkStageWrite(b *testing.B) {
	bl, _ := stageSite(b)
	files := bl.good.result.Files
	edited := make(map[string][]byte, len(files))
	for n, data := range files {
		if strings.HasSuffix(n, ".html") {
			data = append(append([]byte{}, data...), "<!-- edited -->"...)
		}
		edited[n] = data
	}
	for _, kind := range []string{"fresh", "again", "changed"} {
		b.Run(kind, func(b *testing.B) {
			site := b.TempDir()
			out := filepath.Join(site, "out")
			if kind != "fresh" {
				if _, err := output.WriteDir(out, files, output.Options{Site: site}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			user, sys := cpuTimes()
			for i := range b.N {
				dir, fs := out, files
				switch {
				case kind == "fresh":
					dir = filepath.Join(site, fmt.Sprint("out", i))
				case kind == "changed" && i%2 == 0:
					fs = edited
				}
				if _, err := output.WriteDir(dir, fs, output.Options{Site: site}); err != nil {
					b.Fatal(err)
				}
			}
			u, s := cpuTimes()
			b.ReportMetric(float64((u-user).Microseconds())/1000/float64(b.N), "user-ms/op")
			b.ReportMetric(float64((s-sys).Microseconds())/1000/float64(b.N), "sys-ms/op")
		})
	}
}

// cpuTimes is the CPU time this process has used, in user space and in the kernel.
func cpuTimes() (user, sys time.Duration) {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}

// BenchmarkStageRenderLayout renders the outputs of each layout on one core, for what one
// output of that layout costs in the templates alone (no writing, no search index):
//
//	BETWEEN_CORPUS=/tmp/corpus10k go test ./generator/build -run X -bench StageRenderLayout -benchmem
func BenchmarkStageRenderLayout(b *testing.B) {
	bl, s := stageSite(b)
	byLayout := map[string][]*render.Output{}
	for _, o := range render.Plan(s, bl.cfg.Paginate) {
		byLayout[o.Layout] = append(byLayout[o.Layout], o)
	}
	benchLayouts(b, bl, byLayout)
}

// benchLayouts runs one sub-benchmark a layout: one output per iteration, going round the
// layout's outputs, so that ns/op and allocs/op are per page.
func benchLayouts(b *testing.B, bl *Builder, byLayout map[string][]*render.Output) {
	for _, layout := range []string{"article", "guide", "worksheet", "section", "tag", "home", "path", "booklet"} {
		outs := byLayout[layout]
		if len(outs) == 0 {
			continue
		}
		b.Run(layout, func(b *testing.B) {
			buf := getBuffer()
			defer putBuffer(buf)
			bl.theme.NewBuild()
			b.ReportAllocs()
			b.ResetTimer()
			start := cpuTime()
			for i := range b.N {
				buf.Reset()
				o := outs[i%len(outs)]
				if err := bl.theme.ExecuteTo(buf, o.Layout, o.Data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}
