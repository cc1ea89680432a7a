package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
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

// TestRecordFitsSlot: a record too long for its slot is cut, the least shown first, to a
// record of at most Slot-1 bytes that is still JSON, with whole characters, and a record
// that fits is appendResult's as it is.
func TestRecordFitsSlot(t *testing.T) {
	long := func(word string, n int) string { return strings.TrimSpace(strings.Repeat(word+" ", n)) }
	heads := func(n int) []string {
		var hs []string
		for i := range n {
			hs = append(hs, fmt.Sprintf("Heading %d: %s", i, long("values", 30)))
		}
		return hs
	}
	base := Result{URL: "/articles/values/", Title: "Finding your values", Kind: "article", Tags: []string{"Values"},
		Description: "What matters to you."}
	tests := []struct {
		name    string
		r       Result
		excerpt string
		// What the cut record keeps: whole fields equal to the input's, and "" for
		// fields cut (checked for a "…" at the end) or gone.
		keep      []string
		cut, gone []string
	}{
		{"fits", base, long("word", 100), []string{"u", "t", "k", "g", "d", "x"}, nil, []string{"h"}},
		{"long excerpt", withHeads(base, heads(3)), long("あいう", 400), []string{"u", "t", "k", "g", "d", "h"}, []string{"x"}, nil},
		{"escaped excerpt", base, long("<&>", 600), []string{"u", "t", "k", "g", "d"}, []string{"x"}, nil},
		{"headings", withHeads(base, heads(12)), long("word", 300), []string{"u", "t", "k", "g", "d"}, []string{"h"}, []string{"x"}},
		{"description", withDesc(base, long("ß日本", 600)), "text", []string{"u", "t", "k", "g"}, []string{"d"}, []string{"x"}},
		{"tags", withTags(base, 400), "", []string{"u", "t", "k"}, []string{"g"}, []string{"d", "x"}},
		{"title", withTitle(base, long("Überschrift", 300)), "", []string{"u", "k"}, []string{"t"}, []string{"g", "d", "x"}},
		{"url", Result{URL: "/" + strings.Repeat("deep/", 500), Title: "Deep", Kind: "page"}, "", nil, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := appendRecord([]byte("prefix"), &tc.r, []byte(tc.excerpt))
			if !bytes.HasPrefix(rec, []byte("prefix")) {
				t.Fatalf("the bytes before the record changed: %q", rec[:6])
			}
			rec = rec[6:]
			if len(rec) > Slot-1 || !utf8.Valid(rec) {
				t.Fatalf("%d bytes (valid UTF-8 %v), the slot holds %d", len(rec), utf8.Valid(rec), Slot-1)
			}
			if tc.name == "url" {
				if string(rec) != "{}" {
					t.Errorf("a URL too long for a slot gives %.80q, want {}", rec)
				}
				return
			}
			whole := appendResult(nil, &tc.r, []byte(tc.excerpt))
			if len(whole) < Slot && !bytes.Equal(rec, whole) {
				t.Errorf("a record that fits changed:\n%s\nwant\n%s", rec, whole)
			}
			var got, in map[string]any
			if err := json.Unmarshal(rec, &got); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, rec)
			}
			if err := json.Unmarshal(whole, &in); err != nil {
				t.Fatal(err)
			}
			for _, k := range tc.keep {
				if fmt.Sprint(got[k]) != fmt.Sprint(in[k]) {
					t.Errorf("%s: %v, want it whole: %v", k, got[k], in[k])
				}
			}
			for _, k := range tc.gone {
				if _, ok := got[k]; ok {
					t.Errorf("%s kept: %.60v", k, got[k])
				}
			}
			for _, k := range tc.cut {
				v, ok := got[k]
				if !ok {
					t.Errorf("%s gone, want it cut", k)
					continue
				}
				s := fmt.Sprint(v)
				if ss, ok := v.([]any); ok {
					if len(ss) == 0 || len(ss) >= len(in[k].([]any)) {
						t.Errorf("%s: %d of %d kept", k, len(ss), len(in[k].([]any)))
					}
					continue
				}
				if !strings.HasSuffix(s, "…") || !strings.HasPrefix(fmt.Sprint(in[k]), strings.TrimSuffix(s, "…")) {
					t.Errorf("%s: %.80q is not the start of %.80q with …", k, s, in[k])
				}
			}
		})
	}
}

func withHeads(r Result, hs []string) Result { r.Headings = hs; return r }
func withDesc(r Result, d string) Result     { r.Description = d; return r }
func withTitle(r Result, s string) Result    { r.Title = s; return r }
func withTags(r Result, n int) Result {
	r.Tags = nil
	for i := range n {
		r.Tags = append(r.Tags, fmt.Sprintf("tag number %d", i))
	}
	return r
}

// TestSearcherSkipsEmptyRecord: a slot holding "{}" (a record that could not fit) is a
// result the Searcher gives as nil, not one with no URL.
func TestSearcherSkipsEmptyRecord(t *testing.T) {
	s := fixture()
	for _, p := range s.Pages {
		if p.Title == "Setting boundaries" {
			p.URL = "/" + strings.Repeat("deep/", 500)
		}
	}
	files := Files(s)
	hits, _, err := searcherOf(files).Search("setting boundaries", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Result != nil {
		t.Fatalf("hits %+v: want one, with no result", hits)
	}
}
