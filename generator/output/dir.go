package output

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/between-ssg/between/internal/radix"
)

// stagePrefix names the hidden folder inside the output where a build's files wait until
// Commit moves them into place.
const stagePrefix = ".between-staging-"

// Stats says what a Commit did.
type Stats struct {
	Written, Unchanged, Removed int
}

type stage struct {
	mu        sync.Mutex
	planned   map[string]bool
	names     []string // planned, sorted
	dir       string   // the staging folder inside the output, once made
	root      *os.Root // its new/ folder, where Write puts each file under its name
	raw       *rawDir  // the same folder the fast way, or nil where there is none
	madeMu    sync.Mutex
	mkdirMu   sync.Mutex      // held while a folder is made in new/ (makeStaged)
	made      map[string]bool // folders made in new/
	written   map[string]bool // names staged, in new/ or, when swapped names them, in swap/
	unchanged map[string]bool
	existing  map[string]bool // planned names a file stood at when planned
	// replaces holds the names in existing, for Write (Plan changes existing unlocked).
	replaces map[string]bool
	// swap is the folder, beside new/, where a changed file that replaces one waits under a
	// number when the system can swap two files in one step (swapped names it): Commit
	// swaps it with the file it replaces, which leaves the old file there until the end,
	// for an undo. Nil where the system cannot.
	swap    *rawDir
	swapped map[string]string // name → its number in swap/
	count   int
	// clear lists what earlier builds wrote that stands where this one needs a folder or a
	// file (a static file "about" where the page about/index.html goes now), with the number
	// of their files: Commit moves them aside first.
	clear map[string]int
	check *diskCheck // what Plan learnt of the folder, for its next call
	// makers make the folders of planned files ahead of their writes (makeFoldersAhead).
	makers []*folderMaker
}

// rename moves a file inside the output; tests replace it to make a move fail as a full
// disk or a read-only folder would, which running as root cannot show.
var rename = func(r *os.Root, from, to string) error { return r.Rename(from, to) }

// swapFile swaps the file name of the output with the one staged at number in swap/; tests
// replace it as they replace rename.
var swapFile = func(d *Dir, name, number string) error { return d.raw.swap(name, d.stage.swap, number) }

