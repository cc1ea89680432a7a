package markdown

import (
	"math/rand"
	"testing"
	"unicode/utf8"

	"github.com/between-ssg/between/generator/slug"
)

// The counter that takes the text in pieces counts what countWords counts over the whole,
// however the text is cut, through runes too.
func TestWordCounterMatchesCountWords(t *testing.T) {
	texts := []string{"", "one", " two  words ", "don’t stop – now…", "naïve café: 3 Ä\tß\nword", "– … —", "日本語 の テキスト", "a\u00a0b c", "x.y #1 --- ! \v\f\r\x85 \x00z", "tab\there\x1fend ~ a\u0085b", "\xff\xfe ok \xe2\x80",
		// Long ASCII runs, read eight bytes at a time, with every kind of byte at every place.
		"The quick brown fox jumps over the lazy dog, again and again... and 42 times!",
		"a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9 A Z",
		"-- ... *** !!! ??? ((( ))) a-b c_d e.f 'g' \"h\" [i] {j} |k| ~l~ `m` @n #o $p %q ^r &s +t =u <v> /w\\ :x; ,y",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa                                        !!!!!!!!!!!!!!!!!!!!",
		"\t\n\v\f\r \t\n\v\f\r x\x00\x01\x08\x0e\x1f\x7f/:@[`{ 09AZaz /0 9: @A Z[ `a z{",
		"word word word word word word word wordé word word word word word word word word word w",
		"12345678 abcdefgh ABCDEFGH !!!!!!!! a!!!!!!! !!!!!!!a !!!!!!!! !!!!!!!!a",
	}
	r := rand.New(rand.NewSource(1))
	for _, text := range texts {
		want := countWords(text)
		for range 50 {
			var w wordCounter
			b := []byte(text)
			for len(b) > 0 {
				k := r.Intn(len(b) + 1)
				w.Write(b[:k])
				b = b[k:]
			}
			if got := w.words(); got != want {
				t.Fatalf("%q: %d words in pieces, %d whole", text, got, want)
			}
		}
	}
}

// idCases are heading texts for asciiID: ASCII of every kind, white space at the ends and
// inside, and the bytes that send it to slug.ID (letters of other scripts, marks, white
// space of Unicode, invalid UTF-8).
var idCases = []string{
	"", " ", "Hello World", "  What's next?  ", "a-b_c d\te\nf\vg\fh\ri", "UPPER lower 123",
	"**bold** `code` [link](x.md) {#id}", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "\x00\x01\x7f",
	"Réflexion", "e\u0301", "日本語", "a\u00a0b", "\u0085a\u0085", "\u00a0 x", "x \u2003",
	"🙂 emoji", "\xff\xfe", "ok \xe2\x80", "Ünïcödé", "İ", "ǅ", "Σσς",
}

// TestASCIIID: the id of an ASCII heading, made without slug.ID, is slug.ID's; other
// headings are left to slug.ID.
func TestASCIIID(t *testing.T) {
	ascii := 0
	for _, s := range idCases {
		if checkASCIIID(t, s) {
			ascii++
		}
	}
	if ascii < 5 || ascii == len(idCases) {
		t.Errorf("%d of %d cases are ASCII: they should exercise both ways", ascii, len(idCases))
	}
}

func checkASCIIID(t *testing.T, s string) bool {
	id, ok := asciiID([]byte(s))
	for _, c := range []byte(s) {
		if c >= utf8.RuneSelf && ok {
			t.Errorf("%q has a byte beyond ASCII, but asciiID made it an id", s)
		}
	}
	if ok && string(id) != slug.ID(s) {
		t.Errorf("%q: asciiID gives %q, slug.ID %q", s, id, slug.ID(s))
	}
	return ok
}

// FuzzASCIIID compares asciiID with slug.ID on any text.
func FuzzASCIIID(f *testing.F) {
	for _, s := range idCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkASCIIID(t, s) })
}

// TestSWARWords: reading eight bytes at once counts as reading them one by one, for random
// ASCII bytes drawn mostly from the kinds that matter, and either state before.
func TestSWARWords(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	kinds := []byte(" \t\n\v\f\raz09AZ.-!@[`{/:\x00\x7f\x1f")
	var b [8]byte
	for range 200000 {
		for i := range b {
			if r.Intn(3) == 0 {
				b[i] = byte(r.Intn(utf8.RuneSelf))
			} else {
				b[i] = kinds[r.Intn(len(kinds))]
			}
		}
		alnum := r.Intn(2)
		n, a := 0, alnum
		for _, c := range b {
			n, a = asciiStep(n, a, asciiKind[c])
		}
		if gn, ga, read := swarWords(b[:], alnum); gn != n || ga != a || read != 8 {
			t.Fatalf("%q after alnum=%d: %d words and alnum=%d eight at a time (%d bytes read), %d and %d one by one", b, alnum, gn, ga, read, n, a)
		}
	}
}

// FuzzWordCounter compares the counter, given the text in pieces, with countWords.
func FuzzWordCounter(f *testing.F) {
	f.Add("don’t stop – now… 日本語 the quick brown fox, 42!", uint8(7))
	f.Add("\xff\xfe ok \xe2\x80 \t\n\v\f\r aaaaaaaaa!!!!!!!!", uint8(1))
	f.Fuzz(func(t *testing.T, text string, cut uint8) {
		var w wordCounter
		b := []byte(text)
		for k := int(cut) + 1; len(b) > 0; k = k*7%23 + 1 {
			k = min(k, len(b))
			w.Write(b[:k])
			b = b[k:]
		}
		if got, want := w.words(), countWords(text); got != want {
			t.Fatalf("%q: %d words in pieces, %d whole", text, got, want)
		}
	})
}
