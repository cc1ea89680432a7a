package build

import (
	"os"
	"testing"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/internal/gensite"
)

// BenchmarkTemplates runs the templated outputs of a library through their layouts on one
// goroutine, with each page's HTML held as `between build` holds it (as it is, not
// compressed): the CPU a full build spends in the templates, and nothing else. "all" renders
// every output once per iteration; the others one output of their layout per iteration,
// going round them, so that ns/op and allocs/op are per page.
//
//	BETWEEN_CORPUS=/path/to/library go test ./generator/build -run X -bench Templates/all -benchmem -benchtime 3x -cpuprofile /tmp/tpl.prof
func BenchmarkTemplates(b *testing.B) {
	root := os.Getenv("BETWEEN_CORPUS")
	if root == "" {
		root = b.TempDir()
		if err := gensite.Generate(root, 2000); err != nil {
			b.Fatal(err)
		}
	}
	bl := New(Options{Root: root})
	// The budget a streamed build has, so that pages' HTML is not compressed.
	bl.mem = markdown.NewBudget(memoryBudget)
	if _, err := bl.Build(); err != nil {
		b.Fatal(err)
	}
	outs := render.Plan(bl.text.site, bl.cfg.Paginate)
	byLayout := map[string][]*render.Output{}
	for _, o := range outs {
		byLayout[o.Layout] = append(byLayout[o.Layout], o)
	}
	b.Run("all", func(b *testing.B) {
		buf := getBuffer()
		defer putBuffer(buf)
		b.ReportAllocs()
		b.ResetTimer()
		start := cpuTime()
		for range b.N {
			bl.theme.NewBuild()
			for _, o := range outs {
				buf.Reset()
				if err := bl.theme.ExecuteTo(buf, o.Layout, o.Data); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
		b.ReportMetric(float64(len(outs)), "outputs/op")
	})
	benchLayouts(b, bl, byLayout)
}
