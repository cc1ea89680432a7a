package markdown

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// readEach reads bodies in order through AppendTo, and String when withString is set, on
// the given number of goroutines taking the next in turn, as the render's workers take
// outputs, and reports the first that does not give its HTML.
func readEach(t *testing.T, bodies []*Body, html [][]byte, order []int, goroutines int, withString bool) {
	t.Helper()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan string, goroutines)
	for g := range goroutines {
		wg.Go(func() {
			var buf []byte
			for {
				j := int(next.Add(1) - 1)
				if j >= len(order) {
					return
				}
				i := order[j]
				buf = bodies[i].AppendTo(buf[:0])
				if string(buf) != string(html[i]) {
					errs <- fmt.Sprintf("goroutine %d: page %d (%d bytes) came back as %d bytes: %.60q…", g, i, len(html[i]), len(buf), buf)
					return
				}
				if !withString {
					continue
				}
				if s := bodies[i].String(); s != string(html[i]) {
					errs <- fmt.Sprintf("goroutine %d: page %d (%d bytes) came back from String as %d bytes: %.60q…", g, i, len(html[i]), len(s), s)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// Bodies read through AppendTo and String give their HTML, whatever the order and however
// many goroutines read them at once, wherever they are: in the file (smaller and larger than
// the window), pending for it, held in memory, kept in memory when the file took no more,
// or compressed.
func TestSpillWindowGivesEveryBody(t *testing.T) {
	sizes, orders := readerCases(5, 6)
	n := len(sizes)
	for _, sp := range readerSpills {
		for name, order := range orders {
			for _, goroutines := range []int{1, 2, 4} {
				t.Run(fmt.Sprintf("%s/%s/%d", sp.name, name, goroutines), func(t *testing.T) {
					// A Spill for each run: every run starts with no window.
					s, bodies, html := readerSpill(t, sizes, sp.hold, sp.full)
					readEach(t, bodies, html, order, goroutines, true)
					// Twice: the second time from windows the first left.
					readEach(t, bodies, html, order, goroutines, true)
					// At most one read a call: 4 a page.
					if r := s.ahead.reads.Load(); r > int64(4*n) {
						t.Errorf("%d reads of the file for %d pages read four times", r, n)
					}
				})
			}
		}
	}
}

// Pages read in the order they were written, by two goroutines taking them in turn, take a
// few reads of the file, where reading each alone took one a page, and not much more than
// the pages' bytes; in a random order, no more reads than pages.
func TestSpillWindowReadsForward(t *testing.T) {
	sizes := make([]int, 1000)
	for i := range sizes {
		sizes[i] = 5000 + i*7919%9000
	}
	order := func(s *Spill, bodies []*Body, random bool) (in []int, total int64) {
		for i, b := range bodies {
			if k := b.at.Load(); k.off+int64(k.n) <= s.inFile() {
				in, total = append(in, i), total+int64(k.n)
			}
		}
		if len(in) < len(sizes)*9/10 {
			t.Fatalf("%d pages of %d in the file", len(in), len(sizes))
		}
		if random {
			rand.New(rand.NewPCG(7, 8)).Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		}
		return in, total
	}

	s, bodies, html := readerSpill(t, sizes, 0, false)
	in, total := order(s, bodies, false)
	readEach(t, bodies, html, in, 2, false)
	t.Logf("in order: %d pages, %d bytes: %d reads, %d bytes", len(in), total, s.ahead.reads.Load(), s.ahead.bytesRead.Load())
	// About 9 MB in windows of 1 MB: 10 reads, twice that if every window's last page were
	// read again alone; one a page (900) without the window.
	if r, b := s.ahead.reads.Load(), s.ahead.bytesRead.Load(); r > int64(len(in)/10) || b > 2*total {
		t.Errorf("%d pages read in order took %d reads of the file, %d bytes (the pages are %d)", len(in), r, b, total)
	}

	s, bodies, html = readerSpill(t, sizes, 0, false)
	in, total = order(s, bodies, true)
	readEach(t, bodies, html, in, 1, false)
	t.Logf("random: %d pages, %d bytes: %d reads, %d bytes", len(in), total, s.ahead.reads.Load(), s.ahead.bytesRead.Load())
	// One goroutine: what it reads is always the same. A page a window or two starts
	// from that follows the page before by chance.
	if r, b := s.ahead.reads.Load(), s.ahead.bytesRead.Load(); r > int64(len(in)) || b > total+8*bodyWindow {
		t.Errorf("%d pages read in a random order took %d reads of the file, %d bytes (the pages are %d)", len(in), r, b, total)
	}
}

// Goroutines read the pages of a Spill that is still being written through the window:
// pages pending for the file when they are read, and in it when they are read again.
func TestSpillWindowReadsWhileTheSpillIsWritten(t *testing.T) {
	s, _, _ := readerSpill(t, nil, 0, false)
	const pages, readers = 600, 3
	html := make([][]byte, pages)
	bodies := make([]*Body, pages)
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	written := 0
	go func() {
		for i := range pages {
			h := readerPage(i, 4000+i*131%8000)
			b := s.Write(h)
			mu.Lock()
			html[i], bodies[i], written = h, b, i+1
			mu.Unlock()
			cond.Broadcast()
		}
	}()
	var wg sync.WaitGroup
	for g := range readers {
		wg.Go(func() {
			var buf []byte
			check := func(i int, again string) bool {
				mu.Lock()
				b, h := bodies[i], html[i]
				mu.Unlock()
				if buf = b.AppendTo(buf[:0]); string(buf) != string(h) {
					t.Errorf("reader %d: page %d%s came back as %.40q…", g, i, again, buf)
					return false
				}
				return true
			}
			for from := 0; from < pages; {
				mu.Lock()
				for written == from {
					cond.Wait()
				}
				to := written
				mu.Unlock()
				for i := from; i < to; i++ {
					if !check(i, "") {
						return
					}
				}
				for i := max(0, from-20); i < from; i++ {
					if !check(i, " read again") {
						return
					}
				}
				from = to
			}
		})
	}
	wg.Wait()
	if s.ahead.reads.Load() == 0 {
		t.Error("no page was read from the file")
	}
}

// A Body read after its Spill is closed panics, as it did when each was read alone, rather
// than give HTML from a window the Spill no longer has.
func TestSpillWindowIsGoneAfterClose(t *testing.T) {
	sizes := make([]int, 300)
	for i := range sizes {
		sizes[i] = 6000
	}
	s, bodies, html := readerSpill(t, sizes, 0, false)
	if got := bodies[0].String(); got != string(html[0]) {
		t.Fatalf("page 0 came back as %.40q…", got)
	}
	if s.ahead.n == 0 {
		t.Fatal("no window after the first page")
	}
	s.Close()
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "cannot be read back") {
			t.Errorf("a page read after Close gave %v", r)
		}
	}()
	_ = bodies[1].String() // in the window before Close
}
