package build

import (
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
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		gcTuning.Unlock()
		return func() {}
	}
	live := int64(sample[0].Value.Uint64())
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
