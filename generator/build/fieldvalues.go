package build

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/worksheet"
)

// A field keeps its id but can still stop showing what clients saved in it. A choice or
// checklist keeps the words of the items chosen, a scale the number, a table its cells by row
// and by the column's heading: reword or remove an option, shrink a scale or a table, and the
// field can no longer show those answers. worksheet.js keeps them and shows them under the
// field as the client's earlier answer (in Download and My notes too), but they are no longer
// chosen or in the table. As with a reworded question (fieldids.go), the preview sees the
// page before and after the edit and warns at the field. The answers to keep are those of the
// page as the preview first saw it: an option written and reworded again within the session
// has none. Each change is said once, with the edit that makes it; it is said again if it
// comes back and goes again.

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
// no longer shown in the field, only as an earlier answer under it.
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
				case "scale", "choice", "checklist", "table", "answer", "line", "date", "log":
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
			if !ok {
				continue
			}
			line := f.Line
			if line > 0 {
				line += e.page.BodyLine - 1
			}
			var hidden []hiddenAnswer
			switch {
			case !takes(f, was):
				hidden = []hiddenAnswer{kindChanged(was, f)}
			case was.Kind == f.Kind || isItems(was) && isItems(f):
				hidden = hiddenAnswers(was, f)
			}
			for _, h := range hidden {
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
		if (was.Multiple || was.Kind == "checklist") && now.Kind == "choice" && !now.Multiple {
			out = append(out, hiddenAnswer{"one", fmt.Sprintf("this choice now takes one answer; it took several, and clients who chose more than one will see the first of them chosen, and the others under the field, as their earlier answer. To keep their answers, write multiple in its ::: line")})
		}
		for _, item := range was.Items {
			if slices.Contains(now.Items, item) {
				continue
			}
			var msg string
			switch {
			case now.Kind == "checklist":
				msg = fmt.Sprintf("this checklist no longer has the item %q: clients who ticked it will no longer see it ticked, only under the checklist, as their earlier answer. "+
					"If it is the same item reworded, write it as before, %q, to keep their ticks", item, item)
			case now.Multiple:
				msg = fmt.Sprintf("this choice no longer has the option %q: clients who chose it will no longer see it among their choices, only under the field, as their earlier answer. "+
					"If it is the same option reworded, write it as before, %q, to keep their answers", item, item)
			default:
				msg = fmt.Sprintf("this choice no longer has the option %q: clients who chose it will see nothing chosen, and their choice under the field, as their earlier answer. "+
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
			out = append(out, hiddenAnswer{"scale " + strings.Join(lost, " "), fmt.Sprintf("this scale now runs from %d to %d; it ran from %d to %d, and clients who chose %s will see nothing chosen, and their choice under the scale, as their earlier answer. "+
				"To keep their answers, write %s in its ::: line", now.Min, now.Max, was.Min, was.Max, strings.Join(lost, " or "), strings.Join(fix, " "))})
		}
	case "table":
		// A cell goes by the heading of its column (worksheet.js, columnsFor in
		// between-core.js): a column keeps its cells where it moves, and a heading reworded
		// keeps them when no column is taken away with it. With fewer columns, those whose
		// heading is gone have no place.
		if n := len(now.Columns); n < len(was.Columns) {
			gone := goneColumns(was.Columns, now.Columns)
			quoted := make([]string, len(gone))
			for i, g := range gone {
				quoted[i] = strconv.Quote(g)
			}
			what := fmt.Sprintf("the column %s", quoted[0])
			if len(gone) > 1 {
				what = fmt.Sprintf("the columns %s", strings.Join(quoted, ", "))
			}
			out = append(out, hiddenAnswer{"columns " + strings.Join(gone, "\x00"), fmt.Sprintf("this table now has %d columns; it had %d, and what clients wrote in %s will no longer be in the table, only under it, as their earlier answer. "+
				"To keep it in the table, give the table its %d columns again", n, len(was.Columns), what, len(was.Columns))})
		}
		if now.Rows < was.Rows {
			rows := "row " + points(now.Rows+1, was.Rows)
			if now.Rows+1 < was.Rows {
				rows = "rows " + points(now.Rows+1, was.Rows)
			}
			out = append(out, hiddenAnswer{"rows " + strconv.Itoa(now.Rows), fmt.Sprintf("this table now has %d rows; it had %d, and what clients wrote in %s will no longer be in the table, only under it, as their earlier answer. "+
				"To keep it in the table, write rows=%d in its ::: line", now.Rows, was.Rows, rows, was.Rows)})
		}
	}
	return out
}

// goneColumns are the headings of was that now no longer has, as the client's script finds
// them: the same words, whatever their case and spaces.
func goneColumns(was, now []string) []string {
	key := func(h string) string { return strings.ToLower(strings.Join(strings.Fields(h), " ")) }
	used := make([]bool, len(now))
	var gone []string
	for _, h := range was {
		found := false
		for j, c := range now {
			if !used[j] && key(c) == key(h) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			gone = append(gone, h)
		}
	}
	return gone
}

// takes reports whether a field like now shows what a field like was saved, of a kind
// perhaps another: words (an answer, a line) show a date, a number or an option as words; a
// choice or a checklist shows the items of another choice or checklist that it has (the items
// gone are told by hiddenAnswers). Any other change of kind is a new question under an old id.
func takes(now, was worksheet.Field) bool {
	switch now.Kind {
	case "answer", "line":
		switch was.Kind {
		case "answer", "line", "date", "scale":
			return true
		case "choice":
			return !was.Multiple
		}
		return false // several items, a table's rows, a log's notes: not one text
	case "choice", "checklist":
		return isItems(was)
	}
	return was.Kind == now.Kind
}

func isItems(f worksheet.Field) bool { return f.Kind == "choice" || f.Kind == "checklist" }

// kindChanged is the warning of a field given a kind that cannot show what was saved in it,
// under the same id: a question answered in words that is now a scale, say.
func kindChanged(was, now worksheet.Field) hiddenAnswer {
	return hiddenAnswer{"kind " + was.Kind, fmt.Sprintf("this field was %s and is now %s, with the same id, %q: what clients saved in it no longer fits, "+
		"and shows under the field as their earlier answer. If it is a new question, give it a new id (id=%s-%s) so that it starts empty for everyone; "+
		"if not, give it back its kind, %s", kindWords(was), kindWords(now), now.ID, now.ID, now.Kind, was.Kind)}
}

// kindWords names a field's kind for a coach: "a choice of several".
func kindWords(f worksheet.Field) string {
	switch {
	case f.Kind == "answer":
		return "an answer"
	case f.Kind == "choice" && f.Multiple:
		return "a choice of several"
	}
	return "a " + f.Kind
}

// points names the numbers from lo to hi: "7", or "6 to 10".
func points(lo, hi int) string {
	if lo == hi {
		return strconv.Itoa(lo)
	}
	return strconv.Itoa(lo) + " to " + strconv.Itoa(hi)
}
