package input

import (
	"strings"
	"testing"
)

func TestTOMLDepth(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	tests := []struct {
		name, src string
		want      int // line, 0 for accepted
	}{
		{"settings", "title = \"A\"\ntags = [\"a\", \"b\"]\n[params]\nx = 1.5\n", 0},
		{"stages", "[[stages]]\ntitle = \"S\"\nsteps = [\n  \"a.md\",\n  \"b.md\",\n]\n", 0},
		{"brackets in strings", "title = \"" + strings.Repeat("[{", 100) + "\"\nx = '" + strings.Repeat("[", 100) + "'\n", 0},
		{"brackets in a multi-line string", "d = \"\"\"\n" + strings.Repeat("[", 100) + "\n\"\"\"\ny = 1\n", 0},
		{"brackets in a comment", "# " + strings.Repeat("{", 100) + "\nx = 1\n", 0},
		{"dots in values", "x = 1.5\nd = 2026-01-01T10:00:00.5\nu = \"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h\"\n", 0},
		{"escaped quote", "x = \"a\\\"[[[[\"\ny = 1\n", 0},
		{"32 deep", "x = " + deep("[", "]", 32) + "\n", 0},
		{"33 deep", "a = 1\nx = " + deep("[", "]", 33) + "\n", 2},
		{"inline tables", "a = 1\n\nx = " + deep("{a = ", "}", 10000) + "\n", 3},
		{"dotted keys", strings.Repeat("a.", 40) + "a = 1\n", 1},
		{"dotted keys in an inline table", "x = {" + strings.Repeat("a.", 40) + "a = 1}\n", 1},
		{"table header", "[" + strings.Repeat("a.", 40) + "a]\n", 1},
		{"after a multi-line string", "d = \"\"\"\n\n\n\"\"\"\nx = " + deep("[", "]", 40) + "\n", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TOMLDepth([]byte(tt.src)); got != tt.want {
				t.Errorf("TOMLDepth = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestYAMLDepth(t *testing.T) {
	tests := []struct {
		name, src string
		want      int
	}{
		{"settings", "title: A\ntags:\n  - a\n  - b\nparams:\n  x: 1\n", 0},
		{"stages", "stages:\n  - title: S\n    steps:\n      - a.md\n      - b.md\n", 0},
		{"brackets in strings", "title: \"" + strings.Repeat("[", 100) + "\"\nx: '" + strings.Repeat("{", 100) + "'\n", 0},
		{"comment", "# " + strings.Repeat("[", 100) + "\nx: 1 # " + strings.Repeat("{", 100) + "\n", 0},
		{"flow", "a: 1\nx: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n", 2},
		{"dashes", "x:\n" + strings.Repeat("- ", 40) + "1\n", 2},
		{"indentation", func() string {
			var b strings.Builder
			for i := range 40 {
				b.WriteString(strings.Repeat(" ", i) + "a:\n")
			}
			return b.String()
		}(), 33},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := YAMLDepth([]byte(tt.src)); got != tt.want {
				t.Errorf("YAMLDepth = %d, want %d", got, tt.want)
			}
		})
	}
}
