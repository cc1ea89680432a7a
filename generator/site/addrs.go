package site

import (
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/page"
	"github.com/between-ssg/between/generator/source"
	"golang.org/x/text/unicode/norm"
)

// addrs is what Site.Serves looks addresses up in, kept from assembling: byURL (pages and
// aliases) and made (the site's own pages). An update of the model
// (Update) changes no page's URL or aliases; tags, which it may change, are read from
// Site.Tags.
type addrs struct {
	byURL map[string]string
	relAt map[string]string // the pages' own addresses (no aliases) → their content paths
	made  map[string]string
	near  []string // the addresses of byURL, sorted, made for the first broken link's hint
	per   int      // how many entries a list page shows (paginate); 0 for DefaultPaginate
}

// DefaultPaginate is how many entries a list page shows when config.toml does not say.
const DefaultPaginate = 50

// outputs are the files the build writes beside the pages, by their address below the base.
var outputs = map[string]bool{"manifest.webmanifest": true, "offline.json": true, "notes/index.json": true}

// Serves reports whether the site makes the address up, a path below the base path
// ("about/", "tags/calm/", "css/main.css"): a page, list, tag page, booklet, alias or a
// file the build writes; static reports the static files (of the site and the theme). A
// folder's address without its final slash, or with index.html, is served as the folder.
func (s *Site) Serves(up string, static func(string) bool) bool {
	if s.serves(up, static) {
		return true
	}
	folder, ok := asFolder(up)
	return ok && s.serves(folder, static)
}

// asFolder is the folder's address that up may stand for: up without its index.html, or
// with the final slash it lacks.
func asFolder(up string) (string, bool) {
	if d, ok := strings.CutSuffix(up, "index.html"); ok && (d == "" || strings.HasSuffix(d, "/")) {
		return d, true
	}
	if up != "" && !strings.HasSuffix(up, "/") {
		return up + "/", true
	}
	return "", false
}

func (s *Site) serves(up string, static func(string) bool) bool {
	if s.addrs.byURL == nil {
		return true // a model not assembled here: nothing is known, nothing is reported
	}
	if _, ok := s.addrs.byURL[up]; ok {
		return true
	}
	if _, ok := s.addrs.made[up]; ok {
		return true
	}
	if outputs[up] || static(up) {
		return true
	}
	if p, ok := strings.CutSuffix(up, "print/"); ok && strings.HasPrefix(p, "paths/") {
		_, ok := s.addrs.byURL[p] // every reading path has its booklet
		return ok
	}
	if slug, ok := strings.CutPrefix(up, "tags/"); ok {
		for _, t := range s.Tags {
			if t.Slug+"/" == slug {
				return true
			}
		}
	}
	// A list's further pages ("articles/page/2/") are there while it has that many.
	if l, ok := s.listPage(up); ok {
		return l.k >= 2 && l.k <= l.pages
	}
	return false
}

// paged is a list's further page that an address names ("tags/calm/page/3/"): the list's
// own address, how many entries and pages it has, and which page is named.
type paged struct {
	list           string
	entries, pages int
	k              int
}

// listPage reads up as the address of a section's or a tag's further page, as render.Plan
// makes them: page/2/ to page/N/ after the list's own address, the number written without
// a leading zero.
func (s *Site) listPage(up string) (paged, bool) {
	rest, ok := strings.CutSuffix(up, "/")
	i := strings.LastIndex(rest, "/page/")
	if !ok || i < 0 {
		return paged{}, false
	}
	num := rest[i+len("/page/"):]
	k, err := strconv.Atoi(num)
	if err != nil || strconv.Itoa(k) != num {
		return paged{}, false
	}
	l := paged{list: up[:i+1], k: k, entries: -1}
	for _, sec := range s.Sections {
		if l.list == sec.Name+"/" {
			l.entries = len(sec.Pages)
		}
	}
	if slug, ok := strings.CutPrefix(l.list, "tags/"); ok && l.entries < 0 {
		for _, t := range s.Tags {
			if t.Slug+"/" == slug {
				l.entries = len(t.Pages)
			}
		}
	}
	if l.entries < 0 {
		return paged{}, false
	}
	per := s.addrs.per
	if per <= 0 {
		per = DefaultPaginate
	}
	l.pages = max(1, (l.entries+per-1)/per)
	return l, true
}

