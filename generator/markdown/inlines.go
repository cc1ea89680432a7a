package markdown

import (
	"math"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// optionsSeen is a goldmark parser that keeps a copy of every option it is given, for
// what goldmark keeps to itself: the inline parsers of each trigger, in their order
// (inlines).
type optionsSeen struct {
	parser.Parser
	config *parser.Config
	// table is the inline parsers of each character but inlines itself, in goldmark's
	// order, made once goldmark has been given all its options (on the first parse).
	table func() *inlineTable
}

// inlineTable is what inlines needs to know of the parser's inline parsers.
type inlineTable struct {
	parsers [256][]parser.InlineParser
	// quiet are the characters at which goldmark's loop does nothing but count them,
	// when the one before was no backslash and they are not a line's first: no parser is
	// asked there (nothing but punctuation and spaces have any), and they are no
	// backslash or end of line. Most characters of a text are.
	quiet        [256]bool
	escapedSpace bool
}

func newOptionsSeen(opts ...parser.Option) *optionsSeen {
	p := &optionsSeen{config: parser.NewConfig()}
	p.table = sync.OnceValue(p.makeTable)
	opts = append(opts, parser.WithInlineParsers(util.Prioritized(inlines{p}, math.MinInt)))
	for _, o := range opts {
		o.SetParserOption(p.config)
	}
	p.Parser = parser.NewParser(opts...)
	return p
}

func (p *optionsSeen) AddOptions(opts ...parser.Option) {
	for _, o := range opts {
		o.SetParserOption(p.config)
	}
	p.Parser.AddOptions(opts...)
}

// makeTable is goldmark's addInlineParser for every inline parser of the options, sorted
// as goldmark sorts them (the same slice, sorted the same way, gives the same order for
// equal priorities): goldmark has set their options already.
func (p *optionsSeen) makeTable() *inlineTable {
	t := &inlineTable{escapedSpace: p.config.EscapedSpace}
	p.config.InlineParsers.Sort()
	for _, v := range p.config.InlineParsers {
		if _, ok := v.Value.(inlines); ok {
			continue
		}
		ip := v.Value.(parser.InlineParser)
		for _, c := range ip.Trigger() {
			t.parsers[c] = append(t.parsers[c], ip)
		}
	}
	for c := range 256 {
		b := byte(c)
		asked := util.IsPunct(b) || util.IsSpace(b) && b != '\r' && b != '\n'
		if util.IsSpace(b) && b != '\r' && b != '\n' {
			b = ' '
		}
		t.quiet[c] = c != '\n' && c != '\\' && (!asked || t.parsers[b] == nil)
	}
	return t
}

// inlines parses a block's inline content in place of goldmark's parser (parseBlock in
// parser/parser.go), the same way, but with the text nodes made in the page's nodes
// (nodesKey) when its context has them: 780,000 objects and 130 MB at 10,000 pages, a
// quarter of the objects converting made, which the collector had to find and free.
//
// Goldmark asks the inline parsers of a block's first character (of ' ' for one that is
// not punctuation) first: inlines is asked first of all of them (its priority is the
// lowest), parses the whole block and gives back its last node, which goldmark appends
// again where it was. What goldmark does once a block's inlines are parsed (delimiters,
// close blockers) it then does the same way. The one difference in the tree: a text node
// given back that way is given the block's start as its position (Pos), where goldmark's
// own have none; nothing reads the position of a text node.
type inlines struct{ p *optionsSeen }

var inlineTriggers = func() []byte {
	b := []byte{' '}
	for c := range 256 {
		if util.IsPunct(byte(c)) {
			b = append(b, byte(c))
		}
	}
	return b
}()

func (inlines) Trigger() []byte { return inlineTriggers }

func (in inlines) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	n, _ := pc.Get(nodesKey).(*nodes)
	r := inlineRun{table: in.p.table(), n: n, parent: parent, block: block, pc: pc}
	for r.line() {
	}
	last := parent.LastChild()
	if last == nil {
		// Nothing that gives a block no node at all is known; nil would have goldmark
		// parse the block again after it.
		_, pos := block.Position()
		return n.text(pos.WithStop(pos.Start))
	}
	parent.RemoveChild(parent, last)
	return last
}

// inlineRun is one block's inline parsing under way.
type inlineRun struct {
	table  *inlineTable
	n      *nodes
	parent ast.Node
	block  text.Reader
	pc     parser.Context
	// escaped: the next character is escaped by a backslash before it. It holds across
	// an inline node made and across lines, as in goldmark.
	escaped bool
}

