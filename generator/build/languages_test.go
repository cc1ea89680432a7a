package build

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/diag"
)

// bilingualSite copies testdata/site-bilingual (English, and German under de/) into a
// temporary folder.
func bilingualSite(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	src := "../../testdata/site-bilingual"
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		write(t, root, filepath.ToSlash(rel), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// part is the output of one language: its files without the prefix.
func part(files map[string][]byte, prefix string) map[string][]byte {
	out := map[string][]byte{}
	for name, data := range files {
		if prefix == "" {
			if !strings.HasPrefix(name, "de/") {
				out[name] = data
			}
		} else if rest, ok := strings.CutPrefix(name, prefix); ok {
			out[rest] = data
		}
	}
	return out
}

func TestLanguagesLinked(t *testing.T) {
	res := mustBuild(t, newBuilder(bilingualSite(t)))
	page := func(name string) string {
		t.Helper()
		data, ok := res.Files[name]
		if !ok {
			t.Fatalf("no %s", name)
		}
		return string(data)
	}
	has := func(name string, want ...string) {
		t.Helper()
		p := page(name)
		for _, w := range want {
			if !strings.Contains(p, w) {
				t.Errorf("%s lacks %s", name, w)
			}
		}
	}
	hasNot := func(name string, bad ...string) {
		t.Helper()
		p := page(name)
		for _, w := range bad {
			if strings.Contains(p, w) {
				t.Errorf("%s has %s", name, w)
			}
		}
	}
	// Twins, beside each other (values.de.md) and in content/de/, name each other.
	twins := []string{
		`<link rel="alternate" hreflang="en" href="https://example.org/library/articles/values/">`,
		`<link rel="alternate" hreflang="x-default" href="https://example.org/library/articles/values/">`,
		`<link rel="alternate" hreflang="de" href="https://example.org/library/de/articles/werte/">`,
	}
	has("articles/values/index.html", append(twins, `<html lang="en"`, `<a href="/library/de/articles/werte/" hreflang="de" lang="de">Deutsch</a>`)...)
	has("de/articles/werte/index.html", append(twins, `<html lang="de"`, `<a href="/library/articles/values/" hreflang="en" lang="en">English</a>`)...)
	has("de/worksheets/werte-klaeren/index.html", `hreflang="en" href="https://example.org/library/worksheets/values/"`, `<a href="/library/worksheets/values/" hreflang="en"`)
	has("index.html", `<link rel="alternate" hreflang="de" href="https://example.org/library/de/">`, `<a href="/library/de/" hreflang="de" lang="de">Deutsch</a>`)
	// A page in one language only: no alternates, and the switch leads to the other home.
	has("articles/rest/index.html", `<a href="/library/de/" hreflang="de" lang="de">Deutsch</a>`)
	hasNot("articles/rest/index.html", `<link rel="alternate" hreflang`)
	has("de/articles/pausen/index.html", `<a href="/library/" hreflang="en" lang="en">English</a>`)
	// A link to a page not yet translated leads to it in English.
	has("de/articles/pausen/index.html", `<a href="/library/articles/rest/">Resting on purpose</a>`)
	for _, gone := range []string{"de/articles/rest/index.html", "de/articles/values/index.html", "articles/pausen/index.html", "de/de/index.html"} {
		if _, ok := res.Files[gone]; ok {
			t.Errorf("%s is built", gone)
		}
	}
	// Lists lead to the same list; a tag, a word of one language, to the other home.
	has("de/articles/index.html", `<a href="/library/articles/" hreflang="en"`)
	has("de/tags/werte/index.html", `<a href="/library/" hreflang="en"`)
	has("de/search/index.html", `<a href="/library/search/" hreflang="en"`, `action="/library/de/search/"`)

	// Each language has its own tags, paths, feed and sitemap, in its own words.
	has("de/tags/index.html", `/library/de/tags/werte/`, `/library/de/tags/energie/`)
	hasNot("de/tags/index.html", `/tags/values/`, `/tags/energy/`)
	has("tags/index.html", `/library/tags/values/`)
	hasNot("tags/index.html", `werte`)
	has("de/paths/erster-monat/index.html", `Pausen, die wirklich erholen`, `Was dir wichtig ist`, `Dein erster Monat`)
	hasNot("de/paths/erster-monat/index.html", `Resting on purpose`)
	has("paths/first-month/index.html", `Resting on purpose`)
	has("de/index.xml", `xml:lang="de"`, `Pausen, die wirklich erholen`, `Zwischen den Sitzungen`)
	hasNot("de/index.xml", `<title>Resting on purpose</title>`)
	has("index.xml", `Resting on purpose`)
	hasNot("index.xml", `Pausen`)
	has("robots.txt", "Sitemap: https://example.org/library/sitemap.xml\n", "Sitemap: https://example.org/library/de/sitemap.xml\n")
	if _, ok := res.Files["de/robots.txt"]; ok {
		t.Error("de/robots.txt is built: only the one at the root is read")
	}
	for _, sm := range []struct{ name, own string }{{"sitemap.xml", "https://example.org/library/"}, {"de/sitemap.xml", "https://example.org/library/de/"}} {
		locs := regexp.MustCompile(`<loc>([^<]*)</loc>`).FindAllStringSubmatch(page(sm.name), -1)
		if len(locs) < 5 {
			t.Errorf("%s lists %d addresses", sm.name, len(locs))
		}
		for _, l := range locs {
			if !strings.HasPrefix(l[1], sm.own) || sm.own == "https://example.org/library/" && strings.HasPrefix(l[1], sm.own+"de/") {
				t.Errorf("%s lists %s, of another language", sm.name, l[1])
			}
		}
	}
	has("de/sitemap.xml", `xmlns:xhtml="http://www.w3.org/1999/xhtml"`,
		`<xhtml:link rel="alternate" hreflang="en" href="https://example.org/library/articles/values/"></xhtml:link>`)

	// Answers are kept per language: the pages and the booklets read and write under
	// their own site and page keys.
	has("de/worksheets/werte-klaeren/index.html", `data-site="example.org/library/de"`, `data-page="/library/de/worksheets/werte-klaeren/"`)
	has("worksheets/values/index.html", `data-site="example.org/library"`, `data-page="/library/worksheets/values/"`)
	has("de/paths/erster-monat/print/index.html", `data-site="example.org/library/de"`, `data-page="/library/de/worksheets/werte-klaeren/"`)
	hasNot("de/paths/erster-monat/print/index.html", `data-page="/library/worksheets/`)
	has("de/notes/index.json", `/library/de/worksheets/werte-klaeren/`)
	hasNot("notes/index.json", `/library/de/`)

	// Each language searches its own pages.
	en, de := part(res.Files, ""), part(res.Files, "de/")
	for _, c := range []struct {
		files map[string][]byte
		q     string
		want  []string
	}{
		{de, "niemand", []string{"Was dir wichtig ist"}},
		{en, "niemand", nil},
		{en, "nobody", []string{"What matters to you"}},
		{de, "nobody", nil},
		{de, "Pause", []string{"Pausen, die wirklich erholen"}},
		{en, "Pause", nil},
	} {
		got := searchIn(t, c.files, c.q)
		if !slices.Equal(got, c.want) {
			t.Errorf("search %q: %q, want %q", c.q, got, c.want)
		}
	}
}

func TestLanguagesErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a step with no German version", map[string]string{"content/paths/first-month.de.md": "+++\ntitle = \"Dein erster Monat\"\n\n[[stages]]\ntitle = \"Eins\"\nsteps = [\"articles/values.md\"]\n\n[[stages]]\ntitle = \"Zwei\"\nsteps = [\"articles/rest.md\"]\n+++\nText.\n"},
			"content/paths/first-month.de.md:8: step articles/rest has no German version: add content/articles/rest.de.md or remove the step"},
		{"two German files of one page", map[string]string{"content/de/articles/values.md": "+++\ntitle = \"Werte\"\n+++\nText.\n"},
			"content/de/articles/values.md: this file and content/articles/values.de.md are both the German version of articles/values.md; keep one of them"},
		{"two English files of one page", map[string]string{"content/articles/values.en.md": "+++\ntitle = \"Values\"\n+++\nText.\n"},
			"content/articles/values.md: this file and content/articles/values.en.md are both the English version of articles/values.md; keep one of them"},
		{"a page where the German part is", map[string]string{"content/de.md": "+++\ntitle = \"De\"\n+++\nText.\n"},
			"content: /de/index.html is an address of the English pages and of the German part of the library (/de/); give the English page another slug or file name"},
		{"a link to a page in no language", map[string]string{"content/de/articles/pausen.md": "+++\ntitle = \"Pausen\"\n+++\nSiehe [hier](nirgends.md).\n"},
			"content/de/articles/pausen.md:4:7: link to articles/nirgends.md: there is no such page"},
		{"a German page's problem names its file", map[string]string{"content/de/articles/pausen.md": "+++\ntitle = \"Pausen\"\nweigth = 2\n+++\nText.\n"},
			"content/de/articles/pausen.md:3: unknown front matter key \"weigth\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := bilingualSite(t)
			for name, text := range tt.files {
				write(t, root, name, text)
			}
			b := newBuilder(root)
			b.opts.Strict = true
			_, err := b.Build()
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("error %v, want %s", err, tt.want)
			}
			for _, d := range list {
				if strings.HasPrefix(d.Error(), tt.want) {
					return
				}
			}
			t.Errorf("got %v\nwant %s", list, tt.want)
		})
	}
}

