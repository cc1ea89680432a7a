//go:build !unix

package main

import "time"

// peakRSS and cpuTime are for BETWEEN_STAGES; where the system gives no resource usage
// the stage lines show zero rather than the command failing to build.
func peakRSS() int64         { return 0 }
func cpuTime() time.Duration { return 0 }
