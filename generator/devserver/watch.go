package devserver

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/between-ssg/between/generator/source"
)

// watchedDirs are the top-level folders of a site whose changes matter, besides config.toml.
var watchedDirs = []string{"content", "static", "layouts", "themes", "i18n"}

const (
	// defaultQuiet is how long the watcher waits after the last event before it hands over a
	// batch: an editor's save is several events within a millisecond or two, a script writing
	// many files is a burst; either becomes one rebuild.
	defaultQuiet = 20 * time.Millisecond
	// burstQuiet is the quiet window for a batch whose first event came soon after the last
	// batch went out: it is the rest of a burst the short window cut (a slow disk, a busy machine, a script
	// pausing between files), and waiting longer folds the rest into one more rebuild rather
	// than many. A first save after a pause still gets the short window.
	burstQuiet = 100 * time.Millisecond
	// defaultMaxDelay bounds the wait while events keep coming, so a long burst (a git
	// checkout, a copy) still shows progress.
	defaultMaxDelay = time.Second
	// defaultRecheck is how often the watcher looks for what no event announces: the site
	// folder coming back after it was deleted, or the target of a symlinked folder
	// (content/ -> elsewhere) deleted and made again, or the link pointed elsewhere.
	defaultRecheck = time.Second
	// defaultHold is how long a file that looks half-saved (empty, or its front matter not
	// closed yet) waits for the rest of its save: an editor that truncates the file first
	// and writes it a moment later (in place, on a busy disk) would otherwise show the coach
	// a build error ("missing title") for a state that lasts milliseconds. The rest of a
	// save ends the wait at once; a file that really stays empty is built after it.
	defaultHold = time.Second
	// defaultSettle is how long the watcher waits after the kernel said a save is over (a
	// file closed after writing, or renamed into place; Linux only, see closeWatch) before
	// it hands over the batch: long enough for the other files of a "save all", which close
	// within a millisecond, and much shorter than the quiet window, which a save that ends
	// this way need not wait for.
	defaultSettle = 2 * time.Millisecond
	// defaultGrace is how long a file that disappeared waits for its return before it is
	// built as gone. Editors that save by rename or by delete-then-create leave the name
	// empty for well under a millisecond (vim, Emacs, JetBrains' safe write, sed -i); an
	// exploratory test with a 50 ms gap made the browser show "page not found" between two
	// rebuilds, and sync tools (Dropbox, Syncthing) may delete a file and write it again
	// hundreds of milliseconds later. Half a second covers those; a page really deleted, a
	// rare and deliberate act, shows gone half a second later, which nobody waits for. The
	// return ends the wait at once and is built as an edit.
	defaultGrace = 500 * time.Millisecond
)

