package markdown

import (
	"reflect"
	"testing"
)

// TestSnippetWarning checks that MkDocs' snippet lines, whose text would be missing, are said
// once a page, and not where they are shown as code.
func TestSnippetWarning(t *testing.T) {
	const msg = " is a MkDocs snippet, which Between does not read: the text it put here is missing from the page"
	tests := []struct {
		name, src string
		want      []Problem
	}{
		{"one", "Intro.\n\n--8<-- \"includes/abbreviations.md\"\n",
			[]Problem{{Line: 3, Col: 1, Warning: true, Msg: `--8<-- "includes/abbreviations.md"` + msg + "; paste that text here in its place"}}},
		{"two, in a list", "- a\n\n  --8<-- \"a.md\"\n\n--8<-- \"b.md\"\n",
			[]Problem{{Line: 3, Col: 3, Warning: true, Msg: `--8<-- "a.md"` + msg + ", like 1 more on this page; paste that text here in its place"}}},
		{"in code", "```\n--8<-- \"a.md\"\n```\n\n    --8<-- \"b.md\"\n\n`--8<--`\n", nil},
		{"in running text", "Cut here --8<-- and there.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := convert(t, tt.src, Options{}).Problems; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
