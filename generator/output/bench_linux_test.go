//go:build linux

package output

import (
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkWriteDir writes a site of 5,000 pages (each its own folder, as pages are, and
// one search result file each, 10,000 files in all) into a new folder ("fresh"), again
// unchanged ("again"), and with every file changed ("changed", as after a theme edit), the
// fast way and the portable one. Besides wall time it reports the process's CPU time per
// write, user and system, which the load of other work on the machine disturbs far less:
//
//	go test ./generator/output -run X -bench WriteDir -benchmem
func BenchmarkWriteDir(b *testing.B) {
	page := strings.Repeat("<p>Some words of a page.</p>\n", 350) // ~10 KB, as a page is
	files := func(version int) map[string][]byte {
		m := map[string][]byte{"index.html": []byte(page)}
		for i := range 5000 {
			m[fmt.Sprintf("articles/page-%d/index.html", i)] = []byte(fmt.Sprintf("%s%d %d", page, i, version))
			m[fmt.Sprintf("search/r/%d.json", i)] = []byte(fmt.Sprintf(`{"title":"Page %d","v":%d}`, i, version))
		}
		return m
	}
	first, second := files(0), files(1)
	for _, w := range ways {
		for _, kind := range []string{"fresh", "again", "changed"} {
			b.Run(w.name+"/"+kind, func(b *testing.B) {
				w.setup(b)
				site := b.TempDir()
				out := filepath.Join(site, "out")
				if kind != "fresh" {
					if _, err := WriteDir(out, first, Options{Site: site}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportAllocs()
				b.ResetTimer()
				user, sys := cpuTimes()
				for i := range b.N {
					dir, fs := out, first
					switch kind {
					case "fresh":
						dir = filepath.Join(site, fmt.Sprint("out", i))
					case "changed":
						if i%2 == 0 {
							fs = second
						}
					}
					if _, err := WriteDir(dir, fs, Options{Site: site}); err != nil {
						b.Fatal(err)
					}
				}
				u, s := cpuTimes()
				b.ReportMetric(float64((u-user).Milliseconds())/float64(b.N), "user-ms/op")
				b.ReportMetric(float64((s-sys).Milliseconds())/float64(b.N), "sys-ms/op")
			})
		}
	}
}

// cpuTimes is the CPU time this process has used, in user space and in the kernel.
func cpuTimes() (user, sys time.Duration) {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}
