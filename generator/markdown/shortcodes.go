package markdown

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/source"
)

// Hugo shortcodes ({{< figure src="a.jpg" >}}, {{% note %}}) come with a library moved from
// Hugo. The ones whose meaning is plain become it: figure an image with its caption, ref and
// relref the page's URL, checked as a .md link is, highlight a code block, comment nothing,
// and the embeds (youtube, vimeo, tweet, x, instagram, gist) a link to the item on its own
// site, as the site loads nothing from another host. Any other is shown as written, with a
// warning that says so. Only a page with "{{" or "<!--" in its text is parsed with the
// shortcode parser and transformer (featShortcodes): the others are parsed as before, and
// looking for the two costs 3 ms at 10,000 pages (pageFeatures, 36 ms before).

// shortcode is one read from the text.
type shortcode struct {
	name    string // without the "/" of a closing one
	closing bool   // {{< /name >}}
	comment bool   // {{</* name */>}}: Hugo shows it as written without the comment marks
	percent bool   // {{% name %}} rather than {{< name >}}
	args    []string
	named   map[string]string
	raw     []byte // as written, from "{{" to "}}"
	// spans are where each argument is in the text lexShortcode read: a figure's caption
	// is read as Markdown where it is written, and a setting it ignores is told of at its
	// line.
	spans []argSpan
}

// argSpan is where an argument is in the text its shortcode was read from: its name (""
// for a positional one) at key, its value as written, without quotes, from start to stop.
type argSpan struct {
	name, value      string
	key, start, stop int
}

// span is where the named argument key is, and whether it was given.
func (s *shortcode) span(key string) (argSpan, bool) {
	for i := len(s.spans) - 1; i >= 0; i-- { // the last, as named keeps
		if s.spans[i].name == key {
			return s.spans[i], true
		}
	}
	return argSpan{}, false
}

// get is the named argument key, or else the positional one at i (i < 0: none).
func (s *shortcode) get(key string, i int) string {
	if v, ok := s.named[key]; ok {
		return v
	}
	if i >= 0 && i < len(s.args) {
		return s.args[i]
	}
	return ""
}

// written is how the coach wrote the shortcode's name, for messages: {{< name >}}.
func (s *shortcode) written() string {
	open, close := "{{<", ">}}"
	if s.percent {
		open, close = "{{%", "%}}"
	}
	name := s.name
	if s.closing {
		name = "/" + name
	}
	return open + " " + name + " " + close
}

// lexShortcode reads the shortcode that starts at the "{{" of b. more is true when b
// ends before the shortcode does (it may go on on the next line); ok is false when b
// holds no shortcode there.
func lexShortcode(b []byte) (sc shortcode, n int, more, ok bool) {
	if len(b) < 3 || b[0] != '{' || b[1] != '{' || (b[2] != '<' && b[2] != '%') {
		return sc, 0, false, false
	}
	sc.percent = b[2] == '%'
	end := []byte(">}}")
	if sc.percent {
		end = []byte("%}}")
	}
	i := 3
	skip := func() {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
			i++
		}
	}
	skip()
	if bytes.HasPrefix(b[i:], []byte("/*")) {
		sc.comment = true
		i += 2
		skip()
	}
	if i < len(b) && b[i] == '/' {
		sc.closing = true
		i++
		skip()
	}
	start := i
	for i < len(b) && nameByte(b[i]) {
		i++
	}
	if i == len(b) {
		return sc, 0, true, false
	}
	if i == start {
		return sc, 0, false, false
	}
	sc.name = string(b[start:i])
	for {
		skip()
		if i == len(b) {
			return sc, 0, true, false
		}
		if sc.comment && bytes.HasPrefix(b[i:], []byte("*/")) {
			i += 2
			skip()
			if i+3 > len(b) {
				return sc, 0, true, false
			}
			if !bytes.HasPrefix(b[i:], end) {
				return sc, 0, false, false
			}
			sc.raw = b[:i+3]
			return sc, i + 3, false, true
		}
		if !sc.comment && bytes.HasPrefix(b[i:], end) {
			sc.raw = b[:i+3]
			return sc, i + 3, false, true
		}
		if !sc.comment && b[i] == '/' && bytes.HasPrefix(b[i+1:], end) { // self-closing
			sc.raw = b[:i+4]
			return sc, i + 4, false, true
		}
		// An argument: a value, or key=value.
		key, at := "", i
		if k := i; nameByte(b[k]) {
			for k < len(b) && nameByte(b[k]) {
				k++
			}
			if k < len(b) && b[k] == '=' {
				key, i = string(b[i:k]), k+1
			}
		}
		v, m, more, ok := lexValue(b[i:], end)
		if more || !ok {
			return sc, 0, more, false
		}
		start, stop := i, i+m
		if b[i] == '"' || b[i] == '`' {
			start, stop = start+1, stop-1
		}
		sc.spans = append(sc.spans, argSpan{name: key, value: v, key: at, start: start, stop: stop})
		i += m
		if key != "" {
			if sc.named == nil {
				sc.named = map[string]string{}
			}
			sc.named[key] = v
		} else {
			sc.args = append(sc.args, v)
		}
	}
}

// nameByte reports whether c may be in a shortcode's or an argument's name.
func nameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.'
}

// lexValue reads an argument's value at the start of b: "quoted" (with \" and \\),
// `raw`, or a word up to white space or the shortcode's end.
func lexValue(b, end []byte) (v string, n int, more, ok bool) {
	if len(b) == 0 {
		return "", 0, true, false
	}
	switch q := b[0]; q {
	case '"':
		var s []byte
		for i := 1; i < len(b); i++ {
			switch c := b[i]; {
			case c == '\\' && i+1 < len(b) && (b[i+1] == '"' || b[i+1] == '\\'):
				s = append(s, b[i+1])
				i++
			case c == '"':
				return string(s), i + 1, false, true
			default:
				s = append(s, c)
			}
		}
		return "", 0, true, false
	case '`':
		i := bytes.IndexByte(b[1:], '`')
		if i < 0 {
			return "", 0, true, false
		}
		return string(b[1 : 1+i]), i + 2, false, true
	}
	if b[0] == '\'' {
		return "", 0, false, false // Hugo has no 'quotes': the coach meant "quotes"
	}
	i := 0
	for i < len(b) && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' && !bytes.HasPrefix(b[i:], end) {
		if b[i] == '"' || b[i] == '`' {
			return "", 0, false, false
		}
		i++
	}
	if i == 0 {
		return "", 0, false, false
	}
	if i == len(b) {
		return "", 0, true, false
	}
	return string(b[:i]), i, false, true
}

var (
	// shortcodesKey holds a page's *shortcodes, made when the page has one. One key, not
	// one for each field: every key makes every page's parser.Context larger.
	shortcodesKey = parser.NewContextKey()
)

// shortcodes is what a page's shortcodes and summary divider tell Convert.
type shortcodes struct {
	probs    []Problem      // the shortcodes' warnings
	open     map[string]int // unknown shortcodes opened and not yet closed, by name
	unknown  map[string]int // the warning of each unknown shortcode, as written, in probs
	more     map[int]int    // how many more times the shortcode of probs[i] was found
	rewrites []refRewrite   // ref shortcodes in link destinations
	summary  *string        // the text before <!--more-->
}

