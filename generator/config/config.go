// Package config loads a site's config.toml.
//
// The file is small and coaches edit it by hand, so a mistake in it is always an error (an
// unknown key would otherwise be silently ignored) with the line and a "did you mean".
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/input"
)

// Config is config.toml.
type Config struct {
	BaseURL     string `toml:"baseURL"`
	Title       string `toml:"title"`
	Description string `toml:"description"`
	Language    string `toml:"language"`
	Paper       string `toml:"paper"`
	Author      string `toml:"author"`
	Theme       string `toml:"theme"`
	Strict      bool   `toml:"strict"`
	// Paginate is how many entries a section or tag page shows before the list goes on at
	// page/2/: long lists stay light on a phone.
	Paginate int `toml:"paginate"`
	// CoachEmail is where "Send to my coach" addresses its mail: "Clara <clara@example.org>"
	// or "clara@example.org". The name, when given, is on the button.
	CoachEmail string         `toml:"coach_email"`
	Markdown   Markdown       `toml:"markdown"`
	Params     map[string]any `toml:"params"`
	// Languages are the languages of a library in several ([languages]), the default one
	// (Language) first, then by weight; empty for a library in one language.
	Languages []Lang `toml:"-"`
}

// Lang is one language of a library in several: [languages.TAG] in config.toml.
type Lang struct {
	Tag    string // BCP 47, as usually written: "de", "pt-BR"
	Prefix string // its part of every address ("de" for /de/...); "" for the default language
	Name   string // its own name, for the language switch: "Deutsch"
	Weight int    // its place in the language switch
	Line   int    // of [languages.TAG] in config.toml
	// Home and HomeURL are its home page's path and address, set by ForLanguage.
	Home, HomeURL string
	// What the language says differently; empty means the site's own.
	Title, Description, Author, CoachEmail string
	Params                                 map[string]any
}

// Default reports whether l is the library's default language, published at the root.
func (l Lang) Default() bool { return l.Prefix == "" }

// ForLanguage returns the configuration of one language of a library in several: l's
// words in place of the site's, and the base URL of its part of the site. The returned
// Config's Languages know their home pages.
func (c *Config) ForLanguage(l Lang) *Config {
	out := *c
	out.Languages = make([]Lang, len(c.Languages))
	for i, x := range c.Languages {
		x.Home, x.HomeURL = c.BasePath(), c.BaseURLSlash()
		if x.Prefix != "" {
			x.Home += x.Prefix + "/"
			x.HomeURL += x.Prefix + "/"
		}
		out.Languages[i] = x
	}
	out.Language = l.Tag
	if l.Title != "" {
		out.Title = l.Title
	}
	if l.Description != "" {
		out.Description = l.Description
	}
	if l.Author != "" {
		out.Author = l.Author
	}
	if l.CoachEmail != "" {
		out.CoachEmail = l.CoachEmail
	}
	if l.Params != nil {
		// A language's params replace the site's one by one; the others stay.
		p := make(map[string]any, len(c.Params)+len(l.Params))
		for k, v := range c.Params {
			p[k] = v
		}
		for k, v := range l.Params {
			p[k] = v
		}
		out.Params = p
	}
	if l.Prefix != "" {
		out.BaseURL = c.BaseURLSlash() + l.Prefix + "/"
	}
	return &out
}

// Markdown holds the Markdown settings.
type Markdown struct {
	// Unsafe lets raw HTML in Markdown through. Off by default: a library often holds text
	// pasted from elsewhere, and raw HTML could carry scripts into every client's browser.
	Unsafe bool `toml:"unsafe"`
	// Emoji turns GitHub's shortcodes (:smile:) into the emoji they stand for (🙂), written
	// as characters: no picture is fetched from another host. Off by default, as Hugo's
	// enableEmoji is: a word between colons stays as written unless asked.
	Emoji bool `toml:"emoji"`
}

// Default is the configuration of a site without config.toml.
func Default() *Config {
	return &Config{BaseURL: "/", Title: "My library", Language: "en", Paper: "A4", Paginate: 50}
}