// TestLanguagesRebuild: edits in one language that move its pages change the other's
// switches, and every rebuild equals a full build.
func TestLanguagesRebuild(t *testing.T) {
	root := bilingualSite(t)
	b := newBuilder(root)
	mustBuild(t, b)
	steps := []struct {
		name   string
		do     func()
		change []string
		check  func(res *Result)
	}{
		{"text of a German page", func() {
			write(t, root, "content/de/articles/pausen.md", "+++\ntitle = \"Pausen, die wirklich erholen\"\ndescription = \"Kleine Unterbrechungen mit großer Wirkung.\"\ndate = 2025-03-21\ntags = [\"Energie\"]\n+++\nEine Pause ist ein Plan. Neu. [Resting on purpose](rest.md).\n")
		}, []string{"content/de/articles/pausen.md"}, func(res *Result) {
			if slices.ContainsFunc(res.Changed, func(n string) bool { return !strings.HasPrefix(n, "de/") }) {
				t.Errorf("a German text edit changed English files: %v", res.Changed)
			}
		}},
		{"a German twin appears", func() {
			write(t, root, "content/articles/rest.de.md", "+++\ntitle = \"Absichtlich ruhen\"\nslug = \"ruhen\"\ndate = 2025-03-20\n+++\nRuhe ist ein Plan.\n")
		}, []string{"content/articles/rest.de.md"}, func(res *Result) {
			if !strings.Contains(string(res.Files["articles/rest/index.html"]), `<a href="/library/de/articles/ruhen/" hreflang="de"`) {
				t.Error("the English page does not lead to its new German twin")
			}
			if !strings.Contains(string(res.Files["de/articles/pausen/index.html"]), `<a href="/library/de/articles/ruhen/">`) {
				t.Error("a German link to the page does not lead to its new German version")
			}
		}},
		{"its slug changes", func() {
			write(t, root, "content/articles/rest.de.md", "+++\ntitle = \"Absichtlich ruhen\"\nslug = \"ausruhen\"\ndate = 2025-03-20\n+++\nRuhe ist ein Plan.\n")
		}, []string{"content/articles/rest.de.md"}, func(res *Result) {
			if !strings.Contains(string(res.Files["articles/rest/index.html"]), `<a href="/library/de/articles/ausruhen/" hreflang="de"`) {
				t.Error("the English page does not follow its twin's new address")
			}
		}},
		{"an English text edit and a new German twin at once", func() {
			write(t, root, "content/articles/values.md", "+++\ntitle = \"What matters to you\"\ndescription = \"Notice your values before you decide.\"\ndate = 2025-03-14\ntags = [\"Values\"]\n+++\nValues show. Then try the [worksheet](../worksheets/values.md).\n")
			os.Remove(filepath.Join(root, "content/articles/rest.de.md"))
			write(t, root, "content/articles/rest.de.md", "+++\ntitle = \"Absichtlich ruhen\"\nslug = \"pause\"\ndate = 2025-03-20\n+++\nRuhe ist ein Plan.\n")
			write(t, root, "content/articles/rest.md", strings.Replace(readFile(t, root, "content/articles/rest.md"), "A rest is a plan", "A rest is a real plan", 1))
		}, []string{"content/articles/values.md", "content/articles/rest.md", "content/articles/rest.de.md"}, func(res *Result) {
			if !strings.Contains(string(res.Files["articles/rest/index.html"]), `<a href="/library/de/articles/pause/" hreflang="de"`) {
				t.Error("an English page edited with its twin's move does not lead to the twin")
			}
		}},
		{"it moves into content/de/", func() {
			os.Rename(filepath.Join(root, "content/articles/rest.de.md"), filepath.Join(root, "content/de/articles/rest.md"))
		}, []string{"content/articles/rest.de.md", "content/de/articles/rest.md"}, nil},
		{"a German twin goes", func() {
			os.Remove(filepath.Join(root, "content/de/articles/rest.md"))
		}, []string{"content/de/articles/rest.md"}, func(res *Result) {
			if !strings.Contains(string(res.Files["articles/rest/index.html"]), `<a href="/library/de/" hreflang="de"`) {
				t.Error("the English page does not lead to the German home once its twin is gone")
			}
		}},
		{"a language's title", func() {
			data, _ := os.ReadFile(filepath.Join(root, "config.toml"))
			write(t, root, "config.toml", strings.Replace(string(data), "Zwischen den Sitzungen", "Dazwischen", 1))
		}, []string{"config.toml"}, func(res *Result) {
			if !strings.Contains(string(res.Files["de/index.html"]), "Dazwischen") {
				t.Error("the German title did not change")
			}
		}},
		{"a layout", func() {
			write(t, root, "layouts/404.html", `{{define "main"}}<p>{{T "not_found_home"}}</p>{{end}}`)
		}, []string{"layouts/404.html"}, nil},
	}
	for _, st := range steps {
		st.do()
		res, err := b.Rebuild(st.change)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if st.check != nil {
			st.check(res)
		}
		assertSameAsFull(t, root, res)
	}
}

