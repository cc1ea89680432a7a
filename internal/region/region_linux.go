package region

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of the system's large pages: 2 MB on the systems that have them.
const hugePage = 2 << 20

// Map maps n bytes of memory outside Go's heap, asked for in 2 MB pages (MADV_HUGEPAGE)
// where the system has them: touched for the first time, 4 KB pages were a fault each.
// free gives the memory back; nothing may read it after. mem is nil when the system gives
// none, and the caller keeps its data another way.
//
// The memory begins on a 2 MB boundary and is mapped to the next one: Linux gives a large
// page only to a 2 MB of the mapping that is aligned and whole, and aligns no mapping
// whose size is not a multiple of 2 MB, so the pieces at both ends of a region of 15 MB
// were small pages.
func Map(n int) (mem []byte, free func()) {
	if n <= 0 {
		return nil, nil
	}
	size := (n + hugePage - 1) &^ (hugePage - 1)
	p, err := unix.MmapPtr(-1, 0, nil, uintptr(size+hugePage), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, nil
	}
	// What lies before the boundary and after the region's end is given back at once.
	head := int((uintptr(p)+hugePage-1)&^(hugePage-1) - uintptr(p))
	if head > 0 {
		unix.MunmapPtr(p, uintptr(head))
	}
	if tail := hugePage - head; tail > 0 {
		unix.MunmapPtr(unsafe.Add(p, head+size), uintptr(tail))
	}
	start := unsafe.Add(p, head)
	mem = unsafe.Slice((*byte)(start), size)
	unix.Madvise(mem, unix.MADV_HUGEPAGE) // advice: without it the pages are small
	return mem[:n:n], func() { unix.MunmapPtr(start, uintptr(size)) }
}
