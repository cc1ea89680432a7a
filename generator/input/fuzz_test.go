package input

import (
	"bytes"
	"testing"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// FuzzDepth: the depth checks read any text without panicking and name a line the text
// has; and what they let through, the decoders find no deeper than the checks allow (a
// table header's dots, a key's dots and brackets each up to MaxDepth), so that no text
// reaches a decoder with the thousands of levels that make it slow.
func FuzzDepth(f *testing.F) {
	for _, s := range []string{"x = [[[1]]]\n", "a.b.c = 1\n[t.u]\nv.w = {x.y = [1]}\n", "d = \"\"\"\n[[[\n\"\"\"\n",
		"x = '''\n", "# [[[\n", "x:\n  - - - 1\n", "x: {a: [b, 'c]']}\n", "s: \"\\\"[\"\n", "\"unclosed", "[[[[\n]]]]",
		"a:\n b:\n  c:\n   d: 1\n", "[[a.b]]\nc = 1\n", "x = [\n[\n[\n1]]]\n", "a: &x [1]\nb: [*x, *x]\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		tl, yl := TOMLDepth(data), YAMLDepth(data)
		if tl < 0 || tl > lines || yl < 0 || yl > lines {
			t.Fatalf("lines %d and %d of %d", tl, yl, lines)
		}
		if tl == 0 {
			var v map[string]any
			if _, err := toml.Decode(string(data), &v); err == nil {
				if d := depth(v); d > 3*MaxDepth+2 {
					t.Fatalf("TOMLDepth let through text %d deep", d)
				}
			}
		}
		if yl == 0 {
			var v any
			if err := yaml.Unmarshal(data, &v); err == nil {
				if d := depth(v); d > 2*MaxDepth+2 {
					t.Fatalf("YAMLDepth let through text %d deep", d)
				}
			}
		}
	})
}

// depth is how deep maps and lists nest in a decoded value.
func depth(v any) int {
	d := 0
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			d = max(d, depth(e))
		}
	case map[any]any:
		for _, e := range x {
			d = max(d, depth(e))
		}
	case []any:
		for _, e := range x {
			d = max(d, depth(e))
		}
	case []map[string]any:
		for _, e := range x {
			d = max(d, depth(e))
		}
	default:
		return 0
	}
	return d + 1
}
