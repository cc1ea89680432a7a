package markdown

import (
	"bytes"
	"errors"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/klauspost/compress/s2"

	"github.com/between-ssg/between/internal/region"
)

// Body is a page's converted HTML, kept compressed, or as it is in a Budget or a Spill
// (Options). Every page's HTML is made before the
// first page is rendered (lists, the search index and booklets need all pages), and held
// as it is it was most of a large library's memory: 900 MB at 100,000 pages. HTML
// compresses to a third or less, and each page is read back once or twice per build, for
// its own page, the search index and a booklet, which costs far less than converting its
// Markdown again. A library small enough to fit a Budget keeps it as it is instead
// (NewBodyWithin). A Body always gives the same HTML; one made by Later makes it the first
// time it is read.
type Body struct {
	at atomic.Pointer[kept]
}

// kept is how a Body holds its HTML: in z, html or spill, or still to be made (later). It
// is never changed once made: a Body made Later points to another one once it is made.
type kept struct {
	z    []byte // s2 block; nil when it is in a Spill or held as it is
	html []byte // the HTML itself, when a Budget held it (then z is nil)
	n    int    // length of the HTML

	spill *Spill // where z is when it is not in memory (Spill.Keep)
	off   int64  // z's place in spill's file
	zn    int    // z's length there
	plain bool   // spill holds the HTML itself there, not z (Spill.Write)
	held  bool   // off is in spill's memory, not its file (Spill.Hold)

	later *later
}

func newBody(k *kept) *Body {
	b := new(Body)
	b.at.Store(k)
	return b
}

// later is a Body's HTML still to be made.
type later struct {
	once   sync.Once
	make   func() *Body
	failed any // what make panicked with
}

// Later returns a Body whose HTML make makes the first time it is read, once, whoever
// reads it first; readers at the same time wait for it. A preview converts every page's
// Markdown before it serves, for what lists, paths and link checks need of it, but makes
// the HTML, a fifth of converting, after (build.Options.Lazy). When make panics, so does
// every read of the Body.
func Later(make func() *Body) *Body {
	return newBody(&kept{later: &later{make: make}})
}

// load returns how b holds its HTML, made first if it is made Later.
func (b *Body) load() *kept {
	k := b.at.Load()
	l := k.later
	if l == nil {
		return k
	}
	l.once.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				l.failed = r
				panic(r)
			}
		}()
		made := &kept{}
		if m := l.make(); m != nil {
			made = m.load()
		}
		b.at.Store(made)
		l.make = nil // what it held (the page's Markdown) goes
	})
	if k := b.at.Load(); k.later == nil {
		return k
	}
	panic(l.failed)
}

// Make makes the HTML of a Body made Later, if nobody has yet.
func (b *Body) Make() {
	if b != nil {
		b.load()
	}
}

// NewBody keeps a copy of html, compressed.
func NewBody(html []byte) *Body {
	if len(html) == 0 {
		return nil
	}
	scratch := scratches.Get().(*[]byte)
	defer scratches.Put(scratch)
	if n := s2.MaxEncodedLen(len(html)); cap(*scratch) < n {
		*scratch = make([]byte, n)
	}
	// Encoded into scratch, then copied at exactly its size: what is kept is the
	// compressed size, not the bound on it.
	return newBody(&kept{z: bytes.Clone(s2.Encode((*scratch)[:cap(*scratch)], html)), n: len(html)})
}

// NewBodyWithin keeps a copy of html as it is when budget has room for it, and else
// compressed, as NewBody. Compressing and decompressing every page, and writing it to a
// Spill and reading it back, was a tenth of the CPU time of a build of 10,000 pages, whose
// HTML (130 MB) fits in memory with the rest of that build many times over.
func NewBodyWithin(html []byte, budget *Budget) *Body {
	if len(html) == 0 {
		return nil
	}
	if !budget.Take(len(html)) {
		return NewBody(html)
	}
	return newBody(&kept{html: bytes.Clone(html), n: len(html)})
}

var scratches = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// String returns the HTML. Each call decompresses it into new memory, which the caller
// may keep (the model page's Content does not).
func (b *Body) String() string {
	if b == nil {
		return ""
	}
	return b.load().string()
}

