package search

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/site"
)

// referencePage is how a page was analysed before analyser.walk, kept as the measure of
// it: the page's text made whole by appendPlainText, then each field split by Tokens in
// the page's order of words (title, description, tags, kind, headings, body), each term
// counted in a map. It returns the page's terms, term → score and position as tstat has
// them, and its result record.
func referencePage(p *site.Page) (map[string][2]uint8, []byte) {
	headings, body := plainText(p.Body.String())
	type count struct{ tf, rank, first int }
	counts := map[string]*count{}
	var order []string
	see := func(term string, rank, pos int) {
		c := counts[term]
		if c == nil {
			c = &count{first: pos, rank: rank}
			counts[term] = c
			order = append(order, term)
		}
		c.tf++
		c.rank = max(c.rank, rank)
	}
	pos := 0
	add := func(text string, rank, start int) {
		pos = Tokens(text, max(pos, start), func(t Token) { see(t.Term, rank, t.Pos) }) + 8
	}
	add(p.Title, rankTitle, 0)
	add(p.Description, rankMeta, descStart)
	add(p.Kind, rankMeta, kindStart)
	var tags []string
	for _, t := range p.Tags {
		add(t.Name, rankMeta, 0)
		tags = append(tags, t.Name)
		see("#"+t.Slug, rankMeta, 0)
	}
	pos = max(pos, headStart)
	for _, h := range headings {
		add(h, rankHeading, 0)
	}
	add(body, rankBody, 0)
	length := float64((pos + 31) &^ 31)
	const k1, b = 1.2, 0.75
	norm := k1 * (1 - b + b*length/refLength)
	out := map[string][2]uint8{}
	for _, term := range order {
		c := counts[term]
		tf := float64(c.tf)
		q := int(math.Floor(63*tf/(tf+norm) + 0.5))
		out[term] = [2]uint8{uint8(c.rank<<6 | min(q, 63)), uint8(min(c.first/8, 255))}
	}
	r := Result{URL: p.URL, Title: p.Title, Kind: p.Kind, Tags: tags, Description: p.Description, Headings: headings}
	if len(r.Headings) > 12 {
		r.Headings = r.Headings[:12]
	}
	return out, appendRecord(nil, &r, []byte(excerpt(body)))
}

// checkWalk analyses p with an, and fails unless its terms and result are referencePage's.
func checkWalk(t *testing.T, an *analyser, p *site.Page) {
	t.Helper()
	_, ts := an.page(p)
	got := map[string][2]uint8{}
	for _, x := range ts {
		got[an.ix.dict.terms[x.term]] = [2]uint8{x.score, x.pos}
	}
	want, rec := referencePage(p)
	if len(got) != len(want) {
		var extra, missing []string
		for k := range got {
			if _, ok := want[k]; !ok {
				extra = append(extra, k)
			}
		}
		for k := range want {
			if _, ok := got[k]; !ok {
				missing = append(missing, k)
			}
		}
		t.Fatalf("%q: %d terms, want %d; more %q, fewer %q", p.Body.String(), len(got), len(want), extra, missing)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("%q: term %q scores %v, want %v", p.Body.String(), k, got[k], v)
		}
	}
	if !bytes.Equal(an.rec, rec) {
		t.Fatalf("%q: result\n%s\nwant\n%s", p.Body.String(), an.rec, rec)
	}
}

// htmlPieces are what random pages are made of: goldmark's and the worksheets' elements,
// references, words that run across elements, text in other scripts, and broken markup.
var htmlPieces = []string{
	"<p>", "</p>", "<em>", "</em>", "<strong>", "</strong>", "<h2 id=\"x\">", "</h2>", "<h3>", "</h3>", "<H4>", "</h4>",
	"<li>", "</li>", "<br>", "<br />", "<a href=\"/x\">", "</a>", "<code>", "</code>", "<div class=\"field\">", "</div>",
	"<script>var s = '<h2>x</h2>';</script>", "<textarea id=\"a\">an answer</textarea>", "<TEXTAREA>x</TextArea>",
	"<style>p{}</style>", "<svg><text>no</text></svg>", "<noscript>", "</noscript>", "<!-- note -->", "<!--", "-->",
	"&amp;", "&rsquo;", "&lsquo;", "&#39;", "&quot;", "&ldquo;", "&rdquo;", "&ndash;", "&mdash;", "&hellip;", "&nbsp;",
	"&eacute;", "&#233;", "&#x65;", "&lt;", "&gt;", "&", "&unknown;", "&amp", ";",
	"word", "Word", "WORD", "values", "client", "s", "don", "t", "self", "care", "'", "’", "‘", "“", "”", "—", "…",
	"é", "e\u0301", "ß", "ﬁ", "İ", "\u212a", "日本", "語", "カー", "한국", "½", "Σ", "ς", "\u00a0", "\u3000",
	" ", " ", " ", "\n", "\t", ".", ",", "-", "?", "!", ":", "<", ">", "/", "0", "42", strings.Repeat("long", 12),
}

