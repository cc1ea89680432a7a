// Package radix sorts strings by their bytes, first to last, for the long sorted lists of
// output names a large build makes (every page's file, the offline list).
//
// A comparison sort of 135,000 output names ("worksheets/page-01234/index.html") compares
// each with about seventeen others, each time past the same long start ("worksheets/page-0")
// and each name read wherever it was made: sort.Strings took 27.5 ms for the names of
// 100,000 pages, 15 times what it took for those of 10,000 (1.85 ms). Splitting them by one
// byte at a time, after the bytes all of a group share, reads each name a few times: 13.7
// and 1.0 ms (BenchmarkStrings, medians of 5).
package radix

import "slices"

// small is the length under which a group is sorted by comparison: a pass over it would
// cost more than the comparisons.
const small = 24

// deep is how many bytes in a group of names that share them all is sorted by comparison:
// names that differ only past a long common start (aaaa…a, aaaa…b) would otherwise take a
// pass each per byte.
const deep = 128

// Strings sorts a in increasing order, as sort.Strings does.
func Strings(a []string) {
	if len(a) < 2 {
		return
	}
	sortFrom(a, make([]string, len(a)), 0)
}

// sortFrom sorts a, whose strings share their first d bytes, with aux as room of its size.
func sortFrom(a, aux []string, d int) {
	d = sharedTo(a, d)
	if len(a) <= small || d >= deep {
		slices.Sort(a)
		return
	}
	// count[b+1] is how many strings have the byte b at d; count[0] those that end there,
	// which come first. Made into each group's start, then moved on to its end.
	var count [257]int
	for _, s := range a {
		count[byteAt(s, d)]++
	}
	start := 0
	for i, n := range count {
		count[i] = start
		start += n
	}
	for _, s := range a {
		b := byteAt(s, d)
		aux[count[b]] = s
		count[b]++
	}
	copy(a, aux)
	// The strings that end at d are equal; every other group is sorted from the next byte.
	from := count[0]
	for _, to := range count[1:] {
		if to-from > 1 {
			sortFrom(a[from:to], aux[from:to], d+1)
		}
		from = to
	}
}

// byteAt is 1 + the byte at d of s, or 0 when s ends before it.
func byteAt(s string, d int) int {
	if d < len(s) {
		return int(s[d]) + 1
	}
	return 0
}

// sharedTo is how many bytes all the strings of a share from the start, given that they
// share d.
func sharedTo(a []string, d int) int {
	first := a[0]
	shared := len(first)
	for _, s := range a[1:] {
		n := min(shared, len(s))
		i := d
		for i < n && s[i] == first[i] {
			i++
		}
		shared = i
		if shared == d {
			break
		}
	}
	return shared
}
