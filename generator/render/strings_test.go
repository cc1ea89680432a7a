package render

import "testing"

// TestStringsScript: each element with an id becomes its dataset, as a browser reads it
// (TestStringsFileHoldsTheWords in generator/theme compares the two in Chromium).
func TestStringsScript(t *testing.T) {
	in := `<!-- <div id="x" data-no="1"> -->
<div id="a-strings" hidden data-clear-confirm="Clear &#34;{page}&#34;?" data-a='x' data-b=y DATA-C="z" data-c="dup" data-d-1="" data-e--f="g"></div>
<div id="a-strings" data-late="no"></div><p id="b">1 < 2</p>`
	want := "// The words of the site's scripts, by the id of the element that held them on each page.\n" +
		"window.BetweenStrings = {\n" +
		`"a-strings": {"clearConfirm": "Clear \"{page}\"?", "a": "x", "b": "y", "c": "z", "d-1": "", "e-F": "g"},` + "\n" +
		`"b": {}` + "\n};\n"
	if got := string(StringsScript([]byte(in))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
