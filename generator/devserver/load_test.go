package devserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/build"
)

// recorder keeps every good build's files, in the order the server numbers them, so that a
// response stamped "build N" can be compared with what build N made.
type recorder struct {
	b       *build.Builder
	mu      sync.Mutex
	records []map[string][]byte
}

func (r *recorder) Build() (*build.Result, error)             { return r.keep(r.b.Build()) }
func (r *recorder) Rebuild(c []string) (*build.Result, error) { return r.keep(r.b.Rebuild(c)) }

func (r *recorder) keep(res *build.Result, err error) (*build.Result, error) {
	if err == nil && res != nil {
		r.mu.Lock()
		r.records = append(r.records, maps.Clone(res.Files))
		r.mu.Unlock()
	}
	return res, err
}

// files returns what build id made (builds count from 1), or nil.
func (r *recorder) files(id uint64) map[string][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id == 0 || id > uint64(len(r.records)) {
		return nil
	}
	return r.records[id-1]
}

// settle waits until the number of goroutines is back to at most base, and fails with
// their stacks when it is not within 10s.
func settle(t *testing.T, base int, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			var b bytes.Buffer
			pprof.Lookup("goroutine").WriteTo(&b, 1)
			t.Fatalf("%s: %d goroutines, %d before:\n%s", what, runtime.NumGoroutine(), base, b.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestServeUnderLoad has many browsers reading the preview and listening for builds while
// a coach's edits land. Every answer must be one whole file of one build, as its stamp
// says; no answer is an error; every listener hears the last build; and once everyone has
// gone, nothing is left running. With -short it is a tenth of the size.
func TestServeUnderLoad(t *testing.T) {
	clients, streams, edits := 200, 50, 100
	if testing.Short() {
		clients, streams, edits = 20, 5, 10
	}
	root := realSite(t)
	writeFile(t, root, "content/articles/second.md", article("Second", "Another page, which the edits do not touch."))
	rec := &recorder{b: build.New(build.Options{Root: root, BaseURL: "/"})}
	ts := startServer(t, rec, root)
	runtime.GC()
	base := runtime.NumGoroutine()

	type target struct {
		path, file string
		status     int
	}
	targets := []target{
		{"/", "index.html", 200},
		{"/articles/first/", "articles/first/index.html", 200},
		{"/articles/second/", "articles/second/index.html", 200},
		{"/articles/", "articles/index.html", 200},
		{"/css/extra.css", "css/extra.css", 200},
		{"/no/such/page/", "404.html", 404},
	}
	transport := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients + streams + 10}
	client := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		problems []string
		answers  int
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	check := func(tg target) {
		resp, err := client.Get(ts.url + tg.path)
		if err != nil {
			fail("GET %s: %v", tg.path, err)
			return
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			fail("GET %s: reading: %v", tg.path, err)
			return
		}
		if resp.StatusCode != tg.status {
			fail("GET %s = %d, want %d", tg.path, resp.StatusCode, tg.status)
			return
		}
		id, _ := strconv.ParseUint(resp.Header.Get(buildHeader), 10, 64)
		files := rec.files(id)
		if files == nil {
			fail("GET %s: stamped build %q, which was never made", tg.path, resp.Header.Get(buildHeader))
			return
		}
		want := files[tg.file]
		if strings.HasSuffix(tg.file, ".html") {
			want = inject(want, nil, id)
		}
		if !bytes.Equal(body, want) {
			fail("GET %s: %d bytes stamped build %d are not that build's %s (%d bytes)", tg.path, len(body), id, tg.file, len(want))

		}
		mu.Lock()
		answers++
		mu.Unlock()
	}

	// The listeners: each must hear builds in order, none failed, up to the last one.
	lastHeard := make([]uint64, streams)
	for i := range streams {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.url+"/__between/events", nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer resp.Body.Close()
			last := uint64(0)
			r := bufio.NewReader(resp.Body)
			name := ""
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				line = strings.TrimRight(line, "\n")
				if n, ok := strings.CutPrefix(line, "event: "); ok {
					name = n
				}
				data, ok := strings.CutPrefix(line, "data: ")
				if !ok {
					continue
				}
				var ev struct{ Build uint64 }
				json.Unmarshal([]byte(data), &ev)
				if name == "build-error" {
					fail("stream %d: build-error %s", i, data)
				}
				if name == "build" && ev.Build <= last {
					fail("stream %d: build %d after build %d", i, ev.Build, last)
				}
				last = ev.Build
				mu.Lock()
				lastHeard[i] = last
				mu.Unlock()
			}
		}()
	}

	// The readers.
	stop := make(chan struct{})
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := i; ; j++ {
				select {
				case <-stop:
					return
				default:
				}
				check(targets[j%len(targets)])
			}
		}()
	}

	// The coach's edits, each a whole save of the article as most editors make it: a new
	// file renamed over the old. (Saves that truncate first are the watcher's business, and
	// tested there.)
	for k := range edits {
		ts.write("content/articles/.first.md.tmp", article("First steps", fmt.Sprintf("Edit number %d.", k)))
		if err := os.Rename(filepath.Join(root, "content/articles/.first.md.tmp"), filepath.Join(root, "content/articles/first.md")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	last := fmt.Sprintf("Edit number %d.", edits-1)
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(ts.get("/articles/first/").body, last) {
		if time.Now().After(deadline) {
			t.Fatalf("the last edit was not served within 60s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(stop)
	rec.mu.Lock()
	final := uint64(len(rec.records))
	rec.mu.Unlock()
	// Every listener hears the build that holds the last edit.
	deadline = time.Now().Add(20 * time.Second)
	for !heardAll(lastHeard, &mu, final) {
		if time.Now().After(deadline) {
			mu.Lock()
			t.Errorf("after 20s, the streams had heard up to builds %v, want %d", lastHeard, final)
			mu.Unlock()
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("%d answers checked, %d builds, %d edits", answers, final, edits)
	transport.CloseIdleConnections()
	http.DefaultTransport.(*http.Transport).CloseIdleConnections() // ts.get's
	settle(t, base, "after every client left")
}

func heardAll(last []uint64, mu *sync.Mutex, want uint64) bool {
	mu.Lock()
	defer mu.Unlock()
	for _, l := range last {
		if l < want {
			return false
		}
	}
	return true
}

// TestServeTimeouts: connections that send nothing, sit idle, or stop reading are closed, so
// they hold no goroutine. Each case has a server of its own whose limit under test is made
// short and the others left as they are: a short limit meant for another case would race
// the test's own requests (a test paused 200 ms between dialling and writing its request,
// as a busy machine may pause it, was cut off by the header limit before it asked).
func TestServeTimeouts(t *testing.T) {
	root := newSite(t)
	writeFile(t, root, "static/big.bin", strings.Repeat("0123456789abcdef", 1<<20)) // 16 MB: more than the sockets buffer
	const short = 200 * time.Millisecond
	// serve starts a server with the limits set by short, and returns it with its address
	// and the number of goroutines once it is running.
	serve := func(t *testing.T, set func(*limits)) (*testServer, string, int) {
		l := defaultLimits
		set(&l)
		ts := startServer(t, &fakeBuilder{root: root}, root, func(s *Server) { s.limits = l })
		runtime.GC()
		return ts, strings.TrimPrefix(ts.url, "http://"), runtime.NumGoroutine()
	}
	dial := func(t *testing.T, addr string) net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		c.SetDeadline(time.Now().Add(20 * time.Second)) // the test's patience, far above the limits
		return c
	}
	// closed reads what the server sends until it closes the connection, and fails if the
	// test's patience runs out first.
	closed := func(t *testing.T, what string, r io.Reader) {
		t.Helper()
		_, err := io.Copy(io.Discard, r)
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Errorf("%s: the server did not close the connection", what)
		}
	}

	t.Run("a connection sending nothing", func(t *testing.T) {
		_, addr, base := serve(t, func(l *limits) { l.header = short })
		closed(t, "a connection sending nothing", dial(t, addr))
		settle(t, base, "after a connection sending nothing")
	})

	t.Run("an idle keep-alive connection", func(t *testing.T) {
		_, addr, base := serve(t, func(l *limits) { l.idle = short })
		idle := dial(t, addr)
		io.WriteString(idle, "GET /a/ HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
		br := bufio.NewReader(idle)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("GET /a/ = %d", resp.StatusCode)
		}
		closed(t, "an idle keep-alive connection", br)
		settle(t, base, "after an idle keep-alive connection")
	})

	// A client that asks for a big file and never reads it; then one that listens to the
	// events and never reads them while large events are sent. Both are cut off while they
	// still hold their connection open, and nothing is left waiting on them.
	t.Run("clients that stop reading", func(t *testing.T) {
		ts, addr, base := serve(t, func(l *limits) { l.write, l.stream = short, short })
		slow := dial(t, addr)
		io.WriteString(slow, "GET /big.bin HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
		stuck := dial(t, addr)
		io.WriteString(stuck, "GET /__between/events HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
		deadline := time.Now().Add(10 * time.Second)
		for ts.s.hub.count() == 0 {
			if time.Now().After(deadline) {
				t.Fatal("the event stream never joined")
			}
			time.Sleep(5 * time.Millisecond)
		}
		big := buildEvent{Changed: []string{strings.Repeat("x", 1<<20)}}
		for range 12 { // fewer than the client's queue holds, so only the write deadline can end it
			ts.s.hub.broadcast("build", big)
		}
		settle(t, base, "while a client stops reading")
		if n := ts.s.hub.count(); n != 0 {
			t.Errorf("%d event streams still open after their reader stopped reading", n)
		}
		closed(t, "a client that stopped reading a page", slow)
		closed(t, "a client that stopped reading events", stuck)
	})
}
