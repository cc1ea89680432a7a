package search

import (
	"encoding/binary"
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/between-ssg/between/internal/swar"
)

// isInline reports the elements that do not separate words: "<em>self</em>-care" is one
// text. (A switch: this is asked for every tag of every page, and a map hashes the name.)
func isInline(name string) bool {
	switch name {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q",
		"s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr":
		return true
	}
	return false
}

// isSkipped reports the elements that hold no text a reader searches for. A textarea is
// where a client writes: its content is never indexed (the build writes none, and the rule
// stays if that changes).
func isSkipped(name string) bool {
	switch name {
	case "script", "style", "template", "textarea", "svg", "noscript":
		return true
	}
	return false
}

// tagAt reads the tag at the start of src ("<" and more): its name in lower case, whether
// it closes an element, and the index after its ">" (-1 when there is none). The name is
// the ASCII letters and digits after "<" or "</", and the ">" most often follows it: only
// a tag with attributes is searched for its end.
func tagAt(src string) (name string, closing bool, end int) {
	k := 1
	if len(src) > 1 && src[1] == '/' {
		closing, k = true, 2
	}
	start := k
	for k < len(src) && nameByte[src[k]] == nameLower {
		k++
	}
	if k < len(src) && nameByte[src[k]] == nameUpper { // no name goldmark writes
		for k < len(src) && nameByte[src[k]] != 0 {
			k++
		}
		name = strings.ToLower(src[start:k])
	} else {
		name = src[start:k]
	}
	if k < len(src) && src[k] == '>' {
		return name, closing, k + 1
	}
	gt := strings.IndexByte(src[k:], '>') // a name holds no '>'
	if gt < 0 {
		return name, closing, -1
	}
	return name, closing, k + gt + 1
}

// nameByte classes the bytes of a tag's name: ASCII lower-case letters and digits, and
// capitals; 0 for any other byte, which ends the name. One look-up a byte: tagAt is asked
// for every tag of every page.
var nameByte = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			t[c] = nameLower
		case c >= 'A' && c <= 'Z':
			t[c] = nameUpper
		}
	}
	return t
}()

const (
	nameLower = 1 + iota
	nameUpper
)

// collapseSpace is strings.Join(strings.Fields(s), " "): s itself when it is so already,
// as most headings are, without cutting it into words and joining them again.
func collapseSpace(s string) string {
	if len(s) > 0 && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return strings.Join(strings.Fields(s), " ")
	}
	i := 0
	// Eight bytes at a time while they are ASCII with no control character and no two
	// spaces side by side (plainRun), as most of a heading is. A space at the end of the
	// eight is looked at again with the next eight.
	for ; i+8 <= len(s); i += 7 {
		if plainRun(binary.LittleEndian.Uint64(stringBytes(s[i:i+8]))) < 8 {
			break
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return strings.Join(strings.Fields(s), " ")
			}
			i += size - 1
			continue
		}
		if asciiSpace[c] && (c != ' ' || i == len(s)-1 || s[i+1] == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// appendUnescaped appends s with its character references resolved, as
// html.UnescapeString does. The few that goldmark and its typographer write (quotes,
// dashes, &amp; and such) are resolved here, without making a string of every piece of
// text that holds one; from any other on, html.UnescapeString resolves the rest.
func appendUnescaped(dst []byte, s string) []byte {
	for {
		amp := strings.IndexByte(s, '&')
		if amp < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:amp]...)
		s = s[amp+1:]
		semi := strings.IndexByte(s, ';')
		if semi < 0 || semi > 7 {
			return append(dst, html.UnescapeString("&"+s)...)
		}
		r := commonEntity(s[:semi])
		if r == "" {
			return append(dst, html.UnescapeString("&"+s)...)
		}
		dst = append(dst, r...)
		s = s[semi+1:]
	}
}

// commonEntity is what &name; stands for, for the names goldmark writes; "" for others.
func commonEntity(name string) string {
	switch name {
	case "amp":
		return "&"
	case "lt":
		return "<"
	case "gt":
		return ">"
	case "quot":
		return `"`
	case "#39":
		return "'"
	case "rsquo":
		return "’"
	case "lsquo":
		return "‘"
	case "rdquo":
		return "”"
	case "ldquo":
		return "“"
	case "ndash":
		return "–"
	case "mdash":
		return "—"
	case "hellip":
		return "…"
	case "laquo":
		return "«"
	case "raquo":
		return "»"
	case "nbsp":
		return "\u00a0"
	}
	return ""
}

// walker is the state of analyser.walk, kept from page to page for its buffers.
type walker struct {
	// text is the body's text: its pieces, a space after each text that flush ends, split
	// at the end of the page in one call. (Splitting each text where it lay in the HTML
	// cost a call to scanIn and scanWords for each of a page's hundred and more texts:
	// more than copying them.)
	text  []byte
	open  bool   // the last piece of text may run on into the next
	brk   bool   // an element that separates words came after the last piece
	body  []byte // the opening of the text, as appendPlainText makes it: for the excerpt
	h     []byte // the page's headings' text, one after the other
	heads []string
	pos   int
}

