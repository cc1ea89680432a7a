// Package page turns a content file's front matter into a typed Page and checks it: every key
// of the right type, with the line of any mistake.
package page

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/slug"
	"github.com/between-ssg/between/generator/source"
	"github.com/between-ssg/between/generator/typo"
)

// Page is a content file's front matter, typed and checked.
type Page struct {
	File    string // "content/articles/x.md"
	Rel     string // "articles/x.md"
	Kind    string // home, article, guide, worksheet, path, page
	Section string // "articles", "guides", "worksheets", "paths", or "" (plain pages, home)
	Slug    string
	// Bundle is the folder of a page bundle, as Hugo makes them: "articles/goals" for
	// articles/goals/index.md, the page /articles/goals/, whose other files (a photo, a
	// PDF) are published beside it. "" for every other page.
	Bundle string

	Title, Description, Author, Source     string
	Date, Lastmod, PublishDate, ExpiryDate time.Time
	Draft, Unlisted                        bool
	Repeat                                 bool  // filled in again and again: each entry kept with its date
	NoSearch                               bool  // search = false: kept out of the search index
	TOC                                    *bool // nil: decide by length
	Tags                                   []string
	Weight                                 int
	Aliases                                []string
	Minutes                                int
	MinutesTo                              int // the upper end of minutes = "10-15"; 0 for one number
	Params                                 map[string]any

	Path *PathDef // for kind "path"

	// TitleID is the id of the heading that gave the page its title (headingTitle), or "":
	// a link to it leads to the page. TitleShown is that heading as the page's typographer
	// shows it (markdown.Title.Shown), or front matter's title with its emoji (ShowEmoji),
	// or "": the title to show (Shown).
	TitleID, TitleShown string

	// Unread is set when the page's file is not text Between reads (source.File.Unread): it
	// stays a page, with its problem told, and links to its headings are not checked.
	Unread bool

	Body     []byte         // the Markdown after the front matter, and after a heading taken as title
	BodyLine int            // the file's line on which Body starts
	Lines    map[string]int // front matter key → file line
}

// PathDef is a reading path's definition from its front matter.
type PathDef struct {
	Tag    string
	Stages []StageDef // one stage with an empty title when steps are given without stages
	Line   int
}

// StageDef is a stage of a path definition.
type StageDef struct {
	Title string
	Steps []string // content paths, "articles/x.md"
	Line  int      // line of the stage (or of steps) in the file
}

// MaxMinutes is the most a page's minutes may be: a week of reading, far above any real
// page, and small enough that a path's total cannot overflow.
const MaxMinutes = 10000

// Sections maps a section folder to the kind of its pages.
var Sections = map[string]string{
	"articles":   "article",
	"guides":     "guide",
	"worksheets": "worksheet",
	"paths":      "path",
}

// SectionOrder is the order sections appear in.
var SectionOrder = []string{"articles", "guides", "worksheets", "paths"}

// Kinds lists the kinds front matter may set.
var Kinds = []string{"article", "guide", "worksheet", "path", "page"}

var knownKeys = []string{"title", "description", "date", "lastmod", "draft", "publishDate", "expiryDate",
	"tags", "weight", "slug", "aliases", "author", "kind", "toc", "minutes", "source", "unlisted", "repeat",
	"search", "stages", "steps", "tag"} // tag last: only paths know it

// From types the front matter of f. Problems are returned with their lines; warnings for keys
// that look like typos of known ones.
func From(f *source.File) (*Page, diag.List) {
	f = foldKeys(f)
	p := &Page{File: f.Path, Rel: f.Rel, Body: f.Body, BodyLine: f.BodyLine, Lines: f.Lines, Params: map[string]any{}}
	var errs diag.List
	d := decoder{f: f, errs: &errs}

	dir := source.Dir(f.Rel)
	base := source.Stem(path.Base(f.Rel))
	p.Kind, p.Section = kindOf(f.Rel, dir, base)
	if p.Bundle = BundleDir(f.Rel); p.Bundle != "" {
		// The folder names the page, as the file's name names any other.
		base = path.Base(dir)
	}
	// A Jekyll post's name gives its date and title; its address keeps the whole name, as
	// a page of that name always had: moved, it would lose its links and its clients'
	// answers (a slug shortens it, with the old address as an alias).
	var named time.Time
	titled := base
	if p.Kind != "home" && p.Kind != "section" {
		named, titled = datedName(base)
	}

	if f.Broken {
		// The syntax error is reported; the keys it hides are not missing. The page stays,
		// so that links to it are not reported as links to nothing.
		p.Title, p.Slug = titleFromName(titled), slug.Make(base)
		p.Unread = f.Unread
		if p.Kind == "path" {
			p.Path = &PathDef{Line: 1}
		}
		return p, errs
	}
	d.fields(p, titled, named)
	d.slugOf(p, dir, base)
	d.aliases(p)
	d.pathAndParams(p)
	return p, errs
}

