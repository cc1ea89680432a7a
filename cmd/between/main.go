// Command between builds a coach's resource library into a static site.
//
// It is the only place that prints and exits; everything else returns values and errors.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"runtime/trace"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/devserver"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/output"
	"github.com/between-ssg/between/generator/scaffold"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `between builds a coach's resource library into a static site.

Usage:
  between init [DIR]               new site: config.toml, content/ with one of each kind
  between new KIND NAME            KIND: article | guide | worksheet | path | page;
                                   writes content/SECTION/NAME.md from a commented
                                   template; --unlisted: for one client, at a random address
  between build [flags]            render the site into the output folder
  between serve [flags]            live-reload preview on http://127.0.0.1:1313/
  between check [flags]            everything build validates, writing nothing
  between version

Run "between COMMAND --help" for a command's flags.
`

func main() {
	stop := profile()
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// profile writes a CPU profile of the whole command to the file BETWEEN_CPUPROFILE names,
// an execution trace to BETWEEN_TRACE's, and a heap profile at the end to
// BETWEEN_MEMPROFILE's, for profiling the real build
// (its writes to disk included) rather than a benchmark. Not a user's setting: see
// docs/architecture.md.
func profile() (stop func()) {
	var f *os.File
	if name := os.Getenv("BETWEEN_CPUPROFILE"); name != "" {
		var err error
		if f, err = os.Create(name); err == nil {
			if err = pprof.StartCPUProfile(f); err != nil {
				f.Close()
				f = nil
			}
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "between: BETWEEN_CPUPROFILE: %v\n", err)
		}
	}
	var tf *os.File
	if name := os.Getenv("BETWEEN_TRACE"); name != "" {
		var err error
		if tf, err = os.Create(name); err == nil {
			if err = trace.Start(tf); err != nil {
				tf.Close()
				tf = nil
			}
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "between: BETWEEN_TRACE: %v\n", err)
		}
	}
	return func() {
		if tf != nil {
			trace.Stop()
			tf.Close()
		}
		if f != nil {
			pprof.StopCPUProfile()
			f.Close()
		}
		if name := os.Getenv("BETWEEN_MEMPROFILE"); name != "" {
			writeHeapProfile(name)
		}
	}
}

func writeHeapProfile(name string) {
	if m, err := os.Create(name); err == nil {
		pprof.WriteHeapProfile(m)
		m.Close()
	}
}