// known lists every key, for "did you mean".
// fromHugo says what to do with the settings a config.toml carried over from Hugo (or a
// theme's example) may have, by their first part in lower case: "unknown setting" left a
// coach moving a library with no way forward.
var fromHugo = map[string]string{
	"languagecode":                   `Between's is language, with the language's code, like language = "en"`,
	"defaultcontentlanguage":         `Between's is language, like language = "en"; other languages go under [languages]`,
	"menu":                           "Between makes the menu from your sections and pages; remove it",
	"menus":                          "Between makes the menu from your sections and pages; remove it",
	"taxonomies":                     "Between groups pages by tags only (tags = [...] in each page); remove it",
	"permalinks":                     "a page's address comes from its folder and file name, or its slug; remove it, and keep old addresses working with aliases in the pages",
	"uglyurls":                       "a page's address is always a folder (/articles/x/); remove it, and keep old addresses working with aliases in the pages",
	"googleanalytics":                "a Between site makes no request to any other host, so that clients' reading stays private; remove it",
	"services":                       "a Between site makes no request to any other host (no analytics, comments or embeds), so that clients' reading stays private; remove it",
	"disqusshortname":                "a Between site makes no request to any other host (no comments), so that clients' reading stays private; remove it",
	"privacy":                        "a Between site makes no request to any other host at all; remove it",
	"copyright":                      `put it under [params], as copyright = "...", where a layout of your own can show it`,
	"enablerobotstxt":                "Between always writes robots.txt; remove it",
	"pagination":                     "Between's is paginate, like paginate = 50 (at the top, before any [table])",
	"summarylength":                  "a page's summary is its description, or the opening of its text; remove it",
	"markup":                         "Between reads Markdown with its own settings; the ones you may change are [markdown] unsafe and emoji; remove the rest",
	"outputs":                        "Between always writes the pages, the feed (index.xml), the sitemap and the search index; remove it",
	"publishdir":                     "the output folder is given to the command: between build -d FOLDER; remove it",
	"builddrafts":                    "drafts are built with between build --drafts (between serve shows them); remove it",
	"buildfuture":                    "pages dated in the future are built with between build --drafts (between serve shows them); remove it",
	"relativeurls":                   "Between writes every address from the base URL's path, which works on any host; remove it",
	"canonifyurls":                   "Between writes every address from the base URL's path, which works on any host; remove it",
	"enableemoji":                    "", // emojiAdvice
	"enablegitinfo":                  "set lastmod in a page's front matter; remove it",
	"module":                         "Between has no modules; a theme is a folder under themes/; remove it",
	"minify":                         "Between's pages are small as they are; remove it",
	"timeout":                        "remove it",
	"sectionpagesmenu":               "Between makes the menu from your sections and pages; remove it",
	"sitemap":                        "Between always writes sitemap.xml, with every listed page; remove it",
	"enableinlineshortcodes":         "Between runs no templates written in pages; remove it",
	"disablealiases":                 "Between always makes a page's aliases lead to it; remove it",
	"cascade":                        "Between gives each page only its own front matter; write the keys you need in the pages, and remove it",
	"contentdir":                     "Between reads pages from content/; move them there, and remove it",
	"staticdir":                      "Between reads static files from static/; move them there, and remove it",
	"ignoreerrors":                   "remove it",
	"resourcedir":                    "remove it",
	"build":                          "remove it",
	"caches":                         "remove it",
	"mediatypes":                     "remove it",
	"outputformats":                  "Between always writes the pages, the feed (index.xml), the sitemap and the search index; remove it",
	"related":                        "remove it",
	"security":                       "remove it",
	"server":                         "remove it",
	"frontmatter":                    "Between reads date, lastmod, publishDate and expiryDate from the pages' front matter; remove it",
	"imaging":                        "Between publishes images as they are; remove it",
	"pluralizelisttitles":            "remove it",
	"hascjklanguage":                 "remove it",
	"disablekinds":                   "remove it",
	"paginatepath":                   "remove it",
	"rsslimit":                       "the feed has the 30 newest pages; remove it",
	"deployment":                     "Between writes the site into a folder (between build -d FOLDER) for you to publish; remove it",
	"defaultcontentlanguageinsubdir": "the default language is at the root of the site, the others under their codes (/de/); remove it",
}

// markdownExample writes setting = true where the file heads should have it.
func markdownExample(setting string, heads []tableLine) string {
	for _, h := range heads {
		if h.name == "markdown" {
			return fmt.Sprintf("%s = true under [markdown] (line %d)", setting, h.line)
		}
	}
	return fmt.Sprintf("[markdown] then %s = true on the line below it, after the other settings", setting)
}

