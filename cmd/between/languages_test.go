package main

import (
	"bytes"
	"html"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/generator/theme"
	"github.com/between-ssg/between/themes"
)

// TestNoEnglishThemeWords builds the small German, Japanese and Arabic libraries and looks
// for the theme's English words in everything a client's browser gets: a button, a status
// line in a data- attribute, a feed title. Each word whose translation differs from English
// must not appear in English anywhere.
func TestNoEnglishThemeWords(t *testing.T) {
	en := themeWords(t, "en")
	// The German part (de/) of a library in two languages is checked like a German library.
	for _, c := range []struct{ lang, fixture, part string }{
		{"de", "site-de", ""}, {"ja", "site-ja", ""}, {"ar", "site-ar", ""}, {"de", "site-bilingual", "de/"},
	} {
		lang := c.lang
		t.Run(c.fixture, func(t *testing.T) {
			words := map[string]string{}
			chain := theme.Chain(lang)
			for i := len(chain) - 2; i >= 0; i-- { // not en: a word missing in the language is a leak
				for k, v := range themeWords(t, chain[i]) {
					words[k] = v
				}
			}
			res, err := buildAt(fixtureSite(t, c.fixture, false), build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for name := range res.Files {
				if isText(name) && strings.HasPrefix(name, c.part) {
					names = append(names, name)
				}
			}
			sort.Strings(names)
			if len(names) < 10 {
				t.Fatalf("only %d pages built: is the fixture complete?", len(names))
			}
			readable := map[string][]string{}
			for _, name := range names {
				readable[name] = readableText(string(res.Files[name]), strings.HasSuffix(name, ".xml"))
			}
			checked := 0
			for key, english := range en {
				if words[key] == english {
					continue // the same word in both languages ("Menu" in Dutch, say)
				}
				for _, frag := range fragments(english) {
					checked++
					for _, name := range names {
						re := regexp.MustCompile(`(^|\P{L})` + regexp.QuoteMeta(frag) + `($|\P{L})`)
						for _, s := range readable[name] {
							if re.MatchString(s) {
								t.Errorf("%s: the English %q (%s) in a %s library, in %q", name, frag, key, lang, s)
								break
							}
						}
					}
				}
			}
			if checked < 50 {
				t.Fatalf("checked only %d English words: is en.toml read?", checked)
			}
		})
	}
}

func themeWords(t *testing.T, lang string) map[string]string {
	t.Helper()
	data, err := fs.ReadFile(themes.Default, "default/i18n/"+lang+".toml")
	if err != nil {
		return nil
	}
	var m map[string]string
	if _, err := toml.Decode(string(data), &m); err != nil {
		t.Fatalf("%s.toml: %v", lang, err)
	}
	return m
}

var placeholder = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]|\{[a-z]+\}`)

// fragments splits an English word into the literal runs between its placeholders, keeping
// those long enough to be telling ("Mark as done", "Row"; not "of" or "h").
func fragments(w string) []string {
	var out []string
	for _, f := range placeholder.Split(w, -1) {
		f = strings.TrimSpace(f)
		if len([]rune(f)) >= 3 && strings.ContainsAny(strings.ToLower(f), "abcdefghijklmnopqrstuvwxyz") {
			out = append(out, f)
		}
	}
	return out
}

func isText(name string) bool {
	for _, ext := range []string{".html", ".xml", ".webmanifest", ".txt"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

var (
	skipped    = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<!--.*?-->|<!\[CDATA\[|\]\]>`)
	tagRe      = regexp.MustCompile(`(?s)<[^>]*>`)
	wordAttrRe = regexp.MustCompile(`([a-zA-Z:-]+)="([^"]*)"`)
	scriptSlot = regexp.MustCompile(`\{[a-z]+\}`) // {done}: filled in by the scripts
	wordAttrs  = map[string]bool{"aria-label": true, "title": true, "placeholder": true, "alt": true, "content": true, "value": true, "aria-description": true, "aria-roledescription": true}
)

// readableText lists what a person can read or hear of a page: its text, the attributes a
// browser shows or speaks, and the words in data- attributes that the scripts show. Addresses
// and ids are left out: /articles/ in a URL is not an English word on the page.
func readableText(page string, xml bool) []string {
	if xml {
		// A feed carries each page's HTML escaped inside <content>.
		page = html.UnescapeString(page)
	}
	page = skipped.ReplaceAllString(page, " ")
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(scriptSlot.ReplaceAllString(html.UnescapeString(s), " "))
		if s == "" || strings.Contains(s, "://") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "#") {
			return
		}
		out = append(out, s)
	}
	for _, tag := range tagRe.FindAllString(page, -1) {
		for _, m := range wordAttrRe.FindAllStringSubmatch(tag, -1) {
			if wordAttrs[m[1]] || strings.HasPrefix(m[1], "data-") && strings.ContainsAny(m[2], " ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				add(m[2])
			}
		}
	}
	for _, text := range tagRe.Split(page, -1) {
		add(text)
	}
	return out
}

// TestBilingualBuildToDisk: "between build" of a library in two languages writes what the
// dev server serves, and "between check" passes it; a second build changes nothing.
func TestBilingualBuildToDisk(t *testing.T) {
	site := fixtureSite(t, "site-bilingual", false)
	want, err := buildAt(site, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr := runCode(t, 0, "check", "--strict", "-s", site)
	if stderr != "" || !strings.HasPrefix(stdout, "Checked ") {
		t.Errorf("check: stdout %q\nstderr %q", stdout, stderr)
	}
	out := filepath.Join(t.TempDir(), "public")
	runCode(t, 0, "build", "-s", site, "-d", out)
	got := readTree(t, out)
	if len(got) != len(want.Files) {
		t.Errorf("wrote %d files, the dev server has %d", len(got), len(want.Files))
	}
	for name, data := range want.Files {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s on disk differs from the dev server's", name)
		}
	}
	stdout, _ = runCode(t, 0, "build", "-s", site, "-d", out)
	if !strings.Contains(stdout, " 0 files written") && !strings.Contains(stdout, ": 0 files written") {
		t.Errorf("a second build wrote files: %s", stdout)
	}
}
