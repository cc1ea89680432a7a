//go:build !unix

package devserver

import "time"

// cpuTime is not measured here: the benchmark's CPU figure reads 0.
func cpuTime() time.Duration { return 0 }
