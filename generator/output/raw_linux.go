//go:build linux

package output

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// openat2 is the system call the fast way stands on; tests replace it to act as a kernel
// without it (before Linux 5.6, or a container whose filter refuses it).
var openat2 = rawOpenat2

// The calls that make the output's files and folders (openat2, mkdirat, write, close) are
// made raw, without telling Go's scheduler: on ext4 each took 20-250 µs of the kernel's
// work on the page cache (making an inode, a folder's block), longer than the 20 µs after
// which Go's monitor hands the core of a goroutine in a system call to another thread.
// Tens of thousands of such hand-offs kept the monitor waking every 20 µs and threads
// parking and waking (a tenth of the system calls of a 10,000-page build were nanosleep
// and futex, and the monitor alone was 2-3% of its CPU time), for calls that use the core
// themselves rather than wait for a disk. Reading what is already in the output (same),
// which may wait for the disk, goes through the scheduler as usual.
//
// A goroutine in a raw call holds its core from every other goroutine, and from the
// collector's pauses, until the call returns: on a disk that makes calls wait (a USB stick,
// a network folder, writes held back while the kernel flushes, for 100 ms and more), that
// would stall the build. So the first raw call that takes longer than slowCall sends every
// later one through the scheduler, as any Go program's calls go. On this project's VM a
// 10,000-page build has a dozen calls of 1-5 ms even into memory (the thread's core taken
// by another thread for a while), and right after an output was removed, fifty of 10-36 ms
// (ext4 looking for a free inode): a limit below those would turn the raw calls off in
// every build.
var (
	slowCall   = 50 * time.Millisecond // tests set it to 0, or an hour
	slowOutput atomic.Bool
)

// noteSlow records a raw call that started at start and took longer than slowCall.
func noteSlow(start time.Time) {
	if time.Since(start) >= slowCall {
		slowOutput.Store(true)
	}
}

func rawOpenat2(dirfd int, name string, how *unix.OpenHow) (int, error) {
	if slowOutput.Load() {
		return unix.Openat2(dirfd, name, how)
	}
	p, err := unix.BytePtrFromString(name)
	if err != nil {
		return -1, err
	}
	start := time.Now()
	fd, _, e := unix.RawSyscall6(unix.SYS_OPENAT2, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(how)), unsafe.Sizeof(*how), 0, 0)
	noteSlow(start)
	runtime.KeepAlive(p)
	runtime.KeepAlive(how)
	if e != 0 {
		return -1, e
	}
	return int(fd), nil
}

func rawMkdirat(dirfd int, name string, mode uint32) error {
	if slowOutput.Load() {
		return unix.Mkdirat(dirfd, name, mode)
	}
	p, err := unix.BytePtrFromString(name)
	if err != nil {
		return err
	}
	start := time.Now()
	_, _, e := unix.RawSyscall(unix.SYS_MKDIRAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(mode))
	noteSlow(start)
	runtime.KeepAlive(p)
	if e != 0 {
		return e
	}
	return nil
}

func rawWrite(fd int, data []byte) (int, error) {
	if len(data) == 0 {
		return 0, nil
	}
	if slowOutput.Load() {
		return unix.Write(fd, data)
	}
	start := time.Now()
	n, _, e := unix.RawSyscall(unix.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(&data[0])), uintptr(len(data)))
	noteSlow(start)
	runtime.KeepAlive(data)
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

func rawClose(fd int) error {
	if slowOutput.Load() {
		return unix.Close(fd)
	}
	start := time.Now()
	_, _, e := unix.RawSyscall(unix.SYS_CLOSE, uintptr(fd), 0, 0)
	noteSlow(start)
	if e != 0 {
		return e
	}
	return nil
}

// beneath is how every name is resolved below a rawDir: never above it, and through no
// symbolic link at all (nor /proc's magic links), the last part included.
const beneath = unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS

