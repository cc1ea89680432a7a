package scaffold

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/build"
)

func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "site")
	written, _, err := Init(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, w := range written {
		r, _ := filepath.Rel(dir, w)
		rel = append(rel, filepath.ToSlash(r))
	}
	sort.Strings(rel)
	want := []string{"config.toml", "content/_index.md", "content/about.md", "content/articles/welcome.md",
		"content/guides/after-a-session.md", "content/paths/start-here.md", "content/worksheets/next-steps.md"}
	if strings.Join(rel, " ") != strings.Join(want, " ") {
		t.Errorf("Init wrote %q\nwant %q", rel, want)
	}
	// The new site builds with no error and no warning, even when strict.
	b := build.New(build.Options{Root: dir, Strict: true})
	res, err := b.Build()
	if err != nil {
		t.Fatalf("the new site does not build: %v", err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	if res.Summary.Paths != 1 || res.Summary.Worksheets != 1 {
		t.Errorf("summary %+v; want the path and the worksheet", res.Summary)
	}

	// A second Init writes nothing, not even the files that are missing.
	os.Remove(filepath.Join(dir, "content/about.md"))
	if _, _, err := Init(dir, ""); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("Init over a site: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/about.md")); err == nil {
		t.Error("Init over a site wrote a file")
	}
}

// TestInitLanguage starts a library in each language with example pages and in one without:
// each builds, strictly, with its language set, and a translated one has no English page.
func TestInitLanguage(t *testing.T) {
	for _, c := range []struct {
		lang, want, title string
		translated        bool
	}{
		{"de", "de", "Willkommen", true},
		{"de-AT", "de-AT", "Willkommen", true},
		{"fr", "fr", "Bienvenue", true},
		{"es", "es", "Bienvenida", true},
		{"ja", "ja", "ようこそ", true},
		{"pt-br", "pt-BR", "Welcome", false},
		{"en-GB", "en-GB", "Welcome", true},
	} {
		dir := t.TempDir()
		_, translated, err := Init(dir, c.lang)
		if err != nil {
			t.Fatalf("%s: %v", c.lang, err)
		}
		if translated != c.translated {
			t.Errorf("%s: translated = %v, want %v", c.lang, translated, c.translated)
		}
		cfg, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
		if !strings.Contains(string(cfg), `language = "`+c.want+`"`) {
			t.Errorf("%s: config.toml has no language = %q:\n%s", c.lang, c.want, cfg)
		}
		home, _ := os.ReadFile(filepath.Join(dir, "content/_index.md"))
		if !strings.Contains(string(home), `title = "`+c.title+`"`) {
			t.Errorf("%s: the home page is not %q:\n%s", c.lang, c.title, home)
		}
		res, err := build.New(build.Options{Root: dir, Strict: true}).Build()
		if err != nil {
			t.Fatalf("%s: the new site does not build: %v", c.lang, err)
		}
		if res.Summary.Paths != 1 || res.Summary.Worksheets != 1 {
			t.Errorf("%s: summary %+v; want the path and the worksheet", c.lang, res.Summary)
		}
	}
	if _, _, err := Init(t.TempDir(), "Deutsch!"); !errors.As(err, new(UsageError)) {
		t.Errorf("Init with a wrong language: %v, want a usage error", err)
	}
}

// TestInitConfigAppended follows a coach who adds a setting at the end of the config.toml
// that init wrote, as docs/configuration.md shows it: the file ends with [params], so the line
// is a param, and the build must say so at its line rather than build without it. Moved where
// the file's comment (and the message) says, above the first table, it is read.
func TestInitConfigAppended(t *testing.T) {
	const line = `coach_email = "clara@example.org"` + "\n"
	for _, lang := range []string{"en", "de", "fr", "es", "ja"} {
		dir := t.TempDir()
		if _, _, err := Init(dir, lang); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, "config.toml")
		cfg, _ := os.ReadFile(name)
		text := string(cfg)
		// The paragraph above the first table is a comment that says new settings go above it.
		first := strings.Index(text, "\n[")
		if first < 0 || !strings.HasPrefix(text[first+1:], "[markdown]\n") {
			t.Fatalf("%s: the first table is not [markdown]:\n%s", lang, text)
		}
		head := strings.TrimRight(text[:first], "\n")
		para := head[strings.LastIndex(head, "\n\n")+2:]
		for _, l := range strings.Split(para, "\n") {
			if !strings.HasPrefix(l, "#") || !strings.Contains(para, "[markdown]") {
				t.Errorf("%s: the paragraph above [markdown] is not a comment that names it:\n%s", lang, para)
				break
			}
		}
		if !strings.HasSuffix(text, "\n") {
			t.Fatalf("%s: config.toml does not end with a line end", lang)
		}
		if err := os.WriteFile(name, []byte(text+line), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := build.New(build.Options{Root: dir}).Build()
		want := fmt.Sprintf("config.toml:%d: coach_email is inside [params] (line %d), so Between does not read it as its setting; move it above [markdown] (line %d), with the other settings",
			strings.Count(text, "\n")+1, strings.Count(text[:strings.Index(text, "\n[params]\n")+1], "\n")+1, strings.Count(text[:first+1], "\n")+1)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: the setting added at the end: %v\nwant %s", lang, err, want)
		}
		moved := text[:first+1] + line + text[first+1:]
		if err := os.WriteFile(name, []byte(moved), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := build.New(build.Options{Root: dir, Strict: true}).Build()
		if err != nil {
			t.Fatalf("%s: the setting moved above [markdown]: %v", lang, err)
		}
		if !strings.Contains(string(res.Files["js/strings.js"]), "clara@example.org") {
			t.Errorf("%s: the moved coach_email is not in js/strings.js", lang)
		}
	}
}

func TestNew(t *testing.T) {
	dir := t.TempDir()
	today := time.Now().Format("2006-01-02")
	tests := []struct {
		kind, name, file, title string
	}{
		{"article", "why-now", "content/articles/why-now.md", "Why now"},
		{"guide", "After The Call", "content/guides/after-the-call.md", "After The Call"},
		{"worksheet", "values.md", "content/worksheets/values.md", "Values"},
		{"path", "first month", "content/paths/first-month.md", "First month"},
		// A name typed as a title keeps its capitals, accents and punctuation.
		{"page", "Notes for Jordan Smith", "content/notes-for-jordan-smith.md", "Notes for Jordan Smith"},
		{"article", "Réflexion été : l'essentiel", "content/articles/réflexion-été-l-essentiel.md", "Réflexion été : l'essentiel"},
		{"guide", "iOS & NLP basics", "content/guides/ios-nlp-basics.md", "iOS & NLP basics"},
		{"article", `Say "no" \ kindly`, "content/articles/say-no-kindly.md", `Say \"no\" \\ kindly`},
		// A name like a file's reads its hyphens and underscores as spaces.
		{"worksheet", "weekly_review", "content/worksheets/weekly-review.md", "Weekly review"},
		{"worksheet", "iOS-setup", "content/worksheets/ios-setup.md", "iOS setup"},
		{"article", "content/articles/from-the-folder.md", "content/articles/from-the-folder.md", "From the folder"},
		// Another Markdown ending is left out as .md is: new writes .md pages.
		{"guide", "evening.markdown", "content/guides/evening.md", "Evening"},
	}
	for _, tt := range tests {
		file, err := New(dir, tt.kind, tt.name)
		if err != nil {
			t.Errorf("New(%s, %q): %v", tt.kind, tt.name, err)
			continue
		}
		if file != filepath.Join(dir, filepath.FromSlash(tt.file)) {
			t.Errorf("New(%s, %q) wrote %s, want %s", tt.kind, tt.name, file, tt.file)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		if !strings.Contains(s, `title = "`+tt.title+`"`) || !strings.Contains(s, "draft = true") || strings.Contains(s, "{{") {
			t.Errorf("%s:\n%s", tt.file, s)
		}
		if tt.kind != "path" && tt.kind != "page" && !strings.Contains(s, "date = "+today) {
			t.Errorf("%s has no date of today", tt.file)
		}
	}
	// The new pages build, with drafts, without errors or warnings: the path's steps are
	// pages the site has.
	b := build.New(build.Options{Root: dir, Drafts: true, Strict: true})
	if _, err := b.Build(); err != nil {
		t.Errorf("new pages do not build: %v", err)
	}
	path, _ := os.ReadFile(filepath.Join(dir, "content/paths/first-month.md"))
	if !strings.Contains(string(path), `steps = ["articles/why-now.md"]`) || !strings.Contains(string(path), `steps = ["guides/after-the-call.md"]`) {
		t.Errorf("the path's steps are not the site's pages:\n%s", path)
	}
}

func TestNewPathInAnEmptySite(t *testing.T) {
	dir := t.TempDir()
	file, err := New(dir, "path", "p")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	if !strings.Contains(string(data), `steps = ["articles/example.md"]`) {
		t.Errorf("with no pages to name, the path names examples:\n%s", data)
	}
}

func TestNewErrors(t *testing.T) {
	dir := t.TempDir()
	var ue UsageError
	if _, err := New(dir, "podcast", "x"); !errors.As(err, &ue) || !strings.Contains(err.Error(), `unknown kind "podcast"; use article, guide, worksheet, path or page`) {
		t.Errorf("unknown kind: %v", err)
	}
	if _, err := New(dir, "article", "!!!"); !errors.As(err, &ue) || !strings.Contains(err.Error(), "makes no file name") {
		t.Errorf("empty name: %v", err)
	}
	// A folder in the name is not dropped without a word: the page would not be where the
	// coach looks for it.
	if _, err := New(dir, "path", "week one/plan"); !errors.As(err, &ue) || !strings.Contains(err.Error(), `"week one/plan" names a folder; new writes into content/paths, so give the page's name alone, like "plan"`) {
		t.Errorf("a folder in the name: %v", err)
	}
	if _, err := New(dir, "article", "x"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/articles/x.md"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(dir, "article", "X"); err == nil || errors.As(err, &ue) || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("existing file: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "content/articles/x.md")); string(data) != "mine" {
		t.Error("New overwrote a file")
	}
	// calm.markdown is the page calm.md would be: writing it would make the build fail.
	if err := os.WriteFile(filepath.Join(dir, "content/articles/calm.markdown"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "content/articles/calm.markdown") + " already exists, the page calm.md would be; choose another name"
	if _, err := New(dir, "article", "Calm"); err == nil || err.Error() != want {
		t.Errorf("existing calm.markdown: %v, want %s", err, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/articles/calm.md")); err == nil {
		t.Error("New wrote calm.md beside calm.markdown")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "content")); len(entries) != 1 {
		t.Errorf("failed calls wrote folders: %v", entries)
	}
}

// TestNewSameAddress: a page whose name makes the address of a page already there ("My
// Values.md", a bundle's folder) is refused before it is written: the build would refuse the
// two, after the coach had written in the new one. An unlisted page, at its random address,
// is written.
func TestNewSameAddress(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"content/articles/My Values.md":     "x",
		"content/guides/weekly/index.md":    "x",
		"content/articles/_index.md":        "x",
		"content/articles/.hidden-notes.md": "x",
		"content/articles/images/photo.png": "x", // a folder, not a page bundle
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ kind, name, want string }{
		{"article", "my-values", filepath.Join(dir, "content/articles/My Values.md") + " already has the address the page my-values.md would have, /articles/my-values/; choose another name"},
		{"guide", "Weekly", filepath.Join(dir, "content/guides/weekly") + " already has the address the page weekly.md would have, /guides/weekly/; choose another name"},
		{"article", "values", ""},       // my-values is another address
		{"article", "hidden notes", ""}, // a hidden file is no page
		{"article", "images", ""},
	} {
		_, err := New(dir, c.kind, c.name)
		if c.want == "" && err != nil || c.want != "" && (err == nil || err.Error() != c.want) {
			t.Errorf("%s %q: %v, want %q", c.kind, c.name, err, c.want)
		}
	}
	if _, err := NewWith(dir, "article", "My values", Options{Unlisted: true}); err != nil {
		t.Errorf("an unlisted page: %v", err)
	}
}

// An unlisted page gets a random address: two are never alike, none holds its name, and it
// builds unlisted at that address with no warning.
func TestNewUnlisted(t *testing.T) {
	dir := t.TempDir()
	a, err := NewWith(dir, "page", "for-jordan", Options{Unlisted: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewWith(dir, "worksheet", "jordan-values", Options{Unlisted: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.Path != filepath.Join(dir, "content", "for-jordan.md") {
		t.Errorf("a page is written at %s, want content/for-jordan.md", a.Path)
	}
	for _, f := range []File{a, b} {
		if !regexp.MustCompile(`^[a-z2-7]{10}$`).MatchString(f.Slug) || strings.Contains(f.Slug, "jordan") {
			t.Errorf("slug %q: want 10 random letters and digits", f.Slug)
		}
		data, _ := os.ReadFile(f.Path)
		if !strings.Contains(string(data), "unlisted = true\nslug = \""+f.Slug+"\"\n") {
			t.Errorf("%s:\n%s", f.Path, data)
		}
	}
	if a.Slug == b.Slug {
		t.Errorf("two unlisted pages share the slug %q", a.Slug)
	}
	res, err := build.New(build.Options{Root: dir, Drafts: true, Strict: true}).Build()
	if err != nil {
		t.Fatalf("the unlisted pages do not build without warnings: %v", err)
	}
	for _, want := range []string{a.Slug + "/index.html", "worksheets/" + b.Slug + "/index.html"} {
		if _, ok := res.Files[want]; !ok {
			t.Errorf("no %s in the output", want)
		}
	}
	if data := string(res.Files["sitemap.xml"]); strings.Contains(data, a.Slug) || strings.Contains(data, b.Slug) {
		t.Errorf("the sitemap lists an unlisted page:\n%s", data)
	}
	// Without --unlisted, a plain page has no slug and is listed.
	c, err := NewWith(dir, "page", "about-me", Options{})
	if data, _ := os.ReadFile(c.Path); err != nil || c.Slug != "" || strings.Contains(string(data), "unlisted") {
		t.Errorf("a listed page: %v %q\n%s", err, c.Slug, data)
	}
}
