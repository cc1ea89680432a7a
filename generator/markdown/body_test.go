package markdown

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestBodyKeepsHTML(t *testing.T) {
	html := strings.Repeat("<p>Notice what you feel, “then” name it.</p>\n", 300) + "<p>end</p>"
	b := NewBody([]byte(html))
	if b.String() != html || b.Len() != len(html) {
		t.Fatalf("the HTML came back changed")
	}
	if z := b.at.Load().z; len(z) >= len(html)/2 {
		t.Errorf("kept %d bytes of a repetitive %d-byte page: not compressed", len(z), len(html))
	}
	if !b.Equal(NewBody([]byte(html))) || b.Equal(NewBody([]byte(html+" "))) {
		t.Errorf("Equal does not tell the same HTML from another")
	}
	buf := []byte("before:")
	for range 2 { // the second time into the memory of the first
		buf = b.AppendTo(buf[:7])
		if string(buf) != "before:"+html {
			t.Fatalf("AppendTo gave %d bytes, not the HTML after what was there", len(buf))
		}
	}
	var none *Body
	if string(none.AppendTo(buf[:3])) != "bef" {
		t.Errorf("a missing body appended something")
	}
	if none.String() != "" || !none.Equal(NewBody(nil)) || none.Equal(b) {
		t.Errorf("a missing body is not the empty one")
	}
}

// A page's footnote ids are read out of the buffer the next page renders into: they must
// stay right after other pages are converted, or "#fn:1" links fail the link check.
func TestFootnoteIDsOutliveTheBuffer(t *testing.T) {
	c := New(false)
	d, err := c.Convert([]byte("A claim.[^1]\n\n[^1]: The source.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := c.Convert([]byte(strings.Repeat("Other words that fill the buffer again. ", 50)), Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if !d.IDs["fn:1"] || !d.IDs["fnref:1"] {
		t.Errorf("footnote ids after other pages: %v", d.IDs)
	}
}

// A Body kept in a Spill gives back the same HTML, from many goroutines at once, and is
// Equal to the same Body in memory; the file leaves nothing behind.
func TestSpillKeepsHTML(t *testing.T) {
	s := tempSpill(t)
	var html []string
	var kept []*Body
	for i := range 200 {
		h := strings.Repeat(fmt.Sprintf("<p>Page %d: notice what you feel.</p>\n", i), i%7+1)
		html = append(html, h)
		b := s.Keep(NewBody([]byte(h)))
		if k := b.at.Load(); k.z != nil || k.spill != s {
			t.Fatalf("page %d is still in memory", i)
		}
		kept = append(kept, b)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for i := g; i < len(kept); i += 2 {
				if got := kept[i].String(); got != html[i] {
					t.Errorf("page %d came back as %q", i, got)
				}
				if buf = kept[i].AppendTo(buf[:0]); string(buf) != html[i] {
					t.Errorf("page %d appended as %q", i, buf)
				}
			}
		}()
	}
	wg.Wait()
	if !kept[3].Equal(NewBody([]byte(html[3]))) || kept[3].Equal(kept[4]) || s.Keep(kept[3]) != kept[3] {
		t.Errorf("Equal or Keep does not tell a kept page from another")
	}
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) != 0 && s.Removed() {
		t.Errorf("the file's name was kept: %v", left)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) != 0 {
		t.Errorf("Close left %v", left)
	}
	// A file that takes nothing more (here closed; a full disk) keeps the page in memory.
	b := NewBody([]byte(html[5]))
	if got := s.Keep(b); got != b || got.String() != html[5] {
		t.Errorf("a page the file could not take was not kept in memory")
	}
}

// Pages written to a Spill from many goroutines at once each come back as they were
// written, one after another in the file with no gap and no overlap.
func TestSpillWritesFromManyGoroutines(t *testing.T) {
	s := tempSpill(t)
	defer s.Close()
	const pages, workers = 400, 4
	html := make([]string, pages)
	total := 0
	for i := range html {
		html[i] = strings.Repeat(fmt.Sprintf("<p>Page %d: what you notice.</p>\n", i), i%9+1)
		total += len(html[i])
	}
	kept := writeFrom(s, html, workers)
	for i, b := range kept {
		if got := b.String(); got != html[i] {
			t.Fatalf("page %d came back as %q", i, got)
		}
	}
	s.mu.Lock()
	if !s.flush() {
		t.Fatal("the file took no more")
	}
	s.mu.Unlock()
	fi, err := s.f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() != int64(total) {
		t.Errorf("the file holds %d bytes; the pages are %d", fi.Size(), total)
	}
}

