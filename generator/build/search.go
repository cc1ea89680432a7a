package build

import (
	"bytes"
	"slices"
	"strings"

	"github.com/between-ssg/between/generator/search"
	"github.com/between-ssg/between/generator/site"
)

// addSearch puts the search index of s into res, in place of the previous build's, and
// lists the index files that changed since prev (the previous build's files) in
// res.Changed. The index is a function of the model alone: one call, wherever the build
// ends up holding the model and its result.
func (b *Builder) addSearch(res *Result, s *site.Site, prev map[string][]byte) {
	if b.search == nil {
		b.search = new(search.Indexer)
	}
	idx := b.search.Files(s)
	for name := range res.Files {
		if strings.HasPrefix(name, search.Dir) {
			delete(res.Files, name)
		}
	}
	changed := slices.DeleteFunc(res.Changed, func(n string) bool { return strings.HasPrefix(n, search.Dir) })
	for name, data := range idx {
		res.Files[name] = data
		if old, ok := prev[name]; !ok || !bytes.Equal(old, data) {
			changed = append(changed, name)
		}
	}
	for name := range prev {
		if _, ok := idx[name]; !ok && strings.HasPrefix(name, search.Dir) {
			changed = append(changed, name)
		}
	}
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
