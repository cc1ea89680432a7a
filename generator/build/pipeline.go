package build

import (
	"errors"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/text/unicode/norm"

	"github.com/between-ssg/between/generator/input"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/source"
)

// readAndConvert reads the content files of a full build, names (sorted), and converts each
// visible page as soon as its file is read, on every core from the first file. Reading
// every file before converting any left part of the cores idle while reading (its system
// calls wait), and held every file in memory until its turn to convert.
//
// A link to another page is written with that page's URL, which its front matter decides:
// the worker converting the link reads that file first when nobody has yet (pipe.resolve),
// so a link resolves to what it would after reading every file. Each file is read once,
// by whoever asks first.
//
// A page's file is read into a buffer that goes back to a few kept for the next files once
// the page is converted: what the build keeps of a file (the page, its front matter's
// values, the converted Doc) is made of copies, and a lazy build, which keeps the body to
// make its HTML later, keeps its buffer (keeps). Touching 100 MB of fresh memory for the
// files of 10,000 pages cost more system time than reading them.
func (b *Builder) readAndConvert(names []string, now time.Time) error {
	if b.sink == nil {
		b.makeSpill()
	}
	p := &pipe{b: b, names: names, slots: make([]readSlot, len(names)), now: now, base: b.cfg.BasePath(),
		readers: &workers{stage: "reading"}, converters: &workers{stage: "converting"}, keep: 2 * runtime.GOMAXPROCS(0)}
	b.prog.start("reading and converting", len(names))
	adjust, restore := b.gcWhileConverting(len(names))
	defer restore()
	p.sample()
	p.conv = b.conversion(p.resolve)
	stop := p.readAhead()
	g := newWorkers("reading and converting")
	g.Each(len(names), func(i int) string { return names[i] }, func(i int) error {
		defer b.prog.step()
		if i%256 == 255 {
			adjust() // the live heap grew
		}
		return p.page(i)
	})
	err := g.Wait()
	stop()
	// The files read, in the order listed (sorted): sorting the entries' names again took
	// 30-50 ms at 100,000 pages, with a core idle.
	b.names = make([]string, 0, len(names))
	for i, name := range names {
		s := &p.slots[i]
		if err == nil {
			err = s.err // a panic while reading a file ahead of its turn
		}
		if s.e != nil {
			b.entries[name] = s.e
			b.names = append(b.names, name)
		}
	}
	b.readBuffers = int(p.fresh.Load())
	return err
}

// pipe is one readAndConvert.
type pipe struct {
	b     *Builder
	names []string
	slots []readSlot
	now   time.Time
	base  string
	conv  *conversion

	readers, converters *workers // for naming the file of a panic, and the stage

	// rels maps a content path (NFC, as links name pages) to the indexes of the files of
	// that path, made the first time a link asks.
	relsOnce sync.Once
	rels     map[string][]int

	mu    sync.Mutex
	free  [][]byte     // buffers to read files into, given back by pages converted
	keep  int          // the most buffers free holds: a few for each core, and readAhead's
	fresh atomic.Int64 // the files read into new memory, for readBuffers

	turn atomic.Int64  // the highest index whose page a worker has taken, for readAhead
	held atomic.Int64  // the bytes of the files read before their turn and kept for it
	wake chan struct{} // a worker took a page: readAhead may read further
}

// readSlot is one content file of a pipe.
type readSlot struct {
	once    sync.Once
	e       *entry // nil when the file is gone, or a folder
	visible bool   // e's page is published: it has a URL and converts
	err     error  // a panic while reading the file, named
	bodyAt  int    // where the body starts in the file's bytes
	keeps   bool   // e keeps the file's bytes (a lazy build's body): never reused
	// data is the file read before its turn by sample, for its turn to convert.
	data []byte
}