// TestLanguagesStream: "between build" streams a library in several languages to the output
// folder as the dev server holds it.
func TestLanguagesStream(t *testing.T) {
	root := bilingualSite(t)
	want := mustBuild(t, newBuilder(root)).Files
	sink := &mapSink{}
	if _, err := newBuilder(root).BuildTo(sink); err != nil {
		t.Fatal(err)
	}
	if len(sink.files) != len(want) {
		t.Errorf("streamed %d files, want %d", len(sink.files), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(sink.files[name], data) {
			t.Errorf("%s streamed differs from the in-memory build", name)
		}
	}
}

// TestOneLanguageListed: [languages] with one language is a library in one, with no switch.
func TestOneLanguageListed(t *testing.T) {
	root := writeSite(t, map[string]string{"config.toml": "title = \"Lib\"\n[languages.de]\ntitle = \"Bibliothek\"\n", "content/articles/a.md": mdPage("A", "", "Text.")})
	res := mustBuild(t, newBuilder(root))
	p := string(res.Files["articles/a/index.html"])
	if !strings.Contains(p, `<html lang="de"`) || !strings.Contains(p, "Bibliothek") || strings.Contains(p, "lang-switch") || strings.Contains(p, "hreflang") {
		t.Errorf("a library in one listed language: %.600s", p)
	}
}

// TestLanguageWithoutWords: a language the theme has no words for is named at its table.
func TestLanguageWithoutWords(t *testing.T) {
	root := bilingualSite(t)
	data, _ := os.ReadFile(filepath.Join(root, "config.toml"))
	write(t, root, "config.toml", string(data)+"\n[languages.ko]\ntitle = \"서재\"\n")
	res := mustBuild(t, newBuilder(root))
	want := `config.toml:17: warning: [languages.ko]: the theme has no words in this language`
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.Error(), want) {
			return
		}
	}
	t.Errorf("warnings %v, want %s", res.Warnings, want)
}

