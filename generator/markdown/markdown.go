// Package markdown converts a page's Markdown body to HTML with the one goldmark instance of a
// build, and reports what the site model needs to know about it: headings, links to other
// pages, worksheet fields, words.
package markdown

import (
	"bytes"
	"encoding/binary"
	"fmt"
	stdhtml "html"
	"math/bits"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/slug"
	"github.com/between-ssg/between/generator/source"
	"github.com/between-ssg/between/generator/worksheet"
	"github.com/between-ssg/between/internal/swar"
)

// Converter renders Markdown. It is safe for concurrent use: goldmark's parser and renderer
// keep no per-document state outside the parser.Context made for each call.
type Converter struct {
	// parsers are goldmark with the features of their index (each made when first
	// needed): a page is parsed by the one with the features it uses (pageFeatures).
	parsers [allFeatures + 1]func() goldmark.Markdown
	// everything makes every page parsed with all features, for tests that show the
	// lighter parsers change nothing.
	everything bool
	// reparsed counts the pages parsed again, with a feature found in their text, for the
	// tests to see that they cover that.
	reparsed atomic.Int64
	// goldmarks parses with goldmark's own emphasis and link reference definitions rather
	// than ownParser's, and writes text with goldmark's own writer rather than textWriter,
	// for tests that show ours change nothing.
	goldmarks bool
	// words are those of the links that stand for embeds (SetWords).
	words Words
	// emoji shows shortcodes as the emoji they stand for (SetEmoji).
	emoji bool
	// layoutIDs are the ids the site's own layouts write (SetLayoutIDs), nil for none.
	layoutIDs map[string]bool
}

// SetLayoutIDs gives the ids that the site's own layouts write (theme.Theme.IDs): the
// headings' ids keep off them as off the theme's own (## Reflect is reflect-1 beside a
// layout's <div id="reflect">), and a link to one is told as a link to one of the theme's.
// Call it before the first Convert.
func (c *Converter) SetLayoutIDs(ids []string) {
	c.layoutIDs = nil
	if len(ids) > 0 {
		c.layoutIDs = make(map[string]bool, len(ids))
		for _, id := range ids {
			c.layoutIDs[id] = true
		}
	}
}

// LayoutIDs are the ids given to SetLayoutIDs, as a set shared by every Doc: nil for none.
func (c *Converter) LayoutIDs() map[string]bool { return c.layoutIDs }

// SetEmoji makes the converter show GitHub's shortcodes, :smile:, as the emoji they stand
// for (config markdown.emoji); without it, a page with some in its text gets a warning
// that says so. Call it before the first Convert.
func (c *Converter) SetEmoji(on bool) { c.emoji = on }

// New builds the converter. unsafe lets raw HTML through (config markdown.unsafe).
// Options for the worksheet extension (its words, in the site's language) follow.
func New(unsafe bool, fieldOpts ...worksheet.Option) *Converter {
	return newConverter(unsafe, linkify{}, fieldOpts...)
}

// newConverter is New with the given autolink extension: the tests compare linkify with
// goldmark's own extension.Linkify.
func newConverter(unsafe bool, autolinks goldmark.Extender, fieldOpts ...worksheet.Option) *Converter {
	return newConverterAsked(unsafe, autolinks, typographerTrigger, fieldOpts)
}

// newConverterAsked is newConverter with the typographer asked at the characters trigger
// gives for a parser's features: the tests compare with goldmark's own triggers.
func newConverterAsked(unsafe bool, autolinks goldmark.Extender, trigger func(feature) []byte, fieldOpts []worksheet.Option) *Converter {
	c := &Converter{words: DefaultWords}
	for f := range c.parsers {
		c.parsers[f] = sync.OnceValue(func() goldmark.Markdown {
			return newMarkdown(unsafe, feature(f), autolinks, trigger(feature(f)), fieldOpts, !c.goldmarks, &c.words)
		})
	}
	return c
}

