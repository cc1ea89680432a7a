package build

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMarkdownEndings builds libraries whose pages end in .markdown, .mdown, .mkd or .mkdn
// (in any case), as libraries from Hugo have them, in memory and streamed: each is a page
// as a .md file would be, everywhere a .md file is one.
func TestMarkdownEndings(t *testing.T) {
	cases := []struct {
		name   string
		files  map[string]string
		has    map[string]string // output file → what it holds ("" for anything)
		absent []string
		err    string // a problem the build stops on
	}{
		{
			name: "pages",
			files: map[string]string{
				"content/articles/calm.markdown": mdPage("Calm", "", "Calm text.\n\n## Breathe"),
				"content/guides/g2.mdown":        mdPage("Guide two", "", "::: answer id=x\nHow?\n:::\n"),
				"content/worksheets/w2.mkd":      mdPage("Sheet two", "", "::: line id=y\nWhat?\n:::\n"),
				"content/reading.mkdn":           mdPage("Reading", "", "Plain page."),
				"content/articles/Loud.MD":       mdPage("Loud", "", "Written in capitals."),
				"content/about.md": mdPage("About", "", "[c](articles/calm.markdown#breathe), [g](guides/g2.mdown), "+
					"[l](articles/Loud.MD), [r]({{< ref \"articles/calm\" >}})"),
			},
			has: map[string]string{
				"articles/calm/index.html": "Calm text.",
				"guides/g2/index.html":     `name="x"`,
				"worksheets/w2/index.html": `name="y"`,
				"reading/index.html":       "Plain page.",
				"articles/loud/index.html": "Written in capitals.",
				"articles/index.html":      "<li>Calm",
				"about/index.html":         `<a href="/lib/articles/calm/#breathe">c</a>, <a href="/lib/guides/g2/">g</a>, <a href="/lib/articles/loud/">l</a>, <a href="/lib/articles/calm/">r</a>`,
			},
			absent: []string{"articles/calm.markdown", "articles/calm-markdown/index.html", "reading.mkdn"},
		},
		{
			name: "bundle and section page",
			files: map[string]string{
				"content/articles/_index.markdown":      mdPage("Reading", "", "Short pieces."),
				"content/articles/goals/index.markdown": mdPage("Goals", "", "![Goals](photo.jpg) and [notes](notes.mdown)"),
				"content/articles/goals/photo.jpg":      "JPEG",
				"content/articles/goals/notes.mdown":    mdPage("Goal notes", "", "A page of its own."),
			},
			has: map[string]string{
				"articles/goals/index.html":       `<img src="/lib/articles/goals/photo.jpg"`,
				"articles/goals/photo.jpg":        "JPEG",
				"articles/goals/notes/index.html": "A page of its own.",
				"articles/index.html":             "<title>Reading</title>",
			},
			absent: []string{"articles/goals/index.markdown", "articles/goals/notes.mdown", "articles/goals/index/index.html", "articles/_index/index.html"},
		},
		{
			name: "path steps",
			files: map[string]string{
				"content/articles/calm.markdown": mdPage("Calm", "", "Calm text."),
				"content/articles/rest.mkd":      mdPage("Rest", "", "Rest text."),
				"content/paths/q.md":             mdPage("Q", `steps = ["articles/calm.markdown", "articles/rest"]`, "A path."),
			},
			has: map[string]string{"paths/q/index.html": "<li>Calm", "paths/q/print/index.html": "Rest text."},
		},
		{
			name:  "one page in two files",
			files: map[string]string{"content/articles/a.markdown": mdPage("Alpha again", "", "x")},
			err:   "content/articles/a.md: this file and content/articles/a.markdown are both Markdown (.markdown and .md are both endings of Markdown files), so both would be the page /articles/a/; keep one of the two files: delete the other, or rename it",
		},
		{
			name: "a bundle and a page in two files",
			files: map[string]string{
				"content/articles/goals.mdown":        mdPage("Goals", "", "x"),
				"content/articles/goals/index.mkdn":   mdPage("Goals too", "", "y"),
				"content/articles/goals/picture.jpeg": "JPEG",
			},
			err: "content/articles/goals/index.mkdn: this file and content/articles/goals.mdown are one page saved twice, at /articles/goals/: a page bundle's index.md is the page of its folder's name. " +
				"Keep one of the two files (the bundle, to keep files beside the page): move what the other says into it, and delete the other",
		},
		{
			name:  "one page in two files of one name but for case",
			files: map[string]string{"content/articles/a.MD": mdPage("Alpha again", "", "x")},
			err: "content/articles/a.md: this file and content/articles/a.MD differ only in upper and lower case, so both would be the page /articles/a/: two files for one page. " +
				"Compare them, keep the one you want and delete the other. A Mac or a Windows computer takes the two names for one file and shows only one of them; " +
				"if that is what you see, the other came through git: remove the one you do not want there, with git rm --cached content/articles/a.MD (or the other's name), and commit",
		},
		{
			name:  "two names but for case",
			files: map[string]string{"content/articles/A.md": mdPage("Alpha again", "", "x")},
			err:   "content/articles/a.md: this file and content/articles/A.md differ only in upper and lower case, so both would be the page /articles/a/",
		},
		{
			name: "a link with the ending the file had",
			files: map[string]string{
				"content/articles/calm.markdown": mdPage("Calm", "", "x"),
				"content/about.md":               mdPage("About", "", "[Calm](articles/calm.md)"),
			},
			err: "content/about.md:5:1: link to articles/calm.md: there is no such page (content/articles/calm.md); did you mean articles/calm.markdown?",
		},
	}
	for _, c := range cases {
		buildBoth(t, c.name, c.files, func(t *testing.T, out map[string][]byte, _ string, err error) {
			if checkBuilt(t, out, err, c.err, c.has) {
				checkAbsent(t, out, c.absent)
			}
		})
	}
}