// emojiAdvice is fromHugo's for Hugo's enableEmoji of value v, in a file with the [table]
// lines heads: where to write Between's emoji setting, or that false is its default.
func emojiAdvice(v any, heads []tableLine) string {
	if v == false {
		return "a shortcode like :smile: stays as written unless [markdown] emoji = true, as Hugo's enableEmoji = false leaves it; remove it"
	}
	return fmt.Sprintf("Between's is [markdown] emoji = true, which shows :smile: as 🙂: write %s, and remove this line", markdownExample("emoji", heads))
}

// hugoLangKeys are fromHugo's for a language of [languages]; CODE is its code.
var hugoLangKeys = map[string]string{
	"contentdir":   "Between reads a language's pages from content/CODE/ (or files named like values.CODE.md), and the default language's from content/; remove it",
	"languagename": `Between's is name, like name = "..."`,
	"languagecode": "the language's code is the table's name, [languages.CODE]; remove it",
	"label":        `Between's is name, like name = "..."`,
	"direction":    "Between writes right-to-left languages (ar, he, fa...) right to left by their code; remove it",
	"locale":       "the language's code is the table's name, [languages.CODE]; remove it",
	"menu":         "Between makes the menu from your sections and pages; remove it",
	"menus":        "Between makes the menu from your sections and pages; remove it",
}

var known = []string{"baseURL", "title", "description", "language", "paper", "author", "theme", "strict", "paginate", "coach_email", "markdown", "params", "markdown.unsafe", "markdown.emoji", "languages"}

// langKeys are the settings one language of [languages] may give, with their TOML types.
var langKeys = map[string]string{"title": "String", "description": "String", "author": "String", "coach_email": "String",
	"name": "String", "weight": "Integer", "params": "Hash"}

var langRe = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Load reads name (normally "config.toml") from fsys. A missing file gives the defaults.
// Every problem is reported in the returned diag.List, with the file's line.
func Load(fsys fs.FS, name string) (*Config, error) {
	c := Default()
	data, err := input.ReadFile(fsys, name, input.ConfigLimit)
	if errors.Is(err, fs.ErrNotExist) {
		if p := hugoConfig(fsys); p != nil {
			return nil, diag.List{*p}
		}
		return c, nil
	}
	if err != nil {
		return nil, diag.List{{File: name, Msg: input.Problem(err)}}
	}
	return Parse(name, data)
}

// hugoConfig is the problem of a library without config.toml that has Hugo's settings file
// instead (hugo.toml, its name since Hugo 0.110, or config.yml...), or nil. Built with the
// defaults, it would have been "My library" at "/", in English, with nothing said.
func hugoConfig(fsys fs.FS) *diag.Diagnostic {
	for _, n := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.yaml", "config.yml", "config.json", "config/_default"} {
		if _, err := fs.Stat(fsys, n); err != nil {
			continue
		}
		if n == "hugo.toml" {
			return &diag.Diagnostic{File: n, Msg: "this is Hugo's settings file, and Between reads config.toml, which this library has not: " +
				"rename hugo.toml to config.toml, and the check will say which of its settings to change"}
		}
		return &diag.Diagnostic{File: n, Msg: "these are Hugo's settings, and Between reads config.toml, which this library has not: " +
			"write a config.toml with the settings Between reads (title, baseURL, language...: see docs/configuration.md), taken from " + n}
	}
	return nil
}

