package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/generator/diag"
)

// page is a content file with TOML front matter.
func page(front, body string) string { return "+++\n" + front + "+++\n" + body }

// A few pages that the error cases link to and around.
var basePages = map[string]string{
	"content/_index.md":         page("title = \"Home\"\n", "Welcome.\n"),
	"content/articles/there.md": page("title = \"There\"\n", "Intro.\n\n## Real heading\n\nText.\n"),
	"content/articles/draft.md": page("title = \"Draft\"\ndraft = true\n", "Not yet.\n"),
	"content/guides/g.md":       page("title = \"G\"\n", "A guide.\n"),
}

// buildErrors builds a site made of basePages and files and returns its problems as
// printed, errors only.
func buildErrors(t *testing.T, files map[string]string, opts build.Options) []string {
	t.Helper()
	all := map[string]string{}
	for k, v := range basePages {
		all[k] = v
	}
	for k, v := range files {
		all[k] = v
	}
	dir := newSite(t, all)
	_, err := buildAt(dir, opts)
	if err == nil {
		return nil
	}
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("the build failed with %T %v, not a list of problems", err, err)
	}
	out := make([]string, len(list))
	for i, d := range list {
		out[i] = d.Error()
	}
	return out
}

// knownBuildBugs are the cases of TestBuildErrors that show a bug not fixed yet.
var knownBuildBugs = map[string]string{}

