package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/build"
)

// startWatcher watches a fresh site folder holding the given files.
func startWatcher(t *testing.T, files map[string]string) (string, *watcher) {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		writeFile(t, root, name, text)
	}
	w, err := newWatcher(root, defaultQuiet, defaultMaxDelay)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return root, w
}

// nextBatch waits for the watcher's next batch.
func nextBatch(t *testing.T, w *watcher) []string {
	t.Helper()
	select {
	case b := <-w.batches:
		return b
	case <-time.After(10 * time.Second):
		t.Fatal("no batch of changes within 10s")
		return nil
	}
}

// batchesUntil collects batches until one holds want, and returns them all.
func batchesUntil(t *testing.T, w *watcher, want string) [][]string {
	t.Helper()
	var all [][]string
	for {
		b := nextBatch(t, w)
		all = append(all, b)
		if slices.Contains(b, want) {
			return all
		}
	}
}

// clockless is a watcher whose windows never end by themselves: the test ends each one
// (send) once the watcher has taken in the event it waits for (waitNoted). What it checks is
// how events become batches, the same however slow the machine.
type clockless struct {
	*watcher
	t *testing.T
}

func startClockless(t *testing.T, files map[string]string) (string, clockless) {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		writeFile(t, root, name, text)
	}
	w, err := startWatchingWith(root, watchOptions{
		quiet: time.Hour, burst: time.Hour, maxDelay: time.Hour, recheck: time.Hour, hold: defaultHold, grace: time.Hour,
		flush: make(chan struct{}), noted: make(chan string, 1<<16),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return root, clockless{w, t}
}

// waitNoted waits until the watcher has taken in an event of the site path want.
func (c clockless) waitNoted(want string) {
	c.t.Helper()
	for {
		select {
		case p := <-c.noted:
			if p == want {
				return
			}
		case <-time.After(10 * time.Second):
			c.t.Fatalf("the watcher never saw %s", want)
		}
	}
}

// mark puts the marker file name in place whole, by renaming it in from outside the site, so
// that it makes a single event: a marker written in place makes two (its create and its
// write), and the second, arriving after the batch went, would be left over for the next.
func (c clockless) mark(root, name string) {
	c.t.Helper()
	tmp := filepath.Join(c.t.TempDir(), "marker")
	if err := os.WriteFile(tmp, []byte("marker"), 0o644); err != nil {
		c.t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(root, filepath.FromSlash(name))); err != nil {
		c.t.Fatal(err)
	}
	c.waitNoted(name)
}

// send ends the current window and returns the batch that goes out.
func (c clockless) send() []string {
	c.t.Helper()
	select {
	case c.flush <- struct{}{}:
	case <-time.After(10 * time.Second):
		c.t.Fatal("the watcher did not take the flush")
	}
	return nextBatch(c.t, c.watcher)
}

func TestWatcherBurstIsOneBatch(t *testing.T) {
	root, w := startClockless(t, map[string]string{"content/a.md": "a"})
	// 50 saves of one file, then a marker: once the marker is in, so is every save (one
	// inotify queue keeps the order). Each marker has its own name and comes whole in one
	// event, so no late event of one stands for the next or is left over.
	for i := range 50 {
		writeFile(t, root, "content/a.md", "version "+string(rune('A'+i%26)))
	}
	w.mark(root, "content/zz1.md")
	if b := w.send(); !slices.Equal(b, []string{"content/a.md", "content/zz1.md"}) {
		t.Errorf("50 writes of one file made the batch %q, want [content/a.md content/zz1.md]", b)
	}

	// 50 different files in a new folder, as a script or a git checkout writes them: one
	// batch, whether a file was found by reading the new folder or by its own event.
	var names []string
	for i := range 50 {
		names = append(names, "content/many/"+string(rune('a'+i%26))+string(rune('a'+i/26))+".md")
	}
	if err := os.MkdirAll(filepath.Join(root, "content", "many"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		writeFile(t, root, n, "x")
	}
	w.mark(root, "content/zz2.md")
	want := append(slices.Clone(names), "content/zz2.md")
	slices.Sort(want)
	if b := w.send(); !slices.Equal(b, want) {
		t.Errorf("50 new files made the batch %q, want %q", b, want)
	}

	// Nothing of either burst is left over for a later batch.
	w.mark(root, "content/zz3.md")
	if b := w.send(); !slices.Equal(b, []string{"content/zz3.md"}) {
		t.Errorf("the batch after the bursts is %q, want only [content/zz3.md]", b)
	}
}

func TestWatcherIgnoresEditorFiles(t *testing.T) {
	root, w := startWatcher(t, map[string]string{"content/a.md": "a"})
	temps := []string{
		"content/.a.md.swp", "content/.a.md.swx", "content/a.md~", "content/.#a.md",
		"content/#a.md#", "content/4913", "content/.DS_Store", "content/a.md.tmp",
		"content/.hidden/b.md", "public/index.html", "notes.txt",
	}
	for _, name := range temps {
		writeFile(t, root, name, "editor junk")
	}
	writeFile(t, root, "static/.well-known/security.txt", "Contact: mailto:a@example.org")
	writeFile(t, root, "content/b.md", "real")
	wellKnown := false
	for _, b := range batchesUntil(t, w, "content/b.md") {
		for _, p := range b {
			if p == "static/.well-known/security.txt" {
				wellKnown = true
			} else if p != "content/b.md" {
				t.Errorf("batch %q holds %q, which is not part of the site", b, p)
			}
		}
	}
	if !wellKnown {
		t.Error("static/.well-known/security.txt was not reported: sites publish that folder")
	}
}

func TestWatcherFolderCreatedLater(t *testing.T) {
	root, w := startWatcher(t, map[string]string{"content/a.md": "a"})
	// A nested folder with a file written at once: the file may exist before the watch does.
	writeFile(t, root, "content/new/deeper/x.md", "x")
	batchesUntil(t, w, "content/new/deeper/x.md")
	// Later writes inside the new folder are seen, so it is watched.
	writeFile(t, root, "content/new/deeper/y.md", "y")
	batchesUntil(t, w, "content/new/deeper/y.md")

	// A top-level folder that did not exist at the start.
	writeFile(t, root, "static/css/site.css", "body{}")
	batchesUntil(t, w, "static/css/site.css")
	writeFile(t, root, "static/css/site.css", "body{color:red}")
	batchesUntil(t, w, "static/css/site.css")
}

// TestWatcherRenames: how renames, moves and deletions become site paths. Each change ends
// with a marker, and its batch goes once the marker is in: one inotify queue keeps the order,
// so the batch holds every event of the change, and no window of the clock cuts a change in
// two (a test paused 20 ms between a save's rename and its write, as a busy machine pauses
// it, left the write over for the next change's batch).
func TestWatcherRenames(t *testing.T) {
	root, w := startClockless(t, map[string]string{
		"content/a.md":            "a",
		"content/articles/x.md":   "x",
		"content/articles/y.md":   "y",
		"config.toml":             "title = 'x'",
		"content/articles/z.html": "z",
	})
	p := func(name string) string { return filepath.Join(root, filepath.FromSlash(name)) }
	markers := 0
	// batch ends the change with a marker and returns its batch without the marker.
	batch := func() []string {
		t.Helper()
		markers++
		m := fmt.Sprintf("content/zz%d.md", markers)
		w.mark(root, m)
		b := w.send()
		if !slices.Contains(b, m) {
			t.Fatalf("the batch %q lacks its marker %s", b, m)
		}
		return slices.DeleteFunc(b, func(s string) bool { return s == m })
	}

	// Save by rename: write a temporary file, rename it over the page.
	writeFile(t, root, "content/.a.md.tmp123", "new a")
	if err := os.Rename(p("content/.a.md.tmp123"), p("content/a.md")); err != nil {
		t.Fatal(err)
	}
	if b := batch(); !slices.Equal(b, []string{"content/a.md"}) {
		t.Errorf("save by rename gave %q, want [content/a.md]", b)
	}

	// Vim's default save: move the file to a backup, write anew, delete the backup.
	if err := os.Rename(p("content/a.md"), p("content/a.md~")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "content/a.md", "newer a")
	os.Remove(p("content/a.md~"))
	if b := batch(); !slices.Equal(b, []string{"content/a.md"}) {
		t.Errorf("vim-style save gave %q, want [content/a.md]", b)
	}

	// config.toml replaced by rename.
	writeFile(t, root, "config.toml.new", "title = 'y'")
	if err := os.Rename(p("config.toml.new"), p("config.toml")); err != nil {
		t.Fatal(err)
	}
	if b := batch(); !slices.Equal(b, []string{"config.toml"}) {
		t.Errorf("config.toml rename gave %q", b)
	}

	// A page renamed: both names change.
	if err := os.Rename(p("content/articles/y.md"), p("content/articles/w.md")); err != nil {
		t.Fatal(err)
	}
	if b := batch(); !slices.Equal(b, []string{"content/articles/w.md", "content/articles/y.md"}) {
		t.Errorf("rename gave %q, want old and new name", b)
	}

	// A whole folder moved out of the site: every file in it is gone.
	if err := os.Rename(p("content/articles"), filepath.Join(t.TempDir(), "moved")); err != nil {
		t.Fatal(err)
	}
	want := []string{"content/articles/w.md", "content/articles/x.md", "content/articles/z.html"}
	if b := batch(); !slices.Equal(b, want) {
		t.Errorf("folder moved out gave %q, want %q", b, want)
	}

	// And moved back in: its files are new, and it is watched again.
	os.MkdirAll(p("tmp"), 0o755)
	writeFile(t, root, "tmp/box/b.md", "b")
	if err := os.Rename(p("tmp/box"), p("content/box")); err != nil {
		t.Fatal(err)
	}
	if b := batch(); !slices.Equal(b, []string{"content/box/b.md"}) {
		t.Errorf("folder moved in gave %q, want [content/box/b.md]", b)
	}
	writeFile(t, root, "content/box/b.md", "b2")
	if b := batch(); !slices.Equal(b, []string{"content/box/b.md"}) {
		t.Errorf("an edit in the folder moved in gave %q, want [content/box/b.md]", b)
	}

	// Deleting a file. It waits for its return (an hour here), but the marker, a file new to
	// the site within the quiet window (an hour too), makes it a move: it comes with it.
	// TestWatcherWaitsForVanishedFiles has deletions on their own.
	if err := os.Remove(p("content/box/b.md")); err != nil {
		t.Fatal(err)
	}
	if b := batch(); !slices.Equal(b, []string{"content/box/b.md"}) {
		t.Errorf("delete gave %q", b)
	}
}

// TestWatcherWaitsForVanishedFiles: a file that disappears and comes back, as an editor or a
// sync tool that saves by delete-then-create or by rename makes it, is one change, never a
// batch with the file gone. The grace is an hour and the windows end only when the test says
// (clockless), so the gap between the two halves, however long the machine takes, cannot
// split them. The marker is a file the site has already, renamed over: a file new to the
// site would be the other half of a move.
func TestWatcherWaitsForVanishedFiles(t *testing.T) {
	const page = "+++\ntitle = \"A\"\n+++\nText.\n"
	const marker = "content/zz.md"
	cases := []struct {
		name, file string
		gone, back func(name string) error
	}{
		{"delete, then create", "content/a.md",
			os.Remove,
			func(n string) error { return os.WriteFile(n, []byte(page+"New.\n"), 0o644) }},
		{"vim: rename to a backup, then write", "content/a.md",
			func(n string) error { return os.Rename(n, n+"~") },
			func(n string) error {
				if err := os.WriteFile(n, []byte(page+"New.\n"), 0o644); err != nil {
					return err
				}
				return os.Remove(n + "~")
			}},
		{"JetBrains: delete, then rename the new one in", "content/a.md",
			func(n string) error {
				if err := os.WriteFile(n+"___jb_tmp___", []byte(page+"New.\n"), 0o644); err != nil {
					return err
				}
				return os.Remove(n)
			},
			func(n string) error { return os.Rename(n+"___jb_tmp___", n) }},
		{"config.toml", "config.toml", os.Remove,
			func(n string) error { return os.WriteFile(n, []byte("title = 'y'\n"), 0o644) }},
		{"stylesheet", "static/css/site.css", os.Remove,
			func(n string) error { return os.WriteFile(n, []byte("body{color:red}"), 0o644) }},
		{"layout", "layouts/article.html", os.Remove,
			func(n string) error { return os.WriteFile(n, []byte("<p>{{ .Title }}</p>"), 0o644) }},
		{"words", "i18n/en.toml", os.Remove,
			func(n string) error { return os.WriteFile(n, []byte("next = 'Next'\n"), 0o644) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root, w := startClockless(t, map[string]string{c.file: page, marker: "marker", "content/other.md": page})
			name := filepath.Join(root, filepath.FromSlash(c.file))
			if err := c.gone(name); err != nil {
				t.Fatal(err)
			}
			// Another save meanwhile goes at once, without the file that went.
			writeFile(t, root, "content/other.md", page+"More.\n")
			w.waitNoted("content/other.md")
			w.mark(root, marker)
			if b := w.send(); !slices.Equal(b, []string{"content/other.md", marker}) {
				t.Errorf("the batch while %s is gone is %q, want [content/other.md %s]", c.file, b, marker)
			}
			if err := c.back(name); err != nil {
				t.Fatal(err)
			}
			w.waitNoted(c.file)
			w.mark(root, marker)
			want := []string{c.file, marker}
			slices.Sort(want)
			if b := w.send(); !slices.Equal(b, want) {
				t.Errorf("the batch once %s is back is %q, want %q", c.file, b, want)
			}
		})
	}
}

// TestWatcherReportsDeletedFiles: a file that does not come back is reported gone once its
// grace is over, and not before. Only a lower bound of time is checked: a busy machine makes
// things later, never earlier. (A move, reported without waiting, is in TestWatcherRenames.)
func TestWatcherReportsDeletedFiles(t *testing.T) {
	page := "+++\ntitle = \"A\"\n+++\nText.\n"
	root, w := holdWatcher(t, map[string]string{"content/a.md": page}, time.Hour)
	start := time.Now()
	if err := os.Remove(filepath.Join(root, "content/a.md")); err != nil {
		t.Fatal(err)
	}
	for _, b := range batchesUntil(t, w, "content/a.md") {
		if len(b) != 1 {
			t.Errorf("batch %q, want [content/a.md]", b)
		}
	}
	if took := time.Since(start); took < defaultGrace {
		t.Errorf("the deleted file was reported after %v, before its grace of %v was over", took, defaultGrace)
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, "site.css": false, "4913": true, ".a.md.swp": true, "a.md.swx": true,
		"a.md~": true, ".#a.md": true, "#a.md#": true, ".DS_Store": true, ".hidden": true,
		"x.md___jb_tmp___": true, "index.html": false, "a.tmp": true,
	} {
		if got := ignored(name); got != want {
			t.Errorf("ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

// watchFolder watches root with a short recheck interval, so that a folder coming back is
// found within the test's patience.
func watchFolder(t *testing.T, root string) *watcher {
	t.Helper()
	w, err := startWatching(root, defaultQuiet, defaultMaxDelay, 20*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// nextNote waits for the watcher's next message for the terminal.
func nextNote(t *testing.T, w *watcher) string {
	t.Helper()
	select {
	case err := <-w.errs:
		return err.Error()
	case <-time.After(10 * time.Second):
		t.Fatal("no message from the watcher within 10s")
		return ""
	}
}

func TestWatcherSymlinkedFolders(t *testing.T) {
	root := t.TempDir()
	elsewhere := t.TempDir()
	writeFile(t, root, "config.toml", "title = 'x'")
	writeFile(t, elsewhere, "library/articles/a.md", "a")
	writeFile(t, elsewhere, "pictures/a.png", "png")
	if err := os.Symlink(filepath.Join(elsewhere, "library"), filepath.Join(root, "content")); err != nil {
		t.Fatal(err)
	}
	// A symlink inside a site folder is read by the build too, and a loop must not hang.
	writeFile(t, root, "static/css/a.css", "body{}")
	if err := os.Symlink(filepath.Join(elsewhere, "pictures"), filepath.Join(root, "static", "img")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "static"), filepath.Join(root, "static", "loop")); err != nil {
		t.Fatal(err)
	}
	// The site folder itself reached through a link, as `between serve -s ~/library` may be.
	link := filepath.Join(t.TempDir(), "site")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	w := watchFolder(t, link)

	writeFile(t, elsewhere, "library/articles/a.md", "a2")
	if b := nextBatch(t, w); !slices.Equal(b, []string{"content/articles/a.md"}) {
		t.Errorf("an edit in the symlinked content/ gave %q, want [content/articles/a.md]", b)
	}
	writeFile(t, elsewhere, "library/new/b.md", "b")
	batchesUntil(t, w, "content/new/b.md")
	writeFile(t, elsewhere, "pictures/a.png", "png2")
	if b := nextBatch(t, w); !slices.Equal(b, []string{"static/img/a.png"}) {
		t.Errorf("an edit in a symlinked folder of static/ gave %q, want [static/img/a.png]", b)
	}
	writeFile(t, root, "static/css/a.css", "body{color:red}")
	if b := nextBatch(t, w); !slices.Equal(b, []string{"static/css/a.css"}) {
		t.Errorf("an edit beside a symlink loop gave %q, want [static/css/a.css]", b)
	}

	// The link's target deleted, then made again: the files went, then came back, and the
	// folder is watched again.
	lib := filepath.Join(elsewhere, "library")
	if err := os.RemoveAll(lib); err != nil {
		t.Fatal(err)
	}
	gone := map[string]bool{}
	for !gone["content/articles/a.md"] || !gone["content/new/b.md"] {
		for _, p := range nextBatch(t, w) {
			gone[p] = true
		}
	}
	writeFile(t, elsewhere, "library/articles/c.md", "c")
	batchesUntil(t, w, "content/articles/c.md")
	writeFile(t, elsewhere, "library/articles/c.md", "c2")
	batchesUntil(t, w, "content/articles/c.md")

	// The link pointed elsewhere: the new target is watched.
	writeFile(t, elsewhere, "library2/d.md", "d")
	os.Remove(filepath.Join(root, "content"))
	if err := os.Symlink(filepath.Join(elsewhere, "library2"), filepath.Join(root, "content")); err != nil {
		t.Fatal(err)
	}
	batchesUntil(t, w, "content/d.md")
	writeFile(t, elsewhere, "library2/d.md", "d2")
	batchesUntil(t, w, "content/d.md")
}

func TestWatcherSiteFolderDeletedAndMadeAgain(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "site")
	writeFile(t, root, "config.toml", "title = 'x'")
	writeFile(t, root, "content/a.md", "a")
	w := watchFolder(t, root)

	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	if n := nextNote(t, w); !strings.Contains(n, "site folder "+root+" was deleted or moved") {
		t.Errorf("the terminal was told %q, want that the site folder was deleted", n)
	}
	gone := map[string]bool{}
	for !gone["content/a.md"] || !gone["config.toml"] {
		for _, p := range nextBatch(t, w) {
			gone[p] = true
		}
	}

	// As `git clone` or a restore from a backup makes it again.
	writeFile(t, parent, "new/config.toml", "title = 'y'")
	writeFile(t, parent, "new/content/b.md", "b")
	if err := os.Rename(filepath.Join(parent, "new"), root); err != nil {
		t.Fatal(err)
	}
	if n := nextNote(t, w); !strings.Contains(n, "is back; watching it again") {
		t.Errorf("the terminal was told %q, want that the folder is watched again", n)
	}
	back := map[string]bool{}
	for !back["content/b.md"] || !back["config.toml"] {
		for _, p := range nextBatch(t, w) {
			back[p] = true
		}
	}
	writeFile(t, root, "content/b.md", "b2")
	batchesUntil(t, w, "content/b.md")
	writeFile(t, root, "content/c/d.md", "d")
	batchesUntil(t, w, "content/c/d.md")
}

// TestWatcherTakesWhatBuildTakes: the watcher reacts to a file exactly when a build publishes
// it (an editor's x.crswap was ignored by one and published by the other), and the temporary
// files of every editor's save make no batch of their own.
func TestWatcherTakesWhatBuildTakes(t *testing.T) {
	names := []string{"site.css", "x.crswap", "x.md.new", "sedAb12Cd", "sed.css", "4913", "x.css~", ".x.css.tmp",
		"x.css___jb_tmp___", "x.css___jb_old___", ".goutputstream-AB12CD", "#x.css#", ".#x.css", "x.swp", "Thumbs.db",
		"x.kate-swp", "notes.new.css", ".htaccess", ".nojekyll"}
	root := t.TempDir()
	writeFile(t, root, "config.toml", "title = \"T\"\n")
	writeFile(t, root, "content/_index.md", "+++\ntitle = \"Home\"\n+++\nHi.\n")
	for _, n := range names {
		writeFile(t, root, "static/"+n, "x")
	}
	res, err := build.New(build.Options{Root: root}).Build()
	if err != nil {
		t.Fatal(err)
	}
	w := &watcher{root: root, mounts: map[string]string{root: ""}}
	for _, n := range names {
		_, published := res.Files[n]
		_, watched := w.rel(filepath.Join(root, "static", n))
		if published != watched {
			t.Errorf("static/%s: published %v, watched %v", n, published, watched)
		}
	}
}

// holdWatcher watches a new site of files with the given hold for half-saved files.
func holdWatcher(t *testing.T, files map[string]string, hold time.Duration) (string, *watcher) {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		writeFile(t, root, name, text)
	}
	w, err := startWatchingHold(root, defaultQuiet, defaultMaxDelay, defaultRecheck, hold)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return root, w
}

// TestWatcherHoldsHalfSavedFiles: a page emptied, or cut inside its front matter, is the first
// half of a save (truncate, then write): it makes no batch until the rest comes. A later
// change to another file shows it was held, not slow: the hold is an hour here.
func TestWatcherHoldsHalfSavedFiles(t *testing.T) {
	page := "+++\ntitle = \"A\"\n+++\nText.\n"
	for name, half := range map[string]string{
		"empty":               "",
		"open front matter":   "+++\ntitle = \"A\"\n",
		"open YAML":           "---\ntitle: A\n",
		"CRLF front matter":   "+++\r\ntitle = \"A\"\r\n",
		"open .markdown page": "+++\ntitle = \"A\"\n",
		"empty static file":   "",
		"empty layout":        "",
		"emptied config.toml": "",
	} {
		t.Run(name, func(t *testing.T) {
			file := "content/a.md"
			switch name {
			case "empty static file":
				file = "static/site.css"
			case "empty layout":
				file = "layouts/article.html"
			case "emptied config.toml":
				file = "config.toml"
			case "open .markdown page":
				file = "content/a.markdown"
			}
			root, w := holdWatcher(t, map[string]string{file: page, "content/other.md": page}, time.Hour)
			writeFile(t, root, file, half)
			writeFile(t, root, "content/other.md", page+"More.\n")
			for _, b := range batchesUntil(t, w, "content/other.md") {
				if slices.Contains(b, file) {
					t.Fatalf("the half-saved %s came in batch %v", file, b)
				}
			}
			writeFile(t, root, file, page+"The rest of the save.\n")
			batchesUntil(t, w, file)
		})
	}
}

// TestWatcherReleasesHeldFiles: a file that stays empty is what the coach left, and is built
// once its hold is over; a held file that is deleted is reported as deleted.
func TestWatcherReleasesHeldFiles(t *testing.T) {
	page := "+++\ntitle = \"A\"\n+++\nText.\n"
	root, w := holdWatcher(t, map[string]string{"content/a.md": page}, time.Millisecond)
	writeFile(t, root, "content/a.md", "")
	batchesUntil(t, w, "content/a.md")

	root, w = holdWatcher(t, map[string]string{"content/a.md": page}, time.Hour)
	writeFile(t, root, "content/a.md", "")
	if err := os.Remove(filepath.Join(root, "content/a.md")); err != nil {
		t.Fatal(err)
	}
	batchesUntil(t, w, "content/a.md")
}

// TestWatcherEditorSaves: every editor's way of saving a page gives batches that name the
// page alone: no batch for a temporary file (it would cost a rebuild of its own and push the
// real save out of the short way), none with the page half saved.
func TestWatcherEditorSaves(t *testing.T) {
	for _, page := range []string{"content/articles/x.md", "content/articles/x.markdown"} {
		t.Run(page, func(t *testing.T) { editorSavesOf(t, page) })
	}
}

// editorSavesOf is TestWatcherEditorSaves for the page at the content path page.
func editorSavesOf(t *testing.T, page string) {
	text := "+++\ntitle = \"X\"\n+++\nSaved text.\n"
	for _, save := range editorSaves(0) {
		t.Run(save.name, func(t *testing.T) {
			root, w := holdWatcher(t, map[string]string{page: "+++\ntitle = \"X\"\n+++\nFirst text.\n"}, time.Hour)
			if err := save.save(filepath.Join(root, filepath.FromSlash(page)), []byte(text)); err != nil {
				t.Fatal(err)
			}
			for _, b := range batchesUntil(t, w, page) {
				if !slices.Equal(b, []string{page}) {
					t.Errorf("batch %q, want [%s]", b, page)
				}
			}
		})
	}
}

// TestWatcherEndOfSave: on Linux the kernel says when a save is over (a file closed after
// writing, or renamed into place), and the batch goes then rather than after the quiet
// window. Here the windows are an hour long, so only that signal can end them; each batch
// names the page alone, and the page is whole when it comes.
func TestWatcherEndOfSave(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the end-of-save signal is Linux's (IN_CLOSE_WRITE)")
	}
	const page = "content/articles/x.md"
	text := "+++\ntitle = \"X\"\n+++\nSaved text.\n"
	for _, save := range editorSaves(0) {
		t.Run(save.name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, page, "+++\ntitle = \"X\"\n+++\nFirst text.\n")
			w, err := startWatchingWith(root, watchOptions{quiet: time.Hour, burst: time.Hour, maxDelay: time.Hour,
				recheck: time.Hour, hold: time.Hour, grace: time.Hour, settle: defaultSettle})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { w.Close() })
			if err := save.save(filepath.Join(root, filepath.FromSlash(page)), []byte(text)); err != nil {
				t.Fatal(err)
			}
			b := nextBatch(t, w)
			if got, _ := os.ReadFile(filepath.Join(root, page)); string(got) != text {
				t.Errorf("the page when its batch came:\n%s", got)
			}
			if !slices.Equal(b, []string{page}) {
				t.Errorf("batch %q, want [%s]", b, page)
			}
		})
	}
}

// editorSave is one editor's way of saving a page: save writes text to the page at name (a
// path on disk) with the system calls that editor makes.
type editorSave struct {
	name string
	save func(name string, text []byte) error
}

// editorSaves are the ways editors save a page, for the watcher's tests and the dev
// server's benchmark. pause is how long a truncate-then-write leaves the file empty (an
// editor writing in place on a busy disk); 0 syncs it empty instead.
func editorSaves(pause time.Duration) []editorSave {
	renameOver := func(tmp func(dir, base string) string) func(string, []byte) error {
		return func(name string, text []byte) error {
			t := tmp(filepath.Dir(name), filepath.Base(name))
			if err := os.WriteFile(t, text, 0o644); err != nil {
				return err
			}
			return os.Rename(t, name)
		}
	}
	in := func(dir string) func(string, string) string {
		return func(d, _ string) string { return filepath.Join(d, dir) }
	}
	return []editorSave{
		{"in place", func(name string, text []byte) error { return os.WriteFile(name, text, 0o644) }},
		{"truncate, then write", func(name string, text []byte) error {
			f, err := os.OpenFile(name, os.O_WRONLY|os.O_TRUNC, 0)
			if err != nil {
				return err
			}
			f.Sync()
			time.Sleep(pause)
			f.Write(text[:len(text)/2])
			f.Sync()
			if _, err := f.Write(text[len(text)/2:]); err != nil {
				f.Close()
				return err
			}
			return f.Close()
		}},
		{"x.md.new", renameOver(func(d, b string) string { return filepath.Join(d, b+".new") })},
		{".x.md.tmp", renameOver(func(d, b string) string { return filepath.Join(d, "."+b+".tmp") })},
		{"sed -i", renameOver(in("sedAb12Cd"))},
		{"gedit", renameOver(in(".goutputstream-AB12CD"))},
		{"VS Code for web", renameOver(func(d, b string) string { return filepath.Join(d, b+".crswap") })},
		{"JetBrains", func(name string, text []byte) error {
			if err := os.WriteFile(name+"___jb_tmp___", text, 0o644); err != nil {
				return err
			}
			if err := os.Rename(name, name+"___jb_old___"); err != nil {
				return err
			}
			if err := os.Rename(name+"___jb_tmp___", name); err != nil {
				return err
			}
			return os.Remove(name + "___jb_old___")
		}},
		{"vim with backup", func(name string, text []byte) error {
			probe := filepath.Join(filepath.Dir(name), "4913") // vim's test that it may write the folder
			if err := os.WriteFile(probe, nil, 0o644); err != nil {
				return err
			}
			os.Remove(probe)
			if err := os.Rename(name, name+"~"); err != nil {
				return err
			}
			if err := os.WriteFile(name, text, 0o644); err != nil {
				return err
			}
			return os.Remove(name + "~")
		}},
	}
}

// TestWatcherFolderBackEndsTheWait: a folder deleted and made again with its files (as a sync
// tool may) brings the files back, found by reading the folder rather than by events of
// their own: their wait ends then, and no batch follows when the grace would have been over.
func TestWatcherFolderBackEndsTheWait(t *testing.T) {
	const grace = 300 * time.Millisecond
	root := t.TempDir()
	writeFile(t, root, "content/box/b.md", "b")
	w, err := startWatchingWith(root, watchOptions{quiet: defaultQuiet, burst: burstQuiet, maxDelay: defaultMaxDelay,
		recheck: time.Hour, hold: time.Hour, grace: grace})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if err := os.RemoveAll(filepath.Join(root, "content/box")); err != nil {
		t.Fatal(err)
	}
	elsewhere := t.TempDir()
	writeFile(t, elsewhere, "box/b.md", "b2")
	if err := os.Rename(filepath.Join(elsewhere, "box"), filepath.Join(root, "content/box")); err != nil {
		t.Fatal(err)
	}
	if b := nextBatch(t, w); !slices.Equal(b, []string{"content/box/b.md"}) {
		t.Fatalf("the folder made again gave the batch %q, want [content/box/b.md]", b)
	}
	select {
	case b := <-w.batches:
		t.Errorf("a batch %q came after the file was back", b)
	case <-time.After(3 * grace):
	}
}

// TestWatcherMoveToEmptyFile: a page deleted as an empty file new to the site appears is a
// move whose new half is held as half-saved (TestWatcherHoldsHalfSavedFiles): the old half
// still goes in the next batch rather than wait for some later event. The quiet window, the
// most the two may be apart to be a move, is 200 ms here, so a busy machine does not part
// them; the hold and the grace are an hour, so nothing else could send the batch.
func TestWatcherMoveToEmptyFile(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "content/a.md", "+++\ntitle = \"A\"\n+++\nText.\n")
	w, err := startWatchingWith(root, watchOptions{quiet: 200 * time.Millisecond, burst: burstQuiet, maxDelay: defaultMaxDelay,
		recheck: time.Hour, hold: time.Hour, grace: time.Hour, settle: defaultSettle})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if err := os.Remove(filepath.Join(root, "content/a.md")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "content/b.md", "")
	if b := nextBatch(t, w); !slices.Equal(b, []string{"content/a.md"}) {
		t.Errorf("batch %q, want [content/a.md]", b)
	}
}