// Plan names files the build will write, and checks them all before any of them is
// written: each name is a clean path of short enough parts, no name is also another's
// folder (of this call or an earlier one), and on disk no folder, symbolic link or special
// file stands where a file goes, and no file or link where a folder goes. Every problem is
// reported, not just the first. Plan may be called again, while files planned before are
// being written, for files known later (a search index made while pages render); Commit
// puts nothing in place unless every planned file was written.
func (d *Dir) Plan(names []string) error {
	var errs []error
	added := make([]string, 0, len(names))
	for _, n := range names {
		if err := CheckName(n); err != nil {
			errs = append(errs, fmt.Errorf("cannot write %s", err))
			continue
		}
		if len(d.real)+1+len(n) > PathMax {
			errs = append(errs, fmt.Errorf("cannot write %s: the whole path is longer than the %d bytes a path may have; use a shorter output folder or shorter names", d.show(n), PathMax))
			continue
		}
		if !d.stage.planned[n] { // only Plan changes planned: reading it here is safe
			added = append(added, n)
		}
	}
	// By their bytes, as sort.Strings does, in half its time: a build plans 135,000 names
	// at 100,000 pages (package radix).
	radix.Strings(added)
	added = slices.Compact(added)
	all := added
	var clashes []Clash
	if len(d.stage.names) > 0 {
		// What was planned is sorted and has no clash (its Plan would have failed): the
		// names are merged, and only clashes with an added name looked for. Sorting and
		// checking every name again, for the 28,000 files of a search index made after
		// 135,000 pages, took a tenth of a second on one core with the other idle.
		all = mergeSorted(d.stage.names, added)
		clashes = clashesWith(all, added)
	} else {
		clashes = Clashes(all)
	}
	for _, p := range clashes {
		errs = append(errs, fmt.Errorf("cannot write both %s and %s: one would be a file and a folder at once", d.show(p.File), d.show(p.Inside)))
	}
	c := d.stage.check
	if c == nil {
		c = &diskCheck{planned: map[string]bool{}, old: map[string]bool{}, folders: map[string]folderState{}, existing: map[string]bool{}, clear: map[string]int{}}
		for _, n := range d.old {
			c.old[n] = true
		}
	}
	if d.root != nil {
		if len(c.old) > 0 { // what is planned matters only for what earlier builds wrote
			for _, n := range added {
				c.planned[n] = true
			}
		}
		c.looked = d.prefetch(added, c)
		for _, n := range added {
			if err := d.checkOnDisk(n, c); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) > 0 {
		return joinCapped(errs)
	}
	d.stage.mu.Lock()
	defer d.stage.mu.Unlock()
	if d.stage.planned == nil {
		d.stage.planned, d.stage.written, d.stage.unchanged = make(map[string]bool, len(added)), make(map[string]bool, len(added)), map[string]bool{}
		d.stage.replaces, d.stage.swapped = map[string]bool{}, map[string]string{}
	}
	for _, n := range added {
		d.stage.planned[n] = true
		if c.existing[n] {
			d.stage.replaces[n] = true
		}
	}
	c.looked = nil
	d.stage.names, d.stage.check = all, c
	d.stage.existing, d.stage.clear = c.existing, c.clear
	d.makeFoldersAhead(names, c.existing)
	return nil
}

// foldersAheadMin is the fewest new folders for which Plan starts making them ahead of
// the writes (makeFoldersAhead); a variable for tests.
var foldersAheadMin = 256

// folderMaker makes the staged folders of planned files on a goroutine of its own, until
// it is done or stopped.
type folderMaker struct {
	stop atomic.Bool
	done chan struct{}
}

// makeFoldersAhead starts making, in the staging folder, the folders of the names (in the
// order the build writes them) that no file stands at, on a goroutine of its own, ahead of
// the workers that write the files there. Each of a site's pages has its own folder, and
// most of them share one folder (a section's): a folder is made with that folder's lock
// held, and two workers making folders side by side waited for each other's, with their
// cores idle (raw calls hold them): at 100,000 pages, 218 waits, 1.27 s in all, most of
// them while the other worker's mkdir waited for the disk (ext4 reading a block group's
// bitmap for the new folder's inode). One goroutine making them all never waits for
// another, and the workers find their folders made. A worker that comes first makes its
// own, as before: the two making one folder is no error (mkdir).
func (d *Dir) makeFoldersAhead(names []string, existing map[string]bool) {
	if runtime.GOMAXPROCS(0) < 2 {
		return
	}
	var dirs []string
	last := ""
	for _, n := range names {
		dir := path.Dir(n)
		if dir == "." || dir == last || existing[n] {
			continue
		}
		last = dir
		dirs = append(dirs, dir)
	}
	if len(dirs) < foldersAheadMin {
		return
	}
	m := &folderMaker{done: make(chan struct{})}
	d.stage.makers = append(d.stage.makers, m) // under d.stage.mu, held by Plan
	go func() {
		defer close(m.done)
		if m.stop.Load() {
			return
		}
		d.stage.mu.Lock()
		err := d.makeStage()
		d.stage.mu.Unlock()
		if err != nil {
			return // Write reports it
		}
		for _, dir := range dirs {
			if m.stop.Load() || d.makeStaged(dir) != nil {
				return // a failure is Write's to report, for the file it cannot write
			}
		}
	}()
}

// stopMakers stops the folder makers Plan started and waits for them: Commit and Abort
// move or remove the staging folder, where they make folders.
func (d *Dir) stopMakers() {
	d.stage.mu.Lock()
	makers := d.stage.makers
	d.stage.makers = nil
	d.stage.mu.Unlock()
	for _, m := range makers {
		m.stop.Store(true)
	}
	for _, m := range makers {
		<-m.done
	}
}

// Clash is two names of one output that cannot both be written: File would be a file, and
// Inside a file in a folder of the same name.
type Clash struct{ File, Inside string }

// Clashes finds the names in sorted (sorted, clean) that are also a folder of another: for
// each, the first name in it, in the order of those names, the deepest folder first.
//
// The names that begin with a name are the ones right after it in sorted order, so the
// names before one that it begins with are a stack, each the start of the next: a name
// is inside those of them that it continues with a "/". A set of every name, and a look-up
// for every folder of every name, took 43 of 26,000 perf samples at 100,000 pages, twice
// (the build's check of its names, then Plan's).
func Clashes(sorted []string) []Clash {
	type open struct {
		name     string
		reported bool
	}
	var out []Clash
	var stack []open
	for _, n := range sorted {
		for len(stack) > 0 && !strings.HasPrefix(n, stack[len(stack)-1].name) {
			stack = stack[:len(stack)-1]
		}
		for i := len(stack) - 1; i >= 0; i-- {
			if o := &stack[i]; !o.reported && len(n) > len(o.name) && n[len(o.name)] == '/' {
				o.reported = true
				out = append(out, Clash{File: o.name, Inside: n})
			}
		}
		stack = append(stack, open{name: n})
	}
	return out
}

// mergeSorted returns the names of a and b, both sorted and with no name in common, in
// one sorted list.
func mergeSorted(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0] < b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// clashesWith is Clashes(all) when every clash of all has a name of added (sorted, in
// all) in it: the names of all but added have none among them. It looks at the folders of
// the added names and below them, not at every name.
func clashesWith(all, added []string) []Clash {
	in := func(n string) bool {
		_, ok := slices.BinarySearch(all, n)
		return ok
	}
	// first is where the first name below folder dir is in all, or -1.
	first := func(dir string) int {
		i, _ := slices.BinarySearch(all, dir+"/")
		if i < len(all) && strings.HasPrefix(all[i], dir+"/") {
			return i
		}
		return -1
	}
	type found struct {
		dir    string
		inside int // of all: the first name below dir, which Clashes names
	}
	var out []found
	seen := map[string]bool{} // folders looked at: an index's names share a few
	for _, n := range added {
		for dir := n; dir != "."; dir = path.Dir(dir) {
			if seen[dir] {
				if dir != n {
					break // and every folder above it
				}
				continue
			}
			seen[dir] = true
			if dir == n || in(dir) {
				if i := first(dir); i >= 0 {
					out = append(out, found{dir, i})
				}
			}
		}
	}
	// In Clashes' order, by the name inside (no two folders have the same first name below
	// them: of two, the deeper one is below the other).
	slices.SortFunc(out, func(a, b found) int { return a.inside - b.inside })
	var clashes []Clash
	for _, f := range out {
		clashes = append(clashes, Clash{File: f.dir, Inside: all[f.inside]})
	}
	return clashes
}

// diskCheck is what Plan learns about the folder while checking names against it.
type diskCheck struct {
	planned, old map[string]bool
	folders      map[string]folderState // folders on the way, checked already
	existing     map[string]bool
	clear        map[string]int
	looked       map[string]looked // what prefetch found, during one Plan
}

// looked is what stands at a name of the output: its type, or the error of looking.
type looked struct {
	mode fs.FileMode
	err  error
}

// prefetchMin is the fewest names Plan looks at on all cores at once; below it, starting
// the workers costs more than it saves.
var prefetchMin = 256

// prefetch looks at every name of names, and every folder on their way not checked yet, on
// every core, for checkOnDisk to go through them in order without waiting for the disk:
// on an unchanged 10,000-page build, 32,000 looks made one after the other were a quarter
// of a second before a single page rendered. It looks a level at a time, and below a
// folder only when it is a plain one: checkOnDisk stops at the first folder that is
// missing, a link or a file, so on a first build into a new folder (every page's folder
// missing) a few looks do, where looking at every name and folder was 240,000 system
// calls at 100,000 pages. Looking at a name below a link would be harmless too (it only
// reads what is there).
func (d *Dir) prefetch(names []string, c *diskCheck) map[string]looked {
	workers := runtime.GOMAXPROCS(0)
	if d.raw == nil || len(names) < prefetchMin || workers < 2 {
		return nil
	}
	// The folders on the way, by depth: names are sorted, so the names in a folder come
	// one after the other, and a folder is new when the name before had another there.
	var byDepth [][]string
	var last []string
	for _, n := range names {
		depth := 0
		for end := strings.IndexByte(n, '/'); end >= 0; end = nextSlash(n, end) {
			dir := n[:end]
			if depth < len(last) && last[depth] == dir {
				depth++
				continue
			}
			last = append(last[:depth], dir)
			if _, known := c.folders[dir]; !known {
				for depth >= len(byDepth) {
					byDepth = append(byDepth, nil)
				}
				byDepth[depth] = append(byDepth[depth], dir)
			}
			depth++
		}
		last = last[:depth]
	}
	m := map[string]looked{}
	// open reports whether every folder on name's way is a plain folder, by what checkOnDisk
	// or this prefetch found: only then does checkOnDisk look at what is below.
	open := func(name string) bool {
		for end := strings.IndexByte(name, '/'); end >= 0; end = nextSlash(name, end) {
			dir := name[:end]
			if st := c.folders[dir]; st == folderFine {
				continue
			} else if st != 0 {
				return false
			}
			if l, ok := m[dir]; !ok || l.err != nil || !l.mode.IsDir() {
				return false
			}
		}
		return true
	}
	look := func(paths []string) {
		found := make([]looked, len(paths))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(workers, len(paths)) {
			wg.Go(func() {
				for {
					i := int(next.Add(1)) - 1
					if i >= len(paths) {
						return
					}
					found[i].mode, found[i].err = d.raw.lstat(paths[i])
				}
			})
		}
		wg.Wait()
		for i, p := range paths {
			m[p] = found[i]
		}
	}
	for _, dirs := range byDepth {
		var paths []string
		for _, dir := range dirs {
			if open(dir) {
				paths = append(paths, dir)
			}
		}
		look(paths)
	}
	var paths []string
	for _, n := range names {
		if open(n) {
			paths = append(paths, n)
		}
	}
	look(paths)
	return m
}

// look says what stands at name in the output, from what prefetch found or else the disk.
func (d *Dir) look(name string, c *diskCheck) (fs.FileMode, error) {
	if l, ok := c.looked[name]; ok {
		return l.mode, l.err
	}
	return d.lstat(name)
}

type folderState int

const (
	folderFine    folderState = iota + 1 // a plain folder
	folderBlocked                        // in the way; reported once
	folderCleared                        // between's own file, moved aside by Commit
	folderMissing                        // not there: made by Commit
)

// checkOnDisk says what stands in the way of writing name, or nil. What an earlier build
// wrote and this one does not is no obstacle: it is moved aside.
func (d *Dir) checkOnDisk(name string, c *diskCheck) error {
	for end := strings.IndexByte(name, '/'); end >= 0; end = nextSlash(name, end) {
		dir := name[:end]
		switch c.folders[dir] {
		case folderFine:
			continue
		case folderBlocked, folderCleared, folderMissing:
			return nil // reported, cleared or missing, with the first name below it
		}
		mode, err := d.look(dir, c)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// Made by Commit, with everything below it. Remembered, as a plain folder is:
			// nothing changes the output before Commit, and the search index's 10,000 names
			// under one new folder looked it up once each.
			c.folders[dir] = folderMissing
			return nil
		case err != nil:
			return fmt.Errorf("cannot write %s: %w", d.show(name), err)
		case mode&fs.ModeSymlink != 0:
			c.folders[dir] = folderBlocked
			return fmt.Errorf("cannot write %s: %s is a symbolic link, and between never writes through one; remove the link or build into another folder", d.show(name), d.show(dir))
		case mode.IsRegular() && c.old[dir] && !c.planned[dir]:
			c.folders[dir] = folderCleared
			c.clear[dir] = 1
			return nil
		case !mode.IsDir():
			c.folders[dir] = folderBlocked
			return fmt.Errorf("cannot write %s: %s is a file, not a folder", d.show(name), d.show(dir))
		}
		c.folders[dir] = folderFine
	}
	mode, err := d.look(name, c)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("cannot write %s: %w", d.show(name), err)
	case mode&fs.ModeSymlink != 0:
		return fmt.Errorf("cannot write %s: it is a symbolic link, and between never replaces one; remove the link or build into another folder", d.show(name))
	case mode.IsDir():
		if n, ok := d.onlyOld(name, c); ok {
			c.clear[name] = n
			return nil
		}
		// Never removed here: no build of this site made it.
		return fmt.Errorf("cannot write %s: a folder of that name, not made by a build of this site, is in the way; move or delete that folder, or build into another folder", d.show(name))
	case !mode.IsRegular():
		return fmt.Errorf("cannot write %s: something that is not a file (%v) is in the way; remove it, or build into another folder", d.show(name), mode.Type())
	}
	c.existing[name] = true
	return nil
}

