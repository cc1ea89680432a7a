//go:build !amd64 || purego

package search

func copyText(dst, src *byte, n int) int { return copyTextGo(dst, src, n) }