// newMarkdown is goldmark with the features f, its typographer asked at trigger, and
// parsing with ownParser and writing text with textWriter when own is set; words are the
// embeds' links'.
func newMarkdown(unsafe bool, f feature, autolinks goldmark.Extender, trigger []byte, fieldOpts []worksheet.Option, own bool, words *Words) goldmark.Markdown {
	exts := []goldmark.Extender{
		// GFM, with a table's column alignment as a class rather than a style attribute,
		// which the pages' Content-Security-Policy would block.
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		extension.Strikethrough,
		extension.TaskList,
		extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(idPrefix)),
		extension.DefinitionList,
		worksheet.New(fieldOpts...),
	}
	if f&featAutolinks != 0 {
		exts = append(exts, autolinks)
	}
	if f&featEmoji != 0 {
		exts = append(exts, emojiExtension)
	}
	var opts []goldmark.Option
	if own {
		opts = append(opts, goldmark.WithParser(ownParser())) // first: the options below add to it
		opts = append(opts, goldmark.WithRendererOptions(html.WithWriter(textWriter{html.DefaultWriter}),
			renderer.WithNodeRenderers(util.Prioritized(tableCells{}, 100), // before the table extension's (500)
				util.Prioritized(links{unsafe, textWriter{html.DefaultWriter}}, 100)))) // before goldmark's HTML renderer (1000)
	}
	opts = append(opts,
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			// At the priority extension.Typographer gives it.
			parser.WithInlineParsers(util.Prioritized(typographer{extension.NewTypographerParser(), trigger}, 9999)),
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(featureCheck{}, -1000), util.Prioritized(linkTransformer{unsafe}, 100), util.Prioritized(prefixTransformer{}, 1000)),
			// Jekyll's {% highlight %}, {% comment %} and {% raw %} on lines of their own
			// (liquid.go): asked only at a line that starts with '{'.
			parser.WithBlockParsers(util.Prioritized(liquidBlocks{}, 100)),
		),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(liquidRenderer{}, 100))),
	)
	if f&featAttributes != 0 {
		opts = append(opts, goldmark.WithParserOptions(parser.WithAttribute())) // ## Heading {#custom-id}
	}
	if f&featShortcodes != 0 {
		opts = append(opts, goldmark.WithParserOptions(
			parser.WithInlineParsers(util.Prioritized(shortcodeParser{words}, 600)),
			parser.WithBlockParsers(util.Prioritized(shortcodeEnd{}, 790), // before quotes (800)
				util.Prioritized(highlightBlock{}, 710), util.Prioritized(commentBlock{}, 711), util.Prioritized(detailsBlock{}, 712)), // after fenced code (700)
			// Before linkTransformer: a figure's image is checked where it ends up.
			parser.WithASTTransformers(util.Prioritized(shortcodeTransformer{}, 50)),
		), goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(shortcodeRenderer{textWriter{html.DefaultWriter}}, 100))))
	}
	if unsafe {
		opts = append(opts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(opts...)
}

// Options says how to convert one page.
type Options struct {
	// IDPrefix goes before every id in the page, and every link to one, so that several
	// pages can share one document (a path's booklet) without two elements of one id.
	IDPrefix string
	// Rel is the page's path inside content/ ("articles/x.md"), to resolve relative links.
	Rel string
	// Resolve maps a content path ("worksheets/values.md") to its page's URL, or reports it
	// missing. Nil leaves .md links as they are.
	Resolve func(contentPath string) (url string, ok bool)
	// BasePath prefixes links that start with "/" so they work under a base path.
	BasePath string
	// Root, in a library in several languages, is the base path of the whole library
	// ("/library/"), of which BasePath is one language's part ("/library/de/"): a link
	// that starts with it (or is it but for the final slash) is left as it is, as one that
	// starts with BasePath is, and leads to another language's part. Empty, or "/", leaves
	// it to BasePath.
	Root string
	// URL is the page's own address, base path included ("/lib/articles/welcome/"). A
	// relative link written as an address ("../../about/") is written resolved against it,
	// from the site's root, so that it leads to the same place wherever the body is shown:
	// a booklet or the feed has another address. Empty leaves such links as they are.
	URL string
	// Fields turns GFM task lists into saved checkboxes (worksheets and guides).
	Fields bool
	// Budget, when it has room, holds the HTML as it is rather than compressed
	// (NewBodyWithin).
	Budget *Budget
	// Spill, when set and the Budget has no room, gives the file where the HTML is kept as
	// it is (Spill.Write) rather than compressed in memory; it may return nil (no file).
	Spill func() *Spill
	// NoHTML leaves the HTML out (Doc.NoHTML), for a caller that makes it later by
	// converting again (Later): everything else of the Doc is found without it. A page
	// with footnotes is rendered all the same: their ids, which links may name, are read
	// from the HTML.
	NoHTML bool
	// TitleID is the id of the heading that titled the page and left its text (TitleOf).
	// The page keeps it, so that links to it still lead to the page, and the ids made from
	// the text are those the heading in its place would have left them ("-1" after a heading
	// of the title's words).
	TitleID string
}

// Doc is a converted page.
type Doc struct {
	// Body is the page's HTML, compressed (Text gives it).
	Body     *Body
	Headings []Heading
	IDs      map[string]bool // every element id in the HTML: heading ids, footnotes, fields
	Links    []Link          // links to other pages and to anchors, for checking after all pages exist
	// Wiki are the links written as Obsidian writes them, [[page]], which show as written:
	// the build tells the coach the Markdown link to write, once it knows the pages.
	Wiki      []WikiLink
	Fields    []worksheet.Field
	Problems  []Problem
	WordCount int
	Summary   string // the first paragraph, as plain text, or the text before <!--more-->
	// WholeSummary says that Summary is the text before <!--more-->: the coach chose it,
	// and it is shown whole.
	WholeSummary bool
	// NoHTML says that Options.NoHTML left the HTML out: Body is nil, whatever the page.
	NoHTML bool
	// LayoutIDs are the ids the site's own layouts write (Converter.SetLayoutIDs), on every
	// page and no heading's, shared by every Doc of the converter: a link to one leads
	// there.
	LayoutIDs map[string]bool
}

// Heading is a heading with its id.
type Heading struct {
	Level int
	ID    string
	Title string
}

// Link is a Markdown link to a page of the site (Target, a content path) or to an anchor.
type Link struct {
	Target string // content path of the page, "" for an anchor on the same page (or an Addr)
	Anchor string
	// Addr, for a link written as an address on the site ("/about/", "../legal/"), is the
	// path it leads to from the site's root, base path included and %-escapes decoded
	// ("/lib/about/"); Dest is the link as written. The build checks that it makes it.
	Addr, Dest string
	Line       int
	Col        int
}

// WikiLink is [[Name#Heading|label]] or ![[file]], as Obsidian writes a link or an embed,
// at its line (from the start of the body) and column.
type WikiLink struct {
	Written     string // as written, brackets and all
	Name, Label string // the page (or file) named, and the text to show ("" for the name)
	Anchor      string // the id of the heading named after #, as this page's headings get it
	Embed       bool   // ![[...]]
	Line, Col   int
}

// Problem is a mistake in the Markdown, with a line counted from the start of the body.
type Problem struct {
	Line, Col int
	Msg       string
	// Warning: the page is built as written, which may be what the coach meant; it stops
	// the build only with --strict.
	Warning bool
}

var (
	optsKey  = parser.NewContextKey()
	linksKey = parser.NewContextKey()
	probKey  = parser.NewContextKey()
)

// Convert renders src.
func (c *Converter) Convert(src []byte, o Options) (*Doc, error) {
	keep, check := pageFeatures(src)
	// A shortcode is a word between colons: a page with none, most, is parsed without
	// asking at each colon, and a library without emoji never asks.
	emojis := keep&featEmoji != 0
	if c.everything {
		keep, check = allFeatures, 0
	}
	if !c.emoji {
		keep &^= featEmoji
	}
	// The tree's emphasis and delimiters are made in n, given to the next page once this
	// one is converted: nothing of the tree is kept.
	n := nodePool.Get().(*nodes)
	defer n.release()
	md, root, pc := c.parse(src, &o, keep, check, n)
	found, _ := pc.Get(foundKey).(feature)
	sc, _ := pc.Get(shortcodesKey).(*shortcodes)
	rewrite := sc != nil && len(sc.rewrites) > 0
	if rewrite {
		src = rewriteRefs(src, sc.rewrites)
	}
	if found != 0 || rewrite {
		c.reparsed.Add(1)
		md, root, pc = c.parse(src, &o, keep|found, 0, n)
	}
	d := &Doc{LayoutIDs: c.layoutIDs}
	collect(d, root, src, pc.IDs().(*ids))
	if o.TitleID != "" {
		d.IDs[o.TitleID] = true
	}
	sc, _ = pc.Get(shortcodesKey).(*shortcodes)
	if sc != nil && sc.summary != nil {
		d.Summary, d.WholeSummary = *sc.summary, true
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		buffers.Put(buf)
	}()
	// A footnote's reference and its text both start "[^": a page without it has none.
	d.NoHTML = o.NoHTML && !bytes.Contains(src, []byte("[^"))
	if !d.NoHTML {
		if err := md.Renderer().Render(bufWriter{buf}, src, root); err != nil {
			return nil, fmt.Errorf("render markdown: %w", err)
		}
		d.Body = o.keep(buf.Bytes())
	}
	if v := pc.Get(linksKey); v != nil {
		d.Links = *(v.(*[]Link))
	}
	if v := pc.Get(probKey); v != nil {
		d.Problems = append(d.Problems, *(v.(*[]Problem))...)
	}
	if sc != nil {
		d.Problems = append(d.Problems, sc.problems()...)
	}
	if v, _ := pc.Get(liquidProbsKey).(*[]Problem); v != nil {
		d.Problems = append(d.Problems, *v...)
	}
	// A snippet line has "--" that is no rule, and Liquid a '{': pageFeatures has looked
	// for both, and most pages, with neither, are not read again for them (which cost 1% of
	// converting the 10,000-page library).
	if keep&featDashes != 0 && bytes.Contains(src, snippetMark) {
		if p := snippetWarning(root, src); p != nil {
			d.Problems = append(d.Problems, *p)
		}
	}
	if keep&featAttributes != 0 && mayHaveLiquid(src) {
		if p := liquidWarning(root, src); p != nil {
			d.Problems = append(d.Problems, *p)
		}
	}
	if !c.emoji && emojis {
		if p := emojiHint(root, src); p != nil {
			d.Problems = append(d.Problems, *p)
		}
	}
	d.Fields = worksheet.Fields(pc)
	for _, f := range d.Fields {
		d.IDs["f-"+f.ID] = true
	}
	for _, p := range worksheet.Problems(pc) {
		d.Problems = append(d.Problems, Problem{Line: p.Line, Col: p.Col, Msg: p.Msg, Warning: p.Warning})
	}
	// Footnote ids are made by the renderer; recording them lets "#fn:1" links check out.
	// They are read out of the render buffer, which the next page uses: each is copied.
	for _, id := range footnoteIDs(buf.Bytes()) {
		d.IDs[strings.Clone(id)] = true
	}
	return d, nil
}

// keep keeps a copy of html as o says: as it is in the Budget while it has room, else as it
// is in the Spill, else compressed in memory.
func (o *Options) keep(html []byte) *Body {
	if len(html) == 0 {
		return nil
	}
	if o.Budget.Take(len(html)) {
		return newBody(&kept{html: bytes.Clone(html), n: len(html)})
	}
	if o.Spill != nil {
		if s := o.Spill(); s != nil {
			if b := s.Write(html); b != nil {
				return b
			}
		}
	}
	return NewBody(html)
}

// parse parses src with the features f, and looks for those of check in its text; its
// emphasis and delimiters are made in n.
func (c *Converter) parse(src []byte, o *Options, f, check feature, n *nodes) (goldmark.Markdown, ast.Node, parser.Context) {
	md := c.parsers[f]()
	ids := newIDs()
	ids.layout = c.layoutIDs
	if o.TitleID != "" {
		ids.used[o.TitleID] = o.TitleID
	}
	pc := parser.NewContext(parser.WithIDs(ids))
	pc.Set(optsKey, o)
	pc.Set(nodesKey, n)
	if check != 0 {
		pc.Set(checkKey, check)
	}
	if o.Fields {
		worksheet.EnableTaskLists(pc)
	}
	return md, md.Parser().Parse(text.NewReader(src), parser.WithContext(pc)), pc
}

// buffers are the HTML renderer's, used again from page to page.
var buffers = sync.Pool{New: func() any {
	b := new(bytes.Buffer)
	b.Grow(32 << 10)
	return b
}}

// bufWriter lets goldmark's renderer write into a buffer directly: given a writer without
// Buffered and Flush (util.BufWriter), it makes a 4 KB bufio.Writer for each page and
// copies all its HTML through it (48 MB of allocations at 10,000 pages).
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

// Text is the HTML, decompressed into new memory on each call.
func (d *Doc) Text() string { return d.Body.String() }

// footnoteIDs are the ids of h that start "fn:" or "fnref:". They are found at the colons
// of h, which are few: looking for `id="fn` itself, whose 'i' is everywhere in HTML, was
// slower.
func footnoteIDs(h []byte) []string {
	var out []string
	s := unsafe.String(unsafe.SliceData(h), len(h))
	// Where the last id of each kind ended: an id is looked for after it, as when each
	// kind's ids were looked for in a pass of their own.
	var ended [2]int
	for off := 0; ; {
		i := strings.IndexByte(s[off:], ':')
		if i < 0 {
			return out
		}
		i += off
		off = i + 1
		var kind, start int
		switch {
		case strings.HasSuffix(s[:i], `id="fn`):
			kind, start = 0, i-len("fn")
		case strings.HasSuffix(s[:i], `id="fnref`):
			kind, start = 1, i-len("fnref")
		default:
			continue
		}
		if start-len(`id="`) < ended[kind] {
			continue
		}
		j := strings.IndexByte(s[i:], '"')
		if j < 0 {
			return out // nor has any id after this one its closing quote
		}
		out = append(out, s[start:i+j])
		ended[kind] = i + j
	}
}

// collect walks the document once for headings, ids, words and the summary.
func collect(d *Doc, root ast.Node, src []byte, pageIDs *ids) {
	c := collectors.Get().(*collector)
	defer func() {
		*c = collector{scratch: c.scratch[:0], ids: c.ids[:0], headings: c.headings[:0]}
		collectors.Put(c)
	}()
	c.d, c.src, c.pageIDs = d, src, pageIDs
	c.walk(root)
	d.WordCount = c.text.words()
	// The ids, in the order met: a heading's id met before is reported.
	d.IDs = make(map[string]bool, len(c.ids)+8)
	for _, id := range c.ids {
		if h := id.heading; h != nil && d.IDs[id.id] {
			// Only an id written by hand can repeat: made ones are numbered. A link to it
			// would always land on the first.
			line, col := position(h, src)
			d.Problems = append(d.Problems, Problem{Line: line, Col: col,
				Msg: fmt.Sprintf("the id %q is on this page already; give this heading another {#id}", id.id)})
		} else if h != nil && (themeIDs[id.id] || pageIDs.layout[id.id]) {
			// Only an id written by hand can be the theme's (ids.Generate). A warning, not
			// an error: links to it have led here, and the build went through until now.
			line, col := position(h, src)
			msg := ThemeIDProblem(id.id)
			if !themeIDs[id.id] {
				msg = LayoutIDProblem(id.id)
			}
			d.Problems = append(d.Problems, Problem{Line: line, Col: col, Warning: true, Msg: msg})
		}
		d.IDs[id.id] = true
	}
	if len(c.headings) > 0 {
		d.Headings = slices.Clone(c.headings)
	}
}

// collector is what collect keeps while it walks; the slices are used again from page to
// page, and what the Doc keeps of them copied at its size.
type collector struct {
	d       *Doc
	src     []byte
	pageIDs *ids
	// Words are counted over the page's text joined up, so that a word that goldmark keeps
	// in pieces ("don" + ’ + "t", "three" + ".") counts once and punctuation not at all.
	text    wordCounter
	scratch []byte // plain text of a heading or the summary
	// madeAlt is the alt of a figure made of its caption, which the figcaption shows:
	// its words are the caption's, counted there.
	madeAlt  *ast.String
	ids      []docID
	headings []Heading
}

// docID is an element id of the page, with its heading if it is a heading's.
type docID struct {
	id      string
	heading *ast.Heading
}

var collectors = sync.Pool{New: func() any { return new(collector) }}

func (c *collector) walk(n ast.Node) {
	c.visit(n)
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		c.walk(ch)
	}
}

