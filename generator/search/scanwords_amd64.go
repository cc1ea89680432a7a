//go:build amd64 && !purego

package search

// scanWords is scanWordsGo, in scanwords_amd64.s.
//
//go:noescape
func scanWords(text *byte, i, end, last int, table *aslot, mask uint64, seen *pterm, nseen int, rank, first int32) (int, int, int32)
