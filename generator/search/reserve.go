package search

import (
	"runtime"
	"sync"

	"github.com/between-ssg/between/internal/region"
)

// Reserve is memory for the postings of an index to come, made ready ahead (Fill) by a
// goroutine with a core to spare. The postings' regions are fresh memory, which the system
// gives a page at a time as it is first written: at 10,000 pages those faults were a tenth
// of the index's time (perf, 3 builds into tmpfs: 78 of its 714 samples, under
// postings.write), taken while the pages render and both cores are busy. A build fills a
// reserve while it assembles the site, which leaves a core idle much of the time, and the
// index takes its regions first.
type Reserve struct{ *reserve }

// reserve is a Reserve's state, apart, so that its cleanup can free it.
type reserve struct {
	mu     sync.Mutex
	ready  []reserved // mapped and populated, not taken
	closed bool
}

type reserved struct {
	mem  []byte
	free func()
}

// NewReserve returns an empty reserve. What is left in it is freed by Close, or once the
// reserve is unreachable.
func NewReserve() *Reserve {
	r := &Reserve{&reserve{}}
	runtime.AddCleanup(r, (*reserve).close, r.reserve)
	return r
}

// ReserveFor is about what the postings of pages pages take: 17 MB at 10,000 pages of the
// generated library (1,400 words a page), less for shorter pages; and no more than
// maxReserve. Too little leaves the rest to be given as it is written, as without a
// reserve; too much is memory populated for nothing, freed by Close: a library of many
// short pages must not have hundreds of megabytes populated for it.
func ReserveFor(pages int) int { return min(pages*1500, maxReserve) }

const maxReserve = 64 << 20

// Fill maps and populates regions until the reserve holds n bytes or is closed, on the
// goroutine that calls it. Postings that fit in less than a region get none.
func (r *Reserve) Fill(n int) {
	for made := 0; made+regionSize <= n; made += regionSize {
		r.mu.Lock()
		closed := r.closed
		r.mu.Unlock()
		if closed {
			return
		}
		mem, free := region.Map(regionSize)
		if mem == nil {
			return
		}
		region.Populate(mem)
		r.mu.Lock()
		if r.closed {
			r.mu.Unlock()
			free()
			return
		}
		r.ready = append(r.ready, reserved{mem, free})
		r.mu.Unlock()
	}
}

// take returns a populated region of the reserve, with its free, which the caller then
// owns; ok is false when none is ready.
func (r *Reserve) take() (mem []byte, free func(), ok bool) {
	if r == nil {
		return nil, nil, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.ready) == 0 {
		return nil, nil, false
	}
	x := r.ready[0]
	r.ready = r.ready[1:]
	return x.mem, x.free, true
}

// Close frees what is left in the reserve, and stops a Fill.
func (r *Reserve) Close() {
	if r != nil {
		r.close()
	}
}

func (r *reserve) close() {
	r.mu.Lock()
	ready := r.ready
	r.ready, r.closed = nil, true
	r.mu.Unlock()
	for _, x := range ready {
		x.free()
	}
}
