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
)

// Manifest is the file in the output folder listing what between wrote there, so a later
// build removes only its own files and leaves a CNAME, .git or anything else alone.
const Manifest = ".between-manifest"

// WriteStats says what WriteDir did.
type WriteStats struct {
	Written, Unchanged, Removed int
}

// WriteDir makes dir hold files: each file whose bytes differ is written atomically (a temp
// file renamed into place), unchanged files are not touched, and files an earlier build
// wrote that are no longer part of the site are removed. Nothing outside dir is written.
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
	for _, name := range names {
		if err := blocked(dir, name); err != nil {
			return st, err
		}
	}
	old := readManifest(dir)
	for _, name := range names {
		target := filepath.Join(dir, filepath.FromSlash(name))
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
func blocked(dir, name string) error {
	target := filepath.Join(dir, filepath.FromSlash(name))
	if fi, err := os.Stat(target); err == nil && fi.IsDir() {
		return fmt.Errorf("cannot write %s: a folder of that name is in the way", target)
	}
	for d := path.Dir(name); d != "."; d = path.Dir(d) {
		p := filepath.Join(dir, filepath.FromSlash(d))
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return fmt.Errorf("cannot write %s: %s is a file, not a folder", target, p)
		}
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

func writeAtomic(target string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	// A folder where a file should go (or the reverse) is left from an older layout.
	if fi, err := os.Stat(target); err == nil && fi.IsDir() {
		return fmt.Errorf("cannot write %s: a folder of that name is in the way", target)
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".between-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