// BundleDir returns the folder of the page bundle whose page is the content file rel
// ("articles/goals" for "articles/goals/index.md"), or "". An index.md directly in content/
// or in a section folder is no bundle: its folder's address is the home page's or the
// section list's, so it stays the page /index/ or /articles/index/.
func BundleDir(rel string) string {
	dir, file := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	if source.Stem(file) != "index" || source.Ext(file) == "" || dir == "" {
		return ""
	}
	if _, ok := Sections[dir]; ok {
		return ""
	}
	return dir
}

// kindOf returns a page's kind and section from its place in content/.
func kindOf(rel, dir, base string) (kind, section string) {
	top := strings.SplitN(dir, "/", 2)[0]
	switch {
	case dir == "" && base == "_index":
		return "home", ""
	case base == "_index":
		if dir == top {
			return "section", top // a folder deeper down introduces no section of its own
		}
		return "section", ""
	case dir == "":
		return "page", ""
	default:
		if k, ok := Sections[top]; ok {
			return k, top
		}
		return "page", ""
	}
}

// wrongType reports a title that str has already said is of the wrong type (title = ["A"]),
// so that it is not also said to be empty.
func wrongType(v any) bool {
	switch v.(type) {
	case nil, string, int64, float64:
		return false
	}
	return true
}

// materialSearch reads Material for MkDocs' search settings of a page: exclude: true keeps
// it out of search, as search = false does; boost, its rank in results, has no counterpart.
func (d decoder) materialSearch(p *Page, m map[string]any) {
	f := d.f
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch b, isBool := m[k].(bool); {
		case k == "exclude" && isBool:
			p.NoSearch = b
		case k == "boost":
			d.errs.Warn(f.Path, f.Lines["search"], 0, "search: boost is Material for MkDocs' rank of a page in search results, which Between does not have; remove it (search: false keeps a page out of search)")
		default:
			d.wrong("search", "true or false", m, "search = false")
			return
		}
	}
}

// datedName splits the name of a Jekyll post, "2024-01-05-first-session", into its date and
// the rest, which titles the page as Jekyll does. Any other name is returned as it is, with
// no date.
func datedName(base string) (time.Time, string) {
	if len(base) < 12 || base[10] != '-' || base[4] != '-' || base[0] < '0' || base[0] > '9' {
		return time.Time{}, base
	}
	t, err := time.Parse("2006-01-02", base[:10])
	if err != nil || slug.Make(base[11:]) == "" {
		return time.Time{}, base
	}
	return t, base[11:]
}

