package build

import (
	"bytes"
	"slices"
	"strings"

	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/generator/site"
)

// addSearch puts the search index of s into res, in place of the previous build's, and
// lists the index files that changed since last (the previous good build) in res.Changed.
// The index is a function of the model alone: one call, wherever the build ends up holding
// the model and its result. It runs after every save in the dev server, so it touches only
// the index's files, never every file of the site.
//
// idx is the index when it was made already (beside the rendering), else nil.
func (b *Builder) addSearch(res *Result, s *site.Site, last *Result, idx map[string][]byte) {
	if idx == nil {
		if b.search == nil {
			b.search = b.newIndexer()
		}
		idx = b.search.Files(s)
	}
	var prev, prevIdx map[string][]byte
	if last != nil {
		prev, prevIdx = last.Files, last.index
	}
	// What res holds in the index's folder besides this index: the last index (carried over
	// by the short way for text edits) and static files of those names, which the index
	// takes the place of.
	changed := slices.DeleteFunc(res.Changed, func(n string) bool { return strings.HasPrefix(n, search.Dir) })
	for name := range prevIdx {
		if _, ok := idx[name]; !ok {
			delete(res.Files, name)
			changed = append(changed, name)
		}
	}
	for name := range b.static {
		if _, ok := idx[name]; !ok && strings.HasPrefix(name, search.Dir) {
			delete(res.Files, name)
			if _, had := prev[name]; had {
				changed = append(changed, name)
			}
		}
	}
	for name, data := range idx {
		res.Files[name] = data
		// The indexer gives an unchanged file's very bytes again: most compare at once.
		if old, ok := prev[name]; !ok || !sameBytes(old, data) {
			changed = append(changed, name)
		}
	}
	res.index = idx
	// The offline list holds a hash of every file, the index's included.
	if _, had := res.Files["offline.json"]; had {
		b.offline(s, res.Files)
		changed = slices.DeleteFunc(changed, func(n string) bool { return n == "offline.json" })
		if !bytes.Equal(prev["offline.json"], res.Files["offline.json"]) {
			changed = append(changed, "offline.json")
		}
	}
	slices.Sort(changed)
	res.Changed = changed
	res.Summary.Files = len(res.Files)
}

// sameBytes reports whether a and b hold the same bytes, without reading them when they
// are the same memory.
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0] || bytes.Equal(a, b)
}

// newIndexer is the Indexer kept for the builds after this one. The preview's keeps the
// pages' numbers when pages come and go (search.Indexer.KeepNumbers); a build's numbers
// them afresh, its index the bytes of a build from scratch.
func (b *Builder) newIndexer() *search.Indexer {
	return &search.Indexer{KeepNumbers: b.opts.Preview}
}
