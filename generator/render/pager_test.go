package render

import (
	"fmt"
	"strings"
	"testing"
)

// numbers writes a pager's links as "1 … 4 [5] 6 … 9".
func numbers(p *Pager) string {
	var parts []string
	for _, l := range p.Links {
		switch {
		case l.Gap:
			parts = append(parts, "…")
		case l.Current:
			parts = append(parts, fmt.Sprintf("[%d]", l.Number))
		default:
			parts = append(parts, fmt.Sprint(l.Number))
		}
	}
	return strings.Join(parts, " ")
}

func TestPagers(t *testing.T) {
	if p := pagers(50, 50, "/a/"); p != nil {
		t.Errorf("50 entries at 50 a page: %d pages, want no pager", len(p))
	}
	if p := pagers(0, 50, "/a/"); p != nil {
		t.Error("an empty list has a pager")
	}
	ps := pagers(451, 50, "/a/")
	if len(ps) != 10 {
		t.Fatalf("451 entries at 50: %d pages", len(ps))
	}
	tests := []struct {
		page int
		want string
	}{
		{1, "[1] 2 3 … 10"},
		{3, "1 2 [3] 4 5 … 10"},
		{4, "1 2 3 [4] 5 6 … 10"},
		{5, "1 … 3 4 [5] 6 7 … 10"},
		{8, "1 … 6 7 [8] 9 10"},
		{10, "1 … 8 9 [10]"},
	}
	for _, tc := range tests {
		if got := numbers(ps[tc.page-1]); got != tc.want {
			t.Errorf("page %d: %s, want %s", tc.page, got, tc.want)
		}
	}
	p := ps[1]
	if p.Prev != "/a/" || p.Next != "/a/page/3/" || p.First != "/a/" || p.Last != "/a/page/10/" || p.Total != 451 {
		t.Errorf("page 2: %+v", p)
	}
	if ps[0].Prev != "" || ps[9].Next != "" {
		t.Error("the ends have a previous or a next")
	}
}
