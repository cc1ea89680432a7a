package source

import (
	"reflect"
	"testing"
	"time"
)

// quickCases are front matters (between +++ lines) that quickTOML takes, and near misses
// that it must leave to the TOML library: the decoded File and the problems must be the
// same either way.
var quickCases = []struct {
	front string
	taken bool // quickTOML decodes it itself
}{
	{"title = \"Values\"\ndate = 2025-12-20T09:00:00Z\ntags = [\"topic-13\", \"goals\"]\nweight = 12\ndescription = \"Notice what matters\"\n", true},
	{"", true},
	{"\n  \n\t\n", true},
	{"title = \"Ünïcödé ✓ \ufeff in\ttabs # not a comment = x\"\n", true},
	{"  title\t=\t\"A\"  \t\nweight=-7\nw2 = +0\nw3 = 0\nw4 = 123456789012345678\n", true},
	{"draft = true\nunlisted = false\n", true},
	{"date = 2025-12-20\nd2 = 2025-12-20T09:00:00+02:00\nd3 = 1999-01-01T23:59:59-11:30\n", true},
	{"tags = []\nt2 = [ ]\nt3 = [\"a\"]\nt4 = [ \"a\" ,\"b\",  \"\" ]\n", true},
	{"title = \"A\"\r\nweight = 1\r\n", true},
	{"key_with-dash = \"x\"\n123 = 4\n", true},
	{"title = \"A\" # a comment\n", true},
	{"# a comment\ntitle = \"A\"\n\t# title = \"B\"\n#\n", true},
	{"# a = b\ntitle = \"A\"#c\ntags = [\"a\"]\t#\tc = d\n", true},
	{"title = \"A\" # a\x01\n", false},
	{"# a\x7f\ntitle = \"A\"\n", false},
	{"# a\rb\ntitle = \"A\"\n", false},
	{"weight = 1# c\n", false},
	{"draft = true#c\n", false},
	{"title = \"A\" #c\ntitle = \"B\"\n", false},
	{"title = \"A\"\ntitle = \"B\"\n", false},
	{"title = \"A \\\"quoted\\\"\"\n", false},
	{"title = 'literal'\n", false},
	{"title = \"\"\"\nmulti\n\"\"\"\n", false},
	{"title = \"unclosed\n", false},
	{"title = \"A\" x\n", false},
	{"title = \"a\x01b\"\n", false},
	{"title = \"a\x7fb\"\n", false},
	{"title = \"a\rb\"\n", false},
	{"title = \"A\"\r\r\n", false},
	{"weight = 012\n", false},
	{"weight = 1_000\n", false},
	{"weight = 0x1F\n", false},
	{"weight = 1.5\n", false},
	{"weight = 1e3\n", false},
	{"weight = 9223372036854775808\n", false},
	{"weight = -9223372036854775808\n", false},
	{"weight = 1234567890123456789\n", false},
	{"weight = -\n", false},
	{"weight = \n", false},
	{"weight\n", false},
	{"= 1\n", false},
	{"draft = True\n", false},
	{"draft = truefalse\n", false},
	{"date = 2025-13-40\n", false},
	{"date = 2025-02-30T09:00:00Z\n", false},
	{"date = 2025-12-20 09:00:00\n", false},
	{"date = 2025-12-20t09:00:00z\n", false},
	{"date = 2025-12-20T09:00:00.5Z\n", false},
	{"date = 2025-12-20T09:00\n", false},
	{"date = 2025-1-20\n", false},
	{"date = 09:00:00\n", false},
	{"tags = [\"a\",]\n", false},
	{"tags = [\"a\" \"b\"]\n", false},
	{"tags = [\"a\",\n\"b\"]\n", false},
	{"tags = [1, 2]\n", false},
	{"tags = [\"a\", 1]\n", false},
	{"tags = [[\"a\"]]\n", false},
	{"x = {a = 1}\n", false},
	{"a.b = 1\n", false},
	{"\"quoted key\" = 1\n", false},
	{"[params]\nx = 1\n", false},
	{"title = \"A\"\n[[stages]]\ntitle = \"S\"\n", false},
	{"ключ = 1\n", false},
}

// TestQuickTOML: each case is parsed with and without quickTOML, and the File and the
// problems must be the same; the cases marked taken must be taken, so that the comparison
// covers quickTOML's own decoding.
func TestQuickTOML(t *testing.T) {
	for _, c := range quickCases {
		data := "+++\n" + c.front + "+++\nBody\n"
		compareQuick(t, []byte(data))
		if _, _, ok := quickTOML([]byte(c.front)); ok != c.taken {
			t.Errorf("%q: taken %v, want %v", c.front, ok, c.taken)
		}
	}
	meta, _, _ := quickTOML([]byte(quickCases[0].front))
	if d := meta["date"].(time.Time); !d.Equal(time.Date(2025, 12, 20, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("date %v", d)
	}
	if tags := meta["tags"].([]any); len(tags) != 2 || tags[1] != "goals" {
		t.Errorf("tags %#v", tags)
	}
}

// FuzzQuickTOML compares Parse with and without quickTOML on any file. go test runs the
// seeds; go test -fuzz FuzzQuickTOML looks further.
func FuzzQuickTOML(f *testing.F) {
	for _, c := range quickCases {
		f.Add([]byte("+++\n" + c.front + "+++\nBody\n"))
	}
	f.Add([]byte("+++\r\ntitle = \"A\"\r\n+++\r\nx"))
	f.Add([]byte("---\ntitle: A\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return // the library's time, not quickTOML's, grows with deep nesting
		}
		compareQuick(t, data)
	})
}

func compareQuick(t *testing.T, data []byte) {
	t.Helper()
	fast, fastErrs := Parse("content/a.md", data)
	quick = false
	slow, slowErrs := Parse("content/a.md", data)
	quick = true
	if !reflect.DeepEqual(fast, slow) {
		t.Errorf("%q:\nwith quickTOML:    %#v\nwithout quickTOML: %#v", data, fast, slow)
	}
	if !reflect.DeepEqual(fastErrs, slowErrs) {
		t.Errorf("%q:\nwith quickTOML:    %v\nwithout quickTOML: %v", data, fastErrs, slowErrs)
	}
}

// BenchmarkParseFrontMatter parses a typical page (five keys) with and without quickTOML.
//
//	go test ./generator/source -run X -bench ParseFrontMatter -benchmem
func BenchmarkParseFrontMatter(b *testing.B) {
	data := []byte("+++\n" + quickCases[0].front + "+++\n\n## Heading\n\nBody text.\n")
	for _, on := range []bool{true, false} {
		name := "quick"
		if !on {
			name = "library"
		}
		b.Run(name, func(b *testing.B) {
			quick = on
			defer func() { quick = true }()
			b.ReportAllocs()
			for range b.N {
				if _, errs := Parse("content/a.md", data); len(errs) > 0 {
					b.Fatal(errs)
				}
			}
		})
	}
}