// Parse decodes the bytes of a config file named name.
func Parse(name string, data []byte) (*Config, error) {
	var errs diag.List
	// Decoding into a map first never fails on a type, so every key can be checked (its
	// spelling and its type, with its line) and all problems reported at once.
	if line := input.TOMLDepth(data); line > 0 {
		errs.Add(name, line, 0, "lists or tables nest more than %d deep here; a setting needs at most two levels", input.MaxDepth)
		return nil, errs
	}
	var raw map[string]any
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		line, col, msg := TOMLError(data, err, 0, false)
		errs.Add(name, line, col, "%s", msg)
		return nil, errs
	}
	heads := tableLines(data)
	sp := spell(&errs, name, data, md, raw)
	at := func(k ...string) int { return KeyLine(data, sp.written(k)) }
	reported := map[string]bool{} // the unknown settings reported, by their first part
	for _, w := range md.Keys() {
		k := canonical(w) // Between's spelling of w, as written
		if line, msg := misplaced(data, k, w, heads); msg != "" {
			errs.Add(name, line, 0, "%s", msg)
			continue
		}
		if len(k) > 1 && k[0] == "params" || sp.twice[k.String()] {
			continue
		}
		key := k.String()
		line := KeyLine(data, w)
		if k[0] == "languages" && len(k) > 1 {
			checkLangKey(&errs, name, data, md, k, w)
			continue
		}
		want, ok := types[key]
		if _, top := types[k[0]]; !ok && !top {
			// An unknown table is one mistake, however many keys it holds.
			if reported[k[0]] {
				continue
			}
			reported[k[0]] = true
			if advice, hugo := fromHugo[strings.ToLower(k[0])]; hugo {
				if strings.ToLower(k[0]) == "enableemoji" {
					advice = emojiAdvice(raw[k[0]], heads)
				}
				errs.Add(name, settingLine(data, w), 0, "%s is a setting of other generators (Hugo's), not Between's: %s", k[0], advice)
				continue
			}
		}
		if !ok {
			msg := fmt.Sprintf("unknown setting %q", key)
			if t := "markdown." + strings.ToLower(key); len(k) == 1 && types[t] == "Bool" {
				// unsafe = true or emoji = true above [markdown], or with none.
				msg = fmt.Sprintf("%s is a setting of [markdown]: write it below the line [markdown], like %s, and remove this line", key, markdownExample(t[len("markdown."):], heads))
			} else if s := diag.Suggest(key, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else if s := diag.Suggest(k[0], known); s != "" && s != k[0] && len(k) > 1 {
				// A misspelt table: [langauges.de] is [languages.de].
				msg += fmt.Sprintf("; did you mean %q?", strings.Join(append([]string{s}, k[1:]...), "."))
			} else {
				msg += "; the settings are baseURL, title, description, language, paper, author, theme, strict, paginate, coach_email, [markdown] unsafe and emoji, [params] and [languages]"
			}
			errs.Add(name, line, 0, "%s", msg)
			continue
		}
		if got := md.Type(w...); got != want {
			last := k[len(k)-1]
			if key == "theme" && got == "Array" {
				// Hugo's theme = ["github.com/..."]: no spelling of it will work.
				errs.Add(name, line, 0, "theme = [...] names a theme of Hugo's, and a theme made for another generator does not work with Between; remove the line to use the default theme")
				continue
			}
			example := map[string]string{"String": last + ` = "..."`, "Bool": last + " = true", "Hash": "[" + last + "]", "Integer": last + " = 50"}[want]
			errs.Add(name, line, 0, "%s must be %s, not %s; write it like %s", key, typeNames[want], typeName(got), example)
		}
	}
	// Values come from the map by their exact keys; a wrongly typed one keeps its default.
	c := Default()
	for key, dst := range map[string]*string{"baseURL": &c.BaseURL, "title": &c.Title, "description": &c.Description,
		"language": &c.Language, "paper": &c.Paper, "author": &c.Author, "theme": &c.Theme, "coach_email": &c.CoachEmail} {
		if v, ok := raw[key].(string); ok {
			*dst = v
		}
	}
	if v, ok := raw["strict"].(bool); ok {
		c.Strict = v
	}
	if v, ok := raw["paginate"].(int64); ok {
		if v < 1 || v > 100000 {
			errs.Add(name, at("paginate"), 0, "paginate = %d: give how many entries a list page shows, such as 50", v)
		} else {
			c.Paginate = int(v)
		}
	}
	if m, ok := raw["markdown"].(map[string]any); ok {
		if v, ok := m["unsafe"].(bool); ok {
			c.Markdown.Unsafe = v
		}
		if v, ok := m["emoji"].(bool); ok {
			c.Markdown.Emoji = v
		}
	}
	if m, ok := raw["params"].(map[string]any); ok {
		c.Params = m
	}
	switch strings.ToLower(c.Paper) {
	case "a4":
		c.Paper = "A4"
	case "letter":
		c.Paper = "Letter"
	default:
		errs.Add(name, at("paper"), 0, "paper = %q: use \"A4\" or \"Letter\"", c.Paper)
	}
	if tag, err := language.Parse(c.Language); err != nil || !langRe.MatchString(c.Language) {
		errs.Add(name, at("language"), 0, "language = %q: use a language code such as \"en\", \"en-GB\", \"fr\" or \"pt-BR\"", c.Language)
	} else {
		// Any BCP 47 tag, written the usual way: "en-gb" is "en-GB".
		c.Language = tag.String()
	}
	if c.CoachEmail != "" {
		if _, err := mail.ParseAddress(c.CoachEmail); err != nil {
			errs.Add(name, at("coach_email"), 0, "coach_email = %q is not an email address; write it like \"clara@example.org\" or \"Clara <clara@example.org>\"", c.CoachEmail)
		}
	}
	if m, ok := raw["languages"].(map[string]any); ok {
		_, given := raw["language"]
		c.Languages = languages(&errs, name, at, m, c, given)
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	if msg := BaseURLProblem(c.BaseURL); msg != "" {
		errs.Add(name, at("baseURL"), 0, "baseURL = %q %s", c.BaseURL, msg)
	}
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	return c, nil
}

// spelling is how a config.toml writes Between's settings: Hugo reads a setting's name in
// any case ("baseurl", "baseUrl", "BaseURL"), and so does Between, so that a file carried
// over from Hugo is read as it was there.
type spelling struct {
	as    map[string]toml.Key // Between's spelling of a setting (dotted) → as written, where they differ
	twice map[string]bool     // the settings written twice, in two cases, reported already
}

// written is k, in Between's spelling, as the file writes it.
func (sp spelling) written(k []string) toml.Key {
	if w, ok := sp.as[strings.Join(k, ".")]; ok {
		return w
	}
	return k
}

// spell finds how the file writes each setting, renames those written in another case
// in raw to Between's spelling, and reports a setting written twice in two cases, which
// TOML takes for two keys: title = "A" and Title = "B".
func spell(errs *diag.List, name string, data []byte, md toml.MetaData, raw map[string]any) spelling {
	sp := spelling{as: map[string]toml.Key{}, twice: map[string]bool{}}
	first := map[string]toml.Key{}
	for _, w := range md.Keys() {
		k := canonical(w)
		ks := k.String()
		f, seen := first[ks]
		if seen && f.String() == w.String() {
			continue // a table of a list of tables, [[params.menu]], again
		}
		if !seen {
			first[ks] = w
			if ks != w.String() {
				sp.as[ks] = w
			}
			continue
		}
		within := false // a key of a table written twice, reported with its table
		for i := 1; i < len(k); i++ {
			within = within || sp.twice[k[:i].String()]
		}
		sp.twice[ks] = true
		if !within {
			errs.Add(name, KeyLine(data, w), 0, "%s is set twice, as %s on line %d and as %s on line %d: a setting's name is the same in small and capital letters; keep one",
				ks, f.String(), KeyLine(data, f), w.String(), KeyLine(data, w))
		}
	}
	rename(raw, toml.Key{})
	if m, ok := raw["markdown"].(map[string]any); ok {
		rename(m, toml.Key{"markdown"})
	}
	if m, ok := raw["languages"].(map[string]any); ok {
		for tag, l := range m {
			if l, ok := l.(map[string]any); ok {
				rename(l, toml.Key{"languages", tag})
			}
		}
	}
	return sp
}

// rename gives the keys of m, the table at table, Between's spelling. Tables of two
// spellings are one, as [languages.en] and [Languages.de] are [languages]: the keys of
// both are kept. Of a value given in both (reported by spell), Between's spelling's stays.
func rename(m map[string]any, table toml.Key) {
	for key, v := range m {
		c := canonical(append(table[:len(table):len(table)], key))
		to := c[len(c)-1]
		if to == key {
			continue
		}
		delete(m, key)
		old, ok := m[to]
		if !ok {
			m[to] = v
			continue
		}
		a, ok1 := old.(map[string]any)
		b, ok2 := v.(map[string]any)
		if !ok1 || !ok2 {
			continue
		}
		for kk, vv := range b {
			if _, ok := a[kk]; !ok {
				a[kk] = vv
			}
		}
	}
}

// canonical is k with the names of Between's settings in it spelt as Between spells them
// ("baseUrl" is baseURL, [Markdown] Unsafe is markdown.unsafe); the rest as written.
func canonical(k toml.Key) toml.Key {
	out := slices.Clone(k)
	match := func(i int, names func(yield func(string) bool)) {
		for n := range names {
			if strings.EqualFold(out[i], n) {
				out[i] = n
				return
			}
		}
	}
	match(0, func(yield func(string) bool) {
		for n := range types {
			if !strings.Contains(n, ".") && !yield(n) {
				return
			}
		}
	})
	switch {
	case len(out) == 2 && out[0] == "markdown":
		match(1, func(yield func(string) bool) {
			for n := range types {
				if rest, ok := strings.CutPrefix(n, "markdown."); ok && !yield(rest) {
					return
				}
			}
		})
	case len(out) >= 3 && out[0] == "languages":
		match(2, maps.Keys(langKeys))
	}
	return out
}

// types is the TOML type of every setting (as toml.MetaData.Type names them).
var types = map[string]string{
	"baseURL": "String", "title": "String", "description": "String", "language": "String",
	"paper": "String", "author": "String", "theme": "String", "strict": "Bool", "paginate": "Integer",
	"coach_email": "String",
	"markdown":    "Hash", "markdown.unsafe": "Bool", "markdown.emoji": "Bool", "params": "Hash", "languages": "Hash",
}

// tableLine is a [table] line of a TOML text: the table's name and its 1-based line.
type tableLine struct {
	name string
	line int
}

// tableLines lists the [table] and [[table]] lines of src in order, read the way KeyLine
// reads them.
func tableLines(src []byte) []tableLine {
	var out []tableLine
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if !strings.HasPrefix(t, "[") {
			continue
		}
		name := strings.Trim(t, "[] \t")
		if j := strings.Index(name, "]"); j >= 0 {
			name = name[:j]
		}
		out = append(out, tableLine{strings.TrimSpace(name), i + 1})
	}
	return out
}

