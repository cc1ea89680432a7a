package devserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is the server's log, read by the test while the server writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type testServer struct {
	t      testing.TB
	root   string
	s      *Server
	url    string // "http://127.0.0.1:PORT"
	log    *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// startServer runs a server for the site in root on a free port of 127.0.0.1, and stops it
// when the test ends, failing the test if it does not shut down cleanly.
func startServer(t testing.TB, b Builder, root string, configure ...func(*Server)) *testServer {
	t.Helper()
	log := &syncBuffer{}
	s := New(b, Options{Root: root, Port: 0, Log: log})
	for _, c := range configure {
		c(s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{t: t, root: root, s: s, log: log, cancel: cancel, done: make(chan error, 1)}
	go func() { ts.done <- s.Run(ctx) }()
	select {
	case <-s.Ready():
	case err := <-ts.done:
		t.Fatalf("Run: %v", err)
	case <-time.After(5 * time.Minute): // the first build of a large generated site is slow
		t.Fatal("server not ready within 5 minutes")
	}
	ts.url = "http://" + s.Addr()
	t.Cleanup(ts.stop)
	return ts
}

func (ts *testServer) stop() {
	ts.cancel()
	select {
	case err := <-ts.done:
		if err != nil {
			ts.t.Errorf("Run returned %v after shutdown, want nil", err)
		}
		ts.done <- nil // stop is idempotent
	case <-time.After(10 * time.Second):
		ts.t.Error("server did not shut down within 10s")
	}
}

func (ts *testServer) write(name, text string) {
	ts.t.Helper()
	writeFile(ts.t, ts.root, name, text)
}

type response struct {
	status int
	header http.Header
	body   string
}

// do sends one request without following redirects.
func (ts *testServer) do(method, path string, edit ...func(*http.Request)) response {
	ts.t.Helper()
	req, err := http.NewRequest(method, ts.url+path, nil)
	if err != nil {
		ts.t.Fatal(err)
	}
	for _, e := range edit {
		e(req)
	}
	client := &http.Client{Timeout: 20 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, string(body)}
}

func (ts *testServer) get(path string) response {
	ts.t.Helper()
	return ts.do(http.MethodGet, path)
}

type event struct {
	name string
	data string
}

// stream is one browser tab's event stream.
type stream struct {
	t      testing.TB
	events chan event
}

// listen opens the event stream as a browser does, and returns once the hello event (sent
// after the server counts the browser in) has arrived.
func (ts *testServer) listen() (*stream, event) {
	ts.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.url+"/__between/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		ts.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		ts.t.Fatalf("event stream Content-Type %q", ct)
	}
	s := &stream{t: ts.t, events: make(chan event, 64)}
	go func() {
		defer close(s.events)
		defer resp.Body.Close()
		r := bufio.NewReader(resp.Body)
		var ev event
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\n")
			switch {
			case line == "":
				if ev.name != "" {
					s.events <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data += line[len("data: "):]
			}
		}
	}()
	ts.t.Cleanup(cancel)
	hello := s.next()
	if hello.name != "hello" {
		ts.t.Fatalf("first event %q, want hello", hello.name)
	}
	return s, hello
}

func (s *stream) next() event {
	s.t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			s.t.Fatal("event stream closed")
		}
		return ev
	case <-time.After(20 * time.Second):
		s.t.Fatal("no event within 20s")
	}
	return event{}
}

// nextBuild waits for the next build event, failing on a build-error.
func (s *stream) nextBuild() buildEvent {
	s.t.Helper()
	ev := s.next()
	if ev.name != "build" {
		s.t.Fatalf("got event %s %s, want build", ev.name, ev.data)
	}
	var b buildEvent
	if err := json.Unmarshal([]byte(ev.data), &b); err != nil {
		s.t.Fatal(err)
	}
	return b
}

// buildUntil waits for build events until one lists the output file want as changed: an
// editor's save may come as two batches, hence two builds.
func (s *stream) buildUntil(want string) buildEvent {
	s.t.Helper()
	for {
		b := s.nextBuild()
		if slices.Contains(b.Changed, want) {
			return b
		}
	}
}

