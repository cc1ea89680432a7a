package input

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/between-ssg/between/generator/diag"
)

// NotText says why data, a coach's file, cannot be read as UTF-8 text, at its line and
// column (in characters, from 1; 0 when the whole file is the problem), or ok is true
// when it can. A file saved as UTF-16 (Windows Notepad's "Unicode"), with or without its
// byte order mark, is told as such: without the mark its English text is valid UTF-8 with
// a NUL byte after each letter, and read as it is, it was a page with no front matter
// ("missing title"). A file in an older encoding (Windows-1252, Latin-1, Shift JIS) is
// told at its first byte that UTF-8 does not allow, with the word it is in as Windows-1252
// reads it when that is a word of Latin letters ("café"), so that the coach can find it.
func NotText(data []byte) (line, col int, msg string, ok bool) {
	const save = "in your editor, save the file again with the encoding UTF-8 (most editors have it in Save as, or at the bottom of the window)"
	head := data[:min(len(data), 4096)]
	// Asked of every page of every build: the common case is two fast scans. A NUL byte
	// past the head, or one alone, is left to the Markdown reader, which shows it as U+FFFD.
	if utf8.Valid(data) && bytes.Count(head, []byte{0}) < 2 {
		return 0, 0, "", true
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) || utf16Like(head) {
		return 0, 0, `this file is saved as UTF-16 (Windows Notepad calls it "Unicode"), which Between does not read; ` + save, false
	}
	if bytes.Count(head, []byte{0}) >= 2 {
		// An image or a document: where its first NUL falls says nothing to a coach. (One
		// NUL in text, pasted in from somewhere, is left to Markdown, which shows U+FFFD.)
		return 0, 0, "this file holds NUL bytes, which no text has: it may be another program's file (an image, a document) saved with a .md name; open it in a text editor and save it again as plain text, with the encoding UTF-8", false
	}
	at := 0
	for at < len(data) {
		c := data[at]
		if c < utf8.RuneSelf {
			at++
			continue
		}
		r, size := utf8.DecodeRune(data[at:])
		if r == utf8.RuneError && size == 1 {
			line, col := diag.LineCol(data, at)
			if w := latinWord(data, at); w != "" {
				return line, col, fmt.Sprintf("this file is not UTF-8 text: it was saved in an older encoding, in which this word reads %q (as Windows-1252 reads it); %s", w, save), false
			}
			return line, col, fmt.Sprintf("this file is not UTF-8 text: the byte here (0x%02X) is not part of any character in UTF-8, as in a file saved in an older encoding (Windows-1252, Latin-1, Shift JIS); %s", c, save), false
		}
		at += size
	}
	return 0, 0, "", true
}

// utf16Like reports whether head, a file's first bytes, reads as UTF-16 text of mostly
// ASCII characters: every other byte a NUL.
func utf16Like(head []byte) bool {
	if len(head) < 4 {
		return false
	}
	var zeros [2]int
	for i, c := range head {
		if c == 0 {
			zeros[i%2]++
		}
	}
	half := len(head) / 2
	return zeros[0] > half*3/4 && zeros[1] == 0 || zeros[1] > half*3/4 && zeros[0] == 0
}

// latinWord is the word around the byte at in data, read as Windows-1252, when that reads
// as a word of Latin letters ("café", "naïve", "don’t", "“Hello”"), or "" when it does not: a text in
// Shift JIS read that way is not words, and showing it would mislead.
func latinWord(data []byte, at int) string {
	lo, hi := at, at+1
	for lo > 0 && at-lo < 20 && !isSpace(data[lo-1]) {
		lo--
	}
	for hi < len(data) && hi-at < 20 && !isSpace(data[hi]) {
		hi++
	}
	dec, err := charmap.Windows1252.NewDecoder().Bytes(data[lo:hi])
	if err != nil {
		return ""
	}
	word := strings.Trim(string(dec), ".,;:!?\"'()[]*_`")
	ascii := false
	for _, r := range word {
		switch {
		case r < utf8.RuneSelf:
			ascii = ascii || unicode.IsLetter(r)
		case unicode.IsLetter(r) && unicode.Is(unicode.Latin, r), strings.ContainsRune("’‘“”–—…«»", r):
		default:
			return ""
		}
	}
	if !ascii {
		return ""
	}
	return word
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
