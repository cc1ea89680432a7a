package worksheet

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/between-ssg/between/generator/diag"
	eemoji "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/between-ssg/between/generator/typo"
)

// Limits that keep a field usable on a phone and on paper.
const (
	maxIDLen    = 40
	maxLines    = 60
	maxRows     = 60
	maxPoints   = 21
	defaultRows = 3
)

func suggest(word string, candidates []string) string { return diag.Suggest(word, candidates) }

// transformer runs after inline parsing, when labels have their text: it checks every field,
// gives it its id, reshapes it into label, help and control, and records it in the context.
type transformer struct{}

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	source := reader.Source()
	if !st.opened && !st.tasks && !mayLookAlike(source) {
		return
	}
	var order []ast.Node // fields and task check boxes, in document order
	var callouts []*CalloutNode
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *FieldNode:
			order = append(order, n)
		case *CalloutNode:
			callouts = append(callouts, n)
		case *east.TaskCheckBox:
			order = append(order, n)
		}
		return ast.WalkContinue, nil
	})

	// Fields first, so that their ids (written by the coach) win over the ids of task list
	// items (derived, and made unique instead of reported).
	// Before the fields are reshaped, while their Markdown is as written.
	hasField := slices.ContainsFunc(order, func(n ast.Node) bool { _, ok := n.(*FieldNode); return ok })
	lookAlikes(doc, source, st, hasField)
	ids := map[string]int{}
	told := map[*FieldNode]bool{} // the fields a field was told to be opened in
	ordinal := 0
	// Before any field is reshaped, while their paragraphs are where they were written.
	for _, n := range order {
		if f, ok := n.(*FieldNode); ok {
			f.inline, f.inlineAt = inlineColons(f, source)
		}
	}
	for _, c := range callouts {
		c.inline, c.inlineAt = inlineColons(c, source)
	}
	for _, n := range order {
		if f, ok := n.(*FieldNode); ok {
			ordinal++
			nestedField(f, source, st, told)
			inlineClosing(&f.container, f, source, st)
			checkField(f, source, st, ids, ordinal)
		}
	}
	for _, c := range callouts {
		if c.CalloutKind != "" {
			inlineClosing(&c.container, c, source, st)
		}
		checkCallout(c, st)
	}
	for _, n := range order {
		switch n := n.(type) {
		case *FieldNode:
			st.fields = append(st.fields, n.Info)
		case *east.TaskCheckBox:
			if st.tasks && n.Parent() != nil {
				st.fields = append(st.fields, makeTask(n, source, ids, st))
			}
		}
	}
}

// nestedField reports a field opened inside another that was closed after it: the first was
// meant to be closed before the second opened. (One never closed is told as that, with the
// field inside it.) The fix moves the outer field's closing ::: up, so it is told once, at
// the first field inside it: told holds the outer fields told of.
func nestedField(f *FieldNode, source []byte, st *state, told map[*FieldNode]bool) {
	if f.closer {
		return
	}
	for p := f.Parent(); p != nil; p = p.Parent() {
		outer, ok := p.(*FieldNode)
		if !ok {
			continue
		}
		if outer.closeAt == 0 || told[outer] {
			return // never closed: said at its ::: line
		}
		told[outer] = true
		name := fenceName(&outer.container)
		// Lines are said relative to this one, as the caller adds the front matter's.
		closeLine, _ := lineOf(source, outer.closeAt)
		below := closeLine - f.line
		if outer.inline != "" {
			st.problem(f.line, f.col, fmt.Sprintf("::: %s opens inside %s, whose ::: at the end of the line %q is text, and a field cannot hold "+
				"another; put that ::: on a line of its own, and remove the ::: %d lines below, which closes %s now", f.kind, name, outer.inline, below, name))
			return
		}
		st.problem(f.line, f.col, fmt.Sprintf("::: %s opens inside %s, which is not closed before it, and a field cannot hold "+
			"another; close %s with a line of only ::: before this one, and remove the ::: %d lines below, which closes it now",
			f.kind, name, name, below))
		return
	}
}

// fenceName is "::: answer" and the id, if written: "::: answer \"wins\"".
func fenceName(c *container) string {
	name := "::: " + c.kind
	if o, ok := c.opt("id"); ok && o.value != "" {
		name += fmt.Sprintf(" %q", o.value)
	}
	return name
}

// inlineColons finds a ::: at the end of a line of text in n: "What went well? :::". It
// returns the line, trimmed, and where its ::: starts in source; "" if there is none.
func inlineColons(n ast.Node, source []byte) (line string, at int) {
	for p := n.FirstChild(); p != nil; p = p.NextSibling() {
		if p.Kind() != ast.KindParagraph {
			continue
		}
		for i := 0; i < p.Lines().Len(); i++ {
			seg := p.Lines().At(i)
			v := bytes.TrimRight(seg.Value(source), " \t\r\n")
			text, ok := bytes.CutSuffix(v, []byte(":::"))
			if !ok || len(bytes.TrimSpace(text)) == 0 || spaceAt(text, len(text)-1) == 0 {
				continue
			}
			return string(bytes.TrimSpace(v)), seg.Start + len(text)
		}
	}
	return "", 0
}

