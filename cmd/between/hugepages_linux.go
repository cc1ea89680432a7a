package main

import (
	"cmp"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of the pages asked for: 2 MB on the systems that have them.
const hugePage = 2 << 20

// adviseChunk is the size of the allocations the advised heap is made of. Go zeroes an
// allocation that begins in memory the heap used before, the whole of it however much is
// fresh: made at once, the heap advised was all touched (1.5 GB resident, and as much for
// the collector to count against the memory limit) whenever a collection before it had
// freed the top of the heap, as reading an earlier build's manifest with GOGC=50 did.
// In pieces, only the pieces that begin there are cleared: what was used, and one piece.
const adviseChunk = 8 << 20

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
	// No collection but the one that lets the chunks go: each would find them all live,
	// and the heap's growth would start one after another (eight at 1.5 GB), or, under a
	// memory limit (GOMEMLIMIT) smaller than n, every chunk past it would: the chunks are
	// never touched, and the limit is for memory that is.
	gcPercent, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(math.MaxInt64)
	chunks := make([][]byte, 0, (n+adviseChunk-1)/adviseChunk)
	for left := n; left > 0; left -= adviseChunk {
		chunks = append(chunks, make([]byte, min(left, adviseChunk)))
	}
	for _, r := range contiguous(chunks) {
		s, e := (r[0]+hugePage-1)&^(hugePage-1), r[1]&^(hugePage-1)
		if s >= e {
			continue
		}
		// By address: the range may span several chunks.
		if _, _, errno := unix.Syscall(unix.SYS_MADVISE, s, e-s, unix.MADV_HUGEPAGE); errno != 0 {
			continue
		}
		if e-s > end-start {
			start, end = s, e
		}
	}
	runtime.KeepAlive(chunks)
	runtime.GC() // their addresses are free for what comes next
	debug.SetMemoryLimit(limit)
	debug.SetGCPercent(gcPercent)
	return start, end
}

// contiguous is the address ranges, lowest first, that chunks cover, those that touch
// merged: Go lays allocations made one after another in fresh memory end to end, but
// memory used before, or a new reservation elsewhere, can break the run.
func contiguous(chunks [][]byte) [][2]uintptr {
	var rs [][2]uintptr
	for _, c := range chunks {
		p := uintptr(unsafe.Pointer(unsafe.SliceData(c)))
		rs = append(rs, [2]uintptr{p, p + uintptr(len(c))})
	}
	slices.SortFunc(rs, func(a, b [2]uintptr) int { return cmp.Compare(a[0], b[0]) })
	var out [][2]uintptr
	for _, r := range rs {
		if k := len(out) - 1; k >= 0 && out[k][1] == r[0] {
			out[k][1] = r[1]
			continue
		}
		out = append(out, r)
	}
	return out
}

// readSmall is the text of a small system file, "" when it cannot be read.
func readSmall(name string) string {
	b, _ := os.ReadFile(name)
	return string(b)
}
