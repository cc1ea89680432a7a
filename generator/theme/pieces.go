package theme

import (
	"bytes"
	"html/template"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/internal/swar"
	"github.com/between-ssg/between/themes"
)

// A piece is a named template of the built-in theme that every page, or every entry of a
// list, shows differently: the meta line under a title, the table of contents, the tags, the
// neighbours' links. `{{piece "meta" .Page}}` is `{{template "meta" .Page}}`, but while the
// layout uses the built-in theme's own definition of the piece and of every template it
// calls, the HTML is made by a Go function here, byte for byte what the template makes
// (TestPiecesMatchTemplates renders every page both ways). Each `{{...}}` a template runs is
// a reflective call or two with their allocations; a piece is one call where the template
// was twenty, on each of thousands of pages. A site that defines any of these templates
// itself gets its own definition, run as a template.

// pieceFunc writes the piece for data into b, after what b holds already (a page's frame
// writes its pieces straight into the page), or returns it whole when it has it made
// already; ok is false when data is not what the built-in template takes, which then runs
// instead.
type pieceFunc func(t *pieceCall, b *bytes.Buffer, data any) (whole template.HTML, ok bool, err error)

// pieceCall is what a piece made in Go has of its layout: the theme, and the layout's name
// and templates, for the cached pieces it shows.
type pieceCall struct {
	*Theme
	layout string
	tpl    *template.Template
}

// cached is partialCached, called from Go.
func (c *pieceCall) cached(name string, data any, variants ...any) (template.HTML, error) {
	return c.partialCached(c.layout, c.tpl, name, data, variants...)
}

// pieceFuncs are the pieces made in Go, by template name.
var pieceFuncs = map[string]pieceFunc{
	"meta":            metaPiece,
	"toc":             tocPiece,
	"tags":            tagsPiece,
	"page-nav":        pageNavPiece,
	"entry-2":         entryPiece(2, false),
	"entry-2-kind":    entryPiece(2, true),
	"section-entries": sectionEntriesPiece,
	"entries-3-kind":  entriesPiece(3, true),
	"page-head":       pageHeadPiece,
	"body-tag":        bodyTagPiece,
	"page-header":     pageHeaderPiece,
	"page-foot":       pageFootPiece,
	"single-start":    singleStartPiece,
	"single-end":      singleEndPiece,
	"pager":           pagerPiece,
}

// Dot is what the pieces that take a layout's whole dot (page-nav, the frame's pieces,
// section-entries) read of it.
type Dot struct {
	Layout  string
	Site    *site.Site
	Page    *site.Page
	Section *site.Section
	// Paged is set on a page of a list longer than paginate: it has a .Pager, which the
	// head's piece leaves to its template.
	Paged bool
}

// DotHolder is a layout's dot that pieces can read: render.Data is one.
type DotHolder interface{ PieceDot() Dot }

// PagerLink is one page number under a paginated list (render.Pager.Links): a page's
// number and URL, whether it is the page shown, or a gap for the numbers left out.
type PagerLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// Paging is a paginated list's .Pager as the pager piece reads it: render.Pager is one;
// ok is false for a nil one (a list of one page), which the template shows as nothing.
type Paging interface {
	PiecePager() (prev, next string, links []PagerLink, ok bool)
}

// pieces finds which pieces layout's template set may make in Go: those whose template and
// every template it calls come from the built-in theme. from says where each template file
// of the set came from ("theme:layouts/partials/page.html"), by the name it was parsed as.
func pieces(tpl *template.Template, from map[string]string) map[string]pieceFunc {
	ref := builtInTrees()
	builtIn := map[string]bool{}
	var check func(name string) bool
	check = func(name string) bool {
		if ok, seen := builtIn[name]; seen {
			return ok
		}
		builtIn[name] = false // a template that calls itself is not made in Go
		// From the built-in theme, and its built-in definition: a built-in layout may
		// define a template of the frame for itself (section.html's title).
		d := tpl.Lookup(name)
		if d == nil || d.Tree == nil || !strings.HasPrefix(from[d.Tree.ParseName], "theme:") ||
			ref[name] != d.Tree.Root.String() {
			return false
		}
		ok := true
		walkTemplates(d.Tree.Root, func(called string) {
			if ok && !check(called) {
				ok = false
			}
		})
		builtIn[name] = ok
		return ok
	}
	out := map[string]pieceFunc{}
	for name, f := range pieceFuncs {
		if check(name) {
			out[name] = f
		}
	}
	return out
}

