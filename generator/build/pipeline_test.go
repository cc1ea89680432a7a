package build

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/internal/fault"
)

// withFillers adds n short articles sorted before a.md, so that a.md and the files after it
// are read after the first files of the library.
func withFillers(files map[string]string, n int) map[string]string {
	for i := range n {
		files[fmt.Sprintf("content/articles/%02d.md", i)] = mdPage(fmt.Sprintf("Filler %d", i), "", "Filler.")
	}
	return files
}

// The files of a full build are read into a few buffers, each page's given back once it is
// converted and the next file read into it: a page must show its own text and never a byte
// of another's, whatever the order and sizes of the files (a long file, then a short one
// into its buffer), in a streamed build and an in-memory one.
func TestReadBuffersNeverShowInAnotherPage(t *testing.T) {
	defer func(n int) { readAheadFiles = n }(readAheadFiles)
	readAheadFiles = 8 // the files read ahead of their turn take buffers of their own
	files := smallSite()
	const n = 120
	lines := func(i int) int { return 1 + (i*37)%23 } // long and short files mixed
	for i := range n {
		body := strings.Repeat(fmt.Sprintf("Line of zq%03dq here.\n\n", i), lines(i))
		files[fmt.Sprintf("content/articles/p%03d.md", i)] = mdPage(fmt.Sprintf("Page %d", i), "", body)
	}
	root := writeSite(t, files)
	marker := regexp.MustCompile(`zq(\d{3})q`)
	check := func(how string, file func(name string) []byte, buffers int) {
		t.Helper()
		for i := range n {
			data := file(fmt.Sprintf("articles/p%03d/index.html", i))
			got := marker.FindAllStringSubmatch(string(data), -1)
			if len(got) != lines(i) {
				t.Errorf("%s: page %d shows its text %d times, want %d", how, i, len(got), lines(i))
			}
			for _, m := range got {
				if m[1] != fmt.Sprintf("%03d", i) {
					t.Fatalf("%s: page %d shows the text of page %s", how, i, m[1])
				}
			}
		}
		// Not a test of a number, but that the buffers were used again: without that every
		// file is read into new memory. With it, the files held ahead and those longer than
		// the buffer they were given (the free buffers are taken last given, first taken,
		// whatever their size) are: 13-34 of these 130 in 80 runs, one file in four at
		// times on a busy machine, so the bound is one in two.
		t.Logf("%s: %d files read into new memory", how, buffers)
		if buffers == 0 || buffers > n/2 {
			t.Errorf("%s: %d of %d files read into new memory, want a few", how, buffers, n+10)
		}
	}
	sink := &mapSink{}
	b := newBuilder(root)
	if _, err := b.BuildTo(sink); err != nil {
		t.Fatal(err)
	}
	check("streamed", func(name string) []byte { return sink.files[name] }, b.readBuffers)
	b = newBuilder(root)
	res := mustBuild(t, b)
	check("in memory", func(name string) []byte { return res.Files[name] }, b.readBuffers)
}

// The files are read ahead of the workers converting them, so that a file the system has
// to fetch from the disk is not waited for by a core that could convert: while every
// worker is busy converting (here held until then), the files after theirs are read.
func TestFilesAreReadAheadOfConverting(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	files := withFillers(smallSite(), 60)
	last := "content/worksheets/zz.md" // the last file, which no page links to
	files[last] = mdPage("Last", "", "The end.")
	root := writeSite(t, files)
	var once sync.Once
	lastRead := make(chan struct{})
	timedOut := false
	reset := fault.Set(func(stage, name string) {
		switch stage {
		case "reading":
			if name == last {
				once.Do(func() { close(lastRead) })
			}
		case "converting":
			select {
			case <-lastRead:
			case <-time.After(time.Minute): // only when nothing reads ahead
				timedOut = true
				once.Do(func() { close(lastRead) })
			}
		}
	})
	defer reset()
	if _, err := newBuilder(root).BuildTo(&mapSink{}); err != nil {
		t.Fatal(err)
	}
	if timedOut {
		t.Errorf("%s was not read while the workers converted the first pages", last)
	}
}