func (b *kept) string() string {
	if b.n == 0 {
		return ""
	}
	if b.html != nil {
		// Never changed once made: the string can share it.
		return unsafe.String(unsafe.SliceData(b.html), len(b.html))
	}
	if b.plain {
		out := b.readPlain(make([]byte, b.n))
		return unsafe.String(unsafe.SliceData(out), len(out))
	}
	z, scratch := b.compressed()
	out, err := s2.Decode(make([]byte, b.n), z)
	putScratch(scratch)
	if err != nil {
		panic("markdown: a page's kept HTML does not decompress: " + err.Error()) // only NewBody makes z
	}
	// out is new memory that nothing else holds or changes: it can be the string itself.
	return unsafe.String(unsafe.SliceData(out), len(out))
}

// AppendTo appends the HTML to dst and returns the result: for a reader that needs it only
// for a moment (the search index), page after page, without new memory for each.
func (b *Body) AppendTo(dst []byte) []byte {
	if b == nil {
		return dst
	}
	return b.load().appendTo(dst)
}

func (b *kept) appendTo(dst []byte) []byte {
	if b.n == 0 {
		return dst
	}
	if b.html != nil {
		return append(dst, b.html...)
	}
	n := len(dst)
	dst = slices.Grow(dst, b.n)[:n+b.n]
	if b.plain {
		b.readPlain(dst[n:])
		return dst
	}
	z, scratch := b.compressed()
	out, err := s2.Decode(dst[n:], z)
	putScratch(scratch)
	if err != nil {
		panic("markdown: a page's kept HTML does not decompress: " + err.Error()) // only NewBody makes z
	}
	if len(out) != b.n || &out[0] != &dst[n] {
		panic("markdown: a page's kept HTML decompressed elsewhere")
	}
	return dst
}

// Packed reports whether the HTML is not held in memory as it is: compressed, or in a
// Spill; false for an empty Body and one held as it is.
func (b *Body) Packed() bool {
	if b == nil {
		return false
	}
	k := b.load()
	return k.n > 0 && k.html == nil
}

// Len is the length of the HTML in bytes.
func (b *Body) Len() int {
	if b == nil {
		return 0
	}
	return b.load().n
}

// Equal reports whether a and b hold the same HTML. The encoding is deterministic, so the
// compressed bytes are compared without decompressing either.
func (a *Body) Equal(b *Body) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return a.Len() == 0 && b.Len() == 0
	}
	return a.load().equal(b.load())
}

func (a *kept) equal(b *kept) bool {
	if a.n != b.n {
		return false
	}
	if a.html != nil || b.html != nil || a.plain || b.plain {
		return a.string() == b.string()
	}
	za, sa := a.compressed()
	zb, sb := b.compressed()
	same := bytes.Equal(za, zb)
	putScratch(sa)
	putScratch(sb)
	return same
}

// compressed returns the s2 block of b: z itself, or read back from b's Spill into a
// pooled scratch buffer, which the caller gives back with putScratch once done with it.
func (b *kept) compressed() ([]byte, *[]byte) {
	if b.spill == nil {
		return b.z, nil
	}
	scratch := scratches.Get().(*[]byte)
	if cap(*scratch) < b.zn {
		*scratch = make([]byte, b.zn)
	}
	z := (*scratch)[:b.zn]
	if err := b.spill.readAt(z, b.off); err != nil {
		// The file is ours alone, open, and was written in full: only a failing disk
		// gets here, and the build's workers report a panic with the page's name.
		panic("markdown: a page's kept HTML cannot be read back: " + err.Error())
	}
	return z, scratch
}

// FileOffset returns where b's HTML is in its Spill's file, for a reader that takes many
// Bodies and may take them in any order (the render): read in the file's order, they are
// read a window at a time (Spill.readPlain). ok is false when it is not there (in memory,
// compressed, or not made yet).
func (b *Body) FileOffset() (off int64, ok bool) {
	if b == nil {
		return 0, false
	}
	k := b.at.Load()
	if k.later != nil || !k.plain || k.held {
		return 0, false
	}
	return k.off, true
}

