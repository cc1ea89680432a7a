package markdown

import (
	"fmt"
	"html"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"
)

// pages is a small library for Resolve: content path → URL under the base path /lib/.
var pages = map[string]string{
	"worksheets/values.md":   "/lib/worksheets/values/",
	"articles/a.md":          "/lib/articles/a/",
	"articles/b.md":          "/lib/articles/own-slug/",
	"about.md":               "/lib/about/",
	"articles/deep/child.md": "/lib/articles/deep/child/",
}

func resolve(target string) (string, bool) {
	u, ok := pages[target]
	return u, ok
}

func convert(t *testing.T, src string, o Options) *Doc {
	t.Helper()
	if o.Rel == "" {
		o.Rel = "articles/a.md"
	}
	if o.Resolve == nil {
		o.Resolve = resolve
	}
	if o.BasePath == "" {
		o.BasePath = "/lib/"
	}
	d, err := New(false).Convert([]byte(src), o)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestLinkRewriting(t *testing.T) {
	tests := []struct {
		name, src, want string
		link            *Link // the link recorded for checking, if any
	}{
		{"relative .md", "[v](../worksheets/values.md)", `<a href="/lib/worksheets/values/">v</a>`,
			&Link{Target: "worksheets/values.md", Line: 1, Col: 1}},
		{"relative .md with anchor", "[v](../worksheets/values.md#f-confidence)", `<a href="/lib/worksheets/values/#f-confidence">v</a>`,
			&Link{Target: "worksheets/values.md", Anchor: "f-confidence", Line: 1, Col: 1}},
		{"sibling", "[b](b.md)", `<a href="/lib/articles/own-slug/">b</a>`,
			&Link{Target: "articles/b.md", Line: 1, Col: 1}},
		{"sibling with ./", "[b](./b.md)", `<a href="/lib/articles/own-slug/">b</a>`,
			&Link{Target: "articles/b.md", Line: 1, Col: 1}},
		{"into a folder", "[c](deep/child.md)", `<a href="/lib/articles/deep/child/">c</a>`,
			&Link{Target: "articles/deep/child.md", Line: 1, Col: 1}},
		{"root-relative .md", "[a](/about.md)", `<a href="/lib/about/">a</a>`,
			&Link{Target: "about.md", Line: 1, Col: 1}},
		{"root-relative .md with content/", "[a](/content/about.md#team)", `<a href="/lib/about/#team">a</a>`,
			&Link{Target: "about.md", Anchor: "team", Line: 1, Col: 1}},
		{"title kept", `[v](../worksheets/values.md "Values")`, `<a href="/lib/worksheets/values/" title="Values">v</a>`,
			&Link{Target: "worksheets/values.md", Line: 1, Col: 1}},
		{"missing page left for the build to report", "[x](nope.md)", `<a href="nope.md">x</a>`,
			&Link{Target: "articles/nope.md", Line: 1, Col: 1}},
		{"anchor on this page", "[t](#top)", `<a href="#top">t</a>`,
			&Link{Anchor: "top", Line: 1, Col: 1}},
		{"root-relative path gets the base path", "[s](/search/?q=x)", `<a href="/lib/search/?q=x">s</a>`, nil},
		{"path already under the base path", "[s](/lib/tags/)", `<a href="/lib/tags/">s</a>`, nil},
		{"relative non-.md path untouched", "[f](files/plan.pdf)", `<a href="files/plan.pdf">f</a>`, nil},
		{"external untouched", "[e](https://example.com/x.md#y)", `<a href="https://example.com/x.md#y">e</a>`, nil},
		{"protocol-relative untouched", "[e](//cdn.example.com/x.md)", `<a href="//cdn.example.com/x.md">e</a>`, nil},
		{"mailto untouched", "[m](mailto:a@example.org)", `<a href="mailto:a@example.org">m</a>`, nil},
		{"autolink untouched", "<https://example.com/>", `<a href="https://example.com/">https://example.com/</a>`, nil},
		{"image with root path", "![leaf](/images/leaf.svg)", `<img src="/lib/images/leaf.svg" alt="leaf">`, nil},
		{"relative image untouched", "![leaf](leaf.png)", `<img src="leaf.png" alt="leaf">`, nil},
		{"reference link", "[v][ref]\n\n[ref]: ../worksheets/values.md", `<a href="/lib/worksheets/values/">v</a>`,
			&Link{Target: "worksheets/values.md", Line: 1, Col: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := convert(t, tt.src, Options{})
			if !strings.Contains(d.Text(), tt.want) {
				t.Errorf("HTML\n%s\ndoes not contain\n%s", d.Text(), tt.want)
			}
			var want []Link
			if tt.link != nil {
				want = []Link{*tt.link}
			}
			if !reflect.DeepEqual(d.Links, want) && !(len(d.Links) == 0 && len(want) == 0) {
				t.Errorf("links %+v, want %+v", d.Links, want)
			}
			if len(d.Problems) > 0 {
				t.Errorf("problems %+v", d.Problems)
			}
		})
	}
}

func TestLinkRewritingAtRoot(t *testing.T) {
	// With the site at the root of its host, root-relative links stay as they are.
	d := convert(t, "[s](/search/) ![i](/i.png) [a](../about.md)", Options{BasePath: "/", Resolve: func(string) (string, bool) { return "/about/", true }})
	for _, want := range []string{`href="/search/"`, `src="/i.png"`, `href="/about/"`} {
		if !strings.Contains(d.Text(), want) {
			t.Errorf("%s missing in %s", want, d.Text())
		}
	}
}

func TestRelativeAddressLinks(t *testing.T) {
	// A relative address is written from the site's root, resolved against the page's own,
	// so that a booklet or the feed, at other addresses, lead where the page does.
	for _, c := range []struct{ dest, want string }{
		{"../../about/", `href="/lib/about/"`},
		{"../legal/", `href="/lib/articles/legal/"`},
		{"next/", `href="/lib/articles/welcome/next/"`},
		{"../../about/?a=1#top", `href="/lib/about/?a=1#top"`},
		{"../caf%C3%A9/", `href="/lib/articles/caf%C3%A9/"`},
		{"#top", `href="#top"`},
		{"/about/", `href="/lib/about/"`},
		{"https://other.example/x/", `href="https://other.example/x/"`},
		{"mailto:a@example.org", `href="mailto:a@example.org"`},
		{"?q=1", `href="?q=1"`},
	} {
		d := convert(t, "[l]("+c.dest+")", Options{URL: "/lib/articles/welcome/"})
		if !strings.Contains(d.Text(), c.want) {
			t.Errorf("%s: got %s, want %s", c.dest, d.Text(), c.want)
		}
	}
	// Without the page's address, such a link is kept as written.
	if d := convert(t, "[l](../../about/)", Options{}); !strings.Contains(d.Text(), `href="../../about/"`) {
		t.Errorf("got %s", d.Text())
	}
}

func TestLinkPositions(t *testing.T) {
	src := "Intro.\n\nSee [one](x.md) and\n  [two](y.md#a), **[three](#b)**.\n\n- item [![img](z.md)](w.md)\n"
	d := convert(t, src, Options{})
	want := []Link{
		{Target: "articles/x.md", Line: 3, Col: 5},
		{Target: "articles/y.md", Anchor: "a", Line: 4, Col: 3},
		{Anchor: "b", Line: 4, Col: 20},
		{Target: "articles/w.md", Line: 6, Col: 8},
		{Target: "articles/z.md", Line: 6, Col: 8},
	}
	if !reflect.DeepEqual(d.Links, want) {
		t.Errorf("links\n%+v\nwant\n%+v", d.Links, want)
	}
}

// A link to a file whose name has spaces is not a link unless the name is in <>: goldmark
// shows it as text, and the coach is warned where it is, with the way to write it.
func TestUnreadLinkWithSpaces(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want []Problem
	}{
		{"Read [my notes](My Notes.md) today.\n", []Problem{{Line: 1, Col: 16, Warning: true,
			Msg: "(My Notes.md) is shown as text, not a link: a file name with spaces goes in angle brackets, like [text](<My Notes.md>)"}}},
		{"Intro.\n\n- see [part](../guides/First Steps.md#why)\n", []Problem{{Line: 3, Col: 13, Warning: true,
			Msg: "(../guides/First Steps.md#why) is shown as text, not a link: a file name with spaces goes in angle brackets, like [text](<../guides/First Steps.md#why>)"}}},
		{"Read [my notes](My Notes.markdown) today.\n", []Problem{{Line: 1, Col: 16, Warning: true,
			Msg: "(My Notes.markdown) is shown as text, not a link: a file name with spaces goes in angle brackets, like [text](<My Notes.markdown>)"}}},
		{"Read [my notes](<x.md>) today.\n", nil}, // a link
		{"Read [my notes](x.md) today.\n", nil},   // a link
		{"Write `[text](My Notes.md)` for it.\n", nil},
		{"Write [text`](My Notes.md)` for it.\n", nil}, // code
		{"A list [a](b c) of things.\n", nil},          // not a Markdown file: maybe meant as text
		{"Brackets [a] (My Notes.md) apart.\n", nil},   // not a link's syntax
		{"```\n[my notes](My Notes.md)\n```\n", nil},   // a code block
		{"Half [a](My Notes.md\nsecond line).\n", nil}, // no ")" on the line
	} {
		d := convert(t, tt.src, Options{Resolve: func(string) (string, bool) { return "/lib/x/", true }})
		if !reflect.DeepEqual(d.Problems, tt.want) {
			t.Errorf("%q: problems %+v, want %+v", tt.src, d.Problems, tt.want)
		}
	}
}

