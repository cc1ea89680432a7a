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
// A region of 2 MB or more begins on a 2 MB boundary: Linux gives a large page only to a
// whole 2 MB of a mapping that is aligned, and aligns no mapping whose size is not a
// multiple of 2 MB, so both ends of a region of 15 MB were small pages, a fault each 4 KB.
// The part of the last 2 MB that the region does not reach is not mapped, and stays in
// small pages: a large page there would be cleared whole for what the region holds of it.
func Map(n int) (mem []byte, free func()) {
	if n <= 0 {
		return nil, nil
	}
	slack := 0
	if n >= hugePage {
		slack = hugePage
	}
	p, err := unix.MmapPtr(-1, 0, nil, uintptr(n+slack), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, nil
	}
	head := 0
	if slack > 0 {
		// What lies before the boundary and after the region is given back at once.
		head = int((uintptr(p)+hugePage-1)&^(hugePage-1) - uintptr(p))
		end := (head + n + 4095) &^ 4095 // the system's pages are whole
		if head > 0 {
			unix.MunmapPtr(p, uintptr(head))
		}
		if end < n+slack {
			unix.MunmapPtr(unsafe.Add(p, end), uintptr(n+slack-end))
		}
	}
	start := unsafe.Add(p, head)
	mem = unsafe.Slice((*byte)(start), n)
	unix.Madvise(mem, unix.MADV_HUGEPAGE) // advice: without it the pages are small
	return mem, func() { unix.MunmapPtr(start, uintptr(n)) }
}
