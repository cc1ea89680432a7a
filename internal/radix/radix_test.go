package radix

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestStrings compares Strings with sort.Strings on lists that reach every way through it:
// empty strings, strings that are prefixes of others, bytes over 127, groups smaller and
// larger than small, and names that share more than deep bytes.
func TestStrings(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	long := strings.Repeat("x", deep+7)
	for n := range 400 {
		size := r.IntN(3 * small)
		if n%10 == 0 {
			size = 2000 + r.IntN(2000)
		}
		a := make([]string, size)
		for i := range a {
			var b []byte
			switch r.IntN(4) {
			case 0:
				b = []byte(long)
			case 1:
				b = []byte("worksheets/page-0")
			}
			for range r.IntN(6) {
				b = append(b, "\x00a/b\xff."[r.IntN(6)])
			}
			a[i] = string(b)
		}
		want := slices.Clone(a)
		sort.Strings(want)
		Strings(a)
		if !slices.Equal(a, want) {
			t.Fatalf("list %d of %d strings: sorted as\n%q\nwant\n%q", n, size, a, want)
		}
	}
}

func FuzzStrings(f *testing.F) {
	f.Add("b\na\n\nab\na\n")
	f.Add(strings.Repeat("page-1/index.html\npage-10/index.html\npage-2/\n", 20))
	f.Fuzz(func(t *testing.T, list string) {
		a := strings.Split(list, "\n")
		want := slices.Clone(a)
		sort.Strings(want)
		Strings(a)
		if !slices.Equal(a, want) {
			t.Fatalf("sorted as %q, want %q", a, want)
		}
	})
}

// outputNames is the output files of a generated library of n pages, and the search
// index's result files, in an order unlike theirs.
func outputNames(n int) []string {
	sections := []string{"articles", "guides", "worksheets"}
	var names []string
	for i := range n {
		names = append(names, fmt.Sprintf("%s/page-%05d/index.html", sections[i%3], i))
	}
	for i := range n / 4 {
		names = append(names, fmt.Sprintf("search/r/%05d.json", i))
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	return names
}

// BenchmarkStrings sorts the output names of 10,000 and 100,000 pages, by comparison
// (sort.Strings) and by Strings.
//
//	go test ./internal/radix -run X -bench Strings
func BenchmarkStrings(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		names := outputNames(n)
		a := make([]string, len(names))
		for _, way := range []struct {
			name string
			sort func([]string)
		}{{"compare", sort.Strings}, {"radix", Strings}} {
			b.Run(fmt.Sprintf("%d/%s", n, way.name), func(b *testing.B) {
				for range b.N {
					copy(a, names)
					way.sort(a)
				}
			})
		}
	}
}