// fields reads the front matter keys every page may have. named is the date of a Jekyll
// post's file name, if it has one.
func (d decoder) fields(p *Page, base string, named time.Time) {
	f, errs := d.f, d.errs
	p.Title = d.str("title")
	v, given := f.Meta["title"]
	switch {
	case (!given || v == nil) && d.headingTitle(p):
		// Titled by the heading its text starts with.
	case !given && !f.HasFront:
		line, col, msg := source.NoFront(f.Body, titleFor(f.Rel, base))
		errs.Add(f.Path, line, col, "%s", msg)
	case !given && !named.IsZero():
		// Jekyll titles a post from its name when the front matter does not.
		p.Title = titleFromName(base)
	case !given:
		title := titleFor(f.Rel, base)
		errs.Add(f.Path, 1, 0, "missing title; add a line like %s to the front matter, or start the page with a heading: # %s", d.kv("title", strconv.Quote(title)), title)
	case strings.TrimSpace(p.Title) == "" && !wrongType(v):
		errs.Add(f.Path, f.Lines["title"], 0, "title is empty; give the page a title")
	}
	p.Description = d.str("description")
	p.Author = d.authors()
	p.Source = d.str("source")
	if p.Source != "" && !strings.HasPrefix(p.Source, "http://") && !strings.HasPrefix(p.Source, "https://") {
		errs.Add(f.Path, f.Lines["source"], 0, "%s is not a web address; write the original's full URL, starting with https://", d.kv("source", show(p.Source)))
	}
	p.Date = d.date("date")
	if _, ok := d.get("date"); !ok {
		p.Date = named // Jekyll dates a post by its name, unless date says otherwise
	}
	p.Lastmod = d.date("lastmod")
	p.PublishDate = d.date("publishDate")
	p.ExpiryDate = d.date("expiryDate")
	p.Draft = d.boolean("draft")
	p.Unlisted = d.boolean("unlisted")
	p.Repeat = d.boolean("repeat")
	if v, ok := d.get("search"); ok {
		if m, table := v.(map[string]any); table {
			d.materialSearch(p, m)
		} else {
			p.NoSearch = !d.boolean("search")
		}
	}
	if _, ok := d.get("toc"); ok {
		b := d.boolean("toc")
		p.TOC = &b
	}
	p.Tags = d.strings("tags")
	for i, t := range p.Tags {
		// A tag typed on a Mac and the same tag typed elsewhere are one tag, and the first
		// spelling is the one shown.
		p.Tags[i] = norm.NFC.String(t)
	}
	p.Weight = d.integer("weight")
	p.Aliases = d.strings("aliases")
	p.Minutes, p.MinutesTo = d.minutes("minutes")
	if k := d.str("kind"); k != "" && p.Kind != "home" && p.Kind != "section" {
		if !contains(Kinds, k) {
			msg := fmt.Sprintf("%s is not a kind", d.kv("kind", strconv.Quote(k)))
			if s := diag.Suggest(k, Kinds); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			errs.Add(f.Path, f.Lines["kind"], 0, "%s (kinds: %s)", msg, strings.Join(Kinds, ", "))
		} else {
			p.Kind = k
		}
	}
}

// headingTitle titles p, whose front matter has no title, with the level 1 heading its text
// starts with, as MkDocs does, and reports whether it did. The layouts show the title as the
// page's h1, so the heading leaves the body, and with it the table of contents, the summary
// and search, which all read the body; its lines are still counted, so that a problem below
// it is reported on its line.
func (d decoder) headingTitle(p *Page) bool {
	f := d.f
	t, ok := markdown.TitleOf(f.Body)
	if !ok {
		return false
	}
	p.Title, p.TitleID, p.TitleShown = t.Text, t.ID, t.Shown
	p.Body, p.BodyLine = f.Body[t.End:], f.BodyLine+t.Lines
	if t.Shortcode != "" {
		d.errs.Warn(f.Path, f.BodyLine+t.Line-1, 0, "%s", "this heading is the page's title, which is plain text: its Hugo shortcode "+t.Shortcode+
			" shows there as written, and nothing of what it would make; put the shortcode on a line of its own, below the heading")
	}
	if t.ThemeIDCol > 0 {
		// As a heading of the text is told (markdown's collect): the title's h1 keeps it.
		d.errs.Warn(f.Path, f.BodyLine+t.Line-1, t.ThemeIDCol, "%s", markdown.ThemeIDProblem(t.ID))
	}
	if t.Lost > 0 {
		d.errs.Warn(f.Path, f.BodyLine+t.Lost-1, 0, "the text after --> on this line is left out of the page: the comments above the heading that titles the page are your notes, left out with the heading, and so is what follows one on its line; put the text on a line of its own, below the heading")
	}
	return true
}

// Shown is the title as pages show it: a heading's as the typographer showed it in the
// page's text, front matter's with the like of it (typo.Smarten), so that a title does not
// read "don't" above a body that reads "don’t", wherever it is written.
func (p *Page) Shown() string {
	if p.TitleShown != "" {
		return p.TitleShown
	}
	return typo.Smarten(p.Title)
}

