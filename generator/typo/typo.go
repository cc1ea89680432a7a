// Package typo gives plain text the typography that goldmark's typographer gives Markdown:
// curly quotes and apostrophes, dashes, an ellipsis. Titles, descriptions and field options
// are written in front matter or option strings, which goldmark never sees.
package typo

import (
	"strings"
	"unicode"
)

// Smarten gives front matter text (titles, descriptions) the typography that the Markdown
// body gets from goldmark's typographer: curly quotes and apostrophes, en and em dashes,
// an ellipsis. A title should not read "don't" above a body that reads "don’t".
func Smarten(s string) string {
	if !strings.ContainsAny(s, `'"-.`) {
		return s
	}
	s = strings.ReplaceAll(s, "---", "—")
	s = strings.ReplaceAll(s, "--", "–")
	s = strings.ReplaceAll(s, "...", "…")
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		var prev, next rune = ' ', ' '
		if i > 0 {
			prev = r[i-1]
		}
		if i+1 < len(r) {
			next = r[i+1]
		}
		opening := unicode.IsSpace(prev) || strings.ContainsRune("([{—–", prev)
		switch c {
		case '\'':
			switch {
			case opening && !unicode.IsSpace(next):
				b.WriteRune('‘')
			default:
				b.WriteRune('’') // closing quote and apostrophe alike
			}
		case '"':
			if opening {
				b.WriteRune('“')
			} else {
				b.WriteRune('”')
			}
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}