// onlyOld reports whether the folder dir holds nothing but files earlier builds wrote that
// this one does not (and folders holding some of them), and how many: removing them all
// removes nothing of the user's, not even an empty folder.
func (d *Dir) onlyOld(dir string, c *diskCheck) (int, bool) {
	n, ok := 0, true
	holds := map[string]bool{} // folder → holds one of those files, at any depth
	fs.WalkDir(d.root.FS(), dir, func(p string, e fs.DirEntry, err error) error {
		switch {
		case err != nil:
			ok = false
			return fs.SkipAll
		case e.IsDir():
			holds[p] = holds[p] || false
			return nil
		case !e.Type().IsRegular() || !c.old[p] || c.planned[p]:
			ok = false
			return fs.SkipAll
		}
		n++
		for q := path.Dir(p); ; q = path.Dir(q) {
			holds[q] = true
			if q == dir || q == "." {
				break
			}
		}
		return nil
	})
	for _, h := range holds {
		ok = ok && h
	}
	return n, ok && n > 0
}

// plainFolder reports whether dir ("." for the output itself) is a folder inside the output
// reached through folders only, never a symbolic link.
func (d *Dir) plainFolder(dir string) bool {
	if dir == "." {
		return true
	}
	parts := strings.Split(dir, "/")
	for i := 1; i <= len(parts); i++ {
		mode, err := d.lstat(strings.Join(parts[:i], "/"))
		if err != nil || !mode.IsDir() {
			return false
		}
	}
	return true
}