// builtInTrees are the templates of the built-in baseof.html and partials, as text, by name:
// what the pieces made in Go stand for.
var builtInTrees = sync.OnceValue(func() map[string]string {
	set := template.New("").Funcs((&Theme{}).funcs("", nil, nil))
	files, _ := fs.Glob(themes.Default, "default/layouts/partials/*.html")
	for _, f := range append(files, "default/layouts/baseof.html") {
		data, err := fs.ReadFile(themes.Default, f)
		if err != nil {
			panic(err) // embedded
		}
		template.Must(set.New(f).Parse(string(data)))
	}
	out := map[string]string{}
	for _, t := range set.Templates() {
		if t.Tree != nil {
			out[t.Name()] = t.Tree.Root.String()
		}
	}
	return out
})

// walkTemplates calls f with the name of every template n calls: with template, or by
// name with partialCached or piece.
func walkTemplates(n parse.Node, f func(string)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkTemplates(c, f)
		}
	case *parse.TemplateNode:
		f(n.Name)
		walkTemplates(n.Pipe, f)
	case *parse.ActionNode:
		walkTemplates(n.Pipe, f)
	case *parse.IfNode:
		walkTemplates(&n.BranchNode, f)
	case *parse.RangeNode:
		walkTemplates(&n.BranchNode, f)
	case *parse.WithNode:
		walkTemplates(&n.BranchNode, f)
	case *parse.BranchNode:
		walkTemplates(n.Pipe, f)
		walkTemplates(n.List, f)
		walkTemplates(n.ElseList, f)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			if len(c.Args) >= 2 {
				if id, ok := c.Args[0].(*parse.IdentifierNode); ok && (id.Ident == "partialCached" || id.Ident == "piece") {
					if s, ok := c.Args[1].(*parse.StringNode); ok {
						f(s.Text)
					}
				}
			}
			for _, a := range c.Args {
				walkTemplates(a, f)
			}
		}
	}
}

// makeIcons makes the icons the pieces ps show, once, from the built-in templates in tpl
// (pieces checked they are the built-in ones).
func (t *Theme) makeIcons(tpl *template.Template, ps map[string]pieceFunc) error {
	if ps["page-nav"] == nil || t.icons != nil {
		return nil
	}
	icons := map[string]string{}
	for _, name := range []string{"icon-prev", "icon-next"} {
		var b strings.Builder
		if err := tpl.ExecuteTemplate(&b, name, nil); err != nil {
			return err
		}
		icons[name] = b.String()
	}
	t.icons = icons
	return nil
}