// buildBoth builds smallSite with files added, in memory and streamed (the two read
// content files by different ways), and runs check on what each wrote and said.
func buildBoth(t *testing.T, name string, files map[string]string, check func(t *testing.T, out map[string][]byte, warnings string, err error)) {
	for _, streamed := range []bool{false, true} {
		n := name
		if streamed {
			n += ", streamed"
		}
		t.Run(n, func(t *testing.T) {
			all := smallSite()
			maps.Copy(all, files)
			out, warnings, err := buildEither(t, writeSite(t, all), streamed)
			check(t, out, warnings, err)
		})
	}
}

// checkAbsent reports each of names that out holds: a file that should not be written.
// checkBuilt checks a build's outcome: the error that holds wantErr, or, when wantErr is "",
// no error and each file of has written and holding its text. It reports whether the build
// went through, for the checks of what it wrote.
func checkBuilt(t *testing.T, out map[string][]byte, err error, wantErr string, has map[string]string) bool {
	t.Helper()
	if wantErr != "" {
		if err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Fatalf("got %v\nwant %s", err, wantErr)
		}
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range has {
		if got, ok := out[name]; !ok || !strings.Contains(string(got), want) {
			t.Errorf("%s: %q (written: %v), want it to hold %q", name, got, ok, want)
		}
	}
	return true
}

func checkAbsent(t *testing.T, out map[string][]byte, names []string) {
	t.Helper()
	for _, name := range names {
		if _, ok := out[name]; ok {
			t.Errorf("%s written", name)
		}
	}
}

// buildEither builds the library at root in memory, or streamed to a sink as between build
// does (its files are read by another way, pipe.readFile), and returns the files written
// and the warnings.
func buildEither(t *testing.T, root string, streamed bool) (map[string][]byte, string, error) {
	t.Helper()
	if !streamed {
		res, err := newBuilder(root).Build()
		if err != nil {
			return nil, "", err
		}
		return res.Files, res.Warnings.Error(), nil
	}
	sink := &mapSink{}
	res, err := newBuilder(root).BuildTo(sink)
	if err != nil {
		return nil, "", err
	}
	return sink.files, res.Warnings.Error(), nil
}

