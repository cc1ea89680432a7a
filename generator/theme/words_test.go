package theme_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/between-ssg/between/generator/theme"
)

// TestWordFormats: a word's placeholders are checked at its line, so that "%0999999d" cannot
// make every page a megabyte longer and "%x" cannot print garbage.
func TestWordFormats(t *testing.T) {
	tests := []struct {
		word, want string // want "" when the word is fine
	}{
		{`"%d steps"`, ""},
		{`"%[2]v of %[1]v, 100%%"`, ""},
		{`"%5d"`, ""},
		{`"%0999999d steps"`, `"%0999999d" is too wide a placeholder`},
		{`"%x"`, `"%x" is not a placeholder Between knows`},
		{`"100%"`, `"%" at the end is not a placeholder`},
		{`"%é"`, `"%é" is not a placeholder Between knows`},
		{`"%[999]d"`, `"%[999" is not a placeholder`},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			src := "next_up = \"Next\"\nsteps_other = " + tt.word + "\n"
			_, err := theme.Load(fstest.MapFS{"i18n/en.toml": {Data: []byte(src)}}, "", "en")
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "i18n/en.toml:2: steps_other: "+tt.want) {
				t.Fatalf("got %v\nwant i18n/en.toml:2: steps_other: %s", err, tt.want)
			}
		})
	}
}