// piece runs the piece name with data: made in Go when ps has it, else as a template.
func (c *pieceCall) piece(ps map[string]pieceFunc, name string, data any) (template.HTML, error) {
	b := pieceBuffers.Get().(*bytes.Buffer)
	defer func() {
		if b.Cap() <= 1<<20 { // a rare huge piece: let it go
			b.Reset()
			pieceBuffers.Put(b)
		}
	}()
	if err := c.pieceTo(b, ps, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// pieceBuffers are where piece makes a piece for a template, before it copies it at its
// size: growing a fresh builder for each piece of each page was 80 MB of garbage at
// 10,000 pages.
var pieceBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pieceTo writes the piece name for data at the end of b: made in Go when ps has it, else
// as a template. On an error b may hold part of it.
func (c *pieceCall) pieceTo(b *bytes.Buffer, ps map[string]pieceFunc, name string, data any) error {
	if f := ps[name]; f != nil {
		start := b.Len()
		whole, ok, err := f(c, b, data) // each grows b to about its size first
		if err != nil {
			return err
		}
		if ok {
			if b.Len() == start {
				b.WriteString(string(whole))
			}
			return nil
		}
		b.Truncate(start)
	}
	return c.tpl.ExecuteTemplate(b, name, data)
}

// metaPiece is the "meta" template: the line under a page's title.
func metaPiece(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
	p, ok := data.(*site.Page)
	if !ok || p == nil {
		return "", false, nil
	}
	b.Grow(256)
	b.WriteString(`<p class="meta">`)
	if p.Kind != "page" {
		w, err := t.wordJoin("kind_", p.Kind)
		if err != nil {
			return "", true, err
		}
		span(b, w)
	}
	if p.Kind == "worksheet" || p.Kind == "guide" {
		if p.Fields != 0 {
			w, err := t.Plural("fields", p.Fields)
			if err != nil {
				return "", true, err
			}
			span(b, w)
		}
		if p.MinutesTo != 0 {
			w, err := t.Duration(p.Minutes, p.MinutesTo)
			if err != nil {
				return "", true, err
			}
			span(b, w)
		} else if p.Minutes != 0 {
			m, err := t.Plural("minutes", p.Minutes)
			if err != nil {
				return "", true, err
			}
			w, err := t.word("about_time", m)
			if err != nil {
				return "", true, err
			}
			span(b, w)
		}
	} else {
		if !p.Date.IsZero() {
			b.WriteString(`<span><time datetime="`)
			escapeHTML(b, p.Date.Format("2006-01-02"))
			b.WriteString(`">`)
			escapeHTML(b, t.Date(p.Date))
			b.WriteString(`</time></span>`)
		}
		if p.MinutesTo != 0 {
			w, err := t.Duration(p.Minutes, p.MinutesTo)
			if err != nil {
				return "", true, err
			}
			span(b, w)
		} else if p.Minutes != 0 {
			w, err := t.Plural("reading_time", p.Minutes)
			if err != nil {
				return "", true, err
			}
			span(b, w)
		}
	}
	b.WriteString(`</p>`)
	return "", true, nil
}

// span writes <span>w</span>, w escaped.
func span(b *bytes.Buffer, w string) {
	b.WriteString(`<span>`)
	escapeHTML(b, w)
	b.WriteString(`</span>`)
}

// tocPiece is the "toc" template: a page's table of contents, when it shows one.
func tocPiece(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
	p, ok := data.(*site.Page)
	if !ok || p == nil {
		return "", false, nil
	}
	if !p.ShowTOC {
		return "", true, nil
	}
	title, err := t.word("toc_title")
	if err != nil {
		return "", true, err
	}
	n := 128
	for _, h := range p.TOC {
		n += 48 + len(h.ID) + 2*len(h.Title)
	}
	b.Grow(n)
	b.WriteString("\n<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\">")
	escapeHTML(b, title)
	b.WriteString("</h2>\n<ul>")
	for _, h := range p.TOC {
		b.WriteString("\n<li class=\"toc-")
		b.WriteString(strconv.Itoa(h.Level))
		b.WriteString("\"><a href=\"#")
		escapeHTML(b, escapeURL(h.ID, false))
		b.WriteString("\">")
		escapeHTML(b, h.Title)
		b.WriteString("</a></li>")
	}
	b.WriteString("\n</ul>\n</nav>")
	return "", true, nil
}

// tagsPiece is the "tags" template: the list of a page's tags.
func tagsPiece(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
	p, ok := data.(*site.Page)
	if !ok || p == nil {
		return "", false, nil
	}
	if len(p.Tags) == 0 {
		return "", true, nil
	}
	label, err := t.word("tags_title")
	if err != nil {
		return "", true, err
	}
	b.Grow(64 + 48*len(p.Tags))
	b.WriteString("\n<ul class=\"tag-list\" aria-label=\"")
	escapeHTML(b, label)
	b.WriteString("\">")
	for _, tag := range p.Tags {
		b.WriteString("\n<li><a href=\"")
		href(b, tag.URL)
		b.WriteString("\">")
		escapeHTML(b, tag.Name)
		b.WriteString("</a></li>")
	}
	b.WriteString("\n</ul>")
	return "", true, nil
}

// pageNavPiece is the "page-nav" template: links to the page's neighbours in its section.
// Its dot is the layout's.
func pageNavPiece(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
	h, ok := data.(DotHolder)
	if !ok {
		return "", false, nil
	}
	p := h.PieceDot().Page
	if p == nil {
		return "", false, nil
	}
	if p.Prev == nil && p.Next == nil {
		return "", true, nil
	}
	label, err := t.word("page_nav_label")
	if err != nil {
		return "", true, err
	}
	b.Grow(1200)
	b.WriteString("\n<nav class=\"page-nav\" aria-label=\"")
	escapeHTML(b, label)
	b.WriteString("\">\n<ul class=\"prev-next\">")
	if q := p.Prev; q != nil {
		dir, err := t.word("previous")
		if err != nil {
			return "", true, err
		}
		b.WriteString("\n<li class=\"prev\"><a href=\"")
		href(b, q.URL)
		b.WriteString("\" rel=\"prev\">")
		b.WriteString(t.icons["icon-prev"])
		b.WriteString("<span><span class=\"dir\">")
		escapeHTML(b, dir)
		b.WriteString("</span> <span class=\"title\">")
		escapeHTML(b, q.Title)
		b.WriteString("</span></span></a></li>")
	}
	if q := p.Next; q != nil {
		dir, err := t.word("next")
		if err != nil {
			return "", true, err
		}
		b.WriteString("\n<li class=\"next\"><a href=\"")
		href(b, q.URL)
		b.WriteString("\" rel=\"next\"><span><span class=\"dir\">")
		escapeHTML(b, dir)
		b.WriteString("</span> <span class=\"title\">")
		escapeHTML(b, q.Title)
		b.WriteString("</span></span>")
		b.WriteString(t.icons["icon-next"])
		b.WriteString("</a></li>")
	}
	b.WriteString("\n</ul>\n</nav>")
	return "", true, nil
}

// pagerPiece is the "pager" template: the page numbers under a paginated list, a
// reflective call or three for each number as a template (300,000 allocations at 10,000
// pages, a fifth of rendering's).
func pagerPiece(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
	pg, ok := data.(Paging)
	if !ok {
		return "", false, nil
	}
	prev, next, links, ok := pg.PiecePager()
	if !ok {
		return "", true, nil
	}
	label, err := t.word("pager_label")
	if err != nil {
		return "", true, err
	}
	b.Grow(300 + 120*len(links))
	b.WriteString("\n<nav class=\"pager\" aria-label=\"")
	escapeHTML(b, label)
	b.WriteString("\">\n<ul>")
	if prev != "" {
		w, err := t.word("previous_page")
		if err != nil {
			return "", true, err
		}
		b.WriteString("\n<li class=\"pager-prev\"><a href=\"")
		href(b, prev)
		b.WriteString("\" rel=\"prev\">")
		b.WriteString(t.icons["icon-prev"])
		b.WriteString("<span>")
		escapeHTML(b, w)
		b.WriteString("</span></a></li>")
	}
	for _, l := range links {
		if l.Gap {
			b.WriteString("\n<li class=\"pager-gap\" aria-hidden=\"true\">…</li>")
			continue
		}
		w, err := t.word("page_n", l.Number)
		if err != nil {
			return "", true, err
		}
		b.WriteString("\n<li><a href=\"")
		href(b, l.URL)
		if l.Current {
			b.WriteString("\" aria-current=\"page")
		}
		b.WriteString("\" aria-label=\"")
		escapeHTML(b, w)
		b.WriteString("\">")
		b.WriteString(strconv.Itoa(l.Number))
		b.WriteString("</a></li>")
	}
	if next != "" {
		w, err := t.word("next_page")
		if err != nil {
			return "", true, err
		}
		b.WriteString("\n<li class=\"pager-next\"><a href=\"")
		href(b, next)
		b.WriteString("\" rel=\"next\"><span>")
		escapeHTML(b, w)
		b.WriteString("</span>")
		b.WriteString(t.icons["icon-next"])
		b.WriteString("</a></li>")
	}
	b.WriteString("\n</ul>\n</nav>")
	return "", true, nil
}

// entryPiece is the "entry-H" (kind false) or "entry-H-kind" template: a page's entry in
// a list, under a heading of level h, with its kind said or not.
func entryPiece(h int, kind bool) pieceFunc {
	return func(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
		p, ok := data.(*site.Page)
		if !ok || p == nil {
			return "", false, nil
		}
		b.Grow(entrySize(p))
		return "", true, writeEntry(t.Theme, b, p, h, kind)
	}
}

// entrySize is about what a page's entry takes, so that it is made in one allocation.
func entrySize(p *site.Page) int {
	return 320 + 2*len(p.Title) + len(p.URL) + len(p.Summary)
}

// writeEntry writes the "entry" template for the page p, its heading of level h (2 or 3),
// its kind said when kind is true.
func writeEntry(t *Theme, b *bytes.Buffer, p *site.Page, h int, kind bool) error {
	open, close := "<h2 class=\"entry-title\"><a href=\"", "</a></h2>"
	if h == 3 {
		open, close = "<h3 class=\"entry-title\"><a href=\"", "</a></h3>"
	}
	b.WriteString("<article class=\"entry\">\n")
	b.WriteString(open)
	href(b, p.URL)
	b.WriteString("\">")
	escapeHTML(b, p.Title)
	b.WriteString(close)
	b.WriteString("\n<p class=\"meta\">")
	if kind && p.Kind != "page" {
		w, err := t.wordJoin("kind_", p.Kind)
		if err != nil {
			return err
		}
		span(b, w)
	}
	if p.Fields != 0 {
		w, err := t.Plural("fields", p.Fields)
		if err != nil {
			return err
		}
		span(b, w)
	}
	if p.Minutes != 0 {
		w, err := t.Duration(p.Minutes, p.MinutesTo)
		if err != nil {
			return err
		}
		span(b, w)
	}
	b.WriteString("</p>")
	if p.Summary != "" {
		b.WriteString("\n<p class=\"entry-summary\">")
		b.WriteString(string(p.Summary))
		b.WriteString("</p>")
	}
	b.WriteString("\n</article>")
	return nil
}

// entriesPiece is the "entries-H-kind" template: the entries of a list of pages, each in
// its <li>, under headings of level h, with their kinds said when kind is true.
func entriesPiece(h int, kind bool) pieceFunc {
	return func(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
		pages, ok := data.([]*site.Page)
		if !ok {
			return "", false, nil
		}
		n := 0
		for _, p := range pages {
			n += 10 + entrySize(p)
		}
		b.Grow(n)
		for _, p := range pages {
			b.WriteString("\n<li>")
			if err := writeEntry(t.Theme, b, p, h, kind); err != nil {
				return "", true, err
			}
			b.WriteString("</li>")
		}
		return "", true, nil
	}
}

// sectionEntriesPiece is the "section-entries" template: the list of a section's page of
// entries. Its dot is the layout's. A section that lists reading paths (their cards are
// cached pieces) runs the template.
func sectionEntriesPiece(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
	h, ok := data.(DotHolder)
	if !ok {
		return "", false, nil
	}
	sec := h.PieceDot().Section
	if sec == nil {
		return "", false, nil
	}
	n := 32
	for _, p := range sec.Pages {
		if p.Path != nil {
			return "", false, nil
		}
		n += 10 + entrySize(p)
	}
	b.Grow(n)
	if sec.Kind == "path" {
		b.WriteString("<ul class=\"cards\">")
	} else {
		b.WriteString("<ul class=\"entries\">")
	}
	for _, p := range sec.Pages {
		b.WriteString("\n<li>")
		if err := writeEntry(t.Theme, b, p, 2, p.Kind != sec.Kind); err != nil {
			return "", true, err
		}
		b.WriteString("</li>")
	}
	b.WriteString("\n</ul>")
	return "", true, nil
}

// The escaping below follows html/template's rules (what its htmlEscaper, attrEscaper,
// urlFilter, urlNormalizer and urlEscaper do) for the only contexts the pieces print in:
// text, quoted attributes and href values. TestEscapersMatch holds it to html/template's
// output on awkward text, so that a change in either is seen.

// escapeHTML writes s escaped for HTML text or a quoted attribute value.
func escapeHTML(b *bytes.Buffer, s string) {
	if !mayEscape(s) {
		b.WriteString(s) // most titles and summaries: found eight bytes at a time
		return
	}
	written := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
	}
	b.WriteString(s[written:])
}

// mayEscape reports whether s may have a byte escapeHTML escapes; false only when it has
// none. Eight bytes at a time: a byte of x equal to c is a zero byte of x^c, which
// swar.Zero finds. With a bit
// cleared, one test finds several bytes: '"', '#', '&' and '\” (0x22, 0x23, 0x26, 0x27)
// in one, '<' and '>' in another; a '#' only sends s the slow way.
func mayEscape(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if (swar.Zero(x)|swar.Zero((x^(swar.Ones*'"'))&^(swar.Ones*0x05))|swar.Zero(x^(swar.Ones*'+'))|swar.Zero((x^(swar.Ones*'<'))&^(swar.Ones*0x02)))&swar.High != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		switch s[i] {
		case 0, '"', '&', '\'', '+', '<', '>':
			return true
		}
	}
	return false
}