// inlineClosing tells of a ::: at the end of a line of text in c: "What went well? :::", as
// if it closed c, which only a line of its own does. It is text, and c goes on over what
// follows. When a later ::: closes c, the page built before this was told of, with the ::: as
// text and c closed there, which loses nothing the coach wrote: a warning. (With a field
// inside a field, that field's error says what to do with this :::.) Never closed, c is an
// error all the same, and this says why.
func inlineClosing(c *container, n ast.Node, source []byte, st *state) {
	if c.inline == "" {
		return
	}
	l, col := placeOf(source, c.inlineAt)
	if c.closeAt == 0 {
		st.problem(l, col, fmt.Sprintf("this ::: at the end of a line is text, and does not close %s: "+
			"a closing ::: goes on a line of its own", fenceName(c)))
		return
	}
	if _, field := n.(*FieldNode); field && holdsField(n) {
		return
	}
	closeLine, _ := lineOf(source, c.closeAt)
	st.warn(l, col, fmt.Sprintf("this ::: at the end of a line shows as text, and %s goes on to the ::: %d lines below, which closes it; "+
		"remove this :::, or, if %s ends here, put it on a line of its own and remove that one",
		fenceName(c), closeLine-l, fenceName(c)))
}

// holdsField reports whether a field was opened inside n.
func holdsField(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := c.(*FieldNode); ok && entering && c != n && !f.closer {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

func checkCallout(c *CalloutNode, st *state) {
	if c.CalloutKind == "" {
		return // the unknown kind is already reported
	}
	checkOptionNames(&c.container, c.kind, st)
	if o, ok := c.opt("title"); ok {
		c.Title = o.value
	}
}

// textOptions hold words, and may have spaces in quotes: low="Not at all".
var textOptions = map[string]bool{"low": true, "high": true, "columns": true, "row": true, "title": true}

// checkOptionNames reports options the kind does not have and options given twice. Words
// that are no options are told as what they most likely are: the question written on the
// ::: line, or the rest of a value with spaces that was not quoted. It reports whether it
// told of a question on the ::: line.
func checkOptionNames(c *container, name string, st *state) (question bool) {
	allowed, _, _ := kindOptions(c.kind)
	seen := map[string]bool{}
	for i := 0; i < len(c.opts); i++ {
		o := c.opts[i]
		if stray(o, allowed) {
			// The run of stray words from here, and the option just before it.
			j := i
			var words []string
			for j < len(c.opts) && stray(c.opts[j], allowed) {
				words = append(words, c.opts[j].key)
				j++
			}
			var prev *option
			if i > 0 && c.opts[i-1].hasValue && !c.opts[i-1].quoted {
				prev = &c.opts[i-1]
			}
			if msg, q, ofPrev := strayWords(c, name, prev, words, allowed); msg != "" {
				col := o.col
				if ofPrev {
					col = prev.col // the value that goes on
				}
				st.problem(c.line, col, msg)
				question = question || q
				i = j - 1
				continue
			}
		}
		if o.word {
			st.problem(c.line, o.col, fmt.Sprintf("cannot read %q on the ::: line; write options as key=value, for example id=wins", o.key))
			continue
		}
		if what := questionWords[strings.ToLower(o.key)]; what != "" && isField(c.kind) && o.hasValue && suggestOption(o.key, allowed) == "" {
			// ::: answer label="What now?", as form tools take it.
			fix := fmt.Sprintf("write %q on the line under ::: %s, as its question", o.value, c.kind)
			if what == "help text" {
				fix = fmt.Sprintf("write %q as a paragraph under the question, after a blank line, as its help text", o.value)
			}
			st.problem(c.line, o.col, fmt.Sprintf("%s: %s is no option of a field; %s", name, o.key, fix))
			question = question || what == "question"
			continue
		}
		if !slices.Contains(allowed, o.key) {
			msg := fmt.Sprintf("%s: unknown option %q", name, o.key)
			if s := suggestOption(o.key, allowed); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			msg += fmt.Sprintf(" (%s options: %s)", c.kind, strings.Join(allowed, ", "))
			st.problem(c.line, o.col, msg)
			continue
		}
		if seen[o.key] {
			st.problem(c.line, o.col, fmt.Sprintf("%s: option %s is given twice; keep one", name, o.key))
		}
		seen[o.key] = true
	}
	return question
}

// stray reports a word of the ::: line that is neither an option nor a flag of the kind.
func stray(o option, allowed []string) bool {
	return o.word || !o.hasValue && !slices.Contains(allowed, o.key)
}

// optionWords are the words other form tools (and HTML) use for Between's options, each
// with the options it may stand for: an answer's "rows" are its lines, a table's "lines" its
// rows.
var optionWords = map[string][]string{
	"rows": {"lines"}, "height": {"lines", "rows"}, "size": {"lines"}, "lines": {"rows"},
	"cols": {"columns"}, "headers": {"columns"}, "headings": {"columns"}, "fields": {"columns"},
	"name": {"id"}, "key": {"id"},
	"from": {"min"}, "start": {"min"}, "minimum": {"min"}, "lowest": {"min"},
	"to": {"max"}, "end": {"max"}, "maximum": {"max"}, "highest": {"max"},
	"left": {"low"}, "right": {"high"},
	"minlabel": {"low"}, "lowlabel": {"low"}, "leftlabel": {"low"}, "startlabel": {"low"},
	"maxlabel": {"high"}, "highlabel": {"high"}, "rightlabel": {"high"}, "endlabel": {"high"},
	"many": {"multiple"}, "several": {"multiple"}, "checkboxes": {"multiple"},
	"label": {"title"}, "heading": {"title"}, "header": {"title"},
}

// questionWords are options other tools take the question or help text in; in Between they
// are the paragraphs under the ::: line.
var questionWords = map[string]string{
	"label": "question", "question": "question", "title": "question", "prompt": "question", "text": "question",
	"placeholder": "help text", "hint": "help text", "help": "help text", "description": "help text",
}

// suggestOption is the option that key is a typo or the start of ("multi"), or another
// tool's word for ("rows" for lines), if any.
func suggestOption(key string, allowed []string) string {
	if s := suggest(key, allowed); s != "" {
		return s
	}
	for _, w := range optionWords[kindWord(key)] { // min-label is minlabel
		if slices.Contains(allowed, w) {
			return w
		}
	}
	for _, a := range allowed {
		if len(key) >= 3 && strings.HasPrefix(a, strings.ToLower(key)) {
			return a
		}
	}
	return ""
}

// strayWords is the message for words of a ::: line that are no options, when they tell
// more than one "unknown option" each: the rest of prev's value, written with spaces and
// no quotes; the question; a scale's range written 1-10. It says whether it is the
// question, and whether it tells of prev.
func strayWords(c *container, name string, prev *option, words []string, allowed []string) (msg string, question, ofPrev bool) {
	text := strings.Join(words, " ")
	switch {
	case c.kind == "scale" && len(words) == 1 && scaleRange(words[0]) != "":
		return fmt.Sprintf("%s: write the range %s as %s", name, words[0], scaleRange(words[0])), false, false
	case prev != nil && textOptions[prev.key]:
		whole := prev.value + " " + text
		msg := fmt.Sprintf("%s: %s=%s has spaces, so only %q is read as its value; put it in quotes: %s=%q",
			name, prev.key, whole, prev.value, prev.key, whole)
		prev.value = whole
		return msg, false, true
	case prev != nil && prev.key == "id" && len(words) == 1 && suggestOption(words[0], allowed) != "multiple":
		// A word alone after the id is its second word more likely than an option: the only
		// option written without a value is multiple.
		return fmt.Sprintf("%s: id=%s %s has a space, so %q is read as an option; an id is one word: write id=%s",
			c.kind, prev.value, text, words[0], orDefault(slug(prev.value+" "+text), "wins")), false, true
	case !isField(c.kind) && quotedText(text) != "":
		// ::: tip "Try this", as MkDocs titles its admonitions.
		return fmt.Sprintf("%s: write the title as title=%q", c.kind, quotedText(text)), false, false
	case len(words) >= 2:
		if q := quotedText(text); q != "" {
			text = q // ::: answer "What went well?"
		}
		what := "question"
		if _, field, _ := kindOptions(c.kind); !field {
			what = "text"
		}
		return fmt.Sprintf("%s: %q is on the ::: line, where only options go; write the %s on the line under ::: %s",
			c.kind, text, what, c.kind), true, false
	}
	return "", false, false
}

func isField(kind string) bool { _, field, _ := kindOptions(kind); return field }

// quotedText is the text inside the quotes that text is wrapped in, straight or curly, or "".
func quotedText(text string) string {
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"'", "'"}, {"„", "“"}} {
		if len(text) > len(q[0])+len(q[1]) && strings.HasPrefix(text, q[0]) && strings.HasSuffix(text, q[1]) {
			return text[len(q[0]) : len(text)-len(q[1])]
		}
	}
	return ""
}

