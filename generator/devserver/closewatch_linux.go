package devserver

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"unsafe"
)

// closeWatch asks the kernel for the one signal that says a save is over: a file closed
// after being written (IN_CLOSE_WRITE), or moved into a watched folder whole (IN_MOVED_TO,
// the last step of a save by rename). fsnotify keeps these events to itself (v1.10 has them
// unexported), so this is a second inotify instance on the same folders. It only makes the
// batcher faster: every change is still reported by fsnotify's events, so a folder it failed
// to watch loses nothing but the early end of a save's window.
type closeWatch struct {
	f      *os.File
	fd     int
	mu     sync.Mutex
	closed bool
	dirs   map[int32]string // watch descriptor → folder
	out    chan string      // paths of the files saved
	done   chan struct{}    // closed by close: nobody receives from out any more
}

// newCloseWatch starts watching for ends of saves, or returns nil where the kernel gives no
// such watch; a nil closeWatch watches nothing.
func newCloseWatch() *closeWatch {
	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC | syscall.IN_NONBLOCK)
	if err != nil {
		return nil
	}
	// A non-blocking descriptor is read through the runtime's poller, so Close ends a Read.
	c := &closeWatch{f: os.NewFile(uintptr(fd), "inotify"), fd: fd, dirs: map[int32]string{}, out: make(chan string, 256), done: make(chan struct{})}
	go c.run()
	return c
}

// events is where the saved files' paths come, nil for a nil closeWatch (a channel nobody
// ever receives from).
func (c *closeWatch) events() <-chan string {
	if c == nil {
		return nil
	}
	return c.out
}

// add watches the folder dir; a failure (the user's inotify watch limit) is not reported:
// fsnotify's own watch of the folder is what counts.
func (c *closeWatch) add(dir string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	wd, err := syscall.InotifyAddWatch(c.fd, dir, syscall.IN_CLOSE_WRITE|syscall.IN_MOVED_TO|syscall.IN_ONLYDIR)
	if err == nil {
		c.dirs[int32(wd)] = dir
	}
}

func (c *closeWatch) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	if !c.closed {
		c.closed = true
		close(c.done)
	}
	c.mu.Unlock()
	c.f.Close()
}

func (c *closeWatch) run() {
	buf := make([]byte, 64<<10)
	for {
		n, err := c.f.Read(buf)
		if err != nil {
			return // closed
		}
		for off := 0; off+syscall.SizeofInotifyEvent <= n; {
			ev := (*syscall.InotifyEvent)(unsafe.Pointer(&buf[off]))
			name := buf[off+syscall.SizeofInotifyEvent : off+syscall.SizeofInotifyEvent+int(ev.Len)]
			off += syscall.SizeofInotifyEvent + int(ev.Len)
			c.mu.Lock()
			dir, ok := c.dirs[ev.Wd]
			if ev.Mask&syscall.IN_IGNORED != 0 {
				delete(c.dirs, ev.Wd) // the folder is gone, and its watch with it
			}
			c.mu.Unlock()
			if !ok || len(name) == 0 || ev.Mask&(syscall.IN_CLOSE_WRITE|syscall.IN_MOVED_TO) == 0 || ev.Mask&syscall.IN_ISDIR != 0 {
				continue
			}
			select {
			case c.out <- filepath.Join(dir, string(bytes.TrimRight(name, "\x00"))):
			case <-c.done:
				return
			}
		}
	}
}
