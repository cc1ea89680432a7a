package markdown

import (
	"os"

	"golang.org/x/sys/unix"
)

// inMemory reports whether f is a file of a file system in memory (tmpfs), whose pages
// are never written to a disk.
func inMemory(f *os.File) bool {
	var st unix.Statfs_t
	return unix.Fstatfs(int(f.Fd()), &st) == nil && st.Type == unix.TMPFS_MAGIC
}
