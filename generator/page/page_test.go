package page

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/between-ssg/between/generator/source"
)

// from parses src as the file at p and types it.
func from(t *testing.T, p, src string) (*Page, []string) {
	t.Helper()
	f, errs := source.Parse(p, []byte(src))
	var got []string
	for _, d := range errs {
		got = append(got, d.Error())
	}
	if f == nil {
		return nil, got
	}
	pg, perrs := From(f)
	for _, d := range perrs.Sort() {
		got = append(got, d.Error())
	}
	return pg, got
}

func TestFromErrors(t *testing.T) {
	const a = "content/articles/a.md"
	tests := []struct {
		name, file, src string
		want            []string
	}{
		{"missing title", a, "+++\ndate = 2026-01-01\n+++\nBody\n",
			[]string{a + `:1: missing title; add a line like title = "A" to the front matter, or start the page with a heading: # A`}},
		{"YAML missing title", a, "---\ndate: 2026-01-01\n---\nBody\n",
			[]string{a + `:1: missing title; add a line like title: "A" to the front matter, or start the page with a heading: # A`}},
		{"missing title, named from the file", "content/guides/after-a-session.md", "+++\n+++\n",
			[]string{`content/guides/after-a-session.md:1: missing title; add a line like title = "After a session" to the front matter, or start the page with a heading: # After a session`}},
		{"missing title, a first heading of level 2", "content/guides/search.md", "---\nsearch:\n  exclude: true\n---\n\n## Setting up search\n\nText\n",
			[]string{`content/guides/search.md:1: missing title; add a line like title: "Search" to the front matter, or start the page with a heading: # Search`}},
		{"missing title of the home page", "content/_index.md", "+++\nauthor = \"Hugo Authors\"\n+++\n",
			[]string{`content/_index.md:1: missing title; add a line like title = "Home" to the front matter, or start the page with a heading: # Home`}},
		{"missing title of a section", "content/worksheets/_index.md", "---\ndescription: x\n---\n",
			[]string{`content/worksheets/_index.md:1: missing title; add a line like title: "Worksheets" to the front matter, or start the page with a heading: # Worksheets`}},
		{"no front matter at all", a, "Just text\n",
			[]string{a + `:1: missing title: this file has no front matter, the page's settings between two lines of +++ (or --- for YAML) at the very top of the file, starting on line 1; start the file with three lines: +++, then title = "A", then +++; or start its text with a heading: # A`}},
		{"Jekyll's published: false", a, "---\ntitle: A\npublished: false\n---\n",
			[]string{a + `:3: published: false holds a page back in Jekyll and Eleventy, which Between does not read: write draft: true instead; until then the page would be published for every client to see`}},
		{"Jekyll's published = false in TOML", a, "+++\ntitle = \"A\"\npublished = false\n+++\n",
			[]string{a + `:3: published = false holds a page back in Jekyll and Eleventy, which Between does not read: write draft = true instead; until then the page would be published for every client to see`}},
		{"empty title", a, "+++\ntitle = \"  \"\n+++\n",
			[]string{a + `:2: title is empty; give the page a title`}},
		{"syntax error is not also a missing title", a, "+++\ntitle = \"A\nweight = 1\n+++\nBody\n",
			[]string{a + `:2:9: the title has no closing quote; end the value with " on the same line: title = "A"`}},
		{"YAML syntax error is not also a missing title", a, "---\ntitle: A\n  weight: 1\n---\nBody\n",
			[]string{a + `:3:9: front matter (YAML): mapping values are not allowed in this context`}},
		{"weight as text", a, "+++\ntitle = \"A\"\nweight = \"x\"\n+++\n",
			[]string{a + `:3: weight must be a whole number, not text; write it like weight = 10`}},
		{"weight as a decimal", a, "+++\ntitle = \"A\"\nweight = 1.5\n+++\n",
			[]string{a + `:3: weight must be a whole number, not a decimal number; write it like weight = 10`}},
		{"draft as text", a, "+++\ntitle = \"A\"\ndraft = \"yes\"\n+++\n",
			[]string{a + `:3: draft must be true or false, not text; write it like draft = true`}},
		{"draft: yes in YAML is text", a, "---\ntitle: A\ndraft: yes\n---\n",
			[]string{a + `:3: draft must be true or false, not text; write it like draft: true`}},
		{"weight as text in YAML", a, "---\ntitle: A\nweight: ten\n---\n",
			[]string{a + `:3: weight must be a whole number, not text; write it like weight: 10`}},
		{"unlisted as a number", a, "+++\ntitle = \"A\"\nunlisted = 1\n+++\n",
			[]string{a + `:3: unlisted must be true or false, not a number; write it like unlisted = true`}},
		{"search as a word", a, "+++\ntitle = \"A\"\nsearch = \"no\"\n+++\n",
			[]string{a + `:3: search must be true or false, not text; write it like search = true`}},
		{"toc as text", a, "+++\ntitle = \"A\"\ntoc = \"on\"\n+++\n",
			[]string{a + `:3: toc must be true or false, not text; write it like toc = true`}},
		{"tags as a number", a, "+++\ntitle = \"A\"\ntags = 5\n+++\n",
			[]string{a + `:3: tags must be a list, not a number; write it like tags = ["one", "two"]`}},
		{"a number in the tags", a, "+++\ntitle = \"A\"\n\ntags = [\"a\", 5]\n+++\n",
			[]string{a + `:4: tags must be a list of text in quotes, like tags = ["one", "two"]; found a number in it`}},
		{"aliases as a table", a, "+++\ntitle = \"A\"\n[aliases]\nx = 1\n+++\n",
			[]string{a + `:3: aliases must be a list, not a table; write it like aliases = ["one", "two"]`}},
		{"date that is no date", a, "+++\ntitle = \"A\"\ndate = \"soon\"\n+++\n",
			[]string{a + `:3: date = "soon" is not a date; write dates as year-month-day, like date = 2026-03-14`}},
		// A page its theme kept hidden would be listed for everyone: not until it says so.
		{"hidden = true", a, "---\ntitle: A\nhidden: true\n---\n",
			[]string{a + `:3: hidden is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: to keep a page out of lists, search, the feed and the sitemap, write unlisted: true; until then the page would be listed for every client to see`}},
		// So would pages Hugo's cascade or build kept back or hid.
		{"cascade of drafts", "content/articles/_index.md", "---\ntitle: A\ncascade:\n  draft: true\n---\n",
			[]string{`content/articles/_index.md:3: cascade gave draft = true to every page in its folder in Hugo; Between does not read cascade, so they would be published: write draft: true in each of those pages, then remove cascade`}},
		{"cascade of unlisted pages, in a list", "content/articles/_index.md", "+++\ntitle = \"A\"\n[[cascade]]\nfeatured_image = \"a.png\"\n[[cascade]]\n[cascade.build]\nlist = \"never\"\n+++\n",
			[]string{`content/articles/_index.md:3: cascade gave build.list = never to every page in its folder in Hugo; Between does not read cascade, so they would be listed for every client to see: write unlisted = true in each of those pages, then remove cascade`}},
		{"cascade of a theme's hidden", "content/articles/b/index.md", "---\ntitle: A\ncascade:\n  params:\n    hidden: true\n---\n",
			[]string{`content/articles/b/index.md:3: cascade gave hidden = true to every page of its bundle in Hugo; Between does not read cascade, so they would be listed for every client to see: write unlisted: true in each of those pages, then remove cascade`}},
		{"build.render = never", a, "---\ntitle: A\n_build:\n  render: never\n  list: never\n---\n",
			[]string{a + `:3: _build.render = never kept Hugo from publishing this page; Between does not read _build, so it would publish it: write draft: true to keep it back, then remove _build`}},
		{"build.list = false", a, "+++\ntitle = \"A\"\n[build]\nlist = false\n+++\n",
			[]string{a + `:3: build.list = false kept this page out of Hugo's lists; Between does not read build, so it would be listed for every client to see: write unlisted = true, then remove build`}},
		{"date as a number", a, "+++\ntitle = \"A\"\npublishDate = 2026\n+++\n",
			[]string{a + `:3: publishDate must be a date, not a number; write it like publishDate = 2026-03-14`}},
		{"YAML date that is no date", a, "---\ntitle: A\nexpiryDate: next week\n---\n",
			[]string{a + `:3: expiryDate: "next week" is not a date; write dates as year-month-day, like expiryDate: 2026-03-14`}},
		// Content from Jekyll or Hugo may spell dates out: the advice shows the date meant.
		{"YAML date in words", a, "---\ntitle: A\ndate: January 2, 2024\n---\n",
			[]string{a + `:3: date: "January 2, 2024" is not a date; write dates as year-month-day, like date: 2024-01-02`}},
		{"date in words, day first", a, "+++\ntitle = \"A\"\ndate = \"2 Jan 2024\"\n+++\n",
			[]string{a + `:3: date = "2 Jan 2024" is not a date; write dates as year-month-day, like date = 2024-01-02`}},
		{"date in figures, which way round is not known", a, "---\ntitle: A\ndate: 02/01/2024\n---\n",
			[]string{a + `:3: date: "02/01/2024" is not a date; write dates as year-month-day, like date: 2026-03-14`}},
		{"YAML kind that is no kind", a, "---\ntitle: A\nkind: artcle\n---\n",
			[]string{a + `:3: kind: "artcle" is not a kind; did you mean "article"? (kinds: article, guide, worksheet, path, page)`}},
		{"description as a list", a, "+++\ntitle = \"A\"\ndescription = [\"a\"]\n+++\n",
			[]string{a + `:3: description must be text in quotes, not a list; write it like description = "..."`}},
		{"slug with capitals", a, "+++\ntitle = \"A\"\nslug = \"My Page\"\n+++\n",
			[]string{a + `:3: slug = "My Page": use lowercase letters, digits and hyphens, like "my-page"`}},
		{"source that is no URL", a, "+++\ntitle = \"A\"\nsource = \"example.com/x\"\n+++\n",
			[]string{a + `:3: source = "example.com/x" is not a web address; write the original's full URL, starting with https://`}},
		{"negative minutes", a, "+++\ntitle = \"A\"\nminutes = -5\n+++\n",
			[]string{a + `:3: minutes = -5: write the minutes a client needs, from 0 to 10000`}},
		{"minutes in words", a, "+++\ntitle = \"A\"\nminutes = \"ten\"\n+++\n",
			[]string{a + `:3: minutes = "ten" is not a time; write the minutes a client needs, like minutes = 15, or a range like minutes = "10-15"`}},
		// A value pasted as a paragraph is quoted in part: its first 60 characters.
		{"minutes as a long text", a, "+++\ntitle = \"A\"\nminutes = \"" + strings.Repeat("zehn ", 3000) + "\"\n+++\n",
			[]string{a + `:3: minutes = "` + strings.Repeat("zehn ", 11) + `zehn…" is not a time; write the minutes a client needs, like minutes = 15, or a range like minutes = "10-15"`}},
		{"slug as a long text", a, "+++\ntitle = \"A\"\nslug = \"" + strings.Repeat("Mein Ziel ", 3000) + "\"\n+++\n",
			[]string{a + `:3: slug = "` + strings.Repeat("Mein Ziel ", 5) + `Mein Ziel…": use lowercase letters, digits and hyphens, like "` + strings.Repeat("mein-ziel-", 5) + `mein-ziel-…"`}},
		{"source as a long text", a, "+++\ntitle = \"A\"\nsource = \"" + strings.Repeat("example.com/x/", 3000) + "\"\n+++\n",
			[]string{a + `:3: source = "` + strings.Repeat("example.com/x/", 4) + `exam…" is not a web address; write the original's full URL, starting with https://`}},
		{"minutes as a decimal", a, "+++\ntitle = \"A\"\nminutes = 7.5\n+++\n",
			[]string{a + `:3: minutes = 7.5 is not a time; write the minutes a client needs, like minutes = 15, or a range like minutes = "10-15"`}},
		{"minutes range backwards", a, "+++\ntitle = \"A\"\nminutes = \"15-10\"\n+++\n",
			[]string{a + `:3: minutes = "15-10": a range goes from the shorter time to the longer, like minutes = "10-15"`}},
		{"minutes range too long", a, "+++\ntitle = \"A\"\nminutes = [10, 20000]\n+++\n",
			[]string{a + `:3: minutes = [10, 20000]: write the minutes a client needs, from 0 to 10000`}},
		{"minutes list of three", a, "---\ntitle: A\nminutes: [1, 2, 3]\n---\n",
			[]string{a + `:3: minutes: [1, 2, 3] is not a time; write the minutes a client needs, like minutes: 15, or a range like minutes: "10-15"`}},
		{"minutes that would overflow", a, "+++\ntitle = \"A\"\nminutes = 9223372036854775807\n+++\n",
			[]string{a + `:3: minutes = 9223372036854775807: write the minutes a client needs, from 0 to 10000`}},
		{"title that is a list: one message, not also empty", a, "+++\ntitle = [\"A\"]\n+++\n",
			[]string{a + `:2: title must be text in quotes, not a list; write it like title = "..."`}},
		{"unknown kind", a, "+++\ntitle = \"A\"\nkind = \"artcle\"\n+++\n",
			[]string{a + `:3: kind = "artcle" is not a kind; did you mean "article"? (kinds: article, guide, worksheet, path, page)`}},
		{"a post named as its folder, as Eleventy's", "content/articles/first/first.md", "+++\ntitle = \"A\"\n+++\n",
			[]string{"content/articles/first/first.md: warning: first.md is named as its folder: Eleventy publishes such a page at the folder's address (…/first/), and Between at …/first/first/; " +
				"to keep the folder's address, rename the file index.md (the folder is then a page bundle: the pictures in it are published beside the page)"}},
		{"a page named as its folder", "content/about/About.markdown", "+++\ntitle = \"A\"\n+++\n",
			[]string{"content/about/About.markdown: warning: About.markdown is named as its folder: Eleventy publishes such a page at the folder's address (…/about/), and Between at …/about/about/; " +
				"to keep the folder's address, rename the file index.markdown (the folder is then a page bundle: the pictures in it are published beside the page)"}},
		{"named as its folder, with a slug of its own", "content/articles/first/first.md", "+++\ntitle = \"A\"\nslug = \"first\"\n+++\n", nil},
		{"named as its section", "content/articles/articles.md", "+++\ntitle = \"A\"\n+++\n", nil},
		{"alias that climbs", a, "+++\ntitle = \"A\"\naliases = [\"/ok/\", \"../up/\"]\n+++\n",
			[]string{a + `:3: aliases: "../up/" is not a simple path like "/old/page/"`}},
		{"alias copied from a browser's bar, escapes and all, that climbs", a, "+++\ntitle = \"A\"\naliases = [\"/caf%C3%A9/\", \"/%2e%2e/%2e%2e/escape/\", \"/100%/\"]\n+++\n",
			[]string{
				a + `:3: aliases: "/../../escape/" is not a simple path like "/old/page/"`,
				a + `:3: aliases: "/100%/" has a % that starts no escape (like %20 for a space); write the path as it reads`,
			}},
		{"an Obsidian note's other names", a, "---\ntitle: A\naliases: [My values, /old/a/, \"/Old Name/\"]\n---\n",
			[]string{a + `:3: warning: aliases: "My values" reads as another name of the page, as Obsidian's aliases are; here an alias is an old address of the page, like "/old/page/", and this one is left out: remove it, or write the old address`}},
		{"alias on another site", a, "+++\ntitle = \"A\"\naliases = [\"https://old.example/x/\", \"//old.example/y\"]\n+++\n",
			[]string{
				a + `:3: aliases: "//old.example/y" is not a path on this site; write only its path, like "/old/page/"`,
				a + `:3: aliases: "https://old.example/x/" is not a path on this site; write only its path, like "/old/page/"`,
			}},
		{"steps outside a path", a, "+++\ntitle = \"A\"\nsteps = [\"b.md\"]\n+++\n",
			[]string{a + `:3: steps only works on a reading path (a file in content/paths/)`}},
		{"every problem at once", a, "+++\nweight = \"x\"\ndraft = 1\ntags = 5\n+++\n",
			[]string{
				a + `:1: missing title; add a line like title = "A" to the front matter, or start the page with a heading: # A`,
				a + `:2: weight must be a whole number, not text; write it like weight = 10`,
				a + `:3: draft must be true or false, not a number; write it like draft = true`,
				a + `:4: tags must be a list, not a number; write it like tags = ["one", "two"]`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := from(t, tt.file, tt.src)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestNoFrontMatter checks that a file whose front matter Between cannot find is told why,
// on the line where the cause is, rather than only that its title is missing.
func TestNoFrontMatter(t *testing.T) {
	const a = "content/articles/a.md"
	tests := []struct {
		name, src string
		line, col int
		want      string
	}{
		{"blank lines first", "\n\n+++\ntitle = \"Blank lines first\"\n+++\n", 3, 1,
			"the front matter (the page's settings, between two +++ lines) must start on line 1, but 2 blank lines come before this +++, so Between does not see it; delete them"},
		{"one blank line first", "\n+++\ntitle = \"A\"\n+++\n", 2, 1, "but 1 blank line comes before this +++"},
		{"blank line first, YAML", "\n---\ntitle: A\n---\n", 2, 1, "but 1 blank line comes before this ---"},
		{"a space before the marker", " +++\ntitle = \"A\"\n+++\n", 1, 1,
			"the +++ that opens the front matter (the page's settings) must be at the very start of line 1, with no space before it; delete the spaces"},
		{"a comment first", "<!-- note -->\n+++\ntitle = \"A\"\n+++\n", 2, 1,
			"but a comment comes before this +++, so Between does not see it; move the comment below the closing +++"},
		{"a comment on two lines first", "<!-- a\nnote -->\n+++\ntitle = \"A\"\n+++\n", 3, 1, "but a comment comes before this +++"},
		{"two plus signs", "++\ntitle = \"A\"\n++\n", 1, 1,
			"opens and closes with a line of three plus signs, +++, but this line has 2; write +++ here and on the line that closes it"},
		{"four plus signs", "++++\ntitle = \"A\"\n++++\n", 1, 1, "but this line has 4"},
		{"two dashes", "--\ntitle: A\n--\n", 1, 1, "a line of three dashes, ---, but this line has 2"},
		{"settings without markers", "title = \"My notes\"\n\nBody\n", 1, 1,
			`title = "My notes" is read as the page's text, because settings go in the front matter, between two lines of only +++ at the very top of the file; put a line with +++ above it and another after the last setting`},
		{"settings without markers, after a blank line", "\ntitle = \"My notes\"\n", 2, 1,
			"put a line with +++ above it and another after the last setting, and delete what comes above it: the front matter starts on line 1"},
		{"YAML settings without markers", "title: My notes\n\nBody\n", 1, 1, "between two lines of only --- at the very top"},
		// A pasted description is quoted in part, its line's first 60 characters: the
		// message is not as long as it.
		{"a long setting without markers", "description = \"" + strings.Repeat("Über ", 6000) + "\"\n", 1, 1,
			`description = "` + strings.Repeat("Über ", 8) + `Über… is read as the page's text, because settings go in the front matter`},
		{"a long YAML setting without markers", "description: " + strings.Repeat("Über ", 6000) + "\n", 1, 1,
			`description: ` + strings.Repeat("Über ", 9) + `Üb… is read as the page's text, because settings go in the front matter, between two lines of only ---`},
		{"a long setting on the marker's line", "+++ description = \"" + strings.Repeat("Über ", 6000) + "\"\n+++\n", 1, 4,
			`+++ must be alone on its line; put description = "` + strings.Repeat("Über ", 8) + `Über… on the next line`},
		{"a setting on the marker's line", "+++ title = \"A\"\n+++\n", 1, 4, `+++ must be alone on its line; put title = "A" on the next line`},
		{"Hugo's JSON front matter", "{\n  \"title\": \"My notes\",\n  \"tags\": [\"a\"]\n}\n\nBody\n", 1, 1,
			`this file's front matter is JSON, between { and }, which Hugo reads and Between does not; write it as TOML between two lines of +++ (title = "My notes", one setting a line), or as YAML between two lines of ---`},
		{"JSON that is not read", "{\n\"x\": 1\n\nBody\n", 1, 1, `(title = "A", one setting a line)`},
		{"text that is not a setting", "Note: bring a pen\n", 1, 0, "this file has no front matter"},
		{"a rule is not a marker", "Text\n\n---\n\nMore\n", 1, 0, "this file has no front matter"},
		{"Eleventy's JavaScript", "---js\nconst eleventyNavigation = {key: \"About\"};\n---\nText\n", 1, 1,
			`this file's front matter is written in JavaScript (---js, as Eleventy reads it), which Between does not read; write it in YAML instead: a line of only ---, then title: "A" and the other settings as key: value, then ---`},
		{"Eleventy's JSON", "---json\n{\n  \"title\": \"Fifth\"\n}\n---\n", 1, 1, `written in JSON (---json, as Eleventy reads it), which Between does not read; write it in YAML instead: a line of only ---, then title: "Fifth" and`},
		{"Eleventy's JavaScript with a title", "---js\nconst title = \"This is a fifth post\";\n---\n", 1, 1, `then title: "This is a fifth post" and`},
		{"a heading of level 2 is not", "## Part\n", 1, 0, `then title = "A", then +++; or start its text with a heading: # A`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, errs := source.Parse(a, []byte(tt.src))
			if len(errs) > 0 {
				t.Fatalf("Parse: %v", errs)
			}
			_, perrs := From(f)
			if len(perrs) != 1 {
				t.Fatalf("got %v, want one error", perrs)
			}
			d := perrs[0]
			if d.Line != tt.line || d.Col != tt.col || !strings.HasPrefix(d.Msg, "missing title: ") || !strings.Contains(d.Msg, tt.want) {
				t.Errorf("got %s\nwant line %d, column %d, and %q", d.Error(), tt.line, tt.col, tt.want)
			}
		})
	}
}

func TestFromPathErrors(t *testing.T) {
	const p = "content/paths/p.md"
	tests := []struct {
		name, src string
		want      []string
	}{
		{"empty path", "+++\ntitle = \"P\"\n+++\n",
			[]string{p + `:1: this path is empty; give it steps = ["articles/....md", ...], [[stages]] with steps, or tag = "..."`}},
		{"tag and steps", "+++\ntitle = \"P\"\ntag = \"x\"\nsteps = [\"a.md\"]\n+++\n",
			[]string{p + `:3: a path takes either tag or steps, not both; remove one`}},
		{"steps and stages", "+++\ntitle = \"P\"\nsteps = [\"a.md\"]\n[[stages]]\ntitle = \"S\"\nsteps = [\"b.md\"]\n+++\n",
			[]string{p + `:3: a path takes either steps or [[stages]], not both; put the steps inside the stages`}},
		{"stage without title or steps", "+++\ntitle = \"P\"\n\n[[stages]]\nsteps = [\"a.md\"]\n\n[[stages]]\ntitle = \"Two\"\n+++\n",
			[]string{
				p + `:4: stage 1 has no title; add title = "Before session 2"`,
				p + `:7: stage "Two" has no steps; add steps = ["articles/....md"]`,
			}},
		{"misspelt stage key", "+++\ntitle = \"P\"\n[[stages]]\ntitle = \"S\"\nstep = [\"a.md\"]\n+++\n",
			[]string{
				p + `:3: stage "S" has no steps; add steps = ["articles/....md"]`,
				p + `:3: stage 1: unknown key "step"; a stage has a title and steps (did you mean "steps"?)`,
			}},
		{"stages not tables", "+++\ntitle = \"P\"\nstages = [\"a\", \"b\"]\n+++\n",
			[]string{p + `:3: stages must be a list of [[stages]] tables, each with a title and steps`}},
		{"empty step", "+++\ntitle = \"P\"\nsteps = [\n  \"a.md\",\n  \"\",\n]\n+++\n",
			[]string{p + `:5: step 2 is empty; write the page it stands for, like "articles/noticing.md", or remove it`}},
		{"empty step in a stage", "+++\ntitle = \"P\"\n[[stages]]\ntitle = \"S\"\nsteps = [\"\"]\n+++\n",
			[]string{p + `:5: step 1 is empty; write the page it stands for, like "articles/noticing.md", or remove it`}},
		{"empty tag", "+++\ntitle = \"P\"\ntag = \"\"\n+++\n",
			[]string{p + `:3: tag is empty; name the tag whose pages make this path`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := from(t, p, tt.src)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestFromTypoWarnings(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            []string // warnings, as diag prints them
		params          []string // keys kept for templates
	}{
		{"tittle", "content/articles/a.md", "+++\ntitle = \"A\"\ntittle = \"B\"\n+++\n",
			[]string{`content/articles/a.md:3: warning: unknown front matter key "tittle"; did you mean "title"?`}, []string{"tittle"}},
		{"tag on a page that is not a path", "content/articles/a.md", "+++\ntitle = \"A\"\ntag = \"confidence\"\n+++\n",
			[]string{`content/articles/a.md:3: warning: unknown front matter key "tag"; did you mean "tags"? Until then the page has no tags: it is on no tag page and in no path made from a tag.`}, []string{"tag"}},
		{"tags in one text with commas", "content/articles/a.md", "+++\ntitle = \"A\"\ntags = \"coaching, goals\"\n+++\n",
			[]string{`content/articles/a.md:3: warning: tags is one text, "coaching, goals", so it is one item with commas in it; for 2, write tags = ["coaching", "goals"]`}, nil},
		{"YAML tags in one text with commas", "content/articles/a.md", "---\ntitle: A\ntags: coaching, goals, habits\n---\n",
			[]string{`content/articles/a.md:3: warning: tags is one text, "coaching, goals, habits", so it is one item with commas in it; for 3, write tags: [coaching, goals, habits]`}, nil},
		// Hundreds of tags pasted as one text: the message quotes the first 60 characters.
		{"many tags in one text", "content/articles/a.md", "+++\ntitle = \"A\"\ntags = \"" + strings.Repeat("Schöne Ziele, ", 500) + "\"\n+++\n",
			[]string{`content/articles/a.md:3: warning: tags is one text, "` + strings.Repeat("Schöne Ziele, ", 4) + `Schö…", so it is one item with commas in it; for 500, write tags = ["` + strings.Repeat(`Schöne Ziele", "`, 3) + `Schöne Ziele…"]`}, nil},
		{"one tag in one text is one tag", "content/articles/a.md", "+++\ntitle = \"A\"\ntags = \"Decision Making\"\n+++\n",
			nil, nil},
		{"YAML descripton", "content/a.md", "---\ntitle: A\ndescripton: x\n---\n",
			[]string{`content/a.md:3: warning: unknown front matter key "descripton"; did you mean "description"? Until then the page has no summary under its title or in lists.`}, []string{"descripton"}},
		{"capital Title next to title", "content/a.md", "+++\ntitle = \"A\"\nTitle = \"B\"\n+++\n",
			[]string{`content/a.md:3: warning: unknown front matter key "Title"; did you mean "title"?`}, []string{"Title"}},
		{"keys in another case are Between's (as in Hugo)", "content/a.md", "+++\nTitle = \"A\"\npublishdate = 2026-01-01\nExpiryDate = 2027-01-01\n+++\n",
			nil, nil},
		{"Hugo's url", "content/articles/a.md", "+++\ntitle = \"A\"\nurl = \"/2019/old-post/\"\n+++\n",
			[]string{`content/articles/a.md:3: warning: url is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: a page's address comes from its file name, or its slug; to keep the old address working, write aliases = ["/2019/old-post/"]`}, []string{"url"}},
		{"Jekyll's permalink that is the page's own address", "content/about.md", "---\ntitle: About\npermalink: /about/\n---\n",
			[]string{`content/about.md:3: warning: permalink is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: this page's address is "/about/" already, from its file name; remove the line`}, []string{"permalink"}},
		{"the same, in a folder, written without slashes", "content/Reading List/Notes.md", "---\ntitle: N\npermalink: reading-list/notes\n---\n",
			[]string{`content/Reading List/Notes.md:3: warning: permalink is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: this page's address is "reading-list/notes" already, from its file name; remove the line`}, []string{"permalink"}},
		{"Jekyll's published: true, Material's status and icon are kept quietly", "content/articles/a.md", "---\ntitle: A\npublished: true\nstatus: new\nicon: material/x\nhide: [toc]\n---\n",
			nil, []string{"hide", "icon", "published", "status"}},
		{"Jekyll's published: false on a draft", "content/articles/a.md", "---\ntitle: A\npublished: false\ndraft: true\n---\n",
			nil, []string{"published"}},
		{"Jekyll's permalink pattern", "content/articles/a.md", "---\ntitle: A\npermalink: /:categories/:title/\n---\n",
			[]string{`content/articles/a.md:3: warning: permalink is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: "/:categories/:title/" is a pattern of addresses, which Between does not read: a page's address comes from its folder and file name, or its slug; remove the line`}, []string{"permalink"}},
		{"another address is an alias", "content/about.md", "---\ntitle: About\npermalink: /about.html\n---\n",
			[]string{`content/about.md:3: warning: permalink is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: a page's address comes from its file name, or its slug; to keep the old address working, write aliases: ["/about.html"]`}, []string{"permalink"}},
		{"Hugo's summary, in YAML", "content/articles/a.md", "---\ntitle: A\nsummary: In short.\n---\n",
			[]string{`content/articles/a.md:3: warning: summary is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: Between's is description, like description: "In short."`}, []string{"summary"}},
		{"a theme's subtitle", "content/articles/a.md", "---\ntitle: A\nsubtitle: Why it matters\n---\n",
			[]string{`content/articles/a.md:3: warning: subtitle is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: Between shows the description under the title, like description: "Why it matters"`}, []string{"subtitle"}},
		{"Hugo's translationKey", "content/fr/articles/valeurs.md", "+++\ntitle = \"Valeurs\"\ntranslationKey = \"values\"\n+++\n",
			[]string{`content/fr/articles/valeurs.md:3: warning: translationKey is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: a translation is paired with its page by file name only (values.fr.md, or content/fr/ with the path of the page it translates); if this file is named otherwise, rename it so, with a slug for an address of its own; then remove translationKey`}, []string{"translationKey"}},
		{"a theme's searchHidden", "content/articles/a.md", "---\ntitle: A\nsearchHidden: true\n---\n",
			[]string{`content/articles/a.md:3: warning: searchHidden is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: to keep a page out of search, write search: false`}, []string{"searchHidden"}},
		{"hidden, and unlisted too", "content/articles/a.md", "+++\ntitle = \"A\"\nhidden = true\nunlisted = true\n+++\n",
			[]string{`content/articles/a.md:3: warning: hidden is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: to keep a page out of lists, search, the feed and the sitemap, write unlisted = true`}, []string{"hidden"}},
		{"private = false", "content/articles/a.md", "+++\ntitle = \"A\"\nprivate = false\n+++\n",
			[]string{`content/articles/a.md:3: warning: private is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: to keep a page out of lists, search, the feed and the sitemap, write unlisted = true (it stays reachable by its address: see docs/security.md)`}, []string{"private"}},
		{"Hugo's cascade of a theme's image", "content/_index.md", "---\ntitle: A\ncascade:\n  featured_image: /a.png\n---\n",
			[]string{`content/_index.md:3: warning: cascade gave its keys to every page in its folder in Hugo; Between does not read it: write the keys you need in each of those pages, then remove cascade`}, []string{"cascade"}},
		{"Hugo's cascade on a page of its own", "content/articles/a.md", "---\ntitle: A\ncascade:\n  draft: true\n---\n",
			[]string{`content/articles/a.md:3: warning: cascade is a key of Hugo's, which Between does not read; remove it`}, []string{"cascade"}},
		{"Hugo's build on an unlisted page", "content/articles/a.md", "+++\ntitle = \"A\"\nunlisted = true\n[build]\nlist = \"never\"\n+++\n",
			[]string{`content/articles/a.md:4: warning: build is a key of Hugo's, which Between does not read; remove it`}, []string{"build"}},
		{"Hugo's archives page, its front matter alone", "content/archives.md", "---\ntitle: Archives\ntype: section\nlayout: archives\n---\n\n",
			[]string{`content/archives.md:4: warning: this page has no text: its layout "archives" belongs to a theme of Hugo's or Jekyll's, which made the page; Between has none, so the page would show its title alone; write its text, or delete the file (the section lists and tags page list your pages)`}, []string{"layout", "type"}},
		{"Hugo and Jekyll keys are kept quietly", "content/a.md", "+++\ntitle = \"A\"\nlayout = \"post\"\ncategories = [\"x\"]\nfeatured_image = \"a.png\"\n+++\nText.\n",
			nil, []string{"categories", "featured_image", "layout"}},
		{"tag on a path is the path's tag", "content/paths/p.md", "+++\ntitle = \"P\"\ntag = \"confidence\"\n+++\n",
			nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, errs := source.Parse(tt.file, []byte(tt.src))
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			p, diags := From(f)
			var got []string
			for _, d := range diags {
				if !d.Warning {
					t.Errorf("unexpected error %v", d)
					continue
				}
				got = append(got, d.Error())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("warnings\n%q\nwant\n%q", got, tt.want)
			}
			var keys []string
			for k := range p.Params {
				keys = append(keys, k)
			}
			if len(keys) > 0 {
				sortStrings(keys)
			}
			if !reflect.DeepEqual(keys, tt.params) {
				t.Errorf("params %q, want %q", keys, tt.params)
			}
		})
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestFromEmptyYAMLValues(t *testing.T) {
	// Hugo's and Jekyll's archetypes leave keys without values ("tags:"); such a key is as
	// if not given, so that moved content builds as it is.
	p, got := from(t, "content/articles/a.md", "---\ntitle: A\ndescription:\ntags:\ndate:\ndraft:\nweight:\naliases:\ntoc:\nminutes:\nslug:\nlayout:\n---\n")
	if len(got) > 0 {
		t.Errorf("problems: %q", got)
	}
	if p.Title != "A" || p.Tags != nil || !p.Date.IsZero() || p.Draft || p.TOC != nil || p.Slug != "a" {
		t.Errorf("page %+v", p)
	}
	_, got = from(t, "content/articles/a.md", "---\ntitle:\n---\n")
	if want := []string{"content/articles/a.md:2: title is empty; give the page a title"}; !reflect.DeepEqual(got, want) {
		t.Errorf("empty title: %q, want %q", got, want)
	}
	p, got = from(t, "content/paths/p.md", "---\ntitle: P\ntag: focus\nsteps:\nstages:\n---\n")
	if len(got) > 0 || p.Path.Tag != "focus" {
		t.Errorf("a path with empty steps and stages: %q %+v", got, p.Path)
	}
}

func TestFromKindsAndSlugs(t *testing.T) {
	tests := []struct {
		file, src                string
		kind, section, slug, rel string
	}{
		{"content/_index.md", "+++\ntitle = \"Home\"\n+++\n", "home", "", "index", "_index.md"},
		{"content/articles/_index.md", "+++\ntitle = \"Reading\"\n+++\n", "section", "articles", "index", "articles/_index.md"},
		{"content/articles/Why Now.md", "+++\ntitle = \"A\"\n+++\n", "article", "articles", "why-now", "articles/Why Now.md"},
		{"content/guides/g.md", "+++\ntitle = \"G\"\n+++\n", "guide", "guides", "g", "guides/g.md"},
		{"content/worksheets/w.md", "+++\ntitle = \"W\"\n+++\n", "worksheet", "worksheets", "w", "worksheets/w.md"},
		{"content/paths/p.md", "+++\ntitle = \"P\"\nsteps = [\"a.md\"]\n+++\n", "path", "paths", "p", "paths/p.md"},
		{"content/about.md", "+++\ntitle = \"About\"\n+++\n", "page", "", "about", "about.md"},
		{"content/notes/deep.md", "+++\ntitle = \"N\"\n+++\n", "page", "", "deep", "notes/deep.md"},
		{"content/articles/a.md", "+++\ntitle = \"A\"\nslug = \"own-slug\"\n+++\n", "article", "articles", "own-slug", "articles/a.md"},
		{"content/articles/a.md", "+++\ntitle = \"A\"\nkind = \"worksheet\"\n+++\n", "worksheet", "articles", "a", "articles/a.md"},
		// Markdown under the other endings Hugo reads, in any case.
		{"content/_index.markdown", "+++\ntitle = \"Home\"\n+++\n", "home", "", "index", "_index.markdown"},
		{"content/guides/_index.mdown", "+++\ntitle = \"Guides\"\n+++\n", "section", "guides", "index", "guides/_index.mdown"},
		{"content/articles/Why Now.markdown", "+++\ntitle = \"A\"\n+++\n", "article", "articles", "why-now", "articles/Why Now.markdown"},
		{"content/worksheets/w.MKD", "+++\ntitle = \"W\"\n+++\n", "worksheet", "worksheets", "w", "worksheets/w.MKD"},
		{"content/about.mkdn", "+++\ntitle = \"About\"\n+++\n", "page", "", "about", "about.mkdn"},
		{"content/2024-01-05-first.markdown", "+++\ntitle = \"F\"\n+++\n", "page", "", "2024-01-05-first", "2024-01-05-first.markdown"},
	}
	for _, tt := range tests {
		p, errs := from(t, tt.file, tt.src)
		if len(errs) > 0 {
			t.Errorf("%s: %v", tt.file, errs)
			continue
		}
		if p.Kind != tt.kind || p.Section != tt.section || p.Slug != tt.slug || p.Rel != tt.rel {
			t.Errorf("%s: kind %q section %q slug %q rel %q; want %q %q %q %q", tt.file, p.Kind, p.Section, p.Slug, p.Rel, tt.kind, tt.section, tt.slug, tt.rel)
		}
	}
}

func TestFromValues(t *testing.T) {
	src := `+++
title = "A tour"
description = "All of it"
date = 2026-01-10
lastmod = "2026-02-01"
publishDate = 2026-01-09T08:00:00Z
expiryDate = "2027-01-01 10:30"
draft = true
unlisted = true
search = false
toc = false
tags = ["Decision Making", " ", "Habits"]
weight = 4
slug = "tour"
aliases = ["/old/"]
author = "Sam"
minutes = 12
source = "https://example.com/x"
mood = "calm"
+++
`
	p, errs := from(t, "content/articles/x.md", src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	day := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	if p.Title != "A tour" || p.Description != "All of it" || p.Author != "Sam" || p.Source != "https://example.com/x" {
		t.Errorf("text values %+v", p)
	}
	if !p.Date.Equal(day(2026, 1, 10, 0, 0)) || !p.Lastmod.Equal(day(2026, 2, 1, 0, 0)) ||
		!p.PublishDate.Equal(day(2026, 1, 9, 8, 0)) || !p.ExpiryDate.Equal(day(2027, 1, 1, 10, 30)) {
		t.Errorf("dates %v %v %v %v", p.Date, p.Lastmod, p.PublishDate, p.ExpiryDate)
	}
	if !p.Draft || !p.Unlisted || !p.NoSearch || p.TOC == nil || *p.TOC || p.Weight != 4 || p.Minutes != 12 || p.Slug != "tour" {
		t.Errorf("values %+v", p)
	}
	if !reflect.DeepEqual(p.Tags, []string{"Decision Making", "Habits"}) || !reflect.DeepEqual(p.Aliases, []string{"/old/"}) {
		t.Errorf("tags %q aliases %q", p.Tags, p.Aliases)
	}
	if !reflect.DeepEqual(p.Params, map[string]any{"mood": "calm"}) {
		t.Errorf("params %v", p.Params)
	}
	// Hugo's lowercase keys keep their meaning.
	p, errs = from(t, "content/a.md", "+++\ntitle = \"A\"\npublishdate = 2099-01-01\nDraft = true\n+++\n")
	if len(errs) > 0 || p.PublishDate.Year() != 2099 || !p.Draft || len(p.Params) != 0 || p.NoSearch {
		t.Errorf("folded keys: %+v %v", p, errs)
	}
	// Dates as Jekyll and Hugo write them.
	for _, d := range []string{"2015-01-01 10:00:00 -0500", "2015-01-01 10:00:00 -05:00", "2015-01-01T10:00:00-0500", "2015-01-01T10:00:00-05:00", "2015-01-01 10:00 -0500"} {
		p, errs := from(t, "content/a.md", "---\ntitle: A\ndate: "+d+"\n---\n")
		if len(errs) > 0 || !p.Date.Equal(time.Date(2015, 1, 1, 15, 0, 0, 0, time.UTC)) {
			t.Errorf("date %q: %v %v", d, p.Date, errs)
		}
	}
	// A title that YAML reads as a number is the text the writer meant.
	p, errs = from(t, "content/a.md", "---\ntitle: 2026\n---\n")
	if len(errs) > 0 || p.Title != "2026" {
		t.Errorf("title %q %v", p.Title, errs)
	}
	// One tag given as text is one tag.
	p, errs = from(t, "content/a.md", "+++\ntitle = \"A\"\ntags = \"Confidence\"\n+++\n")
	if len(errs) > 0 || !reflect.DeepEqual(p.Tags, []string{"Confidence"}) {
		t.Errorf("tags %q %v", p.Tags, errs)
	}
}

func TestFromPathDef(t *testing.T) {
	src := "+++\ntitle = \"P\"\n\n[[stages]]\ntitle = \"One\"\nsteps = [\"articles/a.md\", \"guides/g.md\"]\n\n[[stages]]\ntitle = \"Two\"\nsteps = [\"worksheets/w.md\"]\n+++\n"
	p, errs := from(t, "content/paths/p.md", src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := &PathDef{Line: 4, Stages: []StageDef{
		{Title: "One", Steps: []string{"articles/a.md", "guides/g.md"}, Line: 4},
		{Title: "Two", Steps: []string{"worksheets/w.md"}, Line: 8},
	}}
	if !reflect.DeepEqual(p.Path, want) {
		t.Errorf("path %+v\nwant %+v", p.Path, want)
	}
	yaml := "---\ntitle: P\nstages:\n  - title: One\n    steps: [articles/a.md]\n  - title: Two\n    steps:\n      - guides/g.md\n---\n"
	p, errs = from(t, "content/paths/p.md", yaml)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want = &PathDef{Line: 3, Stages: []StageDef{
		{Title: "One", Steps: []string{"articles/a.md"}, Line: 4},
		{Title: "Two", Steps: []string{"guides/g.md"}, Line: 6},
	}}
	if !reflect.DeepEqual(p.Path, want) {
		t.Errorf("YAML path %+v\nwant %+v", p.Path, want)
	}
	p, errs = from(t, "content/paths/p.md", "+++\ntitle = \"P\"\nsteps = [\"a.md\"]\n+++\n")
	if len(errs) > 0 || !reflect.DeepEqual(p.Path, &PathDef{Line: 3, Stages: []StageDef{{Steps: []string{"a.md"}, Line: 3}}}) {
		t.Errorf("steps path %+v %v", p.Path, errs)
	}
	p, errs = from(t, "content/paths/p.md", "+++\ntitle = \"P\"\ntag = \"Decision Making\"\n+++\n")
	if len(errs) > 0 || p.Path.Tag != "Decision Making" || p.Path.Line != 3 {
		t.Errorf("tag path %+v %v", p.Path, errs)
	}
}

// TestNamesInEveryScript: file names, folders, slugs and tags in any script make addresses,
// the same for a name written in NFD (as macOS writes file names) as in NFC.
func TestNamesInEveryScript(t *testing.T) {
	tests := []struct {
		file, front string
		slug, title string   // want
		tags        []string // want
		errs        []string
	}{
		{file: "content/articles/Уверенность.md", front: "title = \"У\"\ntags = [\"Уверенность\", \"Ψυχή\", \"自己\"]\n",
			slug: "уверенность", tags: []string{"Уверенность", "Ψυχή", "自己"}},
		{file: "content/articles/Re\u0301flexion.md", front: "title = \"R\"\ntags = [\"Re\u0301flexion\"]\n",
			slug: "réflexion", tags: []string{"R\u00e9flexion"}},
		{file: "content/articles/x.md", front: "title = \"X\"\nslug = \"уверенность\"\n", slug: "уверенность"},
		{file: "content/articles/émotions.md", front: "date = 2026-01-01\n", slug: "émotions",
			errs: []string{"content/articles/émotions.md:1: missing title; add a line like title = \"Émotions\" to the front matter, or start the page with a heading: # Émotions"}},
		{file: "content/articles/!!!.md", front: "title = \"X\"\n",
			errs: []string{"content/articles/!!!.md: the file name \"!!!.md\" has no letters or digits to make the page's address from; rename the file, or set slug = \"...\""}},
		{file: "content/articles/???/x.md", front: "title = \"X\"\n", slug: "x",
			errs: []string{"content/articles/???/x.md: the folder \"???\" has no letters or digits to make the page's address from; rename the folder"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p, errs := from(t, tt.file, "+++\n"+tt.front+"+++\n")
			var got []string
			for _, d := range errs {
				if !utf8.ValidString(d) {
					t.Errorf("message is not UTF-8: %q", d)
				}
				got = append(got, d)
			}
			if !reflect.DeepEqual(got, tt.errs) {
				t.Errorf("problems %q, want %q", got, tt.errs)
			}
			if p.Slug != tt.slug {
				t.Errorf("slug %q, want %q", p.Slug, tt.slug)
			}
			if tt.tags != nil && !reflect.DeepEqual(p.Tags, tt.tags) {
				t.Errorf("tags %q, want %q", p.Tags, tt.tags)
			}
		})
	}
}

func TestVisible(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	before, after := now.Add(-time.Hour), now.Add(time.Hour)
	tests := []struct {
		name string
		p    Page
		want bool
	}{
		{"plain", Page{}, true},
		{"draft", Page{Draft: true}, false},
		{"published", Page{PublishDate: before}, true},
		{"publishes later", Page{PublishDate: after}, false},
		{"dated later", Page{Date: after}, false},
		{"dated later but published now", Page{Date: after, PublishDate: before}, true},
		{"expired", Page{ExpiryDate: before}, false},
		{"expires at this moment", Page{ExpiryDate: now}, false},
		{"expires later", Page{ExpiryDate: after}, true},
	}
	for _, tt := range tests {
		if got := tt.p.Visible(now, false); got != tt.want {
			t.Errorf("%s: Visible = %v, want %v", tt.name, got, tt.want)
		}
		// --drafts shows drafts and future pages, but an expired page stays out.
		if got, want := tt.p.Visible(now, true), !tt.p.Expired(now); got != want {
			t.Errorf("%s: Visible with drafts = %v, want %v", tt.name, got, want)
		}
	}
}

func TestFromBrokenPath(t *testing.T) {
	// A path whose front matter cannot be read reports the syntax error only, not also that
	// it is empty.
	p, got := from(t, "content/paths/p.md", "+++\ntitle = \"P\"\nsteps = [\"a.md\"\n+++\n")
	want := []string{`content/paths/p.md:3:16: the list is never closed; end it with ] after its last item`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if p == nil || p.Kind != "path" || p.Path == nil || p.Slug != "p" {
		t.Errorf("page %+v", p)
	}
}

// FuzzFrom checks that no file, however broken, makes reading it panic, and that every
// problem has the file's name and a message. go test runs the seeds; go test -fuzz
// FuzzFrom looks further.
func FuzzFrom(f *testing.F) {
	for _, seed := range []string{
		"", "+++", "+++\n", "---\n---\n", "+++\ntitle = \"A\"\n+++\n", "---\ntitle: [\n---\n",
		"+++\n[[stages]]\n+++\n", "---\nstages:\n  - 1\n  - title: x\n    steps: 3\n---\n",
		"+++\ntags = [[1]]\naliases = [{a = 1}]\ndate = 1979-05-27T07:32:00-08:00\n+++\n",
		"---\ndate: [2026-01-01]\ntags: {a: b}\ntitle: {x: 1}\n---\n", "\xef\xbb\xbf---\r\ntitle: A\r\n---\r\n",
		"---\n? [a, b]\n: c\n---\n", "---\n*a: 1\n---\n", "---\na: &x 1\nb: *x\n---\n",
	} {
		f.Add("content/paths/p.md", seed)
		f.Add("content/articles/a.md", seed)
	}
	f.Fuzz(func(t *testing.T, name, src string) {
		if !strings.HasPrefix(name, "content/") {
			name = "content/" + name
		}
		file, errs := source.Parse(name, []byte(src))
		for _, d := range errs {
			if d.File != name || d.Msg == "" {
				t.Errorf("problem without a place or message: %+v", d)
			}
		}
		if file == nil {
			return
		}
		_, perrs := From(file)
		for _, d := range perrs {
			if d.File != name || d.Msg == "" || d.Line < 0 {
				t.Errorf("problem without a place or message: %+v", d)
			}
		}
	})
}

// An alias copied from a browser's bar is the path a server reads: "/caf%C3%A9/" is /café/,
// where a visitor's old link lands.
func TestAliasEscapesDecoded(t *testing.T) {
	f, errs := source.Parse("content/articles/a.md", []byte("+++\ntitle = \"A\"\naliases = [\"/caf%C3%A9/\", \"/2019/05/my%20post.html\", \"/plain/\"]\n+++\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	p, errs := From(f)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if want := []string{"/café/", "/2019/05/my post.html", "/plain/"}; !reflect.DeepEqual(p.Aliases, want) {
		t.Errorf("aliases %q, want %q", p.Aliases, want)
	}
}

// TestAliasesOnListPages: the home page and section lists cannot be an alias's target, so
// aliases there are an error rather than silently ignored.
func TestAliasesOnListPages(t *testing.T) {
	for _, file := range []string{"content/_index.md", "content/articles/_index.md"} {
		_, got := from(t, file, "+++\ntitle = \"T\"\naliases = [\"/old/\"]\n+++\n")
		want := []string{file + ":3: aliases work only on pages, not on the home page or a section's _index.md; remove them here"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestMinutesRange(t *testing.T) {
	for _, tt := range []struct {
		front  string
		lo, hi int
	}{
		{"minutes = 15", 15, 0},
		{`minutes = "10-15"`, 10, 15},
		{`minutes = "10–15"`, 10, 15},
		{`minutes = "10 - 15 minutes"`, 10, 15},
		{`minutes = "10 to 15"`, 10, 15},
		{`minutes = "20"`, 20, 0},
		{`minutes = [5, 8]`, 5, 8},
		{`minutes = "15-15"`, 15, 0},
	} {
		p, errs := from(t, "content/guides/g.md", "+++\ntitle = \"G\"\n"+tt.front+"\n+++\n")
		if len(errs) > 0 {
			t.Errorf("%s: %v", tt.front, errs)
			continue
		}
		if p.Minutes != tt.lo || p.MinutesTo != tt.hi {
			t.Errorf("%s: minutes %d to %d, want %d to %d", tt.front, p.Minutes, p.MinutesTo, tt.lo, tt.hi)
		}
	}
}

// TestBundles: a folder's index.md is the page named by the folder, of the kind its section
// gives, but for index.md directly in content/ or a section folder.
func TestBundles(t *testing.T) {
	tests := []struct {
		file, src                   string
		bundle, slug, kind, section string
		errs                        []string
	}{
		{"content/articles/goals/index.md", "+++\ntitle = \"G\"\n+++\n", "articles/goals", "goals", "article", "articles", nil},
		{"content/articles/2026/My Goals/index.md", "+++\ntitle = \"G\"\n+++\n", "articles/2026/My Goals", "my-goals", "article", "articles", nil},
		{"content/articles/goals/index.md", "+++\ntitle = \"G\"\nslug = \"aims\"\n+++\n", "articles/goals", "aims", "article", "articles", nil},
		{"content/articles/goals/index.md", "+++\ntitle = \"G\"\nkind = \"worksheet\"\n+++\n", "articles/goals", "goals", "worksheet", "articles", nil},
		{"content/about/index.md", "+++\ntitle = \"A\"\n+++\n", "about", "about", "page", "", nil},
		{"content/articles/index.md", "+++\ntitle = \"I\"\n+++\n", "", "index", "article", "articles", nil},
		{"content/index.md", "+++\ntitle = \"I\"\n+++\n", "", "index", "page", "", nil},
		{"content/articles/goals/notes.md", "+++\ntitle = \"N\"\n+++\n", "", "notes", "article", "articles", nil},
		{"content/articles/goals/_index.md", "+++\ntitle = \"N\"\n+++\n", "", "index", "section", "", nil},
		{"content/articles/goals/index.markdown", "+++\ntitle = \"G\"\n+++\n", "articles/goals", "goals", "article", "articles", nil},
		{"content/about/index.mdown", "+++\ntitle = \"A\"\n+++\n", "about", "about", "page", "", nil},
		{"content/articles/index.mkd", "+++\ntitle = \"I\"\n+++\n", "", "index", "article", "articles", nil},
		{"content/articles/goals/index.html.md", "+++\ntitle = \"I\"\n+++\n", "", "index-html", "article", "articles", nil},
		{"content/articles/goals/_index.markdown", "+++\ntitle = \"N\"\n+++\n", "", "index", "section", "", nil},
		{"content/articles/!!!.markdown", "+++\ntitle = \"X\"\n+++\n", "", "", "article", "articles",
			[]string{`content/articles/!!!.markdown: the file name "!!!.markdown" has no letters or digits to make the page's address from; rename the file, or set slug = "..."`}},
		{"content/articles/first-steps/index.md", "+++\n+++\n", "articles/first-steps", "first-steps", "article", "articles",
			[]string{`content/articles/first-steps/index.md:1: missing title; add a line like title = "First steps" to the front matter, or start the page with a heading: # First steps`}},
		{"content/articles/!!!/index.md", "+++\ntitle = \"X\"\n+++\n", "articles/!!!", "", "article", "articles",
			[]string{`content/articles/!!!/index.md: the folder "!!!" has no letters or digits to make the page's address from; rename the folder`}},
	}
	for _, tt := range tests {
		p, errs := from(t, tt.file, tt.src)
		if p.Bundle != tt.bundle || p.Slug != tt.slug || p.Kind != tt.kind || p.Section != tt.section || !reflect.DeepEqual(errs, tt.errs) {
			t.Errorf("%s %q: bundle %q slug %q kind %q section %q, problems %q; want %q %q %q %q %q",
				tt.file, tt.src, p.Bundle, p.Slug, p.Kind, p.Section, errs, tt.bundle, tt.slug, tt.kind, tt.section, tt.errs)
		}
	}
}

// TestJekyllDatedNames checks that a post named as Jekyll names them takes its date and,
// when the front matter has none, its title from the name, as Jekyll does; its address
// keeps the whole name, as a page so named always had (a slug shortens it).
func TestJekyllDatedNames(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct {
		file, src         string
		title, slug, date string // date "" is no date
		errs              []string
	}{
		{"content/articles/2016-05-19-codeblocks-ahoy.md", "---\nlayout: post\n---\nBody\n", "Codeblocks ahoy", "2016-05-19-codeblocks-ahoy", "2016-05-19", nil},
		{"content/articles/2024-01-05-first-session.md", "---\ntitle: First\ndate: 2024-02-01\n---\n", "First", "2024-01-05-first-session", "2024-02-01", nil},
		{"content/articles/2024-01-05-first-session.md", "+++\ntitle = \"First\"\nslug = \"one\"\n+++\n", "First", "one", "2024-01-05", nil},
		{"content/2024-01-05-notes.md", "---\ntitle: N\n---\n", "N", "2024-01-05-notes", "2024-01-05", nil},
		{"content/articles/2024-01-05-trip/index.md", "---\ntitle: T\n---\n", "T", "2024-01-05-trip", "2024-01-05", nil},
		// Not a Jekyll name: as before.
		{"content/articles/2024-13-05-notes.md", "---\ntitle: N\n---\n", "N", "2024-13-05-notes", "", nil},
		{"content/articles/2024-01-05.md", "---\ntitle: N\n---\n", "N", "2024-01-05", "", nil},
		{"content/articles/2024-01-05-!!.md", "---\ntitle: N\n---\n", "N", "2024-01-05", "", nil},
		{"content/articles/1999-in-review.md", "---\ntitle: N\n---\n", "N", "1999-in-review", "", nil},
		{"content/articles/2024-01-05-notes.md", "Body\n", "", "2024-01-05-notes", "2024-01-05", []string{
			`content/articles/2024-01-05-notes.md:1: missing title: this file has no front matter, the page's settings between two lines of +++ (or --- for YAML) at the very top of the file, starting on line 1; start the file with three lines: +++, then title = "Notes", then +++; or start its text with a heading: # Notes`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p, errs := from(t, tt.file, tt.src)
			if !reflect.DeepEqual(errs, tt.errs) {
				t.Errorf("errors %q, want %q", errs, tt.errs)
			}
			var want time.Time
			if tt.date != "" {
				want = day(tt.date)
			}
			if p.Title != tt.title || p.Slug != tt.slug || !p.Date.Equal(want) {
				t.Errorf("title %q slug %q date %v, want %q %q %v", p.Title, p.Slug, p.Date, tt.title, tt.slug, want)
			}
		})
	}
}

// TestMaterialSearch checks Material for MkDocs' search settings of a page: exclude keeps it
// out of search, boost is said to have no counterpart, anything else is the usual error.
func TestMaterialSearch(t *testing.T) {
	const a = "content/guides/a.md"
	tests := []struct {
		src      string
		noSearch bool
		errs     []string
	}{
		{"---\ntitle: A\nsearch:\n  exclude: true\n---\n", true, nil},
		{"---\ntitle: A\nsearch:\n  exclude: false\n---\n", false, nil},
		{"---\ntitle: A\nsearch:\n  boost: 2\n---\n", false, []string{a + ":3: warning: search: boost is Material for MkDocs' rank of a page in search results, which Between does not have; remove it (search: false keeps a page out of search)"}},
		{"---\ntitle: A\nsearch:\n  hide: yes\n---\n", false, []string{a + ":3: search must be true or false, not a table; write it like search: false"}},
	}
	for _, tt := range tests {
		p, errs := from(t, a, tt.src)
		if p.NoSearch != tt.noSearch || !reflect.DeepEqual(errs, tt.errs) {
			t.Errorf("%q: NoSearch %v, errors %q; want %v, %q", tt.src, p.NoSearch, errs, tt.noSearch, tt.errs)
		}
	}
}

// TestAuthorList checks that a list of authors, as Jekyll's themes take them, is the page's
// author, and that a list of anything else is still the error it was.
func TestAuthorList(t *testing.T) {
	const a = "content/articles/a.md"
	p, errs := from(t, a, "---\ntitle: A\nauthor:\n- Sam Lee\n- Ana Ruiz\n---\n")
	if p.Author != "Sam Lee, Ana Ruiz" || errs != nil {
		t.Errorf("author %q, errors %q", p.Author, errs)
	}
	_, errs = from(t, a, "---\ntitle: A\nauthor: [1, 2]\n---\n")
	if want := []string{a + `:3: author must be text in quotes, not a list; write it like author: "..."`}; !reflect.DeepEqual(errs, want) {
		t.Errorf("errors %q, want %q", errs, want)
	}
}

// TestAuthors: an author is text, or a list of names as Hugo's themes allow.
func TestAuthors(t *testing.T) {
	for _, c := range []struct{ src, want, err string }{
		{"---\ntitle: A\nauthor: Sam\n---\n", "Sam", ""},
		{"---\ntitle: A\nauthor: [\"Sam\", \"Ana Lee\"]\n---\n", "Sam, Ana Lee", ""},
		{"+++\ntitle = \"A\"\nauthor = [\"Sam\"]\n+++\n", "Sam", ""},
		{"---\ntitle: A\nauthor: [1, 2]\n---\n", "", `content/a.md:3: author must be text in quotes, not a list; write it like author: "..."`},
	} {
		f, errs := source.Parse("content/a.md", []byte(c.src))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		p, diags := From(f)
		got := ""
		if len(diags) > 0 {
			got = diags.Error()
		}
		if p.Author != c.want || got != c.err {
			t.Errorf("%q: author %q, problems %q; want %q, %q", c.src, p.Author, got, c.want, c.err)
		}
	}
}

// TestTitleFromHeading checks that a page whose front matter has no title takes the level 1
// heading its text starts with, as MkDocs does, and that the heading leaves the body (the
// layouts show the title as the h1) while the body's lines keep their numbers in the file.
func TestTitleFromHeading(t *testing.T) {
	const a = "content/articles/a.md"
	tests := []struct {
		name, file, src string
		title, id       string // id as the converter makes it from the heading's text, quirks and all
		body            string // what is left of the body
		bodyLine        int
		errs            []string
	}{
		{"no front matter", a, "# The *values* worksheet\n\nText\n",
			"The values worksheet", "the-values-worksheet", "\nText\n", 2, nil},
		{"blank lines first", a, "\n\n# Hello\nText\n", "Hello", "hello", "Text\n", 4, nil},
		{"closing hashes", a, "# Getting started #\n", "Getting started", "getting-started", "", 2, nil},
		{"code, an entity and an escape", a, "# Don't `panic` &amp; \\*breathe\\*\n", "Don't panic & *breathe*", "dont-panic-amp-breathe", "", 2, nil},
		{"a link", a, "# Read [this](b.md) first\n", "Read this first", "read-thisbmd-first", "", 2, nil},
		{"an id of its own", a, "# Hello {#top}\n\nText\n", "Hello", "top", "\nText\n", 2, nil},
		{"setext", a, "Weekly review\n=============\n\nText\n", "Weekly review", "weekly-review", "\nText\n", 3, nil},
		{"setext over two lines", a, "A long\ntitle\n===\nText\n", "A long title", "title", "Text\n", 4, nil},
		{"a comment first", a, "<!-- licence:\n  MIT -->\n\n# Hello\n\nText\n", "Hello", "hello", "\nText\n", 5, nil},
		{"a comment on the heading's line first", a, "<!-- markdownlint-disable MD041 -->\n# Hello\n", "Hello", "hello", "", 3, nil},
		// Text after a comment above the title leaves with it: said, with what to do.
		{"text after a comment first", a, "+++\n+++\n<!-- a note --> Welcome!\n# Hello\n", "Hello", "hello", "", 5,
			[]string{a + ":3: warning: the text after --> on this line is left out of the page: the comments above the heading that titles the page are your notes, left out with the heading, and so is what follows one on its line; put the text on a line of its own, below the heading"}},
		{"a comment in the heading", a, "# Hello <!-- say more? -->\n", "Hello", "hello", "", 2, nil},
		{"a shortcode in the heading", a, "\n# Our lake {{< figure src=\"/a.png\" caption=\"Calm\" >}}\n", "Our lake {{< figure src=\"/a.png\" caption=\"Calm\" >}}", "our-lake--figure-srcapng-captioncalm-", "", 3,
			[]string{a + ":2: warning: this heading is the page's title, which is plain text: its Hugo shortcode {{< figure >}} shows there as written, and nothing of what it would make; put the shortcode on a line of its own, below the heading"}},
		{"a shortcode's escaped form in the heading", a, "# Write {{</* figure */>}}\n", "Write {{</* figure */>}}", "write--figure-", "", 2, nil},
		{"front matter without title", a, "+++\ntags = [\"Calm\"]\n+++\n\n# Calm\n\nText\n", "Calm", "calm", "\nText\n", 6, nil},
		{"YAML title with no value", a, "---\ntitle:\n---\n# Calm\n", "Calm", "calm", "", 5, nil},
		{"a title in front matter keeps the heading", a, "+++\ntitle = \"Calm\"\n+++\n# Being calm\n",
			"Calm", "", "# Being calm\n", 4, nil},
		{"an empty title is no missing one", a, "+++\ntitle = \"\"\n+++\n# Calm\n", "", "", "# Calm\n", 4,
			[]string{a + ":2: title is empty; give the page a title"}},
		{"a Jekyll post's heading before its name", "content/articles/2024-01-05-first-session.md", "---\ntags: [a]\n---\n# Our first session\n",
			"Our first session", "our-first-session", "", 5, nil},
		{"level 2", a, "## Part\n", "", "", "## Part\n", 1,
			[]string{a + `:1: missing title: this file has no front matter, the page's settings between two lines of +++ (or --- for YAML) at the very top of the file, starting on line 1; start the file with three lines: +++, then title = "A", then +++; or start its text with a heading: # A`}},
		{"level 2 setext", a, "+++\n+++\nPart\n---\n", "", "", "Part\n---\n", 3,
			[]string{a + `:1: missing title; add a line like title = "A" to the front matter, or start the page with a heading: # A`}},
		{"a heading with no text", a, "+++\n+++\n#\n", "", "", "#\n", 3,
			[]string{a + `:1: missing title; add a line like title = "A" to the front matter, or start the page with a heading: # A`}},
		{"a heading after a paragraph", a, "+++\n+++\nHello.\n\n# Title\n", "", "", "Hello.\n\n# Title\n", 3,
			[]string{a + `:1: missing title; add a line like title = "A" to the front matter, or start the page with a heading: # A`}},
		{"no space after the hash", a, "+++\n+++\n#Title\n", "", "", "#Title\n", 3,
			[]string{a + `:1: missing title; add a line like title = "A" to the front matter, or start the page with a heading: # A`}},
		{"indented code", a, "+++\n+++\n    # Title\n", "", "", "    # Title\n", 3,
			[]string{a + `:1: missing title; add a line like title = "A" to the front matter, or start the page with a heading: # A`}},
		{"a comment never closed", a, "+++\n+++\n<!-- x\n# Title\n", "", "", "<!-- x\n# Title\n", 3,
			[]string{a + `:1: missing title; add a line like title = "A" to the front matter, or start the page with a heading: # A`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, errs := from(t, tt.file, tt.src)
			if !reflect.DeepEqual(errs, tt.errs) {
				t.Errorf("problems\n%s\nwant\n%s", strings.Join(errs, "\n"), strings.Join(tt.errs, "\n"))
			}
			if p == nil {
				t.Fatal("no page")
			}
			if p.Title != tt.title || p.TitleID != tt.id || string(p.Body) != tt.body || p.BodyLine != tt.bodyLine {
				t.Errorf("title %q, id %q, body %q from line %d; want %q, %q, %q from line %d",
					p.Title, p.TitleID, p.Body, p.BodyLine, tt.title, tt.id, tt.body, tt.bodyLine)
			}
		})
	}
}
