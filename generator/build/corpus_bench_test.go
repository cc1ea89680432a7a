package build

import (
	"os"
	"testing"
)

// BenchmarkCorpus builds the library in $BETWEEN_CORPUS (one made by gencorpus.py), for
// profiling a real-sized build: go test -run X -bench Corpus -cpuprofile cpu.out.
func BenchmarkCorpus(b *testing.B) {
	root := os.Getenv("BETWEEN_CORPUS")
	if root == "" {
		b.Skip("set BETWEEN_CORPUS to a generated library")
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := New(Options{Root: root}).BuildTo(Discard{}); err != nil {
			b.Fatal(err)
		}
	}
}
