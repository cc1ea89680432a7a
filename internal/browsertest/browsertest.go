// Package browsertest starts a real headless Chromium for tests of what a client sees.
//
// When Chromium (or a tool a test needs, RequireTool) is missing a test is skipped with a
// message saying how to install it, except under CI (the CI environment variable set), where
// a missing browser is a failure: a green CI must mean the browser tests ran. With -short,
// browser tests are skipped.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ExecPath finds Chromium, or returns "".
func ExecPath() string {
	if p := os.Getenv("BETWEEN_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Require skips the test (or fails it under CI) when Chromium is not installed. With
// -short, every browser test is skipped: `go test -short ./...` is the quick local tier.
func Require(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("a browser test: skipped with -short; run without -short to run it")
	}
	p := ExecPath()
	if p == "" {
		msg := "Chromium not found: install it with `apt-get install -y chromium` (Debian) to run browser tests"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return p
}

// New starts a fresh headless Chromium with its own empty profile and returns a browser
// context whose first tab is ready. It is closed when the test ends. The flags keep Chromium
// from reaching for any network but the test's own servers.
func New(t testing.TB) context.Context {
	t.Helper()
	path := Require(t)
	// A Chromium that dies before its first answer (seen once on a machine loaded with
	// other builds and browsers: its pipe closed after printing only D-Bus warnings) says
	// nothing about the pages under test, so it gets one more try with a fresh profile.
	var err error
	for range 2 {
		var ctx context.Context
		var cancel func()
		if ctx, cancel, err = start(t, path); err == nil {
			tctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
			t.Cleanup(func() { cancelT(); cancel() })
			return tctx
		}
		t.Logf("start chromium: %v", err)
	}
	t.Fatalf("start chromium: %v", err)
	return nil
}

// start starts one Chromium and waits for its first answer. The first Do starts the
// browser; a timeout on it would stop the whole browser, so the caller puts its time limit
// on the context after the start.
func start(t testing.TB, path string) (context.Context, func(), error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancelC()
		cancelA()
		return nil, nil, err
	}
	return ctx, func() { cancelC(); cancelA() }, nil
}

// RequireTool returns the path of a command a test needs besides the browser (pdftotext,
// say). When it is missing the test is skipped with install, the way to install it, except
// under CI, where it fails: a green CI must mean the test ran.
func RequireTool(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		msg := name + " not found: " + install + " to run this test"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return p
}
