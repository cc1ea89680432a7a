package worksheet

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kinds lists every container kind in the order the docs and messages give them, with the
// options each accepts.
var kinds = []struct {
	name    string
	field   bool
	options []string
}{
	{"answer", true, []string{"id", "lines"}},
	{"line", true, []string{"id"}},
	{"scale", true, []string{"id", "min", "max", "low", "high"}},
	{"choice", true, []string{"id", "multiple"}},
	{"checklist", true, []string{"id"}},
	{"table", true, []string{"id", "columns", "rows", "row"}},
	{"date", true, []string{"id"}},
	{"log", true, []string{"id", "lines"}},
	{"note", false, []string{"title"}},
	{"tip", false, []string{"title"}},
	{"warning", false, []string{"title"}},
}

func kindNames() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.name
	}
	return out
}

func kindOptions(kind string) ([]string, bool, bool) {
	for _, k := range kinds {
		if k.name == kind {
			return k.options, k.field, true
		}
	}
	return nil, false, false
}

// blockParser parses ::: containers. It keeps no state of its own: everything about a page
// lives in its nodes and in the parser.Context, so one parser serves concurrent conversions.
type blockParser struct{}

func (b *blockParser) Trigger() []byte { return []byte{':'} }

// fence reports whether line[pos:] starts with three or more colons, and how many.
func fence(line []byte, pos int) int {
	n := 0
	for pos+n < len(line) && line[pos+n] == ':' {
		n++
	}
	if n < 3 {
		return 0
	}
	return n
}

// twoColons reports a line that opens a field or callout with two colons ("::
// answer"): it is read as text, and the field would be missing with no word said.
func twoColons(line []byte, pos int, reader text.Reader, pc parser.Context) {
	if pos+2 >= len(line) || line[pos] != ':' || line[pos+1] != ':' || line[pos+2] == ':' {
		return
	}
	i := pos + 2
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	ks := i
	for i < len(line) && !isSpace(line[i]) {
		i++
	}
	kind := string(line[ks:i])
	if _, _, ok := kindOptions(kind); !ok {
		return
	}
	_, segment := reader.PeekLine()
	source := reader.Source()
	start := segment.Start - segment.Padding
	lineNo, lineStart := lineOf(source, start+pos)
	stateOf(pc).problem(lineNo, utf8.RuneCount(source[lineStart:start+pos])+1,
		fmt.Sprintf("this line starts with two colons, so it is shown as text; a field or callout opens with three: ::: %s", kind))
}

// isClosing reports whether the line is a closing fence: only colons (three or more).
func isClosing(line []byte, pos int) bool {
	n := fence(line, pos)
	return n > 0 && util.IsBlank(line[pos+n:])
}

