package build

import (
	"strconv"
	"strings"
	"testing"
)

// TestRenamedFieldWarns: in a preview, rewording a question whose id Between made gives
// the field a new id; the rebuild warns at the field, with the id to write to keep the
// answers, until the coach writes an id or the words come back. Both ways a rebuild goes
// are covered: a text edit (the short way) and an edit of the front matter too.
func TestRenamedFieldWarns(t *testing.T) {
	const ws = "worksheets/w.md"
	page := func(extra, body string) string { return mdPage("W", "date = 2026-01-01"+extra, body) }
	before := "Intro.\n\n::: answer\nWhat went well?\n:::\n\n::: scale id=confidence\nHow sure?\n:::\n\n- [ ] Book the call\n"
	warning := func(line int, now, was string) string { return renamedWarning(ws, line, now, was) }
	task := func(line int, now, was string) string {
		return "content/" + ws + ":" + strconv.Itoa(line) + ": warning: this task's id is now \"" + now + "\", made from its new words; it was \"" + was +
			"\", and the ticks clients saved under \"" + was + "\" no longer show here. To keep them, give the task its old words back"
	}
	for _, c := range []struct {
		name  string
		extra string // added to the front matter with the edit: the long way
	}{
		{"text edit", ""},
		{"front matter edited too", "\nweight = 3"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := writeSite(t, map[string]string{
				"config.toml":   "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n",
				"content/" + ws: page("", before),
			})
			b := newBuilder(root)
			mustBuild(t, b)
			at := 7 // the first field's line, 8 with the front matter's line more
			if c.extra != "" {
				at = 8
			}
			steps := []struct {
				body string
				want []string
			}{
				// Reworded: the answer and the task get new ids; the scale has its own.
				{strings.Replace(strings.Replace(before, "What went well?", "What went well this week?", 1), "Book the call", "Book the call with Sam", 1),
					[]string{warning(at, "what-went-well-this-week", "what-went-well"), task(at+8, "book-the-call-with-sam", "book-the-call")}},
				// Reworded again: the answers are still under the first id; the task was
				// said once.
				{strings.Replace(strings.Replace(before, "What went well?", "What went well lately?", 1), "Book the call", "Book the call with Sam", 1),
					[]string{warning(at, "what-went-well-lately", "what-went-well")}},
				// The coach writes the old id.
				{strings.Replace(before, "::: answer\nWhat went well?", "::: answer id=what-went-well\nWhat went well lately?", 1), nil},
				// Nothing is left to warn about: another edit elsewhere says nothing.
				{strings.Replace(before, "Intro.", "Introduction.", 1), nil},
				// A new question in place of the old: the new id written settles it.
				{strings.Replace(before, "What went well?", "What was hard?", 1), []string{warning(at, "what-was-hard", "what-went-well")}},
				{strings.Replace(before, "::: answer\nWhat went well?", "::: answer id=what-was-hard\nWhat was hard?", 1), nil},
			}
			for i, st := range steps {
				write(t, root, "content/"+ws, page(c.extra, st.body))
				res := mustRebuild(t, b, "content/"+ws)
				var got []string
				for _, w := range res.Warnings {
					got = append(got, w.Error())
				}
				if strings.Join(got, "\n") != strings.Join(st.want, "\n") {
					t.Errorf("step %d: warnings\n%s\nwant\n%s", i+1, strings.Join(got, "\n"), strings.Join(st.want, "\n"))
				}
			}
		})
	}
}

// renamedWarning is the renamed-field warning for the field at line of content/ws.
func renamedWarning(ws string, line int, now, was string) string {
	return "content/" + ws + ":" + strconv.Itoa(line) + ": warning: this field's id is now \"" + now + "\", made from its new words; it was \"" + was +
		"\", and what clients saved under \"" + was + "\" no longer shows here. If it is the same question reworded, write id=" + was +
		" in its ::: line to keep their answers; if it is a new question, write id=" + now
}
