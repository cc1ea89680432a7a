package worksheet_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/between-ssg/between/generator/worksheet"
)

// TestProblems checks the line, column and exact message of every mistake a coach can make,
// and that the page still renders.
func TestProblems(t *testing.T) {
	kinds := "(kinds: answer, line, scale, choice, checklist, table, date, log, note, tip, warning)"
	placed := "Add, remove or move a field above it, and the answers clients saved in it show in another field, or nowhere. Write an id in its ::: line; id="
	keeps := " keeps the answers saved so far"
	cases := []struct {
		name string
		src  string
		want []string // "line:col: message"
	}{
		{"unknown kind with suggestion", "intro\n\n::: anwser\nQ\n:::\n",
			[]string{`3:5: unknown field kind "anwser"; did you mean "answer"? ` + kinds}},
		{"two colons", "intro\n\n:: answer id=wins\nQ\n",
			[]string{`3:1: this line starts with two colons, so it is shown as text; a field or callout opens with three: ::: answer`}},
		{"two colons, no space, in a list", "- item\n\n  ::scale\n",
			[]string{`3:3: this line starts with two colons, so it is shown as text; a field or callout opens with three: ::: scale`}},
		{"two colons before a word that is no kind", "Ratio :: 2\n\n:: not a field\n", nil},
		{"unknown kind without suggestion", "::: poem\nQ\n:::\n",
			[]string{`1:5: unknown field kind "poem" ` + kinds}},
		{"kind in capitals", "::: Answer\nQ\n:::\n",
			[]string{`1:5: unknown field kind "Answer"; did you mean "answer"? ` + kinds}},
		{"unknown option with suggestion", "::: answer lnes=3\nQ\n:::\n",
			[]string{`1:12: answer "q": unknown option "lnes"; did you mean "lines"? (answer options: id, lines)`}},
		{"option of another kind", "::: line multiple\nQ\n:::\n",
			[]string{`1:10: line "q": unknown option "multiple" (line options: id)`}},
		{"callout option", "::: tip id=x\nText\n:::\n",
			[]string{`1:9: tip: unknown option "id" (tip options: title)`}},
		{"option twice", "::: answer lines=2 lines=3\nQ\n:::\n",
			[]string{`1:20: answer "q": option lines is given twice; keep one`}},
		{"lines not a number", "::: answer id=wins lines=four\nQ\n:::\n",
			[]string{`1:20: answer "wins": lines must be a whole number such as 4, not "four"`}},
		{"lines zero", "::: answer id=wins lines=0\nQ\n:::\n",
			[]string{`1:20: answer "wins": lines must be at least 1, not 0`}},
		{"lines too many", "::: answer id=wins lines=200\nQ\n:::\n",
			[]string{`1:20: answer "wins": lines must be at most 60, not 200`}},
		{"lines without value", "::: answer id=wins lines\nQ\n:::\n",
			[]string{`1:20: answer "wins": lines needs a value, for example lines=4`}},
		{"min greater than max", "::: scale id=confidence min=10 max=1\nQ\n:::\n",
			[]string{`1:25: scale "confidence": min (10) is greater than max (1); make min smaller than max`}},
		{"min greater than default max", "::: scale id=c min=7\nQ\n:::\n",
			[]string{`1:16: scale "c": min (7) is greater than max (5); make min smaller than max (which is 5 when not given), or add max`}},
		{"min equals max", "::: scale id=c min=3 max=3\nQ\n:::\n",
			[]string{`1:22: scale "c": min and max are both 3, which leaves nothing to choose; make max greater than min`}},
		{"too many points", "::: scale id=c min=0 max=100\nQ\n:::\n",
			[]string{`1:22: scale "c": 101 points from 0 to 100 are too many to show; use at most 21, for example min=0 max=10`}},
		{"max not a number", "::: scale id=c max=ten\nQ\n:::\n",
			[]string{`1:16: scale "c": max must be a whole number such as 5, not "ten"`}},
		{"rows zero", "::: table id=habit columns=\"Day | Done\" rows=0\nQ\n:::\n",
			[]string{`1:41: table "habit": rows must be at least 1, not 0`}},
		{"rows not a number", "::: table id=habit columns=Day rows=seven\nQ\n:::\n",
			[]string{`1:32: table "habit": rows must be a whole number such as 3, not "seven"`}},
		{"table without columns", "::: table id=habit\nQ\n:::\n",
			[]string{`1:1: table "habit" has no columns; add columns="Day | What I did | How it felt" (headings separated by |) to its ::: line`}},
		{"empty column", "::: table id=habit columns=\"Day || Done\"\nQ\n:::\n",
			[]string{`1:20: table "habit": column 2 in columns is empty; write a heading between each pair of |`}},
		{"choice without items", "::: choice id=energy\nHow was your energy?\n:::\n",
			[]string{`1:1: choice "energy" has no items; add a list under the question, one "- item" per line`}},
		{"checklist without items", "::: checklist id=actions\nThings to do\n:::\n",
			[]string{`1:1: checklist "actions" has no items; add a list under the question, one "- item" per line`}},
		{"duplicate item", "::: choice id=energy\nEnergy\n- Low\n- High\n- Low\n:::\n",
			[]string{`5:1: choice "energy" lists "Low" twice; make each item different`}},
		{"empty item", "::: choice id=energy\nEnergy\n- Low\n-\n:::\n",
			[]string{`4:1: choice "energy": an item is empty; write its text after the -, or remove the line`}},
		{"multiple with a value", "::: choice id=e multiple=maybe\nQ\n- a\n:::\n",
			[]string{`1:17: choice "e": multiple takes no value, not "maybe"; write just multiple to allow more than one choice`}},
		{"field without label", "::: answer id=wins\n:::\n",
			[]string{`1:1: answer "wins" has no label; write the question as the first paragraph inside the ::: lines`}},
		{"choice without label", "::: choice id=energy\n- Low\n- High\n:::\n",
			[]string{`1:1: choice "energy" has no label; write the question as the first paragraph inside the ::: lines`}},
		{"duplicate explicit id", "::: answer id=wins\nA\n:::\n\n::: line id=wins\nB\n:::\n",
			[]string{`5:10: line "wins": another field on this page already uses the id "wins" (4 lines above); give this one its own id, for example id=wins-2`}},
		{"duplicate derived id", "::: answer\nWhat now?\n:::\n\n::: answer\nWhat now?\n:::\n",
			[]string{`5:1: answer "what-now": another field on this page already uses the id "what-now" (4 lines above); add an id to one of them, for example id=what-now-2`}},
		{"id with a space", "::: answer id=\"my wins\"\nQ\n:::\n",
			[]string{`1:12: answer: id "my wins" may contain only letters, digits, - and _; for example id=my-wins`}},
		{"empty id", "::: answer id=\nWhat now?\n:::\n",
			[]string{`1:12: answer: id needs a value, for example id=what-now`}},
		{"unclosed quote", "::: scale id=c low=\"Not at all\nQ\n:::\n",
			[]string{`1:16: the value of low opens a quote (") that is not closed; add " after "Not at all"`}},
		{"curly quotes", "::: scale id=c low=“Not at all” high=“Very much”\nQ\n:::\n",
			[]string{
				`1:16: use straight quotes " ", not curly ones “ ” (word processors and notes apps put those in): low="Not at all"`,
				`1:33: use straight quotes " ", not curly ones “ ” (word processors and notes apps put those in): high="Very much"`,
			}},
		{"curly quote never closed", "::: scale id=c low=“Not at all\nQ\n:::\n",
			[]string{`1:16: use straight quotes " ", not curly ones “ ” (word processors and notes apps put those in): low="Not at all"`}},
		{"unreadable option", "::: answer lines?4\nQ\n:::\n",
			[]string{`1:12: cannot read "lines?4" on the ::: line; write options as key=value, for example id=wins`}},
		{"unclosed at the end", "::: answer id=wins\nQ\n\nMore text\n",
			[]string{`1:1: ::: answer "wins" is never closed; add a line with only ::: after its content`}},
		{"unclosed in a quote", "> ::: tip\n> Text\n\nAfter\n",
			[]string{`1:3: ::: tip is never closed; add a line with only ::: after its content`}},
		{"unclosed in a list item", "- item\n\n  ::: answer\n  Q\n:::\n",
			[]string{
				`3:3: ::: answer is never closed; add a line with only ::: after its content`,
				`5:1: this ::: closes nothing, since no field or callout is open here; remove the line, or, if it closes a field in a list item or a quote, indent it or start it with > like the opening ::: line`,
			}},
		{"field left open by the next one", "::: answer id=a\nA\n::: answer id=b\nB\n:::\n",
			[]string{`1:1: ::: answer "a" is never closed; add a line with only ::: after its content (the ::: answer 2 lines below is inside it; close this one before that line)`}},
		{"closed by writing its kind again", "::: answer id=wins\nWhat went well?\n::: answer\n\nMore text.\n",
			[]string{`3:1: this ::: answer opens a new field inside ::: answer "wins", which is never closed; to close ::: answer "wins", write only :::`}},
		{"callout holding a field, closed once", "::: tip\nBreathe.\n\n::: scale id=calm\nHow calm?\n:::\n",
			[]string{`1:1: ::: tip is never closed; add a line with only ::: after its content (the ::: 5 lines below closes the ::: scale inside it, so this one needs a ::: of its own)`}},
		{"stray closing fence", "Text\n\n:::\n",
			[]string{`3:1: this ::: closes nothing, since no field or callout is open here; remove the line, or, if it closes a field in a list item or a quote, indent it or start it with > like the opening ::: line`}},
		{"columns after a multi-byte character", "::: table id=é columns=\"Jour\" rows=x\nQ\n:::\n",
			[]string{`1:31: table "é": rows must be a whole number such as 3, not "x"`}},
		{"windows line endings", "intro\r\n\r\n::: answer lines=x\r\nQ\r\n:::\r\n",
			[]string{`3:12: answer "q": lines must be a whole number such as 4, not "x"`}},
		{"spaces around =", "::: answer id=wins lines = 4\nQ\n:::\n",
			[]string{`1:20: write lines=4, without spaces around =`}},
		{"space after =", "::: scale id=c low= \"Not at all\"\nQ\n:::\n",
			[]string{`1:16: write low="Not at all", without spaces around =`}},
		{"colon for =", "::: answer id: wins\nQ\n:::\n",
			[]string{`1:12: write id=wins, with = instead of :`}},
		{"colon for =, no space", "::: answer id=wins lines:4\nQ\n:::\n",
			[]string{`1:20: write lines=4, with = instead of :`}},
		{"empty id before an option", "::: answer id= lines=4\nWhat now?\n:::\n",
			[]string{`1:12: answer: id needs a value, for example id=what-now`}},
		{"question on the ::: line", "::: answer What went well this week?\n:::\n",
			[]string{`1:12: answer: "What went well this week?" is on the ::: line, where only options go; write the question on the line under ::: answer`}},
		{"one-line field", "::: line id=habit The habit :::\n",
			[]string{
				`1:1: ::: line "habit" is never closed; add a line with only ::: after its content`,
				`1:19: line: "The habit" is on the ::: line, where only options go; write the question on the line under ::: line`,
			}},
		{"callout text on the ::: line", "::: tip Write for five minutes\n:::\n",
			[]string{`1:9: tip: "Write for five minutes" is on the ::: line, where only options go; write the text on the line under ::: tip`}},
		{"value with spaces, unquoted", "::: scale id=c low=Not at all high=Completely\nQ\n:::\n",
			[]string{`1:16: scale "c": low=Not at all has spaces, so only "Not" is read as its value; put it in quotes: low="Not at all"`}},
		{"columns unquoted", "::: table id=habit columns=Day | What I did rows=7\nQ\n:::\n",
			[]string{`1:20: table "habit": columns=Day | What I did has spaces, so only "Day" is read as its value; put it in quotes: columns="Day | What I did"`}},
		{"id with a space, unquoted", "::: answer id=my wins\nQ\n:::\n",
			[]string{`1:12: answer: id=my wins has a space, so "wins" is read as an option; an id is one word: write id=my-wins`}},
		{"flag misspelt after an id", "::: choice id=e multi\nQ\n- a\n:::\n",
			[]string{`1:17: choice "e": unknown option "multi"; did you mean "multiple"? (choice options: id, multiple)`}},
		{"scale range as a word", "::: scale id=c 1-10\nQ\n:::\n",
			[]string{`1:16: scale "c": write the range 1-10 as min=1 max=10`}},
		{"scale with an en dash for minus", "::: scale id=c min=–5 max=−1\nQ\n:::\n", nil},
		{"straight quote closed by a curly one", "::: scale id=c low=\"Not at all” high=\"Completely”\nQ\n:::\n",
			[]string{
				`1:16: the value of low opens with a straight quote (") and closes with a curly one (”); use straight quotes at both ends: low="Not at all"`,
				`1:33: the value of high opens with a straight quote (") and closes with a curly one (”); use straight quotes at both ends: high="Completely"`,
			}},
		{"apostrophe in a quoted value", "::: scale id=c low=\"Clients’ view\" high='Don’t know'\nQ\n:::\n", nil},
		{"quote closed by the next option's", "::: scale id=c low=\"Not at all high=\"Completely\"\nQ\n:::\n",
			[]string{`1:16: the value of low opens a quote (") that is not closed; add " after "Not at all"`}},
		{"no-break spaces on the ::: lines", ":::\u00a0answer id=wins\u00a0lines=4\nQ\n:::\u00a0\n", nil},
		{"narrow no-break space", "::: answer\u202fid=wins\nQ\n:::\n", nil},
		{"no-break space in a quoted value", "::: scale id=c low=\"Not\u00a0at all\" max=x\nQ\n:::\n",
			[]string{`1:33: scale "c": max must be a whole number such as 5, not "x"`}},
		{"kind in another tool's word", "::: rating id=c\nQ\n:::\n",
			[]string{`1:5: unknown field kind "rating"; did you mean "scale"? ` + kinds}},
		{"callout in MkDocs' word", "::: info\nText\n:::\n",
			[]string{`1:5: unknown field kind "info"; did you mean "note"? ` + kinds}},
		{"options in braces", "::: answer {id=wins lines=4}\nQ\n:::\n",
			[]string{`1:12: write the options without { }: ::: answer id=wins lines=4`}},
		{"closed with two colons", "::: answer id=wins\nQ\n::\n\nAfter\n",
			[]string{`3:1: this line has two colons; close ::: answer "wins" with a line of three: :::`}},
		{"closed with ::: end", "::: answer id=wins\nQ\n::: end\n\nAfter\n",
			[]string{`3:1: close ::: answer "wins" with a line of only :::, not "::: end"`}},
		{"closed with ::: /tip", "::: tip\nText\n::: /tip\n",
			[]string{`3:1: close ::: tip with a line of only :::, not "::: /tip"`}},
		{"question as a heading", "::: answer id=wins\n## What went well?\n\nOne moment.\n:::\n",
			[]string{`2:1: answer "wins": the question "What went well?" is written as a heading (##), which a field cannot show as its question; write it as a plain line, without the #`}},
		{"items with pasted bullets", "::: choice id=energy\nHow was it?\n• Low\n• High\n:::\n",
			[]string{`3:1: choice "energy" has no items: a line that starts with • is no list item to Markdown; start each item with - and a space instead: - Low`}},
		{"columns with outer pipes", "::: table id=habit columns=\"| Day | Done |\"\nQ\n:::\n",
			[]string{`1:20: table "habit": columns="| Day | Done |" has a | at its start or end, which makes an empty column; write | only between headings: columns="Day | Done"`}},
		{"kind in full-width letters", "：：：　ａｎｓｗｅｒ\nQ\n：：：\n",
			[]string{`1:5: unknown field kind "ａｎｓｗｅｒ"; did you mean "answer", in ordinary (half-width) letters? ` + kinds}},
		{"kind in full-width letters, indented with a full-width space", "Intro\n\n　：：：　ａｎｓｗｅｒ\nQ\n　：：：\n",
			[]string{`3:6: unknown field kind "ａｎｓｗｅｒ"; did you mean "answer", in ordinary (half-width) letters? ` + kinds}},
		{"two full-width colons", "：：　line id=x\nQ\n",
			[]string{`1:1: this line starts with two colons, so it is shown as text; a field or callout opens with three: ::: line`}},
		{"closed with full-width ::: end", "::: answer id=wins\nQ\n：：：　end\n\nAfter\n",
			[]string{`3:1: close ::: answer "wins" with a line of only :::, not "：：：　end"`}},
		{"full-width colon for =", "::: answer id=wins lines：4\nQ\n:::\n",
			[]string{`1:20: write lines=4, with = instead of :`}},
		{"question of emoji only", "::: line id=a\nName\n:::\n\n::: scale\n😀 → 🙁\n:::\n",
			[]string{`5:1: warning: scale "scale-2": the question "😀 → 🙁" has no letters or digits to make an id from, so its id comes from its place: it is field 2 of the page. ` + placed + "scale-2" + keeps}},
		{"question of punctuation only", "::: tip\n::: answer\n???\n:::\n:::\n",
			[]string{`2:1: warning: answer "answer-1": the question "???" has no letters or digits to make an id from, so its id comes from its place: it is field 1 of the page. ` + placed + "answer-1" + keeps}},
		{"question that is a picture", "::: answer\n![](sunrise.jpg)\n:::\n",
			[]string{`1:1: warning: answer "answer-1": the question is a picture, with no letters or digits to make an id from, so its id comes from its place: it is field 1 of the page. ` + placed + "answer-1" + keeps}},
		{"checklist of emoji only", "::: checklist\n- 🏃\n- 🧘\n:::\n",
			[]string{`1:1: warning: checklist "checklist-1": its first item "🏃" has no letters or digits to make an id from, so its id comes from its place: it is field 1 of the page. ` + placed + "checklist-1" + keeps}},
		{"tasks of emoji only", "- [ ] 🏃\n- [x] 🧘 \n",
			[]string{
				`1:3: warning: the task "🏃" has no letters or digits to make an id from, so its id (task) comes from its place among such tasks: add, remove or move one above it, and the ticks clients saved show on another task. Add a word to it (- [ ] 🏃 Run, say): a task's id is made of its words`,
				`2:3: warning: the task "🧘" has no letters or digits to make an id from, so its id (task-2) comes from its place among such tasks: add, remove or move one above it, and the ticks clients saved show on another task. Add a word to it (- [ ] 🧘 Run, say): a task's id is made of its words`,
			}},
		{"emoji with words, or an id", "::: scale id=mood\n😀 → 🙁\n:::\n\n::: answer\n😀 Your mood?\n:::\n\n- [ ] 🏃 Run\n", nil},
		{"options before the kind", "::: id=wins answer lines=3\nQ\n:::\n",
			[]string{`1:5: the kind comes first on a ::: line, then the options: ::: answer id=wins lines=3`}},
		{"no kind", "::: id=wins lines=3\nQ\n:::\n",
			[]string{`1:5: this ::: line has no kind; write it first, then the options: ::: answer id=wins lines=3 ` + kinds}},
		{"id in braces, as Pandoc writes it", "::: answer {#wins}\nQ\n:::\n",
			[]string{`1:12: write the options without { }: ::: answer id=wins`}},
		{"rows for an answer's lines", "::: answer id=a rows=6\nQ\n:::\n",
			[]string{`1:17: answer "a": unknown option "rows"; did you mean "lines"? (answer options: id, lines)`}},
		{"lines for a table's rows", "::: table id=t columns=A lines=5\nT\n:::\n",
			[]string{`1:26: table "t": unknown option "lines"; did you mean "rows"? (table options: id, columns, rows, row)`}},
		{"labels of a scale in a form tool's words", "::: scale id=s min-label=Never maxLabel=Always\nQ\n:::\n",
			[]string{
				`1:16: scale "s": unknown option "min-label"; did you mean "low"? (scale options: id, min, max, low, high)`,
				`1:32: scale "s": unknown option "maxLabel"; did you mean "high"? (scale options: id, min, max, low, high)`,
			}},
		{"name for the id", "::: line name=habit\nQ\n:::\n",
			[]string{`1:10: line "q": unknown option "name"; did you mean "id"? (line options: id)`}},
		{"question as label=", "::: answer label=\"What now?\"\n:::\n",
			[]string{`1:12: answer "answer-1": label is no option of a field; write "What now?" on the line under ::: answer, as its question`}},
		{"help text as placeholder=", "::: answer id=a placeholder=\"Write here\"\nQ\n:::\n",
			[]string{`1:17: answer "a": placeholder is no option of a field; write "Write here" as a paragraph under the question, after a blank line, as its help text`}},
		{"items with no space after the dash", "::: choice id=e\nHow was it?\n-Low\n-High\n:::\n",
			[]string{`3:1: choice "e" has no items: "-Low" needs a space after the - to be a list item; write - Low`}},
		{"items with no space after the number", "::: checklist id=c\n1.Call Sam\n2.Draft\n:::\n",
			[]string{`2:1: checklist "c" has no items: "1.Call Sam" needs a space after the 1. to be a list item; write 1. Call Sam`}},
		{"question underlined", "::: answer id=a\nWhat went well?\n---\n:::\n",
			[]string{`2:1: answer "a": the line of --- under the question "What went well?" makes it a heading, which a field cannot show as its question; remove that line`}},
		{"two items ticked in a single choice", "::: choice id=m\nMood?\n- [x] Low\n- Mid\n- [x] High\n:::\n",
			[]string{`5:1: warning: choice "m": "High" is ticked ([x]) as well as "Low", but a client chooses only one, so only "Low" starts chosen; write - High, or write multiple on the ::: line to let them choose several`}},
		{"three items ticked in a single choice, in a quote", "> ::: choice id=m\n> Mood?\n> - [x] Low\n> - [X] **Mid**\n> - [x] High\n> :::\n",
			[]string{
				`4:3: warning: choice "m": "Mid" is ticked ([x]) as well as "Low", but a client chooses only one, so only "Low" starts chosen; write > - **Mid**, or write multiple on the ::: line to let them choose several`,
				`5:3: warning: choice "m": "High" is ticked ([x]) as well as "Low", but a client chooses only one, so only "Low" starts chosen; write > - High, or write multiple on the ::: line to let them choose several`,
			}},
		{"two items ticked in a multiple choice", "::: choice id=m multiple\nMood?\n- [x] Low\n- [x] High\n:::\n", nil},
		{"options separated by commas", "::: scale id=s, min=1, max=10\nQ\n:::\n",
			[]string{`1:15: write the options with only spaces between them, not commas: id=s min=1 max=10`}},
		{"commas after a quoted value and before a flag", "::: choice id=e, multiple\nQ\n- a\n:::\n\n::: scale id=s low=\"Not at all\", high=Very\nQ\n:::\n",
			[]string{
				`1:16: write the options with only spaces between them, not commas: id=e multiple`,
				`6:32: write the options with only spaces between them, not commas: id=s low="Not at all" high=Very`,
			}},
		{"callout title without title=", "::: tip \"Try this\"\nT\n:::\n",
			[]string{`1:9: tip: write the title as title="Try this"`}},
		{"question in quotes on the ::: line", "::: answer \"What went well?\"\n:::\n",
			[]string{`1:12: answer: "What went well?" is on the ::: line, where only options go; write the question on the line under ::: answer`}},
		{"kind in a form tool's words, with a dash", "::: multiple-choice id=e\nQ\n- a\n:::\n",
			[]string{`1:5: unknown field kind "multiple-choice"; did you mean "choice"? ` + kinds}},
		{"question for a kind", "::: question id=q\nQ\n:::\n",
			[]string{`1:5: unknown field kind "question"; did you mean "answer"? ` + kinds}},
		{"list indented into code", "::: checklist id=c\nTo do\n\n    - Call Sam\n    - Draft\n:::\n",
			[]string{`4:5: checklist "c" has no items: its list is indented 4 spaces or more, so it shows as code; start each item at the start of its line: - Call Sam`}},
		{"question of only #", "::: answer id=a\n#\n:::\n\n::: choice id=b\n##\n- x\n:::\n",
			[]string{
				`2:1: answer "a": the line "#" is a heading with no words, and the field has no question; write the question there, without the #`,
				`6:1: choice "b": the line "##" is a heading with no words, and the field has no question; write the question there, without the #`,
			}},
		{"question as a heading, in a quote", "> ::: answer id=a\n> ### What went well?\n> :::\n",
			[]string{`2:3: answer "a": the question "What went well?" is written as a heading (###), which a field cannot show as its question; write it as a plain line, without the #`}},
		{"table drawn in Markdown", "::: table id=habit\nHabit tracker\n\n| Day | What I did |\n|---|---|\n| Mon | |\n:::\n",
			[]string{`1:1: table "habit" has no columns: its headings are in a Markdown table, which shows as written; write them on the ::: line instead, columns="Day | What I did", and remove the Markdown table`}},
		{"closing ::: at the end of a line", "::: note\nYour answers stay here. :::\n\nMore text.\n",
			[]string{
				`1:1: ::: note is never closed; add a line with only ::: after its content`,
				`2:25: this ::: at the end of a line is text, and does not close ::: note: a closing ::: goes on a line of its own`,
			}},
		{"closing ::: at the end of a line, and a ::: further down", "::: note\nYour answers stay here. :::\n\nMore text.\n:::\n",
			[]string{`2:25: warning: this ::: at the end of a line shows as text, and ::: note goes on to the ::: 3 lines below, which closes it; remove this :::, or, if ::: note ends here, put it on a line of its own and remove that one`}},
		{"closing ::: at the end of a line in a quote, and a ::: further down", "> ::: answer id=a\n> What went well? :::\n>\n> Help.\n> :::\n",
			[]string{`2:19: warning: this ::: at the end of a line shows as text, and ::: answer "a" goes on to the ::: 3 lines below, which closes it; remove this :::, or, if ::: answer "a" ends here, put it on a line of its own and remove that one`}},
		{"closing ::: at the end of a line of a callout that holds a field", "::: tip\nWrite. :::\n\n::: line id=b\nQ\n:::\n:::\n",
			[]string{`2:8: warning: this ::: at the end of a line shows as text, and ::: tip goes on to the ::: 5 lines below, which closes it; remove this :::, or, if ::: tip ends here, put it on a line of its own and remove that one`}},
		{"field opened in a field closed after it, with a ::: at the end of a line", "::: answer id=a\nWhat went well? :::\n\n::: line id=b\nQ\n:::\n:::\n",
			[]string{
				`4:1: ::: line opens inside ::: answer "a", whose ::: at the end of the line "What went well? :::" is text, and a field cannot hold another; put that ::: on a line of its own, and remove the ::: 3 lines below, which closes ::: answer "a" now`,
			}},
		{"two fields opened in a field closed after them", "::: answer id=a\nWhat went well?\n\n::: line id=b\nQ\n:::\n\n::: line id=c\nR\n:::\n:::\n",
			[]string{
				`4:1: ::: line opens inside ::: answer "a", which is not closed before it, and a field cannot hold another; close ::: answer "a" with a line of only ::: before this one, and remove the ::: 7 lines below, which closes it now`,
			}},
		{"field in a callout", "::: tip\nT\n\n::: line id=b\nQ\n:::\n:::\n", nil},
		{"kind on the line under :::", "Intro.\n\n:::\nanswer id=b\nWhat now?\n:::\n",
			[]string{
				`3:1: this ::: line has no kind, and the line under it starts with one; write them on one line: ::: answer id=b`,
				`6:1: this ::: closes nothing, since no field or callout is open here; remove the line, or, if it closes a field in a list item or a quote, indent it or start it with > like the opening ::: line`,
			}},
		{"stray ::: before a line that starts with a kind's word", "Text\n\n:::\nnote the time\n",
			[]string{`3:1: this ::: closes nothing, since no field or callout is open here; remove the line, or, if it closes a field in a list item or a quote, indent it or start it with > like the opening ::: line`}},
		{"a form tool's word on a callout", "::: note text=\"Hi\"\nT\n:::\n",
			[]string{`1:10: note: unknown option "text" (note options: title)`}},
		{"items set in under an item", "::: checklist id=m\nYour morning\n- Morning\n  - Stretch\n  - Walk\n- Evening\n:::\n",
			[]string{`4:3: checklist "m": the items set in under "Morning" do not show, as a checklist has one level of items; write them without the indent, as items of their own: - Stretch`}},
		{"items set in under a numbered item, in a quote", "> ::: choice id=m\n> Your morning\n> 1. Morning\n>    - Stretch\n> 2. Evening\n> :::\n",
			[]string{`4:6: choice "m": the items set in under "Morning" do not show, as a choice has one level of items; write them without the indent, as items of their own: 1. Stretch`}},
		{"text under an item", "::: choice id=c\nPick\n- Walk\n\n  Twenty minutes, outside.\n- Read\n:::\n",
			[]string{`5:3: choice "c": the text under the item "Walk" does not show, as an item is one line; move it without the indent to under the question, before the items, where it shows as help text`}},
		{"items in two lists", "::: choice id=c\nPick one\n\n- Yes\n- No\n\nOr, if neither:\n\n- Maybe\n:::\n",
			[]string{`9:1: warning: choice "c": only the first list under the question gives the items; this one shows as text, and its items cannot be chosen. Make one list of them all`}},
		{"no problems", "::: answer id=wins\nQ\n:::\n", nil},
	}
	md := newMarkdown()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			html, _, problems := convert(t, md, []byte(c.src), true)
			got := describeProblems(problems)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n got %q\nwant %q", got, c.want)
			}
			if strings.TrimSpace(html) == "" {
				t.Errorf("nothing rendered")
			}
		})
	}
}

