package output

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// readAll reads every file under dir, without following links, as slash path → text; a
// link reads as "-> target".
func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "-> " + target
		case d.IsDir():
			if rel != "." {
				out[rel+"/"] = ""
			}
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func bytesOf(m map[string]string) map[string][]byte {
	out := map[string][]byte{}
	for k, v := range m {
		out[k] = []byte(v)
	}
	return out
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fixture is a site folder and an output folder beside it, in a folder of their own.
func fixture(t *testing.T) (site, out string) {
	t.Helper()
	root := t.TempDir()
	site = filepath.Join(root, "site")
	writeTree(t, site, map[string]string{"config.toml": "title = \"x\"\n", "content/a.md": "a"})
	return site, filepath.Join(root, "public")
}

// manifestNames reads the manifest the site keeps for out.
func manifestNames(t *testing.T, site, out string) []string {
	t.Helper()
	real, err := resolve(out)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := filepath.EvalSymlinks(site)
	file, key := manifestPath(s, real)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	names, ok := decodeManifest(data, key)
	if !ok {
		t.Fatalf("the manifest is not for %s:\n%s", out, data)
	}
	return names
}

func TestWriteDir(t *testing.T) {
	site, dir := fixture(t)
	opts := Options{Site: site}
	first := map[string]string{
		"index.html":            "home",
		"articles/a/index.html": "a",
		"articles/b/index.html": "b",
		"tags/x/index.html":     "x",
		"css/main.css":          "body{}",
	}
	st, err := WriteDir(dir, bytesOf(first), opts)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Written: 5}) {
		t.Errorf("first write: %+v", st)
	}
	got := readAll(t, dir)
	for name, text := range first {
		if got[name] != text {
			t.Errorf("%s = %q, want %q", name, got[name], text)
		}
	}
	if m := manifestNames(t, site, dir); len(m) != len(first) {
		t.Errorf("the manifest lists %q", m)
	}

	// The user's files, in the output folder and in folders between writes to.
	user := map[string]string{"CNAME": "lib.example.org", ".git/HEAD": "ref", "articles/a/notes.txt": "mine", "tags/x/keep/me.txt": "mine"}
	writeTree(t, dir, user)
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	for name := range first {
		os.Chtimes(filepath.Join(dir, filepath.FromSlash(name)), old, old)
	}

	second := map[string]string{
		"index.html":            "home, changed",
		"articles/b/index.html": "b",
		"css/main.css":          "body{}",
		"search/index.html":     "new",
	}
	st, err = WriteDir(dir, bytesOf(second), opts)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Written: 2, Unchanged: 2, Removed: 2}) {
		t.Errorf("second write: %+v", st)
	}
	got = readAll(t, dir)
	want := map[string]string{}
	for k, v := range second {
		want[k] = v
	}
	for k, v := range user {
		want[k] = v
	}
	for name, text := range want {
		if got[name] != text {
			t.Errorf("%s = %q, want %q", name, got[name], text)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok && !strings.HasSuffix(name, "/") {
			t.Errorf("left behind: %s", name)
		}
		if strings.Contains(name, ".between") {
			t.Errorf("between's own file %s is in the output", name)
		}
	}
	for _, name := range []string{"articles/b/index.html", "css/main.css"} {
		if fi, _ := os.Stat(filepath.Join(dir, name)); !fi.ModTime().Equal(old) {
			t.Errorf("%s was rewritten though unchanged", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "articles/a")); err != nil {
		t.Error("a folder holding the user's file was removed")
	}
	if fi, err := os.Stat(filepath.Join(dir, "search/index.html")); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("a written file's mode: %v %v", fi, err)
	}
}

