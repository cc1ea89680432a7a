package site

import (
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/mail"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/page"
	"github.com/between-ssg/between/generator/slug"
	"github.com/between-ssg/between/generator/source"
	"github.com/between-ssg/between/generator/typo"
	"github.com/between-ssg/between/internal/par"
)

// Input is one content file, typed and rendered, as Assemble takes it.
type Input struct {
	Page    *page.Page
	Doc     *markdown.Doc // nil for pages that are not published (drafts, future, expired)
	Visible bool          // false: a draft, future or expired page, kept to name it in errors
	// Made is NewPage(Page, Doc, ...) from an earlier build, when neither changed since: the
	// builder keeps it so that a rebuild does not redo every page's fields. Assemble copies
	// it, never changes it, unless Own is set.
	Made *Page
	// Own gives Made to the model: Assemble makes it the site's page and sets its fields
	// rather than copying it. A build that keeps nothing for the next one sets it: at
	// 100,000 pages, copying every page into new memory was a quarter of assembling.
	Own bool
	// Elsewhere marks a page of another language of the library that this language has not
	// (yet): links lead to it there. It is not a page of this site; its anchors are checked
	// by its own language's build, not by this one.
	Elsewhere bool
}

// Words read per minute for the reading-time estimate.
const wordsPerMinute = 220

// URLPath returns a page's URL path below the site root, without the base path:
// "articles/x/", "about/", "" for home. Sections other than the known ones keep their folders.
func URLPath(p *page.Page) string {
	switch p.Kind {
	case "home":
		return ""
	case "section":
		return p.Section + "/"
	}
	dir := path.Dir(p.Rel)
	if p.Bundle != "" {
		dir = path.Dir(p.Bundle) // the bundle's folder is the page's, named by Slug
	}
	if dir == "." {
		return p.Slug + "/"
	}
	return dirPath(dir) + "/" + p.Slug + "/"
}

// dirPaths holds dirPath's answers: a library has a few folders and many pages in each, and
// every build asks for every page's URL.
var dirPaths sync.Map

// dirPath is a content folder as it is in addresses. Folders become slugs like file names
// do: "Reading List/" is "reading-list/", and no '#', '?' or space reaches an address.
func dirPath(dir string) string {
	if v, ok := dirPaths.Load(dir); ok {
		return v.(string)
	}
	parts := strings.Split(dir, "/")
	for i, f := range parts {
		parts[i] = slug.Make(f)
	}
	out := strings.Join(parts, "/")
	dirPaths.Store(dir, out)
	return out
}

// AliasPath is the output file of an alias: "old/page/index.html" for "/old/page/", and the
// file itself for an old address with a file name, like "/2019/05/post.html".
func AliasPath(alias string) string {
	a := strings.Trim(alias, "/")
	if path.Ext(a) != "" && !strings.HasSuffix(alias, "/") {
		return a
	}
	if a == "" {
		return "index.html"
	}
	return a + "/index.html"
}

// Assemble builds the site model. It checks what needs every page at once: duplicate URLs
// and reading path steps. Links between pages are checked by CheckLinks. The steps of
// paths get no PrintBody: see AssembleWith.
func Assemble(cfg *config.Config, inputs []Input, now time.Time) (*Site, diag.List) {
	return AssembleWith(cfg, inputs, now, nil)
}

// Printer makes the PrintBody of each page that is a step of a reading path, or a path
// whose booklet shows its text (ids prefixed, for booklets), by the page's content file. It
// is given them all at once, to make them on every core.
type Printer func(steps []*Page) (map[string]*markdown.Body, error)

// AssembleWith is Assemble, with print making the steps' PrintBody once the paths are
// known: the model is whole when it is returned, and nothing changes it after. A problem
// print returns is a problem of the build.
func AssembleWith(cfg *config.Config, inputs []Input, now time.Time, print Printer) (*Site, diag.List) {
	s, errs := assemble(cfg, inputs, now)
	if print == nil {
		return s, errs
	}
	var steps []*Page
	seen := map[*Page]bool{}
	// Every path's steps, unlisted paths' too (a booklet is made for each), and the path's
	// own text, which its booklet shows below ids of its own (booklet-title, step-1): a
	// heading "Step 1" in it must not take one.
	for _, p := range append(append([]*Page{}, s.Pages...), s.Unlisted...) {
		if p.Path == nil {
			continue
		}
		if !seen[p] {
			seen[p] = true
			steps = append(steps, p)
		}
		for _, st := range p.Path.Steps {
			if !seen[st.Page] {
				seen[st.Page] = true
				steps = append(steps, st.Page)
			}
		}
	}
	if len(steps) == 0 {
		return s, errs
	}
	bodies, err := print(steps)
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			return s, append(errs, list...).Sort()
		}
		return s, append(errs, diag.Diagnostic{Msg: err.Error()}).Sort()
	}
	for _, p := range steps {
		p.PrintBody = bodies[p.File]
	}
	return s, errs
}

