//go:build amd64 && !purego

package search

import "golang.org/x/sys/cpu"

// scanWords is scanWordsGo, in scanwords_amd64.s.
//
//go:noescape
func scanWords(text *byte, i, end, last int, table *aslot, mask uint64, seen *pterm, nseen int, rank, first int32, stamp uint32) (int, int, int32)

// scanWays are the ways of scanWords this processor has: SSE2, which every amd64 has;
// AVX2 where it has AVX2, BMI1 and BMI2; AVX-512 where it has AVX-512 BW and VL too.
// scanWay is the way taken: the last of them. The tests and benchmarks set it to each.
var scanWays = func() []uint8 {
	ways := []uint8{waySSE2}
	if cpu.X86.HasAVX2 && cpu.X86.HasBMI1 && cpu.X86.HasBMI2 {
		ways = append(ways, wayAVX2)
		if cpu.X86.HasAVX512BW && cpu.X86.HasAVX512VL {
			ways = append(ways, wayAVX512)
		}
	}
	return ways
}()

var scanWay = scanWays[len(scanWays)-1]
