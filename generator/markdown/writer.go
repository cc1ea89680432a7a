package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textWriter is goldmark's html.Writer with a short way for the text that has nothing to
// change: goldmark's Write looks at each byte of a text for backslash escapes and entity
// references, and then its RawWrite at each byte again for what HTML escapes, and writes
// every run between two of them with a call of its own. Nearly all of a page's text has
// none of them: textWriter looks at each byte once and writes such a text in one call,
// and hands any other to goldmark's writer as it is, so the HTML is the same.
type textWriter struct{ html.Writer }

// notPlain marks the bytes either of goldmark's Write or RawWrite does something at: what
// HTML escapes (NUL becomes U+FFFD), the backslash and the ampersand.
var notPlain = [256]bool{0: true, '"': true, '&': true, '<': true, '>': true, '\\': true}

// plain reports whether s has none of the bytes notPlain marks.
func plain(s []byte) bool {
	for _, c := range s {
		if notPlain[c] {
			return false
		}
	}
	return true
}

func (w textWriter) Write(out util.BufWriter, source []byte) {
	if plain(source) {
		_, _ = out.Write(source)
		return
	}
	w.Writer.Write(out, source)
}

func (w textWriter) RawWrite(out util.BufWriter, source []byte) {
	if plain(source) {
		_, _ = out.Write(source)
		return
	}
	w.Writer.RawWrite(out, source)
}
