package markdown

import (
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ownParser is goldmark's parser with five of its parts replaced by ones that make less
// garbage and give the same tree: emphasis (emphasis), link reference definitions
// (refDefinitions), paragraphs (paragraphs), tight lists' text blocks (lists) and the
// loop over a block's inline content, with its text nodes (inlines, in inlines.go). Goldmark makes a new node for every run of '*' or '_' (most become
// emphasis, and all are dropped once the paragraph is parsed) and a new reader for every
// paragraph to look for "[label]: url" at its start: together a fifth of the objects it
// makes for a page, 150 MB at 10,000 pages, which the collector then has to find and free.
func ownParser() parser.Parser {
	blocks := parser.DefaultBlockParsers()
	for i, b := range blocks {
		switch b.Value {
		case parser.NewParagraphParser():
			blocks[i].Value = paragraphs{parser.NewParagraphParser()}
		case parser.NewListParser():
			blocks[i].Value = lists{parser.NewListParser()}
		}
	}
	return newOptionsSeen(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(
			util.Prioritized(parser.NewCodeSpanParser(), 100),
			util.Prioritized(parser.NewLinkParser(), 200),
			util.Prioritized(parser.NewAutoLinkParser(), 300),
			util.Prioritized(parser.NewRawHTMLParser(), 400),
			util.Prioritized(emphasis{}, 500), // where goldmark's own is (DefaultInlineParsers)
		),
		parser.WithParagraphTransformers(util.Prioritized(refDefinitions{}, 100)),
	)
}

// refDefinitions is goldmark's LinkReferenceParagraphTransformer, asked only of a
// paragraph whose text starts with '[' (after white space, which it skips too): a
// definition starts there, and any other paragraph it leaves as it is.
type refDefinitions struct{}

func (refDefinitions) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i) // its padding, when it has one, is spaces
		for _, c := range src[seg.Start:seg.Stop] {
			if !util.IsSpace(c) {
				if c == '[' {
					parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
				}
				return
			}
		}
	}
}

// paragraphs is goldmark's paragraph parser, with the page's paragraphs taken from its
// nodes when the page's context has them (nodesKey): a page of this library's shape has
// twenty, 200,000 objects and 30 MB at 10,000 pages that the collector had to find and
// free. What goldmark's parser does with a paragraph once it is open (Continue, Close,
// the paragraph transformers) is the same for it.
type paragraphs struct{ parser.BlockParser }

func (p paragraphs) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	n, _ := pc.Get(nodesKey).(*nodes)
	if n == nil {
		return p.BlockParser.Open(parent, reader, pc)
	}
	line, segment := reader.PeekLine()
	if util.IsBlank(line) {
		return nil, parser.NoChildren
	}
	node := n.paragraph()
	node.Lines().Append(segment)
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

// lists is goldmark's list parser, with the text blocks of a tight list's items (their
// paragraphs, written without <p>) taken from the page's nodes when its context has them
// (nodesKey): 90,000 objects and 14 MB at 10,000 pages. Close is goldmark's own
// (parser/list.go) but for where a text block comes from.
type lists struct{ parser.BlockParser }

func (l lists) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n, _ := pc.Get(nodesKey).(*nodes)
	if n == nil {
		l.BlockParser.Close(node, reader, pc)
		return
	}
	list := node.(*ast.List)
	for c := node.FirstChild(); c != nil && list.IsTight; c = c.NextSibling() {
		if c.FirstChild() != nil && c.FirstChild() != c.LastChild() {
			for c1 := c.FirstChild().NextSibling(); c1 != nil; c1 = c1.NextSibling() {
				if c1.HasBlankPreviousLines() {
					list.IsTight = false
					break
				}
			}
		}
		if c != node.FirstChild() && c.HasBlankPreviousLines() {
			list.IsTight = false
		}
	}
	if !list.IsTight {
		return
	}
	for child := node.FirstChild(); child != nil; child = child.NextSibling() {
		for gc := child.FirstChild(); gc != nil; {
			paragraph, ok := gc.(*ast.Paragraph)
			gc = gc.NextSibling()
			if ok {
				tb := n.textBlock()
				tb.SetLines(paragraph.Lines())
				child.ReplaceChild(child, paragraph, tb)
			}
		}
	}
}

// emphasis is goldmark's emphasis parser (parser.NewEmphasisParser), with the nodes of a
// page's runs of '*' and '_' and of its emphasis taken from nodes, used again from page to
// page, when the page's context has them (nodesKey).
type emphasis struct{}

func (emphasis) Trigger() []byte { return []byte{'*', '_'} }

