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

// Populate has the system give mem its memory now (MADV_POPULATE_WRITE, Linux 5.14), as
// writing to it would, page by page, on first touch: so that a goroutine with a core to
// spare takes those faults, not the one that writes the data later.
func Populate(mem []byte) {
	if len(mem) == 0 {
		return
	}
	if unix.Madvise(mem, unix.MADV_POPULATE_WRITE) == nil {
		return
	}
	for i := 0; i < len(mem); i += 4 << 10 { // an older kernel: a write a page
		mem[i] = 0
	}
}