func assemble(cfg *config.Config, inputs []Input, now time.Time) (*Site, diag.List) {
	a := newAssembly(cfg, inputs)
	a.s.BuildDate = now
	a.placePages()
	// The tags, and the aliases and lists, each read what placePages made and write what
	// the other does not read (a page's Tags and the tags; its Aliases, Prev and Next,
	// byURL and the site's lists), so they are made and sorted at once: at 100,000 pages
	// each took about as long, on one core with the other idle. Their problems are put
	// together in the order of one after the other.
	var tagErrs diag.List
	par.Do(func() {
		a.placeAliases()
		a.listPages()
		a.orderLists()
	}, func() {
		a.tagPages(&tagErrs)
		a.orderTags()
	})
	a.errs = append(a.errs, tagErrs...)
	a.s.Paths = buildPaths(&a.errs, cfg, inputs, a.byRel, a.pages, a.tagBySlug, now)
	a.checkMadeURLs()
	a.tagPaths()
	a.keepAddrs()
	return a.s, a.errs.Sort()
}

// assembly is the state of one Assemble, stage by stage.
type assembly struct {
	cfg       *config.Config
	inputs    []Input
	s         *Site
	errs      diag.List
	base, abs string

	byRel     map[string]*Input
	pages     map[string]*Page  // by content path
	rels      []string          // the content paths of pages, sorted: the order of tags' names
	byURL     map[string]string // URL path below the base → the file that has it
	relAt     map[string]string // URL path below the base → the content path of the page there (no aliases)
	reserved  map[string]string // URL paths the site makes itself → what they are
	sections  map[string]*Section
	tagBySlug map[string]*Tag
}

// ShownTitle is the site's title, config.toml's, as its pages show it: with the typography
// of a page's title written in front matter (typo.Smarten, as page.Shown), so that
// Coach's "Library" in the header, the browser tab, the feed and the manifest reads as the
// titles under it do, Coach’s “Library”; and with [markdown] emoji = true its shortcodes
// are emoji ("Between Sessions :seedling:" is "Between Sessions 🌱"), as in a page's title
// (page.ShowEmoji). ShownDescription is its description likewise.
func ShownTitle(cfg *config.Config) string { return shown(cfg, cfg.Title) }

// ShownDescription is the site's description as its pages show it: see ShownTitle.
func ShownDescription(cfg *config.Config) string { return shown(cfg, cfg.Description) }

func shown(cfg *config.Config, s string) string {
	if cfg.Markdown.Emoji {
		s = markdown.FrontEmoji(s)
	}
	return typo.Smarten(s)
}

func newAssembly(cfg *config.Config, inputs []Input) *assembly {
	a := &assembly{cfg: cfg, inputs: inputs, base: cfg.BasePath(), abs: cfg.BaseURLSlash(),
		pages: make(map[string]*Page, len(inputs)),
		byURL: make(map[string]string, len(inputs)+16), relAt: make(map[string]string, len(inputs)), sections: map[string]*Section{}, tagBySlug: map[string]*Tag{}}
	a.s = &Site{
		Title: ShownTitle(cfg), Description: ShownDescription(cfg), Author: cfg.Author, Language: cfg.Language,
		Paper: cfg.Paper, BaseURL: a.abs, BasePath: a.base, Key: siteKey(cfg.BaseURL), Params: cfg.Params,
	}
	if a.s.Params == nil {
		a.s.Params = map[string]any{}
	}
	a.s.CoachEmail, a.s.CoachName = coach(cfg)
	for _, l := range cfg.Languages {
		a.s.Languages = append(a.s.Languages, Language{Lang: l.Tag, Name: l.Name, URL: l.Home, Permalink: l.HomeURL, Current: l.Tag == cfg.Language})
	}
	for _, name := range page.SectionOrder {
		sec := &Section{Name: name, Kind: page.Sections[name], URL: a.base + name + "/"}
		a.sections[name] = sec
		a.s.Sections = append(a.s.Sections, sec)
	}
	// The URLs the site makes itself come first: no page or alias may take them.
	a.reserved = map[string]string{"": "the home page", "tags/": "the tags page", "search/": "the search page",
		"notes/": "the clients' My notes page", "404.html": "the not-found page", "index.xml": "the feed", "sitemap.xml": "the sitemap", "robots.txt": "robots.txt"}
	for _, name := range page.SectionOrder {
		a.reserved[name+"/"] = "the " + name + " list"
	}
	return a
}

// placePages gives every published page its URL, unless the site or another page has it; a
// section's _index.md gives the section its title and introduction.
func (a *assembly) placePages() {
	// byRel is read by none of this: it is made beside it, on the other core.
	par.Do(a.placeURLs, func() {
		a.byRel = make(map[string]*Input, len(a.inputs))
		for i := range a.inputs {
			a.byRel[a.inputs[i].Page.Rel] = &a.inputs[i]
		}
	})
	a.strayTranslations()
	a.headlessBundles()
	a.rels = make([]string, 0, len(a.pages))
	for i := range a.inputs {
		if a.pages[a.inputs[i].Page.Rel] != nil {
			a.rels = append(a.rels, a.inputs[i].Page.Rel)
		}
	}
	if !sort.StringsAreSorted(a.rels) {
		sort.Strings(a.rels)
	}
}

