package input

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSiteLinksOut: a file reached through a link that leads out of the site folder is
// refused, naming the link and where it leads; links that stay inside, and inputs that are
// links as a whole (content/, a theme), are followed, also when they become links while
// the same Site is in use (the dev server runs for hours).
func TestSiteLinksOut(t *testing.T) {
	root := t.TempDir()
	site, outside := filepath.Join(root, "site"), filepath.Join(root, "outside")
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, p string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "secret.txt"), "secret")
	write(filepath.Join(outside, "lib", "a.md"), "a")
	write(filepath.Join(site, "content", "b.md"), "b")
	write(filepath.Join(site, "shared", "logo.png"), "logo")
	link(filepath.Join(outside, "secret.txt"), filepath.Join(site, "static", "secret.txt"))
	link(outside, filepath.Join(site, "static", "docs"))
	link("../shared", filepath.Join(site, "static", "img"))
	link(filepath.Join(outside, "lib"), filepath.Join(site, "themes", "t"))

	fsys := Site(site)
	for name, want := range map[string]string{
		"static/secret.txt":      "a link to " + filepath.Join(outside, "secret.txt") + ", outside the site folder",
		"static/docs/secret.txt": "it is in static/docs, a link to " + outside + ", outside the site folder",
	} {
		_, err := ReadFile(fsys, name, 100)
		if !errors.Is(err, ErrOutside) || !strings.Contains(Problem(err), want) {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
		if _, err := fs.ReadDir(fsys, "static/docs"); !errors.Is(err, ErrOutside) {
			t.Errorf("ReadDir static/docs: %v", err)
		}
	}
	for name, want := range map[string]string{"static/img/logo.png": "logo", "themes/t/a.md": "a", "content/b.md": "b"} {
		if data, err := ReadFile(fsys, name, 100); err != nil || string(data) != want {
			t.Errorf("%s: %q, %v", name, data, err)
		}
	}
	// content/ becomes a link to a folder outside, after the first reads.
	if err := os.RemoveAll(filepath.Join(site, "content")); err != nil {
		t.Fatal(err)
	}
	link(filepath.Join(outside, "lib"), filepath.Join(site, "content"))
	// and the folder static/img, read before, becomes a link out of the site.
	if err := os.Remove(filepath.Join(site, "static", "img")); err != nil {
		t.Fatal(err)
	}
	link(outside, filepath.Join(site, "static", "img"))
	NewBuild(fsys)
	if _, err := ReadFile(fsys, "static/img/secret.txt", 100); !errors.Is(err, ErrOutside) {
		t.Errorf("static/img/secret.txt after static/img became a link out: %v", err)
	}
	if data, err := ReadFile(fsys, "content/a.md", 100); err != nil || string(data) != "a" {
		t.Errorf("content/a.md through a linked content/: %q, %v", data, err)
	}
	if _, err := ReadFile(fsys, "static/secret.txt", 100); !errors.Is(err, ErrOutside) {
		t.Errorf("static/secret.txt after content/ became a link: %v", err)
	}
}

// TestListedThenReplaced: ReadFile opens a file ReadDir listed without looking at it
// first; what was put at its name since is still found out. A link out of the site is
// refused, a named pipe is not waited on, and a link that stays inside is followed.
func TestListedThenReplaced(t *testing.T) {
	root := t.TempDir()
	site, outside := filepath.Join(root, "site"), filepath.Join(root, "outside")
	for _, p := range []string{filepath.Join(outside, "secret.txt"), filepath.Join(site, "content", "in.md")} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("secret"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	names := []string{"a.md", "b.md", "c.md", "d.md"}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(site, "content", n), []byte("page "+n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := Site(site)
	if _, err := fs.ReadDir(fsys, "content"); err != nil {
		t.Fatal(err)
	}
	// The folder is resolved by a first read, as a build's first file of a folder is.
	if data, err := ReadFile(fsys, "content/a.md", 100); err != nil || string(data) != "page a.md" {
		t.Fatalf("content/a.md: %q, %v", data, err)
	}
	if _, ok := fsys.(*siteFS).known("content/b.md"); !ok {
		t.Fatal("content/b.md, listed, is not read the short way: this test would prove nothing")
	}
	replace := func(n string, make func(p string) error) {
		t.Helper()
		p := filepath.Join(site, "content", n)
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := make(p); err != nil {
			t.Fatal(err)
		}
	}
	replace("b.md", func(p string) error { return os.Symlink(filepath.Join(outside, "secret.txt"), p) })
	replace("c.md", func(p string) error { return syscall.Mkfifo(p, 0o644) })
	replace("d.md", func(p string) error { return os.Symlink("in.md", p) })
	if data, err := ReadFile(fsys, "content/b.md", 100); !errors.Is(err, ErrOutside) {
		t.Errorf("content/b.md, now a link out of the site: %q, %v", data, err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ReadFile(fsys, "content/c.md", 100)
		done <- err
	}()
	if err := <-done; !errors.Is(err, ErrNotRegular) {
		t.Errorf("content/c.md, now a named pipe: %v", err)
	}
	if data, err := ReadFile(fsys, "content/d.md", 100); err != nil || string(data) != "secret" {
		t.Errorf("content/d.md, now a link inside the site: %q, %v", data, err)
	}
}