// Exit statuses.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version", "--version":
		fmt.Fprintf(stdout, "between %s\n", version)
		return exitOK
	case "init":
		return cmdInit(rest, stdout, stderr)
	case "new":
		return cmdNew(rest, stdout, stderr)
	case "build", "check":
		return cmdBuild(cmd, rest, stdout, stderr)
	case "serve":
		return cmdServe(rest, stdout, stderr)
	}
	fmt.Fprintf(stderr, "between: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

// siteFlags are the flags build, check and serve share.
type siteFlags struct {
	site, out, baseURL string
	drafts, strict     bool
	force              bool
}

func (f *siteFlags) register(fs *flag.FlagSet, withOut bool) {
	fs.StringVar(&f.site, "s", ".", "the site `folder` (holds config.toml and content/)")
	if withOut {
		fs.StringVar(&f.out, "d", "", "the output `folder` (default SITE/public)")
		fs.BoolVar(&f.force, "force", false, "build into a non-empty output folder that no build of this site wrote (its other files are kept)")
	}
	fs.BoolVar(&f.drafts, "drafts", false, "include drafts and future-dated pages (serve includes them unless --drafts=false)")
	fs.StringVar(&f.baseURL, "base-url", "", "override config.toml's baseURL")
	fs.BoolVar(&f.strict, "strict", false, "treat warnings as errors")
}

// check tells wrong usage that the flags' values show before any work starts: a folder
// that holds no site, a base URL that is no web address.
func (f *siteFlags) check(cmd string, stderr io.Writer) (int, bool) {
	if _, err := os.Stat(filepath.Join(f.site, "content")); err != nil {
		if _, err2 := os.Stat(filepath.Join(f.site, "config.toml")); err2 != nil {
			fmt.Fprintf(stderr, "between %s: %s has no config.toml or content/ folder; run it in a site folder, give one with -s DIR, or start one with \"between init\"\n", cmd, f.site)
			return exitUsage, false
		}
	}
	if msg := config.BaseURLProblem(f.baseURL); f.baseURL != "" && msg != "" {
		fmt.Fprintf(stderr, "between %s: --base-url %q %s\n", cmd, f.baseURL, msg)
		return exitUsage, false
	}
	return 0, true
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: between %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags wherever they stand among the arguments ("new path x -s DIR" as well
// as "new -s DIR path x"), as people type them; the arguments that are not flags are left
// in order for fs.Args.
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK, false
			}
			return exitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			positional = append(positional, rest[1:]...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	// Parse once more with nothing but the positional arguments after "--", so that
	// fs.Args returns them.
	_ = fs.Parse(append([]string{"--"}, positional...))
	return 0, true
}

func cmdBuild(cmd string, args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	synopsis := "build [-s DIR] [-d DIR] [--force] [--drafts] [--base-url URL] [--strict]"
	if cmd == "check" {
		synopsis = "check [-s DIR] [--drafts] [--base-url URL] [--strict]"
	}
	fs := newFlagSet(cmd, synopsis, stderr)
	f.register(fs, cmd == "build")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "between %s: unexpected argument %q\n", cmd, fs.Arg(0))
		return exitUsage
	}
	if code, ok := f.check(cmd, stderr); !ok {
		return code
	}
	out := f.out
	if out == "" {
		out = filepath.Join(f.site, "public")
	}
	var dir *output.Dir
	if cmd == "build" {
		// The folder is checked before the work starts, and stays open until the end.
		d, err := output.Open(out, output.Options{Site: f.site, Force: f.force})
		if err != nil {
			fmt.Fprintf(stderr, "between build: %v\n", err)
			return exitUsage
		}
		dir = d
	}
	start := time.Now()
	adviseHugePages(buildMemory)
	defer limitMemory(buildMemory)()
	b := build.New(build.Options{Root: f.site, Drafts: f.drafts, Strict: f.strict, BaseURL: f.baseURL})
	// Every page goes to the output's staging folder as soon as it is rendered; nothing is
	// in place until Commit, and a failure on the way drops it all (Abort).
	var sink build.Sink = build.Discard{}
	if dir != nil {
		sink = dir
	}
	stop := showProgress(b, stderr)
	stopStages := showStages(b, start)
	res, err := b.BuildTo(sink)
	stopStages()
	stop()
	if err != nil {
		if dir != nil {
			dir.Abort()
		}
		var we *build.WriteError
		if errors.As(err, &we) {
			fmt.Fprintf(stderr, "between build: writing %s: nothing was written, and the previous output is as it was:\n%v\n", out, we.Err)
			return exitContent
		}
		return reportErrors(cmd, err, b.Warnings(), stderr)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w.Error())
	}
	s := res.Summary
	counts := fmt.Sprintf("%s, %s, %s, %s", plural(s.Pages, "page"), plural(s.Paths, "reading path"), plural(s.Worksheets, "worksheet"), plural(s.Tags, "tag"))
	if cmd == "check" {
		// "no problems found" under three warnings read as if they did not count: say what
		// is left, and that it does not stop a build.
		found := "no problems found"
		if n := len(res.Warnings); n > 0 {
			found = fmt.Sprintf("no errors, %s above (a build still publishes; --strict stops at them)", plural(n, "warning"))
		}
		fmt.Fprintf(stdout, "Checked %s: %s in %d ms.\n", counts, found, time.Since(start).Milliseconds())
		return exitOK
	}
	commitStart, commitCPU := time.Now(), cpuTime()
	ws, err := dir.Commit()
	if os.Getenv("BETWEEN_STAGES") != "" {
		fmt.Fprintf(os.Stderr, "%6d ms  %-30s %6d ms wall %6d ms CPU         peak RSS %5d MB\n", time.Since(start).Milliseconds(), "moving into place",
			time.Since(commitStart).Milliseconds(), (cpuTime() - commitCPU).Milliseconds(), peakRSS()>>20)
	}
	if err != nil {
		fmt.Fprintf(stderr, "between build: writing %s: nothing was written, and the previous output is as it was:\n%v\n", out, err)
		return exitContent
	}
	fmt.Fprintf(stdout, "Built %s into %s: %s written, %d unchanged, %d removed, in %d ms.\n",
		counts, out, plural(ws.Written, "file"), ws.Unchanged, ws.Removed, time.Since(start).Milliseconds())
	return exitOK
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func reportErrors(cmd string, err error, warnings diag.List, stderr io.Writer) int {
	var list diag.List
	if errors.As(err, &list) {
		for _, d := range list {
			fmt.Fprintln(stderr, d.Error())
		}
		for _, w := range warnings {
			fmt.Fprintln(stderr, w.Error())
		}
		if cmd == "check" { // which writes nothing: saying so worried coaches about their site
			fmt.Fprintf(stderr, "%s found.\n", plural(len(list), "problem"))
			return exitContent
		}
		fmt.Fprintf(stderr, "%s; nothing was written, and the previous output is as it was.\n", plural(len(list), "problem"))
		return exitContent
	}
	fmt.Fprintf(stderr, "between: %v\n", err)
	return exitContent
}