// Pages gathered for the Spill's file come back from memory until their chunk is written,
// and from the file after; a chunk the file cannot take (here, its file closed under it,
// as a full disk would refuse it) stays in memory with its pages, and the Spill takes
// nothing more, so that the caller keeps the next pages another way.
func TestSpillWritesChunks(t *testing.T) {
	s := tempSpill(t)
	defer s.Close()
	page := func(i, size int) []byte {
		return []byte(strings.Repeat(fmt.Sprintf("<p>Page %d.</p>", i), size/10+1)[:size])
	}
	var html [][]byte
	var kept []*Body
	check := func(when string) {
		t.Helper()
		for i, b := range kept {
			if got := b.String(); got != string(html[i]) {
				t.Fatalf("%s: page %d came back as %.40q…", when, i, got)
			}
		}
	}
	// A page larger than a chunk goes to the file at once, between the others.
	for i, size := range []int{9000, 5000, spillChunk + 7, 12000, spillChunk - 100, 3} {
		html = append(html, page(i, size))
		kept = append(kept, s.Write(html[i]))
	}
	check("before any chunk was written")
	for i := len(html); s.flushed < 3*spillChunk; i++ {
		html = append(html, page(i, 1000+i*37%9000))
		kept = append(kept, s.Write(html[i]))
	}
	if len(s.pending) == 0 || s.flushed == 0 {
		t.Fatalf("no pages were pending (%d bytes) or none in the file (%d bytes)", len(s.pending), s.flushed)
	}
	check("with chunks written")
	// The file takes nothing more: the pages pending stay, the next are refused.
	pending := len(kept)
	s.f.Close()
	for i := len(html); ; i++ {
		h := page(i, 20000)
		b := s.Write(h)
		if b == nil {
			break
		}
		html, kept = append(html, h), append(kept, b)
	}
	if len(s.kept) != 1 || s.Write([]byte("<p>more</p>")) != nil {
		t.Fatalf("%d chunks kept in memory, and a page was taken after the file failed", len(s.kept))
	}
	for i := range kept {
		if k := kept[i].at.Load(); k.off >= s.kept[0].off {
			if got := kept[i].String(); got != string(html[i]) {
				t.Errorf("page %d, of the chunk the file refused (from %d pending), came back as %.40q…", i, pending, got)
			}
		}
	}
}

