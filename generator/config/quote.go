package config

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteMax is how many characters of a value a message quotes: a title whole, so that the
// line the message writes can be copied as it is, but not a description pasted as one line
// of 30,000 characters, which made a message as long.
const quoteMax = 60

// Shorten is v as a message quotes it: whole up to quoteMax characters, else its first
// characters (without the space at the cut) and "…"; a value in quotes or brackets keeps
// its closing one, "Why…" and [a, b…], so that it still reads as written. It cuts between
// characters as a reader sees them, never inside one: not between a letter and its accent,
// nor inside an emoji made of several (👋🏽, a flag, a family joined by zero-width joiners).
func Shorten(v string) string {
	if len(v) <= quoteMax || utf8.RuneCountInString(v) <= quoteMax {
		return v
	}
	if n := len(v); strings.IndexByte(`"'[{`, v[0]) >= 0 && v[n-1] == closer[v[0]] {
		return v[:1] + Shorten(v[1:n-1]) + v[n-1:]
	}
	cut, n := 0, 0
	for i := range v {
		if n == quoteMax {
			cut = i
			break
		}
		n++
	}
	for c := cut; c > 0; {
		r, _ := utf8.DecodeRuneInString(v[c:])
		prev, size := utf8.DecodeLastRuneInString(v[:c])
		if !joins(prev, r) || regionalPaired(v[:c], r) {
			cut = c
			break
		}
		c -= size // inside a character: cut before it
		if c == 0 {
			// One character of more than quoteMax parts (a letter under a pile of accents):
			// cut it where it is long.
			break
		}
	}
	return strings.TrimRight(v[:cut], " \t") + "…"
}

// closer is the character that closes a value opened by a quote or a bracket.
var closer = map[byte]byte{'"': '"', '\'': '\'', '[': ']', '{': '}'}

// joins reports whether r belongs to the same character as prev, the one before it: an
// accent or other combining mark, a variation selector (the emoji form of ☕), a skin tone,
// the letters of a subdivision flag, and either side of a zero-width joiner; and the second
// regional indicator of a flag, which regionalPaired tells apart from the start of the next.
func joins(prev, r rune) bool {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc),
		r == '\u200d', prev == '\u200d',
		r >= 0xfe00 && r <= 0xfe0f, r >= 0xe0100 && r <= 0xe01ef,
		r >= 0x1f3fb && r <= 0x1f3ff,
		r >= 0xe0020 && r <= 0xe007f:
		return true
	}
	return isRegional(prev) && isRegional(r)
}

// regionalPaired reports whether before ends with whole flags, so that r, a regional
// indicator, starts the next flag: 🇫🇷🇩🇪 is two flags of two letters each.
func regionalPaired(before string, r rune) bool {
	if !isRegional(r) {
		return false
	}
	n := 0
	for before != "" {
		p, size := utf8.DecodeLastRuneInString(before)
		if !isRegional(p) {
			break
		}
		n++
		before = before[:len(before)-size]
	}
	return n%2 == 0
}

func isRegional(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

// UnclosedQuote finds the first key of a TOML (sep '=') or YAML (sep ':') text whose quoted
// value does not end on its own line: `title = "Values`. The decoders report it in their own
// terms ("strings cannot contain newlines", or "found unexpected end of stream" at the end of
// the front matter), which tell a writer neither which field nor what to type. It returns the
// key, its value from the opening quote on, and the 1-based line and column of the quote,
// in characters.
func UnclosedQuote(fm []byte, sep byte) (key, value string, line, col int, ok bool) {
	for i, l := range strings.Split(string(fm), "\n") {
		l = strings.TrimRight(l, "\r")
		k, rest, found := strings.Cut(l, string(sep))
		k = strings.TrimSpace(k)
		if !found || k == "" || strings.ContainsAny(k, "\"'#[") {
			continue
		}
		v := strings.TrimLeft(rest, " \t")
		if v == "" || (v[0] != '"' && v[0] != '\'') {
			continue
		}
		if sep == '=' && (strings.HasPrefix(v, `"""`) || strings.HasPrefix(v, `'''`)) {
			continue // TOML's multi-line strings may span lines
		}
		if !closes(v[1:], v[0]) {
			return k, strings.TrimSpace(v), i + 1, utf8.RuneCountInString(l[:len(l)-len(v)]) + 1, true
		}
	}
	return "", "", 0, 0, false
}

// closes reports whether s (the text after an opening quote q) holds q's closing quote.
// Double quotes escape with a backslash; YAML's single quotes escape by doubling.
func closes(s string, q byte) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return true
		}
	}
	return false
}

// UnclosedQuoteMessage says which field lacks its closing quote and shows the line closed.
func UnclosedQuoteMessage(key, value string, sep byte) string {
	value = Shorten(value)
	line := fmt.Sprintf("%s = %s%c", key, value, value[0])
	if sep == ':' {
		line = fmt.Sprintf("%s: %s%c", key, value, value[0])
	}
	return fmt.Sprintf("the %s has no closing quote; end the value with %c on the same line: %s", key, value[0], line)
}