// pagesProblem ends the message of a link to a list's page that is not there: which pages
// the list has.
func (s *Site) pagesProblem(l paged) string {
	per := s.addrs.per
	if per <= 0 {
		per = DefaultPaginate
	}
	first := "/" + s.prefix() + l.list
	n := fmt.Sprintf("%d entries", l.entries)
	if l.entries == 1 {
		n = "1 entry"
	}
	switch {
	case l.pages == 1:
		return fmt.Sprintf("; the list %s is one page, %s itself (%s, paginate = %d in config.toml)", first, first, n, per)
	case l.k == 1:
		return fmt.Sprintf("; the list's first page is %s itself", first)
	case l.pages == 2:
		return fmt.Sprintf("; the list %s has 2 pages (%s, paginate = %d in config.toml): %s and %spage/2/", first, n, per, first, first)
	}
	return fmt.Sprintf("; the list %s has %d pages (%s, paginate = %d in config.toml): %s, then %spage/2/ to %spage/%d/", first, l.pages, n, per, first, first, first, l.pages)
}

// CheckAddrs reports the links of in written as addresses on the site ("/about/",
// "../legal/") that lead to no address the site makes (Serves). byRel holds every content
// file, for the hint of a link that lacks its ".md". hints is how many broken links may
// still get the nearest address as a hint: each costs a pass over every address, and a
// library imported from elsewhere may have thousands. Links outside base, the path of this
// site's addresses, are not checked: another language's pages (CheckAcross does), or
// another site on the host. now is the build's time, which says whether a page held back is
// scheduled or expired.
func CheckAddrs(in *Input, s *Site, byRel map[string]*Input, files Files, hints *int, now time.Time) diag.List {
	var errs diag.List
	if in.Doc == nil {
		return nil
	}
	c := addrCheck{s: s, byRel: byRel, static: files.Static, inContent: files.InContent, under: files.Under, other: files.Other, real: files.Real, hints: hints, now: now}
	for i := range in.Doc.Links {
		l := &in.Doc.Links[i]
		if l.Addr == "" {
			continue
		}
		up, ok := strings.CutPrefix(l.Addr, s.BasePath)
		if !ok || s.otherLanguage(l.Addr) {
			continue // the home page without its slash, outside this site, or in another language's part
		}
		// Most links lead to a page, with no id: a lookup, and no call more. (Going
		// through check for every link, the 10,000-page library's 13,500 links were a
		// sixth more instructions, counted by callgrind.)
		served := s.Serves(up, c.static)
		if served && l.Anchor == "" {
			continue
		}
		c.check(&errs, in.Page, l, up, served)
	}
	return errs
}

// Files are the files beside the pages, as CheckAddrs asks of them.
type Files struct {
	// Static reports a file the build publishes (of static/, the theme or a page bundle)
	// by its address below the base ("images/wheel.png").
	Static func(name string) bool
	// InContent reports a file at content/p, published or not, and Under a published file
	// in a folder ("articles/goals/more/"), or "": asked only of a broken link, for its
	// message. Either may be nil.
	InContent func(p string) bool
	Under     func(folder string) string
	// Other is the format of the file at content/p ("Org") when it is in another
	// generator's page format, which Between makes no page of and tells of, else "":
	// asked only of a broken link, for its message. It may be nil.
	Other func(p string) string
	// Real is the file a content file's name stands for, as the coach named it: in a
	// library in several languages, content/articles/values.de.md for
	// content/articles/values.md in the German part. Nil: the name itself.
	Real func(name string) string
}

// Part is one language's part of a library in several, as the links of the other
// languages' pages into it are checked (CheckAcross): its model, its content files (with
// the pages it has in another language only, Input.Elsewhere) and its static files.
type Part struct {
	Site   *Site
	ByRel  map[string]*Input
	Static func(string) bool
	Real   func(string) string // the real names of its content files (Files.Real)
	// Now is the time its build judged by which pages are published: the link to a page
	// held back there says which it is, and when it is published or expired.
	Now time.Time
	// A part whose build failed is checked against only where its model is sure: Missing
	// says that some of its pages could not be read (their front matter fails), so that
	// a link that leads nowhere in it may lead to one of them, and Unsure names, by
	// content path, the pages whose ids may be wrong, having problems of their own. Such
	// links are checked once the part builds.
	Missing bool
	Unsure  map[string]bool
}

