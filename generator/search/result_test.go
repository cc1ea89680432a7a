package search

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"html"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/between-ssg/between/generator/site"
)

// TestResultJSON: a result record written by hand is, byte for byte, what encoding/json
// writes (marshal), for strings of every kind of character JSON or HTML treats apart, and
// for fields left out.
func TestResultJSON(t *testing.T) {
	pieces := []string{"", "a", "Finding your values", " ", "<", ">", "&", `"`, `\`, "/", "\n", "\r", "\t", "\b", "\f",
		"\x00", "\x01", "\x1f", "\x7f", "é", "日本", "\u2028", "\u2029", "\xff", "\xe2\x80", "’", "…", "\U0001F600", "+", "'"}
	r := rand.New(rand.NewSource(3))
	str := func() string {
		var b strings.Builder
		for range r.Intn(6) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		return b.String()
	}
	strs := func() []string {
		switch r.Intn(3) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		var out []string
		for range 1 + r.Intn(3) {
			out = append(out, str())
		}
		return out
	}
	for range 5000 {
		res := Result{URL: str(), Title: str(), Kind: str(), Tags: strs(), Description: str(), Headings: strs(), Excerpt: str()}
		got := appendResult([]byte("prefix"), &res, []byte(res.Excerpt))
		if want := append([]byte("prefix"), marshal(&res)...); !bytes.Equal(got, want) {
			t.Fatalf("appendResult(%#v)\n= %s\nwant %s", res, got, want)
		}
	}
}

// TestUnescaped: resolving the common references by hand gives what html.UnescapeString
// gives, whatever other references, broken ones and text are around them.
func TestUnescaped(t *testing.T) {
	pieces := []string{"a", " ", "word", "&", ";", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&rsquo;", "&lsquo;", "&rdquo;",
		"&ldquo;", "&ndash;", "&mdash;", "&hellip;", "&laquo;", "&raquo;", "&nbsp;", "&amp", "&rsquo", "&eacute;", "&#x27;",
		"&#8217;", "&notit;", "&ampx;", "&AMP;", "&longentityname;", "é", "&#", "&;"}
	r := rand.New(rand.NewSource(4))
	for range 20000 {
		var b strings.Builder
		for range r.Intn(8) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		s := b.String()
		if got, want := string(appendUnescaped([]byte("x"), s)), "x"+html.UnescapeString(s); got != want {
			t.Fatalf("appendUnescaped(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestAnalyserReuse: an analyser that goes from page to page, through pages of very
// different sizes (its table grows, in the middle of a page), and through them again (its
// slots then name places in seen that other pages' terms hold), finds each page's terms as a
// new analyser does, and as the reference does.
func TestAnalyserReuse(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	word := func() string {
		b := make([]byte, 3+r.Intn(6))
		for i := range b {
			b[i] = byte('a' + r.Intn(26))
		}
		return string(b)
	}
	var pages []*site.Page
	for i, n := range []int{3, 4000, 10, 0, 700, 20000, 1, 300, 300} {
		var b strings.Builder
		for range n {
			b.WriteString(word() + " ")
		}
		pages = append(pages, fixturePage("article", fmt.Sprint("p", i), "Title "+word(), "", nil, "<p>"+b.String()+"</p>"))
	}
	type termOf struct {
		term       string
		score, pos uint8
	}
	terms := func(ix *Indexer, ts []tstat) []termOf {
		var out []termOf
		for _, x := range ts {
			out = append(out, termOf{ix.dict.terms[x.term], x.score, x.pos})
		}
		return out
	}
	ix := &Indexer{once: true, dict: newDict(16)}
	reused := newAnalyser(ix)
	for round := range 2 {
		for _, p := range pages {
			// Against the reference too: a fresh analyser grows its table on the large
			// pages as the reused one did on the first round.
			checkWalk(t, reused, p)
			_, ts := reused.page(p)
			got := terms(ix, ts)
			fresh := newAnalyser(ix)
			_, fts := fresh.page(p)
			if want := terms(ix, fts); !slices.Equal(got, want) || !bytes.Equal(reused.rec, fresh.rec) {
				t.Fatalf("round %d, %s: %d terms, a new analyser finds %d", round, p.URL, len(got), len(want))
			}
		}
	}
}

// TestJSONSafe8: eight bytes are passed over at once exactly when each is jsonSafe, for
// every byte at every place among safe bytes and among others.
func TestJSONSafe8(t *testing.T) {
	r := rand.New(rand.NewSource(8))
	for c := range 256 {
		for at := range 8 {
			for round := range 8 {
				var b [8]byte
				for k := range b {
					b[k] = byte(' ' + r.Intn(95)) // printable ASCII
					if round%2 == 1 {
						b[k] = byte(r.Intn(256))
					}
				}
				b[at] = byte(c)
				want := true
				for _, x := range b {
					want = want && x < utf8.RuneSelf && jsonSafe[x]
				}
				if got := jsonSafe8(binary.LittleEndian.Uint64(b[:])); got != want {
					t.Fatalf("jsonSafe8(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}
