package search

import (
	"strings"

	"github.com/kljensen/snowball/english"
)

// Stemming (docs/search.md, "Word forms"): the index keeps words as they are written, so
// that prefixes typed keep matching, and a query word also finds the words of the index
// with its English stem ("procrastinating" finds "procrastination", "boundaries"
// "boundary"). The browser stems with the Porter2 stemmer vendored in js/porter2.js, Go
// with the Snowball English stemmer: the same algorithm, held equal by the stem cases of
// testdata/tokens.json, which both run.

// StemWeight weighs a word found by its stem against the word itself (shared with
// search.js).
const StemWeight = 0.9

// Stemmed reports whether an index in language lang (BCP 47; "" is the default, English)
// matches words by their stems: English only.
func Stemmed(lang string) bool {
	return lang == "" || lang == "en" || strings.HasPrefix(lang, "en-")
}

// stemmable reports whether term is a word the stemmer is for: three or more letters
// a to z (folded English words; not numbers, not other scripts).
func stemmable(term string) bool {
	if len(term) < 3 {
		return false
	}
	for i := 0; i < len(term); i++ {
		if c := term[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// Stem returns the Porter2 stem of a folded term, or "" when it is not stemmable. Stop
// words are stemmed too, as js/porter2.js does.
func Stem(term string) string {
	if !stemmable(term) {
		return ""
	}
	return english.Stem(term, true)
}

// stemRange returns the first and last term a word of stem s can be: every word with that
// stem starts with s but its last letter (a y the stemmer made an i: "boundary" is
// "boundari"), or "" when the stem is too short for such a range to be narrow.
func stemRange(s string) (lo, hi string) {
	if len(s) < 4 {
		return "", ""
	}
	p := s[:len(s)-1]
	return p, p + "\xff"
}