func TestBuildErrors(t *testing.T) {
	const a = "content/articles/a.md"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		// Front matter.
		{"unclosed +++", map[string]string{a: "+++\ntitle = \"A\"\n\nBody\n"},
			[]string{a + ":1:1: front matter opened with +++ is never closed; add a line with only +++ after the last key"}},
		{"unclosed ---", map[string]string{a: "---\ntitle: A\n\nBody\n"},
			[]string{a + ":1:1: front matter opened with --- is never closed; add a line with only --- after the last key"}},
		{"TOML syntax error", map[string]string{a: "+++\ntitle = \"A\"\ntags = [\"x\" \"y\"]\n+++\n"},
			[]string{a + `:3:13: put a comma between the items of a list, and ] after the last: ["one", "two"]`}},
		{"TOML key twice", map[string]string{a: "+++\ntitle = \"A\"\ndescription = \"B\"\ntitle = \"C\"\n+++\n"},
			[]string{a + ":4:1: title is set twice, on lines 2 and 4; keep one"}},
		{"TOML name alone", map[string]string{a: "+++\ntitle = \"A\"\nauthor\n+++\n"},
			[]string{a + `:3:7: author has no = and no value; write it like author = "...", or delete it`}},
		{"TOML lone carriage return", map[string]string{a: "+++\ntitle = \"A\"\rauthor = \"B\"\n+++\n"},
			[]string{a + ":2:12: this line ends with a lone carriage return, an invisible character some old editors write instead of a new line; save the file with ordinary line endings (LF, or CRLF on Windows)"}},
		{"TOML non-breaking space pasted in", map[string]string{a: "+++\ntitle = \"A\"\ntags =\u00a0[\"x\"]\n+++\n"},
			[]string{a + ":3:7: there is a non-breaking space here, outside the quotes, which word processors and notes apps put in and which looks like a space or like nothing; delete it, and type an ordinary space if one is needed"}},
		// config.toml and the site's i18n files read their TOML mistakes the same way.
		{"config.toml key twice", map[string]string{"config.toml": "title = \"A\"\nauthor = \"Clara\"\ntitle = \"B\"\n"},
			[]string{"config.toml:3:1: title is set twice, on lines 1 and 3; keep one"}},
		{"config.toml bare words", map[string]string{"config.toml": "title = My library\n"},
			[]string{`config.toml:1:9: text needs quotes: title = "My library"`}},
		{"i18n word twice", map[string]string{"i18n/en.toml": "menu = \"Contents\"\nmenu = \"Index\"\n"},
			[]string{"i18n/en.toml:2:1: menu is set twice, on lines 1 and 2; keep one"}},
		{"i18n word without quotes", map[string]string{"i18n/en.toml": "menu = Contents\n"},
			[]string{`i18n/en.toml:1:8: text needs quotes: menu = "Contents"`}},
		{"YAML syntax error", map[string]string{a: "---\ntitle: A\ntags: [x, y\n---\n"},
			[]string{a + ":3:7: front matter (YAML): did not find expected ',' or ']'"}},
		{"weight = \"x\"", map[string]string{a: page("title = \"A\"\nweight = \"x\"\n", "")},
			[]string{a + ":3: weight must be a whole number, not text; write it like weight = 10"}},
		{"draft = \"yes\"", map[string]string{a: page("title = \"A\"\ndraft = \"yes\"\n", "")},
			[]string{a + ":3: draft must be true or false, not text; write it like draft = true"}},
		{"tags = 5", map[string]string{a: page("title = \"A\"\ntags = 5\n", "")},
			[]string{a + ":3: tags must be a list, not a number; write it like tags = [\"one\", \"two\"]"}},
		{"date = \"soon\"", map[string]string{a: page("title = \"A\"\ndate = \"soon\"\n", "")},
			[]string{a + ":3: date = \"soon\" is not a date; write dates as year-month-day, like date = 2026-03-14"}},
		{"missing title", map[string]string{a: page("date = 2026-01-01\n", "Body\n")},
			[]string{a + ":1: missing title; add a line like title = \"A\" to the front matter, or start the page with a heading: # A"}},
		{"every file's problems at once, sorted", map[string]string{
			"content/worksheets/w.md": page("title = \"W\"\nweight = \"x\"\n", ""),
			a:                         page("tags = 5\n", ""),
		}, []string{
			a + ":1: missing title; add a line like title = \"A\" to the front matter, or start the page with a heading: # A",
			a + ":2: tags must be a list, not a number; write it like tags = [\"one\", \"two\"]",
			"content/worksheets/w.md:3: weight must be a whole number, not text; write it like weight = 10",
		}},

		// Names the output cannot hold: found by check, before build writes anything.
		{"static file where a page needs a folder", map[string]string{"static/about": "mine\n", "content/about.md": page("title = \"About\"\n", "")},
			[]string{"content/about.md: this page's URL needs a folder about/ for about/index.html, but the static file static/about is the file about; both cannot be: rename one of them"}},
		{"slug of 300 letters", map[string]string{a: page("title = \"A\"\nslug = \""+strings.Repeat("a", 300)+"\"\n", "")},
			[]string{a + ":3: this page's URL makes an output name with a part longer than 255 bytes, more than file systems take (articles/" + strings.Repeat("a", 51) + "…aaaaa/index.html); make it shorter"}},
		{"alias of 300 letters", map[string]string{a: page("title = \"A\"\naliases = [\"/old/"+strings.Repeat("b", 300)+"/\"]\n", "")},
			[]string{a + ":3: an alias of this page makes an output name with a part longer than 255 bytes, more than file systems take (old/" + strings.Repeat("b", 56) + "…bbbbb/index.html); make it shorter"}},

		// config.toml.
		{"config: titel", map[string]string{"config.toml": "title = \"x\"\ntitel = \"y\"\n"},
			[]string{`config.toml:2: unknown setting "titel"; did you mean "title"?`}},
		{"config: baseURL twice, in two cases", map[string]string{"config.toml": "baseURL = \"https://example.org/\"\nbaseUrl = \"https://example.org/\"\n"},
			[]string{`config.toml:2: baseURL is set twice, as baseURL on line 1 and as baseUrl on line 2: a setting's name is the same in small and capital letters; keep one`}},
		{"config: strict = \"yes\"", map[string]string{"config.toml": "title = \"x\"\nstrict = \"yes\"\n"},
			[]string{`config.toml:2: strict must be true or false, not text; write it like strict = true`}},
		{"config: title = 5", map[string]string{"config.toml": "title = 5\n"},
			[]string{`config.toml:1: title must be text in quotes, not a number; write it like title = "..."`}},
		{"config: paper", map[string]string{"config.toml": "paper = \"A5\"\n"},
			[]string{`config.toml:1: paper = "A5": use "A4" or "Letter"`}},
		{"config: unknown [markdown] key", map[string]string{"config.toml": "[markdown]\nunsafe = false\nusafe = true\n"},
			[]string{`config.toml:3: unknown setting "markdown.usafe"; did you mean "markdown.unsafe"?`}},
		{"config: theme folder missing", map[string]string{"config.toml": "title = \"Lib\"\ntheme = \"calm\"\n"},
			[]string{`config.toml:2: theme = "calm": there is no folder themes/calm/ in the site; remove the line to use the default theme (a theme made for another generator, such as Hugo's, does not work with Between)`}},

		// Links.
		{"link to a missing page", map[string]string{a: page("title = \"A\"\n", "Text.\n\nSee [this](nope.md).\n")},
			[]string{a + ":6:5: link to articles/nope.md: there is no such page (content/articles/nope.md); check the file name"}},
		{"link to a draft", map[string]string{a: page("title = \"A\"\n", "[d](draft.md)\n")},
			[]string{a + ":4:1: link to articles/draft.md: that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or remove the link"}},
		{"link to a page that publishes later", map[string]string{
			a:                           page("title = \"A\"\n", "[l](later.md)\n"),
			"content/articles/later.md": page("title = \"L\"\npublishDate = 2027-01-01\n", ""),
		}, []string{a + ":4:1: link to articles/later.md: that page is scheduled for 2027-01-01 (its publishDate): it is published, and the link works, from the first build on or after then; until then remove the link, or give this page the same publishDate, so that both appear together"}},
		{"link to a page whose date is to come", map[string]string{
			a:                          page("title = \"A\"\n", "[n](next.md)\n"),
			"content/articles/next.md": page("title = \"N\"\ndate = 2026-03-02T18:30:00\n", ""),
		}, []string{a + ":4:1: link to articles/next.md: that page is scheduled for 2026-03-02 at 18:30 (its date): it is published, and the link works, from the first build on or after then; until then remove the link, or give this page the same date, so that both appear together"}},
		{"link to a page scheduled with an offset", map[string]string{
			a:                          page("title = \"A\"\n", "[n](next.md)\n"),
			"content/articles/next.md": page("title = \"N\"\ndate = 2026-01-01\npublishDate = 2026-03-01T18:00:00+02:00\n", ""),
		}, []string{a + ":4:1: link to articles/next.md: that page is scheduled for 2026-03-01 at 18:00 UTC+02:00 (its publishDate): it is published, and the link works, from the first build on or after then; until then remove the link, or give this page the same publishDate, so that both appear together"}},
		{"link to a draft whose date is to come", map[string]string{
			a:                          page("title = \"A\"\n", "[n](next.md)\n"),
			"content/articles/next.md": page("title = \"N\"\ndraft = true\npublishDate = 2027-01-01\n", ""),
		}, []string{a + ":4:1: link to articles/next.md: " + `that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or remove the link`}},
		{"step scheduled later", map[string]string{
			"content/paths/p.md":        page("title = \"P\"\nsteps = [\"articles/later.md\"]\n", ""),
			"content/articles/later.md": page("title = \"L\"\npublishDate = 2027-01-01\n", ""),
		}, []string{`content/paths/p.md:3: step "articles/later.md": that page is scheduled for 2027-01-01 (its publishDate): it is published, and the path can have it as a step, from the first build on or after then; until then take it out of the path, or give the path the same publishDate, so that both appear together`}},
		{"missing anchor on another page", map[string]string{a: page("title = \"A\"\n", "[t](there.md#real-headin)\n")},
			[]string{a + ":4:1: link to #real-headin: articles/there.md has no heading or field with that id; did you mean #real-heading?"}},
		{"missing anchor on the same page", map[string]string{a: page("title = \"A\"\n", "## Next steps\n\nSee [below](#next-step) and [up](#nothing-like-it).\n")},
			[]string{
				a + ":6:5: link to #next-step: this page has no heading or field with that id; did you mean #next-steps?",
				a + ":6:29: link to #nothing-like-it: this page has no heading or field with that id",
			}},
		{"link outside content/", map[string]string{a: page("title = \"A\"\n", "[x](../../README.md)\n")},
			[]string{a + `:4:1: link to "../../README.md" points outside content/; link to a page inside the library`}},
		{"links in YAML files count lines from the file's top", map[string]string{a: "---\ntitle: A\ntags: [x]\n---\n\n[n](nope.md)\n"},
			[]string{a + ":6:1: link to articles/nope.md: there is no such page (content/articles/nope.md); check the file name"}},

		// Duplicate URLs.
		{"two pages with one URL", map[string]string{
			a: page("title = \"A\"\nslug = \"there\"\n", ""),
		}, []string{"content/articles/there.md: this page has the URL /articles/there/, like content/articles/a.md; give one of them another slug"}},
		{"slug collision from file names", map[string]string{
			"content/articles/Same Name.md": page("title = \"One\"\n", ""),
			"content/articles/same-name.md": page("title = \"Two\"\n", ""),
		}, []string{"content/articles/same-name.md: this page has the URL /articles/same-name/, like content/articles/Same Name.md; give one of them another slug"}},
		{"alias on another page's URL", map[string]string{
			"content/guides/h.md": page("title = \"H\"\naliases = [\"/guides/g/\"]\n", ""),
		}, []string{`content/guides/h.md:3: alias "/guides/g/" is already the URL of content/guides/g.md; remove it`}},
		{"two aliases alike", map[string]string{
			"content/guides/h.md": page("title = \"H\"\naliases = [\"/old/\"]\n", ""),
			"content/guides/i.md": page("title = \"I\"\naliases = [\"old\"]\n", ""),
		}, []string{`content/guides/i.md:3: alias "old" is already an alias of content/guides/h.md; keep it on one page`}},

		// Reading paths.
		{"step to a missing page", map[string]string{"content/paths/p.md": page("title = \"P\"\nsteps = [\"articles/nope.md\"]\n", "")},
			[]string{`content/paths/p.md:3: step "articles/nope.md": there is no such page (content/articles/nope.md); steps name files inside content/, like "articles/x.md"`}},
		{"step to a draft", map[string]string{"content/paths/p.md": page("title = \"P\"\n\n[[stages]]\ntitle = \"S\"\nsteps = [\"articles/there.md\", \"articles/draft.md\"]\n", "")},
			[]string{`content/paths/p.md:4: step "articles/draft.md": that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or take it out of the path`}},
		{"tag path with no pages", map[string]string{"content/paths/p.md": page("title = \"P\"\ntag = \"nothing\"\n", "")},
			[]string{`content/paths/p.md:3: no published page has the tag "nothing", so this path is empty; tag some pages with it`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if bug, ok := knownBuildBugs[tt.name]; ok {
				knownBug(t, bug)
			}
			got := buildErrors(t, tt.files, build.Options{})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestTypoWarnings(t *testing.T) {
	const a = "content/articles/a.md"
	files := map[string]string{
		a:                     page("title = \"A\"\ntittle = \"B\"\ntag = \"confidence\"\nmood = \"calm\"\n", "Body.\n"),
		"content/guides/y.md": "---\ntitle: Y\ndescripton: a guide\n---\n",
		// A link to a file whose name has a space is shown as text: the page is built as
		// written, which may be what was meant.
		"content/articles/b.md": "+++\ntitle = \"B\"\n+++\nFirst line.\n\nRead [my notes](My Notes.md) today.\n",
	}
	warnings := []string{
		a + `:3: warning: unknown front matter key "tittle"; did you mean "title"?`,
		a + `:4: warning: unknown front matter key "tag"; did you mean "tags"? Until then the page has no tags: it is on no tag page and in no path made from a tag.`,
		`content/articles/b.md:6:16: warning: (My Notes.md) is shown as text, not a link: a file name with spaces goes in angle brackets, like [text](<My Notes.md>)`,
		`content/guides/y.md:3: warning: unknown front matter key "descripton"; did you mean "description"? Until then the page has no summary under its title or in lists.`,
	}
	all := map[string]string{}
	for k, v := range basePages {
		all[k] = v
	}
	for k, v := range files {
		all[k] = v
	}
	dir := newSite(t, all)
	res, err := buildAt(dir, build.Options{})
	if err != nil {
		t.Fatalf("warnings failed the build: %v", err)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.Error())
	}
	if strings.Join(got, "\n") != strings.Join(warnings, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(warnings, "\n"))
	}

	// --strict and strict = true make the same lines errors.
	var errs []string
	for _, w := range warnings {
		errs = append(errs, strings.Replace(w, "warning: ", "", 1))
	}
	if got := buildErrors(t, files, build.Options{Strict: true}); strings.Join(got, "\n") != strings.Join(errs, "\n") {
		t.Errorf("with Strict:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(errs, "\n"))
	}
	files["config.toml"] = "strict = true\n"
	if got := buildErrors(t, files, build.Options{}); strings.Join(got, "\n") != strings.Join(errs, "\n") {
		t.Errorf("with strict = true:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(errs, "\n"))
	}

	// Through the command: warnings print and the build succeeds; --strict fails it with 1.
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-s", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("build exited %d: %s", code, stderr.String())
	}
	for _, w := range warnings {
		if !strings.Contains(stderr.String(), w+"\n") {
			t.Errorf("build did not print %q; stderr:\n%s", w, stderr.String())
		}
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"build", "--strict", "-s", dir}, &stdout, &stderr); code != 1 {
		t.Fatalf("build --strict exited %d, want 1: %s", code, stderr.String())
	}
	want := strings.Join(errs, "\n") + "\n4 problems; nothing was written, and the previous output is as it was.\n"
	if stderr.String() != want {
		t.Errorf("build --strict printed\n%s\nwant\n%s", stderr.String(), want)
	}
	stderr.Reset()
	if code := run([]string{"check", "--strict", "-s", dir}, &stdout, &stderr); code != 1 {
		t.Errorf("check --strict exited %d, want 1: %s", code, stderr.String())
	}
}

func TestBuildErrorsThroughTheCommand(t *testing.T) {
	// Every problem is printed as file:line:col: message, sorted, and the command exits 1.
	dir := newSite(t, map[string]string{
		"content/articles/b.md": page("title = \"B\"\nweight = \"x\"\n", "[n](nope.md)\n"),
		"content/articles/a.md": page("tags = 5\n", ""),
	})
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "-s", dir}, &stdout, &stderr)
	want := `content/articles/a.md:1: missing title; add a line like title = "A" to the front matter, or start the page with a heading: # A
content/articles/a.md:2: tags must be a list, not a number; write it like tags = ["one", "two"]
content/articles/b.md:3: weight must be a whole number, not text; write it like weight = 10
content/articles/b.md:5:1: link to articles/nope.md: there is no such page (content/articles/nope.md); check the file name
4 problems; nothing was written, and the previous output is as it was.
`
	if code != 1 || stderr.String() != want || stdout.Len() != 0 {
		t.Errorf("exit %d\nstdout %q\nstderr\n%s\nwant exit 1 and\n%s", code, stdout.String(), stderr.String(), want)
	}
	stderr.Reset()
	// check writes nothing, and says only how many problems it found.
	wantCheck := strings.Replace(want, "4 problems; nothing was written, and the previous output is as it was.", "4 problems found.", 1)
	if code := run([]string{"check", "-s", dir}, &stdout, &stderr); code != 1 || stderr.String() != wantCheck {
		t.Errorf("check: exit %d, stderr\n%s\nwant\n%s", code, stderr.String(), wantCheck)
	}
}