// TestOtherPageFormats: a page in a format another generator reads and Between does not
// (Hugo's HTML with front matter, Org, AsciiDoc, reStructuredText, Pandoc; a Jupyter
// notebook) is a warning that names it and says what to do, where it was left out with
// nothing said; files a coach publishes as they are stay untold.
func TestOtherPageFormats(t *testing.T) {
	front := "---\ntitle: Old page\n---\n"
	cases := []struct {
		name     string
		files    map[string]string
		warnings []string // every warning about these files, whole
		has      []string // output files
		absent   []string
	}{
		{
			name:  "HTML page with front matter",
			files: map[string]string{"content/articles/old.html": front + "<p>Old text.</p>\n"},
			warnings: []string{"content/articles/old.html: warning: this HTML file starts with front matter, as a Hugo page written in HTML does, but is not published: " +
				"Between makes pages of Markdown files only; rename it old.md and write its text in Markdown; HTML left in it is shown only with unsafe = true under [markdown] in config.toml (see docs/content.md)"},
			absent: []string{"articles/old/index.html", "articles/old.html"},
		},
		{
			name:  "HTML page with TOML front matter and a byte order mark",
			files: map[string]string{"content/Old.HTM": "\ufeff+++\ntitle = \"Old\"\n+++\n<p>x</p>\n"},
			warnings: []string{"content/Old.HTM: warning: this HTML file starts with front matter, as a Hugo page written in HTML does, but is not published: " +
				"Between makes pages of Markdown files only; rename it Old.md and write its text in Markdown; HTML left in it is shown only with unsafe = true under [markdown] in config.toml (see docs/content.md)"},
		},
		{
			name:   "HTML without front matter is a file, as it was",
			files:  map[string]string{"content/articles/form.html": "<!doctype html><p>---</p>\n", "content/articles/hr.htm": "<hr>\n---\n<p>Not front matter.</p>\n"},
			absent: []string{"articles/form.html", "articles/form/index.html"},
		},
		{
			name: "other formats",
			files: map[string]string{
				"content/articles/plan.org":    "#+TITLE: Plan\n* Plan\n",
				"content/guides/steps.adoc":    "= Steps\n\nText.\n",
				"content/guides/more.asciidoc": "= More\n",
				"content/values.rst":           "Values\n======\n",
				"content/articles/pd.pdc":      front + "Pandoc text.\n",
				"content/worksheets/nb.ipynb":  `{"cells": []}`,
			},
			warnings: []string{
				"content/articles/pd.pdc: warning: this Pandoc file is not published: Between makes pages of Markdown files only; Pandoc's Markdown is mostly Markdown: rename it pd.md and look the page over",
				"content/articles/plan.org: warning: this Org file is not published: Between makes pages of Markdown files only; write its text in Markdown and save it as plan.md (docs/content.md says how), or, if it is no page, move it out of content/",
				"content/guides/more.asciidoc: warning: this AsciiDoc file is not published: Between makes pages of Markdown files only; write its text in Markdown and save it as more.md (docs/content.md says how), or, if it is no page, move it out of content/",
				"content/guides/steps.adoc: warning: this AsciiDoc file is not published: Between makes pages of Markdown files only; write its text in Markdown and save it as steps.md (docs/content.md says how), or, if it is no page, move it out of content/",
				"content/values.rst: warning: this reStructuredText file is not published: Between makes pages of Markdown files only; write its text in Markdown and save it as values.md (docs/content.md says how), or, if it is no page, move it out of content/",
				"content/worksheets/nb.ipynb: warning: this Jupyter notebook is not published: Between makes pages of Markdown files only; export it as Markdown (in Jupyter: File, Save and Export Notebook As, Markdown) and save that as nb.md; to offer the notebook for download, put it in static/",
			},
			absent: []string{"articles/plan.org", "articles/plan/index.html", "worksheets/nb.ipynb", "values/index.html"},
		},
		{
			name: "Eleventy's templates with front matter, not the pieces without",
			files: map[string]string{
				"content/blog.njk":      "---\nlayout: layouts/home.njk\npagination:\n  data: collections.posts\n---\n{% for post in pagination.items %}{{ post.data.title }}{% endfor %}\n",
				"content/story.liquid":  "---\ntitle: Story\n---\n<p>{{ title }}</p>\n",
				"content/postslist.njk": "<ul>{% for post in postslist %}<li>{{ post.data.title }}</li>{% endfor %}</ul>\n",
			},
			warnings: []string{
				"content/blog.njk: warning: this Nunjucks template is not published: Between makes pages of Markdown files only; Between makes the section lists, tag pages, feed and sitemap itself (see docs/content.md); a page's own text goes in blog.md, written in Markdown",
				"content/story.liquid: warning: this Liquid template is not published: Between makes pages of Markdown files only; Between makes the section lists, tag pages, feed and sitemap itself (see docs/content.md); a page's own text goes in story.md, written in Markdown",
			},
			absent: []string{"blog.njk", "story.liquid", "blog/index.html", "story/index.html"},
		},
		{
			name: "in a page bundle",
			files: map[string]string{
				"content/articles/goals/index.md":   mdPage("Goals", "", "[form](form.html), [notebook](nb.ipynb), [old](old.html)"),
				"content/articles/goals/form.html":  "<!doctype html><p>A form.</p>\n",
				"content/articles/goals/nb.ipynb":   `{"cells": []}`,
				"content/articles/goals/notes.org":  "* Notes\n",
				"content/articles/goals/old.html":   front + "<p>Old.</p>\n",
				"content/articles/goals/sub/x.rst":  front + "X\n=\n",
				"content/articles/goals/_old/x.org": front, // in no folder Between reads
			},
			warnings: []string{
				"content/articles/goals/old.html: warning: this HTML file starts with front matter, as a Hugo page written in HTML does, but is copied beside the page bundle's page as it is, front matter and all, and is no page: " +
					"Between makes pages of Markdown files only; rename it old.md and write its text in Markdown; HTML left in it is shown only with unsafe = true under [markdown] in config.toml (see docs/content.md)",
				"content/articles/goals/sub/x.rst: warning: this reStructuredText file is copied beside the page bundle's page as it is, front matter and all, and is no page: " +
					"Between makes pages of Markdown files only; write its text in Markdown and save it as x.md (docs/content.md says how), or, if it is no page, move it out of content/",
			},
			has: []string{"articles/goals/form.html", "articles/goals/nb.ipynb", "articles/goals/notes.org", "articles/goals/old.html", "articles/goals/sub/x.rst"},
		},
		{
			name:  "a draft bundle's files are its own",
			files: map[string]string{"content/articles/goals/index.md": mdPage("Goals", "draft = true", "x"), "content/articles/goals/nb.ipynb": "{}"},
		},
		{
			name:     "hidden and scratch files",
			files:    map[string]string{"content/.old.org": "x", "content/_old/a.org": "x", "content/a.org~": "x", "content/a.rst.swp": "x"},
			warnings: nil,
		},
	}
	for _, c := range cases {
		buildBoth(t, c.name, c.files, func(t *testing.T, out map[string][]byte, warnings string, err error) {
			if err != nil {
				t.Fatal(err)
			}
			if got := markdownOnly(warnings); !slices.Equal(got, c.warnings) {
				t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.warnings, "\n"))
			}
			for _, name := range c.has {
				if _, ok := out[name]; !ok {
					t.Errorf("%s not written", name)
				}
			}
			checkAbsent(t, out, c.absent)
		})
	}
}

