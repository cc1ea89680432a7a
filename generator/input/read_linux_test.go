//go:build linux

package input

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestReadRegularLeavesTheRestToTheCarefulWay(t *testing.T) {
	// Something put where Lstat saw a plain file (a pipe, a link) is neither waited on nor
	// followed: readRegular says so, and ReadFile then reads the careful way.
	dir := t.TempDir()
	fifo, link, file := filepath.Join(dir, "fifo.md"), filepath.Join(dir, "link.md"), filepath.Join(dir, "a.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, link, filepath.Join(dir, "gone.md")} {
		if data, ok, err := readRegular(filepath.Base(p), p, 1024, nil); ok {
			t.Errorf("%s: read %q, %v", filepath.Base(p), data, err)
		}
	}
	if data, ok, err := readRegular("a.md", file, 1024, nil); !ok || err != nil || string(data) != "text" {
		t.Errorf("a.md: %q, %v, %v", data, ok, err)
	}
	if _, ok, err := readRegular("a.md", file, 3, nil); !ok || err == nil {
		t.Errorf("a.md over its limit: %v, %v", ok, err)
	}
}
