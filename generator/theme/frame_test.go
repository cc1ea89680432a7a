package theme_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/between-ssg/between/generator/theme"
)

// TestFramesWriteWhatTemplatesWrite: the built-in single pages are written without
// text/template from a layout's second page on (a frame), byte for byte as the template
// writes them, for every kind of single page of the fixture; the lists, whose layouts hold
// more than a frame makes, have none and run as templates.
func TestFramesWriteWhatTemplatesWrite(t *testing.T) {
	f := newFixture("")
	framed := loadTheme(t)
	restore := theme.SetFramesOff(true)
	plain := loadTheme(t)
	restore()
	for _, name := range []string{"article", "article2", "guide", "worksheet", "page", "unlisted", "path", "section", "tag", "alias"} {
		d := f.pages()[name]
		want, err := plain.Execute(d.Layout, &d)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range 2 { // the first runs the template, the second the frame
			got, err := framed.Execute(d.Layout, &d)
			if err != nil {
				t.Fatalf("%s, run %d: %v", name, i+1, err)
			}
			if string(got) != string(want) {
				t.Errorf("%s, run %d: the frame writes\n%s\nthe template\n%s", name, i+1, got, want)
			}
		}
	}
	for _, layout := range []string{"article", "guide", "worksheet", "page"} {
		if theme.FrameSteps(framed, layout) == 0 {
			t.Errorf("%s has no frame: its pages run as templates", layout)
		}
		if theme.FrameSteps(plain, layout) != 0 {
			t.Errorf("%s has a frame with frames off", layout)
		}
	}
	for _, layout := range []string{"section", "tag", "path"} {
		if theme.FrameSteps(framed, layout) != 0 {
			t.Errorf("%s has a frame, though its layout holds ifs and ranges", layout)
		}
	}
}

// TestFrameErrorsAreTheTemplates: a piece that fails in a frame (a word whose placeholder
// the piece does not fill) fails the page with the template's own error, naming the
// layout's line, and leaves nothing of the page in the buffer; a page the frame can make
// after it is made in full.
func TestFrameErrorsAreTheTemplates(t *testing.T) {
	f := newFixture("")
	th, err := theme.Load(fstest.MapFS{"i18n/en.toml": {Data: []byte("next = \"Next %d\"\n")}}, "", "en")
	if err != nil {
		t.Fatal(err)
	}
	f.about.Next = f.secret
	ok := f.pages()["unlisted"] // no next page: the word is not used
	bad := f.pages()["page"]    // its next page's link says "Next %d"
	want, err := th.Execute("page", &ok)
	if err != nil {
		t.Fatal(err)
	}
	var first string
	for i := range 3 {
		out, err := th.Execute("page", &bad)
		if err == nil || !strings.Contains(err.Error(), "next") || !strings.Contains(err.Error(), "template: ") {
			t.Fatalf("run %d: error %v, want the template's error naming the word next", i+1, err)
		}
		if i == 0 {
			first = err.Error()
		} else if err.Error() != first {
			t.Errorf("run %d: error\n%s\nthe first run's\n%s", i+1, err, first)
		}
		if out != nil {
			t.Errorf("run %d: the failed page gave %d bytes", i+1, len(out))
		}
		got, err := th.Execute("page", &ok)
		if err != nil || string(got) != string(want) {
			t.Errorf("run %d: the next page gave %v and %d bytes, want %d", i+1, err, len(got), len(want))
		}
	}
	if theme.FrameSteps(th, "page") == 0 {
		t.Error("page has no frame: the test does not test it")
	}
}
