package worksheet

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Text that looks meant as a field, a task or a callout, but that Markdown shows as text:
// the page builds, and the client sees the raw syntax or a box that cannot be ticked. Each
// is a warning at its line, with what to write instead. They are warnings, not errors, as
// the text may be meant as it is (a page about Markdown can show "[ ]").

// mayLookAlike reports whether source may hold a look-alike that only a walk can tell: an
// indented ::: line, or an Obsidian callout. Most pages have neither, and skip the walk.
func mayLookAlike(source []byte) bool {
	return bytes.Contains(source, []byte(":::")) || bytes.Contains(source, []byte("[!"))
}

// lookAlikes walks doc for text that looks like a field, a task or a callout.
func lookAlikes(doc ast.Node, source []byte, st *state, hasField bool) {
	taskWarned := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *FieldNode:
			// Items of a choice or checklist are checked as items (takeItems).
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			indentedFence(n, source, st)
		case *ast.FencedCodeBlock:
			if st.tasks {
				fencedField(n, source, st)
			}
		case *ast.Blockquote:
			obsidianCallout(n, source, st)
		case *ast.Paragraph, *ast.TextBlock:
			if st.tasks {
				taskLookAlikes(n, source, st)
			}
		case *east.TaskCheckBox:
			if !st.tasks && hasField && !taskWarned {
				taskWarned = true
				line, col := placeOf(source, lineStartOf(n.Parent(), source))
				st.warn(line, col, "this task list's boxes cannot be ticked on this page: only worksheets "+
					"(content/worksheets/) and reflection guides (content/guides/) keep task lists. Move the page "+
					"into one of those folders, or write the list as a ::: checklist")
			}
		}
		return ast.WalkContinue, nil
	})
}

// lineStartOf is the offset of n's first line in source, or -1.
func lineStartOf(n ast.Node, source []byte) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return -1
}

// placeOf is the 1-based line and column of offset in source.
func placeOf(source []byte, offset int) (int, int) {
	if offset < 0 {
		return 0, 0
	}
	line, start := lineOf(source, offset)
	return line, utf8.RuneCount(source[start:offset]) + 1
}

// indentedFence warns of a ::: line indented so far that it became code: the coach's field
// shows as its Markdown.
func indentedFence(n *ast.CodeBlock, source []byte, st *state) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		text := string(bytes.TrimSpace(seg.Value(source)))
		rest, ok := strings.CutPrefix(text, ":::")
		if !ok {
			continue
		}
		kind, _, _ := strings.Cut(strings.TrimLeft(rest, ": \t"), " ")
		if _, _, known := kindOptions(kind); !known {
			continue
		}
		// The line's own start, before the indent that made it code.
		start := bytes.LastIndexByte(source[:seg.Start], '\n') + 1
		at := start + bytes.Index(source[start:], []byte(":::"))
		line, col := placeOf(source, at)
		st.warn(line, col, fmt.Sprintf("this line is indented so far (4 spaces or more) that it shows as code, "+
			"as written: %q. Remove the spaces before :::, or, in a list item, indent it as much as the item's text", text))
		return
	}
}

// fencedField warns of a whole field inside a code block, on a worksheet or guide: an example
// copied with the ``` lines around it (the docs show fields so), and shown as its Markdown.
// Other pages may show a field's Markdown on purpose, to teach it.
func fencedField(n *ast.FencedCodeBlock, source []byte, st *state) {
	lines := n.Lines()
	if lines.Len() < 2 {
		return
	}
	if n.Info != nil {
		switch strings.ToLower(string(n.Info.Segment.Value(source))) {
		case "markdown", "md", "text", "":
		default:
			return
		}
	}
	firstSeg, lastSeg := lines.At(0), lines.At(lines.Len()-1)
	first := string(bytes.TrimSpace(firstSeg.Value(source)))
	last := string(bytes.TrimSpace(lastSeg.Value(source)))
	rest, ok := strings.CutPrefix(first, ":::")
	kind, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
	if _, field, known := kindOptions(kind); !ok || !known || !field || strings.Trim(last, ":") != "" || len(last) < 3 {
		return
	}
	line, col := placeOf(source, lineStartOf(n, source))
	line-- // the ``` line, above the first line of code
	st.warn(line, col, fmt.Sprintf("the field %q is inside a code block (the ``` lines around it), so it shows as its Markdown, "+
		"not as a field; remove the ``` lines", first))
}

