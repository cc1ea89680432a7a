package worksheet_test

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/between-ssg/between/generator/worksheet"
)

// A page is converted with its own parser.Context; afterwards the context tells the caller
// which fields the page has and what is wrong with them.
func Example() {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, worksheet.New()))
	src := []byte(`::: scale id=confidence min=1 max=10 low="Not at all" high="Completely"
How confident are you that you will take your next step?
:::

::: anwser
What went well?
:::
`)
	pc := parser.NewContext()
	var html bytes.Buffer
	if err := md.Convert(src, &html, parser.WithContext(pc)); err != nil {
		panic(err)
	}
	for _, f := range worksheet.Fields(pc) {
		fmt.Printf("%s %q: %d to %d, %q\n", f.Kind, f.ID, f.Min, f.Max, f.Label)
	}
	for _, p := range worksheet.Problems(pc) {
		fmt.Printf("%d:%d: %s\n", p.Line, p.Col, p.Msg)
	}
	// Output:
	// scale "confidence": 1 to 10, "How confident are you that you will take your next step?"
	// 5:5: unknown field kind "anwser"; did you mean "answer"? (kinds: answer, line, scale, choice, checklist, table, date, log, note, tip, warning)
}

// On worksheets and reflection guides, GFM task list items become saved checkboxes.
func ExampleEnableTaskLists() {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, worksheet.New()))
	pc := parser.NewContext()
	worksheet.EnableTaskLists(pc)
	var html bytes.Buffer
	if err := md.Convert([]byte("- [ ] Book the call with Sam\n"), &html, parser.WithContext(pc)); err != nil {
		panic(err)
	}
	fmt.Print(html.String())
	fmt.Printf("%+v\n", worksheet.Fields(pc)[0].ID)
	// Output:
	// <ul>
	// <li><span class="field field-task" data-field-id="book-the-call-with-sam" data-kind="task"><input type="checkbox" id="f-book-the-call-with-sam" name="book-the-call-with-sam"><label for="f-book-the-call-with-sam">Book the call with Sam</label></span></li>
	// </ul>
	// book-the-call-with-sam
}
