//go:build amd64 && !purego

package search

// copyText is copyTextGo, in copytext_amd64.s.
//
//go:noescape
func copyText(dst, src *byte, n int) int
