package themes

import (
	"io/fs"
	"regexp"
	"sort"
)

// writtenID is an id as the theme's files write it: in a layout's id="..." or a script's
// el.id = "...". Ids a layout is given in a dict or makes of a name are not found so.
var writtenID = regexp.MustCompile(`id="([a-z][a-z0-9-]*)"|\.id = "([a-z][a-z0-9-]*)"`)

// WrittenIDs maps each id the default theme's files write as text (writtenID) to the files
// that write it, in order. The tests that keep a page's headings off the theme's ids check
// their lists against it, so that an id the theme gains is not forgotten there.
func WrittenIDs() (map[string][]string, error) {
	ids := map[string][]string{}
	err := fs.WalkDir(Default, "default", func(name string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(Default, name)
		if err != nil {
			return err
		}
		for _, m := range writtenID.FindAllStringSubmatch(string(data), -1) {
			id := m[1] + m[2]
			ids[id] = append(ids[id], name)
		}
		return nil
	})
	for _, files := range ids {
		sort.Strings(files)
	}
	return ids, err
}
