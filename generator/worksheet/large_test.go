package worksheet_test

import (
	"fmt"
	"strings"
	"testing"
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

// BenchmarkManyItems converts a choice of 100,000 items (15 s before its fix).
func BenchmarkManyItems(b *testing.B) {
	src := manyItems(100000)
	md := newMarkdown()
	for b.Loop() {
		convert(b, md, src, true)
	}
}