// TestWikiLinks: [[...]] as Obsidian writes a link or an embed is found where it is, once,
// with the id its heading would have here; not in code, and not in a link's own brackets.
func TestWikiLinks(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want []WikiLink
	}{
		{"See [[values]] today.\n", []WikiLink{{Written: "[[values]]", Name: "values", Line: 1, Col: 5}}},
		{"Intro.\n\n- see [[My Values|my values]] and [[values#Why it matters]]\n", []WikiLink{
			{Written: "[[My Values|my values]]", Name: "My Values", Label: "my values", Line: 3, Col: 7},
			{Written: "[[values#Why it matters]]", Name: "values", Anchor: "why-it-matters", Line: 3, Col: 35}}},
		{"![[photo.png]]\n\n![[values]] and [[values#^block1]]\n", []WikiLink{
			{Written: "![[photo.png]]", Name: "photo.png", Embed: true, Line: 1, Col: 1},
			{Written: "![[values]]", Name: "values", Embed: true, Line: 3, Col: 1},
			{Written: "[[values#^block1]]", Name: "values", Line: 3, Col: 17}}},
		{"Café [[Éte]]\n", []WikiLink{{Written: "[[Éte]]", Name: "Éte", Line: 1, Col: 6}}},
		{"Write `[[values]]` for it.\n", nil},
		{"```\n[[values]]\n```\n", nil},
		{"[[Draft] notes](x.md) and [[]] and [[a\nb]] and [[a]b]]\n", nil},
		{"- [ ] a task, [x] done\n", nil},
	} {
		d := convert(t, tt.src, Options{Rel: "articles/a.md", Resolve: func(string) (string, bool) { return "/lib/x/", true }})
		if !reflect.DeepEqual(d.Wiki, tt.want) {
			t.Errorf("%q: wiki links\n%+v\nwant\n%+v", tt.src, d.Wiki, tt.want)
		}
	}
}

