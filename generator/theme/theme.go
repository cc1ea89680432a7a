// Package theme finds and parses a site's templates, static files and words: the site's own
// layouts/ first, then themes/NAME/ in the site, then the embedded default theme.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/input"
	"github.com/between-ssg/between/generator/source"
	"github.com/between-ssg/between/themes"
)

// Layouts are the page templates a theme provides, one per kind of output.
var Layouts = []string{"home", "article", "guide", "worksheet", "page", "path", "booklet", "section", "tags", "tag", "search", "notes", "404", "alias"}

// Theme is a parsed set of templates with their words.
type Theme struct {
	templates map[string]*template.Template
	words     map[string]string
	// plain lists the words without a fmt verb, found once so that T on the per-page path
	// runs no regular expression.
	plain map[string]bool
	// cache holds what partialCached made in this build, by layout, name and variants.
	cache sync.Map
	// pieces are the pieces each layout makes in Go (pieces.go), by layout.
	pieces map[string]map[string]pieceFunc
	// frames are the layouts that run without text/template (frame.go), by layout.
	frames map[string]*frame
	// nums are the words made with numbers so far (recall).
	nums   map[numKey]string
	numsMu sync.RWMutex
	// icons are the built-in theme's icons that pieces show, made once from their templates.
	icons map[string]string
	// strings says, by layout, which file its "strings" template (the scripts' words) comes
	// from, for Strings.
	strings map[string]stringsSource
	// Static lists every static file (theme first, site overrides after) as output path → source.
	Static map[string]Source
	// StaticFull is the static folder ("static/") in which ScanStatic stopped at
	// MaxStaticFiles files, or "".
	StaticFull string
	// Sources records which files each layout was parsed from, so a change to one of them
	// re-renders exactly the pages that use it.
	Sources map[string][]string

	reads        map[string]Reads // by layout
	staticLayers []layer
	lang         string
	dir          string // Dir(lang), found once: the templates ask on every page
	plural       func(n int) string

	// IDs are the ids the site's own layouts and a theme folder's, those in use, write as
	// text (id="reflect"), sorted: the headings of the pages' text keep off them, as off
	// the built-in theme's own (markdown's takenIDs), so that a page has one element of each.
	IDs []string

	// Warnings are problems that do not stop a build, such as a language with no words.
	Warnings diag.List
}

// MaxStaticFiles is the most static files a site may have, with the folders its links lead
// to: ten times a large library's pictures and handouts.
const MaxStaticFiles = 100000

var maxStatic = MaxStaticFiles // smaller in tests
// Source is where a static file comes from.
type Source struct {
	FS   fs.FS
	Path string
	// Origin is the site-relative file name ("static/css/site.css"), or "theme:..." for the
	// embedded theme.
	Origin string
}

// layer is one place templates come from, in order of precedence.
type layer struct {
	fs     fs.FS
	prefix string // inside fs: "layouts", "themes/x/layouts"
	origin string // for Sources: "layouts/", "themes/x/layouts/", "theme:"
}

// Load reads the theme of a site. siteFS is the site folder; name is config's theme ("" for
// the default); lang picks i18n/LANG.toml.
func Load(siteFS fs.FS, name, lang string) (*Theme, error) {
	layers, staticLayers, i18nLayers, err := layersOf(siteFS, name)
	if err != nil {
		return nil, err
	}
	t := &Theme{templates: map[string]*template.Template{}, words: map[string]string{}, Static: map[string]Source{}, Sources: map[string][]string{}, reads: map[string]Reads{},
		pieces: map[string]map[string]pieceFunc{}, frames: map[string]*frame{}, strings: map[string]stringsSource{}}
	var errs diag.List
	t.loadWords(lang, i18nLayers, &errs)
	t.lang = lang
	t.dir = Dir(lang)
	t.plural = pluralFor(lang)
	t.staticLayers = staticLayers
	t.ScanStatic()
	ls := &layouts{layers: layers, errs: &errs, unreadable: map[string]bool{}}
	ls.findShared()
	t.parseLayouts(ls)
	t.warnUnused(ls)
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	t.plain = make(map[string]bool, len(t.words))
	for k, w := range t.words {
		t.plain[k] = !verb.MatchString(w)
	}
	return t, nil
}

