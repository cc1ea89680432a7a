package input

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// ErrOutside is the error (via errors.Is) for a file reached through a symbolic link that
// leads out of the site folder.
var ErrOutside = errors.New("link leads outside the site")

// Roots are the site's inputs that may themselves be links to a folder elsewhere: a coach
// who links the whole content/ (or static/, or a theme) means it. A link further in, such
// as static/shared → ~/Documents, is what a careless copy or someone else's library brings.
var Roots = []string{"config.toml", "content", "static", "layouts", "i18n", "themes"}

// Site returns the files of the site folder root for reading, as os.DirFS does, except
// that a name whose real path (all links resolved) lies outside the real path of root is
// refused with an *Error wrapping ErrOutside. The real paths of those Roots (and of each
// theme in themes/) that are links themselves count as inside.
//
// Without this, a link in static/ to ~/.ssh or ~/Documents published private files with
// the site, and building a library someone sent could publish whatever its links name.
func Site(root string) fs.FS {
	// Made absolute once, as the real paths it is compared with are.
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	}
	return &siteFS{root: root, dir: os.DirFS(root)}
}

type siteFS struct {
	root string
	dir  fs.FS

	mu      sync.Mutex
	real    string   // the real path of root, once known
	allowed []string // real paths reads may reach: real, and where linked roots lead
	// dirs holds the real path of each folder resolved since NewBuild, so that a file
	// costs one Lstat rather than one for every folder on its way.
	dirs map[string]string
	// listed holds the names ReadDir found to be plain files (no link) since NewBuild: a
	// build lists content/ before it reads each file, and ReadFile needs no Lstat for these
	// (see known).
	listed map[string]bool
}

// NewBuild makes fsys, when Site made it, resolve folders again: one may have been replaced
// by a link since the last build. A build calls it first.
func NewBuild(fsys fs.FS) {
	if s, ok := fsys.(*siteFS); ok {
		s.mu.Lock()
		s.dirs, s.real, s.listed = nil, "", nil
		s.mu.Unlock()
	}
}

func (s *siteFS) Open(name string) (fs.File, error) {
	if err := s.check("open", name); err != nil {
		return nil, err
	}
	return s.dir.Open(name)
}

func (s *siteFS) Stat(name string) (fs.FileInfo, error) {
	if err := s.check("stat", name); err != nil {
		return nil, err
	}
	return fs.Stat(s.dir, name)
}

func (s *siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := s.check("readdir", name); err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(s.dir, name)
	s.mu.Lock()
	if s.listed == nil {
		s.listed = map[string]bool{}
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			s.listed[path.Join(name, e.Name())] = true
		}
	}
	s.mu.Unlock()
	return entries, err
}

// known returns the real path of name when ReadDir listed it as a plain file in a folder
// already resolved inside the site: ReadFile then opens it without looking at it first.
// The open itself refuses a link put there since (O_NOFOLLOW), and finds out what else
// stands there (fstat), as it does after a look.
func (s *siteFS) known(name string) (string, bool) {
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.listed[name] || s.real == "" {
		return "", false
	}
	realDir, ok := s.dirs[dir]
	if !ok || !within(realDir, s.allowed) {
		return "", false
	}
	return filepath.Join(realDir, base), true
}

// check refuses name when its real path is outside what the site may read. A name that
// cannot be resolved (missing, a loop of links) is left to the read itself to report.
func (s *siteFS) check(op, name string) error {
	_, _, err := s.checkReal(op, name)
	return err
}

// checkReal is check, which also returns the real path of name and, when name is no link,
// what Lstat said of it there (else nil).
func (s *siteFS) checkReal(op, name string) (string, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return "", nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	real, fi, ok := s.resolve(name)
	if !ok {
		return "", nil, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.real != "" && within(real, s.allowed) {
		return real, fi, nil
	}
	// Learn the roots again: the site folder or one of its linked inputs may have been
	// replaced since (the dev server runs for hours).
	s.learn()
	if within(real, s.allowed) {
		return real, fi, nil
	}
	if fi, err := os.Stat(real); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return "", nil, nil // a device or a pipe: ReadFile refuses it as such, without opening it
	}
	return "", nil, s.outside(name, real)
}

// resolve returns the real path of name: its folder's from the cache (or resolved and
// kept), then the name itself, followed only when it is a link; and what Lstat said of
// name when it is no link.
func (s *siteFS) resolve(name string) (string, fs.FileInfo, bool) {
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	s.mu.Lock()
	realDir, ok := s.dirs[dir]
	s.mu.Unlock()
	if !ok {
		d, err := filepath.EvalSymlinks(filepath.Join(s.root, filepath.FromSlash(dir)))
		if err != nil {
			return "", nil, false
		}
		realDir = d
		s.mu.Lock()
		if s.dirs == nil {
			s.dirs = map[string]string{}
		}
		s.dirs[dir] = realDir
		s.mu.Unlock()
	}
	if name == "." {
		return realDir, nil, true
	}
	full := filepath.Join(realDir, base)
	fi, err := os.Lstat(full)
	if err != nil {
		return "", nil, false
	}
	if fi.Mode()&fs.ModeSymlink == 0 {
		return full, fi, true
	}
	real, err := filepath.EvalSymlinks(full)
	return real, nil, err == nil
}

// learn finds the real paths reads may reach.
func (s *siteFS) learn() {
	real, err := filepath.EvalSymlinks(s.root)
	if err != nil {
		real = s.root
	}
	s.real, s.allowed = real, []string{real}
	link := func(rel string) {
		p := filepath.Join(real, rel)
		if fi, err := os.Lstat(p); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			if to, err := filepath.EvalSymlinks(p); err == nil {
				s.allowed = append(s.allowed, to)
			}
		}
	}
	for _, r := range Roots {
		link(r)
	}
	if entries, err := os.ReadDir(filepath.Join(real, "themes")); err == nil {
		for _, e := range entries {
			link(filepath.Join("themes", e.Name()))
		}
	}
}

// outside makes the error for name, naming the link on its way that leads out.
func (s *siteFS) outside(name, real string) error {
	link, target := name, real
	parts := strings.Split(name, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		full := filepath.Join(s.real, filepath.FromSlash(p))
		fi, err := os.Lstat(full)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if to, err := filepath.EvalSymlinks(full); err == nil && !within(to, s.allowed) {
			link, target = p, to
			if t, err := os.Readlink(full); err == nil && filepath.IsAbs(t) {
				target = t
			}
			break
		}
	}
	what := "a link"
	if link != name {
		what = fmt.Sprintf("it is in %s, a link", link)
	}
	return &Error{Name: name, err: ErrOutside, Msg: fmt.Sprintf(
		"%s to %s, outside the site folder; Between reads nothing outside the site, so that a link cannot publish private files: copy what you need into the site instead (or link a whole %s folder)",
		what, target, rootOf(name))}
}

// rootOf is the input folder name is in, as the error's advice names it.
func rootOf(name string) string {
	first, rest, _ := strings.Cut(name, "/")
	if first == "themes" {
		if theme, _, ok := strings.Cut(rest, "/"); ok {
			return "themes/" + theme + "/"
		}
	}
	return first + "/"
}

// within reports whether the real path p is one of dirs or inside one.
func within(p string, dirs []string) bool {
	for _, d := range dirs {
		if p == d || strings.HasPrefix(p, d+string(filepath.Separator)) || d == string(filepath.Separator) {
			return true
		}
	}
	return false
}
