package site

import (
	"path"
	"sort"
	"strings"

	"github.com/between-ssg/between/generator/diag"
)

// nearestFile returns the content path in byRel closest to rel, a path that names no file
// ("worksheets/valeus.md" → "worksheets/values.md"), or "". A typo is most often in the file
// name, so the files of rel's own folder are tried first, then every path, for a typo in a
// folder's name. It runs only for a broken link, so a scan of the library costs nothing
// in a build that succeeds. The page that links (from) is never suggested, nor is a file for
// a name of three letters or fewer, where one wrong letter makes another word, not a typo.
func nearestFile(rel, from string, byRel map[string]*Input) string {
	dir, base := path.Split(rel)
	if len([]rune(strings.TrimSuffix(base, ".md"))) <= 3 {
		return ""
	}
	var names, all []string
	for r := range byRel {
		if r == from || path.Base(r) == "_index.md" {
			continue // a section's page is linked by its folder, not named by a typo
		}
		if d, b := path.Split(r); d == dir {
			names = append(names, b)
		}
		all = append(all, r)
	}
	sort.Strings(names)
	if s := diag.Suggest(base, names); s != "" {
		return dir + s
	}
	sort.Strings(all)
	return diag.Suggest(rel, all)
}

// relativeTo writes target (a content path) as a link from the page at from (a content path),
// in the form a writer types: "../worksheets/values.md" from "articles/a.md".
func relativeTo(from, target string) string {
	fd := strings.Split(path.Dir(from), "/")
	if fd[0] == "." {
		fd = nil
	}
	td := strings.Split(target, "/")
	i := 0
	for i < len(fd) && i < len(td)-1 && fd[i] == td[i] {
		i++
	}
	return strings.Repeat("../", len(fd)-i) + strings.Join(td[i:], "/")
}
