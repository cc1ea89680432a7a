// Package source reads a site's content files and splits each into front matter and body.
// It knows nothing about Markdown.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/input"
)

// MaxFront is the most front matter Parse decodes. A reading path of a thousand steps
// takes 50 KB. The TOML decoder's time grows faster than the text (measured: 64 KB of
// inline tables in 0.1 s, 256 KB in 2.7 s), so the text is bounded before it is decoded.
const MaxFront = 64 << 10

// File is one content file with its front matter decoded.
type File struct {
	Path     string         // slash path from the site root: "content/articles/x.md"
	Rel      string         // slash path inside content/, in NFC: "articles/x.md"
	Meta     map[string]any // front matter; TOML and YAML both decode to the same shapes
	Lines    map[string]int // line of each top-level front matter key in the file
	Front    []byte         // the front matter's text, which starts on the file's line 2
	Body     []byte
	BodyLine int // the file's line on which Body starts
	// Broken is set when the front matter has a syntax error (reported by Parse): its keys
	// are unknown, so the page layer should not also report them missing.
	Broken bool
	// Unread is set when the file is not text Between reads (not UTF-8): it is Broken, and
	// it has no body, so the ids of its headings are unknown too.
	Unread bool
	// HasFront is set when the file opens with front matter (even empty): without it, a
	// missing title asks NoFront why.
	HasFront bool
	YAML     bool // the front matter is YAML (between --- lines), so advice shows key: value
}

// List returns the content files under dir in fsys, as sorted slash paths: the pages (Ext)
// and the files in the formats of other generators' pages (Other), which the build tells
// the coach of.
func List(fsys fs.FS, dir string) ([]string, error) {
	pages, _, err := ListAll(fsys, dir)
	return pages, err
}

// ListAll is List, and also returns the data files of Eleventy under dir (EleventyData),
// which the walk meets anyway: Between does not read them, and says so.
func ListAll(fsys fs.FS, dir string) (pages, eleventy []string, err error) {
	var out []string
	err = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			return err
		}
		name := d.Name()
		if p != dir && (skipContent(name) || strings.HasPrefix(name, "_") && d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && (Ext(name) != "" || Other(name) != "") {
			out = append(out, p)
		} else if !d.IsDir() && EleventyData(name) {
			eleventy = append(eleventy, p)
		}
		return nil
	})
	sort.Strings(out)
	sort.Strings(eleventy)
	return out, eleventy, err
}

// EleventyData reports whether name is one of Eleventy's data files: settings for the
// pages of a folder (articles/articles.11tydata.json) or for one page (first.11tydata.js
// beside first.md).
func EleventyData(name string) bool {
	base, ext, _ := strings.Cut(name, ".11tydata.")
	switch ext {
	case "json", "js", "cjs", "mjs":
		return base != ""
	}
	return false
}

// Included reports whether the file at p (a slash path below dir) is content that List
// would return: a rebuild of one changed file must take exactly the files a full build takes.
func Included(dir, p string) bool {
	rel, ok := strings.CutPrefix(p, dir+"/")
	if !ok || Ext(p) == "" && Other(p) == "" {
		return false
	}
	parts := strings.Split(rel, "/")
	for _, folder := range parts[:len(parts)-1] {
		if skipContent(folder) || strings.HasPrefix(folder, "_") {
			return false
		}
	}
	return !skipContent(parts[len(parts)-1])
}

// markdownExts are the endings of the files that are pages: .md, and the others Hugo reads
// as Markdown (.markdown, .mdown) or editors name Markdown (.mkd, .mkdn). Hugo reads them in
// any case (About.MD), and so does Between.
var markdownExts = []string{".md", ".markdown", ".mdown", ".mkd", ".mkdn"}

// Exts returns the endings of the files that are pages, .md first.
func Exts() []string { return slices.Clone(markdownExts) }

// Ext returns the ending that makes the file name (or slash path) a page, as written
// (".md", ".markdown", ".MD"), or "" when it is no page's.
func Ext(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return ""
	}
	ext := name[i:]
	if ext == ".md" { // nearly every page's: no loop
		return ext
	}
	for _, e := range markdownExts {
		if strings.EqualFold(ext, e) {
			return ext
		}
	}
	return ""
}

// Stem returns name without the ending that makes it a page's ("articles/calm" for
// "articles/calm.markdown"), and name itself when it is no page's.
func Stem(name string) string {
	return name[:len(name)-len(Ext(name))]
}

