package main

import (
	"os"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of the pages asked for: 2 MB on the systems that have them.
const hugePage = 2 << 20

var adviseOnce sync.Once

// adviseHugePages asks Linux to back the first n bytes of heap the process will use
// with 2 MB pages rather than 4 KB ones (MADV_HUGEPAGE), where the system gives them only
// to memory that asks (transparent_hugepage "madvise", Debian's and Ubuntu's setting).
// Go's own heap does not ask. Touching fresh memory was a large part of a build's time
// on a virtual machine: a fault for each 4 KB page (75,000 at 10,000 pages, ~1.5
// CPU-seconds of system time a GB), and with small pages every cache miss of goldmark's
// trees and the collector's marking costs the page walks of a guest and its host. With
// 2 MB pages both are a few hundred times fewer.
//
// Go gives no hook where it maps its heap, so the heap is made to reach that far at once:
// one allocation of n bytes, which Go maps fresh (zero, never touched), is advised and
// let go; the allocations after it reuse its addresses, and the advice stays with them.
// The size is at most a quarter of the machine's memory, and nothing is asked where the
// process's address space is limited (ulimit -v), where the system refuses to promise
// memory not yet touched (vm.overcommit_memory 2), nor where
// GODEBUG=disablethp=1 says the heap must not use large pages. It is for a build, which
// ends: a long-running server is left to Go's own choice, as a page's worth of heap kept
// for a few bytes live would stay. Once a process. start and end are the addresses
// advised (0, 0 when none), for the test.
func adviseHugePages(n int) (start, end uintptr) {
	adviseOnce.Do(func() { start, end = advise(n) })
	return start, end
}

func advise(n int) (start, end uintptr) {
	if !strings.Contains(readSmall("/sys/kernel/mm/transparent_hugepage/enabled"), "[madvise]") ||
		strings.TrimSpace(readSmall("/proc/sys/vm/overcommit_memory")) == "2" ||
		strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
		return 0, 0
	}
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) == nil {
		n = min(n, int(uint64(si.Totalram)*uint64(si.Unit)/4))
	}
	// Under a limit on the process's address space or data (ulimit -v, -d) the allocation
	// could fail, which Go does not survive, where a build without it would not: how
	// much of the limit Go has taken already is not known.
	for _, r := range []int{unix.RLIMIT_AS, unix.RLIMIT_DATA} {
		var lim unix.Rlimit
		if unix.Getrlimit(r, &lim) != nil || lim.Cur != unix.RLIM_INFINITY {
			return 0, 0
		}
	}
	if n < 2*hugePage {
		return 0, 0
	}
	b := make([]byte, n)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start = (p + hugePage - 1) &^ (hugePage - 1)
	end = (p + uintptr(n)) &^ (hugePage - 1)
	if unix.Madvise(b[start-p:end-p], unix.MADV_HUGEPAGE) != nil {
		start, end = 0, 0
	}
	runtime.GC() // its addresses are free for what comes next
	return start, end
}

// readSmall is the text of a small system file, "" when it cannot be read.
func readSmall(name string) string {
	b, _ := os.ReadFile(name)
	return string(b)
}
