//go:build !linux

package markdown

import "os"

// inMemory says no file is known to be in memory where it has not been measured.
func inMemory(f *os.File) bool { return false }
