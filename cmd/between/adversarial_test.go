//go:build unix

package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/output"
)

// adversarialDir holds the adversarial suite: one folder per case, each a small site and its
// expect.txt. testdata/adversarial/README.md describes the format.
const adversarialDir = "../../testdata/adversarial"

// caseTimeout bounds one run of between in a case. A case that takes longer has hung (a
// FIFO read, a quadratic loop): the test fails instead of waiting for the test binary's own
// timeout. Each case is a few files and builds in well under a second on a loaded machine.
const caseTimeout = 60 * time.Second

// TestAdversarial runs every case of testdata/adversarial: it copies the case into a fresh
// folder, applies its setup, runs between, and checks the expected outcome, that nothing
// outside the output changed, that a failed build left the output as it was, and that
// nothing panicked or hung.
func TestAdversarial(t *testing.T) {
	entries, err := os.ReadDir(adversarialDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) { runAdversarial(t, filepath.Join(adversarialDir, e.Name())) })
	}
	if n == 0 {
		t.Fatal("no cases in " + adversarialDir)
	}
}

// adversarialCase is a parsed expect.txt.
type adversarialCase struct {
	command  string     // build or check
	args     []string   // nil: -d {out}
	setup    [][]string // each an operation and its arguments
	ok       bool
	exit     int // -1: any failure
	errors   []string
	stdout   []string
	checks   [][]string // exists, absent, contains, not-contains with their arguments
	rootSkip string
}

func parseCase(t *testing.T, file string) *adversarialCase {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := &adversarialCase{command: "build", exit: -1}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		key, rest, _ := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		rest = strings.TrimSpace(rest)
		var toks []string
		if key != "error" && key != "stdout" && key != "root" {
			if toks, err = tokens(rest); err != nil {
				t.Fatalf("%s:%d: %v", file, i+1, err)
			}
		}
		switch key {
		case "ok":
			c.ok = true
		case "command":
			c.command = rest
		case "args":
			c.args = toks
		case "setup":
			c.setup = append(c.setup, toks)
		case "error":
			c.errors = append(c.errors, rest)
		case "stdout":
			c.stdout = append(c.stdout, rest)
		case "exit":
			if c.exit, err = strconv.Atoi(rest); err != nil {
				t.Fatalf("%s:%d: exit: %v", file, i+1, err)
			}
		case "root":
			c.rootSkip = rest
		case "exists", "absent", "contains", "not-contains":
			c.checks = append(c.checks, append([]string{key}, toks...))
		default:
			t.Fatalf("%s:%d: unknown line %q", file, i+1, line)
		}
	}
	if c.ok == (len(c.errors) > 0) {
		t.Fatalf("%s: give either ok or error lines", file)
	}
	return c
}