// scaleRange reads "1-10" (or "1–10", "1..10") as "min=1 max=10", or returns "".
func scaleRange(w string) string {
	for _, sep := range []string{"..", "–", "-", "/"} {
		if a, b, ok := strings.Cut(strings.TrimPrefix(w, "-"), sep); ok {
			if w[0] == '-' {
				a = "-" + a
			}
			if _, err := strconv.Atoi(a); err != nil {
				continue
			}
			if _, err := strconv.Atoi(b); err != nil {
				continue
			}
			return fmt.Sprintf("min=%s max=%s", a, b)
		}
	}
	return ""
}

// checkField reads a field's label, items, id and options into its Info, and reports what
// is wrong with them at their line and column.
func checkField(f *FieldNode, source []byte, st *state, ids map[string]int, ordinal int) {
	info := Field{Kind: f.kind, Line: f.line}
	label, items := fieldParts(f)
	if label != nil {
		info.Label = plainText(label, source)
		optionsUnder(f, label, source, st)
	}
	// Item mistakes are reported once the field's name (its id) is known.
	var itemProblems []Problem
	var ticked []tick
	if items != nil {
		info.Items, ticked = takeItems(f, items, source, &itemProblems)
	}
	hasID, idCol := fieldID(f, &info, label, st, ordinal)
	info.Auto = !hasID
	name := fmt.Sprintf("%s %q", f.kind, info.ID)
	uniqueFieldID(f, &info, name, hasID, idCol, ids, st)

	h, headed := f.FirstChild().(*ast.Heading)
	at := -1 // where the heading starts: its # or, underlined, its first word
	if headed {
		if at = h.Pos(); at < 0 || at >= len(source) {
			at = lineStartOf(h, source) // -1 for a heading of only #, which has no line of text
		}
	}
	if at >= 0 {
		l, col := placeOf(source, at)
		switch q := plainText(h, source); {
		case source[at] != '#':
			// The question underlined, "---" or "===" on the line under it, as in a text file.
			under := "---"
			if h.Level == 1 {
				under = "==="
			}
			st.problem(l, col, fmt.Sprintf("%s: the line of %s under the question %q makes it a heading, which a field cannot show as its question; "+
				"remove that line", name, under, q))
		case q == "":
			st.problem(l, col, fmt.Sprintf("%s: the line %q is a heading with no words, and the field has no question; "+
				"write the question there, without the #", name, strings.Repeat("#", h.Level)))
		default:
			st.problem(l, col, fmt.Sprintf("%s: the question %q is written as a heading (%s), which a field cannot show as its question; "+
				"write it as a plain line, without the #", name, q, strings.Repeat("#", h.Level)))
		}
	}
	question := checkOptionNames(&f.container, name, st)
	if label == nil && f.kind != "checklist" && !question && !headed && !f.closer {
		st.problem(f.line, f.col, fmt.Sprintf("%s has no label; write the question as the first paragraph inside the ::: lines", name))
	}
	for _, p := range itemProblems {
		st.problem(p.Line, p.Col, name+p.Msg)
	}
	switch f.kind {
	case "answer":
		info.Lines = intOption(f, "lines", 4, 1, maxLines, name, st)
	case "log":
		info.Lines = intOption(f, "lines", 2, 1, maxLines, name, st)
	case "scale":
		scaleOptions(f, &info, name, st)
	case "choice":
		choiceOptions(f, &info, name, st)
		if len(ticked) > 1 && !info.Multiple {
			// Each would be drawn chosen, and the browser shows only the last so. The first
			// is the one a reader of the list sees first: it stays, the others are unticked.
			// This built before it was told of, so it is a warning: no answer is lost, as
			// what starts chosen is only what a client sees before choosing.
			for _, t := range ticked[1:] {
				t.opt.checked = false
				st.warn(t.line, t.col, fmt.Sprintf("%s: %q is ticked ([x]) as well as %q, but a client chooses only one, "+
					"so only %q starts chosen; write %s, or write multiple on the ::: line to let them choose several",
					name, t.opt.value, ticked[0].opt.value, ticked[0].opt.value, t.fix))
			}
		}
	case "table":
		tableOptions(f, &info, name, source, st)
	}
	if items != nil {
		for n := items.NextSibling(); n != nil; n = n.NextSibling() {
			if n.Kind() == ast.KindList && n.Pos() >= 0 {
				// The items split by a line of text: the second list shows as help text,
				// and its items cannot be chosen.
				l, col := placeOf(source, n.Pos())
				st.warn(l, col, fmt.Sprintf("%s: only the first list under the question gives the items; "+
					"this one shows as text, and its items cannot be chosen. Make one list of them all", name))
				break
			}
		}
	}
	if (f.kind == "choice" || f.kind == "checklist") && len(info.Items) == 0 {
		if l, col, item := indentedList(f, source); item != "" {
			st.problem(l, col, fmt.Sprintf("%s has no items: its list is indented 4 spaces or more, so it shows as code; "+
				"start each item at the start of its line: %s", name, item))
		} else if l, col, bullet, rest := pastedBullet(f, source); bullet != "" {
			if b, _ := unspacedBullet(bullet + rest); b == bullet {
				st.problem(l, col, fmt.Sprintf("%s has no items: %q needs a space after the %s to be a list item; write %s %s",
					name, bullet+rest, bullet, bullet, rest))
			} else {
				st.problem(l, col, fmt.Sprintf("%s has no items: a line that starts with %s is no list item to Markdown; "+
					"start each item with - and a space instead: - %s", name, bullet, rest))
			}
		} else {
			st.problem(f.line, f.col, fmt.Sprintf("%s has no items; add a list under the question, one \"- item\" per line", name))
		}
	}
	reshape(f, label, items)
	f.Info = info
}

