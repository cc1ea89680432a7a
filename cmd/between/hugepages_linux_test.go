package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The heap a build advises is marked for large pages by the system: the "hg" flag of its
// mapping in /proc/self/smaps.
func TestAdviseHugePages(t *testing.T) {
	start, end := advise(64 << 20)
	if start == 0 {
		t.Skip("this system gives large pages to every process or none (transparent_hugepage is not \"madvise\"), promises no memory ahead (vm.overcommit_memory 2), or limits the address space (ulimit -v)")
	}
	if end-start < hugePage || start%hugePage != 0 || end%hugePage != 0 {
		t.Fatalf("advised %#x–%#x: not whole 2 MB pages", start, end)
	}
	flags, err := vmFlags(start)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the mapping at %#x has the flags %q, without hg", start, flags)
	}
}

// vmFlags is the VmFlags line of the mapping of /proc/self/smaps that holds addr.
func vmFlags(addr uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if !strings.HasSuffix(fields[0], ":") { // "lo-hi perms offset dev inode [name]"
			var lo, hi uintptr
			if _, err := fmt.Sscanf(fields[0], "%x-%x", &lo, &hi); err != nil {
				return "", fmt.Errorf("smaps: %q: %v", line, err)
			}
			in = lo <= addr && addr < hi
			continue
		}
		if in && fields[0] == "VmFlags:" {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:")), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("no mapping holds %#x", addr)
}

// TestBuildUnderAddressLimit: a build run with a limit on its address space (ulimit -v)
// that a build without large pages stays under does not fail for asking for them: it
// does not ask.
func TestBuildUnderAddressLimit(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to set the limit with")
	}
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"config.toml":           "baseURL = \"https://example.org/\"\ntitle = \"Limited\"\n",
		"content/_index.md":     page("title = \"Home\"\n", "Hello.\n"),
		"content/articles/a.md": page("title = \"A\"\n", "Text *with* **emphasis**.\n"),
	})
	out := filepath.Join(t.TempDir(), "out")
	// 2.2 GB: more than a build of a few pages takes, less than the heap advised without a
	// limit (1.5 GB) with what Go reserves besides.
	cmd := exec.Command("sh", "-c", `ulimit -v 2200000 && exec "$0" "$@"`, os.Args[0], "build", "-s", site, "-d", out)
	cmd.Env = append(os.Environ(), "BETWEEN_RUN_MAIN=1")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("between build under ulimit -v: %v\n%.2000s", err, b)
	}
	if _, err := os.Stat(filepath.Join(out, "articles/a/index.html")); err != nil {
		t.Error(err)
	}
}

// TestAdviseAfterFree: advising does not touch the heap it advises, even when memory the
// process used and let go lies where the allocation begins. Go zeroes an allocation that
// begins in memory used before, all of it: one allocation of the whole size made a
// build's resident memory 1.5 GB (GOGC=50, where a collection before the build's start
// had freed the top of the heap). Run in a process of its own, so that the heap is the
// one this test makes.
func TestAdviseAfterFree(t *testing.T) {
	if !inOwnProcess(t) {
		return
	}
	const used, size = 8 << 20, 256 << 20
	b := make([]byte, used)
	for i := range b {
		b[i] = 1
	}
	b = nil
	runtime.GC()
	runtime.GC()
	start, end := advise(size)
	if start == 0 {
		t.Skip("no large pages to advise on this system")
	}
	resident, err := residentBytes(start, end)
	if err != nil {
		t.Fatal(err)
	}
	// What was used before (8 MB) may be cleared again, and one piece of the allocation
	// besides: not the whole of it.
	if resident > used+adviseChunk+hugePage {
		t.Errorf("after advising %d MB, %d MB of it is resident", (end-start)>>20, resident>>20)
	}
}

// TestAdviseUnderMemoryLimit: under a soft memory limit (GOMEMLIMIT) smaller than the
// heap advised, making the chunks does not start a collection for each: they are never
// touched, and the limit is for what is.
func TestAdviseUnderMemoryLimit(t *testing.T) {
	if !inOwnProcess(t) {
		return
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(32 << 20))
	before := gcCycles()
	if start, _ := advise(256 << 20); start == 0 {
		t.Skip("no large pages to advise on this system")
	}
	// The one that lets the chunks go, and one besides for the runtime's own reasons.
	if n := gcCycles() - before; n > 2 {
		t.Errorf("advising 256 MB under a 32 MB limit took %d collections", n)
	}
}

func gcCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// inOwnProcess reports whether the test runs in a process of its own, with a heap that is
// the test's alone; when not, it runs the test so and reports its result.
func inOwnProcess(t *testing.T) bool {
	t.Helper()
	if os.Getenv("BETWEEN_TEST_OWN_PROCESS") == t.Name() {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Env = append(os.Environ(), "BETWEEN_TEST_OWN_PROCESS="+t.Name())
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if strings.Contains(string(b), "--- SKIP") {
		t.Skipf("%s", b)
	}
	return false
}

// residentBytes is how much of the memory from start to end is resident (mincore).
func residentBytes(start, end uintptr) (int, error) {
	page := uintptr(os.Getpagesize())
	vec := make([]byte, (end-start+page-1)/page)
	if _, _, errno := unix.Syscall(unix.SYS_MINCORE, start, end-start, uintptr(unsafe.Pointer(unsafe.SliceData(vec)))); errno != 0 {
		return 0, errno
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n * int(page), nil
}