// Write stages one planned file: a file whose bytes are already on disk is left alone,
// anything else waits in the staging folder, under its own name, until Commit. Write may
// be called from many goroutines at once.
func (d *Dir) Write(name string, data []byte) error {
	d.stage.mu.Lock()
	planned := d.stage.planned[name]
	d.stage.mu.Unlock()
	if !planned {
		return fmt.Errorf("output: %q was not planned", name)
	}
	if !d.created && d.same(name, data) { // a folder made by this build holds nothing to compare with
		d.stage.mu.Lock()
		d.stage.unchanged[name] = true
		d.stage.mu.Unlock()
		return nil
	}
	d.stage.mu.Lock()
	err := d.makeStage()
	swap, number := d.stage.swap, ""
	if swap != nil && d.stage.replaces[name] {
		d.stage.count++
		number = strconv.Itoa(d.stage.count)
	}
	d.stage.mu.Unlock()
	if err != nil {
		return err
	}
	if number != "" {
		if err := swap.writeFile(number, data); err != nil {
			return fmt.Errorf("writing %s: %w", d.show(name), err)
		}
		d.stage.mu.Lock()
		d.stage.written[name] = true
		d.stage.swapped[name] = number
		d.stage.mu.Unlock()
		return nil
	}
	// The staging folder holds the files in the folders they go to, so that Commit moves a
	// folder that is new (every page's own, all of them on a first build) in one step.
	if dir := path.Dir(name); dir != "." {
		if err := d.makeStaged(dir); err != nil {
			return fmt.Errorf("writing %s: %w", d.show(name), err)
		}
	}
	if err := d.writeStaged(name, data); err != nil {
		return fmt.Errorf("writing %s: %w", d.show(name), err)
	}
	d.stage.mu.Lock()
	d.stage.written[name] = true
	delete(d.stage.swapped, name)
	d.stage.mu.Unlock()
	return nil
}

