package search

import (
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// The ways of scanWords (scanWay), which scanwords_amd64.s tells by these numbers.
const (
	waySSE2 uint8 = iota // and the Go, where there is no assembly
	wayAVX2
	wayAVX512
)

// scanWords is the loop that splits, hashes and counts most words of a library: those of
// ASCII letters and digits, shorter than 16 bytes, each followed by the text's end or by an
// ASCII byte that separates words (not an apostrophe), that the analyser has met before.
//
// It reads text[i:end] word by word, 16 bytes from each word's start, while i <= last (so
// 16 bytes can be read: last is len(text)-16, or less). A word's term is looked up in
// table (mask is its length - 1, a power of two) by its hash (hashShort), and counted in
// seen as analyser.count does: a term whose slot has the page's stamp (stamp: the page
// has it, at the place the slot names) gets tf+1, the larger rank and the smaller first
// position; another is added at seen[nseen], which has room for every word, and its slot
// stamped. nseen+(end-i) is below seenLimit (scanIn sees to it), so that every slot can
// name its entry. first is the biased position of the word at hand. It stops at end, at a word it does not take (the start of that word) and at a byte
// that is neither a word's nor an ASCII separator, and returns where it stopped, nseen and
// first there.
//
// seen has room for end-i more terms (scanIn gives it that), which the assembly may read.
//
// On amd64 it is written in assembly (scanwords_amd64.s), from this Go, which other
// processors run (and amd64 with -tags purego), and which TestScanWords checks it against.
// It has three ways, chosen at run time by what the processor has (scanWay): SSE2, which
// every amd64 has, AVX2 (with BMI1 and BMI2) and AVX-512. The AVX2 and AVX-512 ways
// classify 64 bytes at once into bitmasks and walk the words in them, so that a run of
// separators costs nothing and a word's length is not a classification of 16 bytes from
// its start; they differ only in how they classify. Against the SSE2 way on the 10k
// library's texts (BenchmarkScanWords, the ways one after the other in one process):
// AVX-512 took 22-24% less CPU a word (15 runs, on the machine that had it), AVX2 21%
// less on an AMD Zen 3 (the median of 14 runs, 14-40%). In builds of the 10k library on
// that Zen 3 the AVX2 way took 21% fewer samples of scanWords (perf, the median of 9 pairs
// of builds, the binaries alternated): there the loop waits on its table more.
// What follows is of the SSE2 way.
// Compiled, this Go kept half of the loop's state in memory and took about 190
// instructions a word; the assembly takes about 85, and counts a word without a branch
// on whether the page has it (a branch mispredicted for every other word): with it the
// analysis of a page takes 39% less CPU (BenchmarkAnalyse). (It took 100 until each byte
// range was classified by one addition and one comparison, hashShort's constants were
// read from memory by the instructions that use them, and the loop kept the rank and a
// pointer to seen[nseen] in registers, slots' at counted in bytes. Taking a word after a
// second separator from the 16 bytes classified before it, rather than going round the
// loop, took 3% fewer instructions and 20% more CPU time for the whole index:
// BenchmarkIndex, alternating binaries.)
func scanWordsGo(text *byte, i, end, last int, table *aslot, mask uint64, seen *pterm, nseen int, rank, first int32, stamp uint32) (int, int, int32) {
	for i < end && i <= last {
		b := unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(text), i)), 16)
		v0, v1 := binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:])
		// The word: its length n (16 for 16 or more).
		a0, _ := alnum8(v0)
		n := bits.TrailingZeros64(^a0&high) >> 3
		var a1 uint64
		if n == 8 {
			a1, _ = alnum8(v1)
			n += bits.TrailingZeros64(^a1&high) >> 3
		}
		if n == 0 { // no word at i
			if asciiClass[byte(v0)] != classSeparator {
				break
			}
			i++
			continue
		}
		if n == 16 {
			break
		}
		if n >= end-i {
			n = end - i // the text's end ends the word
		} else {
			after := v0
			if n >= 8 {
				after = v1
			}
			if asciiClass[byte(after>>(8*n&63))] != classSeparator {
				break // an apostrophe, or not ASCII
			}
		}
		// Its bytes in lower case, zeros after it: 0x20 set in a letter lowers a capital,
		// and a digit has it.
		lo, hi := (v0|0x20*ones)&lowBytes[n&7], uint64(0)
		if n >= 8 {
			lo, hi = v0|0x20*ones, (v1|0x20*ones)&lowBytes[n&7]
		}
		h := hashShort(lo, hi, n)
		j := h & mask
		for {
			sl := (*aslot)(unsafe.Add(unsafe.Pointer(table), j*uint64(unsafe.Sizeof(aslot{}))))
			if sl.hash == h && sl.id != 0 {
				if k := sl.at ^ stamp; k < 1<<atBits { // the page has the term
					t := (*pterm)(unsafe.Add(unsafe.Pointer(seen), uintptr(k)*8))
					t.tf++
					t.rank = max(t.rank, rank)
					t.first = min(t.first, first)
					break
				}
				sl.at = stamp | uint32(2*nseen)
				*(*pterm)(unsafe.Add(unsafe.Pointer(seen), uintptr(nseen)*unsafe.Sizeof(pterm{}))) = pterm{id: sl.id - 1, rank: rank, first: first, tf: 1}
				nseen++
				break
			}
			if sl.id == 0 { // a term the analyser has not met
				return i, nseen, first
			}
			j = (j + 1) & mask
		}
		first++
		i += n + 1 // the byte after the word ends it
	}
	return min(i, end), nseen, first
}