// misplaced reports a setting of Between's written below a [table] line, so that TOML puts
// it in that table and Between never reads it: its line and the message, or "". The file
// init writes ends with [params], and a setting added at the end of a file lands there:
// coach_email or language would be silently ignored. Only the tables whose keys Between
// does not read as settings count: [params] and a language's params, which take any key,
// and [markdown]. A key of a table under params ([params.social]) is the theme's own.
//
// k is the key in Between's spelling, w as written: a setting's name is read in any case.
func misplaced(data []byte, k, w toml.Key, heads []tableLine) (int, string) {
	last := w[len(w)-1]
	if t, ok := types[canonical(toml.Key{last})[0]]; !ok || t == "Hash" || strings.Contains(last, ".") {
		return 0, ""
	}
	table := k[:len(k)-1]
	if !(len(table) == 1 && (table[0] == "params" || table[0] == "markdown") ||
		len(table) == 3 && table[0] == "languages" && table[2] == "params") {
		return 0, ""
	}
	// Only a key under the table's own [table] line: params.title = "..." at the top, or
	// params = {title = "..."}, says on its line that it is a param.
	line := KeyLine(data, w)
	var in *tableLine
	for i := range heads {
		if heads[i].line < line {
			in = &heads[i]
		}
	}
	if line == 0 || in == nil || in.name != w[:len(w)-1].String() {
		return 0, ""
	}
	above := fmt.Sprintf("above [%s]", heads[0].name)
	if heads[0].line != in.line {
		above += fmt.Sprintf(" (line %d)", heads[0].line)
	}
	msg := fmt.Sprintf("%s is inside [%s] (line %d), so Between does not read it as its setting; move it %s, with the other settings", last, in.name, in.line, above)
	if _, ok := langKeys[canonical(toml.Key{"languages", "", last})[2]]; ok && table[0] == "languages" {
		// title, description, author and coach_email can also be the language's own.
		if l := KeyLine(data, w[:2]); l > 0 {
			msg = fmt.Sprintf("%s is inside [%s] (line %d), so Between does not read it as its setting; move it under [%s] (line %d) for this language only, or %s for the whole library",
				last, in.name, in.line, w[:2].String(), l, above)
		}
	}
	if table[0] != "markdown" {
		msg += "; or, if it is a value for your own templates, give it another name"
	}
	return line, msg
}

