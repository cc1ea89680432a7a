package markdown

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// emphasisCases are texts around every rule of emphasis, link reference definitions and
// tight lists: runs of '*' and '_' of every length, between letters, spaces, punctuation
// and other scripts, nested, unclosed, inside links and code, definitions at the start of
// a paragraph, after white space, after text and in lists and quotes, lists tight and
// loose, nested, with empty items and items of several blocks, and paragraphs of several
// lines, and links to dangerous and harmless destinations.
var emphasisCases = []string{
	"*a* **b** ***c*** ****d**** _e_ __f__ ___g___ a*b*c a_b_c 5*6*7",
	"*a **b** c* **a *b* c** *a _b_ c* _a *b* c_ ***a* b** ***a** b*",
	"* not a list*, *unclosed, **also, _and_this_ __x__y __y__",
	"**a**b a**b** (*a*) \"*b*\" *(a)* **(b)** _(c)_ (_d_) __a__, _a_.",
	"(_(a)_) ._._a_._ \"_(b)_\" (__(c)__) *(*d*)* _-e-_ -_f_- a_(g)_b",
	"*é* **ü** _日本_ 日*本*語 ü_b_ü «*a*» *«a»* —*a*— *🙂* 🙂*a*🙂",
	"[*a*](x.md) [**b** c](#d) *[e](f)* `*g*` \\*h\\* *i\\*j* <span>*k*</span>",
	"*a\nb* **c\n\nd** _e\n_ *\n* line *a*  \nbreak **b**\\\nend",
	"- *a*\n- **b** c\n  *d*\n\n> *quote* **here**\n\n| *t* | **u** |\n|---|---|\n| _v_ | __w__ |\n",
	"~~*a*~~ *~~b~~* ~*c*~ *a ~~b* c~~",
	"[r]: https://example.com\n\n[r] and [x][r]",
	"   [r]: /u \"t\"\n[s]: /v\nText after.\n\n[r] [s]",
	"Text first\n[r]: /u\n\n[r]",
	"[not a def] just text\n\n[r]:\n/u\n\n[r]",
	"[a]: /a\n[b]: /b\n\n- [c]: /c\n\n> [d]: /d\n\n[a] [b] [c] [d]",
	"\t[r]: /tab\n\n[r]",
	"[\n\n[r]: <> 'x'\n\n[r]",
	"**", "*", "_", "***", "a *", "* a", "**a", "a**", "__init__ and *args",
	// Tight and loose lists, whose items' paragraphs become text blocks or stay.
	"- a\n- b\n- c\n\nafter", "- a\n\n- b\n- c", "1. a\n2. b\n\n   more of b\n3. c",
	"- a\n  - b\n  - c\n\n  d\n- e", "* a\n\n  b\n* c", "- a\n-\n- c", "+ a\n+ b\n\n\n+ c",
	"- a\n  b\n- > q\n- ```\n  code\n  ```\n- # h", "- [ ] task\n- [x] done\n\n1) x\n2) y",
	// Paragraphs of several lines, made into setext headings and tables, after pages of
	// longer ones (their lines' arrays go from page to page).
	"a\nb\nc\nd\ne\nf\ng\nh\ni\nj", "Title\nmore\n=====\n\ntext\nmore\n\nSub\n---\n\n===\n\n[r]: /u\nSetext\n---",
	"x\n| a | b |\n|---|---|\n| c | d |\ny\n\n| e |\n|---|\n\n- p\n  q\n  ===",
	// Links to what goldmark leaves out as dangerous, in any case, and to what it keeps.
	"[a](javascript:alert(1)) [b](JavaScript:x) [c](data:image/png;base64,x) [d](DATA:IMAGE/SVG+xml;x)",
	"[e](https://x.org \"t & <t>\") [f](/rel/ 'q') [g](vbscript:x) [h](FILE:///etc) [i](javascr\u0130pt:x)",
	"[j](data:text/html,x) [k](data:image/webp;x) [l](mailto:a@b.c) [m](<a b>) [n](ja%76ascript:x) [o](:x)",
	// Inline content at every kind of line end and start (inlines): hard breaks by
	// backslash and by spaces, with and without \r, escapes at a line's end and start,
	// lines that start with punctuation, spaces or tabs, code spans and raw HTML over
	// lines, cells without a line end, headings, and a last line without one.
	"a\\\nb\\\r\nc  \nd  \r\ne\\\\\nf\\", "\\*a\n\\\\b\n*c\n \td\n\t e", "`a\nb` <span\ntitle=\"x\">c</span> <http://x.org>",
	"| a \\| b | `c \\| d` |\n|---|---|\n| e | f\\ |\n|   g |  |", "# *a* \\\n## b  \nc\n---", "x\r\ny\rz\n\n\"q\" -- ... 'r'",
	"[a\nb](c.md) ![i\nj](k.png) [l][\nm] [n\n]", "\\\n\na\n\\", "  \n\t",
	// Autolinks inside and outside links' labels (a parser asked at every space), and
	// delimiters left as text next to text.
	"[see www.example.com and http://x.org/a](y.md) www.z.org a@b.cd [x@y.org](#q) ![www.i.org](p.png)",
	"a* b_ c** *d __e* f_ *** _ * a_b*c [*x](y) *[a*](b)",
}

