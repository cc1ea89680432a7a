package build

import (
	"maps"
	"slices"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/worksheet"
)

// A field without an id written gets one made from its question: reworded, the question
// gives the field another id, and what clients saved under the first no longer shows in it.
// A coach rewords questions while writing, in a preview (between serve), where the Builder
// sees each page before and after the edit: it warns there, at the field, until the
// coach writes an id (the old one, to keep the answers; the new one, for a new question),
// or the question has its old words again. A task list item, whose id can only be made
// from its words, is warned about once, with the edit.

// renamedField is a field an edit gave a new made id: was is the id before (the first).
// told: a task's warning was given.
type renamedField struct {
	was  string
	told bool
}

// noteRenamedFields remembers, for each changed page, the fields that an edit gave a new
// made id, with the id they had before: their first, when edits renamed them more than once.
func (b *Builder) noteRenamedFields(changed []string, olds map[string]*entry) {
	for _, c := range changed {
		e, old := b.entries[c], olds[c]
		if e == nil || old == nil || e.doc == nil || old.doc == nil {
			continue
		}
		for now, was := range renamedFields(old.doc.Fields, e.doc.Fields) {
			if _, ok := b.renamed[c][now]; ok {
				continue // seen already: this edit was looked at before, when the short way gave up
			}
			m := b.renamed[c]
			if m == nil {
				if b.renamed == nil {
					b.renamed = map[string]map[string]renamedField{}
				}
				m = map[string]renamedField{}
				b.renamed[c] = m
			}
			if first, ok := m[was]; ok {
				delete(m, was)
				was = first.was
			}
			m[now] = renamedField{was: was}
		}
	}
}

// renamedFields pairs the fields of after whose made id is new with those of before whose
// made id is gone, of the same kind, in order: the same questions, reworded (or one removed
// and another added in its place, which the advice covers too).
func renamedFields(before, after []worksheet.Field) map[string]string {
	had, has := map[string]bool{}, map[string]bool{}
	for _, f := range before {
		had[f.ID] = true
	}
	for _, f := range after {
		has[f.ID] = true
	}
	var gone []worksheet.Field
	for _, f := range before {
		if f.Auto && !has[f.ID] {
			gone = append(gone, f)
		}
	}
	out := map[string]string{}
	for _, f := range after {
		if !f.Auto || had[f.ID] {
			continue
		}
		for i, g := range gone {
			if g.Kind == f.Kind {
				out[f.ID] = g.ID
				gone = slices.Delete(gone, i, i+1)
				break
			}
		}
	}
	return out
}

// renamedWarnings are the warnings for the fields noteRenamedFields remembers, forgetting
// those settled: given an id, with their old words again, or gone.
func (b *Builder) renamedWarnings() diag.List {
	var out diag.List
	for _, c := range slices.Sorted(maps.Keys(b.renamed)) {
		m, e := b.renamed[c], b.entries[c]
		if e == nil || e.doc == nil || e.page == nil {
			delete(b.renamed, c)
			continue
		}
		byID := map[string]worksheet.Field{}
		for _, f := range e.doc.Fields {
			byID[f.ID] = f
		}
		for _, now := range slices.Sorted(maps.Keys(m)) {
			r := m[now]
			was := r.was
			f, ok := byID[now]
			if _, back := byID[was]; !ok || !f.Auto || back {
				delete(m, now)
				continue
			}
			line := f.Line
			if line > 0 {
				line += e.page.BodyLine - 1
			}
			if f.Kind == "task" {
				// A task has no id but its words: said once, as the edit is made, and
				// remembered for when its old words come back.
				if !r.told {
					out.Warn(e.page.File, line, 0, "this task's id is now %q, made from its new words; it was %q, and the ticks clients saved under %q no longer show here. "+
						"To keep them, give the task its old words back", now, was, was)
					m[now] = renamedField{was: was, told: true}
				}
				continue
			}
			out.Warn(e.page.File, line, 0, "this field's id is now %q, made from its new words; it was %q, and what clients saved under %q no longer shows here. "+
				"If it is the same question reworded, write id=%s in its ::: line to keep their answers; if it is a new question, write id=%s",
				now, was, was, was, now)
		}
		if len(m) == 0 {
			delete(b.renamed, c)
		}
	}
	return out
}
