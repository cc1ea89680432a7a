package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxRunes caps a term's length: a longer word is indexed, and searched, by its first
// maxRunes characters, so a pasted URL or a run of letters cannot make a huge term.
const maxRunes = 32

// Fold returns s in the form terms are compared in: compatibility-decomposed, without
// diacritics (but with the Japanese voicing marks, which change the word), lower case, ß as
// ss, every sigma as σ, recomposed. search.js's fold does exactly this; the shared table in
// testdata/tokens.json keeps the two equal.
func Fold(s string) string {
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
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) && r != 0x3099 && r != 0x309A {
			continue
		}
		switch r = unicode.ToLower(r); r {
		case 'ς':
			r = 'σ'
		case 'ß':
			b.WriteString("ss")
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// Token is a term at a position of a text: positions count words, and CJK bigrams, from 0.
type Token struct {
	Term string
	Pos  int
}

// isCJK reports whether r is written without spaces between words: such text is indexed
// by overlapping pairs of characters, so that any word of two or more characters is found.
func isCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return r == 0x30FC || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// Tokens splits text into terms, folded. A word is a run of letters, digits and marks; an
// apostrophe inside a word is dropped ("client's" is "clients"). A run of CJK characters
// gives each pair of neighbours, and its last character alone, so that every character
// starts a term. start is the position of the first token; emit gets every token, and the
// position after the last is returned. A term may share memory with text: emit copies what
// it keeps.
func Tokens(text string, start int, emit func(Token)) int {
	s := Fold(text)
	pos := start
	ws := -1          // where the current word starts in s
	var joined []byte // the current word so far, when an apostrophe was dropped from it
	runStart := -1
	flushWord := func(end int) {
		if ws < 0 {
			return
		}
		term := s[ws:end]
		if joined != nil {
			term = string(append(joined, term...))
			joined = nil
		}
		emit(Token{Term: truncate(term), Pos: pos})
		pos++
		ws = -1
	}
	flushRun := func(end int) {
		if runStart < 0 {
			return
		}
		run := s[runStart:end]
		for i, r := range run {
			n := utf8.RuneLen(r)
			if i+n < len(run) {
				_, m := utf8.DecodeRuneInString(run[i+n:])
				emit(Token{Term: run[i : i+n+m], Pos: pos})
			} else {
				emit(Token{Term: run[i:], Pos: pos})
			}
			pos++
		}
		runStart = -1
	}
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isCJK(r):
			flushWord(i)
			if runStart < 0 {
				runStart = i
			}
		case isWord(r):
			flushRun(i)
			if ws < 0 {
				ws = i
			}
		case isApostrophe(r) && ws >= 0 && i+n < len(s) && nextIsWord(s[i+n:]):
			// Inside a word: dropped, and the word goes on after it.
			joined = append(joined, s[ws:i]...)
			ws = i + n
		default:
			flushWord(i)
			flushRun(i)
		}
		i += n
	}
	flushWord(len(s))
	flushRun(len(s))
	return pos
}

func nextIsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWord(r) && !isCJK(r)
}

func truncate(t string) string {
	if len(t) <= maxRunes {
		return t
	}
	n := 0
	for i := range t {
		if n == maxRunes {
			return t[:i]
		}
		n++
	}
	return t
}

// Term is one word of a query.
type Term struct {
	Text   string
	Prefix bool // matches every term that starts with Text
}

// Query splits a query as the browser does: the terms of Tokens, where the last word is a
// prefix while it is being typed (the query ends in a letter or digit), and a CJK run gives its pairs only,
// its last character alone being a prefix when the run is one character long.
func Query(q string) []Term {
	var toks []Token
	Tokens(q, 0, func(t Token) { toks = append(toks, t) })
	var out []Term
	for i, t := range toks {
		cjk := isCJK(firstRune(t.Term))
		single := cjk && utf8.RuneCountInString(t.Term) == 1
		if single && i > 0 && utf8.RuneCountInString(toks[i-1].Term) == 2 && isCJK(firstRune(toks[i-1].Term)) &&
			strings.HasSuffix(toks[i-1].Term, t.Term) {
			continue // the run's last character: its pair before it says more
		}
		out = append(out, Term{Text: t.Term, Prefix: single})
	}
	// The last word is still being typed when the query ends in it.
	if n := len(out); n > 0 {
		last, _ := utf8.DecodeLastRuneInString(q)
		if isWord(last) && !isCJK(last) && !isCJK(firstRune(out[n-1].Text)) {
			out[n-1].Prefix = true
		}
	}
	return dedupe(out)
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func dedupe(ts []Term) []Term {
	seen := map[Term]bool{}
	var out []Term
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
