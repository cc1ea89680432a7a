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
