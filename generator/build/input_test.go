package build

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestRebuildAfterUnreadableFile: a named pipe in content/ is an error; once an ordinary
// (here empty) file takes its place, the rebuild reads that file, rather than keeping the
// pipe's error because neither had any bytes.
func TestRebuildAfterUnreadableFile(t *testing.T) {
	files := smallSite()
	files["content/articles/p.md"] = "+++\ntitle = \"P\"\n+++\nText.\n"
	root := writeSite(t, files)
	b := newBuilder(root)
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, "content", "articles", "p.md")
	os.Remove(p)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	if _, err := b.Rebuild([]string{"content/articles/p.md"}); err == nil || !strings.Contains(err.Error(), "content/articles/p.md: not a regular file (it is a named pipe)") {
		t.Fatalf("rebuild with a pipe: %v", err)
	}
	os.Remove(p)
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := b.Rebuild([]string{"content/articles/p.md"})
	if err == nil || strings.Contains(err.Error(), "named pipe") || !strings.Contains(err.Error(), "content/articles/p.md:1: missing title") {
		t.Fatalf("rebuild with an empty file: %v", err)
	}
}

// TestPageNotUTF8: a page saved in an older encoding or as UTF-16 is one problem, at its
// place, in build and in the preview's rebuild: the path step, the link and the anchor that
// lead to it are not also told they lead to nothing (they were: "there is no such page"),
// and the page saved again as UTF-8 builds.
func TestPageNotUTF8(t *testing.T) {
	utf16 := func(s string) string {
		b := []byte{0xff, 0xfe}
		for _, r := range s {
			b = append(b, byte(r), 0) // the text is ASCII
		}
		return string(b)
	}
	const good = "+++\ntitle = \"Alpha\"\ndate = 2026-01-01\n+++\nAlpha text.\n\n## First\n\ntext\n"
	for _, c := range []struct{ name, data, want string }{
		{"Windows-1252", strings.Replace(good, "Alpha text.", "Alpha caf\xe9.", 1),
			`content/articles/a.md:5:10: this file is not UTF-8 text: it was saved in an older encoding, in which this word reads "café"`},
		{"UTF-16 with its mark", utf16(good), `content/articles/a.md: this file is saved as UTF-16 (Windows Notepad calls it "Unicode")`},
		{"UTF-16 without its mark", utf16(good)[2:], `content/articles/a.md: this file is saved as UTF-16 (Windows Notepad calls it "Unicode")`},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := smallSite()
			// Another page links to a.md and to its heading, by file and by address; the path has
			// it as a step.
			files["content/articles/c.md"] = mdPage("Gamma", "date = 2026-01-03\nweight = 3", "See [alpha](a.md), [its first part](a.md#first) and [again](/lib/articles/a/#first).")
			root := writeSite(t, files)
			b := newBuilder(root)
			mustBuild(t, b)
			check := func(err error) {
				t.Helper()
				if err == nil {
					t.Fatal("no problem")
				}
				lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
				if len(lines) != 1 || !strings.HasPrefix(lines[0], c.want) {
					t.Errorf("problems:\n%s\nwant one, starting %s", err, c.want)
				}
			}
			write(t, root, "content/articles/a.md", c.data)
			_, err := b.Rebuild([]string{"content/articles/a.md"})
			check(err)
			_, err = newBuilder(root).Build()
			check(err)
			write(t, root, "content/articles/a.md", good)
			if _, err := b.Rebuild([]string{"content/articles/a.md"}); err != nil {
				t.Errorf("saved again as UTF-8: %v", err)
			}
		})
	}
}