// ShowEmoji shows the shortcodes of p's front matter, in its title, description and a
// path's stages, as the emoji they stand for, as the page's text shows them when config.toml
// asks ([markdown] emoji = true). Title stays as written: only its shown form changes, as
// with the typographer. A title taken from a heading has its emoji already
// (markdown.EmojiTitleOf), and its code spans are gone from Title: it is left alone.
func (p *Page) ShowEmoji() {
	if p.TitleID == "" {
		if s := markdown.FrontEmoji(p.Title); s != p.Title {
			p.TitleShown = typo.Smarten(s)
		}
	}
	p.Description = markdown.FrontEmoji(p.Description)
	if p.Path != nil {
		for i := range p.Path.Stages {
			p.Path.Stages[i].Title = markdown.FrontEmoji(p.Path.Stages[i].Title)
		}
	}
}

// slugOf sets the page's slug, from slug or the file's name, and checks that its folders
// make an address.
func (d decoder) slugOf(p *Page, dir, base string) {
	f, errs := d.f, d.errs
	p.Slug = slug.Make(base)
	if s := d.str("slug"); s != "" {
		// A slug pasted from a file name macOS wrote has its accents as separate marks
		// (e + ´): it looks the same as the slug Make would give, so it is that slug, not a
		// mistake whose fix would read exactly like it.
		s = norm.NFC.String(s)
		if !slug.Valid(s) {
			errs.Add(f.Path, f.Lines["slug"], 0, "%s: use lowercase letters, digits and hyphens, like %q", d.kv("slug", show(s)), config.Shorten(slug.Make(s)))
		} else {
			p.Slug = s
		}
	} else if p.Slug == "" && p.Kind != "home" && p.Kind != "section" && p.Bundle == "" { // a bundle's folder is reported below
		errs.Add(f.Path, 0, 0, "the file name %q has no letters or digits to make the page's address from; rename the file, or set slug = \"...\"", path.Base(f.Rel))
	} else if folder := path.Base(dir); p.Bundle == "" && dir != "" && Sections[dir] == "" && p.Slug != "" && slug.Make(folder) == p.Slug {
		// Eleventy writes "posts/first/first.md" where it writes "posts/first/index.md", at
		// the folder's address; a library copied from it would lose those addresses unseen.
		errs.Warn(f.Path, 0, 0, "%s is named as its folder: Eleventy publishes such a page at the folder's address (…/%s/), and Between at …/%s/%s/; "+
			"to keep the folder's address, rename the file index%s (the folder is then a page bundle: the pictures in it are published beside the page)",
			path.Base(f.Rel), folder, folder, p.Slug, source.Ext(f.Rel))
	}
	for _, folder := range strings.Split(dir, "/") {
		if dir != "" && slug.Make(folder) == "" {
			errs.Add(f.Path, 0, 0, "the folder %q has no letters or digits to make the page's address from; rename the folder", folder)
		}
	}
}

// aliases checks the page's old addresses: paths on this site, on a page.
func (d decoder) aliases(p *Page) {
	f, errs := d.f, d.errs
	if len(p.Aliases) > 0 && (p.Kind == "home" || p.Kind == "section") {
		// The home page and the section lists are not pages an alias can lead to.
		errs.Add(f.Path, f.Lines["aliases"], 0, "aliases work only on pages, not on the home page or a section's _index.md; remove them here")
		p.Aliases = nil
	}
	for i, a := range p.Aliases {
		if strings.Contains(a, "%") {
			// An address copied from a browser's bar ("/caf%C3%A9/"): the alias is its path
			// as a server reads it, or it would be a folder named with the escapes, never
			// found. Decoded first, so that "%2e%2e" is checked as "..".
			dec, err := url.PathUnescape(a)
			if err != nil {
				errs.Add(f.Path, f.Lines["aliases"], 0, "aliases: %q has a %% that starts no escape (like %%20 for a space); write the path as it reads", a)
				p.Aliases[i] = ""
				continue
			}
			a = dec
			p.Aliases[i] = dec
		}
		switch {
		case strings.Contains(a, "://") || strings.HasPrefix(a, "//"):
			// An old address on another site cannot be redirected from this one.
			errs.Add(f.Path, f.Lines["aliases"], 0, "aliases: %q is not a path on this site; write only its path, like \"/old/page/\"", a)
			p.Aliases[i] = ""
		case strings.Contains(a, "..") || strings.ContainsAny(a, "?#\\"):
			errs.Add(f.Path, f.Lines["aliases"], 0, "aliases: %q is not a simple path like \"/old/page/\"", a)
			p.Aliases[i] = ""
		case !strings.Contains(a, "/") && strings.ContainsAny(a, " \t"):
			// Obsidian's aliases are other names of a note ("My values"), and a note copied
			// from it brings them: published, each was a folder of that name at the root.
			errs.Warn(f.Path, f.Lines["aliases"], 0, "aliases: %q reads as another name of the page, as Obsidian's aliases are; here an alias is an old address of the page, like \"/old/page/\", and this one is left out: remove it, or write the old address", a)
			p.Aliases[i] = ""
		}
	}

}