// strayTranslations warns of a page named as a translation (values.fr.md beside values.md)
// in a language config.toml does not have: Hugo's libraries come with them, and it was
// published as a page of its own (/articles/values-fr/), listed beside the one it
// translates, with nothing said. Only a name with a dot before ".md" (or another Markdown
// ending) is looked at further.
func (a *assembly) strayTranslations() {
	for i := range a.inputs {
		in := &a.inputs[i]
		stem := source.Stem(in.Page.Rel)
		j := strings.LastIndexByte(stem, '.')
		if j < 0 || !in.Visible || in.Doc == nil || in.Elsewhere || strings.Contains(stem[j:], "/") {
			continue
		}
		code := stem[j+1:]
		twinRel, ok := pageFile(a.byRel, stem[:j])
		twin := a.byRel[twinRel]
		if !ok || twin.Elsewhere || !langCode.MatchString(code) {
			continue
		}
		name := config.EnglishName(code)
		if name == code {
			continue // no language
		}
		up := URLPath(in.Page)
		if in.Made != nil {
			up = strings.TrimPrefix(in.Made.URL, a.base)
		}
		a.errs.Warn(in.Page.File, 0, 0, "this file's name makes it the %s version of %s, but config.toml has no [languages.%s], so it is a page of its own, /%s, listed beside the other; "+
			"add [languages.%s] (see docs/languages.md), or, if it is no translation, rename it", name, path.Base(twin.Page.File), code, up, code)
	}
}

// headlessBundles stops the build at each listed page in a page bundle whose index.md says
// headless = true, Hugo's bundle of fragments that it published none of (the basic example
// site's homepage/ holds the home page's blurbs). The index.md's own headless is an error
// until it says unlisted (page.From), but the other pages of the folder are pages of their
// own in Between: following that advice published them, listed, with nothing said.
func (a *assembly) headlessBundles() {
	var dirs map[string]string // the bundle's folder → its index.md
	for i := range a.inputs {
		pp := a.inputs[i].Page
		if pp.Bundle == "" || a.inputs[i].Elsewhere {
			continue
		}
		for k, v := range pp.Params {
			if on, _ := v.(bool); on && strings.EqualFold(k, "headless") {
				if dirs == nil {
					dirs = map[string]string{}
				}
				dirs[pp.Bundle] = pp.File
			}
		}
	}
	if dirs == nil {
		return
	}
	for i := range a.inputs {
		in := &a.inputs[i]
		pp := in.Page
		if !in.Visible || in.Elsewhere || pp.Unlisted {
			continue
		}
		for dir := path.Dir(pp.Rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
			if index, ok := dirs[dir]; ok && index != pp.File {
				a.errs.Add(pp.File, 0, 0, "this page is in the folder of %s, which says headless = true: Hugo published none of its pages, but Between publishes this one as a page of its own, listed for every client to see; write unlisted = true in it (or draft = true), or move it out of content/", index)
				break
			}
		}
	}
}

// langCode is how Hugo's libraries write a language in a file's name: fr, pt-br. Three
// letters are left out: report.fin.md is more likely a final version than Finnish.
var langCode = regexp.MustCompile(`^[A-Za-z]{2}(-[A-Za-z0-9]{2,8})*$`)

// placeURLs is placePages but for byRel and rels.
func (a *assembly) placeURLs() {
	for i := range a.inputs {
		in := &a.inputs[i]
		if !in.Visible || in.Doc == nil {
			continue
		}
		pp := in.Page
		var up string
		if in.Made != nil {
			// As NewPage made it: URLPath again looked up each page's folder (dirPath).
			up = strings.TrimPrefix(in.Made.URL, a.base)
		} else {
			up = URLPath(pp)
		}
		if pp.Kind == "section" && a.sections[pp.Section] == nil {
			// Before the URL is taken: two such files, which would have the URL "/", are
			// each this warning, not a clash.
			msg := "move its text there or delete it"
			if d := path.Dir(pp.Rel); d != "." {
				// Hugo's branch bundle: a page of its own may be what was meant.
				msg = fmt.Sprintf("move its text there, delete it, or rename it index.md to make it the page /%s/", dirPath(d))
			}
			a.errs.Warn(pp.File, 0, 0, "this _index.md is not used: only %s introduce a section; %s",
				"content/articles/_index.md, content/guides/_index.md, content/worksheets/_index.md and content/paths/_index.md", msg)
			continue
		}
		if what, taken := a.reserved[up]; taken && pp.Kind != "home" && pp.Kind != "section" {
			if up == "search/" && (pp.Params["layout"] == "search" || pp.Params["type"] == "search") {
				// A Hugo theme's search page, which holds nothing but its layout's name.
				key := "layout"
				if pp.Params[key] != "search" {
					key = "type"
				}
				a.errs.Add(pp.File, pp.Lines[key], 0, "this page is a Hugo theme's search page (its %s is \"search\"); Between makes the search page itself, at /search/: delete this file", key)
				continue
			}
			a.errs.Add(pp.File, pp.Lines["slug"], 0, "this page would have the URL /%s, which is %s; give it another slug or file name", up, what)
			continue
		}
		if prev, dup := a.byURL[up]; dup {
			if msg := sameLooking(pp.File, prev); msg != "" {
				a.errs.Add(pp.File, 0, 0, "%s, so both would have the URL /%s; keep one of the two files: delete the other, or rename it", msg, up)
				continue
			}
			if strings.EqualFold(pp.File, prev) {
				// calm.md and calm.MD, or Calm.md: "both Markdown" or "another slug" said
				// nothing of what is wrong, and a Mac shows only one of them.
				a.errs.Add(pp.File, 0, 0, "this file and %s differ only in upper and lower case, so both would be the page /%s: two files for one page. "+
					"Compare them, keep the one you want and delete the other. A Mac or a Windows computer takes the two names for one file and shows only one of them; "+
					"if that is what you see, the other came through git: remove the one you do not want there, with git rm --cached %s (or the other's name), and commit",
					prev, up, prev)
				continue
			}
			if bundleTwin(source.Stem(pp.File)) == source.Stem(prev) && pp.Lines["slug"] == 0 {
				// goals.md and goals/index.md: "give one of them another slug" would publish
				// the page twice.
				a.errs.Add(pp.File, 0, 0, "this file and %s are one page saved twice, at /%s: a page bundle's index.md is the page of its folder's name. "+
					"Keep one of the two files (the bundle, to keep files beside the page): move what the other says into it, and delete the other",
					prev, up)
				continue
			}
			if source.Stem(pp.File) == source.Stem(prev) && pp.Lines["slug"] == 0 {
				// calm.md and calm.markdown, the same page saved twice: another slug for
				// one would publish both.
				a.errs.Add(pp.File, 0, 0, "this file and %s are both Markdown (%s and %s are both endings of Markdown files), so both would be the page /%s; keep one of the two files: delete the other, or rename it",
					prev, source.Ext(prev), source.Ext(pp.File), up)
				continue
			}
			a.errs.Add(pp.File, pp.Lines["slug"], 0, "this page has the URL /%s, like %s; give one of them another slug", up, prev)
			continue
		}
		a.byURL[up] = pp.File
		a.relAt[up] = pp.Rel
		if pp.Kind == "section" {
			sec := a.sections[pp.Section]
			sec.Title, sec.TitleID = pp.Shown(), pp.TitleID
			sec.Intro = template.HTML(in.Doc.Text())
			continue
		}
		p := in.Made
		switch {
		case p == nil:
			p = NewPage(pp, in.Doc, a.base, a.abs)
		case !in.Own:
			p = new(Page)
			*p = *in.Made
		}
		a.pages[pp.Rel] = p
	}
}

