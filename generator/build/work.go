package build

import (
	"fmt"
	"path"
	"runtime"
	"runtime/debug"
	"strings"

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
	w.g.Go(func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = &panicked{diag.List{{File: file, Msg: fmt.Sprintf(
					"internal error in Between while %s this file (please report it, with the file): %v%s", w.stage, r, where())}}}
			}
		}()
		fault.Point(w.stage, file)
		return fn()
	})
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
