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
	table := in.p.table()
	quiet := &table.quiet
	n, _ := pc.Get(nodesKey).(*nodes)
	source := block.Source()
	escaped := false
	for {
	retry:
		line, _ := block.PeekLine()
		if line == nil {
			break
		}
		lineLength := len(line)
		var lineBreakFlags uint8
		hasNewLine := line[lineLength-1] == '\n'
		if ((lineLength >= 3 && line[lineLength-2] == '\\' &&
			line[lineLength-3] != '\\') || (lineLength == 2 && line[lineLength-2] == '\\')) && hasNewLine { // ends with \\n
			lineLength -= 2
			lineBreakFlags |= lineBreakHard | lineBreakVisible
		} else if ((lineLength >= 4 && line[lineLength-3] == '\\' && line[lineLength-2] == '\r' &&
			line[lineLength-4] != '\\') || (lineLength == 3 && line[lineLength-3] == '\\' && line[lineLength-2] == '\r')) &&
			hasNewLine { // ends with \\r\n
			lineLength -= 3
			lineBreakFlags |= lineBreakHard | lineBreakVisible
		} else if lineLength >= 3 && line[lineLength-3] == ' ' && line[lineLength-2] == ' ' &&
			hasNewLine { // ends with [space][space]\n
			lineLength -= 3
			lineBreakFlags |= lineBreakHard
		} else if lineLength >= 4 && line[lineLength-4] == ' ' && line[lineLength-3] == ' ' &&
			line[lineLength-2] == '\r' && hasNewLine { // ends with [space][space]\r\n
			lineLength -= 4
			lineBreakFlags |= lineBreakHard
		} else if hasNewLine {
			lineBreakFlags |= lineBreakSoft
		}

		l, startPosition := block.Position()
		k := 0
		for i := 0; i < lineLength; i++ {
			c := line[i]
			if quiet[c] && !escaped && i != 0 {
				j := i + 1
				for j < lineLength && quiet[line[j]] {
					j++
				}
				k += j - i
				i = j - 1
				continue
			}
			if c == '\n' {
				break
			}
			isSpace := util.IsSpace(c) && c != '\r' && c != '\n'
			isPunct := util.IsPunct(c)
			if (isPunct && !escaped) || isSpace && !(escaped && table.escapedSpace) || i == 0 {
				parserChar := c
				if isSpace || (i == 0 && !isPunct) {
					parserChar = ' '
				}
				ips := table.parsers[parserChar]
				if ips != nil {
					block.Advance(k)
					k = 0
					savedLine, savedPosition := block.Position()
					if i != 0 {
						_, currentPosition := block.Position()
						n.mergeOrAppendText(parent, startPosition.Between(currentPosition))
						_, startPosition = block.Position()
					}
					var inlineNode ast.Node
					for _, ip := range ips {
						inlineNode = ip.Parse(parent, block, pc)
						if inlineNode != nil {
							if inlineNode.Pos() < 0 {
								inlineNode.(interface{ SetPos(int) }).SetPos(startPosition.Start)
							}
							break
						}
						block.SetPosition(savedLine, savedPosition)
					}
					if inlineNode != nil {
						parent.AppendChild(parent, inlineNode)
						goto retry
					}
				}
			}
			if escaped {
				escaped = false
				k++
				continue
			}
			if c == '\\' {
				escaped = true
				k++
				continue
			}
			escaped = false
			k++
		}
		advance(block, k)
		currentL, currentPosition := block.Position()
		if l != currentL {
			continue
		}
		diff := startPosition.Between(currentPosition)
		if lineBreakFlags&(lineBreakHard|lineBreakVisible) != lineBreakHard|lineBreakVisible {
			diff = diff.TrimRightSpace(source)
		}
		t := n.text(diff)
		t.SetSoftLineBreak(lineBreakFlags&lineBreakSoft != 0)
		t.SetHardLineBreak(lineBreakFlags&lineBreakHard != 0)
		parent.AppendChild(parent, t)
		block.AdvanceLine()
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

// The kinds of line break at the end of a line, as goldmark's parser has them.
const (
	lineBreakHard uint8 = 1 << iota
	lineBreakSoft
	lineBreakVisible
)

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