// placeAliases keeps the aliases whose URLs are free. It comes after every page's own URL,
// so that an alias never takes a page's place.
func (a *assembly) placeAliases() {
	aliased := map[string]bool{} // the URLs of byURL that are aliases, not pages
	for i := range a.inputs {
		in := &a.inputs[i]
		p := a.pages[in.Page.Rel]
		if p == nil {
			continue
		}
		pp := in.Page
		var kept, former []string
		for _, al := range pp.Aliases {
			if al == "" {
				continue
			}
			key := strings.TrimSuffix(AliasPath(al), "index.html")
			if what, taken := a.reserved[key]; taken {
				a.errs.Add(pp.File, pp.Lines["aliases"], 0, "alias %q is the URL of %s; remove it", al, what)
				continue
			}
			if prev, dup := a.byURL[key]; dup {
				if aliased[key] {
					a.errs.Add(pp.File, pp.Lines["aliases"], 0, "alias %q is already an alias of %s; keep it on one page", al, prev)
				} else {
					a.errs.Add(pp.File, pp.Lines["aliases"], 0, "alias %q is already the URL of %s; remove it", al, prev)
				}
				continue
			}
			a.byURL[key] = pp.File
			aliased[key] = true
			kept = append(kept, al)
			// A page's own address is a folder's, and has no space (slugs have none).
			if (key == "" || strings.HasSuffix(key, "/")) && !strings.ContainsAny(key, " \t\n") {
				former = append(former, a.base+key)
			}
		}
		p.Aliases, p.Former = kept, former
	}
}

// tagPages makes the tags, in file order so that a tag's name is the first one written.
// Its problems go to errs.
func (a *assembly) tagPages(errs *diag.List) {
	slugs := map[string]string{} // the same few tags are on many pages
	slugOf := func(name string) string {
		ts, ok := slugs[name]
		if !ok {
			ts = slug.Make(name)
			slugs[name] = ts
		}
		return ts
	}
	for _, r := range a.rels {
		p := a.pages[r]
		in := a.byRel[r]
		if p.Unlisted {
			continue // its tags link to the public tags only, below
		}
		for _, name := range in.Page.Tags {
			ts := slugOf(name)
			if ts == "" {
				errs.Warn(in.Page.File, in.Page.Lines["tags"], 0, "tag %q has no letters or digits to make its address from; it is left out, so give it a name with words", name)
				continue
			}
			if hasTag(p.Tags, ts) {
				continue
			}
			t := a.tagBySlug[ts]
			if t == nil {
				t = &Tag{Name: name, Slug: ts, URL: a.base + "tags/" + ts + "/"}
				a.tagBySlug[ts] = t
			}
			p.Tags = append(p.Tags, t)
			// A path is listed on its tags' pages as a path, not among the pages.
			if p.Kind != "path" {
				t.Pages = append(t.Pages, p)
			}
		}
	}
	// An unlisted page shows only tags that listed pages made public: a tag of its own would
	// publish its name on the tags index, the sitemap and the home page.
	for _, r := range a.rels {
		p := a.pages[r]
		if !p.Unlisted {
			continue
		}
		if w := guessable(p.URL, p.Title); w != "" {
			in := a.byRel[r].Page
			line := in.Lines["slug"]
			if line == 0 {
				line = in.Lines["unlisted"]
			}
			errs.Warn(in.File, line, 0, "this unlisted page's address %s holds %q, a word of its title, so it is easy to guess; give it a slug nobody can guess (`between new page NAME --unlisted` makes one)", p.URL, w)
		}
		for _, name := range a.byRel[r].Page.Tags {
			ts := slugOf(name)
			if t := a.tagBySlug[ts]; t != nil && !hasTag(p.Tags, ts) {
				p.Tags = append(p.Tags, t)
			}
		}
	}
}