// TestWatcherLinkedFolderInsideTheSite: a folder of the site linked from elsewhere in it
// (static/pics -> ../content/articles/pics) is read by the build under both names, and
// watched once: a change at its real path is told under the link's name too, however the
// editor saves (in place, by rename, emptying the file first), and the link made or
// removed tells the files it adds or takes away.
func TestWatcherLinkedFolderInsideTheSite(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "config.toml", "title = 'x'")
	writeFile(t, root, "content/articles/pics/a.png", "png")
	writeFile(t, root, "static/css/a.css", "body{}")
	link := filepath.Join(root, "static", "pics")
	if err := os.Symlink(filepath.Join("..", "content", "articles", "pics"), link); err != nil {
		t.Fatal(err)
	}
	w := watchFolder(t, root)
	both := []string{"content/articles/pics/a.png", "static/pics/a.png"}
	// until collects batches until every name of want was in one, and fails if another
	// name was.
	until := func(what string, want ...string) {
		t.Helper()
		seen := map[string]bool{}
		for slices.ContainsFunc(want, func(p string) bool { return !seen[p] }) {
			for _, p := range nextBatch(t, w) {
				if !slices.Contains(want, p) {
					t.Fatalf("%s: batch names %s, want only %q", what, p, want)
				}
				seen[p] = true
			}
		}
	}

	writeFile(t, root, "content/articles/pics/a.png", "png2")
	until("an edit in place", both...)

	tmp := filepath.Join(root, "content", "articles", "pics", "a.png.tmp")
	if err := os.WriteFile(tmp, []byte("png3"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(root, "content", "articles", "pics", "a.png")); err != nil {
		t.Fatal(err)
	}
	until("a save by rename", both...)

	if err := os.Truncate(filepath.Join(root, "content", "articles", "pics", "a.png"), 0); err != nil {
		t.Fatal(err)
	}
	time.Sleep(30 * time.Millisecond)
	writeFile(t, root, "content/articles/pics/a.png", "png4")
	until("an edit emptying the file first", both...)

	writeFile(t, root, "content/articles/pics/b.png", "b")
	until("a new file", "content/articles/pics/b.png", "static/pics/b.png")

	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	until("the link removed", "static/pics/a.png", "static/pics/b.png")
	writeFile(t, root, "content/articles/pics/a.png", "png5")
	until("an edit with the link gone", "content/articles/pics/a.png")

	if err := os.Symlink(filepath.Join("..", "content", "articles", "pics"), link); err != nil {
		t.Fatal(err)
	}
	until("the link made again", "static/pics/a.png", "static/pics/b.png")
	writeFile(t, root, "content/articles/pics/b.png", "b2")
	until("an edit with the link back", "content/articles/pics/b.png", "static/pics/b.png")
}

