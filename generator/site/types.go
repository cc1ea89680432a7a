package site

import (
	"html/template"
	"time"

	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/worksheet"
)

// Site is the whole library as templates see it. It is built from parsed pages by Assemble and
// holds no I/O: everything a template needs is computed here, once.
type Site struct {
	Title       string
	Description string
	Author      string
	Language    string // BCP 47, for <html lang>
	Paper       string // "A4" or "Letter", for the booklet's and worksheets' @page size
	BaseURL     string // absolute, with a trailing slash: "https://example.org/library/"
	BasePath    string // the path of BaseURL, with slashes: "/library/" or "/"
	Key         string // prefix of every localStorage key: identifies this site in the browser
	// CoachEmail and CoachName are where "Send to my coach" writes (config coach_email, or
	// [params] contact when it is an email address); both "" when there is no coach address.
	CoachEmail, CoachName string
	Params                map[string]any
	BuildDate             time.Time
	// Languages are the languages of a library in several, the default first; empty for a
	// library in one. Each has its own Site; this one is the Current one.
	Languages []Language

	Home     *Page      // content/_index.md (a synthetic page when the file is missing)
	Pages    []*Page    // every listed page of every kind but home, newest first
	Sections []*Section // "articles", "guides", "worksheets", "paths", in that order, empty ones included
	Plain    []*Page    // listed plain pages (about, how to use), by weight then title: the menu
	Tags     []*Tag     // by display name
	Paths    []*Path    // listed reading paths, by weight then title
	Unlisted []*Page    // pages built and reachable by URL but listed nowhere

	addrs addrs // for Serves
}

// Section is one of the content folders that lists its pages.
type Section struct {
	Name  string // folder name: "articles"
	Kind  string // kind of its pages: "article"
	Title string // from content/NAME/_index.md, or the theme's word for the section
	URL   string // "/library/articles/"
	Intro template.HTML
	Pages []*Page // listed pages, by weight, then date (newest first), then title

	// TitleID is the id of the heading that titled the _index.md (page.Page.TitleID), or
	// "": the list's h1 carries it, so that a link to it lands there.
	TitleID string
}

// Page is one page of the site.
type Page struct {
	File        string // slash path from the site root: "content/articles/x.md"; "" for generated pages
	Kind        string // "home", "article", "guide", "worksheet", "path", "page"
	Section     string // "articles", ...; "" for plain pages and home
	Slug        string
	Title       string
	Description string
	Author      string
	Date        time.Time // zero when not set
	Lastmod     time.Time
	Weight      int
	Tags        []*Tag
	Source      string // URL of the original, for curated articles: "Read the original"
	URL         string // site-relative, with the base path: "/library/articles/x/"
	Permalink   string // absolute: "https://example.org/library/articles/x/"
	Aliases     []string
	// Former are the addresses of Aliases that were once a page's own (a folder's: "/old/"),
	// with the base path, as URL is written: a client's answers on the page are kept under
	// its address, and the theme's script carries those kept under a former one over.
	Former []string
	// TitleID is the id of the heading that gave the page its title (page.Page.TitleID),
	// or "": the page's h1 carries it, so that a link to it lands there. PrintTitleID is
	// that id in a booklet, prefixed as the page's other ids are there (PrintPrefix).
	TitleID, PrintTitleID string

	// Body is the rendered Markdown, kept compressed; templates read it as .Content, which
	// is made each time it is asked for, so that a build holds the HTML of the pages it is
	// rendering and not that of every page.
	Body *markdown.Body
	// PrintBody is Body with every id prefixed, for pages that are steps of a path: a
	// booklet holds many pages, and their ids must not collide. Nil for other pages.
	PrintBody *markdown.Body
	Summary   template.HTML // the description, or the first paragraph
	TOC       []Heading     // level 2 and 3 headings, for the table of contents
	ShowTOC   bool          // front matter toc = true, or a long page with toc unset
	WordCount int
	Minutes   int // reading time, or front matter minutes; for worksheets it includes filling in
	MinutesTo int // the upper end when the time is a range ("10–15 minutes"), else 0
	Fields    int // number of worksheet fields on the page
	Unlisted  bool
	Repeat    bool // front matter repeat: the page keeps dated entries (sessions.js)
	// Form lists the page's worksheet fields, for My notes (notes/index.json).
	Form     []worksheet.Field
	Draft    bool
	NoSearch bool           // front matter search = false: not in the search index
	Params   map[string]any // front matter keys that are not Between's own

	// Translations are where the language switch leads from this page, one per language of a
	// library in several (the default first, this page's own included): the same page in
	// that language (Twin) or, when it has none, that language's home page.
	Translations []Translation

	Prev, Next *Page   // neighbours in the section, in the section's order; nil at the ends
	Steps      []*Step // one per reading path this page is a step of, in path order
	Path       *Path   // for a path's own page

	sortKey string // the title in lower case, for ordering
}

