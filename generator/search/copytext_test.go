package search

import (
	"bytes"
	"math/rand"
	"testing"
	"unsafe"
)

// TestCopyText: copyText stops where copyTextGo does and copies what it copies, for every
// length up to 70 and a '<' or '&' (or none) at every place, with bytes of every value
// around them; and writes nothing past dst[n-1].
func TestCopyText(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for n := 0; n <= 70; n++ {
		for at := -1; at < n; at++ {
			for _, c := range []byte{'<', '&'} {
				src := make([]byte, n)
				for i := range src {
					for src[i] = byte(r.Intn(256)); src[i] == '<' || src[i] == '&'; src[i] = byte(r.Intn(256)) {
					}
				}
				if at >= 0 {
					src[at] = c
					if r.Intn(2) == 0 && at+1 < n { // another after it
						src[at+1+r.Intn(n-at-1)] = '<' + '&' - c
					}
				}
				want := make([]byte, n+8)
				got := make([]byte, n+8)
				for i := range want {
					want[i], got[i] = 0xee, 0xee
				}
				var s *byte
				if n > 0 {
					s = unsafe.SliceData(src)
				}
				k := copyText(unsafe.SliceData(got), s, n)
				wk := copyTextGo(unsafe.SliceData(want), s, n)
				if k != wk || !bytes.Equal(got[:k], want[:k]) {
					t.Fatalf("copyText(% x) = %d, %q; want %d, %q", src, k, got[:k], wk, want[:wk])
				}
				if wk != n && src[wk] != '<' && src[wk] != '&' || wk < n && bytes.ContainsAny(src[:wk], "<&") {
					t.Fatalf("copyTextGo(% x) = %d", src, wk)
				}
				for i := n; i < len(got); i++ {
					if got[i] != 0xee {
						t.Fatalf("copyText(% x) wrote dst[%d]", src, i)
					}
				}
			}
		}
	}
}
