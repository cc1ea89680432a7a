package theme

import (
	"bytes"
	"html/template"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// A frame is a layout run without text/template: the built-in single pages (article,
// guide, worksheet, page), 95% of a library's outputs, are text, pieces made in Go
// (pieces.go), templates made of the same, and the page's .Content. text/template runs
// each of those through reflection, and prints each piece and the page's HTML through a
// string and fmt's buffer: a third of a page's rendering, and 80 MB of garbage at 10,000
// pages. A frame writes the text as the template has it and each piece and the page's
// HTML straight into the page. It is read from the layout's templates once html/template
// has escaped them (after the layout's first page), so its text is what the template
// writes; a layout holding anything else (an if, a range, a variable, another function)
// has no frame and runs as a template, as does any page a frame cannot make, for its
// error to say where in the layout it comes from.
type frame struct {
	once  sync.Once
	steps atomic.Pointer[[]frameStep] // nil: not read yet, or the layout has no frame
	pc    *pieceCall
	ps    *map[string]pieceFunc
}

// frameStep is one part of a frame: text, a piece, or the page's HTML.
type frameStep struct {
	text    string
	piece   string
	content bool
}

// framesOff makes every layout a theme loads run as a template: for tests that compare the
// two.
var framesOff bool

// read makes the frame of the layout name from its escaped templates, once.
func (f *frame) read(tpl *template.Template, name string) {
	f.once.Do(func() {
		root := tpl.Lookup(name + ".html")
		if root == nil || root.Tree == nil {
			return
		}
		var steps []frameStep
		if !frameSteps(tpl, root.Tree.Root, 0, &steps) {
			return
		}
		// Text next to text is one step.
		out := steps[:0]
		for _, s := range steps {
			if n := len(out); n > 0 && s.piece == "" && !s.content && out[n-1].piece == "" && !out[n-1].content {
				out[n-1].text += s.text
				continue
			}
			out = append(out, s)
		}
		f.steps.Store(&out)
	})
}

// frameSteps appends the steps of n to steps, and reports whether n is made only of what a
// frame makes: text, `{{piece "name" .}}`, `{{.Page.Content}}` (each as html/template
// escaped it: through its HTML escaper, which gives a template.HTML as it is) and
// `{{template "name" .}}` of such a template.
func frameSteps(tpl *template.Template, n parse.Node, depth int, steps *[]frameStep) bool {
	if depth > 16 { // a template that calls itself has no frame
		return false
	}
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return true
		}
		for _, c := range n.Nodes {
			if !frameSteps(tpl, c, depth, steps) {
				return false
			}
		}
		return true
	case *parse.TextNode:
		*steps = append(*steps, frameStep{text: string(n.Text)})
		return true
	case *parse.TemplateNode:
		if !dotPipe(n.Pipe) || strings.Contains(n.Name, "$htmltemplate") {
			return false
		}
		t := tpl.Lookup(n.Name)
		if t == nil || t.Tree == nil {
			return false
		}
		return frameSteps(tpl, t.Tree.Root, depth+1, steps)
	case *parse.ActionNode:
		p := n.Pipe
		if p == nil || len(p.Decl) > 0 || p.IsAssign || len(p.Cmds) != 2 || !isIdent(p.Cmds[1], "_html_template_htmlescaper") {
			return false
		}
		args := p.Cmds[0].Args
		if len(args) == 3 && isIdentNode(args[0], "piece") {
			name, ok := args[1].(*parse.StringNode)
			if _, dot := args[2].(*parse.DotNode); ok && dot {
				*steps = append(*steps, frameStep{piece: name.Text})
				return true
			}
			return false
		}
		if len(args) == 1 {
			if f, ok := args[0].(*parse.FieldNode); ok && len(f.Ident) == 2 && f.Ident[0] == "Page" && f.Ident[1] == "Content" {
				*steps = append(*steps, frameStep{content: true})
				return true
			}
		}
	}
	return false
}

// dotPipe reports whether p is just ".".
func dotPipe(p *parse.PipeNode) bool {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	_, ok := p.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}

func isIdent(c *parse.CommandNode, name string) bool {
	return len(c.Args) == 1 && isIdentNode(c.Args[0], name)
}

func isIdentNode(n parse.Node, name string) bool {
	id, ok := n.(*parse.IdentifierNode)
	return ok && id.Ident == name
}

// run writes the frame for data at the end of buf, and reports whether it could: when it
// cannot (a dot it does not know, a piece failing) buf is as it was.
func (f *frame) run(buf *bytes.Buffer, steps []frameStep, data any) (ok bool) {
	start := buf.Len()
	defer func() {
		if r := recover(); r != nil {
			ok = false // the template, run next, says what went wrong
		}
		if !ok {
			buf.Truncate(start)
		}
	}()
	h, isDot := data.(DotHolder)
	if !isDot {
		return false
	}
	for _, s := range steps {
		switch {
		case s.content:
			p := h.PieceDot().Page
			if p == nil {
				return false
			}
			// Decompressed, when it is kept so, straight into the page.
			buf.Grow(p.Body.Len())
			buf.Write(p.Body.AppendTo(buf.AvailableBuffer()))
		case s.piece != "":
			if err := f.pc.pieceTo(buf, *f.ps, s.piece, data); err != nil {
				return false
			}
		default:
			buf.WriteString(s.text)
		}
	}
	return true
}
