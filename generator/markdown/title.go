package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Title is the level 1 heading a page's text starts with. MkDocs titles a page with it, and
// so does a writer who just starts typing: a page whose front matter has no title takes it.
type Title struct {
	Text string // the heading as plain text: "The values worksheet" for # The *values* worksheet
	// Shown is Text as the page's typographer shows the heading: "Don’t stop" for
	// # Don't stop, and straight quotes where the writer escaped them (\") or wrote them in
	// `code`. Front matter, which is no Markdown, gets the like of it from typo.Smarten.
	Shown string
	// ID is the id the heading would have had, so that links to it still lead somewhere: the
	// page's h1 carries it. It is never one of the ids the theme gives the page's other
	// elements (takenIDs): # Menu is menu-1.
	ID string
	// End is where the text after the heading starts in the body, and Lines the number of
	// lines before it: the heading is the page's h1 already, and is not shown twice.
	End, Lines int
	// Lost is the line of the body (from 1) where text follows the end of a comment above
	// the heading ("<!-- note --> Text"), or 0. The comments above leave with the heading:
	// they are the writer's notes, never shown. Text after one on its line would be shown
	// in place when HTML is let through (markdown.unsafe), and is lost with them.
	Lost int
	// Shortcode is a Hugo shortcode in the heading ("{{< figure >}}"), or "", and Line the
	// line of the body (from 1) the heading starts on: a title is plain text, and shows the
	// shortcode as written, where the text would have made it a figure or a link.
	Shortcode string
	Line      int
	// ThemeIDCol is the column of the heading's text when its id, given by hand
	// (# Menu {#menu}), is one of the theme's (ThemeIDProblem), or with LayoutTitleOf one of
	// the site's layouts' (LayoutIDProblem), else 0: a made id never is.
	ThemeIDCol int
}

// titleParser is goldmark with nothing but CommonMark, {#id} after a heading and the page's
// ids: only a title's first lines are parsed with it, and their inlines are plain text.
var titleParser = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()))
})

// shownParser is titleParser with what of the page's parser changes a heading's plain
// text: the typographer, at the priority the page's parser gives it ("<<" is a quote mark
// there, not the start of an HTML tag), and strikethrough.
var shownParser = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Strikethrough), goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute(),
		parser.WithInlineParsers(util.Prioritized(extension.NewTypographerParser(), 9999))))
})

// titleEmojiParser and shownEmojiParser are titleParser and shownParser with emoji
// shortcodes (EmojiTitleOf).
var (
	titleEmojiParser = sync.OnceValue(func() goldmark.Markdown {
		return goldmark.New(goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
			goldmark.WithExtensions(emojiExtension))
	})
	shownEmojiParser = sync.OnceValue(func() goldmark.Markdown {
		return goldmark.New(goldmark.WithExtensions(extension.Strikethrough, emojiExtension), goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute(),
			parser.WithInlineParsers(util.Prioritized(extension.NewTypographerParser(), 9999))))
	})
)

// takenIDs are the ids the default theme gives elements of a page that shows a title (the
// skip link's target, the menus, the search boxes, the table of contents, the home page's
// sections, the scripts' words and what they add): the title's h1 must not take one, nor
// any heading of the text (themeIDs), as a link to it would land on the first of the two,
// and an id is once a page. The theme keeps its ids: a site's layouts that override some
// of its own, and its scripts, still find each other by them. The ids a site's own layouts
// write are kept off as well, given by the build (Converter.SetLayoutIDs). The list is
// written by hand rather than read from the embedded theme: a third of it is made by
// templates (menu, q-top: id="{{.ID}}" given by a dict) or by the scripts, and TestTitleTakenIDs
// checks it against every id the theme writes as text.
var takenIDs = []string{"main", "menu", "menu-top", "q-top", "q-bottom", "toc-title",
	"between-strings", "worksheet-strings", "sessions-strings", "search-strings",
	"home-continue-title", "home-paths-title", "home-tags-title", "home-articles-title",
	"home-guides-title", "home-worksheets-title",
	"entries-title", "reminders-title", "notes-name", "share-preview-label", "ws-more-items"}

// themeIDs are takenIDs as a set. A heading of the page's text never takes one either:
// "## Menu" is menu-1, as the title's h1 is, since the theme's "Menu" link at the top
// leads to #menu, the menu at the bottom, and a page whose heading had that id too would
// have two elements of one id. An id the writer gave ({#menu}) is kept, as asked, and so
// is a field's: it is where a client's answers are kept.
var themeIDs = func() map[string]bool {
	m := make(map[string]bool, len(takenIDs))
	for _, id := range takenIDs {
		m[id] = true
	}
	return m
}()