func readFile(t testing.TB, root, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestLanguagesAddressLinks: a link written as an address into another language's part of
// the library is checked as one within a part, #id too, in a build kept for the dev server
// and in a streamed one ("between build"), which checks before it writes.
func TestLanguagesAddressLinks(t *testing.T) {
	for _, c := range []struct {
		file, dest string
		want       string // the error's text after "FILE:7:1: ", or "" for none
	}{
		{"content/about.md", "/library/de/articles/werte/", ""},
		{"content/about.md", "/library/de/articles/werte/#ein-kleiner-versuch", ""},
		{"content/about.md", "/library/de/worksheets/werte-klaeren/#f-mood", ""},
		{"content/about.md", "/library/de/", ""},
		{"content/about.md", "/library/de", ""},
		{"content/about.md", "/library/de/tags/werte/", ""},
		{"content/about.md", "/library/de/css/main.css", ""},
		{"content/about.md", "/library/de/articles/werte/#ein-kleiner-test",
			"link to #ein-kleiner-test: /library/de/articles/werte/ has no heading or field with that id"},
		{"content/about.md", "/library/de/worksheets/werte-klaeren/#f-moo",
			"link to #f-moo: /library/de/worksheets/werte-klaeren/ has no heading or field with that id; did you mean #f-mood?"},
		{"content/about.md", "/library/de/articles/wert/",
			"link to /library/de/articles/wert/: the library has no page or file at /de/articles/wert/; did you mean /de/articles/werte/?"},
		{"content/about.md", "/library/de/articles/rest/",
			"link to /library/de/articles/rest/: the library has no page or file at /de/articles/rest/; articles/rest.md has no German version: link the page in its own language, or add content/articles/rest.de.md"},
		// Held back in the German part: which, and until when, with its real file, as a link
		// within the part is told.
		{"content/about.md", "/library/de/articles/entwurf/",
			"link to /library/de/articles/entwurf/ (the address of content/articles/entwurf.de.md): that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or remove the link"},
		{"content/about.md", "/library/de/articles/bald/#x",
			"link to /library/de/articles/bald/#x (the address of content/de/articles/bald.md): that page is scheduled for 2027-01-05 (its publishDate): it is published, and the link works, from the first build on or after then; until then remove the link, or give this page the same publishDate, so that both appear together"},
		{"content/de/ueber.md", "/library/de/articles/entwurf/",
			"link to /library/de/articles/entwurf/ (the address of content/articles/entwurf.de.md): that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or remove the link"},
		{"content/about.md", "/library/de/tags/energy/",
			"link to /library/de/tags/energy/: the library has no page or file at /de/tags/energy/; did you mean /de/tags/energie/?"},
		{"content/about.md", "/library/de/articles/page/2/",
			"link to /library/de/articles/page/2/: the library has no page or file at /de/articles/page/2/; the list /de/articles/ is one page, /de/articles/ itself (2 entries, paginate = 50 in config.toml)"},
		{"content/de/ueber.md", "/library/articles/rest/", ""},
		{"content/de/ueber.md", "/library/articles/values/#a-small-experiment", ""},
		{"content/de/ueber.md", "/library/", ""},
		{"content/de/ueber.md", "/library", ""},
		{"content/de/ueber.md", "/library/articles/values/#a-small-test",
			"link to #a-small-test: /library/articles/values/ has no heading or field with that id"},
		{"content/de/ueber.md", "/library/articles/valeus/",
			"link to /library/articles/valeus/: the library has no page or file at /articles/valeus/; did you mean /articles/values/?"},
		{"content/de/ueber.md", "/library/de/articles/rest/",
			"link to /library/de/articles/rest/: the library has no page or file at /de/articles/rest/; articles/rest.md has no German version: link its file, articles/rest.md, which leads to the page in the language it is in, or add content/articles/rest.de.md"},
		{"content/de/ueber.md", "/library/de/nirgends/",
			"link to /library/de/nirgends/: the library has no page or file at /de/nirgends/; link the page's file (page.md) or put the file in static/"},
	} {
		t.Run(c.file+" "+c.dest, func(t *testing.T) {
			root := bilingualSite(t)
			write(t, root, "content/articles/entwurf.de.md", mdPage("Entwurf", "draft = true", "Bald."))
			write(t, root, "content/de/articles/bald.md", mdPage("Bald", "publishDate = 2027-01-05", "Bald."))
			write(t, root, c.file, mdPage("Page", "", "Intro.\n\n[link]("+c.dest+")\n"))
			want := ""
			if c.want != "" {
				want = c.file + ":7:1: " + c.want
			}
			_, err := newBuilder(root).Build()
			if got := errText(err); got != want {
				t.Errorf("build: got  %q\nwant %q", got, want)
			}
			sink := &mapSink{}
			_, err = newBuilder(root).BuildTo(sink)
			if got := errText(err); got != want {
				t.Errorf("streamed: got  %q\nwant %q", got, want)
			}
		})
	}
}

// TestLanguagesAddressLinkExpired: a link into another language's part to a page expired
// there is a warning, as a link within the part is, which says when it expired; the build
// goes on, streamed or not.
func TestLanguagesAddressLinkExpired(t *testing.T) {
	root := bilingualSite(t)
	write(t, root, "content/de/articles/alt.md", mdPage("Alt", "expiryDate = 2026-11-01", "Vorbei."))
	write(t, root, "content/about.md", mdPage("About", "", "Intro.\n\n[link](/library/de/articles/alt/)\n"))
	want := "content/about.md:7:1: warning: link to /library/de/articles/alt/ (the address of content/de/articles/alt.md): that page expired on 2026-11-01 and is no longer published; remove the link or change its expiryDate"
	for _, streamed := range []bool{false, true} {
		b := newBuilder(root)
		var res *Result
		var err error
		if streamed {
			res, err = b.BuildTo(&mapSink{})
		} else {
			res, err = b.Build()
		}
		if err != nil {
			t.Fatalf("streamed %v: %v", streamed, err)
		}
		if got := res.Warnings.Error(); !strings.Contains(got, want) {
			t.Errorf("streamed %v: warnings\n%s\nwant %s", streamed, got, want)
		}
	}
}

// TestLanguagesAddressLinksRechecked: in between serve, an edit in one language breaks or
// mends the links of another's pages into its part: a heading renamed by a text edit, a
// page gone or back, a slug changed; and a text edit of the linking page checks its links
// again. Every good rebuild equals a full build.
func TestLanguagesAddressLinksRechecked(t *testing.T) {
	root := bilingualSite(t)
	values := readFile(t, root, "content/articles/values.de.md")
	extra := mdPage("Extra", "date = 2025-03-01", "More.")
	write(t, root, "content/articles/extra.md", extra)
	write(t, root, "content/about.md", mdPage("About", "", "Auf Deutsch: [ein Versuch](/library/de/articles/werte/#ein-kleiner-versuch)."))
	write(t, root, "content/de/ueber.md", mdPage("Über", "", "In English: [more](/library/articles/extra/)."))
	b := newBuilder(root)
	res := mustBuild(t, b)
	if html := string(res.Files["de/ueber/index.html"]); !strings.Contains(html, `href="/library/articles/extra/"`) {
		t.Errorf("a German page's link to /library/articles/extra/ is not left as it is:\n%s", html)
	}
	heading := "content/about.md:5:14: link to #ein-kleiner-versuch: /library/de/articles/werte/ has no heading or field with that id"
	gone := "content/de/ueber.md:5:13: link to /library/articles/extra/: the library has no page or file at /articles/extra/; link the page's file (page.md) or put the file in static/"
	moved := "content/about.md:5:14: link to /library/de/articles/werte/#ein-kleiner-versuch: the library has no page or file at /de/articles/werte/; did you mean /de/articles/werte2/?"
	for _, st := range []struct {
		name   string
		do     func()
		change string
		want   string // the error, or "" for a good build
		text   int    // the language whose Builder is to take the short way for text edits, or -1
	}{
		{"a German heading renamed", func() {
			write(t, root, "content/articles/values.de.md", strings.Replace(values, "## Ein kleiner Versuch", "## Ein Versuch", 1))
		}, "content/articles/values.de.md", heading, 1},
		{"and back", func() { write(t, root, "content/articles/values.de.md", values) }, "content/articles/values.de.md", "", -1},
		{"an English page gone", func() { os.Remove(filepath.Join(root, "content/articles/extra.md")) }, "content/articles/extra.md", gone, -1},
		{"and back", func() { write(t, root, "content/articles/extra.md", extra) }, "content/articles/extra.md", "", -1},
		{"a German slug changed", func() {
			write(t, root, "content/articles/values.de.md", strings.Replace(values, `slug = "werte"`, `slug = "werte2"`, 1))
		}, "content/articles/values.de.md", moved, -1},
		{"the link mended by a text edit", func() {
			write(t, root, "content/about.md", mdPage("About", "", "Auf Deutsch: [ein Versuch](/library/de/articles/werte2/#ein-kleiner-versuch)."))
		}, "content/about.md", "", -1},
		{"and broken by one", func() {
			write(t, root, "content/about.md", mdPage("About", "", "Auf Deutsch: [ein Versuch](/library/de/articles/werte2/#ein-kleiner-versuc)."))
		}, "content/about.md", "content/about.md:5:14: link to #ein-kleiner-versuc: /library/de/articles/werte2/ has no heading or field with that id; did you mean #ein-kleiner-versuch?", 0},
	} {
		st.do()
		var before int
		if st.text >= 0 {
			before = b.multi.subs[st.text].textRebuilds
		}
		res, err := b.Rebuild([]string{st.change})
		if got := errText(err); got != st.want {
			t.Fatalf("%s: got  %q\nwant %q", st.name, got, st.want)
		}
		if st.text >= 0 && b.multi.subs[st.text].textRebuilds == before {
			t.Errorf("%s: not the short way for text edits, which this step means to check", st.name)
		}
		if err == nil {
			assertSameAsFull(t, root, res)
		}
	}
}

// TestLanguagesFileLinks: a link names a page's file as in the page's own language, so a
// link from an English page to a German file (values.de.md, de/articles/pausen.md) leads
// nowhere: an error that says what to write instead, rather than that there is no such
// file.
func TestLanguagesFileLinks(t *testing.T) {
	for _, c := range []struct {
		file, dest string
		want       string // the error's text after "FILE:7:1: ", or "" for none
	}{
		{"content/about.md", "articles/values.md", ""},
		{"content/about.md", "articles/pausen.md", ""}, // German only, so far
		{"content/de/ueber.md", "articles/values.md", ""},
		{"content/about.md", "articles/values.de.md",
			"link to articles/values.de.md: that file is the German version of articles/values.md, and links name files as in this page's language: write articles/values.md for the page in this language (or in the one it is in, while it has none), or the German page's address, /library/de/articles/werte/"},
		{"content/about.md", "de/articles/pausen.md#x",
			"link to de/articles/pausen.md: that file is the German version of articles/pausen.md, and links name files as in this page's language: write articles/pausen.md for the page in this language (or in the one it is in, while it has none), or the German page's address, /library/de/articles/pausen/"},
		{"content/articles/rest.md", "entwurf.de.md",
			"link to articles/entwurf.de.md: that file is the German version of articles/entwurf.md, and links name files as in this page's language: write entwurf.md for the page in this language (or in the one it is in, while it has none); the German page is not published"},
		{"content/about.md", "articles/valeus.de.md",
			"link to articles/valeus.de.md: there is no such page (content/articles/valeus.de.md); check the file name"},
	} {
		t.Run(c.file+" "+c.dest, func(t *testing.T) {
			root := bilingualSite(t)
			write(t, root, "content/articles/entwurf.de.md", mdPage("Entwurf", "draft = true", "Bald."))
			write(t, root, c.file, mdPage("Page", "date = 2025-03-20", "Intro.\n\n["+"link]("+c.dest+")\n"))
			want := ""
			if c.want != "" {
				want = c.file + ":7:1: " + c.want
			}
			if _, err := newBuilder(root).Build(); errText(err) != want {
				t.Errorf("got  %q\nwant %q", errText(err), want)
			}
			// The same link written in a text edit, rechecked the short way.
			write(t, root, c.file, mdPage("Page", "date = 2025-03-20", "Intro.\n\n[link](#top)\n"))
			b := newBuilder(root)
			mustBuild(t, b)
			write(t, root, c.file, mdPage("Page", "date = 2025-03-20", "Intro.\n\n["+"link]("+c.dest+")\n"))
			if _, err := b.Rebuild([]string{c.file}); errText(err) != want {
				t.Errorf("text edit: got  %q\nwant %q", errText(err), want)
			}
			if sub := b.multi.subs[strings.Count(c.file, "/de/")]; want == "" && sub.textRebuilds != 1 {
				t.Errorf("text edit: %d rebuilds the short way, want 1", sub.textRebuilds) // counted when good
			}
		})
	}
}

// TestLanguagesProblemsAtOnce: while one language has a problem, the links between the
// languages are checked where they can be, so that a coach sees every problem at once, in
// between serve and between build alike. A link into a language whose page fails to be
// read may lead to that page, which is missing from its model: it is checked once the page
// builds, not told it leads nowhere; nor is an id on a page whose Markdown has a problem.
func TestLanguagesProblemsAtOnce(t *testing.T) {
	badFront := "+++\ntitle = \"Was dir wichtig ist\nslug = \"werte\"\n+++\nText.\n"
	badLink := mdPage("Pausen", "", "Siehe [nichts](nichts.md).")
	// A block never closed takes the rest of the page, the field #f-mood with it.
	badBlock := strings.Replace(readFile(t, bilingualSite(t), "content/de/worksheets/values.md"), "::: choice id=mood", "{% highlight text %}\n::: choice id=mood", 1)
	frontErr := `content/articles/values.de.md:2:9: the title has no closing quote; end the value with " on the same line: title = "Was dir wichtig ist"`
	linkErr := "content/de/articles/pausen.md:5:7: link to articles/nichts.md: there is no such page (content/articles/nichts.md); check the file name"
	blockErr := "content/de/worksheets/values.md:14:1: {% highlight %} is never closed, so the rest of the page is taken into it; add a line {% endhighlight %} where it ends"
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"a German link broken, an English link into the German part", map[string]string{
			"content/de/articles/pausen.md": badLink,
			"content/about.md":              mdPage("About", "", "[link](/library/de/nirgends/)"),
		}, []string{
			"content/about.md:5:1: link to /library/de/nirgends/: the library has no page or file at /de/nirgends/; link the page's file (page.md) or put the file in static/",
			linkErr,
		}},
		{"a German front matter broken, an English link to an id on another German page", map[string]string{
			"content/articles/values.de.md": badFront,
			"content/about.md":              mdPage("About", "", "[link](/library/de/worksheets/werte-klaeren/#f-moo)"),
		}, []string{
			"content/about.md:5:1: link to #f-moo: /library/de/worksheets/werte-klaeren/ has no heading or field with that id; did you mean #f-mood?",
			frontErr,
		}},
		{"a German front matter broken, a German link into the English part", map[string]string{
			"content/articles/values.de.md": badFront,
			"content/de/ueber.md":           mdPage("Über", "", "[link](/library/nirgends/)"),
		}, []string{
			frontErr,
			"content/de/ueber.md:5:1: link to /library/nirgends/: the library has no page or file at /nirgends/; link the page's file (page.md) or put the file in static/",
		}},
		{"a German front matter broken, an English link to that page", map[string]string{
			"content/articles/values.de.md": badFront,
			"content/about.md":              mdPage("About", "", "[link](/library/de/articles/werte/)"),
		}, []string{frontErr}},
		{"a German front matter broken, an English link that may be to that page", map[string]string{
			"content/articles/values.de.md": badFront,
			"content/about.md":              mdPage("About", "", "[link](/library/de/nirgends/)"),
		}, []string{frontErr}},
		{"a German block never closed, an English link to an id it took", map[string]string{
			"content/de/worksheets/values.md": badBlock,
			"content/about.md":                mdPage("About", "", "[link](/library/de/worksheets/werte-klaeren/#f-mood)"),
		}, []string{blockErr}},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := strings.Join(c.want, "\n")
			root := bilingualSite(t)
			for name, text := range c.files {
				write(t, root, name, text)
			}
			if _, err := newBuilder(root).Build(); errText(err) != want {
				t.Errorf("build: got\n%s\nwant\n%s", errText(err), want)
			}
			if _, err := newBuilder(root).BuildTo(&mapSink{}); errText(err) != want {
				t.Errorf("streamed: got\n%s\nwant\n%s", errText(err), want)
			}
			// In between serve: the files saved at once into a library that built.
			root = bilingualSite(t)
			b := newBuilder(root)
			mustBuild(t, b)
			var changed []string
			for name, text := range c.files {
				write(t, root, name, text)
				changed = append(changed, name)
			}
			if _, err := b.Rebuild(changed); errText(err) != want {
				t.Errorf("rebuild: got\n%s\nwant\n%s", errText(err), want)
			}
		})
	}
}

