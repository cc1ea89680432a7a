//go:build !amd64 || purego

package search

func scanWords(text *byte, i, end, last int, table *aslot, mask uint64, seen *pterm, nseen int, rank, first int32) (int, int, int32) {
	return scanWordsGo(text, i, end, last, table, mask, seen, nseen, rank, first)
}

// scanAVX512 is false: there is only the Go here.
var scanAVX512 = false
