package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/extension"
)

// linkifyCases are texts around each way an autolink starts and each way the filter says
// no: every trigger character, the URL prefixes and their near misses, e-mail addresses
// with local parts of 64 and 65 letters (the most util.FindEmailIndex takes), an '@' just
// inside and just outside the filter's window, links inside link labels, tabs and line
// starts.
var linkifyCases = []string{
	"Visit https://example.com/a?b=c#d today.",
	"Visit http://example.com. Or ftp://files.example.org/x, or www.example.com/path!",
	"(https://example.com/x_(y)) and (www.example.com) and *www.example.com* _http://a.bc_ ~www.ab.cd~",
	"Write to coach@example.com, or (coach@example.com) or *coach@example.com* or _a@b.co_ or ~x@y.io~.",
	"coach@example.com at the start of a line\nwww.example.com at the start of the next\nhttp://example.com too",
	"\thttp://example.com after a tab, a\tcoach@example.com after one",
	"a " + strings.Repeat("x", 64) + "@example.com b",
	"a " + strings.Repeat("x", 65) + "@example.com b",
	"a " + strings.Repeat("x", 63) + "-@example.com b",
	"a " + strings.Repeat("x", 64) + " @example.com b",
	"a " + strings.Repeat("x", 70) + " b @ c d@e f@g.h i.j@k.lm n@o.p- q@r.s_",
	"HTTP://EXAMPLE.COM and Http://example.com and WWW.example.com and http:/x and www.x",
	"https://example.com:8080/path and http://localhost and https:// and www. alone",
	"[see https://example.com](https://example.org) and [mail a@b.co](x.md) and [www.x.com]",
	"**https://example.com** __www.example.com__ ***a@b.co*** ((http://example.com))",
	"a@b a@b. a@b.c. a@-b.co a@b-.co a.b@c.d e@f.g.h.i",
	"mailto:a@b.co and <https://example.com> and <a@b.co> and http://a.b/&amp; http://a.b/&x;",
	"- item www.example.com\n- item a@b.co\n\n| www.a.bc | a@b.co |\n|---|---|\n| http://c.de | x |\n",
	"> quoted http://example.com and a@b.co\n\n```\nhttp://in.code a@b.co\n```\n\n`http://x.yz`",
	"Ünïcödé www.exämple.com ünï@exämple.com http://例え.jp a@例え.jp",
	"many words with no link at all, only spaces * stars _ lines ~ tildes ( parens ) and @ signs",
	"email@ at the end @",
	"-\ta@b.co and\tc@d.ef\n\n1.\t\tx@y.co www.x.com\n\n  -\t\tlist\tp@q.rs\n",
	"x@ y@z.co @a a@b.co @@ c@@d.ef\n\n[^1]: note a@b.co\n\nsee[^1] e@f.gh\n",
	"",
}

// TestLinkifyFilter: the filter in front of GFM's linkify parser changes no page. Each case
// is converted with it and with goldmark's extension.Linkify alone, and the HTML must be the
// same; the cases must also find links, or the comparison would prove nothing.
func TestLinkifyFilter(t *testing.T) {
	filtered, plain := New(false), newConverter(false, extension.Linkify)
	links := 0
	for _, src := range linkifyCases {
		got, want := convertHTML(t, filtered, src), convertHTML(t, plain, src)
		if got != want {
			t.Errorf("%q:\nwith the filter:    %s\nwithout the filter: %s", src, got, want)
		}
		links += strings.Count(want, "<a href=")
	}
	if links < 40 {
		t.Errorf("the cases make %d links; they should exercise linkify more", links)
	}
}

// TestLinkifyFilterOnLibrary compares the two on every page of the example library.
func TestLinkifyFilterOnLibrary(t *testing.T) {
	filtered, plain := New(false), newConverter(false, extension.Linkify)
	eachPage(t, "../../content", func(p string, data []byte) {
		if got, want := convertHTML(t, filtered, string(data)), convertHTML(t, plain, string(data)); got != want {
			t.Errorf("%s differs with the filter", p)
		}
	})
}

// FuzzLinkify compares the two on any text. go test runs the seeds; go test -fuzz
// FuzzLinkify looks further.
func FuzzLinkify(f *testing.F) {
	for _, src := range linkifyCases {
		f.Add(src)
	}
	filtered, plain := New(false), newConverter(false, extension.Linkify)
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := convertHTML(t, filtered, src), convertHTML(t, plain, src); got != want {
			t.Errorf("%q:\nwith the filter:    %s\nwithout the filter: %s", src, got, want)
		}
	})
}

func convertHTML(t *testing.T, c *Converter, src string) string {
	t.Helper()
	d, err := c.Convert([]byte(src), Options{Rel: "articles/a.md", Resolve: resolve, BasePath: "/lib/", Fields: true})
	if err != nil {
		t.Fatal(err)
	}
	return d.Text()
}
