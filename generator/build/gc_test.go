package build

import (
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/between-ssg/between/internal/fault"
)

func TestRenderGCPercent(t *testing.T) {
	for _, c := range []struct {
		old        int
		live, held int64
		want       int
	}{
		{100, 200 << 20, 90 << 20, 55}, // what is live besides the HTML
		{200, 200 << 20, 100 << 20, 100},
		{100, 200 << 20, 190 << 20, 25}, // never below a quarter
		{100, 200 << 20, 0, 100},        // nothing held as it is
		{100, 0, 0, 100},                // no collection yet
		{100, 50 << 20, 60 << 20, 100},  // the HTML held is not all live (some went)
		{-1, 200 << 20, 90 << 20, -1},   // GOGC=off stays off
	} {
		if got := renderGCPercent(c.old, c.live, c.held); got != c.want {
			t.Errorf("renderGCPercent(%d, %d, %d) = %d, want %d", c.old, c.live, c.held, got, c.want)
		}
	}
}

// gcSink notes the collector's target while each page is written.
type gcSink struct {
	mapSink
	mu  sync.Mutex
	pct []int
}

func (g *gcSink) Write(name string, data []byte) error {
	if strings.HasSuffix(name, ".html") {
		g.mu.Lock()
		pct := debug.SetGCPercent(100)
		debug.SetGCPercent(pct)
		g.pct = append(g.pct, pct)
		g.mu.Unlock()
	}
	return g.mapSink.Write(name, data)
}

// A streamed build holds every page's HTML while rendering: the collector's target is
// lowered for those pages' garbage alone meanwhile, and put back after.
func TestBuildToLowersTheGCTargetWhileRendering(t *testing.T) {
	root := writeSite(t, smallSite())
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	b := newBuilder(root)
	// Enough live heap besides the HTML for the test to see the change, whatever ran before.
	keep := make([][]byte, 0, 64)
	for range 64 {
		keep = append(keep, make([]byte, 1<<20))
	}
	runtime.GC() // the live heap is as of the last collection
	sink := &gcSink{}
	if _, err := b.BuildTo(sink); err != nil {
		t.Fatal(err)
	}
	_ = keep[63]
	if len(sink.pct) == 0 {
		t.Fatal("no page written")
	}
	for _, p := range sink.pct {
		if p >= 100 {
			t.Fatalf("GOGC %d while pages rendered, want below 100 (all: %v)", p, sink.pct)
		}
	}
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("GOGC %d after the build, want 100 again", p)
	}
}