// TestTickedOnce checks that a single choice with several items ticked ([x]) starts with
// the first of them chosen, and only that one, as its warning says; a multiple choice keeps
// them all.
func TestTickedOnce(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string // the values of the items drawn checked
	}{
		{"two", "::: choice id=m\nMood?\n- [x] Low\n- Mid\n- [x] High\n:::\n", []string{"Low"}},
		{"three, the first not first", "::: choice id=m\nMood?\n- Low\n- [x] Mid\n- [x] High\n- [x] Top\n:::\n", []string{"Mid"}},
		{"multiple", "::: choice id=m multiple\nMood?\n- [x] Low\n- [x] High\n:::\n", []string{"Low", "High"}},
	}
	md := newMarkdown()
	checked := regexp.MustCompile(`value="([^"]*)" checked`)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			html, _, _ := convert(t, md, []byte(c.src), true)
			var got []string
			for _, m := range checked.FindAllStringSubmatch(html, -1) {
				got = append(got, m[1])
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("checked %q, want %q in\n%s", got, c.want, html)
			}
		})
	}
}

// TestReadAsMeant checks the slips that are read as the coach meant them, with nothing said:
// the field is there, with its options.
func TestReadAsMeant(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want string // the fields, "kind:id" and their lines or range
	}{
		{"no-break spaces", ":::\u00a0answer id=wins\u00a0lines=3\nQ\n:::\u00a0\n", "answer:wins lines=3"},
		{"full-width colons, spaces, = and digits (an input method)", "：：：　answer　id＝wins　lines＝４\nQ\n：：：\n\nAfter\n", "answer:wins lines=4"},
		{"full-width colons, no space", "Intro\n：：：answer id=calm\nQ\n：：：\n", "answer:calm lines=4"},
		{"full-width = and digits on a scale", "::: scale id=c min＝－2 max=５\nQ\n:::\n", "scale:c -2..5"},
		{"full-width closing of a callout", "::: tip\nT\n\n::: line id=a\nQ\n：：：\n：：：\n\n::: line id=b\nR\n:::\n", "line:a line:b"},
		// Indented with the full-width space of an input method: a paragraph and a ::: that
		// closed nothing, before.
		{"indented with full-width spaces", "はじめに。\n\n　：：：　answer id=hitokoto lines=3\nひとこと\n　　：：：\n\nひらがなの段落。\n　つづき。\n", "answer:hitokoto lines=3"},
		{"ordinary colons indented so", "Intro\n　::: line id=x\nQ\n　:::\n", "line:x"},
	}
	md := newMarkdown()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, fields, problems := convert(t, md, []byte(c.src), true)
			var got []string
			for _, f := range fields {
				d := f.Kind + ":" + f.ID
				switch f.Kind {
				case "answer":
					d += fmt.Sprintf(" lines=%d", f.Lines)
				case "scale":
					d += fmt.Sprintf(" %d..%d", f.Min, f.Max)
				}
				got = append(got, d)
			}
			if strings.Join(got, " ") != c.want || len(problems) > 0 {
				t.Errorf("fields %q, problems %q; want %q and none", got, describeProblems(problems), c.want)
			}
		})
	}
}

