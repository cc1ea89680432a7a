package gates

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/build"
)

// exampleSite is the example library at the root of the repository, built once for all
// gates, written to disk for the HTML checker and served on 127.0.0.1 for the browser.
type exampleSite struct {
	Root  string            // the repository root: config.toml, content/, tools/
	URL   string            // the base URL it was built for and is served at, ending in "/"
	Files map[string][]byte // the output, as build.Result.Files
	Dir   string            // the output written to disk

	srv *httptest.Server
	err error

	mu     sync.Mutex
	failed []failedRequest // requests the server could not answer, for the browser gates
}

// failedRequest is a request the example site's server answered with an error status.
type failedRequest struct {
	Referer, Path string
	Status        int
}

var (
	siteOnce sync.Once
	site     *exampleSite
	// rtl is the small Arabic library (testdata/site-ar), for the gates on right-to-left pages.
	rtlOnce  sync.Once
	rtl      *exampleSite
	tmpRoots []string
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, s := range []*exampleSite{site, rtl} {
		if s != nil && s.srv != nil {
			s.srv.Close()
		}
	}
	for _, dir := range tmpRoots {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// example returns the built example library, building it on first use. A build error fails
// every gate with the coach-facing messages, since nothing else can be checked.
func example(t testing.TB) *exampleSite {
	t.Helper()
	if testing.Short() {
		t.Skip("the gates (HTML checker, browser, links over the example library): skipped with -short")
	}
	siteOnce.Do(func() { site = buildExample() })
	if site.err != nil {
		t.Fatalf("build the example library: %v", site.err)
	}
	return site
}

// rtlExample returns the built Arabic library, building it on first use.
func rtlExample(t testing.TB) *exampleSite {
	t.Helper()
	rtlOnce.Do(func() {
		root, err := filepath.Abs(filepath.Join("..", "..", "testdata", "site-ar"))
		if err != nil {
			rtl = &exampleSite{err: err}
			return
		}
		rtl = buildSite(root)
	})
	if rtl.err != nil {
		t.Fatalf("build the Arabic library: %v", rtl.err)
	}
	return rtl
}

func buildExample() *exampleSite {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return &exampleSite{err: err}
	}
	return buildSite(root)
}

// buildSite builds the library in root for the browser gates, served on 127.0.0.1.
func buildSite(root string) *exampleSite {
	s := &exampleSite{}
	if _, err := os.Stat(filepath.Join(root, "config.toml")); err != nil {
		s.err = fmt.Errorf("the example library is not at %s: %w", root, err)
		return s
	}
	s.Root = root
	// The port must be known before the build, since every link carries the base URL.
	s.srv = httptest.NewUnstartedServer(s)
	s.URL = "http://" + s.srv.Listener.Addr().String() + "/"
	res, err := build.New(build.Options{Root: root, BaseURL: s.URL}).Build()
	if err != nil {
		s.err = err
		return s
	}
	s.Files = res.Files
	tmp, err := os.MkdirTemp("", "between-gates-")
	if err != nil {
		s.err = err
		return s
	}
	tmpRoots = append(tmpRoots, tmp)
	s.Dir = filepath.Join(tmp, "public")
	// A fresh temporary folder: the files go straight to disk.
	for name, data := range res.Files {
		p := filepath.Join(s.Dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			s.err = err
			return s
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			s.err = err
			return s
		}
	}
	s.srv.Start()
	return s
}

// ServeHTTP serves the output the way a static host does: /x/ is x/index.html, /x redirects
// to /x/ when that is a folder, and anything else is 404.html with status 404.
func (s *exampleSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if body, ok := controlPages[name]; ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
		return
	}
	body, ok := s.Files[name]
	if !ok {
		if _, isDir := s.Files[name+"/index.html"]; isDir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		s.mu.Lock()
		s.failed = append(s.failed, failedRequest{Referer: r.Referer(), Path: r.URL.Path, Status: http.StatusNotFound})
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(s.Files["404.html"])
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(body)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	// Range requests as static hosts answer them (search.js reads a result's slot so), or
	// the whole file, as a host that ignores them does, for a tab that asks with
	// ignoreRange.
	switch r.Header.Get(ignoreRange) {
	case "":
	case "unsaid": // answered, but not said in Accept-Ranges, as when a host compresses
		w = unsaidRanges{w}
	default:
		w.Write(body)
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

// ignoreRange is a request header that has the example site's server answer as a host that
// ignores Range requests: with the whole file; or, with the value "unsaid", as one that
// answers them without an Accept-Ranges header.
const ignoreRange = "X-Test-Ignore-Range"

type unsaidRanges struct{ http.ResponseWriter }

func (w unsaidRanges) WriteHeader(code int) {
	w.Header().Del("Accept-Ranges")
	w.ResponseWriter.WriteHeader(code)
}

func (w unsaidRanges) Write(b []byte) (int, error) {
	w.Header().Del("Accept-Ranges")
	return w.ResponseWriter.Write(b)
}

// failedFrom returns the failed requests made by the page at pageURL (by their Referer).
func (s *exampleSite) failedFrom(pageURL string) []failedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []failedRequest
	for _, f := range s.failed {
		if f.Referer == pageURL {
			out = append(out, f)
		}
	}
	return out
}

// htmlFiles lists the output's HTML files, sorted.
func (s *exampleSite) htmlFiles() []string {
	var names []string
	for name := range s.Files {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// missing skips the test with msg, or fails it under CI, where every gate must run.
func missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

const installTools = "run `npm ci --prefix tools --ignore-scripts` at the repository root"

// toolFile returns the path of a file inside tools/node_modules, or skips (fails under CI).
func toolFile(t testing.TB, rel string) string {
	t.Helper()
	s := example(t)
	p := filepath.Join(s.Root, "tools", "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(t, fmt.Sprintf("%s is missing: %s", p, installTools))
	}
	return p
}

// javaPath returns the java command, or skips (fails under CI).
func javaPath(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("java")
	if err != nil {
		missing(t, "java not found: install it with `apt-get install -y default-jre-headless` (Debian) to run the HTML checker")
	}
	return p
}