func TestLinkOutsideContent(t *testing.T) {
	d := convert(t, "Text\n\n[x](../../../etc/passwd.md)\n", Options{})
	want := []Problem{{Line: 3, Col: 1, Msg: `link to "../../../etc/passwd.md" points outside content/; link to a page inside the library`}}
	if !reflect.DeepEqual(d.Problems, want) {
		t.Errorf("problems %+v, want %+v", d.Problems, want)
	}
	if !strings.Contains(d.Text(), `href="../../../etc/passwd.md"`) {
		t.Errorf("the link was rewritten: %s", d.Text())
	}
}

func TestRawHTML(t *testing.T) {
	src := "<script>alert(1)</script>\n\nText with <b onclick=\"x()\">bold</b>.\n\n<div class=\"box\">\nblock\n</div>\n"
	safe, err := New(false).Convert([]byte(src), Options{Rel: "a.md"})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "onclick", "<b", `<div class="box">`} {
		if strings.Contains(safe.Text(), bad) {
			t.Errorf("raw HTML %q kept without markdown.unsafe:\n%s", bad, safe.Text())
		}
	}
	if !strings.Contains(safe.Text(), "bold") {
		t.Errorf("the text inside dropped tags is gone:\n%s", safe.Text())
	}
	unsafe, err := New(true).Convert([]byte(src), Options{Rel: "a.md"})
	if err != nil {
		t.Fatal(err)
	}
	for _, kept := range []string{"<script>alert(1)</script>", `<b onclick="x()">bold</b>`, `<div class="box">`} {
		if !strings.Contains(unsafe.Text(), kept) {
			t.Errorf("raw HTML %q dropped with markdown.unsafe:\n%s", kept, unsafe.Text())
		}
	}
	// A javascript: link is never written, whatever the setting.
	d := convert(t, "[x](javascript:alert(1))", Options{})
	if strings.Contains(d.Text(), "javascript:") {
		t.Errorf("javascript: link kept: %s", d.Text())
	}
}