func TestAliasTakesAPageURLFirst(t *testing.T) {
	got := buildErrors(t, map[string]string{
		"content/about.md": page("title = \"About\"\naliases = [\"/articles/there/\"]\n", ""),
	}, build.Options{})
	want := []string{`content/about.md:3: alias "/articles/there/" is already the URL of content/articles/there.md; remove it`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestURLsBetweenMakes(t *testing.T) {
	// A page or alias must not take a URL that Between writes itself: the two outputs would
	// overwrite each other silently (or, for "/", make an output path the writer refuses).
	tests := []struct {
		file, front, url string
	}{
		{"content/tags.md", "title = \"Tags\"\n", "/tags/"},
		{"content/search.md", "title = \"Search\"\n", "/search/"},
		{"content/paths.md", "title = \"Paths\"\n", "/paths/"},
		{"content/about.md", "title = \"About\"\naliases = [\"/\"]\n", "/"},
		{"content/about.md", "title = \"About\"\naliases = [\"/articles/\"]\n", "/articles/"},
		{"content/about.md", "title = \"About\"\naliases = [\"/tags/\"]\n", "/tags/"},
	}
	for _, tt := range tests {
		got := buildErrors(t, map[string]string{tt.file: page(tt.front, "")}, build.Options{})
		if len(got) != 1 || !strings.HasPrefix(got[0], tt.file+":") || !strings.Contains(got[0], tt.url) {
			t.Errorf("%s with %q: got %q; want one error on %s naming %s", tt.file, tt.front, got, tt.file, tt.url)
		}
	}
}