// readPlain reads the HTML that b's Spill holds as it is into dst, of b.n bytes.
func (b *kept) readPlain(dst []byte) []byte {
	if b.held {
		return b.spill.readHeld(dst, b.off)
	}
	if err := b.spill.readPlain(dst, b.off); err != nil {
		panic("markdown: a page's kept HTML cannot be read back: " + err.Error()) // as in compressed
	}
	return dst
}

// BodyReader reads Bodies' HTML one after another, for a reader that needs each only while
// it reads it (the search index). A Body in a Spill's file is read, as AppendTo reads it, with
// one system call; at 100,000 pages, where every page is in the file, the index's 100,000
// reads of 9-12 KB were 0.5 CPU-seconds (perf, 250 samples at 499 Hz), half of it entering
// and leaving the system. The index takes pages in nearly the order they were written (by
// kind and URL, against file names), so a BodyReader reads the file in windows, of up to
// bodyWindow bytes, while each Body starts where the one before ended or just after, and a
// Body out of that order alone, as AppendTo does: a random order costs what it did. Its
// zero value is ready; it is for one goroutine at a time.
type BodyReader struct {
	spill *Spill // whose file win holds, from off; nil before the first Body in a file
	win   []byte
	off   int64
	last  int64  // where the Body read last from the file ends
	ahead int    // how many bytes past its Body the next window takes
	other []byte // the last Body's HTML when it was not in the window

	alone bool  // read every Body alone, as AppendTo does (tests)
	reads int   // reads of the file (tests)
	read  int64 // bytes read from the file (tests)
}

// bodyWindow is the most a BodyReader reads of a Spill's file at once: about a hundred
// pages, a system call for those where there was one for each; more would save little,
// and is memory each reader holds.
const bodyWindow = 1 << 20

// bodyGap is how far after the Body before a Body may start and still be the next one: the
// index's pages follow each other in the file but for those another reader took, and a
// page or two its order puts elsewhere. At 100,000 pages (0.88 GB), the index read the file
// 1,781 times, 0.90 GB in all; with a gap of 64 KB, a window was more often left with pages
// not read yet (by a replay of the index's order, 9% more bytes read than 16 KB's 2%).
const bodyGap = 16 << 10

// HTML returns b's HTML, valid until the next call: the caller must neither change it nor
// keep it.
func (r *BodyReader) HTML(b *Body) []byte {
	if b == nil {
		return nil
	}
	k := b.load()
	if k.html != nil {
		return k.html
	}
	if k.plain && !k.held {
		if html := r.fromFile(k); html != nil {
			return html
		}
	}
	r.other = k.appendTo(r.other[:0])
	return r.other
}

// fromFile returns the HTML of b, held as it is in its Spill's file: from r's window; or,
// when b follows the Body read before, from a new window read from it on; or read alone,
// leaving the window as it is, so that the next Bodies may come back to it: at 100,000
// pages, one page in 35 of the index's order is far from the pages around it in the file
// (its URL sorts elsewhere than its file's name). nil when b is not in the file yet
// (pending) or never will be (kept in memory: the file could not take it).
func (r *BodyReader) fromFile(b *kept) []byte {
	start, end := b.off, b.off+int64(b.n)
	if r.spill != b.spill {
		r.spill, r.win, r.last, r.ahead = b.spill, r.win[:0], -1, 0
	}
	if start >= r.off && end <= r.off+int64(len(r.win)) {
		r.last = end
		return r.win[start-r.off : end-r.off]
	}
	inFile := b.spill.inFile()
	if end > inFile {
		return nil
	}
	r.reads++
	follows := start >= r.last && start <= r.last+bodyGap && !r.alone
	r.last = end
	if follows {
		r.ahead = min(max(2*r.ahead, 64<<10), bodyWindow)
		n := min(end+int64(r.ahead), inFile) - start
		if int64(cap(r.win)) < n {
			// At its largest at once: grown a size at a time, from 64 KB, the windows took
			// twice the fresh memory, which the system clears as it is first touched (at
			// 100,000 pages, 8-10 samples of the 105-135 reading pages, at 499 Hz).
			r.win = make([]byte, 0, max(n, bodyWindow+bodyGap<<2))
		}
		win := r.win[:n]
		r.win = win[:0] // no window until it is read in full
		readFile(b.spill, win, start)
		r.win, r.off, r.read = win, start, r.read+n
		return win[:b.n]
	}
	// Out of order: halved, the window a random order takes soon costs nothing.
	r.ahead /= 2
	r.other = slices.Grow(r.other[:0], b.n)[:b.n]
	readFile(b.spill, r.other, start)
	r.read += int64(b.n)
	return r.other
}

