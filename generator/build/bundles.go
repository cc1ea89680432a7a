package build

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/input"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/source"
	"github.com/between-ssg/between/generator/theme"
)

// A page bundle, as Hugo makes them, is a folder with an index.md: content/articles/goals/
// with index.md and photo.jpg is the page /articles/goals/ and the file
// /articles/goals/photo.jpg, so that the page's ![Goals](photo.jpg) finds it. The files
// beside the page are static files with another source: they are read, limited, checked
// for clashes and written by the static files' code (readStatic, checkNames,
// checkOutputNames, CheckAddrs), under the names placeBundles gives them.

// The limits of static/ hold for it and the bundles' files together; smaller in tests.
var (
	maxStaticFiles       = theme.MaxStaticFiles
	maxStaticBytes int64 = input.StaticTotalLimit
)

// maxLinkDepth is how many links to folders, one in another, a bundle's files are
// followed through: as many as static/'s (theme.scan), which no loop of links passes.
const maxLinkDepth = 8

// bundles is what placeBundles keeps from one build to the next.
type bundles struct {
	files map[string]theme.Source // the files of the published bundles, by output name
	data  map[string][]byte       // their bytes, by their file in the site
	own   int                     // the staticGen of the static files they were merged with
	// linked is set when a bundle's files were found through a link to a folder, which
	// may lead anywhere in the site folder.
	linked bool
}

// placeBundles finds the files beside the published page bundles among names, reads those
// it has not read (all of them again when reread: a file in content/ other than a page
// changed), and sets b.sources and b.static to the static files with them. A change in
// what they are makes the next outputs' names be checked again (staticGen).
func (b *Builder) placeBundles(names []string, visible map[string]bool, reread bool) error {
	folders := map[string]bool{} // every bundle's folder, published or not: none is another's file
	for _, n := range names {
		if e := b.entries[n]; e != nil && e.page != nil && e.page.Bundle != "" {
			if src, ok := b.source(n); ok {
				folders[path.Dir(src)] = true
			}
		}
	}
	if len(folders) == 0 && len(b.bundles.files) == 0 {
		// Most libraries: nothing to merge, and no copy of the static files.
		if b.bundles.own != b.staticGen {
			b.sources, b.static, b.bundles.own = b.theme.Static, b.ownStatic, b.staticGen
		}
		return nil
	}
	files := map[string]theme.Source{}
	linked := false
	var errs diag.List
	room := maxStaticFiles - len(b.theme.Static)
	for _, n := range names {
		e := b.entries[n]
		if e == nil || e.page == nil || e.page.Bundle == "" || !visible[n] {
			continue // a draft's photo is not published before the draft is
		}
		src, ok := b.source(n)
		if !ok {
			continue
		}
		dir, up := path.Dir(src), site.URLPath(e.page)
		var walk func(from string, depth int)
		walk = func(from string, depth int) {
			_ = fs.WalkDir(b.fsys, from, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					if p == dir && errors.Is(err, fs.ErrNotExist) {
						return fs.SkipAll // removed since it was listed: the next rebuild says so
					}
					errs.Add(p, 0, 0, "%s", input.Problem(err))
					return nil
				}
				if p == from {
					return nil
				}
				// As in listing content/: every hidden name (even .htaccess, which static/
				// publishes), scratch files and _folders stay out, and a bundle inside this
				// one publishes its own files.
				name := d.Name()
				skip := strings.HasPrefix(name, ".") || theme.SkipStatic(name)
				if d.IsDir() {
					if skip || strings.HasPrefix(name, "_") || folders[p] {
						return fs.SkipDir
					}
					return nil
				}
				if skip || source.Ext(name) != "" {
					return nil
				}
				if d.Type()&fs.ModeSymlink != 0 {
					// A link to a folder (a shared folder of pictures) is followed, as in
					// static/, to a depth no loop of links passes; a link to a file is read
					// like one in static/. Either is refused when it leads outside the
					// site: reading it says so.
					if fi, err := fs.Stat(b.fsys, p); err == nil && fi.IsDir() {
						if strings.HasPrefix(name, "_") {
							return nil
						}
						linked = true
						if depth < maxLinkDepth {
							walk(p, depth+1)
						}
						return nil
					}
				}
				if room--; room < 0 {
					return fs.SkipAll
				}
				files[up+strings.TrimPrefix(p, dir+"/")] = theme.Source{FS: b.fsys, Path: p, Origin: p}
				return nil
			})
		}
		walk(dir, 0)
		if room < 0 {
			return diag.List{{File: dir + "/", Msg: fmt.Sprintf("static/ and the folders of page bundles hold more than %d files together; "+
				"keep beside a page only the files it shows or links to", maxStaticFiles)}}
		}
	}
	if len(errs) > 0 {
		return errs.Sort()
	}
	same := !reread && b.bundles.own == b.staticGen &&
		maps.EqualFunc(files, b.bundles.files, func(a, b theme.Source) bool { return a.Path == b.Path })
	if same {
		b.bundles.linked = linked
		return nil
	}
	data := map[string][]byte{}
	total := int64(0)
	for _, d := range b.ownStatic {
		total += int64(len(d))
	}
	sources := maps.Clone(b.theme.Static)
	static := maps.Clone(b.ownStatic)
	for _, name := range slices.Sorted(maps.Keys(files)) { // the same problem named every time
		src := files[name]
		if had, taken := sources[name]; taken {
			other := "the static file " + had.Origin
			if rest, ok := strings.CutPrefix(had.Origin, "theme:"); ok {
				other = "the theme's " + rest
			}
			errs.Add(src.Origin, 0, 0, "this file is published at /%s, like %s; remove one of them", name, other)
			continue
		}
		d, ok := b.bundles.data[src.Path]
		if !ok || reread {
			var err error
			if d, err = input.ReadFile(src.FS, src.Path, input.StaticLimit); err != nil {
				errs.Add(src.Origin, 0, 0, "%s", input.Problem(err))
				continue
			}
		}
		if total += int64(len(d)); total > maxStaticBytes {
			return diag.List{{File: path.Dir(src.Origin) + "/", Msg: fmt.Sprintf("static/ and the files of page bundles add up to more than %s, "+
				"more than a site should hold; keep beside a page only the files it shows or links to", input.Size(maxStaticBytes))}}
		}
		data[src.Path] = d
		sources[name], static[name] = src, d
	}
	if len(errs) > 0 {
		return errs.Sort()
	}
	b.bundles = bundles{files: files, data: data, own: b.staticGen, linked: linked}
	b.sources, b.static = sources, static
	b.staticGen++ // the names to check, or the bytes to write, are others
	b.bundles.own = b.staticGen
	return nil
}