// href writes a URL as the value of a quoted href: filtered (a scheme other than http,
// https or mailto becomes #ZgotmplZ), normalised, escaped.
func href(b *bytes.Buffer, u string) {
	if !safeURL(u) {
		b.WriteString("#ZgotmplZ")
		return
	}
	escapeHTML(b, escapeURL(u, true))
}

func safeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

// escapeURL percent-encodes s: only what a URL may not hold when norm is true (a whole
// address), every reserved byte too when it is false (a part of one, such as a fragment).
func escapeURL(s string, norm bool) string {
	const hex = "0123456789abcdef"
	var b []byte
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		if b == nil {
			b = make([]byte, 0, len(s)+16)
		}
		b = append(b, s[written:i]...)
		b = append(b, '%', hex[c>>4], hex[c&15])
		written = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[written:]...))
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// frameDot is the dot of the frame's pieces, when they can be made in Go: a layout's dot
// with a page. Only the head shows where a page of a long list is (its title, its prev
// and next links): it leaves such pages to its template.
func frameDot(data any) (Dot, bool) {
	h, ok := data.(DotHolder)
	if !ok {
		return Dot{}, false
	}
	d := h.PieceDot()
	return d, d.Page != nil && d.Site != nil
}

// menuOf is the frame's $menu as the key of a cached piece holds it (variantString): where
// the menu marks the page, its section, or for a plain page its address (and false, as
// the template's "and" gives, for others). A string, not the value itself: put in an
// interface on every page, for the key, it was two allocations a page.
func menuOf(p *site.Page) string {
	if p.Section != "" {
		return p.Section
	}
	if p.Kind != "page" {
		return "false"
	}
	return p.URL
}