// checkLangKey checks one key under [languages]: languages.TAG is a table, and its keys are
// langKeys with their types.
// k is the key in Between's spelling, w as written.
func checkLangKey(errs *diag.List, name string, data []byte, md toml.MetaData, k, w toml.Key) {
	line := KeyLine(data, w)
	got := md.Type(w...)
	if len(k) == 2 {
		if got != "Hash" {
			errs.Add(name, line, 0, "languages.%s must be a table, not %s; write it like [languages.%s] with title = \"...\" under it", k[1], typeName(got), k[1])
		}
		return
	}
	if k[2] == "params" && len(k) > 3 {
		return
	}
	key := k[2]
	want, ok := langKeys[key]
	if !ok || len(k) > 3 {
		msg := fmt.Sprintf("unknown setting %q in [languages.%s]", key, k[1])
		names := make([]string, 0, len(langKeys))
		for n := range langKeys {
			names = append(names, n)
		}
		sort.Strings(names)
		if advice, hugo := hugoLangKeys[strings.ToLower(key)]; hugo && len(k) == 3 {
			msg = fmt.Sprintf("%s in [languages.%s] is a setting of Hugo's, not Between's: %s", key, k[1], strings.ReplaceAll(advice, "CODE", k[1]))
		} else if s := diag.Suggest(key, names); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			msg += "; a language can set name, weight, title, description, author, coach_email and [languages." + k[1] + ".params]"
		}
		errs.Add(name, line, 0, "%s", msg)
		return
	}
	if got != want {
		example := map[string]string{"String": key + ` = "..."`, "Hash": "[languages." + k[1] + ".params]", "Integer": key + " = 1"}[want]
		errs.Add(name, line, 0, "languages.%s.%s must be %s, not %s; write it like %s", k[1], key, typeNames[want], typeName(got), example)
	}
}