// watcher watches a site folder recursively and sends batches of changed files as slash paths
// relative to the root ("content/articles/x.md", "config.toml"), sorted and without duplicates.
type watcher struct {
	root     string // the site folder, symlinks resolved
	fsw      *fsnotify.Watcher
	batches  chan []string
	errs     chan error
	done     chan struct{}
	quiet    time.Duration
	maxDelay time.Duration

	// known holds the files seen under the watched folders, so that a folder renamed or
	// removed as a whole (one event for the folder) reports every file that went with it.
	// Only the run goroutine touches it after start.
	known map[string]struct{}

	// mounts maps the real path of every symlinked folder of the site (content/ ->
	// ~/Dropbox/library) to its site path ("content"): the watches are on the real folders,
	// and their events name real paths. The site folder itself is the mount "".
	mounts map[string]string
	// aliases maps a site folder that a symlinked folder elsewhere in the site leads to
	// ("content/articles/pics", for static/pics -> ../content/articles/pics) to the site
	// paths of those links. Such a folder is watched once, under its own name; a change in
	// it goes into each batch under every name the build reads it by (withAliases).
	aliases map[string][]string
	// gone is set while the site folder is missing (deleted, or moved away).
	gone bool
	// recheck is how often the watcher looks for folders that came back; see defaultRecheck.
	recheck time.Duration
	// hold is how long a half-saved file waits (defaultHold); held has the files waiting,
	// with when they started to.
	hold time.Duration
	held map[string]time.Time
	// grace is how long a file that disappeared waits for its return (defaultGrace);
	// vanished has the files waiting, with when they went. appeared is when a file new to
	// the site last appeared: a file going and another appearing within one quiet window
	// are a move (mv a.md b.md), and go in one batch, so that the site is never built with
	// both names, or neither.
	grace    time.Duration
	vanished map[string]time.Time
	appeared time.Time

	// burst is the quiet window for the rest of a burst (burstQuiet).
	burst time.Duration
	// cw reports files whose save is over (nil where the kernel does not say, or when settle
	// is 0); settle is how long after that the batch goes (defaultSettle). handed holds,
	// for each file put in a batch that way, what it was then: an event of fsnotify's that
	// comes after it about the same state of the file (the two watches race) changes
	// nothing.
	cw     *closeWatch
	settle time.Duration
	handed map[string]os.FileInfo
	// flush and noted are for tests, nil otherwise: a receive on flush ends the current
	// window at once, and noted gets the site path of every event once it is in the pending
	// batch, so that a test knows what the batch holds and decides when it goes, with no
	// clock.
	flush chan struct{}
	noted chan string
	// ended, for tests, gets the site path of every end of save the kernel reported (cw)
	// once the watcher has taken it in: with noted, a test knows that every event before
	// a file's of both watches is in the batch.
	ended chan string
}

// watchOptions are the watcher's windows and test hooks; see the watcher's fields.
type watchOptions struct {
	quiet, burst, maxDelay, recheck, hold time.Duration
	grace                                 time.Duration // 0: a file that goes is built gone at once
	settle                                time.Duration // 0: ends of saves do not end a window
	flush                                 chan struct{}
	noted, ended                          chan string
}

// newWatcher starts watching root. Folders that appear later are watched as they appear;
// symlinked folders are watched where they lead.
func newWatcher(root string, quiet, maxDelay time.Duration) (*watcher, error) {
	return startWatching(root, quiet, maxDelay, defaultRecheck)
}

func startWatching(root string, quiet, maxDelay, recheck time.Duration) (*watcher, error) {
	return startWatchingHold(root, quiet, maxDelay, recheck, defaultHold)
}

func startWatchingHold(root string, quiet, maxDelay, recheck, hold time.Duration) (*watcher, error) {
	return startWatchingWith(root, watchOptions{quiet: quiet, burst: burstQuiet, maxDelay: maxDelay, recheck: recheck, hold: hold,
		grace: defaultGrace, settle: defaultSettle})
}

func startWatchingWith(root string, o watchOptions) (*watcher, error) {
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		return nil, err
	}
	w := &watcher{
		root:     real,
		fsw:      fsw,
		batches:  make(chan []string),
		errs:     make(chan error, 8),
		done:     make(chan struct{}),
		quiet:    o.quiet,
		maxDelay: o.maxDelay,
		known:    make(map[string]struct{}),
		mounts:   map[string]string{real: ""},
		aliases:  map[string][]string{},
		recheck:  o.recheck,
		hold:     o.hold,
		held:     map[string]time.Time{},
		grace:    o.grace,
		vanished: map[string]time.Time{},
		burst:    o.burst,
		flush:    o.flush,
		noted:    o.noted,
		ended:    o.ended,
		settle:   o.settle,
		handed:   map[string]os.FileInfo{},
	}
	if o.settle > 0 {
		w.cw = newCloseWatch()
	}
	// The root itself is watched for config.toml (editors replace it by rename) and for
	// top-level folders created after the start.
	if err := w.watch(real); err != nil {
		fsw.Close()
		w.cw.close()
		return nil, err
	}
	w.addRoot(nil)
	go w.run()
	return w, nil
}

// addRoot watches every site folder below the root and records its files; see addTree.
func (w *watcher) addRoot(changed map[string]struct{}) {
	if _, err := os.Stat(filepath.Join(w.root, "config.toml")); err == nil {
		w.known["config.toml"] = struct{}{}
		if changed != nil {
			changed["config.toml"] = struct{}{}
		}
	}
	for _, d := range watchedDirs {
		w.addTree(filepath.Join(w.root, d), changed)
	}
}

