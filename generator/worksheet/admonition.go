package worksheet

import (
	"bytes"
	"fmt"
	"slices"
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
	kind, known := admonitionKinds[strings.ToLower(typ)]
	if !ok || !known {
		admonitionSlip(line, pos, segment, reader, pc)
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

// admonitionWords are the words for a callout in the other languages of the theme, which a
// coach may write as the type: "!!! achtung".
var admonitionWords = map[string]string{
	"hinweis": "note", "notiz": "note", "remarque": "note", "nota": "note", "opmerking": "note", "notering": "note", "uwaga": "note",
	"tipp": "tip", "astuce": "tip", "conseil": "tip", "consejo": "tip", "consiglio": "tip", "dica": "tip", "wskazówka": "tip",
	"warnung": "warning", "achtung": "warning", "avertissement": "warning", "aviso": "warning", "advertencia": "warning",
	"avviso": "warning", "attenzione": "warning", "waarschuwing": "warning", "varning": "warning", "ostrzeżenie": "warning",
}

// admonitionSlip warns of an opening line that MkDocs would read as an admonition, or that
// is one with a slip, but that shows as text here, with the lines indented under it as code:
// a type misspelt or in another language ("!!! tipp", "!!! nte"), one Between does not know,
// or a colon after it ("!!! tip: Try this"). A line of other words with no indented text
// under it ("!!! Big news") is text, and nothing is said.
func admonitionSlip(line []byte, pos int, segment text.Segment, reader text.Reader, pc parser.Context) {
	s := strings.TrimSpace(string(line[pos:]))
	prefix := s[:3]
	if strings.HasPrefix(s, "???+") {
		prefix = "???+"
	} else if prefix != "!!!" && prefix != "???" {
		return
	}
	rest := strings.TrimSpace(s[len(prefix):])
	words, title, quoted := rest, "", false
	if q := strings.IndexByte(rest, '"'); q >= 0 {
		words, title, quoted = rest[:q], strings.Trim(rest[q:], `"`), true
	}
	fields := strings.Fields(words)
	if len(fields) == 0 {
		return
	}
	source := reader.Source()
	body := indentedBelow(source, segment.Stop)
	typ := strings.ToLower(fields[0])
	colon := strings.TrimRight(typ, ":")
	fix, why := "", fmt.Sprintf("%q is no type of callout Between knows, so this line", fields[0])
	switch {
	case colon != typ && admonitionKinds[colon] != "":
		// "!!! tip: Try this": the title written as in a sentence.
		why = "the colon after " + colon + " keeps this line from being read as a callout: it"
		if !quoted {
			title = strings.Join(fields[1:], " ")
		}
		fix = prefix + " " + colon
	case admonitionWords[typ] != "":
		fix = prefix + " " + admonitionWords[typ]
	case suggest(typ, []string{"note", "tip", "warning"}) != "":
		fix = prefix + " " + suggest(typ, []string{"note", "tip", "warning"})
	case suggest(typ, longAdmonitionTypes) != "":
		fix = prefix + " " + suggest(typ, longAdmonitionTypes)
	}
	if fix == "" && !body || fix != "" && !body && (len(fields) > 1 || colon != typ) {
		return // a line of text that starts with !!!
	}
	shown := "shows as text"
	if body {
		shown += ", and the lines indented under it as code"
	}
	if fix != "" && title != "" {
		fix += fmt.Sprintf(" %q", title)
	}
	start := segment.Start - segment.Padding
	at := start + pos + strings.Index(string(line[pos:]), fields[0]) // the type's place
	lineNo, lineStart := lineOf(source, at)
	col := utf8.RuneCount(source[lineStart:at]) + 1
	msg := fmt.Sprintf("%s %s; write %s", why, shown, fix)
	if fix == "" {
		msg = fmt.Sprintf("%s %s; write %s note, %s tip or %s warning, with any title after it in double quotes", why, shown, prefix, prefix, prefix)
	} else if colon == typ {
		msg = fmt.Sprintf("%s %s; did you mean %s?", why, shown, fix)
	}
	stateOf(pc).warn(lineNo, col, msg)
}

// longAdmonitionTypes are MkDocs' types long enough to be told from a word of text by a typo
// of two letters ("dangr", "exmaple"); "big" is one letter from "bug", and no admonition.
var longAdmonitionTypes = func() []string {
	var out []string
	for t := range admonitionKinds {
		if len(t) > 4 {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}()

// indentedBelow reports whether the first line after stop that is not blank is indented four
// spaces or a tab: the body of an admonition.
func indentedBelow(source []byte, stop int) bool {
	for i := stop; i < len(source); {
		end := bytes.IndexByte(source[i:], '\n')
		if end < 0 {
			end = len(source) - i
		}
		l := source[i : i+end]
		if !util.IsBlank(l) {
			w, _ := util.IndentWidth(l, 0)
			return w >= 4
		}
		i += end + 1
	}
	return false
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