// shortcodesOf is the page's shortcodes, made now when it has none yet.
func shortcodesOf(pc parser.Context) *shortcodes {
	s, _ := pc.Get(shortcodesKey).(*shortcodes)
	if s == nil {
		s = &shortcodes{}
		pc.Set(shortcodesKey, s)
	}
	return s
}

// refRewrite is a ref shortcode written as a link's destination, [text]({{< ref "x.md" >}}):
// CommonMark reads no link there (its destination has spaces), so the page is parsed again
// with the shortcode's bytes replaced by dest in angle brackets and spaces, which is a
// link's destination of the same length: the lines and columns of the page stay the same.
type refRewrite struct {
	start, stop int
	dest        string
}

// rewriteRefs is src with the rewrites made, in a copy.
func rewriteRefs(src []byte, rws []refRewrite) []byte {
	out := bytes.Clone(src)
	for _, r := range rws {
		b := out[r.start:r.stop]
		for i := range b {
			b[i] = ' '
		}
		b[0] = '<'
		copy(b[1:], r.dest)
		b[1+len(r.dest)] = '>'
	}
	return out
}

// Words are the words of the links that stand for what a shortcode would embed, in the
// site's language.
type Words struct {
	YouTube, Vimeo, X, Instagram, Gist string
}

// DefaultWords are the English words.
var DefaultWords = Words{YouTube: "Watch on YouTube", Vimeo: "Watch on Vimeo", X: "Read the post on X",
	Instagram: "See the post on Instagram", Gist: "See the code on GitHub"}

// SetWords sets the words of the embeds' links; empty ones keep the English default. It
// is called before the first Convert.
func (c *Converter) SetWords(w Words) {
	for _, p := range []struct{ dst, src *string }{{&c.words.YouTube, &w.YouTube}, {&c.words.Vimeo, &w.Vimeo},
		{&c.words.X, &w.X}, {&c.words.Instagram, &w.Instagram}, {&c.words.Gist, &w.Gist}} {
		if *p.src != "" {
			*p.dst = *p.src
		}
	}
}

// shortcodeParser reads shortcodes at '{'. Nearly every '{' of a page with shortcodes is
// followed by none: it gives up at the second byte.
type shortcodeParser struct{ words *Words }

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

func (sp shortcodeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || line[1] != '{' || line[2] != '<' && line[2] != '%' {
		return nil
	}
	// A shortcode may go on over a few lines of its block: its lines are read joined, as the
	// block gives them (without a quote's ">" or a list item's indent).
	joined := line
	lines := 0
	where := []joinedLine{{0, seg}} // where each line of joined is in the page
	var sc shortcode
	var n int
	for {
		var more, ok bool
		sc, n, more, ok = lexShortcode(joined)
		if ok {
			break
		}
		if !more || lines == 20 {
			if k := unread(pc, block.Source(), seg.Start, joined); k > 0 && lines == 0 {
				block.Advance(k)
				return asWritten(&shortcode{raw: joined[:k]})
			}
			return nil // the caller puts the reader back
		}
		block.AdvanceLine()
		next, nextSeg := block.PeekLine()
		if next == nil {
			// A line ">}}" ends the paragraph as a quote would start (shortcodeEnd).
			if t, ok := parent.NextSibling().(*shortcodeTail); ok && !t.used {
				tail := t.Lines().At(0)
				if sc, _, _, ok = lexShortcode(append(bytes.Clone(joined), tail.Value(block.Source())...)); ok {
					t.used = true
					n, line = 0, nil // the reader is at the paragraph's end already
					break
				}
			}
			unread(pc, block.Source(), seg.Start, joined)
			return nil
		}
		if lines == 0 {
			joined = bytes.Clone(joined)
		}
		where = append(where, joinedLine{len(joined), nextSeg})
		joined = append(joined, next...)
		line = next
		lines++
	}
	if line != nil { // where the shortcode ends on its last line
		block.Advance(n - (len(joined) - len(line)))
	}
	src := block.Source()
	at := seg.Start
	if sc.comment {
		// Hugo shows {{</* x */>}} as {{< x >}}: how its documentation shows a shortcode.
		inner := bytes.TrimSpace(sc.raw[3 : len(sc.raw)-3])
		inner = bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimPrefix(inner, []byte("/*")), []byte("*/")))
		v := append(append(append([]byte(nil), sc.raw[:3]...), ' '), inner...)
		s := ast.NewString(append(append(v, ' '), sc.raw[len(sc.raw)-3:]...))
		s.SetRaw(true)
		return s
	}
	o, _ := pc.Get(optsKey).(*Options)
	if o == nil {
		o = &Options{}
	}
	msg := "" // the warning for a shortcode shown as written
	if !sc.closing {
		switch sc.name {
		case "comment": // commentBlock takes those on lines of their own
			if skipComment(block) {
				return ast.NewString(nil)
			}
			warn(pc, src, at, fmt.Sprintf("Hugo shortcode %s has no {{%c /comment %c}} after it in its paragraph, and is shown as written, with the text you meant to hide; end it there, or put both on lines of their own", sc.written(), sc.raw[2], sc.raw[len(sc.raw)-3]))
			return asWritten(&sc)
		case "details": // detailsBlock takes those on lines of their own, and closed
			if closingAt(src[at:], "details") < 0 {
				warn(pc, src, at, fmt.Sprintf("Hugo shortcode %s has no {{%c /details %c}} after it and is shown as written; end what it holds with {{%c /details %c}} on a line of its own",
					sc.written(), sc.raw[2], sc.raw[len(sc.raw)-3], sc.raw[2], sc.raw[len(sc.raw)-3]))
				return asWritten(&sc)
			}
			msg = fmt.Sprintf("Hugo shortcode %s is read only on a line of its own, and here is shown as written; put it and its {{%c /details %c}} each on a line of its own", sc.written(), sc.raw[2], sc.raw[len(sc.raw)-3])
		case "highlight": // highlightBlock takes those that start a line and are closed
			if closingAt(src[at:], "highlight") < 0 {
				warn(pc, src, at, fmt.Sprintf("Hugo shortcode %s has no {{< /highlight >}} after it and is shown as written; end the code with {{< /highlight >}} on a line of its own", sc.written()))
				return asWritten(&sc)
			}
			msg = fmt.Sprintf("Hugo shortcode %s is read as code only at the start of a line, and here is shown as written; put it on a line of its own, before the code", sc.written())
		case "figure":
			if node := newFigure(&sc, at, figureText{pc, src, where, parent}); node != nil {
				return node
			}
			warn(pc, src, at, fmt.Sprintf(`Hugo shortcode %s has no src="…" and is shown as written; give it the image's address, like {{< figure src="/images/photo.jpg" alt="…" >}}`, sc.written()))
			return asWritten(&sc)
		case "ref", "relref":
			p := sc.get("path", 0)
			if p == "" {
				warn(pc, src, at, fmt.Sprintf(`Hugo shortcode %s names no page and is shown as written; name one, like {{< %s "articles/other.md" >}}, or write a link: [text](../articles/other.md)`, sc.written(), sc.name))
				return asWritten(&sc)
			}
			dest := refDest(p, o)
			if lines == 0 && at >= 2 && src[at-2] == ']' && src[at-1] == '(' {
				if len(dest)+2 <= n && !strings.ContainsAny(dest, "<>\\\n\r") {
					s := shortcodesOf(pc)
					s.rewrites = append(s.rewrites, refRewrite{start: at, stop: at + n, dest: dest})
				}
				return asWritten(&sc) // this parse is done again
			}
			l := ast.NewLink()
			l.Destination = []byte(dest)
			l.AppendChild(l, &refURL{})
			r := &refNode{at: at}
			r.AppendChild(r, l)
			return r
		}
		if u, words, ok := embedLink(&sc, sp.words); ok {
			l := ast.NewLink()
			l.Destination = []byte(u)
			if t := sc.get("title", -1); t != "" {
				words += ": " + t
			}
			s := ast.NewString([]byte(words))
			s.SetRaw(true)
			l.AppendChild(l, s)
			return l
		} else if words != "" {
			warn(pc, src, at, fmt.Sprintf("Hugo shortcode %s needs %s; it is shown as written", sc.written(), words))
			return asWritten(&sc)
		}
	}
	// Any other: shown as written. A pair ({{% note %}}…{{% /note %}}) is told of once.
	st := shortcodesOf(pc)
	if sc.closing && st.open[sc.name] > 0 {
		st.open[sc.name]--
		return asWritten(&sc)
	}
	if !sc.closing {
		if st.open == nil {
			st.open = map[string]int{}
		}
		st.open[sc.name]++
	}
	if msg == "" && strings.HasSuffix(sc.name, ".inline") {
		// An inline shortcode holds a template, not text: writing it as Markdown is no help.
		msg = fmt.Sprintf("Hugo shortcode %s is an inline shortcode: a template, which Hugo ran and Between does not, so it is shown as written, template and all; remove it, from %s to {{%c /%s %c}}, and write what it showed as Markdown",
			sc.written(), sc.written(), sc.raw[2], sc.name, sc.raw[len(sc.raw)-3])
	}
	if msg == "" {
		// One warning for each shortcode of the page, counting the others: a page of tabs
		// or notes told of 20 times over hid the rest of the messages (59 of Hugo's own
		// documentation's code-toggle, in one section).
		w := sc.written()
		if i, ok := st.unknown[w]; ok {
			st.more[i]++
			return asWritten(&sc)
		}
		if st.unknown == nil {
			st.unknown, st.more = map[string]int{}, map[int]int{}
		}
		st.unknown[w] = len(st.probs)
		msg = unknownMsg(w, 0)
	}
	warn(pc, src, at, msg)
	return asWritten(&sc)
}

