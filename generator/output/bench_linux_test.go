//go:build linux

package output

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sys/unix"
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

// BenchmarkCreateFloor makes, in a new folder, what a build of the 10,000-page library
// writes: 10,700 folders holding one 21 KB page each and 3,000 small files in two folders,
// 13,700 files and 226 MB in all. "syscalls" is the least it can cost: mkdirat, openat,
// write and close, on every core, nothing checked; "Dir" is the same files through Open,
// Plan, Write and Commit, as a build writes them. Their CPU times per op (user and system)
// are what to compare; the kernel's share of the first is the floor a build stands on.
//
//	go test ./generator/output -run X -bench CreateFloor -benchtime 3x
func BenchmarkCreateFloor(b *testing.B) {
	page := []byte(strings.Repeat("<p>Some words of a page, as a page has them.</p>\n", 430)) // 21 KB
	small := []byte(`{"title":"A page","url":"/articles/page/"}`)
	var dirs, names []string
	data := map[string][]byte{}
	for i := range 10700 {
		dir := fmt.Sprintf("articles/page-%05d", i)
		dirs = append(dirs, dir)
		names = append(names, dir+"/index.html")
		data[dir+"/index.html"] = page
	}
	for i := range 3000 {
		name := fmt.Sprintf("search/data/%d.json", i)
		names = append(names, name)
		data[name] = small
	}
	for _, kind := range []string{"syscalls", "Dir"} {
		b.Run(kind, func(b *testing.B) {
			site := b.TempDir()
			b.ReportAllocs()
			b.ResetTimer()
			user, sys := cpuTimes()
			for i := range b.N {
				out := filepath.Join(site, fmt.Sprint("out", i))
				if kind == "Dir" {
					if _, err := WriteDir(out, data, Options{Site: site}); err != nil {
						b.Fatal(err)
					}
					continue
				}
				if err := createPlain(out, dirs, names, data); err != nil {
					b.Fatal(err)
				}
			}
			u, s := cpuTimes()
			b.ReportMetric(float64((u-user).Milliseconds())/float64(b.N), "user-ms/op")
			b.ReportMetric(float64((s-sys).Milliseconds())/float64(b.N), "sys-ms/op")
			b.ReportMetric(float64(len(names)), "files/op")
		})
	}
}

// createPlain makes out, its folders and files with one system call each (and the writes),
// on every core.
func createPlain(out string, dirs, names []string, data map[string][]byte) error {
	for _, d := range []string{"", "articles", "search", "search/data"} {
		if err := syscall.Mkdir(filepath.Join(out, d), 0o755); err != nil {
			return err
		}
	}
	root, err := syscall.Open(out, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer syscall.Close(root)
	var next atomic.Int64
	var g errgroup.Group
	for range runtime.GOMAXPROCS(0) {
		g.Go(func() error {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(names) {
					return nil
				}
				if i < len(dirs) {
					if err := unix.Mkdirat(root, dirs[i], 0o755); err != nil {
						return err
					}
				}
				fd, err := unix.Openat(root, names[i], unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
				if err != nil {
					return err
				}
				_, err = unix.Write(fd, data[names[i]])
				unix.Close(fd)
				if err != nil {
					return err
				}
			}
		})
	}
	return g.Wait()
}
