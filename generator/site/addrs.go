package site

import (
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

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
}

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
	// A list's further pages ("articles/page/2/") are there when the list is: how many
	// there are is the theme's to say.
	if i := strings.LastIndex(strings.TrimSuffix(up, "/"), "/page/"); i >= 0 && strings.HasSuffix(up, "/") {
		return s.serves(up[:i+1], static)
	}
	return false
}

// CheckAddrs reports the links of in written as addresses on the site ("/about/",
// "../legal/") that lead to no address the site makes (Serves). byRel holds every content
// file, for the hint of a link that lacks its ".md". hints is how many broken links may
// still get the nearest address as a hint: each costs a pass over every address, and a
// library imported from elsewhere may have thousands. Links outside base, the path of this
// site's addresses, are not checked: another language's pages, or another site on the host.
// now is the build's time, which says whether a page held back is scheduled or expired.
func CheckAddrs(in *Input, s *Site, byRel map[string]*Input, static, inContent func(string) bool, hints *int, now time.Time) diag.List {
	var errs diag.List
	if in.Doc == nil {
		return nil
	}
	pp := in.Page
	for _, l := range in.Doc.Links {
		if l.Addr == "" {
			continue
		}
		up, ok := strings.CutPrefix(l.Addr, s.BasePath)
		if !ok || s.otherLanguage(l.Addr) {
			continue // the home page without its slash, outside this site, or in another language's part
		}
		line := l.Line
		if line > 0 {
			line += pp.BodyLine - 1
		}
		if !s.Serves(up, static) {
			if msg, warning := s.addrProblem(l, up, pp.Rel, byRel, static, inContent, hints, now); warning {
				errs.Warn(pp.File, line, l.Col, "%s", msg)
			} else {
				errs.Add(pp.File, line, l.Col, "%s", msg)
			}
			continue
		}
		if l.Anchor == "" {
			continue
		}
		// A heading renamed breaks "/worksheets/values/#step-2" as it breaks
		// "values.md#step-2": checked alike, on the content pages (a list's or a tag page's
		// ids are the theme's).
		if rel, ok := s.addrRel(up); ok {
			if tin := byRel[rel]; tin != nil && tin.Doc != nil {
				page, _, _ := strings.Cut(l.Dest, "#")
				if msg := anchorProblem(l.Anchor, page, tin.Doc.IDs); msg != "" {
					errs.Add(pp.File, line, l.Col, "%s", msg)
				}
			}
		}
	}
	return errs
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

// unpublished is the message of a link written dest, which leads to content/md, a page
// held back: what a link to md itself is told (unpublishedLink), with the file named, as
// dest does not; as says how dest leads there. "did you mean md?" led to another error,
// that it is a draft.
func unpublished(dest, as, md string, p *page.Page, now time.Time) (string, bool) {
	msg, warning := unpublishedLink(p, now)
	return "link to " + dest + " (" + as + " content/" + md + "): " + msg, warning
}

// addrProblem says what is wrong with the link l to up, which the site does not make, and
// what to write instead when a content file is at that address but for its ".md"; warning
// is set for a link to an expired page, as for a link to its file. now is the build's time.
func (s *Site) addrProblem(l markdown.Link, up, from string, byRel map[string]*Input, static, inContent func(string) bool, hints *int, now time.Time) (msg string, warning bool) {
	msg = "link to " + l.Dest + ": the library has no page or file at /" + up
	// "/files/Plan #2.pdf": a browser reads "#2.pdf" as an id on the page
	// "/files/Plan ", so the file's # must be written %23.
	if l.Anchor != "" && static(up+"#"+l.Anchor) {
		file := (&url.URL{Path: "/" + up + "#" + l.Anchor}).EscapedPath()
		return "link to " + l.Dest + ": in an address, # starts an id on a page, so this leads to \"/" + up + "\"" +
			" and not to the file; write the file's address as " + file + " (or rename the file without #)", false
	}
	// Names typed on a Mac may spell "é" as "e" and an accent (NFD), which a host serving
	// the site tells from the one character "é" (NFC): the address looks right and leads
	// nowhere.
	for _, alt := range []string{norm.NFC.String(up), norm.NFD.String(up)} {
		if alt != up && s.Serves(alt, static) {
			return msg + ", but there is one at /" + alt + ", which looks the same and is spelled with other characters" +
				" (an accented letter as one character in one, as a letter and an accent in the other, as a Mac may save names);" +
				" type the link again, or rename the file by typing its name again", false
		}
	}
	target := strings.TrimSuffix(up, "/")
	for _, stem := range []string{target, target + "/_index", target + "/index"} {
		md, ok := pageFile(byRel, stem)
		if in := byRel[md]; ok && !in.Elsewhere {
			if !in.Visible {
				return unpublished(l.Dest, "the address of", md, in.Page, now)
			}
			return msg + "; did you mean " + mdLink(l.Dest, relativeTo(from, md)) + "?", false
		}
	}
	// Written from the file's folder, as a link to a file is: "../worksheets/next-steps"
	// from articles/welcome.md means content/worksheets/next-steps.md.
	if !strings.HasPrefix(l.Dest, "/") {
		p := strings.TrimSuffix(l.Dest, "/")
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		md, ok := pageFile(byRel, path.Join(path.Dir(from), p))
		if in := byRel[md]; ok && !in.Elsewhere {
			if !in.Visible {
				return unpublished(l.Dest, "meant as", md, in.Page, now)
			}
			return msg + "; did you mean " + mdLink(l.Dest, relativeTo(from, md)) + "?", false
		}
	}
	// A file that a page bundle's index.md shows is saved beside it, not in static/.
	if in, ok := byRel[from]; ok && in.Page.Bundle != "" {
		if rest, ok := strings.CutPrefix(up, URLPath(in.Page)); ok && rest != "" && !strings.HasSuffix(rest, "/") {
			return msg + "; save the file beside this page's index.md (as " + rest + "), or correct the link", false
		}
	}
	// A picture kept beside its page in content/, as Hugo publishes a section's files: here
	// only a page bundle's files are published, and "put the file in static/" did not say
	// that the file was found.
	if inContent != nil && !strings.HasSuffix(up, "/") && source.Ext(up) == "" {
		dest, _, _ := strings.Cut(l.Dest, "#")
		dest, _, _ = strings.Cut(dest, "?")
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
		for _, c := range []string{sec + "/" + up, sec + "/" + rest} {
			if _, ok := s.addrRel(c); ok && first != sec && rest != "" {
				return msg + "; did you mean /" + c + "? (If other sites link to the old address, aliases = [\"/" + up + "\"] in that page keeps it working.)", false
			}
		}
	}
	if *hints > 0 {
		*hints--
		if s.addrs.near == nil {
			s.addrs.near = slices.Sorted(maps.Keys(s.addrs.byURL))
		}
		if near := diag.Suggest(up, s.addrs.near); near != "" {
			return msg + "; did you mean /" + near + "?", false
		}
	}
	return msg + "; link the page's file (page.md) or put the file in static/", false
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

// otherLanguage reports whether addr is in the part of the library of another language
// (/de/... from the default language's pages), which that language's build makes.
func (s *Site) otherLanguage(addr string) bool {
	for _, l := range s.Languages {
		if !l.Current && len(l.URL) > len(s.BasePath) && strings.HasPrefix(addr, l.URL) {
			return true
		}
	}
	return false
}