func (c *collector) visit(n ast.Node) {
	if n.Type() == ast.TypeBlock {
		c.text.WriteByte(' ')
	}
	switch n := n.(type) {
	case *ast.Heading:
		attr, _ := n.AttributeString("id")
		b, _ := attr.([]byte)
		id := c.pageIDs.own(b)
		c.scratch = appendPlainText(c.scratch[:0], n, c.src)
		c.ids = append(c.ids, docID{id, n})
		c.headings = append(c.headings, Heading{Level: n.Level, ID: id, Title: string(bytes.TrimSpace(c.scratch))})
		return // its id is recorded
	case *ast.Paragraph:
		if c.d.Summary == "" && n.Parent() != nil && n.Parent().Kind() == ast.KindDocument {
			c.scratch = appendPlainText(c.scratch[:0], n, c.src)
			c.d.Summary = string(bytes.TrimSpace(c.scratch))
		}
	case *ast.Text:
		c.text.Write(textBytes(n, c.src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			c.text.WriteByte(' ')
		}
		// Text that starts with "](" follows a link goldmark could not read: a link's "]" is
		// in no text.
		if at := n.Segment.Start; at+1 < n.Segment.Stop && c.src[at] == ']' && c.src[at+1] == '(' && n.Parent().Kind() != ast.KindCodeSpan {
			c.unreadLink(at + 1)
		}
		if n.Parent().Kind() != ast.KindCodeSpan {
			c.wikiLinks(n.Segment.Start, n.Segment.Stop)
		}
	case *figureNode:
		if n.alt != nil && n.caption != nil && n.caption.Parent() != nil {
			c.madeAlt = n.alt
		}
	case *ast.String:
		if n == c.madeAlt {
			break
		}
		if n.IsCode() {
			c.text.WriteString(unescapeEntity(n.Value))
		} else {
			c.text.Write(n.Value)
		}
	}
	if attr, ok := n.AttributeString("id"); ok {
		if b, ok := attr.([]byte); ok {
			c.ids = append(c.ids, docID{id: c.pageIDs.own(b)})
		}
	}
}

// wikiLinks records the [[...]] that start in src[start:stop], a text's piece: goldmark keeps
// each "[" of them as text of its own, and each is in one piece, so each is found once.
func (c *collector) wikiLinks(start, stop int) {
	for at := start; at < stop; at++ {
		i := bytes.IndexByte(c.src[at:stop], '[') // most text has none: asked of all of it
		if i < 0 {
			return
		}
		at += i
		if at+1 >= len(c.src) || c.src[at+1] != '[' || at > 0 && c.src[at-1] == '[' {
			continue
		}
		rest := c.src[at+2:]
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			rest = rest[:nl] // a [[link]] is on one line: no search to the page's end for each
		}
		end := bytes.Index(rest, []byte("]]"))
		if end <= 0 || bytes.ContainsAny(rest[:end], "[]") {
			continue
		}
		inner := string(bytes.TrimSpace(rest[:end]))
		name, label, _ := strings.Cut(inner, "|")
		name, heading, _ := strings.Cut(name, "#")
		w := WikiLink{Name: strings.TrimSpace(name), Label: strings.TrimSpace(label), Written: "[[" + inner + "]]"}
		if w.Name == "" {
			continue // "[[ ]]", or "[[#Heading]]": nothing Obsidian links either
		}
		from := at
		if at > 0 && c.src[at-1] == '!' {
			w.Embed, w.Written, from = true, "!"+w.Written, at-1
		}
		// An Obsidian block's id (#^abc) is no heading of the page.
		if heading = strings.TrimSpace(heading); heading != "" && !strings.HasPrefix(heading, "^") {
			made := newIDs()
			made.layout = c.pageIDs.layout
			w.Anchor = string(made.Generate([]byte(heading), ast.KindHeading))
		}
		w.Line, w.Col = diag.LineCol(c.src, from)
		c.d.Wiki = append(c.d.Wiki, w)
		at += 2 + end + 1
	}
}