// languages reads [languages]: every language's tag and settings, the default one first.
// The default is the site's language; when config.toml does not give one (given is false),
// the first of [languages].
// at gives the line of a key, in Between's spelling.
func languages(errs *diag.List, name string, at func(k ...string) int, m map[string]any, c *Config, given bool) []Lang {
	var out []Lang
	seen := map[string]string{}
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	// In the file's order, so that a repeated language is reported at its second table.
	sort.Slice(keys, func(i, j int) bool {
		return at("languages", keys[i]) < at("languages", keys[j])
	})
	for _, key := range keys {
		t, _ := m[key].(map[string]any)
		line := at("languages", key)
		tag, err := language.Parse(key)
		if err != nil || !langRe.MatchString(key) {
			errs.Add(name, line, 0, "[languages.%s]: %q is not a language code; use one such as \"en\", \"de\", \"fr\" or \"pt-BR\"", key, key)
			continue
		}
		l := Lang{Tag: tag.String(), Line: line}
		if prev, dup := seen[strings.ToLower(l.Tag)]; dup {
			errs.Add(name, line, 0, "[languages.%s] is the same language as [languages.%s]; keep one", key, prev)
			continue
		}
		seen[strings.ToLower(l.Tag)] = key
		for k, dst := range map[string]*string{"title": &l.Title, "description": &l.Description, "author": &l.Author, "coach_email": &l.CoachEmail, "name": &l.Name} {
			if s, ok := t[k].(string); ok {
				*dst = s
			}
		}
		if w, ok := t["weight"].(int64); ok {
			l.Weight = int(w)
		}
		if p, ok := t["params"].(map[string]any); ok {
			l.Params = p
		}
		if l.Name == "" {
			l.Name = display.Self.Name(tag)
		}
		if l.Name == "" {
			l.Name = l.Tag
		}
		if l.CoachEmail != "" {
			if _, err := mail.ParseAddress(l.CoachEmail); err != nil {
				errs.Add(name, at("languages", key, "coach_email"), 0, "coach_email = %q is not an email address; write it like \"clara@example.org\" or \"Clara <clara@example.org>\"", l.CoachEmail)
			}
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil
	}
	// out is in the file's order: without a language setting, the first is the default.
	def := -1
	if !given {
		def = 0
		c.Language = out[0].Tag
	}
	var tags []string
	for i, l := range out {
		tags = append(tags, fmt.Sprintf("%q", l.Tag))
		if given && strings.EqualFold(l.Tag, c.Language) {
			def = i
		}
	}
	if def < 0 {
		errs.Add(name, at("language"), 0, "language = %q is the default language, but [languages] has no [languages.%s]; add it, or set language to one of %s", c.Language, c.Language, strings.Join(tags, ", "))
		return nil
	}
	// The default language comes first and lives at the root; the others by weight, then
	// in the file's order.
	d := out[def]
	out = append([]Lang{d}, append(out[:def:def], out[def+1:]...)...)
	rest := out[1:]
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].Weight < rest[j].Weight })
	for i := range out[1:] {
		out[i+1].Prefix = strings.ToLower(out[i+1].Tag)
	}
	return out
}

// typeNames words TOML's types for people who do not know them.
var typeNames = map[string]string{
	"String": "text in quotes", "Bool": "true or false", "Hash": "a table", "Integer": "a whole number",
}

func typeName(t string) string {
	switch t {
	case "String":
		return "text"
	case "Integer":
		return "a number"
	case "Float":
		return "a decimal number"
	case "Bool":
		return "true/false"
	case "Datetime":
		return "a date"
	case "Array":
		return "a list"
	case "Hash":
		return "a table"
	case "ArrayHash":
		return "a list of tables"
	}
	return strings.ToLower(t)
}

