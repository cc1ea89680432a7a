//go:build linux

package output

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// withoutOpenat2 makes the package act as on a kernel without openat2 until the test ends.
func withoutOpenat2(t testing.TB) {
	t.Helper()
	openat2 = func(int, string, *unix.OpenHow) (int, error) { return -1, unix.ENOSYS }
	t.Cleanup(func() { openat2 = rawOpenat2 })
}

// haveOpenat2 skips the test when the kernel running it has no openat2 of its own.
func haveOpenat2(t testing.TB) {
	t.Helper()
	fd, err := unix.Openat2(unix.AT_FDCWD, ".", &unix.OpenHow{Flags: unix.O_PATH | unix.O_CLOEXEC})
	if err != nil {
		t.Skipf("this kernel has no openat2 (%v): only the portable way runs here", err)
	}
	unix.Close(fd)
}

// rawCalls has the fast way's calls made raw until the test ends, however long one takes on
// a busy machine.
func rawCalls(t testing.TB) {
	t.Helper()
	haveOpenat2(t)
	old := slowCall
	slowCall = time.Hour
	slowOutput.Store(false)
	t.Cleanup(func() { slowCall = old; slowOutput.Store(false) })
}

// onSlowDisk makes every raw system call count as slow until the test ends, so that all
// but the first go through Go's scheduler.
func onSlowDisk(t testing.TB) {
	t.Helper()
	haveOpenat2(t)
	old := slowCall
	slowCall = 0
	slowOutput.Store(false)
	t.Cleanup(func() { slowCall = old; slowOutput.Store(false) })
}

// The ways of writing into the output: the fast one (openat2 on bare descriptors, its calls
// raw, or through the scheduler once one was slow) and the portable one (os.Root), which
// the fast one falls back to.
var ways = []struct {
	name  string
	setup func(testing.TB)
	fast  bool
}{
	{"openat2", rawCalls, true},
	{"openat2 on a slow disk", onSlowDisk, true},
	{"no openat2", withoutOpenat2, false},
}

func TestWaysWriteTheSameFolder(t *testing.T) {
	for _, w := range ways {
		t.Run(w.name, func(t *testing.T) {
			w.setup(t)
			site, dir := fixture(t)
			// Folders deeper than makeStaged makes at once (8), some under a folder made for
			// a file before them.
			deep := "x/1/2/3/4/5/6/7/8/9/10/index.html"
			first := map[string]string{"index.html": "home", "a/b/c/index.html": "deep", "a/index.html": "a", "x/index.html": "x",
				deep: "deepest", "x/1/2/3/4/5/6/7/8/9/11/index.html": "beside it", "x/1/2/3/x/index.html": "below"}
			d, err := Open(dir, Options{Site: site})
			if err != nil {
				t.Fatal(err)
			}
			names := []string{"index.html", "a/b/c/index.html", "a/index.html", "x/index.html", deep, "x/1/2/3/4/5/6/7/8/9/11/index.html", "x/1/2/3/x/index.html"}
			if err := d.Plan(names); err != nil {
				t.Fatal(err)
			}
			for _, n := range names {
				if err := d.Write(n, []byte(first[n])); err != nil {
					t.Fatal(err)
				}
			}
			if (d.stage.raw != nil) != w.fast {
				t.Errorf("staged the fast way: %v, want %v", d.stage.raw != nil, w.fast)
			}
			if slow := slowOutput.Load(); slow != (slowCall == 0) {
				t.Errorf("calls through the scheduler after a slow one: %v", slow)
			}
			if st, err := d.Commit(); err != nil || st != (Stats{Written: 7}) {
				t.Fatalf("first: %+v %v", st, err)
			}
			if got := filesOf(readAll(t, dir)); !equal(got, first) {
				t.Errorf("the folder holds %v, want %v", got, first)
			}
			second := map[string]string{"index.html": "home", "a/b/c/index.html": "deeper", "a/index.html": "a", "y/index.html": "y"}
			st, err := WriteDir(dir, bytesOf(second), Options{Site: site})
			if err != nil || st != (Stats{Written: 2, Unchanged: 2, Removed: 4}) {
				t.Fatalf("second: %+v %v", st, err)
			}
			if got := filesOf(readAll(t, dir)); !equal(got, second) {
				t.Errorf("the folder holds %v, want %v", got, second)
			}
		})
	}
}

