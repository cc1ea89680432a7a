//go:build unix

package output

import (
	"errors"
	"syscall"
)

// gone reports whether no process pid runs any more, so that a staging folder it left (it
// was killed half way) may be removed.
func gone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
