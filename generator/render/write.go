package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
)

// Manifest is the file in the output folder listing what between wrote there, so a later
// build removes only its own files and leaves a CNAME, .git or anything else alone.
const Manifest = ".between-manifest"

// WriteStats says what WriteDir did.
type WriteStats struct {
	Written, Unchanged, Removed int
}

// WriteDir makes dir hold files: a file whose bytes differ replaces the old one atomically
// (a temp file renamed into place), a file in a new folder is written in place, unchanged
// files are not touched, and files an earlier build wrote that are no longer part of the
// site are removed. Nothing outside dir is written.
func WriteDir(dir string, files map[string][]byte) (WriteStats, error) {
	var st WriteStats
	names := make([]string, 0, len(files))
	for name := range files {
		if !fs.ValidPath(name) || name == Manifest {
			return st, fmt.Errorf("refusing to write %q: not a path inside the output folder", name)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	// Find what would stop a write before writing anything, so that the usual failure (a
	// folder where a page goes, or a file where a folder goes) leaves the folder as it was.
	folders := map[string]bool{}
	for _, name := range names {
		if err := blocked(dir, name, folders); err != nil {
			return st, err
		}
	}
	fresh, err := makeFolders(dir, folders)
	if err != nil {
		return st, err
	}
	old := readManifest(dir)
	// One file after the other: measured on ext4, writing in parallel only made the disk's
	// own locking slower.
	for _, name := range names {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if fresh[path.Dir(name)] {
			// A folder made just now holds nothing to compare with or to replace, and no one
			// can be reading a file there yet: write it in place.
			if err := os.WriteFile(target, files[name], 0o644); err != nil {
				return st, err
			}
			st.Written++
			continue
		}
		if cur, err := os.ReadFile(target); err == nil && bytes.Equal(cur, files[name]) {
			st.Unchanged++
			continue
		}
		if err := writeAtomic(target, files[name]); err != nil {
			return st, err
		}
		st.Written++
	}
	dirs := map[string]bool{}
	for _, name := range old {
		if _, keep := files[name]; keep || !fs.ValidPath(name) {
			continue
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.Remove(target); err == nil {
			st.Removed++
			for d := path.Dir(name); d != "."; d = path.Dir(d) {
				dirs[d] = true
			}
		}
	}
	// Remove folders our removals emptied, deepest first; a folder holding anything else stays.
	var ds []string
	for d := range dirs {
		ds = append(ds, d)
	}
	sort.Slice(ds, func(i, j int) bool { return len(ds[i]) > len(ds[j]) })
	for _, d := range ds {
		_ = os.Remove(filepath.Join(dir, filepath.FromSlash(d))) // fails, as it should, when not empty
	}
	var m bytes.Buffer
	m.WriteString("# Files written by between. It removes only these on the next build.\n")
	for _, name := range names {
		m.WriteString(name)
		m.WriteByte('\n')
	}
	if err := writeAtomic(filepath.Join(dir, Manifest), m.Bytes()); err != nil {
		return st, err
	}
	return st, nil
}

// blocked reports what in dir would stop writing the file name: a folder of that name, or a
// file where one of its folders should be.
// makeFolders makes the folders (slash paths inside dir) that do not exist yet, and returns
// the ones it made.
func makeFolders(dir string, folders map[string]bool) (map[string]bool, error) {
	list := make([]string, 0, len(folders))
	for d := range folders {
		list = append(list, d)
	}
	sort.Strings(list) // parents before children
	fresh := map[string]bool{}
	for _, d := range list {
		err := os.Mkdir(filepath.Join(dir, filepath.FromSlash(d)), 0o755)
		switch {
		case err == nil:
			fresh[d] = true
		case !errors.Is(err, fs.ErrExist):
			return nil, err
		}
	}
	return fresh, nil
}

// Folders already checked are in seen, so each is looked at once.
func blocked(dir, name string, seen map[string]bool) error {
	target := filepath.Join(dir, filepath.FromSlash(name))
	if fi, err := os.Lstat(target); err == nil && fi.IsDir() {
		return fmt.Errorf("cannot write %s: a folder of that name is in the way", target)
	}
	for d := path.Dir(name); d != "." && !seen[d]; d = path.Dir(d) {
		p := filepath.Join(dir, filepath.FromSlash(d))
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return fmt.Errorf("cannot write %s: %s is a file, not a folder", target, p)
		}
		seen[d] = true
	}
	return nil
}

func readManifest(dir string) []string {
	f, err := os.Open(filepath.Join(dir, Manifest))
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// tmpCount makes temporary names unique within the process; the process id makes them
// unique between two builds running at once.
var tmpCount atomic.Int64

// writeAtomic writes data to a temporary file beside target and renames it into place, so
// that a reader (a web server serving the folder) sees the old file or the new, never half.
func writeAtomic(target string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(target), fmt.Sprintf(".between-%d-%d.tmp", os.Getpid(), tmpCount.Add(1)))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		// The folder is new (the manifest's own, or one made by nobody yet).
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		f, err = os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
