// Package slug makes the words of a name into the parts of addresses: page and folder slugs,
// tag slugs and heading ids, the same way for every script.
//
// Letters, digits and combining marks of every script are kept, in lower case, after
// normalising to NFC: macOS writes "Réflexion" in file names as "Re" + a combining accent +
// "flexion" (NFD), and an editor on Linux writes it with one "é" (NFC); both must give the
// same address and the same tag.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Make returns the slug of s: its words in lower case joined by single hyphens, every other
// character a separator. "Decision Making" → "decision-making", "Уверенность" →
// "уверенность". It is "" when s has no letters or digits.
func Make(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFC.String(s) {
		if !Word(r) {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(unicode.ToLower(r))
	}
	// Dropping a character can bring a mark next to a letter it composes with.
	return norm.NFC.String(b.String())
}

// Valid reports whether s is already a slug: what Make gives back unchanged.
func Valid(s string) bool { return s != "" && Make(s) == s }

// ID returns a heading's id from its text, as goldmark and GitHub make them: lower case,
// each space, hyphen or underscore a hyphen, other punctuation dropped ("What's next?" →
// "whats-next"), with Make's letters of every script in NFC. It may be "".
func ID(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(strings.TrimSpace(s)) {
		switch {
		case Word(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			b.WriteByte('-')
		}
	}
	return norm.NFC.String(b.String())
}

// Word reports whether r is part of a word in an address: a letter or digit of any script,
// or a mark that combines with one (the vowel signs of Devanagari, Thai...).
func Word(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}