// pathAndParams reads a reading path's own keys, and keeps the keys that are not Between's for
// templates, warning about those a typo away from one.
func (d decoder) pathAndParams(p *Page) {
	f, errs := d.f, d.errs
	_, hasTag := d.get("tag")
	_, hasSteps := d.get("steps")
	_, hasStages := d.get("stages")
	known := knownKeys
	if p.Kind == "path" {
		p.Path = d.pathDef(hasTag, hasSteps, hasStages)
	} else {
		// Off a path, tag means nothing to Between: it is most likely tags misspelt, so it is
		// kept for templates with a warning, like any other key a typo away from one of ours.
		known = knownKeys[:len(knownKeys)-1]
		if hasSteps || hasStages {
			key := "steps"
			if hasStages {
				key = "stages"
			}
			errs.Add(f.Path, f.Lines[key], 0, "%s only works on a reading path (a file in content/paths/)", key)
		}
	}

	// Keys that are not ours are kept for templates; ones a typo away from ours are flagged,
	// even next to the right key (a "tittle" beside the "title" is a leftover to remove).
	var keys []string
	empty := false // told that the page has no text
	for k := range f.Meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if contains(known, k) {
			continue
		}
		p.Params[k] = f.Meta[k]
		if lk := strings.ToLower(k); lk == "published" || quietKeys[lk] {
			if b, isBool := f.Meta[k].(bool); lk == "published" && isBool && !b && !p.Draft {
				// Jekyll's and Eleventy's way to hold a page back: read as nothing, it
				// would publish a page its coach meant no client to see.
				errs.Add(f.Path, f.Lines[k], 0, "%s holds a page back in Jekyll and Eleventy, which Between does not read: write %s instead; until then the page would be published for every client to see",
					d.kv(k, "false"), d.kv("draft", "true"))
			}
			continue
		}
		if d.hugoBuild(p, k) {
			continue
		}
		if lk := strings.ToLower(k); (lk == "layout" || lk == "type") && !empty && p.Kind != "home" && p.Kind != "section" {
			// Hugo's archives.md is its front matter alone: a theme's layout made the page.
			if v, ok := f.Meta[k].(string); ok && v != "search" && len(bytes.TrimSpace(p.Body)) == 0 {
				empty = true
				errs.Warn(f.Path, f.Lines[k], 0, "this page has no text: its %s %q belongs to a theme of Hugo's or Jekyll's, which made the page; Between has none, so the page would show its title alone; write its text, or delete the file (the section lists and tags page list your pages)", lk, v)
			}
		}
		if advice, ok := otherKeys[strings.ToLower(k)]; ok {
			if a := addressAdvice(p, k, f.Meta[k]); a != "" {
				advice = a
			}
			msg := fmt.Sprintf("%s is a key of other generators (Hugo's, Jekyll's or a theme's), which Between does not read: %s", k, d.advise(k, advice))
			if on, _ := f.Meta[k].(bool); on && hides[strings.ToLower(k)] && !p.Unlisted {
				errs.Add(f.Path, f.Lines[k], 0, "%s; until then the page would be listed for every client to see", msg)
			} else {
				errs.Warn(f.Path, f.Lines[k], 0, "%s", msg)
			}
			continue
		}
		if s := diag.Suggest(k, known); s != "" {
			effect := typoEffect[s]
			if _, has := f.Meta[s]; has {
				effect = "" // the page has the key too, so the typo changes nothing visible
			}
			errs.Warn(f.Path, f.Lines[k], 0, "unknown front matter key %q; did you mean %q?%s", k, s, effect)
		}
	}
}