func TestHeadingsAndTOC(t *testing.T) {
	src := "# Title\n\n## First steps\n\nText.\n\n### The *details* `code`\n\n## First steps\n\n#### Deep\n\n## Ünïcode & more!\n"
	d := convert(t, src, Options{})
	want := []Heading{
		{Level: 1, ID: "title", Title: "Title"},
		{Level: 2, ID: "first-steps", Title: "First steps"},
		{Level: 3, ID: "the-details-code", Title: "The details code"},
		{Level: 2, ID: "first-steps-1", Title: "First steps"},
		{Level: 4, ID: "deep", Title: "Deep"},
		{Level: 2, ID: "ünïcode--more", Title: "Ünïcode & more!"},
	}
	if !reflect.DeepEqual(d.Headings, want) {
		t.Errorf("headings\n%+v\nwant\n%+v", d.Headings, want)
	}
	for _, h := range want {
		if !d.IDs[h.ID] {
			t.Errorf("id %q not recorded", h.ID)
		}
		if !strings.Contains(d.Text(), `id="`+h.ID+`"`) {
			t.Errorf("id %q not in the HTML", h.ID)
		}
	}
}

func TestHeadingTitlesArePlainText(t *testing.T) {
	// The table of contents shows titles as text, so the typographer's entities must be the
	// characters they stand for (html/template escapes them again).
	d := convert(t, "## \"Why\" -- and why not...\n\n## Réflexion à deux\n", Options{})
	want := []Heading{
		{Level: 2, ID: "why----and-why-not", Title: "“Why” – and why not…"},
		{Level: 2, ID: "réflexion-à-deux", Title: "Réflexion à deux"},
	}
	if !reflect.DeepEqual(d.Headings, want) {
		t.Errorf("headings\n%+v\nwant\n%+v", d.Headings, want)
	}
}

func TestFootnotesAndIDs(t *testing.T) {
	d := convert(t, "Claim.[^src]\n\n[^src]: Source.\n", Options{})
	for _, id := range []string{"fn:1", "fnref:1"} {
		if !d.IDs[id] {
			t.Errorf("footnote id %q not recorded: %v", id, d.IDs)
		}
	}
}

func TestWordCountAndSummary(t *testing.T) {
	tests := []struct {
		name, src string
		words     int
		summary   string
	}{
		{"plain", "One two three.\n\nFour five.\n", 5, "One two three."},
		{"markup does not count", "# A heading\n\nSome **bold** and [a link](https://x.org) and `code`.\n", 9, "Some bold and a link and code."},
		{"typographer quotes", "\"Quoted\" -- text...\n", 2, "“Quoted” – text…"},
		{"soft line breaks join", "First line\nsecond line.\n", 4, "First line second line."},
		{"summary skips a heading and a list", "## Heading\n\n- item one\n\nThe paragraph.\n", 5, "The paragraph."},
		{"summary skips footnote markers", "Claim.[^1]\n\n[^1]: Note.\n", 2, "Claim."},
		{"apostrophes do not split words", "Don't stop -- it's 9 o'clock.\n", 5, "Don’t stop – it’s 9 o’clock."},
		{"entities are characters", "Fish &amp; chips &copy; me\n", 3, "Fish & chips © me"},
		{"empty", "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := convert(t, tt.src, Options{})
			if d.WordCount != tt.words {
				t.Errorf("WordCount = %d, want %d", d.WordCount, tt.words)
			}
			if d.Summary != tt.summary {
				t.Errorf("Summary = %q, want %q", d.Summary, tt.summary)
			}
		})
	}
}

func TestFeatures(t *testing.T) {
	src := `| A | B |
|---|:-:|
| 1 | 2 |

- [x] done
- [ ] open

~~gone~~ www.example.com

Term
: Definition

"Quotes" -- dashes --- and...
`
	d := convert(t, src, Options{})
	for _, want := range []string{
		"<table>", `<th class="align-center">B</th>`,
		`<input checked="" disabled="" type="checkbox"> done`,
		"<del>gone</del>", `<a href="http://www.example.com">www.example.com</a>`,
		"<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>",
		"&ldquo;Quotes&rdquo; &ndash; dashes &mdash; and&hellip;",
	} {
		if !strings.Contains(d.Text(), want) {
			t.Errorf("missing %q in\n%s", want, d.Text())
		}
	}
}