// A page over the Budget goes to the Spill as it is when Options.Spill gives one: it reads
// back the same HTML (String, AppendTo into a buffer it grows, Equal to the same page
// compressed) from many goroutines at once, Keep leaves it where it is, and a file that
// takes nothing more leaves the page compressed in memory.
func TestSpillWritesHTMLAsItIs(t *testing.T) {
	s := tempSpill(t)
	c := New(false)
	page := func(i int) string {
		return strings.Repeat(fmt.Sprintf("Page %d: notice *what* you feel.\n\n", i), i%5+1)
	}
	first, err := c.Convert([]byte(page(0)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	budget := NewBudget(int64(first.Body.Len())) // the first page, and no other
	var want []string
	var kept []*Body
	for i := range 60 {
		d, err := c.Convert([]byte(page(i)), Options{Budget: budget, Spill: func() *Spill { return s }})
		if err != nil {
			t.Fatal(err)
		}
		k := d.Body.at.Load()
		if i > 0 && (!k.plain || k.spill != s || k.z != nil || k.html != nil) {
			t.Fatalf("page %d is not in the file as it is: %+v", i, k)
		}
		if s.Keep(d.Body) != d.Body {
			t.Errorf("page %d: Keep moved a page already in the file", i)
		}
		plain, err := c.Convert([]byte(page(i)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !d.Body.Equal(plain.Body) || !plain.Body.Equal(d.Body) || d.Body.Len() != plain.Body.Len() || d.Body.Packed() != (i > 0) {
			t.Errorf("page %d in the file is not Equal to it compressed", i)
		}
		want = append(want, plain.Body.String())
		kept = append(kept, d.Body)
	}
	if kept[0].at.Load().html == nil {
		t.Error("the first page, within the budget, was not held as it is")
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := []byte("x")
			for i := g; i < len(kept); i += 2 {
				if got := kept[i].String(); got != want[i] {
					t.Errorf("page %d came back as %q", i, got)
				}
				if buf = kept[i].AppendTo(buf[:1]); string(buf) != "x"+want[i] {
					t.Errorf("page %d appended as %q", i, buf)
				}
			}
		}()
	}
	wg.Wait()
	if kept[3].Equal(kept[4]) {
		t.Error("two pages in the file are Equal")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	d, err := c.Convert([]byte(page(7)), Options{Spill: func() *Spill { return s }})
	if err != nil {
		t.Fatal(err)
	}
	if k := d.Body.at.Load(); k.z == nil || k.spill != nil || d.Body.String() != want[7] {
		t.Errorf("a page the file could not take was not kept compressed in memory: %+v", k)
	}
	if d, err := c.Convert([]byte(page(7)), Options{Spill: func() *Spill { return nil }}); err != nil || d.Body.at.Load().z == nil {
		t.Errorf("with no file, a page was not kept compressed in memory (%v)", err)
	}
}

// A Budget holds pages' HTML as it is while it has room, and the rest compressed; both
// give the same HTML, compare Equal, and a Spill takes only the compressed ones.
func TestBudgetHoldsHTMLAsItIs(t *testing.T) {
	s := tempSpill(t)
	defer s.Close()
	page := strings.Repeat("<p>Notice what you feel.</p>\n", 10) // 290 bytes
	budget := NewBudget(2*int64(len(page)) + 10)
	var held int
	for i := range 4 {
		b := s.Keep(NewBodyWithin([]byte(page), budget))
		if !b.Packed() {
			held++
			if b.at.Load().spill != nil {
				t.Errorf("page %d, held as it is, went to the spill", i)
			}
		}
		if b.String() != page || string(b.AppendTo([]byte("x"))) != "x"+page || !b.Equal(NewBody([]byte(page))) || b.Len() != len(page) {
			t.Errorf("page %d does not give back its HTML", i)
		}
	}
	if held != 2 || !budget.Short() {
		t.Errorf("%d pages held as they are, want the 2 the budget has room for, and the budget short (%v)", held, budget.Short())
	}
	budget.Give(len(page))
	if b := NewBodyWithin([]byte(page), budget); b.Packed() {
		t.Error("the room given back was not used")
	}
	if b := NewBodyWithin([]byte(page), nil); !b.Packed() {
		t.Error("no budget held a page as it is")
	}
	if NewBodyWithin(nil, budget) != nil {
		t.Error("an empty page made a Body")
	}
}

// A Body made Later makes its HTML once, for whoever reads it first, while others read it
// at the same time; every read gives that HTML. A make that panics makes every read panic.
func TestBodyMadeLater(t *testing.T) {
	html := strings.Repeat("<p>Notice what you feel.</p>\n", 40)
	var made atomic.Int32
	b := Later(func() *Body {
		made.Add(1)
		return NewBody([]byte(html))
	})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch g % 4 {
			case 0:
				if b.String() != html {
					t.Error("String gave other HTML")
				}
			case 1:
				if string(b.AppendTo(nil)) != html {
					t.Error("AppendTo gave other HTML")
				}
			case 2:
				if b.Len() != len(html) || !b.Packed() {
					t.Error("Len or Packed is not the made Body's")
				}
			case 3:
				if !b.Equal(NewBody([]byte(html))) || b.Equal(NewBody([]byte(html+"x"))) {
					t.Error("Equal does not compare the made HTML")
				}
			}
		}()
	}
	wg.Wait()
	if made.Load() != 1 {
		t.Errorf("the HTML was made %d times, want once", made.Load())
	}
	if empty := Later(func() *Body { return nil }); empty.Len() != 0 || empty.String() != "" || !empty.Equal(nil) {
		t.Error("a Body made empty Later is not empty")
	}
	failing := Later(func() *Body { panic("no HTML") })
	for range 2 { // the first read, and one after
		func() {
			defer func() {
				if r := recover(); r != "no HTML" {
					t.Errorf("reading a Body whose make panicked gave %v, want its panic", r)
				}
			}()
			_ = failing.String()
		}()
	}
}

// footnoteIDsPlain is footnoteIDs as it was first written: each prefix looked for in turn.
func footnoteIDsPlain(h []byte) []string {
	var out []string
	for _, pre := range []string{`id="fn:`, `id="fnref:`} {
		s := string(h)
		for {
			i := strings.Index(s, pre)
			if i < 0 {
				break
			}
			s = s[i+4:]
			j := strings.IndexByte(s, '"')
			if j < 0 {
				break
			}
			out = append(out, s[:j])
			s = s[j:]
		}
	}
	return out
}

var footnoteHTML = []string{
	"", `<p>no notes: a:b id="x" id="fn" id="fnx:1"</p>`,
	`<sup id="fnref:1"><a href="#fn:1">1</a></sup><li id="fn:1">n <a href="#fnref:1">↩</a></li>`,
	`<li id="fn:a:b">x</li><li id="fnref:2">`, `id="fn:unclosed`, `id="fnref:1" id="fn:2`, `id="fn:1 id="fnref:2"`,
	`xid="fn:1" id="fn:" id="fnref:" id="fn::" :id="fn:x"`, `id="fn:id="fnref:x"`, `id="fn:id="fn:"`, `id="fnref:id="fnref:"`, `id="fnref:id="fn:a"`, `id="fn:😀" id="fnref:日本"`,
}

// TestFootnoteIDsAtColons: looking at the colons finds the ids the plain way finds.
func TestFootnoteIDsAtColons(t *testing.T) {
	found := 0
	for _, h := range footnoteHTML {
		found += len(checkFootnoteIDs(t, h))
	}
	if found < 10 {
		t.Errorf("the cases have %d footnote ids; they should have more", found)
	}
}

func checkFootnoteIDs(t *testing.T, h string) []string {
	got, want := footnoteIDs([]byte(h)), footnoteIDsPlain([]byte(h))
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%q: footnoteIDs gives %q, the plain way %q", h, got, want)
	}
	return want
}

func FuzzFootnoteIDs(f *testing.F) {
	for _, h := range footnoteHTML {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, h string) { checkFootnoteIDs(t, h) })
}

