package search

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// wayNames name the ways of scanWords in tests and benchmarks.
var wayNames = [...]string{waySSE2: "sse2", wayAVX2: "avx2", wayAVX512: "avx512"}

// TestScanWords: scanWords (in assembly on amd64, each way this machine has) counts words
// as scanWordsGo does, on texts of every kind of byte, with terms known and not, counted
// on the page or not, near the end of the text and of what may be read, and around the
// 16, 32, 48 and 64 bytes the assembly classifies at once: where it stops, the page's
// terms and the table after it are the same.
func TestScanWords(t *testing.T) {
	defer func(w uint8) { scanWay = w }(scanWay)
	for _, w := range scanWays {
		scanWay = w
		testScanWords(t, wayNames[w])
		testScanWordsPlaced(t, wayNames[w])
	}
}

// checkScan fails t unless scanWords and scanWordsGo count the words of buf from i to end,
// reading to last+16, alike, in a copy each of an's table and seen.
func checkScan(t *testing.T, where string, an *analyser, buf string, i, end, last int) {
	t.Helper()
	seen := slices.Grow(slices.Clone(an.seen), len(buf)+1) // room for end-i more, as scanIn gives
	run := func(scan func(*byte, int, int, int, *aslot, uint64, *pterm, int, int32, int32, uint32) (int, int, int32)) (int, int32, []pterm, []aslot) {
		table, seen := slices.Clone(an.table), append(make([]pterm, 0, cap(seen)), seen...)[:cap(seen)]
		at, n, first := scan(unsafe.StringData(buf), i, end, last, &table[0], uint64(len(table)-1), &seen[0], len(an.seen), int32(an.rank), 77, an.stamp)
		return at, first, seen[:n], table
	}
	at, first, terms, table := run(scanWords)
	wantAt, wantFirst, wantTerms, wantTable := run(scanWordsGo)
	where = fmt.Sprintf("%s: %q from %d to %d, reading to %d", where, buf, i, end, last+16)
	if at != wantAt || first != wantFirst {
		t.Fatalf("%s: stopped at %d, position %d; want %d, %d", where, at, first, wantAt, wantFirst)
	}
	if !slices.Equal(terms, wantTerms) {
		t.Fatalf("%s: terms\n%v\nwant\n%v", where, terms, wantTerms)
	}
	if !slices.Equal(table, wantTable) {
		t.Fatalf("%s: the table differs", where)
	}
}

func testScanWords(t *testing.T, way string) {
	r := rand.New(rand.NewSource(14))
	// Pieces of text: words of letters, digits and capitals of every length around 8 and
	// 16, and every kind of byte that ends one, the bounds of the letters' and digits'
	// ranges among them.
	others := []string{" ", "  ", ".", ", ", "'", "’", "é", "\xff", "\x80", "\x00", "\x10", "\x19", "@", "[", "`", "{",
		"/", ":", "\x7f", "-", "\n", "<"}
	// Few different words, so that most are met again; some of 15 to 17 bytes and of
	// about 64, a block of the assembly's.
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	var words []string
	for k := range 60 {
		n := 1 + r.Intn(9)
		switch {
		case k >= 56:
			n = 62 + r.Intn(4)
		case k >= 50:
			n = 14 + r.Intn(4)
		case r.Intn(4) == 0:
			n = 5 + r.Intn(15)
		}
		b := make([]byte, n)
		for i := range b {
			b[i] = alnum[r.Intn(len(alnum))]
		}
		words = append(words, string(b))
	}
	// Texts of known words and ASCII separators alone, which scanWords takes to their
	// end, kilobytes of them: over many of the assembly's blocks of 64 bytes.
	clean := false
	// Halves of words, which a text's end may make of them, and words joined by an
	// apostrophe or a byte that is not ASCII, which the analyser may have met whole.
	for k := range 10 {
		words = append(words, words[k][:(len(words[k])+1)/2], words[k]+"'"+words[k+10], words[k]+"é"+words[k+20])
	}
	var short []string // of fewer than 16 letters and digits: scanWords takes them
	for _, w := range words {
		if len(w) < 16 && !strings.ContainsAny(w, "'é") {
			short = append(short, w)
		}
	}
	word := func() string {
		if clean {
			return short[r.Intn(len(short))]
		}
		return words[r.Intn(len(words))]
	}
	seps := []string{" ", " ", " ", ", ", ". ", "\n", " - ", "(", ") "}
	text := func(n int) string {
		var b strings.Builder
		for range n {
			switch r.Intn(12) {
			case 0, 1, 2:
				if clean {
					b.WriteString(seps[r.Intn(len(seps))])
					continue
				}
				b.WriteString(others[r.Intn(len(others))])
			case 3: // a run of separators, up to past a block
				b.WriteString(strings.Repeat(" ", r.Intn(130)))
			default:
				b.WriteString(word())
				b.WriteString([]string{" ", " ", " ", ", ", ". "}[r.Intn(5)])
			}
		}
		return b.String()
	}
	for round := range 3000 {
		an := newAnalyser(&Indexer{once: true, dict: newDict(16)})
		an.bias = []int{0, bodyBias}[r.Intn(2)]
		// Terms the analyser has met, and some counted on the page already, at other
		// ranks and positions.
		clean = round%4 == 3
		an.sc.scan(text(r.Intn(60)), 0, an)
		if clean {
			an.sc.scan(strings.Join(words, " "), 0, an)
		}
		an.newPage()
		an.rank = r.Intn(4)
		an.sc.scan(text(r.Intn(20)), r.Intn(150), an)
		an.rank = r.Intn(4)
		buf := text(r.Intn([]int{40, 120, 40, 1000}[round%4]))
		end := len(buf) - r.Intn(min(len(buf), 20)+1)
		last := len(buf) - 16 - r.Intn(3)
		i := r.Intn(end + 1)
		checkScan(t, fmt.Sprintf("%s, round %d", way, round), an, buf, i, end, last)
	}
	// Words as close as they can be, one letter and one space each: 32 in every block of
	// 64 bytes, the most the wide ways find in a block before counting them, from every
	// place in the first block, known to the analyser and some on the page already.
	an := newAnalyser(&Indexer{once: true, dict: newDict(16)})
	an.sc.scan("a b c d e f g h", 0, an)
	an.newPage()
	an.sc.scan("b d", 0, an)
	dense := strings.Repeat("a b c d e f g h ", 40)
	for i := range 64 {
		checkScan(t, way+", one-letter words", an, dense, i, len(dense), len(dense)-16)
	}
}

