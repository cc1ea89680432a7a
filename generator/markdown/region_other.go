//go:build !linux

package markdown

// newRegion gives no memory where it has not been measured (see region_linux.go): a Spill
// that Holds keeps every page in its file there, as before. In Go's heap the region would
// count whole against the collector's target and limit from the start.
func newRegion(n int) (mem []byte, free func()) {
	return nil, nil
}
