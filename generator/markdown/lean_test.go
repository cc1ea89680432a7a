package markdown

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/extension"
)

// leanCases are texts around each feature that a page may be parsed without: dots, commas
// and hyphens in every place goldmark looks at them, "..." and "--" in text, in code, in
// tables, escaped, in headings (whose ids come from their text) and in fields; URLs and
// addresses as text, in link destinations, in code and in autolinks.
var leanCases = []string{
	"Plain words, commas, full stops. And more, and more.\nA second line, with a comma.",
	"Wait... what? Wait.. no. Wait.... yes. \\... and .\\.. and ..\\.\n\n## Heading... with dots\n",
	"An en--dash, an em---dash, a ----- run, a \\-- and -\\- and a-b-c.\n\n## Pre--post {#own}\n\n## Pre--post\n",
	"| a | b -- c |\n|---|:--:|\n| 1 | 2 |\n\n| x |\n| --- |\n| y... |\n",
	"| a | b |\n|---|---|\n| 1 | 2 |\n\n- --\n- item -- with dash\n",
	"Title\n---\n\nOther\n===\n\n***\n\n- - -\n\n--\n\n---\n",
	"[a link](https://example.com/x--y...z) and [mail](mailto:a@b.co) and ![i](http://x.org/i.png)",
	"[ref][r] and [r]\n\n[r]: https://example.com/www \"t -- t...\"\n",
	"`code -- ... www.x.com a@b.co http://x.y` and\n\n```\n-- ... http://x.org\n```\n\n    indented http://x.org --\n",
	"<https://example.com> and <a@b.co> and <span title=\"--\">x</span> http://bare.example.com",
	"Write to a@b.co -- or see www.example.com... or http://example.com, or ftp://x.org.",
	"the ftp server and a http header and wwwhat, no links here -- but a dash",
	"@handle and x@ and @ alone, no address",
	"Quotes \"here\" and 'there', it's '90s -- and \"nested 'quotes'\"...",
	"Line with trailing spaces,  \nand a backslash break,\\\nand a tab\tafter, . , -\n",
	"日本語、テキスト。-- 中文... 한국어 -- émoji 🙂... --🙂 naïve—café",
	"\xff\xfe -- \xe2\x80 ... \xc3",
	"Term -- one\n: Definition... with www.x.org\n\nSee[^1].\n\n[^1]: Note -- with... a@b.co\n",
	"::: answer id=a\nWhat went well -- and why...?\n:::\n\n::: choice\nPick one -- or two\n- yes -- sure\n- no...\n:::\n",
	"- [ ] a task -- with a dash\n- [x] done... yes\n",
	"> quoted -- text... with http://x.org\n> and more, commas\n",
	"*emph*--**strong**...~~strike~~--_u_",
	"a,b,c.d.e-f-g ,. -. .- ,-, (.) [-] *.* _-_",
	// Headings with attributes and with braces that are not.
	"# One {#one .big}\n\nTwo {#two}\n===\n\n## Three {#three\n\n## Four \\{#four}\n\n## {#five}\n\n## Six {.x} ##\n",
	"## Braces { and } in text {#ok}\n\nText {#not-a-heading}\n\n- ## In a list {#li}\n\n> # Quoted {#q}\n",
	"# Same\n\n# Same {#same}\n\n# Same\n", "{", "# {", "# {#x}", "# }{#y}",
	"",
	"--",
	"...",
	"www",
	"x\r\n|a|\r\n|--|\r\n|b|\r\n",
	// White space at line ends, which goldmark keeps in part when it looks for autolinks.
	"a \t\nb", "a    \nb", "a   \nb", "a  \nb", "a \r \nb", "a\t\t\nb", "a  \r\nb", "a \v\f\nb", "a \t", "- a \t\n  b\n",
	"# h \t\n\n| a \t | b  |\n|---|---|\n| c\t\t | d |\n", "a\\  \nb", "a \\\nb",
	"a \r\nb \r\nc", "a \t\r\nb", "a\t \r\nb", "a  \t\nb", "a\r \r\nb", "a \f\nb", "\t \nb", " \t\n\t \n",
	// Hugo shortcodes beside the features: a ref in a link is parsed again, rewritten.
	"[a]({{< ref \"b\" >}}) -- www.x.org... {{< figure src=\"http://x.org/a--b...png\" caption=\"a@b.co\" >}}\n<!--more-->\n",
	"See [v]({{% relref \"/worksheets/values\" %}} \"t...\") at http://x.org {{< youtube abc >}} -- {{% note %}}",
	// Colons, with and without shortcodes (emoji.go): in text, code, links, headings, fields.
	"At 10:30: a:b:c, :: and ::: and :nosuchemoji: and http://x.org/:smile:/ and \\:smile:",
	"Well done :tada: -- :+1:... `:smile:` [:eyes:](a.md) :slightly_smiling_face:\n\n## Hi :wave: {#hi}\n",
	"::: answer\nWhat :thinking:?\n:::\n\n- [ ] task :smile:\n\n| :x: | b |\n|:--|--:|\n| :o: | :smile:smile: |\n",
	// Commas, stars and brackets, where goldmark asks the typographer for nothing.
	"a ,\t\nb", "a, \t\nb,\n,c", ", , ,", "\\, \\* \\[", "*a*, [b], *[c]*,\n- [ ] d, e\n", "a,*b*,c [d],[e](f.md),g",
}

// docsEqual reports how two conversions of the same page differ, or "".
func docsDiffer(a, b *Doc) string {
	if a.Text() != b.Text() {
		return "HTML:\n" + a.Text() + "\n" + b.Text()
	}
	x, y := *a, *b
	x.Body, y.Body = nil, nil
	if !reflect.DeepEqual(x, y) {
		return "Doc"
	}
	return ""
}

