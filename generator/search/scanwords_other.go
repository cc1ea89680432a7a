//go:build !amd64 || purego

package search

func scanWords(text *byte, i, end, last int, table *aslot, mask uint64, seen *pterm, nseen int, rank, first int32, stamp uint32) (int, int, int32) {
	return scanWordsGo(text, i, end, last, table, mask, seen, nseen, rank, first, stamp)
}

// scanWays is the one way here, the Go (named waySSE2, the first of the ways).
var scanWays = []uint8{waySSE2}

var scanWay = waySSE2