func TestWriteDirRemovesEmptiedFolders(t *testing.T) {
	site, dir := fixture(t)
	if _, err := WriteDir(dir, bytesOf(map[string]string{"a/b/c/index.html": "x", "keep.txt": "k"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteDir(dir, bytesOf(map[string]string{"keep.txt": "k"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); !os.IsNotExist(err) {
		t.Errorf("emptied folders were left: %v", err)
	}
}

func TestWriteDirRefusesNames(t *testing.T) {
	site, dir := fixture(t)
	long := strings.Repeat("x", 300)
	for _, name := range []string{"../outside.html", "/abs.html", "a/../../x", Legacy, "", "a//b", ".", "a/./b", "x\x00y", long + "/index.html", "articles/" + long, ".between-staging-1/x"} {
		_, err := WriteDir(dir, map[string][]byte{name: []byte("x"), "ok.html": []byte("ok")}, Options{Site: site})
		if err == nil {
			t.Errorf("WriteDir wrote %q", name)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a refused write made the output folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "outside.html")); err == nil {
		t.Error("a file was written outside the folder")
	}
	// A whole path too long for the system, though each part is short enough.
	deep := strings.Repeat(strings.Repeat("d", 200)+"/", 25) + "index.html"
	if _, err := WriteDir(dir, map[string][]byte{deep: []byte("x")}, Options{Site: site}); err == nil || !strings.Contains(err.Error(), "whole path is longer") {
		t.Errorf("a path of %d bytes: %v", len(deep), err)
	}
	// A name of exactly NameMax bytes is fine.
	if _, err := WriteDir(dir, map[string][]byte{strings.Repeat("y", NameMax): []byte("x")}, Options{Site: site}); err != nil {
		t.Errorf("a name of %d bytes: %v", NameMax, err)
	}
}

func TestWriteDirClashes(t *testing.T) {
	// A static file "about" beside the page "about/index.html": both cannot be, and nothing
	// is written when they clash.
	site, dir := fixture(t)
	_, err := WriteDir(dir, bytesOf(map[string]string{"404.html": "x", "about": "static", "about/index.html": "page"}), Options{Site: site})
	if err == nil || !strings.Contains(err.Error(), "one would be a file and a folder at once") {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a refused write made the output folder: %v", err)
	}
	if c := Clashes([]string{"a", "a/b/c.html", "a/d.html", "b.html"}); len(c) != 1 || c[0] != (Clash{File: "a", Inside: "a/b/c.html"}) {
		t.Errorf("Clashes = %v", c)
	}
}

func TestWriteDirBlockedWritesNothing(t *testing.T) {
	// A folder where a file goes, a file where a folder goes, or a symbolic link on the way,
	// is found before anything is written: the output stays as it was.
	for name, files := range map[string]map[string]string{
		"folder in the way":    {"a.html": "new a", "z/index.html": "z"},
		"file in the way":      {"a.html": "new a", "notes.txt/x/index.html": "x"},
		"link where a file is": {"a.html": "new a", "link.html": "x"},
		"link on the way":      {"a.html": "new a", "linked/x/index.html": "x"},
	} {
		t.Run(name, func(t *testing.T) {
			site, dir := fixture(t)
			outside := filepath.Join(filepath.Dir(dir), "outside")
			writeTree(t, outside, map[string]string{"x/index.html": "precious"})
			if _, err := WriteDir(dir, bytesOf(map[string]string{"a.html": "old a"}), Options{Site: site}); err != nil {
				t.Fatal(err)
			}
			os.MkdirAll(filepath.Join(dir, "z", "index.html"), 0o755)
			os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
			os.Symlink(filepath.Join(outside, "x", "index.html"), filepath.Join(dir, "link.html"))
			os.Symlink(outside, filepath.Join(dir, "linked"))
			before, beforeOut := readAll(t, dir), readAll(t, outside)
			if _, err := WriteDir(dir, bytesOf(files), Options{Site: site}); err == nil {
				t.Fatal("WriteDir succeeded")
			}
			if after := readAll(t, dir); !equal(before, after) {
				t.Errorf("a blocked write changed the folder:\n%v\n%v", before, after)
			}
			if after := readAll(t, outside); !equal(beforeOut, after) {
				t.Errorf("a write went through a link: %v", after)
			}
		})
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}

func TestManifestNamesRoundTrip(t *testing.T) {
	// Names with a trailing space, a line break, a carriage return, a quote, a tab and a
	// combining accent come back exactly, so removing them never removes a neighbour: the
	// user's CNAME stays when the site's "CNAME " goes, and .git/HEAD when "x\n.git/HEAD" goes.
	site, dir := fixture(t)
	odd := []string{"CNAME ", "x\n.git/HEAD", "y\r", "q\"uote", "é\u0301\t.txt", " lead", "a b/c d.html"}
	files := map[string][]byte{"index.html": []byte("home")}
	for _, n := range odd {
		files[n] = []byte("site's")
	}
	if _, err := WriteDir(dir, files, Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	got := manifestNames(t, site, dir)
	sort.Strings(got)
	want := append([]string{"index.html"}, odd...)
	sort.Strings(want)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("manifest = %q, want %q", got, want)
	}
	user := map[string]string{"CNAME": "lib.example.org", ".git/HEAD": "ref: refs/heads/main", "y": "mine", "lead": "mine", "x": "mine"}
	writeTree(t, dir, user)
	st, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "home"}), Options{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if st.Removed != len(odd) {
		t.Errorf("removed %d files, want %d", st.Removed, len(odd))
	}
	after := readAll(t, dir)
	for name, text := range user {
		if after[name] != text {
			t.Errorf("the user's %q is now %q", name, after[name])
		}
	}
	for _, n := range odd {
		if _, ok := after[n]; ok {
			t.Errorf("%q was not removed", n)
		}
	}
}

func TestManifestNeverReachesOutside(t *testing.T) {
	// A manifest that lists paths out of the folder, or through a link inside it, removes
	// nothing there: only plain files reached through plain folders inside the output go.
	site, dir := fixture(t)
	outside := filepath.Join(filepath.Dir(dir), "elsewhere")
	writeTree(t, outside, map[string]string{"important.txt": "precious", "sub/x.txt": "precious"})
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "x"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	os.Symlink(outside, filepath.Join(dir, "link"))
	os.Symlink(filepath.Join(outside, "important.txt"), filepath.Join(dir, "file-link"))
	os.Symlink("../elsewhere/sub", filepath.Join(dir, "rel"))
	s, _ := filepath.EvalSymlinks(site)
	real, _ := filepath.EvalSymlinks(dir)
	file, key := manifestPath(s, real)
	lines := []string{"link/important.txt", "file-link", "rel/x.txt", "../elsewhere/important.txt", "/etc/passwd", "link", filepath.Join(outside, "important.txt")}
	os.WriteFile(file, encodeManifest(key, lines), 0o644)
	before := readAll(t, dir)
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "x"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, outside); got["important.txt"] != "precious" || got["sub/x.txt"] != "precious" {
		t.Errorf("a file outside the output was touched: %v", got)
	}
	if after := readAll(t, dir); !equal(before, after) {
		t.Errorf("links in the output were removed:\n%v\n%v", before, after)
	}
}

func TestLegacyManifest(t *testing.T) {
	// An earlier version's manifest inside the output marks the folder as between's, lets
	// the first build remove what it lists, and is then gone, the list kept in the site.
	site, dir := fixture(t)
	writeTree(t, dir, map[string]string{"old/index.html": "old page", "index.html": "home", "CNAME": "mine",
		Legacy: "# Files written by between.\nindex.html\nold/index.html\n"})
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "new home"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	got := readAll(t, dir)
	if _, ok := got["old/index.html"]; ok {
		t.Error("a page the old manifest lists was not removed")
	}
	if _, ok := got[Legacy]; ok {
		t.Error("the old manifest is still in the output")
	}
	if got["CNAME"] != "mine" || got["index.html"] != "new home" {
		t.Errorf("output: %v", got)
	}
	if m := manifestNames(t, site, dir); len(m) != 1 || m[0] != "index.html" {
		t.Errorf("manifest: %q", m)
	}
}

func TestLegacyManifestWithBrokenName(t *testing.T) {
	// The old format wrote "x\nCNAME" as two lines. A folder holding a name with a line
	// break shows the list cannot be trusted: nothing it lists is removed.
	site, dir := fixture(t)
	writeTree(t, dir, map[string]string{"x\nCNAME": "site's", "CNAME": "mine", Legacy: "index.html\nx\nCNAME\n"})
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "home"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, dir); got["CNAME"] != "mine" {
		t.Errorf("the user's CNAME was removed: %v", got)
	}
}

func TestCommitFailureLeavesOldFiles(t *testing.T) {
	// A move that fails half way (a read-only folder, a full disk: root ignores permissions,
	// so the failure is injected) is undone: the old files are back, the new folders and
	// the staging folder are gone, and the manifest still lists only what is there.
	site, dir := fixture(t)
	first := map[string]string{"a.html": "old a", "b.html": "old b", "c.html": "old c", "gone.html": "old"}
	if _, err := WriteDir(dir, bytesOf(first), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"CNAME": "mine"})
	before := readAll(t, dir)
	calls := 0
	hookMoves(t, func(to string) error {
		calls++
		if calls == 3 { // the third file: two are in place
			return errors.New("no space left on device")
		}
		return nil
	})
	_, err := WriteDir(dir, bytesOf(map[string]string{"a.html": "new a", "b.html": "new b", "c.html": "new c", "new/index.html": "new"}), Options{Site: site})
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("got %v", err)
	}
	if after := readAll(t, dir); !equal(before, after) {
		t.Errorf("a failed commit changed the folder:\nbefore %v\nafter  %v", before, after)
	}
	m := manifestNames(t, site, dir)
	for _, n := range []string{"a.html", "gone.html"} {
		if !contains(m, n) {
			t.Errorf("the manifest lost %s: %q", n, m)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAbortLeavesFolderAsItWas(t *testing.T) {
	// A build that fails after some files were staged (a full disk while writing) leaves no
	// trace: not the staging folder, not a new output folder.
	site, dir := fixture(t)
	d, err := Open(dir, Options{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Plan([]string{"a/index.html", "b.html"}); err != nil {
		t.Fatal(err)
	}
	if err := d.Write("a/index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := d.Write("nope.html", []byte("x")); err == nil {
		t.Error("Write took a name that was not planned")
	}
	d.Abort()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the new output folder is left: %v", err)
	}
}

// The build's own file (pages waiting to be rendered) is made inside the staging folder,
// without a name where the system allows it, and leaves nothing behind: neither after a
// Commit nor after an Abort of a build that made the output folder.
func TestTempFileStaysInside(t *testing.T) {
	for _, end := range []string{"commit", "abort"} {
		t.Run(end, func(t *testing.T) {
			site, dir := fixture(t)
			d, err := Open(dir, Options{Site: site})
			if err != nil {
				t.Fatal(err)
			}
			f, remove, err := d.TempFile()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteAt([]byte("pages"), 3); err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, 5)
			if _, err := f.ReadAt(buf, 3); err != nil || string(buf) != "pages" {
				t.Errorf("read back %q, %v", buf, err)
			}
			files := readAll(t, dir)
			if runtime.GOOS != "windows" && remove != nil {
				t.Error("the file kept its name")
			}
			for name := range files {
				if !strings.HasPrefix(name, stagePrefix) || !strings.HasSuffix(name, "/") && remove == nil {
					t.Errorf("%s in the output: want only the staging folder's, and no named file", name)
				}
			}
			f.Close()
			if remove != nil {
				remove()
			}
			if end == "abort" {
				d.Abort()
				if _, err := os.Stat(dir); !os.IsNotExist(err) {
					t.Errorf("the new output folder is left: %v", err)
				}
				return
			}
			if err := d.Plan([]string{"index.html"}); err != nil {
				t.Fatal(err)
			}
			if err := d.Write("index.html", []byte("x")); err != nil {
				t.Fatal(err)
			}
			if _, err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			if got := readAll(t, dir); len(got) != 1 || got["index.html"] != "x" {
				t.Errorf("after Commit the output holds %v", got)
			}
		})
	}
}

func TestCommitRemovesStagingOfKilledBuilds(t *testing.T) {
	// A build killed half way leaves its staging folder in the output, where it would be
	// published; the next build removes it, but not one of a build still running.
	site, dir := fixture(t)
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "x"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	// A process id that ran and ended.
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	dead := filepath.Join(dir, stagePrefix+strconv.Itoa(cmd.Process.Pid)+"-abc")
	alive := filepath.Join(dir, stagePrefix+strconv.Itoa(os.Getppid())+"-def")
	writeTree(t, dead, map[string]string{"1": "half a page"})
	writeTree(t, alive, map[string]string{"1": "half a page"})
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "y"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("the killed build's staging folder is left: %v", err)
	}
	if _, err := os.Stat(alive); err != nil {
		t.Errorf("a running build's staging folder was removed: %v", err)
	}
}

func TestWriteFromManyGoroutines(t *testing.T) {
	// A streaming build writes pages as they are rendered, on every core.
	for _, existing := range []bool{false, true} {
		site, dir := fixture(t)
		if existing {
			os.MkdirAll(dir, 0o755)
		}
		d, err := Open(dir, Options{Site: site})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for i := range 200 {
			names = append(names, "p/"+strconv.Itoa(i)+"/index.html")
		}
		if err := d.Plan(names); err != nil {
			t.Fatal(err)
		}
		errs := make(chan error, len(names))
		for _, n := range names {
			go func() { errs <- d.Write(n, []byte(n)) }()
		}
		for range names {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		st, err := d.Commit()
		if err != nil || st.Written != len(names) {
			t.Fatalf("%+v %v", st, err)
		}
		if got := readAll(t, dir); got["p/7/index.html"] != "p/7/index.html" {
			t.Errorf("p/7/index.html = %q", got["p/7/index.html"])
		}
	}
}

func TestAbortInExistingFolder(t *testing.T) {
	// A write that fails part way (a full disk while staging) leaves an existing output as it
	// was: old files, no new folders, no staging folder.
	site, dir := fixture(t)
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "old", "a/index.html": "old a"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	before := readAll(t, dir)
	d, err := Open(dir, Options{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Plan([]string{"index.html", "a/index.html", "new/index.html"}); err != nil {
		t.Fatal(err)
	}
	d.Write("index.html", []byte("new"))
	d.Write("new/index.html", []byte("new"))
	d.Abort()
	if after := readAll(t, dir); !equal(before, after) {
		t.Errorf("an aborted write changed the folder:\n%v\n%v", before, after)
	}
}

func TestFailedCommitDoesNotClaimUserFiles(t *testing.T) {
	// The site adds a CNAME where the user keeps their own, and the build fails while moving
	// files: the user's CNAME is back, and the list of between's files does not name it, so
	// that a later build (without the site's CNAME) does not remove it.
	site, dir := fixture(t)
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "home"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"CNAME": "mine"})
	var during []string // the manifest while files move: what a crash would leave
	restore := hookMoves(t, func(to string) error {
		if during == nil {
			during = manifestNames(t, site, dir)
		}
		if to == "index.html" {
			return errors.New("read-only file system")
		}
		return nil
	})
	_, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "new home", "CNAME": "the site's", "new.html": "new"}), Options{Site: site})
	if !contains(during, "new.html") || contains(during, "CNAME") {
		t.Errorf("while moving, the manifest is %q: want new.html and not the user's CNAME", during)
	}
	restore()
	if err == nil {
		t.Fatal("the injected failure did not fail the build")
	}
	// After the failure, the list is what is on disk: as before the build.
	if m := manifestNames(t, site, dir); len(m) != 1 || m[0] != "index.html" {
		t.Errorf("after a failed build the manifest is %q, want only index.html", m)
	}
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "home"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, dir); got["CNAME"] != "mine" {
		t.Errorf("the user's CNAME is %q", got["CNAME"])
	}
}