// cachedBy is cached with n (1 or 2) variants that are strings, v1 and v2, found without
// putting each in an interface for cached's variadic argument on every page.
func (c *pieceCall) cachedBy(name string, data any, n int, v1, v2 string) (template.HTML, error) {
	if h, ok := c.cache.Load(pieceKey{layout: c.layout, name: name, n: n, v1: v1, v2: v2}); ok {
		return h.(template.HTML), nil
	}
	return c.cached(name, data, []any{v1, v2}[:n]...)
}

// pageHeadPiece is the "page-head" template: the page's <head> up to the layout's own head
// block.
func pageHeadPiece(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
	d, ok := frameDot(data)
	if !ok || d.Paged {
		return "", false, nil
	}
	p, s := d.Page, d.Site
	start, err := t.cached("doc-start", data)
	if err != nil {
		return "", true, err
	}
	shared, err := t.cached("head-shared", data)
	if err != nil {
		return "", true, err
	}
	b.Grow(len(start) + len(shared) + 512 + 2*len(p.Title) + len(p.Description) + len(p.Permalink))
	b.WriteString(string(start))
	b.WriteString("\n<title>")
	if d.Layout == "home" || p.Title == "" {
		escapeHTML(b, s.Title)
	} else {
		escapeHTML(b, p.Title)
		b.WriteString(" · ")
		escapeHTML(b, s.Title)
	}
	b.WriteString("</title>")
	if desc := p.Description; desc != "" || s.Description != "" {
		if desc == "" {
			desc = s.Description
		}
		b.WriteString("\n<meta name=\"description\" content=\"")
		escapeHTML(b, desc)
		b.WriteString("\">")
	}
	if p.Unlisted {
		b.WriteString("\n<meta name=\"robots\" content=\"noindex\">")
	}
	b.WriteString("\n<meta name=\"color-scheme\" content=\"light dark\">")
	if p.Permalink != "" {
		b.WriteString("\n<link rel=\"canonical\" href=\"")
		href(b, p.Permalink)
		b.WriteString("\">")
	}
	twins := false
	for _, tr := range p.Translations {
		if tr.Twin && !tr.Current {
			twins = true
		}
	}
	if twins {
		for i, tr := range p.Translations {
			if !tr.Twin {
				continue
			}
			b.WriteString("\n<link rel=\"alternate\" hreflang=\"")
			escapeHTML(b, tr.Lang)
			b.WriteString("\" href=\"")
			href(b, tr.Permalink)
			b.WriteString("\">")
			if i == 0 {
				b.WriteString("\n<link rel=\"alternate\" hreflang=\"x-default\" href=\"")
				href(b, tr.Permalink)
				b.WriteString("\">")
			}
		}
	}
	b.WriteString("\n")
	b.WriteString(string(shared))
	return "", true, nil
}

