package worksheet_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/worksheet"
)

// manyItems is a choice of n different items, then one item given again.
func manyItems(n int) []byte {
	var b strings.Builder
	b.WriteString("::: choice id=many\nPick one\n")
	for i := range n {
		fmt.Fprintf(&b, "- Item %d\n", i)
	}
	b.WriteString("- Item 0\n:::\n")
	return []byte(b.String())
}

// TestManyItems: in a long list, the item given twice is found at its own line. (Such a
// list used to take quadratic time: lines were counted from the file's start for every
// item, and duplicates searched in a slice. BenchmarkManyItems shows the speed.)
func TestManyItems(t *testing.T) {
	const n = 5000
	_, fields, problems := convert(t, newMarkdown(), manyItems(n), true)
	if len(fields) != 1 || len(fields[0].Items) != n {
		t.Fatalf("fields %d", len(fields))
	}
	want := fmt.Sprintf(`%d:1: choice "many" lists "Item 0" twice; make each item different`, n+3)
	if len(problems) != 1 || fmt.Sprintf("%d:%d: %s", problems[0].Line, problems[0].Col, problems[0].Msg) != want {
		t.Errorf("problems %v, want %s", problems, want)
	}
}

// TestItemWork counts the steps a choice's items take (bytes scanned to number their lines,
// look-ups of earlier items) instead of timing them. 100,000 items took 15 s when each
// item's line was counted from the file's start and each item was compared with every
// earlier one: work that grows sixteen times for four times the items. Here it may grow
// about four times.
func TestItemWork(t *testing.T) {
	md := newMarkdown()
	work := func(n int) int64 {
		src := manyItems(n)
		worksheet.ItemWork.Store(0)
		_, fields, _ := convert(t, md, src, true)
		if len(fields) != 1 || len(fields[0].Items) != n {
			t.Fatalf("%d items: fields %+v", n, fields)
		}
		w := worksheet.ItemWork.Load()
		if w > int64(2*len(src)) {
			t.Errorf("%d items (%d bytes): %d steps, more than twice the bytes", n, len(src), w)
		}
		return w
	}
	small, large := work(2000), work(8000)
	t.Logf("%d steps for 2,000 items, %d for 8,000", small, large)
	if large > 5*small {
		t.Errorf("four times the items take %d times the steps (%d, %d): the work grows with the square of the list", large/small, small, large)
	}
}

// BenchmarkManyItems converts a choice of 100,000 items (15 s before its fix).
func BenchmarkManyItems(b *testing.B) {
	src := manyItems(100000)
	md := newMarkdown()
	for b.Loop() {
		convert(b, md, src, true)
	}
}
