package markdown

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"github.com/yuin/goldmark/renderer/html"
)

// writerCases are texts at every turn of goldmark's Write: backslashes before punctuation,
// letters, spaces and the end; entity references named, decimal and hexadecimal, whole,
// unknown, too long and unclosed; what HTML escapes; NUL; and text with none of them.
var writerCases = []string{
	"", "plain words, with commas; and full stops.", "é日本🙂 — «quotes»",
	`a\*b \\ \a \  \`, `\`, `\&amp;`, `&amp; &lt; &copy; &nosuch; &amp`, `&#65; &#x41; &#X41; &#1234567; &#x1234567; &#; &#x;`,
	`&#0; &#xD800; &#x110000;`, "a < b > c \"d\" & e", "nul \x00 here", "\x00", `<a href="x">`,
	"tail &", "tail \\", "&&&", `\&#65;`, "\xff\xfe invalid",
}

// TestTextWriter: textWriter writes every text as goldmark's writer does.
func TestTextWriter(t *testing.T) {
	for _, s := range writerCases {
		compareWriters(t, s)
	}
}

// FuzzTextWriter compares the two writers on any text.
func FuzzTextWriter(f *testing.F) {
	for _, s := range writerCases {
		f.Add(s)
	}
	f.Fuzz(compareWriters)
}

func compareWriters(t *testing.T, s string) {
	t.Helper()
	ours := textWriter{html.DefaultWriter}
	var got, want bytes.Buffer
	ours.Write(bufWriter{&got}, []byte(s))
	html.DefaultWriter.Write(bufWriter{&want}, []byte(s))
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("Write(%q) = %q, goldmark's %q", s, got.Bytes(), want.Bytes())
	}
	got.Reset()
	want.Reset()
	ours.RawWrite(bufWriter{&got}, []byte(s))
	html.DefaultWriter.RawWrite(bufWriter{&want}, []byte(s))
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("RawWrite(%q) = %q, goldmark's %q", s, got.Bytes(), want.Bytes())
	}
}

// TestPlain: plain finds each byte notPlain marks, and only those, at every place of texts
// long enough to be looked at eight bytes at a time.
func TestPlain(t *testing.T) {
	for c := range 256 {
		for n := 1; n <= 20; n++ {
			for at := range n {
				s := bytes.Repeat([]byte("a"), n)
				s[at] = byte(c)
				if got := plain(s); got == notPlain[c] {
					t.Fatalf("plain(%q) = %v", s, got)
				}
			}
		}
	}
}

// FuzzPlainPath holds rewrite's short way to url.Parse: a destination plainPath takes is
// its own path, with no scheme, host, query or fragment.
func FuzzPlainPath(f *testing.F) {
	for _, s := range []string{"/guides/page-00880/", "../x/", "a", "//host/x", "/a:b", "a:b", "/a%20b", "/a?b",
		"/a#b", "/a b", "", "/", "~/x.y_z-1", "/x.md", "https://x.org/", "/é/", "\\a", "/a+b", "/a;b", "/a\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		if !plainPath(dest) {
			return
		}
		u, err := url.Parse(dest)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.User != nil ||
			u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.Path != dest || strings.HasPrefix(dest, "//") {
			t.Fatalf("plainPath(%q), but url.Parse gives %#v, %v", dest, u, err)
		}
	})
}
