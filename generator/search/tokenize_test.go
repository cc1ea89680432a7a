package search

import (
	"encoding/binary"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/search/tokencases"
)

func TestTokensTable(t *testing.T) {
	c, _, err := tokencases.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range c.Tokens {
		got := []string{}
		end := Tokens(tc.In, 3, func(tok Token) {
			if tok.Pos != 3+len(got) {
				t.Errorf("%q: token %q at %d, want %d", tc.In, tok.Term, tok.Pos, 3+len(got))
			}
			got = append(got, tok.Term)
		})
		if !slices.Equal(got, tc.Tokens) {
			t.Errorf("Tokens(%q) = %q, want %q", tc.In, got, tc.Tokens)
		}
		if end != 3+len(got) {
			t.Errorf("%q: end %d", tc.In, end)
		}
	}
	for _, tc := range c.Queries {
		var want []Term
		for _, x := range tc.Terms {
			want = append(want, Term{Text: x[0].(string), Prefix: x[1].(bool)})
		}
		if got := Query(tc.In); !slices.Equal(got, want) {
			t.Errorf("Query(%q) = %v, want %v", tc.In, got, want)
		}
	}
	for _, tc := range c.Stems {
		if got := Stem(tc.In); got != tc.Stem {
			t.Errorf("Stem(%q) = %q, want %q", tc.In, got, tc.Stem)
		}
	}
}

func TestPlainText(t *testing.T) {
	src := `<h2 id="a">Why <em>values</em> matter</h2>
<p>Some&nbsp;text with <strong>bold</strong>words and a <a href="/x">link</a>.</p>
<script>var secret = 1;</script>
<div class="field field-answer"><label class="field-label" for="f-a">What went well?</label>
<div class="field-help" id="f-a-help"><p>Think of one moment.</p></div>
<textarea class="field-input" id="f-a">an answer written in</textarea></div>
<!-- a comment --><h3>Next</h3><p>end</p>`
	heads, body := plainText(src)
	if !slices.Equal(heads, []string{"Why values matter", "Next"}) {
		t.Errorf("headings %q", heads)
	}
	var words []string
	Tokens(body, 0, func(tok Token) { words = append(words, tok.Term) })
	want := []string{"some", "text", "with", "boldwords", "and", "a", "link", "what", "went", "well", "think", "of", "one", "moment", "end"}
	if !slices.Equal(words, want) {
		t.Errorf("body words %q\nwant %q", words, want)
	}
}

// generalTokens is what Tokens must give: the whole text folded, then split the general way.
func generalTokens(text string) []string {
	var sc scanner
	out := []string{}
	sc.general(Fold(text), 0, emitFunc(func(t []byte, _ uint64, _ int) { out = append(out, string(t)) }))
	return out
}

// tokensOf is the indexer's way: terms with the hash the scanner made as it went, which
// must be the term's (a wrong hash would index the word as another): a term so hashed
// is marked with a "!" in front.
func tokensOf(text string) []string {
	out := []string{}
	var sc scanner
	sc.scan(text, 0, emitFunc(func(t []byte, h uint64, _ int) {
		if h != hashTerm(t) {
			out = append(out, "!"+string(t))
			return
		}
		out = append(out, string(t))
	}))
	return out
}