// layersOf returns where layouts, static files and words come from, in order of
// precedence: the site's, a theme folder's (config's theme = name), the embedded theme's.
func layersOf(siteFS fs.FS, name string) (layers, staticLayers, i18nLayers []layer, err error) {
	def, _ := fs.Sub(themes.Default, "default")
	layers = []layer{{siteFS, "layouts", "layouts/"}}
	staticLayers = []layer{{def, "static", "theme:static/"}}
	i18nLayers = []layer{{def, "i18n", "theme:i18n/"}}
	if name != "" && name != "default" {
		dir := "themes/" + name
		if _, err := fs.Stat(siteFS, dir); err != nil {
			line := 0
			if data, err := fs.ReadFile(siteFS, "config.toml"); err == nil {
				line = config.TopKeyLines(data)["theme"]
			}
			return nil, nil, nil, diag.List{{File: "config.toml", Line: line, Msg: fmt.Sprintf("theme = %q: there is no folder %s/ in the site; remove the line to use the default theme "+
				"(a theme made for another generator, such as Hugo's, does not work with Between)", name, dir)}}
		}
		layers = append(layers, layer{siteFS, dir + "/layouts", dir + "/layouts/"})
		staticLayers = append(staticLayers, layer{siteFS, dir + "/static", dir + "/static/"})
		i18nLayers = append(i18nLayers, layer{siteFS, dir + "/i18n", dir + "/i18n/"})
	}
	layers = append(layers, layer{def, "layouts", "theme:layouts/"})
	staticLayers = append(staticLayers, layer{siteFS, "static", "static/"})
	i18nLayers = append(i18nLayers, layer{siteFS, "i18n", "i18n/"})
	return layers, staticLayers, i18nLayers, nil
}

// loadWords reads the theme's words for lang. They fall back word by word from the most
// specific file to English: pt-BR, then pt, then en. A more specific language wins over
// every layer of a less specific one, so a site's own i18n/en.toml cannot put English
// words into a German site.
func (t *Theme) loadWords(lang string, i18nLayers []layer, errs *diag.List) {
	chain := Chain(lang)
	found := map[string]bool{}
	for i := len(chain) - 1; i >= 0; i-- {
		file := chain[i] + ".toml"
		for _, l := range i18nLayers {
			if t.loadWordFile(l, file, errs) {
				found[chain[i]] = true
			}
			t.otherWordFiles(l, chain[i])
		}
	}
	if !isEnglish(lang) && !anyFound(found, chain[:len(chain)-1]) {
		t.Warnings.Warn("config.toml", 0, 0, "language = %q: the theme has no words in this language, so its buttons and labels are in English; add i18n/%s.toml with the keys of the theme's en.toml translated (see docs/languages.md)", lang, lang)
	}
}

// otherWordFiles warns of a words file for lang in a format Between does not read, as a
// Hugo site brings them (i18n/en.yaml, i18n/fr.json): nothing else would say why its words
// do not show. Only the site's own folder and its themes' are looked in, not the built-in
// theme's, and only for the languages the site's words are taken from.
func (t *Theme) otherWordFiles(l layer, lang string) {
	if l.origin == "theme:i18n/" {
		return
	}
	for _, ext := range []string{".yaml", ".yml", ".json"} {
		if _, err := fs.Stat(l.fs, l.prefix+"/"+lang+ext); err == nil {
			t.Warnings.Warn(l.origin+lang+ext, 0, 0, "Between reads words only from %s.toml, so this file changes nothing; "+
				"write them one a line, like feed = \"...\", starting from the theme's i18n/en.toml (see docs/languages.md)", lang)
		}
	}
}