// Two streamed builds at once leave the collector's target as it was before either.
func TestBuildToAtOnceLeaveTheGCTargetAlone(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	var wg sync.WaitGroup
	for range 4 {
		root := writeSite(t, smallSite())
		wg.Go(func() {
			for range 5 {
				if _, err := newBuilder(root).BuildTo(&mapSink{}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("GOGC %d after builds at once, want 100 again", p)
	}
}

func TestConvertGCPercent(t *testing.T) {
	for _, c := range []struct {
		old        int
		live, room int64
		want       int
	}{
		{100, 16 << 20, convertRoom, 400}, // little live: room of convertRoom
		{100, 64 << 20, convertRoom, 100}, // as much live as the room: as set
		{100, 200 << 20, convertRoom, 100},
		{50, 16 << 20, convertRoom, 200}, // GOGC=50 halves the room
		{100, 0, convertRoom, 6400},      // no collection yet: as if a MB were live
		{300, 16 << 20, convertRoom, 1200},
		{100, 200 << 20, 800 << 20, 400}, // 100,000 pages' room
		{100, 900 << 20, 800 << 20, 100},
	} {
		if got := convertGCPercent(c.old, c.live, c.room, 0); got != c.want {
			t.Errorf("convertGCPercent(%d, %d, %d) = %d, want %d", c.old, c.live, c.room, got, c.want)
		}
	}
	// With the pages' HTML held, the room is what is live besides it, or convertRoom when
	// that is more.
	for _, c := range []struct {
		live, held int64
		want       int
	}{
		{16 << 20, 8 << 20, 400},    // little live: convertRoom still
		{128 << 20, 96 << 20, 50},   // 10,000 pages near the end: convertRoom, not 128 MB
		{256 << 20, 64 << 20, 75},   // live besides the HTML over convertRoom
		{128 << 20, 128 << 20, 100}, // held from a later moment than live: as set
	} {
		if got := convertGCPercent(100, c.live, convertRoom, c.held); got != c.want {
			t.Errorf("convertGCPercent(100, %d, convertRoom, %d) = %d, want %d", c.live, c.held, got, c.want)
		}
	}
}

// While a streamed build converts, the collector's target gives the garbage room, and it is
// put back after, for rendering to lower it from there.
func TestBuildToRaisesTheGCTargetWhileConverting(t *testing.T) {
	root := writeSite(t, smallSite())
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	var seen []int
	defer fault.Set(func(stage, name string) {
		if stage == "converting" {
			pct := debug.SetGCPercent(100)
			debug.SetGCPercent(pct)
			seen = append(seen, pct) // one worker at a time on one core
		}
	})()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if _, err := newBuilder(root).BuildTo(&mapSink{}); err != nil {
		t.Fatal(err)
	}
	if len(seen) == 0 || slices.ContainsFunc(seen, func(p int) bool { return p <= 100 }) {
		t.Errorf("GOGC while converting: %v, want above 100 with little live", seen)
	}
	if now := debug.SetGCPercent(100); now != 100 {
		t.Errorf("GOGC after the build: %d, want 100 as it was", now)
	}
}

func TestUnderLimit(t *testing.T) {
	for _, c := range []struct{ room, live, limit, want int64 }{
		{800 << 20, 100 << 20, math.MaxInt64, 800 << 20}, // no limit
		{800 << 20, 100 << 20, 1536 << 20, 800 << 20},    // within two thirds of it
		{800 << 20, 500 << 20, 1536 << 20, 524 << 20},    // up to two thirds of it
		{800 << 20, 1000 << 20, 1536 << 20, convertRoom}, // never below convertRoom
		{convertRoom, 1000 << 20, 1536 << 20, convertRoom},
	} {
		if got := underLimit(c.room, c.live, c.limit); got != c.want {
			t.Errorf("underLimit(%d MB, %d MB, %d) = %d MB, want %d MB", c.room>>20, c.live>>20, c.limit, got>>20, c.want>>20)
		}
	}
}

// A large library's garbage gets room for each of its pages while it converts: at
// 100,000 pages, more than 64 MB whatever is live, so that the collector does not mark
// the growing heap every time converting has made a tenth more of it.
func TestGCWhileConvertingGivesRoomPerPage(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	runtime.GC()
	live, ok := liveHeap()
	if !ok {
		t.Skip("the runtime does not report the live heap")
	}
	for _, c := range []struct {
		files int
		room  int64
	}{
		{10, convertRoom},
		{100_000, 100_000 * convertRoomPerPage},
	} {
		b := &Builder{sink: &mapSink{}}
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64)) // the test's own: none
		_, restore := b.gcWhileConverting(c.files)
		got := debug.SetGCPercent(100)
		restore()
		after, _ := liveHeap() // a collection meanwhile changes what is live
		if want := convertGCPercent(100, live, c.room, 0); got != want && got != convertGCPercent(100, after, c.room, 0) ||
			c.files > 10 && got <= convertGCPercent(100, min(live, after), convertRoom, 0) {
			t.Errorf("%d files: GOGC %d while converting, want %d", c.files, got, want)
		}
		live = after
		if now := debug.SetGCPercent(100); now != 100 {
			t.Errorf("%d files: GOGC %d after, want 100 as it was", c.files, now)
		}
	}
}