// line parses what is left of the block's current line, up to an inline node made there
// (the rest of the line is then left for the next call) or to the line's end, whose text
// and break it appends. It reports false at the block's end.
func (r *inlineRun) line() bool {
	line, _ := r.block.PeekLine()
	if line == nil {
		return false
	}
	end, brk := lineEnd(line)
	row, start := r.block.Position()
	pending := 0 // characters passed over since the reader last moved
	for i := 0; i < end; i++ {
		c := line[i]
		if i > 0 && !r.escaped && r.table.quiet[c] {
			j := i + 1
			for j < end && r.table.quiet[line[j]] {
				j++
			}
			pending += j - i
			i = j - 1
			continue
		}
		if c == '\n' {
			break
		}
		punct := util.IsPunct(c)
		space := !punct && c != '\r' && util.IsSpace(c)
		if i == 0 || punct && !r.escaped || space && !(r.escaped && r.table.escapedSpace) {
			trigger := c
			if !punct { // a space, or the line's first character: the parsers of ' ' are asked
				trigger = ' '
			}
			if ips := r.table.parsers[trigger]; ips != nil {
				r.block.Advance(pending)
				pending = 0
				if i > 0 { // the text before this character becomes a node first
					_, here := r.block.Position()
					r.n.mergeOrAppendText(r.parent, start.Between(here))
					start = here
				}
				if r.inline(ips, start) {
					return true
				}
			}
		}
		r.escaped = !r.escaped && c == '\\'
		pending++
	}
	advance(r.block, pending)
	if nowRow, here := r.block.Position(); nowRow == row {
		s := start.Between(here)
		if brk&(lineBreakHard|lineBreakVisible) != lineBreakHard|lineBreakVisible {
			s = s.TrimRightSpace(r.block.Source())
		}
		t := r.n.text(s)
		t.SetSoftLineBreak(brk&lineBreakSoft != 0)
		t.SetHardLineBreak(brk&lineBreakHard != 0)
		r.parent.AppendChild(r.parent, t)
		r.block.AdvanceLine()
	}
	return true
}

// inline asks the parsers ips, in their order, for an inline node where the reader is;
// the first that makes one has it appended. After a parser that makes none, the reader
// is put back where it was.
func (r *inlineRun) inline(ips []parser.InlineParser, start text.Segment) bool {
	row, at := r.block.Position()
	for _, ip := range ips {
		node := ip.Parse(r.parent, r.block, r.pc)
		if node == nil {
			r.block.SetPosition(row, at)
			continue
		}
		if node.Pos() < 0 {
			node.(interface{ SetPos(int) }).SetPos(start.Start)
		}
		r.parent.AppendChild(r.parent, node)
		return true
	}
	return false
}

// The breaks a line can end with (CommonMark's hard and soft line breaks): a hard one is
// visible when a backslash makes it, and then keeps the spaces before it.
const (
	lineBreakHard uint8 = 1 << iota
	lineBreakSoft
	lineBreakVisible
)

// lineEnd is how many of line's bytes are its content, and the break its end makes: a
// backslash (unless one before it escapes it) or two spaces before the line end ("\n" or
// "\r\n") make a hard break and are left out of the content with the line end; any other
// line end makes a soft break and stays in the content (the loop stops at it). A line
// without a line end (a block's last) has no break.
func lineEnd(line []byte) (int, uint8) {
	n := len(line)
	if n == 0 || line[n-1] != '\n' {
		return n, 0
	}
	body := n - 1 // the line without its line end
	if body > 0 && line[body-1] == '\r' {
		body--
	}
	switch {
	case body > 0 && line[body-1] == '\\' && (body == 1 || line[body-2] != '\\'):
		return body - 1, lineBreakHard | lineBreakVisible
	case body >= 2 && line[body-1] == ' ' && line[body-2] == ' ':
		return body - 2, lineBreakHard
	}
	return n, lineBreakSoft
}

// text is ast.NewTextSegment(s), made in n when there is one.
func (n *nodes) text(s text.Segment) *ast.Text {
	if n == nil {
		return ast.NewTextSegment(s)
	}
	t := take(&n.inls, &n.ni)
	t.Segment = s
	return t
}

// mergeOrAppendText is ast.MergeOrAppendTextSegment with its new node made in n.
func (n *nodes) mergeOrAppendText(parent ast.Node, s text.Segment) {
	if t, ok := parent.LastChild().(*ast.Text); ok && t.Segment.Stop == s.Start && !t.SoftLineBreak() {
		t.Segment = t.Segment.WithStop(s.Stop)
		return
	}
	parent.AppendChild(parent, n.text(s))
}

// advance is block.Advance(k), in two steps where that is the same: goldmark's block
// reader advances to the end of a line that has no line end (the last of a paragraph, a
// heading, a table cell) a character at a time, and at once short of it.
func advance(block text.Reader, k int) {
	if _, pos := block.Position(); k >= 2 && k == pos.Stop-pos.Start && pos.Padding == 0 {
		block.Advance(k - 1)
		k = 1
	}
	if k != 0 {
		block.Advance(k)
	}
}
