package gates

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// placeholder finds what a format or a template left unfilled: a fmt verb ("Back to %s"), a
// fmt error ("%!d(MISSING)"), template braces, or a script's {word} left in the text.
var placeholder = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[sdvqxf]\b|%!|\{\{|\}\}|\{(file|done|total|column|row|name|n|days|page|pages)\}`)

// verbatim is the text a page shows as written, where braces and percent signs are the
// coach's own (code, preformatted text), and what is not text (scripts, styles).
var verbatim = regexp.MustCompile(`(?is)<(pre|code|script|style)\b[^>]*>.*?</(pre|code|script|style)>`)

// markup is a tag, whose attributes hold the words shown to screen readers and scripts.
var attrValue = regexp.MustCompile(`(?s)\s(?:aria-label|aria-valuetext|title|alt|placeholder|content|value)="([^"]*)"`)
var tagRe = regexp.MustCompile(`(?s)<[^>]*>`)

// placeholders returns each unfilled placeholder in an HTML, XML or text output, with its
// line: in the text and in the attributes a person is shown or read out.
func placeholders(name string, body []byte) []string {
	s := string(body)
	if ext := path.Ext(name); ext == ".html" || ext == ".xml" {
		s = verbatim.ReplaceAllStringFunc(s, blankKeepLines)
	}
	var found []string
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		text := tagRe.ReplaceAllString(line, " ")
		for _, m := range attrValue.FindAllStringSubmatch(line, -1) {
			text += " " + m[1]
		}
		for _, m := range placeholder.FindAllString(text, -1) {
			found = append(found, fmt.Sprintf("%s:%d: unfilled placeholder %q in %q", name, i+1, m, strings.TrimSpace(shorten(text))))
		}
	}
	return found
}

// blankKeepLines replaces a verbatim block by its line breaks, so lines still count right.
func blankKeepLines(s string) string { return strings.Repeat("\n", strings.Count(s, "\n")) }

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 100 {
		s = s[:100] + "…"
	}
	return s
}

// placeholderControls are outputs with every kind of unfilled placeholder, and one whose
// percent signs and braces are the coach's own; the gate must tell them apart.
var placeholderControls = map[string]struct {
	body string
	want []string
}{
	".gates/placeholder.html": {`<!DOCTYPE html><html lang="en"><body>
<a class="button" href="/paths/x/">Back to %s</a>
<p>You wrote %!d(MISSING) answers</p>
<h1>{{ .Title }}</h1>
<div role="progressbar" aria-valuetext="{done} of {total} done"></div>
</body></html>`, []string{`:2: unfilled placeholder "%s"`, `:3: unfilled placeholder "%!"`, `:4: unfilled placeholder "{{"`, `:5: unfilled placeholder "{done}"`}},
	".gates/placeholder-ok.html": {`<!DOCTYPE html><html lang="en"><body>
<p>Nine in ten (90%) of us skip a week.</p>
<pre><code>fmt.Printf("%s", x) {{ .Title }}</code></pre>
<p>Use <code>%d</code> for a number.</p>
<div id="worksheet-strings" hidden data-loaded="Answers loaded from {file}"></div>
</body></html>`, nil},
}

// TestNoPlaceholders: no page, feed or text file of the example library shows a placeholder
// a format or a template should have filled. It runs first on the control outputs.
func TestNoPlaceholders(t *testing.T) {
	var names []string
	for name := range placeholderControls {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		c := placeholderControls[name]
		found := strings.Join(placeholders(name, []byte(c.body)), "\n")
		for _, w := range c.want {
			if !strings.Contains(found, w) {
				t.Errorf("control %s: the gate did not find %s; it found:\n%s", name, w, found)
			}
		}
		if c.want == nil && found != "" {
			t.Errorf("control %s: the gate found what is not wrong:\n%s", name, found)
		}
	}
	s := example(t)
	n := 0
	for name, body := range s.Files {
		switch path.Ext(name) {
		case ".html", ".xml", ".txt", ".ics":
		default:
			continue
		}
		n++
		for _, f := range placeholders(name, body) {
			t.Error(f)
		}
	}
	if n == 0 {
		t.Fatal("no HTML, XML or text output to check")
	}
}