// draftLine finds the front matter line that keeps a new page out of builds.
var draftLine = regexp.MustCompile(`(?m)^draft\s*[=:]\s*true\s*$`)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	fs := newFlagSet("serve", "serve [-s DIR] [--drafts] [--port N] [--bind ADDR] [--strict]", stderr)
	f.register(fs, false)
	port := fs.Int("port", devserver.DefaultPort, "the `port` to listen on")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; others on your network can see the preview only if you bind another address")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "between serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	// The preview shows drafts, each with a Draft banner, so that a page just made with
	// `between new` is there to look at; --drafts=false shows the site as a build makes it.
	drafts := true
	fs.Visit(func(fl *flag.Flag) {
		if fl.Name == "drafts" {
			drafts = f.drafts
		}
	})
	f.drafts = drafts
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "between serve: --port %d: a port is a number from 1 to 65535 (1313 if you leave --port out)\n", *port)
		return exitUsage
	}
	if code, ok := f.check("serve", stderr); !ok {
		return code
	}
	if *port == 0 {
		// Any free port: find it now, so the pages name the port they are served on.
		l, err := net.Listen("tcp", net.JoinHostPort(*bind, "0"))
		if err != nil {
			fmt.Fprintf(stderr, "between serve: %v\n", err)
			return exitUsage
		}
		*port = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	host := *bind
	switch {
	case host == "0.0.0.0" || host == "::" || host == "":
		// Bound to every address: pages name the machine as its own browser reaches it.
		host = "localhost"
	case strings.Contains(host, ":"):
		host = "[" + host + "]"
	}
	// The preview is served from its root: a base URL's path would make every link miss.
	base := fmt.Sprintf("http://%s:%d/", host, *port)
	if f.baseURL != "" {
		if u, err := url.Parse(f.baseURL); err == nil && u.Host != "" {
			base = u.Scheme + "://" + u.Host + "/"
		}
	}
	defer limitMemory(serveMemory)()
	b := build.New(build.Options{Root: f.site, Drafts: f.drafts, Strict: f.strict, BaseURL: base, Preview: true, Lazy: true})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := devserver.New(b, devserver.Options{Root: f.site, Bind: *bind, Port: *port, Log: stdout})
	stopStages := showStages(b, time.Now())
	go func() { <-srv.Ready(); stopStages() }() // the stages up to serving
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "between serve: %v\n", err)
		return exitContent
	}
	return exitOK
}

func cmdInit(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("init", "init [DIR] [--language LANG]", stderr)
	lang := fs.String("language", "en", "the `language` of the library: its example pages and the theme's words (de, fr, es, ja, pt-BR...)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	dir := "."
	if fs.NArg() > 1 {
		fmt.Fprintln(stderr, "between init: give at most one folder")
		return exitUsage
	}
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	written, translated, err := scaffold.Init(dir, *lang)
	var ue scaffold.UsageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "between init: %v\n", err)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(stderr, "between init: %v\n", err)
		return exitContent
	}
	for _, w := range written {
		fmt.Fprintf(stdout, "  wrote %s\n", w)
	}
	if !translated {
		fmt.Fprintf(stdout, "The example pages are in English, for you to rewrite in your language; language = %q in config.toml sets the theme's words (see docs/languages.md).\n", *lang)
	}
	fmt.Fprintf(stdout, "A new library is ready in %s. Next: cd %s && between serve\n", dir, shellWord(dir))
	return exitOK
}

