package main

import (
	"bytes"
	"os"
	"strconv"
	"time"
)

// coreTimes is how long, so far, the process's threads have waited for a core while ready
// to run (their run-queue delay), and how long the machine's cores have been idle, both
// summed over threads and cores; ok is false where /proc does not say. BETWEEN_STAGES
// shows them beside a stage's CPU time: on a machine shared with other work, a stage using
// less than every core either left cores idle (nothing of the build could run: it waited
// for a lock, the disk, another stage) or had cores taken by other processes while its
// threads waited for them, and only the second is not the build's to fix. A 100,000-page
// build converting at 72-152% of two cores was the second: the cores were idle 0-1% of
// that time, and other processes used what the build did not.
func coreTimes() (waited, idle time.Duration, ok bool) {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return 0, 0, false
	}
	for _, t := range tasks {
		data, err := os.ReadFile("/proc/self/task/" + t.Name() + "/schedstat")
		if err != nil {
			continue // a thread gone since the listing
		}
		w, ok := runDelay(data)
		if !ok {
			return 0, 0, false
		}
		waited += w
	}
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, false
	}
	idle, ok = idleTime(data)
	return waited, idle, ok
}

// runDelay reads a thread's schedstat: the time it ran, the time it waited on a run
// queue, and how many times it ran, the first two in nanoseconds.
func runDelay(schedstat []byte) (time.Duration, bool) {
	f := bytes.Fields(schedstat)
	if len(f) < 2 {
		return 0, false
	}
	ns, err := strconv.ParseInt(string(f[1]), 10, 64)
	return time.Duration(ns), err == nil
}

// userHZ is the unit of /proc/stat's times: a hundredth of a second on every architecture
// Linux runs on, whatever the kernel's own tick.
const userHZ = 100

// idleTime reads the first line of /proc/stat, every core's times summed: idle is its
// fourth field and time waiting for the disk with nothing to run (iowait) its fifth.
func idleTime(stat []byte) (time.Duration, bool) {
	line, _, _ := bytes.Cut(stat, []byte("\n"))
	f := bytes.Fields(line)
	if len(f) < 6 || string(f[0]) != "cpu" {
		return 0, false
	}
	var ticks int64
	for _, s := range f[4:6] {
		n, err := strconv.ParseInt(string(s), 10, 64)
		if err != nil {
			return 0, false
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / userHZ, true
}