// indentedList finds a list indented so far (4 spaces, or a tab) that it became a code block
// in f: "    - one", a list set in from the question for looks. It returns the place and the
// first item, or "".
func indentedList(f *FieldNode, source []byte) (line, col int, item string) {
	for c := f.FirstChild(); c != nil; c = c.NextSibling() {
		cb, ok := c.(*ast.CodeBlock)
		if !ok || cb.Lines().Len() == 0 {
			continue
		}
		seg := cb.Lines().At(0)
		text := strings.TrimSpace(string(seg.Value(source)))
		if b, _ := unspacedBullet(strings.Replace(text, " ", "", 1)); b == "" {
			continue // no "- item" nor "1. item"
		}
		start := bytes.LastIndexByte(source[:seg.Start], '\n') + 1
		v := source[start:]
		line, col = placeOf(source, start+len(v)-len(bytes.TrimLeft(v, " \t")))
		return line, col, text
	}
	return 0, 0, ""
}

// pastedBullets are the bullets a word processor's list keeps when it is pasted as text.
var pastedBullets = []string{"•", "◦", "▪", "▫", "●", "○", "‣", "⁃", "–", "—", "➢", "►", "·"}

// pastedBullet finds the first line of f's paragraphs that starts with a pasted bullet:
// "• Low", which Markdown reads as text, so that a choice has no items.
func pastedBullet(f *FieldNode, source []byte) (line, col int, bullet, rest string) {
	for c := f.FirstChild(); c != nil; c = c.NextSibling() {
		p, ok := c.(*ast.Paragraph)
		if !ok {
			continue
		}
		for i := 0; i < p.Lines().Len(); i++ {
			seg := p.Lines().At(i)
			v := seg.Value(source)
			text := strings.TrimSpace(string(v))
			for _, b := range pastedBullets {
				if r, found := strings.CutPrefix(text, b); found && strings.TrimSpace(r) != "" {
					l, col := placeOf(source, seg.Start+len(v)-len(bytes.TrimLeft(v, " \t")))
					return l, col, b, strings.TrimSpace(r)
				}
			}
			if b, r := unspacedBullet(text); b != "" {
				l, col := placeOf(source, seg.Start+len(v)-len(bytes.TrimLeft(v, " \t")))
				return l, col, b, r
			}
		}
	}
	return 0, 0, "", ""
}

