package build

import (
	"strings"
	"testing"
)

// TestWorksheetMistakes checks the whole line a coach reads for a worksheet written slightly
// wrong: the file, its line counted from the file's start (front matter, a byte order mark
// and Windows line ends included), the column, and warning or error.
func TestWorksheetMistakes(t *testing.T) {
	fm := "+++\ntitle = \"Values\"\n+++\n"
	cases := []struct {
		name, file, src string
		err, warning    string
	}{
		{"options on the line under", "worksheets/values.md", fm + "Intro.\n\n::: answer\nid=wins lines=4\nWhat went well?\n:::\n",
			`content/worksheets/values.md:7:1: answer: "id=wins lines=4" is on the line under ::: answer, so it shows as part of the question; move it up to the end of the ::: line: ::: answer id=wins lines=4`, ""},
		{"question on the ::: line, Windows line ends and a byte order mark", "worksheets/values.md",
			"\ufeff" + strings.ReplaceAll(fm+"::: line What is your aim?\n:::\n", "\n", "\r\n"),
			`content/worksheets/values.md:4:10: line: "What is your aim?" is on the ::: line, where only options go; write the question on the line under ::: line`, ""},
		{"task with no space in its box", "guides/after.md", fm + "- [] Call Sam\n",
			"", `content/guides/after.md:4:3: warning: this looks like a task, but shows as text: "- [] Call Sam". Write - [ ] Call Sam (a dash, a space, then [ ] with a space inside, or [x] for one that starts ticked)`},
		{"field indented into code", "worksheets/values.md", fm + "Intro.\n\n    ::: answer id=wins\n    What went well?\n    :::\n",
			"", `content/worksheets/values.md:6:5: warning: this line is indented so far (4 spaces or more) that it shows as code, as written: "::: answer id=wins". Remove the spaces before :::, or, in a list item, indent it as much as the item's text`},
		{"Obsidian callout on an article", "articles/calm.md", fm + "> [!note]\n> Breathe.\n",
			"", `content/articles/calm.md:4:3: warning: "> [!note]" is how Obsidian and GitHub write a callout; here it shows as a quote that starts with [!note]. Write ::: note on a line, the text under it without >, and ::: on a line of its own`},
		{"question of emoji only", "worksheets/values.md", fm + "::: line id=aim\nYour aim\n:::\n\n::: scale\n😀 → 🙁\n:::\n",
			"", `content/worksheets/values.md:8:1: warning: scale "scale-2": the question "😀 → 🙁" has no letters or digits to make an id from, so its id comes from its place: it is field 2 of the page. Add, remove or move a field above it, and the answers clients saved in it show in another field, or nowhere. Write an id in its ::: line; id=scale-2 keeps the answers saved so far`},
		{"admonition misspelt on an article", "articles/calm.md", fm + "Intro.\n\n!!! tipp\n    Breathe.\n",
			"", `content/articles/calm.md:6:5: warning: "tipp" is no type of callout Between knows, so this line shows as text, and the lines indented under it as code; did you mean !!! tip?`},
		{"closing ::: at the end of a line", "worksheets/values.md", fm + "::: answer id=wins\nWhat went well? :::\n\n::: line id=aim\nYour aim\n:::\n:::\n",
			`content/worksheets/values.md:7:1: ::: line opens inside ::: answer "wins", whose ::: at the end of the line "What went well? :::" is text, and a field cannot hold another; put that ::: on a line of its own, and remove the ::: 3 lines below, which closes ::: answer "wins" now`, ""},
		{"closing ::: at the end of a line, and a ::: further down", "worksheets/values.md", fm + "::: tip\nWrite for five minutes. :::\n\nThen stop.\n:::\n",
			"", `content/worksheets/values.md:5:25: warning: this ::: at the end of a line shows as text, and ::: tip goes on to the ::: 3 lines below, which closes it; remove this :::, or, if ::: tip ends here, put it on a line of its own and remove that one`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := smallSite()
			files["content/"+c.file] = c.src
			res, err := newBuilder(writeSite(t, files)).Build()
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("got %v\nwant %s", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Warnings.Error(); got != c.warning {
				t.Errorf("warnings:\n got %s\nwant %s", got, c.warning)
			}
		})
	}
}
