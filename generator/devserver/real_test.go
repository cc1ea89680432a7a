package devserver

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/internal/fault"
)

// realSite writes a minimal library: config, a home page, one article and a stylesheet.
func realSite(t testing.TB) string {
	root := t.TempDir()
	writeFile(t, root, "config.toml", "title = \"Live Library\"\nlanguage = \"en\"\n")
	writeFile(t, root, "content/_index.md", "+++\ntitle = \"Home\"\n+++\nWelcome to the live library.\n")
	writeFile(t, root, "content/articles/first.md", article("First steps", "The first text of the article."))
	writeFile(t, root, "static/css/extra.css", "body { outline: 0 }\n")
	return root
}

func isStyle(name string) bool { return strings.HasSuffix(name, ".css") }

func article(title, body string) string {
	return "+++\ntitle = \"" + title + "\"\ndate = 2025-01-02\ntags = [\"start\"]\n+++\n" + body + "\n"
}

// startReal serves root with the real builder, as `between serve` does.
func startReal(t testing.TB, root string) *testServer {
	return startServer(t, build.New(build.Options{Root: root, BaseURL: "/", Preview: true, Lazy: true}), root)
}

func TestRealBuilderEditCreateDeleteRename(t *testing.T) {
	root := realSite(t)
	ts := startReal(t, root)

	r := ts.get("/articles/first/")
	if r.status != 200 || !strings.Contains(r.body, "The first text of the article.") || strings.Count(r.body, scriptTag(1)) != 1 {
		t.Fatalf("GET /articles/first/ = %d, script tags %d\n%s", r.status, strings.Count(r.body, scriptTag(1)), r.body)
	}
	tab, _ := ts.listen()

	// Edit.
	ts.write("content/articles/first.md", article("First steps", "An edited text, saved in the editor."))
	if b := tab.buildUntil("articles/first/index.html"); slices.ContainsFunc(b.Changed, isStyle) {
		t.Errorf("edit of a page changed %q, stylesheets among them", b.Changed)
	}
	if r := ts.get("/articles/first/"); !strings.Contains(r.body, "An edited text, saved in the editor.") {
		t.Errorf("edit not served:\n%s", r.body)
	}

	// Create: the home page (which lists articles) changes too.
	ts.write("content/articles/second.md", article("Second thoughts", "A page made while serving."))
	b := tab.buildUntil("articles/second/index.html")
	if r := ts.get("/articles/second/"); r.status != 200 || !strings.Contains(r.body, "A page made while serving.") {
		t.Errorf("created page: %d\n%s", r.status, r.body)
	}
	if !slices.Contains(b.Changed, "index.html") || !strings.Contains(ts.get("/").body, "Second thoughts") {
		t.Errorf("the home page lists articles: changed %q, want index.html and the new title on it", b.Changed)
	}

	// Rename: old URL gone, new one served.
	if err := os.Rename(filepath.Join(root, "content/articles/second.md"), filepath.Join(root, "content/articles/third.md")); err != nil {
		t.Fatal(err)
	}
	tab.buildUntil("articles/third/index.html")
	if r := ts.get("/articles/second/"); r.status != 404 {
		t.Errorf("after rename the old URL gives %d, want 404", r.status)
	}
	if r := ts.get("/articles/third/"); r.status != 200 || !strings.Contains(r.body, "A page made while serving.") {
		t.Errorf("after rename the new URL gives %d", r.status)
	}

	// Delete.
	if err := os.Remove(filepath.Join(root, "content/articles/third.md")); err != nil {
		t.Fatal(err)
	}
	tab.buildUntil("articles/third/index.html")
	if r := ts.get("/articles/third/"); r.status != 404 {
		t.Errorf("after delete the URL gives %d, want 404", r.status)
	}

	// A stylesheet in static/: swapped, not reloaded.
	ts.write("static/css/extra.css", "body { outline: 1px solid red }\n")
	if b := tab.buildUntil("css/extra.css"); !slices.Equal(b.Changed, []string{"css/extra.css"}) {
		t.Errorf("CSS edit changed %q, want only css/extra.css", b.Changed)
	}

	// The output served equals a fresh full build of the same files, byte for byte.
	fresh, err := build.New(build.Options{Root: root, BaseURL: "/", Preview: true}).Build()
	if err != nil {
		t.Fatal(err)
	}
	served := ts.s.cur.Load().res.Files
	for name, want := range fresh.Files {
		if got, ok := served[name]; !ok || string(got) != string(want) {
			t.Errorf("served %s differs from a fresh build", name)
		}
	}
	for name := range served {
		if _, ok := fresh.Files[name]; !ok {
			t.Errorf("served %s, which a fresh build does not make", name)
		}
	}
}