// unspacedBullet reads "-Low", "*Low" or "1.Low": an item with no space after its bullet,
// which Markdown reads as text. "---", "**bold**" and "-5" are no items.
func unspacedBullet(text string) (bullet, rest string) {
	n := 0
	for n < len(text) && text[n] >= '0' && text[n] <= '9' {
		n++
	}
	switch {
	case n > 0 && n < len(text) && (text[n] == '.' || text[n] == ')'):
		bullet = text[:n+1]
	case n == 0 && len(text) > 0 && (text[0] == '-' || text[0] == '*' || text[0] == '+'):
		bullet = text[:1]
	default:
		return "", ""
	}
	rest = text[len(bullet):]
	if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !unicode.IsLetter(r) {
		return "", ""
	}
	return bullet, rest
}

// optionsUnder reports options written on the line under the ::: line, where they are the
// start of the question: "id=wins lines=4 What went well?", with an id made of it all.
func optionsUnder(f *FieldNode, label *ast.Paragraph, source []byte, st *state) {
	if label.Lines().Len() == 0 {
		return
	}
	seg := label.Lines().At(0)
	line := seg.Value(source)
	allowed, _, _ := kindOptions(f.kind)
	bad := false
	opts := parseOptions(line, 0, func(int) int { return 0 }, func(int, string) { bad = true })
	if bad || len(opts) == 0 {
		return
	}
	for _, o := range opts {
		if o.word || !slices.Contains(allowed, o.key) {
			return
		}
	}
	text := strings.TrimSpace(string(line))
	l, col := placeOf(source, seg.Start+len(line)-len(bytes.TrimLeft(line, " \t")))
	st.problem(l, col, fmt.Sprintf("%s: %q is on the line under ::: %s, so it shows as part of the question; "+
		"move it up to the end of the ::: line: ::: %s %s", f.kind, text, f.kind, f.kind, text))
}

// fieldParts finds a field's label, its first paragraph, and for choice and checklist the
// first list after it, which holds the items; everything else is help text.
func fieldParts(f *FieldNode) (label *ast.Paragraph, items *ast.List) {
	// A checklist may do without a question: its items say it all.
	hasItems := f.kind == "choice" || f.kind == "checklist"
	for c := f.FirstChild(); c != nil; c = c.NextSibling() {
		if p, ok := c.(*ast.Paragraph); ok && label == nil && items == nil {
			label = p
		}
		if l, ok := c.(*ast.List); ok && items == nil && hasItems {
			items = l
		}
	}
	return label, items
}

// fieldID sets the field's id: written, or derived from the label, the first item or the
// field's position. It reports whether the id was written, and the column to report it at.
func fieldID(f *FieldNode, info *Field, label *ast.Paragraph, st *state, ordinal int) (hasID bool, idCol int) {
	explicit, hasID := f.opt("id")
	idCol = f.col
	switch {
	case hasID && explicit.value == "":
		st.problem(f.line, explicit.col, fmt.Sprintf("%s: id needs a value, for example id=%s", f.kind, orDefault(slug(info.Label), "wins")))
	case hasID:
		idCol = explicit.col
		info.ID = explicit.value
		if !validID(explicit.value) {
			fixed := slug(explicit.value)
			st.problem(f.line, explicit.col, fmt.Sprintf("%s: id %q may contain only letters, digits, - and _; for example id=%s",
				f.kind, explicit.value, orDefault(fixed, "wins")))
			info.ID = fixed
		}
	}
	if info.ID == "" {
		info.ID = slug(info.Label)
	}
	if info.ID == "" && label == nil && len(info.Items) > 0 {
		info.ID = slug(info.Items[0])
	}
	if info.ID == "" {
		// Nothing to derive from (no label, or only symbols); the position keeps it unique.
		info.ID = fmt.Sprintf("%s-%d", f.kind, ordinal)
		placedID(f, info, label, st, ordinal)
	}
	return hasID, idCol
}

// placedID warns of a field whose question (or a checklist's first item) has words, but no
// letter or digit to make an id of: "😀 / 😐 / 🙁", "???", a picture. Its id is made of its
// place among the page's fields, so a field added, removed or moved above it gives it
// another id, and what clients saved under the first shows in whichever field has it now,
// or nowhere. A field with no question at all is an error of its own.
//
// The id is not made of the symbols instead (their names, or code points): that would give
// such a field on a page clients already use another id, and lose what they saved; the
// warning names the id it has, which keeps it.
func placedID(f *FieldNode, info *Field, label *ast.Paragraph, st *state, ordinal int) {
	what := ""
	switch {
	case label != nil:
		what = fmt.Sprintf("the question %q has", info.Label)
		if info.Label == "" {
			what = "the question is a picture, with" // ![](sunrise.jpg), with no words in the brackets
		}
	case len(info.Items) > 0:
		what = fmt.Sprintf("its first item %q has", info.Items[0])
	default:
		return
	}
	st.warn(f.line, f.col, fmt.Sprintf("%s %q: %s no letters or digits to make an id from, so its id comes from its place: "+
		"it is field %d of the page. Add, remove or move a field above it, and the answers clients saved in it show in another "+
		"field, or nowhere. Write an id in its ::: line; id=%s keeps the answers saved so far",
		f.kind, info.ID, what, ordinal, info.ID))
}

// uniqueFieldID reports an id that another field of the page already has, and gives this one
// another, so that the page's HTML ids stay unique even while the mistake stands.
func uniqueFieldID(f *FieldNode, info *Field, name string, hasID bool, idCol int, ids map[string]int, st *state) {
	if first, dup := ids[info.ID]; dup {
		how := "give this one its own id"
		if !hasID {
			how = "add an id to one of them"
		}
		// The other field's place is said relative to this one: the caller knows where the
		// body starts in the file, this extension does not.
		where := "on the same line"
		if d := f.line - first; d == 1 {
			where = "1 line above"
		} else if d > 1 {
			where = fmt.Sprintf("%d lines above", d)
		}
		st.problem(f.line, idCol, fmt.Sprintf("%s: another field on this page already uses the id %q (%s); %s, for example id=%s",
			name, info.ID, where, how, uniqueID(info.ID+"-2", ids)))
		info.ID = uniqueID(info.ID+"-2", ids)
	}
	ids[info.ID] = f.line
}

