//go:build linux

package input

import (
	"io/fs"
	"syscall"
)

// readRegular reads the file at real, the real path of name that Lstat just found to be a
// regular file, on a bare descriptor: an *os.File also sets its descriptor non-blocking
// and offers it to the network poller, which refuses a file (three fcntl and a failing
// epoll_ctl for each of 10,000 pages), and os.ReadFile-style reading asks once more only to
// be told the file ended. It reads into buf when the file fits (ReadFileTo). ok is false when the file is no longer what Lstat saw (replaced
// by a link, a pipe or a device since): the caller then reads it the careful way, which
// names what it is.
func readRegular(name, real string, limit int64, buf []byte) (data []byte, ok bool, err error) {
	var fd int
	for {
		// O_NONBLOCK: a pipe put there since Lstat looked is not waited on; it makes no
		// difference to a file. O_NOFOLLOW: nor is a link put there followed.
		fd, err = syscall.Open(real, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOCTTY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, false, nil
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, false, nil
	}
	if st.Size > limit {
		return nil, true, tooLarge(name, limit)
	}
	data = room(buf, st.Size+1)
	for {
		n, err := syscall.Read(fd, data[len(data):cap(data)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, true, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		data = data[:len(data)+n]
		if n == 0 || int64(len(data)) == st.Size && len(data) < cap(data) {
			// The end, or fewer bytes than asked for and as many as fstat said: the end of
			// a regular file, without asking again to be told so.
			break
		}
		if len(data) == cap(data) {
			if int64(len(data)) > limit {
				break
			}
			data = append(data, 0)[:len(data)] // the file grew since fstat: make room
		}
	}
	if int64(len(data)) > limit {
		return nil, true, tooLarge(name, limit)
	}
	return data, true, nil
}