func (b *blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	n := fence(line, pos)
	if n == 0 {
		twoColons(line, pos, reader, pc)
		return nil, parser.NoChildren
	}
	source := reader.Source()
	start := segment.Start - segment.Padding // the offset of line[0] in source
	lineNo, lineStart := lineOf(source, start+pos)
	colOf := func(i int) int { return utf8.RuneCount(source[lineStart:start+i]) + 1 }
	st := stateOf(pc)

	if util.IsBlank(line[pos+n:]) {
		st.problem(lineNo, colOf(pos), "this ::: closes nothing, since no field or callout is open here; remove the line, "+
			"or, if it closes a field in a list item or a quote, indent it or start it with > like the opening ::: line")
		reader.AdvanceToEOL()
		return &strayFence{}, parser.NoChildren
	}

	c := container{line: lineNo, col: colOf(pos)}
	i := pos + n
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	ks := i
	for i < len(line) && !isSpace(line[i]) {
		i++
	}
	c.kind = string(line[ks:i])
	c.kindCol = colOf(ks)
	c.opts = parseOptions(line, i, colOf, func(col int, msg string) { st.problem(lineNo, col, msg) })
	reader.AdvanceToEOL()

	_, field, known := kindOptions(c.kind)
	st.opened = true
	switch {
	case !known:
		msg := fmt.Sprintf("unknown field kind %q", c.kind)
		if s := suggest(c.kind, kindNames()); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		msg += " (kinds: " + strings.Join(kindNames(), ", ") + ")"
		st.problem(lineNo, c.kindCol, msg)
		return &CalloutNode{container: c}, parser.HasChildren
	case field:
		return &FieldNode{container: c}, parser.HasChildren
	default:
		return &CalloutNode{container: c, CalloutKind: c.kind}, parser.HasChildren
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// parseOptions reads key=value, key="quoted value" and bare flags from line[i:].
func parseOptions(line []byte, i int, colOf func(int) int, report func(col int, msg string)) []option {
	var opts []option
	for {
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		if i >= len(line) {
			return opts
		}
		ks := i
		for i < len(line) && isKeyByte(line[i]) {
			i++
		}
		if i == ks {
			// Not an option: skip the word and say how options are written.
			for i < len(line) && !isSpace(line[i]) {
				i++
			}
			word := string(line[ks:i])
			if strings.Trim(word, ":") == "" {
				continue // "::: note :::" closes its own opening line in some tools; ignore
			}
			report(colOf(ks), fmt.Sprintf("cannot read %q on the ::: line; write options as key=value, for example id=wins", word))
			continue
		}
		o := option{key: string(line[ks:i]), col: colOf(ks)}
		if i < len(line) && line[i] == '=' {
			i++
			o.hasValue = true
			if i < len(line) && (line[i] == '"' || line[i] == '\'') {
				q := line[i]
				i++
				vs := i
				end := bytes.IndexByte(line[i:], q)
				if end < 0 {
					v := strings.TrimRight(string(line[vs:]), "\r\n")
					report(o.col, fmt.Sprintf("the value of %s opens a quote (%c) that is not closed; add %c after %q", o.key, q, q, v))
					o.value = v
					i = len(line)
				} else {
					o.value = string(line[vs : i+end])
					i += end + 1
				}
			} else if open, ok := curlyOpen(line[i:]); ok {
				// low=“Not at all”, as word processors and notes apps write it: one
				// message, rather than one for each word the quote fails to hold together.
				i += open
				vs := i
				end, size := curlyClose(line[i:])
				o.value = strings.TrimRight(string(line[vs:i+end]), "\r\n")
				i += end + size
				report(o.col, fmt.Sprintf("use straight quotes \" \", not curly ones “ ” (word processors and notes apps put those in): %s=%q", o.key, o.value))
			} else {
				vs := i
				for i < len(line) && !isSpace(line[i]) {
					i++
				}
				o.value = string(line[vs:i])
			}
		} else if i < len(line) && !isSpace(line[i]) {
			// A key followed by something other than = or a space, e.g. lines:4.
			vs := ks
			for i < len(line) && !isSpace(line[i]) {
				i++
			}
			report(o.col, fmt.Sprintf("cannot read %q on the ::: line; write options as key=value, for example %s=4", string(line[vs:i]), o.key))
			continue
		}
		opts = append(opts, o)
	}
}

// curlyOpen returns the length of the curly quote that b starts with, if it does.
func curlyOpen(b []byte) (int, bool) {
	if len(b) == 0 || b[0] < 0x80 {
		return 0, false // the usual case, a plain value: no more to look at
	}
	for _, q := range []string{"“", "”", "‘", "’", "„", "«", "»"} {
		if bytes.HasPrefix(b, []byte(q)) {
			return len(q), true
		}
	}
	return 0, false
}

// curlyClose returns where in b the first curly quote is, and its length; len(b) and 0 when
// there is none.
func curlyClose(b []byte) (at, size int) {
	for i := range b {
		if n, ok := curlyOpen(b[i:]); ok {
			return i, n
		}
	}
	return len(b), 0
}

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

func (b *blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if _, ok := node.(*strayFence); ok {
		return parser.Close
	}
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w < 4 && isClosing(line, pos) && !innerOpen(node, pc) {
		reader.AdvanceToEOL()
		containerOf(node).closed = true
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// innerOpen reports whether a block opened inside node should see a closing fence first: a
// container nested in this one, or a fenced code block that may show ::: as an example.
func innerOpen(node ast.Node, pc parser.Context) bool {
	blocks := pc.OpenedBlocks()
	inside := false
	for _, b := range blocks {
		if b.Node == node {
			inside = true
			continue
		}
		if !inside {
			continue
		}
		switch b.Node.(type) {
		case *FieldNode, *CalloutNode, *ast.FencedCodeBlock:
			return true
		}
	}
	return false
}

func containerOf(n ast.Node) *container {
	switch n := n.(type) {
	case *FieldNode:
		return &n.container
	case *CalloutNode:
		return &n.container
	}
	return nil
}

func (b *blockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	c := containerOf(node)
	if c == nil || c.closed {
		return
	}
	name := "::: " + c.kind
	if o, ok := c.opt("id"); ok && o.value != "" {
		name += fmt.Sprintf(" %q", o.value)
	}
	stateOf(pc).problem(c.line, c.col, name+" is never closed; add a line with only ::: after its content")
}

func (b *blockParser) CanInterruptParagraph() bool { return true }

func (b *blockParser) CanAcceptIndentedLine() bool { return false }

// lineOf returns the 1-based line number of offset in source and the offset where that line
// starts.
func lineOf(source []byte, offset int) (int, int) {
	if offset > len(source) {
		offset = len(source)
	}
	before := source[:offset]
	return bytes.Count(before, []byte{'\n'}) + 1, bytes.LastIndexByte(before, '\n') + 1
}