// siteFolders returns, for each top-level site folder that is a symlink, the real folder it
// leads to (nothing for a folder that is missing or leads nowhere).
func (w *watcher) siteFolders() map[string]string {
	out := map[string]string{}
	for _, d := range watchedDirs {
		p := filepath.Join(w.root, d)
		if fi, err := os.Lstat(p); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if real, err := filepath.EvalSymlinks(p); err == nil {
			if fi, err := os.Stat(real); err == nil && fi.IsDir() {
				out[d] = real
			}
		}
	}
	return out
}

// recheckRoots picks up what no event announces: the site folder back after it was deleted,
// and a symlinked site folder whose target appeared again or changed. Files found are new
// to the site and go into pending.
func (w *watcher) recheckRoots(pending map[string]struct{}) bool {
	if w.gone {
		if fi, err := os.Stat(w.root); err != nil || !fi.IsDir() {
			return false
		}
		if err := w.watch(w.root); err != nil {
			return false
		}
		w.gone = false
		w.report(fmt.Errorf("the site folder %s is back; watching it again", w.root))
		w.addRoot(pending)
		return true
	}
	found := false
	for site, real := range w.siteFolders() {
		if w.mounts[real] == site && slices.Contains(w.fsw.WatchList(), real) {
			continue
		}
		if target, ok := w.rel(real); ok && slices.Contains(w.aliases[target], site) {
			continue // a folder of the site, watched under its own name
		}
		w.addTree(filepath.Join(w.root, site), pending)
		found = true
	}
	return found
}

// mount records that the real folder real holds the site path site, and reports whether it
// is to be watched: a folder that the site reaches already by another path (a symlink loop,
// or two links to one folder) is not watched twice.
func (w *watcher) mount(real, site string) bool {
	if rel, ok := w.rel(real); ok && rel != site {
		return false
	}
	for m, s := range w.mounts {
		if s == site && m != real {
			delete(w.mounts, m) // the link now leads elsewhere
		}
	}
	w.mounts[real] = site
	return true
}

// alias records that the site path site is a link to the real folder real, which the site
// holds already under another name, and adds the files known there to changed, under the
// link's name, when changed is not nil: they appeared with the link. A link into a folder
// that holds it (static/loop -> ../static) is a loop, not an alias: the build follows it
// only a few times, and a change below it is one of the folder's already.
func (w *watcher) alias(real, site string, changed map[string]struct{}) {
	target, ok := w.rel(real)
	if !ok || target == site || strings.HasPrefix(site, target+"/") {
		return
	}
	if slices.Contains(w.aliases[target], site) {
		return // known already: its files are told by their own names' events
	}
	// The link may have led elsewhere until now (ln -sfn replaces it in one move): what it
	// held there is gone.
	for _, k := range w.unalias(site) {
		if changed != nil {
			changed[k] = struct{}{}
		}
	}
	w.aliases[target] = append(w.aliases[target], site)
	if changed != nil {
		for k := range w.known {
			if rest, ok := strings.CutPrefix(k, target+"/"); ok {
				changed[site+"/"+rest] = struct{}{}
			}
		}
	}
}

// unalias forgets the link at the site path site, if it is one, and returns the files it
// held, by their names through it.
func (w *watcher) unalias(site string) []string {
	var gone []string
	for target, links := range w.aliases {
		i := slices.Index(links, site)
		if i < 0 {
			continue
		}
		if links = slices.Delete(links, i, i+1); len(links) == 0 {
			delete(w.aliases, target)
		} else {
			w.aliases[target] = links
		}
		for k := range w.known {
			if rest, ok := strings.CutPrefix(k, target+"/"); ok {
				gone = append(gone, site+"/"+rest)
			}
		}
	}
	return gone
}