// rawDir is a folder inside the output, opened once, under which each file costs one
// openat2 call, whatever its depth: the kernel resolves the whole name below the folder and
// refuses any symbolic link on the way. os.Root, the portable way, opens and closes every
// folder on the way, and an *os.File also sets its descriptor non-blocking and offers it to
// the network poller: on a 10,000-page build that was 97,000 openat, 125,000 fcntl and
// 31,000 failing epoll_ctl calls for 21,000 files, a third of the build's CPU time. Here a
// staged file is one openat2, its writes and one close.
//
// Descriptors are bare ints, so closing one while another goroutine uses it could let the
// number be reused by an unrelated file in between: mu is held for reading by every use and
// for writing by close.
type rawDir struct {
	mu sync.RWMutex
	fd int // -1 once closed

	pmu     sync.Mutex
	parents map[string]int // folders below fd, opened to make folders in (see mkdir)
}

// maxParents bounds the folders a rawDir keeps open: a site has few folders with many
// folders in them (a section's pages), and those are the ones kept.
const maxParents = 64

// openRaw opens the folder name inside r as a rawDir, or returns nil when this system
// cannot (no openat2): the caller then goes through r.
func openRaw(r *os.Root, name string) *rawDir {
	f, err := r.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	sc, err := f.SyscallConn()
	if err != nil {
		return nil
	}
	fd := -1
	if cerr := sc.Control(func(p uintptr) {
		fd, err = unix.FcntlInt(p, unix.F_DUPFD_CLOEXEC, 0)
	}); cerr != nil || err != nil {
		return nil
	}
	// The first call says whether the kernel has openat2 (and lets us use it).
	p, err := retry(func() (int, error) {
		return openat2(fd, ".", &unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: beneath})
	})
	if err != nil {
		unix.Close(fd)
		return nil
	}
	unix.Close(p)
	return &rawDir{fd: fd}
}

// retry calls open again when it was interrupted, or when the kernel could not be sure a
// concurrent rename did not move the name out from below the folder (EAGAIN): both are
// transient.
func retry(open func() (int, error)) (int, error) {
	for i := 0; ; i++ {
		fd, err := open()
		if (err == unix.EINTR || err == unix.EAGAIN) && i < 100 {
			continue
		}
		return fd, err
	}
}

var errRawClosed = errors.New("output: staging folder already closed")

