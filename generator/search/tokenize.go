package search

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
	if !utf8.ValidString(s) {
		// As a browser reads such bytes: the decomposition of the bytes around them must not
		// depend on where a text is cut.
		s = strings.ToValidUTF8(s, "\uFFFD")
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
// position after the last is returned.
func Tokens(text string, start int, emit func(Token)) int {
	var sc scanner
	return sc.scan(text, start, emitFunc(func(term []byte, _ uint64, pos int) { emit(Token{Term: string(term), Pos: pos}) }))
}

// An emitter gets each term, its hash (hashTerm) and its position; the term's bytes are only
// valid during the call.
// An interface rather than a func: the analyser takes the terms itself, one call a
// term where a closure calling it made two.
type emitter interface {
	emit(term []byte, hash uint64, pos int)
}

// emitFunc is an emitter of a func.
type emitFunc func(term []byte, hash uint64, pos int)

func (f emitFunc) emit(term []byte, hash uint64, pos int) { f(term, hash, pos) }

// scanner is Tokens for the indexer's hot loop: it reuses its buffers, and its emit gets
// bytes that are only valid during the call. Plain ASCII, most of an English page, is
// folded and split byte by byte; a stretch with any other character in it, from the
// start of its word to the next ASCII space or punctuation, is folded as a whole and
// split the general way. Folding never joins or splits text across an ASCII space or
// punctuation, so the two ways give the terms Fold-then-split gives.
type scanner struct {
	buf    [16]byte // a short word, folded (short)
	word   []byte   // the ASCII word at hand, folded
	joined []byte   // the general way's word so far, when an apostrophe was dropped from it
}

func (sc *scanner) scan(text string, pos int, emit emitter) int {
	// A word is text[ws:i] as it is while it is in lower case (most words of a text: no
	// copy), and is copied into word, folded, from its first capital or dropped apostrophe
	// on. A word is hashed once whole, when it ends (hashTerm): hashing it byte by byte as
	// it grew chained a multiplication to every byte of the page. The emits are written
	// out in the loop: a closure would keep this state in memory rather than in registers.
	word := sc.word[:0]
	ws := -1        // where the word at hand starts in text
	copied := false // the word is in word, not text[ws:i]
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < utf8.RuneSelf {
			cl := asciiClass[c]
			if ws < 0 && (cl == classLower || cl == classUpper) {
				// Most words of a page: ASCII letters and digits, fewer than 16, then an
				// ASCII space or punctuation. Found, folded and hashed from two 8-byte
				// words, the word's bytes read once.
				if n, term, h := sc.short(text, i); n > 0 {
					emit.emit(term, h, pos)
					pos++
					i += n // at the byte after the word, which ends it and is passed
					continue
				}
			}
			switch cl {
			case classLower:
				if ws < 0 {
					ws = i
				}
				// The rest of a run of lower case at once: most of a page's text.
				j := lowerRun(text, i+1)
				if copied {
					word = append(word, text[i:j]...)
				}
				i = j - 1
				continue
			case classUpper:
				if !copied {
					word, copied = word[:0], true
					if ws >= 0 {
						word = append(word, text[ws:i]...)
					}
				}
				if ws < 0 {
					ws = i
				}
				word = append(word, c+'a'-'A')
				continue
			case classApostrophe:
				if ws >= 0 && i+1 < len(text) && text[i+1] >= utf8.RuneSelf {
					i = sc.chunk(text, ws, i, &pos, emit)
					word, ws, copied = word[:0], -1, false
					continue
				}
				if ws >= 0 && i+1 < len(text) && isASCIIWord(text[i+1]) {
					// Inside a word: dropped, and the word goes on after it.
					if !copied {
						word, copied = append(word[:0], text[ws:i]...), true
					}
					continue
				}
			}
			// A separator, or an apostrophe that is not inside a word.
			if ws >= 0 {
				term := stringBytes(text[ws:i])
				if copied {
					term = word
				}
				term = term[:min(len(term), maxRunes)] // ASCII: a byte is a character
				emit.emit(term, hashTerm(term), pos)
				pos++
				word, ws, copied = word[:0], -1, false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '’' && ws >= 0 && i+size < len(text) && isASCIIWord(text[i+size]):
			// As the ASCII apostrophe.
			if !copied {
				word, copied = append(word[:0], text[ws:i]...), true
			}
			i += size - 1
		case fastSeparator(r) || r == '’' && (i+size == len(text) || text[i+size] < utf8.RuneSelf && !isASCIIWord(text[i+size])):
			if ws >= 0 {
				term := stringBytes(text[ws:i])
				if copied {
					term = word
				}
				term = term[:min(len(term), maxRunes)]
				emit.emit(term, hashTerm(term), pos)
				pos++
				word, ws, copied = word[:0], -1, false
			}
			i += size - 1
		default:
			start := i
			if ws >= 0 {
				start = ws
			}
			i = sc.chunk(text, start, i, &pos, emit)
			word, ws, copied = word[:0], -1, false
		}
	}
	if ws >= 0 {
		term := stringBytes(text[ws:])
		if copied {
			term = word
		}
		term = term[:min(len(term), maxRunes)]
		emit.emit(term, hashTerm(term), pos)
		pos++
	}
	sc.word = word
	return pos
}

// short finds the word of ASCII letters and digits at text[i] (one), when it is shorter
// than 16 bytes and ends at the text's end or at an ASCII byte that separates words (not an
// apostrophe). It returns its length, its term (folded: text itself when in lower case, else
// sc.buf) and its hash; or 0 when the word is not such.
func (sc *scanner) short(text string, i int) (int, []byte, uint64) {
	var v0, v1 uint64
	if i+16 <= len(text) {
		b := stringBytes(text[i : i+16])
		v0, v1 = binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:])
	} else {
		var b [16]byte // zeros after the text: they end the word as its end does
		copy(b[:], text[i:])
		v0, v1 = binary.LittleEndian.Uint64(b[:]), binary.LittleEndian.Uint64(b[8:])
	}
	a0, u0 := alnum8(v0)
	n := bits.TrailingZeros64(^a0&high) >> 3
	if n < 8 {
		// Most words: the word and the byte after it in the first 8 bytes. That byte is
		// no letter or digit: the word ends there unless it is an apostrophe or not ASCII
		// (a zero after the text's end separates).
		if c := byte(v0 >> (8 * n & 63)); c >= utf8.RuneSelf || c == '\'' {
			return 0, nil, 0
		}
		m := lowBytes[n]
		lo := v0 & m
		if up := u0 & m; up != 0 {
			// Capitals to lower case: 0x20 added to each.
			lo += up >> 2
			binary.LittleEndian.PutUint64(sc.buf[:8], lo)
			return n, sc.buf[:n], hashShort(lo, 0, n)
		}
		return n, stringBytes(text[i : i+n]), hashShort(lo, 0, n)
	}
	a1, u1 := alnum8(v1)
	k := bits.TrailingZeros64(^a1&high) >> 3 // of the word's bytes, those in the second 8
	if k == 8 {
		return 0, nil, 0
	}
	if c := byte(v1 >> (8 * k & 63)); c >= utf8.RuneSelf || c == '\'' {
		return 0, nil, 0
	}
	n = 8 + k
	m := lowBytes[k]
	lo, hi := v0, v1&m
	if up := u0 | u1&m; up != 0 {
		lo += u0 >> 2
		hi += u1 & m >> 2
		binary.LittleEndian.PutUint64(sc.buf[:8], lo)
		binary.LittleEndian.PutUint64(sc.buf[8:], hi)
		return n, sc.buf[:n], hashShort(lo, hi, n)
	}
	return n, stringBytes(text[i : i+n]), hashShort(lo, hi, n)
}

