package slug

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzMake: a slug is a valid address part (no separator, no '/', '#', '?', '%' or space),
// in NFC, the same for a name's NFC and NFD spellings, and made again unchanged.
func FuzzMake(f *testing.F) {
	for _, s := range []string{"Decision Making", "Re\u0301flexion", "Уверенность", "自己認識", "हिन्दी",
		"a#b?c d", "../../etc", "\xff\xfe", "ǅ", "ẞ", "İstanbul", "ﬁ", "a\u0301\u0302", "Ⅻ", "-_-", "\u0345"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := Make(s)
		if m != "" && !Valid(m) {
			t.Fatalf("Make(%q) = %q is not Valid", s, m)
		}
		if Make(m) != m {
			t.Fatalf("Make(%q) = %q, but Make of that is %q", s, m, Make(m))
		}
		if !utf8.ValidString(m) || !norm.NFC.IsNormalString(m) {
			t.Fatalf("Make(%q) = %q is not UTF-8 in NFC", s, m)
		}
		if strings.ContainsAny(m, "/#?% \t\n.\\") || strings.HasPrefix(m, "-") || strings.HasSuffix(m, "-") || strings.Contains(m, "--") {
			t.Fatalf("Make(%q) = %q holds what an address part must not", s, m)
		}
		if utf8.ValidString(s) {
			if d := Make(norm.NFD.String(s)); d != m {
				t.Fatalf("Make of %q is %q in NFC but %q in NFD", s, m, d)
			}
		}
		id := ID(s)
		if strings.ContainsAny(id, "/#?% \t\n\"'<>&") || !norm.NFC.IsNormalString(id) {
			t.Fatalf("ID(%q) = %q", s, id)
		}
	})
}
