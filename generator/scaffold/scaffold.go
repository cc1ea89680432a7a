// Package scaffold writes new sites and new pages from commented templates, so that a coach
// learns the format from the file in front of them.
package scaffold

import (
	"crypto/rand"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/between-ssg/between/generator/slug"
	"github.com/between-ssg/between/generator/source"
)

//go:embed all:files
var files embed.FS

// UsageError is a mistake in how the command was called.
type UsageError struct{ msg string }

func (e UsageError) Error() string { return e.msg }

// kinds maps a kind to its section folder; a plain page sits at the top of content/.
var kinds = map[string]string{"article": "articles", "guide": "guides", "worksheet": "worksheets", "path": "paths", "page": ""}

// Options are the choices of `between new` beyond kind and name.
type Options struct {
	// Unlisted makes a page for one client: listed nowhere, at a random address (Slug).
	Unlisted bool
}

// New writes content/SECTION/NAME.md for kind in the site folder and returns its path. It
// never overwrites a file.
func New(siteDir, kind, name string) (string, error) {
	f, err := NewWith(siteDir, kind, name, Options{})
	return f.Path, err
}

// File is a page New wrote.
type File struct {
	Path string // the file
	Slug string // the random last part of its address, for an unlisted page
}

// NewWith is New with options.
func NewWith(siteDir, kind, name string, o Options) (File, error) {
	section, ok := kinds[kind]
	if !ok {
		return File{}, UsageError{fmt.Sprintf("unknown kind %q; use article, guide, worksheet, path or page", kind)}
	}
	if dir := filepath.ToSlash(filepath.Dir(name)); dir != "." && dir != section && dir != "content/"+section && !(section == "" && dir == "content") {
		return File{}, UsageError{fmt.Sprintf("%q names a folder; new writes into content/%s, so give the page's name alone, like %q", name, section, filepath.Base(name))}
	}
	base := source.Stem(filepath.Base(name))
	sl := slug.Make(base)
	if sl == "" {
		return File{}, UsageError{fmt.Sprintf("%q makes no file name; use letters or digits, like \"weekly-review\"", name)}
	}
	tpl, err := files.ReadFile("files/" + kind + ".md")
	if err != nil {
		return File{}, err
	}
	text := strings.ReplaceAll(string(tpl), "{{TITLE}}", tomlEscaper.Replace(titleOf(base)))
	text = strings.ReplaceAll(text, "{{DATE}}", time.Now().Format("2006-01-02"))
	if kind == "path" {
		// A path's example steps are pages the site has, so that it builds (with --drafts)
		// as soon as it is written; a site with none gets names to replace.
		steps := append(existingPages(siteDir), "articles/example.md", "worksheets/example.md")
		text = strings.ReplaceAll(text, "{{STEP1}}", steps[0])
		text = strings.ReplaceAll(text, "{{STEP2}}", steps[1])
	}
	out := File{Path: filepath.Join(siteDir, "content", section, sl+".md")}
	for _, ext := range source.Exts()[1:] {
		// calm.markdown is the page calm.md would be: both would be an error.
		if other := filepath.Join(siteDir, "content", section, sl+ext); fileExists(other) {
			return File{}, fmt.Errorf("%s already exists, the page %s would be; choose another name", other, filepath.Base(out.Path))
		}
	}
	if !o.Unlisted {
		if other := sameAddress(filepath.Join(siteDir, "content", section), sl); other != "" {
			return File{}, fmt.Errorf("%s already has the address the page %s would have, %s; choose another name",
				other, filepath.Base(out.Path), "/"+path.Join(section, sl)+"/")
		}
	}
	if o.Unlisted {
		out.Slug = randomSlug()
		// Right after the title, where the coach reads first why the address is odd.
		i := strings.Index(text, "\ntitle = ") + 1
		i += strings.Index(text[i:], "\n") + 1
		text = text[:i] + "# Unlisted: built at its address, but listed nowhere (no list, menu, tag, search,\n" +
			"# feed or sitemap). The address is random so that nobody can guess it: send the link\n" +
			"# to your client. It is not a password; see docs/security.md.\n" +
			"unlisted = true\nslug = \"" + out.Slug + "\"\n" + text[i:]
	}
	if err := writeNew(out.Path, []byte(text)); err != nil {
		return File{}, err
	}
	return out, nil
}

