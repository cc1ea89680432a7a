package worksheet

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer writes fields and callouts. The markup is the contract with worksheet.js and
// worksheet.css: every field's wrapper has class "field field-KIND", data-field-id and
// data-kind; every control has an id "f-" + field id (+ a suffix for options and cells).
type htmlRenderer struct {
	words Words
}

func (h *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindField, h.renderField)
	reg.Register(KindCallout, h.renderCallout)
	reg.Register(KindTab, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			fmt.Fprintf(w, "<p class=\"tab-label\"><strong>%s</strong></p>\n", esc(node.(*TabNode).Label))
		}
		return ast.WalkContinue, nil
	})
	reg.Register(kindStrayFence, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
	reg.Register(kindLabel, h.renderLabel)
	reg.Register(kindHelp, h.renderHelp)
	reg.Register(kindControl, h.renderControl)
	reg.Register(kindOption, h.renderOption)
	reg.Register(kindTask, h.renderTask)
}

var esc = html.EscapeString

// MetaIDPrefix is the key of the document meta value (ast.Document.AddMeta) that puts a prefix
// before every HTML id and control name the extension writes. A booklet that holds several
// pages sets it per page, so that two worksheets with a field "wins" do not share an element
// id or a radio group. The storage key (data-field-id) keeps the plain field id.
const MetaIDPrefix = "between-id-prefix"

// ref is how a field's elements are named in the HTML: "f-" + id, after the page's prefix.
type ref struct {
	prefix, id string
}

func refOf(n ast.Node, id string) ref {
	r := ref{id: id}
	if doc := n.OwnerDocument(); doc != nil {
		if p, ok := doc.Meta()[MetaIDPrefix].(string); ok {
			r.prefix = p
		}
	}
	return r
}

// el is the escaped element id "f-ID" plus suffix; name is the escaped control name.
func (r ref) el(suffix string) string   { return esc(r.prefix + "f-" + r.id + suffix) }
func (r ref) name(suffix string) string { return esc(r.prefix + r.id + suffix) }

// grouped kinds are a group of controls: a fieldset whose legend is the label.
func grouped(kind string) bool {
	return kind == "scale" || kind == "choice" || kind == "checklist"
}

func fieldOf(n ast.Node) *FieldNode {
	for ; n != nil; n = n.Parent() {
		if f, ok := n.(*FieldNode); ok {
			return f
		}
	}
	return nil
}

func hasHelp(f *FieldNode) bool {
	for c := f.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*helpNode); ok {
			return true
		}
	}
	return false
}

// describedBy is the aria-describedby attribute pointing at the help text, if any.
func describedBy(f *FieldNode) string {
	if !hasHelp(f) {
		return ""
	}
	return ` aria-describedby="` + refOf(f, f.Info.ID).el("-help") + `"`
}

func (h *htmlRenderer) renderField(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	f := node.(*FieldNode)
	info := f.Info
	tag := "div"
	if grouped(info.Kind) {
		tag = "fieldset"
	}
	if !entering {
		fmt.Fprintf(w, "</%s>\n", tag)
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, `<%s class="field field-%s" data-field-id="%s" data-kind="%s"`, tag, esc(info.Kind), esc(info.ID), esc(info.Kind))
	// A link to #f-ID reaches every field: fields of several controls carry the id on the
	// group, the others on their one control.
	if grouped(info.Kind) || info.Kind == "table" {
		fmt.Fprintf(w, ` id="%s"`, refOf(f, info.ID).el(""))
	}
	switch info.Kind {
	case "answer", "log":
		fmt.Fprintf(w, ` data-lines="%d"`, info.Lines)
	case "scale":
		fmt.Fprintf(w, ` data-min="%d" data-max="%d"`, info.Min, info.Max)
	case "choice":
		if info.Multiple {
			w.WriteString(` data-multiple=""`)
		}
	case "table":
		fmt.Fprintf(w, ` data-rows="%d" data-columns="%d"`, info.Rows, len(info.Columns))
	}
	if grouped(info.Kind) {
		w.WriteString(describedBy(f))
	}
	w.WriteString(">\n")
	return ast.WalkContinue, nil
}

