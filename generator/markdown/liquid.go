package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/between-ssg/between/generator/diag"
)

// Pages moved from Jekyll or Eleventy hold Liquid (or Nunjucks) tags, which those run
// before the Markdown: {% highlight ruby %}, {% comment %}, {% include note.html %},
// {{ site.baseurl }}. Between runs no templates in pages. The three tags whose meaning is
// plain, on lines of their own, become it: {% highlight %} … {% endhighlight %} a code
// block, {% comment %} … {% endcomment %} nothing, and the lines {% raw %} and {% endraw %}
// nothing (what is between them is shown as written anyway). Without this the code of a
// highlight lost its HTML as raw HTML, and a comment meant for the coach was shown to every
// client. Any other tag is shown as written with one warning a page (liquidWarning).

// liquidTag reads line[pos:] as one Liquid tag alone on its line, "{% name args %}", with
// the "{%-" and "-%}" that trim white space; args are where the arguments start and end.
func liquidTag(line []byte, pos int) (name string, argStart, argStop int, ok bool) {
	s := util.TrimRightSpace(line)
	if !bytes.HasPrefix(s[pos:], []byte("{%")) || !bytes.HasSuffix(s, []byte("%}")) || len(s)-pos < 4 {
		return "", 0, 0, false
	}
	i, end := pos+2, len(s)-2
	if i < end && s[i] == '-' {
		i++
	}
	if end > i && s[end-1] == '-' {
		end--
	}
	for i < end && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	ns := i
	for i < end && (s[i] >= 'a' && s[i] <= 'z' || s[i] == '_') {
		i++
	}
	if i == ns || i < end && s[i] != ' ' && s[i] != '\t' || bytes.Contains(s[i:end], []byte("%}")) {
		return "", 0, 0, false
	}
	return string(s[ns:i]), i, end, true
}

// liquidHidden is a Liquid tag, or a comment, that shows nothing.
type liquidHidden struct {
	ast.BaseBlock
	comment bool // {% comment %}: lines are kept out until {% endcomment %}
	closed  bool
	line    int
}

var kindLiquidHidden = ast.NewNodeKind("LiquidHidden")

func (n *liquidHidden) Kind() ast.NodeKind            { return kindLiquidHidden }
func (n *liquidHidden) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// liquidCode is a {% highlight %} block: a fenced code block for the renderer, with where it
// opened for the message when it is never closed.
type liquidCode struct {
	line   int
	closed bool
}

var liquidCodeKey = parser.NewContextKey()

type liquidBlocks struct{}

func (liquidBlocks) Trigger() []byte { return []byte{'{'} }

func (liquidBlocks) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos+1 >= len(line) || line[pos+1] != '%' {
		return nil, parser.NoChildren
	}
	name, as, ae, ok := liquidTag(line, pos)
	if !ok {
		return nil, parser.NoChildren
	}
	start := segment.Start - segment.Padding // the offset of line[0] in the source
	lineNo, _ := diag.LineCol(reader.Source(), start+pos)
	switch name {
	case "highlight":
		var info *ast.Text
		if f := bytes.Fields(line[as:ae]); len(f) > 0 {
			// The language only: Jekyll's linenos and mark_lines have no counterpart.
			ls := as + bytes.Index(line[as:ae], f[0])
			info = ast.NewTextSegment(text.NewSegment(start+ls, start+ls+len(f[0])))
		}
		node := ast.NewFencedCodeBlock(info)
		pc.Set(liquidCodeKey, &liquidCode{line: lineNo})
		reader.AdvanceToEOL()
		return node, parser.NoChildren
	case "comment":
		reader.AdvanceToEOL()
		return &liquidHidden{comment: true, line: lineNo}, parser.NoChildren
	case "raw", "endraw":
		reader.AdvanceToEOL()
		return &liquidHidden{closed: true}, parser.NoChildren
	}
	return nil, parser.NoChildren
}

func (liquidBlocks) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, segment := reader.PeekLine()
	pos := util.FirstNonSpacePosition(line)
	switch n := node.(type) {
	case *liquidHidden:
		if !n.comment {
			return parser.Close
		}
		if name, _, _, ok := liquidTag(line, max(pos, 0)); ok && name == "endcomment" {
			n.closed = true
			reader.AdvanceToEOL()
			return parser.Close
		}
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	case *ast.FencedCodeBlock:
		if name, _, _, ok := liquidTag(line, max(pos, 0)); ok && name == "endhighlight" {
			if c, _ := pc.Get(liquidCodeKey).(*liquidCode); c != nil {
				c.closed = true
			}
			reader.AdvanceToEOL()
			return parser.Close
		}
		seg := text.NewSegmentPadding(segment.Start, segment.Stop, segment.Padding)
		seg.ForceNewline = true
		n.Lines().Append(seg)
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	return parser.Close
}