// stagedAt is where the file name was staged, from the output folder.
func (d *Dir) stagedAt(name string) string {
	if number, ok := d.stage.swapped[name]; ok {
		return d.stage.dir + "/" + stageSwap + "/" + number
	}
	return d.stage.dir + "/" + stageNew + "/" + name
}

// TempFile makes a file for the build's own use (its pages waiting to be rendered, when
// they do not fit in memory) in the staging folder, so that a build writes nothing outside
// the output, and on a disk rather than in a temporary folder that may be in memory. Its
// name is removed at once where the system allows it (remove is then nil): the file is
// gone with the process, however that ends. Else remove removes it, which the caller does
// before Commit or Abort; a staging folder left by a killed build is removed by the next.
func (d *Dir) TempFile() (f *os.File, remove func() error, err error) {
	d.stage.mu.Lock()
	err = d.makeStage()
	d.stage.mu.Unlock()
	if err != nil {
		return nil, nil, err
	}
	var b [6]byte
	rand.Read(b[:])
	name := d.stage.dir + "/pages-" + hex.EncodeToString(b[:])
	f, err = d.root.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, nil, err
	}
	if d.root.Remove(name) != nil { // an open file outlives its name, except on Windows
		root := d.root
		remove = func() error { return root.Remove(name) }
	}
	return f, remove, nil
}

// makeStaged makes the folder dir in the staging folder, and the folders on its way, unless
// made already. The folders made are a plain map under a lock, not a sync.Map: at 100,000
// pages the sync.Map's lookups, three for each file, were 0.3 CPU-seconds of cache misses.
func (d *Dir) makeStaged(dir string) error {
	s := &d.stage
	var todo [8]string // dir and the folders on its way not made yet, deepest first
	n := 0
	s.madeMu.Lock()
	if s.made[dir] {
		s.madeMu.Unlock()
		return nil
	}
	if s.made == nil {
		s.made = map[string]bool{}
	}
	for p := dir; p != "." && !s.made[p] && n < len(todo); p = path.Dir(p) {
		todo[n] = p
		n++
	}
	s.madeMu.Unlock()
	if s.raw == nil || n == len(todo) { // deeper than todo holds: the portable way makes all
		if err := s.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		s.madeMu.Lock()
		s.made[dir] = true
		s.madeMu.Unlock()
		return nil
	}
	for i := n - 1; i >= 0; i-- {
		// One folder at a time in the process (mkdirMu), for the reason the Spill writes
		// one page at a time: a goroutine waiting here leaves its core to another one,
		// where one waiting for the parent folder's lock in the raw call holds its core.
		// With the folders made ahead (makeFoldersAhead) it rarely waits; a maker that
		// falls behind (its core taken by other processes) met the workers making their
		// own folders there: 66 waits, 0.22 s, in one of three 100k builds.
		s.mkdirMu.Lock()
		err := s.raw.mkdir(todo[i])
		s.mkdirMu.Unlock()
		if err != nil {
			return err
		}
		s.madeMu.Lock()
		s.made[todo[i]] = true
		s.madeMu.Unlock()
	}
	return nil
}