// KeyLine finds the line that defines key (a dotted path whose leading parts are tables) in
// TOML source, or 0. The decoder reports no positions for keys it did decode, so a plain scan
// is the way to point at a key that decoded but has a bad value.
func KeyLine(src []byte, key []string) int {
	if len(key) == 0 {
		return 0
	}
	table := strings.Join(key[:len(key)-1], ".")
	last := key[len(key)-1]
	cur := ""
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			name := strings.Trim(t, "[] \t")
			if j := strings.Index(name, "]"); j >= 0 {
				name = name[:j]
			}
			cur = strings.TrimSpace(name)
			if len(key) == 1 && cur == last || len(key) > 1 && cur == strings.Join(key, ".") {
				return i + 1
			}
			continue
		}
		eq := strings.Index(t, "=")
		if eq <= 0 {
			continue
		}
		k := strings.Trim(strings.TrimSpace(t[:eq]), `"'`)
		if cur == table && k == last {
			return i + 1
		}
		// A dotted key ("markdown.unsafe = true") sets a key of a table from outside it.
		if cur == "" && len(key) > 1 && strings.ReplaceAll(k, " ", "") == strings.Join(key, ".") {
			return i + 1
		}
	}
	return 0
}

// settingLine is the line of the table k[0], of which k is a key: its own line, or where a
// key of it is first given when it has none, as Hugo's pagination.pagerSize = 3 or
// [menu.main] give theirs.
func settingLine(src []byte, k toml.Key) int {
	if line := KeyLine(src, k[:1]); line > 0 || len(k) == 1 {
		return line
	}
	for i := 2; i <= len(k); i++ {
		if line := KeyLine(src, k[:i]); line > 0 {
			return line
		}
	}
	return 0
}

// TopKeyLines is KeyLine for every top-level key of src at once, in one pass: key → the
// line KeyLine(src, []string{key}) gives, for each key found. Front matter asked KeyLine
// once a key, splitting the whole text into lines each time: a tenth of reading a library.
func TopKeyLines(src []byte) map[string]int {
	lines := map[string]int{}
	cur := ""
	for i := 1; len(src) > 0; i++ {
		var line []byte
		if nl := bytes.IndexByte(src, '\n'); nl >= 0 {
			line, src = src[:nl], src[nl+1:]
		} else {
			line, src = src, nil
		}
		t := bytes.TrimSpace(line)
		if len(t) > 0 && t[0] == '[' {
			name := bytes.Trim(t, "[] \t")
			if j := bytes.IndexByte(name, ']'); j >= 0 {
				name = name[:j]
			}
			cur = string(bytes.TrimSpace(name))
			if _, ok := lines[cur]; !ok {
				lines[cur] = i
			}
			continue
		}
		eq := bytes.IndexByte(t, '=')
		if eq <= 0 || cur != "" {
			continue
		}
		k := bytes.Trim(bytes.TrimSpace(t[:eq]), `"'`)
		if _, ok := lines[string(k)]; !ok {
			lines[string(k)] = i
		}
	}
	return lines
}

// BaseURLSlash returns the base URL with exactly one trailing slash.
func (c *Config) BaseURLSlash() string { return strings.TrimSuffix(c.BaseURL, "/") + "/" }

// BasePath returns the path part of the base URL with leading and trailing slashes.
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := u.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}

// ValidBaseURL reports whether s can be a site's base URL: an http or https address, or a
// path starting with "/".
func ValidBaseURL(s string) bool { return BaseURLProblem(s) == "" }

// BaseURLProblem says what is wrong with s as a base URL, to follow the value in a
// message, or "" when nothing is.
func BaseURLProblem(s string) string {
	const like = "; write it like \"https://example.org/\" or \"https://example.org/library/\""
	u, err := url.Parse(s)
	switch {
	case err != nil,
		u.Scheme == "" && (!strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//")),
		u.Scheme != "" && (u.Scheme != "http" && u.Scheme != "https" || u.Host == ""):
		return "is not a web address" + like
	case strings.ContainsAny(s, "?#"):
		// Every page's address is the base URL followed by the page's path: after a ? or
		// a # that path would be a query or a fragment, not a page.
		return "has a ? or #, after which no page's address can follow; end it with the site's folder" + like
	case u.User != nil:
		return "holds a user name; a published address must not" + like
	}
	return ""
}

// EnglishName is the name of a language in English, for messages: "German" for "de".
func EnglishName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if n := display.English.Languages().Name(t); n != "" {
		return n
	}
	return tag
}