// otherFormats are the formats of the pages other generators make, by their files'
// endings, which Between does not read: Hugo's HTML, Org, AsciiDoc, reStructuredText and
// Pandoc pages, Jupyter notebooks (Jupyter Book, Quarto, MkDocs' plugins) and Eleventy's
// templates.
var otherFormats = map[string]string{
	".html": "HTML", ".htm": "HTML",
	".org":  "Org",
	".adoc": "AsciiDoc", ".asciidoc": "AsciiDoc", ".ad": "AsciiDoc",
	".rst": "reStructuredText", ".rest": "reStructuredText",
	".pdc": "Pandoc", ".pandoc": "Pandoc",
	".ipynb": "Jupyter notebook",
	// Eleventy's templates, most of them the lists, feeds and sitemaps Between makes itself.
	".njk": "Nunjucks template", ".liquid": "Liquid template", ".hbs": "Handlebars template",
	".ejs": "EJS template", ".pug": "Pug template", ".haml": "Haml template", ".mustache": "Mustache template",
}

// Other returns the format of the page another generator would make of the file name, in
// words ("Org", "AsciiDoc"), or "" when it is in none: Between publishes no page of it.
func Other(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return ""
	}
	return otherFormats[strings.ToLower(name[i:])]
}

// OtherExts returns the endings of the files in otherFormats, sorted.
func OtherExts() []string { return slices.Clone(otherExts) }

var otherExts = slices.Sorted(maps.Keys(otherFormats))

// HasFront reports whether data, the start of a file, opens with front matter: a +++ or
// --- line.
func HasFront(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	return hasLine(data, "+++") || hasLine(data, "---")
}

// skipContent reports whether a name in content/ is passed over: every hidden name (no
// page is published from a .well-known), and scratch files.
func skipContent(name string) bool {
	return strings.HasPrefix(name, ".") || Scratch(name)
}

// Ignored reports whether a file or folder name stays out of the site: hidden (but for the
// few hidden names websites publish) or an editor's or the system's scratch file. The build
// (content and static files) and the dev server's watcher all ask this one function, so that
// the watcher reacts to exactly the files a build takes.
func Ignored(name string) bool {
	return Hidden(name) || Scratch(name)
}

// Hidden reports whether a name is hidden: a dotfile or dot-folder (.git, .private, .x.swp)
// other than the ones web hosts read.
func Hidden(name string) bool {
	switch name {
	case ".well-known", ".nojekyll", ".htaccess":
		return false
	}
	return strings.HasPrefix(name, ".")
}

