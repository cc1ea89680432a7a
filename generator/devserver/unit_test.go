package devserver

import (
	"errors"
	"net"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/generator/diag"
)

func TestLookup(t *testing.T) {
	files := map[string][]byte{
		"index.html": nil, "a/index.html": nil, "css/main.css": nil, "404.html": nil, "robots.txt": nil,
	}
	for _, tt := range []struct {
		path, name   string
		redirect, ok bool
	}{
		{"/", "index.html", false, true},
		{"/a/", "a/index.html", false, true},
		{"/a", "", true, false},
		{"/a/index.html", "a/index.html", false, true},
		{"/css/main.css", "css/main.css", false, true},
		{"/css/", "css/index.html", false, false},
		{"/css", "", false, false},
		{"/robots.txt", "robots.txt", false, true},
		{"/b/", "b/index.html", false, false},
	} {
		name, redirect, ok := lookup(func(n string) bool { _, ok := files[n]; return ok }, tt.path)
		if name != tt.name || redirect != tt.redirect || ok != tt.ok {
			t.Errorf("lookup(%q) = %q, %v, %v; want %q, %v, %v", tt.path, name, redirect, ok, tt.name, tt.redirect, tt.ok)
		}
	}
}

func TestNewBuildEvent(t *testing.T) {
	few := newBuildEvent(3, &build.Result{Changed: []string{"a/index.html", "css/main.css"}})
	if few.Build != 3 || few.All || !slices.Equal(few.Changed, []string{"a/index.html", "css/main.css"}) {
		t.Errorf("event %+v", few)
	}
	if none := newBuildEvent(4, &build.Result{}); none.Changed == nil || none.All {
		t.Errorf("nothing changed: %+v; want an empty list, so the script can loop over it", none)
	}
	many := make([]string, maxChanged+1)
	if all := newBuildEvent(5, &build.Result{Changed: many}); !all.All || len(all.Changed) != 0 {
		t.Errorf("%d changed files: All %v, %d listed; want All and none listed", len(many), all.All, len(all.Changed))
	}
}

func TestInject(t *testing.T) {
	p := &problems{Title: "1 problem", Hint: "Fix it & save", Items: []problem{
		{Place: "content/a&b.md:3:7", Message: `unknown key "tittle": did you mean "title"?`},
		{Message: "config.toml: <missing>"},
	}}
	for _, tt := range []struct{ in, want string }{
		{"<body><p>x</p></body></html>", "<body><p>x</p>" + scriptTag(7) + "</body></html>"},
		{"<body></body><!-- </body> -->", "<body></body><!-- " + scriptTag(7) + "</body> -->"},
		{"<p>x", "<p>x" + scriptTag(7)},
		{"", scriptTag(7)},
		{"<BODY>x</Body >", "<BODY>x" + scriptTag(7) + "</Body >"},
	} {
		if got := string(inject([]byte(tt.in), nil, 7)); got != tt.want {
			t.Errorf("inject(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	got := string(inject([]byte("<body>x</body>"), p, 7))
	want := `<body>x<link rel="stylesheet" href="/__between/overlay.css">` +
		`<div id="between-overlay" role="alert" aria-labelledby="between-overlay-title"><div class="between-overlay-panel">` +
		`<h2 id="between-overlay-title">1 problem</h2><p class="between-overlay-hint">Fix it &amp; save</p><ol>` +
		`<li><code>content/a&amp;b.md:3:7:</code> unknown key &#34;tittle&#34;: did you mean &#34;title&#34;?</li>` +
		`<li>config.toml: &lt;missing&gt;</li></ol>` +
		`<button type="button" data-between-hide>Hide</button></div></div>` + scriptTag(7) + `</body>`
	if got != want {
		t.Errorf("inject with problems:\n got %s\nwant %s", got, want)
	}
}

func TestNewProblems(t *testing.T) {
	list := diag.List{
		{File: "content/a.md", Line: 3, Col: 2, Msg: "bad date"},
		{File: "content/b.md", Line: 1, Msg: "no title"},
		{File: "config.toml", Msg: "unreadable"},
	}
	p := newProblems(list, true)
	var lines []string
	for _, it := range p.Items {
		lines = append(lines, it.String())
	}
	if got, want := strings.Join(lines, "\n"), list.Error(); got != want {
		t.Errorf("problems print as\n%s\nwant the diagnostics' own form\n%s", got, want)
	}
	if p.Title != "3 problems stop the site from updating" || !strings.Contains(p.Hint, "last version that built") {
		t.Errorf("title %q hint %q", p.Title, p.Hint)
	}
	wrapped := newProblems(errors.Join(errors.New("build: "), list[:1]), false)
	if len(wrapped.Items) != 1 || wrapped.Items[0].Place != "content/a.md:3:2" || !strings.Contains(wrapped.Hint, "not built yet") {
		t.Errorf("wrapped diag list: %+v", wrapped)
	}
	other := newProblems(errors.New("read content: permission denied"), true)
	if len(other.Items) != 1 || other.Items[0].Place != "" || other.Items[0].Message != "read content: permission denied" {
		t.Errorf("plain error: %+v", other)
	}
}

// TestListenProblem: each way the preview cannot listen says what to do, as the system's error
// wraps it, and a real listen on an address this machine does not have reads the same.
func TestListenProblem(t *testing.T) {
	wrap := func(errno syscall.Errno) error {
		return &net.OpError{Op: "listen", Net: "tcp", Err: &os.SyscallError{Syscall: "bind", Err: errno}}
	}
	for _, c := range []struct {
		err  error
		bind string
		port int
		want string
	}{
		{wrap(syscall.EADDRINUSE), "127.0.0.1", 1313, "is another `between serve` (or Hugo) running? Stop it, or pick another port with --port"},
		{wrap(syscall.EACCES), "127.0.0.1", 80, "port 80 is one this computer keeps for its administrator; pick one from 1024 up with --port, like --port 1313 (the default)"},
		{wrap(syscall.EADDRNOTAVAIL), "10.255.255.1", 1313, "this computer has no address 10.255.255.1; leave --bind out to preview on this computer only, or write --bind 0.0.0.0 to let others on your network see it"},
	} {
		got := listenProblem(c.err, c.bind, c.port)
		if !strings.HasSuffix(got.Error(), ": "+c.want) || !errors.Is(got, c.err.(*net.OpError).Err.(*os.SyscallError).Err) {
			t.Errorf("listenProblem(%v) = %v, want it to end %q", c.err, got, c.want)
		}
	}
	// A real address this machine does not have.
	if _, err := net.Listen("tcp", "10.255.255.1:0"); err != nil {
		if got := listenProblem(err, "10.255.255.1", 0); !strings.Contains(got.Error(), "this computer has no address 10.255.255.1") {
			t.Errorf("a real listen on an address not here: %v", got)
		}
	}
}