// scaleOptions reads a scale's min, max, low and high.
func scaleOptions(f *FieldNode, info *Field, name string, st *state) {
	info.Min = intOption(f, "min", 1, -1000, 1000, name, st)
	info.Max = intOption(f, "max", 5, -1000, 1000, name, st)
	_, hasMin := f.opt("min")
	_, hasMax := f.opt("max")
	col := func(opt string) int {
		if o, ok := f.opt(opt); ok {
			return o.col
		}
		return f.col
	}
	switch {
	case info.Min > info.Max:
		how := "make min smaller than max"
		if !hasMax {
			how = fmt.Sprintf("make min smaller than max (which is %d when not given), or add max", info.Max)
		} else if !hasMin {
			how = fmt.Sprintf("make max greater than min (which is %d when not given), or add min", info.Min)
		}
		st.problem(f.line, col("min"), fmt.Sprintf("%s: min (%d) is greater than max (%d); %s", name, info.Min, info.Max, how))
		info.Min, info.Max = 1, 5
	case info.Min == info.Max:
		st.problem(f.line, col("max"), fmt.Sprintf("%s: min and max are both %d, which leaves nothing to choose; make max greater than min", name, info.Min))
		info.Min, info.Max = 1, 5
	case info.Max-info.Min+1 > maxPoints:
		st.problem(f.line, col("max"), fmt.Sprintf("%s: %d points from %d to %d are too many to show; use at most %d, for example min=0 max=10",
			name, info.Max-info.Min+1, info.Min, info.Max, maxPoints))
		info.Min, info.Max = 1, 5
	}
	if o, ok := f.opt("low"); ok {
		info.Low = typo.Smarten(o.value)
	}
	if o, ok := f.opt("high"); ok {
		info.High = typo.Smarten(o.value)
	}
}

// choiceOptions reads a choice's multiple.
func choiceOptions(f *FieldNode, info *Field, name string, st *state) {
	o, ok := f.opt("multiple")
	if !ok {
		return
	}
	switch strings.ToLower(o.value) {
	case "true", "yes":
		info.Multiple = true
	case "false", "no":
	default:
		if !o.hasValue {
			info.Multiple = true
			return
		}
		st.problem(f.line, o.col, fmt.Sprintf("%s: multiple takes no value, not %q; write just multiple to allow more than one choice", name, o.value))
	}
}

// tableOptions reads a table's columns, rows and row.
func tableOptions(f *FieldNode, info *Field, name string, source []byte, st *state) {
	if o, ok := f.opt("columns"); ok {
		v := strings.TrimSpace(o.value)
		if trimmed := strings.TrimSpace(strings.Trim(v, "|")); v != trimmed && strings.Trim(trimmed, "| ") != "" {
			// "| Day | Done |", as a Markdown table's rows are written.
			st.problem(f.line, o.col, fmt.Sprintf("%s: columns=%q has a | at its start or end, which makes an empty column; "+
				"write | only between headings: columns=%q", name, o.value, trimmed))
			o.value = trimmed
		}
		for i, c := range strings.Split(o.value, "|") {
			c = strings.TrimSpace(c)
			if c == "" && strings.TrimSpace(o.value) != "" {
				st.problem(f.line, o.col, fmt.Sprintf("%s: column %d in columns is empty; write a heading between each pair of |", name, i+1))
				c = strconv.Itoa(i + 1)
			}
			if c != "" {
				info.Columns = append(info.Columns, c)
			}
		}
	}
	if o, ok := f.opt("columns"); ok && len(info.Columns) == 1 && strings.ContainsAny(o.value, ",;") {
		sep, word := ",", "commas"
		if !strings.Contains(o.value, ",") {
			sep, word = ";", "semicolons"
		}
		var heads []string
		for h := range strings.SplitSeq(o.value, sep) {
			heads = append(heads, strings.TrimSpace(h))
		}
		st.warn(f.line, o.col, fmt.Sprintf("%s: columns=%q makes one column: headings are separated by |, not by %s; "+
			"for %d columns write columns=%q", name, o.value, word, len(heads), strings.Join(heads, " | ")))
	}
	if heads := markdownTableHeads(f, source); len(info.Columns) == 0 && len(heads) > 0 {
		// The table drawn in Markdown, as a coach would write it anywhere else.
		st.problem(f.line, f.col, fmt.Sprintf("%s has no columns: its headings are in a Markdown table, which shows as written; "+
			"write them on the ::: line instead, columns=%q, and remove the Markdown table", name, strings.Join(heads, " | ")))
		info.Columns = []string{""}
	} else if len(info.Columns) == 0 {
		st.problem(f.line, f.col, fmt.Sprintf("%s has no columns; add columns=\"Day | What I did | How it felt\" (headings separated by |) to its ::: line", name))
		info.Columns = []string{""}
	}
	info.Rows = intOption(f, "rows", defaultRows, 1, maxRows, name, st)
	if o, ok := f.opt("row"); ok {
		info.Row = typo.Smarten(strings.TrimSpace(o.value))
	}
}

