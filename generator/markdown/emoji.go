package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unsafe"

	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	east "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark-emoji/definition"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/between-ssg/between/generator/diag"
)

// Emoji shortcodes, :smile: for 🙂, are GitHub's (goldmark-emoji's list, 1,870 of them),
// shown when config.toml asks ([markdown] emoji = true), as Hugo's enableEmoji does.

// emojiExtension gives a parser goldmark-emoji's shortcodes, written as the characters
// they stand for: a picture would come from another host, which the pages never ask.
// GitHub's pictures (:octocat:) are not in the list, and stay as written; so would an
// emoji of the list that had no characters.
var emojiExtension = emojiExtender{}

type emojiExtender struct{}

func (emojiExtender) Extend(m goldmark.Markdown) {
	// At the priority goldmark-emoji gives its parser; nothing else is asked at ':'.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(emojiParser{emoji.NewParser()}, 999)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(emojiRenderer{}, 200)))
}

// emojiParser is goldmark-emoji's parser, with the emoji's characters as the text of its
// node (an ast.String): what reads a node's text, an image's alt="..." (goldmark's
// renderer), headings, the summary and the title (appendPlainText), reads them. A
// worksheet's field reads the shortcode as written (worksheet.plainText).
type emojiParser struct{ parser.InlineParser }

func (p emojiParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	n := p.InlineParser.Parse(parent, block, pc)
	if e, ok := n.(*east.Emoji); ok {
		s := ":" + string(e.ShortName) + ":"
		if e.Value.IsUnicode() {
			s = string(e.Value.Unicode)
		}
		e.AppendChild(e, ast.NewString([]byte(s)))
	}
	return n
}

// emojiRenderer writes nothing of an emoji node itself: its text is written as any text.
type emojiRenderer struct{}

func (emojiRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindEmoji, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}

// emojiAt reads the shortcode that starts at src[i], a ':', as goldmark-emoji's parser
// reads it (letters, digits, '_', '-' and '+' between two colons): its emoji and the index
// after it, or nil when there is none or it names no emoji.
func emojiAt(src []byte, i int) (*definition.Emoji, int) {
	j := i + 1
	for j < len(src) && (util.IsAlphaNumeric(src[j]) || src[j] == '_' || src[j] == '-' || src[j] == '+') {
		j++
	}
	if j == i+1 || j >= len(src) || src[j] != ':' {
		return nil, 0
	}
	name := src[i+1 : j]
	e, ok := definition.Github().Get(unsafe.String(unsafe.SliceData(name), len(name)))
	if !ok {
		return nil, 0
	}
	return e, j + 1
}

// emojiHint is the warning for a page whose text has shortcodes while config.toml does not
// ask for emoji: they are shown as written, which a coach coming from GitHub or Jekyll may
// not expect. It is at the first, and counts the others; nil when the text has none (in
// code, a shortcode is meant as written).
func emojiHint(root ast.Node, src []byte) *Problem {
	first, n := -1, 0
	var name []byte
	var shown string
	_ = ast.Walk(root, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if c.Kind() == ast.KindCodeSpan {
			return ast.WalkSkipChildren, nil
		}
		t, ok := c.(*ast.Text)
		if !ok {
			return ast.WalkContinue, nil
		}
		if p, ok := t.PreviousSibling().(*ast.Text); ok && p.Segment.Stop == t.Segment.Start {
			return ast.WalkContinue, nil // read with the text it goes on from
		}
		// Text the parser cut in pieces (at each '_' of :slightly_smiling_face:) is one
		// text again where the pieces follow each other in the source.
		start, stop := t.Segment.Start, t.Segment.Stop
		for nx, ok := t.NextSibling().(*ast.Text); ok && nx.Segment.Start == stop; nx, ok = nx.NextSibling().(*ast.Text) {
			stop = nx.Segment.Stop
		}
		v := src[start:stop]
		for i := 0; i < len(v); {
			at := bytes.IndexByte(v[i:], ':')
			if at < 0 {
				break
			}
			at += i
			e, end := emojiAt(v, at)
			if e == nil || !e.IsUnicode() || escaped(v, at) {
				i = at + 1
				continue
			}
			if first < 0 {
				first, name, shown = start+at, v[at:end], string(e.Unicode)
			}
			n++
			i = end // as the parser goes on after it: :smile:smile: is one
		}
		return ast.WalkContinue, nil
	})
	if first < 0 {
		return nil
	}
	more := ""
	if n > 1 {
		more = fmt.Sprintf(", like %d more on this page", n-1)
	}
	line, col := diag.LineCol(src, first)
	return &Problem{Line: line, Col: col, Warning: true, Msg: fmt.Sprintf(
		"%s is shown as written%s; to show it as %s, add emoji = true under [markdown] in config.toml, or write %s itself", name, more, shown, shown)}
}

// escaped reports whether v[i] follows a backslash that escapes it: \:smile: is text.
func escaped(v []byte, i int) bool {
	n := 0
	for i-n > 0 && v[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

// FrontEmoji is s, front matter's text (a title, a description, a path's stage), with its
// shortcodes as the emoji they stand for, as the page's text shows them with [markdown]
// emoji = true: a title reads as the heading it would be. Between backticks a shortcode
// stays as written, as in `code` of the text; so does a word that names no emoji. s itself
// when it has none.
func FrontEmoji(s string) string {
	if strings.IndexByte(s, ':') < 0 {
		return s
	}
	src := unsafe.Slice(unsafe.StringData(s), len(s))
	var b []byte
	last := 0
	for i := 0; i < len(s); {
		switch s[i] {
		case '`':
			// A run of backticks opens code up to the next run as long, as in Markdown; with
			// none, it is a backtick like any character.
			n := 1
			for i+n < len(s) && s[i+n] == '`' {
				n++
			}
			i += n
			for j := i; j < len(s); {
				if s[j] != '`' {
					j++
					continue
				}
				m := 1
				for j+m < len(s) && s[j+m] == '`' {
					m++
				}
				if m == n {
					i = j + m
					break
				}
				j += m
			}
		case ':':
			e, end := emojiAt(src, i)
			if e == nil || !e.IsUnicode() {
				i++
				continue
			}
			b = append(b, s[last:i]...)
			b = append(b, string(e.Unicode)...)
			last, i = end, end
		default:
			i++
		}
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}