// loadWordFile reads one words file of a layer, if it has it, and reports whether it gave
// a word.
func (t *Theme) loadWordFile(l layer, file string, errs *diag.List) bool {
	data, err := input.ReadFile(l.fs, l.prefix+"/"+file, input.ConfigLimit)
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil {
		errs.Add(l.origin+file, 0, 0, "%s", input.Problem(err))
		return false
	}
	if line := input.TOMLDepth(data); line > 0 {
		errs.Add(l.origin+file, line, 0, "lists or tables nest more than %d deep here; each word is text, like key = \"...\"", input.MaxDepth)
		return false
	}
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		line, col, msg := config.TOMLError(data, err, 0, false)
		errs.Add(l.origin+file, line, col, "%s", msg)
		return false
	}
	gave := false
	hugo := "" // the first key written as Hugo writes its words, [key] with other = "..."
	for k, v := range m {
		if t, ok := v.(map[string]any); ok && (t["other"] != nil || t["one"] != nil) {
			if hugo == "" || config.KeyLine(data, []string{k}) < config.KeyLine(data, []string{hugo}) {
				hugo = k
			}
			continue
		}
		w, ok := v.(string)
		if !ok {
			errs.Add(l.origin+file, config.KeyLine(data, []string{k}), 0, "%s must be text in quotes, like %s = \"...\"", k, k)
			continue
		}
		if msg := checkFormat(w); msg != "" {
			errs.Add(l.origin+file, config.KeyLine(data, []string{k}), 0, "%s: %s", k, msg)
			continue
		}
		t.words[k] = w
		gave = true
		if l.origin == "i18n/" {
			t.checkWordKey(l, file, data, k)
		}
	}
	if hugo != "" {
		// A Hugo site's (or theme's) words file: its keys are its templates', not the
		// theme's, so one message for the file, not one for each of its words.
		errs.Add(l.origin+file, config.KeyLine(data, []string{hugo}), 0, "this file holds words as Hugo writes them ([%s] with other = \"...\"), for a Hugo theme's templates; "+
			"Between's theme has words of its own, one a line, like feed = \"...\": start from the theme's i18n/en.toml (see docs/languages.md), and remove the Hugo words", hugo)
	}
	return gave
}

// themeKeys are the keys of the embedded theme's English words: the words its templates ask
// for.
var themeKeys = sync.OnceValue(func() []string {
	var m map[string]any
	data, _ := fs.ReadFile(themes.Default, "default/i18n/en.toml")
	_, _ = toml.Decode(string(data), &m)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
})

// checkWordKey warns of a key in the site's own i18n file that is a typo away from a word
// of the theme ("fede" for "feed"): the theme goes on showing its own word, and nothing
// else says why. A site with layouts of its own may ask for words of its own, so there
// only a typo of a theme's key is said, never an unknown key.
func (t *Theme) checkWordKey(l layer, file string, data []byte, k string) {
	keys := themeKeys()
	if i := sort.SearchStrings(keys, k); i < len(keys) && keys[i] == k {
		return
	}
	if s := diag.Suggest(k, keys); s != "" {
		t.Warnings.Warn(l.origin+file, config.KeyLine(data, []string{k}), 0, "%q is not a word of the theme; did you mean %q? Until then the theme shows its own word there", k, s)
	}
}

// layouts finds a theme's template files through its layers.
type layouts struct {
	layers     []layer
	errs       *diag.List
	unreadable map[string]bool
	// The shared templates (baseof and partials), found once by the same precedence.
	shared      map[string]string // template file name → text
	sharedFrom  map[string]string // → origin
	sharedNames []string          // sorted
}

// find returns the text and origin of file from the first layer that has it.
func (ls *layouts) find(file string) (string, string, bool) {
	for _, l := range ls.layers {
		data, err := input.ReadFile(l.fs, l.prefix+"/"+file, input.TemplateLimit)
		if err == nil {
			return string(data), l.origin + file, true
		}
		if !errors.Is(err, fs.ErrNotExist) {
			// A layout that is there but cannot be read must not quietly give way to
			// the next theme's.
			ls.errs.Add(l.origin+file, 0, 0, "%s", input.Problem(err))
			ls.unreadable[file] = true
			return "", "", false
		}
	}
	return "", "", false
}

