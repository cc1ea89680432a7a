package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// feature is a part of the Markdown syntax that goldmark looks for at characters nearly
// every line has, and that few pages use: GFM's autolinks are looked for at every space
// (a quarter of parsing a page), the typographer's "..." at every full stop and its "--"
// at every hyphen. Each look costs goldmark a new text node and a call even where it finds
// nothing. A heading's attributes ({#id}) are looked for in every heading, a byte at a
// time through a reader made for it. A page that cannot use a feature is parsed by a
// parser without it, which gives the same HTML: only where the text is cut into nodes
// differs.
type feature uint8

const (
	featAutolinks  feature = 1 << iota // www.x.org, http://x.org, a@b.org in running text
	featEllipsis                       // "..." → …
	featDashes                         // "--" → –, "---" → —
	featAttributes                     // ## Heading {#id .class}: looked for in every heading, byte by byte
	featShortcodes                     // Hugo's {{< figure >}} and <!--more--> (shortcodes.go): looked for at every '{'
	featEmoji                          // :smile: → 🙂 (emoji.go), when config.toml asks: looked for at every ':'
	allFeatures    = featAutolinks | featEllipsis | featDashes | featAttributes | featShortcodes | featEmoji
)

// needles are what a feature needs in the text to do anything. Parsers that lack some
// features look at the page's text (featureCheck) for their needles, which no parser cuts
// in two: letters, '@', dots where dots are not looked at, hyphens where hyphens are not.
var needles = [...]struct {
	f feature
	s []byte
}{
	{featAutolinks, []byte("@")},
	{featAutolinks, []byte("www")},
	{featAutolinks, []byte("http")},
	{featAutolinks, []byte("ftp")},
	{featEllipsis, []byte("...")},
	{featDashes, []byte("--")},
}

// pageFeatures reads src for the features its page may use. keep are those it likely uses:
// the page is parsed with them. check are those it may use, whose needles appear only where
// they rarely count (a URL in a link's destination, "--" in a table's delimiter row): the
// page is parsed without them, and again with them if its text has a needle after all.
// It looks only at the few places of each rare character ('@', ':', '.', '-'): asking
// bytes.Contains for "http" and "www" cost a twentieth of converting the page.
func pageFeatures(src []byte) (keep, check feature) {
	// A heading's attributes start at a '{': a page without one has none. A shortcode
	// starts at "{{".
	if i := bytes.IndexByte(src, '{'); i >= 0 {
		keep |= featAttributes
		if bytes.Contains(src[i:], []byte("{{")) {
			keep |= featShortcodes
		}
	}
	if bytes.Contains(src, []byte("<!--")) {
		keep |= featShortcodes // perhaps a summary divider, <!--more-->
	}
	if bytes.IndexByte(src, '@') >= 0 || spacesAtLineEnd(src) {
		keep |= featAutolinks
	}
	// GFM's autolinks start "http:", "https:", "ftp:" or "www.". An emoji's shortcode
	// starts at a colon too (Convert drops featEmoji when config.toml does not ask for
	// emoji): looked for in the same pass, since a page's colons are few and reading the
	// page again for them cost 2% of converting it.
	for i := range places(src, ':') {
		if check&featAutolinks == 0 && (bytes.HasSuffix(src[:i], []byte("http")) || bytes.HasSuffix(src[:i], []byte("https")) || bytes.HasSuffix(src[:i], []byte("ftp"))) {
			check |= featAutolinks
		}
		if keep&featEmoji == 0 {
			if e, _ := emojiAt(src, i); e != nil {
				keep |= featEmoji
			}
		}
		if check&featAutolinks != 0 && keep&featEmoji != 0 {
			break
		}
	}
	for i := range places(src, '.') {
		if bytes.HasSuffix(src[:i], []byte("www")) {
			if bytes.HasSuffix(src[:i], []byte("//www")) {
				check |= featAutolinks // in a URL that starts with http:// already
			} else {
				keep |= featAutolinks
			}
		}
		if bytes.HasPrefix(src[i:], []byte("...")) {
			keep |= featEllipsis
		}
	}
	for off := 0; keep&featDashes == 0; {
		i := bytes.Index(src[off:], []byte("--"))
		if i < 0 {
			break
		}
		i += off
		start := bytes.LastIndexByte(src[:i], '\n') + 1
		end := bytes.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += i
		}
		if ruleLine(src[start:end]) {
			check |= featDashes
		} else {
			keep |= featDashes
		}
		off = end
	}
	return keep, check &^ keep
}

// places yields the positions of c in src.
func places(src []byte, c byte) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for off := 0; ; {
			i := bytes.IndexByte(src[off:], c)
			if i < 0 || !yield(off+i) {
				return
			}
			off += i + 1
		}
	}
}

// spacesAtLineEnd reports whether a line of src ends in white space (after the two spaces
// of a hard line break) that goldmark would keep in part with autolinks on. It drops the
// white space at the end of a line, but autolinks cut the text at every space and tab, and
// what comes before the last cut stays: "a \t" gives "a ", "a \r" gives "a". Such a page
// keeps autolinks.
func spacesAtLineEnd(src []byte) bool {
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
			if bytes.HasSuffix(line, []byte("  ")) {
				line = line[:len(line)-2]
			} else if bytes.HasSuffix(line, []byte("  \r")) {
				line = line[:len(line)-3]
			}
		} else {
			src = nil
		}
		// The white space at the end, and in it the last place autolinks are looked for
		// (white space but a line break's, as goldmark's parser asks).
		cut := -1
		n := 0
		for ; n < len(line) && util.IsSpace(line[len(line)-1-n]); n++ {
			if c := line[len(line)-1-n]; cut < 0 && c != '\r' && c != '\n' {
				cut = n
			}
		}
		if cut >= 0 && n-1-cut > 0 {
			return true
		}
	}
	return false
}

// ruleLine reports whether line is made of what a table's delimiter row, a thematic break
// or a setext underline are made of.
func ruleLine(line []byte) bool {
	for _, c := range line {
		switch c {
		case '-', '|', ':', ' ', '\t', '\r', '=', '*', '_':
		default:
			return false
		}
	}
	return true
}

var (
	checkKey = parser.NewContextKey() // the features to look for in the text (feature)
	foundKey = parser.NewContextKey() // those found (feature)
)

// featureCheck looks in a page's text for the needles of the features its parser lacks
// and pageFeatures asked it to check. It runs before every other transformer, on the text
// as parsed.
type featureCheck struct{}

func (featureCheck) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	check, _ := pc.Get(checkKey).(feature)
	if check == 0 {
		return
	}
	src := reader.Source()
	var found feature
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		v := t.Segment.Value(src)
		for _, nd := range needles {
			if check&nd.f != 0 && found&nd.f == 0 && bytes.Contains(v, nd.s) {
				found |= nd.f
			}
		}
		if found == check {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	pc.Set(foundKey, found)
}

// typographer is goldmark's typographer parser, looked for only at the characters it may
// change something at. It does nothing at ',' and '*' and '[' (all its triggers): asked at
// every comma, it cost a text node and a call each time.
type typographer struct {
	parser.InlineParser
	trigger []byte
}

func (t typographer) Trigger() []byte { return t.trigger }

// typographerTrigger are the characters the typographer is asked at when the parser has
// the features f.
func typographerTrigger(f feature) []byte {
	t := []byte{'\'', '"', '<', '>'}
	if f&featEllipsis != 0 {
		t = append(t, '.')
	}
	if f&featDashes != 0 {
		t = append(t, '-')
	}
	return t
}
