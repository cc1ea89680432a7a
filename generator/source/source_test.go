package source

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unclosed TOML", "+++\ntitle = \"A\"\n\nBody\n",
			[]string{"content/a.md:1:1: front matter opened with +++ is never closed; add a line with only +++ after the last key"}},
		{"unclosed YAML", "---\ntitle: A\n\nBody\n",
			[]string{"content/a.md:1:1: front matter opened with --- is never closed; add a line with only --- after the last key"}},
		{"TOML string across lines", "+++\ntitle = \"A\nweight = 1\n+++\nBody\n",
			[]string{`content/a.md:2:9: the title has no closing quote; end the value with " on the same line: title = "A"`}},
		{"TOML unclosed quote in another field", "+++\ntitle = \"Values\"\ndescription = 'What matters\n+++\n",
			[]string{`content/a.md:3:15: the description has no closing quote; end the value with ' on the same line: description = 'What matters'`}},
		{"TOML escaped quote is not a closing one", "+++\ntitle = \"Say \\\"hi\\\"\nweight = 1\n+++\n",
			[]string{`content/a.md:2:9: the title has no closing quote; end the value with " on the same line: title = "Say \"hi\""`}},
		{"TOML list never closed", "+++\ntitle = \"A\"\ndate = 2026-01-01\ntags = [\"a\", \n+++\nBody\n",
			[]string{"content/a.md:4:14: the list is never closed; end it with ] after its last item"}},
		{"TOML key twice", "+++\ntitle = \"A\"\ntitle = \"B\"\n+++\n",
			[]string{"content/a.md:3:1: title is set twice, on lines 2 and 3; keep one"}},
		{"TOML key twice, apart", "+++\ntitle = \"A\"\ndate = 2026-01-01\ntitle = \"B\"\n+++\n",
			[]string{"content/a.md:4:1: title is set twice, on lines 2 and 4; keep one"}},
		{"TOML table twice", "+++\ntitle = \"A\"\n[params]\nx = 1\n[params]\ny = 2\n+++\n",
			[]string{"content/a.md:5:1: [params] is written twice, on lines 3 and 5; write it once: move the settings under the second up under the first, and delete line 5"}},
		{"TOML key twice in a table", "+++\ntitle = \"A\"\n[[stages]]\ntitle = \"S\"\ntitle = \"T\"\n+++\n",
			[]string{"content/a.md:5:1: title is set twice, on lines 4 and 5; keep one"}},
		{"TOML text without quotes", "+++\ntitle = Noticing in the moment\n+++\n",
			[]string{`content/a.md:2:9: text needs quotes: title = "Noticing in the moment"`}},
		{"TOML tags without quotes", "+++\ntitle = \"A\"\ntags = [Confidence, Habits]\n+++\n",
			[]string{`content/a.md:3:9: each tag needs quotes: tags = ["Confidence", "Habits"]`}},
		{"TOML one tag of two without quotes", "+++\ntitle = \"A\"\ntags = [\"Confidence\", Habits]\n+++\n",
			[]string{`content/a.md:3:23: each tag needs quotes: tags = ["Confidence", "Habits"]`}},
		{"TOML one tag of two without quotes, after Japanese", "+++\ntitle = \"A\"\ntags = [\"日本語\", Habits]\n+++\n",
			[]string{`content/a.md:3:16: each tag needs quotes: tags = ["日本語", "Habits"]`}},
		{"TOML text never closed after an accented key", "+++\ntitle = \"A\"\n\"thème\" = \"Calme\n+++\n",
			[]string{`content/a.md:3:17: this text is never closed; end it with the same quote it opens with, on the same line (for text over several lines, open and close it with """)`}},
		{"YAML no closing quote after an accented key", "---\ntítulo: \"Valores\ndate: 2026-01-01\n---\n",
			[]string{`content/a.md:2:9: the título has no closing quote; end the value with " on the same line: título: "Valores"`}},
		{"TOML word for a number", "+++\ntitle = \"A\"\nweight = ten\n+++\n",
			[]string{`content/a.md:3:10: weight must be a whole number, written in digits: weight = 10`}},
		{"TOML word for true or false", "+++\ntitle = \"A\"\ntoc = maybe\n+++\n",
			[]string{`content/a.md:3:7: toc must be true or false, with no quotes: toc = true`}},
		{"TOML bare word in an inline table", "+++\ntitle = \"A\"\nx = {a = b}\n+++\n",
			[]string{`content/a.md:3:10: Between cannot read the value b: text needs quotes, "b"; true and false are written in small letters, and a number is only digits, like 10 or 0.5`}},
		{"TOML curly quotes inside straight ones are text", "+++\ntitle = \"Say “hi”\"\nx = why\n+++\n",
			[]string{`content/a.md:3:5: text needs quotes: x = "why"`}},
		{"TOML date with one-digit month", "+++\ntitle = \"A\"\ndate = 2026-2-3\n+++\n",
			[]string{"content/a.md:3:8: date = 2026-2-3: write the month and the day with two digits each: date = 2026-02-03"}},
		{"TOML date with slashes", "+++\ntitle = \"A\"\ndate = 03/14/2026\n+++\n",
			[]string{"content/a.md:3:8: date = 03/14/2026 is not a date; write dates as year-month-day, like date = 2026-03-14"}},
		{"TOML date with slashes, no leading zero", "+++\ntitle = \"A\"\nlastmod = 3/14/2026\n+++\n",
			[]string{"content/a.md:3:11: lastmod = 3/14/2026 is not a date; write dates as year-month-day, like lastmod = 2026-03-14"}},
		{"TOML key without =", "+++\ntitle \"Hello\"\n+++\n",
			[]string{`content/a.md:2:7: put = between the key and its value: title = "Hello"`}},
		{"TOML list over lines, an item without quotes", "+++\ntitle = \"A\"\ntags = [\n  Confidence,\n  \"B\",\n]\n+++\n",
			[]string{`content/a.md:4:3: each item in a list needs quotes: "Confidence"`}},
		{"TOML yes for true", "+++\ntitle = \"A\"\ndraft = yes\n+++\n",
			[]string{`content/a.md:3:9: draft must be true or false: draft = true`}},
		{"TOML curly quotes", "+++\ntitle = “Hello”\n+++\n",
			[]string{`content/a.md:2:9: use straight quotes " ", not curly ones “ ” (word processors and notes apps put those in): title = "Hello"`}},
		{"TOML curly single quotes and an apostrophe", "+++\ntitle = ‘Coach’s corner’\n+++\n",
			[]string{`content/a.md:2:9: use straight quotes " ", not curly ones “ ” (word processors and notes apps put those in): title = "Coach's corner"`}},
		{"TOML curly quotes in a list", "+++\ntitle = \"A\"\ntags = [“a”, “b”]\n+++\n",
			[]string{`content/a.md:3:9: use straight quotes " ", not curly ones “ ” (word processors and notes apps put those in): tags = ["a", "b"]`}},
		{"YAML's colon between +++ lines", "+++\ntitle: \"Hello\"\n+++\n",
			[]string{`content/a.md:2:6: between +++ lines write title = "Hello"; the title: form is YAML, which goes between --- lines`}},
		{"YAML's colon and bare text between +++ lines", "+++\ntitle: Hello\n+++\n",
			[]string{`content/a.md:2:6: between +++ lines write title = "Hello"; the title: form is YAML, which goes between --- lines`}},
		{"TOML apostrophe in single quotes", "+++\ntitle = 'Coach's corner'\n+++\n",
			[]string{`content/a.md:2:16: an apostrophe ends text in single quotes; use double quotes: title = "Coach's corner"`}},
		{"TOML backslash", "+++\ntitle = \"C:\\Users\\me\"\n+++\n",
			[]string{`content/a.md:2:10: a backslash \ in double quotes starts a code like \n; write each backslash twice, title = "C:\\Users\\me", or use single quotes, title = 'C:\Users\me'`}},
		{"TOML backslash, invalid escape", "+++\ntitle = \"Yes\\No\"\n+++\n",
			[]string{`content/a.md:2:10: a backslash \ in double quotes starts a code like \n; write each backslash twice, title = "Yes\\No", or use single quotes, title = 'Yes\No'`}},
		{"TOML no such date", "+++\ntitle = \"A\"\ndate = 2026-02-30\n+++\n",
			[]string{"content/a.md:3:8: date = 2026-02-30: there is no such date (February 2026 has 28 days); write a real date, like date = 2026-02-28"}},
		{"TOML no such date in a leap year", "+++\ntitle = \"A\"\ndate = 2028-02-30\n+++\n",
			[]string{"content/a.md:3:8: date = 2028-02-30: there is no such date (February 2028 has 29 days); write a real date, like date = 2028-02-29"}},
		{"TOML bad date", "+++\ntitle = \"A\"\ndate = 2026-13-01\n+++\n",
			[]string{"content/a.md:3:8: date = 2026-13-01: there is no month 13; write dates as year-month-day, like date = 2026-03-14"}},
		{"YAML list never closed", "---\ntitle: A\ntags: [a, b\nweight: 1\n---\nBody\n",
			[]string{"content/a.md:3:7: front matter (YAML): did not find expected ',' or ']'"}},
		{"YAML bad indent", "---\ntitle: A\n  weight: 1\n---\nBody\n",
			[]string{"content/a.md:3:9: front matter (YAML): mapping values are not allowed in this context"}},
		{"YAML title with a colon", "---\ntitle: Goals: a primer\n---\n",
			[]string{`content/a.md:2:13: text with a colon in it needs quotes: title: "Goals: a primer"`}},
		{"YAML description with a colon", "---\ntitle: A\ndescription: Why: the reasons\ndate: 2026-01-01\n---\n",
			[]string{`content/a.md:3:17: text with a colon in it needs quotes: description: "Why: the reasons"`}},
		// A description pasted as one long line: told at its colon, far along, found without
		// decoding again for each column (30,000 characters took 75 s), and quoted only in
		// part, as the whole made a message as long as the description.
		{"YAML colon far along a long line", "---\ntitle: A\ndescription: " + strings.Repeat("word ", 100) + "x: y\n---\n",
			[]string{`content/a.md:3:515: text with a colon in it needs quotes: description: "` + strings.Repeat("word ", 11) + `word…"`}},
		{"YAML colon after 30,000 characters", "---\ntitle: A\ndescription: " + strings.Repeat("é", 30000) + ": y\n---\n",
			[]string{`content/a.md:3:30014: text with a colon in it needs quotes: description: "` + strings.Repeat("é", 60) + `…"`}},
		// Any key YAML reads has the hint, at its colon counted in characters.
		{"YAML German key with a colon in its text", "---\ntitle: A\nbeschreibung_für: Wert: mehr\n---\n",
			[]string{`content/a.md:3:23: text with a colon in it needs quotes: beschreibung_für: "Wert: mehr"`}},
		{"YAML Japanese key", "---\nタイトル: 目標: 入門\n---\n",
			[]string{`content/a.md:2:9: text with a colon in it needs quotes: タイトル: "目標: 入門"`}},
		{"YAML key with a space and text after an accent", "---\nmy title: Café crème: a tale\n---\n",
			[]string{`content/a.md:2:21: text with a colon in it needs quotes: my title: "Café crème: a tale"`}},
		{"YAML key in quotes", "---\n\"título\": Uno: dos\n---\n",
			[]string{`content/a.md:2:14: text with a colon in it needs quotes: "título": "Uno: dos"`}},
		{"YAML key of a table, indented", "---\ntitle: A\nparams:\n  über: Ziel: Mut\n---\n",
			[]string{`content/a.md:4:13: text with a colon in it needs quotes: über: "Ziel: Mut"`}},
		// Indented under a value, not a table: quotes would not help, so YAML's own words.
		{"YAML colon in text indented under a value", "---\ntitle: A\n  über: Ziel: Mut\n---\n",
			[]string{`content/a.md:3:7: front matter (YAML): mapping values are not allowed in this context`}},
		// Cut between characters as a reader sees them: an emoji with its skin tone, a flag,
		// a letter and its accent written as two code points stay whole.
		{"YAML long value cut before an emoji of two parts", "---\ndescription: " + strings.Repeat("a", 59) + "👋🏽: more\n---\n",
			[]string{`content/a.md:2:75: text with a colon in it needs quotes: description: "` + strings.Repeat("a", 59) + `…"`}},
		{"YAML long value cut between two flags", "---\ndescription: " + strings.Repeat("a", 57) + "🇫🇷🇩🇪: more\n---\n",
			[]string{`content/a.md:2:75: text with a colon in it needs quotes: description: "` + strings.Repeat("a", 57) + `🇫🇷…"`}},
		{"YAML long value cut before a letter and its accent", "---\ndescription: " + strings.Repeat("a", 59) + "e\u0301t\u00e9: more\n---\n",
			[]string{`content/a.md:2:77: text with a colon in it needs quotes: description: "` + strings.Repeat("a", 59) + `…"`}},
		{"TOML's = between --- lines", "---\ntitle = \"A\"\n---\n",
			[]string{`content/a.md:2:1: between --- lines write title: "A"; the title = form is TOML, which goes between +++ lines`}},
		{"TOML's = between --- lines, a long value", "---\ndescription = \"" + strings.Repeat("ß", 30000) + "\"\n---\n",
			[]string{`content/a.md:2:1: between --- lines write description: "` + strings.Repeat("ß", 60) + `…"; the description = form is TOML, which goes between +++ lines`}},
		{"YAML's colon between +++ lines, a long value", "+++\ndescription: " + strings.Repeat("ß", 30000) + "\n+++\n",
			[]string{`content/a.md:2:12: between +++ lines write description = "` + strings.Repeat("ß", 60) + `…"; the description: form is YAML, which goes between --- lines`}},
		{"YAML unclosed quote", "---\ntitle: A\nx: \"unclosed\n---\n",
			[]string{`content/a.md:3:4: the x has no closing quote; end the value with " on the same line: x: "unclosed"`}},
		{"YAML title with no closing quote", "---\ntitle: \"Values\ndate: 2026-01-01\n---\n",
			[]string{`content/a.md:2:8: the title has no closing quote; end the value with " on the same line: title: "Values"`}},
		{"YAML other errors keep their words", "---\ntitle: A\ntags: [a, b\nx: \"ok\"\n---\n",
			[]string{"content/a.md:3:7: front matter (YAML): did not find expected ',' or ']'"}},
		{"YAML tab on the first line", "---\n\ttitle: A\n---\n",
			[]string{"content/a.md:2:1: front matter (YAML): found character that cannot start any token"}},
		{"YAML title in Spanish with a colon", "---\ntítulo: Metas: un comienzo\n---\n",
			[]string{`content/a.md:2:14: text with a colon in it needs quotes: título: "Metas: un comienzo"`}},
		{"YAML map never closed", "---\ntitle: A\nx: {a: \"{\", b: [1]\n---\n",
			[]string{"content/a.md:3:4: front matter (YAML): did not find expected ',' or '}'"}},
		{"YAML a ] too many", "---\ntitle: A\ntags: [a, b]]\n---\n",
			[]string{"content/a.md:3:13: front matter (YAML): did not find expected key"}},
		{"YAML text after a quoted value", "---\ntitle: \"Café\" crème\n---\n",
			[]string{"content/a.md:2:15: front matter (YAML): did not find expected key"}},
		{"YAML @ to start a value", "---\ntitle: A\nauthor: @clara\n---\n",
			[]string{"content/a.md:3:9: front matter (YAML): found character that cannot start any token"}},
		{"YAML not a mapping", "---\n- a\n- b\n---\n",
			[]string{"content/a.md:2:1: front matter (YAML) must be a list of key: value lines"}},
		{"YAML key twice", "---\ntitle: A\nweight: 1\ntitle: B\n---\n",
			[]string{"content/a.md:4:1: front matter: title is set twice (first on line 2); keep one"}},
		{"not UTF-8", "+++\ntitle = \"\xff\"\n+++\n",
			[]string{"content/a.md:2:10: this file is not UTF-8 text: the byte here (0xFF) is not part of any character in UTF-8, as in a file saved in an older encoding (Windows-1252, Latin-1, Shift JIS); in your editor, save the file again with the encoding UTF-8 (most editors have it in Save as, or at the bottom of the window)"}},
		// 10,000 levels took the TOML decoder 17 s and 4 GB: refused before decoding.
		{"TOML nested 10,000 deep", "+++\ntitle = \"A\"\nx = " + strings.Repeat("{a = ", 10000) + "1" + strings.Repeat("}", 10000) + "\n+++\n",
			[]string{"content/a.md:3: front matter: lists or tables nest more than 32 deep here; Between's settings need at most three levels"}},
		{"TOML dotted key 10,000 deep", "+++\ntitle = \"A\"\n" + strings.Repeat("a.", 10000) + "a = 1\n+++\n",
			[]string{"content/a.md:3: front matter: lists or tables nest more than 32 deep here; Between's settings need at most three levels"}},
		{"YAML nested 10,000 deep", "---\ntitle: A\nx: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n---\n",
			[]string{"content/a.md:3: front matter: lists or maps nest more than 32 deep here; Between's settings need at most three levels"}},
		{"front matter over 64 KB", "+++\ntitle = \"A\"\ndescription = \"" + strings.Repeat("x", 64<<10) + "\"\n+++\n",
			[]string{"content/a.md:1: the front matter is larger than 64 KB; keep it to the page's settings and move long text into the page"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Parse("content/a.md", []byte(tt.src))
			var got []string
			for _, d := range errs {
				got = append(got, d.Error())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestParseBrokenFrontMatter(t *testing.T) {
	// A file whose front matter cannot be read is still a file, so that links to it do not
	// turn into "no such page" errors, but its keys are unknown: Broken says so.
	for _, src := range []string{"+++\ntitle = \"A\nweight = 1\n+++\nBody\n", "---\ntitle: A\n  weight: 1\n---\nBody\n"} {
		f, errs := Parse("content/a.md", []byte(src))
		if len(errs) != 1 || f == nil || !f.Broken {
			t.Errorf("%q: file %+v, errors %v; want the file, marked broken, with one error", src, f, errs)
		}
	}
	f, errs := Parse("content/a.md", []byte("+++\ntitle = \"A\"\n+++\nBody\n"))
	if len(errs) != 0 || f.Broken {
		t.Errorf("a good file is marked broken (%v)", errs)
	}
}

func TestParseFrontMatter(t *testing.T) {
	toml := "+++\ntitle = \"A tour\"\ndate = 2026-01-10\ntags = [\"One\", \"Two\"]\nweight = 3\n\n[extra]\nx = 1\n+++\n# Body\n\ntext\n"
	yaml := "---\ntitle: \"A tour\"\ndate: 2026-01-10\ntags:\n  - One\n  - Two\nweight: 3\nextra:\n  x: 1\n---\n# Body\n\ntext\n"
	date := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	for name, tt := range map[string]struct {
		src      string
		lines    map[string]int
		bodyLine int
	}{
		"TOML": {toml, map[string]int{"title": 2, "date": 3, "tags": 4, "weight": 5, "extra": 7}, 10},
		"YAML": {yaml, map[string]int{"title": 2, "date": 3, "tags": 4, "weight": 7, "extra": 8}, 11},
	} {
		t.Run(name, func(t *testing.T) {
			f, errs := Parse("content/articles/tour.md", []byte(tt.src))
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if f.Rel != "articles/tour.md" || f.Path != "content/articles/tour.md" {
				t.Errorf("Path %q Rel %q", f.Path, f.Rel)
			}
			if f.Meta["title"] != "A tour" || f.Meta["weight"] != int64(3) {
				t.Errorf("title %#v weight %#v", f.Meta["title"], f.Meta["weight"])
			}
			if d, ok := f.Meta["date"].(time.Time); !ok || !d.Equal(date) {
				t.Errorf("date %#v", f.Meta["date"])
			}
			if !reflect.DeepEqual(f.Meta["tags"], []any{"One", "Two"}) {
				t.Errorf("tags %#v", f.Meta["tags"])
			}
			if !reflect.DeepEqual(f.Meta["extra"], map[string]any{"x": int64(1)}) {
				t.Errorf("extra %#v", f.Meta["extra"])
			}
			if !reflect.DeepEqual(f.Lines, tt.lines) {
				t.Errorf("lines %v, want %v", f.Lines, tt.lines)
			}
			if string(f.Body) != "# Body\n\ntext\n" || f.BodyLine != tt.bodyLine {
				t.Errorf("body %q on line %d, want line %d", f.Body, f.BodyLine, tt.bodyLine)
			}
		})
	}
}

func TestParseNoFrontMatter(t *testing.T) {
	for _, src := range []string{"# Just Markdown\n", "+++ not a delimiter\n", "----\n\ntext\n", ""} {
		f, errs := Parse("content/a.md", []byte(src))
		if len(errs) > 0 || f == nil || string(f.Body) != src || len(f.Meta) != 0 || f.BodyLine != 1 {
			t.Errorf("%q: %+v %v", src, f, errs)
		}
	}
}

func TestParseDetails(t *testing.T) {
	// A byte order mark, CRLF line ends and spaces after the delimiter are all common in
	// files saved by Windows editors.
	f, errs := Parse("content/a.md", []byte("\xef\xbb\xbf+++ \r\ntitle = \"A\"\r\n+++\r\nBody\r\n"))
	if len(errs) > 0 || f.Meta["title"] != "A" || string(f.Body) != "Body\r\n" {
		t.Errorf("%+v %v", f, errs)
	}
	// The closing delimiter may end the file.
	f, errs = Parse("content/a.md", []byte("---\ntitle: A\n---"))
	if len(errs) > 0 || f.Meta["title"] != "A" || len(f.Body) != 0 {
		t.Errorf("%+v %v", f, errs)
	}
	// Empty front matter is no error (the page layer asks for a title).
	f, errs = Parse("content/a.md", []byte("+++\n+++\nBody\n"))
	if len(errs) > 0 || len(f.Meta) != 0 || string(f.Body) != "Body\n" || f.BodyLine != 3 {
		t.Errorf("%+v %v", f, errs)
	}
	// A thematic break in the body is not front matter.
	f, errs = Parse("content/a.md", []byte("+++\ntitle = \"A\"\n+++\nabove\n\n---\n\nbelow\n"))
	if len(errs) > 0 || string(f.Body) != "above\n\n---\n\nbelow\n" {
		t.Errorf("%+v %v", f, errs)
	}
}

func TestList(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":             {},
		"content/about.md":              {},
		"content/articles/a.md":         {},
		"content/articles/_index.md":    {},
		"content/articles/.hidden.md":   {},
		"content/articles/a.md~":        {},
		"content/articles/.#a.md":       {},
		"content/articles/notes.txt":    {},
		"content/articles/image.png":    {},
		"content/_drafts/x.md":          {},
		"content/.git/x.md":             {},
		"content/guides/deep/nested.md": {},
		"static/x.md":                   {},
		"content/articles/b.markdown":   {},
		"content/articles/C.MD":         {},
		"content/articles/plan.org":     {},
		"content/articles/old.html":     {},
		"content/articles/b.markdown~":  {},
		"content/_drafts/y.org":         {},
	}
	got, err := List(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"content/_index.md", "content/about.md", "content/articles/C.MD", "content/articles/_index.md", "content/articles/a.md",
		"content/articles/b.markdown", "content/articles/old.html", "content/articles/plan.org", "content/guides/deep/nested.md"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("List = %q\nwant %q", got, want)
	}
	// A site without content/ has no pages, and that is no error.
	got, err = List(fstest.MapFS{}, "content")
	if err != nil || len(got) != 0 {
		t.Errorf("List of a site without content/ = %q, %v", got, err)
	}
}

// TestIncludedAsListed: a file that changes is taken by a rebuild exactly when List takes it.
func TestIncludedAsListed(t *testing.T) {
	for p, want := range map[string]bool{
		"content/a.md": true, "content/a.markdown": true, "content/a.Mdown": true, "content/a.mkd": true, "content/a.mkdn": true,
		"content/a.org": true, "content/a.ipynb": true, "content/a.html": true, "content/a.png": false, "content/a.md.html~": false,
		"content/_x/a.markdown": false, "content/.a.markdown": false, "static/a.md": false, "content/a.markdown.swp": false,
	} {
		if got := Included("content", p); got != want {
			t.Errorf("Included(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestEndings: the endings of pages, in any case, and of other generators' pages.
func TestEndings(t *testing.T) {
	for _, c := range []struct{ name, ext, stem, other string }{
		{"a.md", ".md", "a", ""},
		{"articles/a.markdown", ".markdown", "articles/a", ""},
		{"A.MARKDOWN", ".MARKDOWN", "A", ""},
		{"a.mdown", ".mdown", "a", ""},
		{"a.mkd", ".mkd", "a", ""},
		{"a.mkdn", ".mkdn", "a", ""},
		{"a.mdx", "", "a.mdx", ""},
		{"a.md.txt", "", "a.md.txt", ""},
		{"md", "", "md", ""},
		{"v1.2/notes", "", "v1.2/notes", ""},
		{"a.HTM", "", "a.HTM", "HTML"},
		{"a.org", "", "a.org", "Org"},
		{"a.ad", "", "a.ad", "AsciiDoc"},
		{"a.rest", "", "a.rest", "reStructuredText"},
		{"a.pandoc", "", "a.pandoc", "Pandoc"},
		{"a.ipynb", "", "a.ipynb", "Jupyter notebook"},
		{"a.txt", "", "a.txt", ""},
	} {
		if got := Ext(c.name); got != c.ext {
			t.Errorf("Ext(%q) = %q, want %q", c.name, got, c.ext)
		}
		if got := Stem(c.name); got != c.stem {
			t.Errorf("Stem(%q) = %q, want %q", c.name, got, c.stem)
		}
		if got := Other(c.name); got != c.other {
			t.Errorf("Other(%q) = %q, want %q", c.name, got, c.other)
		}
	}
	for data, want := range map[string]bool{
		"---\ntitle: A\n---\n": true, "+++\r\ntitle = 1\n": true, "\ufeff---\n": true, "--- \n": true,
		"<p>---</p>": false, "----\n": false, "": false, "<!doctype html>\n---\n": false,
	} {
		if got := HasFront([]byte(data)); got != want {
			t.Errorf("HasFront(%q) = %v, want %v", data, got, want)
		}
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, ".a.md.swp": true, "a.md~": true, "#a.md#": true, ".#a.md": true,
		"4913": true, "a.swx": true, "notes.md": false,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestYAMLErrorLine(t *testing.T) {
	// yaml.v3 numbers its parser errors' lines from 0 and its scanner errors' from 1; the
	// front matter's line must come out right for both, and for nested mappings and lists.
	tests := []struct {
		src  string
		line int
	}{
		{"title: A\ntags: [a, b\nweight: 1\n", 2},
		{"title: A\nextra: {a: 1\nweight: 1\n", 2},
		{"title: A\nlist:\n  - a\n  b: c\n", 3}, // the list that b: breaks
		{"title: A\n  weight: 1\n", 2},
		{"title: A\nx: \"unclosed\n", 2},
		{"a: \"\\q\"\n", 1},
		{"\ttitle: A\n", 1},
		{"title: A\nb: c: d\n", 2},
	}
	for _, tt := range tests {
		f := &File{Path: "content/a.md", Meta: map[string]any{}, Lines: map[string]int{}}
		errs := decodeYAML(f, []byte(tt.src))
		if len(errs) != 1 {
			t.Errorf("%q: %v, want one error", tt.src, errs)
			continue
		}
		if errs[0].Line != tt.line+1 {
			t.Errorf("%q: %v; want file line %d", tt.src, errs[0], tt.line+1)
		}
	}
}