// readFile reads len(dst) bytes at off of s's file.
func readFile(s *Spill, dst []byte, off int64) {
	if _, err := s.f.ReadAt(dst, off); err != nil {
		panic("markdown: a page's kept HTML cannot be read back: " + err.Error()) // as in compressed
	}
}

func putScratch(s *[]byte) {
	if s != nil && cap(*s) <= 1<<20 {
		scratches.Put(s)
	}
}

// Spill keeps pages' compressed HTML in a temporary file instead of memory. A large
// library's bodies are the largest part of what a build holds between converting and
// rendering (520 MB at 100,000 pages) and each is read back once or twice, which the
// file, in the system's page cache, serves at little cost. The file is removed as soon as
// it is made where the system allows it (a killed build leaves nothing behind), or else
// by Close.
type Spill struct {
	f      *os.File
	mu     sync.Mutex
	end    int64        // where the next block goes
	remove func() error // removes the file's name at Close; nil when it was removed at once

	// pending holds the blocks written since flushed, where it goes in the file, until it
	// is full (spillChunk) and written there in one system call (under mu). kept holds
	// the chunks the file could not take (a full disk), in memory; after one, full is
	// set and write takes nothing more.
	pending []byte
	flushed int64
	kept    []spillChunkKept
	full    bool

	// mem holds the first pages' HTML that Write is given, in memory (Hold); used is how
	// much of it is taken (under mu). Readers of mem hold memMu for reading, and Close
	// frees it holding it for writing: a read after Close panics, as one of the file does.
	mem   []byte
	used  int
	free  func()
	memMu sync.RWMutex

	ahead window // what the pages' render reads of the file (readPlain)
}

// NewSpill makes the file, in the system's temporary folder (TMPDIR).
func NewSpill() (*Spill, error) {
	f, err := os.CreateTemp("", "between-pages-*")
	if err != nil {
		return nil, err
	}
	name := f.Name()
	var remove func() error
	if os.Remove(name) != nil { // an open file outlives its name, except on Windows
		remove = func() error { return os.Remove(name) }
	}
	return NewSpillFile(f, remove), nil
}

// NewSpillFile makes a Spill of f, a new empty file open for reading and writing, which
// the Spill closes. remove removes its name at Close; nil says it has none already (the
// file is gone with the process, however that ends).
func NewSpillFile(f *os.File, remove func() error) *Spill {
	s := &Spill{f: f, remove: remove}
	if remove == nil {
		// A Spill no Body holds any more (a dev server's after its next full build) lets
		// its file go without anyone calling Close.
		runtime.AddCleanup(s, func(f *os.File) { f.Close() }, f)
	}
	return s
}

// Removed reports whether the file has no name any more: it is gone with the process,
// however that ends, and with the Spill once nothing holds it.
func (s *Spill) Removed() bool { return s.remove == nil }

// Keep returns a Body holding what b holds, its compressed bytes in the file. When the
// file cannot take them (a full disk), b itself is returned: kept in memory as before.
// A Body from Keep reads the file until Close.
func (s *Spill) Keep(body *Body) *Body {
	if body == nil {
		return body
	}
	b := body.load()
	if b.spill != nil || b.html != nil || b.n == 0 {
		return body
	}
	off, ok := s.write(b.z)
	if !ok {
		return body
	}
	return newBody(&kept{n: b.n, spill: s, off: off, zn: len(b.z)})
}