// A Spill that Holds keeps pages in memory until what it holds is full, and the rest in its
// file: each comes back as written, from many goroutines at once, the file has only the
// pages that did not fit, and a page held is not read after Close (a panic, not bytes of
// memory given back).
func TestSpillHoldsPagesInMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("a Spill holds pages in memory on Linux only (region.Map)")
	}
	s := tempSpill(t)
	const pages, workers = 300, 4
	html := make([]string, pages)
	for i := range html {
		html[i] = strings.Repeat(fmt.Sprintf("<p>Page %d: what you notice.</p>\n", i), i%7+1)
	}
	s.Hold(20 << 10)
	kept := writeFrom(s, html, workers)
	inMemory, inFile := 0, 0
	var held *Body
	for i, b := range kept {
		k := b.at.Load()
		if k.held {
			inMemory += len(html[i])
			held = b
		} else {
			inFile += len(html[i])
		}
		if !b.Packed() || b.Len() != len(html[i]) {
			t.Errorf("page %d: Packed %v, Len %d", i, b.Packed(), b.Len())
		}
	}
	if inMemory == 0 || inMemory > 20<<10 || inFile == 0 {
		t.Fatalf("%d bytes held in memory (room for %d), %d in the file", inMemory, 20<<10, inFile)
	}
	fi, err := s.f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if n := fi.Size() + int64(len(s.pending)); n != int64(inFile) {
		t.Errorf("the file and the chunk pending for it hold %d bytes; the pages not held are %d", n, inFile)
	}
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			buf := []byte("x")
			for i := g; i < pages; i += workers {
				if got := kept[i].String(); got != html[i] {
					t.Errorf("page %d came back as %q", i, got)
				}
				if buf = kept[i].AppendTo(buf[:1]); string(buf) != "x"+html[i] {
					t.Errorf("page %d appended as %q", i, buf)
				}
				if !kept[i].Equal(NewBody([]byte(html[i]))) {
					t.Errorf("page %d is not Equal to itself compressed", i)
				}
			}
		})
	}
	wg.Wait()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a page held in memory was read after Close")
			}
		}()
		_ = held.String()
	}()
	if b := s.Write([]byte(html[0])); b != nil {
		t.Errorf("a closed Spill took a page: %+v", b.at.Load())
	}
}

// writeFrom writes every page of html into s from workers goroutines at once, each taking
// every workers-th page, and returns the pages' Bodies in html's order.
func writeFrom(s *Spill, html []string, workers int) []*Body {
	kept := make([]*Body, len(html))
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			for i := g; i < len(html); i += workers {
				kept[i] = s.Write([]byte(html[i]))
			}
		})
	}
	wg.Wait()
	return kept
}

// tempSpill returns a new Spill whose file is in the test's temporary folder.
func tempSpill(t *testing.T) *Spill {
	t.Helper()
	t.Setenv("TMPDIR", t.TempDir())
	s, err := NewSpill()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
