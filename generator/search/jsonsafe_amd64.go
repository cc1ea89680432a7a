//go:build amd64 && !purego

package search

// jsonSafeRun is jsonSafeRunGo, in jsonsafe_amd64.s.
//
//go:noescape
func jsonSafeRun(s *byte, n int) int