// unreadLink reports the link destination at src[at] ("(" ...) when it names a Markdown file
// and holds a space: "[my notes](My Notes.md)" is shown as written, and the coach is not
// told that CommonMark ends a destination at its first space unless it is in <>.
func (c *collector) unreadLink(at int) {
	rest := c.src[at+1:]
	end := bytes.IndexAny(rest, ")\n")
	if end < 0 || rest[end] != ')' {
		return
	}
	dest := bytes.TrimSpace(rest[:end])
	file, _, _ := bytes.Cut(dest, []byte("#"))
	if !bytes.ContainsAny(dest, " \t") || source.Ext(string(file)) == "" {
		return
	}
	line, col := diag.LineCol(c.src, at)
	c.d.Problems = append(c.d.Problems, Problem{Line: line, Col: col, Warning: true,
		Msg: fmt.Sprintf("(%s) is shown as text, not a link: a file name with spaces goes in angle brackets, like [text](<%s>)", dest, dest)})
}

// wordCounter counts words as countWords does, over text given in pieces, without keeping
// the text: the pieces are the page's whole text, and joining them up cost more than
// converting the page. A word is counted at its end, the white space after it, if it has
// a letter or digit.
type wordCounter struct {
	n       int
	alnum   int    // 1 when the word being read has a letter or digit, else 0
	pending []byte // the start of a rune split between two pieces
}

