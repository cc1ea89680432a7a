package output

import (
	"os"
	"path"
	"strconv"
	"testing"
)

// aheadNames are the names of pages, each in a folder of its own in one section, and one
// file at the top, as a build plans them.
func aheadNames(n int) []string {
	names := []string{"index.html"}
	for i := range n {
		names = append(names, "articles/"+strconv.Itoa(i)+"/index.html")
	}
	return names
}

// waitMakers waits for the folder makers Plan started, as Commit does, and reports how
// many there were.
func waitMakers(d *Dir) int {
	d.stage.mu.Lock()
	makers := d.stage.makers
	d.stage.mu.Unlock()
	for _, m := range makers {
		<-m.done
	}
	return len(makers)
}

// Plan of many files in new folders makes their folders in the staging folder before any
// of them is written (and none for a file that stands in the output already); the files
// written there afterwards, from many goroutines, are in place after Commit, with no
// other folder.
func TestPlanMakesFoldersAhead(t *testing.T) {
	site, dir := fixture(t)
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "old", "articles/0/index.html": "old 0"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	d, err := Open(dir, Options{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	names := aheadNames(foldersAheadMin + 10)
	if err := d.Plan(names); err != nil {
		t.Fatal(err)
	}
	if n := waitMakers(d); n != 1 {
		t.Fatalf("Plan of %d new folders started %d folder makers, want 1", len(names)-2, n)
	}
	staged := func(dir string) bool {
		fi, err := d.root.Lstat(d.stage.dir + "/" + stageNew + "/" + dir)
		return err == nil && fi.IsDir()
	}
	for _, n := range names[2:] {
		if !staged(path.Dir(n)) {
			t.Fatalf("the folder of %s was not made ahead", n)
		}
	}
	if staged("articles/0") {
		t.Error("a folder was made ahead for a file the output holds already")
	}
	want := map[string]string{}
	errs := make(chan error, len(names))
	for _, n := range names {
		want[n] = "new " + n
	}
	for _, n := range names {
		go func() { errs <- d.Write(n, []byte("new "+n)) }()
	}
	for range names {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	got := readAll(t, dir)
	if files := filesOf(got); !equal(files, want) {
		t.Errorf("the folder holds %d files, want %d", len(files), len(want))
	}
	for n := range got {
		if n[len(n)-1] == '/' && n != "articles/" {
			if _, ok := want[n+"index.html"]; !ok {
				t.Errorf("folder %s holds no file of the build", n)
			}
		}
	}
}

// A build that fails while the folders are made ahead (Abort at once, or after some
// writes) leaves the output as Open found it: a new output folder is gone, an existing one
// holds its old files and no folder of the build.
func TestAbortStopsFoldersAhead(t *testing.T) {
	for _, existing := range []bool{false, true} {
		for _, writes := range []int{0, 20} {
			site, dir := fixture(t)
			if existing {
				if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "old"}), Options{Site: site}); err != nil {
					t.Fatal(err)
				}
			}
			var before map[string]string
			if existing {
				before = readAll(t, dir)
			}
			d, err := Open(dir, Options{Site: site})
			if err != nil {
				t.Fatal(err)
			}
			names := aheadNames(4 * foldersAheadMin)
			if err := d.Plan(names); err != nil {
				t.Fatal(err)
			}
			for _, n := range names[1 : 1+writes] {
				if err := d.Write(n, []byte(n)); err != nil {
					t.Fatal(err)
				}
			}
			d.Abort()
			if !existing {
				if _, err := os.Lstat(dir); !os.IsNotExist(err) {
					t.Errorf("%d writes: Abort left the new output folder (%v)", writes, err)
				}
				continue
			}
			if after := readAll(t, dir); !equal(before, after) {
				t.Errorf("%d writes: Abort changed the folder: %d entries, had %d", writes, len(after), len(before))
			}
		}
	}
}

// Folders are made ahead only for enough new folders to be worth a goroutine.
func TestFewFoldersNotAhead(t *testing.T) {
	site, dir := fixture(t)
	d, err := Open(dir, Options{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Plan(aheadNames(foldersAheadMin - 1)); err != nil {
		t.Fatal(err)
	}
	if n := waitMakers(d); n != 0 {
		t.Errorf("%d folder makers for %d folders", n, foldersAheadMin-1)
	}
	d.Abort()
}