// testScanWordsPlaced puts a word at every place of the first 100 bytes of a text, so that
// it starts, ends or crosses each block's halves and end, after separators or known words
// (which the AVX-512 and AVX2 ways hash ahead): of every length to 17 and one new to the
// analyser, ended by a separator, an apostrophe, a byte that is not ASCII or the text's
// end, with the text going on for a while, ending there or not readable to 16 bytes past.
func testScanWordsPlaced(t *testing.T, way string) {
	an := newAnalyser(&Indexer{once: true, dict: newDict(16)})
	an.table = make([]aslot, 32) // small, to be copied for each case, and full: terms share slots
	const letters = "aBcdefghijklmNopqrstuvwxyz0123456789"
	var words []string
	for n := 1; n <= 17; n++ {
		words = append(words, letters[n:n+n])
	}
	an.sc.scan(strings.Join(words, " ")+" so we do", 0, an)
	words = append(words, "unmet")
	an.newPage()
	an.sc.scan("do so q", 0, an) // terms on the page already
	an.rank = 2
	for _, before := range []string{" ", "so we do "} {
		for o := range 100 {
			// o bytes before the word: as many befores as fit, then spaces.
			pre := strings.Repeat(before, o/len(before))
			pre += strings.Repeat(" ", o-len(pre))
			for _, w := range words {
				for _, after := range []string{" ", ", do", "'s", "é", ""} {
					text := pre + w + after
					if after == " " {
						text += strings.Repeat("we ", (o+len(w))%7)
					}
					where := fmt.Sprintf("%s, %d bytes before", way, o)
					// 16 bytes to read after the text, as scan has, or none.
					padded := text + strings.Repeat("\x00", 16)
					checkScan(t, where, an, padded, 0, len(text), len(padded)-16)
					checkScan(t, where, an, text, 0, len(text), len(text)-16)
					if o > 0 {
						checkScan(t, where, an, padded, o-1, len(text), len(padded)-16)
					}
				}
			}
		}
	}
}