// shellWord is s as one word of a POSIX shell command, for a command to copy: quoted when
// it holds anything but letters, digits and /._-+ (a space, an apostrophe...).
func shellWord(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("/._-+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func cmdNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new", "new KIND NAME [--unlisted]   (KIND: article, guide, worksheet, path or page)", stderr)
	site := fs.String("s", ".", "the site `folder`")
	unlisted := fs.Bool("unlisted", false, "a page for one client: listed nowhere, at a random address nobody can guess")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return exitUsage
	}
	file, err := scaffold.NewWith(*site, fs.Arg(0), fs.Arg(1), scaffold.Options{Unlisted: *unlisted})
	if err != nil {
		var ue scaffold.UsageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "between new: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(stderr, "between new: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "Wrote %s. Open it in your editor; the comments explain each part.\n", file.Path)
	if src, err := os.ReadFile(file.Path); err == nil && draftLine.Match(src) {
		fmt.Fprintf(stdout, "It is a draft: `between serve` shows it with a Draft banner, and a build leaves it out.\nTo publish it, delete the line `draft = true` at its top.\n")
	}
	if file.Slug != "" {
		addr := "/" + file.Slug + "/"
		if sec := path.Base(path.Dir(filepath.ToSlash(file.Path))); sec != "content" {
			addr = "/" + sec + addr
		}
		fmt.Fprintf(stdout, "It is unlisted: its address ends in %s. Send that link to your client once the page is ready (and draft = true is gone).\n", addr)
	}
	return exitOK
}

// showStages writes when each stage of the build started to stderr, when BETWEEN_STAGES is
// set: for profiling the real command (docs/architecture.md), not a user's setting.
func showStages(b *build.Builder, start time.Time) (stop func()) {
	if os.Getenv("BETWEEN_STAGES") == "" {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		last, stage := "starting", 1
		lastWall, lastCPU := start, cpuTime()
		lastWaited, lastIdle, cores := coreTimes()
		show := func(next string) {
			now, cpu := time.Now(), cpuTime()
			wall := now.Sub(lastWall)
			pct := func(d time.Duration) float64 { return 100 * float64(d) / float64(max(wall, 1)) }
			// What the cores did while the build did not use them (coreTimes).
			var others string
			waited, idle, ok := coreTimes()
			if ok && cores {
				others = fmt.Sprintf("  core-wait %3.0f%%  idle %3.0f%%", pct(max(waited-lastWaited, 0)), pct(idle-lastIdle))
			}
			fmt.Fprintf(os.Stderr, "%6d ms  %-30s %6d ms wall %6d ms CPU (%3.0f%%)%s  peak RSS %5d MB\n", now.Sub(start).Milliseconds(), last,
				wall.Milliseconds(), (cpu - lastCPU).Milliseconds(), pct(cpu-lastCPU), others, peakRSS()>>20)
			if name := os.Getenv("BETWEEN_MEMPROFILE"); name != "" && last != "" {
				// What was live at the end of each stage, to find what makes the peak.
				writeHeapProfile(fmt.Sprintf("%s.%d-%s", name, stage, strings.ReplaceAll(last, " ", "-")))
			}
			stage++
			last, lastWall, lastCPU = next, now, cpu
			lastWaited, lastIdle, cores = waited, idle, ok
		}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			if stage, _, _ := b.Progress(); stage != last && stage != "" {
				show(stage)
			}
			select {
			case <-done:
				show("")
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

// showProgress shows, on a terminal, a line saying how far a build is once it has taken
// more than two seconds ("Rendering 5,210 of 10,734 files..."), rewritten in place and
// wiped when stop is called. Piped or redirected output gets no such line.
func showProgress(b *build.Builder, stderr io.Writer) (stop func()) {
	f, ok := stderr.(*os.File)
	if !ok {
		return func() {}
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		shown := false
		wait := time.NewTimer(2 * time.Second)
		defer wait.Stop()
		select {
		case <-done:
			return
		case <-wait.C:
		}
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			stage, n, total := b.Progress()
			if stage != "" {
				line := strings.ToUpper(stage[:1]) + stage[1:] + "..."
				if total > 0 {
					line = fmt.Sprintf("%s %d of %d files...", strings.ToUpper(stage[:1])+stage[1:], n, total)
				}
				fmt.Fprintf(f, "\r\033[K%s", line)
				shown = true
			}
			select {
			case <-done:
				if shown {
					fmt.Fprint(f, "\r\033[K")
				}
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