// ownAndGoldmark are converters as a build's, with ownParser and with goldmark's own
// parts.
func ownAndGoldmark() (own, gm *Converter) {
	own, gm = New(false), New(false)
	gm.goldmarks = true
	return own, gm
}

// TestOwnParser: ownParser's emphasis, link reference definitions and paragraphs give the same HTML,
// headings, ids, words, summary, links and problems as goldmark's own.
func TestOwnParser(t *testing.T) {
	own, gm := ownAndGoldmark()
	for _, src := range append(append([]string{}, emphasisCases...), leanCases...) {
		compareOwn(t, own, gm, src)
	}
}

func compareOwn(t *testing.T, own, gm *Converter, src string) {
	t.Helper()
	for _, fields := range []bool{false, true} {
		o := Options{Rel: "articles/a.md", Resolve: resolve, BasePath: "/lib/", Fields: fields}
		a, err := own.Convert([]byte(src), o)
		if err != nil {
			t.Fatal(err)
		}
		b, err := gm.Convert([]byte(src), o)
		if err != nil {
			t.Fatal(err)
		}
		if d := docsDiffer(a, b); d != "" {
			t.Errorf("%q is converted differently by ownParser than by goldmark's own parts: %s", src, d)
		}
	}
}

// TestOwnParserOnLibrary compares the two on every page of the example library, and on
// every page of $BETWEEN_CORPUS when set.
func TestOwnParserOnLibrary(t *testing.T) {
	own, gm := ownAndGoldmark()
	for _, root := range []string{"../../content", "../../testdata", os.Getenv("BETWEEN_CORPUS")} {
		if root == "" {
			continue
		}
		eachPage(t, root, func(p string, data []byte) {
			compareOwn(t, own, gm, string(withoutFrontMatter(data)))
		})
	}
}

// FuzzOwnParser compares the two on any text.
func FuzzOwnParser(f *testing.F) {
	for _, src := range emphasisCases {
		f.Add(src)
	}
	own, gm := ownAndGoldmark()
	f.Fuzz(func(t *testing.T, src string) {
		compareOwn(t, own, gm, src)
	})
}

// FuzzScanDelimiter holds scanDelimiter to goldmark's parser.ScanDelimiter.
func FuzzScanDelimiter(f *testing.F) {
	for _, s := range []string{"*a", "**a", "_a", "__a", "*", "_ ", "* a", "*.", "_.", "__(", "_)", "_é", "*🙂", "***", "*\xff"} {
		for _, before := range []rune{' ', 'a', '.', '\n', 'é', '日', '(', utf8.RuneError} {
			f.Add(s, before)
		}
	}
	pc := parser.NewContext()
	f.Fuzz(func(t *testing.T, line string, before rune) {
		got := scanDelimiter([]byte(line), before, pc)
		var want *parser.Delimiter
		if line != "" {
			// Goldmark's asks its processor only IsDelimiter, which is goldmark's own.
			want = parser.ScanDelimiter([]byte(line), before, 1, plainEmphasis{})
		}
		if (got == nil) != (want == nil) {
			t.Fatalf("%q after %q: got %v, goldmark %v", line, before, got, want)
		}
		if got == nil {
			return
		}
		if got.CanOpen != want.CanOpen || got.CanClose != want.CanClose || got.Length != want.Length ||
			got.OriginalLength != want.OriginalLength || got.Char != want.Char {
			t.Fatalf("%q after %q: got %+v, goldmark %+v", line, before, *got, *want)
		}
	})
}

