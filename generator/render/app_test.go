package render

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/generator/site"
)

// TestOfflineVersion: offline.json's version is the same for the same files, whatever
// order they come in, and another for any change: a byte changed in a file of the same
// size (at its start, middle or end), a file renamed, one added or removed. The files are
// as large as pages, so that a change deep inside one is a change the hash must see.
func TestOfflineVersion(t *testing.T) {
	s := &site.Site{BasePath: "/"}
	page := strings.Repeat("<p>Some words of a page.</p>\n", 800) // 23 KB
	files := map[string]string{"index.html": page, "articles/a/index.html": page + "a", "css/main.css": "body{}"}
	version := func(files map[string]string) string {
		t.Helper()
		infos := map[string]FileInfo{}
		for name, data := range files {
			infos[name] = Info([]byte(data))
		}
		var list struct{ Version string }
		if err := json.Unmarshal(Offline(s, infos, nil), &list); err != nil {
			t.Fatal(err)
		}
		if len(list.Version) != 16 {
			t.Fatalf("version %q", list.Version)
		}
		return list.Version
	}
	with := func(change func(m map[string]string)) map[string]string {
		m := map[string]string{}
		for k, v := range files {
			m[k] = v
		}
		change(m)
		return m
	}
	base := version(files)
	for range 5 { // maps come in another order each time
		if v := version(with(func(map[string]string) {})); v != base {
			t.Fatalf("the same files give versions %s and %s", base, v)
		}
	}
	flip := func(s string, i int) string { b := []byte(s); b[i] ^= 1; return string(b) }
	changes := map[string]func(m map[string]string){
		"first byte":  func(m map[string]string) { m["index.html"] = flip(page, 0) },
		"middle byte": func(m map[string]string) { m["index.html"] = flip(page, len(page)/2) },
		"last byte":   func(m map[string]string) { m["articles/a/index.html"] = flip(page+"a", len(page)) },
		"renamed": func(m map[string]string) {
			m["articles/b/index.html"] = m["articles/a/index.html"]
			delete(m, "articles/a/index.html")
		},
		"added":   func(m map[string]string) { m["robots.txt"] = "" },
		"removed": func(m map[string]string) { delete(m, "css/main.css") },
		"swapped": func(m map[string]string) {
			m["index.html"], m["articles/a/index.html"] = m["articles/a/index.html"], m["index.html"]
		},
	}
	seen := map[string]string{base: "as it was"}
	for what, change := range changes {
		v := version(with(change))
		if other, ok := seen[v]; ok {
			t.Errorf("%s: version %s, as %s", what, v, other)
		}
		seen[v] = what
	}
}

// BenchmarkOffline makes offline.json for a library of 100,000 pages as the generated one
// is (articles, guides and worksheets in turn, 40 KB each, a search result's slot each,
// a result file for every 64 of them), with its 100,000 and more output files.
//
//	go test ./generator/render -run X -bench Offline -benchmem
func BenchmarkOffline(b *testing.B) {
	const n = 100_000
	s := &site.Site{BasePath: "/lib/"}
	files := make(map[string]FileInfo, n+n/4)
	results := make(map[string]string, n)
	kinds := []string{"article", "guide", "worksheet"}
	for i := range n {
		p := &site.Page{Kind: kinds[i%3], URL: fmt.Sprintf("/lib/%ss/page-%05d/", kinds[i%3], i)}
		s.Pages = append(s.Pages, p)
		files[strings.TrimPrefix(p.URL, s.BasePath)+"index.html"] = FileInfo{Size: 40 << 10}
		results[p.URL] = search.ResultPart(i)
		if i%search.Group == 0 {
			files[fmt.Sprintf("search/data/r/%d.jsonl", i/search.Group)] = FileInfo{Size: search.Group * search.Slot}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		Offline(s, files, results)
	}
}
