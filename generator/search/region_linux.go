package search

import "golang.org/x/sys/unix"

// newRegion maps n bytes of memory outside Go's heap, for the postings' slabs: the
// collector never counts them against its target, and free gives them back to the
// system at once. Asked for in 2 MB pages (MADV_HUGEPAGE) where the system has them.
// nil when the system gives none.
func newRegion(n int) (mem []byte, free func()) {
	mem, err := unix.Mmap(-1, 0, n, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, nil
	}
	unix.Madvise(mem, unix.MADV_HUGEPAGE) // advice: without it the pages are small
	return mem, func() { unix.Munmap(mem) }
}
