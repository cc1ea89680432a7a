package build

import (
	"strconv"
	"strings"
	"testing"
)

// TestHiddenAnswerWarns: in a preview, an edit that keeps a field's id but leaves answers
// saved that it can no longer show (an option reworded or removed, a scale or a table made
// smaller) warns at the field, once, with what to write to keep them. Both ways a rebuild
// goes are covered: a text edit (the short way) and an edit of the front matter too.
func TestHiddenAnswerWarns(t *testing.T) {
	const ws = "worksheets/w.md"
	page := func(extra, body string) string { return mdPage("W", "date = 2026-01-01"+extra, body) }
	field := func(open, rest string) string { return "Intro.\n\n" + open + "\n" + rest + ":::\n" }
	const q = "How often?\n- Rarely\n- Often\n- Always\n"
	choice := func(line int, opt string) string {
		return "content/" + ws + ":" + strconv.Itoa(line) + ": warning: this choice no longer has the option \"" + opt +
			"\": clients who chose it will see nothing chosen, and their choice under the field, as their earlier answer. If it is the same option reworded, write it as before, \"" +
			opt + "\", to keep their answers"
	}
	multiple := func(line int, opt string) string {
		return "content/" + ws + ":" + strconv.Itoa(line) + ": warning: this choice no longer has the option \"" + opt +
			"\": clients who chose it will no longer see it among their choices, only under the field, as their earlier answer. If it is the same option reworded, write it as before, \"" +
			opt + "\", to keep their answers"
	}
	checklist := func(line int, item string) string {
		return "content/" + ws + ":" + strconv.Itoa(line) + ": warning: this checklist no longer has the item \"" + item +
			"\": clients who ticked it will no longer see it ticked, only under the checklist, as their earlier answer. If it is the same item reworded, write it as before, \"" +
			item + "\", to keep their ticks"
	}
	scale := func(line int, now, was, lost, fix string) string {
		return "content/" + ws + ":" + strconv.Itoa(line) + ": warning: this scale now runs from " + now + "; it ran from " + was + ", and clients who chose " + lost +
			" will see nothing chosen, and their choice under the scale, as their earlier answer. To keep their answers, write " + fix + " in its ::: line"
	}
	table := func(line int, now, was int, what string) string {
		return "content/" + ws + ":" + strconv.Itoa(line) + ": warning: this table now has " + strconv.Itoa(now) + " columns; it had " + strconv.Itoa(was) +
			", and what clients wrote in " + what + " will no longer be in the table, only under it, as their earlier answer. " +
			"To keep it in the table, give the table its " + strconv.Itoa(was) + " columns again"
	}
	rows := func(line int, now, was int, which string) string {
		return "content/" + ws + ":" + strconv.Itoa(line) + ": warning: this table now has " + strconv.Itoa(now) + " rows; it had " + strconv.Itoa(was) +
			", and what clients wrote in " + which + " will no longer be in the table, only under it, as their earlier answer. To keep it in the table, write rows=" + strconv.Itoa(was) + " in its ::: line"
	}
	type step struct {
		body string
		want func(at int) []string
	}
	none := func(int) []string { return nil }
	cases := []struct {
		name  string
		steps []step // after the first build of the first step's body
	}{
		{"option reworded", []step{
			{field("::: choice id=freq", q), nil},
			// Options moved, one added: nothing is hidden.
			{field("::: choice id=freq", "How often?\n- Always\n- Never\n- Often\n- Rarely\n"), none},
			{field("::: choice id=freq", strings.Replace(q, "Often", "Quite often", 1)), func(at int) []string { return []string{choice(at, "Often")} }},
			// Said once; the option's second words were never seen by a client.
			{field("::: choice id=freq", strings.Replace(q, "Often", "Very often", 1)), none},
			// Back as it was, then gone again: said again.
			{field("::: choice id=freq", q), none},
			{field("::: choice id=freq", strings.Replace(q, "- Often\n", "", 1)), func(at int) []string { return []string{choice(at, "Often")} }},
		}},
		{"options removed, one added (said in the order sorted)", []step{
			{field("::: choice id=freq multiple", q), nil},
			{field("::: choice id=freq multiple", "How often?\n- Always\n- Never\n"), func(at int) []string { return []string{multiple(at, "Often"), multiple(at, "Rarely")} }},
		}},
		{"checklist item reworded", []step{
			{field("::: checklist id=todo", "- Book the call\n- Draft it\n"), nil},
			{field("::: checklist id=todo", "- Book the call with Sam\n- Draft it\n"), func(at int) []string { return []string{checklist(at, "Book the call")} }},
		}},
		{"question reworded too", []step{
			{field("::: choice", q), nil},
			// A new id: the renamed-field warning says it all.
			{field("::: choice", strings.Replace(strings.Replace(q, "How often?", "How often, really?", 1), "Often", "Quite often", 1)), func(at int) []string {
				return []string{renamedWarning(ws, at, "how-often-really", "how-often")}
			}},
			// The old id written: the option is the one gone now.
			{field("::: choice id=how-often", strings.Replace(strings.Replace(q, "How often?", "How often, really?", 1), "Often", "Quite often", 1)), func(at int) []string {
				return []string{choice(at, "Often")}
			}},
		}},
		{"scale's top cut", []step{
			{field("::: scale id=sure min=1 max=10", "How sure?\n"), nil},
			{field("::: scale id=sure min=0 max=10", "How sure?\n"), none}, // longer: nothing hidden
			{field("::: scale id=sure min=1 max=5", "How sure?\n"), func(at int) []string { return []string{scale(at, "1 to 5", "1 to 10", "6 to 10", "max=10")} }},
		}},
		{"scale cut both ends", []step{
			{field("::: scale id=sure min=0 max=10", "How sure?\n"), nil},
			{field("::: scale id=sure min=1 max=9", "How sure?\n"), func(at int) []string { return []string{scale(at, "1 to 9", "0 to 10", "0 or 10", "min=0 max=10")} }},
		}},
		{"scale moved away", []step{
			{field("::: scale id=sure", "How sure?\n"), nil},
			{field("::: scale id=sure min=6 max=10", "How sure?\n"), func(at int) []string { return []string{scale(at, "6 to 10", "1 to 5", "1 to 5", "min=1")} }},
		}},
		{"table's last column gone", []step{
			{field(`::: table id=habit columns="Day | What I did | How it felt"`, "Habits\n"), nil},
			// Headings reworded, rows more: nothing hidden.
			{field(`::: table id=habit columns="Day | What I did today | How it felt" rows=4`, "Habits\n"), none},
			{field(`::: table id=habit columns="Day | What I did"`, "Habits\n"), func(at int) []string { return []string{table(at, 2, 3, `the column "How it felt"`)} }},
		}},
		{"table's columns gone, rows fewer", []step{
			{field(`::: table id=habit columns="Day | What I did | How it felt" rows=7`, "Habits\n"), nil},
			{field(`::: table id=habit columns="Day" rows=5`, "Habits\n"), func(at int) []string {
				return []string{table(at, 1, 3, `the columns "What I did", "How it felt"`), rows(at, 5, 7, "rows 6 to 7")}
			}},
		}},
		{"kind changed under the same id", []step{
			{field("::: answer id=energy", "How was your energy?\n"), nil},
			// An answer that is now a line keeps its words: nothing hidden.
			{field("::: line id=energy", "How was your energy?\n"), none},
			{field("::: scale id=energy", "How was your energy?\n"), func(at int) []string {
				return []string{"content/" + ws + ":" + strconv.Itoa(at) + `: warning: this field was an answer and is now a scale, with the same id, "energy": what clients saved in it no longer fits, ` +
					`and shows under the field as their earlier answer. If it is a new question, give it a new id (id=energy-scale) so that it starts empty for everyone; if not, give it back its kind, answer`}
			}},
			// Said once.
			{field("::: scale id=energy max=10", "How was your energy?\n"), none},
		}},
		{"a choice of one made several, a checklist, words: each shows it", []step{
			{field("::: choice id=freq", q), nil},
			{field("::: choice id=freq multiple", q), none},
			{field("::: checklist id=freq", "- Rarely\n- Often\n- Always\n"), none},
			{field("::: answer id=freq", "How often?\n"), none}, // the option's words, as words
		}},
		{"a choice of several made one", []step{
			{field("::: choice id=freq multiple", q), nil},
			{field("::: choice id=freq", q), func(at int) []string {
				return []string{"content/" + ws + ":" + strconv.Itoa(at) + `: warning: this choice now takes one answer; it took several, and clients who chose more than one will see the first of them chosen, and the others under the field, as their earlier answer. To keep their answers, write multiple in its ::: line`}
			}},
		}},
		{"a choice of several made words", []step{
			{field("::: choice id=freq multiple", q), nil},
			{field("::: answer id=freq", "How often?\n"), func(at int) []string {
				return []string{"content/" + ws + ":" + strconv.Itoa(at) + `: warning: this field was a choice of several and is now an answer, with the same id, "freq": what clients saved in it no longer fits, ` +
					`and shows under the field as their earlier answer. If it is a new question, give it a new id (id=freq-answer) so that it starts empty for everyone; if not, give it back its kind, choice`}
			}},
		}},
		{"a table made words", []step{
			{field(`::: table id=habit columns="Day | What I did"`, "Habits\n"), nil},
			{field("::: answer id=habit", "Habits\n"), func(at int) []string {
				return []string{"content/" + ws + ":" + strconv.Itoa(at) + `: warning: this field was a table and is now an answer, with the same id, "habit": what clients saved in it no longer fits, ` +
					`and shows under the field as their earlier answer. If it is a new question, give it a new id (id=habit-answer) so that it starts empty for everyone; if not, give it back its kind, table`}
			}},
		}},
		{"a scale made words", []step{
			{field("::: scale id=sure", "How sure?\n"), nil},
			{field("::: line id=sure", "How sure?\n"), none}, // the number, as words
		}},
		{"a date made a scale", []step{
			{field("::: date id=when", "When?\n"), nil},
			{field("::: scale id=when", "When?\n"), func(at int) []string {
				return []string{"content/" + ws + ":" + strconv.Itoa(at) + `: warning: this field was a date and is now a scale, with the same id, "when": what clients saved in it no longer fits, ` +
					`and shows under the field as their earlier answer. If it is a new question, give it a new id (id=when-scale) so that it starts empty for everyone; if not, give it back its kind, date`}
			}},
		}},
		{"table's middle column gone, the others moved", []step{
			{field(`::: table id=habit columns="Day | What I did | How it felt"`, "Habits\n"), nil},
			// Cells go by their column's heading: moved, they lose nothing.
			{field(`::: table id=habit columns="How it felt | Day | What I did"`, "Habits\n"), none},
			{field(`::: table id=habit columns="How it felt | Day"`, "Habits\n"), func(at int) []string { return []string{table(at, 2, 3, `the column "What I did"`)} }},
		}},
	}
	for _, way := range []struct {
		name  string
		extra string // added to the front matter with the edit: the long way
	}{
		{"text edit", ""},
		{"front matter edited too", "\nweight = 3"},
	} {
		for _, c := range cases {
			t.Run(way.name+"/"+c.name, func(t *testing.T) {
				root := writeSite(t, map[string]string{
					"config.toml":   "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n",
					"content/" + ws: page("", c.steps[0].body),
				})
				b := newBuilder(root)
				mustBuild(t, b)
				at := 7 // the field's line, 8 with the front matter's line more
				if way.extra != "" {
					at = 8
				}
				for i, st := range c.steps[1:] {
					write(t, root, "content/"+ws, page(way.extra, st.body))
					res := mustRebuild(t, b, "content/"+ws)
					var got []string
					for _, w := range res.Warnings {
						got = append(got, w.Error())
					}
					if want := st.want(at); strings.Join(got, "\n") != strings.Join(want, "\n") {
						t.Errorf("step %d: warnings\n%s\nwant\n%s", i+1, strings.Join(got, "\n"), strings.Join(want, "\n"))
					}
				}
			})
		}
	}
}