// walk reads a page's HTML as appendPlainText does: the words of the text go to emit, at
// positions from 0, with the rank and bias the analyser has; the headings, views of the
// walker's buffer valid until the next page, are returned, and the opening of the text,
// enough for the excerpt, kept in an.w.body. It returns the position after the last word.
//
// The pieces of text between tags are copied one after the other into an.w.text, their
// character references resolved, and split at the end. A piece runs on into the next
// (no space between them) only where a word may run across the element between them
// ("<em>self</em>care"): splitting text in two where an ASCII space or punctuation (but the
// apostrophe) stands gives the words of splitting it whole, since scan starts afresh at
// such a byte and looks at most one byte past a word, which that byte ends. So a space
// goes between two pieces when an element that separates words stands between them, or
// the byte before or after the element is such a byte, as in most HTML.
func (an *analyser) walk(src string) ([]string, int) {
	w := &an.w
	w.text, w.open, w.brk, w.pos = w.text[:0], false, false, 0
	w.body, w.h, w.heads = w.body[:0], w.h[:0], w.heads[:0]
	hstart := 0 // where the heading at hand starts in h
	inHeading := false
	for i := 0; i < len(src); {
		if src[i] != '<' {
			if src[i] == '\n' && !inHeading && i+1 < len(src) && src[i+1] == '<' {
				an.lineBreak()
				i++
				continue
			}
			i = an.text(src, i, inHeading)
			continue
		}
		if class, end := commonTag(src, i); end > 0 {
			i += end
			if class == tagBlock {
				if inHeading {
					w.h = append(w.h, ' ')
				} else {
					an.separate(' ')
				}
			}
			continue
		}
		if strings.HasPrefix(src[i:], "<!--") {
			e := strings.Index(src[i:], "-->")
			if e < 0 {
				break
			}
			i += e + 3
			continue
		}
		name, closing, end := tagAt(src[i:])
		if end < 0 {
			break
		}
		class := classOf(name)
		i += end
		switch {
		case class == tagSkipped && !closing:
			e := indexClosing(src[i:], name)
			if e < 0 {
				i = len(src)
				continue
			}
			i += e
		case class == tagHeading:
			if closing && inHeading {
				if t := collapseSpace(stringOf(w.h[hstart:])); t != "" {
					w.heads = append(w.heads, t)
				}
				hstart = len(w.h)
			}
			inHeading = !closing
			an.separate('\n')
		case class != tagInline:
			if inHeading {
				w.h = append(w.h, ' ')
			} else {
				an.separate(' ')
			}
		}
	}
	if n := len(w.text); n > 0 {
		w.text = append(w.text, make([]byte, 16)...) // read by scanWords, not the text's
		w.pos = an.scanIn(stringOf(w.text), n, w.pos)
	}
	return w.heads, w.pos
}

// commonTag is the class and length of the tag at src[i], for the few that goldmark
// writes most (p, li, ul, ol, em, strong, without attributes), known by their bytes, eight
// read at once; 0, 0 for any other. Most of a page's tags are of these, and tagAt and
// classOf took a fifth of walk's time besides copying the text.
func commonTag(src string, i int) (class uint8, end int) {
	if i+9 > len(src) {
		return 0, 0
	}
	v := binary.LittleEndian.Uint64(stringBytes(src[i : i+8]))
	if v&(1<<24-1) == tagP {
		return tagBlock, 3
	}
	switch v & (1<<32 - 1) {
	case tagPEnd, tagLi, tagUl, tagOl:
		return tagBlock, 4
	case tagEm:
		return tagInline, 4
	}
	switch v & (1<<40 - 1) {
	case tagLiEnd, tagUlEnd, tagOlEnd:
		return tagBlock, 5
	case tagEmEnd:
		return tagInline, 5
	}
	switch {
	case v == tagStrong:
		return tagInline, 8
	case v == tagStrongEnd && src[i+8] == '>':
		return tagInline, 9
	}
	return 0, 0
}

// The tags of commonTag, their bytes little-endian as it reads them.
const (
	tagP         = '<' | 'p'<<8 | '>'<<16                                                   // <p>
	tagPEnd      = '<' | '/'<<8 | 'p'<<16 | '>'<<24                                         // </p>
	tagLi        = '<' | 'l'<<8 | 'i'<<16 | '>'<<24                                         // <li>
	tagUl        = '<' | 'u'<<8 | 'l'<<16 | '>'<<24                                         // <ul>
	tagOl        = '<' | 'o'<<8 | 'l'<<16 | '>'<<24                                         // <ol>
	tagEm        = '<' | 'e'<<8 | 'm'<<16 | '>'<<24                                         // <em>
	tagLiEnd     = '<' | '/'<<8 | 'l'<<16 | 'i'<<24 | '>'<<32                               // </li>
	tagUlEnd     = '<' | '/'<<8 | 'u'<<16 | 'l'<<24 | '>'<<32                               // </ul>
	tagOlEnd     = '<' | '/'<<8 | 'o'<<16 | 'l'<<24 | '>'<<32                               // </ol>
	tagEmEnd     = '<' | '/'<<8 | 'e'<<16 | 'm'<<24 | '>'<<32                               // </em>
	tagStrong    = '<' | 's'<<8 | 't'<<16 | 'r'<<24 | 'o'<<32 | 'n'<<40 | 'g'<<48 | '>'<<56 // <strong>
	tagStrongEnd = '<' | '/'<<8 | 's'<<16 | 't'<<24 | 'r'<<32 | 'o'<<40 | 'n'<<48 | 'g'<<56 // </strong
)

