package main

import (
	"testing"
	"time"
)

func TestRunDelay(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"1520003412 73100215 9012\n", 73100215, true},
		{"5 0 1", 0, true},
		{"5", 0, false},
		{"5 x 1", 0, false},
		{"", 0, false},
	} {
		got, ok := runDelay([]byte(c.in))
		if got != c.want || ok != c.ok {
			t.Errorf("runDelay(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestIdleTime(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		// user nice system idle iowait irq softirq steal: idle and iowait count.
		{"cpu  1228583 4430 467736 523650 12803 0 6462 0 0 0\ncpu0 614291 2215 233868 261825 6401 0 3231 0 0 0\n", 5364530 * time.Millisecond, true},
		{"cpu0 1 2 3 4 5 6\n", 0, false}, // one core's line, not the sum
		{"cpu 1 2 3 4\n", 0, false},
		{"cpu 1 2 3 x 5 6\n", 0, false},
		{"", 0, false},
	} {
		got, ok := idleTime([]byte(c.in))
		if got != c.want || ok != c.ok {
			t.Errorf("idleTime(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// The process's own figures are read on Linux: the stage lines show them.
func TestCoreTimes(t *testing.T) {
	w1, i1, ok := coreTimes()
	if !ok {
		t.Fatal("coreTimes: /proc/self/task and /proc/stat not read")
	}
	w2, i2, ok := coreTimes()
	if !ok || w1 < 0 || i2 < i1 || w2 < 0 {
		t.Errorf("coreTimes: waited %v then %v, idle %v then %v (ok %v)", w1, w2, i1, i2, ok)
	}
}