func (s *stream) nextError() errorEvent {
	s.t.Helper()
	for {
		ev := s.next()
		if ev.name == "build" {
			continue // the first half of a save
		}
		if ev.name != "build-error" {
			s.t.Fatalf("got event %s, want build-error", ev.name)
		}
		var e errorEvent
		if err := json.Unmarshal([]byte(ev.data), &e); err != nil {
			s.t.Fatal(err)
		}
		return e
	}
}

// newSite writes a small site into a fresh folder.
func newSite(t testing.TB) string {
	root := t.TempDir()
	writeFile(t, root, "config.toml", "title = 'Test'\n")
	writeFile(t, root, "content/_index.md", "Welcome home\n")
	writeFile(t, root, "content/a.md", "First version of A\n")
	writeFile(t, root, "static/css/site.css", "body { color: black }\n")
	return root
}

func TestServeEditCreateDeleteRename(t *testing.T) {
	root := newSite(t)
	fb := &fakeBuilder{root: root}
	ts := startServer(t, fb, root)

	if r := ts.get("/a/"); r.status != 200 || !strings.Contains(r.body, "First version of A") {
		t.Fatalf("GET /a/ = %d %q", r.status, r.body)
	}
	tab, hello := ts.listen()
	if !strings.Contains(hello.data, `"problems":null`) {
		t.Errorf("hello %s, want no problems", hello.data)
	}
	other, _ := ts.listen()
	// changed says which tabs reload: those showing a listed page.
	wantChanged := func(b buildEvent, want ...string) {
		t.Helper()
		if !slices.Equal(b.Changed, want) || b.All {
			t.Errorf("build %d changed %q (all %v), want %q", b.Build, b.Changed, b.All, want)
		}
	}

	// Edit: every browser hears which page changed.
	ts.write("content/a.md", "Second version of A\n")
	wantChanged(tab.buildUntil("a/index.html"), "a/index.html")
	wantChanged(other.buildUntil("a/index.html"), "a/index.html")
	if r := ts.get("/a/"); !strings.Contains(r.body, "Second version of A") {
		t.Errorf("after the edit GET /a/ = %q", r.body)
	}
	if !strings.Contains(ts.log.String(), "content/a.md: 2 pages re-rendered, 1 file changed in ") {
		t.Errorf("log lacks the rebuild line:\n%s", ts.log)
	}

	// CSS only.
	ts.write("static/css/site.css", "body { color: navy }\n")
	wantChanged(tab.buildUntil("css/site.css"), "css/site.css")
	if r := ts.get("/css/site.css"); r.body != "body { color: navy }\n" {
		t.Errorf("GET /css/site.css = %q", r.body)
	}

	// Create: a tab showing the 404 for /b/ will see its page listed.
	ts.write("content/b.md", "Brand new B\n")
	wantChanged(tab.buildUntil("b/index.html"), "b/index.html")
	if r := ts.get("/b/"); r.status != 200 || !strings.Contains(r.body, "Brand new B") {
		t.Errorf("after create GET /b/ = %d %q", r.status, r.body)
	}

	// Delete.
	if err := os.Remove(filepath.Join(root, "content", "b.md")); err != nil {
		t.Fatal(err)
	}
	wantChanged(tab.buildUntil("b/index.html"), "b/index.html")
	if r := ts.get("/b/"); r.status != 404 || !strings.Contains(r.body, "Page not found") {
		t.Errorf("after delete GET /b/ = %d %q, want the site's 404 page", r.status, r.body)
	}

	// Rename: the old URL is gone, the new one is there, and the builder heard both names.
	if err := os.Rename(filepath.Join(root, "content", "a.md"), filepath.Join(root, "content", "c.md")); err != nil {
		t.Fatal(err)
	}
	wantChanged(tab.buildUntil("c/index.html"), "a/index.html", "c/index.html")
	if r := ts.get("/a/"); r.status != 404 {
		t.Errorf("after rename GET /a/ = %d, want 404", r.status)
	}
	if r := ts.get("/c/"); r.status != 200 || !strings.Contains(r.body, "Second version of A") {
		t.Errorf("after rename GET /c/ = %d %q", r.status, r.body)
	}
	calls := fb.rebuildCalls()
	if last := calls[len(calls)-1]; !slices.Contains(last, "content/a.md") || !slices.Contains(last, "content/c.md") {
		t.Errorf("rename rebuilt with %q, want old and new name", last)
	}
}