// titleOf is the title for a page named name on the command line. A name with a space was
// typed as a title ("Notes for Jordan Smith", "Réflexion été : l'essentiel") and is kept as
// it is: its capitals, accents and punctuation are the coach's. A name like a file's
// ("weekly-review") has its hyphens and underscores read as spaces, and, when it has no
// capital, a capital first.
func titleOf(name string) string {
	if !strings.ContainsFunc(name, unicode.IsSpace) {
		name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	}
	name = strings.Join(strings.Fields(name), " ")
	if strings.ContainsFunc(name, unicode.IsUpper) {
		return name
	}
	first, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(first)) + name[size:]
}

// tomlEscaper makes a title safe inside the template's double-quoted TOML string.
var tomlEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// randomSlug is ten letters and digits from the system's secure random source: 50 bits, far
// too many addresses to try.
func randomSlug() string {
	return strings.ToLower(rand.Text()[:10])
}

// existingPages lists the site's articles, guides and worksheets as content paths, in that
// order; the section lists (_index.md) are not pages.
func existingPages(siteDir string) []string {
	var out []string
	for _, section := range []string{"articles", "guides", "worksheets"} {
		entries, _ := os.ReadDir(filepath.Join(siteDir, "content", section))
		for _, e := range entries {
			name := e.Name()
			if !e.IsDir() && source.Ext(name) != "" && !strings.HasPrefix(name, "_") && !strings.HasPrefix(name, ".") {
				out = append(out, section+"/"+name)
			}
		}
	}
	return out
}

// Init writes a new site into dir: config.toml and one page of each kind, in lang (a language
// tag, "" for English). The example pages are translated where files/site-LANG exists; for
// another language they are in English, with language set so the theme speaks lang. It
// refuses to overwrite anything and returns the files written, and whether the pages are in
// lang.
func Init(dir, lang string) ([]string, bool, error) {
	if lang == "" {
		lang = "en"
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, false, UsageError{fmt.Sprintf("--language %q: use a language code such as \"de\", \"fr\" or \"pt-BR\"", lang)}
	}
	lang = tag.String()
	base, _ := tag.Base()
	root, translated := "files/site-"+base.String(), true
	if _, err := fs.Stat(files, root); err != nil {
		root, translated = "files/site", base.String() == "en"
	}
	var names []string
	err = fs.WalkDir(files, root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, strings.TrimPrefix(p, root+"/"))
		}
		return err
	})
	if err != nil {
		return nil, false, err
	}
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(n))); err == nil {
			return nil, false, fmt.Errorf("%s already exists; init writes only into a folder without a site", filepath.Join(dir, filepath.FromSlash(n)))
		}
	}
	var written []string
	for _, n := range names {
		data, err := files.ReadFile(root + "/" + n)
		if err != nil {
			return written, translated, err
		}
		if n == "config.toml" {
			data = languageLine.ReplaceAll(data, []byte(`language = "`+lang+`"`))
		}
		target := filepath.Join(dir, filepath.FromSlash(n))
		if err := writeNew(target, data); err != nil {
			return written, translated, err
		}
		written = append(written, target)
	}
	return written, translated, nil
}

var languageLine = regexp.MustCompile(`(?m)^language = "[^"]*"`)

// sameAddress is a page of dir (a file or a page bundle's folder) whose name makes the
// address sl, as "My Values.md" makes my-values, or "": the build would refuse the two pages
// at one address, after the coach had written in the new one.
func sameAddress(dir, sl string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && source.Ext(name) == "" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			continue
		}
		if e.IsDir() && !slices.ContainsFunc(source.Exts(), func(ext string) bool { return fileExists(filepath.Join(dir, name, "index"+ext)) }) {
			continue // a folder of pages or pictures, not a page bundle
		}
		if name == sl+".md" {
			continue // the same file: "already exists" says it
		}
		if slug.Make(source.Stem(name)) == sl {
			return filepath.Join(dir, name)
		}
	}
	return ""
}

// fileExists reports whether there is a file (or anything) at name.
func fileExists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}

func writeNew(target string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; choose another name", target)
	}
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	return errors.Join(werr, f.Close())
}
