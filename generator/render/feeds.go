package render

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"strings"
	"time"

	"github.com/between-ssg/between/generator/site"
)

// FeedSize is how many of the newest pages the Atom feed carries, besides every path.
const FeedSize = 30

// FeedPages are the feed's entries: the newest pages, and every reading path (undated, a
// path would otherwise fall off the end), newest first.
func FeedPages(s *site.Site) []*site.Page {
	var out []*site.Page
	n := 0
	for _, p := range s.Pages {
		switch {
		case p.Path != nil:
			out = append(out, p)
		case n < FeedSize:
			out = append(out, p)
			n++
		}
	}
	return out
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	Title   string      `xml:"title"`
	Sub     string      `xml:"subtitle,omitempty"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  *atomAuthor `xml:"author,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title    string     `xml:"title"`
	ID       string     `xml:"id"`
	Link     atomLink   `xml:"link"`
	Updated  string     `xml:"updated"`
	Summary  string     `xml:"summary,omitempty"`
	Category []atomCat  `xml:"category"`
	Content  *atomTexts `xml:"content,omitempty"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

type atomTexts struct {
	Type string `xml:"type,attr"`
	Base string `xml:"xml:base,attr,omitempty"`
	Body string `xml:",chardata"`
}

// Feed writes the Atom feed: the newest listed pages and paths, with their content.
func Feed(s *site.Site) []byte {
	// The base URL may hold a space ("https://example.org/my library/"): an id or link with
	// one is not an address, and feed readers drop the feed.
	base := escapeURL(s.BaseURL)
	f := atomFeed{Lang: s.Language, Title: s.Title, Sub: s.Description, ID: base,
		Links: []atomLink{{Href: base + "index.xml", Rel: "self", Type: "application/atom+xml"}, {Href: base}}}
	if s.Author != "" {
		f.Author = &atomAuthor{Name: s.Author}
	}
	var newest time.Time
	for _, p := range FeedPages(s) {
		up := updated(p)
		if up.After(newest) {
			newest = up
		}
		content := string(p.Content())
		e := atomEntry{Title: p.Title, ID: escapeURL(p.Permalink), Link: atomLink{Href: escapeURL(p.Permalink)}, Updated: stamp(up),
			Summary: string(p.Summary), Content: &atomTexts{Type: "html", Body: content}}
		if strings.Contains(content, `href="#`) {
			// A link to a heading of the page would otherwise lead into the feed. Other
			// links start with "/" or a scheme (markdown.Options.URL), which need no base.
			e.Content.Base = escapeURL(p.Permalink)
		}
		for _, t := range p.Tags {
			e.Category = append(e.Category, atomCat{Term: t.Name})
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = stamp(newest)
	return marshal(f)
}

func updated(p *site.Page) time.Time {
	if !p.Lastmod.IsZero() {
		return p.Lastmod
	}
	return p.Date
}