// TestCountStamped: the analyser counts each page's terms as a count by term (Tokens and
// a map) does, page after page, through scanWords (each way) and the general way: a slot
// stamped by the page names the term's entry, and no other term's, whatever pages and
// stamps came before. The table is small for its terms (they share slots and grow it),
// the stamps go round every few pages (stampWrap 3 and 5: a slot left with a stamp of
// the round before would name an entry of another term or past the page's), and pages
// have more terms than seenLimit (7: the far terms).
func TestCountStamped(t *testing.T) {
	defer func(w uint8, wrap uint32, limit int) { scanWay, stampWrap, seenLimit = w, wrap, limit }(scanWay, stampWrap, seenLimit)
	r := rand.New(rand.NewSource(28))
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	vocab := make([]string, 600)
	for k := range vocab {
		b := make([]byte, 1+r.Intn(7)+r.Intn(2)*r.Intn(14)) // some of 16 or more
		for i := range b {
			b[i] = alnum[r.Intn(len(alnum))]
		}
		vocab[k] = string(b)
	}
	seps := []string{" ", " ", ", ", ". ", "\n", " (", "'", "é "}
	for _, w := range scanWays {
		for _, c := range []struct {
			wrap  uint32
			limit int
		}{{stampWrap, seenLimit}, {3, seenLimit}, {5, 7}} {
			scanWay, stampWrap, seenLimit = w, c.wrap, c.limit
			where := fmt.Sprintf("%s, stamps round every %d pages, far from %d terms", wayNames[w], c.wrap-1, c.limit)
			an := newAnalyser(&Indexer{once: true, dict: newDict(16)})
			for page := range 40 {
				an.newPage()
				type count struct{ rank, first, tf int32 }
				want := map[string]*count{}
				var order []string
				pos := 0
				for field := range 1 + r.Intn(4) {
					an.rank, an.bias = r.Intn(4), []int{0, bodyBias}[field%2]
					// Words of few terms or of many, so that some pages have many the
					// page before had not, and some terms come back after pages away.
					var b strings.Builder
					few := vocab[r.Intn(len(vocab)-30):][:30]
					for range r.Intn(300) {
						if r.Intn(3) == 0 {
							b.WriteString(vocab[r.Intn(len(vocab))])
						} else {
							b.WriteString(few[r.Intn(len(few))])
						}
						b.WriteString(seps[r.Intn(len(seps))])
					}
					text := b.String()
					Tokens(text, pos, func(tok Token) {
						c := want[tok.Term]
						if c == nil {
							c = &count{rank: int32(an.rank), first: int32(tok.Pos + an.bias)}
							want[tok.Term] = c
							order = append(order, tok.Term)
						}
						c.tf++
						c.rank = max(c.rank, int32(an.rank))
						c.first = min(c.first, int32(tok.Pos+an.bias))
					})
					pos = an.scan(text, pos)
				}
				if len(an.seen) != len(order) {
					t.Fatalf("%s: page %d: %d terms, want %d", where, page, len(an.seen), len(order))
				}
				for k, e := range an.seen {
					term := an.ix.dict.terms[e.id]
					c := want[term]
					if term != order[k] || e.tf != c.tf || e.rank != c.rank || e.first != c.first {
						t.Fatalf("%s: page %d: term %d is %q counted %d times, rank %d, first at %d; want %q: %d, %d, %d",
							where, page, k, term, e.tf, e.rank, e.first, order[k], want[order[k]].tf, want[order[k]].rank, want[order[k]].first)
					}
				}
			}
		}
	}
}

// TestIndexStamped: the index is the same with the stamps going round every 2 pages and
// pages' terms past the 50th far (analyser.far) as with neither.
func TestIndexStamped(t *testing.T) {
	defer func(wrap uint32, limit int) { stampWrap, seenLimit = wrap, limit }(stampWrap, seenLimit)
	want := Files(bigSite(120))
	stampWrap, seenLimit = 3, 50
	sameFiles(t, "stamps round every 2 pages, 50 terms a page in seen: ", Files(bigSite(120)), want)
	// As a build makes it: analysers on several goroutines, each with its own stamps, one
	// stopped early, leaving its analyser (and its stamps) to the next.
	for round := range 5 {
		o := NewOnce(bigSite(120))
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() { o.HelpUntil(stop) })
		wg.Go(o.Help)
		if round%2 == 0 {
			close(stop)
		}
		got := mustRun(t, o)
		if round%2 == 1 {
			close(stop)
		}
		wg.Wait()
		sameFiles(t, fmt.Sprintf("round %d, three goroutines: ", round), got, want)
	}
}

// TestCountStampRounds: over two rounds of the default stamps, a term found again on the
// page that has its last page's stamp (4,095 or 4,096 pages on: a slot left with a stamp
// of the round before, or a stamp of 0) is counted as the analyser's count by term does.
func TestCountStampRounds(t *testing.T) {
	defer func(w uint8) { scanWay = w }(scanWay)
	pages := 2*int(stampWrap) + 10
	for _, w := range scanWays {
		scanWay = w
		an := newAnalyser(&Indexer{once: true, dict: newDict(16)})
		for page := range pages {
			an.newPage()
			an.rank, an.bias = rankBody, bodyBias
			text := fmt.Sprintf("the a%d b%d of the c%d", page%4095, page%4096, page%7)
			an.scan(text, 0)
			var want []string
			Tokens(text, 0, func(tok Token) {
				if !slices.Contains(want, tok.Term) {
					want = append(want, tok.Term)
				}
			})
			got := make([]string, len(an.seen))
			for k, e := range an.seen {
				got[k] = an.ix.dict.terms[e.id]
			}
			if !slices.Equal(got, want) || an.seen[0].tf != 2 {
				t.Fatalf("%s, page %d: terms %q (the %d times), want %q", wayNames[w], page, got, an.seen[0].tf, want)
			}
		}
	}
}