// bodyTagPiece is the "body-tag" template: the page's <body> tag.
func bodyTagPiece(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
	d, ok := frameDot(data)
	if !ok {
		return "", false, nil
	}
	p := d.Page
	b.Grow(96 + len(d.Layout) + len(p.Kind) + len(d.Site.Key) + 2*len(p.URL))
	b.WriteString("<body class=\"layout-")
	escapeHTML(b, d.Layout)
	if p.Kind != "" {
		b.WriteString(" kind-")
		escapeHTML(b, p.Kind)
	}
	b.WriteString("\" data-site=\"")
	escapeHTML(b, d.Site.Key)
	b.WriteString("\" data-page=\"")
	escapeHTML(b, p.URL)
	b.WriteString("\"")
	if len(p.Former) > 0 {
		b.WriteString(" data-former=\"")
		escapeHTML(b, strings.Join(p.Former, " "))
		b.WriteString("\"")
	}
	if p.Repeat {
		b.WriteString(" data-repeat=\"\"")
	}
	b.WriteString(">")
	return "", true, nil
}

// pageHeaderPiece is the "page-header" template: the header and menu, the start of
// <main>. On a page in one language and no draft it is the same on every page of a layout
// and menu, like the cached pieces it is made of, and is kept whole with them.
func pageHeaderPiece(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
	d, ok := frameDot(data)
	if !ok {
		return "", false, nil
	}
	p := d.Page
	menu := menuOf(p)
	at := b.Len() // where this piece starts in b
	same := len(p.Translations) == 0 && !p.Draft
	k := pieceKey{layout: t.layout, name: "\x00page-header", n: 2, v1: d.Layout, v2: menu}
	if same {
		if h, ok := t.cache.Load(k); ok {
			return h.(template.HTML), true, nil
		}
	}
	start, err := t.cached("header-start", data)
	if err != nil {
		return "", true, err
	}
	end, err := t.cachedBy("header-end", data, 2, d.Layout, menu)
	if err != nil {
		return "", true, err
	}
	b.Grow(len(start) + len(end) + 256 + 200*len(p.Translations))
	b.WriteString(string(start))
	if len(p.Translations) > 0 {
		label, err := t.word("language_switch")
		if err != nil {
			return "", true, err
		}
		b.WriteString("\n<nav class=\"lang-switch\" aria-label=\"")
		escapeHTML(b, label)
		b.WriteString("\">\n<ul>")
		for _, tr := range p.Translations {
			if tr.Current {
				continue
			}
			b.WriteString("\n<li><a href=\"")
			href(b, tr.URL)
			b.WriteString("\" hreflang=\"")
			escapeHTML(b, tr.Lang)
			b.WriteString("\" lang=\"")
			escapeHTML(b, tr.Lang)
			b.WriteString("\">")
			escapeHTML(b, tr.Name)
			b.WriteString("</a></li>")
		}
		b.WriteString("\n</ul>\n</nav>")
	}
	b.WriteString("\n")
	b.WriteString(string(end))
	b.WriteString("\n<main id=\"main\" tabindex=\"-1\">")
	if p.Draft {
		label, err := t.word("draft_label")
		if err != nil {
			return "", true, err
		}
		note, err := t.word("draft_note")
		if err != nil {
			return "", true, err
		}
		b.WriteString("\n<p class=\"draft-banner\" role=\"note\"><strong>")
		escapeHTML(b, label)
		b.WriteString("</strong> ")
		escapeHTML(b, note)
		b.WriteString("</p>")
	}
	if !same {
		return "", true, nil
	}
	h := template.HTML(b.Bytes()[at:])
	t.cache.Store(k, h)
	return "", true, nil
}

