package swar

import (
	"encoding/binary"
	"testing"
)

// TestZero: Zero finds a zero byte at every place of eight, whatever the other bytes, and
// finds none where there is none.
func TestZero(t *testing.T) {
	for fill := range 256 {
		if fill == 0 {
			continue
		}
		var b [8]byte
		for i := range b {
			b[i] = byte(fill)
		}
		if Zero(binary.LittleEndian.Uint64(b[:]))&High != 0 {
			t.Fatalf("Zero(% x) finds a zero byte", b)
		}
		for at := range 8 {
			b[at] = 0
			if Zero(binary.LittleEndian.Uint64(b[:]))&High == 0 {
				t.Fatalf("Zero(% x) misses its zero byte", b)
			}
			b[at] = byte(fill)
		}
	}
}