// unknownMsg is the warning for a shortcode Between does not know, written w, found
// more times again on the page.
func unknownMsg(w string, more int) string {
	again := ""
	switch {
	case more == 1:
		again = " (here and once more on this page)"
	case more > 1:
		again = fmt.Sprintf(" (here and %d more times on this page)", more)
	}
	return fmt.Sprintf("Hugo shortcode %s%s is not known to Between and is shown as written; write its text as Markdown", w, again)
}

// problems are the shortcodes' warnings, each unknown shortcode's with its count.
func (s *shortcodes) problems() []Problem {
	for w, i := range s.unknown {
		if n := s.more[i]; n > 0 {
			s.probs[i].Msg = unknownMsg(w, n)
		}
	}
	return s.probs
}

// unread warns of b, text that starts as a shortcode does ("{{< name") but could not be
// read as one, and gives the length of b up to the end of the shortcode's closing ">}}",
// or 0 when it warns of none.
func unread(pc parser.Context, src []byte, at int, b []byte) int {
	i := 3
	for i < len(b) && (b[i] == ' ' || b[i] == '/') {
		i++
	}
	j := i
	for j < len(b) && nameByte(b[j]) {
		j++
	}
	end := ">}}"
	if b[2] == '%' {
		end = "%}}"
	}
	k := bytes.Index(b, []byte(end))
	if j == i || k < 0 {
		return 0 // "{{<" in text, no shortcode
	}
	warn(pc, src, at, fmt.Sprintf(`Hugo shortcode %s %s could not be read and is shown as written; write each value in double quotes, like title="My title", and end it with %s`, b[:3], b[i:j], end))
	return k + len(end)
}

// shortcodeEnd reads a line ">}}" that ends a shortcode begun in the paragraph before it:
// Hugo's documentation writes long ones so, and CommonMark would start a quote there.
type shortcodeEnd struct{}

func (shortcodeEnd) Trigger() []byte { return []byte{'>'} }

func (shortcodeEnd) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if string(bytes.TrimSpace(line)) != ">}}" {
		return nil, parser.NoChildren
	}
	p, ok := pc.LastOpenedBlock().Node.(*ast.Paragraph)
	if !ok || p.Parent() != parent {
		return nil, parser.NoChildren
	}
	// The paragraph's last "{{<" must begin a shortcode that goes on.
	var b []byte
	for i := 0; i < p.Lines().Len(); i++ {
		l := p.Lines().At(i)
		b = append(b, l.Value(reader.Source())...)
	}
	i := bytes.LastIndex(b, []byte("{{<"))
	if i < 0 {
		return nil, parser.NoChildren
	}
	if _, _, more, _ := lexShortcode(b[i:]); !more {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	t := &shortcodeTail{}
	t.Lines().Append(seg)
	return t, parser.NoChildren
}

func (shortcodeEnd) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (shortcodeEnd) Close(ast.Node, text.Reader, parser.Context)                 {}
func (shortcodeEnd) CanInterruptParagraph() bool                                 { return true }
func (shortcodeEnd) CanAcceptIndentedLine() bool                                 { return false }

// shortcodeTail is a line ">}}" read by shortcodeEnd: part of the shortcode before it
// (used), or, when that could not be read after all, text.
type shortcodeTail struct {
	ast.BaseBlock
	used bool
}

var kindTail = ast.NewNodeKind("HugoShortcodeTail")

func (n *shortcodeTail) Kind() ast.NodeKind         { return kindTail }
func (n *shortcodeTail) IsRaw() bool                { return true }
func (n *shortcodeTail) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// asWritten is the shortcode's text, shown as written: nothing in it is read as Markdown.
func asWritten(sc *shortcode) ast.Node {
	s := ast.NewString(bytes.Clone(sc.raw))
	s.SetRaw(true)
	return s
}

func warn(pc parser.Context, src []byte, at int, msg string) {
	s := shortcodesOf(pc)
	line, col := diag.LineCol(src, at)
	s.probs = append(s.probs, Problem{Line: line, Col: col, Msg: msg, Warning: true})
}