// TestTokensFastWay: splitting plain ASCII byte by byte, and everything else by chunks,
// gives the terms of folding the whole text and splitting it, on random text of the
// characters where the two ways could part.
func TestTokensFastWay(t *testing.T) {
	alphabet := []string{"a", "B", "z", "0", "9", " ", ".", ",", "-", "'", "’", "‘", "“", "”", "—", "…", "\u00a0",
		"é", "e\u0301", "\u0301", "ß", "ﬁ", "①", "½", "Ａ", "ς", "Σ", "İ", "日", "本", "語", "カ", "ー", "한", "\u3099",
		"<", "\u0338", "ł", "\t", "\n", "x", "y", "strasse", "don", "t", "l", "été"}
	r := rand.New(rand.NewSource(1))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		var b strings.Builder
		for range r.Intn(24) {
			b.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		if r.Intn(20) == 0 {
			b.WriteString(strings.Repeat("long", 10) + "’s")
		}
		text := b.String()
		if got, want := tokensOf(text), generalTokens(text); !slices.Equal(got, want) {
			t.Fatalf("Tokens(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestShortWords: words of letters and digits around the lengths scan takes whole from two
// 8-byte words (up to 15 bytes), in any case, ended by every kind of byte or by the text's
// end near or far, give the terms and hashes of the general way.
func TestShortWords(t *testing.T) {
	const letters = "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"
	ends := []string{"", " ", ".", "-", "'", "'s", "’", "’s", "é", "\u00a0", "日", "\t", "<", "x"}
	for n := 1; n <= 18; n++ {
		for shift := range 3 {
			w := letters[shift : shift+n]
			for _, end := range ends {
				for _, tail := range []string{"", " and more words after it"} {
					for _, text := range []string{w + end + tail, "a " + w + end + tail, strings.ToLower(w) + end + tail} {
						if got, want := tokensOf(text), generalTokens(text); !slices.Equal(got, want) {
							t.Fatalf("Tokens(%q) = %q, want %q", text, got, want)
						}
					}
				}
			}
		}
	}
}

// TestFastSeparators: the characters the fast way takes for spaces are no word, no CJK, no
// apostrophe, and fold to nothing that is.
func TestFastSeparators(t *testing.T) {
	for r := rune(0x80); r < 0x3000; r++ {
		if !fastSeparator(r) {
			continue
		}
		for _, f := range Fold(string(r)) + string(r) {
			if isWord(f) || isCJK(f) || isApostrophe(f) {
				t.Errorf("%U folds to %q, which holds %q", r, Fold(string(r)), f)
			}
		}
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"client's", "l'été", "don’t", "Straße—café", "日本語abc", "½①", "e\u0301x'’y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := tokensOf(text), generalTokens(text); !slices.Equal(got, want) {
			t.Fatalf("Tokens(%q) = %q, want %q", text, got, want)
		}
	})
}

// TestExcerpt: the excerpt is the opening words of the text, one space between them, cut
// after a word near excerptRunes characters, as strings.Fields would make it.
func TestExcerpt(t *testing.T) {
	want := func(body string) string {
		if len(body) > 8*excerptRunes {
			body = body[:8*excerptRunes]
		}
		s := []rune(strings.Join(strings.Fields(body), " "))
		if len(s) <= excerptRunes {
			return string(s)
		}
		cut := string(s[:excerptRunes])
		if sp := strings.LastIndexByte(cut, ' '); sp > len(cut)/2 {
			cut = cut[:sp]
		}
		return cut + "…"
	}
	r := rand.New(rand.NewSource(2))
	words := []string{"a", "word", "  ", "\n\t", "été", "日本語", "verylongwordwithoutanybreakatall", "\u00a0", "x", "\u3000", "\u2028", "\v"}
	for range 2000 {
		var b strings.Builder
		for range r.Intn(300) {
			b.WriteString(words[r.Intn(len(words))])
			if r.Intn(3) > 0 {
				b.WriteByte(' ')
			}
		}
		if got, w := excerpt(b.String()), want(b.String()); got != w {
			t.Fatalf("excerpt(%q)\n= %q\nwant %q", b.String(), got, w)
		}
	}
}

// TestCollapseSpace: a heading's words, one space between them, as strings.Fields finds them,
// with what needs collapsing at every place of the eight bytes read at once, and across
// them (two spaces at 7 and 8).
func TestCollapseSpace(t *testing.T) {
	cases := []string{"", " ", "a", "a b", " a b", "a b ", "a  b", "a\tb", "a\nb", "été  à", "a\u00a0b", "a\u3000", "x y z", "日本 語",
		"Setting boundaries with clients", "Setting boundaries  with clients", "Setting\tboundaries", "seven b  eight", "sevenbb  eight",
		"Values worksheet: a first look at what matters", "Values worksheet: a first look at what matters ", "Values worksheet\u00a0matters"}
	for i := range 20 {
		for _, odd := range []string{"  ", "\t", "\n", "\u00a0", "\u2028", "é", "\x7f", "\x1f"} {
			cases = append(cases, strings.Repeat("ab c", 6)[:i]+odd+"de fg hi jk")
		}
	}
	r := rand.New(rand.NewSource(5))
	pieces := []string{"a", "word", " ", " ", "  ", "\t", "é", "\u00a0", "x", "\u3000", "\v", "~", "A"}
	for range 3000 {
		var b strings.Builder
		for range r.Intn(40) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestTagAt: a tag's name in lower case, whether it closes, and its end, as the reference
// (appendPlainText) finds them: the first ">", and the letters and digits after "<" or "</".
func TestTagAt(t *testing.T) {
	for _, s := range []string{"<p>", "</p>", "<h2>x", "<H2 id=a>", "</EM>", "<Strong >", "<textAREA>", "<a href=\"/x>y\">",
		"<br/>", "</>", "<>", "<", "</", "<p", "<p class=x", "<é>", "<a1b2>rest", "< p>", "<!x>", "<p\n>"} {
		name, closing, end := tagAt(s)
		gt := strings.IndexByte(s, '>')
		if gt < 0 {
			if end != -1 {
				t.Errorf("tagAt(%q): end %d, want -1", s, end)
			}
			continue
		}
		tag := s[1:gt]
		wantClosing := strings.HasPrefix(tag, "/")
		want := strings.ToLower(tagName(strings.TrimPrefix(tag, "/")))
		if name != want || closing != wantClosing || end != gt+1 {
			t.Errorf("tagAt(%q) = %q, %v, %d; want %q, %v, %d", s, name, closing, end, want, wantClosing, gt+1)
		}
	}
}

// TestHashTermDistinct: terms are known by their hash alone (dict), so two words sharing
// one would be indexed as one. Every term of up to three letters and digits, and many
// longer ones of each length a term can have, hash apart.
func TestHashTermDistinct(t *testing.T) {
	const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	seen := map[uint64]string{}
	check := func(term string) {
		h := hashTerm([]byte(term))
		if other, ok := seen[h]; ok && other != term {
			t.Fatalf("hashTerm(%q) = hashTerm(%q)", term, other)
		}
		seen[h] = term
	}
	var short func(prefix string, n int)
	short = func(prefix string, n int) {
		check(prefix)
		if n == 0 {
			return
		}
		for i := range len(alnum) {
			short(prefix+alnum[i:i+1], n-1)
		}
	}
	short("", 3)
	r := rand.New(rand.NewSource(1))
	for n := 4; n <= 4*maxRunes; n++ {
		for range 2000 {
			b := make([]byte, n)
			for i := range b {
				b[i] = alnum[r.Intn(len(alnum))]
			}
			check(string(b))
			// The same but one byte: the blocks of a long term overlap.
			b[r.Intn(n)] ^= 1
			check(string(b))
		}
	}
}

// TestAlnum8: every byte at every place of a word, among bytes of every kind, is told a
// letter or digit, and a capital, as isASCIIWord and 'A'..'Z' tell it.
func TestAlnum8(t *testing.T) {
	r := rand.New(rand.NewSource(8))
	for c := range 256 {
		for at := range 8 {
			for range 16 {
				var b [8]byte
				for k := range b {
					b[k] = byte(r.Intn(256))
				}
				b[at] = byte(c)
				alnum, upper := alnum8(binary.LittleEndian.Uint64(b[:]))
				for k, x := range b {
					wantAlnum, wantUpper := isASCIIWord(x), 'A' <= x && x <= 'Z'
					if gotAlnum, gotUpper := alnum>>(8*k+7)&1 == 1, upper>>(8*k+7)&1 == 1; gotAlnum != wantAlnum || gotUpper != wantUpper {
						t.Fatalf("%q, byte %d (%q): letter or digit %v, capital %v; want %v, %v", b, k, x, gotAlnum, gotUpper, wantAlnum, wantUpper)
					}
					if (alnum|upper)&^0x8080808080808080 != 0 {
						t.Fatalf("%q: bits other than the high ones set", b)
					}
				}
			}
		}
	}
}