func TestServeBurstIsOneRebuild(t *testing.T) {
	root := newSite(t)
	// However the machine's load spreads the writes out (a pause in the burst longer than
	// the quiet window ends a batch), a rebuild that starts during the burst takes until
	// the burst is over, and whatever came meanwhile is one batch: the rebuilds are held
	// until the watcher has taken in every write (both of its watches, the kernel's ends
	// of saves too, report events in order: a file written after the burst comes last).
	fb := &fakeBuilder{root: root, gate: make(chan struct{})}
	noted, ended := make(chan string, 1<<16), make(chan string, 1<<16)
	ts := startServer(t, fb, root, func(s *Server) { s.noted, s.ended = noted, ended })
	tab, _ := ts.listen()
	for i := range 50 {
		ts.write("content/a.md", strings.Repeat("x", i+1)+"\n")
	}
	ts.write("content/b.md", "After the burst\n")
	waitFor(t, noted, "content/b.md")
	if cw := newCloseWatch(); cw != nil { // the kernel gives ends of saves here
		cw.close()
		waitFor(t, ended, "content/b.md")
	}
	close(fb.gate)
	tab.buildUntil("a/index.html")
	// Wait for the final text to be served, then count the rebuilds it took.
	final := strings.Repeat("x", 50)
	for !strings.Contains(ts.get("/a/").body, final+"\n") || !strings.Contains(ts.get("/b/").body, "After the burst") {
		tab.nextBuild()
	}
	if n := len(fb.rebuildCalls()); n < 1 || n > 2 {
		t.Errorf("50 writes in a burst made %d rebuilds, want one or two:\n%s", n, ts.log)
	}
}

// waitFor receives from hook until it gets rel.
func waitFor(t *testing.T, hook chan string, rel string) {
	t.Helper()
	for {
		select {
		case got := <-hook:
			if got == rel {
				return
			}
		case <-time.After(time.Minute):
			t.Fatalf("the watcher never took in %s", rel)
		}
	}
}

func TestServeErrorOverlayAndRecovery(t *testing.T) {
	root := newSite(t)
	fb := &fakeBuilder{root: root}
	ts := startServer(t, fb, root)
	tab, _ := ts.listen()

	ts.write("content/a.md", "First version of A\nBROKEN: title is missing <script>alert(1)</script>\n")
	e := tab.nextError()
	if len(e.Problems.Items) != 1 || e.Problems.Items[0].Place != "content/a.md:2:1" ||
		e.Problems.Items[0].Message != "title is missing <script>alert(1)</script>" {
		t.Fatalf("build-error event %+v", e.Problems)
	}
	if !strings.Contains(ts.log.String(), "\ncontent/a.md:2:1: title is missing <script>alert(1)</script>\n") {
		t.Errorf("log lacks the problem line:\n%s", ts.log)
	}

	// The last good site is served, with the panel, even to a fresh load.
	r := ts.get("/a/")
	if r.status != 200 || !strings.Contains(r.body, "First version of A") {
		t.Errorf("GET /a/ while broken = %d %q, want the last good page", r.status, r.body)
	}
	wantPanel := `<li><code>content/a.md:2:1:</code> title is missing &lt;script&gt;alert(1)&lt;/script&gt;</li>`
	if !strings.Contains(r.body, wantPanel) || strings.Contains(r.body, "<script>alert") {
		t.Errorf("page while broken lacks the escaped problem panel:\n%s", r.body)
	}
	if r := ts.get("/css/site.css"); strings.Contains(r.body, "between-overlay") {
		t.Error("the panel went into a stylesheet")
	}
	if _, hello := ts.listen(); !strings.Contains(hello.data, `"place":"content/a.md:2:1"`) {
		t.Errorf("a tab opened while broken got hello %s, want the problem", hello.data)
	}

	// A second broken save while the first stands, in another file.
	ts.write("content/d.md", "BROKEN: unknown key \"tittle\"\n")
	if e := tab.nextError(); len(e.Problems.Items) != 2 || e.Problems.Title != "2 problems stop the site from updating" {
		t.Errorf("second error event %+v", e.Problems)
	}

	// Fixing both clears the panel, and the rebuild covers every change since the last good one.
	ts.write("content/d.md", "D is fine\n")
	tab.nextError()
	ts.write("content/a.md", "Fixed A\n")
	tab.buildUntil("a/index.html")
	r = ts.get("/a/")
	if !strings.Contains(r.body, "Fixed A") || strings.Contains(r.body, "between-overlay") {
		t.Errorf("after the fix GET /a/ = %q", r.body)
	}
	calls := fb.rebuildCalls()
	if last := calls[len(calls)-1]; !slices.Contains(last, "content/a.md") || !slices.Contains(last, "content/d.md") {
		t.Errorf("recovering rebuild got %q, want every path changed since the last good build", last)
	}
	if !strings.Contains(ts.log.String(), "(problems fixed)") {
		t.Errorf("log does not say the problems are fixed:\n%s", ts.log)
	}
}