// ThemeIDProblem is the warning of a heading given the theme's id by hand: the page's
// title, or a heading of its text.
func ThemeIDProblem(id string) string {
	return fmt.Sprintf("the id %q is the theme's own, on every page (a menu, a search box, the skip link's target...): the page has two elements of that id, and a link to #%s may land on the theme's; give this heading another {#id}", id, id)
}

// LayoutIDProblem is ThemeIDProblem for an id that the site's own layouts write
// (Converter.SetLayoutIDs).
func LayoutIDProblem(id string) string {
	return fmt.Sprintf("the id %q is written by one of the site's layouts (id=%q): the page has two elements of that id, and a link to #%s may land on the layout's; give this heading another {#id}, or the layout's element another id", id, id, id)
}

// ThemeID reports whether the default theme gives id to an element of every page that
// shows a title (takenIDs), which no heading's id is.
func ThemeID(id string) bool { return themeIDs[id] }

// ThemeIDFrom reports whether one of the theme's ids (ThemeID) starts with prefix: an id
// prefix that would make a heading's id one of them ("menu-" and "Top").
func ThemeIDFrom(prefix string) bool {
	for _, id := range takenIDs {
		if strings.HasPrefix(id, prefix) {
			return true
		}
	}
	return false
}

// maxTitleLines bounds the lines read for a title: a setext heading's text may run over a few
// lines, and a page whose first paragraph is long has no title in it.
const maxTitleLines = 20

// TitleOf finds the level 1 heading that body starts with, after blank lines and HTML
// comments (a licence or a linter's setting, above the heading of many MkDocs pages): an
// ATX heading, "# Title", or a setext one, a line of text underlined with "=". ok is false
// when the first thing on the page is anything else, or a heading with no text.
func TitleOf(body []byte) (t Title, ok bool) { return titleOf(body, false, nil) }

// EmojiTitleOf is TitleOf with the heading's shortcodes as the emoji they stand for, as the
// page shows them with [markdown] emoji = true: "# Well done :tada:" is "Well done 🎉".
func EmojiTitleOf(body []byte) (t Title, ok bool) { return titleOf(body, true, nil) }

// LayoutTitleOf is TitleOf beside the ids the site's own layouts write
// (Converter.LayoutIDs): its ID is none of them, as it is none of the theme's, and
// ThemeIDCol is set for a heading given one of them by hand.
func LayoutTitleOf(body []byte, layoutIDs map[string]bool) (t Title, ok bool) {
	return titleOf(body, false, layoutIDs)
}

func titleOf(body []byte, emoji bool, layoutIDs map[string]bool) (t Title, ok bool) {
	at, line, lost := 0, 0, 0
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
			end := bytes.LastIndex(l, []byte("-->"))
			if end < 0 {
				return Title{}, false
			}
			if lost == 0 && len(bytes.TrimSpace(l[end+len("-->"):])) > 0 {
				lost = line + 1
			}
		default:
			t, ok := titleAt(body, at, line, emoji, layoutIDs)
			t.Lost = lost
			return t, ok
		}
		at, line = at+len(l), line+1
	}
	return Title{}, false
}

// titleAt reads the heading that starts body's block at start, on its line line (from 0).
func titleAt(body []byte, start, line int, emoji bool, layoutIDs map[string]bool) (Title, bool) {
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
	ids := newIDs()
	ids.layout = layoutIDs
	for _, id := range takenIDs {
		ids.used[id] = id
	}
	md, shownMD := titleParser(), shownParser()
	if emoji {
		md, shownMD = titleEmojiParser(), shownEmojiParser()
	}
	pc := parser.NewContext(parser.WithIDs(ids))
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
	shown := plain
	// What the typographer, strikethrough and emoji change.
	if bytes.ContainsAny(src, "'\"-.<>~") || emoji && bytes.IndexByte(src, ':') >= 0 {
		sdoc := shownMD.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext(parser.WithIDs(newIDs()))))
		if sh, ok := sdoc.FirstChild().(*ast.Heading); ok {
			shown = string(bytes.TrimSpace(appendPlainText(nil, sh, src)))
		}
	}
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
	t := Title{Text: plain, Shown: shown, ID: string(b), End: at, Lines: line + lines, Line: line + 1}
	if themeIDs[t.ID] || layoutIDs[t.ID] {
		_, t.ThemeIDCol = position(h, src)
	}
	for h := body[start:at]; ; {
		i := bytes.Index(h, []byte("{{"))
		if i < 0 {
			break
		}
		if sc, _, _, ok := lexShortcode(h[i:]); ok && !sc.comment {
			t.Shortcode = sc.written()
			break
		}
		h = h[i+2:]
	}
	return t, true
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