// The classes of elements, as walk treats them.
const (
	tagBlock   = iota // separates words
	tagInline         // isInline
	tagSkipped        // isSkipped
	tagHeading        // h1 to h6
)

// classOf is the class of the element name (lower case).
func classOf(name string) uint8 {
	switch {
	case isSkipped(name):
		return tagSkipped
	case len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6':
		return tagHeading
	case isInline(name):
		return tagInline
	}
	return tagBlock
}

// text takes the text of src from i (not a '<') to the next '<', and returns where it
// ends: in the heading at hand (inHeading), or in the body's text and its opening (w.body).
// The bytes up to the first character reference, most often all of them, are found and
// copied in one pass (copyText): finding the next '<', then a '&' in the text, then
// copying it and its opening took three, each a call (for a page's hundred and more texts).
func (an *analyser) text(src string, i int, inHeading bool) int {
	w := &an.w
	if inHeading {
		w.h, i = appendText(w.h, src, i)
		return i
	}
	if c := src[i]; w.brk || !w.open || len(w.text) == 0 || separates(w.text[len(w.text)-1]) || c != '&' && separates(c) {
		an.flush()
	}
	w.brk, w.open = false, true
	start := len(w.text)
	w.text, i = appendText(w.text, src, i)
	if len(w.body) < 8*excerptRunes {
		w.body = append(w.body, w.text[start:]...)
	}
	return i
}

// lineBreak is text of a line break alone between two tags, as goldmark writes after most
// blocks: about a third of a page's pieces of text, taken without text's calls (text,
// appendText, copyText and the append to the opening). Walk's CPU but scanWords' (pprof
// of BenchmarkWalk, 30 times 3,000 pages, twice each way) went from 7.2-8.3 to 5.0-6.5
// µs a page; BenchmarkWalk's own figure, mostly scanWords, varies more than that with
// the binary and the machine's load. In six builds of the 10,000-page library each way,
// one binary switched between the two, alternated (perf): text 202 -> 110 samples,
// copyText 214 -> 186, appendText 88 -> 72, walk itself 254 -> 259.
func (an *analyser) lineBreak() {
	w := &an.w
	an.flush()
	w.text = append(w.text, '\n')
	w.brk, w.open = false, true
	if len(w.body) < 8*excerptRunes {
		w.body = append(w.body, '\n')
	}
}

// appendText appends the text of src from i to the next '<' (or src's end) to dst, its
// character references resolved, and returns dst and where the text ends.
func appendText(dst []byte, src string, i int) ([]byte, int) {
	rest := len(src) - i
	dst = slices.Grow(dst, rest) // copyText writes in dst[len(dst):len(dst)+rest]
	n := len(dst)
	k := copyText(unsafe.SliceData(dst[n:n+rest]), unsafe.StringData(src[i:]), rest)
	dst, i = dst[:n+k], i+k
	if i < len(src) && src[i] == '&' {
		end := len(src)
		if lt := strings.IndexByte(src[i:], '<'); lt >= 0 {
			end = i + lt
		}
		dst, i = appendUnescaped(dst, src[i:end]), end
	}
	return dst, i
}

// flush ends the text at hand: the next piece starts another.
func (an *analyser) flush() {
	w := &an.w
	if w.open {
		w.text = append(w.text, ' ')
		w.open = false
	}
}

// separate is an element that separates words, c in the body's text.
func (an *analyser) separate(c byte) {
	an.w.brk = true
	if len(an.w.body) < 8*excerptRunes {
		an.w.body = append(an.w.body, c)
	}
}

// separates reports the bytes that end a word whatever stands around them (see walk).
func separates(c byte) bool { return asciiClass[c] == classSeparator }

// indexClosing is strings.Index(strings.ToLower(s), "</"+name), as appendPlainText finds
// the end of an element it skips, without lowering the rest of the page: while s is ASCII
// the places in s and in its lower case are the same.
func indexClosing(s, name string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.Index(strings.ToLower(s), "</"+name)
		}
		if c == '<' && i+2+len(name) <= len(s) && s[i+1] == '/' && asciiLowerIs(s[i+2:i+2+len(name)], name) {
			return i
		}
	}
	return -1
}

// asciiLowerIs reports whether s in lower case is name (lower case ASCII).
func asciiLowerIs(s, name string) bool {
	for i := 0; i < len(name); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}

// ones and high: a 1 and the top bit in each byte of a uint64, for the loops that read
// eight bytes of a page at a time.
const ones, high = swar.Ones, swar.High
