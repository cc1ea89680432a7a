//go:build !linux

package main

import "time"

// coreTimes is known on Linux only (cores_linux.go): elsewhere the stage lines leave it out.
func coreTimes() (waited, idle time.Duration, ok bool) { return 0, 0, false }
