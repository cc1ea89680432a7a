package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/build"
)

// testNow is the clock of every test build: publish and expiry dates, and the build date
// templates show, depend on it.
var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// probeLayouts is a theme that prints the site model plainly. Test sites that must not depend
// on the default theme's look carry a copy of it in their own layouts/ folder.
const probeLayouts = "../../testdata/probe-layouts"

// copyTree copies the files under src into dst.
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// writeFiles writes files (slash paths relative to dir → contents) into dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
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

// newSite makes a site in a temporary folder from files, with the probe layouts, and returns
// its folder.
func newSite(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, probeLayouts, filepath.Join(dir, "layouts"))
	os.Remove(filepath.Join(dir, "layouts", "README.md"))
	writeFiles(t, dir, files)
	return dir
}

// fixtureSite copies testdata/NAME into a temporary folder, adds the probe layouts when
// probe is set, and returns its folder.
func fixtureSite(t testing.TB, name string, probe bool) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, filepath.Join("../../testdata", name), dir)
	if probe {
		copyTree(t, probeLayouts, filepath.Join(dir, "layouts"))
		os.Remove(filepath.Join(dir, "layouts", "README.md"))
	}
	return dir
}

// buildAt builds the site in dir with the test clock.
func buildAt(dir string, opts build.Options) (*build.Result, error) {
	opts.Root = dir
	b := build.New(opts)
	b.SetClock(func() time.Time { return testNow })
	return b.Build()
}

// treeHash fingerprints every file and folder under dir (names, modes, bytes), to show that
// nothing in it changed.
func treeHash(t testing.TB, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s %v", filepath.ToSlash(rel), info.Mode())
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x %d", sha256.Sum256(data), info.ModTime().UnixNano())
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// readTree returns every file under dir by slash path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// lineDiff describes how got differs from want: the first differing line with a few lines
// of context on each side, in a unified-diff-like form.
func lineDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	// Trim the common tail so the diff shows only the changed block.
	we, ge := len(wl), len(gl)
	for we > i && ge > i && wl[we-1] == gl[ge-1] {
		we--
		ge--
	}
	var b bytes.Buffer
	from := max(0, i-3)
	fmt.Fprintf(&b, "@@ line %d @@\n", i+1)
	for _, l := range wl[from:i] {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	const most = 12
	for j, l := range wl[i:we] {
		if j == most {
			fmt.Fprintf(&b, "- ... (%d more)\n", we-i-most)
			break
		}
		fmt.Fprintf(&b, "- %s\n", l)
	}
	for j, l := range gl[i:ge] {
		if j == most {
			fmt.Fprintf(&b, "+ ... (%d more)\n", ge-i-most)
			break
		}
		fmt.Fprintf(&b, "+ %s\n", l)
	}
	for _, l := range wl[we:min(len(wl), we+3)] {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	return b.String()
}

// knownBug skips a test of a reported bug that is not fixed yet, so the suite stays green
// while the test keeps saying what is wrong. BETWEEN_KNOWN_BUGS=1 runs it (and shows it
// failing until the fix lands).
func knownBug(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("BETWEEN_KNOWN_BUGS") == "" {
		t.Skipf("known bug, not fixed yet: %s (BETWEEN_KNOWN_BUGS=1 runs this test)", what)
	}
}
