package markdown

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// readerPage returns page i's HTML, of size bytes, different from every other page's.
func readerPage(i, size int) []byte {
	return []byte(strings.Repeat(fmt.Sprintf("<p>Page %d: notice what you feel.</p>\n", i), size/30+1)[:size])
}

// readerSpill writes pages of the given sizes to a new Spill, its file in the test's
// folder, and returns their Bodies and HTML. hold is passed to Spill.Hold (0: none). When
// full is set, the file takes no more writes after half the pages, as a full disk would
// not, and the pages after go to memory: the chunk pending then (Spill.kept), and, once
// the Spill takes nothing more, compressed (NewBody), as the build keeps them.
func readerSpill(t *testing.T, sizes []int, hold int, full bool) (*Spill, []*Body, [][]byte) {
	t.Helper()
	name := filepath.Join(t.TempDir(), "pages")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSpillFile(f, func() error { return os.Remove(name) })
	t.Cleanup(func() { s.Close() })
	s.Hold(hold)
	var bodies []*Body
	var html [][]byte
	for i, size := range sizes {
		if full && i == len(sizes)/2 {
			// The same file, open for reading only: what was written reads back, and
			// writing fails.
			ro, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			s.f.Close()
			s.f = ro
		}
		h := readerPage(i, size)
		b := s.Write(h)
		if b == nil {
			b = NewBody(h)
		}
		bodies, html = append(bodies, b), append(html, h)
	}
	return s, bodies, html
}

// readerSpills are the Spills the window tests read from (readerSpill): pages in the file,
// some of them held in memory (Hold), and a file that takes no more after half the pages.
var readerSpills = []struct {
	name string
	hold int
	full bool
}{
	{name: "file"},
	{name: "held", hold: 600 << 10},
	{name: "full", full: true},
}

// readerCases returns the sizes of 400 pages, random from seed but for three larger than a
// window or than a chunk (written to the file at once) between the others, and orders to
// read them in: sequential, reverse, two runs through the file a page of each in turn,
// random, and "near": in order but for neighbours swapped and a page now and then from far
// away, as the index takes the pages of a build.
func readerCases(seed1, seed2 uint64) ([]int, map[string][]int) {
	sizes := make([]int, 400)
	rng := rand.New(rand.NewPCG(seed1, seed2))
	for i := range sizes {
		sizes[i] = 3000 + rng.IntN(12000)
	}
	sizes[37], sizes[38], sizes[200] = bodyWindow+5000, spillChunk+1, 2*bodyWindow
	n := len(sizes)
	orders := map[string][]int{}
	for i := range n {
		orders["sequential"] = append(orders["sequential"], i)
		orders["reverse"] = append(orders["reverse"], n-1-i)
		orders["interleaved"] = append(orders["interleaved"], i/2+i%2*(n/2))
	}
	orders["random"] = rng.Perm(n)
	near := slices.Clone(orders["sequential"])
	for i := 0; i+1 < n; i += 7 {
		near[i], near[i+1] = near[i+1], near[i]
	}
	for i := 5; i+60 < n; i += 35 {
		near[i], near[i+60] = near[i+60], near[i]
	}
	orders["near"] = near
	return sizes, orders
}

// A BodyReader gives every Body's HTML as AppendTo does, whatever the order it is asked for
// them in and wherever they are: in the file (smaller and larger than a window, in order
// and not), pending for it, held in memory, kept in memory when the file took no more, or
// compressed; and with none of them read alone or in windows.
func TestBodyReaderReadsEveryBody(t *testing.T) {
	sizes, orders := readerCases(1, 2)
	n := len(sizes)
	for _, sp := range readerSpills {
		s, bodies, html := readerSpill(t, sizes, sp.hold, sp.full)
		where := map[string]int{}
		for _, b := range bodies {
			k := b.at.Load()
			switch {
			case k.z != nil:
				where["compressed"]++
			case k.held:
				where["held"]++
			case k.off+int64(k.n) > s.inFile():
				where["pending or kept"]++
			default:
				where["file"]++
			}
		}
		if where["file"] == 0 || where["pending or kept"] == 0 || sp.full && where["compressed"] == 0 {
			t.Fatalf("%s: pages are %v", sp.name, where)
		}
		for name, order := range orders {
			for _, alone := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%s/alone=%v", sp.name, name, alone), func(t *testing.T) {
					r := &BodyReader{alone: alone}
					var read int
					for _, i := range order {
						got := r.HTML(bodies[i])
						if string(got) != string(html[i]) || string(got) != string(bodies[i].AppendTo(nil)) {
							t.Fatalf("page %d (%d bytes) came back as %d bytes: %.60q…", i, len(html[i]), len(got), got)
						}
						if k := bodies[i].at.Load(); k.plain && !k.held && k.off+int64(k.n) <= s.inFile() {
							read += k.n
						}
					}
					// Every page of the file is read once, alone or in a window: the reader
					// reads what it serves at least once.
					if r.read < int64(read) {
						t.Errorf("read %d bytes of the file for %d bytes of its pages", r.read, read)
					}
					if r.reads > len(order) {
						t.Errorf("%d reads of the file for %d pages", r.reads, len(order))
					}
				})
			}
		}
	}
	// Two Spills, their pages at the same places in their files, read in turn.
	_, a, aHTML := readerSpill(t, sizes, 0, false)
	_, b, bHTML := readerSpill(t, slices.Repeat([]int{5000}, n), 0, false)
	var r BodyReader
	for i := range n {
		if got := r.HTML(a[i]); string(got) != string(aHTML[i]) {
			t.Fatalf("page %d of the first file came back as %.60q…", i, got)
		}
		if got := r.HTML(b[i]); string(got) != string(bHTML[i]) {
			t.Fatalf("page %d of the second file came back as %.60q…", i, got)
		}
	}
	if r.HTML(nil) != nil || len(r.HTML(NewBody(nil))) != 0 {
		t.Error("an empty Body has HTML")
	}
	budget := NewBudget(1 << 20)
	within := NewBodyWithin(readerPage(1, 5000), budget)
	if got := r.HTML(within); string(got) != string(readerPage(1, 5000)) || &got[0] != &within.at.Load().html[0] {
		t.Error("a Body held as it is was copied, or changed")
	}
}