// named is a batch as the build reads its files: with the names they have through the
// links of aliases, and without the pages that only a link to a folder inside content/
// leads to. The build does not follow such a link for pages (docs/content.md), and a
// Rebuild told of one would read it: the preview showed pages that no build publishes.
func (w *watcher) named(batch []string) []string {
	batch = w.withAliases(batch)
	var links []string // below content/, the top-level content/ itself being read through
	for _, site := range w.mounts {
		if strings.HasPrefix(site, "content/") {
			links = append(links, site+"/")
		}
	}
	for _, sites := range w.aliases {
		for _, site := range sites {
			if strings.HasPrefix(site, "content/") {
				links = append(links, site+"/")
			}
		}
	}
	if len(links) == 0 {
		return batch
	}
	return slices.DeleteFunc(batch, func(name string) bool {
		return source.Ext(name) != "" && slices.ContainsFunc(links, func(l string) bool { return strings.HasPrefix(name, l) })
	})
}

// withAliases adds to a batch the names that its files have through the links of aliases.
func (w *watcher) withAliases(batch []string) []string {
	if len(w.aliases) == 0 {
		return batch
	}
	n := len(batch)
	for _, p := range batch[:n] {
		for target, links := range w.aliases {
			if rest, ok := strings.CutPrefix(p, target+"/"); ok {
				for _, l := range links {
					batch = append(batch, l+"/"+rest)
				}
			}
		}
	}
	if len(batch) == n {
		return batch
	}
	slices.Sort(batch)
	return slices.Compact(batch)
}

// watch watches the folder dir, for fsnotify's events and the ends of saves.
func (w *watcher) watch(dir string) error {
	if err := w.fsw.Add(dir); err != nil {
		return err
	}
	w.cw.add(dir)
	return nil
}

// Close stops watching; the batches channel is closed once the watcher has stopped.
func (w *watcher) Close() error {
	w.cw.close()
	err := w.fsw.Close()
	<-w.done
	return err
}

// addTree watches dir and every folder below it, and records its files. Each folder is
// watched before it is read, so a file created meanwhile is either listed or reported by an
// event. When changed is not nil, the files found are added to it: they appeared with a new
// folder and no event of their own may come.
//
// dir may be a symlink, or hold symlinks to folders: each is watched where it leads (its real
// path mounted as its site path), as the build reads through them.
func (w *watcher) addTree(dir string, changed map[string]struct{}) {
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		site, ok := w.rel(dir)
		real, err := filepath.EvalSymlinks(dir)
		if !ok || err != nil {
			return
		}
		if fi, err := os.Stat(real); err != nil || !fi.IsDir() {
			return // a link to a file: the root's watch sees the link itself change
		}
		if !w.mount(real, site) {
			w.alias(real, site, changed)
			return
		}
		dir = real
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone meanwhile, or unreadable: nothing to watch
		}
		rel, ok := w.rel(p)
		if !ok {
			if d.IsDir() && p != dir {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				w.addTree(p, changed)
				return nil
			}
		}
		if d.IsDir() {
			if err := w.watch(p); err != nil {
				w.report(err)
			}
			return nil
		}
		w.known[rel] = struct{}{}
		if changed != nil {
			delete(w.vanished, rel) // back, with its folder
			changed[rel] = struct{}{}
		}
		return nil
	})
}

// rel returns the slash path of name relative to the root, and whether a change to it
// matters: it lies in a watched folder (or is config.toml) and no part of it is an editor's
// temporary file or hidden.
func (w *watcher) rel(name string) (string, bool) {
	// The deepest mount holding name says where it is in the site.
	best, site := "", ""
	for m, s := range w.mounts {
		if (name == m || strings.HasPrefix(name, m+string(filepath.Separator))) && len(m) > len(best) {
			best, site = m, s
		}
	}
	if best == "" {
		return "", false
	}
	r, err := filepath.Rel(best, name)
	if err != nil {
		return "", false
	}
	r = path.Join(site, filepath.ToSlash(r))
	if r == "config.toml" {
		return r, true
	}
	top, _, _ := strings.Cut(r, "/")
	if !slices.Contains(watchedDirs, top) {
		return "", false
	}
	for _, part := range strings.Split(r, "/") {
		// .well-known/ is the one hidden folder websites publish on purpose (RFC 8615).
		if ignored(part) {
			return "", false
		}
	}
	return r, true
}