func TestRealBuilderErrorAndRecovery(t *testing.T) {
	root := realSite(t)
	ts := startReal(t, root)
	tab, _ := ts.listen()

	// An unclosed front matter, the kind of slip a writer makes.
	ts.write("content/articles/first.md", "+++\ntitle = \"First steps\ndate = 2025-01-02\n+++\nBody.\n")
	e := tab.nextError()
	if len(e.Problems.Items) == 0 || !strings.HasPrefix(e.Problems.Items[0].Place, "content/articles/first.md:") {
		t.Fatalf("build-error event %+v, want a problem placed in content/articles/first.md", e.Problems)
	}
	r := ts.get("/articles/first/")
	if r.status != 200 || !strings.Contains(r.body, "The first text of the article.") ||
		!strings.Contains(r.body, "<code>"+e.Problems.Items[0].Place+":</code>") {
		t.Errorf("while broken, GET = %d, want the last good page with the problem panel:\n%s", r.status, r.body)
	}
	if !strings.Contains(ts.log.String(), e.Problems.Items[0].String()) {
		t.Errorf("log lacks %q:\n%s", e.Problems.Items[0].String(), ts.log)
	}

	ts.write("content/articles/first.md", article("First steps", "Fixed and saved."))
	tab.buildUntil("articles/first/index.html")
	if r := ts.get("/articles/first/"); !strings.Contains(r.body, "Fixed and saved.") || strings.Contains(r.body, "between-overlay") {
		t.Errorf("after the fix:\n%s", r.body)
	}
}

// TestRealBuilderWorkerPanic: a panic in one of the builder's workers (converting, rendering)
// is a problem naming the file, shown in the browser; the preview goes on serving the last
// good build and takes the next save.
func TestRealBuilderWorkerPanic(t *testing.T) {
	for _, stage := range []string{"converting", "rendering"} {
		t.Run(stage, func(t *testing.T) {
			root := realSite(t)
			ts := startReal(t, root)
			tab, _ := ts.listen()
			reset := fault.Set(func(s, name string) {
				if s == stage && name == "content/articles/first.md" {
					panic("injected")
				}
			})
			defer reset()
			ts.write("content/articles/first.md", article("First steps", "A text that meets a bug."))
			e := tab.nextError()
			if len(e.Problems.Items) != 1 || e.Problems.Items[0].Place != "content/articles/first.md" ||
				!strings.Contains(e.Problems.Items[0].Message, "internal error") {
				t.Fatalf("a panic while %s gave %+v, want one problem naming content/articles/first.md", stage, e.Problems)
			}
			if r := ts.get("/articles/first/"); r.status != 200 || !strings.Contains(r.body, "The first text of the article.") {
				t.Errorf("after a worker panic GET = %d, want the last good page:\n%s", r.status, r.body)
			}
			reset()
			ts.write("content/articles/first.md", article("First steps", "Saved again."))
			tab.buildUntil("articles/first/index.html")
			if r := ts.get("/articles/first/"); !strings.Contains(r.body, "Saved again.") {
				t.Errorf("after the fault is gone:\n%s", r.body)
			}
		})
	}
}

// TestRealBuilderTruncateThenWrite: an editor that empties the page first and writes it a
// moment later never makes the browser show a build error for the empty state. Another page
// saved meanwhile is built, so the empty one was held, not slow (the hold is an hour here).
func TestRealBuilderTruncateThenWrite(t *testing.T) {
	root := realSite(t)
	ts := startServer(t, build.New(build.Options{Root: root, BaseURL: "/"}), root, func(s *Server) { s.hold = time.Hour })
	tab, _ := ts.listen()
	ts.write("content/articles/first.md", "")
	ts.write("content/articles/second.md", article("Second thoughts", "Saved while the first was half saved."))
	tab.buildUntil("articles/second/index.html") // fails on a build-error event
	ts.write("content/articles/first.md", article("First steps", "The whole save."))
	tab.buildUntil("articles/first/index.html")
	if r := ts.get("/articles/first/"); !strings.Contains(r.body, "The whole save.") {
		t.Errorf("after the save:\n%s", r.body)
	}
}

