package output

import (
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

// FoldClashes finds the names in sorted (sorted, clean) that differ from an earlier one
// only in case or Unicode normalisation, in the whole name or in a folder on its way.
// Each pair of spellings is reported once, at the shortest part where they meet.
func FoldClashes(sorted []string) []FoldClash {
	type seen struct{ part, name string }
	first := make(map[string]seen, len(sorted))
	reported := map[[2]string]bool{}
	folder := map[string]string{} // a folder's spelling → its key, computed once
	var out []FoldClash
	for _, n := range sorted {
		key := ""
		for i := 0; i <= len(n); i++ {
			if i < len(n) && n[i] != '/' {
				continue
			}
			part := n[:i]
			k, ok := folder[part]
			if !ok {
				start := strings.LastIndexByte(part, '/') + 1
				k = key + part[start-min(start, 1):start] + foldName(part[start:])
				if i < len(n) {
					folder[part] = k
				}
			}
			key = k
			s, ok := first[k]
			if !ok {
				first[k] = seen{part, n}
				continue
			}
			if s.part == part {
				continue
			}
			if pair := [2]string{s.part, part}; !reported[pair] {
				reported[pair] = true
				out = append(out, FoldClash{Part: s.part, Name: s.name, OtherPart: part, OtherName: n})
			}
			break
		}
	}
	return out
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
		return strings.ToUpper(s) // an ASCII letter's fold below is its capital
	}
	return norm.NFC.String(strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, norm.NFD.String(s)))
}
