package search

import (
	"fmt"
	"hash/maphash"
	"os"
	"slices"
	"strconv"
	"testing"
)

// BenchmarkScanLatency tells how much of scanWords' time (the way this machine takes) is
// waiting for the word table: it counts the words of BenchmarkScanWords' texts as they
// are, the same texts with a vocabulary of 4 and 64 words of each length (every word of
// fewer than 16 letters and digits between separators replaced by one of the same length,
// so that the bytes classified and hashed are alike but every slot stays in the L1 cache),
// and the texts as they are in tables grown 2, 4 and 16 times (the same terms, more lines
// to fetch). The variants are alternated in one process, in rounds (ABC..CBA), as the
// other core's work changes the figures more than they differ: it logs each one's median
// cpu-ns/word, the median ratio of its rounds to the real texts', and the words whose slot
// is at their hash's place, one or two on, or farther (probe0..probe3). BETWEEN_SCAN_ROUNDS
// sets the rounds (9), BETWEEN_BENCH_PAGES the pages as for BenchmarkIndex; run it with
// -benchtime 1x.
func BenchmarkScanLatency(b *testing.B) {
	s := benchSite(b, benchPages())
	real := bodyTexts(newAnalyser(&Indexer{once: true, dict: newDict(1 << 14)}), s)
	type variant struct {
		name  string
		texts []string
		grow  int
		an    *analyser
		cost  []float64
	}
	vs := []*variant{{name: "real", texts: real}}
	seed := maphash.MakeSeed()
	for _, k := range []int{4, 64} {
		var tiny []string
		for _, t := range real {
			tiny = append(tiny, fewWords(t, k, seed))
		}
		vs = append(vs, &variant{name: fmt.Sprintf("tiny%d", k), texts: tiny})
	}
	vs = append(vs, &variant{name: "grow2", texts: real, grow: 1}, &variant{name: "grow4", texts: real, grow: 2},
		&variant{name: "grow16", texts: real, grow: 4})
	for _, v := range vs {
		// Every term met before, as in BenchmarkScanWords.
		v.an = newAnalyser(&Indexer{once: true, dict: newDict(1 << 14)})
		for _, t := range v.texts {
			v.an.newPage()
			v.an.rank, v.an.bias = rankBody, bodyBias
			v.an.sc.scan(t, 0, v.an)
		}
		for range v.grow {
			v.an.grow()
		}
	}
	rounds, err := strconv.Atoi(os.Getenv("BETWEEN_SCAN_ROUNDS"))
	if err != nil {
		rounds = 9
	}
	var buf []byte
	for r := range rounds {
		for k := range vs {
			if r%2 == 1 {
				k = len(vs) - 1 - k
			}
			v := vs[k]
			words := 0
			c := cpuTime()
			for range 10 {
				for _, t := range v.texts {
					buf = append(buf[:0], t...)
					v.an.newPage()
					words += v.an.scanIn(stringOf(buf), max(len(t)-16, 0), 0)
				}
			}
			v.cost = append(v.cost, float64((cpuTime()-c).Nanoseconds())/float64(words))
		}
	}
	median := func(x []float64) float64 {
		x = slices.Clone(x)
		slices.Sort(x)
		return x[len(x)/2]
	}
	for _, v := range vs {
		ratios := make([]float64, rounds)
		for r := range ratios {
			ratios[r] = v.cost[r] / vs[0].cost[r]
		}
		var probes [4]int
		nw := 0
		mask := uint64(len(v.an.table) - 1)
		for _, t := range v.texts {
			Tokens(t, 0, func(tok Token) {
				h := hashTerm([]byte(tok.Term))
				j, d := h&mask, 0
				for v.an.table[j].id != 0 && v.an.table[j].hash != h {
					j, d = (j+1)&mask, d+1
				}
				probes[min(d, 3)]++
				nw++
			})
		}
		b.Logf("%-6s %6d slots: median %5.2f cpu-ns/word (%5.2f-%5.2f), against real %.3f; probe0..3 %.3f %.3f %.3f %.3f",
			v.name, len(v.an.table), median(v.cost), slices.Min(v.cost), slices.Max(v.cost), median(ratios),
			float64(probes[0])/float64(nw), float64(probes[1])/float64(nw), float64(probes[2])/float64(nw), float64(probes[3])/float64(nw))
	}
}

// fewWords is t with every word of fewer than 16 ASCII letters and digits between ASCII
// separators (or t's ends) replaced by one of k words of its length, chosen by its bytes.
func fewWords(t string, k int, seed maphash.Seed) string {
	b := []byte(t)
	inWord := func(c byte) bool { return c < 0x80 && asciiClass[c] != classSeparator && c != '\'' }
	endsWord := func(i int) bool { return i < 0 || i >= len(b) || separates(b[i]) }
	for i := 0; i < len(b); {
		if !inWord(b[i]) {
			i++
			continue
		}
		e := i
		for e < len(b) && inWord(b[e]) {
			e++
		}
		if n := e - i; n < 16 && endsWord(i-1) && endsWord(e) {
			w := int(maphash.Bytes(seed, b[i:e]) % uint64(k))
			for j := range n {
				b[i+j] = 'a' + byte((7*w+3*j+n)%26)
			}
		}
		i = e
	}
	return string(b)
}
