package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestStart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<title>hi</title><p>x"))
	}))
	defer srv.Close()
	ctx := New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil || title != "hi" {
		t.Fatalf("title %q %v", title, err)
	}
}

// recorder stands in for a test, to see whether RequireTool skips it or fails it.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper()           {}
func (r *recorder) Fatal(args ...any) { r.fatal = fmt.Sprint(args...); panic(r) }
func (r *recorder) Skip(args ...any)  { r.skip = fmt.Sprint(args...); panic(r) }

func requireTool(name string) (r *recorder, path string) {
	r = &recorder{}
	defer func() {
		if v := recover(); v != nil && v != r {
			panic(v)
		}
	}()
	return r, RequireTool(r, name, "install it somehow")
}

// A missing tool skips a test on a developer's machine and fails it in CI, where a green
// run must mean every test ran.
func TestRequireTool(t *testing.T) {
	missing := "between-no-such-tool"
	t.Setenv("CI", "")
	if r, _ := requireTool(missing); r.skip == "" || r.fatal != "" || !strings.Contains(r.skip, "install it somehow") {
		t.Errorf("without CI, a missing tool: skip %q, fatal %q; want a skip saying how to install it", r.skip, r.fatal)
	}
	t.Setenv("CI", "true")
	if r, _ := requireTool(missing); r.fatal == "" || r.skip != "" {
		t.Errorf("under CI, a missing tool: skip %q, fatal %q; want a failure", r.skip, r.fatal)
	}
	if r, p := requireTool("sh"); r.fatal != "" || r.skip != "" || p == "" {
		t.Errorf("a tool that is there: path %q, skip %q, fatal %q", p, r.skip, r.fatal)
	}
}

// TestNewTriesAgainAfterADeadStart: a Chromium that dies at its start, once, does not fail
// the test that asked for it.
func TestNewTriesAgainAfterADeadStart(t *testing.T) {
	real := Require(t)
	dir := t.TempDir()
	marker := filepath.Join(dir, "started-once")
	script := filepath.Join(dir, "chromium")
	// The first start prints what a dead Chromium printed and exits before any answer.
	text := "#!/bin/sh\nif [ ! -e " + marker + " ]; then : > " + marker + "; echo 'Failed to connect to the bus' >&2; exit 1; fi\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(script, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BETWEEN_CHROMIUM", script)
	ctx := New(t)
	ua, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.userAgent`))
	if err != nil || !strings.Contains(ua, "Chrome") {
		t.Fatalf("the browser started on the second try: user agent %q, %v", ua, err)
	}
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("the first start never ran: %v", err)
	}
}