// markdownOnly are the lines of warnings about pages in other formats.
func markdownOnly(warnings string) []string {
	var out []string
	for _, l := range strings.Split(warnings, "\n") {
		if strings.Contains(l, "Between makes pages of Markdown files only") {
			out = append(out, l)
		}
	}
	return out
}

// TestOtherPageFormatsStrict: with --strict, the warning stops the build, as every warning does.
func TestOtherPageFormatsStrict(t *testing.T) {
	files := smallSite()
	files["content/articles/plan.org"] = "* Plan\n"
	b := New(Options{Root: writeSite(t, files), Strict: true})
	b.SetClock(clock)
	_, err := b.Build()
	if want := "content/articles/plan.org: this Org file is not published"; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want %s", err, want)
	}
}

// TestRebuildMarkdownEndings: while between serve runs, a page saved as .markdown comes,
// changes, is renamed and goes as a .md page does; a page in another format comes and goes
// with its warning. Each rebuild gives the files a build from scratch gives.
func TestRebuildMarkdownEndings(t *testing.T) {
	root := writeSite(t, smallSite())
	b := newBuilder(root)
	mustBuild(t, b)
	step := func(what string, changed []string, has, absent []string, warning string) {
		t.Helper()
		res := mustRebuild(t, b, changed...)
		for _, name := range has {
			if _, ok := res.Files[name]; !ok {
				t.Errorf("%s: %s not written", what, name)
			}
		}
		for _, name := range absent {
			if _, ok := res.Files[name]; ok {
				t.Errorf("%s: %s written", what, name)
			}
		}
		if got := strings.Join(markdownOnly(res.Warnings.Error()), "\n"); !strings.Contains(got, warning) || (warning == "") != (got == "") {
			t.Errorf("%s: warnings %q, want %q", what, got, warning)
		}
		assertSameAsFull(t, root, res)
	}
	write(t, root, "content/articles/calm.markdown", mdPage("Calm", "", "First text."))
	step("added", []string{"content/articles/calm.markdown"}, []string{"articles/calm/index.html"}, nil, "")
	write(t, root, "content/articles/calm.markdown", mdPage("Calm", "", "Second text."))
	res := mustRebuild(t, b, "content/articles/calm.markdown")
	assertSameAsFull(t, root, res)
	if got := string(res.Files["articles/calm/index.html"]); !strings.Contains(got, "Second text.") {
		t.Errorf("edited: %s", got)
	}
	if err := os.Rename(filepath.Join(root, "content/articles/calm.markdown"), filepath.Join(root, "content/articles/still.mdown")); err != nil {
		t.Fatal(err)
	}
	step("renamed", []string{"content/articles/calm.markdown", "content/articles/still.mdown"},
		[]string{"articles/still/index.html"}, []string{"articles/calm/index.html"}, "")
	write(t, root, "content/articles/plan.org", "* Plan\n")
	step("other format added", []string{"content/articles/plan.org"}, nil, nil, "content/articles/plan.org: warning: this Org file is not published")
	write(t, root, "content/articles/still.mdown", mdPage("Still", "", "A text edit keeps the warning."))
	step("text edit", []string{"content/articles/still.mdown"}, nil, nil, "content/articles/plan.org: warning: this Org file is not published")
	if err := os.Remove(filepath.Join(root, "content/articles/plan.org")); err != nil {
		t.Fatal(err)
	}
	step("other format removed", []string{"content/articles/plan.org"}, nil, nil, "")
	if err := os.Remove(filepath.Join(root, "content/articles/still.mdown")); err != nil {
		t.Fatal(err)
	}
	step("removed", []string{"content/articles/still.mdown"}, nil, []string{"articles/still/index.html"}, "")
}