// Scratch reports whether a file name is one that editors, tools and operating systems make
// beside a file while saving it, or leave behind: swap and backup files, lock files, the
// temporary file of a save by rename. Most are hidden too; these are the ones that are not.
func Scratch(name string) bool {
	switch {
	case name == "":
		return true
	case name == "4913": // vim checks that it may write in the folder
		return true
	case name == "Thumbs.db", name == "desktop.ini":
		return true
	case strings.HasSuffix(name, "~"): // vim, Emacs, gedit backups
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // Emacs auto-save
		return true
	case isSedTemp(name): // sed -i writes sedXXXXXX, then renames it over the file
		return true
	}
	for _, suffix := range scratchSuffixes {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

var scratchSuffixes = []string{
	".swp", ".swx", ".swpx", // vim
	".tmp", ".temp", // many editors' save by rename
	".new",                         // x.md.new, renamed over x.md
	".crswap",                      // Chrome's File System Access (VS Code for the web)
	"___jb_tmp___", "___jb_old___", // JetBrains' safe write
	".kate-swp", ".bak", ".orig", // Kate; backups and merge leftovers
	".part", ".crdownload", ".partial", // downloads and copies in progress
}

// isSedTemp reports whether name is GNU sed's temporary file: "sed" and six letters or digits.
func isSedTemp(name string) bool {
	if len(name) != 9 || !strings.HasPrefix(name, "sed") {
		return false
	}
	for _, c := range name[3:] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// Parse splits data, the bytes of the file at p (site-root relative), into front matter and
// body. Problems come back as diagnostics; the File is still returned when it can be.
func Parse(p string, data []byte) (*File, diag.List) {
	// Rel is in NFC, as links and path steps are looked up in NFC: a name that macOS wrote
	// in NFD ("Re" + accent + "flexion.md") is found by a link typed either way.
	f := &File{Path: p, Rel: norm.NFC.String(strings.TrimPrefix(p, "content/")), Meta: map[string]any{}, Lines: map[string]int{}, BodyLine: 1}
	var errs diag.List
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if line, col, msg, ok := input.NotText(data); !ok {
		// Told where, and how to save it; the page stays, unread (Broken), so that the
		// steps and links that lead to it are not also told they lead to nothing.
		errs.Add(p, line, col, "%s", msg)
		f.Broken, f.Unread = true, true
		return f, errs
	}
	delim := ""
	switch {
	case hasLine(data, "+++"):
		delim = "+++"
	case hasLine(data, "---"):
		delim = "---"
	default:
		f.Body = data
		return f, errs
	}
	rest := data[len(delim):]
	rest = bytes.TrimLeft(rest, " \t")
	if len(rest) > 0 && rest[0] == '\r' {
		rest = rest[1:]
	}
	if len(rest) == 0 || rest[0] != '\n' {
		f.Body = data
		return f, errs
	}
	rest = rest[1:]
	// Find the closing delimiter on a line of its own.
	end, lineNo, off := -1, 2, 0
	for off <= len(rest) {
		nl := bytes.IndexByte(rest[off:], '\n')
		var line []byte
		if nl < 0 {
			line = rest[off:]
		} else {
			line = rest[off : off+nl]
		}
		if strings.TrimSpace(string(line)) == delim {
			end = off
			break
		}
		if nl < 0 {
			break
		}
		off += nl + 1
		lineNo++
	}
	if end < 0 {
		errs.Add(p, 1, 1, "front matter opened with %s is never closed; add a line with only %s after the last key", delim, delim)
		return nil, errs
	}
	fm := rest[:end]
	body := rest[end:]
	if nl := bytes.IndexByte(body, '\n'); nl >= 0 {
		body = body[nl+1:]
	} else {
		body = nil
	}
	f.Body = body
	f.Front = fm
	f.HasFront = true
	f.YAML = delim == "---"
	f.BodyLine = lineNo + 1
	var ferrs diag.List
	switch {
	case len(fm) > MaxFront:
		ferrs.Add(p, 1, 0, "the front matter is larger than %s; keep it to the page's settings and move long text into the page", input.Size(MaxFront))
	case delim == "+++" && input.TOMLDepth(fm) > 0:
		ferrs.Add(p, input.TOMLDepth(fm)+1, 0, "front matter: lists or tables nest more than %d deep here; Between's settings need at most three levels", input.MaxDepth)
	case delim == "---" && input.YAMLDepth(fm) > 0:
		ferrs.Add(p, input.YAMLDepth(fm)+1, 0, "front matter: lists or maps nest more than %d deep here; Between's settings need at most three levels", input.MaxDepth)
	case delim == "+++":
		ferrs = decodeTOML(f, fm)
	default:
		ferrs = decodeYAML(f, fm)
	}
	f.Broken = len(ferrs) > 0
	if line, msg := secondFront(body, f.BodyLine, lineNo, f.YAML); msg != "" {
		errs.Warn(p, line, 1, "%s", msg)
	}
	return f, append(errs, ferrs...)
}

func hasLine(data []byte, delim string) bool {
	if !bytes.HasPrefix(data, []byte(delim)) {
		return false
	}
	rest := strings.TrimLeft(string(data[len(delim):min(len(data), len(delim)+8)]), " \t\r")
	return rest == "" || rest[0] == '\n'
}

// quick lets decodeTOML try quickTOML first; tests turn it off to compare.
var quick = true

func decodeTOML(f *File, fm []byte) diag.List {
	if quick {
		if meta, lines, ok := quickTOML(fm); ok {
			f.Meta, f.Lines = meta, lines
			return nil
		}
	}
	var errs diag.List
	if _, err := toml.Decode(string(fm), &f.Meta); err != nil {
		line, col, msg := config.TOMLError(fm, err, 1, true)
		errs.Add(f.Path, line, col, "%s", msg)
		return errs
	}
	lines := config.TopKeyLines(fm)
	for k := range f.Meta {
		if l := lines[k]; l > 0 {
			f.Lines[k] = l + 1
		} else {
			f.Lines[k] = 1
		}
	}
	return errs
}

func decodeYAML(f *File, fm []byte) diag.List {
	var errs diag.List
	var node yaml.Node
	if err := yaml.Unmarshal(fm, &node); err != nil {
		line, msg := yamlErrorLine(err)
		if key, v, qline, col, ok := config.UnclosedQuote(fm, ':'); ok && qline <= line {
			errs.Add(f.Path, qline+1, col, "%s", config.UnclosedQuoteMessage(key, v, ':'))
			return errs
		}
		if hint, col, ok := yamlHint(fm, line, msg); ok {
			errs.Add(f.Path, line+1, col, "%s", hint)
			return errs
		}
		errs.Add(f.Path, line+1, yamlColumn(fm, line, msg), "front matter (YAML): %s", msg)
		return errs
	}
	if len(node.Content) == 0 {
		return errs
	}
	root := node.Content[0]
	if root.Kind != yaml.MappingNode {
		if l := strings.TrimSpace(strings.SplitN(string(fm), "\n", 2)[0]); config.LooksLikeSetting(l, '=') {
			k, v, _ := strings.Cut(l, "=")
			errs.Add(f.Path, 2, 1, "between --- lines write %s: %s; the %s = form is TOML, which goes between +++ lines", strings.TrimSpace(k), config.Shorten(strings.TrimSpace(v)), strings.TrimSpace(k))
			return errs
		}
		errs.Add(f.Path, root.Line+1, root.Column, "front matter (YAML) must be a list of key: value lines")
		return errs
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if first, dup := f.Lines[k.Value]; dup {
			// TOML refuses a key given twice; YAML would quietly keep the last one.
			errs.Add(f.Path, k.Line+1, k.Column, "front matter: %s is set twice (first on line %d); keep one", k.Value, first)
			continue
		}
		var val any
		if err := v.Decode(&val); err != nil {
			errs.Add(f.Path, v.Line+1, v.Column, "front matter: %s: %v", k.Value, err)
			continue
		}
		f.Meta[k.Value] = normalizeYAML(val)
		f.Lines[k.Value] = k.Line + 1
	}
	return errs
}

// yamlErrorLine returns the line of the front matter (1-based) that a yaml.v3 syntax error
// is about, and its message without the "yaml: line N:" prefix.
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	var n int
	if _, e := fmt.Sscanf(msg, "line %d:", &n); e == nil {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		line = n
		// yaml.v3 counts lines from 1 for the scanner's errors but from 0 for the parser's
		// (it adds one only to the former), so a parser error names the line before.
		if yamlParserError(msg) {
			line = n + 1
		}
	}
	return line, msg
}

// yamlColumn finds the column, in characters, of a YAML syntax error that yaml.v3 says is on
// line (of fm, from 1) with msg: it names a line only, though its scanner knows the column.
// It is where the decoder stops: the end of the shortest start of that line after which
// (with the lines above, and nothing below) it gives the same message for the same line. At
// "title: Goals: a primer" that is the second colon; at "tags: [a, b", never closed, the [.
// 0 when no start of the line does, as for a mistake seen only on a later line. It decodes
// the front matter again for each character tried, so it tries the first maxYAMLColumn of
// the line only: a description pasted as one line of 30,000 characters, with its mistake
// at the end, took 75 s to be told.
func yamlColumn(fm []byte, line int, msg string) int {
	start := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(fm[start:], '\n')
		if i < 0 {
			return 0
		}
		start += i + 1
	}
	text, _, _ := bytes.Cut(fm[start:], []byte{'\n'})
	switch msg {
	case "did not find expected ',' or ']'":
		// Said of the list as a whole, on the line of its [: the [ that is never closed.
		if c := unclosedOpener(text, '[', ']'); c > 0 {
			return c
		}
	case "did not find expected ',' or '}'":
		if c := unclosedOpener(text, '{', '}'); c > 0 {
			return c
		}
	}
	var node yaml.Node
	col := 0
	for i, r := range string(text) {
		col++
		if r == '\r' || col > maxYAMLColumn {
			break
		}
		err := yaml.Unmarshal(fm[:start+i+utf8.RuneLen(r)], &node)
		if err == nil {
			continue
		}
		if l, m := yamlErrorLine(err); l == line && m == msg {
			return col
		}
	}
	return 0
}

// maxYAMLColumn is the farthest column yamlColumn looks for a mistake at: a setting's name
// and the start of its value, where front matter's mistakes are.
const maxYAMLColumn = 200

// unclosedOpener is the column, in characters, of the last open (a [ or {) in line that no
// close (] or }) after it closes, outside quotes; 0 if there is none.
func unclosedOpener(line []byte, open, close rune) int {
	var opens []int
	var quote rune
	col := 0
	for _, r := range string(line) {
		col++
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == open:
			opens = append(opens, col)
		case r == close && len(opens) > 0:
			opens = opens[:len(opens)-1]
		}
	}
	if len(opens) == 0 {
		return 0
	}
	return opens[len(opens)-1]
}

// yamlParserError reports whether msg is one of yaml.v3's parser (not scanner) errors.
func yamlParserError(msg string) bool {
	switch msg {
	case "did not find expected <stream-start>", "did not find expected <document start>",
		"did not find expected node content", "did not find expected '-' indicator",
		"did not find expected key", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"found duplicate %TAG directive", "found duplicate %YAML directive",
		"found incompatible YAML document", "found undefined tag handle":
		return true
	}
	return false
}

// normalizeYAML makes YAML values look like the TOML decoder's, so the page layer checks one
// set of shapes: maps with string keys, []any lists, int64 numbers.
func normalizeYAML(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalizeYAML(e)
		}
		return x
	case map[any]any:
		m := map[string]any{}
		for k, e := range x {
			m[fmt.Sprint(k)] = normalizeYAML(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = normalizeYAML(e)
		}
		return x
	case int:
		return int64(x)
	case time.Time:
		return x
	}
	return v
}

// Dir returns the folder of a content-relative path, "" at the top.
func Dir(rel string) string {
	d := path.Dir(rel)
	if d == "." {
		return ""
	}
	return d
}