// Content is the page's rendered Markdown body.
func (p *Page) Content() template.HTML { return template.HTML(p.Body.String()) }

// PrintContent is Content with every id prefixed (PrintBody), for booklets; empty for a
// page that is neither a step of a path nor a path.
func (p *Page) PrintContent() template.HTML { return template.HTML(p.PrintBody.String()) }

// Heading is an entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Title string
}

// Tag groups pages and paths that share a tag.
type Tag struct {
	Name  string // as first written: "Decision Making"
	Slug  string // "decision-making"
	URL   string // "/library/tags/decision-making/"
	Pages []*Page
	Paths []*Path
}

// Path is a reading path: ordered steps for the time between sessions.
type Path struct {
	Page      *Page // the path's own page: title, description, introduction (Content)
	Slug      string
	URL       string // "/library/paths/first-month/"
	PrintURL  string // "/library/paths/first-month/print/"
	Tag       string // the tag it is derived from, or ""
	Stages    []*Stage
	Steps     []*Step // every step in order, across stages
	Minutes   int     // total of the steps' minutes
	MinutesTo int     // total of the steps' upper ends, when any step's time is a range, else 0
	Key       string  // localStorage key prefix for this path's progress
}

// Stage is a named group of steps ("Before session 2"). A path without stages has one
// stage with an empty title.
type Stage struct {
	Title string
	Steps []*Step
}

// Step is one page's place in one path.
type Step struct {
	Path       *Path
	Stage      *Stage
	Index      int // 1-based, across the whole path
	Page       *Page
	Prev, Next *Step  // nil at the ends of the path
	ID         string // stable id for progress: the page's content path, "articles/x.md"
	// Former are the ids the page's marks may be kept under from before it was renamed or
	// moved: the content paths its former addresses (Page.Former) were made from. The
	// theme's script carries a mark kept under one over to ID, as it does a page's answers.
	Former []string
}

// Language is one language of a library in several.
type Language struct {
	Lang      string // BCP 47: "de"
	Name      string // in its own language, for the switch: "Deutsch"
	URL       string // its home page, with the base path: "/library/de/"
	Permalink string // absolute: "https://example.org/library/de/"
	Current   bool   // the language of the Site that holds this list
}

// Translation is where a page leads in one language (see Page.Translations).
type Translation struct {
	Lang, Name     string
	URL, Permalink string
	Twin           bool // the same page in that language; false: that language's home page
	Current        bool // this page's own language
}

// Alternates returns a page's Translations from where it is in each language: at (a URL
// path below the language's base, as URLPath gives) when ok, else at the language's home.
func Alternates(langs []Language, at func(lang string) (string, bool)) []Translation {
	if len(langs) < 2 {
		return nil // a library in one language has nowhere else to lead
	}
	out := make([]Translation, len(langs))
	for i, l := range langs {
		t := Translation{Lang: l.Lang, Name: l.Name, URL: l.URL, Permalink: l.Permalink, Current: l.Current}
		if up, ok := at(l.Lang); ok {
			t.URL, t.Permalink, t.Twin = l.URL+up, l.Permalink+up, true
		}
		out[i] = t
	}
	return out
}

// Everywhere is for Alternates: a page every language has at the same place, such as the
// tags index or the search page.
func Everywhere(up string) func(string) (string, bool) {
	return func(string) (string, bool) { return up, true }
}
