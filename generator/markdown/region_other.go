//go:build !linux

package markdown

// newRegion is memory for a Spill's Hold: in Go's heap, where a mapping outside it is not
// made (see region_linux.go), let go with the Spill.
func newRegion(n int) (mem []byte, free func()) {
	return make([]byte, n), func() {}
}
