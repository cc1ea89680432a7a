package output

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestClashesWith: a second Plan finds the clashes of its names with what was planned by
// looking only at the added names, and reports what Clashes finds looking at all of them,
// in the same order, for random names in a few folders (where clashes are frequent).
func TestClashesWith(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a", "b", "a.html", "a-b", "ab", "a!"}
	name := func() string {
		n := make([]string, 1+r.IntN(3))
		for i := range n {
			n[i] = parts[r.IntN(len(parts))]
		}
		return strings.Join(n, "/")
	}
	tried, clashed := 0, 0
	for range 20000 {
		var planned []string
		for range r.IntN(8) {
			planned = append(planned, name())
		}
		slices.Sort(planned)
		planned = slices.Compact(planned)
		if len(Clashes(planned)) > 0 {
			continue // a Plan with clashes plans nothing
		}
		var added []string
		for range 1 + r.IntN(6) {
			if n := name(); !slices.Contains(planned, n) {
				added = append(added, n)
			}
		}
		slices.Sort(added)
		added = slices.Compact(added)
		all := mergeSorted(planned, added)
		if !slices.IsSorted(all) || len(all) != len(planned)+len(added) {
			t.Fatalf("mergeSorted(%q, %q) = %q", planned, added, all)
		}
		want, got := Clashes(all), clashesWith(all, added)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("planned %q, added %q:\nclashesWith = %v\nClashes     = %v", planned, added, got, want)
		}
		tried++
		if len(want) > 0 {
			clashed++
		}
	}
	if tried < 1000 || clashed < tried/10 {
		t.Fatalf("only %d cases, %d with clashes: the names make too few", tried, clashed)
	}
}

// BenchmarkPlanAgain plans the search index of a 100,000-page build (28,000 names) after
// its pages (135,000), into a new folder, as a streamed build does once the index is made.
//
//	go test ./generator/output -run X -bench PlanAgain -benchmem
func BenchmarkPlanAgain(b *testing.B) {
	var pages, index []string
	for i := range 135_000 {
		pages = append(pages, fmt.Sprintf("%s/page-%05d/index.html", []string{"articles", "guides", "worksheets"}[i%3], i))
	}
	for i := range 25_000 {
		index = append(index, fmt.Sprintf("search/r/%d.json", i))
	}
	for i := range 3_000 {
		index = append(index, fmt.Sprintf("search/s/%016x.bin", uint64(i)*0x9e3779b97f4a7c15))
	}
	site := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		d, err := Open(filepath.Join(site, fmt.Sprint("out", i)), Options{Site: site})
		if err != nil {
			b.Fatal(err)
		}
		if err := d.Plan(pages); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := d.Plan(index); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		d.Abort()
		b.StartTimer()
	}
}

// TestClashesAsAnySetFindsThem: Clashes finds what a set of every name finds, looking up
// every folder of every name in it, in the same order, for random names in a few folders
// whose names begin with one another ("a", "a!", "a-b", "a.html", "ab").
func TestClashesAsAnySetFindsThem(t *testing.T) {
	bySet := func(sorted []string) []Clash {
		set := map[string]bool{}
		for _, n := range sorted {
			set[n] = true
		}
		var out []Clash
		reported := map[string]bool{}
		for _, n := range sorted {
			for dir := filepath.ToSlash(filepath.Dir(n)); dir != "."; dir = filepath.ToSlash(filepath.Dir(dir)) {
				if set[dir] && !reported[dir] {
					reported[dir] = true
					out = append(out, Clash{File: dir, Inside: n})
				}
			}
		}
		return out
	}
	r := rand.New(rand.NewPCG(3, 4))
	parts := []string{"a", "b", "a.html", "a-b", "ab", "a!", "a/b"}
	clashed := 0
	for range 20000 {
		var names []string
		for range 1 + r.IntN(12) {
			n := make([]string, 1+r.IntN(4))
			for i := range n {
				n[i] = parts[r.IntN(len(parts))]
			}
			names = append(names, strings.Join(n, "/"))
		}
		slices.Sort(names)
		names = slices.Compact(names)
		want, got := bySet(names), Clashes(names)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("names %q:\nClashes = %v\nby set  = %v", names, got, want)
		}
		if len(want) > 0 {
			clashed++
		}
	}
	if clashed < 2000 {
		t.Fatalf("only %d cases with clashes: the names make too few", clashed)
	}
}
