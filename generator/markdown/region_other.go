//go:build !linux

package markdown

import "os"

// newRegion gives no memory where it has not been measured (see region_linux.go): a Spill
// that Holds keeps every page in its file there, as before. In Go's heap the region would
// count whole against the collector's target and limit from the start.
func newRegion(n int) (mem []byte, free func()) {
	return nil, nil
}

// inMemory says no file is known to be in memory where it has not been measured.
func inMemory(f *os.File) bool { return false }