// TestWatcherPagesThroughLinksInContent: a build does not follow a link to a folder inside
// content/ for pages (only a page bundle's files), so neither does a batch: a page saved in
// the linked folder, elsewhere or in the site, is not told under the link's name, and a
// file that is not a page is.
func TestWatcherPagesThroughLinksInContent(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "config.toml", "title = 'x'")
	writeFile(t, root, "shared/x.md", "x")
	writeFile(t, root, "shared/p.png", "png")
	writeFile(t, root, "content/a/y.md", "y")
	writeFile(t, root, "static/a.css", "body{}")
	for _, l := range []struct{ link, to string }{
		{"content/b", "../shared"}, // a folder outside the watched ones
		{"content/c", "a"},         // one of content/'s own
	} {
		if err := os.Symlink(filepath.FromSlash(l.to), filepath.Join(root, filepath.FromSlash(l.link))); err != nil {
			t.Fatal(err)
		}
	}
	w := watchFolder(t, root)
	for _, c := range []struct {
		edit string
		want []string // every name told, until the marker's batch
	}{
		{"shared/x.md", nil},
		{"content/a/y.md", []string{"content/a/y.md"}},
		{"shared/p.png", []string{"content/b/p.png"}},
	} {
		writeFile(t, root, c.edit, "edited")
		time.Sleep(50 * time.Millisecond) // its own batch, if it makes one
		writeFile(t, root, "static/a.css", "body{color:red}")
		var got []string
		for _, b := range batchesUntil(t, w, "static/a.css") {
			got = append(got, slices.DeleteFunc(b, func(p string) bool { return p == "static/a.css" })...)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("an edit of %s was told as %q, want %q", c.edit, got, c.want)
		}
	}
}

// TestWatcherSiteFolderLinkedInsideTheSite: static/ itself a link to a folder of the site
// (static -> content/pictures) is one folder with two names, as a folder in static/ is,
// and looking for linked site folders that came back (recheckRoots) finds nothing new in
// it: no batch comes but for a change.
func TestWatcherSiteFolderLinkedInsideTheSite(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "config.toml", "title = 'x'")
	writeFile(t, root, "content/pictures/a.png", "png")
	if err := os.Symlink(filepath.Join("content", "pictures"), filepath.Join(root, "static")); err != nil {
		t.Fatal(err)
	}
	w := watchFolder(t, root) // rechecks every 20 ms
	select {
	case b := <-w.batches:
		t.Fatalf("a batch %q with nothing changed", b)
	case <-time.After(200 * time.Millisecond):
	}
	writeFile(t, root, "content/pictures/a.png", "png2")
	if b := nextBatch(t, w); !slices.Equal(b, []string{"content/pictures/a.png", "static/a.png"}) {
		t.Errorf("an edit gave %q, want it under both names", b)
	}
	select {
	case b := <-w.batches:
		t.Fatalf("a batch %q after the edit's, with nothing changed", b)
	case <-time.After(200 * time.Millisecond):
	}
}
