//go:build !linux

package main

// adviseHugePages does nothing but on Linux, where Go's heap does not ask for large pages
// and the system gives them only when asked.
func adviseHugePages(n int) (start, end uintptr) { return 0, 0 }