func TestServeFirstBuildFails(t *testing.T) {
	root := newSite(t)
	writeFile(t, root, "content/a.md", "BROKEN: the front matter never ends\n")
	fb := &fakeBuilder{root: root}
	ts := startServer(t, fb, root)

	for _, p := range []string{"/", "/a/", "/css/site.css"} {
		r := ts.get(p)
		if r.status != 500 || !strings.Contains(r.body, "<code>content/a.md:1:1:</code> the front matter never ends") ||
			!strings.Contains(r.body, scriptTag(0)) || !strings.Contains(r.body, "The site has not built yet") {
			t.Errorf("GET %s before any good build = %d %q", p, r.status, r.body)
		}
	}
	if !strings.Contains(ts.log.String(), "Build failed") || !strings.Contains(ts.log.String(), ts.s.URL()) {
		t.Errorf("log:\n%s", ts.log)
	}
	tab, hello := ts.listen()
	if !strings.Contains(hello.data, "the front matter never ends") {
		t.Errorf("hello %s", hello.data)
	}
	ts.write("content/a.md", "Now A builds\n")
	if b := tab.nextBuild(); !slices.Contains(b.Changed, "a/index.html") {
		t.Errorf("first good build changed %q, want every file", b.Changed)
	}
	if r := ts.get("/a/"); r.status != 200 || !strings.Contains(r.body, "Now A builds") {
		t.Errorf("GET /a/ = %d %q", r.status, r.body)
	}
	if fb.buildCalls() != 2 || len(fb.rebuildCalls()) != 0 {
		t.Errorf("builds %d, rebuilds %d: until a build succeeds every change should be a full Build", fb.buildCalls(), len(fb.rebuildCalls()))
	}
}

func TestServeHost(t *testing.T) {
	root := newSite(t)
	ts := startServer(t, &fakeBuilder{root: root}, root)
	_, port, _ := net.SplitHostPort(ts.s.Addr())
	for host, want := range map[string]int{
		"127.0.0.1:" + port:            200,
		"127.0.0.1":                    200,
		"localhost:" + port:            200,
		"LocalHost":                    200,
		"[::1]:" + port:                200,
		"[::1]":                        200,
		"evil.example":                 403,
		"evil.example:" + port:         403,
		"localhost.evil.example":       403,
		"127.0.0.1.nip.io:" + port:     403,
		"192.168.1.20:" + port:         403,
		"localhost:http":               403,
		"127.0.0.1:" + port + "@evil":  403,
		"attacker.localhost:" + port:   403,
		"0.0.0.0:" + port:              403,
		"[::ffff:127.0.0.2]:" + port:   403,
		"2130706433:" + port:           403, // 127.0.0.1 as a number
		"127.0.0.1." + ":" + port + "": 403,
	} {
		r := ts.do(http.MethodGet, "/", func(req *http.Request) { req.Host = host })
		if r.status != want {
			t.Errorf("Host %q: status %d, want %d", host, r.status, want)
		}
		if want == 403 && strings.Contains(r.body, "Welcome home") {
			t.Errorf("Host %q: the site was served", host)
		}
	}
	// The event stream is guarded too.
	r := ts.do(http.MethodGet, "/__between/events", func(req *http.Request) { req.Host = "evil.example" })
	if r.status != 403 {
		t.Errorf("event stream with a foreign Host: %d", r.status)
	}
}