// staging starts the build's staging in d by writing its first planned file, and returns
// the real path of the folder files are staged in.
func staging(t *testing.T, d *Dir, first string) string {
	t.Helper()
	if err := d.Write(first, []byte("first")); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(d.real, d.stage.dir, stageNew)
}

func TestStagingNeverFollowsAPlantedLink(t *testing.T) {
	// Someone (or something) with access to the output plants links in the staging folder
	// while a build writes there: no file or folder may appear, or change, where they lead.
	for _, w := range ways {
		t.Run(w.name, func(t *testing.T) {
			w.setup(t)
			site, dir := fixture(t)
			elsewhere := filepath.Join(filepath.Dir(site), "elsewhere")
			writeTree(t, elsewhere, map[string]string{"secret.txt": "keep", "linked.txt": "keep too"})
			before := readAll(t, elsewhere)

			d, err := Open(dir, Options{Site: site})
			if err != nil {
				t.Fatal(err)
			}
			defer d.Abort()
			names := []string{"first.html", "folder/page/index.html", "file/index.html", "hard/index.html", "top.html"}
			if err := d.Plan(names); err != nil {
				t.Fatal(err)
			}
			stage := staging(t, d, "first.html")
			// A link for a folder on the way, and links and a hard link for the file itself.
			must(t, os.Symlink(elsewhere, filepath.Join(stage, "folder")))
			must(t, os.Mkdir(filepath.Join(stage, "file"), 0o755))
			must(t, os.Symlink(filepath.Join(elsewhere, "secret.txt"), filepath.Join(stage, "file", "index.html")))
			must(t, os.Mkdir(filepath.Join(stage, "hard"), 0o755))
			must(t, os.Link(filepath.Join(elsewhere, "linked.txt"), filepath.Join(stage, "hard", "index.html")))
			must(t, os.Symlink(filepath.Join(elsewhere, "secret.txt"), filepath.Join(stage, "top.html")))

			if err := d.Write("folder/page/index.html", []byte("page")); err == nil {
				t.Error("a page was staged through a link to a folder elsewhere")
			}
			// A link or a second name in the file's place is replaced, never written through.
			for _, n := range []string{"file/index.html", "hard/index.html", "top.html"} {
				d.Write(n, []byte("overwritten"))
				if fi, err := os.Lstat(filepath.Join(stage, n)); err == nil && fi.Mode().IsRegular() {
					if data, _ := os.ReadFile(filepath.Join(stage, n)); string(data) != "overwritten" {
						t.Errorf("%s staged as %q", n, data)
					}
				}
			}
			if after := readAll(t, elsewhere); !equal(before, after) {
				t.Errorf("a build wrote through a link planted in its staging folder:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func TestFastWayClosedIsAnError(t *testing.T) {
	// A write that comes after Abort (a worker still running when a build fails) must not
	// use a descriptor number that now belongs to some other file.
	haveOpenat2(t)
	site, dir := fixture(t)
	d, err := Open(dir, Options{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Plan([]string{"a.html", "b/index.html"}); err != nil {
		t.Fatal(err)
	}
	staging(t, d, "a.html")
	raw := d.stage.raw
	d.Abort()
	if err := raw.writeFile("b/index.html", []byte("late")); err == nil {
		t.Error("a write after Abort succeeded")
	}
	if err := raw.mkdir("b"); err == nil {
		t.Error("a folder made after Abort")
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("the aborted output %s is still there", dir)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestPortableWay(t *testing.T) {
	// The tests of moving into place and undoing, again without openat2: os.Root and two
	// renames a file, as on other systems.
	withoutOpenat2(t)
	for name, test := range map[string]func(*testing.T){
		"WriteDir":                   TestWriteDir,
		"CommitFailureLeavesOld":     TestCommitFailureLeavesOldFiles,
		"FailedCommitDoesNotClaim":   TestFailedCommitDoesNotClaimUserFiles,
		"OwnFilesMakeWay":            TestOwnFilesMakeWay,
		"OwnFilesMakeWayUndone":      TestOwnFilesMakeWayUndone,
		"CommitMovesNewFoldersWhole": TestCommitMovesNewFoldersWhole,
		"PlanAgainWhileWriting":      TestPlanAgainWhileWriting,
		"WriteFromManyGoroutines":    TestWriteFromManyGoroutines,
		"AbortInExistingFolder":      TestAbortInExistingFolder,
	} {
		t.Run(name, test)
	}
}

func TestChangedFilesSwapInOneStep(t *testing.T) {
	// A changed file replaces the old one in one swap, which leaves the old one in the
	// staging folder until the end; where the filesystem cannot swap, the old file is set
	// aside and the new one moved in, two renames.
	haveOpenat2(t)
	for _, canSwap := range []bool{true, false} {
		site, dir := fixture(t)
		first := map[string]string{"index.html": "home", "a/index.html": "a", "a/b/index.html": "b", "c/index.html": "c"}
		if _, err := WriteDir(dir, bytesOf(first), Options{Site: site}); err != nil {
			t.Fatal(err)
		}
		var swaps, renames []string
		realRename, realSwap := rename, swapFile
		t.Cleanup(func() { rename, swapFile = realRename, realSwap })
		rename = func(r *os.Root, from, to string) error {
			renames = append(renames, to)
			return realRename(r, from, to)
		}
		swapFile = func(d *Dir, name, number string) error {
			if !canSwap {
				return errNoSwap
			}
			swaps = append(swaps, name)
			return realSwap(d, name, number)
		}
		second := map[string]string{"index.html": "home 2", "a/index.html": "a", "a/b/index.html": "b 2", "c/index.html": "c 2", "d/index.html": "d"}
		st, err := WriteDir(dir, bytesOf(second), Options{Site: site})
		if err != nil || st != (Stats{Written: 4, Unchanged: 1}) {
			t.Fatalf("%+v %v", st, err)
		}
		if got := filesOf(readAll(t, dir)); !equal(got, second) {
			t.Errorf("swap %v: the folder holds %v, want %v", canSwap, got, second)
		}
		var into []string
		for _, m := range renames {
			if !strings.HasPrefix(m, stagePrefix) {
				into = append(into, m)
			}
		}
		wantSwaps, wantInto := []string{"a/b/index.html", "c/index.html", "index.html"}, []string{"d"}
		if !canSwap {
			wantSwaps, wantInto = nil, []string{"a/b/index.html", "c/index.html", "d", "index.html"}
		}
		if !slices.Equal(swaps, wantSwaps) || !slices.Equal(into, wantInto) {
			t.Errorf("swap %v: swapped %q and renamed into place %q, want %q and %q", canSwap, swaps, into, wantSwaps, wantInto)
		}
	}
}

func TestPlanOnAllCoresFindsWhatIsInTheWay(t *testing.T) {
	// Plan looks at many names on all cores first (prefetch): it must find every obstacle,
	// and say the same of each, as looking one name after the other does.
	haveOpenat2(t)
	site, dir := fixture(t)
	elsewhere := filepath.Join(filepath.Dir(site), "elsewhere")
	writeTree(t, elsewhere, map[string]string{"index.html": "not the site's"})
	var names []string
	for i := range 600 {
		names = append(names, "p/"+strconv.Itoa(i)+"/index.html")
	}
	if _, err := WriteDir(dir, bytesOf(map[string]string{"p/1/index.html": "one"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	must(t, os.Symlink(elsewhere, filepath.Join(dir, "p", "5")))
	must(t, os.MkdirAll(filepath.Join(dir, "p", "7", "index.html"), 0o755))
	writeTree(t, dir, map[string]string{"p/9": "a file of the user's", "p/11/index.html/x": "deep"})
	must(t, os.Mkdir(filepath.Join(dir, "p", "13"), 0o755))
	must(t, os.Symlink(filepath.Join(elsewhere, "index.html"), filepath.Join(dir, "p", "13", "index.html")))
	before := readAll(t, dir)
	plan := func(min int) string {
		prefetchMin = min
		defer func() { prefetchMin = 256 }()
		d, err := Open(dir, Options{Site: site, Force: true})
		if err != nil {
			t.Fatal(err)
		}
		defer d.Abort()
		err = d.Plan(names)
		if err == nil {
			t.Fatal("Plan found nothing in the way")
		}
		return err.Error()
	}
	serial, parallel := plan(1<<30), plan(1)
	if serial != parallel {
		t.Errorf("looking one by one says\n%s\nlooking on all cores says\n%s", serial, parallel)
	}
	for _, want := range []string{"p/5 is a symbolic link", "p/7/index.html: a folder of that name", "p/9 is a file", "p/11/index.html: a folder", "p/13/index.html: it is a symbolic link"} {
		if !strings.Contains(parallel, filepath.FromSlash(want)) {
			t.Errorf("no %q in\n%s", want, parallel)
		}
	}
	if after := readAll(t, dir); !equal(before, after) {
		t.Errorf("a refused plan changed the folder")
	}
}

func TestPlanLooksNowhereBelowWhatIsNoFolder(t *testing.T) {
	// checkOnDisk stops at the first folder on a name's way that is missing (or a link, or
	// a file): prefetch must not look below it. On a first build into a new folder that was
	// every page's name and folder, 240,000 system calls at 100,000 pages, for nothing.
	haveOpenat2(t)
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("prefetch looks on all cores only where there are two or more")
	}
	site, dir := fixture(t)
	writeTree(t, dir, map[string]string{"p/1/index.html": "one", "f": "a file"})
	must(t, os.Symlink(t.TempDir(), filepath.Join(dir, "l")))
	var names []string
	for i := range 600 {
		for _, top := range []string{"p", "new", "f", "l"} {
			names = append(names, top+"/"+strconv.Itoa(i)+"/index.html")
		}
	}
	slices.Sort(names)
	d, err := Open(dir, Options{Site: site, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	c := &diskCheck{planned: map[string]bool{}, old: map[string]bool{}, folders: map[string]folderState{}, existing: map[string]bool{}, clear: map[string]int{}}
	var looked []string
	for p := range d.prefetch(names, c) {
		looked = append(looked, p)
	}
	// The four top folders, the 600 folders in p/, and the one name in the one folder of
	// p/ there is.
	want := []string{"f", "l", "new", "p", "p/1/index.html"}
	for i := range 600 {
		want = append(want, "p/"+strconv.Itoa(i))
	}
	slices.Sort(want)
	slices.Sort(looked)
	if !slices.Equal(looked, want) {
		t.Errorf("prefetch looked at %d names (%q...), want %d", len(looked), looked[:min(8, len(looked))], len(want))
	}
	// Planned again (the search index's names, once the pages'), with a folder on the way
	// known to be a plain one: what is below it is looked at as before.
	c.folders["p"] = folderFine
	looked = looked[:0]
	for p := range d.prefetch(names[slices.Index(names, "p/0/index.html"):], c) {
		looked = append(looked, p)
	}
	slices.Sort(looked)
	if want := want[slices.Index(want, "p/0"):]; !slices.Equal(looked, want) {
		t.Errorf("below a known folder, prefetch looked at %d names (%q...), want %d", len(looked), looked[:min(8, len(looked))], len(want))
	}
}
