package worksheet_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/internal/browsertest"
)

// The page of the log tests: a weekly review's diary.
const logMarkdown = `::: log id=noticed
What did you notice today?
:::
`

// TestBrowserAnswerDirection: every box a client writes in, and its printed copy, takes the
// direction of the answer, so a Hebrew question mark stands at its end, on the left.
func TestBrowserAnswerDirection(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	const hebrew = "מה למדתי השבוע?"
	typeIn := func(ids ...string) {
		for _, id := range ids {
			eval[chromedp.Void](t, ctx, `(() => { const c = document.getElementById("`+id+`");
				c.value = "`+hebrew+`"; c.dispatchEvent(new Event("input", {bubbles: true})); })()`)
		}
	}
	dir := func(js string) string { return eval[string](t, ctx, `getComputedStyle(`+js+`).direction`) }

	open(t, ctx, srv.URL+"/worksheets/t/")
	typeIn("f-wins", "f-name", "f-habit-r1-c2")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-habit-r1-c1"), "Mon"))
	for _, id := range []string{"f-wins", "f-name", "f-habit-r1-c2"} {
		if d := dir(`document.getElementById("` + id + `")`); d != "rtl" {
			t.Errorf("#%s with a Hebrew answer is %s", id, d)
		}
		if d := dir(`document.getElementById("` + id + `").parentNode.querySelector(".field-print")`); d != "rtl" {
			t.Errorf("the printed copy of #%s is %s", id, d)
		}
	}
	if d := dir(`document.getElementById("f-habit-r1-c1")`); d != "ltr" {
		t.Errorf("an English cell is %s", d)
	}

	open(t, ctx, srv.URL+"/log/")
	typeIn("f-noticed")
	if d := dir(`document.getElementById("f-noticed")`); d != "rtl" {
		t.Errorf("a log's box with a Hebrew note is %s", d)
	}
}
