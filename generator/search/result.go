package search

import (
	"encoding/binary"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/between-ssg/between/internal/swar"
)

// appendResult appends r as JSON, byte for byte as encoding/json's Encoder writes it (HTML
// characters escaped, no newline), with the page's excerpt as bytes: a page's record is
// written for every page of a build, and reflection over the struct, the excerpt's string
// and the encoder's buffer cost a tenth of indexing the page.
func appendResult(b []byte, r *Result, excerpt []byte) []byte {
	b = append(b, `{"u":`...)
	b = appendJSONString(b, r.URL)
	b = append(b, `,"t":`...)
	b = appendJSONString(b, r.Title)
	b = append(b, `,"k":`...)
	b = appendJSONString(b, r.Kind)
	if len(r.Tags) > 0 {
		b = appendJSONStrings(append(b, `,"g":`...), r.Tags)
	}
	if r.Description != "" {
		b = appendJSONString(append(b, `,"d":`...), r.Description)
	}
	if len(r.Headings) > 0 {
		b = appendJSONStrings(append(b, `,"h":`...), r.Headings)
	}
	if len(excerpt) > 0 {
		b = appendJSONString(append(b, `,"x":`...), stringOf(excerpt))
	}
	return append(b, '}')
}

// appendRecord appends r's record for its slot: appendResult's, when it fits in Slot-1
// bytes, as all but the rarest do. A longer one is cut, the least shown first: the opening
// text, then headings from the last, the description, tags from the last, and the title;
// what is cut keeps whole words where it can and ends in "…". A page whose URL alone is
// too long for a slot (no library has one: 2 KB of path) gets "{}", a result search.js
// leaves out, rather than a slot that is not JSON.
func appendRecord(b []byte, r *Result, excerpt []byte) []byte {
	start := len(b)
	b = appendResult(b, r, excerpt)
	if len(b)-start < Slot {
		return b
	}
	c := *r
	c.Headings = slices.Clone(r.Headings)
	c.Tags = slices.Clone(r.Tags)
	x := string(excerpt)
	fits := func() bool {
		b = appendResult(b[:start], &c, stringBytes(x))
		return len(b)-start < Slot
	}
	// cut shortens *s to the most of it that fits, by halves: its bytes may take up to six
	// times as many in the record (escaped), so the bytes over say little of how many to cut.
	cut := func(s *string) {
		whole := *s
		lo, hi := 0, len(whole) // fits with lo bytes of it (0: none); not with hi
		for lo+1 < hi {
			mid := (lo + hi) / 2
			if *s = cutText(whole, mid); fits() {
				lo = mid
			} else {
				hi = mid
			}
		}
		*s = cutText(whole, lo)
	}
	for !fits() {
		switch {
		case x != "":
			cut(&x)
			if x == "" {
				continue
			}
		case len(c.Headings) > 0:
			c.Headings = c.Headings[:len(c.Headings)-1]
		case c.Description != "":
			cut(&c.Description)
		case len(c.Tags) > 0:
			c.Tags = c.Tags[:len(c.Tags)-1]
		case c.Title != "":
			cut(&c.Title)
		default:
			return append(b[:start], "{}"...)
		}
	}
	return b
}

// cutText is s cut to at most n bytes with its "…" (nothing when n leaves no room for a
// character), after a word when a space falls in its second half.
func cutText(s string, n int) string {
	n -= len("…")
	if n <= 0 {
		return ""
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	s = s[:n]
	if sp := strings.LastIndexByte(s, ' '); sp > len(s)/2 {
		s = s[:sp]
	}
	return strings.TrimRight(s, " ") + "…"
}

func appendJSONStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString is encoding/json's string encoding with HTML escaping: <, > and &, the
// ASCII controls, the line and paragraph separators and bytes that are not UTF-8 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Sixteen bytes, then eight, at a time while none needs a look: most of a
		// record's text. (Not after a character other than ASCII, which another most
		// often follows in a script that has them.)
		if len(s)-i >= 16 && s[i] < utf8.RuneSelf {
			i += jsonSafeRun(unsafe.StringData(s[i:]), len(s)-i)
		}
		for i+8 <= len(s) && jsonSafe8(binary.LittleEndian.Uint64(stringBytes(s[i:i+8]))) {
			i += 8
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// jsonSafe8 reports whether the 8 bytes of v are all jsonSafe: ASCII, no control, none of
// " \ < > &, each found as a zero byte of v^c (swar.Zero). Two pairs of them differ in one
// bit, which cleared finds both at once: '<' (0x3c) and '>' (0x3e), '"' (0x22) and '&'
// (0x26); in text, this is most of a record's bytes.
func jsonSafe8(v uint64) bool {
	below := (v - ' '*ones) &^ v // a byte below ' ' (or, past one, any: exact about whether there is one)
	angle := swar.Zero((v ^ '<'*ones) &^ (0x02 * ones))
	quoteAmp := swar.Zero((v ^ '"'*ones) &^ (0x04 * ones))
	bad := v | below | swar.Zero(v^'\\'*ones) | angle | quoteAmp
	return bad&high == 0
}

// jsonSafe are the ASCII bytes a JSON string holds as they are, HTML's excepted.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// stringOf is b as a string without a copy, for reading only while b is unchanged.
func stringOf(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