func (emphasis) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	d := scanDelimiter(line, block.PrecendingCharacter(), pc)
	if d == nil {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

// scanDelimiter is parser.ScanDelimiter for '*' and '_' (with a minimum run of one), its
// delimiter taken from the context's nodes: whether the run can open or close emphasis,
// from the characters before and after it, by CommonMark's rules for left- and
// right-flanking runs. FuzzScanDelimiter holds it to goldmark's.
func scanDelimiter(line []byte, before rune, pc parser.Context) *parser.Delimiter {
	if len(line) == 0 || line[0] != '*' && line[0] != '_' {
		return nil
	}
	c := line[0]
	j := 1
	for j < len(line) && line[j] == c {
		j++
	}
	after := ' '
	if j != len(line) {
		after = util.ToRune(line, j)
	}
	beforePunct, beforeSpace := util.IsPunctRune(before), util.IsSpaceRune(before)
	afterPunct, afterSpace := util.IsPunctRune(after), util.IsSpaceRune(after)
	left := !afterSpace && (!afterPunct || beforeSpace || beforePunct)
	right := !beforeSpace && (!beforePunct || afterSpace || afterPunct)
	canOpen, canClose := left, right
	if c == '_' {
		canOpen = left && (!right || beforePunct)
		canClose = right && (!left || afterPunct)
	}
	n, _ := pc.Get(nodesKey).(*nodes)
	var d *parser.Delimiter
	var proc parser.DelimiterProcessor = plainEmphasis{}
	if n != nil {
		d, proc = n.delimiter(), &n.proc
	} else {
		d = new(parser.Delimiter)
	}
	*d = parser.Delimiter{CanOpen: canOpen, CanClose: canClose, Length: j, OriginalLength: j, Char: c, Processor: proc}
	return d
}

// plainEmphasis is goldmark's emphasis delimiter processor, for a page parsed without
// nodes (the tests' goldmark.Convert).
type plainEmphasis struct{}

func (plainEmphasis) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (plainEmphasis) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (plainEmphasis) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

// nodesEmphasis is plainEmphasis making its emphasis in n.
type nodesEmphasis struct {
	plainEmphasis
	n *nodes
}

func (p *nodesEmphasis) OnMatch(consumes int) ast.Node {
	e := p.n.emphasis()
	*e = ast.Emphasis{Level: consumes}
	return e
}

var nodesKey = parser.NewContextKey()

// nodes are the delimiters, emphasis, paragraphs, text blocks and text of one page's tree, in
// chunks kept from page to page (nodePool). A page's delimiters are gone from its tree
// once its paragraphs are parsed, and the rest once it is converted (Convert keeps nothing
// of the tree): then its nodes are cleared, so that no page's node holds on
// to another page's tree, and given to the next page.
type nodes struct {
	delims         [][]parser.Delimiter
	emphs          [][]ast.Emphasis
	paras          [][]ast.Paragraph
	texts          [][]ast.TextBlock
	inls           [][]ast.Text
	nd, ne, np, nt int // how many of each are in use
	ni             int
	proc           nodesEmphasis
}

// chunk is how many nodes of a kind are made at once.
const chunk = 64

var nodePool = sync.Pool{New: func() any {
	n := new(nodes)
	n.proc.n = n
	return n
}}

func (n *nodes) delimiter() *parser.Delimiter { return take(&n.delims, &n.nd) }

func (n *nodes) emphasis() *ast.Emphasis { return take(&n.emphs, &n.ne) }

func (n *nodes) paragraph() *ast.Paragraph { return take(&n.paras, &n.np) }

func (n *nodes) textBlock() *ast.TextBlock { return take(&n.texts, &n.nt) }

// take is the next node of chunks, used counting those in use, with a chunk more when
// every one is in use.
func take[T any](chunks *[][]T, used *int) *T {
	c, i := *used/chunk, *used%chunk
	if c == len(*chunks) {
		*chunks = append(*chunks, make([]T, chunk))
	}
	*used++
	return &(*chunks)[c][i]
}

// release clears the nodes in use and gives them back for another page. A page of very
// many (a hundred chunks) gives back none: the pool would keep them all.
func (n *nodes) release() {
	clearUsed(n.delims, n.nd)
	clearUsed(n.emphs, n.ne)
	clearParagraphs(n.paras, n.np)
	clearUsed(n.texts, n.nt)
	clearUsed(n.inls, n.ni)
	n.nd, n.ne, n.np, n.nt, n.ni = 0, 0, 0, 0, 0
	if len(n.delims)+len(n.emphs)+len(n.paras)+len(n.texts)+len(n.inls) <= 200 {
		nodePool.Put(n)
	}
}

// clearParagraphs clears the paragraphs in use but for the arrays of their lines, which
// the next page's paragraphs append to again rather than each making one (200,000 at
// 10,000 pages): lines are places in a page's text, and hold on to nothing. No two
// paragraphs share an array: goldmark gives a paragraph's lines only to the node that
// replaces it (a setext heading, a tight list's text block), and those are the page's.
func clearParagraphs(chunks [][]ast.Paragraph, used int) {
	for _, c := range chunks {
		if used <= 0 {
			return
		}
		for i := range c[:min(used, len(c))] {
			lines := *c[i].Lines()
			lines.SetSliced(0, 0)
			c[i] = ast.Paragraph{}
			c[i].SetLines(&lines)
		}
		used -= len(c)
	}
}

func clearUsed[T any](chunks [][]T, used int) {
	for _, c := range chunks {
		if used <= 0 {
			return
		}
		clear(c[:min(used, len(c))])
		used -= len(c)
	}
}