func (w *wordCounter) WriteByte(c byte) error {
	if c < utf8.RuneSelf && len(w.pending) == 0 {
		w.n, w.alnum = asciiStep(w.n, w.alnum, asciiKind[c])
		return nil
	}
	w.Write([]byte{c})
	return nil
}

func (w *wordCounter) WriteString(s string) { w.Write(unsafe.Slice(unsafe.StringData(s), len(s))) }

// asciiKind sorts the ASCII bytes for wordCounter as unicode.IsSpace, IsLetter and IsDigit
// do: the pages' text is mostly ASCII, and asking package unicode of every byte was a
// tenth of converting a page.
var asciiKind = func() (k [utf8.RuneSelf]byte) {
	for c := range rune(utf8.RuneSelf) {
		switch {
		case unicode.IsSpace(c):
			k[c] = asciiSpace
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			k[c] = asciiAlnum
		}
	}
	return k
}()

const (
	asciiOther = 0
	asciiSpace = 1
	asciiAlnum = 2
)

// asciiStep reads a byte of kind k: white space ends a word, counted if it has a letter or
// digit (alnum), which a letter or digit sets. It has no branch: words end every few
// bytes, too often for a branch to be guessed right.
func asciiStep(n, alnum int, k byte) (int, int) {
	space := int(k & asciiSpace)
	return n + alnum&space, alnum&^space | int(k>>1)
}

func (w *wordCounter) Write(p []byte) {
	if len(w.pending) > 0 {
		p = append(w.pending, p...)
		w.pending = nil
	}
	n, alnum := w.n, w.alnum
	for i := 0; i < len(p); {
		words, after, read := swarWords(p[i:], alnum)
		n, alnum, i = n+words, after, i+read
		if i == len(p) {
			break
		}
		c := p[i]
		if c < utf8.RuneSelf {
			n, alnum = asciiStep(n, alnum, asciiKind[c])
			i++
			continue
		}
		if !utf8.FullRune(p[i:]) {
			w.pending = append([]byte(nil), p[i:]...)
			break
		}
		r, size := utf8.DecodeRune(p[i:])
		i += size
		switch {
		case unicode.IsSpace(r):
			n += alnum
			alnum = 0
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			alnum = 1
		}
	}
	w.n, w.alnum = n, alnum
}

// ones and high: a 1 and the top bit in each byte of a uint64.
const ones, high = swar.Ones, swar.High

// atLeast has the top bit of each byte of x set where the byte is lo or more; every byte
// of x must be ASCII, and lo at most 0x80. Each byte is added 0x80-lo, which carries into
// its top bit exactly then, and never out of the byte.
func atLeast(x uint64, lo byte) uint64 { return x + ones*uint64(0x80-lo) }

// swarWords reads p eight bytes at a time while they are ASCII, as asciiStep reads them
// one by one, given alnum, and returns the words that end in them, alnum after them and
// how many bytes it read. Of each eight bytes (x, the first in its lowest byte) it marks
// the white space bytes and the letters and digits in their top bits, and adds the
// letters and digits to the bytes that are not white space, with every lower bit set: the
// carry out of a letter runs through the rest of its word and stops in the first white
// space after it, setting its top bit. So the white space bytes set by the sum are the
// ends of words with a letter or digit, and a carry out of the top byte says that the last
// word has one: it goes into the lowest byte of the next eight.
func swarWords(p []byte, alnum int) (words, after, read int) {
	carry := uint64(alnum)
	for ; read+8 <= len(p); read += 8 {
		x := binary.LittleEndian.Uint64(p[read:])
		if x&high != 0 {
			break
		}
		space := (atLeast(x, '\t')&^atLeast(x, '\r'+1) | atLeast(x, ' ')&^atLeast(x, ' '+1)) & high
		// With the bit 0x20 set, 'A'-'Z' are 'a'-'z' and no other byte is: one range.
		lower := x | 0x2020202020202020
		letter := (atLeast(x, '0')&^atLeast(x, '9'+1) | atLeast(lower, 'a')&^atLeast(lower, 'z'+1)) & high
		var sum uint64
		sum, carry = bits.Add64(^space, letter, carry)
		words += bits.OnesCount64(sum & space)
	}
	return words, int(carry), read
}

func (w *wordCounter) words() int {
	if len(w.pending) > 0 {
		p := w.pending
		w.pending = nil
		w.Write(append(p, ' ')) // a broken rune: count it as Fields would see it
	}
	return w.n + w.alnum
}