// sample reads the first files before any page converts, to tell whether the library's
// files would fit in a streamed build's memory budget: only then does the budget hold the
// pages' HTML as it is, as it did when every file was read first and held in the budget
// until converted. A library whose files would not fit holds only compressed HTML, so
// that its peak stays what it was (memoryBudget). The files read stay for their turn.
func (p *pipe) sample() {
	b := p.b
	if b.sink == nil || b.mem == nil || len(p.names) == 0 {
		return
	}
	n := min(len(p.names), 16)
	var total int64
	for i := range n {
		s, _ := p.readFor(i, p.forTurn)
		total += int64(len(s.data))
	}
	projected := total * int64(len(p.names)) / int64(n)
	// A Take that finds no room marks the budget short (htmlBudget); one that finds room
	// gives it back at once: the files are not held.
	if b.mem.Take(int(min(projected, 1<<62))) {
		b.mem.Give(int(projected))
	}
}

// readAheadFiles is how many files readAhead reads before the workers' turn, and
// readAheadBytes how many bytes it holds so at most: about what two workers convert in the
// 10 ms a goroutine may wait for a busy core, and a few MB however large the files are.
// readAheadReaders is how many files it reads at once: a file not in the system's cache
// took 0.2-0.4 ms to come from this VM's disk, and two workers convert one in 0.1-0.2 ms,
// so one reader waiting for each file in turn fell behind them; the disk serves several
// at once. Variables for tests.
var (
	readAheadFiles         = 256
	readAheadBytes   int64 = 8 << 20
	readAheadReaders       = 4
)

// readAhead reads the files ahead of the workers converting them, on goroutines of its
// own, each into its slot for its turn (as sample does), and returns what stops them. A
// worker that reads its own file waits for the disk whenever the file is not in the
// system's cache, and leaves its core idle meanwhile: a 100,000-page library, part of
// which the system had let go of, converted at 130-140% of two cores. The goroutines that
// read ahead wait instead, while both workers convert what they read. In cache, they make
// the system calls the workers would have made, on whichever core has a moment.
func (p *pipe) readAhead() (stop func()) {
	if runtime.GOMAXPROCS(0) < 2 || len(p.names) == 0 {
		return func() {}
	}
	p.keep += readAheadFiles
	p.wake = make(chan struct{}, readAheadReaders)
	done := make(chan struct{})
	var next atomic.Int64
	var wg sync.WaitGroup
	for range readAheadReaders {
		wg.Go(func() {
			for {
				j := int(next.Add(1) - 1)
				if j >= len(p.names) {
					return
				}
				for int64(j) > p.turn.Load()+int64(readAheadFiles) || p.held.Load() > readAheadBytes {
					select {
					case <-p.wake:
					case <-done:
						return
					}
				}
				select {
				case <-done:
					return
				default:
				}
				p.readFor(j, p.forTurn)
			}
		})
	}
	return func() {
		close(done)
		wg.Wait()
	}
}

// page reads file i unless a link read it first, and converts its page.
func (p *pipe) page(i int) error {
	s, data := p.read(i)
	if data == nil {
		data, s.data = s.data, nil
		p.held.Add(-int64(len(data)))
	}
	if p.wake != nil {
		for t := p.turn.Load(); int64(i) > t && !p.turn.CompareAndSwap(t, int64(i)); t = p.turn.Load() {
		}
		for range readAheadReaders { // those waiting for the turn to move on
			select {
			case p.wake <- struct{}{}:
			default:
			}
		}
	}
	if s.err != nil {
		return s.err
	}
	e := s.e
	if e == nil || !s.visible {
		p.recycle(s, data)
		return nil
	}
	b := p.b
	err := p.converters.run(e.page.File, func() error {
		var body []byte
		if data != nil {
			body = data[s.bodyAt:]
		} else {
			var err error
			if body, err = b.bodyOf(e); err != nil {
				return err
			}
		}
		if err := b.convertOne(e, body, p.conv); err != nil {
			return err
		}
		// Its model page too, from the page alone: assembling the site then waits for
		// nothing but the site's own work.
		b.makePage(e)
		return nil
	})
	if src := e.src; src != nil {
		b.giveSource(e)
		p.put(src)
	}
	p.recycle(s, data)
	return err
}

// read reads file i unless it was read already, and returns its slot; data is the file's
// bytes when this call read them and nothing keeps them, for the caller to convert or give
// back.
func (p *pipe) read(i int) (s *readSlot, data []byte) {
	return p.readFor(i, nil)
}