func randomHTML(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(htmlPieces[r.Intn(len(htmlPieces))])
	}
	return b.String()
}

// TestWalkAsReference: pages analysed straight from their HTML have the terms, scores,
// positions and result records of the text made whole first (referencePage): a table of
// pages where the two ways could part, then random pages, some longer than the excerpt
// reads, all through one analyser as a build's pages go.
func TestWalkAsReference(t *testing.T) {
	bodies := []string{
		"",
		"<p>Plain words, plain words.</p>",
		"<p>Some&nbsp;text with <strong>bold</strong>words and a <a href=\"/x\">link</a>.</p>",
		"<p>self<em>care</em> and <em>self</em>-care, client&rsquo;s and client&#39;s, l&rsquo;<em>été</em></p>",
		"<p>client'<em>s</em> don<em>’t</em> caf<em>é</em>s 日<em>本</em>語</p>",
		"<h2 id=\"a\">Why <em>values</em> matter</h2><p>values after the heading</p><h3>Values</h3>",
		"<p>a word in the body, then</p><h2>the word again in a heading</h2>",
		"<h2>open heading<h3>and another</h3><p>body</p></h2><h2>never closed",
		"<p>before</p><script>var x = '<h2>not a heading</h2>';</script><p>after</p><textarea>answer</textarea>",
		"<p>before</p><textarea>ans\u212a</textarea><p>K</p><TEXTAREA>x</textarea>after",
		"<p>text<!-- a comment -->joined</p><p>and an open comment<!-- to the end",
		"<p>a tag never closed <em",
		"<p>" + strings.Repeat("Many words of an opening long enough for the excerpt to be cut. ", 60) + "</p>",
		"<p>" + strings.Repeat("<em>x</em>y&amp;", 400) + "</p>",
		"<p>" + strings.Repeat("word ", 3000) + "</p>",
	}
	var pages []*site.Page
	for i, body := range bodies {
		pages = append(pages, fixturePage("article", fmt.Sprint("t", i), "Values and Word", "A word on values.", []string{"Values", "Self care"}, body))
	}
	r := rand.New(rand.NewSource(7))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := range n {
		length := r.Intn(40)
		if i%50 == 0 {
			length = 2000
		}
		pages = append(pages, fixturePage("guide", fmt.Sprint("r", i), randomHTML(r, 3), randomHTML(r, 2), nil, randomHTML(r, length)))
	}
	an := newAnalyser(&Indexer{once: true, dict: newDict(16)})
	for _, p := range pages {
		checkWalk(t, an, p)
	}
}

// FuzzWalk: any HTML is analysed as referencePage analyses it.
func FuzzWalk(f *testing.F) {
	for _, s := range []string{"<p>self<em>care</em></p>", "client&rsquo;<b>s</b>", "<h2>a</h2>b<textarea>\u212a</textarea>", "x<!--y-->z", "&amp;&#39;s"} {
		f.Add(s)
	}
	an := newAnalyser(&Indexer{once: true, dict: newDict(16)})
	f.Fuzz(func(t *testing.T, html string) {
		checkWalk(t, an, fixturePage("article", "f", "Title", "", nil, html))
	})
}