// describeProblems writes each problem as "line:col: message", with "warning: " before the
// message of a warning, as the build writes them.
func describeProblems(problems []worksheet.Problem) []string {
	var got []string
	for _, p := range problems {
		w := ""
		if p.Warning {
			w = "warning: "
		}
		got = append(got, fmt.Sprintf("%d:%d: %s%s", p.Line, p.Col, w, p.Msg))
	}
	return got
}

// TestLookAlikes checks the warnings for text that looks meant as a field, a task or a
// callout but shows as text, on a worksheet (tasks) and on another page; and that what is
// written right is not warned of.
func TestLookAlikes(t *testing.T) {
	task := func(line, written, fix string) string {
		return line + `: warning: this looks like a task, but shows as text: "` + written + `". Write - ` + fix +
			` (a dash, a space, then [ ] with a space inside, or [x] for one that starts ticked)`
	}
	cases := []struct {
		name  string
		tasks bool
		src   string
		want  []string
	}{
		{"task with no space in its box", true, "Before:\n\n- [] Make it small\n- [ ] Decide\n",
			[]string{task("3:3", "- [] Make it small", "[ ] Make it small")}},
		{"task ticked with spaces", true, "- [ x ] Make it small\n",
			[]string{task("1:3", "- [ x ] Make it small", "[x] Make it small")}},
		{"task ticked with a check mark", true, "- [✓] Make it small\n* [v] Decide\n",
			[]string{task("1:3", "- [✓] Make it small", "[x] Make it small"), task("2:3", "- [v] Decide", "[x] Decide")}},
		{"task without its dash", true, "Before you start:\n[ ] Make it small\n[x] Decide\n",
			[]string{task("2:1", "[ ] Make it small", "[ ] Make it small"), task("3:1", "[x] Decide", "[x] Decide")}},
		{"task without a space after its dash", true, "-[ ] Make it small\n",
			[]string{task("1:1", "-[ ] Make it small", "[ ] Make it small")}},
		{"box pasted from a word processor", true, "- ☐ Make it small\n\n☒ Decide\n",
			[]string{task("1:3", "- ☐ Make it small", "[ ] Make it small"), task("3:1", "☒ Decide", "[x] Decide")}},
		{"tasks written right", true, "- [ ] Make it small\n- [x] Decide\n- [X] Cue\n", nil},
		{"box look-alikes off a worksheet", false, "- [] Make it small\n", nil},
		{"box look-alike in code", true, "```\n- [] Make it small\n```\n", nil},
		{"checklist item with no space in its box", true, "::: checklist id=a\n- [] Call Sam\n- [x ] Draft\n:::\n",
			[]string{
				`2:1: checklist "a": the item "[] Call Sam" starts with [], which shows as text; write - [ ] Call Sam`,
				`3:1: checklist "a": the item "[x ] Draft" starts with [x ], which shows as text; write - [x] Draft`,
			}},
		{"choice item with a round box", true, "::: choice id=e\nEnergy\n- ( ) Low\n- (x) High\n:::\n",
			[]string{
				`3:1: choice "e": the item "( ) Low" starts with ( ), which shows as text; write - Low`,
				`4:1: choice "e": the item "(x) High" starts with (x), which shows as text; write - [x] High (for one chosen from the start)`,
			}},
		{"options on the line under", true, "::: answer\nid=wins lines=4\nWhat went well?\n:::\n",
			[]string{`2:1: answer: "id=wins lines=4" is on the line under ::: answer, so it shows as part of the question; move it up to the end of the ::: line: ::: answer id=wins lines=4`}},
		{"a question that starts like an option", true, "::: answer id=a\nx=1 is the answer?\n:::\n", nil},
		{"columns separated by commas", true, "::: table id=habit columns=\"Day, What I did, How it felt\"\nHabits\n:::\n",
			[]string{`1:20: warning: table "habit": columns="Day, What I did, How it felt" makes one column: headings are separated by |, not by commas; for 3 columns write columns="Day | What I did | How it felt"`}},
		{"field indented into code", true, "Text.\n\n    ::: answer id=wins\n    What went well?\n    :::\n",
			[]string{`3:5: warning: this line is indented so far (4 spaces or more) that it shows as code, as written: "::: answer id=wins". Remove the spaces before :::, or, in a list item, indent it as much as the item's text`}},
		{"field copied with its code fence", true, "Before.\n\n```markdown\n::: answer id=wins\nWhat went well?\n:::\n```\n",
			[]string{"3:1: warning: the field \"::: answer id=wins\" is inside a code block (the ``` lines around it), so it shows as its Markdown, not as a field; remove the ``` lines"}},
		{"code of another language on a worksheet", true, "```go\n::: answer\nQ\n:::\n```\n", nil},
		{"code that shows a ::: line", false, "Write:\n\n```\n::: answer\nQ\n:::\n```\n", nil},
		{"Obsidian callout", false, "> [!Tip] Try this\n> Write for five minutes.\n",
			[]string{`1:3: warning: "> [!Tip]" is how Obsidian and GitHub write a callout; here it shows as a quote that starts with [!Tip]. Write ::: tip on a line, the text under it without >, and ::: on a line of its own`}},
		{"Obsidian callout misspelt", false, "> [!tipp]\n> Write.\n",
			[]string{`1:3: warning: "> [!tipp]" is how Obsidian and GitHub write a callout; here it shows as a quote that starts with [!tipp]. Write ::: tip on a line, the text under it without >, and ::: on a line of its own`}},
		{"admonition misspelt", false, "Intro.\n\n!!! tipp\n    Write for five minutes.\n",
			[]string{`3:5: warning: "tipp" is no type of callout Between knows, so this line shows as text, and the lines indented under it as code; did you mean !!! tip?`}},
		{"admonition in German, with a title", false, "!!! warnung \"Vorsicht\"\n    Not this.\n",
			[]string{`1:5: warning: "warnung" is no type of callout Between knows, so this line shows as text, and the lines indented under it as code; did you mean !!! warning "Vorsicht"?`}},
		{"admonition misspelt, in a list item", false, "- Step\n\n    ??? nte\n        Body.\n",
			[]string{`3:9: warning: "nte" is no type of callout Between knows, so this line shows as text, and the lines indented under it as code; did you mean ??? note?`}},
		{"admonition misspelt, with nothing under it", false, "!!! Nte\n\nText.\n",
			[]string{`1:5: warning: "Nte" is no type of callout Between knows, so this line shows as text; did you mean !!! note?`}},
		{"admonition of a type Between does not know", false, "!!! pied-piper\n    Follow.\n",
			[]string{`1:5: warning: "pied-piper" is no type of callout Between knows, so this line shows as text, and the lines indented under it as code; write !!! note, !!! tip or !!! warning, with any title after it in double quotes`}},
		{"admonition with a colon after its type", false, "!!! tip: Try this\n    Write.\n",
			[]string{`1:5: warning: the colon after tip keeps this line from being read as a callout: it shows as text, and the lines indented under it as code; write !!! tip "Try this"`}},
		{"exclamations that start a line of text", false, "!!! Big news today\n\n!!! Tipp für heute\n\n!!! tip: read on\n\n!!! Bug\n", nil},
		{"quote that starts with a link", false, "> [!x](http://example.org) said\n", nil},
		{"task list on an article with fields", false, "::: line id=name\nName\n:::\n\n- [ ] Call Sam\n- [ ] Draft\n",
			[]string{`5:3: warning: this task list's boxes cannot be ticked on this page: only worksheets (content/worksheets/) and reflection guides (content/guides/) keep task lists. Move the page into one of those folders, or write the list as a ::: checklist`}},
		{"task list on an article without fields", false, "- [ ] Call Sam\n", nil},
	}
	md := newMarkdown()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, problems := convert(t, md, []byte(c.src), c.tasks)
			got := describeProblems(problems)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestTaskListsOnlyWhenEnabled checks that pages other than worksheets and guides keep
// plain task lists, while their ::: fields still count.
func TestTaskListsOnlyWhenEnabled(t *testing.T) {
	src := []byte("- [ ] Call Sam\n\n::: line id=name\nName\n:::\n")
	md := newMarkdown()
	for _, tasks := range []bool{false, true} {
		html, fields, _ := convert(t, md, src, tasks)
		var ids []string
		for _, f := range fields {
			ids = append(ids, f.Kind+":"+f.ID)
		}
		want := "line:name"
		if tasks {
			want = "task:call-sam line:name"
		}
		if strings.Join(ids, " ") != want {
			t.Errorf("tasks=%v: fields %v, want %s", tasks, ids, want)
		}
		if saved := strings.Contains(html, `data-field-id="call-sam"`); saved != tasks {
			t.Errorf("tasks=%v: saved checkbox in HTML = %v:\n%s", tasks, saved, html)
		}
	}
}

func TestWithWords(t *testing.T) {
	md := newMarkdown(worksheet.WithWords(worksheet.Words{Tip: "Astuce", Cell: "{column} (ligne {row})"}))
	html, _, _ := convert(t, md, []byte("::: tip\nT\n:::\n\n::: warning\nW\n:::\n\n::: table id=t columns=Jour rows=1\nSemaine\n:::\n"), false)
	for _, want := range []string{`<span>Astuce</span>`, `<span>Warning</span>`, `aria-label="Jour (ligne 1)"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
}

// TestEscaping makes sure option values and labels cannot inject markup.
func TestEscaping(t *testing.T) {
	src := "::: scale id=s low=\"<b>low</b>\" high='\"x\" & y'\n<script>alert(1)</script> Q\n:::\n\n" +
		"::: table id=t columns=\"<i>A</i> | B\"\nT\n:::\n\n::: tip title=\"<img src=x>\"\nT\n:::\n\n" +
		"::: choice id=c\nQ\n- <em>raw</em> item\n:::\n"
	html, _, _ := convert(t, newMarkdown(), []byte(src), false)
	for _, bad := range []string{"<b>", "<script>", "<i>", "<img", "<em>raw"} {
		if strings.Contains(html, bad) {
			t.Errorf("unescaped %s in\n%s", bad, html)
		}
	}
	for _, want := range []string{"&lt;b&gt;low&lt;/b&gt;", "“x” &amp; y" /* the typographer's quotes, the ampersand escaped */, "&lt;i&gt;A&lt;/i&gt;", "&lt;img src=x&gt;"} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
}

// TestConcurrent converts pages in parallel with one goldmark instance, as the build does;
// run with -race.
func TestConcurrent(t *testing.T) {
	md := newMarkdown()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := fmt.Sprintf("::: answer id=a%d\nQ\n:::\n\n- [ ] task %d\n", i, i)
			_, fields, problems := convert(t, md, []byte(src), true)
			if len(fields) != 2 || fields[0].ID != fmt.Sprintf("a%d", i) || len(problems) != 0 {
				t.Errorf("page %d: fields %+v problems %+v", i, fields, problems)
			}
		}()
	}
	wg.Wait()
}

// FuzzConvert checks that no Markdown makes the extension panic or loop: it must report and
// keep rendering.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"::: answer\nQ\n:::\n", ":::\n", "::: scale min=\"\n", "> ::: tip\n> - [ ] x\n:::\n",
		"- ::: choice\n  - a\n", "::: table columns=\"|\" rows=1\n:::", "::::\n:::\n::::",
		"::: choice\n- [x]\n:::\n", "::: answer id=\"\"", "\t::: line\n\tQ\n\t:::\n",
		":::\u00a0answer {id=a lines = 4}\n## Q\n::: end\n", "::: scale low=\"a” high=\"b lines=\n• x\n::\n",
		"- [] a\n[ ] b\n-[x] c\n> [!tip]\n    ::: line\n", "::: table columns=\"| a, b |\" 1-2 id: x y\n",
		"：：：　answer　id＝a, lines＝４,\n😀\n：：\n", "!!! tipp: x\n    y\n> [!nte]\n", "::: id=a, {#b} c,\n-x\n1.y\n---\n:::\n",
		"```md\n::: choice\n- [x] a\n- [x] b\n:::\n```\n::: tip \"t\" ,\n:::", "::: a=\n    - x\n",
	} {
		f.Add(s)
	}
	md := newMarkdown()
	f.Fuzz(func(t *testing.T, src string) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			convert(t, md, []byte(src), true)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			panic(fmt.Sprintf("conversion of %q does not finish", src))
		}
	})
}

// TestIDPrefix checks that a booklet's per-page prefix reaches every element id and control
// name, and not the storage key.
func TestIDPrefix(t *testing.T) {
	md := newMarkdown()
	src := []byte("::: answer id=wins\nQ\n\nHelp\n:::\n\n::: scale id=s max=2\nS\n:::\n\n::: table id=t columns=A rows=1\nT\n:::\n\n::: choice id=c\nC\n- x\n:::\n\n- [ ] Task\n")
	pc := parser.NewContext()
	worksheet.EnableTaskLists(pc)
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	doc.OwnerDocument().AddMeta(worksheet.MetaIDPrefix, "p1-")
	var b strings.Builder
	if err := md.Renderer().Render(&b, src, doc); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{
		`data-field-id="wins"`, `<label class="field-label" for="p1-f-wins">`, `id="p1-f-wins-help"`,
		`<textarea class="field-input" id="p1-f-wins" name="p1-wins" rows="4" dir="auto" aria-describedby="p1-f-wins-help">`,
		`id="p1-f-s-2" name="p1-s" value="2"><label for="p1-f-s-2">`,
		`id="p1-f-t-label"`, `aria-labelledby="p1-f-t-label"`, `id="p1-f-t-r1-c1" name="p1-t-r1-c1"`,
		`id="p1-f-c-1" name="p1-c" value="x"><label for="p1-f-c-1">`,
		`data-field-id="task" data-kind="task"><input type="checkbox" id="p1-f-task" name="p1-task"><label for="p1-f-task">`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if strings.Contains(html, `"f-`) {
		t.Errorf("an id without the prefix:\n%s", html)
	}
}