// Write returns a Body holding html, which the file keeps as it is, not compressed: a
// streamed build writes each page's HTML there once, as it converts it, and reads it back
// into the page's buffer when it renders it and for the search index. Compressing it (s2)
// took more CPU time than anything else the build does with it (at 100,000 pages, 4% of
// the build's samples to compress and 3.4% to decompress, against 1.8% and 1.3% for the
// kernel's copies of everything the build writes and reads) and made a copy of each page in
// the heap; the file, in the system's page cache, is about three times as large (0.9 GB at
// 100,000 pages), which the system may write out to disk under pressure. Write returns nil
// when the file cannot take html (a full disk): the caller keeps it another way.
func (s *Spill) Write(html []byte) *Body {
	if len(html) == 0 {
		return nil
	}
	if off, ok := s.hold(html); ok {
		return newBody(&kept{n: len(html), spill: s, off: off, zn: len(html), plain: true, held: true})
	}
	off, ok := s.write(html)
	if !ok {
		return nil
	}
	return newBody(&kept{n: len(html), spill: s, off: off, zn: len(html), plain: true})
}

// write appends data to the file and returns where it is; ok is false when the file could
// not take it. One write at a time, in the process: the system writes to a file one write
// at a time anyway (Linux's file systems hold the file's lock for the whole write), and a
// goroutine that waits for it there holds its thread and its core, asleep, while one that
// waits for mu leaves its core to another goroutine. Two workers converting a 100,000-page
// library at once waited so 140 times, for 0.19 s in all (perf sched_switch, a thread off
// its core in shmem_file_write_iter's down_write).
//
// Blocks are gathered in pending and written a chunk at a time (spillChunk): a write for
// each page's block was 70,000 system calls at 100,000 pages, each costing more than the
// copy of the page's 9 KB on a virtual machine. BenchmarkSpillHold/file (650 MB written,
// then read twice) took 1.11-1.19 CPU-seconds so, 0.88-0.96 in chunks (3 runs each,
// TMPDIR on tmpfs, BETWEEN_SPILL_MB=650 -benchtime 3x).
func (s *Spill) write(data []byte) (off int64, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.full {
		return 0, false
	}
	if len(s.pending)+len(data) > spillChunk {
		if !s.flush() {
			return 0, false
		}
	}
	off = s.end
	s.end += int64(len(data))
	if len(data) > spillChunk { // pending is empty: flushed above
		if _, err := s.f.WriteAt(data, off); err != nil {
			s.full = true
			return 0, false // that place stays unused
		}
		s.flushed = s.end
		return off, true
	}
	if s.pending == nil {
		s.pending = make([]byte, 0, spillChunk)
	}
	s.pending = append(s.pending, data...)
	return off, true
}

// spillChunk is how many bytes of blocks a Spill gathers before it writes them to its
// file: a write for every thirty pages or so, short enough that a worker waiting for mu
// meanwhile waits little.
const spillChunk = 256 << 10

// spillChunkKept is a chunk of blocks, from off in the file, that the file could not take.
type spillChunkKept struct {
	off  int64
	data []byte
}

// flush writes pending to the file, under mu; when the file cannot take it, the chunk is
// kept in memory, the blocks in it having been taken already, and nothing more is.
func (s *Spill) flush() bool {
	if len(s.pending) == 0 {
		return true
	}
	if _, err := s.f.WriteAt(s.pending, s.flushed); err != nil {
		s.kept = append(s.kept, spillChunkKept{off: s.flushed, data: s.pending})
		s.pending, s.flushed, s.full = nil, s.end, true
		return false
	}
	s.pending, s.flushed = s.pending[:0], s.end
	return true
}

// readAt reads len(dst) bytes at off of the blocks written, from pending or a kept chunk
// when they are there, else from the file.
func (s *Spill) readAt(dst []byte, off int64) error {
	s.mu.Lock()
	if off >= s.flushed {
		defer s.mu.Unlock()
		if s.pending == nil || off+int64(len(dst)) > s.flushed+int64(len(s.pending)) {
			return errors.New("the spill was closed")
		}
		copy(dst, s.pending[off-s.flushed:])
		return nil
	}
	for _, c := range s.kept {
		if off >= c.off && off < c.off+int64(len(c.data)) {
			copy(dst, c.data[off-c.off:])
			s.mu.Unlock()
			return nil
		}
	}
	s.mu.Unlock()
	_, err := s.f.ReadAt(dst, off)
	return err
}