// CheckAcross reports the links of in, a page of s, written as addresses into another
// language's part of the library ("/de/articles/values/#f-wins" from an English page, "/"
// from a German one), that lead to nothing there, as CheckAddrs does within s. parts are
// the languages' parts, in the order of s.Languages; one with no Site is not checked, nor
// what a part whose build failed cannot be sure of (Part.Missing, Part.Unsure).
func CheckAcross(in *Input, s *Site, parts []Part, hints *int) diag.List {
	var errs diag.List
	if in.Doc == nil || len(s.Languages) != len(parts) {
		return nil
	}
	for j := range in.Doc.Links {
		l := &in.Doc.Links[j]
		if l.Addr == "" {
			continue
		}
		i := s.partOf(l.Addr)
		if i < 0 || s.Languages[i].Current || parts[i].Site == nil {
			continue
		}
		p := parts[i]
		up, ok := strings.CutPrefix(l.Addr, p.Site.BasePath)
		if !ok {
			up = "" // its home page without the slash
		}
		served := p.Site.Serves(up, p.Static)
		if !served && p.Missing {
			continue
		}
		if served && l.Anchor != "" && len(p.Unsure) > 0 {
			if rel, ok := p.Site.addrRel(up); ok && p.Unsure[rel] {
				continue
			}
		}
		c := addrCheck{s: p.Site, byRel: p.ByRel, static: p.Static, hints: hints, across: config.EnglishName(p.Site.Language), real: p.Real, now: p.Now}
		c.check(&errs, in.Page, l, up, served)
	}
	return errs
}

// addrCheck is what links are checked against: one language's part of the library.
type addrCheck struct {
	s                 *Site
	byRel             map[string]*Input
	static, inContent func(string) bool
	under             func(string) string
	real              func(string) string // Files.Real
	other             func(string) string // Files.Other
	hints             *int
	// across is the part's language ("German") when the links are from another
	// language's pages: their files are not the part's, nor its page bundles.
	across string
	now    time.Time // the build's: a page held back is scheduled or expired by it
}

// check adds the problem of the link l of the page pp, to up below the part's base path, to
// errs; served is whether the part serves up.
func (c *addrCheck) check(errs *diag.List, pp *page.Page, l *markdown.Link, up string, served bool) {
	s := c.s
	line := l.Line
	if line > 0 {
		line += pp.BodyLine - 1
	}
	if !served {
		if msg, warning := c.problem(*l, up, pp.Rel); warning {
			errs.Warn(pp.File, line, l.Col, "%s", msg)
		} else {
			errs.Add(pp.File, line, l.Col, "%s", msg)
		}
		return
	}
	if l.Anchor == "" {
		return
	}
	// A heading renamed breaks "/worksheets/values/#step-2" as it breaks
	// "values.md#step-2": checked alike, on the content pages (a list's or a tag page's
	// ids are the theme's).
	if rel, ok := s.addrRel(up); ok {
		if tin := c.byRel[rel]; tin != nil && tin.Doc != nil && !tin.Page.Unread {
			page, _, _ := strings.Cut(l.Dest, "#")
			if msg, warning := anchorProblem(l.Anchor, page, tin.Doc.IDs, tin.Doc.LayoutIDs); warning {
				errs.Warn(pp.File, line, l.Col, "%s", msg)
			} else if msg != "" {
				errs.Add(pp.File, line, l.Col, "%s", msg)
			}
		}
	}
}

// AddrRel is the content path of the page at addr, an address on the site written from
// its root with the base path ("/lib/about/", "/lib/about", "/lib/about/index.html"), if a
// page of this site is there (not an alias, a list or a file).
func (s *Site) AddrRel(addr string) (string, bool) {
	up, ok := strings.CutPrefix(addr, s.BasePath)
	if !ok || s.otherLanguage(addr) {
		return "", false
	}
	return s.addrRel(up)
}

func (s *Site) addrRel(up string) (string, bool) {
	if rel, ok := s.addrs.relAt[up]; ok {
		return rel, true
	}
	if folder, ok := asFolder(up); ok {
		rel, ok := s.addrs.relAt[folder]
		return rel, ok
	}
	return "", false
}

// unpublished is the message of a link written dest, which leads to file, a page held
// back: what a link to the file itself is told (unpublishedLink), with the file named, as
// dest does not; as says how dest leads there. "did you mean md?" led to another error,
// that it is a draft.
func unpublished(dest, as, file string, p *page.Page, now time.Time) (string, bool) {
	msg, warning := unpublishedLink(p, now)
	return "link to " + dest + " (" + as + " " + file + "): " + msg, warning
}