// TestRealBuilderEndOfSave: on Linux a save is served once the editor closes the file,
// without waiting for the quiet window (an hour here, so nothing else ends it): a page
// emptied, then written and closed, is served whole, and the tab never sees a build error.
func TestRealBuilderEndOfSave(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the end-of-save signal is Linux's (IN_CLOSE_WRITE)")
	}
	root := realSite(t)
	ts := startServer(t, build.New(build.Options{Root: root, BaseURL: "/", Preview: true}), root, func(s *Server) {
		s.quiet, s.maxDelay, s.hold = time.Hour, time.Hour, time.Hour
	})
	tab, _ := ts.listen()
	f, err := os.OpenFile(filepath.Join(root, "content/articles/first.md"), os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Sync() // the empty state reaches the watcher before the text does
	if _, err := f.Write([]byte(article("First steps", "Written after the truncation."))); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	tab.buildUntil("articles/first/index.html") // fails on a build-error event
	if r := ts.get("/articles/first/"); !strings.Contains(r.body, "Written after the truncation.") {
		t.Errorf("after the save:\n%s", r.body)
	}
}

func TestRealBuilderFirstBuildFails(t *testing.T) {
	root := realSite(t)
	writeFile(t, root, "config.toml", "title = \"Live Library\"\ntitel = \"typo\"\n")
	ts := startReal(t, root)
	r := ts.get("/")
	if r.status != 500 || !strings.Contains(r.body, "config.toml") {
		t.Fatalf("GET / with a broken config = %d\n%s", r.status, r.body)
	}
	tab, _ := ts.listen()
	writeFile(t, root, "config.toml", "title = \"Live Library\"\n")
	if b := tab.nextBuild(); !b.All && !slices.Contains(b.Changed, "index.html") {
		t.Errorf("first good build changed %q, want every file", b.Changed)
	}
	if r := ts.get("/"); r.status != 200 || !strings.Contains(r.body, "Welcome to the live library.") {
		t.Errorf("after the fix GET / = %d", r.status)
	}
}

func TestRealBuilderSymlinkedContentAndSiteFolderMadeAgain(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "site")
	lib := filepath.Join(parent, "library")
	writeFile(t, root, "config.toml", "title = \"Live Library\"\nlanguage = \"en\"\n")
	writeFile(t, lib, "_index.md", "+++\ntitle = \"Home\"\n+++\nWelcome to the live library.\n")
	writeFile(t, lib, "articles/first.md", article("First steps", "The first text of the article."))
	if err := os.Symlink(lib, filepath.Join(root, "content")); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, build.New(build.Options{Root: root, BaseURL: "/"}), root)
	tab, _ := ts.listen()

	// A coach keeping the library in a synced folder, linked into the site.
	writeFile(t, lib, "articles/first.md", article("First steps", "Edited where the link leads."))
	tab.buildUntil("articles/first/index.html")
	if r := ts.get("/articles/first/"); !strings.Contains(r.body, "Edited where the link leads.") {
		t.Errorf("after an edit in the symlinked content/:\n%s", r.body)
	}

	// The whole site folder deleted: the terminal and the browser both say so.
	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	if e := tab.nextError(); !strings.Contains(e.Problems.Items[0].Message, "the site folder "+root+" was deleted or moved") {
		t.Errorf("the browser was told %+v, want that the site folder is gone", e.Problems)
	}
	waitLog(t, ts, "was deleted or moved; the preview keeps the last good build")
	// And made again, as a restore from a backup does: the preview picks it up by itself.
	writeFile(t, parent, "copy/config.toml", "title = \"Live Library\"\nlanguage = \"en\"\n")
	writeFile(t, parent, "copy/content/_index.md", "+++\ntitle = \"Home\"\n+++\nRestored from the backup.\n")
	if err := os.Rename(filepath.Join(parent, "copy"), root); err != nil {
		t.Fatal(err)
	}
	waitLog(t, ts, "is back; watching it again")
	tab.buildUntil("index.html")
	if r := ts.get("/"); r.status != 200 || !strings.Contains(r.body, "Restored from the backup.") {
		t.Errorf("after the folder came back GET / = %d\n%s", r.status, r.body)
	}
	ts.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\nAnd edited again.\n")
	tab.buildUntil("index.html")
	if r := ts.get("/"); !strings.Contains(r.body, "And edited again.") {
		t.Errorf("an edit after the folder came back was not seen:\n%s", r.body)
	}
}

