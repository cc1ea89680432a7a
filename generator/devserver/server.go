package devserver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/generator/diag"
)

// DefaultPort is the port `between serve` listens on unless told otherwise, as Hugo's does.
const DefaultPort = 1313

// Builder makes the site; *build.Builder is one.
type Builder interface {
	// Build builds the whole site.
	Build() (*build.Result, error)
	// Rebuild builds again after the files changed (slash paths relative to the site root,
	// deleted and renamed ones included) and re-renders only what they affect.
	Rebuild(changed []string) (*build.Result, error)
}

// Options says where the server watches and listens.
type Options struct {
	Root string    // the site folder to watch
	Bind string    // the address to listen on; default 127.0.0.1
	Port int       // 0 picks any free port (see Server.Addr); the command's default is DefaultPort
	Log  io.Writer // where the URL, one line per rebuild and the problems go; nil discards
}

// Server is one run of the live-reload preview. Make it with New and start it with Run.
type Server struct {
	builder Builder
	opts    Options
	log     io.Writer
	token   string // tells browsers apart runs of the server, so a restart reloads them

	cur   atomic.Pointer[state]
	hub   *hub
	ready chan struct{}
	addr  string

	// quiet and maxDelay shape the watcher's batches; recheck is how often it looks for
	// a deleted site folder coming back.
	quiet, maxDelay, recheck time.Duration
	// hold is how long a half-saved file waits for the rest of its save (defaultHold).
	hold time.Duration
	// grace is how long a file that disappeared waits for its return (defaultGrace).
	grace time.Duration
	// noted and ended are the watcher's test hooks (watcher.noted, watcher.ended).
	noted, ended chan string
	// crashed is set when the builder panicked: its state is suspect until a full build.
	crashed bool
	// limits bounds how long a connection may sit idle or a client take to read; tests
	// make them short.
	limits limits
}

// limits are the connection time limits of the preview. A browser tab that is closed, a
// laptop put to sleep with the tab open or a client that stops reading must not hold a
// goroutine and a connection for ever.
type limits struct {
	header time.Duration // to send a request's headers
	idle   time.Duration // a keep-alive connection waiting for its next request
	write  time.Duration // to take a whole response (a page, an image, a video)
	stream time.Duration // to take one event of the event stream
}

var defaultLimits = limits{
	header: 10 * time.Second,
	idle:   2 * time.Minute,
	write:  2 * time.Minute,
	stream: 15 * time.Second,
}

// state is what the server serves: the last good build and the problem standing since, if
// any. It is replaced whole, never changed, so each response sees one consistent build.
type state struct {
	id       uint64        // counts good builds; 0 before the first
	res      *build.Result // nil until a build succeeds
	problems *problems     // nil when the last build succeeded
	warnings *problems     // the warnings of the build served, nil when it had none
	// before is the build served before res while res's pages still render (see
	// Server.filled), to serve again if one fails.
	before *build.Result
}

// New returns a server for the site b builds. Nothing starts before Run.
func New(b Builder, opts Options) *Server {
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	var tok [8]byte
	rand.Read(tok[:])
	s := &Server{
		builder:  b,
		opts:     opts,
		log:      log,
		token:    hex.EncodeToString(tok[:]),
		hub:      newHub(),
		ready:    make(chan struct{}),
		quiet:    defaultQuiet,
		maxDelay: defaultMaxDelay,
		recheck:  defaultRecheck,
		hold:     defaultHold,
		grace:    defaultGrace,
		limits:   defaultLimits,
	}
	s.cur.Store(&state{})
	return s
}

// Ready is closed once the first build is done (good or not) and the server answers.
func (s *Server) Ready() <-chan struct{} { return s.ready }

// Addr is the address the server listens on, such as "127.0.0.1:1313"; valid once Ready is
// closed.
func (s *Server) Addr() string { return s.addr }

