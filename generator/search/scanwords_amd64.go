//go:build amd64 && !purego

package search

import "golang.org/x/sys/cpu"

// scanWords is scanWordsGo, in scanwords_amd64.s.
//
//go:noescape
func scanWords(text *byte, i, end, last int, table *aslot, mask uint64, seen *pterm, nseen int, rank, first int32) (int, int, int32)

// scanAVX512 says that scanWords takes its AVX-512 way (its SSE2 way else). The tests set
// it to check both ways.
var scanAVX512 = cpu.X86.HasAVX512BW && cpu.X86.HasAVX512VL && cpu.X86.HasBMI1 && cpu.X86.HasBMI2
