package output

import (
	"fmt"
	"reflect"
	"sort"
	"testing"
)

// TestFoldClashes: names that one file system keeps apart and another takes for one file
// (macOS, Windows and many hosts ignore case and how an accent is written).
func TestFoldClashes(t *testing.T) {
	for _, c := range []struct {
		names []string
		want  []FoldClash
	}{
		{[]string{"Logo.png", "logo.png", "index.html"}, []FoldClash{{"Logo.png", "Logo.png", "logo.png", "logo.png"}}},
		// A folder: reported once, at the folder, however many files are inside.
		{[]string{"Articles/a.png", "Articles/b.png", "articles/index.html", "articles/x/index.html"},
			[]FoldClash{{"Articles", "Articles/a.png", "articles", "articles/index.html"}}},
		// An accent written as one character (NFC) or as a letter and a mark (NFD, as macOS
		// names files), and full case folding (ß is not SS, but ς is σ and K is the Kelvin sign).
		{[]string{"caf\u00e9/index.html", "cafe\u0301/index.html"}, []FoldClash{{"cafe\u0301", "cafe\u0301/index.html", "caf\u00e9", "caf\u00e9/index.html"}}},
		{[]string{"λόγος.txt", "ΛΌΓΟΣ.txt"}, []FoldClash{{"ΛΌΓΟΣ.txt", "ΛΌΓΟΣ.txt", "λόγος.txt", "λόγος.txt"}}},
		{[]string{"\u212a.txt", "k.txt"}, []FoldClash{{"k.txt", "k.txt", "\u212a.txt", "\u212a.txt"}}},
		// A file and a folder of one name but another case.
		{[]string{"About", "about/index.html"}, []FoldClash{{"About", "About", "about", "about/index.html"}}},
		// Each odd spelling is reported once, against the small one when there is one.
		{[]string{"ARTICLES/x.png", "Articles/Y/z.png", "articles/index.html", "docs/Guide", "docs/guide/index.html"},
			[]FoldClash{{"ARTICLES", "ARTICLES/x.png", "articles", "articles/index.html"}, {"Articles", "Articles/Y/z.png", "articles", "articles/index.html"},
				{"docs/Guide", "docs/Guide", "docs/guide", "docs/guide/index.html"}}},
		{[]string{"IMG/A.png", "Img/b.png"}, []FoldClash{{"IMG", "IMG/A.png", "Img", "Img/b.png"}}},
		// What differs in more than case is no clash; nor is the same name.
		{[]string{"a/b.html", "a/c.html", "ab", "a-b", "index.html", "straße.txt", "strasse.txt"}, nil},
	} {
		names := append([]string(nil), c.names...)
		sort.Strings(names)
		if got := FoldClashes(names); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", names, got, c.want)
		}
	}
}

// BenchmarkFoldClashes looks at the names of a library of 100,000 pages.
func BenchmarkFoldClashes(b *testing.B) {
	var names []string
	for i := range 100000 {
		names = append(names, fmt.Sprintf("articles/page-%d/index.html", i), fmt.Sprintf("articles/page-%d/print/index.html", i))
	}
	sort.Strings(names)
	b.ReportAllocs()
	for b.Loop() {
		if c := FoldClashes(names); len(c) > 0 {
			b.Fatal(c)
		}
	}
}
