// Package input reads a site's own files (content, static, layouts, words, config) the one
// safe way: only regular files, and never more than a limit.
//
// A named pipe in content/ would block a build for ever on open, a link to /dev/zero in
// static/ would read until memory runs out, and a 2 GB file would do the same more slowly.
// Every reader of a coach's files goes through ReadFile, so that each of these is a clear
// error naming the file instead.
package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// Limits for each kind of file. They are generous: a long article is 100 KB of Markdown, a
// theme's largest layout a few KB, a static PDF or audio file some MB. They are there to stop
// a mistake (a video saved as .md, a link to a device) before it takes all memory.
const (
	ContentLimit = 20 << 20  // a content file (Markdown)
	StaticLimit  = 256 << 20 // one static file: images, PDFs, audio
	// StaticTotalLimit is all static files together: the build holds them in memory.
	StaticTotalLimit = 2 << 30
	TemplateLimit    = 4 << 20   // a layout or partial
	ConfigLimit      = 256 << 10 // config.toml, an i18n file (the TOML decoder slows on more)
)

// ErrNotRegular is the error (via errors.Is) for a file that is a pipe, a device, a socket or
// a folder where a file was expected.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is the error (via errors.Is) for a file over its limit.
var ErrTooLarge = errors.New("file too large")

// Error is a file that could not be read, with a message a coach can act on.
type Error struct {
	Name string // the file as the caller named it
	Msg  string
	err  error
}

func (e *Error) Error() string { return e.Name + ": " + e.Msg }
func (e *Error) Unwrap() error { return e.err }

// ReadFile reads the file name in fsys when it is a regular file (or a link to one) of at
// most limit bytes. Links are followed, as fs.Stat follows them; what they lead to must be a
// regular file (and inside the site, when fsys is a Site). Reading stops after limit+1
// bytes whatever the file claims its size is.
func ReadFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	return ReadFileTo(fsys, name, limit, nil)
}

// ReadFileTo is ReadFile reading into buf when the file fits in its capacity, and into new
// memory otherwise: a build that is done with one page's file before it reads the next
// reads them all into a few buffers, rather than touching as much fresh memory as the
// library holds (on a VM, page faults and zeroing cost about 1.5 CPU-seconds a GB). The
// data returned starts at buf's first byte when it is there; the caller must not use buf
// for anything else while it uses the data.
func ReadFileTo(fsys fs.FS, name string, limit int64, buf []byte) ([]byte, error) {
	if s, ok := fsys.(*siteFS); ok {
		if real, ok := s.known(name); ok {
			if data, ok, err := readRegular(name, real, limit, buf); ok {
				return data, err
			}
		}
		// Checked once for the Stat and the Open below.
		real, fi, err := s.checkReal("open", name)
		if err != nil {
			return nil, err
		}
		if fi != nil && fi.Mode().IsRegular() {
			if fi.Size() > limit {
				return nil, tooLarge(name, limit)
			}
			if data, ok, err := readRegular(name, real, limit, buf); ok {
				return data, err
			}
		}
		fsys = s.dir
	}
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	// Checked before opening: opening a named pipe for reading waits for a writer.
	if err := check(name, fi, limit); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may have been replaced between the two looks; the open one is what counts.
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := check(name, fi, limit); err != nil {
		return nil, err
	}
	// Read into a buffer of the file's size (and one byte to see a file that grew): growing
	// one from 512 bytes, as io.ReadAll does, was a tenth of a build's time.
	size := fi.Size()
	if limit >= 0 && size > limit {
		size = limit
	}
	data := room(buf, size+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			if limit >= 0 && int64(len(data)) > limit {
				break
			}
			data = append(data, 0)[:len(data)] // the file grew since Stat: make room
		}
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(name, limit)
	}
	return data, nil
}

// room is buf emptied when it holds n bytes, and else new memory for n: a little more, so
// that a buffer used again and again soon fits every file.
func room(buf []byte, n int64) []byte {
	if int64(cap(buf)) >= n {
		return buf[:0]
	}
	if buf != nil {
		n += n / 4
	}
	return make([]byte, 0, n)
}

func check(name string, fi fs.FileInfo, limit int64) error {
	if !fi.Mode().IsRegular() {
		return &Error{Name: name, err: ErrNotRegular,
			Msg: fmt.Sprintf("not a regular file (it is %s); Between reads only ordinary files: skip it or remove it", kind(fi.Mode()))}
	}
	if fi.Size() > limit {
		return tooLarge(name, limit)
	}
	return nil
}

func tooLarge(name string, limit int64) error {
	return &Error{Name: name, err: ErrTooLarge,
		Msg: fmt.Sprintf("this file is larger than %s, the most Between reads for such a file; split it, make it smaller, or remove it", Size(limit))}
}

// Size writes a byte count as a coach would say it: "20 MB".
func Size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a link"
	case m&fs.ModeIrregular != 0:
		return "a special file"
	}
	return "not a plain file"
}

// Problem turns an error from ReadFile into the message a build reports for the file:
// the coach's words for ReadFile's own errors, and what the system said for the rest (a
// loop of links, a file without permission to read it).
func Problem(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Msg
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Sprintf("cannot read this file (%v); fix or remove it", err)
}