// file is the content file md (a content path) as the coach named it: content/md, or its
// real name in a library in several languages (content/articles/values.de.md).
func (c *addrCheck) file(md string) string {
	if c.real == nil {
		return "content/" + md
	}
	return c.real("content/" + md)
}

// addrProblem says what is wrong with the link l to up, which the site does not make, and
// what to write instead when a content file is at that address but for its ".md"; warning
// is set for a link to an expired page, as for a link to its file.
func (c *addrCheck) problem(l markdown.Link, up, from string) (msg string, warning bool) {
	s, byRel, static, inContent, hints := c.s, c.byRel, c.static, c.inContent, c.hints
	at := s.prefix() // "de/" in the German part: addresses are told from the library's root
	msg = "link to " + l.Dest + ": the library has no page or file at /" + at + up
	// "/files/Plan #2.pdf": a browser reads "#2.pdf" as an id on the page
	// "/files/Plan ", so the file's # must be written %23.
	if l.Anchor != "" && static(up+"#"+l.Anchor) {
		file := (&url.URL{Path: "/" + at + up + "#" + l.Anchor}).EscapedPath()
		return "link to " + l.Dest + ": in an address, # starts an id on a page, so this leads to \"/" + at + up + "\"" +
			" and not to the file; write the file's address as " + file + " (or rename the file without #)", false
	}
	if pl, ok := s.listPage(up); ok {
		return msg + s.pagesProblem(pl), false
	}
	// Names typed on a Mac may spell "é" as "e" and an accent (NFD), which a host serving
	// the site tells from the one character "é" (NFC): the address looks right and leads
	// nowhere.
	for _, alt := range []string{norm.NFC.String(up), norm.NFD.String(up)} {
		if alt != up && s.Serves(alt, static) {
			return msg + ", but there is one at /" + at + alt + ", which looks the same and is spelled with other characters" +
				" (an accented letter as one character in one, as a letter and an accent in the other, as a Mac may save names);" +
				" type the link again, or rename the file by typing its name again", false
		}
	}
	target := strings.TrimSuffix(up, "/")
	if c.across != "" {
		// The page of another language: not yet translated, or held back there.
		for _, stem := range []string{target, target + "/_index", target + "/index"} {
			md, ok := pageFile(byRel, stem)
			if in := byRel[md]; ok && in.Elsewhere {
				return msg + "; " + md + " has no " + c.across + " version: link the page in its own language, or add content/" +
					source.Stem(md) + "." + s.Language + source.Ext(md), false
			} else if ok && !in.Visible {
				// Told as a link within the part is: which it is, and until when.
				return unpublished(l.Dest, "the address of", c.file(md), in.Page, c.now)
			}
		}
	}
	for _, stem := range []string{target, target + "/_index", target + "/index"} {
		if c.across != "" {
			break // a file of this page's language is no help
		}
		md, ok := pageFile(byRel, stem)
		if in := byRel[md]; ok && !in.Elsewhere {
			if !in.Visible {
				return unpublished(l.Dest, "the address of", c.file(md), in.Page, c.now)
			}
			return msg + "; did you mean " + mdLink(l.Dest, relativeTo(from, md)) + "?", false
		} else if ok {
			// A page of another language, not yet translated into this one.
			return msg + "; " + md + " has no " + config.EnglishName(s.Language) + " version: link its file, " + mdLink(l.Dest, relativeTo(from, md)) +
				", which leads to the page in the language it is in, or add content/" + source.Stem(md) + "." + s.Language + source.Ext(md), false
		}
	}
	// Written from the file's folder, as a link to a file is: "../worksheets/next-steps"
	// from articles/welcome.md means content/worksheets/next-steps.md.
	if !strings.HasPrefix(l.Dest, "/") && c.across == "" {
		p := strings.TrimSuffix(l.Dest, "/")
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		md, ok := pageFile(byRel, path.Join(path.Dir(from), p))
		if in := byRel[md]; ok && !in.Elsewhere {
			if !in.Visible {
				return unpublished(l.Dest, "meant as", c.file(md), in.Page, c.now)
			}
			return msg + "; did you mean " + mdLink(l.Dest, relativeTo(from, md)) + "?", false
		}
	}
	// The address a page would have, had Between read its file: /articles/plan/ for
	// content/articles/plan.org. The generic message said nothing of the file.
	if c.other != nil && c.across == "" && target != "" && source.Other(up) == "" {
		exts := source.OtherExts()
		stems := []string{target}
		if !strings.HasPrefix(l.Dest, "/") {
			p, _, _ := strings.Cut(strings.TrimSuffix(l.Dest, "/"), "#")
			p, _, _ = strings.Cut(p, "?")
			if beside := path.Join(path.Dir(from), p); !strings.HasPrefix(beside, "../") && beside != target {
				stems = append(stems, beside)
			}
		}
		for _, stem := range stems {
			for _, name := range []string{stem, stem + "/index", stem + "/_index"} {
				for _, ext := range exts {
					if format := c.other(name + ext); format != "" {
						return msg + "; " + otherLink(format, name+ext, c.file(name+ext), from), false
					}
				}
			}
		}
	}
	// A folder of static files or of a page bundle's ("more/" beside index.md) is
	// published with its files, but has no page of its own.
	if folder := strings.TrimSuffix(up, "/") + "/"; c.under != nil && up != "" {
		if f := c.under(folder); f != "" {
			return msg + "; /" + at + folder + " is a folder of files, with no page of its own: link a file in it, such as /" + at + f, false
		}
	}
	// A file that a page bundle's index.md shows is saved beside it, not in static/.
	if in, ok := byRel[from]; ok && in.Page.Bundle != "" && c.across == "" {
		if rest, ok := strings.CutPrefix(up, URLPath(in.Page)); ok && rest != "" && !strings.HasSuffix(rest, "/") {
			// There, but under a name that content/ leaves out.
			if file := path.Dir(from) + "/" + rest; inContent != nil && inContent(file) {
				if why := leftOut(rest); why != "" {
					return msg + "; content/" + file + " is there, but " + why + ": rename it, or link another file", false
				}
			}
			return msg + "; save the file beside this page's index.md (as " + rest + "), or correct the link", false
		}
	}
	// A picture kept beside its page in content/, as Hugo publishes a section's files: here
	// only a page bundle's files are published, and "put the file in static/" did not say
	// that the file was found.
	if inContent != nil && !strings.HasSuffix(up, "/") && source.Ext(up) == "" {
		dest, _, _ := strings.Cut(l.Dest, "#")
		dest, _, _ = strings.Cut(dest, "?")
		// A page in a format Between does not read (plan.org): "move it to static/"
		// missed that the coach meant a page of it.
		if c.other != nil && source.Other(up) != "" {
			files := []string{up}
			if beside := path.Join(path.Dir(from), dest); !strings.HasPrefix(dest, "/") && !strings.HasPrefix(beside, "../") {
				files = []string{beside, up}
			}
			for _, p := range files {
				if format := c.other(p); format != "" {
					return msg + "; " + otherLink(format, p, c.file(p), from), false
				}
			}
		}
		if beside := path.Join(path.Dir(from), dest); !strings.HasPrefix(dest, "/") && !strings.HasPrefix(beside, "../") && inContent(beside) {
			return msg + "; the file is content/" + beside + ", beside this page, but from content/ only a page bundle's files are published: make the page a bundle (" +
				"content/" + source.Stem(from) + "/index" + source.Ext(from) + ", with the file beside it), or move the file to static/" + beside + " and link /" + beside, false
		}
		if inContent(up) {
			return msg + "; the file is content/" + up + ", but from content/ only a page bundle's files are published: move it to static/" + up + ", where this link finds it", false
		}
	}
	// A folder moved into a section, as a library from Hugo is (content/posts/ made
	// content/articles/): its pages are at the section's address, with or without the old
	// folder. A few lookups, where the nearest address (below) is a pass over all of them.
	first, rest, _ := strings.Cut(up, "/")
	for _, sec := range page.SectionOrder {
		for _, moved := range []string{sec + "/" + up, sec + "/" + rest} {
			if _, ok := s.addrRel(moved); ok && first != sec && rest != "" {
				return msg + "; did you mean /" + at + moved + "? (If other sites link to the old address, aliases = [\"/" + up + "\"] in that page keeps it working.)", false
			}
		}
	}
	if *hints > 0 {
		*hints--
		// Another language's pages may ask for this part's hints at once (CheckAcross).
		nearMu.Lock()
		if s.addrs.near == nil {
			s.addrs.near = slices.Sorted(maps.Keys(s.addrs.byURL))
		}
		nearMu.Unlock()
		// The tag pages too, read from s.Tags, which an update of the model may change: a
		// few hundred at most, where near is every page's address.
		cands := s.addrs.near
		if len(s.Tags) > 0 {
			cands = slices.Grow(slices.Clip(cands), len(s.Tags))
			for _, t := range s.Tags {
				cands = append(cands, "tags/"+t.Slug+"/")
			}
		}
		if near := diag.Suggest(up, cands); near != "" {
			return msg + "; did you mean /" + at + near + "?", false
		}
	}
	return msg + "; link the page's file (page.md) or put the file in static/", false
}

