package diag

import (
	"math/rand"
	"testing"
	"unicode/utf8"
)

// lineColPlain is LineCol written plainly: a character at a time (a byte that is not UTF-8
// counts as one, as an editor shows it as one box).
func lineColPlain(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line, col = 1, 1
	for i := 0; i < off; {
		r, size := utf8.DecodeRune(src[i:off])
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

// TestLineCol: LineCol gives what counting a character at a time gives, at every offset of
// texts with and without newlines, before, at and after them, and beyond either end.
func TestLineCol(t *testing.T) {
	texts := []string{"", "\n", "\n\n", "a", "ab\ncd\n\nef", "\r\nx\r\n", "日本\n語\n", "no newline at all"}
	r := rand.New(rand.NewSource(3))
	b := make([]byte, 300)
	for i := range b {
		b[i] = "ab\n\xc3"[r.Intn(4)]
	}
	texts = append(texts, string(b))
	for _, s := range texts {
		for off := -2; off <= len(s)+2; off++ {
			l, c := LineCol([]byte(s), off)
			wl, wc := lineColPlain([]byte(s), off)
			if l != wl || c != wc {
				t.Fatalf("%q at %d: %d:%d, a byte at a time %d:%d", s, off, l, c, wl, wc)
			}
		}
	}
}
