package config

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

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
	if r := []rune(value); len(r) > 40 {
		value = string(r[:40]) + "…"
	}
	line := fmt.Sprintf("%s = %s%c", key, value, value[0])
	if sep == ':' {
		line = fmt.Sprintf("%s: %s%c", key, value, value[0])
	}
	return fmt.Sprintf("the %s has no closing quote; end the value with %c on the same line: %s", key, value[0], line)
}
