package build

import (
	"fmt"
	"path"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/internal/fault"
)

// workers runs the per-file work of one pipeline stage on every core.
type workers struct {
	g     errgroup.Group
	stage string // what the workers do, in words for a problem: "converting", "rendering"
}

func newWorkers(stage string) *workers {
	w := &workers{stage: stage}
	w.g.SetLimit(runtime.GOMAXPROCS(0))
	return w
}

// Go runs fn for file (a content file, or the layout of an output). A panic in fn, a bug
// of ours that some file brings out, becomes a problem naming that file: the build fails
// like any other, and the dev server goes on serving the last good build, where a panic in
// a goroutine of its own would end the whole process.
func (w *workers) Go(file string, fn func() error) {
	w.g.Go(func() error { return w.run(file, fn) })
}

// run runs fn for file, its panic made a problem naming the file.
func (w *workers) run(file string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &panicked{diag.List{{File: file, Msg: fmt.Sprintf(
				"internal error in Between while %s this file (please report it, with the file): %v%s", w.stage, r, where())}}}
		}
	}()
	fault.Point(w.stage, file)
	return fn()
}

// Each runs fn(i) for every i below n, as Go(file(i), ...) would, but from one goroutine
// per core that takes the items in turn. Rendering a page runs deep in text/template: a
// new goroutine per page grew its stack anew, by copying, for every page (a tenth of the
// templates' time). After an error the items not yet started are skipped.
func (w *workers) Each(n int, file func(i int) string, fn func(i int) error) {
	var next atomic.Int64
	var failed atomic.Bool
	for range min(n, runtime.GOMAXPROCS(0)) {
		w.g.Go(func() error {
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return nil
				}
				if err := w.run(file(i), func() error { return fn(i) }); err != nil {
					failed.Store(true)
					return err
				}
			}
			return nil
		})
	}
}

// panicked is the error of a worker that panicked. What the builder keeps may be half
// updated then, so its next build starts afresh.
type panicked struct{ list diag.List }

func (p *panicked) Error() string { return p.list.Error() }
func (p *panicked) Unwrap() error { return p.list }

// Wait waits for every fn and returns the first error.
func (w *workers) Wait() error { return w.g.Wait() }

// where names the function that panicked and its line, for the report: the first frame
// after the panic that is not the runtime's.
func where() string {
	lines := strings.Split(string(debug.Stack()), "\n")
	for i, line := range lines {
		if !strings.HasPrefix(line, "panic(") {
			continue
		}
		for j := i + 2; j+1 < len(lines); j += 2 {
			fn := lines[j]
			if strings.HasPrefix(fn, "runtime.") {
				continue
			}
			if k := strings.LastIndex(fn, "("); k > 0 {
				fn = fn[:k]
			}
			at := strings.TrimSpace(lines[j+1])
			if k := strings.LastIndex(at, " +"); k > 0 {
				at = at[:k]
			}
			return fmt.Sprintf(" in %s (%s)", fn, path.Base(at))
		}
	}
	return ""
}
