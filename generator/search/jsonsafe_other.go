//go:build !amd64 || purego

package search

func jsonSafeRun(s *byte, n int) int { return jsonSafeRunGo(s, n) }
