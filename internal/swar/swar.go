// Package swar holds what lets a loop look at eight bytes of text at once in a uint64 (SIMD
// within a register): the markdown writer, the theme's escaping and the search indexer scan
// every page's text this way.
package swar

const (
	// Ones has 1 in every byte.
	Ones = 0x0101010101010101
	// High is the top bit of every byte.
	High = 0x8080808080808080
)

// Zero has the top bit of some byte set, with High, exactly when some byte of v is zero.
// It says whether there is one, not which: a borrow can also mark a byte above a zero one.
// A byte of x equal to c is a zero byte of x^(c*Ones).
func Zero(v uint64) uint64 { return (v - Ones) &^ v }
