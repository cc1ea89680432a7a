package build

import (
	"errors"
	"testing"

	"github.com/between-ssg/between/generator/diag"
)

// FuzzBuildPage builds a site around one page of any bytes: no input may make the build
// panic, and every problem must come back as a diagnostic with a place.
func FuzzBuildPage(f *testing.F) {
	seeds := []string{
		"+++\ntitle = \"x\"\n+++\nbody",
		"---\ntitle: x\ntags: [a, b]\n---\n# h\n",
		"+++\ntitle = \"x\"\n",
		"+++\ntitle = 3\nweight = \"a\"\ndate = \"soon\"\n+++\n[a](missing.md#x)",
		"+++\ntitle = \"x\"\n+++\n::: scale min=9 max=1\nq\n:::\n::: choice\n:::\n",
		"+++\ntitle = \"P\"\n[[stages]]\ntitle = 1\nsteps = [1, \"x.md\"]\n+++\n",
		"---\n- a\n- b\n---\n",
		"\xef\xbb\xbf+++\r\ntitle = \"x\"\r\n+++\r\n> ::: answer\r\n> q\r\n",
		"+++\ntitle = \"x\"\naliases = [\"../../etc\"]\nslug = \"A B\"\n+++\n",
	}
	for _, s := range seeds {
		f.Add(s, "articles/a.md")
		f.Add(s, "paths/p.md")
	}
	f.Fuzz(func(t *testing.T, text, name string) {
		if name != "articles/a.md" && name != "paths/p.md" && name != "worksheets/w.md" {
			name = "worksheets/w.md"
		}
		root := writeSite(t, map[string]string{
			"config.toml":           "title = \"T\"\n",
			"content/" + name:       text,
			"content/articles/b.md": "+++\ntitle = \"B\"\n+++\n[a](a.md)\n",
		})
		_, err := newBuilder(root).Build()
		if err == nil {
			return
		}
		var list diag.List
		if !errors.As(err, &list) {
			t.Fatalf("error without a place: %v", err)
		}
		for _, d := range list {
			if d.File == "" || d.Msg == "" {
				t.Fatalf("diagnostic without file or message: %#v", d)
			}
		}
	})
}