// ignored reports whether a file or folder name is none of the site's: the build's own
// filter, so that the watcher reacts to exactly the files a build takes (and a temporary
// file of a save by rename makes no batch, no rebuild of its own).
func ignored(name string) bool { return source.Ignored(name) }

func (w *watcher) report(err error) {
	select {
	case w.errs <- err:
	default: // nobody is reading fast enough; the next error will do
	}
}

// run collects events until the quiet window passes with no new one (or the maximum delay
// since the first one runs out), then offers the batch. It keeps collecting while the
// receiver is busy rebuilding, so a slow build never makes it drop events.
func (w *watcher) run() {
	defer close(w.done)
	defer close(w.batches)
	pending := make(map[string]struct{})
	var first, sent time.Time
	burst := false // the pending batch started right after the last one went out
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	recheck := time.NewTicker(w.recheck)
	defer recheck.Stop()
	holding := time.NewTimer(time.Hour)
	holding.Stop()
	ready := false
	// window (re)starts the pending batch's wait: the quiet window, longer in a burst, only
	// the settle time when the kernel said a save ended and every file of the batch is
	// whole; never past the maximum delay since the batch's first change.
	window := func(endOfSave bool) {
		if first.IsZero() {
			first = time.Now()
			burst = !sent.IsZero() && first.Sub(sent) < w.burst
		}
		ready = false
		wait := w.quiet
		if burst {
			wait = max(wait, w.burst)
		} else if endOfSave && w.saved(pending) {
			wait = w.settle
		}
		timer.Reset(max(min(wait, w.maxDelay-time.Since(first)), 0))
	}
	for {
		var out chan []string
		var batch []string
		if ready && len(pending) > 0 {
			out = w.batches
			if batch = w.named(sortedKeys(pending)); len(batch) == 0 {
				// Nothing the build reads: no rebuild, and no line in the terminal.
				clear(pending)
				first, ready = time.Time{}, false
				continue
			}
		}
		select {
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			changed := w.event(ev, pending)
			if w.noted != nil {
				// Only once it is in the batch: a file held as half-saved is not yet.
				if rel, ok := w.rel(ev.Name); ok && inMap(pending, rel) {
					select {
					case w.noted <- rel:
					default:
					}
				}
			}
			if w.waiting() {
				holding.Reset(w.holdLeft())
			}
			if !changed || len(pending) == 0 {
				continue
			}
			window(false)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: report everything as changed, and watch again any folder
				// that appeared unseen.
				for k := range w.known {
					pending[k] = struct{}{}
				}
				for _, d := range watchedDirs {
					w.addTree(filepath.Join(w.root, d), pending)
				}
				if first.IsZero() {
					first = time.Now()
				}
				ready = false
				timer.Reset(w.quiet)
			}
			w.report(err)
		case <-recheck.C:
			if w.recheckRoots(pending) && len(pending) > 0 {
				if first.IsZero() {
					first = time.Now()
				}
				ready = false
				timer.Reset(w.quiet)
			}
		case <-holding.C:
			// Half-saved files whose save never went on are what the coach left, and files
			// that did not come back were deleted: build them.
			for rel, since := range w.held {
				if time.Since(since) >= w.hold {
					delete(w.held, rel)
					pending[rel] = struct{}{}
				}
			}
			for rel, since := range w.vanished {
				if time.Since(since) >= w.grace {
					delete(w.vanished, rel)
					pending[rel] = struct{}{}
				}
			}
			if w.waiting() {
				holding.Reset(w.holdLeft())
			}
			if len(pending) > 0 {
				if first.IsZero() {
					first = time.Now()
				}
				ready = false
				timer.Reset(w.quiet)
			}
		case name := <-w.cw.events():
			rel, ok := w.rel(name)
			if !ok {
				continue
			}
			moved := w.appear(rel, pending)
			w.known[rel] = struct{}{}
			w.written(rel, name, pending)
			if w.waiting() {
				holding.Reset(w.holdLeft())
			}
			if !inMap(pending, rel) {
				if moved {
					window(false) // the move's other half, gone, waits for nothing
				}
				w.note(w.ended, rel)
				continue // held: closed empty, or with its front matter open
			}
			if fi, err := os.Lstat(name); err == nil {
				w.handed[rel] = fi
			}
			w.note(w.noted, rel)
			window(true)
			w.note(w.ended, rel)
		case <-timer.C:
			ready = true
		case <-w.flush:
			ready = true
		case out <- batch:
			clear(pending)
			first = time.Time{}
			sent = time.Now()
			ready = false
		}
	}
}