func TestOwnFilesMakeWay(t *testing.T) {
	// What an earlier build wrote is no obstacle to this one: a static file "about" makes
	// way for the page about/index.html, and a page's folder for a static file of its
	// name. A folder holding anything of the user's (a file, an empty folder) still stops
	// the build, before anything is written.
	site, dir := fixture(t)
	first := map[string]string{"about": "static about", "x/index.html": "page x", "x/print/index.html": "booklet x", "index.html": "home"}
	if _, err := WriteDir(dir, bytesOf(first), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	second := map[string]string{"about/index.html": "page about", "x": "static x", "index.html": "home"}
	st, err := WriteDir(dir, bytesOf(second), Options{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if st.Removed != 3 || st.Written != 2 {
		t.Errorf("stats %+v", st)
	}
	got := readAll(t, dir)
	for name, text := range second {
		if got[name] != text {
			t.Errorf("%s = %q, want %q", name, got[name], text)
		}
	}
	if len(got) != 4 { // about/, and the three files
		t.Errorf("the folder holds %v", got)
	}

	for name, user := range map[string]string{"a file": "y/notes.txt", "an empty folder": "y/empty/"} {
		t.Run(name, func(t *testing.T) {
			site, dir := fixture(t)
			if _, err := WriteDir(dir, bytesOf(map[string]string{"y/index.html": "page y"}), Options{Site: site}); err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(user, "/") {
				os.MkdirAll(filepath.Join(dir, user), 0o755)
			} else {
				writeTree(t, dir, map[string]string{user: "mine"})
			}
			before := readAll(t, dir)
			_, err := WriteDir(dir, bytesOf(map[string]string{"y": "static y"}), Options{Site: site})
			if err == nil || !strings.Contains(err.Error(), "a folder of that name, not made by a build of this site, is in the way; move or delete that folder") {
				t.Errorf("got %v", err)
			}
			if after := readAll(t, dir); !equal(before, after) {
				t.Errorf("the folder changed:\n%v\n%v", before, after)
			}
		})
	}
}

func TestOwnFilesMakeWayUndone(t *testing.T) {
	// A failure after between's old files were moved aside puts them back.
	site, dir := fixture(t)
	if _, err := WriteDir(dir, bytesOf(map[string]string{"about": "static about", "y/index.html": "page y", "z.html": "z"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	before := readAll(t, dir)
	hookMoves(t, func(to string) error {
		if to == "z.html" {
			return errors.New("no space left on device")
		}
		return nil
	})
	if _, err := WriteDir(dir, bytesOf(map[string]string{"about/index.html": "page", "y": "static y", "z.html": "new z"}), Options{Site: site}); err == nil {
		t.Fatal("the injected failure did not fail the build")
	}
	if after := readAll(t, dir); !equal(before, after) {
		t.Errorf("a failed build changed the folder:\n%v\n%v", before, after)
	}
}

func TestPlanAgainWhileWriting(t *testing.T) {
	// A search index is planned once the pages it indexes are being written: its names are
	// checked against those planned before, and Commit waits for every one of them.
	site, dir := fixture(t)
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "old", "a/index.html": "old a"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	before := readAll(t, dir)
	d, err := Open(dir, Options{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Plan([]string{"index.html", "a/index.html"}); err != nil {
		t.Fatal(err)
	}
	if err := d.Write("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Write("search/data/1.json", []byte("1")); err == nil {
		t.Error("Write took a name before it was planned")
	}
	err = d.Plan([]string{"search/data/1.json", "index.html/x", "a/index.html"})
	if err == nil || !strings.Contains(err.Error(), "one would be a file and a folder") {
		t.Errorf("a name inside a file planned before: %v", err)
	}
	if err := d.Plan([]string{"search/data/1.json", "search/data/2.json"}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"a/index.html", "search/data/1.json"} {
		if err := d.Write(n, []byte("new "+n)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.Commit(); err == nil || !strings.Contains(err.Error(), "search/data/2.json") {
		t.Errorf("Commit with a planned file not written: %v", err)
	}
	if after := readAll(t, dir); !equal(before, after) {
		t.Errorf("a failed commit changed the folder:\n%v\n%v", before, after)
	}

	d, err = Open(dir, Options{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"index.html": "new", "a/index.html": "old a", "search/data/1.json": "1", "search/data/2.json": "2"}
	if err := d.Plan([]string{"index.html", "a/index.html"}); err != nil {
		t.Fatal(err)
	}
	if err := d.Plan([]string{"search/data/1.json", "search/data/2.json"}); err != nil {
		t.Fatal(err)
	}
	for n, text := range files {
		if err := d.Write(n, []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	st, err := d.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 3 || st.Unchanged != 1 {
		t.Errorf("stats %+v", st)
	}
	if got := filesOf(readAll(t, dir)); !equal(got, files) {
		t.Errorf("the folder holds %v", got)
	}
}

func TestCommitMovesNewFoldersWhole(t *testing.T) {
	// A folder the output does not have yet arrives in one move with everything staged in
	// it; one it has gets each new file on its own, next to what the build left unchanged.
	site, dir := fixture(t)
	if _, err := WriteDir(dir, bytesOf(map[string]string{"a/x.html": "x", "a/b/y.html": "y"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	var moves []string
	hookMoves(t, func(to string) error {
		moves = append(moves, to)
		return nil
	})
	files := map[string]string{"a/x.html": "x", "a/b/y.html": "new y", "a/c/1.html": "1", "a/c/d/2.html": "2", "e/3.html": "3"}
	if _, err := WriteDir(dir, bytesOf(files), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	if got := filesOf(readAll(t, dir)); !equal(got, files) {
		t.Errorf("the folder holds %v", got)
	}
	// a/b/y.html is replaced (the old one set aside to the staging folder, or swapped
	// there in the same step); a/c and e move whole.
	var into []string
	for _, m := range moves {
		if !strings.HasPrefix(m, stagePrefix) {
			into = append(into, m)
		}
	}
	if want := []string{"a/b/y.html", "a/c", "e"}; !slices.Equal(into, want) {
		t.Errorf("moved %q, want %q", into, want)
	}
}

// filesOf leaves the folders out of what readAll found.
func filesOf(all map[string]string) map[string]string {
	out := map[string]string{}
	for n, text := range all {
		if !strings.HasSuffix(n, "/") {
			out[n] = text
		}
	}
	return out
}

// hookMoves calls f before every move of Commit, with the name moved to, until the test ends
// or the returned func is called; an error from f is the move's.
func hookMoves(t *testing.T, f func(to string) error) (restore func()) {
	t.Helper()
	realRename, realSwap := rename, swapFile
	rename = func(r *os.Root, from, to string) error {
		if err := f(to); err != nil {
			return err
		}
		return realRename(r, from, to)
	}
	swapFile = func(d *Dir, name, number string) error {
		if err := f(name); err != nil {
			return err
		}
		return realSwap(d, name, number)
	}
	restore = func() { rename, swapFile = realRename, realSwap }
	t.Cleanup(restore)
	return restore
}

// TestSameSizeChangeRewritten: a file whose new bytes differ from the old ones in one byte
// (its first, one in the middle, its last) at the same size is written; only the file that
// is byte for byte the same is left alone (its inode and time stay).
func TestSameSizeChangeRewritten(t *testing.T) {
	site, out := fixture(t)
	page := strings.Repeat("<p>A page of some length.</p>\n", 3000) // 87 KB: more than one read
	flip := func(i int) string { b := []byte(page); b[i] ^= 1; return string(b) }
	first := map[string]string{"same/index.html": page, "a/index.html": page, "b/index.html": page, "c/index.html": page}
	if _, err := WriteDir(out, bytesOf(first), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(filepath.Join(out, "same/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	second := map[string]string{"same/index.html": page, "a/index.html": flip(0), "b/index.html": flip(len(page) / 2), "c/index.html": flip(len(page) - 1)}
	st, err := WriteDir(out, bytesOf(second), Options{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Written: 3, Unchanged: 1}) {
		t.Errorf("stats %+v, want 3 written and 1 unchanged", st)
	}
	if got := filesOf(readAll(t, out)); !equal(got, second) {
		for name := range second {
			if got[name] != second[name] {
				t.Errorf("%s is not what the second build wrote", name)
			}
		}
	}
	after, err := os.Stat(filepath.Join(out, "same/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) || !before.ModTime().Equal(after.ModTime()) {
		t.Error("the unchanged file was written again")
	}
}