// writeStaged writes the file name, whose folder is made, in the staging folder. It makes
// a new file, never writes into one there: a file at the name (written twice, or a hard
// link to a file elsewhere planted there) is removed first.
func (d *Dir) writeStaged(name string, data []byte) error {
	write := d.writeStagedRoot
	if d.stage.raw != nil {
		write = d.stage.raw.writeFile
	}
	err := write(name, data)
	if errors.Is(err, fs.ErrExist) {
		if err := d.stage.root.Remove(name); err != nil {
			return err
		}
		err = write(name, data)
	}
	return err
}

// writeStagedRoot is writeStaged the portable way.
func (d *Dir) writeStagedRoot(name string, data []byte) error {
	f, err := d.stage.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// lstat says what stands at name in the output, without following a link there.
func (d *Dir) lstat(name string) (fs.FileMode, error) {
	if d.raw != nil {
		return d.raw.lstat(name)
	}
	fi, err := d.root.Lstat(name)
	if err != nil {
		return 0, err
	}
	return fi.Mode(), nil
}

// same reports whether the file name in the output holds exactly data: a file is read
// only when its size matches, and into a buffer used again from file to file.
func (d *Dir) same(name string, data []byte) bool {
	bp := readBuffers.Get().(*[]byte)
	defer readBuffers.Put(bp)
	if cap(*bp) < len(data)+1 {
		*bp = make([]byte, len(data)+1)
	}
	buf := (*bp)[:len(data)+1] // one byte more: a file that grew since Stat is not the same
	if d.raw != nil {
		return d.raw.same(name, data, buf)
	}
	f, err := d.root.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	n, err := io.ReadFull(f, buf)
	return n == len(data) && (err == io.ErrUnexpectedEOF || err == io.EOF && n == 0) && bytes.Equal(buf[:n], data)
}

var readBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// The staging folder holds new/, the files of the build in their folders, and old/, what
// Commit moved aside to put them in place.
const (
	stageNew  = "new"
	stageOld  = "old"
	stageSwap = "swap"
)

// makeStage makes the output folder, if it is new, and the staging folder inside it.
func (d *Dir) makeStage() error {
	if d.stage.dir != "" {
		return nil
	}
	if d.root == nil {
		if err := os.MkdirAll(d.real, 0o755); err != nil {
			return err
		}
		r, err := os.OpenRoot(d.real)
		if err != nil {
			return err
		}
		d.root = r
	}
	var b [6]byte
	rand.Read(b[:])
	name := stagePrefix + strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(b[:])
	if err := d.root.Mkdir(name, 0o755); err != nil {
		return fmt.Errorf("the output folder %s: %w", d.given, err)
	}
	d.stage.dir = name
	for _, sub := range []string{stageNew, stageOld, stageSwap} {
		if err := d.root.Mkdir(name+"/"+sub, 0o755); err != nil {
			return fmt.Errorf("the output folder %s: %w", d.given, err)
		}
	}
	r, err := d.root.OpenRoot(name + "/" + stageNew)
	if err != nil {
		return fmt.Errorf("the output folder %s: %w", d.given, err)
	}
	d.stage.root = r
	d.stage.raw = openRaw(d.root, name+"/"+stageNew)
	if d.raw == nil {
		d.raw = openRaw(d.root, ".")
	}
	if d.raw != nil && d.stage.raw != nil {
		d.stage.swap = openRaw(d.root, name+"/"+stageSwap)
	}
	return nil
}

// Commit is the last phase: it moves the staged files into place, removes files earlier
// builds wrote that are no longer part of the site, and records what the folder now holds.
// If a move fails, the moves made are undone and the folder is as it was.
func (d *Dir) Commit() (Stats, error) {
	d.stopMakers()
	var st Stats
	for _, n := range d.stage.names {
		if !d.stage.written[n] && !d.stage.unchanged[n] {
			d.Abort()
			return st, fmt.Errorf("output: %q was planned but not written", n)
		}
	}
	d.stage.mu.Lock()
	err := d.makeStage() // an empty site still gets its folder
	d.stage.mu.Unlock()
	if err != nil {
		d.Abort()
		return st, err
	}
	// While the moves happen, the manifest lists every file that may be between's, so that
	// a build killed half way still removes them later: the old list and the new files that
	// take no one's place. A file of the user's that the site replaces is listed only once
	// it is replaced, so that no crash can make a later build remove the user's own file.
	during := make([]string, 0, len(d.old)+len(d.stage.names))
	during = append(during, d.old...)
	for _, n := range d.stage.names {
		if !d.stage.existing[n] {
			during = append(during, n)
		}
	}
	radix.Strings(during)
	during = slicesCompact(during)
	before, berr := os.ReadFile(d.manifest)
	if err := d.writeManifest(during); err != nil {
		d.Abort()
		return st, fmt.Errorf("recording the output's files: %w", err)
	}
	if err := d.moveIntoPlace(); err != nil {
		// The folder is as it was: so is its list.
		if berr == nil {
			os.WriteFile(d.manifest, before, 0o644)
		} else {
			os.Remove(d.manifest)
		}
		d.Abort()
		return st, err
	}
	st.Written = len(d.stage.written)
	st.Unchanged = len(d.stage.unchanged)
	st.Removed = d.removeOld()
	for _, n := range d.stage.clear {
		st.Removed += n
	}
	// On a first build, and any with nothing old to remove nor a file of the user's to
	// replace, the list is the one written before the moves.
	if slices.Equal(during, d.stage.names) {
		err = nil
	} else {
		err = d.writeManifest(d.stage.names)
	}
	if err != nil {
		// The files are in place; the list written before the moves names all of them but
		// those that replaced a file of the user's, which a later build then leaves alone.
		d.closeStage()
		d.root.RemoveAll(d.stage.dir)
		d.closeRoot()
		d.unlock()
		return st, fmt.Errorf("recording the output's files: %w", err)
	}
	if d.legacy {
		if fi, err := d.root.Lstat(Legacy); err == nil && fi.Mode().IsRegular() {
			d.root.Remove(Legacy)
		}
	}
	d.closeStage()
	d.root.RemoveAll(d.stage.dir)
	d.removeLeftStages()
	d.closeRoot()
	d.unlock()
	return st, nil
}

// removeLeftStages removes staging folders that builds killed half way left behind (they
// would be published), but not one of a build still running.
func (d *Dir) removeLeftStages() {
	f, err := d.root.Open(".")
	if err != nil {
		return
	}
	names, _ := f.Readdirnames(-1)
	f.Close()
	for _, n := range names {
		rest, ok := strings.CutPrefix(n, stagePrefix)
		if !ok {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid == os.Getpid() || !gone(pid) {
			continue
		}
		if fi, err := d.root.Lstat(n); err == nil && fi.IsDir() {
			d.root.RemoveAll(n)
		}
	}
}

func slicesCompact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// moveIntoPlace moves the staged files into place: a folder the output does not have yet
// in one step with everything staged in it, a file over its target, the old file set aside
// first. On the first failure it undoes everything in reverse.
func (d *Dir) moveIntoPlace() error {
	// A move of name: a staged folder (from is where it was staged) or a file whose old
	// version, if any, was set aside at backup.
	type move struct {
		name, from, backup string
		swapped            string // the number in swap/ that a swap left the old file at
	}
	var done, cleared []move
	undo := func() {
		for i := len(done) - 1; i >= 0; i-- {
			m := done[i]
			switch {
			case m.swapped != "":
				d.raw.swap(m.name, d.stage.swap, m.swapped)
			case m.from != "":
				d.root.Rename(m.name, m.from)
			case m.backup != "":
				d.root.Rename(m.backup, m.name)
			default:
				d.root.Remove(m.name)
			}
		}
		for i := len(cleared) - 1; i >= 0; i-- {
			d.root.Rename(cleared[i].backup, cleared[i].name)
		}
	}
	old := d.stage.dir + "/" + stageOld + "/"
	clear := make([]string, 0, len(d.stage.clear))
	for p := range d.stage.clear {
		clear = append(clear, p)
	}
	sort.Strings(clear)
	for i, p := range clear {
		m := move{name: p, backup: old + "cleared-" + strconv.Itoa(i)}
		if err := rename(d.root, p, m.backup); err != nil {
			undo()
			return fmt.Errorf("replacing %s: %w", d.show(p), err)
		}
		cleared = append(cleared, m)
	}
	names := make([]string, 0, len(d.stage.written))
	for n := range d.stage.written {
		names = append(names, n)
	}
	radix.Strings(names)         // every file the build wrote
	folders := map[string]bool{} // folder → moved in one step (true) or already there (false)
	staged := d.stage.dir + "/" + stageNew + "/"
next:
	for i, n := range names {
		number := d.stage.swapped[n] // staged to replace a file whose folder stands
		for end := strings.IndexByte(n, '/'); end >= 0; end = nextSlash(n, end) {
			dir := n[:end]
			moved, seen := folders[dir]
			if moved && number == "" {
				continue next
			}
			if seen && !moved {
				continue
			}
			mode, err := d.lstat(dir)
			switch {
			case moved, number != "" && err == nil && !mode.IsDir(), number != "" && errors.Is(err, fs.ErrNotExist):
				undo()
				return fmt.Errorf("cannot write into %s: it is no longer a folder", d.show(dir))
			case errors.Is(err, fs.ErrNotExist):
				if err := rename(d.root, staged+dir, dir); err != nil {
					undo()
					return fmt.Errorf("writing %s: %w", d.show(dir), err)
				}
				done = append(done, move{name: dir, from: staged + dir})
				folders[dir] = true
				continue next
			case err != nil:
				undo()
				return fmt.Errorf("writing into %s: %w", d.show(dir), err)
			case !mode.IsDir():
				undo()
				return fmt.Errorf("cannot write into %s: it is no longer a folder", d.show(dir))
			}
			folders[dir] = false
		}
		m := move{name: n}
		mode, err := d.lstat(n)
		if err == nil && !mode.IsRegular() {
			undo()
			return fmt.Errorf("cannot write %s: it is no longer a file", d.show(n))
		}
		if number != "" && err == nil {
			err := swapFile(d, n, number)
			if err == nil {
				done = append(done, move{name: n, swapped: number})
				continue
			}
			if !errors.Is(err, errNoSwap) {
				undo()
				return fmt.Errorf("writing %s: %w", d.show(n), err)
			}
			// This filesystem cannot swap: set the old file aside, as below.
		}
		if err == nil {
			m.backup = old + strconv.Itoa(i)
			if err := rename(d.root, n, m.backup); err != nil {
				undo()
				return fmt.Errorf("replacing %s: %w", d.show(n), err)
			}
		}
		if err := rename(d.root, d.stagedAt(n), n); err != nil {
			if m.backup != "" {
				d.root.Rename(m.backup, n)
			}
			undo()
			return fmt.Errorf("writing %s: %w", d.show(n), err)
		}
		done = append(done, m)
	}
	return nil
}

// nextSlash returns the index of the next "/" in n after the one at i, or -1.
func nextSlash(n string, i int) int {
	j := strings.IndexByte(n[i+1:], '/')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// removeOld removes the files earlier builds wrote that this one did not, and the folders
// that leaves empty. It never goes through a symbolic link and removes only plain files.
func (d *Dir) removeOld() int {
	removed := 0
	emptied := map[string]bool{}
	for _, n := range d.old {
		if d.stage.planned[n] || !d.plainFolder(path.Dir(n)) {
			continue
		}
		if mode, err := d.lstat(n); err != nil || !mode.IsRegular() {
			continue
		}
		if d.root.Remove(n) == nil {
			removed++
			for dir := path.Dir(n); dir != "."; dir = path.Dir(dir) {
				emptied[dir] = true
			}
		}
	}
	dirs := make([]string, 0, len(emptied))
	for dir := range emptied {
		dirs = append(dirs, dir)
	}
	sort.Slice(dirs, func(i, j int) bool { return len(dirs[i]) > len(dirs[j]) }) // deepest first
	for _, dir := range dirs {
		if d.plainFolder(dir) {
			d.root.Remove(dir) // fails, as it should, when the folder holds anything else
		}
	}
	return removed
}

// Abort drops what Write staged; the folder is left as Open found it.
func (d *Dir) Abort() {
	d.stopMakers()
	if d.unlock != nil {
		d.unlock()
	}
	if d.root == nil {
		return
	}
	if d.stage.dir != "" {
		d.closeStage()
		d.root.RemoveAll(d.stage.dir)
		d.stage.dir = ""
	}
	d.closeRoot()
	if d.created {
		os.Remove(d.real) // only if empty
	}
}

func (d *Dir) closeRoot() {
	d.raw.close()
	d.raw = nil
	d.root.Close()
}

func (d *Dir) closeStage() {
	d.stage.raw.close()
	d.stage.swap.close()
	d.stage.raw, d.stage.swap = nil, nil
	if d.stage.root != nil {
		d.stage.root.Close()
		d.stage.root = nil
	}
}

// show is how a name of the output is written in a message: from the folder as given.
func (d *Dir) show(name string) string {
	return filepath.Join(d.given, filepath.FromSlash(name))
}

// joinCapped joins errors one a line, at most 20 of them.
func joinCapped(errs []error) error {
	const most = 20
	if len(errs) > most {
		more := len(errs) - most
		errs = append(errs[:most:most], fmt.Errorf("and %d more", more))
	}
	return errors.Join(errs...)
}

// WriteDir makes the output folder out of the site in opts hold files: Open, Plan, Write and
// Commit in one call.
func WriteDir(out string, files map[string][]byte, opts Options) (Stats, error) {
	d, err := Open(out, opts)
	if err != nil {
		return Stats{}, err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	if err := d.Plan(names); err != nil {
		d.Abort()
		return Stats{}, err
	}
	for _, n := range d.stage.names {
		if err := d.Write(n, files[n]); err != nil {
			d.Abort()
			return Stats{}, err
		}
	}
	return d.Commit()
}
