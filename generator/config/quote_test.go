package config

import (
	"strings"
	"testing"
)

// TestShorten checks where a value quoted by a message is cut: after 60 characters as a
// reader counts them, never inside one made of several code points.
func TestShorten(t *testing.T) {
	a59 := strings.Repeat("a", 59)
	tests := []struct{ name, v, want string }{
		{"short", "Goals: a primer", "Goals: a primer"},
		{"60 characters, of 2 bytes each", strings.Repeat("é", 60), strings.Repeat("é", 60)},
		{"61 characters", strings.Repeat("é", 61), strings.Repeat("é", 60) + "…"},
		{"a space at the cut", strings.Repeat("word ", 20), strings.Repeat("word ", 11) + "word…"},
		{"an accent of its own after the cut", a59 + "e\u0301" + "xyz", a59 + "…"},
		{"three accents on one letter", a59 + "e\u0301\u0302\u0303" + "xyz", a59 + "…"},
		{"an emoji with a skin tone", a59 + "👋🏽" + "xyz", a59 + "…"},
		{"an emoji with its variation selector", a59 + "☕\ufe0f" + "xyz", a59 + "…"},
		{"a family joined by zero-width joiners", strings.Repeat("a", 56) + "👩\u200d👩\u200d👧" + "xyz", strings.Repeat("a", 56) + "…"},
		{"a keycap", a59 + "1\ufe0f\u20e3" + "xyz", a59 + "…"},
		{"a flag across the cut", a59 + "🇫🇷" + "xyz", a59 + "…"},
		{"two flags, the cut between them", strings.Repeat("a", 58) + "🇫🇷🇩🇪" + "xyz", strings.Repeat("a", 58) + "🇫🇷…"},
		{"flags, the cut inside the second", strings.Repeat("a", 57) + "🇫🇷🇩🇪" + "xyz", strings.Repeat("a", 57) + "🇫🇷…"},
		{"in quotes", `"` + strings.Repeat("x", 100) + `"`, `"` + strings.Repeat("x", 60) + `…"`},
		{"in brackets", "[" + strings.Repeat("y, ", 100) + "]", "[" + strings.Repeat("y, ", 19) + "y,…]"},
		{"a quote not closed", `"` + strings.Repeat("x", 100), `"` + strings.Repeat("x", 59) + "…"},
		{"Japanese", strings.Repeat("目標", 40), strings.Repeat("目標", 30) + "…"},
		{"a letter under more than 60 accents", "e" + strings.Repeat("\u0301", 100), "e" + strings.Repeat("\u0301", 59) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Shorten(tt.v); got != tt.want {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