// refDest is the destination of a .md link to the page a ref shortcode names: Hugo looks
// for it from the page's folder, then from content/, and lets ".md" (or another Markdown
// ending) be left out (a page bundle's index.md, a section's _index.md). The first that is
// a page is taken; when none is, the path as written from the page's folder, for the
// build to report as it reports a .md link to a missing page.
func refDest(p string, o *Options) string {
	file, anchor, hasAnchor := strings.Cut(p, "#")
	if hasAnchor {
		anchor = "#" + anchor
	}
	if file == "" {
		return anchor
	}
	cands := []string{file}
	if source.Ext(file) == "" {
		f := strings.TrimSuffix(file, "/")
		cands = cands[:0]
		for _, under := range []string{"", "/index", "/_index"} {
			for _, ext := range source.Exts() {
				cands = append(cands, f+under+ext)
			}
		}
	}
	if o.Resolve != nil {
		for _, fromRoot := range []bool{false, true} {
			if fromRoot && strings.HasPrefix(file, "/") {
				break
			}
			for _, c := range cands {
				if fromRoot {
					c = "/" + c
				}
				if _, ok := o.Resolve(mdTarget(c, o.Rel)); ok {
					return c + anchor
				}
			}
		}
	}
	return cands[0] + anchor
}

// embedLink is the address of the item an embed shortcode shows on its own site, and the
// words of a link to it; when its arguments name no item, ok is false and words say what
// is missing ("" for a shortcode that is no embed).
func embedLink(sc *shortcode, w *Words) (u, words string, ok bool) {
	id := sc.get("id", 0)
	switch sc.name {
	case "youtube":
		if !plainID(id) {
			return "", `the video's id, like {{< youtube dQw4w9WgXcQ >}}`, false
		}
		u = "https://www.youtube.com/watch?v=" + id
		if s := sc.get("start", -1); s != "" && digits(s) {
			u += "&t=" + s + "s"
		}
		return u, w.YouTube, true
	case "vimeo", "vimeo_simple": // Hugo's _simple ones showed a still, with no script
		if !plainID(id) {
			return "", `the video's id, like {{< vimeo 55073825 >}}`, false
		}
		return "https://vimeo.com/" + id, w.Vimeo, true
	case "tweet", "x", "twitter", "twitter_simple": // twitter: the name before Hugo 0.141
		user := sc.get("user", -1)
		if !plainID(id) || user != "" && !plainID(user) {
			return "", `the post's user and id, like {{< ` + sc.name + ` user="SanDiegoZoo" id="1453110110599868418" >}}`, false
		}
		if user == "" {
			user = "i"
		}
		return "https://x.com/" + user + "/status/" + id, w.X, true
	case "instagram":
		if !plainID(id) {
			return "", `the post's id, like {{< instagram CxOWiQNP2MO >}}`, false
		}
		return "https://www.instagram.com/p/" + id + "/", w.Instagram, true
	case "gist":
		user, id := sc.get("user", 0), sc.get("id", 1)
		if !plainID(user) || !plainID(id) {
			return "", `the gist's user and id, like {{< gist jmooring 23932424365401ffa5e9d9810102a477 >}}`, false
		}
		u = "https://gist.github.com/" + user + "/" + id
		if f := sc.get("file", 2); f != "" {
			u += "#file-" + url.PathEscape(strings.ReplaceAll(strings.ToLower(f), ".", "-"))
		}
		return u, w.Gist, true
	}
	return "", "", false
}

// plainID reports whether s is an id or user name as the embeds' sites make them: letters,
// digits, '_', '-' and '.'.
func plainID(s string) bool {
	if s == "" || s == "." || s == ".." {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !nameByte(s[i]) {
			return false
		}
	}
	return true
}

// digits reports whether s is a whole number: a width or height in pixels, a time in seconds.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// mdTarget is the content path a .md link's path p leads to from the page rel, as
// rewrite reads it.
func mdTarget(p, rel string) string {
	if strings.HasPrefix(p, "/") {
		return strings.TrimPrefix(strings.TrimPrefix(p, "/"), "content/")
	}
	return path.Join(path.Dir(rel), p)
}

var (
	kindFigure      = ast.NewNodeKind("HugoFigure")
	kindFigcaption  = ast.NewNodeKind("HugoFigcaption")
	kindCaptionPart = ast.NewNodeKind("HugoCaptionPart")
	kindRef         = ast.NewNodeKind("HugoRef")
	kindRefURL      = ast.NewNodeKind("HugoRefURL")
	kindMore        = ast.NewNodeKind("SummaryDivider")
)

// figureNode is a figure shortcode: its image (in a link when it has one), and its
// caption (figcaptionNode). It is inline where the shortcode is read, and made a block of
// its own (liftFigure) where it can be.
type figureNode struct {
	ast.BaseInline
	at      int    // where the shortcode starts in the page
	written string // the shortcode as written, {{< figure >}}, for its warnings
	// srcAt and linkAt are where src="…" and link="…" are in the page: their addresses'
	// problems are told there, as a coach fixes them there, not at the shortcode's start,
	// which may be lines above (a figure written over several lines).
	srcAt, linkAt int
	class         string
	// caption and credit are the Markdown of caption="…" and attr="…", parsed where they
	// are written (captionPart), or nil; the transformer puts them into the figcaption.
	caption, credit *captionPart
	creditLink      []byte
	creditLinkAt    int         // where attrlink="…" is in the page, for its link's problems
	alt             *ast.String // made of the caption when alt="…" is not given, else nil
}