// note sends rel to a test's hook, if there is one, without waiting.
func (w *watcher) note(hook chan string, rel string) {
	if hook != nil {
		select {
		case hook <- rel:
		default:
		}
	}
}

// event adds the site paths an event changed to pending, and reports whether the event
// concerned the site at all (so that it restarts the quiet window).
func (w *watcher) event(ev fsnotify.Event, pending map[string]struct{}) bool {
	if ev.Op == fsnotify.Chmod {
		return false // attributes only (and on Linux the prelude of a Remove, which follows)
	}
	if ev.Name == w.root && (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) {
		// The site folder itself went away: every file of it with it. Say so, and look for
		// it again from time to time (recheckRoots).
		w.gone = true
		w.report(fmt.Errorf("the site folder %s was deleted or moved; the preview keeps the last good build and watches again when the folder is back", w.root))
		for k := range w.known {
			pending[k] = struct{}{}
		}
		clear(w.known)
		for k := range w.vanished {
			pending[k] = struct{}{}
		}
		clear(w.vanished)
		return true
	}
	rel, ok := w.rel(ev.Name)
	if !ok {
		return false
	}
	if w.unchanged(rel, ev.Name) {
		return false // the end of this save came first, by closeWatch: it is in a batch already
	}
	switch {
	case ev.Has(fsnotify.Create):
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
			w.addTree(ev.Name, pending) // a folder, or a link to one
			return true
		}
		moved := w.appear(rel, pending)
		w.known[rel] = struct{}{}
		return w.written(rel, ev.Name, pending) || moved
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		delete(w.held, rel)
		// A link to a folder the site holds under another name: its files go by that name.
		for _, k := range w.unalias(rel) {
			pending[k] = struct{}{}
		}
		// The name may have been a folder: every file known below it went with it (inotify
		// has dropped the folder's watch already). A name never seen as a file, such as an
		// empty folder, changes nothing in the site.
		prefix := rel + "/"
		for k := range w.known {
			if strings.HasPrefix(k, prefix) {
				delete(w.known, k)
				pending[k] = struct{}{}
			}
		}
		if _, wasFile := w.known[rel]; wasFile {
			delete(w.known, rel)
			return w.vanish(rel, ev.Name, pending)
		}
	default: // Write
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			return false // kqueue and Windows report a folder's new entries this way
		}
		w.known[rel] = struct{}{}
		return w.written(rel, ev.Name, pending)
	}
	return true
}

// unchanged reports whether the file rel (at name) is as it was when its end of save put it
// in a batch; if not, that record is dropped.
func (w *watcher) unchanged(rel, name string) bool {
	h, ok := w.handed[rel]
	if !ok {
		return false
	}
	if fi, err := os.Lstat(name); err == nil && sameState(fi, h) {
		return true
	}
	delete(w.handed, rel)
	return false
}

// saved reports whether every file in pending is whole: either gone (a deletion is over
// when it is reported) or as it was when the kernel said its save was over.
func (w *watcher) saved(pending map[string]struct{}) bool {
	for rel := range pending {
		h, ok := w.handed[rel]
		fi, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(rel)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if !ok || err != nil || !sameState(fi, h) {
			return false
		}
	}
	return true
}