// URL is the address to open in a browser.
func (s *Server) URL() string {
	host, port, _ := net.SplitHostPort(s.addr)
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// Run builds the site, serves it and rebuilds on every change until ctx is done, then shuts
// down: open event streams are closed and in-flight requests finish. Problems in the site's
// files never stop it; it returns an error only when it cannot listen or watch.
func (s *Server) Run(ctx context.Context) error {
	root, err := filepath.Abs(s.opts.Root)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(s.opts.Bind, strconv.Itoa(s.opts.Port)))
	if err != nil {
		return listenProblem(err, s.opts.Bind, s.opts.Port)
	}
	s.addr = ln.Addr().String()

	// Watch before the first build, so an edit saved during it is not lost.
	w, err := startWatchingWith(root, watchOptions{quiet: s.quiet, burst: burstQuiet, maxDelay: s.maxDelay, recheck: s.recheck, hold: s.hold,
		grace: s.grace, settle: defaultSettle, noted: s.noted, ended: s.ended})
	if err != nil {
		ln.Close()
		return fmt.Errorf("watch %s: %w", root, err)
	}
	defer w.Close()

	start := time.Now()
	res, err := s.build(nil, true)
	s.finish(nil, res, err, time.Since(start))
	// A build that returned before rendering every page (build.Options.Lazy) is installed
	// again, whole, once they are all rendered: filling says when.
	var filling <-chan struct{}
	var partial *build.Result
	var since time.Time
	track := func(res *build.Result, start time.Time) {
		if res != nil && res.Filled() != nil {
			filling, partial, since = res.Filled(), res, start
		}
	}
	track(res, start)

	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: s.limits.header,
		IdleTimeout:       s.limits.idle,
		// No WriteTimeout: event streams stay open for as long as a page is. Each response
		// sets its own write deadline instead (Handler, serveEvents).
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(s.log, "Serving %s · watching content/, static/, layouts/, themes/, i18n/ and config.toml · Ctrl-C stops\n", s.URL())
	close(s.ready)

	var pending []string // changes not yet in a good build, retried with the next batch
	for {
		select {
		case <-ctx.Done():
			s.hub.close()
			sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			if err := srv.Shutdown(sctx); err != nil {
				srv.Close()
			}
			return nil
		case err := <-served:
			s.hub.close()
			return err
		case err := <-w.errs:
			fmt.Fprintf(s.log, "watch: %v\n", err)
		case batch, ok := <-w.batches:
			if !ok {
				return errors.New("watch: stopped unexpectedly")
			}
			pending = union(pending, batch)
			start := time.Now()
			// With no good build yet, or after the builder failed inside, there is nothing
			// sound to rebuild from.
			full := s.cur.Load().res == nil || s.crashed
			var res *build.Result
			if _, err = os.Stat(root); err != nil {
				// Building now would make an empty site of a folder that is gone.
				err = fmt.Errorf("the site folder %s was deleted or moved: the preview shows the last good build, and builds again as soon as the folder is back", root)
			} else {
				res, err = s.build(pending, full)
			}
			if s.finish(batch, res, err, time.Since(start)) {
				pending = nil
				track(res, start)
			}
		case <-filling:
			filling = nil
			s.filled(partial, time.Since(since))
			partial = nil
		}
	}
}

// build runs a full Build or a Rebuild of changed. A panic in the builder (a bug, but maybe
// one a coach's file triggers) becomes a problem to show rather than the end of the preview.
func (s *Server) build(changed []string, full bool) (res *build.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			s.crashed = true
			res, err = nil, fmt.Errorf("internal error in Between while building (please report it, with the file you last saved): %v", r)
		}
	}()
	if full {
		res, err = s.builder.Build()
	} else {
		res, err = s.builder.Rebuild(changed)
	}
	if err == nil {
		s.crashed = false
	}
	return res, err
}