func (n *figureNode) Kind() ast.NodeKind         { return kindFigure }
func (n *figureNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// figcaptionNode is a figure's caption: the title, the caption and the credit, each
// after a space.
type figcaptionNode struct {
	ast.BaseInline
	title string
	given []string // the settings it is made of, for the warning when it cannot show
}

func (n *figcaptionNode) Kind() ast.NodeKind         { return kindFigcaption }
func (n *figcaptionNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// captionPart is the caption or the credit of a figure, read as Markdown as Hugo reads
// them (markdownify): its lines are the value as written in the page, between its quotes,
// so that goldmark parses it with the page (figureText.part), and its links are checked
// and its HTML kept or left out as the page's are, at their own lines. A value that cannot
// be found in the page is its text, escaped.
type captionPart struct {
	ast.BaseBlock
	// link is the credit's link, made of attrlink="…" around the credit's words, and
	// linkAt where attrlink is written: its problems are told there, not at the words.
	link   *ast.Link
	linkAt int
}

func (n *captionPart) Kind() ast.NodeKind         { return kindCaptionPart }
func (n *captionPart) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// joinedLine is where a line of a shortcode read over several lines starts in the text
// read (at), and where it is in the page (seg).
type joinedLine struct {
	at  int
	seg text.Segment
}

// figureText is what newFigure needs of the page: where the shortcode's text is in it,
// for its caption and its warnings, and the block it is in.
type figureText struct {
	pc     parser.Context
	src    []byte
	lines  []joinedLine
	parent ast.Node
}

// pos is the page offset of i, an offset in the shortcode's text, or -1 when i is in no
// line's text (a tab's padding).
func (t figureText) pos(i int) int {
	k := len(t.lines) - 1
	for k > 0 && t.lines[k].at > i {
		k--
	}
	l := t.lines[k]
	if d := i - l.at - l.seg.Padding; d >= 0 && l.seg.Start+d <= l.seg.Stop {
		return l.seg.Start + d
	}
	return -1
}

// keyAt is where the argument key of sc is written in the page, or at, the shortcode's
// start, when it is not given or not in a line's text.
func (t figureText) keyAt(sc *shortcode, key string, at int) int {
	if a, ok := sc.span(key); ok {
		if p := t.pos(a.key); p >= 0 {
			return p
		}
	}
	return at
}

// figureWarning is a warning of a figure's argument at key, an offset in its text.
type figureWarning struct {
	key int
	msg string
}

// warn warns of the figure sc's arguments, in the order they are written, each at its
// own line.
func (t figureText) warn(sc *shortcode, ws []figureWarning) {
	slices.SortStableFunc(ws, func(a, b figureWarning) int { return a.key - b.key })
	for _, w := range ws {
		if at := t.pos(w.key); at >= 0 {
			warn(t.pc, t.src, at, "Hugo shortcode "+sc.written()+": "+w.msg)
		}
	}
}

// part is the captionPart of the argument key, or nil when it is not given or empty. Its
// lines are put after the block the figure is in, where goldmark's parser, which parses
// the blocks' text one after another, parses it next as the page's own text; the
// transformer then moves it into the figure.
func (t figureText) part(sc *shortcode, key string) *captionPart {
	a, ok := sc.span(key)
	if !ok || a.start == a.stop || sc.get(key, -1) == "" {
		return nil
	}
	p := &captionPart{}
	for k, l := range t.lines {
		stop := a.stop
		if k+1 < len(t.lines) {
			stop = min(stop, t.lines[k+1].at)
		}
		start := max(a.start, l.at)
		if start >= stop {
			continue
		}
		from := t.pos(start)
		if from < 0 || from+stop-start > l.seg.Stop {
			p.Lines().Clear()
			break
		}
		p.Lines().Append(text.NewSegment(from, from+stop-start))
	}
	outer := t.parent.Parent()
	if p.Lines().Len() == 0 || outer == nil {
		p.Lines().Clear()
		s := ast.NewString([]byte(sc.get(key, -1)))
		s.SetRaw(true)
		p.AppendChild(p, s)
		return p
	}
	outer.InsertAfter(outer, t.parent, p)
	return p
}

// figureKeys are the settings of Hugo's figure, in its documentation's order; any other is
// told of.
var figureKeys = []string{"src", "alt", "title", "caption", "attr", "attrlink", "link", "target", "rel", "class", "width", "height", "loading"}

// relWords are the words of a link's rel that a browser knows, but for "opener".
var relWords = map[string]bool{"alternate": true, "author": true, "bookmark": true, "external": true, "help": true,
	"license": true, "me": true, "next": true, "nofollow": true, "noopener": true, "noreferrer": true, "prev": true,
	"privacy-policy": true, "search": true, "sponsored": true, "tag": true, "terms-of-service": true, "ugc": true}

// newFigure is the figure of sc, or nil when it has no src. The image is an ast.Image, and
// link="…" an ast.Link around it, so their addresses are made and checked as a Markdown
// image's and link's are (linkTransformer) and written as theirs are. A setting that Hugo's
// figure has and that would do nothing here, or one it does not have, is told of.
func newFigure(sc *shortcode, at int, t figureText) ast.Node {
	src := sc.get("src", -1)
	if src == "" {
		return nil
	}
	f := &figureNode{at: at, written: sc.written(), class: strings.Join(strings.Fields(sc.get("class", -1)), " ")}
	f.srcAt, f.linkAt = t.keyAt(sc, "src", at), t.keyAt(sc, "link", at)
	var ws []figureWarning
	ignored := func(a argSpan, format string, args ...any) {
		ws = append(ws, figureWarning{a.key, fmt.Sprintf(format, args...)})
	}
	defer func() { t.warn(sc, ws) }()
	for _, a := range sc.spans {
		switch {
		case a.name == "":
			ignored(a, `the value "%s" has no name, and is ignored; write it with its name, like alt="%s"`, a.value, a.value)
		case !slices.Contains(figureKeys, a.name):
			if near := diag.Suggest(a.name, figureKeys); near != "" {
				ignored(a, `%s="…" is not a setting of figure, and is ignored; did you mean %s="…"?`, a.name, near)
			} else {
				ignored(a, `%s="…" is not a setting of figure, and is ignored; its settings are %s`, a.name, strings.Join(figureKeys, ", "))
			}
		}
	}
	img := ast.NewImage(ast.NewLink())
	img.Destination = []byte(src)
	alt := sc.get("alt", -1)
	if alt == "" {
		alt = sc.get("caption", -1) // as Hugo's figure does, made plain text (shortcodeTransformer)
	}
	if alt != "" {
		s := ast.NewString([]byte(alt))
		s.SetRaw(true)
		img.AppendChild(img, s)
		if sc.get("alt", -1) == "" {
			f.alt = s
		}
	}
	for _, k := range []string{"width", "height"} {
		v := sc.get(k, -1)
		if n, ok := strings.CutSuffix(v, "px"); ok && digits(n) {
			v = n // the attribute is in pixels already
		}
		if digits(v) {
			img.SetAttributeString(k, []byte(v))
		} else if a, ok := sc.span(k); ok {
			ignored(a, `%s="%s" is not a size in pixels, and is ignored; write a whole number, like %s="480", or leave it out: the image is shown at its own size, made smaller to fit the page`, k, v, k)
		}
	}
	if a, ok := sc.span("loading"); ok {
		switch v := sc.get("loading", -1); v {
		case "lazy", "eager":
			img.SetAttributeString("loading", []byte(v))
		default:
			ignored(a, `loading="%s" is ignored: a browser knows loading="lazy" (load the image when it is scrolled near) and loading="eager"`, v)
		}
	}
	link := sc.get("link", -1)
	var l *ast.Link
	if link != "" {
		l = ast.NewLink()
		l.Destination = []byte(link)
		l.AppendChild(l, img)
		f.AppendChild(f, l)
	} else {
		f.AppendChild(f, img)
	}
	var rel []string
	for _, k := range []string{"target", "rel"} {
		a, ok := sc.span(k)
		if !ok || l != nil {
			continue
		}
		ignored(a, `%s="%s" is ignored: it is about the figure's link, and the figure has no link="…"`, k, sc.get(k, -1))
	}
	if a, ok := sc.span("rel"); ok && l != nil {
		for _, w := range strings.Fields(strings.ToLower(sc.get("rel", -1))) {
			switch {
			case relWords[w]:
				if !slices.Contains(rel, w) {
					rel = append(rel, w)
				}
			case w == "opener":
				ignored(a, `rel="opener" is ignored: it would let the page the link opens reach into this one, where clients may have typed their answers`)
			default:
				ignored(a, `rel="%s" is ignored: it is not a rel a browser knows, like rel="nofollow" or rel="noreferrer"`, w)
			}
		}
	}
	if a, ok := sc.span("target"); ok && l != nil {
		switch v := sc.get("target", -1); v {
		case "_blank":
			// The page opened cannot reach back into this one (window.opener): browsers
			// do so for _blank of their own now, older ones only when told.
			l.SetAttributeString("target", []byte(v))
			if !slices.Contains(rel, "noopener") {
				rel = append(rel, "noopener")
			}
		case "_self", "":
			// where a link opens anyway
		default:
			ignored(a, `target="%s" is ignored: write target="_blank" to open the link in a new tab, or leave it out to open it in the same one`, v)
		}
	}
	if len(rel) > 0 {
		l.SetAttributeString("rel", []byte(strings.Join(rel, " ")))
	}
	f.caption, f.credit = t.part(sc, "caption"), t.part(sc, "attr")
	if a, ok := sc.span("attrlink"); ok && sc.get("attrlink", -1) != "" {
		if f.credit == nil {
			ignored(a, `attrlink="%s" is ignored: it is the link of the credit, attr="…", which this figure does not have; give it attr="…" with the words to link, like attr="Photo: Sam Lee"`, sc.get("attrlink", -1))
		} else {
			f.creditLink, f.creditLinkAt = []byte(sc.get("attrlink", -1)), t.keyAt(sc, "attrlink", at)
		}
	}
	if title := sc.get("title", -1); title != "" || f.caption != nil || f.credit != nil {
		fc := &figcaptionNode{title: title}
		for _, k := range []string{"title", "caption", "attr"} {
			if sc.get(k, -1) != "" {
				fc.given = append(fc.given, k)
			}
		}
		f.AppendChild(f, fc)
	}
	return f
}

// refNode is a ref shortcode written in text: a link to the page, whose text is its URL.
type refNode struct {
	ast.BaseInline
	at int
}

func (n *refNode) Kind() ast.NodeKind         { return kindRef }
func (n *refNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// refURL writes its link's destination, once made, as the link's text.
type refURL struct{ ast.BaseInline }

func (n *refURL) Kind() ast.NodeKind         { return kindRefURL }
func (n *refURL) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// moreNode is Hugo's and Jekyll's summary divider, <!--more-->: it shows nothing.
type moreNode struct{ ast.BaseBlock }

func (n *moreNode) Kind() ast.NodeKind         { return kindMore }
func (n *moreNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// shortcodeStart is where the problems of the link or image n are told when a shortcode
// made it, or -1 when none did: at a figure's src="…" or link="…", at a ref's start.
func shortcodeStart(n ast.Node) int {
	for p, i := n.Parent(), 0; p != nil && i < 2; p, i = p.Parent(), i+1 {
		switch p := p.(type) {
		case *figureNode:
			if _, ok := n.(*ast.Link); ok {
				return p.linkAt
			}
			return p.srcAt
		case *refNode:
			return p.at
		case *captionPart:
			if i == 0 && n == p.link {
				return p.linkAt
			}
			return -1 // a link in a caption is where it is written
		}
	}
	return -1
}

// shortcodeTransformer makes each figure a block of its own where it is alone in, or
// part of, a paragraph, and finds the summary divider. It runs only for pages parsed with
// featShortcodes.
type shortcodeTransformer struct{}

func (shortcodeTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var figures []*figureNode
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*figureNode); ok && entering {
			figures = append(figures, f)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, f := range figures {
		liftFigure(f, src)
		f.fillCaption(src, pc)
	}
	summaryDivider(doc, src, pc)
}

// fillCaption moves the figure's caption and credit, parsed after the block it was in,
// into its figcaption, and makes its alt, when made of the caption, the caption's text
// without its Markdown, as Hugo's figure does (plainify). A figure that stays in a
// heading, a link or emphasis shows its image alone (alone): its caption goes, links and
// all, and the coach is told, as the words were written to be read.
func (f *figureNode) fillCaption(src []byte, pc parser.Context) {
	for _, p := range []*captionPart{f.caption, f.credit} {
		if p != nil && p.Parent() != nil {
			p.Parent().RemoveChild(p.Parent(), p)
		}
	}
	if f.alt != nil && f.caption != nil && f.caption.Lines().Len() > 0 {
		f.alt.Value = plainCaption(f.caption, src)
	}
	fc, ok := f.LastChild().(*figcaptionNode)
	if !ok {
		return
	}
	if alone(f) {
		f.RemoveChild(f, fc)
		warn(pc, src, f.at, "Hugo shortcode "+f.written+" "+aloneWhere(f)+", where a figure shows its image alone: its "+captionWords(fc.given)+
			"; "+aloneFix(f))
		return
	}
	if f.caption != nil {
		fc.AppendChild(fc, f.caption)
	}
	if f.credit != nil {
		if f.creditLink != nil {
			l := ast.NewLink()
			l.Destination = f.creditLink
			for c := f.credit.FirstChild(); c != nil; c = f.credit.FirstChild() {
				f.credit.RemoveChild(f.credit, c)
				l.AppendChild(l, c)
			}
			f.credit.AppendChild(f.credit, l)
			f.credit.link, f.credit.linkAt = l, f.creditLinkAt
		}
		fc.AppendChild(fc, f.credit)
	}
}

// plainCaption is the text of the caption p, without its Markdown, white space made
// single spaces: an address made a link (www.x.org) is its text, which appendPlainText,
// made for summaries, leaves out.
func plainCaption(p *captionPart, src []byte) []byte {
	var b []byte
	_ = ast.Walk(p, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n == p {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.AutoLink:
			b = append(b, n.Label(src)...)
		case *ast.Text, *ast.String, *ast.CodeSpan:
			b = appendPlainText(b, n, src)
		default:
			return ast.WalkContinue, nil
		}
		return ast.WalkSkipChildren, nil
	})
	return []byte(strings.Join(strings.Fields(string(b)), " "))
}

// aloneWhere says where the figure n, shown alone, is, for its warning.
func aloneWhere(n *figureNode) string {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindHeading:
			return "is in a heading"
		case ast.KindLink:
			return "is inside a link"
		}
	}
	return "is inside emphasis or other formatting of a line (*…*, **…**, ~~…~~)"
}

// aloneFix says how to show the figure n, shown alone, with its caption.
func aloneFix(n *figureNode) string {
	switch aloneWhere(n) {
	case "is in a heading":
		return "put the figure on a line of its own, below the heading"
	case "is inside a link":
		return `put the figure on a line of its own, outside the link, and give it the link's address as link="…"`
	}
	return "put the figure on a line of its own, outside the *…*"
}

// captionWords says that the settings given are left out, for a warning:
// `caption="…" is left out, and so is any link in it`.
func captionWords(given []string) string {
	var names []string
	for _, k := range given {
		names = append(names, k+`="…"`)
	}
	if len(names) == 1 {
		return names[0] + " is left out, and so is any link in it"
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " are left out, and so is any link in them"
}

// alone reports whether the figure n is in a paragraph, a heading or other text, where
// no <figure> may be: it is written as its image alone.
func alone(n *figureNode) bool {
	p := n.Parent()
	return p == nil || p.Type() == ast.TypeInline || p.Kind() == ast.KindParagraph || p.Kind() == ast.KindTextBlock || p.Kind() == ast.KindHeading
}

// liftFigure takes f out of the paragraph (or a tight list's text block) it is in: the
// text before it stays in the paragraph, the text after it goes into a new one after it.
// A figure elsewhere stays where it is: in a table cell, a <figure>; in a heading or a
// link, its image alone (alone).
func liftFigure(f *figureNode, src []byte) {
	p := f.Parent()
	var rest ast.Node
	switch p.(type) {
	case *ast.Paragraph:
		rest = ast.NewParagraph()
	case *ast.TextBlock:
		rest = ast.NewTextBlock()
	default:
		return
	}
	outer := p.Parent()
	for c := f.NextSibling(); c != nil; {
		next := c.NextSibling()
		p.RemoveChild(p, c)
		rest.AppendChild(rest, c)
		c = next
	}
	p.RemoveChild(p, f)
	outer.InsertAfter(outer, p, f)
	if t, ok := p.LastChild().(*ast.Text); ok {
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		t.Segment = t.Segment.TrimRightSpace(src)
	}
	for c := rest.FirstChild(); c != nil; c = rest.FirstChild() {
		t, ok := c.(*ast.Text)
		if !ok || !util.IsBlank(t.Segment.Value(src)) {
			break
		}
		rest.RemoveChild(rest, c)
	}
	if t, ok := rest.FirstChild().(*ast.Text); ok {
		t.Segment = t.Segment.TrimLeftSpace(src)
	}
	if rest.HasChildren() {
		outer.InsertAfter(outer, f, rest)
	}
	if blankInline(p, src) {
		outer.RemoveChild(outer, p)
	}
}

// blankInline reports whether the inline content of n is white space or nothing.
func blankInline(n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || !util.IsBlank(t.Segment.Value(src)) {
			return false
		}
	}
	return true
}

// isMore reports whether b is the summary divider, <!--more-->, with or without spaces.
func isMore(b []byte) bool {
	b = bytes.TrimSpace(b)
	if len(b) < len("<!---->") || !bytes.HasPrefix(b, []byte("<!--")) || !bytes.HasSuffix(b, []byte("-->")) {
		return false
	}
	return string(bytes.TrimSpace(b[4:len(b)-3])) == "more"
}

// summaryDivider replaces every <!--more--> of the page, on a line of its own or in a
// paragraph's text, with a node that shows nothing, and keeps the text before the first
// as the page's summary (shortcodes.summary).
func summaryDivider(doc *ast.Document, src []byte, pc parser.Context) {
	var dividers []ast.Node
	for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
		switch b := b.(type) {
		case *ast.HTMLBlock:
			if isMore(htmlBlockText(b, src)) {
				dividers = append(dividers, b)
			}
		case *ast.Paragraph:
			for c := b.FirstChild(); c != nil; c = c.NextSibling() {
				if r, ok := c.(*ast.RawHTML); ok {
					var v []byte
					for i := 0; i < r.Segments.Len(); i++ {
						seg := r.Segments.At(i)
						v = append(v, seg.Value(src)...)
					}
					if isMore(v) {
						dividers = append(dividers, r)
					}
				}
			}
		}
	}
	for i, d := range dividers {
		var m ast.Node = &moreNode{}
		if d.Type() == ast.TypeInline {
			m = &moreInline{}
		}
		d.Parent().ReplaceChild(d.Parent(), d, m)
		if i == 0 {
			sum := summaryBefore(doc, m, src)
			shortcodesOf(pc).summary = &sum
		}
	}
}