// TestLanguagesMarkdownEndings: in a library in several languages, a page saved as
// .markdown has its translation beside it (calm.de.markdown) or in content/de/, as a .md
// page has; a page in another format is told of once, not once a language.
func TestLanguagesMarkdownEndings(t *testing.T) {
	for _, streamed := range []bool{false, true} {
		root := bilingualSite(t)
		write(t, root, "content/articles/calm.markdown", mdPage("Calm", "", "Calm."))
		write(t, root, "content/articles/calm.de.markdown", mdPage("Ruhe", "", "Ruhe."))
		write(t, root, "content/de/articles/pause.mdown", mdPage("Pause", "", "[Ruhe](calm.markdown)"))
		write(t, root, "content/articles/plan.org", "* Plan\n")
		out, warnings, err := buildEither(t, root, streamed)
		if err != nil {
			t.Fatal(err)
		}
		for name, want := range map[string]string{
			"articles/calm/index.html":     `hreflang="de" href="https://example.org/library/de/articles/calm/"`,
			"de/articles/calm/index.html":  `hreflang="en" href="https://example.org/library/articles/calm/"`,
			"de/articles/pause/index.html": `<a href="/library/de/articles/calm/">Ruhe</a>`,
		} {
			if got := string(out[name]); !strings.Contains(got, want) {
				t.Errorf("streamed %v: %s lacks %s", streamed, name, want)
			}
		}
		if _, ok := out["articles/calm-de/index.html"]; ok {
			t.Errorf("streamed %v: the translation is a page of its own", streamed)
		}
		want := []string{"content/articles/plan.org: warning: this Org file is not published: Between makes pages of Markdown files only; " +
			"write its text in Markdown and save it as plan.md (docs/content.md says how), or, if it is no page, move it out of content/"}
		if got := markdownOnly(warnings); !slices.Equal(got, want) {
			t.Errorf("streamed %v: warnings\n%s\nwant\n%s", streamed, strings.Join(got, "\n"), want[0])
		}
	}

	// While serving: a .markdown translation and an .org file come and go.
	root := bilingualSite(t)
	b := newBuilder(root)
	mustBuild(t, b)
	write(t, root, "content/articles/rest.de.markdown", mdPage("Ruhen", "", "Ruhen."))
	write(t, root, "content/de/plan.org", "* Plan\n")
	res := mustRebuild(t, b, "content/articles/rest.de.markdown", "content/de/plan.org")
	if _, ok := res.Files["de/articles/rest/index.html"]; !ok {
		t.Error("the translation added while serving is not built")
	}
	want := "content/de/plan.org: warning: this Org file is not published"
	if got := markdownOnly(res.Warnings.Error()); len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("warnings after adding plan.org: %q, want one starting %s", got, want)
	}
	assertSameAsFull(t, root, res)
	if err := os.Remove(filepath.Join(root, "content/de/plan.org")); err != nil {
		t.Fatal(err)
	}
	res = mustRebuild(t, b, "content/de/plan.org")
	if got := markdownOnly(res.Warnings.Error()); len(got) != 0 {
		t.Errorf("warnings after removing plan.org: %q", got)
	}
}
