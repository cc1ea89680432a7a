package slug

import "testing"

func TestMake(t *testing.T) {
	for in, want := range map[string]string{
		"Decision Making":      "decision-making",
		"  decision   making ": "decision-making",
		"C++ & Go!":            "c-go",
		"Café Crème":           "café-crème",
		"Re\u0301flexion":      "réflexion", // NFD, as macOS names files
		"R\u00e9flexion":       "réflexion", // NFC
		"Уверенность":          "уверенность",
		"Ψυχολογία":            "ψυχολογία",
		"自己認識":                 "自己認識",
		"हिन्दी":               "हिन्दी", // the vowel signs are marks, and stay
		"Why_Between_Sessions": "why-between-sessions",
		"a#b?c d":              "a-b-c-d",
		"!!!":                  "",
		"":                     "",
	} {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{"ok-slug": true, "уверенность": true, "Bad": false, "a--b": false, "-a": false, "": false, "re\u0301flexion": false} {
		if Valid(s) != want {
			t.Errorf("Valid(%q) = %v", s, !want)
		}
	}
}

func TestID(t *testing.T) {
	for in, want := range map[string]string{
		"What's next?":       "whats-next",
		"Réflexion":          "réflexion",
		"Re\u0301flexion":    "réflexion",
		"Уверенность и цели": "уверенность-и-цели",
		"???":                "",
	} {
		if got := ID(in); got != want {
			t.Errorf("ID(%q) = %q, want %q", in, got, want)
		}
	}
}
