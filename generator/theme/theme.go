// Package theme finds and parses a site's templates, static files and words: the site's own
// layouts/ first, then themes/NAME/ in the site, then the embedded default theme.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/input"
	"github.com/between-ssg/between/themes"
)

// Layouts are the page templates a theme provides, one per kind of output.
var Layouts = []string{"home", "article", "guide", "worksheet", "page", "path", "booklet", "section", "tags", "tag", "search", "notes", "404", "alias"}

// Theme is a parsed set of templates with their words.
type Theme struct {
	templates map[string]*template.Template
	words     map[string]string
	// Static lists every static file (theme first, site overrides after) as output path → source.
	Static map[string]Source
	// Sources records which files each layout was parsed from, so a change to one of them
	// re-renders exactly the pages that use it.
	Sources map[string][]string

	staticLayers []layer
}

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
	def, _ := fs.Sub(themes.Default, "default")
	layers := []layer{{siteFS, "layouts", "layouts/"}}
	staticLayers := []layer{{def, "static", "theme:static/"}}
	i18nLayers := []layer{{def, "i18n", "theme:i18n/"}}
	if name != "" && name != "default" {
		dir := "themes/" + name
		if _, err := fs.Stat(siteFS, dir); err != nil {
			return nil, diag.List{{File: "config.toml", Msg: fmt.Sprintf("theme = %q: there is no folder %s/ in the site; remove the line to use the default theme", name, dir)}}
		}
		layers = append(layers, layer{siteFS, dir + "/layouts", dir + "/layouts/"})
		staticLayers = append(staticLayers, layer{siteFS, dir + "/static", dir + "/static/"})
		i18nLayers = append(i18nLayers, layer{siteFS, dir + "/i18n", dir + "/i18n/"})
	}
	layers = append(layers, layer{def, "layouts", "theme:layouts/"})
	staticLayers = append(staticLayers, layer{siteFS, "static", "static/"})
	i18nLayers = append(i18nLayers, layer{siteFS, "i18n", "i18n/"})

	t := &Theme{templates: map[string]*template.Template{}, words: map[string]string{}, Static: map[string]Source{}, Sources: map[string][]string{}}
	var errs diag.List
	for _, l := range i18nLayers {
		for _, file := range []string{"en.toml", lang + ".toml"} {
			data, err := input.ReadFile(l.fs, l.prefix+"/"+file, input.ConfigLimit)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				errs.Add(l.origin+file, 0, 0, "%s", input.Problem(err))
				continue
			}
			if line := input.TOMLDepth(data); line > 0 {
				errs.Add(l.origin+file, line, 0, "lists or tables nest more than %d deep here; each word is text, like key = \"...\"", input.MaxDepth)
				continue
			}
			var m map[string]any
			if _, err := toml.Decode(string(data), &m); err != nil {
				var pe toml.ParseError
				if errors.As(err, &pe) {
					errs.Add(l.origin+file, pe.Position.Line, pe.Position.Col, "%s", pe.Message)
				} else {
					errs.Add(l.origin+file, 0, 0, "%v", err)
				}
				continue
			}
			for k, v := range m {
				w, ok := v.(string)
				if !ok {
					errs.Add(l.origin+file, config.KeyLine(data, []string{k}), 0, "%s must be text in quotes, like %s = \"...\"", k, k)
					continue
				}
				t.words[k] = w
			}
		}
	}
	t.staticLayers = staticLayers
	t.ScanStatic()
	// Shared templates (baseof and partials) are found once, by the same precedence.
	shared := map[string]string{}     // template file name → text
	sharedFrom := map[string]string{} // → origin
	unreadable := map[string]bool{}
	find := func(file string) (string, string, bool) {
		for _, l := range layers {
			data, err := input.ReadFile(l.fs, l.prefix+"/"+file, input.TemplateLimit)
			if err == nil {
				return string(data), l.origin + file, true
			}
			if !errors.Is(err, fs.ErrNotExist) {
				// A layout that is there but cannot be read must not quietly give way to
				// the next theme's.
				errs.Add(l.origin+file, 0, 0, "%s", input.Problem(err))
				unreadable[file] = true
				return "", "", false
			}
		}
		return "", "", false
	}
	names := map[string]bool{"baseof.html": true}
	for _, l := range layers {
		entries, _ := fs.ReadDir(l.fs, l.prefix+"/partials")
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".html") {
				names["partials/"+e.Name()] = true
			}
		}
	}
	var sharedNames []string
	for n := range names {
		sharedNames = append(sharedNames, n)
	}
	sort.Strings(sharedNames)
	for _, n := range sharedNames {
		if text, origin, ok := find(n); ok {
			shared[n], sharedFrom[n] = text, origin
		}
	}
	for _, name := range Layouts {
		text, origin, ok := find(name + ".html")
		if !ok {
			if !unreadable[name+".html"] {
				errs.Add("layouts/"+name+".html", 0, 0, "the theme has no %s.html layout", name)
			}
			continue
		}
		tpl := template.New(name + ".html").Funcs(t.funcs())
		srcs := []string{origin}
		ok = true
		for _, n := range sharedNames {
			if _, has := shared[n]; !has {
				continue
			}
			if _, err := tpl.New(n).Parse(shared[n]); err != nil {
				errs.Add(sharedFrom[n], templateLine(err), 0, "template: %v", cleanTemplateErr(err))
				ok = false
			}
			srcs = append(srcs, sharedFrom[n])
		}
		if _, err := tpl.Parse(text); err != nil {
			errs.Add(origin, templateLine(err), 0, "template: %v", cleanTemplateErr(err))
			ok = false
		}
		if ok {
			t.templates[name] = tpl
			t.Sources[name] = srcs
		}
	}
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	return t, nil
}