func sameState(a, b os.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// written takes a file that was created or written: into pending, or, while it looks
// half-saved, into held until the rest of its save comes (see defaultHold). It reports
// whether pending changed.
func (w *watcher) written(rel, name string, pending map[string]struct{}) bool {
	delete(w.vanished, rel) // back: whole or half saved, it is no longer gone
	if w.hold > 0 && halfSaved(name) {
		if _, ok := w.held[rel]; !ok {
			w.held[rel] = time.Now()
		}
		// A save earlier in this batch is overtaken by this state; the next event or the
		// end of the hold brings the file back.
		_, was := pending[rel]
		delete(pending, rel)
		return was
	}
	delete(w.held, rel)
	pending[rel] = struct{}{}
	return true
}

// vanish takes a file that was deleted or renamed away. One back already (the new file of a
// save by rename, read before this event) is written; one that went as another file
// appeared is part of a move and goes into pending with it; any other waits up to the grace
// for its return (see defaultGrace). It reports whether pending changed.
func (w *watcher) vanish(rel, name string, pending map[string]struct{}) bool {
	if _, err := os.Lstat(name); err == nil {
		w.known[rel] = struct{}{}
		return w.written(rel, name, pending)
	}
	if w.grace <= 0 || time.Since(w.appeared) < w.quiet {
		pending[rel] = struct{}{}
		return true
	}
	if _, ok := w.vanished[rel]; !ok {
		w.vanished[rel] = time.Now()
	}
	// A save earlier in this batch is overtaken: building it now would build the file gone.
	_, was := pending[rel]
	delete(pending, rel)
	return was
}

// appear notes a file created or saved at rel, before it is known. Its return ends its own
// wait (written); a file new to the site takes with it, into pending, the files that went
// less than a quiet window before: the other half of a move. It reports whether it took any.
func (w *watcher) appear(rel string, pending map[string]struct{}) bool {
	if inMap(w.known, rel) {
		return false
	}
	if _, ok := w.vanished[rel]; ok {
		return false
	}
	w.appeared = time.Now()
	moved := false
	for k, since := range w.vanished {
		if time.Since(since) < w.quiet {
			delete(w.vanished, k)
			pending[k] = struct{}{}
			moved = true
		}
	}
	return moved
}

// waiting reports whether any file waits: half-saved, or gone and maybe coming back.
func (w *watcher) waiting() bool { return len(w.held) > 0 || len(w.vanished) > 0 }

// holdLeft is the time until the first wait of a held or vanished file ends.
func (w *watcher) holdLeft() time.Duration {
	var next time.Time
	for _, since := range w.held {
		if t := since.Add(w.hold); next.IsZero() || t.Before(next) {
			next = t
		}
	}
	for _, since := range w.vanished {
		if t := since.Add(w.grace); next.IsZero() || t.Before(next) {
			next = t
		}
	}
	return max(time.Until(next), 0)
}

// halfSaved reports whether the file at name looks like a save in progress rather than what
// the coach meant: empty, or a Markdown page whose front matter is opened and not closed.
// The kernel's end of save (closeWatch) does not replace this look: an editor may close
// the emptied file and open it again to write.
func halfSaved(name string) bool {
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	if fi.Size() == 0 {
		return true
	}
	if source.Ext(name) == "" || fi.Size() > 1<<20 {
		return false
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return false
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	for _, delim := range []string{"+++", "---"} {
		if rest, ok := bytes.CutPrefix(data, []byte(delim+"\n")); ok {
			return !bytes.HasPrefix(rest, []byte(delim+"\n")) && !bytes.Contains(rest, []byte("\n"+delim+"\n")) &&
				!bytes.HasSuffix(rest, []byte("\n"+delim))
		}
		if rest, ok := bytes.CutPrefix(data, []byte(delim+"\r\n")); ok {
			return !bytes.Contains(rest, []byte("\n"+delim+"\r\n")) && !bytes.HasSuffix(rest, []byte("\n"+delim))
		}
	}
	return false
}

func inMap(m map[string]struct{}, k string) bool {
	_, ok := m[k]
	return ok
}

func sortedKeys(m map[string]struct{}) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