// TestNodesNeverShowInAnotherPage: pages converted at once, on several goroutines, each
// with its emphasis made in nodes another page used before, show only their own text,
// as converted alone with goldmark's own parts.
func TestNodesNeverShowInAnotherPage(t *testing.T) {
	own, gm := ownAndGoldmark()
	const n = 200
	pages := make([]string, n)
	want := make([]string, n)
	for i := range pages {
		var b strings.Builder
		for j := range 1 + (i*37)%23 { // many emphasis and few, so that nodes are used again
			fmt.Fprintf(&b, "Line *zq%03dq* and **zq%03dq** and _zq%03dq *zq%03dq*_ %d.\n\n", i, i, i, i, j)
		}
		pages[i] = b.String()
		d, err := gm.Convert([]byte(pages[i]), Options{})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = d.Text()
	}
	marker := regexp.MustCompile(`zq(\d{3})q`)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range n {
				i := (k*7 + g*51) % n
				d, err := own.Convert([]byte(pages[i]), Options{})
				if err != nil {
					t.Error(err)
					return
				}
				if got := d.Text(); got != want[i] {
					for _, m := range marker.FindAllStringSubmatch(got, -1) {
						if m[1] != fmt.Sprintf("%03d", i) {
							t.Errorf("page %d shows the text of page %s", i, m[1])
							return
						}
					}
					t.Errorf("page %d is converted differently: %q, want %q", i, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestNodesReleasedClear: nodes given back hold nothing of the page that used them, which
// the pool would otherwise keep alive (its whole tree, through each node's links).
func TestNodesReleasedClear(t *testing.T) {
	c := New(false)
	n := nodePool.Get().(*nodes)
	src := []byte(strings.Repeat("*a* **b** _c_ ***d*** * e _\n\n", 40))
	_, root, _ := c.parse(src, &Options{}, 0, 0, n)
	emph := 0
	_ = ast.Walk(root, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := x.(*ast.Emphasis); ok && entering {
			emph++
		}
		return ast.WalkContinue, nil
	})
	if n.nd < 2*chunk || n.ne < chunk || n.ne != emph || n.ni < chunk {
		t.Fatalf("%d delimiters, %d emphasis and %d texts made in nodes, %d emphasis in the tree: want more than a chunk of each, all there", n.nd, n.ne, n.ni, emph)
	}
	delims, emphs, texts := n.delims, n.emphs, n.inls
	n.release()
	for _, chunks := range []any{delims, emphs, texts} {
		v := reflect.ValueOf(chunks)
		for i := range v.Len() {
			for j := range v.Index(i).Len() {
				if !v.Index(i).Index(j).IsZero() {
					t.Fatalf("node %d of chunk %d of %T is not cleared", j, i, chunks)
				}
			}
		}
	}
}

// TestIDsNeverShowInAnotherPage: the heading ids a Doc keeps (made, written by hand,
// repeated, in other scripts) stay its own when the buffer its Markdown was read from
// holds the next pages, which are converted after it: made ids share the bytes goldmark
// keeps in the tree, which nothing may change, and ids written by hand are copies.
func TestIDsNeverShowInAnotherPage(t *testing.T) {
	c := New(false)
	page := func(i int) string {
		return fmt.Sprintf("## Zq%03dq one\n\n## Zq%03dq one\n\n## Own {#zq%03dq-own}\n\n## Réflexion zq%03dq\n\nText[^1].\n\n[^1]: Note.\n", i, i, i, i)
	}
	buf := make([]byte, 0, 4096)
	type kept struct {
		doc           *Doc
		headings, ids string
	}
	var docs []kept
	for i := range 40 {
		buf = append(buf[:0], page(i)...) // one buffer, as the build reads files into
		d, err := c.Convert(buf, Options{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, kept{d, fmt.Sprint(d.Headings), fmt.Sprint(d.IDs)})
		clear(buf[:cap(buf)])
	}
	want := "[{2 zq000q-one Zq000q one} {2 zq000q-one-1 Zq000q one} {2 zq000q-own Own} {2 réflexion-zq000q Réflexion zq000q}]"
	if docs[0].headings != want {
		t.Fatalf("page 0's headings are %s, want %s", docs[0].headings, want)
	}
	for i, k := range docs {
		if got := fmt.Sprint(k.doc.Headings); got != k.headings {
			t.Errorf("page %d's headings were %s, and after the next pages %s", i, k.headings, got)
		}
		if got := fmt.Sprint(k.doc.IDs); got != k.ids {
			t.Errorf("page %d's ids were %s, and after the next pages %s", i, k.ids, got)
		}
		if want := fmt.Sprintf("zq%03dq", i); !strings.Contains(k.ids, want+"-own") || !strings.Contains(k.headings, want+"-one-1") {
			t.Errorf("page %d's ids are %s", i, k.ids)
		}
	}
}
