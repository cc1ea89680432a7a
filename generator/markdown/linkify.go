package markdown

import (
	"bytes"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkify is GFM's autolinks (goldmark's extension.Linkify) with a cheap look in front.
// goldmark asks the linkify parser at every space and every '*', '_', '~' and '(' of the
// text, that is before nearly every word, and the parser then looks for an address there
// (util.FindEmailIndex scans the word for an '@'): on a 10,000-page library that was 0.48
// CPU-seconds for not one link. Only a few words can start one: linkFilter lets the parser
// look at those, and says "no link here" for the others, as the parser would have.
type linkify struct{}

// Extend adds the parser as extension.Linkify does, at the same priority.
func (linkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(linkFilter{extension.NewLinkifyParser()}, 999),
	))
}

// linkFilter answers for the linkify parser where it would find nothing.
type linkFilter struct {
	linkify parser.InlineParser
}

func (f linkFilter) Trigger() []byte { return f.linkify.Trigger() }

// Parse mirrors the first steps of goldmark's linkify parser (extension/linkify.go): it
// steps over the trigger character, then takes a URL only after "http:", "https:",
// "ftp:" or "www.", and otherwise an e-mail address, whose local part (util.FindEmailIndex)
// is at most 64 letters followed by '@'. Without any of these the parser returns nil
// having changed nothing, and so does Parse, without asking it. An empty line, which
// goldmark does not give, goes to the parser, to behave as it does.
func (f linkFilter) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return f.linkify.Parse(parent, block, pc)
	}
	skip := 0
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		skip = 1
	}
	if urlStart(line[skip:]) {
		return f.linkify.Parse(parent, block, pc)
	}
	var at bool
	if seg.Padding == 0 {
		// line is the source from seg.Start on, perhaps with a newline added.
		at = nextAt(pc, block.Source(), seg.Start+skip) < min(seg.Stop, seg.Start+skip+maxLocal+1)
	} else {
		at = bytes.IndexByte(line[skip:min(len(line), skip+maxLocal+1)], '@') >= 0
	}
	if !at {
		return nil
	}
	return f.linkify.Parse(parent, block, pc)
}

// urlStart reports whether line starts as the linkify parser's URLs do.
func urlStart(line []byte) bool {
	if len(line) < 4 {
		return false
	}
	switch line[0] {
	case 'h':
		return bytes.HasPrefix(line, []byte("http:")) || bytes.HasPrefix(line, []byte("https:"))
	case 'f':
		return bytes.HasPrefix(line, []byte("ftp:"))
	case 'w':
		return bytes.HasPrefix(line, []byte("www."))
	}
	return false
}

// maxLocal is the longest local part of an e-mail address util.FindEmailIndex takes.
const maxLocal = 64

// ats is where the next '@' of a document is, kept in the parser.Context: asked before
// nearly every word, looking ahead of each for an '@' was itself a tenth of a second on
// 10,000 pages; this looks at each byte about once.
type ats struct {
	src      *byte // the document's source, to notice a different one
	from, at int   // at: the first '@' at from or after, len(source) when none
}

var atsKey = parser.NewContextKey()

// nextAt returns the position of the first '@' of src at pos or after, or len(src).
func nextAt(pc parser.Context, src []byte, pos int) int {
	a, _ := pc.Get(atsKey).(*ats)
	if a == nil {
		a = &ats{from: -1}
		pc.Set(atsKey, a)
	}
	if a.src != unsafe.SliceData(src) || pos < a.from || pos > a.at {
		a.src, a.from, a.at = unsafe.SliceData(src), pos, len(src)
		if i := bytes.IndexByte(src[min(pos, len(src)):], '@'); i >= 0 {
			a.at = pos + i
		}
	}
	return a.at
}