func TestTaskListsAsFields(t *testing.T) {
	src := "- [ ] Book the call\n- [x] Draft it\n"
	plain := convert(t, src, Options{})
	if len(plain.Fields) != 0 || !strings.Contains(plain.Text(), `disabled=""`) {
		t.Errorf("on an article a task list is plain: %d fields\n%s", len(plain.Fields), plain.Text())
	}
	fields := convert(t, src, Options{Fields: true})
	if len(fields.Fields) != 2 || strings.Contains(fields.Text(), `disabled=""`) {
		t.Errorf("on a worksheet a task list is fields: %d fields\n%s", len(fields.Fields), fields.Text())
	}
	for _, f := range fields.Fields {
		if !fields.IDs["f-"+f.ID] {
			t.Errorf("field id f-%s not recorded", f.ID)
		}
	}
}

func TestWorksheetProblemsReported(t *testing.T) {
	d := convert(t, "Intro\n\n::: answr id=x\nQ?\n:::\n", Options{Fields: true})
	if len(d.Problems) == 0 || d.Problems[0].Line != 3 {
		t.Errorf("problems %+v; want one on line 3", d.Problems)
	}
}

func TestConcurrentUse(t *testing.T) {
	// One converter serves every page of a build from many goroutines.
	c := New(false)
	done := make(chan string)
	for i := 0; i < 8; i++ {
		go func() {
			d, err := c.Convert([]byte("## Head\n\n[v](../worksheets/values.md)\n"), Options{Rel: "articles/a.md", Resolve: resolve, BasePath: "/lib/"})
			if err != nil {
				done <- err.Error()
				return
			}
			done <- d.Text()
		}()
	}
	want := "<h2 id=\"head\">Head</h2>\n<p><a href=\"/lib/worksheets/values/\">v</a></p>\n"
	for i := 0; i < 8; i++ {
		if got := <-done; got != want {
			t.Errorf("got %q", got)
		}
	}
}

// FuzzConvert checks that no Markdown makes the conversion panic or fail, with links being
// rewritten and fields parsed. go test runs the seeds; go test -fuzz FuzzConvert looks
// further.
func FuzzConvert(f *testing.F) {
	for _, seed := range []string{
		"", "[a](b.md#c)", "[a](../../x.md)", "![i](/x.png)", "[a]: <>\n[a]", "[x](%zz.md)",
		"::: answer id=a lines=999999\nQ\n:::\n", "::: scale min=5 max=1\nQ\n:::", ":::\n:::\n:::",
		"- [ ] a\n  - [x] b\n", "| a |\n|---|\n| [x](y.md) |", "[^1]\n\n[^1]: [n](z.md)",
		"## [link](a.md) `code` ![i](b.png)\n", "<a href=\"x.md\">raw</a>", "Term\n: [d](d.md)\n",
		"[x](javascript:alert(1)) [y](JaVa&#x53;cript:x) [z](java\tscript:x) <javascript:alert(1)>", "[r]: vbscript:x\n\n[r]",
		"::: table columns=\"\" rows=0\n:::\n", "::: choice\n:::\n", "> ::: line\n> Q\n> :::\n",
		"{{< figure src=\"javascript:x\" link=\"x.md\" >}}", "[a]({{< ref \"b\" >}})", "> {{< figure\n> src=\"a\"\n>}}\n",
		"- a {{% note %}}\n  b {{% /note %}}", "x\n<!--more-->\n{{< youtube a >}}", "{{</* x */>}} {{< y `z` a=b />}}",
		"> {{< figure src=\"a\" caption=\"*x* [y](z.md)\n>\t<b>\\\"\" attr=`q` attrlink=\"w.md\" link=x target=_blank rel=\"opener\" k >}}",
		"# {{< figure src=a caption=\"[x](y.md)\" >}}\n| {{< figure src=a caption=\"**b**\" >}} |\n|-|\n",
	} {
		f.Add(seed, true)
		f.Add(seed, false)
	}
	c := New(false)
	f.Fuzz(func(t *testing.T, src string, fields bool) {
		type result struct {
			d   *Doc
			err error
		}
		done := make(chan result, 1)
		go func() {
			d, err := c.Convert([]byte(src), Options{Rel: "articles/a.md", Resolve: resolve, BasePath: "/lib/", Fields: fields})
			done <- result{d, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("converting %q takes more than 10 seconds", src)
		}
		d, err := r.d, r.err
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range d.Problems {
			if p.Msg == "" || p.Line < 0 {
				t.Errorf("problem %+v", p)
			}
		}
		// Whatever the links say, the rewritten ones never run a script when clicked.
		for _, m := range urlAttr.FindAllStringSubmatch(d.Text(), -1) {
			u := strings.Map(func(r rune) rune {
				if r <= ' ' || r == 0x7f {
					return -1 // a browser skips these inside a scheme
				}
				return r
			}, strings.ToLower(html.UnescapeString(m[1])))
			if strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") {
				t.Fatalf("%q gives the link %q", src, m[0])
			}
		}
	})
}

