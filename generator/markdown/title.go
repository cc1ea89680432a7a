package markdown

import (
	"bytes"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Title is the level 1 heading a page's text starts with. MkDocs titles a page with it, and
// so does a writer who just starts typing: a page whose front matter has no title takes it.
type Title struct {
	Text string // the heading as plain text: "The values worksheet" for # The *values* worksheet
	ID   string // the id the heading would have had, so that links to it still lead somewhere
	// End is where the text after the heading starts in the body, and Lines the number of
	// lines before it: the heading is the page's h1 already, and is not shown twice.
	End, Lines int
}

// titleParser is goldmark with nothing but CommonMark, {#id} after a heading and the page's
// ids: only a title's first lines are parsed with it, and their inlines are plain text.
var titleParser = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()))
})

// titleEmojiParser is titleParser with emoji shortcodes (EmojiTitleOf).
var titleEmojiParser = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithExtensions(emojiExtension))
})

// maxTitleLines bounds the lines read for a title: a setext heading's text may run over a few
// lines, and a page whose first paragraph is long has no title in it.
const maxTitleLines = 20

// TitleOf finds the level 1 heading that body starts with, after blank lines and HTML
// comments (a licence or a linter's setting, above the heading of many MkDocs pages): an
// ATX heading, "# Title", or a setext one, a line of text underlined with "=". ok is false
// when the first thing on the page is anything else, or a heading with no text.
func TitleOf(body []byte) (t Title, ok bool) { return titleOf(body, titleParser()) }

// EmojiTitleOf is TitleOf with the heading's shortcodes as the emoji they stand for, as the
// page shows them with [markdown] emoji = true: "# Well done :tada:" is "Well done 🎉".
func EmojiTitleOf(body []byte) (t Title, ok bool) { return titleOf(body, titleEmojiParser()) }

func titleOf(body []byte, md goldmark.Markdown) (t Title, ok bool) {
	at, line := 0, 0
	for at < len(body) {
		l := lineAt(body, at)
		trim := bytes.TrimSpace(l)
		switch {
		case len(trim) == 0:
		case bytes.HasPrefix(trim, []byte("<!--")) && indent(l) < 4:
			// Goldmark's HTML block of a comment ends with the line that closes it.
			for !bytes.Contains(l, []byte("-->")) && at+len(l) < len(body) {
				at, line = at+len(l), line+1
				l = lineAt(body, at)
			}
			if !bytes.Contains(l, []byte("-->")) {
				return Title{}, false
			}
		default:
			return titleAt(body, at, line, md)
		}
		at, line = at+len(l), line+1
	}
	return Title{}, false
}

// titleAt reads the heading that starts body's block at start, on its line line (from 0).
func titleAt(body []byte, start, line int, md goldmark.Markdown) (Title, bool) {
	// The heading's block ends at the first blank line: parse no further.
	end, n := start, 0
	for end < len(body) && n < maxTitleLines {
		l := lineAt(body, end)
		if len(bytes.TrimSpace(l)) == 0 {
			break
		}
		end, n = end+len(l), n+1
	}
	src := body[start:end]
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	h, isHeading := doc.FirstChild().(*ast.Heading)
	if !isHeading || h.Level != 1 {
		return Title{}, false
	}
	plain := string(bytes.TrimSpace(appendPlainText(nil, h, src)))
	if plain == "" {
		return Title{}, false
	}
	id, _ := h.AttributeString("id")
	b, _ := id.([]byte)
	// An ATX heading is its line; a setext heading its lines of text and the line of "="
	// under them. A first line "# ..." is always the ATX heading: it comes before a
	// paragraph that a "=" line could underline.
	lines := 1
	if first := bytes.TrimLeft(lineAt(src, 0), " "); !(indent(lineAt(src, 0)) < 4 && len(first) > 0 && first[0] == '#' &&
		(len(first) == 1 || first[1] == ' ' || first[1] == '\t' || first[1] == '\n' || first[1] == '\r')) {
		lines = h.Lines().Len() + 1
	}
	at := start
	for range lines {
		at += len(lineAt(body, at))
	}
	return Title{Text: plain, ID: string(b), End: at, Lines: line + lines}, true
}

// lineAt is the line of b that starts at at, with its newline.
func lineAt(b []byte, at int) []byte {
	if i := bytes.IndexByte(b[at:], '\n'); i >= 0 {
		return b[at : at+i+1]
	}
	return b[at:]
}

// indent is the width of the spaces and tabs that start l, a tab to the next multiple of 4.
func indent(l []byte) int {
	w := 0
	for _, c := range l {
		switch c {
		case ' ':
			w++
		case '\t':
			w += 4 - w%4
		default:
			return w
		}
	}
	return w
}
