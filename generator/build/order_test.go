package build

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/site"
)

// The render takes the pages whose HTML is in the spill's file in the order it is there,
// after the outputs of the others (lists, pages held in memory), which keep their order.
func TestInFileOrder(t *testing.T) {
	name := filepath.Join(t.TempDir(), "pages")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	sp := markdown.NewSpillFile(f, func() error { return os.Remove(name) })
	defer sp.Close()
	sp.Hold(300 << 10) // the first page is held in memory
	written := map[string]*markdown.Body{}
	for i := range 40 {
		// Each larger than a chunk of the spill's, so written to the file at once.
		written[fmt.Sprint(i)] = sp.Write([]byte(strings.Repeat(fmt.Sprintf("<p>%d</p>", i), 30<<10)))
	}
	out := func(path, page string) *render.Output {
		d := &render.Data{Page: &site.Page{}}
		if page != "" {
			d.Page.Body = written[page]
		}
		return &render.Output{Path: path, Data: d}
	}
	// Pages by "date": no order of the file's.
	outs := []*render.Output{out("index.html", ""), out("p/30", "30"), out("p/7", "7"), out("tags/a", ""), out("p/0", "0"), out("p/12", "12"), out("p/39", "39"), out("p/8", "8"), out("p/nil", "none")}
	var got []string
	for _, o := range inFileOrder(outs) {
		got = append(got, o.Path)
	}
	want := []string{"index.html", "tags/a", "p/0", "p/nil", "p/7", "p/8", "p/12", "p/30", "p/39"}
	if _, held := written["0"].FileOffset(); held {
		t.Fatal("the first page is not held in memory")
	}
	if !slices.Equal(got, want) {
		t.Errorf("rendered in the order %q, want %q", got, want)
	}
	if outs[1].Path != "p/30" {
		t.Error("the plan itself was sorted")
	}
}
