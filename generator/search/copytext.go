package search

import "unsafe"

// copyTextGo copies src[:n] to dst up to the first '<' or '&' and returns its index (n
// when there is none): the text of a page's HTML up to its next tag or character
// reference. dst may be written up to dst[n-1] past what is copied. copyText, in
// copytext_amd64.s, looks at 16 bytes at once; this is it byte by byte, for other
// processors and as its measure (TestCopyText).
func copyTextGo(dst, src *byte, n int) int {
	d, s := unsafe.Slice(dst, n), unsafe.Slice(src, n)
	for k, c := range s {
		if c == '<' || c == '&' {
			return k
		}
		d[k] = c
	}
	return n
}
