//go:build ignore

// Searchbytes measures what one query downloads from a built site's search index: ours, as
// generator/search's Searcher reads it (the same plan as search.js), and, in Chromium, both
// ours and Pagefind's (when the site holds a pagefind/ folder), each query in a fresh page
// with nothing cached, counting the bytes of every file the script fetched.
//
//	go run bench/searchbytes.go -site OUT
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/internal/browsertest"
)

func main() {
	site := flag.String("site", "", "a site built by between (and indexed by Pagefind into pagefind/)")
	flag.Parse()
	if *site == "" {
		log.Fatal("give -site DIR")
	}
	read := search.FetchFiles(func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(*site, "search", "data", filepath.FromSlash(name)))
	})
	all := search.NewSearcher(read)
	df, err := all.DocFreqs()
	if err != nil {
		log.Fatal(err)
	}
	n, _ := all.Pages()
	queries := pick(df, n)

	var browser context.Context
	var addr string
	if browsertest.ExecPath() != "" {
		var cancel func()
		browser, cancel = chromium()
		defer cancel()
		addr = serve(*site)
	} else {
		fmt.Println("# Chromium not found: browser figures left out")
	}
	_, err = os.Stat(filepath.Join(*site, "pagefind", "pagefind.js"))
	hasPagefind := err == nil

	if st, err := os.Stat(filepath.Join(*site, "js", "search.js")); err == nil {
		fmt.Printf("# bytes of the index files a query reads until its first 10 results show; Pagefind's include\n"+
			"# its scripts and WebAssembly, which it loads on the first query; ours leave out js/search.js (%.1f KB)\n", float64(st.Size())/1024)
	}
	fmt.Printf("%-22s %-22s %8s %10s %12s %14s %8s\n", "query", "words", "pages", "ours (Go)", "ours (browser)", "Pagefind (browser)", "results")
	for _, q := range queries {
		s := search.NewSearcher(read)
		_, total, err := s.Search(q.text, "", "")
		if err != nil {
			log.Fatal(err)
		}
		_, sim := s.Read()
		ours, pf := "-", "-"
		if browser != nil {
			b, err := measure(browser, addr, "search", oursJS, q.text)
			if err != nil {
				log.Fatal(err)
			}
			ours = kb(b)
			if hasPagefind {
				b, err := measure(browser, addr, "pagefind", pagefindJS, q.text)
				if err != nil {
					log.Fatal(err)
				}
				pf = kb(b)
			}
		}
		fmt.Printf("%-22s %-22s %8d %10s %12s %14s %8d\n", q.kind, q.text, q.df, kb(sim), ours, pf, total)
	}
}

type query struct {
	kind, text string
	df         int
}

// pick chooses the queries from the index itself: the first word (alphabetically) of the
// fewest pages counting its other forms (an English index finds them all by their stem, so
// a word on one page whose stem is on thousands is not rare), one on about a quarter of the pages, one on every page, the first three
// letters of the common one as a prefix being typed, and the common and everywhere words
// together.
func pick(df map[string]int, n int) []query {
	words := make([]string, 0, len(df))
	for w := range df {
		if len([]rune(w)) >= 4 {
			words = append(words, w)
		}
	}
	slices.Sort(words)
	forms := map[string]int{} // pages of every word with the stem, an upper bound of the stem's
	key := func(w string) string {
		if st := search.Stem(w); st != "" {
			return st
		}
		return w
	}
	for w, d := range df {
		forms[key(w)] += d
	}
	rareDF := func(w string) int { return forms[key(w)] }
	rare, common, every := "", "", ""
	for _, w := range words {
		if rare == "" || rareDF(w) < rareDF(rare) {
			rare = w
		}
		if common == "" || abs(df[w]-n/4) < abs(df[common]-n/4) {
			common = w
		}
		if every == "" || df[w] > df[every] {
			every = w
		}
	}
	prefix := string([]rune(common)[:3])
	return []query{
		{"rare", rare + " ", df[rare]},
		{"common", common + " ", df[common]},
		{"on every page", every + " ", df[every]},
		{"prefix (typing)", prefix, 0},
		{"two words", common + " " + every + " ", 0},
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func kb(b int) string { return fmt.Sprintf("%.1f KB", float64(b)/1024) }

func chromium() (context.Context, func()) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(browsertest.ExecPath()), chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	}
	dir, err := os.MkdirTemp("", "searchbytes-")
	if err != nil {
		log.Fatal(err)
	}
	opts = append(opts, chromedp.UserDataDir(dir))
	actx, c1 := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, c2 := chromedp.NewContext(actx)
	return ctx, func() { c2(); c1(); os.RemoveAll(dir) }
}

// served counts the bytes the server sends, by the first folder of the path: Pagefind
// fetches its index from a Web Worker, whose requests the page's resource timing does not
// list, so the bytes are counted where they leave.
var served = struct {
	sync.Mutex
	bytes map[string]int
}{bytes: map[string]int{}}

type countingWriter struct {
	http.ResponseWriter
	dir string
}

func (w countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	served.Lock()
	served.bytes[w.dir] += n
	served.Unlock()
	return n, err
}

// serve serves the site on 127.0.0.1, nothing cached, and a blank page to run the scripts in.
func serve(dir string) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	files := http.FileServer(http.Dir(dir))
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if r.URL.Path == "/__bench.html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bench</title><script src="/js/search.js"></script></head><body></body></html>`)
			return
		}
		first, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		files.ServeHTTP(countingWriter{w, first}, r)
	}))
	return "http://" + ln.Addr().String()
}

// oursJS runs a query as the search page does: the first 10 results with their result files.
const oursJS = `new window.BetweenSearch.Index(location.origin + "/search/data/").search(Q, "", "", 10).then(function () { return 0; })`

// pagefindJS runs a query with Pagefind's own script, loading the first 10 results' data
// as its UI does when it shows them.
const pagefindJS = `import("/pagefind/pagefind.js").then(async function (pf) {
	await pf.init();
	var s = await pf.search(Q);
	await Promise.all(s.results.slice(0, 10).map(function (r) { return r.data(); }));
	return s.results.length;
})`

// measure runs a query in a fresh tab and returns the bytes served from dir ("search" or
// "pagefind") meanwhile: the scripts and every index file, nothing cached.
func measure(browser context.Context, addr, dir, script, q string) (int, error) {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancel2 := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel2()
	if err := chromedp.Do(ctx, chromedp.Navigate(addr+"/__bench.html")); err != nil {
		return 0, err
	}
	served.Lock()
	clear(served.bytes)
	served.Unlock()
	qs := fmt.Sprintf("%q", strings.TrimSpace(q)+map[bool]string{true: " ", false: ""}[strings.HasSuffix(q, " ")])
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int]("var Q = "+qs+";\n"+script, chromedp.EvalAwaitPromise)); err != nil {
		return 0, err
	}
	served.Lock()
	defer served.Unlock()
	return served.bytes[dir], nil
}