// readPlain reads len(dst) bytes at off of the HTML that Write kept, for AppendTo and
// String: from the Spill's window of its file when it holds them, else as readAt does. At
// 100,000 pages every page is in the file, and the render's two workers read each with a
// pread of 4-16 KB: 100,000 system calls, 300-380 samples of perf at 499 Hz under the
// template's .Content, most of them entering and leaving the system and the kernel's
// look-ups. Taking the pages in the file's order (build renders them so, Body.FileOffset),
// the workers go forward through the same stretch of it, and one window serves both: 905
// reads of the file for 100,039 pages, 0.882 GB read for 0.877 GB of pages (in the plan's
// order, by date, 99,891 reads: the window alone saves nothing). The search index reads
// with windows of its own (BodyReader), in its own order, which this one would only have
// to let go by.
func (s *Spill) readPlain(dst []byte, off int64) error {
	if s.ahead.copy(dst, off) {
		return nil
	}
	inFile := s.inFile()
	if off+int64(len(dst)) > inFile {
		return s.readAt(dst, off) // pending or kept: in memory
	}
	return s.ahead.read(s.f, dst, off, inFile)
}

// window holds up to bodyWindow bytes of a Spill's file, from off, read at once for the
// readers of the pages' HTML that go forward through it. Readers copy from it holding mu
// for reading; it is read again holding mu, so never under a reader's copy.
type window struct {
	mu     sync.RWMutex
	buf    []byte // made once, at bodyWindow
	off    int64
	n      int   // how much of buf, from off, holds the file's bytes
	last   int64 // where the last read of the file for a Body ends
	closed bool  // the Spill was closed: nothing more is read

	reads     atomic.Int64 // reads of the file (tests)
	bytesRead atomic.Int64 // bytes read from the file (tests)
}

// copy copies len(dst) bytes at off of the file into dst, when the window holds them.
func (w *window) copy(dst []byte, off int64) bool {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if off < w.off || off+int64(len(dst)) > w.off+int64(w.n) {
		return false
	}
	copy(dst, w.buf[off-w.off:])
	return true
}

// read reads len(dst) bytes at off of f, which holds them, below inFile: into a new window
// from off when off is in the window or follows it closely (bodyGap: the pages the other
// worker or the index took, or one the order puts elsewhere); else into dst alone, leaving
// the window for the pages after it. The first read makes a window.
func (w *window) read(f *os.File, dst []byte, off, inFile int64) error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return errors.New("the spill was closed")
	}
	end := off + int64(len(dst))
	if off >= w.off && end <= w.off+int64(w.n) { // read by another reader meanwhile
		copy(dst, w.buf[off-w.off:])
		w.mu.Unlock()
		return nil
	}
	follows := w.n == 0 || off >= w.off && off <= w.off+int64(w.n)+bodyGap ||
		off >= w.last && off <= w.last+bodyGap
	w.last = end
	if !follows || len(dst) > bodyWindow {
		w.mu.Unlock()
		w.reads.Add(1)
		w.bytesRead.Add(int64(len(dst)))
		_, err := f.ReadAt(dst, off)
		return err
	}
	defer w.mu.Unlock()
	if w.buf == nil {
		w.buf = make([]byte, bodyWindow)
	}
	n := min(off+bodyWindow, inFile) - off
	w.n = 0 // no window until it is read in full
	w.reads.Add(1)
	w.bytesRead.Add(n)
	if _, err := f.ReadAt(w.buf[:n], off); err != nil {
		return err
	}
	w.off, w.n = off, int(n)
	copy(dst, w.buf)
	return nil
}

// close lets the window go: a read after the Spill's Close fails, as one of its file does.
func (w *window) close() {
	w.mu.Lock()
	w.buf, w.n, w.closed = nil, 0, true
	w.mu.Unlock()
}

// inFile returns where the bytes the file holds in full end: what was flushed to it, short
// of a chunk it could not take (then nothing more was written).
func (s *Spill) inFile() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.kept) > 0 {
		return s.kept[0].off
	}
	return s.flushed
}