// A link resolves to the URL its page's front matter gives, also when that page's file is
// read only for the link, before its turn (on one core the pages convert in order).
func TestLinkToAPageNotReadYet(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	files := withFillers(smallSite(), 20)
	files["content/articles/a.md"] = mdPage("Alpha", "date = 2026-01-01", "See [the last](z.md#end).")
	files["content/articles/z.md"] = mdPage("Last", "slug = \"the-very-last\"", "## End")
	root := writeSite(t, files)
	sink := &mapSink{}
	if _, err := newBuilder(root).BuildTo(sink); err != nil {
		t.Fatal(err)
	}
	res := mustBuild(t, newBuilder(root))
	for how, page := range map[string][]byte{"streamed": sink.files["articles/a/index.html"], "in memory": res.Files["articles/a/index.html"]} {
		if !strings.Contains(string(page), `href="/lib/articles/the-very-last/#end"`) {
			t.Errorf("%s: the link to z.md, read for the link:\n%s", how, page)
		}
	}
}

// A content error in a file read last, while the pages before it are converting, fails the
// build as one read first does: every problem named with its file, line and field, and
// nothing given to the sink.
func TestLateContentErrorWritesNothing(t *testing.T) {
	files := withFillers(smallSite(), 40)
	files["content/worksheets/zz.md"] = "+++\ntitle = \"Late\"\nweight = \"heavy\"\n+++\nText.\n"
	root := writeSite(t, files)
	if err := syscall.Mkfifo(root+"/content/worksheets/zzz.md", 0o644); err != nil {
		t.Fatal(err)
	}
	for _, streamed := range []bool{true, false} {
		b := newBuilder(root)
		sink := &mapSink{}
		var err error
		if streamed {
			_, err = b.BuildTo(sink)
		} else {
			_, err = b.Build()
		}
		var list diag.List
		if !errors.As(err, &list) || len(list) != 2 {
			t.Fatalf("streamed %v: %v, want two problems", streamed, err)
		}
		if d := list[0]; d.File != "content/worksheets/zz.md" || d.Line != 3 || !strings.Contains(d.Msg, "weight") {
			t.Errorf("streamed %v: %v, want the weight on line 3 of zz.md", streamed, d)
		}
		if d := list[1]; d.File != "content/worksheets/zzz.md" || !strings.Contains(d.Msg, "named pipe") {
			t.Errorf("streamed %v: %v, want zzz.md named as a pipe", streamed, d)
		}
		if len(sink.planned) > 0 || len(sink.files) > 0 {
			t.Errorf("streamed %v: a build with content errors gave the sink %d names, %d files", streamed, len(sink.planned), len(sink.files))
		}
	}
}

// A panic while a full build lists the content files (beside loading the theme), or reads
// or converts a file, at its turn or read ahead of it for a link, fails the build with one
// problem naming that file; the next build is whole.
func TestFullBuildPanicIsAProblem(t *testing.T) {
	root := writeSite(t, withFillers(smallSite(), 20))
	for _, tc := range []struct{ stage, name string }{
		{"listing", "content"},
		{"reading", "content/articles/b.md"}, // read for a.md's link, before its turn
		{"reading", "content/articles/c.md"},
		{"converting", "content/articles/c.md"},
	} {
		t.Run(tc.stage+" "+tc.name, func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			b := newBuilder(root)
			reads := 0
			reset := fault.Set(func(stage, name string) {
				if stage == "reading" && name == tc.name {
					reads++
				}
				if stage == tc.stage && name == tc.name {
					panic("injected")
				}
			})
			_, err := b.Build()
			reset()
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 || list[0].File != tc.name ||
				!strings.Contains(list[0].Msg, "internal error in Between while "+tc.stage) || !strings.Contains(list[0].Msg, "injected") {
				t.Fatalf("a panic while %s %s gave %v, want one problem naming the file", tc.stage, tc.name, err)
			}
			if tc.stage != "listing" && reads != 1 {
				t.Errorf("%s was read %d times, want once", tc.name, reads)
			}
			assertSameAsFull(t, root, mustBuild(t, b))
		})
	}
}