// countWords counts runs of non-space that hold a letter or a digit: "–" and "…" are not
// words.
func countWords(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// textBytes is the text a Text node shows: its source with backslash escapes and entity
// references ("&amp;") resolved, as goldmark's renderer writes it.
func textBytes(n *ast.Text, src []byte) []byte {
	v := n.Segment.Value(src)
	if n.IsRaw() || bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v // nothing to resolve: most text, found faster than by the three below
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// unescapeEntity is the text of a String node that is code: the typographer's are HTML
// entities ("&ldquo;"), which plain text (summaries, table of contents, words) must show
// as the characters they stand for.
func unescapeEntity(v []byte) string {
	if s, ok := typographerEntities[string(v)]; ok {
		return s // the ones of nearly every String, without a new string each time
	}
	return stdhtml.UnescapeString(string(v))
}

var typographerEntities = func() map[string]string {
	m := map[string]string{}
	for _, e := range []string{"&lsquo;", "&rsquo;", "&ldquo;", "&rdquo;", "&ndash;", "&mdash;", "&hellip;", "&laquo;", "&raquo;"} {
		m[e] = stdhtml.UnescapeString(e)
	}
	return m
}()

// appendPlainText appends the text of a node's inline content, without markup, to dst:
// its Text with backslash escapes and entity references ("&amp;") resolved, as goldmark's
// renderer writes it.
func appendPlainText(dst []byte, n ast.Node, src []byte) []byte {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			dst = append(dst, textBytes(c, src)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				dst = append(dst, ' ')
			}
		case *ast.String:
			if c.IsCode() {
				dst = append(dst, unescapeEntity(c.Value)...)
			} else {
				dst = append(dst, c.Value...)
			}
		case *ast.CodeSpan:
			for ch := c.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if t, ok := ch.(*ast.Text); ok {
					dst = append(dst, t.Segment.Value(src)...)
				}
			}
			return ast.WalkSkipChildren, nil
		case *east.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return dst
}

// alignCell gives an aligned table cell the class align-left, align-center or
// align-right (the theme's CSS aligns them).
func alignCell(c *east.TableCell) {
	if c.Alignment == east.AlignNone {
		return
	}
	class := "align-" + c.Alignment.String()
	if old, ok := c.AttributeString("class"); ok {
		if b, ok := old.([]byte); ok {
			class = string(b) + " " + class
		}
	}
	c.SetAttributeString("class", []byte(class))
}

// linkTransformer rewrites links to .md files into page URLs and records every internal link
// so the build can check it once all pages are known. In the same walk it aligns table
// cells (alignCell), which a walk of its own cost as much again.
// It also says what of the page a client would never see: HTML left out (markdown.unsafe
// off), and images from other web sites, which the pages' Content-Security-Policy blocks.
type linkTransformer struct{ unsafe bool }

func (lt linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	o, _ := pc.Get(optsKey).(*Options)
	src := reader.Source()
	var links []Link
	var probs []Problem
	var html leftOut
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		switch l := n.(type) {
		case *ast.Link:
			dest = l.Destination
		case *ast.Image:
			dest = l.Destination
			if o != nil && remote(dest) {
				line, col := position(n, src)
				probs = append(probs, Problem{Line: line, Col: col, Warning: true, Msg: remoteImage(string(dest))})
			}
		case *ast.HTMLBlock:
			if o != nil {
				html.block(l, src, lt.unsafe)
			}
			return ast.WalkContinue, nil
		case *ast.RawHTML:
			if o != nil {
				html.inline(l, src, lt.unsafe)
			}
			return ast.WalkContinue, nil
		case *east.TableCell:
			alignCell(l)
			return ast.WalkContinue, nil
		default:
			return ast.WalkContinue, nil
		}
		if o == nil {
			return ast.WalkContinue, nil
		}
		newDest, link, prob := rewrite(string(dest), o)
		if prob != "" || link != nil {
			// Looked for only when kept: it walks the link and counts the lines before it.
			line, col := position(n, src)
			if prob != "" {
				probs = append(probs, Problem{Line: line, Col: col, Msg: prob})
			}
			if link != nil {
				link.Line, link.Col = line, col
				links = append(links, *link)
			}
		}
		if newDest != string(dest) {
			switch l := n.(type) {
			case *ast.Link:
				l.Destination = []byte(newDest)
			case *ast.Image:
				l.Destination = []byte(newDest)
			}
		}
		return ast.WalkContinue, nil
	})
	if o == nil {
		return
	}
	probs = append(probs, html.problems()...)
	pc.Set(linksKey, &links)
	pc.Set(probKey, &probs)
}

// remote reports whether an image's address is on another web site.
func remote(dest []byte) bool {
	prefix := func(p string) bool { return len(dest) >= len(p) && bytes.EqualFold(dest[:len(p)], []byte(p)) }
	return prefix("http://") || prefix("https://") || prefix("//")
}

func remoteImage(dest string) string {
	name := path.Base(strings.SplitN(strings.SplitN(dest, "?", 2)[0], "#", 2)[0])
	if name == "" || name == "." || name == "/" || !strings.Contains(name, ".") {
		name = "picture.jpg"
	}
	return "the image " + dest + " is on another web site, and a Between site loads nothing from other sites, so that clients' reading stays private: " +
		"clients would see only its description; save the image in static/images/ and write its address as /images/" + name
}

// leftOut gathers what a page's HTML loses: with markdown.unsafe off, every piece of HTML
// but comments, said once a page (a library brought from elsewhere may have thousands);
// with it on, what loads from other sites, said at each.
type leftOut struct {
	line, col, n int
	tag          string
	probs        []Problem
}

// htmlTag is an HTML tag's name at the start of raw HTML ("<iframe src=...>": "iframe").
var htmlTag = regexp.MustCompile(`^</?([A-Za-z][A-Za-z0-9-]*)`)

// loads finds, in raw HTML, an element that loads something from another web site.
var loads = regexp.MustCompile(`(?i)<(img|iframe|script|video|audio|source|embed|link|object)\b[^>]*?\b(?:src|href|data)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)`)

// htmlBlockText is the text of an HTML block, its closing line included.
func htmlBlockText(b *ast.HTMLBlock, src []byte) []byte {
	var text []byte
	for i := 0; i < b.Lines().Len(); i++ {
		seg := b.Lines().At(i)
		text = append(text, seg.Value(src)...)
	}
	if b.HasClosure() {
		seg := b.ClosureLine
		text = append(text, seg.Value(src)...)
	}
	return text
}

func (h *leftOut) block(b *ast.HTMLBlock, src []byte, unsafe bool) {
	text := htmlBlockText(b, src)
	off := -1
	if b.Lines().Len() > 0 {
		off = b.Lines().At(0).Start
	}
	h.found(text, off, src, unsafe, b.HTMLBlockType == ast.HTMLBlockType2)
}