// obsidianCallout warns of "> [!note]", how Obsidian and GitHub write a callout: here it is a
// quote that starts with "[!note]".
func obsidianCallout(n *ast.Blockquote, source []byte, st *state) {
	p, ok := n.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return
	}
	seg := p.Lines().At(0)
	text := string(bytes.TrimSpace(seg.Value(source)))
	if !strings.HasPrefix(text, "[!") {
		return
	}
	end := strings.IndexByte(text, ']')
	if end < 3 {
		return
	}
	typ := text[2:end]
	kind, ok := admonitionKinds[strings.ToLower(typ)]
	if !ok {
		// "> [!tipp]", misspelt or in another language, is as surely meant as a callout.
		kind = admonitionWords[strings.ToLower(typ)]
		if kind == "" {
			kind = suggest(typ, []string{"note", "tip", "warning"})
		}
		if kind == "" {
			kind = admonitionKinds[suggest(typ, longAdmonitionTypes)]
		}
		if kind == "" {
			return
		}
	}
	line, col := placeOf(source, seg.Start)
	st.warn(line, col, fmt.Sprintf("\"> [!%s]\" is how Obsidian and GitHub write a callout; here it shows as a quote "+
		"that starts with [!%s]. Write ::: %s on a line, the text under it without >, and ::: on a line of its own",
		typ, typ, kind))
}

type box struct {
	text    string
	checked bool
}

// boxes are the ways of writing a task's box that Markdown does not read as one, with
// whether they mean ticked. A box pasted from a word processor (☐) is one. "[ ]" and "[x]"
// are right, and only look-alikes on a line that is no list item.
var boxes = []box{
	{"[ ]", false}, {"[x]", true}, {"[X]", true},
	{"[]", false}, {"[ x ]", true}, {"[ X ]", true}, {"[x ]", true}, {"[ x]", true}, {"[v]", true}, {"[V]", true},
	{"[✓]", true}, {"[✔]", true}, {"[*]", true}, {"[  ]", false}, {"☐", false}, {"☑", true}, {"☒", true},
}

// itemBoxes are what an item of a choice or checklist may start with by mistake: the boxes,
// and the round ones of a choice.
var itemBoxes = append(boxes[3:len(boxes):len(boxes)], box{"( )", false}, box{"()", false}, box{"(x)", true}, box{"(X)", true})

// fakeBox returns the box of bs that text starts with, and the rest of the text after it.
func fakeBox(text string, bs []box) (b, rest string, checked, ok bool) {
	for _, b := range bs {
		if r, found := strings.CutPrefix(text, b.text); found && (r == "" || r[0] == ' ' || r[0] == '\t') {
			return b.text, strings.TrimSpace(r), b.checked, true
		}
	}
	return "", "", false, false
}

// taskLookAlikes warns of the lines of a paragraph on a worksheet or guide that look like
// tasks but show as text: "- [] Call Sam", "[ ] Call Sam" with no dash, "-[ ] Call Sam".
func taskLookAlikes(n ast.Node, source []byte, st *state) {
	_, isTask := n.FirstChild().(*east.TaskCheckBox)
	inItem := n.Parent() != nil && n.Parent().Kind() == ast.KindListItem && n.Parent().FirstChild() == n
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		if i == 0 && isTask {
			continue
		}
		seg := lines.At(i)
		text := string(bytes.TrimSpace(seg.Value(source)))
		dash := ""
		if i > 0 || !inItem {
			// A line of its own: "-[ ] Call Sam" or "[ ] Call Sam".
			if len(text) > 1 && (text[0] == '-' || text[0] == '*') && (text[1] == '[' || text[1] == '(') {
				dash, text = text[:1], text[1:]
			}
		}
		_, rest, checked, ok := fakeBox(text, boxes)
		if !ok || rest == "" {
			continue
		}
		fix := "[ ]"
		if checked {
			fix = "[x]"
		}
		written := text
		if dash != "" {
			written = dash + text
		} else if inItem && i == 0 {
			written = "- " + text
		}
		v := seg.Value(source)
		line, col := placeOf(source, seg.Start+len(v)-len(bytes.TrimLeft(v, " \t")))
		st.warn(line, col, fmt.Sprintf("this looks like a task, but shows as text: %q. Write - %s %s (a dash, a space, "+
			"then [ ] with a space inside, or [x] for one that starts ticked)", written, fix, rest))
	}
}