// moreInline is the summary divider in a paragraph's text.
type moreInline struct{ ast.BaseInline }

var kindMoreInline = ast.NewNodeKind("SummaryDividerInline")

func (n *moreInline) Kind() ast.NodeKind         { return kindMoreInline }
func (n *moreInline) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// summaryBefore is the plain text of the page before the divider m, white space made
// single spaces. Code blocks are left out: the summary is the prose.
func summaryBefore(doc *ast.Document, m ast.Node, src []byte) string {
	var b []byte
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n == m {
			return ast.WalkStop, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if c == m {
					return ast.WalkStop, nil
				}
				b = appendPlainText(b, c, src)
			}
			b = append(b, ' ')
			return ast.WalkSkipChildren, nil
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(string(b)), " ")
}

// shortcodeRenderer writes the shortcodes' nodes. A figure's links are written by the
// links renderer, which leaves out a dangerous address ("javascript:") unless unsafe.
type shortcodeRenderer struct {
	writer html.Writer
}

func (r shortcodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindFigure, r.renderFigure)
	reg.Register(kindFigcaption, renderFigcaption)
	reg.Register(kindCaptionPart, renderCaptionPart)
	reg.Register(kindRef, renderNothing)
	reg.Register(kindRefURL, r.renderRefURL)
	reg.Register(kindMore, renderNothing)
	reg.Register(kindComment, renderNothing)
	reg.Register(kindDetails, renderDetails)
	reg.Register(kindMoreInline, renderNothing)
	reg.Register(kindTail, r.renderTail)
}