// writeFile makes the file name, which must not exist, below r and writes data into it.
// O_EXCL makes a file planted at the name (a hard link to a file elsewhere) an error
// rather than a file overwritten.
func (r *rawDir) writeFile(name string, data []byte) error {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.fd < 0 {
		return errRawClosed
	}
	fd, err := retry(func() (int, error) {
		return openat2(r.fd, name, &unix.OpenHow{
			Flags:   unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_NOFOLLOW | unix.O_CLOEXEC,
			Mode:    0o644,
			Resolve: beneath,
		})
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := rawWrite(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			rawClose(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := rawClose(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// mkdir makes the folder name below r, its parent made already. A name that exists is no
// error: what it is counts when a file is made in it, and a link there is refused then.
func (r *rawDir) mkdir(name string) error {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.fd < 0 {
		return errRawClosed
	}
	in, base := r.fd, name
	if dir := path.Dir(name); dir != "." {
		base = path.Base(name)
		fd, kept, err := r.parent(dir)
		if err != nil {
			return &fs.PathError{Op: "mkdir", Path: name, Err: err}
		}
		if !kept {
			defer unix.Close(fd)
		}
		in = fd
	}
	for {
		err := rawMkdirat(in, base, 0o755)
		switch err {
		case nil, unix.EEXIST:
			return nil
		case unix.EINTR:
			continue
		}
		return &fs.PathError{Op: "mkdir", Path: name, Err: err}
	}
}

// parent opens the folder dir below r, through no link, for making folders in; kept says
// the descriptor stays open for the next folder made in dir (closed with r), else the
// caller closes it. Called with r.mu held for reading.
func (r *rawDir) parent(dir string) (fd int, kept bool, err error) {
	r.pmu.Lock()
	defer r.pmu.Unlock()
	if fd, ok := r.parents[dir]; ok {
		return fd, true, nil
	}
	fd, err = retry(func() (int, error) {
		return openat2(r.fd, dir, &unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: beneath})
	})
	if err != nil {
		return -1, false, err
	}
	if len(r.parents) >= maxParents {
		return fd, false, nil
	}
	if r.parents == nil {
		r.parents = map[string]int{}
	}
	r.parents[dir] = fd
	return fd, true, nil
}

// errNoSwap is swap's error where the filesystem cannot swap two files in one step.
var errNoSwap = errors.New("output: this filesystem cannot swap two files")

// swap exchanges the file name below r with the file number in src, in one step
// (RENAME_EXCHANGE): each is then where the other was, so that a file is replaced and the
// old one kept for an undo (another swap) by one rename instead of two, and at no moment is
// there no file at name.
func (r *rawDir) swap(name string, src *rawDir, number string) error {
	r.mu.RLock()
	defer r.mu.RUnlock()
	src.mu.RLock()
	defer src.mu.RUnlock()
	if r.fd < 0 || src.fd < 0 {
		return errRawClosed
	}
	in, base := r.fd, name
	if dir := path.Dir(name); dir != "." {
		fd, kept, err := r.parent(dir)
		if err != nil {
			return &fs.PathError{Op: "rename", Path: name, Err: err}
		}
		if !kept {
			defer unix.Close(fd)
		}
		in, base = fd, path.Base(name)
	}
	for {
		err := unix.Renameat2(src.fd, number, in, base, unix.RENAME_EXCHANGE)
		switch err {
		case nil:
			return nil
		case unix.EINTR:
			continue
		case unix.EINVAL, unix.ENOSYS, unix.EOPNOTSUPP:
			return errNoSwap
		}
		return &fs.PathError{Op: "rename", Path: name, Err: err}
	}
}

// same reports whether the file name below r is a regular file holding exactly data,
// reading it into buf (of at least len(data)+1 bytes: a file that grew since its size was
// looked at is not the same).
func (r *rawDir) same(name string, data, buf []byte) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.fd < 0 {
		return false
	}
	// O_NONBLOCK: something that is not a file (a pipe) put there since Plan looked is not
	// waited on; it makes no difference to a file.
	fd, err := retry(func() (int, error) {
		// Through the scheduler: the file may have to come from the disk.
		return unix.Openat2(r.fd, name, &unix.OpenHow{Flags: unix.O_RDONLY | unix.O_NOFOLLOW | unix.O_NONBLOCK | unix.O_CLOEXEC, Resolve: beneath})
	})
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size != int64(len(data)) {
		return false
	}
	buf = buf[:len(data)+1]
	n := 0
	for n < len(buf) {
		m, err := unix.Read(fd, buf[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return false
		}
		if m == 0 {
			break
		}
		n += m
		if n == len(data) {
			// One byte fewer than asked for, as many as fstat said: the end of a regular
			// file. Asking again only to be told 0 was a third of an unchanged build's reads.
			break
		}
	}
	return n == len(data) && string(buf[:n]) == string(data)
}

// lstat says what stands at name below r, without following a link there. The folders on
// the way are followed as they are: callers use nothing found below a folder they have not
// found to be a plain one.
func (r *rawDir) lstat(name string) (fs.FileMode, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.fd < 0 {
		return 0, errRawClosed
	}
	var st unix.Stat_t
	for {
		err := unix.Fstatat(r.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, &fs.PathError{Op: "lstat", Path: name, Err: err}
		}
		break
	}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG:
		return 0, nil
	case unix.S_IFDIR:
		return fs.ModeDir, nil
	case unix.S_IFLNK:
		return fs.ModeSymlink, nil
	case unix.S_IFIFO:
		return fs.ModeNamedPipe, nil
	case unix.S_IFSOCK:
		return fs.ModeSocket, nil
	case unix.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice, nil
	case unix.S_IFBLK:
		return fs.ModeDevice, nil
	}
	return fs.ModeIrregular, nil
}

// close closes r once every use of it has returned.
func (r *rawDir) close() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fd < 0 {
		return
	}
	for _, fd := range r.parents {
		unix.Close(fd)
	}
	r.parents = nil
	unix.Close(r.fd)
	r.fd = -1
}
