package search

import (
	"bytes"
	"html"
	"math/rand"
	"strings"
	"testing"
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