func TestAllowedHostWhenBoundEverywhere(t *testing.T) {
	s := New(&fakeBuilder{}, Options{Bind: "0.0.0.0"})
	for host, want := range map[string]bool{
		"192.168.1.20:1313": true, "10.0.0.5": true, "localhost:1313": true,
		"evil.example:1313": false, "printer.local:1313": false,
	} {
		if got := s.allowedHost(host); got != want {
			t.Errorf("bound to 0.0.0.0, Host %q allowed = %v, want %v", host, got, want)
		}
	}
}

// rawGet sends a request line exactly as written, as a hostile client would.
func (ts *testServer) rawGet(target string) (int, string) {
	ts.t.Helper()
	conn, err := net.Dial("tcp", ts.s.Addr())
	if err != nil {
		ts.t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		ts.t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestServeNoTraversal(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "site")
	os.MkdirAll(root, 0o755)
	writeFile(t, parent, "secret.txt", "SECRET outside the site")
	writeFile(t, root, "config.toml", "# SECRET config\n")
	writeFile(t, root, "content/a.md", "SECRET source of A\n")
	writeFile(t, root, "static/css/site.css", "body{}")
	ts := startServer(t, &fakeBuilder{root: root}, root)

	abs := filepath.ToSlash(filepath.Join(parent, "secret.txt"))
	for _, target := range []string{
		"/../secret.txt",
		"/../../secret.txt",
		"/css/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/secret.txt",
		"/%2e%2e%2fsecret.txt",
		"/css/%2e%2e%2f%2e%2e%2fsecret.txt",
		"/..%2fsecret.txt",
		"/css%2fsite.css",
		"/css%2Fsite.css",
		"/..\\secret.txt",
		"/..%5csecret.txt",
		"/css\\site.css",
		"//secret.txt",
		"/" + abs,
		"/" + strings.TrimPrefix(abs, "/"),
		"/config.toml",
		"/content/a.md",
		"/site/config.toml",
		"/./css/site.css",
		"/css//site.css",
		"/%00",
		"/css/site.css%00",
		"http://127.0.0.1/../secret.txt",
		"http://127.0.0.1/%2e%2e/secret.txt",
	} {
		status, body := ts.rawGet(target)
		if status == 200 || status >= 500 || strings.Contains(body, "SECRET") {
			t.Errorf("GET %s: status %d, body %.80q; want it refused or not found", target, status, body)
		}
	}
	// The plain way still works.
	if status, body := ts.rawGet("/css/site.css"); status != 200 || body != "body{}" {
		t.Errorf("GET /css/site.css = %d %q", status, body)
	}
}

func TestServeMethods(t *testing.T) {
	root := newSite(t)
	ts := startServer(t, &fakeBuilder{root: root}, root)
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND"} {
		for _, p := range []string{"/", "/a/", "/__between/events"} {
			r := ts.do(m, p)
			if r.status != 405 || r.header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s = %d (Allow %q), want 405", m, p, r.status, r.header.Get("Allow"))
			}
		}
	}
	get, head := ts.do("GET", "/a/"), ts.do("HEAD", "/a/")
	if head.status != 200 || head.body != "" || head.header.Get("Content-Length") != get.header.Get("Content-Length") ||
		get.header.Get("Content-Length") != strconv.Itoa(len(get.body)) {
		t.Errorf("HEAD /a/ = %d %q Content-Length %q; GET Content-Length %q for %d bytes",
			head.status, head.body, head.header.Get("Content-Length"), get.header.Get("Content-Length"), len(get.body))
	}
}