// pageFootPiece is the "page-foot" template: the footer, the same on every page of a layout
// and menu (the scripts' words, which it held too, are js/strings.js now).
func pageFootPiece(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
	d, ok := frameDot(data)
	if !ok {
		return "", false, nil
	}
	h, err := t.cachedBy("footer-all", data, 2, d.Layout, menuOf(d.Page))
	return h, true, err
}

// singleStartPiece is the "single-start" template: a single page's header (on no step of
// a path: those show where they are in it) and table of contents.
func singleStartPiece(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
	h, ok := data.(DotHolder)
	if !ok {
		return "", false, nil
	}
	p := h.PieceDot().Page
	if p == nil || len(p.Steps) > 0 {
		return "", false, nil
	}
	print, err := t.cachedBy("print-header", data, 1, p.Kind, "")
	if err != nil {
		return "", true, err
	}
	b.Grow(len(print) + 1024 + 2*len(p.Title) + 2*len(p.Description) + 128*len(p.TOC))
	b.WriteString("<article class=\"single\">")
	b.WriteString(string(print))
	b.WriteString("\n<header class=\"page-header\">\n<h1")
	if p.TitleID != "" {
		b.WriteString(" id=\"")
		escapeHTML(b, p.TitleID)
		b.WriteString("\"")
	}
	b.WriteString(">")
	escapeHTML(b, p.Title)
	b.WriteString("</h1>")
	if p.Description != "" {
		b.WriteString("\n<p class=\"description\">")
		escapeHTML(b, p.Description)
		b.WriteString("</p>")
	}
	b.WriteString("\n")
	if _, _, err := metaPiece(t, b, p); err != nil {
		return "", true, err
	}
	if p.Source != "" {
		w, err := t.word("read_original")
		if err != nil {
			return "", true, err
		}
		b.WriteString("\n<p class=\"source\"><a href=\"")
		href(b, p.Source)
		b.WriteString("\">")
		escapeHTML(b, w)
		b.WriteString("</a></p>")
	}
	b.WriteString("\n</header>")
	_, _, err = tocPiece(t, b, p)
	return "", true, err
}

// singleEndPiece is the "single-end" template: a single page's tags and the links to its
// neighbours (on no step of a path: those show the path's way on).
func singleEndPiece(t *pieceCall, b *bytes.Buffer, data any) (template.HTML, bool, error) {
	h, ok := data.(DotHolder)
	if !ok {
		return "", false, nil
	}
	p := h.PieceDot().Page
	if p == nil || len(p.Steps) > 0 {
		return "", false, nil
	}
	b.Grow(1600 + 64*len(p.Tags))
	if _, _, err := tagsPiece(t, b, p); err != nil {
		return "", true, err
	}
	b.WriteString("\n</article>")
	_, _, err := pageNavPiece(t, b, data)
	return "", true, err
}