func (h *htmlRenderer) renderLabel(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	f := fieldOf(node)
	if f == nil {
		return ast.WalkContinue, nil
	}
	r := refOf(f, f.Info.ID)
	var open, close string
	switch {
	case grouped(f.Info.Kind):
		open, close = `<legend class="field-label">`, "</legend>\n"
	case f.Info.Kind == "table":
		open, close = `<p class="field-label" id="`+r.el("-label")+`">`, "</p>\n"
	default:
		open, close = `<label class="field-label" for="`+r.el("")+`">`, "</label>\n"
	}
	if entering {
		w.WriteString(open)
		if !node.HasChildren() {
			// A field without a label is reported; its id still names the control.
			w.WriteString(esc(f.Info.ID))
		}
	} else {
		w.WriteString(close)
	}
	return ast.WalkContinue, nil
}

func (h *htmlRenderer) renderHelp(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	f := fieldOf(node)
	if entering {
		fmt.Fprintf(w, `<div class="field-help" id="%s">`+"\n", refOf(f, f.Info.ID).el("-help"))
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func (h *htmlRenderer) renderControl(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	f := fieldOf(node)
	info := f.Info
	r := refOf(f, info.ID)
	if info.Kind == "choice" || info.Kind == "checklist" {
		if entering {
			w.WriteString(`<ul class="field-options">` + "\n")
		} else {
			w.WriteString("</ul>\n")
		}
		return ast.WalkContinue, nil
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	// Every box a client writes in, and its printed copy, takes the direction of what is
	// written there (dir="auto"): a Hebrew answer on an English page otherwise showed its
	// closing "?" at the wrong end.
	switch info.Kind {
	case "answer":
		fmt.Fprintf(w, `<textarea class="field-input" id="%s" name="%s" rows="%d" dir="auto"%s></textarea>`+"\n", r.el(""), r.name(""), info.Lines, describedBy(f))
		// worksheet.js copies the answer here, so that a long answer prints in full.
		w.WriteString(`<div class="field-print" dir="auto" aria-hidden="true"></div>` + "\n")
	case "log":
		// The text box takes today's note; worksheet.js adds it, dated, to the list of notes
		// (newest first) below, which prints whole. Without the script it is a writing space.
		fmt.Fprintf(w, `<textarea class="field-input" id="%s" name="%s" rows="%d" dir="auto"%s></textarea>`+"\n", r.el(""), r.name(""), info.Lines, describedBy(f))
		// A note typed and not yet added prints whole from its copy here, as an answer does.
		w.WriteString(`<div class="field-print" dir="auto" aria-hidden="true"></div>` + "\n")
		w.WriteString(`<ol class="log-notes"></ol>` + "\n")
	case "line":
		fmt.Fprintf(w, `<input class="field-input" type="text" id="%s" name="%s" autocomplete="off" dir="auto"%s>`+"\n", r.el(""), r.name(""), describedBy(f))
		// A one-line box prints only what fits its width; its copy here wraps (worksheet.js fills it).
		w.WriteString(`<span class="field-print" dir="auto" aria-hidden="true"></span>` + "\n")
	case "date":
		fmt.Fprintf(w, `<input class="field-input" type="date" id="%s" name="%s"%s>`+"\n", r.el(""), r.name(""), describedBy(f))
	case "scale":
		h.renderScale(w, info, r)
	case "table":
		h.renderTable(w, f, r)
	}
	return ast.WalkSkipChildren, nil
}

func (h *htmlRenderer) renderScale(w util.BufWriter, info Field, r ref) {
	w.WriteString(`<div class="scale">` + "\n" + `<div class="scale-points">` + "\n")
	for v := info.Min; v <= info.Max; v++ {
		// The end words are visible below the row, and also spoken with the end points,
		// since a screen reader reads each radio's own label.
		extra := ""
		if v == info.Min && info.Low != "" {
			extra = `<span class="field-sr"> (` + esc(info.Low) + `)</span>`
		}
		if v == info.Max && info.High != "" {
			extra = `<span class="field-sr"> (` + esc(info.High) + `)</span>`
		}
		id := r.el("-" + strconv.Itoa(v))
		fmt.Fprintf(w, `<span class="scale-point"><input type="radio" id="%s" name="%s" value="%d"><label for="%s">%d%s</label></span>`+"\n",
			id, r.name(""), v, id, v, extra)
	}
	w.WriteString("</div>\n")
	if info.Low != "" || info.High != "" {
		// A space between the two ends: without it their text ran together for whatever
		// reads the page as text, the search index first ("Not at all" and "Completely"
		// gave it the word "allcompletely"). The flex row shows none of it.
		fmt.Fprintf(w, `<div class="scale-ends" aria-hidden="true"><span class="scale-low">%s</span> <span class="scale-high">%s</span></div>`+"\n",
			esc(info.Low), esc(info.High))
	}
	w.WriteString("</div>\n")
}

func (h *htmlRenderer) renderTable(w util.BufWriter, f *FieldNode, r ref) {
	info := f.Info
	fmt.Fprintf(w, `<div class="field-table-scroll">`+"\n"+`<table aria-labelledby="%s"%s>`+"\n<thead>\n<tr>", r.el("-label"), describedBy(f))
	for _, c := range info.Columns {
		fmt.Fprintf(w, `<th scope="col">%s</th>`, esc(c))
	}
	w.WriteString("</tr>\n</thead>\n<tbody>\n")
	for row := 1; row <= info.Rows; row++ {
		// data-row-label heads the row where a phone shows each row as a card: "Day 3".
		label := strings.ReplaceAll(h.words.Row, "{row}", strconv.Itoa(row))
		if info.Row != "" {
			label = info.Row + " " + strconv.Itoa(row)
		}
		fmt.Fprintf(w, `<tr data-row-label="%s">`, esc(label))
		for col, c := range info.Columns {
			name := strings.NewReplacer("{column}", c, "{row}", strconv.Itoa(row)).Replace(h.words.Cell)
			suffix := fmt.Sprintf("-r%d-c%d", row, col+1)
			// data-label names the column where a phone stacks each row's cells. A cell is a
			// one-row textarea, not an <input>: a sentence in an <input> scrolled sideways out of
			// sight as it was typed, while a textarea wraps it and grows (worksheet.css,
			// worksheet.js). Its answer stays one line, as the <input>'s was.
			fmt.Fprintf(w, `<td data-label="%s"><textarea class="field-input" rows="1" id="%s" name="%s" data-row="%d" data-col="%d" autocomplete="off" dir="auto" aria-label="%s"></textarea><span class="field-print" dir="auto" aria-hidden="true"></span></td>`,
				esc(c), r.el(suffix), r.name(suffix), row, col+1, esc(name))
		}
		w.WriteString("</tr>\n")
	}
	w.WriteString("</tbody>\n</table>\n</div>\n")
}

func (h *htmlRenderer) renderOption(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	o := node.(*optionNode)
	f := fieldOf(node)
	if !entering {
		w.WriteString("</label></li>\n")
		return ast.WalkContinue, nil
	}
	typ := "radio"
	if f.Info.Kind == "checklist" || f.Info.Multiple {
		typ = "checkbox"
	}
	checked := ""
	if o.checked {
		checked = " checked"
	}
	r := refOf(f, f.Info.ID)
	id := r.el("-" + strconv.Itoa(o.index))
	fmt.Fprintf(w, `<li class="field-option"><input type="%s" id="%s" name="%s" value="%s"%s><label for="%s">`,
		typ, id, r.name(""), esc(o.value), checked, id)
	return ast.WalkContinue, nil
}

func (h *htmlRenderer) renderTask(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	t := node.(*taskNode)
	if !entering {
		w.WriteString("</label></span>")
		return ast.WalkContinue, nil
	}
	r := refOf(t, t.id)
	checked := ""
	if t.checked {
		checked = " checked"
	}
	fmt.Fprintf(w, `<span class="field field-task" data-field-id="%s" data-kind="task"><input type="checkbox" id="%s" name="%s"%s><label for="%s">`,
		esc(t.id), r.el(""), r.name(""), checked, r.el(""))
	return ast.WalkContinue, nil
}

// icons are drawn with currentColor, so each callout is marked by shape and word, not by
// colour alone.
var icons = map[string]string{
	"note":    `<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7.5v.01"/>`,
	"tip":     `<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.6 10.8c.7.6 1.1 1.3 1.1 2.2h5c0-.9.4-1.6 1.1-2.2A6 6 0 0 0 12 3z"/>`,
	"warning": `<path d="M12 3 2 20.5h20L12 3z"/><path d="M12 10v4.5M12 17.5v.01"/>`,
}

func (h *htmlRenderer) renderCallout(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	c := node.(*CalloutNode)
	if !entering {
		w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	if c.CalloutKind == "" {
		w.WriteString(`<div class="container">` + "\n")
		return ast.WalkContinue, nil
	}
	title := c.Title
	if title == "" {
		title = map[string]string{"note": h.words.Note, "tip": h.words.Tip, "warning": h.words.Warning}[c.CalloutKind]
	}
	fmt.Fprintf(w, `<div class="callout callout-%s" role="note">`+"\n", c.CalloutKind)
	fmt.Fprintf(w, `<p class="callout-title"><svg class="callout-icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">%s</svg><span>%s</span></p>`+"\n",
		icons[c.CalloutKind], esc(title))
	return ast.WalkContinue, nil
}
