package source

import (
	"bytes"
	"testing"
	"time"
)

// FuzzParse splits and decodes any bytes: it must end (deep nesting made the TOML decoder
// take seconds), the body must be the end of the file starting at BodyLine, and every
// problem must name the file and a line the file has.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "+++", "+++\n+++\n", "---\n---\nbody", "+++\ntitle = \"A\"\n+++\nBody\n",
		"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nx", "+++ \t\r\nx = 1\n +++ \nb", "---\na: [\n---\n", "+++\nx = {a = {a = 1}}\n+++\n",
		"+++\n[[stages]]\ntitle = \"S\"\nsteps = [\"\"]\n+++\n", "---\na: &x [1]\nb: *x\n---\n", "+++\nx = \"\"\"\n+++\n\"\"\"\n+++\n",
		"\n\n+++\ntitle = \"A\"\n+++\n", "<!-- a\n-->\n ++\nx = 1\n", "title = \"A\"\n", "+++x\n",
		"+++\ntitle = \"A\"\n+++\n---\ndate: 2026-01-01\n---\n", "+++\ntitle = \"A\r\nx = 1\r\n+++\n", "+++\ntitle\u00a0= \"A\"\n+++\n",
		"+++\n[a] b = 1\n[a]]\nx = [1,\ny = 2\n+++\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan *File, 1)
		var problems []string
		go func() {
			file, errs := Parse("content/a.md", data)
			for _, d := range errs {
				if d.File != "content/a.md" || d.Msg == "" || d.Line < 0 || d.Line > bytes.Count(data, []byte("\n"))+2 {
					problems = append(problems, d.Error())
				}
			}
			done <- file
		}()
		var file *File
		select {
		case file = <-done:
		case <-time.After(20 * time.Second):
			// Not a timing assertion: an input that makes Parse run for ever must fail
			// the fuzzer rather than hang it.
			t.Fatalf("Parse of %d bytes does not end", len(data))
		}
		for _, p := range problems {
			t.Errorf("problem without a good place: %s", p)
		}
		if file == nil {
			return
		}
		if !file.HasFront {
			// The page layer asks NoFront why, when the title is missing: its line must be
			// one the file has.
			if line, _, msg := NoFront(file.Body, "A"); msg == "" || line < 1 || line > bytes.Count(data, []byte("\n"))+1 {
				t.Errorf("NoFront: line %d: %s", line, msg)
			}
		}
		src := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if !bytes.HasSuffix(src, file.Body) {
			t.Fatalf("the body %q is not the end of the file", file.Body)
		}
		before := src[:len(src)-len(file.Body)]
		if len(file.Body) > 0 && file.BodyLine != bytes.Count(before, []byte("\n"))+1 {
			t.Fatalf("BodyLine %d, but the body starts on line %d", file.BodyLine, bytes.Count(before, []byte("\n"))+1)
		}
	})
}
