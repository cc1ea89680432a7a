package input

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkReadFile reads 2,000 pages of 10 KB through Site (the fast way on Linux) and
// through os.DirFS (the portable way), reporting the CPU time per read of them all, user and
// system, which other work on the machine disturbs less than wall time:
//
//	go test ./generator/input -run X -bench ReadFile -benchmem
func BenchmarkReadFile(b *testing.B) {
	dir := b.TempDir()
	page := strings.Repeat("Some words of a page, as a coach writes them.\n", 220)
	var names []string
	for i := range 2000 {
		name := fmt.Sprintf("content/articles/page-%d.md", i)
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(page), 0o644); err != nil {
			b.Fatal(err)
		}
		names = append(names, name)
	}
	for _, way := range []struct {
		name string
		fsys fs.FS
	}{{"Site", Site(dir)}, {"DirFS", os.DirFS(dir)}} {
		b.Run(way.name, func(b *testing.B) {
			// Listed first, as a build lists content/ before it reads each page.
			if _, err := fs.ReadDir(way.fsys, "content/articles"); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			user, sys := cpuTimes()
			for range b.N {
				for _, n := range names {
					if _, err := ReadFile(way.fsys, n, ContentLimit); err != nil {
						b.Fatal(err)
					}
				}
			}
			u, s := cpuTimes()
			b.ReportMetric(float64((u-user).Microseconds())/1000/float64(b.N), "user-ms/op")
			b.ReportMetric(float64((s-sys).Microseconds())/1000/float64(b.N), "sys-ms/op")
		})
	}
}

// cpuTimes is the CPU time this process has used, in user space and in the kernel.
func cpuTimes() (user, sys time.Duration) {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}
