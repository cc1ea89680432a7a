// Package fault lets tests make a stage of the build pipeline fail in ways no input can,
// such as a panic in a worker, to show that the failure stays a problem with a place.
package fault

import "sync/atomic"

var hook atomic.Pointer[func(stage, name string)]

// Set makes every Point call f until the returned function is called. Tests that use it
// must not run in parallel with other builds.
func Set(f func(stage, name string)) (reset func()) {
	hook.Store(&f)
	return func() { hook.Store(nil) }
}

// Point is a place in the pipeline where a test may inject a fault: stage names the step
// ("read", "convert", "render"...), name the file or output it works on.
func Point(stage, name string) {
	if f := hook.Load(); f != nil {
		(*f)(stage, name)
	}
}