// lowBytes[n] has the low n bytes of a word set.
var lowBytes = [8]uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff}

// alnum8 returns, for the 8 bytes of v, the high bit of each byte set where the byte is an
// ASCII letter or digit (alnum), and where it is a capital (upper).
func alnum8(v uint64) (alnum, upper uint64) {
	x := v &^ high // each byte's low seven bits: the sums below never carry into the next byte
	// Capitals and small letters alike: with 0x20 set, only a letter falls in a to z.
	y := x | 0x20*ones
	// The high bit of each byte of a sum says the byte >= that bound.
	letter := (y + (0x80-'a')*ones) &^ (y + (0x80-'z'-1)*ones)
	digit := (x + (0x80-'0')*ones) &^ (x + (0x80-'9'-1)*ones)
	ascii := ^v & high
	// A capital is a letter without 0x20 (moved up to the high bit).
	return (letter | digit) & ascii, letter &^ (x << 2) & ascii
}

// The classes of ASCII bytes, for scan.
const (
	classSeparator = iota
	classLower     // a to z, 0 to 9
	classUpper
	classApostrophe
	classOther // not ASCII: a table of 256 lets the loop over lower case ask one question
)

var asciiClass = func() (t [256]byte) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = classOther
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			t[c] = classLower
		case 'A' <= c && c <= 'Z':
			t[c] = classUpper
		case c == '\'':
			t[c] = classApostrophe
		}
	}
	return t
}()