// ScanStatic lists the static files again, after files were added or removed.
func (t *Theme) ScanStatic() {
	t.Static = map[string]Source{}
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
			if SkipStatic(d.Name(), true) {
				return fs.SkipDir
			}
			return nil
		}
		if SkipStatic(d.Name(), false) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if fi, err := fs.Stat(l.fs, p); err == nil && fi.IsDir() {
				t.scan(l, p, depth+1)
				return nil
			}
		}
		rel := strings.TrimPrefix(p, l.prefix+"/")
		t.Static[rel] = Source{FS: l.fs, Path: p, Origin: l.origin + rel}
		return nil
	})
}

// SkipStatic reports whether a static file or folder stays out of the site: hidden folders
// (a .git, a .private) and files, and editors' scratch files. The few hidden names that web
// hosts read are kept.
func SkipStatic(name string, dir bool) bool {
	switch name {
	case ".well-known", ".nojekyll", ".htaccess":
		return false
	case ".DS_Store", "Thumbs.db", "4913":
		return true
	}
	if strings.HasPrefix(name, ".") {
		return true
	}
	return !dir && (strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp"))
}

// Execute runs the layout name with data.
func (t *Theme) Execute(name string, data any) ([]byte, error) {
	tpl := t.templates[name]
	if tpl == nil {
		return nil, fmt.Errorf("no layout %q", name)
	}
	var buf bytes.Buffer
	if err := tpl.ExecuteTemplate(&buf, name+".html", data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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

// word formats the word for key with args. A word whose verbs do not take exactly the values
// given is an error naming the word: a page must never show "Back to %s" or "%!d(MISSING)".
func (t *Theme) word(key string, args ...any) (string, error) {
	w, ok := t.words[key]
	if !ok {
		return key, nil
	}
	if len(args) == 0 && !verb.MatchString(w) {
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

func (t *Theme) funcs() template.FuncMap {
	return template.FuncMap{
		"T": t.word,
		// plural picks KEY_one or KEY_other by n, formatted with n.
		"plural": func(key string, n int) (string, error) {
			if n == 1 {
				return t.word(key+"_one", n)
			}
			return t.word(key+"_other", n)
		},
		"date": func(tm time.Time) string {
			if tm.IsZero() {
				return ""
			}
			return fmt.Sprintf("%d %s %d", tm.Day(), t.Word("month_"+strings.ToLower(tm.Month().String())), tm.Year())
		},
		"isodate": func(tm time.Time) string { return tm.Format("2006-01-02") },
		"add":     func(a, b int) int { return a + b },
		"sub":     func(a, b int) int { return a - b },
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
