package theme

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

// TestEscapersMatch: the pieces' escaping writes what html/template writes, in each
// context a piece prints in, for text with every character that is escaped somewhere.
func TestEscapersMatch(t *testing.T) {
	tpl := template.Must(template.New("x").Parse(`<p title="{{.}}">{{.}}</p><a href="{{.}}">x</a><a href="#{{.}}">y</a>`))
	inputs := []string{
		"", "plain", `<b>"Tom" & 'Jerry'</b>`, "a+b=c", "nul\x00byte", "bad\xffutf8\xc3", "ünïcödé 漢字 🙂",
		"/articles/x/", "https://example.org/a?b=c&d=e#f", "javascript:alert(1)", "JavaScript:x", "mailto:a@b.c",
		"data:text/html,x", "/a b/%41%zz%4", "//host/x", "a:b/c", "/x/:y", "#frag ment", "[]!$*,;=@~-._",
		"\u2028\u2029\ufdd0\ufffe", "%", "%4", "%41", "x%",
	}
	for _, s := range inputs {
		var want strings.Builder
		if err := tpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		got.WriteString(`<p title="`)
		escapeHTML(&got, s)
		got.WriteString(`">`)
		escapeHTML(&got, s)
		got.WriteString(`</p><a href="`)
		href(&got, s)
		got.WriteString(`">x</a><a href="#`)
		escapeHTML(&got, escapeURL(s, false))
		got.WriteString(`">y</a>`)
		if got.String() != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got.String(), want.String())
		}
	}
}

// TestBuiltInPiecesMadeInGo: with the built-in theme every piece is made in Go on the
// layouts that show it; a site's own definition of a template a piece calls, in a partial
// or in the layout itself, sends that piece back to its template.
func TestBuiltInPiecesMadeInGo(t *testing.T) {
	th, err := Load(fstest.MapFS{}, "", "en")
	if err != nil {
		t.Fatal(err)
	}
	for _, layout := range []string{"article", "guide", "worksheet", "page", "section"} {
		for name := range pieceFuncs {
			// The section lists' title is their own: their head is the template's.
			want := layout != "section" || name != "page-head"
			if got := th.pieces[layout][name] != nil; got != want {
				t.Errorf("%s: %s made in Go: %v, want %v", layout, name, got, want)
			}
		}
	}
	th, err = Load(fstest.MapFS{
		"layouts/partials/zz.html": {Data: []byte(`{{define "duration-range"}}x{{end}}`)},
		"layouts/guide.html":       {Data: []byte(`{{template "baseof.html" .}}{{define "main"}}{{template "single" .}}{{end}}{{define "icon-next"}}>{{end}}`)},
	}, "", "en")
	if err != nil {
		t.Fatal(err)
	}
	ps := th.pieces["article"]
	if ps["meta"] != nil || ps["entry-2"] != nil || ps["toc"] == nil || ps["page-nav"] == nil {
		t.Errorf("article, duration-range the site's: %v", ps)
	}
	if ps := th.pieces["guide"]; ps["page-nav"] != nil || ps["toc"] == nil {
		t.Errorf("guide, icon-next its own: %v", ps)
	}
}

// TestNumberWordsRemembered: a plural or a duration made once is given again as it was,
// and a word whose placeholders do not fit fails every time, not only the first.
func TestNumberWordsRemembered(t *testing.T) {
	th, err := Load(fstest.MapFS{"i18n/en.toml": {Data: []byte("fields_other = \"%d questions\"\nsteps_other = \"%d steps of %d\"\n")}}, "", "en")
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if w, err := th.Plural("fields", 4); w != "4 questions" || err != nil {
			t.Errorf("Plural(fields, 4) = %q, %v", w, err)
		}
		if w, err := th.Duration(10, 15); w != "10–15 minutes" || err != nil {
			t.Errorf("Duration(10, 15) = %q, %v", w, err)
		}
		if _, err := th.Plural("steps", 3); err == nil {
			t.Error("steps_other needs two values and gets one: no error")
		}
	}
}

// TestEscapeHTMLEveryByte: escapeHTML escapes each byte value as html/template does, at
// every place of texts long enough to be looked at eight bytes at a time (mayEscape).
func TestEscapeHTMLEveryByte(t *testing.T) {
	tpl := template.Must(template.New("x").Parse(`{{.}}`))
	for c := range 256 {
		for n := 1; n <= 20; n++ {
			for at := range n {
				s := []byte(strings.Repeat("a", n))
				s[at] = byte(c)
				var want strings.Builder
				if err := tpl.Execute(&want, string(s)); err != nil {
					t.Fatal(err)
				}
				var got bytes.Buffer
				escapeHTML(&got, string(s))
				if got.String() != want.String() {
					t.Fatalf("%q: got %q, html/template %q", s, got.String(), want.String())
				}
			}
		}
	}
}