// hasTag reports whether tags holds the tag of slug ts: a page has a few tags.
func hasTag(tags []*Tag, ts string) bool {
	for _, t := range tags {
		if t.Slug == ts {
			return true
		}
	}
	return false
}

// listPages puts every page in its lists: the home page, the unlisted ones, all pages, the
// sections and the menu's plain pages.
func (a *assembly) listPages() {
	s := a.s
	for _, r := range a.rels {
		p := a.pages[r]
		switch {
		case p.Kind == "home":
			s.Home = p
			continue
		case p.Unlisted:
			s.Unlisted = append(s.Unlisted, p)
			continue
		}
		s.Pages = append(s.Pages, p)
		if sec := a.sections[p.Section]; sec != nil && p.Section != "" {
			sec.Pages = append(sec.Pages, p)
		} else if p.Kind == "page" {
			s.Plain = append(s.Plain, p)
		}
	}
	if s.Home == nil {
		s.Home = &Page{Kind: "home", Title: s.Title, Description: s.Description, URL: a.base, Permalink: a.abs}
	}
	// Every language has a home page, with an _index.md or without.
	s.Home.Translations = Alternates(s.Languages, Everywhere(""))
}

// orderLists sorts every list but the tags' and links each section's pages to their
// neighbours. Each order ends on the file's name, which no two pages share, so a sort that
// is not stable (and faster) gives the same lists.
func (a *assembly) orderLists() {
	s := a.s
	// Each list is sorted on its own, so they are sorted on every core: at 100,000 pages
	// sorting was half of assembling.
	var sorts []func()
	sorts = append(sorts, func() { slices.SortFunc(s.Pages, newerCmp) })
	for _, sec := range s.Sections {
		sorts = append(sorts, func() {
			slices.SortFunc(sec.Pages, listCmp)
			for i, p := range sec.Pages {
				if i > 0 {
					p.Prev = sec.Pages[i-1]
				}
				if i+1 < len(sec.Pages) {
					p.Next = sec.Pages[i+1]
				}
			}
		})
	}
	sorts = append(sorts, func() { slices.SortFunc(s.Plain, weightTitleCmp) })
	everywhere(sorts)
}

// orderTags sorts the tags and the pages of each, as orderLists does the other lists.
func (a *assembly) orderTags() {
	s := a.s
	var sorts []func()
	for _, t := range a.tagBySlug {
		sorts = append(sorts, func() { slices.SortFunc(t.Pages, listCmp) })
		s.Tags = append(s.Tags, t)
	}
	everywhere(sorts)
	sort.Slice(s.Tags, func(i, j int) bool { return strings.ToLower(s.Tags[i].Name) < strings.ToLower(s.Tags[j].Name) })
}

// checkMadeURLs reports pages and aliases at the URLs of what the site makes from tags and
// paths, known only now: tag pages and booklets.
func (a *assembly) checkMadeURLs() {
	for _, t := range a.tagBySlug {
		if f, taken := a.byURL["tags/"+t.Slug+"/"]; taken {
			a.errs.Add(f, 0, 0, "this page or alias has the URL /tags/%s/, which is the page of the tag %q; give it another slug or file name", t.Slug, t.Name)
		}
	}
	for _, p := range a.pages {
		if p.Path == nil {
			continue
		}
		up := strings.TrimPrefix(p.Path.PrintURL, a.base)
		if f, taken := a.byURL[up]; taken {
			a.errs.Add(f, 0, 0, "this page or alias has the URL /%s, which is the booklet of %s; give it another slug or file name", up, p.File)
		}
	}
}

// keepAddrs keeps what Site.Serves reads, made already: no pass over the pages.
func (a *assembly) keepAddrs() {
	a.s.addrs = addrs{byURL: a.byURL, relAt: a.relAt, made: a.reserved, per: a.cfg.Paginate}
}

// tagPaths lists on a tag's page the paths tagged with it, and the path made from it.
func (a *assembly) tagPaths() {
	for _, p := range a.s.Paths {
		seen := map[*Tag]bool{}
		if t := a.tagBySlug[slug.Make(p.Tag)]; p.Tag != "" && t != nil {
			t.Paths = append(t.Paths, p)
			seen[t] = true
		}
		for _, t := range p.Page.Tags {
			if !seen[t] {
				t.Paths = append(t.Paths, p)
			}
		}
	}
}

// PrintPrefix goes before every id of the page rel ("articles/a.md") in a booklet, and
// before every link to one: a booklet holds many pages, whose ids must not collide. Nor
// must they be the booklet's own: a plain page step.md has the prefix step-page-, since
// with step- its heading "1" would be step-1, the id of the booklet's first step; so do
// booklet.md, menu.md (menu-top) and the other names of the start of an id the booklet
// has.
func PrintPrefix(rel string) string {
	p := slug.Make(source.Stem(rel)) + "-"
	if bookletIDFrom(p) {
		// No id of the booklet has "-page-" after its first word, nor "step-N-page-".
		p += "page-"
	}
	return p
}