// otherLink says what is wrong with a link to content/p, the file named file, in another
// generator's page format (format, "Org"), and what to do, as the file's own warning does
// (build's otherMessage), with the link to write from the page at from.
func otherLink(format, p, file, from string) string {
	md := strings.TrimSuffix(p, path.Ext(p)) + ".md"
	link := mdLink("", relativeTo(from, md))
	a := "a "
	if strings.ContainsRune("AEIOU", rune(format[0])) || format == "HTML" {
		a = "an "
	}
	what := a + format + " file"
	switch {
	case format == "HTML":
		what = "an HTML file with front matter, as Hugo writes a page in HTML"
	case format == "Jupyter notebook" || strings.HasSuffix(format, " template"):
		what = a + format
	}
	var todo string
	switch format {
	case "HTML", "Pandoc":
		todo = "rename it " + path.Base(md) + ", look its text over (docs/content.md says how Markdown is written) and link " + link
	case "Jupyter notebook":
		todo = "export it as Markdown (in Jupyter: File, Save and Export Notebook As, Markdown), save that as " + path.Base(md) + " and link " + link
	default:
		todo = "write its text in Markdown, save it as " + path.Base(md) + " (docs/content.md says how) and link " + link
	}
	return file + " is " + what + ", which Between does not read: it makes pages of Markdown files only, and publishes neither a page nor the file. For a page, " +
		todo + "; to offer the file itself for download, move it to static/" + p + " and link /" + p
}

