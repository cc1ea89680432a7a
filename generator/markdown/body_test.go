package markdown

import (
	"strings"
	"testing"
)

func TestBodyKeepsHTML(t *testing.T) {
	html := strings.Repeat("<p>Notice what you feel, “then” name it.</p>\n", 300) + "<p>end</p>"
	b := NewBody([]byte(html))
	if b.String() != html || b.Len() != len(html) {
		t.Fatalf("the HTML came back changed")
	}
	if len(b.z) >= len(html)/2 {
		t.Errorf("kept %d bytes of a repetitive %d-byte page: not compressed", len(b.z), len(html))
	}
	if !b.Equal(NewBody([]byte(html))) || b.Equal(NewBody([]byte(html+" "))) {
		t.Errorf("Equal does not tell the same HTML from another")
	}
	buf := []byte("before:")
	for range 2 { // the second time into the memory of the first
		buf = b.AppendTo(buf[:7])
		if string(buf) != "before:"+html {
			t.Fatalf("AppendTo gave %d bytes, not the HTML after what was there", len(buf))
		}
	}
	var none *Body
	if string(none.AppendTo(buf[:3])) != "bef" {
		t.Errorf("a missing body appended something")
	}
	if none.String() != "" || !none.Equal(NewBody(nil)) || none.Equal(b) {
		t.Errorf("a missing body is not the empty one")
	}
}

// A page's footnote ids are read out of the buffer the next page renders into: they must
// stay right after other pages are converted, or "#fn:1" links fail the link check.
func TestFootnoteIDsOutliveTheBuffer(t *testing.T) {
	c := New(false)
	d, err := c.Convert([]byte("A claim.[^1]\n\n[^1]: The source.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := c.Convert([]byte(strings.Repeat("Other words that fill the buffer again. ", 50)), Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if !d.IDs["fn:1"] || !d.IDs["fnref:1"] {
		t.Errorf("footnote ids after other pages: %v", d.IDs)
	}
}