func (r shortcodeRenderer) renderTail(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if n := node.(*shortcodeTail); entering && !n.used {
		_, _ = w.WriteString("<p>")
		seg := n.Lines().At(0)
		r.writer.RawWrite(w, bytes.TrimSpace(seg.Value(src)))
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkSkipChildren, nil
}

func renderNothing(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkContinue, nil
}

// renderFigure writes <figure> around its image and figcaption, as Hugo's figure does,
// with its class. In a paragraph (where no <figure> may be), the image alone.
func (r shortcodeRenderer) renderFigure(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*figureNode)
	if alone(n) {
		return ast.WalkContinue, nil
	}
	if !entering {
		_, _ = w.WriteString("</figure>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<figure")
	if n.class != "" {
		_, _ = w.WriteString(` class="` + stdhtml.EscapeString(n.class) + `"`)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// renderFigcaption writes <figcaption> with the title, escaped; the caption and the
// credit are written as the page's text is.
func renderFigcaption(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*figcaptionNode)
	if !entering {
		_, _ = w.WriteString("</figcaption>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<figcaption>")
	if n.title != "" {
		_, _ = w.WriteString("<strong>" + stdhtml.EscapeString(n.title) + "</strong>")
	}
	return ast.WalkContinue, nil
}

// renderCaptionPart writes the space before a caption or credit that follows the title
// or the caption.
func renderCaptionPart(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if fc, ok := node.Parent().(*figcaptionNode); ok && (node.PreviousSibling() != nil || fc.title != "") {
		_ = w.WriteByte(' ')
	}
	return ast.WalkContinue, nil
}

func (r shortcodeRenderer) renderRefURL(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if l, ok := node.Parent().(*ast.Link); ok && entering {
		r.writer.RawWrite(w, l.Destination)
	}
	return ast.WalkContinue, nil
}

// highlightBlock reads Hugo's {{< highlight go >}} … {{< /highlight >}} as the fenced code
// block it stands for: the lines between are code, as Hugo shows them, and read as Markdown
// they would lose their indents and line breaks. The shortcode must start its line and
// its closing one end a later line; otherwise the inline parser shows it as written.
type highlightBlock struct{}

// highlightKey holds the open block's indent: the code's lines lose as many spaces.
var highlightKey = parser.NewContextKey()

func (highlightBlock) Trigger() []byte { return []byte{'{'} }

func (highlightBlock) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("{{")) {
		return nil, parser.NoChildren
	}
	sc, n, _, ok := lexShortcode(line[pos:])
	if !ok || sc.closing || sc.comment || sc.name != "highlight" {
		return nil, parser.NoChildren
	}
	if closingAt(reader.Source()[seg.Stop:], "highlight") < 0 {
		return nil, parser.NoChildren // no end: the inline parser says so
	}
	var info *ast.Text
	if len(sc.args) > 0 && plainID(sc.args[0]) {
		// The language's own bytes in the source, as a fence's info is.
		lang := []byte(sc.args[0])
		after := pos + bytes.Index(line[pos:], []byte("highlight")) + len("highlight")
		if i := bytes.Index(line[after:pos+n], lang); i >= 0 {
			start := seg.Start - seg.Padding + after + i
			info = ast.NewTextSegment(text.NewSegment(start, start+len(lang)))
		}
	}
	node := ast.NewFencedCodeBlock(info)
	pc.Set(highlightKey, pos)
	// Code after the shortcode on its line is the first line of code.
	if rest := line[pos+n:]; !util.IsBlank(rest) {
		s := text.NewSegment(seg.Start-seg.Padding+pos+n, seg.Stop)
		s.ForceNewline = true
		node.Lines().Append(s)
	}
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

func (highlightBlock) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	indent, _ := pc.Get(highlightKey).(int)
	stop := seg.Stop
	end := -1
	if i := bytes.LastIndex(line, []byte("{{")); i >= 0 {
		if sc, n, _, ok := lexShortcode(line[i:]); ok && sc.closing && !sc.comment && sc.name == "highlight" && util.IsBlank(line[i+n:]) {
			end, stop = i, seg.Start-seg.Padding+i
		}
	}
	if end < 0 || !util.IsBlank(line[:end]) {
		pos, padding := util.IndentPositionPadding(line, reader.LineOffset(), seg.Padding, indent)
		if pos < 0 {
			pos = max(0, util.FirstNonSpacePosition(line)) - seg.Padding
			padding = 0
		}
		s := text.NewSegmentPadding(seg.Start+pos, stop, padding)
		s.ForceNewline = true
		node.Lines().Append(s)
	}
	reader.AdvanceToEOL()
	if end >= 0 {
		return parser.Close
	}
	return parser.Continue | parser.NoChildren
}

func (highlightBlock) Close(ast.Node, text.Reader, parser.Context) {}
func (highlightBlock) CanInterruptParagraph() bool                 { return true }
func (highlightBlock) CanAcceptIndentedLine() bool                 { return false }

// Hugo's comment shortcode, {{% comment %}} … {{% /comment %}}, holds notes the coach keeps
// out of the page: shown as written, as an unknown shortcode is, they were published.
// commentBlock takes one whose shortcodes are on lines of their own, with every line
// between; skipComment one within a paragraph.
type commentBlock struct{}

// commentNode is what commentBlock read: it shows nothing, and has no text for the
// summary, the search index or the word count.
type commentNode struct{ ast.BaseBlock }

var kindComment = ast.NewNodeKind("HugoComment")

func (n *commentNode) Kind() ast.NodeKind         { return kindComment }
func (n *commentNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (commentBlock) Trigger() []byte { return []byte{'{'} }

func (commentBlock) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("{{")) {
		return nil, parser.NoChildren
	}
	sc, n, _, ok := lexShortcode(line[pos:])
	if !ok || sc.closing || sc.comment || sc.name != "comment" || !util.IsBlank(line[pos+n:]) {
		return nil, parser.NoChildren
	}
	if closingAt(reader.Source()[seg.Stop:], "comment") < 0 {
		return nil, parser.NoChildren // no end: the inline parser says so
	}
	reader.AdvanceToEOL()
	return &commentNode{}, parser.NoChildren
}

