package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/output"
	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/internal/fault"
)

// mapSink keeps what BuildTo streams, copying each file as a real sink writes it out.
type mapSink struct {
	mu      sync.Mutex
	planned []string
	files   map[string][]byte
	failOn  string
}

// Plan may be called again, with more names, while files planned before are written.
func (m *mapSink) Plan(names []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.planned = slices.Sorted(slices.Values(append(m.planned, names...)))
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	return nil
}

func (m *mapSink) Write(name string, data []byte) error {
	if name == m.failOn {
		return errors.New("disk full")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := slices.BinarySearch(m.planned, name); !ok {
		return errors.New("written before it was planned: " + name)
	}
	if _, dup := m.files[name]; dup {
		return errors.New("written twice: " + name)
	}
	m.files[name] = bytes.Clone(data)
	return nil
}

// Streaming to a sink gives exactly the files of an in-memory build, each planned first and
// written once, however the pooled buffers were reused.
// The search index, made while the pages render and planned after them, takes its folder
// as in an in-memory build: a site's own file in it is left out, one beside it is not.
func TestBuildToStreamsWhatBuildMakes(t *testing.T) {
	files := smallSite()
	files["static/search/data/mine.json"] = "{}"
	files["static/search/mine.txt"] = "mine"
	root := writeSite(t, files)
	want := mustBuild(t, newBuilder(root)).Files
	sink := &mapSink{}
	b := newBuilder(root)
	res, err := b.BuildTo(sink)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != nil {
		t.Error("BuildTo kept the files")
	}
	if names := slices.Sorted(maps.Keys(want)); !slices.Equal(slices.Compact(sink.planned), names) {
		t.Errorf("planned %v\nwant %v", sink.planned, names)
	}
	for name, data := range want {
		if !bytes.Equal(sink.files[name], data) {
			t.Errorf("%s streamed differs from the in-memory build", name)
		}
	}
	if _, ok := want["search/mine.txt"]; !ok {
		t.Error("the site's file beside the search index is missing")
	}
	if len(sink.files) != len(want) {
		t.Errorf("%d files streamed, want %d", len(sink.files), len(want))
	}
	if res.Summary.Files != len(want) {
		t.Errorf("the summary counts %d files, want %d", res.Summary.Files, len(want))
	}
	// Nothing is kept for rebuilds: the next one starts over, and is right.
	res = mustRebuild(t, b, "content/articles/a.md")
	if len(res.Files) != len(want) {
		t.Errorf("the rebuild after BuildTo made %d files, want %d", len(res.Files), len(want))
	}
}

// A sink's failure fails the build, whichever file it fails on: a page, or a result file
// of the search index, which the index writes as it makes them, beside the pages.
func TestBuildToReportsTheSinksFailure(t *testing.T) {
	root := writeSite(t, smallSite())
	for _, name := range []string{"articles/b/index.html", search.Dir + "r/0.jsonl", search.Dir + "manifest.json"} {
		_, err := newBuilder(root).BuildTo(&mapSink{failOn: name})
		var we *WriteError
		if !errors.As(err, &we) || we.Err.Error() != "disk full" {
			t.Fatalf("failing on %s: error %v, want the sink's", name, err)
		}
	}
}

// A streamed build over its memory budget reads a page's Markdown body again when it
// converts it, if the file was read before its turn (its front matter gave the URL of a
// link, here from a.md to b.md) or to convert it for a booklet: a file changed in between
// fails the build, naming the file, rather than joining its new body to its old front
// matter. A page read at its turn converts the bytes read, whatever happens to the file
// after. The next build is whole.
func TestBuildToRefusesAFileChangedWhileBuilding(t *testing.T) {
	files := smallSite()
	for i := range 20 { // sorted before a.md: read after the first files, which the build reads first
		files[fmt.Sprintf("content/articles/%02d.md", i)] = mdPage(fmt.Sprintf("Filler %d", i), "", "Filler.")
	}
	root := writeSite(t, files)
	for _, tc := range []struct {
		stage, name string
		changed     bool // the build finds the change
	}{
		{"converting", "content/articles/b.md", true},
		{"converting", "content/articles/c.md", false},
		{"converting for booklets", "content/guides/g.md", true},
	} {
		t.Run(tc.stage+" "+tc.name, func(t *testing.T) {
			old := readFile(t, root, tc.name)
			defer write(t, root, tc.name, old)
			// On one core the pages convert in order: a.md reads b.md before b.md's turn.
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			reset := fault.Set(func(s, n string) {
				if s == tc.stage && n == tc.name {
					write(t, root, tc.name, mdPage("Edited", "date = 2026-01-03", "Edited while building.\n\n## Second"))
				}
			})
			b := newBuilder(root)
			b.memSize = -1
			_, err := b.BuildTo(&mapSink{})
			reset()
			var list diag.List
			switch {
			case tc.changed && (!errors.As(err, &list) || len(list) != 1 || list[0].File != tc.name || !strings.Contains(list[0].Msg, "changed while building")):
				t.Fatalf("a file changed while %s gave %v, want one problem naming %s", tc.stage, err, tc.name)
			case !tc.changed && err != nil:
				t.Fatalf("a file changed after it was read, while %s: %v", tc.stage, err)
			}
			sink := &mapSink{}
			if _, err := b.BuildTo(sink); err != nil {
				t.Fatal(err)
			}
			want := mustBuild(t, newBuilder(root)).Files
			for n, data := range want {
				if !bytes.Equal(sink.files[n], data) {
					t.Errorf("%s differs from an in-memory build after the file changed", n)
				}
			}
		})
	}
}

// Within its memory budget a streamed build keeps each file as it read it, and converts
// that: a file changed while building is built whole as it was read, and no page waits in
// a spill file. Over the budget the pages are spilled and read again, and the output is the
// same, byte for byte.
func TestBuildToWithinItsBudget(t *testing.T) {
	root := writeSite(t, smallSite())
	want := mustBuild(t, newBuilder(root)).Files
	name := "content/articles/c.md"
	old := readFile(t, root, name)
	reset := fault.Set(func(s, n string) {
		if s == "converting" && n == name {
			write(t, root, name, mdPage("Edited", "date = 2026-01-03", "Edited while building."))
		}
	})
	b := newBuilder(root)
	sink := &mapSink{}
	_, err := b.BuildTo(sink)
	reset()
	if err != nil {
		t.Fatalf("a file changed while converting, within the budget: %v", err)
	}
	if b.spillTried {
		t.Error("a build within its budget made a spill file")
	}
	for n, data := range want {
		if !bytes.Equal(sink.files[n], data) {
			t.Errorf("%s differs from an in-memory build of the files as they were read", n)
		}
	}
	write(t, root, name, old)
	// A library whose files do not all fit holds no page's HTML as it is.
	for _, size := range []int64{-1, 600} { // none; some files fit
		b := newBuilder(root)
		b.memSize = size
		held := -1
		var once sync.Once // rendering runs on several goroutines
		reset := fault.Set(func(stage, _ string) {
			if stage == "rendering" {
				once.Do(func() {
					held = 0
					for _, e := range b.entries {
						if e.made != nil && e.made.Body.Len() > 0 && !e.made.Body.Packed() {
							held++
						}
					}
				})
			}
		})
		sink := &mapSink{}
		_, err := b.BuildTo(sink)
		reset()
		if err != nil {
			t.Fatal(err)
		}
		if !b.spillTried || held != 0 {
			t.Errorf("budget %d: %d pages' HTML held as it is, spill file made: %v; want none held, and the file", size, held, b.spillTried)
		}
		for n, data := range want {
			if !bytes.Equal(sink.files[n], data) {
				t.Errorf("budget %d: %s differs from an in-memory build", size, n)
			}
		}
	}
}

// A streamed build over its budget holds its first pages' HTML in memory in the spill and
// the rest in its file, as much in memory as it is told: the output is the same, byte for
// byte, whether every page, some or none are held. (Booklets' pages go to the file
// compressed, held or not.)
func TestBuildToHoldsPartOfTheSpill(t *testing.T) {
	// Wherever the temporary folder is: a spill in memory holds nothing (the next test).
	defer func(was func(*markdown.Spill) bool) { spillInMemory = was }(spillInMemory)
	spillInMemory = func(*markdown.Spill) bool { return false }
	root := writeSite(t, smallSite())
	want := mustBuild(t, newBuilder(root)).Files
	var memory, file [3]int64
	for i, held := range []int64{-1, 300, 1 << 30} { // none; some; all
		b := newBuilder(root)
		b.memSize = -1
		b.spillHeld = held
		memory[i], file[i] = -1, -1
		var once sync.Once // rendering runs on several goroutines
		reset := fault.Set(func(stage, _ string) {
			if stage == "rendering" {
				once.Do(func() { memory[i], file[i] = b.spill.Sizes() })
			}
		})
		sink := &mapSink{}
		_, err := b.BuildTo(sink)
		reset()
		if err != nil {
			t.Fatal(err)
		}
		for n, data := range want {
			if !bytes.Equal(sink.files[n], data) {
				t.Errorf("holding %d bytes: %s differs from an in-memory build", held, n)
			}
		}
		if len(sink.files) != len(want) {
			t.Errorf("holding %d bytes: %d files, want %d", held, len(sink.files), len(want))
		}
	}
	t.Logf("held in memory %v, in the file %v", memory, file)
	if runtime.GOOS != "linux" { // no memory to hold them in (region.Map): all in the file
		if memory != [3]int64{} || file[0] <= 0 || file[1] != file[0] || file[2] != file[0] {
			t.Errorf("held in memory %v, in the file %v: want all in the file", memory, file)
		}
		return
	}
	if memory[0] != 0 || file[0] <= 0 ||
		memory[1] <= 0 || memory[1] > 300 || file[1] <= file[2] ||
		memory[2] <= 300 || memory[2]+file[2] != file[0] {
		t.Errorf("held in memory %v, in the file %v (none, 300 bytes, all): want none, some, all of the pages' HTML", memory, file)
	}
}

// A spill whose file is in memory already holds none of the pages, however much the build
// may hold: they all go to the file, and the output is the same.
func TestBuildToHoldsNothingOfASpillInMemory(t *testing.T) {
	defer func(was func(*markdown.Spill) bool) { spillInMemory = was }(spillInMemory)
	spillInMemory = func(*markdown.Spill) bool { return true }
	root := writeSite(t, smallSite())
	want := mustBuild(t, newBuilder(root)).Files
	b := newBuilder(root)
	b.memSize = -1
	b.spillHeld = 1 << 30
	memory, file := int64(-1), int64(-1)
	var once sync.Once
	reset := fault.Set(func(stage, _ string) {
		if stage == "rendering" {
			once.Do(func() { memory, file = b.spill.Sizes() })
		}
	})
	sink := &mapSink{}
	_, err := b.BuildTo(sink)
	reset()
	if err != nil {
		t.Fatal(err)
	}
	if memory != 0 || file <= 0 {
		t.Errorf("held in memory %d bytes, in the file %d: want all in the file", memory, file)
	}
	if len(sink.files) != len(want) {
		t.Errorf("%d files, want %d", len(sink.files), len(want))
	}
	for n, data := range want {
		if !bytes.Equal(sink.files[n], data) {
			t.Errorf("%s differs from an in-memory build", n)
		}
	}
}

// spyDir is an output folder that counts the files it gives the build for waiting pages.
type spyDir struct {
	*output.Dir
	temps int
}

func (s *spyDir) TempFile() (*os.File, func() error, error) {
	s.temps++
	return s.Dir.TempFile()
}

// A streamed build over its memory budget into an output folder keeps the pages waiting
// to be rendered in a file inside the output's staging folder, its name removed at once:
// nothing in the temporary folder (which may be in memory), nothing outside the output,
// nothing left once the build is in place.
// openSpills lists the process's open files with "pages-" in their names, by descriptor,
// leaving out those open in before under the same descriptor and name.
func openSpills(before map[string]string) map[string]string {
	fds, _ := os.ReadDir("/proc/self/fd")
	open := map[string]string{}
	for _, fd := range fds {
		target, err := os.Readlink("/proc/self/fd/" + fd.Name())
		if err == nil && strings.Contains(target, "pages-") && before[fd.Name()] != target {
			open[fd.Name()] = target
		}
	}
	return open
}

func TestBuildToSpillsInsideTheOutput(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("looks for the open file in /proc")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	root := writeSite(t, smallSite())
	want := mustBuild(t, newBuilder(root)).Files
	out := filepath.Join(t.TempDir(), "public")
	d, err := output.Open(out, output.Options{Site: root})
	if err != nil {
		t.Fatal(err)
	}
	// The in-memory build above may still hold its own spill file open until it is
	// collected: only files opened after it count.
	before := openSpills(nil)
	var open map[string]string // the build's files with "pages-" in their names, while it renders
	var once sync.Once         // rendering runs on several goroutines
	reset := fault.Set(func(stage, name string) {
		if stage != "rendering" {
			return
		}
		once.Do(func() { open = openSpills(before) })
	})
	spy := &spyDir{Dir: d}
	b := newBuilder(root)
	b.memSize = -1
	_, err = b.BuildTo(spy)
	reset()
	if err != nil {
		d.Abort()
		t.Fatal(err)
	}
	if _, err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if spy.temps != 1 {
		t.Errorf("the build asked the output for %d files, want 1", spy.temps)
	}
	names := slices.Collect(maps.Values(open))
	if len(names) != 1 || !strings.HasPrefix(names[0], out+"/.between-staging-") || !strings.HasSuffix(names[0], " (deleted)") {
		t.Errorf("open while rendering: %q, want one file in %s's staging folder, its name removed", names, out)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("the build left %v in the temporary folder", left)
	}
	got := map[string][]byte{}
	err = filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		got[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("the output holds %d files, want %d", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs from an in-memory build", name)
		}
	}
}

// A streamed build lets go of each file's front matter as read once its output names are
// checked: no entry holds its page.Page while the pages render, and they render as when
// it was held (TestBuildToStreamsWhatBuildMakes compares them with an in-memory build).
func TestBuildToRendersWithoutTheFrontMatterAsRead(t *testing.T) {
	root := writeSite(t, smallSite())
	b := newBuilder(root)
	held, seen := 0, 0
	var once sync.Once // rendering runs on several goroutines
	defer fault.Set(func(stage, _ string) {
		if stage == "rendering" {
			once.Do(func() {
				for _, e := range b.entries {
					seen++
					if e.page != nil {
						held++
					}
				}
			})
		}
	})()
	sink := &mapSink{}
	if _, err := b.BuildTo(sink); err != nil {
		t.Fatal(err)
	}
	if seen == 0 || held != 0 {
		t.Errorf("%d of %d entries held their page.Page while the pages rendered", held, seen)
	}
	if len(sink.files) == 0 {
		t.Error("nothing rendered")
	}
}
