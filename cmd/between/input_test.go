package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/generator/diag"
)

// TestUnreadableInputs builds sites holding a file that is not an ordinary file, or is too
// large, in each place a build reads. Each build must end (a named pipe used to block it for
// ever, a link to /dev/zero to read until memory ran out) with an error naming the file.
func TestUnreadableInputs(t *testing.T) {
	fifo := func(name string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			p := filepath.Join(dir, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.Remove(p)
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("cannot make a named pipe: %v", err)
			}
		}
	}
	link := func(name, target string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			p := filepath.Join(dir, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	const pipe = "not a regular file (it is a named pipe); Between reads only ordinary files: skip it or remove it"
	tests := []struct {
		name string
		make func(t *testing.T, dir string)
		want string
	}{
		{"pipe in content", fifo("content/articles/p.md"), "content/articles/p.md: " + pipe},
		{"pipe in static", fifo("static/notes.txt"), "static/notes.txt: " + pipe},
		{"pipe as a layout", fifo("layouts/article.html"), "layouts/article.html: " + pipe},
		{"pipe as a partial", fifo("layouts/partials/x.html"), "layouts/partials/x.html: " + pipe},
		{"pipe as i18n", fifo("i18n/en.toml"), "i18n/en.toml: " + pipe},
		{"pipe as config", fifo("config.toml"), "config.toml: " + pipe},
		{"link to /dev/zero in static", link("static/zero.png", "/dev/zero"),
			"static/zero.png: not a regular file (it is a device); Between reads only ordinary files: skip it or remove it"},
		{"link to /dev/zero in content", link("content/articles/zero.md", "/dev/zero"),
			"content/articles/zero.md: not a regular file (it is a device); Between reads only ordinary files: skip it or remove it"},
		{"loop of links in content", func(t *testing.T, dir string) {
			link("content/articles/l1.md", "l2.md")(t, dir)
			link("content/articles/l2.md", "l1.md")(t, dir)
		}, "content/articles/l1.md: cannot read this file (too many levels of symbolic links); fix or remove it"},
		{"content file over 20 MB", func(t *testing.T, dir string) {
			// A sparse file: its size is what counts, and it takes no room on disk.
			f, err := os.Create(filepath.Join(dir, "content/articles/huge.md"))
			if err != nil {
				t.Fatal(err)
			}
			f.Truncate(20<<20 + 1)
			f.Close()
		}, "content/articles/huge.md: this file is larger than 20 MB, the most Between reads for such a file; split it, make it smaller, or remove it"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range basePages {
				files[k] = v
			}
			dir := newSite(t, files)
			tc.make(t, dir)
			done := make(chan error, 1)
			go func() {
				_, err := buildAt(dir, build.Options{})
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute):
				// Not a timing assertion: a build that blocks for ever must fail the test
				// rather than hang it.
				t.Fatal("the build did not end")
			}
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("the build gave %T %v, want a list of problems", err, err)
			}
			var got []string
			for _, d := range list {
				got = append(got, d.Error())
			}
			if !strings.Contains(strings.Join(got, "\n"), tc.want) {
				t.Errorf("problems:\n%s\nwant one:\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}