// finish installs a build's outcome, tells the browsers and prints one line about it. It
// reports whether the build succeeded.
func (s *Server) finish(batch []string, res *build.Result, err error, took time.Duration) bool {
	old := s.cur.Load()
	clock := time.Now().Format("15:04:05")
	what := describe(batch)
	if err != nil || res == nil {
		if err == nil {
			err = errors.New("the builder returned no result")
		}
		p := newProblems(err, old.res != nil)
		s.cur.Store(&state{id: old.id, res: old.res, problems: p})
		// The terminal says it first, then the browsers: whoever reads both sees them agree.
		if batch == nil {
			fmt.Fprintf(s.log, "Build failed: %s; serving the problems until the site builds:\n", p.Title)
		} else {
			fmt.Fprintf(s.log, "%s %s: %s; still serving the last good build:\n", clock, what, p.Title)
		}
		for _, it := range p.Items {
			fmt.Fprintln(s.log, it.String())
		}
		s.hub.broadcast("build-error", errorEvent{Build: old.id, Problems: p})
		return false
	}

	next := &state{id: old.id + 1, res: res, warnings: newWarnings(res.Warnings)}
	if res.Filled() != nil {
		next.before = old.res
	}
	s.cur.Store(next)
	ms := took.Milliseconds()
	if res.Filled() != nil {
		fmt.Fprintf(s.log, "Built %s in %d ms; they render in the background, and each one at once when it is opened\n", plural(res.Summary.Pages, "page"), ms)
	} else if batch == nil {
		fmt.Fprintf(s.log, "Built %s, %s in %d ms\n", plural(res.Summary.Pages, "page"), plural(len(res.Files), "file"), ms)
	} else {
		recovered := ""
		if old.problems != nil {
			recovered = " (problems fixed)"
		}
		fmt.Fprintf(s.log, "%s %s: %s re-rendered, %s changed in %d ms%s\n",
			clock, what, plural(res.Rendered, "page"), plural(len(res.Changed), "file"), ms, recovered)
	}
	warnings := res.Warnings
	for i, w := range warnings {
		if i == 20 {
			fmt.Fprintf(s.log, "... and %d more warnings\n", len(warnings)-i)
			break
		}
		fmt.Fprintln(s.log, w.Error())
	}
	ev := newBuildEvent(next.id, res)
	ev.Warnings = next.warnings
	s.hub.broadcast("build", ev)
	return true
}

// filled installs the whole Result of a build that returned before rendering every page,
// once they are rendered, in its place: the same build, so no browser reloads. When a page
// failed to render, the build failed after all: the problems are shown as for any build
// that fails, over the build served before it, if any.
func (s *Server) filled(partial *build.Result, took time.Duration) {
	whole, err := partial.Whole()
	st := s.cur.Load()
	if st.res != partial {
		return // a later build is served already; it waited for this one (build.Builder)
	}
	if err == nil {
		next := *st
		next.res, next.before = whole, nil
		s.cur.Store(&next)
		fmt.Fprintf(s.log, "Rendered all %d files in %d ms\n", len(whole.Files), took.Milliseconds())
		return
	}
	p := newProblems(err, st.before != nil)
	s.cur.Store(&state{id: st.id, res: st.before, problems: p})
	fmt.Fprintf(s.log, "Build failed: %s; serving the problems until the site builds:\n", p.Title)
	for _, it := range p.Items {
		fmt.Fprintln(s.log, it.String())
	}
	s.hub.broadcast("build-error", errorEvent{Build: st.id, Problems: p})
}