// TestAnalyserShortWords: words of every length around 8 and 16 bytes, in every case,
// ending at the text's end, at a space, at an apostrophe or at a character other than
// ASCII, are counted by the analyser's own loop (analyser.scan) as the reference splits
// them, in the body and in the title.
func TestAnalyserShortWords(t *testing.T) {
	const letters = "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"
	ends := []string{"", " ", ".", "-", "'", "'s", "’", "’s", "é", "\u00a0", "日", "\t", "x"}
	an := newAnalyser(&Indexer{once: true, dict: newDict(1 << 10)})
	for n := 1; n <= 18; n++ {
		for shift := range 3 {
			w := letters[shift : shift+n]
			for _, end := range ends {
				for _, text := range []string{w + end, "a " + w + end + " and more words after it", strings.ToLower(w) + end + " " + w} {
					checkWalk(t, an, fixturePage("article", "x", text, "", nil, "<p>"+text+"</p>"))
				}
			}
		}
	}
}

// TestCommonTag: the tags commonTag knows are those tagAt and classOf take them for, with
// or without text after them; others, and those too near the end of the page, are left to
// tagAt.
func TestCommonTag(t *testing.T) {
	known := 0
	for _, tag := range []string{"<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<ol>", "</ol>", "<em>", "</em>", "<strong>",
		"</strong>", "<p >", "<pre>", "<P>", "<li class=x>", "</lix>", "<e>", "<emx>", "</strong >", "</strongx>", "<strongx>",
		"<h2>", "</h2>", "<a>", "<b>", "<br>", "<script>", "<!-- x -->", "<", "<p"} {
		for _, after := range []string{"", "text after it", "<p>x"} {
			src := "x" + tag + after
			class, end := commonTag(src, 1)
			if end == 0 {
				continue
			}
			if after == "text after it" {
				known++
			}
			name, closing, want := tagAt(src[1:])
			if end != want || class != classOf(name) || class == tagHeading || class == tagSkipped || closing != (tag[1] == '/') {
				t.Errorf("commonTag(%q) = %d, %d; tagAt: %q, %d", src, class, end, name, want)
			}
		}
	}
	if known != 12 {
		t.Errorf("commonTag knew %d of the tags with text after them, want 12", known)
	}
}

// BenchmarkWalk measures walk alone, on the pages' HTML as a build holds it: the pieces of
// text copied and split, their words counted, the tags told apart (cpu-ns/page;
// BETWEEN_BENCH_PAGES as for BenchmarkIndex).
func BenchmarkWalk(b *testing.B) {
	s := benchSite(b, benchPages())
	an := newAnalyser(&Indexer{once: true, dict: newDict(1 << 14)})
	var html []string
	for _, p := range s.Pages {
		html = append(html, string(an.body.HTML(p.Body)))
		an.page(p) // every word met: the table as the build has it
	}
	runtime.GC()
	c := cpuTime()
	for b.Loop() {
		for _, src := range html {
			an.newPage()
			an.rank, an.bias = rankBody, bodyBias
			an.walk(src)
		}
	}
	b.ReportMetric(float64((cpuTime()-c).Nanoseconds())/float64(b.N*len(html)), "cpu-ns/page")
}

// TestLineBreak: walk's way with a line break alone between two tags (lineBreak) leaves
// the walker as text leaves it, byte for byte: after text that runs on or not, after an
// element that separates words, and with the opening short of, at and past its end.
func TestLineBreak(t *testing.T) {
	for _, text := range []string{"", "word", "word ", "word,", "été"} {
		for _, open := range []bool{false, true} {
			for _, brk := range []bool{false, true} {
				for _, body := range []int{0, 3, 8*excerptRunes - 1, 8 * excerptRunes, 8*excerptRunes + 5} {
					var a, b analyser
					for _, an := range []*analyser{&a, &b} {
						an.w.text = append(an.w.text[:0], text...)
						an.w.body = append(an.w.body[:0], strings.Repeat("b", body)...)
						an.w.open, an.w.brk = open, brk
					}
					a.lineBreak()
					if end := b.text("\n<p>", 0, false); end != 1 {
						t.Fatalf("text took %d bytes of a line break", end)
					}
					if string(a.w.text) != string(b.w.text) || string(a.w.body) != string(b.w.body) || a.w.open != b.w.open || a.w.brk != b.w.brk {
						t.Errorf("after %q (open %v, break %v, opening of %d): lineBreak leaves %q, %d, %v, %v; text %q, %d, %v, %v",
							text, open, brk, body, a.w.text, len(a.w.body), a.w.open, a.w.brk, b.w.text, len(b.w.body), b.w.open, b.w.brk)
					}
				}
			}
		}
	}
}
