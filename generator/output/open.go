package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Inputs are the site's own files and folders, relative to the site folder. The output
// folder may neither be one of them, lie inside one, nor hold one. .between holds the
// manifests.
var Inputs = []string{"content", "static", "layouts", "themes", "i18n", "config.toml", StateDir}

// Options says which site builds into the folder, and whether to take a folder that holds
// files no build of it wrote.
type Options struct {
	// Site is the site folder. The output may not hold it or its inputs, and its .between/
	// folder keeps the manifest.
	Site string
	// Force takes a non-empty folder that no between build wrote: its files are kept, and
	// from then on the folder is between's.
	Force bool
}

// Dir is an output folder, checked and ready to write. Its methods other than Write are
// for one goroutine.
type Dir struct {
	given    string // the path as the user gave it, for messages
	real     string // the path with every symbolic link resolved
	site     string // the site's real path
	manifest string // the manifest file's path
	key      string // what the manifest's first line must say
	root     *os.Root
	raw      *rawDir  // the folder the fast way, or nil where there is none
	created  bool     // Open found no folder; Write or Commit made it
	old      []string // what earlier builds wrote, checked
	legacy   bool     // the folder holds a manifest of the earlier kind (inside it)
	unlock   func()   // lets another build of the site write into the folder

	stage stage
}

// Open checks the folder out as a build's output, takes the lock that keeps a second build
// from writing into it at the same time, and reads what earlier builds wrote there. It
// writes nothing in the folder, which need not exist yet. Commit or Abort releases the lock.
func Open(out string, opts Options) (*Dir, error) {
	d := &Dir{given: out}
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if d.real, err = resolve(abs); err != nil {
		return nil, fmt.Errorf("the output folder %s: %w", out, err)
	}
	if opts.Site == "" {
		return nil, errors.New("output.Open: no site folder")
	}
	siteAbs, err := filepath.Abs(opts.Site)
	if err != nil {
		return nil, err
	}
	if d.site, err = filepath.EvalSymlinks(siteAbs); err != nil {
		return nil, fmt.Errorf("the site folder %s: %w", opts.Site, err)
	}
	if err := d.refuse(opts.Site); err != nil {
		return nil, err
	}

	fi, err := os.Stat(d.real)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d.created = true
	case err != nil:
		return nil, fmt.Errorf("the output folder %s: %w", out, err)
	case !fi.IsDir():
		return nil, fmt.Errorf("the output folder %s is a file, not a folder; give a folder with -d", out)
	}
	d.manifest, d.key = manifestPath(d.site, d.real)
	// Two builds writing one folder at once would each remove what the other wrote.
	if err := os.MkdirAll(filepath.Dir(d.manifest), 0o755); err != nil {
		return nil, fmt.Errorf("between keeps the list of what it writes in %s: %w", filepath.Dir(d.manifest), err)
	}
	// One lock for the site, whatever the folder: builds of one site take turns.
	if d.unlock, err = lock(filepath.Join(filepath.Dir(d.manifest), "lock")); err != nil {
		if errors.Is(err, errLocked) {
			return nil, fmt.Errorf("another between build of this site is writing (into %s or another folder); wait until it is done", out)
		}
		return nil, fmt.Errorf("locking the output folder %s: %w", out, err)
	}
	if !d.created {
		if d.root, err = os.OpenRoot(d.real); err != nil {
			d.unlock()
			return nil, fmt.Errorf("the output folder %s: %w", out, err)
		}
		if err := d.readManifests(opts.Force); err != nil {
			d.root.Close()
			d.unlock()
			return nil, err
		}
		d.raw = openRaw(d.root, ".")
	}
	return d, nil
}

var errLocked = errors.New("locked")

// Path is the output folder's real path, every symbolic link resolved.
func (d *Dir) Path() string { return d.real }

// resolve returns abs with every symbolic link resolved, also when its last parts do not
// exist yet: those are resolved as far as they exist.
func resolve(abs string) (string, error) {
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if fi, lerr := os.Lstat(p); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			// A link to nowhere: making the folder would make it wherever the link points.
			return "", fmt.Errorf("%s is a symbolic link to something that does not exist; remove it or give another folder", p)
		}
		if filepath.Dir(p) == p {
			return "", err
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// within reports whether child is parent or lies inside it; both are clean absolute paths.
func within(parent, child string) bool {
	rel, err := filepath.Rel(parent, child)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// refuse says why the output folder must not be written, if it must not: a build removes
// files from its output, so it must never be a folder whose files are the user's own.
func (d *Dir) refuse(siteGiven string) error {
	o := d.real
	suggest := filepath.Join(siteGiven, "public")
	if filepath.Dir(o) == o {
		return fmt.Errorf("the output folder %s is the root of the filesystem; give a folder of its own, like %s", d.given, suggest)
	}
	if within(o, d.site) {
		return fmt.Errorf("the output folder %s holds the site itself; choose a folder inside it, like %s", d.given, suggest)
	}
	for _, in := range Inputs {
		p := filepath.Join(d.site, in)
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r // content/ may be a link to a folder elsewhere: protect where it points
		}
		if within(p, o) {
			return fmt.Errorf("the output folder %s is inside the site's %s; choose another, like %s", d.given, in, suggest)
		}
		if within(o, p) {
			return fmt.Errorf("the output folder %s holds the site's %s; choose another, like %s", d.given, in, suggest)
		}
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if h, err := filepath.EvalSymlinks(home); err == nil && within(o, h) {
			return fmt.Errorf("the output folder %s is (or holds) your home folder; give a folder of its own, like %s", d.given, suggest)
		}
	}
	return nil
}

// empty reports whether the folder holds nothing but what a build of ours left there.
func (d *Dir) empty() (bool, error) {
	f, err := d.root.Open(".")
	if err != nil {
		return false, err
	}
	defer f.Close()
	for {
		names, err := f.Readdirnames(64)
		for _, n := range names {
			if !strings.HasPrefix(n, stagePrefix) {
				return false, nil
			}
		}
		if errors.Is(err, io.EOF) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
	}
}
