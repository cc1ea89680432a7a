package markdown

import (
	"os"
	"testing"

	"golang.org/x/sys/unix"
)

// A Spill whose file is on a file system in memory (/dev/shm, where Linux has it) says so:
// a streamed build holds none of its pages then.
func TestSpillInMemory(t *testing.T) {
	dir, err := os.MkdirTemp("/dev/shm", "spill-test-")
	if err != nil {
		t.Skip("no /dev/shm:", err)
	}
	defer os.RemoveAll(dir)
	f, err := os.CreateTemp(dir, "pages-*")
	if err != nil {
		t.Fatal(err)
	}
	s := NewSpillFile(f, func() error { return os.Remove(f.Name()) })
	defer s.Close()
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil || st.Type != unix.TMPFS_MAGIC {
		t.Skip("/dev/shm is not tmpfs here")
	}
	if !s.InMemory() {
		t.Error("a Spill in /dev/shm (tmpfs) is not in memory")
	}
}
