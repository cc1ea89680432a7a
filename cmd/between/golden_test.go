package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ from the current output")

// goldenCases are the whole-site golden tests: the fixture testdata/site-basic built with the
// probe layouts (what the pipeline computes, whatever the theme looks like) and with the
// default theme (the real output, every file).
var goldenCases = []struct {
	name, golden string
	probe        bool
}{
	{"probe", "site-basic.probe.golden", true},
	{"default-theme", "site-basic.golden", false},
	// The theme in German, Japanese and Arabic (right to left), with the libraries' own words.
	{"de", "site-de.golden", false},
	{"ja", "site-ja.golden", false},
	{"ar", "site-ar.golden", false},
	// One library in English and German: the German part under de/, linked to the English.
	{"bilingual", "site-bilingual.golden", false},
}

func TestGolden(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.name, func(t *testing.T) {
			fixture := "site-basic"
			if strings.HasPrefix(gc.golden, "site-") && !strings.HasPrefix(gc.golden, "site-basic") {
				fixture = strings.SplitN(gc.golden, ".", 2)[0]
			}
			dir := fixtureSite(t, fixture, gc.probe)
			res, err := buildAt(dir, build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			// The theme's own CSS and scripts are copied as they are; the golden files hold
			// what the build makes, and one check here that every copy is whole.
			files := withoutThemeStatic(res.Files)
			if err := fs.WalkDir(themes.Default, "default/static", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				name := strings.TrimPrefix(p, "default/static/")
				if _, copied := res.Files[name]; !copied {
					t.Errorf("the theme's %s is not in the output", name)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if gc.probe {
				// Every page comes from a probe layout (its body names the layout), none from
				// the default theme, whose look the probe golden files must not follow.
				for name, data := range files {
					if strings.HasSuffix(name, ".html") && !bytes.Contains(data, []byte("<body data-layout=")) && !bytes.Contains(data, []byte(`http-equiv="refresh"`)) {
						t.Errorf("%s is not made by a probe layout: add one to testdata/probe-layouts", name)
					}
				}
			}
			compareGolden(t, filepath.Join("../../testdata", gc.golden), files)
		})
	}
}

// withoutThemeStatic drops the default theme's static files, copied byte for byte, which
// the golden files need not hold twice.
func withoutThemeStatic(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for name, data := range files {
		if theirs, err := fs.ReadFile(themes.Default, "default/static/"+name); err == nil && bytes.Equal(theirs, data) {
			continue
		}
		// Each language of a library in several has its copy (de/css/main.css).
		if _, rest, ok := strings.Cut(name, "/"); ok {
			if theirs, err := fs.ReadFile(themes.Default, "default/static/"+rest); err == nil && bytes.Equal(theirs, data) {
				continue
			}
		}
		out[name] = data
	}
	return out
}

// compareGolden checks that files are exactly the files under dir, or with -update makes
// them so.
func compareGolden(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("wrote %d golden files to %s", len(files), dir)
		return
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("no golden files in %s; run go test ./cmd/between -run Golden -update", dir)
	}
	want := readTree(t, dir)
	var names []string
	for name := range want {
		names = append(names, name)
	}
	for name := range files {
		if _, ok := want[name]; !ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var missing, extra, differ []string
	shown := 0
	for _, name := range names {
		w, inWant := want[name]
		g, inGot := files[name]
		switch {
		case !inGot:
			missing = append(missing, name)
		case !inWant:
			extra = append(extra, name)
		case !bytes.Equal(w, g):
			differ = append(differ, name)
			if shown < 5 {
				shown++
				t.Errorf("%s differs from %s:\n%s", name, dir, lineDiff(w, g))
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("files in %s that the build no longer writes:\n  %s", dir, strings.Join(missing, "\n  "))
	}
	if len(extra) > 0 {
		t.Errorf("files the build writes that are not in %s:\n  %s", dir, strings.Join(extra, "\n  "))
	}
	if len(differ) > shown {
		t.Errorf("%d more files differ: %s", len(differ)-shown, strings.Join(differ[shown:], ", "))
	}
	if t.Failed() {
		t.Log("if the change is intended, run: go test ./cmd/between -run Golden -update, and review the diff of testdata/")
	}
}
