package region

import "golang.org/x/sys/unix"

// Map maps n bytes of memory outside Go's heap, asked for in 2 MB pages (MADV_HUGEPAGE)
// where the system has them: touched for the first time, 4 KB pages were a fault each.
// free gives the memory back; nothing may read it after. mem is nil when the system gives
// none, and the caller keeps its data another way.
func Map(n int) (mem []byte, free func()) {
	mem, err := unix.Mmap(-1, 0, n, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, nil
	}
	unix.Madvise(mem, unix.MADV_HUGEPAGE) // advice: without it the pages are small
	return mem, func() { unix.Munmap(mem) }
}