// markdownTableHeads are the headings of a Markdown table in f, if it holds one.
func markdownTableHeads(f *FieldNode, source []byte) []string {
	for c := f.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*east.Table)
		if !ok {
			continue
		}
		var heads []string
		if h, ok := t.FirstChild().(*east.TableHeader); ok {
			for cell := h.FirstChild(); cell != nil; cell = cell.NextSibling() {
				heads = append(heads, plainText(cell, source))
			}
		}
		return heads
	}
	return nil
}

// reshape moves the field's children into label, help and control nodes, which render
// themselves in the order that screen readers and print need.
func reshape(f *FieldNode, label *ast.Paragraph, items *ast.List) {
	ln := &labelNode{}
	help := &helpNode{}
	ctrl := &controlNode{}
	for c := f.FirstChild(); c != nil; {
		next := c.NextSibling()
		switch {
		case c == ast.Node(label):
			moveChildren(ln, label)
			f.RemoveChild(f, c)
		case c == ast.Node(items):
			f.RemoveChild(f, c)
		case isOption(c):
			ctrl.AppendChild(ctrl, c)
		default:
			help.AppendChild(help, c)
		}
		c = next
	}
	if label != nil || f.kind != "checklist" {
		f.AppendChild(f, ln)
	}
	if help.HasChildren() {
		f.AppendChild(f, help)
	}
	f.AppendChild(f, ctrl)
}

func isOption(n ast.Node) bool { _, ok := n.(*optionNode); return ok }

// itemWork counts the steps takeItems takes: bytes scanned for line numbers and look-ups of
// earlier items. TestItemWork reads it to show that the work grows with the list, not with
// its square, without timing anything.
var itemWork atomic.Int64

// tick is an item written ticked ([x]): its option, its place, and its line without the box.
type tick struct {
	opt       *optionNode
	line, col int
	fix       string
}

// takeItems turns the list's items into option nodes (appended to f for reshape to pick up)
// and returns their texts, and those ticked ([x]). Problems get messages that follow the
// field's name.
func takeItems(f *FieldNode, list *ast.List, source []byte, problems *[]Problem) (texts []string, ticked []tick) {
	seen := map[string]bool{}
	// Lines are counted on from the previous item, not from the file's start each time:
	// a list of 100,000 items took 15 s so, and as long again to find duplicates in a slice.
	line, counted := 1, 0
	work := 0
	defer func() { itemWork.Add(int64(work)) }()
	for li := list.FirstChild(); li != nil; li = li.NextSibling() {
		first := li.FirstChild()
		pos := min(max(li.Pos(), 0), len(source))
		if pos < counted {
			line, counted = 1, 0
		}
		line += bytes.Count(source[counted:pos], []byte{'\n'})
		work += pos - counted
		counted = pos
		lineStart := bytes.LastIndexByte(source[:pos], '\n') + 1
		col := utf8.RuneCount(source[lineStart:max(li.Pos(), lineStart)]) + 1
		empty := Problem{Line: line, Col: col, Msg: ": an item is empty; write its text after the -, or remove the line"}
		if first == nil {
			*problems = append(*problems, empty)
			continue
		}
		opt := &optionNode{}
		if cb, ok := first.FirstChild().(*east.TaskCheckBox); ok {
			opt.checked = cb.IsChecked
			first.RemoveChild(first, cb)
		}
		moveChildren(opt, first)
		opt.value = plainText(opt, source)
		if opt.value == "" {
			*problems = append(*problems, empty)
			continue
		}
		work++
		if b, rest, checked, ok := fakeBox(opt.value, itemBoxes); ok && rest != "" {
			fix := "- " + rest
			if f.kind == "checklist" {
				fix = "- [ ] " + rest
				if checked {
					fix = "- [x] " + rest
				}
			} else if checked {
				fix = "- [x] " + rest + " (for one chosen from the start)"
			}
			*problems = append(*problems, Problem{Line: line, Col: col, Msg: fmt.Sprintf(": the item %q starts with %s, which shows as text; write %s", opt.value, b, fix)})
		}
		if seen[opt.value] {
			*problems = append(*problems, Problem{Line: line, Col: col, Msg: fmt.Sprintf(" lists %q twice; make each item different", opt.value)})
			continue
		}
		seen[opt.value] = true
		if opt.checked {
			ticked = append(ticked, tick{opt: opt, line: line, col: col, fix: untick(source, lineStart)})
		}
		if more := first.NextSibling(); more != nil {
			// An item is its first line: what is under it, a list set in or a paragraph, was
			// dropped with nothing said. These stay errors: the coach's words would be missing
			// from the page, and where they were meant to go is a guess. The text is not told
			// to go into the item's line: that makes it another item, and clients who chose
			// this one would find it not chosen.
			l, c := line, col
			if more.Pos() >= 0 {
				l, c = placeOf(source, more.Pos())
			}
			msg := fmt.Sprintf(": the text under the item %q does not show, as an item is one line; "+
				"move it without the indent to under the question, before the items, where it shows as help text", opt.value)
			if more.Kind() == ast.KindList {
				msg = fmt.Sprintf(": the items set in under %q do not show, as a %s has one level of items; "+
					"write them without the indent, as items of their own", opt.value, f.kind)
				// The first of them as an item of this list: with this item's bullet, as a
				// bullet of another kind would start a list of its own.
				if p := more.FirstChild().Pos(); p >= 0 && p < len(source) && li.Pos() >= 0 {
					outer, _, _ := bytes.Cut(source[li.Pos():], []byte{'\n'})
					inner, _, _ := bytes.Cut(source[p:], []byte{'\n'})
					bullet, _, _ := strings.Cut(strings.TrimSpace(string(outer)), " ")
					_, text, _ := strings.Cut(strings.TrimSpace(string(inner)), " ")
					msg += ": " + bullet + " " + strings.TrimSpace(text)
				}
			}
			*problems = append(*problems, Problem{Line: l, Col: c, Msg: msg})
		}
		texts = append(texts, opt.value)
		opt.index = len(texts)
		f.AppendChild(f, opt)
	}
	return texts, ticked
}