// compareLean converts src with the parser the page gets and with every feature, and
// reports any difference.
func compareLean(t *testing.T, lean, full *Converter, name, src string, fields bool) {
	t.Helper()
	o := Options{Rel: "articles/a.md", Resolve: resolve, BasePath: "/lib/", Fields: fields}
	a, err := lean.Convert([]byte(src), o)
	if err != nil {
		t.Fatal(err)
	}
	b, err := full.Convert([]byte(src), o)
	if err != nil {
		t.Fatal(err)
	}
	if d := docsDiffer(a, b); d != "" {
		t.Errorf("%s: %q is converted differently without the features it does not use: %s", name, src, d)
	}
}

// fullConverter converts every page as goldmark alone would: with every feature, its own
// linkify (no filter) and its typographer asked at all its characters.
func fullConverter() *Converter {
	all := extension.NewTypographerParser().Trigger()
	c := newConverterAsked(false, extension.Linkify, func(feature) []byte { return all }, nil)
	c.everything = true
	return c
}

// TestLeanParsers: a page parsed without the features it does not use (pageFeatures)
// converts as it does with all of them: the same HTML, headings, ids, words, summary,
// links, fields and problems. The cases must exercise each way: parsed without a
// feature, checked and kept without, checked and parsed again with it.
func TestLeanParsers(t *testing.T) {
	lean, full := New(false), fullConverter()
	var without, checked int
	for _, src := range append(append([]string{}, leanCases...), linkifyCases...) {
		for _, fields := range []bool{false, true} {
			compareLean(t, lean, full, "case", src, fields)
		}
		keep, check := pageFeatures([]byte(src))
		if keep != allFeatures {
			without++
		}
		if check != 0 {
			checked++
		}
	}
	if without < 20 || checked < 5 || lean.reparsed.Load() < 4 {
		t.Errorf("%d cases are parsed without a feature, %d checked, %d parsed again: the cases should exercise the lean parsers more",
			without, checked, lean.reparsed.Load())
	}
}

// TestLeanParsersWithEmoji: with emoji on, a page is parsed with the emoji parser only
// when its text may have a shortcode, and one parsed without it converts as it does with
// it: the parser changes nothing where a colon starts no emoji.
func TestLeanParsersWithEmoji(t *testing.T) {
	lean, full := New(false), fullConverter()
	lean.SetEmoji(true)
	full.SetEmoji(true)
	with := 0
	for _, src := range append(append([]string{}, leanCases...), linkifyCases...) {
		for _, fields := range []bool{false, true} {
			compareLean(t, lean, full, "case", src, fields)
		}
		if mayHaveEmoji([]byte(src)) {
			with++
		}
	}
	eachPage(t, "../../content", func(p string, data []byte) {
		compareLean(t, lean, full, p, string(withoutFrontMatter(data)), strings.Contains(p, "worksheets") || strings.Contains(p, "guides"))
	})
	if with < 3 {
		t.Errorf("%d cases have shortcodes: the cases should exercise the emoji parser", with)
	}
}

// TestLeanParsersOnLibrary compares the two on every page of the example library, and on
// every page of $BETWEEN_CORPUS when set (a library made by gencorpus.py).
func TestLeanParsersOnLibrary(t *testing.T) {
	lean, full := New(false), fullConverter()
	for _, root := range []string{"../../content", os.Getenv("BETWEEN_CORPUS")} {
		if root == "" {
			continue
		}
		eachPage(t, root, func(p string, data []byte) {
			compareLean(t, lean, full, p, string(withoutFrontMatter(data)), strings.Contains(p, "worksheets") || strings.Contains(p, "guides"))
		})
	}
}

// eachPage calls f with every Markdown file under root and its bytes, and fails the test
// when root holds fewer than ten: a comparison over no pages would pass.
func eachPage(t *testing.T, root string, f func(path string, data []byte)) {
	t.Helper()
	pages := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		f(p, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("only %d pages in %s", pages, root)
	}
}

// FuzzLean compares the two on any text. go test runs the seeds; go test -fuzz FuzzLean
// looks further.
func FuzzLean(f *testing.F) {
	for _, src := range append(append([]string{}, leanCases...), linkifyCases...) {
		f.Add(src, false)
		f.Add(src, true)
	}
	lean, full := New(false), fullConverter()
	f.Fuzz(func(t *testing.T, src string, fields bool) {
		compareLean(t, lean, full, "fuzz", src, fields)
	})
}

// TestLeanParserChosen: the pages of a usual library are parsed without the features they
// do not use, those written on Windows too.
func TestLeanParserChosen(t *testing.T) {
	for _, src := range []string{
		"Plain words, a [link](https://example.com/www) and a\ntable:\n\n| a |\n|---|\n| b |\n",
		"Written on Windows, \r\nwith a space at the end of a line \r\nand a hard break  \r\nend",
	} {
		if keep, _ := pageFeatures([]byte(src)); keep != 0 {
			t.Errorf("%q is parsed with features %b", src, keep)
		}
	}
	// Hugo's shortcodes and summary divider are looked for only on a page that may have them.
	for src, want := range map[string]bool{"a {b} c": false, "{{< x >}}": true, "a { {": false, "a {{": true, "<!-- more -->": true, "a <! -- b": false} {
		if keep, _ := pageFeatures([]byte(src)); (keep&featShortcodes != 0) != want {
			t.Errorf("%q is parsed with features %b", src, keep)
		}
	}
}