// otherKeys are the front matter keys of content moved from Hugo (or a theme of Hugo's),
// by their lower case, that mean something Between does otherwise, and whose silent loss
// hurts: the page's old address, or, worst, a page meant to be hidden shown in lists. Each
// is kept for templates as any other key, and says what to write instead. (Keys that only
// a layout reads, such as categories, stay quiet: a coach's own layouts may use them.) In
// the advice, VALUE is the page's value (see advise).
var otherKeys = map[string]string{
	"url":       "a page's address comes from its file name, or its slug; to keep the old address working, write aliases = [VALUE]",
	"permalink": "a page's address comes from its file name, or its slug; to keep the old address working, write aliases = [VALUE]",
	"summary":   "Between's is description, like description = VALUE",
	"subtitle":  "Between shows the description under the title, like description = VALUE",
	// Hugo pairs translations by it; Between by file name only, so a page named otherwise
	// in its language's folder is no translation: the language switch leaves it out.
	"translationkey": "a translation is paired with its page by file name only (values.fr.md, or content/fr/ with the path of the page it translates); if this file is named otherwise, rename it so, with a slug for an address of its own; then remove translationKey",
	"hidden":         "to keep a page out of lists, search, the feed and the sitemap, write unlisted = true",
	"private":        "to keep a page out of lists, search, the feed and the sitemap, write unlisted = true (it stays reachable by its address: see docs/security.md)",
	"noindex":        "to keep a page out of lists, search, the feed and the sitemap, and from search engines, write unlisted = true",
	"headless":       "to keep a page out of lists, search, the feed and the sitemap, write unlisted = true",
	"searchhidden":   "to keep a page out of search, write search = false",
}

// hugoBuild reports the page's key k when it is one of Hugo's that keep pages back or hidden
// from its lists, cascade (front matter for every page below) and build (whether the page is
// published and listed), and reports whether it was one. Between reads neither: what they
// kept back would be published, and what they hid listed, so the build stops until the
// pages say so in Between's keys. Both were in Hugo's example sites (Ananke's cascade).
func (d decoder) hugoBuild(p *Page, k string) bool {
	f, errs := d.f, d.errs
	switch strings.ToLower(k) {
	case "cascade":
		where := "in its folder"
		switch {
		case source.Stem(path.Base(f.Rel)) == "_index":
		case p.Bundle != "":
			where = "of its bundle"
		default:
			errs.Warn(f.Path, f.Lines[k], 0, "%s is a key of Hugo's, which Between does not read; remove it", k)
			return true
		}
		if why, back := hugoHides(f.Meta[k]); why != "" {
			key := "unlisted = true"
			if back {
				key = "draft = true"
			}
			errs.Add(f.Path, f.Lines[k], 0, "cascade gave %s to every page %s in Hugo; Between does not read cascade, so they would be %s: write %s in each of those pages, then remove cascade",
				why, where, map[bool]string{false: "listed for every client to see", true: "published"}[back], d.advise(k, key))
			return true
		}
		errs.Warn(f.Path, f.Lines[k], 0, "cascade gave its keys to every page %s in Hugo; Between does not read it: write the keys you need in each of those pages, then remove cascade", where)
		return true
	case "build", "_build":
		why, back := hugoHides(map[string]any{k: f.Meta[k]})
		switch {
		case why == "":
			errs.Warn(f.Path, f.Lines[k], 0, "%s is a key of Hugo's, which Between does not read; remove it", k)
		case back && !p.Draft:
			errs.Add(f.Path, f.Lines[k], 0, "%s kept Hugo from publishing this page; Between does not read %s, so it would publish it: write %s to keep it back, then remove %s", why, k, d.advise(k, "draft = true"), k)
		case !back && !p.Unlisted && !p.Draft:
			errs.Add(f.Path, f.Lines[k], 0, "%s kept this page out of Hugo's lists; Between does not read %s, so it would be listed for every client to see: write %s, then remove %s", why, k, d.advise(k, "unlisted = true"), k)
		default:
			errs.Warn(f.Path, f.Lines[k], 0, "%s is a key of Hugo's, which Between does not read; remove it", k)
		}
		return true
	}
	return false
}