func (h *leftOut) inline(r *ast.RawHTML, src []byte, unsafe bool) {
	var text []byte
	for i := 0; i < r.Segments.Len(); i++ {
		seg := r.Segments.At(i)
		text = append(text, seg.Value(src)...)
	}
	off := -1
	if r.Segments.Len() > 0 {
		off = r.Segments.At(0).Start
	}
	h.found(text, off, src, unsafe, bytes.HasPrefix(text, []byte("<!--")))
}

func (h *leftOut) found(text []byte, off int, src []byte, unsafe, comment bool) {
	if off < 0 || comment {
		return // a comment shows nowhere, wanted so
	}
	// A position is counted from the page's start: only for what is said, not for each
	// of the hundreds of pieces a page brought from elsewhere may have.
	if unsafe {
		for _, m := range loads.FindAllSubmatch(text, -1) {
			line, col := diag.LineCol(src, off)
			h.probs = append(h.probs, Problem{Line: line, Col: col, Warning: true, Msg: fmt.Sprintf(
				"<%s> loads %s from another web site, which the pages' security rule blocks, so that clients' reading stays private: "+
					"it will not show; put the file in static/ and use its address there, or link to it instead", strings.ToLower(string(m[1])), m[2])})
		}
		return
	}
	h.n++
	if h.n == 1 {
		h.line, h.col = diag.LineCol(src, off)
		if m := htmlTag.FindSubmatch(bytes.TrimSpace(text)); m != nil {
			h.tag = strings.ToLower(string(m[1]))
		}
	}
}

func (h *leftOut) problems() []Problem {
	if h.n == 0 {
		return h.probs
	}
	what := "HTML"
	if h.tag != "" {
		what = "HTML (<" + h.tag + ">)"
	}
	is := " is"
	if h.n == 2 {
		is = " and 1 more piece on this page are"
	} else if h.n > 2 {
		is = fmt.Sprintf(" and %d more pieces on this page are", h.n-1)
	}
	return append(h.probs, Problem{Line: h.line, Col: h.col, Warning: true, Msg: "this " + what + is +
		" left out of the page: HTML written in Markdown is off, so that a page cannot run code. Write it as Markdown; " +
		"or, if you trust every file of the library, set unsafe = true under [markdown] in config.toml (see docs/security.md)"})
}

// rewrite returns the destination to write, and the link to check when it is internal.
func rewrite(dest string, o *Options) (string, *Link, string) {
	if plainPath(dest) && source.Ext(dest) == "" {
		// Its own path, as url.Parse would give it: a link to a page by its address.
		if !strings.HasPrefix(dest, "/") {
			to := fromPage(dest, &url.URL{Path: dest}, o)
			return to, addrLink(dest, to, o), ""
		}
		to := basePath(dest, dest, o)
		return to, addrLink(dest, to, o), ""
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || strings.HasPrefix(dest, "//") {
		return dest, nil, ""
	}
	if u.Path == "" {
		if u.Fragment == "" {
			return dest, nil, ""
		}
		return dest, &Link{Anchor: u.Fragment}, ""
	}
	if source.Ext(u.Path) != "" {
		target := mdTarget(u.Path, o.Rel)
		if strings.HasPrefix(target, "../") || target == ".." {
			return dest, nil, fmt.Sprintf("link to %q points outside content/; link to a page inside the library", dest)
		}
		target = norm.NFC.String(target) // as content paths are known (source.File.Rel)
		link := &Link{Target: target, Anchor: u.Fragment}
		if o.Resolve == nil {
			return dest, link, ""
		}
		to, ok := o.Resolve(target)
		if !ok {
			return dest, link, "" // reported by the build, which knows drafts from missing pages
		}
		if u.Fragment != "" {
			to += "#" + u.Fragment
		}
		return to, link, ""
	}
	if !strings.HasPrefix(u.Path, "/") {
		to := fromPage(dest, u, o)
		return to, addrLink(dest, to, o), ""
	}
	to := basePath(dest, u.Path, o)
	return to, addrLink(dest, to, o), ""
}

// addrLink is the link to check for dest, written to as to: none when to is still relative
// (the page's URL is not known, so neither is where it leads).
func addrLink(dest, to string, o *Options) *Link {
	if !strings.HasPrefix(to, "/") || o.URL == "" {
		return nil
	}
	u, err := url.Parse(to)
	if err != nil {
		return nil
	}
	return &Link{Addr: u.Path, Anchor: u.Fragment, Dest: dest}
}

// fromPage is dest, the relative address u, resolved against the page's own URL as a
// browser reading the page would: "../../about/" on "/lib/articles/welcome/" is
// "/lib/about/". Without the page's URL, dest is kept.
func fromPage(dest string, u *url.URL, o *Options) string {
	if o.URL == "" {
		return dest
	}
	base := url.URL{Path: o.URL}
	return base.ResolveReference(u).String()
}

// basePath is dest, of the path p, under o's base path when p starts with "/" and not
// with it.
func basePath(dest, p string, o *Options) string {
	if strings.HasPrefix(p, "/") && o.BasePath != "" && o.BasePath != "/" && !strings.HasPrefix(p, o.BasePath) &&
		(o.Root == "" || o.Root == "/" || !strings.HasPrefix(p+"/", o.Root)) {
		return strings.TrimSuffix(o.BasePath, "/") + dest
	}
	return dest
}

// plainPath reports whether dest is a path that url.Parse gives back as it is, with no
// scheme, host, query or fragment: letters, digits and "-._~/", not starting "//".
func plainPath(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "//") {
		return false
	}
	for i := 0; i < len(dest); i++ {
		switch c := dest[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~', c == '/':
		default:
			return false
		}
	}
	return true
}

// position finds a line and column for an inline node: the first text inside it, or the
// block that holds it.
func position(n ast.Node, src []byte) (int, int) {
	if at := shortcodeStart(n); at >= 0 {
		return diag.LineCol(src, at)
	}
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering && off < 0 {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				off = p.Lines().At(0).Start
				break
			}
		}
	}
	if off < 0 {
		return 0, 0
	}
	// The text starts after "[" (and any emphasis): point at the bracket, where the link
	// begins, or at the "![" of an image, or at the outer "[" of an image inside a link.
	for found := false; off > 0 && !found; {
		switch c := src[off-1]; {
		case c == '[':
			off--
			if off > 0 && src[off-1] == '!' {
				off--
			} else {
				found = true
			}
		case strings.IndexByte("*_~`", c) >= 0:
			off--
		default:
			found = true
		}
	}
	return diag.LineCol(src, off)
}