// lowerRun returns the end of the run of classLower bytes of text from i: eight bytes at a
// time, each byte's class told by adding to it, most words in one step.
func lowerRun(text string, i int) int {
	for i+8 <= len(text) {
		v := binary.LittleEndian.Uint64(stringBytes(text[i : i+8]))
		x := v &^ high // each byte's low seven bits: the sums below never carry into the next byte
		// The high bit of each byte of a sum says x >= that bound.
		letter := (x + (0x80-'a')*ones) &^ (x + (0x80-'z'-1)*ones)
		digit := (x + (0x80-'0')*ones) &^ (x + (0x80-'9'-1)*ones)
		lower := (letter | digit) &^ v & high // not ASCII: not lower case
		if lower != high {
			return i + bits.TrailingZeros64(^lower&high)/8
		}
		i += 8
	}
	for i < len(text) && asciiClass[text[i]] == classLower {
		i++
	}
	return i
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z'
}

// fastSeparator reports the characters of English text, other than ASCII, that stand
// between words as they are, folded or not (TestFastSeparators checks the list).
func fastSeparator(r rune) bool {
	switch r {
	case 0xA0, '‘', '“', '”', '–', '—', '…', '«', '»', '•', '·':
		return true
	}
	return false
}

// chunk splits text[start:] up to the next ASCII space or punctuation from i on, the
// general way, and returns the index of that chunk's last byte.
func (sc *scanner) chunk(text string, start, i int, pos *int, emit emitter) int {
	end := i
	for end < len(text) && (text[end] >= utf8.RuneSelf || text[end] == '\'' || isASCIIWord(text[end])) {
		end++
	}
	*pos = sc.general(Fold(text[start:end]), *pos, emit)
	return end - 1
}

// general splits folded text into terms, any character allowed.
func (sc *scanner) general(s string, pos int, emit emitter) int {
	ws := -1 // where the current word starts in s
	joined := sc.joined[:0]
	inJoined := false
	runStart := -1
	flushWord := func(end int) {
		if ws < 0 {
			return
		}
		term := s[ws:end]
		if inJoined {
			joined = append(joined, term...)
			term = string(joined) // rare: an apostrophe followed by a letter other than ASCII
			joined, inJoined = joined[:0], false
		}
		t := stringBytes(truncate(term))
		emit.emit(t, hashTerm(t), pos)
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
			t := stringBytes(run[i:])
			if i+n < len(run) {
				_, m := utf8.DecodeRuneInString(run[i+n:])
				t = t[:n+m]
			}
			emit.emit(t, hashTerm(t), pos)
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
			inJoined = true
			ws = i + n
		default:
			flushWord(i)
			flushRun(i)
		}
		i += n
	}
	flushWord(len(s))
	flushRun(len(s))
	sc.joined = joined
	return pos
}

// stringBytes is s as bytes without a copy: emit only reads them.
func stringBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

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