// Hold keeps the first n bytes of HTML given to Write in memory, outside Go's heap where
// the system allows it (region.Map), rather than in the file; the rest goes to the file.
// A page read back from memory costs a copy, where one from the file cost a system call,
// and the file's bytes are dirty pages of the system's cache, which the system writes out
// to disk once there are enough of them, beside the build, for nothing: the file is gone
// at the end. Called before the first Write; a Spill that Holds must be closed (Close).
func (s *Spill) Hold(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mem != nil || s.end > 0 || n <= 0 {
		return
	}
	mem, free := region.Map(n)
	if mem == nil {
		return
	}
	s.mem, s.free = mem, sync.OnceFunc(free)
	// Freed with the Spill when nothing holds it any more, if nobody closed it: once.
	runtime.AddCleanup(s, func(free func()) { free() }, s.free)
}

// InMemory reports whether the Spill's file is in memory already, on a file system kept in
// memory (tmpfs, as /dev/shm and many systems' /tmp are): the system never writes it to a
// disk, so holding its pages in memory (Hold) saves no writing.
func (s *Spill) InMemory() bool { return inMemory(s.f) }

// Sizes returns how many bytes of HTML the Spill holds in memory (Hold) and in its file.
func (s *Spill) Sizes() (memory, file int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return int64(s.used), s.end
}

// hold copies html into the memory Hold keeps, when it has room, and returns where.
func (s *Spill) hold(html []byte) (off int64, ok bool) {
	s.mu.Lock()
	if s.used+len(html) > len(s.mem) {
		s.mu.Unlock()
		return 0, false
	}
	at := s.used
	s.used += len(html)
	s.mu.Unlock()
	// Outside mu: no one else writes there, and no one reads it before Write returns.
	copy(s.mem[at:], html)
	return int64(at), true
}

// readHeld reads len(dst) bytes at off of the memory Hold keeps into dst.
func (s *Spill) readHeld(dst []byte, off int64) []byte {
	s.memMu.RLock()
	defer s.memMu.RUnlock()
	if s.mem == nil {
		panic("markdown: a page's kept HTML was read after its Spill was closed")
	}
	copy(dst, s.mem[off:off+int64(len(dst))])
	return dst
}

// Close closes and removes the file now, and frees what Hold kept. No Body from Keep or
// Write may be read after it.
func (s *Spill) Close() error {
	if s.free != nil {
		s.memMu.Lock()
		s.mu.Lock()
		s.mem = nil
		s.mu.Unlock()
		s.free()
		s.memMu.Unlock()
	}
	s.mu.Lock()
	s.pending, s.kept, s.full = nil, nil, true
	s.mu.Unlock()
	s.ahead.close()
	err := s.f.Close()
	if s.remove != nil {
		if rerr := s.remove(); err == nil {
			err = rerr
		}
	}
	return err
}

// Budget is how many bytes of pages' Markdown and HTML a build may hold in memory as they
// are, rather than compressed in a Spill or read again from their files. A nil Budget has
// no room. It is safe for concurrent use.
type Budget struct {
	left  atomic.Int64
	short atomic.Bool // a Take found no room
}

// NewBudget returns a Budget of n bytes.
func NewBudget(n int64) *Budget {
	b := new(Budget)
	b.left.Store(n)
	return b
}

// Take reports whether n bytes fit in what is left, and takes them if so.
func (b *Budget) Take(n int) bool {
	if b == nil {
		return false
	}
	if b.left.Add(-int64(n)) >= 0 {
		return true
	}
	b.left.Add(int64(n))
	b.short.Store(true)
	return false
}

// Short reports whether a Take found no room: the budget is too small for everything.
func (b *Budget) Short() bool { return b != nil && b.short.Load() }

// Give gives back n bytes taken earlier.
func (b *Budget) Give(n int) {
	if b != nil {
		b.left.Add(int64(n))
	}
}

// Left returns how many bytes are not taken: what is held as it is, with the size the
// Budget was made with.
func (b *Budget) Left() int64 {
	if b == nil {
		return 0
	}
	return b.left.Load()
}
