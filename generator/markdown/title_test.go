package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/between-ssg/between/themes"
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
		if len(d.Headings) > 0 && slices.Contains(takenIDs, d.Headings[0].ID) {
			return // the theme's id: the title takes the next (TestTitleTakenIDs)
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

// TestTitleTakenIDs checks that a title's id, which its h1 carries, is none of the ids the
// default theme gives the page's other elements, and that takenIDs lists every id the
// theme writes as it is on a page with a title (one made of a name, like step-{{.Index}},
// is the booklet's).
func TestTitleTakenIDs(t *testing.T) {
	for _, c := range []struct{ src, id string }{
		{"# Menu\n", "menu-1"},
		{"# Main\n", "main-1"},
		{"# Toc title\n", "toc-title-1"},
		{"# Main menu\n", "main-menu"},
	} {
		if title, _ := TitleOf([]byte(c.src)); title.ID != c.id {
			t.Errorf("%q: id %q, want %q", c.src, title.ID, c.id)
		}
	}
	written, err := themes.WrittenIDs()
	if err != nil {
		t.Fatal(err)
	}
	for id, files := range written {
		if !slices.Contains(takenIDs, id) && !bookletID.MatchString(id) {
			t.Errorf("%s writes the id %q, which takenIDs does not list", files[0], id)
		}
	}
}

// bookletID are the ids of pages that show no page's text under its title: the booklet's
// own (its steps' ids are prefixed there), the search page's and a tag's.
var bookletID = regexp.MustCompile(`^(booklet-|search-|tag-)`)

// TestTitleComments checks that HTML comments above the heading that titles a page, or on
// its line, the writer's notes, are in neither its text nor its id, and that text after
// a comment's end above it, which would be lost with the comments, is found.
func TestTitleComments(t *testing.T) {
	for _, c := range []struct {
		src, text, id string
		lost          int
	}{
		{"<!-- note to self: ask Sam -->\n# Values\n", "Values", "values", 0},
		{"<!-- a licence,\n  on two lines -->\n\n# Values\n", "Values", "values", 0},
		{"# Values <!-- rename? -->\n", "Values", "values", 0},
		{"# Our <!-- best? --> values\n", "Our  values", "our--values", 0}, // as the text shows it: one space in HTML
		{"Values <!-- rename? -->\n======\n", "Values", "values", 0},
		{"<!-- a --> <!-- b -->\n# A\n", "A", "a", 0},
		{"<!-- a --> Intro\n# A\n", "A", "a", 1},
		{"\n<!-- a\nb --> Intro\n\n<!-- c --> more\n# A\n", "A", "a", 3},
		{"# A `<!-- b -->` c\n", "A <!-- b --> c", "a----b----c", 0}, // in code, the comment is text
	} {
		title, ok := TitleOf([]byte(c.src))
		if !ok || title.Text != c.text || title.ID != c.id || title.Lost != c.lost {
			t.Errorf("%q: %+v (%v), want text %q, id %q, lost %d", c.src, title, ok, c.text, c.id, c.lost)
		}
	}
	// A heading in the text has no comment in its id either.
	d, err := New(false).Convert([]byte("## Values <!-- rename? -->\n"), Options{})
	if err != nil || len(d.Headings) != 1 || d.Headings[0].ID != "values" {
		t.Errorf("a heading with a comment: %+v, %v", d.Headings, err)
	}
}

// TestTitleGivenThemeID: a title's heading given the theme's id by hand keeps it, and is
// told where its text starts; a made id is never the theme's.
func TestTitleGivenThemeID(t *testing.T) {
	for _, c := range []struct {
		src string
		id  string
		col int
	}{
		{"# Menu\n", "menu-1", 0},
		{"# Menu {#menu}\n", "menu", 3},
		{"Main {#main}\n====\n", "main", 1},
		{"# Our menu {#our-menu}\n", "our-menu", 0},
	} {
		title, ok := TitleOf([]byte(c.src))
		if !ok || title.ID != c.id || title.ThemeIDCol != c.col {
			t.Errorf("%q: %+v (%v), want id %q, ThemeIDCol %d", c.src, title, ok, c.id, c.col)
		}
	}
}

// TestHeadingsAvoidThemeIDs: a heading of the page's text takes none of the ids the theme
// gives its own elements, as the title's h1 does not, unless the writer gave it that id.
func TestHeadingsAvoidThemeIDs(t *testing.T) {
	c := New(false)
	for _, tc := range []struct {
		src string
		ids []string
	}{
		{"## Menu\n", []string{"menu-1"}},
		{"## Menu\n\n## Menu\n", []string{"menu-1", "menu-2"}},
		{"## Main\n\n## Main menu\n", []string{"main-1", "main-menu"}},
		{"## Toc title\n\n### Q top\n", []string{"toc-title-1", "q-top-1"}},
		{"## Menu {#menu}\n", []string{"menu"}}, // as asked, with a warning
		{"## Menu 1\n\n## Menu\n", []string{"menu-1", "menu-2"}},
	} {
		d, err := c.Convert([]byte(tc.src), Options{Rel: "articles/a.md"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range d.Headings {
			got = append(got, h.ID)
		}
		if !slices.Equal(got, tc.ids) {
			t.Errorf("%q: ids %v, want %v", tc.src, got, tc.ids)
		}
		warned := len(d.Problems) == 1 && d.Problems[0].Warning && d.Problems[0].Line == 1 &&
			strings.HasPrefix(d.Problems[0].Msg, `the id "menu" is the theme's own, on every page`)
		if asked := strings.Contains(tc.src, "{#"); warned != asked || !asked && len(d.Problems) > 0 {
			t.Errorf("%q: problems %+v", tc.src, d.Problems)
		}
	}
}

// TestLayoutIDsTaken: the ids the site's own layouts write are kept off as the theme's
// are: by the headings' ids, a title's, a wiki link's anchor (the heading's id there), and
// the numbered ids after them; a heading given one by hand keeps it, with a warning.
func TestLayoutIDsTaken(t *testing.T) {
	c := New(false)
	c.SetLayoutIDs([]string{"reflect", "reflect-1"})
	d, err := c.Convert([]byte("## Reflect\n\n## Menu\n\n## Given {#reflect}\n\nSee [[Other#Reflect]].\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range d.Headings {
		ids = append(ids, h.ID)
	}
	if want := []string{"reflect-2", "menu-1", "reflect"}; !slices.Equal(ids, want) {
		t.Errorf("heading ids %q, want %q", ids, want)
	}
	if len(d.Wiki) != 1 || d.Wiki[0].Anchor != "reflect-2" {
		t.Errorf("wiki links %+v, want one to #reflect-2", d.Wiki)
	}
	if len(d.Problems) != 1 || d.Problems[0].Line != 5 || !d.Problems[0].Warning || d.Problems[0].Msg != LayoutIDProblem("reflect") {
		t.Errorf("problems %+v, want the warning of the given id at line 5", d.Problems)
	}
	if !d.LayoutIDs["reflect"] {
		t.Error("the Doc does not know the layouts' ids, for the links' checks")
	}
	title, _ := LayoutTitleOf([]byte("# Reflect\n\nText.\n"), c.LayoutIDs())
	if title.ID != "reflect-2" || title.ThemeIDCol != 0 {
		t.Errorf("title %+v, want id reflect-2", title)
	}
	title, _ = LayoutTitleOf([]byte("# Reflect {#reflect}\n"), c.LayoutIDs())
	if title.ID != "reflect" || title.ThemeIDCol != 3 {
		t.Errorf("title given the id by hand: %+v, want id reflect at column 3", title)
	}
	// Without them, as before.
	if d, _ := New(false).Convert([]byte("## Reflect\n"), Options{}); d.Headings[0].ID != "reflect" {
		t.Errorf("with no layout ids: %q", d.Headings[0].ID)
	}
}