var urlAttr = regexp.MustCompile(`(?:href|src|action|formaction)="([^"]*)"`)

// TestRepeatedHeadings: headings with the same text get numbered ids, each number found
// without trying every smaller one again (10,000 such headings took 7.5 s). The work is
// counted as allocations, which grow with the square of the headings when each id tries
// "-1", "-2"... from the start.
func TestRepeatedHeadings(t *testing.T) {
	const n = 2000
	src := []byte(strings.Repeat("## Same\n\n", n) + "## Same 1\n\n## Réflexion\n\n## Re\u0301flexion\n")
	c := New(false)
	d, err := c.Convert(src, Options{Rel: "a.md"})
	if err != nil {
		t.Fatal(err)
	}
	html := d.Text()
	for _, id := range []string{`id="same"`, `id="same-1"`, `id="same-1999"`, `id="same-1-1"`, `id="réflexion"`, `id="réflexion-1"`} {
		if !strings.Contains(html, id) {
			t.Errorf("no %s", id)
		}
	}
	if strings.Count(html, `id="same-1"`) != 1 {
		t.Errorf("id same-1 given twice")
	}
	allocs := testing.AllocsPerRun(1, func() { c.Convert(src, Options{Rel: "a.md"}) })
	t.Logf("%.0f allocations", allocs)
	if allocs > 200*n {
		t.Errorf("%.0f allocations for %d headings: the ids are found one try at a time", allocs, n)
	}
}

// TestIDProbes counts the candidate ids tried for repeated headings instead of timing them:
// trying "-1", "-2"... from the start for every heading (10,000 headings took 7.5 s) tries
// about n²/2 ids, and four times the headings then try sixteen times as many.
func TestIDProbes(t *testing.T) {
	probes := func(n int) int {
		s := newIDs()
		// Headings whose own text looks like a numbered id ("Same 3") take some numbers
		// first; they must be stepped over once, not by every later "Same".
		for i := 1; i <= n/10; i++ {
			s.Generate([]byte(fmt.Sprintf("Same %d", 3*i)), ast.KindHeading)
		}
		for range n {
			s.Generate([]byte("Same"), ast.KindHeading)
		}
		if got := string(s.Generate([]byte("Same"), ast.KindHeading)); got != fmt.Sprintf("same-%d", n+n/10) {
			t.Errorf("%d headings: the next id is %s", n, got)
		}
		return s.probes
	}
	small, large := probes(1000), probes(4000)
	t.Logf("candidate ids tried: %d for 1,000 headings, %d for 4,000", small, large)
	if small > 2*1000 || large > 2*4000 || large > 5*small {
		t.Errorf("%d and %d candidate ids tried for 1,000 and 4,000 headings: each heading tries the numbers from the start", small, large)
	}
}

// A table's column alignment is a class: the pages' Content-Security-Policy blocks style
// attributes.
func TestTableAlignmentIsAClass(t *testing.T) {
	src := "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n"
	d, err := New(false).Convert([]byte(src), Options{Rel: "a.md"})
	if err != nil {
		t.Fatal(err)
	}
	h := d.Text()
	for _, want := range []string{`<th class="align-left">a</th>`, `<th class="align-center">b</th>`, `<td class="align-right">3</td>`, `<td>4</td>`} {
		if !strings.Contains(h, want) {
			t.Errorf("no %s in\n%s", want, h)
		}
	}
	if strings.Contains(h, "style=") {
		t.Errorf("a style attribute in\n%s", h)
	}
}