// ids makes heading ids as goldmark does (lower case, spaces to hyphens, numbered when
// repeated) but keeps letters and digits of every script (slug.ID): "Réflexion" is
// "réflexion", where goldmark would drop the é.
type ids struct {
	// used holds every id of the page, as the string its page keeps (own).
	used map[string]string
	// next is the number to try first for an id already used: 10,000 headings with the same
	// text would otherwise try "-1", "-2"... from the start each time.
	next map[string]int
	// probes counts the candidate ids looked up, for TestIDProbes.
	probes int
	// layout are the ids the site's own layouts write (Converter.SetLayoutIDs), which no
	// made id takes, as no made id takes one of the theme's (themeIDs).
	layout map[string]bool
}

// withoutComments is a heading's text without its HTML comments: goldmark makes a
// heading's id of its text as written, and "# Values <!-- rename? -->" would have the id
// values----rename---, the writer's note in the page's address for it (MkDocs makes
// "values"). A comment never closed is kept, as goldmark shows it as text.
func withoutComments(v []byte) []byte {
	var out []byte
	for {
		i := bytes.Index(v, []byte("<!--"))
		if i < 0 {
			break
		}
		j := bytes.Index(v[i+len("<!--"):], []byte("-->"))
		if j < 0 {
			break
		}
		out = append(out, v[:i]...)
		v = v[i+len("<!--")+j+len("-->"):]
	}
	return bytes.TrimSpace(append(out, v...))
}

// newIDs makes next when an id repeats: most pages have no repeated heading.
func newIDs() *ids { return &ids{used: map[string]string{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	if bytes.Contains(value, []byte("<!--")) && !bytes.Contains(value, []byte("`")) { // in code it is text
		value = withoutComments(value)
	}
	b, ok := asciiID(value)
	var id string
	if ok {
		// b is new, and goldmark only reads the attribute it becomes: the id can share it
		// rather than be a copy (two of the few strings the page keeps, 200,000 at 10,000
		// pages, with its heading's own).
		id = unsafe.String(unsafe.SliceData(b), len(b))
	} else {
		id, b = slug.ID(string(value)), nil
	}
	if id == "" {
		id, b = "id", nil
		if kind == ast.KindHeading {
			id = "heading"
		}
	}
	if _, dup := s.used[id]; !dup && !themeIDs[id] && !s.layout[id] {
		s.used[id] = id
		if b == nil {
			b = []byte(id)
		}
		return b
	}
	for i := s.next[id] + 1; ; i++ {
		s.probes++
		next := id + "-" + strconv.Itoa(i)
		if _, dup := s.used[next]; !dup && !s.layout[next] {
			s.used[next] = next
			if s.next == nil {
				s.next = map[string]int{}
			}
			s.next[id] = i
			return []byte(next)
		}
	}
}

// asciiID is slug.ID of an ASCII heading, made without slug.ID's conversions between
// bytes, strings and runes and its normalising (ASCII is in NFC): a heading's id cost
// more than its parsing. ok is false when value has a byte of another kind.
func asciiID(value []byte) (id []byte, ok bool) {
	start, end := 0, len(value)
	// As strings.TrimSpace: a byte of another kind at either end stops it, and is found
	// below.
	for start < end && value[start] < utf8.RuneSelf && asciiKind[value[start]] == asciiSpace {
		start++
	}
	for end > start && value[end-1] < utf8.RuneSelf && asciiKind[value[end-1]] == asciiSpace {
		end--
	}
	// Each byte is written and kept or not (idByte), without a branch: which kind comes
	// next was guessed wrong at every other byte.
	id = make([]byte, end-start)
	j := 0
	for _, c := range value[start:end] {
		if c >= utf8.RuneSelf {
			return nil, false
		}
		id[j] = idByte[c]
		j += int(idKeep[c])
	}
	return id[:j], true
}

// idByte is what an ASCII byte becomes in an id: a letter or digit itself, in lower case
// (slug.Word), white space, '-' and '_' a hyphen, and every other byte nothing (idKeep 0).
var idByte, idKeep = func() (b, keep [utf8.RuneSelf]byte) {
	for c := range byte(utf8.RuneSelf) {
		switch {
		case asciiKind[c] == asciiAlnum:
			b[c], keep[c] = c, 1
			if 'A' <= c && c <= 'Z' {
				b[c] += 'a' - 'A'
			}
		case asciiKind[c] == asciiSpace || c == '-' || c == '_':
			b[c], keep[c] = '-', 1
		}
	}
	return b, keep
}()

func (s *ids) Put(value []byte) {
	id := string(value) // from the page's text, whose buffer the next file is read into
	s.used[id] = id
}

// own is the id b as a string the Doc may keep: the page's own string of it when the page
// made or put it (a heading's), else a copy (footnotes', fields', prefixed ids).
func (s *ids) own(b []byte) string {
	if id, ok := s.used[string(b)]; ok {
		return id
	}
	return string(b)
}

// MetaIDPrefix is the document meta key holding Options.IDPrefix, for extensions that
// write ids of their own (footnotes, worksheet fields).
const MetaIDPrefix = "between-id-prefix"

func idPrefix(n ast.Node) []byte {
	if doc := n.OwnerDocument(); doc != nil {
		if p, ok := doc.Meta()[MetaIDPrefix].(string); ok {
			return []byte(p)
		}
	}
	return nil
}

// prefixTransformer puts Options.IDPrefix before every id and same-page link, after all
// other transformers have set theirs.
type prefixTransformer struct{}

func (prefixTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	v := pc.Get(optsKey)
	if v == nil || v.(*Options).IDPrefix == "" {
		return
	}
	prefix := v.(*Options).IDPrefix
	doc.AddMeta(MetaIDPrefix, prefix)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				n.SetAttributeString("id", append([]byte(prefix), b...))
			}
		}
		if l, ok := n.(*ast.Link); ok && len(l.Destination) > 1 && l.Destination[0] == '#' {
			l.Destination = append([]byte("#"+prefix), l.Destination[1:]...)
		}
		return ast.WalkContinue, nil
	})
}
