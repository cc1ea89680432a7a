package markdown

import (
	"math/rand"
	"testing"
)

// The counter that takes the text in pieces counts what countWords counts over the whole,
// however the text is cut, through runes too.
func TestWordCounterMatchesCountWords(t *testing.T) {
	texts := []string{"", "one", " two  words ", "don’t stop – now…", "naïve café: 3 Ä\tß\nword", "– … —", "日本語 の テキスト", "a\u00a0b c", "x.y #1 --- ! \v\f\r\x85 \x00z", "tab\there\x1fend ~ a\u0085b", "\xff\xfe ok \xe2\x80"}
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