// leftOut says why the file at rest, below a page bundle's folder, is not published
// beside the page: the first of its names that content/ leaves out, as placeBundles does.
// It is "" when none is.
func leftOut(rest string) string {
	names := strings.Split(rest, "/")
	for i, n := range names {
		switch {
		case source.Hidden(n) && i == len(names)-1:
			return "a file whose name starts with a dot is hidden, and not published"
		case source.Hidden(n):
			return "it is in " + n + "/, and a folder whose name starts with a dot is hidden, and not published"
		case source.Scratch(n):
			return n + " is named as an editor's scratch file, which is not published"
		case strings.HasPrefix(n, "_") && i < len(names)-1:
			return "it is in " + n + "/, and a folder whose name starts with _ is not published"
		}
	}
	return ""
}

// mdLink is the link to a content file to suggest, with dest's anchor when it had one, in
// <> when it has a space (a destination with a space is a link only in <>).
func mdLink(dest, rel string) string {
	if i := strings.IndexByte(dest, '#'); i >= 0 {
		rel += dest[i:]
	}
	if strings.ContainsAny(rel, " \t") {
		return "[text](<" + rel + ">)"
	}
	return rel
}

// nearMu guards the making of addrs.near.
var nearMu sync.Mutex

// otherLanguage reports whether addr is in the part of the library of another language
// (/de/... from the default language's pages), which that language's build makes.
func (s *Site) otherLanguage(addr string) bool {
	if len(s.Languages) == 0 {
		return false
	}
	i := s.partOf(addr)
	return i >= 0 && !s.Languages[i].Current
}

// partOf is the language whose part of the library addr is in, by its place in
// s.Languages: the one with the longest home address that addr starts with, or is but for
// the final slash ("/de"). It is -1 for an address of no language's, and in a library in
// one language.
func (s *Site) partOf(addr string) int {
	at := -1
	for i, l := range s.Languages {
		if (strings.HasPrefix(addr, l.URL) || addr+"/" == l.URL) && (at < 0 || len(l.URL) > len(s.Languages[at].URL)) {
			at = i
		}
	}
	return at
}

// prefix is the part of this language's addresses after the library's root ("de/"), as
// messages show them; "" for the default language and a library in one.
func (s *Site) prefix() string {
	root, own := "", ""
	for _, l := range s.Languages {
		if root == "" || len(l.URL) < len(root) {
			root = l.URL
		}
		if l.Current {
			own = l.URL
		}
	}
	return strings.TrimPrefix(own, root)
}
