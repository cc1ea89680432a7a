package devserver

import (
	"bytes"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/generator/diag"
)

// fakeBuilder stands in for build.Builder: each content/NAME.md becomes NAME/index.html
// (content/_index.md the home page), static/ is copied, a line "BROKEN: why" in a Markdown
// file is a content error at that line, and a line "PANIC" makes it panic. It records the changed paths of every Rebuild.
type fakeBuilder struct {
	root string
	// gate, when set, holds every Rebuild until it is closed.
	gate chan struct{}

	mu       sync.Mutex
	prev     map[string][]byte
	builds   int
	rebuilds [][]string
}

func (f *fakeBuilder) Build() (*build.Result, error) {
	f.mu.Lock()
	f.builds++
	f.mu.Unlock()
	return f.make()
}

func (f *fakeBuilder) Rebuild(changed []string) (*build.Result, error) {
	f.mu.Lock()
	f.rebuilds = append(f.rebuilds, slices.Clone(changed))
	f.mu.Unlock()
	if f.gate != nil {
		<-f.gate
	}
	return f.make()
}

func (f *fakeBuilder) buildCalls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.builds
}

func (f *fakeBuilder) rebuildCalls() [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.rebuilds)
}

func (f *fakeBuilder) make() (*build.Result, error) {
	start := time.Now()
	files := map[string][]byte{
		"404.html": []byte("<!doctype html><html><head><title>Not found</title></head><body><h1>Page not found</h1></body></html>"),
	}
	var errs diag.List
	pages := 0
	fsys := os.DirFS(f.root)
	fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".md" || ignored(d.Name()) {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		for i, line := range strings.Split(string(src), "\n") {
			if line == "PANIC" {
				panic("fake builder: " + p)
			}
			if why, ok := strings.CutPrefix(line, "BROKEN: "); ok {
				errs.Add(p, i+1, 1, "%s", why)
			}
		}
		name := strings.TrimSuffix(strings.TrimPrefix(p, "content/"), ".md")
		out := name + "/index.html"
		if name == "_index" {
			out = "index.html"
		}
		files[out] = []byte("<!doctype html><html><head><title>" + html.EscapeString(name) +
			`</title><link rel="stylesheet" href="/css/site.css"></head><body><main>` +
			html.EscapeString(string(src)) + "</main></body></html>")
		pages++
		return nil
	})
	fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || ignored(d.Name()) {
			return nil
		}
		if b, err := fs.ReadFile(fsys, p); err == nil {
			files[strings.TrimPrefix(p, "static/")] = b
		}
		return nil
	})
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var changed []string
	for k, v := range files {
		if old, ok := f.prev[k]; !ok || !bytes.Equal(old, v) {
			changed = append(changed, k)
		}
	}
	for k := range f.prev {
		if _, ok := files[k]; !ok {
			changed = append(changed, k)
		}
	}
	slices.Sort(changed)
	f.prev = files
	return &build.Result{
		Files:    files,
		Changed:  changed,
		Rendered: pages,
		Summary:  build.Summary{Pages: pages, Files: len(files)},
		Duration: time.Since(start),
	}, nil
}

// writeFile writes a file under root, making its folder.
func writeFile(t interface{ Fatal(...any) }, root, name, text string) {
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