// tokens splits a line into words: bare words, or Go-quoted strings ("a b\n").
func tokens(s string) ([]string, error) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' || s[0] == '`' {
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, fmt.Errorf("bad quoted string in %q: %v", s, err)
			}
			u, _ := strconv.Unquote(q)
			out = append(out, u)
			s = s[len(q):]
			continue
		}
		end := strings.IndexAny(s, " \t")
		if end < 0 {
			end = len(s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out, nil
}

// world is the folders a case runs in, all inside one temporary folder.
type world struct {
	root, site, out, outside, home string
}

func (w *world) expand(s string) string {
	return strings.NewReplacer("{root}", w.root, "{site}", w.site, "{out}", w.out, "{outside}", w.outside, "{home}", w.home).Replace(s)
}

// inside makes sure a setup path stays in the case's folder.
func (w *world) inside(t *testing.T, p string) string {
	t.Helper()
	p = filepath.Clean(w.expand(p))
	if rel, err := filepath.Rel(w.root, p); err != nil || strings.HasPrefix(rel, "..") {
		t.Fatalf("setup path %s is outside the case's folder", p)
	}
	return p
}

func runAdversarial(t *testing.T, dir string) {
	c := parseCase(t, filepath.Join(dir, "expect.txt"))
	if c.rootSkip != "" && os.Geteuid() == 0 {
		t.Skipf("as root: %s", c.rootSkip)
	}
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w := &world{root: root, site: filepath.Join(root, "site"), out: filepath.Join(root, "out"),
		outside: filepath.Join(root, "outside"), home: filepath.Join(root, "home")}
	copyCase(t, dir, w.site)
	writeFiles(t, w.outside, map[string]string{"precious.txt": "the user's own file\n", "welcome/index.html": "not between's\n"})
	writeFiles(t, w.home, map[string]string{"notes.txt": "the user's own file\n"})
	t.Setenv("HOME", w.home)
	for _, op := range c.setup {
		setupOp(t, w, op)
	}

	args := []string{c.command, "-s", w.site}
	if c.args != nil {
		for _, a := range c.args {
			args = append(args, w.expand(a))
		}
	} else if c.command == "build" {
		args = append(args, "-d", w.out)
	}
	outDir := w.out
	for i, a := range args {
		if a == "-d" && i+1 < len(args) {
			outDir = args[i+1]
		}
	}
	// A case that names an output outside its own folder (-d /) must be refused before
	// anything is written: check that first, so that a broken check cannot write there.
	if c.command == "build" {
		if abs, _ := filepath.Abs(outDir); !strings.HasPrefix(abs+"/", w.root+"/") {
			if c.ok {
				t.Fatalf("a case may build into %s only inside its own folder", outDir)
			}
			if _, err := output.Open(outDir, output.Options{Site: w.site}); err == nil {
				t.Fatalf("the output folder %s is taken: not running the build, which would write there", outDir)
			}
		}
	}

	skipOut := func(rel string) bool {
		return rel == "out" || strings.HasPrefix(rel, "out/") || rel == "site/.between" || strings.HasPrefix(rel, "site/.between/")
	}
	beforeAll := snapshot(t, w.root, skipOut)
	beforeOut := snapshot(t, w.out, nil)

	code, stdout, stderr := runBounded(t, args)
	report := fmt.Sprintf("between %s\nexit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, stdout, stderr)

	if c.ok && code != 0 {
		t.Fatalf("want success:\n%s", report)
	}
	if !c.ok {
		if code == 0 {
			t.Fatalf("want failure:\n%s", report)
		}
		if c.exit >= 0 && code != c.exit {
			t.Errorf("exit %d, want %d:\n%s", code, c.exit, report)
		}
	}
	for _, e := range c.errors {
		if !strings.Contains(stderr, w.expand(e)) {
			t.Errorf("stderr does not say %q:\n%s", w.expand(e), report)
		}
	}
	for _, s := range c.stdout {
		if !strings.Contains(stdout, w.expand(s)) {
			t.Errorf("stdout does not say %q:\n%s", s, report)
		}
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("between panicked:\n%s", report)
	}
	if diff := diffSnapshots(beforeAll, snapshot(t, w.root, skipOut)); diff != "" {
		t.Errorf("files outside the output changed:\n%s\n%s", diff, report)
	}
	if !c.ok {
		if diff := diffSnapshots(beforeOut, snapshot(t, w.out, nil)); diff != "" {
			t.Errorf("a failed build changed the output:\n%s\n%s", diff, report)
		}
	}
	if c.ok {
		// Cases write their hostile markup with alert(: none of it may reach a page unescaped.
		checkOutput(t, w, []string{"not-contains", "*", "<script>alert"})
	}
	if code == exitContent && !strings.HasPrefix(stderr, "between ") {
		// Problems in the site: every line names the file it is about.
		for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
			if !namesFile(line) {
				t.Errorf("an error names no file: %q\n%s", line, report)
			}
		}
	}
	for _, chk := range c.checks {
		checkOutput(t, w, chk)
	}
}

// namesFile reports whether a line of between's error output starts with the file it is
// about ("content/a.md:3: ...", "config.toml: ...") or is the closing summary.
func namesFile(line string) bool {
	if strings.Contains(line, " problem") && (strings.Contains(line, "nothing was written") || strings.HasSuffix(line, " found.")) {
		return true
	}
	file, _, ok := strings.Cut(line, ":")
	return ok && file != "" && !strings.ContainsAny(file, " \t") && (strings.Contains(file, "/") || strings.Contains(file, "."))
}

// runBounded runs between in this process, and fails the test if it panics or does not
// return within caseTimeout.
func runBounded(t *testing.T, args []string) (int, string, string) {
	t.Helper()
	type result struct {
		code           int
		stdout, stderr string
		panicked       any
	}
	done := make(chan result, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		r := result{code: -1}
		defer func() {
			r.panicked = recover()
			r.stdout, r.stderr = stdout.String(), stderr.String()
			done <- r
		}()
		r.code = run(args, &stdout, &stderr)
	}()
	select {
	case r := <-done:
		if r.panicked != nil {
			t.Fatalf("between %s panicked: %v\nstderr:\n%s", strings.Join(args, " "), r.panicked, r.stderr)
		}
		return r.code, r.stdout, r.stderr
	case <-time.After(caseTimeout):
		t.Fatalf("between %s did not finish in %v: it hangs", strings.Join(args, " "), caseTimeout)
	}
	return 0, "", ""
}

func setupOp(t *testing.T, w *world, op []string) {
	t.Helper()
	need := func(n int) {
		if len(op) != n+1 {
			t.Fatalf("setup %s takes %d arguments: %q", op[0], n, op)
		}
	}
	switch op[0] {
	case "write": // write PATH CONTENT
		need(2)
		p := w.inside(t, op[1])
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(w.expand(op[2])), 0o644); err != nil {
			t.Fatal(err)
		}
	case "mkdir": // mkdir PATH
		need(1)
		if err := os.MkdirAll(w.inside(t, op[1]), 0o755); err != nil {
			t.Fatal(err)
		}
	case "remove": // remove PATH (and all below it)
		need(1)
		if err := os.RemoveAll(w.inside(t, op[1])); err != nil {
			t.Fatal(err)
		}
	case "append": // append PATH N TEXT: TEXT N times at the end of the file, for large or deep files
		need(3)
		p := w.inside(t, op[1])
		n, err := strconv.Atoi(op[2])
		if err != nil || n < 0 || n > 50_000_000 {
			t.Fatalf("append: %q is not a count", op[2])
		}
		os.MkdirAll(filepath.Dir(p), 0o755)
		f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.Write(bytes.Repeat([]byte(w.expand(op[3])), n))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
	case "symlink": // symlink PATH TARGET
		need(2)
		p := w.inside(t, op[1])
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.Symlink(w.expand(op[2]), p); err != nil {
			t.Fatal(err)
		}
	case "fifo": // fifo PATH
		need(1)
		p := w.inside(t, op[1])
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
	case "build": // build: a good build of the site into {out} first
		need(0)
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "-s", w.site, "-d", w.out}, &stdout, &stderr); code != 0 {
			t.Fatalf("setup build failed:\n%s", stderr.String())
		}
	case "manifest-add": // manifest-add NAME...: lines added to the output's manifest
		files, _ := filepath.Glob(filepath.Join(w.site, output.StateDir, "manifest-*.txt"))
		if len(files) != 1 {
			t.Fatalf("manifest-add: %d manifests in the site (setup: build first)", len(files))
		}
		f, err := os.OpenFile(files[0], os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range op[1:] {
			fmt.Fprintln(f, strconv.Quote(w.expand(n)))
		}
		f.Close()
	case "readonly": // readonly PATH: no entry may be added, renamed or removed in the folder
		need(1)
		p := w.inside(t, op[1])
		if os.Geteuid() != 0 {
			if err := os.Chmod(p, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(p, 0o755) })
			return
		}
		// Root ignores permissions; the immutable attribute binds root too.
		if out, err := exec.Command("chattr", "+i", p).CombinedOutput(); err != nil {
			t.Skipf("as root, a read-only folder needs chattr +i, which failed here: %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", p).Run() })
	default:
		t.Fatalf("unknown setup %q", op)
	}
}

// checkOutput checks one exists, absent, contains or not-contains line against the output.
func checkOutput(t *testing.T, w *world, chk []string) {
	t.Helper()
	if len(chk) < 2 {
		t.Fatalf("%s needs a path", chk[0])
	}
	paths := []string{chk[1]}
	if chk[1] == "*" {
		paths = nil
		for rel := range snapshot(t, w.out, nil) {
			if !strings.HasSuffix(rel, "/") {
				paths = append(paths, rel)
			}
		}
		sort.Strings(paths)
	}
	for _, rel := range paths {
		p := filepath.Join(w.out, filepath.FromSlash(rel))
		fi, err := os.Lstat(p)
		switch chk[0] {
		case "exists":
			if err != nil {
				t.Errorf("the output has no %s", rel)
			}
		case "absent":
			if err == nil {
				t.Errorf("the output has %s", rel)
			}
		case "contains", "not-contains":
			if len(chk) != 3 {
				t.Fatalf("%s takes a path and a text", chk[0])
			}
			if err != nil || !fi.Mode().IsRegular() {
				if chk[0] == "contains" {
					t.Errorf("the output has no file %s", rel)
				}
				continue
			}
			data, _ := os.ReadFile(p)
			has := bytes.Contains(data, []byte(w.expand(chk[2])))
			if chk[0] == "contains" && !has {
				t.Errorf("%s does not contain %q", rel, chk[2])
			}
			if chk[0] == "not-contains" && has {
				t.Errorf("%s contains %q", rel, chk[2])
			}
		}
	}
}

// snapshot describes every entry under dir without following links or opening anything
// but regular files: slash path (folders end in /) → kind, mode and content hash.
func snapshot(t *testing.T, dir string, skip func(rel string) bool) map[string]string {
	t.Helper()
	out := map[string]string{}
	if _, err := os.Lstat(dir); err != nil {
		return out
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if skip != nil && skip(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			out[rel+"/"] = fi.Mode().String()
		case fi.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "link -> " + target
		case fi.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = fmt.Sprintf("%v %x %d", fi.Mode(), sha256.Sum256(data), fi.ModTime().UnixNano())
		default:
			out[rel] = fi.Mode().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func diffSnapshots(a, b map[string]string) string {
	var lines []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			lines = append(lines, "- "+k)
		} else if w != v {
			lines = append(lines, "~ "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			lines = append(lines, "+ "+k)
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// copyCase copies a case's site (everything but expect.txt), keeping symbolic links as links.
func copyCase(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "expect.txt" {
			return nil
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			l, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(l, target)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