func (ls *layouts) findShared() {
	ls.shared, ls.sharedFrom = map[string]string{}, map[string]string{}
	names := map[string]bool{"baseof.html": true}
	for _, l := range ls.layers {
		entries, _ := fs.ReadDir(l.fs, l.prefix+"/partials")
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".html") {
				names["partials/"+e.Name()] = true
			}
		}
	}
	for n := range names {
		ls.sharedNames = append(ls.sharedNames, n)
	}
	sort.Strings(ls.sharedNames)
	for _, n := range ls.sharedNames {
		if text, origin, ok := ls.find(n); ok {
			ls.shared[n], ls.sharedFrom[n] = text, origin
		}
	}
}

// writtenID is an id written as text in a layout: id="reflect", not id="{{ .ID }}" nor
// id="q-{{ .Kind }}", whose ids are made as the page is rendered. The space before it keeps
// data-id="..." out.
var writtenID = regexp.MustCompile(`\sid\s*=\s*(?:"([^"{}\s]+)"|'([^'{}\s]+)')`)

// writtenIDs are the ids the layouts in use write as text (writtenID), but for the
// built-in theme's, which markdown knows (its takenIDs, kept beside the theme's scripts'):
// the search page's and a tag page's ids, which show no page's text, stay free for
// headings.
func (ls *layouts) writtenIDs(used []layoutSource) []string {
	seen := map[string]bool{}
	add := func(text, origin string) {
		if strings.HasPrefix(origin, "theme:") {
			return
		}
		for _, m := range writtenID.FindAllStringSubmatch(text, -1) {
			seen[m[1]+m[2]] = true
		}
	}
	for _, src := range used {
		add(src.text, src.origin)
	}
	for n, text := range ls.shared {
		add(text, ls.sharedFrom[n])
	}
	ids := slices.Collect(maps.Keys(seen))
	slices.Sort(ids)
	return ids
}

// warnUnused warns of the files in a site's or a theme folder's layouts/ that Between never
// reads: a layout's name misspelt (singel.html), or another generator's layouts (Hugo's
// _default/single.html), which changed nothing with no word why.
func (t *Theme) warnUnused(ls *layouts) {
	names := make([]string, 0, len(Layouts)+1)
	for _, l := range Layouts {
		names = append(names, l+".html")
	}
	names = append(names, "baseof.html")
	for _, l := range ls.layers {
		if !strings.HasPrefix(l.origin, "layouts/") && !strings.HasPrefix(l.origin, "themes/") {
			continue // the built-in theme's own
		}
		entries, _ := fs.ReadDir(l.fs, l.prefix)
		for _, e := range entries {
			name := e.Name()
			switch {
			case e.IsDir() && name != "partials":
				t.Warnings.Warn(l.origin+name+"/", 0, 0, "Between does not read this folder, so its layouts change nothing; "+
					"a layout's file is named for what it shows (%s), straight in %s, and shared pieces go in %spartials/ (see docs/configuration.md, Layout names)",
					strings.Join(names, ", "), l.origin, l.origin)
			case e.IsDir(), !strings.HasSuffix(name, ".html"), slices.Contains(names, name):
			default:
				msg := "Between does not use a layout of this name, so it changes nothing"
				if s := diag.Suggest(name, names); s != "" {
					msg += "; did you mean " + s + "?"
				} else {
					msg += "; the layouts are " + strings.Join(names, ", ")
				}
				t.Warnings.Warn(l.origin+name, 0, 0, "%s", msg)
			}
		}
	}
}

// layoutSource is one layout's file, to be parsed with the shared templates.
type layoutSource struct{ name, text, origin string }