// bookletIDs are the ids the default theme's booklet gives elements of its own, besides
// its steps' (step-1, step-1-title) and the theme's on every page (markdown.ThemeID).
var bookletIDs = []string{"booklet-title", "booklet-intro-title", "booklet-toc-title"}

// bookletIDFrom reports whether an id of the booklet's own starts with prefix, or may.
func bookletIDFrom(prefix string) bool {
	if rest, ok := strings.CutPrefix(prefix, "step-"); ok {
		// step-, or step-2-: step-{N} and step-{N}-title.
		n := strings.TrimSuffix(rest, "-")
		if strings.Trim(n, "0123456789") == "" {
			return true
		}
	}
	for _, id := range bookletIDs {
		if strings.HasPrefix(id, prefix) {
			return true
		}
	}
	return markdown.ThemeIDFrom(prefix)
}

// NewPage makes the model's page from a parsed and converted file, with everything that does
// not depend on other pages. base is the site's base path and abs its absolute URL.
func NewPage(pp *page.Page, doc *markdown.Doc, base, abs string) *Page {
	up := URLPath(pp)
	p := &Page{
		File: pp.File, Kind: pp.Kind, Section: pp.Section, Slug: pp.Slug, Title: pp.Shown(), TitleID: pp.TitleID,
		Description: typo.Smarten(pp.Description), Author: pp.Author, Date: pp.Date, Lastmod: pp.Lastmod,
		Weight: pp.Weight, Source: pp.Source, URL: base + up, Permalink: abs + up,
		Aliases: pp.Aliases, Body: doc.Body, WordCount: doc.WordCount,
		Fields: len(doc.Fields), Unlisted: pp.Unlisted, Repeat: pp.Repeat, Form: doc.Fields, Draft: pp.Draft, NoSearch: pp.NoSearch, Params: pp.Params,
		sortKey: strings.ToLower(pp.Title),
	}
	if pp.TitleID != "" {
		p.PrintTitleID = PrintPrefix(pp.Rel) + pp.TitleID
	}
	summary := p.Description
	if summary == "" {
		summary = doc.Summary
		if !doc.WholeSummary { // the text before <!--more--> is the coach's choice
			summary = truncate(summary, 200)
		}
	}
	p.Summary = template.HTML(template.HTMLEscapeString(summary))
	for _, h := range doc.Headings {
		if h.Level == 2 || h.Level == 3 {
			p.TOC = append(p.TOC, Heading{Level: h.Level, ID: h.ID, Title: h.Title})
		}
	}
	if pp.TOC != nil {
		p.ShowTOC = *pp.TOC && len(p.TOC) > 0
	} else {
		p.ShowTOC = len(p.TOC) >= 5 && doc.WordCount > 1000
	}
	p.Minutes, p.MinutesTo = pp.Minutes, pp.MinutesTo
	if p.Minutes == 0 {
		p.Minutes, p.MinutesTo = estimate(doc)
	}
	return p
}

// estimate returns the minutes a page takes: its reading time, plus the time to answer its
// fields. Answering takes time beyond reading the question, but less than a reading speed
// would suggest for a page of fields: a tap on a scale or a choice takes seconds, a line
// under a minute, writing space about a minute for every two of its lines. A table is filled
// a row at a time (a habit tracker, over days): one sitting is its first rows. Writing is
// where people differ most: when there are minutes of it, the estimate is a range, up to
// twice the writing time, rounded to 5 minutes from 10 minutes up ("10–15 minutes"), as a
// coach would say it. hi is 0 when the time is one number.
func estimate(doc *markdown.Doc) (lo, hi int) {
	read := float64(doc.WordCount) / wordsPerMinute
	var writing float64
	for _, f := range doc.Fields {
		switch f.Kind {
		case "answer":
			writing += 0.5 + float64(max(f.Lines, 1))/2
		case "table":
			writing += 0.5 * float64(min(f.Rows, 3)) * math.Max(1, float64(len(f.Columns))/2)
		case "line":
			writing += 0.75
		default: // scale, choice, checklist, date, task
			read += 0.25
		}
	}
	lo = int(math.Max(1, math.Ceil(read+writing)))
	if writing < 2 {
		return lo, 0
	}
	hi = int(math.Ceil(read + 2*writing))
	if lo >= 10 {
		lo -= lo % 5
	}
	if hi >= 10 && hi%5 != 0 {
		hi += 5 - hi%5
	}
	if hi <= lo {
		return lo, 0
	}
	return lo, hi
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, ",.;:—– ") + "…"
}

// CheckLinks reports the links of in to pages that do not exist or are not published, and
// to anchors that are not on their page. byRel holds every content file by its path inside
// content/; foreign, in a library in several languages, the other languages' files that
// a link may name by mistake; names, the pages Obsidian's [[links]] may name, made once for
// the pages of byRel (nil: made for this page's, if it has any). Assemble leaves links to
// it: a rebuild of one page's text checks again only the links that page's ids could break.
func CheckLinks(in *Input, byRel map[string]*Input, now time.Time, foreign map[string]Foreign, names *WikiNames) diag.List {
	var errs diag.List
	if names == nil && in.Doc != nil && len(in.Doc.Wiki) > 0 {
		names = NewWikiNames(byRel)
	}
	checkLinks(&errs, in, byRel, now, foreign, names)
	return errs
}

