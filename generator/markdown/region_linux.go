package markdown

import (
	"os"

	"golang.org/x/sys/unix"
)

// newRegion maps n bytes of memory outside Go's heap for a Spill's Hold: the collector
// never counts or marks it, and free gives it back to the system at once. Asked for in
// 2 MB pages (MADV_HUGEPAGE) where the system has them: touched for the first time, 4 KB
// pages were a fault each. nil when the system gives none.
func newRegion(n int) (mem []byte, free func()) {
	mem, err := unix.Mmap(-1, 0, n, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, nil
	}
	unix.Madvise(mem, unix.MADV_HUGEPAGE) // advice: without it the pages are small
	return mem, func() { unix.Munmap(mem) }
}

// inMemory reports whether f is a file of a file system in memory (tmpfs), whose pages
// are never written to a disk.
func inMemory(f *os.File) bool {
	var st unix.Statfs_t
	return unix.Fstatfs(int(f.Fd()), &st) == nil && st.Type == unix.TMPFS_MAGIC
}
