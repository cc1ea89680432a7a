package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets a test run this binary as `between` itself (BETWEEN_RUN_MAIN=1): serve runs
// until it is interrupted, which only a separate process can be, as a person's Ctrl-C.
func TestMain(m *testing.M) {
	if os.Getenv("BETWEEN_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestServeShowsDraftsBuildLeavesThemOut: a coach's new page is a draft; `between serve`
// (a real server on 127.0.0.1, started as the coach starts it) answers it with a Draft banner,
// and `between build` leaves it out.
func TestServeShowsDraftsBuildLeavesThemOut(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"config.toml":                "baseURL = \"https://example.org/\"\ntitle = \"Drafts\"\n",
		"content/_index.md":          page("title = \"Home\"\n", "Hello.\n"),
		"content/worksheets/new.md":  page("title = \"New one\"\ndraft = true\n", "::: answer id=a\nWhat?\n:::\n"),
		"content/articles/public.md": page("title = \"Public\"\n", "Text.\n"),
	})

	out := filepath.Join(t.TempDir(), "out")
	runCode(t, 0, "build", "-s", site, "-d", out)
	if _, err := os.Stat(filepath.Join(out, "worksheets/new/index.html")); !os.IsNotExist(err) {
		t.Errorf("between build wrote the draft (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(out, "articles/public/index.html")); err != nil {
		t.Errorf("between build left out a published page: %v", err)
	}

	base := startServe(t, site)
	get := func(p string) (int, string) {
		res, err := http.Get(strings.TrimSuffix(base, "/") + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	code, body := get("/worksheets/new/")
	if code != 200 || !strings.Contains(body, `<p class="draft-banner" role="note"><strong>Draft.</strong>`) || !strings.Contains(body, "New one") {
		t.Errorf("serve: the draft answers %d, with a Draft banner: %v", code, strings.Contains(body, "draft-banner"))
	}
	if code, body := get("/articles/public/"); code != 200 || strings.Contains(body, "draft-banner") {
		t.Errorf("serve: a published page answers %d, with a Draft banner: %v", code, strings.Contains(body, "draft-banner"))
	}
}

// startServe runs `between serve` on site, as a separate process as a coach starts it, and
// returns the address it serves at; the server is interrupted when the test ends.
func startServe(t *testing.T, site string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "-s", site, "--port", "0")
	cmd.Env = append(os.Environ(), "BETWEEN_RUN_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
		}
	})
	urlc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "Serving "); ok {
				urlc <- strings.Fields(rest)[0]
				break
			}
		}
		io.Copy(io.Discard, stdout)
		exited <- cmd.Wait()
	}()
	var base string
	select {
	case base = <-urlc:
	case err := <-exited:
		t.Fatalf("between serve exited before serving: %v", err)
	case <-time.After(2 * time.Minute): // a failure deadline, not a speed requirement
		t.Fatal("between serve did not start serving")
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("between serve serves at %s, want 127.0.0.1 by default", base)
	}
	return base
}

// TestServeFileGoneAndBack: an editor or sync tool that deletes a page's file and writes it
// again a moment later (50 or 200 ms; vim's gap is far shorter) never makes `between serve`
// answer the page with "not found" in between. A client asks for the page every few
// milliseconds from before the delete until the new text is served.
func TestServeFileGoneAndBack(t *testing.T) {
	for _, gap := range []time.Duration{50 * time.Millisecond, 200 * time.Millisecond} {
		t.Run(gap.String(), func(t *testing.T) {
			site := t.TempDir()
			writeFiles(t, site, map[string]string{
				"config.toml":           "baseURL = \"https://example.org/\"\ntitle = \"Gap\"\n",
				"content/_index.md":     page("title = \"Home\"\n", "Hello.\n"),
				"content/articles/a.md": page("title = \"A\"\n", "The first text.\n"),
			})
			url := strings.TrimSuffix(startServe(t, site), "/") + "/articles/a/"
			tr := &http.Transport{}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr, Timeout: 20 * time.Second}
			get := func() (int, string) {
				res, err := client.Get(url)
				if err != nil {
					return 0, err.Error()
				}
				defer res.Body.Close()
				b, _ := io.ReadAll(res.Body)
				return res.StatusCode, string(b)
			}
			if code, body := get(); code != 200 || !strings.Contains(body, "The first text.") {
				t.Fatalf("before the save the page answers %d", code)
			}

			answers := map[int]int{}
			served := make(chan struct{})
			go func() {
				defer close(served)
				deadline := time.Now().Add(time.Minute) // a failure deadline, not a speed requirement
				for time.Now().Before(deadline) {
					code, body := get()
					answers[code]++
					if code == 200 && strings.Contains(body, "The text after the gap.") {
						return
					}
					time.Sleep(2 * time.Millisecond)
				}
			}()
			name := filepath.Join(site, "content/articles/a.md")
			if err := os.Remove(name); err != nil {
				t.Fatal(err)
			}
			time.Sleep(gap)
			if err := os.WriteFile(name, []byte(page("title = \"A\"\n", "The text after the gap.\n")), 0o644); err != nil {
				t.Fatal(err)
			}
			<-served
			if len(answers) != 1 || answers[200] == 0 {
				t.Errorf("while the file was gone for %v the page answered %v (status: times), want only 200 and then the new text", gap, answers)
			}
		})
	}
}