// Foreign is a content file of another language's part of the library, by the name a link
// from this language's pages gives it ("articles/values.de.md", "de/articles/pausen.md"):
// links name files as in the page's own language, so such a link leads nowhere.
type Foreign struct {
	Lang string // its language, in English: "German"
	Rel  string // its name in its language: "articles/values.md"
	URL  string // its page's address, base path included; "" while it is not published
}

// foreignProblem is the message of a link to target, the file f of another language.
func foreignProblem(target, from string, f Foreign) string {
	msg := "link to " + target + ": that file is the " + f.Lang + " version of " + f.Rel +
		", and links name files as in this page's language: write " + mdLink("", relativeTo(from, f.Rel)) +
		" for the page in this language (or in the one it is in, while it has none)"
	if f.URL == "" {
		return msg + "; the " + f.Lang + " page is not published"
	}
	return msg + ", or the " + f.Lang + " page's address, " + f.URL
}

func checkLinks(errs *diag.List, in *Input, byRel map[string]*Input, now time.Time, foreign map[string]Foreign, names *WikiNames) {
	pp := in.Page
	line := func(l markdown.Link) int {
		if l.Line == 0 {
			return 0
		}
		return l.Line + pp.BodyLine - 1
	}
	for _, w := range in.Doc.Wiki {
		errs.Warn(pp.File, line(markdown.Link{Line: w.Line}), w.Col, "%s", wikiProblem(w, pp.Rel, names))
	}
	for _, l := range in.Doc.Links {
		if l.Addr != "" {
			continue // checked against the site's addresses, once assembled (CheckAddrs)
		}
		ids := in.Doc.IDs
		target := "this page"
		if l.Target != "" {
			tin, ok := byRel[l.Target]
			if !ok {
				// values.md made values/index.md: the same page, as the link resolved.
				if other := OtherName(l.Target); other != "" {
					tin, ok = byRel[other]
				}
			}
			if ok && tin.Elsewhere {
				continue
			}
			if !ok {
				if f, other := foreign[l.Target]; other {
					errs.Add(pp.File, line(l), l.Col, "%s", foreignProblem(l.Target, pp.Rel, f))
					continue
				}
				msg := fmt.Sprintf("link to %s: there is no such page (content/%s); check the file name", l.Target, l.Target)
				if s := nearestFile(l.Target, pp.Rel, byRel); s != "" {
					msg = fmt.Sprintf("link to %s: there is no such page (content/%s); did you mean %s?", l.Target, l.Target, mdLink("", relativeTo(pp.Rel, s)))
				}
				errs.Add(pp.File, line(l), l.Col, "%s", msg)
				continue
			}
			if !tin.Visible || tin.Doc == nil {
				if msg, warning := unpublishedLink(tin.Page, now); warning {
					errs.Warn(pp.File, line(l), l.Col, "link to %s: %s", l.Target, msg)
				} else {
					errs.Add(pp.File, line(l), l.Col, "link to %s: %s", l.Target, msg)
				}
				continue
			}
			if tin.Page.Unread {
				continue // its own problem is told; its headings are unknown
			}
			ids = tin.Doc.IDs
			target = tin.Page.Rel // the file that has the ids, when the link named its other
		}
		if msg, warning := anchorProblem(l.Anchor, target, ids, in.Doc.LayoutIDs); warning {
			errs.Warn(pp.File, line(l), l.Col, "%s", msg)
		} else if msg != "" {
			errs.Add(pp.File, line(l), l.Col, "%s", msg)
		}
	}
}

// unpublishedLink says why a link to p, a page not published, does not work: expired (a
// warning, as expiry is planned and a build must not start failing on the day it comes),
// a draft, or scheduled, with the date. A link written as the page's file and one written
// as its address are told the same (CheckAddrs).
func unpublishedLink(p *page.Page, now time.Time) (msg string, warning bool) {
	if p.Expired(now) {
		return fmt.Sprintf("that page expired on %s and is no longer published; remove the link or change its expiryDate", p.ExpiryDate.Format("2006-01-02")), true
	}
	return heldBack(p, now, "the link works", "remove the link", "give this page the same %s, so that both appear together"), false
}

