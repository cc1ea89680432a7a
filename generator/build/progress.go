package build

import "sync/atomic"

// progress says how far a build is, for the progress line "between build" shows on a
// terminal; it is read from another goroutine while the build runs.
type progress struct {
	stage       atomic.Pointer[string]
	done, total atomic.Int64
}

func (p *progress) start(stage string, total int) {
	p.stage.Store(&stage)
	p.done.Store(0)
	p.total.Store(int64(total))
}

func (p *progress) step() { p.done.Add(1) }

// Progress tells what the running build does ("rendering"), how many of its files that
// stage has done and of how many; it may be called from any goroutine.
func (b *Builder) Progress() (stage string, done, total int) {
	if s := b.prog.stage.Load(); s != nil {
		stage = *s
	}
	return stage, int(b.prog.done.Load()), int(b.prog.total.Load())
}