// waitLog waits until the server's terminal output holds want.
func waitLog(t *testing.T, ts *testServer, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(ts.log.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the terminal never said %q:\n%s", want, ts.log)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestRealBuilderPipeInContent: a named pipe saved into content/ froze the preview for good
// (opening it waits for a writer) and it no longer stopped on Ctrl-C. Now the overlay names
// the file, the last good build is still served, and the server stops when asked.
func TestRealBuilderPipeInContent(t *testing.T) {
	root := realSite(t)
	ts := startReal(t, root)
	tab, _ := ts.listen()
	if err := syscall.Mkfifo(filepath.Join(root, "content", "articles", "p.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := tab.nextError()
	var got []string
	for _, p := range e.Problems.Items {
		got = append(got, p.String())
	}
	if want := "content/articles/p.md: not a regular file (it is a named pipe)"; !strings.Contains(strings.Join(got, "\n"), want) {
		t.Errorf("overlay %q, want %q", got, want)
	}
	if r := ts.get("/articles/first/"); r.status != 200 || !strings.Contains(r.body, "The first text of the article.") {
		t.Errorf("the last good build is not served: %d", r.status)
	}
	// stop fails the test when Run does not return within 10 seconds.
	ts.stop()
}

// A missing page under a language's folder is answered with that language's 404 page, as
// a reader who mistyped a German address would want; elsewhere with the site's.
func TestRealBuilderNotFoundInItsLanguage(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("../../testdata/site-bilingual")); err != nil {
		t.Fatal(err)
	}
	ts := startReal(t, root)
	for _, c := range []struct{ path, want, not string }{
		{"/de/keine/solche/seite/", "Seite nicht gefunden", "Page not found"},
		{"/de/nichts", "Seite nicht gefunden", "Page not found"},
		{"/no/such/page/", "Page not found", "Seite nicht gefunden"},
		{"/nothing", "Page not found", "Seite nicht gefunden"},
		{"/articles/nothing/", "Page not found", "Seite nicht gefunden"},
		{"/../de/x", "Page not found", "Seite nicht gefunden"},
	} {
		r := ts.get(c.path)
		if r.status != 404 || !strings.Contains(r.body, c.want) || strings.Contains(r.body, c.not) {
			t.Errorf("GET %s = %d, want 404 with %q (and not %q):\n%.300s", c.path, r.status, c.want, c.not, r.body)
		}
	}
}

func TestNotFoundPages(t *testing.T) {
	for _, c := range []struct {
		path string
		want []string
	}{
		{"/", []string{"404.html"}},
		{"/x", []string{"404.html"}},
		{"/de/", []string{"de/404.html", "404.html"}},
		{"/de/a/b/", []string{"de/404.html", "404.html"}},
		{"//x/", []string{"404.html"}},
		{"/../x/", []string{"404.html"}},
		{"/./x/", []string{"404.html"}},
		{"/a\\b/c", []string{"404.html"}},
	} {
		if got := notFoundPages(c.path); !slices.Equal(got, c.want) {
			t.Errorf("notFoundPages(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

// pageBuilds is the real builder, counting the builds that succeeded without the output
// file page: what a browser showing it would reload onto as "page not found".
type pageBuilds struct {
	*build.Builder
	page string

	mu      sync.Mutex
	builds  int
	without int
}

func (b *pageBuilds) Build() (*build.Result, error) { return b.count(b.Builder.Build()) }

func (b *pageBuilds) Rebuild(changed []string) (*build.Result, error) {
	return b.count(b.Builder.Rebuild(changed))
}

func (b *pageBuilds) count(res *build.Result, err error) (*build.Result, error) {
	if err == nil && res != nil {
		b.mu.Lock()
		b.builds++
		if !res.Has(b.page) {
			b.without++
		}
		b.mu.Unlock()
	}
	return res, err
}

func (b *pageBuilds) counts() (builds, without int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.builds, b.without
}

// poll asks for url every few milliseconds until stop is closed, and returns how often
// each status answered.
func poll(url string, stop chan struct{}) <-chan map[int]int {
	out := make(chan map[int]int, 1)
	go func() {
		seen := map[int]int{}
		// A transport of its own: on the shared one, its requests and the test's race for
		// connections, and a connection dialled for one and never used holds up the
		// server's shutdown by seconds.
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		defer func() { out <- seen }()
		client := &http.Client{Timeout: 20 * time.Second, Transport: tr}
		for {
			select {
			case <-stop:
				return
			default:
			}
			if resp, err := client.Get(url); err != nil {
				seen[0]++ // 0 for no answer: the server never refuses a request
			} else {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				seen[resp.StatusCode]++
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	return out
}

// TestRealBuilderFileGoneAndBack: an editor or sync tool that deletes a page's file (or
// renames it away) and writes the new one a moment later never makes the preview build the
// page as gone: no build lacks it, and a browser asking for it all along is never told
// "not found". The gaps are shorter than the grace; how long the machine takes to run the
// test does not matter, as long as it is not half a second late.
func TestRealBuilderFileGoneAndBack(t *testing.T) {
	const page = "articles/first/index.html"
	for _, gap := range []time.Duration{50 * time.Millisecond, 200 * time.Millisecond} {
		for _, how := range []string{"delete", "rename away"} {
			t.Run(fmt.Sprintf("%s, %v", how, gap), func(t *testing.T) {
				root := realSite(t)
				b := &pageBuilds{Builder: build.New(build.Options{Root: root, BaseURL: "/", Preview: true}), page: page}
				ts := startServer(t, b, root)
				tab, _ := ts.listen()
				stop := make(chan struct{})
				seen := poll(ts.url+"/articles/first/", stop)

				name := filepath.Join(root, "content/articles/first.md")
				var err error
				if how == "delete" {
					err = os.Remove(name)
				} else {
					err = os.Rename(name, filepath.Join(root, "content/articles/first.md.bak"))
				}
				if err != nil {
					t.Fatal(err)
				}
				time.Sleep(gap)
				ts.write("content/articles/first.md", article("First steps", "The text after the gap."))
				for !strings.Contains(ts.get("/articles/first/").body, "The text after the gap.") {
					tab.buildUntil(page)
				}
				close(stop)
				statuses := <-seen
				if statuses[200] == 0 || len(statuses) != 1 {
					t.Errorf("while the file was gone for %v, GET /articles/first/ answered %v (status: times), want only 200", gap, statuses)
				}
				if builds, without := b.counts(); without > 0 {
					t.Errorf("%d of %d builds lacked %s; log:\n%s", without, builds, page, ts.log)
				}
			})
		}
	}
}

// TestRealBuilderPageDeleted: a page really deleted is gone once the grace is over (not
// before), and a browser showing it reloads onto the site's not-found page, which carries
// the live-reload script: when the page is made again, the tab shows it by itself.
func TestRealBuilderPageDeleted(t *testing.T) {
	const page = "articles/first/index.html"
	root := realSite(t)
	ts := startReal(t, root)
	tab, _ := ts.listen()
	start := time.Now()
	if err := os.Remove(filepath.Join(root, "content/articles/first.md")); err != nil {
		t.Fatal(err)
	}
	tab.buildUntil(page) // the build event a tab showing the page reloads on (livereload.js, action)
	if took := time.Since(start); took < defaultGrace {
		t.Errorf("the deleted page was built gone after %v, before the grace of %v was over", took, defaultGrace)
	}
	r := ts.get("/articles/first/")
	id := ts.s.cur.Load().id
	if r.status != 404 || !strings.Contains(r.body, "Page not found") || !strings.Contains(r.body, scriptTag(id)) {
		t.Errorf("GET of the deleted page = %d, want 404 with the site's not-found page and the live-reload script of build %d:\n%.500s", r.status, id, r.body)
	}
	ts.write("content/articles/first.md", article("First steps", "Made again."))
	tab.buildUntil(page)
	if r := ts.get("/articles/first/"); r.status != 200 || !strings.Contains(r.body, "Made again.") {
		t.Errorf("GET of the page made again = %d:\n%.500s", r.status, r.body)
	}
}

// TestRealBuilderBundleFiles: the photo beside a page bundle's index.md is served beside
// its page, and follows the coach's saves: a new photo, a changed one, one removed.
func TestRealBuilderBundleFiles(t *testing.T) {
	root := realSite(t)
	writeFile(t, root, "content/articles/goals/index.md", article("Goals", "![Goals](photo.jpg)"))
	writeFile(t, root, "content/articles/goals/photo.jpg", "first photo")
	ts := startReal(t, root)
	if r := ts.get("/articles/goals/"); r.status != 200 || !strings.Contains(r.body, `src="/articles/goals/photo.jpg"`) {
		t.Fatalf("GET /articles/goals/ = %d\n%s", r.status, r.body)
	}
	if r := ts.get("/articles/goals/photo.jpg"); r.status != 200 || r.body != "first photo" {
		t.Fatalf("GET /articles/goals/photo.jpg = %d %q", r.status, r.body)
	}
	tab, _ := ts.listen()

	ts.write("content/articles/goals/photo.jpg", "second photo")
	tab.buildUntil("articles/goals/photo.jpg")
	if r := ts.get("/articles/goals/photo.jpg"); r.body != "second photo" {
		t.Errorf("changed photo: %q", r.body)
	}

	ts.write("content/articles/goals/files/plan.pdf", "a plan")
	tab.buildUntil("articles/goals/files/plan.pdf")
	if r := ts.get("/articles/goals/files/plan.pdf"); r.status != 200 || r.body != "a plan" {
		t.Errorf("new file: %d %q", r.status, r.body)
	}

	if err := os.Remove(filepath.Join(root, "content/articles/goals/files/plan.pdf")); err != nil {
		t.Fatal(err)
	}
	tab.buildUntil("articles/goals/files/plan.pdf")
	if r := ts.get("/articles/goals/files/plan.pdf"); r.status != 404 {
		t.Errorf("removed file: %d", r.status)
	}
}

// TestRealBuilderHeadingTitle edits the first heading of a page without front matter, which
// is its title, while serving: the page, the list, the path's card and search show the new
// title, as a fresh build of the same files does.
func TestRealBuilderHeadingTitle(t *testing.T) {
	root := realSite(t)
	writeFile(t, root, "content/articles/calm.md", "# Staying *calm*\n\nBreathe out, slowly.\n")
	writeFile(t, root, "content/paths/start.md", "+++\ntitle = \"Start here\"\nsteps = [\"articles/calm.md\", \"articles/first.md\"]\n+++\n")
	ts := startReal(t, root)
	if r := ts.get("/articles/calm/"); r.status != 200 || strings.Count(r.body, "Staying calm") != 2 { // the tab's title and the h1
		t.Fatalf("GET /articles/calm/ = %d, %d times the title\n%s", r.status, strings.Count(r.body, "Staying calm"), r.body)
	}
	tab, _ := ts.listen()

	ts.write("content/articles/calm.md", "# Keeping *steady*\n\nBreathe out, slowly.\n")
	b := tab.buildUntil("articles/calm/index.html")
	for _, name := range []string{"articles/index.html", "paths/start/index.html", "index.html"} {
		if !slices.Contains(b.Changed, name) {
			t.Errorf("the rebuild changed %q, not %s", b.Changed, name)
		}
	}
	for _, u := range []string{"/articles/calm/", "/articles/", "/paths/start/", "/articles/first/"} {
		if r := ts.get(u); !strings.Contains(r.body, "Keeping steady") || strings.Contains(r.body, "Staying calm") {
			t.Errorf("%s does not show the new title alone:\n%s", u, r.body)
		}
	}

	fresh, err := build.New(build.Options{Root: root, BaseURL: "/", Preview: true}).Build()
	if err != nil {
		t.Fatal(err)
	}
	served := ts.s.cur.Load().res.Files
	for name, want := range fresh.Files {
		if got, ok := served[name]; !ok || string(got) != string(want) {
			t.Errorf("served %s differs from a fresh build", name)
		}
	}
	if !strings.Contains(string(fresh.Files["search/data/r/0.jsonl"]), `"t":"Keeping steady"`) {
		t.Errorf("the search records have not the new title:\n%s", fresh.Files["search/data/r/0.jsonl"])
	}
}

// TestRealBuilderMarkdownEndings: a page saved as .markdown is served and follows the
// coach's saves as a .md page does: created, saved by rename (as most editors save),
// renamed, deleted. A page in a format Between does not read (.org) shows its warning in
// the browser as soon as it is saved, and the warning goes with the file.
func TestRealBuilderMarkdownEndings(t *testing.T) {
	root := realSite(t)
	ts := startReal(t, root)
	tab, _ := ts.listen()

	ts.write("content/articles/calm.markdown", article("Calm", "A page saved as .markdown."))
	tab.buildUntil("articles/calm/index.html")
	if r := ts.get("/articles/calm/"); r.status != 200 || !strings.Contains(r.body, "A page saved as .markdown.") {
		t.Fatalf("created: %d\n%s", r.status, r.body)
	}

	// Saved by writing a temporary file and renaming it over the page.
	page := filepath.Join(root, "content/articles/calm.markdown")
	if err := os.WriteFile(page+".tmp", []byte(article("Calm", "Saved by rename.")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(page+".tmp", page); err != nil {
		t.Fatal(err)
	}
	tab.buildUntil("articles/calm/index.html")
	if r := ts.get("/articles/calm/"); !strings.Contains(r.body, "Saved by rename.") {
		t.Errorf("saved by rename:\n%s", r.body)
	}

	if err := os.Rename(page, filepath.Join(root, "content/articles/quiet.mdown")); err != nil {
		t.Fatal(err)
	}
	tab.buildUntil("articles/quiet/index.html")
	if r := ts.get("/articles/calm/"); r.status != 404 {
		t.Errorf("after rename the old URL gives %d, want 404", r.status)
	}
	if r := ts.get("/articles/quiet/"); r.status != 200 || !strings.Contains(r.body, "Saved by rename.") {
		t.Errorf("after rename the new URL gives %d", r.status)
	}

	const warning = "this Org file is not published: Between makes pages of Markdown files only"
	ts.write("content/articles/plan.org", "* Plan\n")
	for told := false; !told; {
		b := tab.nextBuild()
		told = b.Warnings != nil && slices.ContainsFunc(b.Warnings.Items, func(p problem) bool {
			return p.Place == "content/articles/plan.org" && strings.HasPrefix(p.Message, warning)
		})
	}
	if err := os.Remove(filepath.Join(root, "content/articles/plan.org")); err != nil {
		t.Fatal(err)
	}
	for gone := false; !gone; {
		b := tab.nextBuild()
		gone = b.Warnings == nil || !slices.ContainsFunc(b.Warnings.Items, func(p problem) bool { return p.Place == "content/articles/plan.org" })
	}

	if err := os.Remove(filepath.Join(root, "content/articles/quiet.mdown")); err != nil {
		t.Fatal(err)
	}
	tab.buildUntil("articles/quiet/index.html")
	if r := ts.get("/articles/quiet/"); r.status != 404 {
		t.Errorf("after delete the URL gives %d, want 404", r.status)
	}
}

// TestRealBuilderProblemsAcrossLanguages: in a library in two languages, a problem in one
// does not hide the problems of links between them: the coach sees them all at once, in
// the order of the files, and each goes when its file is fixed.
func TestRealBuilderProblemsAcrossLanguages(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("../../testdata/site-bilingual")); err != nil {
		t.Fatal(err)
	}
	values, err := os.ReadFile(filepath.Join(root, "content/articles/values.de.md"))
	if err != nil {
		t.Fatal(err)
	}
	ts := startReal(t, root)
	tab, _ := ts.listen()
	problems := func(want ...string) {
		t.Helper()
		e := tab.nextError()
		var got []string
		for _, it := range e.Problems.Items {
			got = append(got, it.String())
		}
		if !slices.Equal(got, want) {
			t.Fatalf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	front := `content/articles/values.de.md:2:9: the title has no closing quote; end the value with " on the same line: title = "Was dir wichtig ist"`
	link := "content/about.md:5:5: link to #f-moo: /de/worksheets/werte-klaeren/ has no heading or field with that id; did you mean #f-mood?"

	ts.write("content/articles/values.de.md", strings.Replace(string(values), `"Was dir wichtig ist"`, `"Was dir wichtig ist`, 1))
	problems(front)
	ts.write("content/about.md", "+++\ntitle = \"About\"\n+++\n\nThe [German worksheet](/de/worksheets/werte-klaeren/#f-moo).\n")
	problems(link, front)
	ts.write("content/articles/values.de.md", string(values))
	problems(link)
	ts.write("content/about.md", "+++\ntitle = \"About\"\n+++\n\nThe [German worksheet](/de/worksheets/werte-klaeren/#f-mood).\n")
	tab.buildUntil("about/index.html")
}

// TestRealBuilderStaticLinkedInsideTheSite: a folder of static/ or of a page bundle linked
// to a folder elsewhere in the site (static/pics -> ../content/articles/pics) serves what
// is saved at the folder's real path, however the editor saves.
func TestRealBuilderStaticLinkedInsideTheSite(t *testing.T) {
	root := realSite(t)
	writeFile(t, root, "content/articles/pics/note.txt", "first")
	writeFile(t, root, "content/articles/trip/index.md", article("A trip", "With pictures."))
	for _, l := range []struct{ link, to string }{
		{"static/pics", "../content/articles/pics"},
		{"content/articles/trip/pics", "../pics"},
	} {
		if err := os.Symlink(filepath.FromSlash(l.to), filepath.Join(root, filepath.FromSlash(l.link))); err != nil {
			t.Fatal(err)
		}
	}
	ts := startReal(t, root)
	tab, _ := ts.listen()
	real := filepath.Join(root, "content", "articles", "pics", "note.txt")
	served := func(what, want string) {
		t.Helper()
		tab.buildUntil("pics/note.txt")
		for _, addr := range []string{"/pics/note.txt", "/articles/trip/pics/note.txt"} {
			if r := ts.get(addr); r.status != 200 || r.body != want {
				t.Fatalf("%s: GET %s = %d %q, want %q", what, addr, r.status, r.body, want)
			}
		}
	}
	for _, addr := range []string{"/pics/note.txt", "/articles/trip/pics/note.txt"} {
		if r := ts.get(addr); r.body != "first" {
			t.Fatalf("GET %s = %d %q, want \"first\"", addr, r.status, r.body)
		}
	}
	ts.write("content/articles/pics/note.txt", "in place")
	served("an edit in place", "in place")

	if err := os.WriteFile(real+".tmp", []byte("by rename"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(real+".tmp", real); err != nil {
		t.Fatal(err)
	}
	served("a save by rename", "by rename")

	f, err := os.OpenFile(real, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(30 * time.Millisecond)
	f.WriteString("emptied first")
	f.Close()
	served("an edit emptying the file first", "emptied first")
}

// TestRealBuilderPagesThroughLinksInContent: a page reached only through a link to a
// folder inside content/ is not published by a build, nor shown by the preview when it is
// saved.
func TestRealBuilderPagesThroughLinksInContent(t *testing.T) {
	root := realSite(t)
	writeFile(t, root, "shared/x.md", article("Shared", "Through a link."))
	if err := os.Symlink(filepath.Join("..", "shared"), filepath.Join(root, "content", "b")); err != nil {
		t.Fatal(err)
	}
	ts := startReal(t, root)
	tab, _ := ts.listen()
	writeFile(t, root, "shared/x.md", article("Shared", "Saved through a link."))
	time.Sleep(100 * time.Millisecond) // a batch of its own, if it makes one
	ts.write("content/articles/first.md", article("First steps", "A later save."))
	tab.buildUntil("articles/first/index.html")
	if r := ts.get("/b/x/"); r.status != 404 {
		t.Errorf("GET /b/x/ = %d, want 404, as a build publishes no page there:\n%.300s", r.status, r.body)
	}
	servedAsFull(t, ts, root)
}
