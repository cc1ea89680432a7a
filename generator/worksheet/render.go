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

func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindField, r.renderField)
	reg.Register(KindCallout, r.renderCallout)
	reg.Register(kindStrayFence, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
	reg.Register(kindLabel, r.renderLabel)
	reg.Register(kindHelp, r.renderHelp)
	reg.Register(kindControl, r.renderControl)
	reg.Register(kindOption, r.renderOption)
	reg.Register(kindTask, r.renderTask)
}

var esc = html.EscapeString

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
	return ` aria-describedby="f-` + esc(f.Info.ID) + `-help"`
}

func (r *htmlRenderer) renderField(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
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
	switch info.Kind {
	case "answer":
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

func (r *htmlRenderer) renderLabel(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	f := fieldOf(node)
	if f == nil {
		return ast.WalkContinue, nil
	}
	id := esc(f.Info.ID)
	var open, close string
	switch {
	case grouped(f.Info.Kind):
		open, close = `<legend class="field-label">`, "</legend>\n"
	case f.Info.Kind == "table":
		open, close = `<p class="field-label" id="f-`+id+`-label">`, "</p>\n"
	default:
		open, close = `<label class="field-label" for="f-`+id+`">`, "</label>\n"
	}
	if entering {
		w.WriteString(open)
		if !node.HasChildren() {
			// A field without a label is reported; its id still names the control.
			w.WriteString(id)
		}
	} else {
		w.WriteString(close)
	}
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderHelp(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	f := fieldOf(node)
	if entering {
		fmt.Fprintf(w, `<div class="field-help" id="f-%s-help">`+"\n", esc(f.Info.ID))
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderControl(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	f := fieldOf(node)
	info := f.Info
	id := esc(info.ID)
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
	switch info.Kind {
	case "answer":
		fmt.Fprintf(w, `<textarea class="field-input" id="f-%s" name="%s" rows="%d"%s></textarea>`+"\n", id, id, info.Lines, describedBy(f))
		// worksheet.js copies the answer here, so that a long answer prints in full.
		w.WriteString(`<div class="field-print" aria-hidden="true"></div>` + "\n")
	case "line":
		fmt.Fprintf(w, `<input class="field-input" type="text" id="f-%s" name="%s" autocomplete="off"%s>`+"\n", id, id, describedBy(f))
	case "date":
		fmt.Fprintf(w, `<input class="field-input" type="date" id="f-%s" name="%s"%s>`+"\n", id, id, describedBy(f))
	case "scale":
		r.renderScale(w, info)
	case "table":
		r.renderTable(w, f)
	}
	return ast.WalkSkipChildren, nil
}

func (r *htmlRenderer) renderScale(w util.BufWriter, info Field) {
	id := esc(info.ID)
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
		fmt.Fprintf(w, `<span class="scale-point"><input type="radio" id="f-%s-%d" name="%s" value="%d"><label for="f-%s-%d">%d%s</label></span>`+"\n",
			id, v, id, v, id, v, v, extra)
	}
	w.WriteString("</div>\n")
	if info.Low != "" || info.High != "" {
		fmt.Fprintf(w, `<div class="scale-ends" aria-hidden="true"><span class="scale-low">%s</span><span class="scale-high">%s</span></div>`+"\n",
			esc(info.Low), esc(info.High))
	}
	w.WriteString("</div>\n")
}

func (r *htmlRenderer) renderTable(w util.BufWriter, f *FieldNode) {
	info := f.Info
	id := esc(info.ID)
	fmt.Fprintf(w, `<div class="field-table-scroll">`+"\n"+`<table aria-labelledby="f-%s-label"%s>`+"\n<thead>\n<tr>", id, describedBy(f))
	for _, c := range info.Columns {
		fmt.Fprintf(w, `<th scope="col">%s</th>`, esc(c))
	}
	w.WriteString("</tr>\n</thead>\n<tbody>\n")
	for row := 1; row <= info.Rows; row++ {
		w.WriteString("<tr>")
		for col, c := range info.Columns {
			name := strings.NewReplacer("{column}", c, "{row}", strconv.Itoa(row)).Replace(r.words.Cell)
			fmt.Fprintf(w, `<td><input class="field-input" type="text" id="f-%s-r%d-c%d" name="%s-r%d-c%d" data-row="%d" data-col="%d" autocomplete="off" aria-label="%s"></td>`,
				id, row, col+1, id, row, col+1, row, col+1, esc(name))
		}
		w.WriteString("</tr>\n")
	}
	w.WriteString("</tbody>\n</table>\n</div>\n")
}

func (r *htmlRenderer) renderOption(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
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
	id := esc(f.Info.ID)
	fmt.Fprintf(w, `<li class="field-option"><input type="%s" id="f-%s-%d" name="%s" value="%s"%s><label for="f-%s-%d">`,
		typ, id, o.index, id, esc(o.value), checked, id, o.index)
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderTask(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	t := node.(*taskNode)
	if !entering {
		w.WriteString("</label></span>")
		return ast.WalkContinue, nil
	}
	id := esc(t.id)
	checked := ""
	if t.checked {
		checked = " checked"
	}
	fmt.Fprintf(w, `<span class="field field-task" data-field-id="%s" data-kind="task"><input type="checkbox" id="f-%s" name="%s"%s><label for="f-%s">`,
		id, id, id, checked, id)
	return ast.WalkContinue, nil
}

// icons are drawn with currentColor, so each callout is marked by shape and word, not by
// colour alone.
var icons = map[string]string{
	"note":    `<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7.5v.01"/>`,
	"tip":     `<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.6 10.8c.7.6 1.1 1.3 1.1 2.2h5c0-.9.4-1.6 1.1-2.2A6 6 0 0 0 12 3z"/>`,
	"warning": `<path d="M12 3 2 20.5h20L12 3z"/><path d="M12 10v4.5M12 17.5v.01"/>`,
}

func (r *htmlRenderer) renderCallout(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
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
		title = map[string]string{"note": r.words.Note, "tip": r.words.Tip, "warning": r.words.Warning}[c.CalloutKind]
	}
	fmt.Fprintf(w, `<div class="callout callout-%s" role="note">`+"\n", c.CalloutKind)
	fmt.Fprintf(w, `<p class="callout-title"><svg class="callout-icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">%s</svg><span>%s</span></p>`+"\n",
		icons[c.CalloutKind], esc(title))
	return ast.WalkContinue, nil
}
