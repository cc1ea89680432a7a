package build

import (
	"bytes"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestProblemsSameOnEveryCore: the links are checked beside assembling, whose steps run at
// once; the problems they find are the same, in the same order, on one core as on many, in
// a build that streams and one that keeps its files, and a library with warnings only
// streams the same files.
func TestProblemsSameOnEveryCore(t *testing.T) {
	library := func(bad bool) map[string]string {
		files := smallSite()
		for i := range 300 {
			extra := fmt.Sprintf("date = 2026-01-%02d\ntags = [\"Focus\", \"Topic %d\"]", 1+i%28, i%7)
			body := fmt.Sprintf("Text %d. See [a](a.md#first) and [next](n%03d.md).\n\n## Part\n\ntext", i, (i+1)%300)
			switch {
			case i%50 == 6: // a warning
				extra = strings.Replace(extra, "\"Focus\"", "\"???\"", 1)
			case !bad:
			case i%50 == 3:
				body += fmt.Sprintf("\n\n[gone](missing-%d.md) and [anchor](b.md#nowhere-%d)", i, i)
			case i%50 == 4:
				extra += fmt.Sprintf("\nslug = \"n%03d\"", i-1) // the page before's URL
			case i%50 == 5:
				extra += fmt.Sprintf("\naliases = [\"/articles/n%03d/\"]", i-3)
			}
			files[fmt.Sprintf("content/articles/n%03d.md", i)] = mdPage(fmt.Sprintf("Note %d", i), extra, body)
		}
		return files
	}
	root, rootWarn := writeSite(t, library(true)), writeSite(t, library(false))
	run := func(procs int) (problems, warnings string, streamed map[string][]byte) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		_, err := newBuilder(root).BuildTo(&mapSink{})
		if err == nil {
			t.Fatal("a library with broken links and clashing URLs built")
		}
		_, err2 := newBuilder(root).Build()
		if err2 == nil || err2.Error() != err.Error() {
			t.Fatalf("in memory: %v\nstreamed: %v", err2, err)
		}
		sink := &mapSink{}
		res, err := newBuilder(rootWarn).BuildTo(sink)
		if err != nil {
			t.Fatal(err)
		}
		return err2.Error(), res.Warnings.Error(), sink.files
	}
	wantP, wantW, wantFiles := run(1)
	for _, want := range []string{"missing-3.md", "has no heading or field with that id", "like content/articles/n003.md", "is already the URL of"} {
		if !strings.Contains(wantP, want) {
			t.Errorf("the problems lack %q:\n%s", want, wantP)
		}
	}
	if !strings.Contains(wantW, "has no letters or digits") {
		t.Errorf("the warnings lack the tag with no letters:\n%s", wantW)
	}
	for range 3 {
		p, w, files := run(4)
		if p != wantP {
			t.Fatalf("problems on 4 cores:\n%s\non one:\n%s", p, wantP)
		}
		if w != wantW {
			t.Fatalf("warnings on 4 cores:\n%s\non one:\n%s", w, wantW)
		}
		for _, name := range slices.Sorted(maps.Keys(wantFiles)) {
			if !bytes.Equal(files[name], wantFiles[name]) {
				t.Fatalf("%s differs between 1 and 4 cores", name)
			}
		}
		if len(files) != len(wantFiles) {
			t.Fatalf("%d files on 4 cores, %d on one", len(files), len(wantFiles))
		}
	}
}
