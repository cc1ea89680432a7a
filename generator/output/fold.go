package output

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FoldClash is two names of one output that are one file or folder where names are
// compared without regard to case or to how an accent is written: on macOS and Windows,
// and on many hosts, one would overwrite the other. Part and OtherPart are the spellings
// that meet (the whole names, or the folders they are in: "Articles" beside "articles");
// Name and OtherName a name of the output in each.
type FoldClash struct {
	Part, Name, OtherPart, OtherName string
}

// FoldClashes finds the names in sorted (sorted, clean) that differ from another one only
// in case or Unicode normalisation, in the whole name or in a folder on its way. Each such
// spelling is reported once, at the shortest part where it meets another.
//
// Two names that hold neither a capital letter nor a byte outside ASCII never meet, so only
// the few names that do are folded; the spellings they may meet are looked up in sorted by
// binary search. (Folding every name of a 100,000-page library into a map took a second.)
func FoldClashes(sorted []string) []FoldClash {
	var out []FoldClash
	clashed := map[string]bool{}   // parts looked at, and whether each met another spelling
	firstOf := map[string]string{} // fold key → the first part with that key
	for _, n := range sorted {
		if !odd(n) {
			continue
		}
		for i := 0; i <= len(n); i++ {
			if i < len(n) && n[i] != '/' {
				continue
			}
			part := n[:i]
			if c, seen := clashed[part]; seen {
				if c {
					break
				}
				continue
			}
			if !odd(part[strings.LastIndexByte(part, '/')+1:]) {
				clashed[part] = false
				continue
			}
			key := foldPath(part)
			other := ""
			if key != part && inside(sorted, key) != "" {
				other = key
			} else if f, ok := firstOf[key]; ok {
				other = f
			} else {
				firstOf[key] = part
			}
			clashed[part] = other != ""
			if other == "" {
				continue
			}
			c := FoldClash{Part: other, Name: inside(sorted, other), OtherPart: part, OtherName: n}
			if part < other {
				c = FoldClash{Part: part, Name: n, OtherPart: other, OtherName: inside(sorted, other)}
			}
			out = append(out, c)
			break
		}
	}
	return out
}

// odd reports whether s holds a capital ASCII letter or a byte outside ASCII: what folding
// can change.
func odd(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

// inside returns a name of sorted that is p or lies in the folder p, or "".
func inside(sorted []string, p string) string {
	if i := sort.SearchStrings(sorted, p); i < len(sorted) && sorted[i] == p {
		return p
	}
	if i := sort.SearchStrings(sorted, p+"/"); i < len(sorted) && strings.HasPrefix(sorted[i], p+"/") {
		return sorted[i]
	}
	return ""
}

// foldPath folds each part of a slash path.
func foldPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = foldName(s)
	}
	return strings.Join(parts, "/")
}

// foldName is a name as a case-insensitive file system compares it: each letter folded to
// one of its cases (simple folding, as Windows and macOS do: "ß" stays apart from "ss", "ς"
// meets "σ"), in NFC.
func foldName(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	// Each letter becomes the small form of the least of its cases, the same for all of
	// them: k for K, k and the Kelvin sign K; σ for Σ, σ and ς.
	return norm.NFC.String(strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return unicode.ToLower(least)
	}, norm.NFD.String(s)))
}
