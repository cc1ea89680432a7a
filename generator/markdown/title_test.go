package markdown

import (
	"bytes"
	"testing"
)

// FuzzTitleOf checks that a title found is the plain text of a level 1 heading that the
// converter sees at the start of the body, and that what is left after End is the rest of
// the body with its lines counted: the page reports problems below the title at their
// lines in the file.
func FuzzTitleOf(f *testing.F) {
	for _, s := range []string{"# A\n\nText\n", "A\n=\n", "A\nB\n===\n# C\n", "<!-- x -->\n# A", "<!--\n-->\n\n# A {#b}\n",
		"    # A\n", "#\n", "# *\n", "> # A\n", "- # A\n", "A\n---\n", "# A\r\nText", "<!-- a --> b\n# A\n", "\t# A\n", "   # A #\n", "# a ~b~ 'c'\n"} {
		f.Add(s)
	}
	c := New(false)
	f.Fuzz(func(t *testing.T, s string) {
		body := []byte(s)
		title, ok := TitleOf(body)
		d, err := c.Convert(body, Options{})
		if err != nil {
			t.Skip()
		}
		if !ok {
			return
		}
		if title.End > len(body) || title.Text == "" {
			t.Fatalf("%q: %+v", s, title)
		}
		if n := bytes.Count(body[:title.End], []byte("\n")); n != title.Lines && !(title.End == len(body) && n+1 == title.Lines) {
			t.Errorf("%q: %d lines before %d, counted %d", s, n, title.End, title.Lines)
		}
		// The converter of the whole body has a level 1 heading first, with that id.
		if len(d.Headings) == 0 || d.Headings[0].Level != 1 || d.Headings[0].ID != title.ID || d.Headings[0].Title != title.Shown {
			t.Errorf("%q: title %+v, the converter's headings %+v", s, title, d.Headings)
		}
		// The rest holds no more of the heading: converted with its id taken, it has the
		// converter's other headings and ids.
		rest, err := c.Convert(body[title.End:], Options{TitleID: title.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(rest.Headings) != len(d.Headings)-1 {
			t.Errorf("%q: headings after the title %+v, want %+v", s, rest.Headings, d.Headings[1:])
		}
		for i, h := range rest.Headings {
			if h.ID != d.Headings[i+1].ID {
				t.Errorf("%q: heading %d id %q after the title, %q in place", s, i, h.ID, d.Headings[i+1].ID)
			}
		}
	})
}

// TestTitleShown checks that a title taken from a heading is shown as the page's
// typographer shows that heading in the text, curly quotes and all, and straight where
// the writer escaped a quote or wrote it in code.
func TestTitleShown(t *testing.T) {
	c := New(false)
	for _, tc := range []struct{ src, shown string }{
		{"# Don't \"stop\" -- ever...\n", "Don’t “stop” – ever…"},
		{"# Plain words\n", "Plain words"},
		{"# Say \\\"no\\\"\n", `Say "no"`},
		{"# The `\"quote\"` rule\n", `The "quote" rule`},
		{"# <<Guillemets>> here\n", "«Guillemets» here"},
		{"# 5'10\" tall\n", `5'10" tall`},
		{"# '90s music\n", "’90s music"},
		{"# Rock 'n' roll\n", "Rock ’n’ roll"},
		{"# Tom &amp; Jerry &quot;x&quot;\n", `Tom & Jerry "x"`},
		{"# The *\"values\"* worksheet {#values}\n", "The “values” worksheet"},
		{"\"Why\" -- a question\n===\n", "“Why” – a question"},
	} {
		title, ok := TitleOf([]byte(tc.src))
		if !ok || title.Shown != tc.shown {
			t.Errorf("%q: shown %q (%v), want %q", tc.src, title.Shown, ok, tc.shown)
		}
		// As the page's own heading would show in its table of contents.
		d, err := c.Convert([]byte(tc.src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Headings) == 0 || d.Headings[0].Title != title.Shown {
			t.Errorf("%q: shown %q, the page's heading %+v", tc.src, title.Shown, d.Headings)
		}
	}
}