func (commentBlock) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	i := closingAt(line, "comment")
	if i < 0 {
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	_, n, _, _ := lexShortcode(line[i:])
	if util.IsBlank(line[i+n:]) {
		reader.AdvanceToEOL()
		return parser.Close
	}
	// Text after the end on its line is the page's again, from its own line on.
	reader.Advance(i + n)
	return parser.Close
}

func (commentBlock) Close(ast.Node, text.Reader, parser.Context) {}
func (commentBlock) CanInterruptParagraph() bool                 { return true }
func (commentBlock) CanAcceptIndentedLine() bool                 { return false }

// skipComment moves block past the end of the comment shortcode it is just after, when
// its paragraph has one, and reports whether it had.
func skipComment(block text.Reader) bool {
	l, p := block.Position()
	for {
		line, _ := block.PeekLine()
		if line == nil {
			block.SetPosition(l, p)
			return false
		}
		if i := closingAt(line, "comment"); i >= 0 {
			_, n, _, _ := lexShortcode(line[i:])
			block.Advance(i + n)
			return true
		}
		block.AdvanceLine()
	}
}

// closingAt is where the first closing shortcode of name in b starts ({{< /name >}}), or -1.
func closingAt(b []byte, name string) int {
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte("{{"))
		if i < 0 {
			return -1
		}
		if sc, _, _, ok := lexShortcode(b[off+i:]); ok && sc.closing && !sc.comment && sc.name == name {
			return off + i
		}
		off += i + 2
	}
}

// Hugo's details shortcode (Hugo 0.140 on), {{< details summary="More" >}} … {{< /details >}},
// is a <details> element: its summary, and the Markdown between, shown when opened. Both
// shortcodes must be on lines of their own; otherwise the inline parser shows them as
// written, as an unknown shortcode.
type detailsBlock struct{}

// detailsNode is a details shortcode's element; its children are the Markdown between.
type detailsNode struct {
	ast.BaseBlock
	summary string
	open    bool
}

var kindDetails = ast.NewNodeKind("HugoDetails")

func (n *detailsNode) Kind() ast.NodeKind         { return kindDetails }
func (n *detailsNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (detailsBlock) Trigger() []byte { return []byte{'{'} }

func (detailsBlock) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("{{")) {
		return nil, parser.NoChildren
	}
	sc, n, _, ok := lexShortcode(line[pos:])
	if !ok || sc.closing || sc.comment || sc.name != "details" || !util.IsBlank(line[pos+n:]) {
		return nil, parser.NoChildren
	}
	if closingAt(reader.Source()[seg.Stop:], "details") < 0 {
		return nil, parser.NoChildren
	}
	d := &detailsNode{summary: sc.get("summary", -1), open: sc.get("open", -1) == "true"}
	if d.summary == "" {
		d.summary = "Details" // Hugo's word, in English
		warn(pc, reader.Source(), seg.Start+pos, `Hugo shortcode {{< details >}} has no summary="…", so it shows the word "Details"; give it the words to show, like summary="More about this"`)
	}
	reader.AdvanceToEOL()
	return d, parser.HasChildren
}

func (detailsBlock) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	t := util.TrimLeftSpace(util.TrimRightSpace(line))
	if sc, n, _, ok := lexShortcode(t); ok && n == len(t) && sc.closing && !sc.comment && sc.name == "details" {
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (detailsBlock) Close(ast.Node, text.Reader, parser.Context) {}
func (detailsBlock) CanInterruptParagraph() bool                 { return true }
func (detailsBlock) CanAcceptIndentedLine() bool                 { return false }

// renderDetails writes <details> with its summary, every word escaped.
func renderDetails(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*detailsNode)
	if !entering {
		_, _ = w.WriteString("</details>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<details")
	if n.open {
		_, _ = w.WriteString(" open")
	}
	_, _ = w.WriteString("><summary>" + stdhtml.EscapeString(n.summary) + "</summary>\n")
	return ast.WalkContinue, nil
}