// hugoHides says what, in front matter v of Hugo's (cascade's value: a table, or a list of
// them), kept a page back or hid it ("draft = true", "build.list = never"), and whether it
// kept it back, unpublished, rather than hid it from lists. "" when nothing did.
func hugoHides(v any) (why string, back bool) {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if why, back := hugoHides(e); why != "" {
				return why, back
			}
		}
	case []map[string]any:
		for _, e := range v {
			if why, back := hugoHides(e); why != "" {
				return why, back
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			lk := strings.ToLower(k)
			on, _ := v[k].(bool)
			switch {
			case lk == "draft" && on:
				return k + " = true", true
			case (hides[lk] || lk == "unlisted") && on:
				return k + " = true", false
			case lk == "params":
				if why, back := hugoHides(v[k]); why != "" {
					return why, back
				}
			case lk == "build" || lk == "_build":
				b, _ := v[k].(map[string]any)
				for bk, bv := range b {
					if s := strings.ToLower(fmt.Sprint(bv)); s == "never" || s == "false" || (s == "local" && strings.EqualFold(bk, "list")) {
						if strings.EqualFold(bk, "render") {
							return k + "." + bk + " = " + fmt.Sprint(bv), true
						}
						if strings.EqualFold(bk, "list") {
							why = k + "." + bk + " = " + fmt.Sprint(bv)
						}
					}
				}
				if why != "" {
					return why, false
				}
			}
		}
	}
	return "", false
}

// addressAdvice is the advice for url or permalink where the usual one, an alias of the old
// address, would mislead: Jekyll's about.md says permalink: /about/, which is the address
// Between gives it too, and an alias may not take a page's own address; and a permalink
// with :title or :year in it is a pattern, no address. "" for any other.
func addressAdvice(p *Page, key string, v any) string {
	s, ok := v.(string)
	if k := strings.ToLower(key); !ok || k != "url" && k != "permalink" || strings.Contains(s, "://") {
		return ""
	}
	if strings.Contains(s, "/:") || strings.HasPrefix(s, ":") {
		return "VALUE is a pattern of addresses, which Between does not read: a page's address comes from its folder and file name, or its slug; remove the line"
	}
	a := "/" + strings.TrimPrefix(strings.TrimSuffix(s, "index.html"), "/")
	if !strings.HasSuffix(a, "/") && path.Ext(a) == "" {
		a += "/"
	}
	if p.Kind == "home" || p.Kind == "section" || a != ownPath(p) {
		return ""
	}
	return "this page's address is VALUE already, from its file name; remove the line"
}

// ownPath is the page's address below the site's root, as the site gives it (site.URLPath).
func ownPath(p *Page) string {
	dir := path.Dir(p.Rel)
	if p.Bundle != "" {
		dir = path.Dir(p.Bundle)
	}
	out := "/"
	if dir != "." {
		for _, f := range strings.Split(dir, "/") {
			out += slug.Make(f) + "/"
		}
	}
	return out + p.Slug + "/"
}

// quietKeys are keys of Jekyll's and Material for MkDocs' front matter that a typo check
// would take for one of Between's (status for stages, icon, hide): they only ever meant
// something to those generators' layouts, and are kept for templates without a word.
var quietKeys = map[string]bool{"published": true, "status": true, "icon": true, "hide": true, "template": true}

// hides are the keys of otherKeys that, set to true, meant the page hidden: Between would
// list it for everyone to see, so the build stops until it says unlisted.
var hides = map[string]bool{"hidden": true, "private": true, "noindex": true, "headless": true}

// advise is advice from otherKeys for key, written as the file writes settings, with the
// page's own value in place of VALUE.
func (d decoder) advise(key, advice string) string {
	if v, ok := d.f.Meta[key].(string); ok {
		advice = strings.ReplaceAll(advice, "VALUE", strconv.Quote(v))
	} else {
		advice = strings.ReplaceAll(advice, "VALUE", `"..."`)
	}
	if d.f.YAML {
		for _, k := range []string{"aliases", "description", "author", "unlisted", "draft", "search", "toc"} {
			advice = strings.ReplaceAll(advice, k+" = ", k+": ")
		}
	}
	return advice
}

