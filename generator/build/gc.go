package build

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// gcTuning is held by the one build whose rendering has the collector's target lowered:
// the setting is the process's, and two builds at once (tests, a program using the
// package) would otherwise put back each other's lowered value and leave it so.
var gcTuning sync.Mutex

// gcWhileRendering lowers the collector's target while a streamed build renders, and
// returns what puts it back. By then every page's HTML is held as it is (memoryBudget):
// half of the live heap at 10,000 pages, and none of it garbage. The collector lets the
// heap grow by as much as is live (GOGC=100) before it collects again, so that HTML
// doubled the build's peak: 80 MB more memory touched, for nothing, while the pages
// render. Growing by what is live besides the held HTML gives the render's garbage the
// same room, with a peak lower by about the HTML's size. A build of several languages,
// whose parts render at once, leaves the collector as it is.
func (b *Builder) gcWhileRendering() (restore func()) {
	if b.lang != nil || b.mem == nil || !gcTuning.TryLock() {
		return func() {}
	}
	size := b.memSize
	if size == 0 {
		size = memoryBudget
	}
	held := size - b.mem.Left()
	live, ok := liveHeap()
	if !ok {
		gcTuning.Unlock()
		return func() {}
	}
	old := debug.SetGCPercent(100)
	debug.SetGCPercent(renderGCPercent(old, live, held))
	return func() {
		debug.SetGCPercent(old)
		gcTuning.Unlock()
	}
}

// renderGCPercent is the GOGC for rendering when live bytes are live, held of them the
// pages' HTML, and old the GOGC set (by the environment): old scaled to what is live
// besides the HTML, and never below a quarter of it, which would collect too often.
func renderGCPercent(old int, live, held int64) int {
	if old <= 0 || live <= 0 || held <= 0 || held >= live {
		return old
	}
	pct := int(int64(old) * (live - held) / live)
	return max(pct, old/4, 1)
}

// convertRoom is how much garbage, at GOGC=100, reading and converting may make between
// two collections while little is live. A streamed build starts with next to nothing live
// and converting makes garbage fast (goldmark: 50 KB a page), so the collector's usual
// room, as much again as is live, had it collect two dozen times at 10,000 pages, six
// more than when every file was read first and held until converted (which made the room
// larger). The heap grows no larger than it does anyway by the end of converting.
const convertRoom = 64 << 20

// convertRoomPerPage is the room a library gets for each of its pages, when that is more
// than convertRoom. What converting keeps of a page (its model page, headings, front
// matter: about 6 KB) is an eighth of the garbage it makes, so with room only as large as
// what is live the live heap grew by a tenth from one collection to the next: at 100,000
// pages, 31 collections while converting, which marked 5.6 GB between them (GODEBUG=
// gctrace=1). Rendering holds about 15 KB a page at its peak (the search index, the model,
// the pages rendering), so memory that converting's garbage takes up to there is memory
// the build touches anyway: with 8 KB a page (within two thirds of the memory limit,
// underLimit), 100,000 pages convert with 6 collections that mark 2.3 GB, and the peak
// stays rendering's. Without that bound, the collector's marking fell from 8.3% of the
// build's CPU samples to 4.3% (perf), but the runtime gave back memory near the limit
// that rendering then faulted in again: 62,000-84,000 page faults instead of 11,000.
const convertRoomPerPage = 8 << 10

// gcWhileConverting raises the collector's target while a streamed build reads and
// converts the pages of files files, so that its garbage has at least convertRoom, or
// convertRoomPerPage a file, before each collection, and returns what sets it again as the
// live heap grows (adjust, called now and then) and what puts it back. Like
// gcWhileRendering, it leaves the collector alone in a library of several languages and
// when another build tunes it.
func (b *Builder) gcWhileConverting(files int) (adjust, restore func()) {
	noop := func() {}
	if b.sink == nil || b.lang != nil || !gcTuning.TryLock() {
		return noop, noop
	}
	old := debug.SetGCPercent(100)
	debug.SetGCPercent(old)
	if old <= 0 {
		gcTuning.Unlock()
		return noop, noop
	}
	room := max(convertRoom, convertRoomPerPage*int64(files))
	var mu sync.Mutex
	adjust = func() {
		mu.Lock()
		defer mu.Unlock()
		if live, ok := liveHeap(); ok {
			debug.SetGCPercent(convertGCPercent(old, live, underLimit(room, live, debug.SetMemoryLimit(-1)), b.heldHTML()))
		}
	}
	adjust()
	return adjust, func() {
		debug.SetGCPercent(old)
		gcTuning.Unlock()
	}
}

// underLimit is room, or less so that live and room stay within two thirds of Go's soft
// memory limit (never less than convertRoom): near the limit, the runtime gives memory
// back to the system that the build soon takes again, a page fault for each 4 KB.
func underLimit(room, live, limit int64) int64 {
	if limit <= 0 || limit == math.MaxInt64 {
		return room
	}
	return max(convertRoom, min(room, limit/3*2-live))
}

// liveHeap is the bytes the last collection found live, when the runtime says.
func liveHeap() (int64, bool) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0, false
	}
	return int64(sample[0].Value.Uint64()), true
}

// convertGCPercent is the GOGC for reading and converting when live bytes are live, held
// of them the pages' HTML, and old the GOGC set: old scaled to what is live besides the
// HTML (renderGCPercent), or more while live is small, for garbage room bytes (scaled as
// old scales it). Once more is live than room, old alone let the heap grow by the held
// HTML too: at 10,000 pages to 250 MB at the end of converting, 75 MB over what rendering
// needs (GODEBUG=gctrace=1).
func convertGCPercent(old int, live, room, held int64) int {
	room = int64(old) * room / 100
	return max(renderGCPercent(old, live, held), int(100*room/max(live, 1<<20)))
}

// heldHTML is how much of the budget holds the pages' HTML while converting, when the
// whole library's fits in it (a larger library holds a budget's worth at most, and its
// collector is tuned by the memory limit): 0 otherwise.
func (b *Builder) heldHTML() int64 {
	if b.mem == nil || b.mem.Short() {
		return 0
	}
	size := b.memSize
	if size == 0 {
		size = memoryBudget
	}
	return size - b.mem.Left()
}
