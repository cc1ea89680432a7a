package markdown

import (
	"bytes"
	"encoding/binary"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/between-ssg/between/internal/swar"
)

// textWriter is goldmark's html.Writer with a short way for the text that has nothing to
// change: goldmark's Write looks at each byte of a text for backslash escapes and entity
// references, and then its RawWrite at each byte again for what HTML escapes, and writes
// every run between two of them with a call of its own. Nearly all of a page's text has
// none of them: textWriter looks at each byte once and writes such a text in one call,
// and hands any other to goldmark's writer as it is, so the HTML is the same.
type textWriter struct{ html.Writer }

// notPlain marks the bytes either of goldmark's Write or RawWrite does something at: what
// HTML escapes (NUL becomes U+FFFD), the backslash and the ampersand.
var notPlain = [256]bool{0: true, '"': true, '&': true, '<': true, '>': true, '\\': true}

// plain reports whether s has none of the bytes notPlain marks. It looks at eight bytes
// at a time (as swarWords does): a byte of x equal to c is a zero byte of x^c, which
// swar.Zero finds. '"' and
// '&' differ only in the bit 0x04, '<' and '>' in 0x02: with that bit cleared, each pair
// is one test.
func plain(s []byte) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64(s[i:])
		if (swar.Zero(x)|swar.Zero((x^(ones*'"'))&^(ones*0x04))|swar.Zero((x^(ones*'<'))&^(ones*0x02))|
			swar.Zero(x^(ones*'\\')))&high != 0 {
			return false
		}
	}
	for _, c := range s[i:] {
		if notPlain[c] {
			return false
		}
	}
	return true
}

func (w textWriter) Write(out util.BufWriter, source []byte) {
	if plain(source) {
		_, _ = out.Write(source)
		return
	}
	w.Writer.Write(out, source)
}

func (w textWriter) RawWrite(out util.BufWriter, source []byte) {
	if plain(source) {
		_, _ = out.Write(source)
		return
	}
	w.Writer.RawWrite(out, source)
}

// links renders links as goldmark's HTML renderer does (renderLink), but for asking
// whether a destination is dangerous ("javascript:"...) without goldmark's
// IsDangerousURL, which lowers a copy of the destination's start and of each of the
// prefixes it looks for: ten allocations a link, 110,000 at 10,000 pages.
type links struct {
	unsafe bool
	writer html.Writer
}

func (l links) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, l.renderLink)
}

func (l links) renderLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<a href=\"")
	dest := util.URLEscape(n.Destination, true)
	if l.unsafe || !dangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		l.writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// dangerousURL is html.IsDangerousURL. Every prefix it looks for ("javascript:",
// "data:image/"...) has its colon in its first eleven bytes, and lowering a character
// never makes a colon: a destination without one there (a page of the site, "/x/" or
// "../y/", nearly every link) is none of them, found without lowering anything.
func dangerousURL(url []byte) bool {
	if bytes.IndexByte(url[:min(len(url), 11)], ':') < 0 {
		return false
	}
	return html.IsDangerousURL(url)
}

// tableCells renders GFM table cells as goldmark's table renderer does with
// extension.TableCellAlignNone (the build's: a cell's alignment is a class, alignCell),
// without its two fmt.Fprintf calls a cell, which box the tag for each.
type tableCells struct{}

func (tableCells) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTableCell, renderTableCell)
}

func renderTableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	tag, filter := "td", extension.TableTdCellAttributeFilter
	if node.Parent().Kind() == east.KindTableHeader {
		tag, filter = "th", extension.TableThCellAttributeFilter
	}
	if !entering {
		_, _ = w.WriteString("</")
		_, _ = w.WriteString(tag)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	if node.Attributes() != nil {
		html.RenderAttributes(w, node, filter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