// foldKeys returns f with keys that differ from Between's only in case ("publishdate",
// "expirydate", "Title": Hugo reads its keys without regard to case) under Between's
// spelling, so that content moved from Hugo keeps its dates and drafts. The file itself is
// not changed.
func foldKeys(f *source.File) *source.File {
	var fold map[string]string
	for k := range f.Meta {
		if contains(knownKeys, k) {
			continue
		}
		for _, known := range knownKeys {
			if _, taken := f.Meta[known]; !taken && strings.EqualFold(k, known) {
				if fold == nil {
					fold = map[string]string{}
				}
				fold[k] = known
			}
		}
	}
	if fold == nil {
		return f
	}
	g := *f
	g.Meta, g.Lines = map[string]any{}, map[string]int{}
	for k, v := range f.Meta {
		if to, ok := fold[k]; ok {
			k = to
		}
		g.Meta[k] = v
	}
	for k, l := range f.Lines {
		if to, ok := fold[k]; ok {
			k = to
		}
		g.Lines[k] = l
	}
	return &g
}

// titleFor is a title to suggest for the page rel, named base, that has none. Hugo's home
// page and section lists often have none, and "_index" is no title to give.
func titleFor(rel, base string) string {
	if base != "_index" {
		return titleFromName(base)
	}
	if dir := source.Dir(rel); dir != "" {
		return titleFromName(path.Base(dir))
	}
	return "Home"
}

func titleFromName(base string) string {
	s := strings.ReplaceAll(norm.NFC.String(base), "-", " ")
	r, n := utf8.DecodeRuneInString(s)
	if s == "" || r == utf8.RuneError {
		return "Title"
	}
	return string(unicode.ToTitle(r)) + s[n:]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// typoEffect says what a misspelt key changes in the site, for the keys where that is known:
// the key is ignored, so the page is built as if it had none.
var typoEffect = map[string]string{
	"tags":        " Until then the page has no tags: it is on no tag page and in no path made from a tag.",
	"title":       " Until then the page's title comes from its file name.",
	"draft":       " Until then the page is published, not a draft.",
	"date":        " Until then the page has no date, and lists sort it last.",
	"weight":      " Until then the page is sorted by date and title.",
	"unlisted":    " Until then the page is listed like every other.",
	"description": " Until then the page has no summary under its title or in lists.",
	"minutes":     " Until then the page's time is estimated from its length.",
	"aliases":     " Until then its old addresses do not lead to it.",
	"slug":        " Until then its address comes from its file name.",
}

// Visible reports whether a page is published at now.
// With drafts, drafts and future-dated pages are published too, but never expired ones:
// a coach previewing drafts still sees the site as clients will.
func (p *Page) Visible(now time.Time, drafts bool) bool {
	if p.Expired(now) {
		return false
	}
	if drafts {
		return true
	}
	if p.Draft {
		return false
	}
	if !p.PublishDate.IsZero() && p.PublishDate.After(now) {
		return false
	}
	if !p.Date.IsZero() && p.Date.After(now) && p.PublishDate.IsZero() {
		return false
	}
	if !p.ExpiryDate.IsZero() && !p.ExpiryDate.After(now) {
		return false
	}
	return true
}

// Scheduled returns the front matter key whose date, still to come, holds the page back
// (publishDate, or date when there is no publishDate) and that date; key is "" when no
// date does. It mirrors Visible, so that a message can say which date a link waits for.
func (p *Page) Scheduled(now time.Time) (key string, at time.Time) {
	switch {
	case !p.PublishDate.IsZero() && p.PublishDate.After(now):
		return "publishDate", p.PublishDate
	case !p.Date.IsZero() && p.Date.After(now) && p.PublishDate.IsZero():
		return "date", p.Date
	}
	return "", time.Time{}
}

// Expired reports whether the page's expiryDate has passed.
func (p *Page) Expired(now time.Time) bool {
	return !p.ExpiryDate.IsZero() && !p.ExpiryDate.After(now)
}