// stamp formats a time for Atom; undated pages use a fixed date so output stays the same
// from build to build.
func stamp(t time.Time) string {
	if t.IsZero() {
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t.UTC().Format(time.RFC3339)
}

// sitemapEntries calls add for each address of the sitemap, in its order, with the date
// it shows (zero for none) and the page's translations.
func sitemapEntries(s *site.Site, add func(loc string, t time.Time, alts []site.Translation)) {
	add(s.BaseURL, time.Time{}, s.Home.Translations)
	for _, sec := range s.Sections {
		if len(sec.Pages) > 0 {
			add(s.BaseURL+sec.Name+"/", time.Time{}, nil)
		}
	}
	for _, sec := range s.Sections {
		for _, p := range sec.Pages {
			add(p.Permalink, updated(p), p.Translations)
		}
	}
	for _, p := range s.Plain {
		add(p.Permalink, updated(p), p.Translations)
	}
	for _, p := range s.Paths {
		add(s.BaseURL+p.PrintURL[len(s.BasePath):], time.Time{}, nil)
	}
	if len(s.Tags) > 0 {
		add(s.BaseURL+"tags/", time.Time{}, nil)
	}
	for _, t := range s.Tags {
		add(s.BaseURL+"tags/"+t.Slug+"/", time.Time{}, nil)
	}
}

// Sitemap lists every listed page, path and list page; unlisted pages stay out. It is
// written by hand, in the form encoding/xml gave it (TestSitemapAsEncodingXML): with
// encoding/xml's reflection, the sitemap of 10,000 pages took longer than the rest of a
// rebuild after a title edit.
func Sitemap(s *site.Site) []byte {
	var b bytes.Buffer
	b.Grow(256 + 100*(len(s.Pages)+len(s.Tags)+len(s.Paths)+len(s.Sections)))
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`)
	if len(s.Languages) > 1 {
		b.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
	}
	b.WriteString(">")
	add := func(loc string, t time.Time, alts []site.Translation) {
		b.WriteString("\n  <url>\n    <loc>")
		escapeXML(&b, escapeURL(loc))
		b.WriteString("</loc>")
		if !t.IsZero() {
			b.WriteString("\n    <lastmod>")
			b.Write(t.UTC().AppendFormat(b.AvailableBuffer(), "2006-01-02")) // no string a page
			b.WriteString("</lastmod>")
		}
		for _, a := range sitemapAlts(alts) {
			b.WriteString("\n    <xhtml:link rel=\"")
			escapeXML(&b, a.Rel)
			b.WriteString("\" hreflang=\"")
			escapeXML(&b, a.Hreflang)
			b.WriteString("\" href=\"")
			escapeXML(&b, a.Href)
			b.WriteString("\"></xhtml:link>")
		}
		b.WriteString("\n  </url>")
	}
	sitemapEntries(s, add)
	b.WriteString("\n</urlset>\n")
	return b.Bytes()
}

// escapeXML writes s escaped as encoding/xml escapes text and attributes. Addresses, which
// escapeURL made, seldom need it.
func escapeXML(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' {
			xml.EscapeText(b, []byte(s))
			return
		}
	}
	b.WriteString(s)
}

// sitemapAlt is one <xhtml:link> of a sitemap entry: a translation of its page.
type sitemapAlt struct{ Rel, Hreflang, Href string }

// sitemapAlts lists a page's translations, itself included and the default language's as
// x-default, when it has one at least: search engines then show each reader their own.
func sitemapAlts(ts []site.Translation) []sitemapAlt {
	var out []sitemapAlt
	for _, t := range ts {
		if t.Twin {
			out = append(out, sitemapAlt{Rel: "alternate", Hreflang: t.Lang, Href: escapeURL(t.Permalink)})
		}
	}
	if len(out) < 2 {
		return nil
	}
	if ts[0].Twin {
		out = append(out, sitemapAlt{Rel: "alternate", Hreflang: "x-default", Href: escapeURL(ts[0].Permalink)})
	}
	return out
}

// Robots allows everything and points to the sitemap, or to each language's.
func Robots(s *site.Site) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n\n")
	if len(s.Languages) == 0 {
		b.WriteString("Sitemap: " + escapeURL(s.BaseURL+"sitemap.xml") + "\n")
	}
	for _, l := range s.Languages {
		b.WriteString("Sitemap: " + escapeURL(l.Permalink+"sitemap.xml") + "\n")
	}
	return []byte(b.String())
}

func marshal(v any) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		// Only unsupported types fail to encode, and these are fixed structs.
		panic(err)
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// escapeURL percent-encodes what an address in XML must not hold as it is: the letters of
// "/articles/уверенность/" (a sitemap must list addresses in their escaped form) and any
// space, '#' or '?' that a base URL brings. What is already escaped stays as it is.
func escapeURL(s string) string {
	if plainURL(s) {
		return s // what url.Parse and String give back as it is (TestEscapeURLPlain)
	}
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	return u.String()
}

// plainURL reports whether s is an address that escapeURL leaves as it is, told without
// parsing it: letters, digits, "-._~/" and, after an "http://" or "https://" and a host,
// ':' (a port). Parsing every page's address took most of the sitemap's time.
func plainURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(s, "http://")
	}
	// A host after the scheme, and none without one ("//x" is a host to url.Parse).
	if ok && (rest == "" || rest[0] == '/') || !ok && strings.HasPrefix(s, "//") {
		return false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~', c == '/':
		case c == ':' && ok:
		default:
			return false
		}
	}
	return true
}
