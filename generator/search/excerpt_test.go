package search

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"math/rand"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestExcerptRuns holds appendExcerpt, which takes plain text seven bytes at a time, to
// the word-at-a-time way before it (appendExcerptWords), byte for byte: texts of plain
// words with every odd byte (two spaces, a control, a line break, a character not ASCII,
// a space not ASCII, a byte not UTF-8) at every place of the eight bytes read at once,
// texts that end or are cut at every length around excerptRunes, and random texts longer
// than the part of them read, so that a character is cut there too.
func TestExcerptRuns(t *testing.T) {
	check := func(body string) {
		t.Helper()
		for _, dst := range []string{"", "prefix"} {
			got := appendExcerpt([]byte(dst), body)
			want := appendExcerptWords([]byte(dst), body)
			if !bytes.Equal(got, want) {
				t.Fatalf("appendExcerpt(%q, %q)\n= %q\nwant %q", dst, body, got, want)
			}
		}
	}
	odd := []string{"  ", " \n", "\n", "\t", "\v", "\x01", "\x1f", "\x7f", "é", "\u00a0", " \u00a0", "\u3000", "\u2028", "\xff", " \xff", "\xe6\x97", "日本", "~", " ", ""}
	plain := strings.Repeat("Notice reflect choose a step ", 20)
	for at := range 24 {
		for _, o := range odd {
			for _, lead := range []string{"", " ", "\n ", "a"} {
				check(lead + plain[:at] + o + plain[at:])
				check(plain[:at] + o + o + plain[:2*at])
			}
		}
	}
	// The cut at every place around excerptRunes characters, after words of every length.
	words := strings.Fields("a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh iiiiiiiii jjjjjjjjjj kkkkkkkkkkkkkkkkk")
	for _, w := range words {
		text := strings.Repeat(w+" ", 2*excerptRunes/len(w))
		for n := excerptRunes - 20; n < excerptRunes+20; n++ {
			check(text[:n])
			check(text[:n] + "é")
			check(strings.Repeat("é", excerptRunes-len(w)) + " " + text[:n])
		}
	}
	r := rand.New(rand.NewSource(7))
	pieces := append([]string{"word", "a", "reflect", "verylongwordwithoutanybreakatall", "x", "é", "Été,", "日本語"}, odd...)
	for range 5000 {
		var b strings.Builder
		for range r.Intn(600) {
			b.WriteString(pieces[r.Intn(len(pieces))])
			if r.Intn(4) > 0 {
				b.WriteByte(' ')
			}
		}
		check(b.String())
	}
}

// BenchmarkExcerpt makes the excerpts of the pages' openings, as walk keeps them, the
// way of the build (runs) and the word-at-a-time way before it (words): cpu-ns/page
// (BETWEEN_BENCH_PAGES as for BenchmarkIndex).
func BenchmarkExcerpt(b *testing.B) {
	s := benchSite(b, benchPages())
	an := newAnalyser(&Indexer{once: true, dict: newDict(1 << 14)})
	var bodies []string
	for _, p := range s.Pages {
		an.page(p)
		bodies = append(bodies, string(an.w.body))
	}
	for _, way := range []struct {
		name string
		f    func([]byte, string) []byte
	}{{"runs", appendExcerpt}, {"words", appendExcerptWords}} {
		b.Run(way.name, func(b *testing.B) {
			var buf []byte
			c := cpuTime()
			for b.Loop() {
				for _, body := range bodies {
					buf = way.f(buf[:0], body)
				}
			}
			b.ReportMetric(float64((cpuTime()-c).Nanoseconds())/float64(b.N*len(bodies)), "cpu-ns/page")
		})
	}
}

// appendExcerptWords is appendExcerpt as it was, a word at a time, which TestExcerptRuns
// holds it to. Where the text is ASCII, a word's bytes are found eight at a time, each a
// character.
func appendExcerptWords(dst []byte, body string) []byte {
	if len(body) > 8*excerptRunes {
		body = body[:8*excerptRunes]
	}
	// The words, one space between them, until there are more than enough; cut is where
	// the first excerptRunes characters end in b, once there are that many.
	b := dst
	n, cut := 0, -1
	for i := 0; i < len(body) && n <= excerptRunes; {
		c := body[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(body[i:]); unicode.IsSpace(r) {
			i += size
			continue
		}
		if n > 0 {
			b = append(b, ' ')
			if n++; n == excerptRunes {
				cut = len(b)
			}
		}
		// A word: up to the next space.
		j := i
		for j < len(body) {
			if j+8 <= len(body) {
				v := binary.LittleEndian.Uint64(stringBytes(body[j : j+8]))
				// The high bit of each byte not ASCII or at most ' ' (every ASCII space).
				special := (v | ^(v&^high + (0x80-'!')*ones)) & high
				if k := bits.TrailingZeros64(special) >> 3; k > 0 {
					if n < excerptRunes && n+k >= excerptRunes {
						cut = len(b) + j - i + excerptRunes - n
					}
					n += k
					j += k
					continue
				}
			}
			c := body[j]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				j++
			} else {
				r, size := utf8.DecodeRuneInString(body[j:])
				if unicode.IsSpace(r) {
					break
				}
				j += size
			}
			if n++; n == excerptRunes {
				cut = len(b) + j - i
			}
		}
		b = append(b, body[i:j]...)
		i = j
	}
	if n <= excerptRunes {
		return b
	}
	first := b[len(dst):cut]
	if sp := bytes.LastIndexByte(first, ' '); sp > len(first)/2 {
		first = first[:sp]
	}
	return append(b[:len(dst)+len(first)], "…"...)
}
