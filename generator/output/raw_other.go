//go:build !linux

package output

import (
	"errors"
	"io/fs"
	"os"
)

// rawDir is the fast way into a folder where the system has one (raw_linux.go); here
// openRaw returns nil and every operation goes through os.Root.
type rawDir struct{}

func openRaw(*os.Root, string) *rawDir { return nil }

func (*rawDir) writeFile(string, []byte) error     { panic("output: no rawDir on this system") }
func (*rawDir) mkdir(string) error                 { panic("output: no rawDir on this system") }
func (*rawDir) same(string, []byte, []byte) bool   { panic("output: no rawDir on this system") }
func (*rawDir) lstat(string) (fs.FileMode, error)  { panic("output: no rawDir on this system") }
func (*rawDir) swap(string, *rawDir, string) error { panic("output: no rawDir on this system") }
func (*rawDir) close()                             {}

var errNoSwap = errors.New("output: this filesystem cannot swap two files")
