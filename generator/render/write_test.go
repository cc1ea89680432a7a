package render

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
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

func TestWriteDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first := map[string]string{
		"index.html":            "home",
		"articles/a/index.html": "a",
		"articles/b/index.html": "b",
		"tags/x/index.html":     "x",
		"css/main.css":          "body{}",
	}
	st, err := WriteDir(dir, bytesOf(first))
	if err != nil {
		t.Fatal(err)
	}
	if st != (WriteStats{Written: 5}) {
		t.Errorf("first write: %+v", st)
	}
	got := readAll(t, dir)
	manifest := got[Manifest]
	delete(got, Manifest)
	if len(got) != len(first) {
		t.Errorf("wrote %v", got)
	}
	for name, text := range first {
		if got[name] != text {
			t.Errorf("%s = %q, want %q", name, got[name], text)
		}
		if !strings.Contains(manifest, "\n"+name+"\n") {
			t.Errorf("the manifest does not list %s:\n%s", name, manifest)
		}
	}

	// The user's files, in the output folder and in folders between writes to.
	user := map[string]string{"CNAME": "lib.example.org", ".git/HEAD": "ref", "articles/a/notes.txt": "mine", "tags/x/keep/me.txt": "mine"}
	for name, text := range user {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
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
	st, err = WriteDir(dir, bytesOf(second))
	if err != nil {
		t.Fatal(err)
	}
	if st != (WriteStats{Written: 2, Unchanged: 2, Removed: 2}) {
		t.Errorf("second write: %+v", st)
	}
	got = readAll(t, dir)
	delete(got, Manifest)
	want := map[string]string{}
	for k, v := range second {
		want[k] = v
	}
	for k, v := range user {
		want[k] = v
	}
	if len(got) != len(want) {
		var names []string
		for n := range got {
			names = append(names, n)
		}
		sort.Strings(names)
		t.Errorf("the folder holds %q", names)
	}
	for name, text := range want {
		if got[name] != text {
			t.Errorf("%s = %q, want %q", name, got[name], text)
		}
	}
	// Unchanged files keep their time; a folder that our removal emptied goes, one with the
	// user's files stays.
	for _, name := range []string{"articles/b/index.html", "css/main.css"} {
		if fi, _ := os.Stat(filepath.Join(dir, name)); !fi.ModTime().Equal(old) {
			t.Errorf("%s was rewritten though unchanged", name)
		}
	}
	if fi, _ := os.Stat(filepath.Join(dir, "index.html")); fi.ModTime().Equal(old) {
		t.Error("index.html changed but was not written")
	}
	if _, err := os.Stat(filepath.Join(dir, "articles/a")); err != nil {
		t.Error("a folder holding the user's file was removed")
	}
	if _, err := os.Stat(filepath.Join(dir, "tags/x/keep/me.txt")); err != nil {
		t.Error("the user's file in a nested folder was removed")
	}
	for name := range got {
		if strings.Contains(name, ".between-") {
			t.Errorf("temporary file %s left", name)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, "search/index.html")); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("a written file's mode: %v %v", fi, err)
	}
}

func TestWriteDirRemovesEmptiedFolders(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteDir(dir, bytesOf(map[string]string{"a/b/c/index.html": "x", "keep.txt": "k"})); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteDir(dir, bytesOf(map[string]string{"keep.txt": "k"})); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); !os.IsNotExist(err) {
		t.Errorf("emptied folders were left: %v", err)
	}
}

func TestWriteDirRefuses(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"../outside.html", "/abs.html", "a/../../x", Manifest, "", "a//b"} {
		if _, err := WriteDir(dir, map[string][]byte{name: []byte("x"), "ok.html": []byte("ok")}); err == nil {
			t.Errorf("WriteDir wrote %q", name)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused write left files: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "outside.html")); err == nil {
		t.Error("a file was written outside the folder")
	}
}

func TestWriteDirManifestStaysInside(t *testing.T) {
	// A manifest edited by hand (or damaged) never makes WriteDir remove files outside the
	// output folder.
	root := t.TempDir()
	dir := filepath.Join(root, "public")
	os.MkdirAll(dir, 0o755)
	victim := filepath.Join(root, "victim.txt")
	os.WriteFile(victim, []byte("precious"), 0o644)
	os.WriteFile(filepath.Join(dir, Manifest), []byte("../victim.txt\n/etc/passwd\n# comment\n\n"), 0o644)
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "x"})); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(victim); err != nil || string(data) != "precious" {
		t.Errorf("a file outside the output folder was touched: %q %v", data, err)
	}
}

func TestWriteDirFolderInTheWay(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "about.html"), 0o755)
	_, err := WriteDir(dir, bytesOf(map[string]string{"about.html": "x"}))
	if err == nil || !strings.Contains(err.Error(), "a folder of that name is in the way") {
		t.Errorf("got %v", err)
	}
}

func TestWriteDirBlockedWritesNothing(t *testing.T) {
	// A folder where a file goes, or a file where a folder goes, is found before anything
	// is written: the output stays as it was.
	for name, files := range map[string]map[string]string{
		"folder in the way": {"a.html": "new a", "z/index.html": "z"},
		"file in the way":   {"a.html": "new a", "notes.txt/x/index.html": "x"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := WriteDir(dir, bytesOf(map[string]string{"a.html": "old a"})); err != nil {
				t.Fatal(err)
			}
			os.MkdirAll(filepath.Join(dir, "z", "index.html"), 0o755)
			os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
			before := readAll(t, dir)
			if _, err := WriteDir(dir, bytesOf(files)); err == nil {
				t.Fatal("WriteDir succeeded")
			}
			after := readAll(t, dir)
			if len(after) != len(before) || after["a.html"] != "old a" || after[Manifest] != before[Manifest] {
				t.Errorf("a blocked write changed the folder: %v", after)
			}
		})
	}
}
