package search

import "unsafe"

// jsonSafeRunGo is how many bytes of s[:n] from the first are jsonSafe, counted 16 at a
// time: a multiple of 16, short of the first that is not, or of the last 16 that are
// not all there. jsonSafeRun, in jsonsafe_amd64.s, looks at 16 bytes at once; this is it
// byte by byte, for other processors and as its measure (TestJSONSafeRun).
func jsonSafeRunGo(s *byte, n int) int {
	b := unsafe.Slice(s, n)
	k := 0
	for ; k+16 <= n; k += 16 {
		for j, c := range b[k : k+16] {
			if c >= 0x80 || !jsonSafe[c] {
				return k + j
			}
		}
	}
	return k
}