func (liquidBlocks) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	var line int
	var what, end string
	switch n := node.(type) {
	case *liquidHidden:
		if n.closed {
			return
		}
		line, what, end = n.line, "{% comment %}", "{% endcomment %}"
	case *ast.FencedCodeBlock:
		c, _ := pc.Get(liquidCodeKey).(*liquidCode)
		pc.Set(liquidCodeKey, nil)
		if c == nil || c.closed {
			return
		}
		line, what, end = c.line, "{% highlight %}", "{% endhighlight %}"
	default:
		return
	}
	probs, _ := pc.Get(liquidProbsKey).(*[]Problem)
	if probs == nil {
		probs = &[]Problem{}
		pc.Set(liquidProbsKey, probs)
	}
	*probs = append(*probs, Problem{Line: line, Col: 1, Msg: fmt.Sprintf(
		"%s is never closed, so the rest of the page is taken into it; add a line %s where it ends", what, end)})
}

func (liquidBlocks) CanInterruptParagraph() bool { return true }

func (liquidBlocks) CanAcceptIndentedLine() bool { return false }

var liquidProbsKey = parser.NewContextKey()

// liquidRenderer writes nothing for a liquidHidden.
type liquidRenderer struct{}

func (liquidRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindLiquidHidden, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
}

// mayHaveLiquid reports whether src has "{%", or a "{{" that opens no Hugo shortcode: only
// such a page is walked for Liquid left in its text.
func mayHaveLiquid(src []byte) bool {
	for i := bytes.IndexByte(src, '{'); i >= 0 && i+2 < len(src); {
		if src[i+1] == '%' || src[i+1] == '{' && src[i+2] != '<' && src[i+2] != '%' {
			return true
		}
		j := bytes.IndexByte(src[i+1:], '{')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// liquidAt returns the Liquid tag or output that starts at src[i], as written up to its
// closing "%}" or "}}" on the same line, or "".
func liquidAt(src []byte, i int) string {
	if i+2 >= len(src) || src[i] != '{' {
		return ""
	}
	closing := "%}"
	switch {
	case src[i+1] == '%':
	case src[i+1] == '{' && src[i+2] != '<' && src[i+2] != '%':
		closing = "}}"
	default:
		return ""
	}
	rest := src[i:]
	if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	end := bytes.Index(rest[2:], []byte(closing))
	if end < 0 {
		return ""
	}
	if inner := bytes.TrimLeft(rest[2:2+end], " -"); closing == "}}" && bytes.HasPrefix(inner, []byte(".")) {
		// {{ .Title }} is Hugo's, which Hugo shows as written in a page too.
		return ""
	}
	return string(rest[:2+end+2])
}

// liquidWarning finds Liquid left in the page's text, outside code, and says it once, at
// the first, with what to write instead; nil when there is none.
func liquidWarning(root ast.Node, src []byte) *Problem {
	var first string
	var line, col, n int
	_ = ast.Walk(root, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch node := node.(type) {
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			for i := node.Segment.Start; i < node.Segment.Stop; i++ {
				if src[i] != '{' {
					continue
				}
				if s := liquidAt(src, i); s != "" {
					if n++; n == 1 {
						first = s
						line, col = diag.LineCol(src, i)
					}
					i += len(s) - 1
				}
			}
		case *ast.Link, *ast.Image:
			// A destination without spaces, [About]({{site.baseurl}}/about/), is a link.
			dest := destination(node)
			if i := bytes.IndexByte(dest, '{'); i >= 0 {
				if s := liquidAt(dest, i); s != "" {
					if n++; n == 1 {
						first = s
						line, col = position(node, src)
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if n == 0 {
		return nil
	}
	shown := "it is shown as written"
	if n == 2 {
		shown = "it is shown as written, like 1 more on this page"
	} else if n > 2 {
		shown = fmt.Sprintf("it is shown as written, like %d more on this page", n-1)
	}
	return &Problem{Line: line, Col: col, Warning: true, Msg: fmt.Sprintf(
		"%s is a template tag (Liquid or Nunjucks, as Jekyll and Eleventy run them), which Between does not run: %s; %s",
		first, shown, liquidAdvice(first))}
}

func destination(n ast.Node) []byte {
	if l, ok := n.(*ast.Link); ok {
		return l.Destination
	}
	return n.(*ast.Image).Destination
}

// liquidAdvice is what to write instead of the Liquid s.
func liquidAdvice(s string) string {
	name := strings.Trim(s, "{}%- ")
	if f := strings.Fields(name); len(f) > 0 {
		name = f[0]
	}
	switch {
	case strings.Contains(s, "baseurl") || strings.Contains(s, "relative_url") || strings.Contains(s, "absolute_url"):
		return "Between puts the library's base URL in its links itself: write the link without it, like [About](/about/), or link the page's file, like [About](../about.md)"
	case name == "link" || name == "post_url":
		return "link the page's file instead, like [First session](../articles/first-session.md)"
	case name == "include" || name == "include_relative" || name == "render":
		return "write here, in Markdown, the text it included"
	}
	return "write what it stood for in Markdown, or remove it"
}