// readFor is read; keep, when set, takes the bytes read for the file's turn (forTurn:
// into the slot, s.data; ahead: for a link), before anyone else can see the slot read.
// The worker whose turn it is reads what keep set after the slot's once: set after it,
// by the goroutine that read the file, it raced with that read (go test -race).
func (p *pipe) readFor(i int, keep func(s *readSlot, data []byte)) (s *readSlot, data []byte) {
	s = &p.slots[i]
	s.once.Do(func() {
		name := p.names[i]
		s.err = p.readers.run(name, func() error {
			data = p.readFile(name, s)
			return nil
		})
		if keep != nil && data != nil {
			keep(s, data)
			data = nil
		}
	})
	return s, data
}

// forTurn keeps data, the bytes of a file read before its turn by sample or readAhead, in
// its slot for its turn.
func (p *pipe) forTurn(s *readSlot, data []byte) {
	s.data = data
	p.held.Add(int64(len(s.data)))
}

// readFile reads the content file name into s, as readContent does, and returns its bytes.
func (p *pipe) readFile(name string, s *readSlot) []byte {
	b := p.b
	if !source.Included("content", name) {
		return nil
	}
	if source.Other(name) != "" {
		s.e = b.otherEntry(name, name)
		return nil
	}
	buf := p.get()
	data, err := input.ReadFileTo(b.fsys, name, input.ContentLimit, buf)
	if err != nil {
		p.put(buf)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // gone since it was listed
		}
		if fi, serr := fs.Stat(b.fsys, name); serr == nil && fi.IsDir() {
			return nil
		}
		// A pipe, a device, a loop of links, a file too large: the build reports it with
		// the other problems and reads nothing more of it.
		e := &entry{}
		e.diags.Add(name, 0, 0, "%s", input.Problem(err))
		s.e = e
		return nil
	}
	if cap(buf) == 0 || unsafe.SliceData(data) != unsafe.SliceData(buf) {
		p.fresh.Add(1)
	}
	s.e, s.bodyAt, s.keeps = b.parseEntry(name, data)
	if pg := s.e.page; pg != nil && pg.Visible(p.now, b.opts.Drafts) {
		s.visible = true
		s.e.url = p.base + site.URLPath(pg)
	}
	return data
}

// resolve is the URL of the page at the content path target, as resolveURLs gives it once
// every file is read: of the last visible file of that path (two names can be one path in
// NFC), reading those not read yet.
func (p *pipe) resolve(target string) (string, bool) {
	p.relsOnce.Do(func() {
		p.rels = make(map[string][]int, len(p.names))
		for i, name := range p.names {
			rel := norm.NFC.String(strings.TrimPrefix(name, "content/")) // as source.Parse makes Rel
			p.rels[rel] = append(p.rels[rel], i)
		}
	})
	url, ok := "", false
	for _, i := range p.rels[target] {
		s, _ := p.readFor(i, p.ahead)
		if s.visible {
			url, ok = s.e.url, true
		}
	}
	return url, ok
}

// ahead keeps data, the bytes of a file read before its turn, for its turn: a streamed
// build in its budget (e.src, else it reads the file again then), other builds keep the
// body themselves (compressed, or as it is).
func (p *pipe) ahead(s *readSlot, data []byte) {
	b := p.b
	if s.e != nil && s.e.reread && s.visible && b.mem.Take(len(data)) {
		s.e.src = data
		return
	}
	p.recycle(s, data)
}

// recycle gives back data, the bytes of s's file, unless its entry keeps them.
func (p *pipe) recycle(s *readSlot, data []byte) {
	if data != nil && !s.keeps {
		p.put(data)
	}
}

func (p *pipe) get() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.free)
	if n == 0 {
		return nil
	}
	buf := p.free[n-1]
	p.free[n-1] = nil
	p.free = p.free[:n-1]
	return buf
}

func (p *pipe) put(buf []byte) {
	if cap(buf) == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.free) < p.keep {
		p.free = append(p.free, buf[:0])
	}
}