// parseLayouts parses each layout with the shared templates into a set of its own, on every
// core: parsing them was most of the time before the first file was read, on one core.
func (t *Theme) parseLayouts(ls *layouts) {
	var todo []layoutSource
	for _, name := range Layouts {
		text, origin, ok := ls.find(name + ".html")
		if !ok {
			if !ls.unreadable[name+".html"] {
				ls.errs.Add("layouts/"+name+".html", 0, 0, "the theme has no %s.html layout", name)
			}
			continue
		}
		todo = append(todo, layoutSource{name, text, origin})
	}
	t.IDs = ls.writtenIDs(todo)
	var mu sync.Mutex // over t's maps and errs
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(todo); i = int(next.Add(1)) - 1 {
				t.parseLayout(ls, todo[i], &mu)
			}
		})
	}
	wg.Wait()
	for _, src := range todo { // from the first layout that shows them, as the layouts come
		if tpl := t.templates[src.name]; tpl != nil {
			if err := t.makeIcons(tpl, t.pieces[src.name]); err != nil {
				ls.errs.Add(src.origin, 0, 0, "template: %v", err)
			}
		}
	}
}

// parseLayout parses one layout with the shared templates and records it under mu.
func (t *Theme) parseLayout(ls *layouts, src layoutSource, mu *sync.Mutex) {
	name, text, origin := src.name, src.text, src.origin
	var lerrs diag.List
	tpl := template.New(name + ".html")
	ps := new(map[string]pieceFunc) // the pieces made in Go, known once parsed
	tpl.Funcs(t.funcs(name, tpl, ps))
	srcs := []string{origin}
	ok := true
	for _, n := range ls.sharedNames {
		if _, has := ls.shared[n]; !has {
			continue
		}
		if _, err := tpl.New(n).Parse(ls.shared[n]); err != nil {
			lerrs.Add(ls.sharedFrom[n], templateLine(err), 0, "template: %v", cleanTemplateErr(err))
			ok = false
		}
		srcs = append(srcs, ls.sharedFrom[n])
	}
	if _, err := tpl.Parse(text); err != nil {
		lerrs.Add(origin, templateLine(err), 0, "template: %v", cleanTemplateErr(err))
		ok = false
	}
	var reads Reads
	var words stringsSource
	if ok {
		reads = readsOf(tpl, name+".html")
		from := map[string]string{name + ".html": origin}
		for n, o := range ls.sharedFrom {
			from[n] = o
		}
		*ps = pieces(tpl, from)
		if d := tpl.Lookup("strings"); d != nil && d.Tree != nil {
			words = stringsSource{origin: from[d.Tree.ParseName], own: d.Tree.ParseName == name+".html"}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	*ls.errs = append(*ls.errs, lerrs...)
	if !ok {
		return
	}
	t.templates[name] = tpl
	t.Sources[name] = srcs
	t.reads[name] = reads
	t.pieces[name] = *ps
	if words.origin != "" {
		t.strings[name] = words
	}
	if !framesOff {
		t.frames[name] = &frame{pc: &pieceCall{Theme: t, layout: name, tpl: tpl}, ps: ps}
	}
}

// ScanStatic lists the static files again, after files were added or removed.
func (t *Theme) ScanStatic() {
	t.Static = map[string]Source{}
	t.StaticFull = ""
	for _, l := range t.staticLayers {
		t.scan(l, l.prefix, 0)
	}
}

// scan adds the static files below dir, following links to folders (a shared images
// folder linked into static/), to a depth that no loop of links can pass.
func (t *Theme) scan(l layer, dir string, depth int) {
	if depth > 8 {
		return
	}
	_ = fs.WalkDir(l.fs, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p == dir {
			return nil
		}
		if d.IsDir() {
			if SkipStatic(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if SkipStatic(d.Name()) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if fi, err := fs.Stat(l.fs, p); err == nil && fi.IsDir() {
				t.scan(l, p, depth+1)
				return nil
			}
		}
		if len(t.Static) >= maxStatic {
			// A link to a large folder (a home folder, /) would otherwise be walked and
			// read whole.
			t.StaticFull = l.origin
			return fs.SkipAll
		}
		rel := strings.TrimPrefix(p, l.prefix+"/")
		t.Static[rel] = Source{FS: l.fs, Path: p, Origin: l.origin + rel}
		return nil
	})
}

// SkipStatic reports whether a static file or folder stays out of the site: hidden folders
// (a .git, a .private) and files, and editors' scratch files (source.Ignored, the one list
// the build and the dev server share). The few hidden names that web hosts read are kept.
func SkipStatic(name string) bool {
	return source.Ignored(name)
}

// Execute runs the layout name with data.
func (t *Theme) Execute(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.ExecuteTo(&buf, name, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ExecuteTo runs the layout name with data, writing into buf: the builder passes pooled
// buffers, so that pages are not made in freshly grown ones. A layout that has a frame
// (frame.go) is written without text/template from its second page on.
func (t *Theme) ExecuteTo(buf *bytes.Buffer, name string, data any) error {
	tpl := t.templates[name]
	if tpl == nil {
		return fmt.Errorf("no layout %q", name)
	}
	f := t.frames[name]
	if f != nil {
		if steps := f.steps.Load(); steps != nil && f.run(buf, *steps, data) {
			return nil
		}
	}
	if err := tpl.ExecuteTemplate(buf, name+".html", data); err != nil {
		return err
	}
	if f != nil {
		f.read(tpl, name) // escaped now: its text is what the template writes
	}
	return nil
}

// NewBuild forgets what partialCached made: a build calls it before rendering, since the
// cached pieces show the site as it was.
func (t *Theme) NewBuild() { t.cache.Clear() }

// partialCached runs the template name with data once per build for each layout and each
// set of variants, and gives every later call the same HTML. It is for what many pages
// show alike (the menu, the footer, a path's card): the variants must hold everything in
// which two pages' copies differ.
func (t *Theme) partialCached(layout string, tpl *template.Template, name string, data any, variants ...any) (template.HTML, error) {
	// The key holds up to two variants as they are (a URL, a section, a layout): most calls,
	// on every page, make no string to find their piece.
	k := pieceKey{layout: layout, name: name, n: len(variants)}
	if len(variants) <= 2 {
		for i, v := range variants {
			s, ok := variantString(v)
			if !ok {
				k = pieceKey{layout: layout, name: name, n: -1, rest: joinVariants(variants)}
				break
			}
			if i == 0 {
				k.v1 = s
			} else {
				k.v2 = s
			}
		}
	} else {
		k.n, k.rest = -1, joinVariants(variants)
	}
	if h, ok := t.cache.Load(k); ok {
		return h.(template.HTML), nil
	}
	// Made into a strings.Builder, whose bytes become the kept string without a copy.
	var buf strings.Builder
	buf.Grow(1024)
	if err := tpl.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	h := template.HTML(buf.String())
	t.cache.Store(k, h)
	return h, nil
}

// pieceKey names a piece partialCached made: its layout, its template and its variants.
type pieceKey struct {
	layout, name string
	v1, v2       string // the first two variants, when n is 0, 1 or 2
	rest         string // every variant written out, when n is -1
	n            int
}

// variantString is a variant as text, for the usual kinds of variant.
func variantString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case int:
		return strconv.Itoa(v), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

func joinVariants(variants []any) string {
	var b strings.Builder
	for _, v := range variants {
		b.WriteByte(0)
		if s, ok := variantString(v); ok {
			b.WriteString(s)
		} else {
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

// Lookup returns the theme's word for key, and whether there is one.
func (t *Theme) Lookup(key string) (string, bool) {
	w, ok := t.words[key]
	return w, ok
}

// Word returns the theme's word for key, formatted with args.
func (t *Theme) Word(key string, args ...any) string {
	w, _ := t.word(key, args...)
	return w
}

// verb finds a fmt verb in a word: %s, %d, %v, %[2]v...
var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)

// wordJoin is word(prefix + name), without making the key when the word is a plain one
// ("kind_" + a page's kind, on every page and list entry): the key is put together in a
// buffer of the stack, which a map lookup can be given as it is.
func (t *Theme) wordJoin(prefix, name string) (string, error) {
	var buf [64]byte
	if k := append(append(buf[:0], prefix...), name...); len(k) <= len(buf) {
		if t.plain[string(k)] {
			return t.words[string(k)], nil
		}
	}
	return t.word(prefix + name)
}

// word formats the word for key with args. A word whose verbs do not take exactly the values
// given is an error naming the word: a page must never show "Back to %s" or "%!d(MISSING)".
func (t *Theme) word(key string, args ...any) (string, error) {
	w, ok := t.words[key]
	if !ok {
		return key, nil
	}
	if len(args) == 0 && (t.plain[key] || t.plain == nil && !verb.MatchString(w)) {
		return w, nil
	}
	out := fmt.Sprintf(w, args...)
	if strings.Contains(out, "%!") {
		return out, fmt.Errorf("the word %s = %q needs %s, and the template gives %d: %s", key, w, verbCount(w), len(args), out)
	}
	return out, nil
}

func verbCount(w string) string {
	n := len(verb.FindAllString(w, -1))
	if n == 1 {
		return "1 value"
	}
	return fmt.Sprintf("%d values", n)
}

// CSP is the Content-Security-Policy of every page of the default theme (a <meta> in its
// head, and a header from the dev server): everything from the site itself, images also
// written inline (data: URLs), no plugins, and no script or style written inside a page, so
// that HTML slipped into a page cannot run or send a client's answers elsewhere. The
// directives a <meta> cannot carry (frame-ancestors) are the dev server's to add.
const CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"

// funcs are the template functions of the layout name, whose template is tpl.
func (t *Theme) funcs(name string, tpl *template.Template, ps *map[string]pieceFunc) template.FuncMap {
	pc := &pieceCall{Theme: t, layout: name, tpl: tpl}
	return template.FuncMap{
		// piece is template for the pieces every page shows differently (pieces.go).
		"piece": func(partial string, data any) (template.HTML, error) {
			return pc.piece(*ps, partial, data)
		},
		"partialCached": func(partial string, data any, variants ...any) (template.HTML, error) {
			return t.partialCached(name, tpl, partial, data, variants...)
		},
		"T":   t.word,
		"csp": func() string { return CSP },
		// plural picks KEY_one, KEY_few... by n in the site's language, formatted with n.
		"plural": t.Plural,
		// Tjoin is T of the key made of its two parts: Tjoin "kind_" .Kind, without the
		// printf that would cost a reflective call more on every page.
		"Tjoin": t.wordJoin,
		// duration is how long a page or a path takes: "25 minutes", "1 h 40 min", or a
		// range ("10–15 minutes") when to is not 0.
		"duration": t.Duration,
		"dir":      func() string { return t.dir },
		"date":     t.Date,
		"isodate":  func(tm time.Time) string { return tm.Format("2006-01-02") },
		"add":      func(a, b int) int { return a + b },
		"sub":      func(a, b int) int { return a - b },
		"pct": func(a, b int) int {
			if b == 0 {
				return 0
			}
			return a * 100 / b
		},
		"join": strings.Join,
		"base": path.Base,
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("dict needs key and value pairs")
			}
			m := map[string]any{}
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, errors.New("dict keys must be strings")
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}

// templateLine pulls the line out of text/template's "template: name:LINE: msg".
func templateLine(err error) int {
	parts := strings.SplitN(err.Error(), ":", 4)
	if len(parts) >= 3 {
		var n int
		if _, e := fmt.Sscanf(parts[2], "%d", &n); e == nil {
			return n
		}
	}
	return 0
}

func cleanTemplateErr(err error) string {
	parts := strings.SplitN(err.Error(), ":", 4)
	if len(parts) == 4 {
		return strings.TrimSpace(parts[3])
	}
	return err.Error()
}

// checkFormat says what is wrong with the placeholders of a word, or "". A word is a format
// for fmt.Sprintf: only %d, %s, %v (and %% for a per cent sign) are known, optionally
// numbered (%[2]s) and with a width of at most 2 digits; "%0999999d" would make every page
// that uses the word a megabyte longer.
func checkFormat(w string) string {
	const help = "use %d for a number, %s for text, %% for a per cent sign"
	for i := 0; i < len(w); i++ {
		if w[i] != '%' {
			continue
		}
		j := i + 1
		if j < len(w) && w[j] == '%' {
			i = j
			continue
		}
		if j < len(w) && w[j] == '[' {
			k := j + 1
			for k < len(w) && k-j <= 2 && w[k] >= '0' && w[k] <= '9' {
				k++
			}
			if k == j+1 || k >= len(w) || w[k] != ']' {
				return fmt.Sprintf("%q is not a placeholder; %s", w[i:min(k+1, len(w))], help)
			}
			j = k + 1
		}
		for j < len(w) && strings.IndexByte("-+ #0", w[j]) >= 0 {
			j++
		}
		digits := 0
		for j < len(w) && (w[j] >= '0' && w[j] <= '9' || w[j] == '.') {
			j++
			digits++
		}
		if j >= len(w) {
			return fmt.Sprintf("%q at the end is not a placeholder; %s", w[i:], help)
		}
		_, size := utf8.DecodeRuneInString(w[j:])
		if digits > 2 {
			return fmt.Sprintf("%q is too wide a placeholder; %s", w[i:j+size], help)
		}
		if strings.IndexByte("dsv", w[j]) < 0 {
			return fmt.Sprintf("%q is not a placeholder Between knows; %s", w[i:j+size], help)
		}
		i = j
	}
	return ""
}

// Date writes a day out in words in the theme's language, as date_format says: "14 March
// 2025", "14. März 2025", "2025年3月14日". The browser's Intl writes the same (see longDate in
// between-core.js), so a date a client picks prints as the dates the generator wrote.
func (t *Theme) Date(tm time.Time) string {
	if tm.IsZero() {
		return ""
	}
	f, ok := t.words["date_format"]
	if !ok {
		f = "{day} {month} {year}"
	}
	// One pass from left to right, as strings.Replacer would, without making one per page.
	var b strings.Builder
	b.Grow(len(f) + 16)
	for {
		i := strings.IndexByte(f, '{')
		if i < 0 {
			b.WriteString(f)
			break
		}
		b.WriteString(f[:i])
		f = f[i:]
		switch {
		case strings.HasPrefix(f, "{day}"):
			b.WriteString(strconv.Itoa(tm.Day()))
			f = f[len("{day}"):]
		case strings.HasPrefix(f, "{month}"):
			b.WriteString(t.Word(monthKeys[tm.Month()-1]))
			f = f[len("{month}"):]
		case strings.HasPrefix(f, "{year}"):
			b.WriteString(strconv.Itoa(tm.Year()))
			f = f[len("{year}"):]
		default:
			b.WriteByte('{')
			f = f[1:]
		}
	}
	return b.String()
}

var monthKeys = [12]string{"month_january", "month_february", "month_march", "month_april", "month_may", "month_june",
	"month_july", "month_august", "month_september", "month_october", "month_november", "month_december"}

// Duration writes how long something takes, from minutes up to to (0 when it is not a
// range), in the theme's words: "25 minutes", "2 hours", "1 h 40 min", "10–15 minutes",
// "1 h 30 min – 2 h". It is the built-in theme's "duration-range" template, made in Go
// because lists show it for every entry.
func (t *Theme) Duration(minutes, to int) (string, error) {
	k := numKey{"", minutes, to}
	if w, ok := t.recall(k); ok {
		return w, nil
	}
	w, err := t.durationRange(minutes, to)
	t.keep(k, w, err)
	return w, err
}

func (t *Theme) durationRange(minutes, to int) (string, error) {
	if to == 0 {
		return t.duration(minutes)
	}
	if to < 60 {
		return t.word("minutes_range", minutes, to)
	}
	from, err := t.duration(minutes)
	if err != nil {
		return "", err
	}
	sep, err := t.word("range_to")
	if err != nil {
		return "", err
	}
	upto, err := t.duration(to)
	return from + sep + upto, err
}

// duration is one end of Duration: minutes under an hour, else hours and minutes.
func (t *Theme) duration(m int) (string, error) {
	if m < 60 {
		return t.Plural("minutes", m)
	}
	// The same arithmetic as the template this replaced (pct m 6000, then m - 60h), so
	// that odd values come out as they did.
	h := m * 100 / 6000
	rest := m - 3*h*100/5
	if rest == 0 {
		return t.Plural("hours", h)
	}
	return t.word("hours_minutes", h, rest)
}
