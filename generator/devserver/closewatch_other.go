//go:build !linux

package devserver

// closeWatch is Linux's signal that a save is over (see closewatch_linux.go); elsewhere the
// batcher's quiet window alone ends a save.
type closeWatch struct{}

func newCloseWatch() *closeWatch            { return nil }
func (c *closeWatch) events() <-chan string { return nil }
func (c *closeWatch) add(string)            {}
func (c *closeWatch) close()                {}
