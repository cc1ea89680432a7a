package worksheet

import (
	"bytes"
	"fmt"
	"slices"
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

// kindWords are the words other tools and forms use for Between's kinds, and MkDocs' for
// its callouts: "::: rating" is a scale.
var kindWords = func() map[string]string {
	m := map[string]string{
		"text": "answer", "textarea": "answer", "paragraph": "answer", "essay": "answer", "long": "answer",
		"input": "line", "short": "line", "shorttext": "line",
		"rating": "scale", "slider": "scale", "range": "scale", "likert": "scale",
		"radio": "choice", "select": "choice", "dropdown": "choice", "options": "choice", "multiplechoice": "choice",
		"checkbox": "checklist", "checkboxes": "checklist", "todo": "checklist", "tasks": "checklist", "list": "checklist",
		"grid": "table", "tracker": "table",
		"journal": "log", "diary": "log",
		"calendar": "date", "datepicker": "date",
		"callout": "note", "aside": "note", "alert": "warning",
		// A question to answer, in a form tool; MkDocs' "question" callout is a note.
		"question": "answer", "longanswer": "answer", "textbox": "answer", "open": "answer",
		"shortanswer": "line", "textfield": "line", "textline": "line",
		"yesno": "choice", "boolean": "choice", "singlechoice": "choice",
		"ratingscale": "scale", "checkboxlist": "checklist",
	}
	for k, v := range admonitionKinds {
		if _, ok := m[k]; !ok {
			m[k] = v
		}
	}
	return m
}()

// kindWord is w as kindWords has it: "Multiple-Choice" is "multiplechoice".
func kindWord(w string) string {
	return strings.NewReplacer("-", "", "_", "", "/", "").Replace(strings.ToLower(w))
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

// Trigger is the colon, and the first byte of the full-width one (U+FF1A), which a coach
// writing with a Japanese or Chinese input method types for ":" unless they switch it off.
// And the first byte of the full-width space (U+3000) that such a coach may indent a line
// with: "　：：：" is a ::: line to them (ideographicIndent).
func (b *blockParser) Trigger() []byte { return []byte{':', 0xEF, 0xE3} }

// ideographicIndent is pos moved past the full-width spaces (U+3000) at line[pos:]: Markdown
// takes them for text, and "　：：：　answer" was a paragraph whose ::: line under it then
// closed nothing.
func ideographicIndent(line []byte, pos int) int {
	for pos+2 < len(line) && line[pos] == 0xE3 && line[pos+1] == 0x80 && line[pos+2] == 0x80 {
		pos += 3
	}
	return pos
}

// colonAt is the length of the colon at line[i], or 0: ":" or the full-width "：". Both read
// the same on a ::: line: "：：：　answer" can mean nothing else, and looks like ::: answer
// to the coach who typed it.
func colonAt(line []byte, i int) int {
	switch {
	case i >= len(line):
		return 0
	case line[i] == ':':
		return 1
	case line[i] == 0xEF && i+2 < len(line) && line[i+1] == 0xBC && line[i+2] == 0x9A:
		return 3
	}
	return 0
}

// colons counts the colons at the start of line[pos:], and the bytes they take.
func colons(line []byte, pos int) (n, size int) {
	for c := colonAt(line, pos+size); c > 0; c = colonAt(line, pos+size) {
		n++
		size += c
	}
	return n, size
}

// fence reports whether line[pos:] starts with three or more colons, and the length in bytes
// of the run of them, or 0.
func fence(line []byte, pos int) int {
	if n, size := colons(line, pos); n >= 3 {
		return size
	}
	return 0
}

// equalsAt is the length of the = at line[i], or 0: "=" or the full-width "＝" (U+FF1D) of
// an input method, as in lines＝4.
func equalsAt(line []byte, i int) int {
	switch {
	case i >= len(line):
		return 0
	case line[i] == '=':
		return 1
	case line[i] == 0xEF && i+2 < len(line) && line[i+1] == 0xBC && line[i+2] == 0x9D:
		return 3
	}
	return 0
}

// twoColons reports a line that opens a field or callout with two colons ("::
// answer"): it is read as text, and the field would be missing with no word said.
func twoColons(line []byte, pos int, reader text.Reader, pc parser.Context) {
	n, size := colons(line, pos)
	if n != 2 {
		return
	}
	i := skipSpace(line, pos+size)
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
	return n > 0 && isBlank(line[pos+n:])
}

func (b *blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	if line[pos] == 0xE3 {
		// Most such lines are Japanese text (kana start with the same byte).
		if pos = ideographicIndent(line, pos); colonAt(line, pos) == 0 {
			return nil, parser.NoChildren
		}
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

	if isBlank(line[pos+n:]) {
		if next := strings.Fields(nextLine(source, segment.Stop)); len(next) > 0 {
			// ":::" and "answer id=wins" on the line under it: the opening line broken in two.
			// "note the time" under a stray ::: is text.
			if isKind(next[0]) && (len(next) == 1 || isOptionWord(next[1])) {
				st.problem(lineNo, colOf(pos), fmt.Sprintf("this ::: line has no kind, and the line under it starts with one; "+
					"write them on one line: ::: %s", strings.Join(next, " ")))
				reader.AdvanceToEOL()
				return &strayFence{}, parser.NoChildren
			}
		}
		st.problem(lineNo, colOf(pos), "this ::: closes nothing, since no field or callout is open here; remove the line, "+
			"or, if it closes a field in a list item or a quote, indent it or start it with > like the opening ::: line")
		reader.AdvanceToEOL()
		return &strayFence{}, parser.NoChildren
	}

	c := container{line: lineNo, col: colOf(pos)}
	ks := skipSpace(line, pos+n)
	i := wordEnd(line, ks)
	c.kind = string(line[ks:i])
	c.kindCol = colOf(ks)
	braced := ""
	if b := skipSpace(line, i); b < len(line) && line[b] == '{' {
		if e := bytes.LastIndexByte(line, '}'); e > b && isBlank(line[e+1:]) {
			// ::: answer {id=wins lines=4}, as some Markdown tools write attributes, and
			// {#wins} for the id, as Pandoc and kramdown write it.
			var words []string
			for _, w := range strings.Fields(string(line[b+1 : e])) {
				if id, ok := strings.CutPrefix(w, "#"); ok && id != "" {
					w = "id=" + id
				}
				words = append(words, w)
			}
			braced = strings.Join(words, " ")
			st.problem(lineNo, colOf(b), fmt.Sprintf("write the options without { }: ::: %s %s", c.kind, braced))
			line = slices.Clone(line)
			line[b], line[e] = ' ', ' '
		}
	}
	report := func(col int, msg string) { st.problem(lineNo, col, msg) }
	kindless := false
	if _, _, known := kindOptions(c.kind); !known && isOptionWord(c.kind) {
		// "::: id=wins answer": the options before the kind, or the kind left out.
		c.opts = parseOptions(line, ks, colOf, report)
		kind := ""
		for j, o := range c.opts {
			if _, _, ok := kindOptions(strings.ToLower(o.key)); ok && !o.hasValue {
				kind = strings.ToLower(o.key)
				c.opts = slices.Delete(c.opts, j, j+1)
				break
			}
		}
		var rest []string
		for _, w := range strings.Fields(string(line[ks:])) {
			if !strings.EqualFold(w, kind) {
				rest = append(rest, w)
			}
		}
		if kind != "" {
			st.problem(lineNo, c.kindCol, fmt.Sprintf("the kind comes first on a ::: line, then the options: ::: %s %s", kind, strings.Join(rest, " ")))
			c.kind = kind
		} else {
			st.problem(lineNo, c.kindCol, fmt.Sprintf("this ::: line has no kind; write it first, then the options: ::: answer %s (kinds: %s)",
				strings.Join(rest, " "), strings.Join(kindNames(), ", ")))
			kindless = true
		}
	} else {
		c.opts = parseOptions(line, i, colOf, report)
	}
	if braced != "" {
		for j, o := range c.opts {
			if id, ok := strings.CutPrefix(o.key, "#"); ok && o.word && id != "" {
				c.opts[j] = option{key: "id", value: id, hasValue: true, col: o.col}
			}
		}
	}
	reader.AdvanceToEOL()

	_, field, known := kindOptions(c.kind)
	st.opened = true
	switch {
	case !known && kindless:
		return &CalloutNode{container: c}, parser.HasChildren
	case !known:
		msg := fmt.Sprintf("unknown field kind %q", c.kind)
		if s := suggest(c.kind, kindNames()); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else if s := kindWords[kindWord(c.kind)]; s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else if s := narrow(c.kind); s != c.kind {
			if _, _, ok := kindOptions(strings.ToLower(s)); ok {
				msg += fmt.Sprintf("; did you mean %q, in ordinary (half-width) letters?", strings.ToLower(s))
			}
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

// narrow is s with the full-width letters, digits and signs of an input method (ａｎｓｗｅｒ)
// made ordinary ones.
func narrow(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFEE0
		}
		return r
	}, s)
}

// isKind reports whether w is the name of a kind of field or callout.
func isKind(w string) bool { _, _, ok := kindOptions(w); return ok }

// nextLine is the line of source that starts at start, without its spaces at either end.
func nextLine(source []byte, start int) string {
	if start >= len(source) {
		return ""
	}
	end := bytes.IndexByte(source[start:], '\n')
	if end < 0 {
		end = len(source) - start
	}
	return strings.TrimSpace(string(source[start : start+end]))
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// spaceAt is the length of the space at line[i], or 0: a space, a tab, a line end, a
// no-break space (U+00A0, U+202F), which word processors put in as they please and which
// looks like a space to the coach who reads the line, or a full-width one (U+3000).
func spaceAt(line []byte, i int) int {
	switch {
	case i >= len(line):
		return 0
	case isSpace(line[i]):
		return 1
	case line[i] == 0xC2 && i+1 < len(line) && line[i+1] == 0xA0:
		return 2
	case line[i] == 0xE2 && i+2 < len(line) && line[i+1] == 0x80 && line[i+2] == 0xAF:
		return 3
	case line[i] == 0xE3 && i+2 < len(line) && line[i+1] == 0x80 && line[i+2] == 0x80:
		return 3 // the ideographic space of a Japanese or Chinese input method
	}
	return 0
}

// skipSpace returns the index of the first byte at or after i that is no space.
func skipSpace(line []byte, i int) int {
	for n := spaceAt(line, i); n > 0; n = spaceAt(line, i) {
		i += n
	}
	return i
}

// wordEnd returns the index of the first space at or after i.
func wordEnd(line []byte, i int) int {
	for i < len(line) && spaceAt(line, i) == 0 {
		i++
	}
	return i
}

// isBlank reports whether b holds only spaces, no-break ones included.
func isBlank(b []byte) bool { return skipSpace(b, 0) == len(b) }

// isOptionWord reports whether w is an option of some kind, written with its value: id=wins.
func isOptionWord(w string) bool {
	k, _, ok := strings.Cut(narrow(w), "=")
	return ok && optionNames[k]
}

// optionNames are the options of every kind: "lines: 4" is an option written with a colon,
// "well: yes" a question's words.
var optionNames = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range kinds {
		for _, o := range k.options {
			m[o] = true
		}
	}
	return m
}()

// parseOptions reads key=value, key="quoted value" and bare flags from line[i:]. A word
// that cannot be an option is kept as an option with word set, for checkOptionNames to
// tell what it is (the question, written on the ::: line; the rest of a value with spaces).
func parseOptions(line []byte, i int, colOf func(int) int, report func(col int, msg string)) []option {
	var opts []option
	comma := -1 // where the first comma between options is
	for {
		i = skipSpace(line, i)
		if i >= len(line) {
			if comma >= 0 {
				// id=wins, lines=4: as a list is written in a sentence, or in JSON.
				report(colOf(comma), "write the options with only spaces between them, not commas: "+writeOptions(opts))
			}
			return opts
		}
		ks := i
		for i < len(line) && isKeyByte(line[i]) {
			i++
		}
		if i == ks || (i < len(line) && spaceAt(line, i) == 0 && equalsAt(line, i) == 0 && !(colonAt(line, i) > 0 && optionNames[string(line[ks:i])])) {
			// Not an option: a word of its own.
			i = wordEnd(line, i)
			word := string(line[ks:i])
			if strings.Trim(word, ":：") == "" {
				continue // "::: note :::" closes its own opening line in some tools; ignore
			}
			if k := strings.TrimRight(word, ","); k != word && k != "" && ks+len(k) == keyEnd(line, ks) {
				// "multiple," in a list of options with commas
				if comma < 0 {
					comma = ks + len(k)
				}
				opts = append(opts, option{key: k, col: colOf(ks)})
				continue
			}
			opts = append(opts, option{key: word, col: colOf(ks), word: true})
			continue
		}
		o := option{key: string(line[ks:i]), col: colOf(ks)}
		// The = may have spaces around it (lines = 4, as in the front matter) or be a colon
		// (lines: 4): the meaning is plain, but it is said, so that the file reads as the docs.
		sep := skipSpace(line, i)
		spaced := sep > i
		eq, colon := equalsAt(line, sep), 0
		if eq == 0 && optionNames[o.key] {
			colon = colonAt(line, sep)
		}
		if eq+colon > 0 {
			i = sep + eq + colon
			if after := skipSpace(line, i); after > i && after < len(line) && (spaced || colon > 0 || !nextIsOption(line, after)) {
				spaced, i = true, after
			}
			o.hasValue = true
			vs := i
			i = readValue(line, i, &o, colOf, report)
			written := strings.TrimSpace(string(line[vs:i]))
			at := -1
			switch {
			case o.quoted && i < len(line) && line[i] == ',':
				at, i = i, i+1
			case !o.quoted && len(o.value) > 1 && strings.HasSuffix(o.value, ","):
				o.value = strings.TrimRight(o.value, ",")
				at, written = i-1, o.value
			}
			if comma < 0 {
				comma = at
			}
			switch {
			case colon > 0:
				report(o.col, fmt.Sprintf("write %s=%s, with = instead of :", o.key, written))
			case spaced:
				report(o.col, fmt.Sprintf("write %s=%s, without spaces around =", o.key, written))
			}
		}
		opts = append(opts, o)
	}
}

// keyEnd is the index of the first byte at or after i that cannot be in a key.
func keyEnd(line []byte, i int) int {
	for i < len(line) && isKeyByte(line[i]) {
		i++
	}
	return i
}

// writeOptions writes opts as they belong on a ::: line.
func writeOptions(opts []option) string {
	var words []string
	for _, o := range opts {
		switch {
		case !o.hasValue:
			words = append(words, o.key)
		case o.quoted || strings.ContainsAny(o.value, " \t"):
			words = append(words, fmt.Sprintf("%s=%q", o.key, o.value))
		default:
			words = append(words, o.key+"="+o.value)
		}
	}
	return strings.Join(words, " ")
}

// nextIsOption reports whether line[i:] starts with key=, the next option: "id= lines=4" is
// an empty id, not an id of "lines=4".
func nextIsOption(line []byte, i int) bool {
	j := i
	for j < len(line) && isKeyByte(line[j]) {
		j++
	}
	return j > i && equalsAt(line, j) > 0
}

// readValue reads the value of o from line[i:], quoted or not, and returns where it ends.
func readValue(line []byte, i int, o *option, colOf func(int) int, report func(col int, msg string)) int {
	if i < len(line) && (line[i] == '"' || line[i] == '\'') {
		o.quoted = true
		q := line[i]
		i++
		vs := i
		end := bytes.IndexByte(line[i:], q)
		rest := line[vs:]
		if end >= 0 {
			rest = line[vs : i+end]
		}
		// A straight quote closed by a curly one, as a word processor makes the second of
		// two quotes typed: low="Not at all”.
		if at := bytes.Index(rest, []byte("”")); q == '"' && at >= 0 && (spaceAt(rest, at+3) > 0 || at+3 == len(rest)) {
			o.value = string(rest[:at])
			report(o.col, fmt.Sprintf("the value of %s opens with a straight quote (\") and closes with a curly one (”); "+
				"use straight quotes at both ends: %s=%q", o.key, o.key, o.value))
			return vs + at + 3
		}
		if end >= 0 {
			// The quote closed is the next option's: low="Not at all high="Very".
			if k := lastOptionStart(rest); k > 0 {
				o.value = strings.TrimRight(string(rest[:k]), " \t")
				report(o.col, fmt.Sprintf("the value of %s opens a quote (%c) that is not closed; add %c after %q", o.key, q, q, o.value))
				return vs + k
			}
			o.value = string(rest)
			return i + end + 1
		}
		v := strings.TrimRight(string(rest), "\r\n")
		report(o.col, fmt.Sprintf("the value of %s opens a quote (%c) that is not closed; add %c after %q", o.key, q, q, v))
		o.value = v
		return len(line)
	}
	if open, ok := curlyOpen(line[i:]); ok {
		o.quoted = true
		// low=“Not at all”, as word processors and notes apps write it: one
		// message, rather than one for each word the quote fails to hold together.
		i += open
		vs := i
		end, size := curlyClose(line[i:])
		o.value = strings.TrimRight(string(line[vs:i+end]), "\r\n")
		report(o.col, fmt.Sprintf("use straight quotes \" \", not curly ones “ ” (word processors and notes apps put those in): %s=%q", o.key, o.value))
		return i + end + size
	}
	vs := i
	i = wordEnd(line, i)
	o.value = string(line[vs:i])
	return i
}

// lastOptionStart returns where in a quoted value the key of a next option starts, when the
// value ends with it (" high="), or 0.
func lastOptionStart(v []byte) int {
	if len(v) == 0 || v[len(v)-1] != '=' {
		return 0
	}
	k := len(v) - 1
	for k > 0 && isKeyByte(v[k-1]) {
		k--
	}
	if k == len(v)-1 || k == 0 || spaceAt(v, k-1) == 0 || !optionNames[string(v[k:len(v)-1])] {
		return 0
	}
	return k
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
	line, segment := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	pos = ideographicIndent(line, pos)
	if w < 4 && isClosing(line, pos) && !innerOpen(node, pc) {
		containerOf(node).closeAt = segment.Start
		reader.AdvanceToEOL()
		containerOf(node).closed = true
		return parser.Close
	}
	if w < 4 && !innerOpen(node, pc) {
		if msg := closingLookAlike(line, pos, containerOf(node)); msg != "" {
			source := reader.Source()
			start := segment.Start - segment.Padding
			lineNo, lineStart := lineOf(source, start+pos)
			stateOf(pc).problem(lineNo, utf8.RuneCount(source[lineStart:start+pos])+1, msg)
			reader.AdvanceToEOL()
			containerOf(node).closed = true
			return parser.Close
		}
	}
	return parser.Continue | parser.HasChildren
}

// closingLookAlike is the message for a line meant to close c that does not: "::" (two
// colons), "::: end" or "::: /answer", as other tools close their blocks. The line closes c
// all the same, so that what follows is not taken into it.
func closingLookAlike(line []byte, pos int, c *container) string {
	if colonAt(line, pos) == 0 {
		return "" // most lines: not a word of text is copied for them
	}
	rest := strings.TrimSpace(string(line[pos:]))
	name := "::: " + c.kind
	if o, ok := c.opt("id"); ok && o.value != "" {
		name += fmt.Sprintf(" %q", o.value)
	}
	if n, size := colons(line, pos); n == 2 && isBlank(line[pos+size:]) {
		return fmt.Sprintf("this line has two colons; close %s with a line of three: :::", name)
	}
	n := fence(line, pos)
	if n == 0 {
		return ""
	}
	word := strings.ToLower(strings.TrimSpace(string(line[skipSpace(line, pos+n):])))
	word = strings.TrimSpace(strings.TrimRight(word, ":："))
	switch word {
	case "end", "close", "/", "end" + c.kind, "/" + c.kind, "end " + c.kind, "end-" + c.kind:
		return fmt.Sprintf("close %s with a line of only :::, not \"%s\"", name, rest)
	}
	return ""
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
	// "::: answer" written again to close an answer, as other tools close their blocks: it
	// opens a field inside the first, and neither is ever closed.
	if outer := containerOf(node.Parent()); outer != nil && !outer.closed && outer.kind == c.kind && len(c.opts) == 0 {
		if _, field := node.(*FieldNode); field {
			oname := "::: " + outer.kind
			if o, ok := outer.opt("id"); ok && o.value != "" {
				oname += fmt.Sprintf(" %q", o.value)
			}
			stateOf(pc).problem(c.line, c.col, fmt.Sprintf("this ::: %s opens a new field inside %s, which is never closed; "+
				"to close %s, write only :::", c.kind, oname, oname))
			outer.closed, c.closed, c.closer = true, true, true
			return
		}
	}
	msg := name + " is never closed; add a line with only ::: after its content"
	// A callout that holds a field needs two closing lines; with one, it is the field that
	// closes. The place is said relative to this line, as the caller adds the front matter.
	// A field holds no field: one opened in it was meant after it.
	for n := node.LastChild(); n != nil; n = n.PreviousSibling() {
		ic := containerOf(n)
		if ic == nil || !ic.closed {
			continue
		}
		if _, field := node.(*FieldNode); field {
			msg += fmt.Sprintf(" (the ::: %s %d lines below is inside it; close this one before that line)", ic.kind, ic.line-c.line)
		} else {
			l, _ := lineOf(reader.Source(), ic.closeAt)
			msg += fmt.Sprintf(" (the ::: %d lines below closes the ::: %s inside it, so this one needs a ::: of its own)", l-c.line, ic.kind)
		}
		break
	}
	stateOf(pc).problem(c.line, c.col, msg)
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
