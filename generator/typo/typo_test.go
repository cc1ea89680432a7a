package typo

import "testing"

func TestSmarten(t *testing.T) {
	for in, want := range map[string]string{
		"Don't wait":                    "Don’t wait",
		`The "inner critic" -- and you`: "The “inner critic” – and you",
		"'Small steps' matter":          "‘Small steps’ matter",
		"Wait...":                       "Wait…",
		"Thinking---then doing":         "Thinking—then doing",
		"Plain title":                   "Plain title",
		"Clients' notes (the 'why')":    "Clients’ notes (the ‘why’)",
		`He said "yes"`:                 "He said “yes”",
		"1990s-style":                   "1990s-style",
		"It's 'good' -- isn't it?":      "It’s ‘good’ – isn’t it?",
	} {
		if got := Smarten(in); got != want {
			t.Errorf("Smarten(%q) = %q, want %q", in, got, want)
		}
	}
}