// TestLanguagesRebuildAfterProblem: the save that fixes a problem, in a library in several
// languages, rebuilds what changed since the last good build, as in one language, rather
// than every language from scratch (13 s for 10,000 English and 2,000 German pages on a
// busy two-core machine, where the edits themselves took 0.06 to 2 s). What moved in the
// round that failed is told to the languages that did not build in it: a German page's
// language switch follows its English twin's new address, also when only the English pages
// build again. Every good rebuild equals a full build.
func TestLanguagesRebuildAfterProblem(t *testing.T) {
	root := bilingualSite(t)
	values := readFile(t, root, "content/articles/values.md")
	pausen := readFile(t, root, "content/de/articles/pausen.md")
	werte := readFile(t, root, "content/articles/values.de.md")
	about := mdPage("About", "", "About me.")
	write(t, root, "content/about.md", about)
	b := newBuilder(root)
	mustBuild(t, b)
	m := b.multi
	broken := "+++\ntitle = \"Broken\n+++\nText.\n"
	var pending []string // as the dev server passes them: every change since the last good build
	for _, st := range []struct {
		name  string
		files map[string]string
		ok    bool
		want  string // in de/articles/werte/index.html once good
	}{
		{"an English move while a German page breaks", map[string]string{
			"content/articles/values.md":    strings.Replace(values, "+++\ntitle", "+++\nslug = \"values2\"\ntitle", 1),
			"content/de/articles/pausen.md": broken,
		}, false, ""},
		{"the German page fixed", map[string]string{"content/de/articles/pausen.md": pausen}, true, `href="/library/articles/values2/"`},
		{"an English move while an English page breaks", map[string]string{
			"content/articles/values.md": strings.Replace(values, "+++\ntitle", "+++\nslug = \"values3\"\ntitle", 1),
			"content/about.md":           broken,
		}, false, ""},
		{"the English page fixed", map[string]string{"content/about.md": about}, true, `href="/library/articles/values3/"`},
		// The English pages built in the round that failed, with the German twin gone
		// from the table, and are not built again when it is fixed: their switches are.
		{"a German twin breaks while an English page changes", map[string]string{
			"content/articles/values.de.md": broken,
			"content/articles/rest.md":      strings.Replace(readFile(t, root, "content/articles/rest.md"), "+++\ntitle = \"", "+++\ntitle = \"New: ", 1),
		}, false, ""},
		{"the German twin fixed", map[string]string{"content/articles/values.de.md": werte}, true, `href="/library/articles/values3/"`},
	} {
		for f, text := range st.files {
			write(t, root, f, text)
			if !slices.Contains(pending, f) {
				pending = append(pending, f)
			}
		}
		res, err := b.Rebuild(pending)
		if (err == nil) != st.ok {
			t.Fatalf("%s: error %v, want ok %v", st.name, err, st.ok)
		}
		if !st.ok {
			continue
		}
		pending = nil
		if b.multi != m {
			t.Errorf("%s: every language built from scratch", st.name)
		}
		if !strings.Contains(string(res.Files["de/articles/werte/index.html"]), st.want) {
			t.Errorf("%s: the German twin's language switch does not hold %s", st.name, st.want)
		}
		if !strings.Contains(string(res.Files["articles/values3/index.html"]), `href="/library/de/articles/werte/"`) && st.want == `href="/library/articles/values3/"` {
			t.Errorf("%s: the English page's language switch does not lead to its German twin", st.name)
		}
		assertSameAsFull(t, root, res)
	}
}

