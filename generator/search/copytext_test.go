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

// TestJSONSafeRun: jsonSafeRun counts what jsonSafeRunGo counts, for every length up to
// 70 and a byte of every value at every place among safe bytes.
func TestJSONSafeRun(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for n := 0; n <= 70; n++ {
		for at := -1; at < n; at++ {
			for c := range 256 {
				if at < 0 && c > 0 {
					break
				}
				s := make([]byte, n)
				for i := range s {
					s[i] = byte(0x20 + r.Intn(0x5f))
					for !jsonSafe[s[i]] {
						s[i] = byte(0x20 + r.Intn(0x5f))
					}
				}
				if at >= 0 {
					s[at] = byte(c)
				}
				var p *byte
				if n > 0 {
					p = unsafe.SliceData(s)
				}
				got, want := jsonSafeRun(p, n), jsonSafeRunGo(p, n)
				if got != want {
					t.Fatalf("jsonSafeRun(%q) = %d, want %d", s, got, want)
				}
				if at >= 0 && at < n&^15 && (c >= 0x80 || !jsonSafe[c]) && want != at {
					t.Fatalf("jsonSafeRunGo(%q) = %d, want %d", s, want, at)
				}
			}
		}
	}
}
