package build

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/worksheet"
)

// A field keeps its id but can still lose what clients saved in it. A choice or checklist
// keeps the words of the items chosen, a scale the number, a table its cells by row and
// column number: reword or remove an option, shrink a scale or a table, and the answers stay
// in the browser but show nowhere (page, Download, My notes), and the client's next tap
// replaces them. As with a reworded question (fieldids.go), the preview sees the page before
// and after the edit and warns at the field. The answers to keep are those of the page as the
// preview first saw it: an option written and reworded again within the session has none.
// Each loss is said once, with the edit that makes it; it is said again if it comes back and
// goes again.

// keptFields are a page's fields that keep chosen words or numbers, by id, as the preview
// first saw them; told: the losses warned of, by id and what was lost.
type keptFields struct {
	fields map[string]worksheet.Field
	told   map[string]bool
}

// hiddenAnswer is a loss of saved answers: key names it (for told), msg is the warning.
type hiddenAnswer struct {
	key, msg string
}

// hiddenAnswerWarnings warns, for each changed page, of the answers an edit leaves saved but
// no longer shown in a field that keeps its id.
func (b *Builder) hiddenAnswerWarnings(changed []string, olds map[string]*entry) diag.List {
	var out diag.List
	for _, c := range slices.Sorted(slices.Values(changed)) {
		e, old := b.entries[c], olds[c]
		if e == nil {
			delete(b.kept, c)
			continue
		}
		k := b.kept[c]
		if k == nil {
			if old == nil || old.doc == nil || e.doc == nil {
				continue
			}
			k = &keptFields{fields: map[string]worksheet.Field{}}
			for _, f := range old.doc.Fields {
				switch f.Kind {
				case "scale", "choice", "checklist", "table":
					k.fields[f.ID] = f
				}
			}
			if len(k.fields) == 0 {
				continue // nothing to lose; a field added later has no answers yet
			}
			if b.kept == nil {
				b.kept = map[string]*keptFields{}
			}
			b.kept[c] = k
		}
		if e.doc == nil || e.page == nil {
			continue
		}
		told := map[string]bool{}
		for _, f := range e.doc.Fields {
			was, ok := k.fields[f.ID]
			if !ok || was.Kind != f.Kind {
				continue
			}
			line := f.Line
			if line > 0 {
				line += e.page.BodyLine - 1
			}
			for _, h := range hiddenAnswers(was, f) {
				key := f.ID + "\x00" + h.key
				told[key] = true
				if !k.told[key] {
					out.Warn(e.page.File, line, 0, "%s", h.msg)
				}
			}
		}
		k.told = told
	}
	return out
}

// hiddenAnswers are the answers that was could hold and now cannot, with a warning for each.
func hiddenAnswers(was, now worksheet.Field) []hiddenAnswer {
	var out []hiddenAnswer
	switch now.Kind {
	case "choice", "checklist":
		for _, item := range was.Items {
			if slices.Contains(now.Items, item) {
				continue
			}
			var msg string
			switch {
			case now.Kind == "checklist":
				msg = fmt.Sprintf("this checklist no longer has the item %q, and clients who ticked it will no longer see it ticked here; their next tick replaces what they saved. "+
					"If it is the same item reworded, write it as before, %q, to keep their ticks", item, item)
			case now.Multiple:
				msg = fmt.Sprintf("this choice no longer has the option %q, and clients who chose it will no longer see it among their choices here; their next choice replaces what they saved. "+
					"If it is the same option reworded, write it as before, %q, to keep their answers", item, item)
			default:
				msg = fmt.Sprintf("this choice no longer has the option %q, and clients who chose it will see nothing chosen here; their next choice replaces what they saved. "+
					"If it is the same option reworded, write it as before, %q, to keep their answers", item, item)
			}
			out = append(out, hiddenAnswer{"item " + item, msg})
		}
	case "scale":
		var lost, fix []string
		if was.Min < now.Min {
			lost = append(lost, points(was.Min, min(now.Min-1, was.Max)))
			fix = append(fix, "min="+strconv.Itoa(was.Min))
		}
		if was.Max > now.Max {
			lost = append(lost, points(max(now.Max+1, was.Min), was.Max))
			fix = append(fix, "max="+strconv.Itoa(was.Max))
		}
		if len(lost) > 0 {
			out = append(out, hiddenAnswer{"scale " + strings.Join(lost, " "), fmt.Sprintf("this scale now runs from %d to %d; it ran from %d to %d, and clients who chose %s will see nothing chosen here; their next tap replaces what they saved. "+
				"To keep their answers, write %s in its ::: line", now.Min, now.Max, was.Min, was.Max, strings.Join(lost, " or "), strings.Join(fix, " "))})
		}
	case "table":
		// A cell is kept by its row and column number, not by the column's heading.
		if n := len(now.Columns); n < len(was.Columns) {
			gone := was.Columns[n:]
			what := fmt.Sprintf("the last column, %q,", gone[0])
			if len(gone) > 1 {
				quoted := make([]string, len(gone))
				for i, g := range gone {
					quoted[i] = strconv.Quote(g)
				}
				what = fmt.Sprintf("the last %d columns, %s,", len(gone), strings.Join(quoted, ", "))
			}
			out = append(out, hiddenAnswer{"columns " + strconv.Itoa(n), fmt.Sprintf("this table now has %d columns; it had %d, and what clients wrote in %s no longer shows here; their next change in the table replaces what they saved. "+
				"Answers are kept by the column's place, not its heading: to keep them, give the table its %d columns again", n, len(was.Columns), what, len(was.Columns))})
		}
		if now.Rows < was.Rows {
			rows := "row " + points(now.Rows+1, was.Rows)
			if now.Rows+1 < was.Rows {
				rows = "rows " + points(now.Rows+1, was.Rows)
			}
			out = append(out, hiddenAnswer{"rows " + strconv.Itoa(now.Rows), fmt.Sprintf("this table now has %d rows; it had %d, and what clients wrote in %s no longer shows here; their next change in the table replaces what they saved. "+
				"To keep it, write rows=%d in its ::: line", now.Rows, was.Rows, rows, was.Rows)})
		}
	}
	return out
}

// points names the numbers from lo to hi: "7", or "6 to 10".
func points(lo, hi int) string {
	if lo == hi {
		return strconv.Itoa(lo)
	}
	return strconv.Itoa(lo) + " to " + strconv.Itoa(hi)
}