// Pages read in the order they were written take a few reads of the file, where reading
// each alone took one a page; in a random order, at most one a page and no more bytes than
// reading each alone reads, give or take a window.
func TestBodyReaderReadsInWindows(t *testing.T) {
	sizes := make([]int, 1000)
	for i := range sizes {
		sizes[i] = 5000 + i*7919%9000
	}
	s, bodies, _ := readerSpill(t, sizes, 0, false)
	// The pages in the file; the last are pending for it, and read from memory.
	inFile, total := 0, int64(0)
	for i, b := range bodies {
		if k := b.at.Load(); k.off+int64(k.n) <= s.inFile() {
			inFile, total = i+1, total+int64(k.n)
		}
	}
	if inFile < len(sizes)*9/10 {
		t.Fatalf("%d pages of %d in the file", inFile, len(sizes))
	}
	sizes = sizes[:inFile]
	read := func(alone bool, order []int) *BodyReader {
		r := &BodyReader{alone: alone}
		for _, i := range order {
			r.HTML(bodies[i])
		}
		return r
	}
	sequential := make([]int, 0, len(sizes))
	for i := range sizes {
		if i%10 != 3 { // pages another reader took
			sequential = append(sequential, i)
		}
	}
	// About 9 MB in windows of up to 1 MB: 15 reads or so, and at most a window more
	// than the pages.
	if r := read(false, sequential); r.reads > len(sequential)/20 || r.read > total+bodyWindow {
		t.Errorf("%d pages read in order took %d reads of the file, %d bytes (the pages are %d)", len(sequential), r.reads, r.read, total)
	}
	if r := read(true, sequential); r.reads != len(sequential) {
		t.Errorf("%d pages read alone took %d reads of the file", len(sequential), r.reads)
	}
	random := rand.New(rand.NewPCG(3, 4)).Perm(len(sizes))
	if r := read(false, random); r.reads > len(random) || r.read > total+bodyWindow {
		t.Errorf("%d pages read in a random order took %d reads of the file, %d bytes (the pages are %d)", len(random), r.reads, r.read, total)
	}
}

// Readers on many goroutines, each with its own BodyReader, read the pages of a Spill that
// is still being written: pages pending for the file when they are read, and in it when
// they are read again.
func TestBodyReadersReadWhileTheSpillIsWritten(t *testing.T) {
	s, _, _ := readerSpill(t, nil, 0, false)
	const pages, readers = 600, 4
	html := make([][]byte, pages)
	bodies := make([]*Body, pages)
	written := make(chan int, pages)
	go func() {
		for i := range pages {
			html[i] = readerPage(i, 4000+i*131%8000)
			bodies[i] = s.Write(html[i])
			written <- i
		}
		close(written)
	}()
	// Each reader reads every page written so far, from the last it read on, then the
	// pages it read before again.
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	done := 0
	go func() {
		for i := range written {
			mu.Lock()
			done = i + 1
			mu.Unlock()
			cond.Broadcast()
		}
	}()
	var wg sync.WaitGroup
	for g := range readers {
		wg.Go(func() {
			var r BodyReader
			for from := 0; from < pages; {
				mu.Lock()
				for done == from {
					cond.Wait()
				}
				to := done
				mu.Unlock()
				for i := from; i < to; i++ {
					if got := r.HTML(bodies[i]); string(got) != string(html[i]) {
						t.Errorf("reader %d: page %d came back as %.40q…", g, i, got)
						return
					}
				}
				for i := max(0, from-20); i < from; i++ {
					if got := r.HTML(bodies[i]); string(got) != string(html[i]) {
						t.Errorf("reader %d: page %d read again came back as %.40q…", g, i, got)
						return
					}
				}
				from = to
			}
		})
	}
	wg.Wait()
}