// untick is the item's line that starts at start, as written but without its [x] and
// the space after it: "- Tense" for "- [x] Tense".
func untick(source []byte, start int) string {
	line, _, _ := bytes.Cut(source[start:], []byte{'\n'})
	text := strings.TrimSpace(string(line))
	for _, box := range []string{"[x]", "[X]"} {
		if i := strings.Index(text, box); i >= 0 {
			return text[:i] + strings.TrimLeft(text[i+len(box):], " \t")
		}
	}
	return text
}

func moveChildren(to, from ast.Node) {
	for c := from.FirstChild(); c != nil; {
		next := c.NextSibling()
		to.AppendChild(to, c)
		c = next
	}
}

// minus reads the ways of writing a number that look like the right one: a word processor
// makes "-5" into "–5" (an en dash), some write "−5" (the minus sign), and an input method
// for Japanese or Chinese types full-width digits (４) and minus (－).
var minus = strings.NewReplacer("–", "-", "−", "-", "－", "-",
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4", "５", "5", "６", "6", "７", "7", "８", "8", "９", "9")

// intOption reads a whole-number option, reporting a bad value and returning def then.
func intOption(f *FieldNode, key string, def, lo, hi int, name string, st *state) int {
	o, ok := f.opt(key)
	if !ok {
		return def
	}
	v, err := strconv.Atoi(minus.Replace(strings.TrimSpace(o.value)))
	switch {
	case !o.hasValue || o.value == "":
		st.problem(f.line, o.col, fmt.Sprintf("%s: %s needs a value, for example %s=%d", name, key, key, def))
		return def
	case err != nil:
		st.problem(f.line, o.col, fmt.Sprintf("%s: %s must be a whole number such as %d, not %q", name, key, def, o.value))
		return def
	case v < lo:
		st.problem(f.line, o.col, fmt.Sprintf("%s: %s must be at least %d, not %d", name, key, lo, v))
		return def
	case v > hi:
		st.problem(f.line, o.col, fmt.Sprintf("%s: %s must be at most %d, not %d", name, key, hi, v))
		return def
	}
	return v
}

// makeTask turns a GFM task check box into a saved checkbox whose label is the rest of the
// item's first line.
func makeTask(cb *east.TaskCheckBox, source []byte, ids map[string]int, st *state) Field {
	parent := cb.Parent()
	tn := &taskNode{checked: cb.IsChecked}
	for c := cb.NextSibling(); c != nil; {
		next := c.NextSibling()
		tn.AppendChild(tn, c)
		c = next
	}
	parent.ReplaceChild(parent, cb, tn)
	label := plainText(tn, source)
	line, _ := lineOf(source, max(parent.Pos(), 0))
	id := slug(label)
	placed := id == ""
	if placed {
		id = "task"
	}
	if _, taken := ids[id]; taken {
		id = uniqueID(id+"-2", ids)
	}
	if placed && label != "" {
		// As placedID: "- [ ] 🏃" is "task", the next such one "task-2", by their order.
		l, col := placeOf(source, max(parent.Pos(), 0))
		st.warn(l, col, fmt.Sprintf("the task %q has no letters or digits to make an id from, so its id (%s) comes from its place "+
			"among such tasks: add, remove or move one above it, and the ticks clients saved show on another task. "+
			"Add a word to it (- [ ] %s Run, say): a task's id is made of its words", label, id, label))
	}
	ids[id] = line
	tn.id = id
	return Field{ID: id, Kind: "task", Label: label, Line: line, Auto: true}
}

// uniqueID returns id, or id with a higher number at its end, so that it is not in ids.
func uniqueID(id string, ids map[string]int) string {
	if _, taken := ids[id]; !taken {
		return id
	}
	base := strings.TrimSuffix(id, "-2")
	for i := 3; ; i++ {
		c := fmt.Sprintf("%s-%d", base, i)
		if _, taken := ids[c]; !taken {
			return c
		}
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func validID(id string) bool {
	for _, r := range id {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') {
			return false
		}
	}
	return id != ""
}

// slug derives an id from a label: lower case words joined with -, at most maxIDLen
// characters, cut between words. Apostrophes join ("What's" → "whats") rather than split.
func slug(label string) string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range strings.ToLower(label) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			flush()
		}
	}
	flush()
	out := ""
	for _, w := range words {
		if out == "" {
			if utf8.RuneCountInString(w) > maxIDLen {
				w = string([]rune(w)[:maxIDLen])
			}
			out = w
			continue
		}
		if utf8.RuneCountInString(out)+1+utf8.RuneCountInString(w) > maxIDLen {
			break
		}
		out += "-" + w
	}
	return out
}

// plainText is the text a reader sees in n's inline content, with whitespace collapsed.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(source))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				if c.IsCode() {
					b.WriteString(html.UnescapeString(string(c.Value)))
				} else {
					b.Write(c.Value)
				}
			case *ast.AutoLink:
				b.Write(c.Label(source))
			case *eemoji.Emoji:
				// As written, :smile:, with emoji on as off: the label makes the field's id,
				// and an item is the answer kept, which turning emoji on must not change.
				b.WriteString(":" + string(c.ShortName) + ":")
			case *ast.RawHTML, *east.TaskCheckBox:
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}