// anchorProblem says what is wrong with a link to #anchor on the page target, whose ids
// are ids, or "" when nothing is. "#top" leads to the top of any page, as browsers read it.
// A link to one of the theme's ids is a warning: the link leads somewhere (the theme's
// menu, on every page), and a site that linked to its heading "## Menu" before that
// heading became #menu-1 keeps building after an upgrade. So is a link to one of the ids
// the site's own layouts write (layout), which a heading named like it no longer has.
func anchorProblem(anchor, target string, ids, layout map[string]bool) (msg string, warning bool) {
	if anchor == "" || anchor == "top" || ids[anchor] {
		return "", false
	}
	// A heading named like the theme's or a layout's id has it with -1 (## Menu is #menu-1):
	// on every page #menu is the theme's menu, and the theme's "Menu" link leads there.
	var whose string
	switch {
	case markdown.ThemeID(anchor):
		whose = "the theme's own"
	case layout[anchor]:
		whose = "written by one of the site's layouts"
	}
	if whose != "" {
		msg := fmt.Sprintf("link to #%s: #%s is %s, on every page; no heading has that id", anchor, anchor, whose)
		if ids[anchor+"-1"] {
			msg += fmt.Sprintf("; the heading named like it is #%s-1: link to #%s-1", anchor, anchor)
		} else {
			msg += "; the link leads there, not to a heading"
		}
		return msg, true
	}
	msg = fmt.Sprintf("link to #%s: %s has no heading or field with that id", anchor, target)
	var cands []string
	for id := range ids {
		cands = append(cands, id)
	}
	sort.Strings(cands)
	if s := diag.Suggest(anchor, cands); s != "" {
		msg += fmt.Sprintf("; did you mean #%s?", s)
	}
	return msg, false
}

func siteKey(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil {
		return baseURL
	}
	return strings.TrimSuffix(u.Host+u.Path, "/")
}

// weightCmp orders by weight with unweighted (0) pages after weighted ones.
func weightCmp(a, b *Page) int {
	switch {
	case a.Weight == b.Weight:
		return 0
	case a.Weight == 0:
		return 1
	case b.Weight == 0:
		return -1
	case a.Weight < b.Weight:
		return -1
	}
	return 1
}

// The orders below are comparisons for slices.SortStableFunc; pages carry their title in
// lower case, so that sorting a large library stays cheap.

// dateCmp orders by date, oldest first, an undated page before every dated one (so last
// when newest come first). Dates compare as time.Time: as nanoseconds since 1970 they
// overflowed outside 1678–2262, and an undated page sorted as a date in 1754.
func dateCmp(a, b *Page) int {
	az, bz := a.Date.IsZero(), b.Date.IsZero()
	switch {
	case az && bz:
		return 0
	case az:
		return -1
	case bz:
		return 1
	}
	return a.Date.Compare(b.Date)
}

// listCmp is a section's order: weight, then newest first, then title.
func listCmp(a, b *Page) int {
	if c := weightCmp(a, b); c != 0 {
		return c
	}
	if c := dateCmp(b, a); c != 0 {
		return c
	}
	return titleCmp(a, b)
}

// studyCmp is a tag-derived path's order: weight, then oldest first (study builds on what
// came before), then title.
func studyCmp(a, b *Page) int {
	if c := weightCmp(a, b); c != 0 {
		return c
	}
	if c := dateCmp(a, b); c != 0 {
		return c
	}
	return titleCmp(a, b)
}

// newerCmp is newest first, then title.
func newerCmp(a, b *Page) int {
	if c := dateCmp(b, a); c != 0 {
		return c
	}
	return titleCmp(a, b)
}

func weightTitleCmp(a, b *Page) int {
	if c := weightCmp(a, b); c != 0 {
		return c
	}
	return titleCmp(a, b)
}

func titleCmp(a, b *Page) int {
	if c := strings.Compare(a.sortKey, b.sortKey); c != 0 {
		return c
	}
	return strings.Compare(a.File, b.File)
}

// guessable returns the longest word of title (three letters or more) that is a part of the
// last segment of addr ("jordan" in /for-jordan/ for "A note for Jordan"), or "".
func guessable(addr, title string) string {
	last := path.Base(strings.TrimSuffix(addr, "/"))
	if u, err := url.PathUnescape(last); err == nil {
		last = u
	}
	parts := map[string]bool{}
	for _, part := range strings.Split(last, "-") {
		parts[part] = true
	}
	best := ""
	for _, word := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		w := slug.Make(word)
		if utf8.RuneCountInString(w) >= 3 && parts[w] && len(w) > len(best) {
			best = w
		}
	}
	return best
}

// coach returns the address and name "Send to my coach" writes to: config's coach_email, or
// else [params] contact when it is an email address.
func coach(cfg *config.Config) (email, name string) {
	from := cfg.CoachEmail
	if from == "" {
		from, _ = cfg.Params["contact"].(string)
	}
	a, err := mail.ParseAddress(strings.TrimSpace(from))
	if from == "" || err != nil {
		return "", ""
	}
	return a.Address, a.Name
}

// everywhere runs jobs on every core, each once, and returns when all are done.
func everywhere(jobs []func()) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(jobs); i = int(next.Add(1)) - 1 {
				jobs[i]()
			}
		})
	}
	wg.Wait()
}

// sameLooking says, when the file names file and other differ only in their Unicode form,
// that they look the same but are not: an accented letter as one character (é), or as a
// letter and an accent mark (e + ´), which is how macOS writes file names. A library copied
// between a Mac and another computer can end up with both; a link finds either, so both
// are one page to Between. It returns "" for names that differ otherwise.
func sameLooking(file, other string) string {
	if file == other || norm.NFC.String(file) != norm.NFC.String(other) {
		return ""
	}
	form := func(name string) string {
		if norm.NFC.IsNormalString(name) {
			return "as one character"
		}
		return "as a letter and a separate accent mark (as macOS writes names)"
	}
	return fmt.Sprintf("this file's name and %s look the same, but are spelt with different Unicode forms: this one writes its accented letters %s, the other %s", other, form(file), form(other))
}