// TestLanguagesRenderedCount: a rebuild counts the pages rendered in it, in the languages
// built in it, not those the other languages rendered when they last built (the dev
// server's line told "12899 pages re-rendered" for an edit of one page's text).
func TestLanguagesRenderedCount(t *testing.T) {
	root := bilingualSite(t)
	b := newBuilder(root)
	full := mustBuild(t, b)
	write(t, root, "content/de/articles/pausen.md", strings.Replace(readFile(t, root, "content/de/articles/pausen.md"), "Pause", "Pause heute", 1))
	res, err := b.Rebuild([]string{"content/de/articles/pausen.md"})
	if err != nil {
		t.Fatal(err)
	}
	if german := b.multi.subs[1].good.result.Rendered; res.Rendered != german || res.Rendered >= full.Rendered/2 {
		t.Errorf("a German text edit counts %d pages rendered, want the German pages' %d (a full build renders %d)", res.Rendered, german, full.Rendered)
	}
}

// TestLanguagesRootLinks: with a base URL of no path, a German page reaches an English
// page by its file (not yet translated) or by an address relative to its own
// (../../articles/rest/ on /de/ueber/): both are written from the site's root and lead to
// the English page, in a build and a streamed one. An address written from the root is
// read in the German part.
func TestLanguagesRootLinks(t *testing.T) {
	root := bilingualSite(t)
	cfg := readFile(t, root, "config.toml")
	write(t, root, "config.toml", strings.Replace(cfg, `baseURL = "https://example.org/library/"`, `baseURL = "https://example.org/"`, 1))
	write(t, root, "content/de/ueber.md", mdPage("Über", "",
		"[Datei](articles/rest.md), [relativ](../../articles/rest/#top), [Wurzel](/articles/pausen/) und [Englisch](../../articles/values/#a-small-experiment)."))
	for _, streamed := range []bool{false, true} {
		var html string
		if streamed {
			sink := &mapSink{}
			if _, err := newBuilder(root).BuildTo(sink); err != nil {
				t.Fatal(err)
			}
			html = string(sink.files["de/ueber/index.html"])
		} else {
			html = string(mustBuild(t, newBuilder(root)).Files["de/ueber/index.html"])
		}
		for _, want := range []string{
			`<a href="/articles/rest/">Datei</a>`,
			`<a href="/articles/rest/#top">relativ</a>`,
			`<a href="/de/articles/pausen/">Wurzel</a>`, // from the root: the German part's
			`<a href="/articles/values/#a-small-experiment">Englisch</a>`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("streamed %v: no %s in\n%s", streamed, want, html)
			}
		}
	}
	// And they are checked: against the English part, the id too.
	write(t, root, "content/de/ueber.md", mdPage("Über", "", "[Englisch](../../articles/values/#a-small-test)."))
	want := "content/de/ueber.md:5:1: link to #a-small-test: ../../articles/values/ has no heading or field with that id"
	if _, err := newBuilder(root).Build(); errText(err) != want {
		t.Errorf("got  %q\nwant %q", errText(err), want)
	}
}