// describe names what changed for the terminal: "content/a.md", or "content/a.md and 3 more".
func describe(batch []string) string {
	switch len(batch) {
	case 0:
		return "rebuild"
	case 1:
		return batch[0]
	}
	return fmt.Sprintf("%s and %d more", batch[0], len(batch)-1)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// union returns a plus the paths of b it lacks.
func union(a, b []string) []string {
	seen := make(map[string]bool, len(a))
	for _, p := range a {
		seen[p] = true
	}
	for _, p := range b {
		if !seen[p] {
			seen[p] = true
			a = append(a, p)
		}
	}
	return a
}

// problems is a failed build as the browser shows it.
type problems struct {
	Title string    `json:"title"`
	Hint  string    `json:"hint"`
	Items []problem `json:"items"`
}

// problem is one line of the overlay: "content/x.md:3:1:" and what is wrong.
type problem struct {
	Place   string `json:"place"` // file:line:col, or "" for a problem with no file
	Message string `json:"message"`
}

func (p problem) String() string {
	if p.Place == "" {
		return p.Message
	}
	return p.Place + ": " + p.Message
}

func newProblems(err error, haveGood bool) *problems {
	p := &problems{}
	var list diag.List
	if errors.As(err, &list) && len(list) > 0 {
		for _, d := range list {
			place := d.File
			if d.Line > 0 {
				place += ":" + strconv.Itoa(d.Line)
				if d.Col > 0 {
					place += ":" + strconv.Itoa(d.Col)
				}
			}
			p.Items = append(p.Items, problem{Place: place, Message: d.Msg})
		}
	} else {
		for _, line := range strings.Split(err.Error(), "\n") {
			p.Items = append(p.Items, problem{Message: line})
		}
	}
	if len(p.Items) == 1 {
		p.Title = "1 problem stops the site from updating"
	} else {
		p.Title = strconv.Itoa(len(p.Items)) + " problems stop the site from updating"
	}
	if haveGood {
		p.Hint = "You are looking at the last version that built. Fix the file and save: this page updates by itself."
	} else {
		p.Hint = "The site has not built yet. Fix the file and save: the page appears here as soon as it builds."
	}
	return p
}

// newWarnings is what the browser shows of a build's warnings, in a quieter panel than the
// problems: the site built, but something in it is probably not what the coach meant.
func newWarnings(list diag.List) *problems {
	if len(list) == 0 {
		return nil
	}
	p := newProblems(list, true)
	if len(p.Items) == 1 {
		p.Title = "1 warning: the site built, but check this"
	} else {
		p.Title = strconv.Itoa(len(p.Items)) + " warnings: the site built, but check these"
	}
	p.Hint = "Fix the file and save, or leave it as it is: nothing is stopped."
	return p
}

// hub holds the open event streams. Each server has its own.
type hub struct {
	mu      sync.Mutex
	clients map[*client]struct{}
	closed  bool
	quit    chan struct{}
}

// client is one browser listening for events.
type client struct {
	ch   chan []byte // formatted events
	kick chan struct{}
}

func newHub() *hub {
	return &hub{clients: make(map[*client]struct{}), quit: make(chan struct{})}
}

func (h *hub) join() *client {
	c := &client{ch: make(chan []byte, 16), kick: make(chan struct{})}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(c.kick)
		return c
	}
	h.clients[c] = struct{}{}
	return c
}

func (h *hub) leave(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[c]; ok {
		delete(h.clients, c)
		close(c.kick)
	}
}

// broadcast sends an event to every client. A client too slow to take it is dropped: its
// browser reconnects, sees a build it missed and reloads.
func (h *hub) broadcast(name string, data any) {
	msg := formatEvent(name, data)
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c.ch <- msg:
		default:
			delete(h.clients, c)
			close(c.kick)
		}
	}
}

// count is the number of open streams.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// close ends every stream, so that the HTTP server can shut down.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	close(h.quit)
	for c := range h.clients {
		delete(h.clients, c)
		close(c.kick)
	}
}

// listenProblem says why the preview cannot listen at bind:port, and what to do, in words a
// coach acts on: the system's own ("bind: permission denied") name neither.
func listenProblem(err error, bind string, port int) error {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("%w: is another `between serve` (or Hugo) running? Stop it, or pick another port with --port", err)
	case errors.Is(err, syscall.EACCES) && port < 1024:
		return fmt.Errorf("%w: port %d is one this computer keeps for its administrator; pick one from 1024 up with --port, like --port 1313 (the default)", err, port)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Errorf("%w: this computer has no address %s; leave --bind out to preview on this computer only, or write --bind 0.0.0.0 to let others on your network see it", err, bind)
	}
	return err
}
