package input

import (
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16LE(s string, bom bool) []byte {
	var out []byte
	if bom {
		out = append(out, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func utf16BE(s string) []byte {
	out := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}

// TestNotText: each way a coach's editor saves a file that is not UTF-8, told at its place
// with what to do; UTF-8 text, with any letters, is read.
func TestNotText(t *testing.T) {
	const page = "+++\ntitle = \"Values\"\n+++\nThe café is open.\n"
	const save = "; in your editor, save the file again with the encoding UTF-8 (most editors have it in Save as, or at the bottom of the window)"
	const notText = "this file holds NUL bytes, which no text has: it may be another program's file (an image, a document) saved with a .md name; open it in a text editor and save it again as plain text, with the encoding UTF-8"
	const utf16Msg = `this file is saved as UTF-16 (Windows Notepad calls it "Unicode"), which Between does not read` + save
	for _, c := range []struct {
		name      string
		data      []byte
		line, col int
		msg       string // "" when the data is text
	}{
		{"UTF-8", []byte(page), 0, 0, ""},
		{"UTF-8 in many scripts", []byte("日本語 ✨ العربية café\n"), 0, 0, ""},
		{"empty", nil, 0, 0, ""},
		{"a NUL far into the file is left to Markdown", []byte(strings.Repeat("x", 5000) + "\x00"), 0, 0, ""},
		{"one NUL pasted into text is left to Markdown", []byte("+++\ntitle = \"A\"\n+++\nText\x00 here.\n"), 0, 0, ""},
		{"UTF-16 LE with its mark (Notepad's Unicode)", utf16LE(page, true), 0, 0, utf16Msg},
		{"UTF-16 LE without its mark", utf16LE(page, false), 0, 0, utf16Msg},
		{"UTF-16 BE with its mark", utf16BE(page), 0, 0, utf16Msg},
		{"Windows-1252 in the text", []byte("+++\ntitle = \"Values\"\n+++\nThe caf\xe9 is open.\n"), 4, 8,
			`this file is not UTF-8 text: it was saved in an older encoding, in which this word reads "café" (as Windows-1252 reads it)` + save},
		{"Windows-1252 in the front matter, the column in characters", []byte("+++\ntitle = \"Ü caf\xe9\"\n+++\n"), 2, 15,
			`this file is not UTF-8 text: it was saved in an older encoding, in which this word reads "café" (as Windows-1252 reads it)` + save},
		{"a curly apostrophe of Windows-1252", []byte("I don\x92t know.\n"), 1, 6,
			`this file is not UTF-8 text: it was saved in an older encoding, in which this word reads "don’t" (as Windows-1252 reads it)` + save},
		{"Shift JIS is not shown as Latin letters", []byte("+++\ntitle = \"x\"\n+++\n\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd\n"), 4, 1,
			"this file is not UTF-8 text: the byte here (0x82) is not part of any character in UTF-8, as in a file saved in an older encoding (Windows-1252, Latin-1, Shift JIS)" + save},
		{"a NUL at the start: not text", []byte("PK\x03\x04\x00\x00rest"), 0, 0, notText},
		{"an image saved as .md", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0, 0, notText},
		{"UTF-8 cut in the middle of a character", []byte("ok\nend \xe2\x9c"), 2, 5,
			"this file is not UTF-8 text: the byte here (0xE2) is not part of any character in UTF-8, as in a file saved in an older encoding (Windows-1252, Latin-1, Shift JIS)" + save},
	} {
		t.Run(c.name, func(t *testing.T) {
			line, col, msg, ok := NotText(c.data)
			if ok != (c.msg == "") || line != c.line || col != c.col || msg != c.msg {
				t.Errorf("NotText = %d:%d %q %v, want %d:%d %q", line, col, msg, ok, c.line, c.col, c.msg)
			}
		})
	}
}

func BenchmarkNotText(b *testing.B) {
	data := []byte(strings.Repeat("A line of an article, with a word or two: café, naïve. ", 200))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, _, ok := NotText(data); !ok {
			b.Fatal("not text")
		}
	}
}
