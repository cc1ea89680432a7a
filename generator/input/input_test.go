package input

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Repeat("x", size)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("small.md", 10)
	write("big.md", 2048)
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("small.md", filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop2.md", filepath.Join(dir, "loop1.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop1.md", filepath.Join(dir, "loop2.md")); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "folder.md"), 0o755)
	write("empty.md", 0)
	// Site reads a plain file the fast way (read_linux.go), the rest as os.DirFS does.
	for _, fsys := range []fs.FS{os.DirFS(dir), Site(dir)} {
		readFileCases(t, fsys)
	}
	if data, err := ReadFile(Site(dir), "empty.md", 1024); err != nil || len(data) != 0 {
		t.Errorf("empty.md: %q, %v", data, err)
	}
}

func readFileCases(t *testing.T, fsys fs.FS) {

	cases := []struct {
		name string
		is   error  // errors.Is target, nil for success
		msg  string // in Problem(err)
	}{
		{"small.md", nil, ""},
		{"link.md", nil, ""},
		{"big.md", ErrTooLarge, "larger than 1 KB"},
		{"fifo.md", ErrNotRegular, "it is a named pipe"},
		{"zero.png", ErrNotRegular, "it is a device"},
		{"folder.md", ErrNotRegular, "it is a folder"},
		{"loop1.md", nil, "too many levels of symbolic links"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%T/%s", fsys, c.name), func(t *testing.T) {
			done := make(chan struct{})
			var data []byte
			var err error
			go func() {
				data, err = ReadFile(fsys, c.name, 1024)
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				// Not a timing assertion: a read that blocks for ever must fail the test
				// rather than hang it.
				t.Fatal("ReadFile blocked")
			}
			if c.msg == "" {
				if err != nil || len(data) != 10 {
					t.Fatalf("got %d bytes, %v", len(data), err)
				}
				return
			}
			if err == nil {
				t.Fatalf("read %d bytes, want an error", len(data))
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %v is not %v", err, c.is)
			}
			if p := Problem(err); !strings.Contains(p, c.msg) {
				t.Errorf("Problem = %q, want it to contain %q", p, c.msg)
			}
		})
	}
}

// TestReadFileLimitsEndlessFile reads a file that claims a small size but never ends (as
// files under /proc do): reading stops at the limit.
func TestReadFileLimitsEndlessFile(t *testing.T) {
	data, err := ReadFile(os.DirFS("/proc/self"), "environ", 4)
	if _, serr := os.Stat("/proc/self/environ"); serr != nil {
		t.Skip("no /proc")
	}
	if len(os.Environ()) == 0 {
		t.Skip("empty environment")
	}
	if !errors.Is(err, ErrTooLarge) || data != nil {
		t.Fatalf("got %d bytes, %v; want ErrTooLarge", len(data), err)
	}
	// The fast way too: fstat says 0 bytes, and reading goes on until the limit.
	data, err = ReadFile(Site("/proc/self"), "environ", 4)
	if !errors.Is(err, ErrTooLarge) || data != nil {
		t.Fatalf("Site: got %d bytes, %v; want ErrTooLarge", len(data), err)
	}
}

// ReadFileTo reads into the buffer it is given when the file fits, whatever that buffer held
// before, and into new memory when it does not; both the fast way (Site, listed) and the
// careful one (os.DirFS) give exactly the file's bytes.
func TestReadFileTo(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"long.md": strings.Repeat("long ", 200), "short.md": "short", "mid.md": strings.Repeat("m", 300)}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site := Site(dir)
	if _, err := fs.ReadDir(site, "."); err != nil { // listed: read the fast way
		t.Fatal(err)
	}
	for _, fsys := range []fs.FS{site, os.DirFS(dir)} {
		var buf []byte
		for _, name := range []string{"short.md", "long.md", "short.md", "mid.md"} {
			data, err := ReadFileTo(fsys, name, 1<<20, buf)
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != files[name] {
				t.Fatalf("%T %s: read %q", fsys, name, data)
			}
			reused := cap(buf) > len(files[name]) && unsafe.SliceData(data) == unsafe.SliceData(buf)
			if fits := cap(buf) > len(files[name]); fits != reused {
				t.Errorf("%T %s: buffer of %d bytes used: %v, want %v", fsys, name, cap(buf), reused, fits)
			}
			buf = data
		}
	}
}
