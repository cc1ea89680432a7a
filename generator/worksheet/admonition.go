package worksheet

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// admonitionParser reads the admonitions of MkDocs (Python-Markdown's and Material's), so
// that a library moved from MkDocs shows them as callouts:
//
//	!!! warning "Before you start"
//	    The body, indented four spaces.
//
// "???" and "???+" open the collapsible ones; they show open, as callouts do. Without it
// the opening line was a paragraph and the body, being indented, a code block: the coach's
// text shown as code, its links dead, with nothing said.
type admonitionParser struct{}

func (admonitionParser) Trigger() []byte { return []byte{'!', '?', '='} }

// admonitionKinds maps MkDocs' admonition types to the callout that shows them. Only these
// open a callout: "!!! Big news" in a page that never was MkDocs stays text.
var admonitionKinds = map[string]string{
	"note": "note", "abstract": "note", "summary": "note", "tldr": "note", "info": "note",
	"todo": "note", "question": "note", "help": "note", "faq": "note", "example": "note",
	"quote": "note", "cite": "note",
	"tip": "tip", "hint": "tip", "important": "tip", "success": "tip", "check": "tip", "done": "tip",
	"warning": "warning", "caution": "warning", "attention": "warning", "failure": "warning",
	"fail": "warning", "missing": "warning", "danger": "warning", "error": "warning", "bug": "warning",
}

// admonitionLine reads an opening line from line[pos:]: "!!!", "???" or "???+", a type, any
// further words (MkDocs' classes, such as "inline end"), and a title in double quotes. ok is
// false for anything else.
func admonitionLine(line []byte, pos int) (typ, title string, hasTitle, ok bool) {
	s := string(util.TrimRightSpace(line[pos:]))
	switch {
	case strings.HasPrefix(s, "???+"):
		s = s[4:]
	case strings.HasPrefix(s, "!!!"), strings.HasPrefix(s, "???"):
		s = s[3:]
	default:
		return "", "", false, false
	}
	words := s
	if q := strings.IndexByte(s, '"'); q >= 0 {
		if !strings.HasSuffix(s, `"`) || len(s)-q < 2 {
			return "", "", false, false
		}
		words, title, hasTitle = s[:q], s[q+1:len(s)-1], true
	}
	fields := strings.Fields(words)
	if len(fields) == 0 {
		return "", "", false, false
	}
	for _, f := range fields {
		for _, c := range []byte(f) {
			if !isKeyByte(c) {
				return "", "", false, false
			}
		}
	}
	return fields[0], title, hasTitle, true
}

func (admonitionParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos+3 > len(line) || line[pos+1] != line[pos] || line[pos+2] != line[pos] {
		return nil, parser.NoChildren
	}
	if line[pos] == '=' {
		return openTab(line, pos, reader)
	}
	typ, title, hasTitle, ok := admonitionLine(line, pos)
	if !ok {
		return nil, parser.NoChildren
	}
	kind, known := admonitionKinds[strings.ToLower(typ)]
	if !known {
		return nil, parser.NoChildren
	}
	// MkDocs titles an admonition with its type ("Example") unless it gives one. Between's
	// own kinds keep its word for them, in the library's language.
	if !hasTitle && strings.ToLower(typ) != kind {
		title = strings.ToUpper(typ[:1]) + strings.ToLower(typ[1:])
	}
	source := reader.Source()
	start := segment.Start - segment.Padding
	lineNo, lineStart := lineOf(source, start+pos)
	c := container{kind: kind, line: lineNo, col: utf8.RuneCount(source[lineStart:start+pos]) + 1, closed: true}
	if title != "" {
		c.opts = []option{{key: "title", value: title, hasValue: true, col: c.col}}
	}
	reader.AdvanceToEOL()
	stateOf(pc).opened = true
	return &CalloutNode{container: c, CalloutKind: kind}, parser.HasChildren
}

// TabNode is one of Material for MkDocs' content tabs, === "Label" and its body indented
// four spaces. The label shows in bold above the body: a page has no tabs, and a client who
// prints it gets every one.
type TabNode struct {
	ast.BaseBlock
	Label string
}

// KindTab is the NodeKind of TabNode.
var KindTab = ast.NewNodeKind("WorksheetTab")

// Kind implements ast.Node.
func (n *TabNode) Kind() ast.NodeKind { return KindTab }

// Dump implements ast.Node.
func (n *TabNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.Label}, nil)
}

// openTab reads `=== "Label"`, with the "!" or "+" after === that start a new set of tabs or
// choose the one shown first.
func openTab(line []byte, pos int, reader text.Reader) (ast.Node, parser.State) {
	s := string(util.TrimRightSpace(line[pos:]))
	if !strings.HasPrefix(s, "===") {
		return nil, parser.NoChildren
	}
	s = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(s[3:], "!"), "+"), " \t")
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' || strings.Count(s, `"`) != 2 {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &TabNode{Label: s[1 : len(s)-1]}, parser.HasChildren
}

// Continue keeps the lines indented four spaces (or a tab), and blank lines, as in a list
// item: the first line indented less ends the admonition.
func (admonitionParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < 4 {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (admonitionParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// CanInterruptParagraph is false: Python-Markdown reads an admonition only where a block
// starts, after a blank line.
func (admonitionParser) CanInterruptParagraph() bool { return false }

func (admonitionParser) CanAcceptIndentedLine() bool { return false }