func TestServeFiles(t *testing.T) {
	root := newSite(t)
	writeFile(t, root, "static/app.js", "console.log('</body>')")
	writeFile(t, root, "static/data.json", `{"x":"</body>"}`)
	writeFile(t, root, "static/fragment.html", "<p>no body tag</p>")
	writeFile(t, root, "static/upper.html", "<HTML><BODY><p>shout</p></BODY></HTML>")
	ts := startServer(t, &fakeBuilder{root: root}, root)

	tests := []struct {
		path, status, ctype, location string
		injected                      bool
	}{
		{"/", "200", "text/html; charset=utf-8", "", true},
		{"/a/", "200", "text/html; charset=utf-8", "", true},
		{"/a/index.html", "200", "text/html; charset=utf-8", "", true},
		{"/a", "302", "", "/a/", false},
		{"/a?x=1", "302", "", "/a/?x=1", false},
		{"/nope/", "404", "text/html; charset=utf-8", "", true},
		{"/css/site.css", "200", "text/css; charset=utf-8", "", false},
		{"/app.js", "200", "text/javascript; charset=utf-8", "", false},
		{"/data.json", "200", "application/json", "", false},
		{"/fragment.html", "200", "text/html; charset=utf-8", "", true},
		{"/upper.html", "200", "text/html; charset=utf-8", "", true},
		{"/__between/livereload.js", "200", "text/javascript; charset=utf-8", "", false},
		{"/__between/overlay.css", "200", "text/css; charset=utf-8", "", false},
		{"/__between/nothing", "404", "text/html; charset=utf-8", "", true},
	}
	for _, tt := range tests {
		r := ts.get(tt.path)
		if got := strconv.Itoa(r.status); got != tt.status {
			t.Errorf("GET %s: status %s, want %s", tt.path, got, tt.status)
		}
		if tt.ctype != "" && r.header.Get("Content-Type") != tt.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, r.header.Get("Content-Type"), tt.ctype)
		}
		if loc := r.header.Get("Location"); loc != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.path, loc, tt.location)
		}
		if n := strings.Count(r.body, scriptTag(1)); (n == 1) != tt.injected || n > 1 {
			t.Errorf("GET %s: script injected %d times, want injected=%v", tt.path, n, tt.injected)
		}
	}
	if r := ts.get("/a/"); !strings.HasSuffix(r.body, "</main>"+scriptTag(1)+"</body></html>") {
		t.Errorf("script not right before </body>: %q", r.body)
	}
	if r := ts.get("/upper.html"); r.body != "<HTML><BODY><p>shout</p>"+scriptTag(1)+"</BODY></HTML>" {
		t.Errorf("upper-case page: %q", r.body)
	}
	if r := ts.get("/fragment.html"); r.body != "<p>no body tag</p>"+scriptTag(1) {
		t.Errorf("page without </body>: %q", r.body)
	}
	if r := ts.get("/app.js"); r.body != "console.log('</body>')" {
		t.Errorf("script changed: %q", r.body)
	}
	for _, p := range []string{"/a/", "/nope/"} {
		if r := ts.get(p); r.header.Get("Content-Security-Policy") != csp || !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q, want %q", p, r.header.Get("Content-Security-Policy"), csp)
		}
	}
	if r := ts.get("/a/"); r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", r.header.Get("Cache-Control"))
	}
}

func TestShutdownClosesStreams(t *testing.T) {
	root := newSite(t)
	ts := startServer(t, &fakeBuilder{root: root}, root)
	tab, _ := ts.listen()
	ts.stop()
	select {
	case _, ok := <-tab.events:
		if ok {
			t.Error("an event after shutdown")
		}
	case <-time.After(10 * time.Second):
		t.Error("event stream still open after shutdown")
	}
	if _, err := net.Dial("tcp", ts.s.Addr()); err == nil {
		t.Error("still listening after shutdown")
	}
}

func TestRunPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	root := newSite(t)
	s := New(&fakeBuilder{root: root}, Options{Root: root, Port: port})
	err = s.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "--port") {
		t.Errorf("Run on a busy port: %v, want an error suggesting --port", err)
	}
}

func TestServeBuilderPanic(t *testing.T) {
	root := newSite(t)
	fb := &fakeBuilder{root: root}
	ts := startServer(t, fb, root)
	tab, _ := ts.listen()
	ts.write("content/a.md", "PANIC\n")
	e := tab.nextError()
	if len(e.Problems.Items) != 1 || !strings.Contains(e.Problems.Items[0].Message, "internal error") {
		t.Fatalf("a builder panic gave %+v, want a problem saying so", e.Problems)
	}
	if r := ts.get("/a/"); r.status != 200 || !strings.Contains(r.body, "First version of A") {
		t.Errorf("after a builder panic GET /a/ = %d, want the last good page", r.status)
	}
	ts.write("content/a.md", "Calm again\n")
	tab.buildUntil("a/index.html")
	if n := fb.buildCalls(); n != 2 {
		t.Errorf("%d full builds, want 2: after a panic the next build starts afresh", n)
	}
}
