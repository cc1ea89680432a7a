package site

import (
	"path"
	"sort"
	"strings"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/page"
	"github.com/between-ssg/between/generator/source"
)

// nearestFile returns the content path in byRel closest to rel, a path that names no file
// ("worksheets/valeus.md" → "worksheets/values.md"), or "". The file of that name with
// another Markdown ending comes first (calm.md renamed calm.markdown), then a file of the
// same name in another folder: the link was written from the wrong folder. Then, a typo is
// most often in the file name, so the files of rel's own folder are tried, then every path,
// for a typo in a folder's name. It runs only for a broken link, so a scan of the library costs nothing
// in a build that succeeds. The page that links (from) is never suggested, nor is a file for
// a name of three letters or fewer, where one wrong letter makes another word, not a typo.
func nearestFile(rel, from string, byRel map[string]*Input) string {
	stem := source.Stem(rel)
	if s, ok := pageFile(byRel, stem); ok && s != from {
		return s
	}
	// The page made a page bundle (x.md moved to x/index.md, beside its photo), or the
	// bundle made a page again, with another ending (x/index.markdown): a link to the file
	// of the same ending leads to the page (OtherName), this one is a near miss.
	if s, ok := pageFile(byRel, bundleTwin(stem)); ok && s != from {
		return s
	}
	dir, base := path.Split(rel)
	var names, all, same []string
	for r := range byRel {
		if r == from || source.Stem(path.Base(r)) == "_index" {
			continue // a section's page is linked by its folder, not named by a typo
		}
		d, b := path.Split(r)
		if d == dir {
			names = append(names, b)
		}
		if b == base {
			same = append(same, r)
		}
		all = append(all, r)
	}
	// The file's name, right, in another folder: most often a link written from the wrong
	// folder ("about.md" from articles/ for content/about.md).
	if len(same) > 0 {
		sort.Strings(same)
		return same[0]
	}
	if len([]rune(source.Stem(base))) <= 3 {
		return ""
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

// bundleTwin is the other name of the page at stem (a content path without its ending)
// that gives the same address: its page bundle's, "articles/goals/index" for
// "articles/goals", and the other way round.
func bundleTwin(stem string) string {
	if dir, ok := strings.CutSuffix(stem, "/index"); ok {
		return dir
	}
	return stem + "/index"
}

// OtherName is the other file of the page at the content path rel, the one that has the
// same address: the page bundle's index.md for a page (worksheets/values/index.md for
// worksheets/values.md), and the other way round, with the same ending. It is "" when rel
// has none: the index.md of a section's folder is no bundle (page.BundleDir), so
// articles.md and articles/index.md are two addresses, and a folder's _index.md is a
// list's text. A link to either file leads to the page: making a page a bundle, to keep a
// photo beside it, breaks no link to it.
func OtherName(rel string) string {
	ext := source.Ext(rel)
	if ext == "" {
		return ""
	}
	if dir := page.BundleDir(rel); dir != "" {
		return dir + ext
	}
	stem := source.Stem(rel)
	if path.Base(stem) == "_index" {
		return ""
	}
	if other := stem + "/index" + ext; page.BundleDir(other) != "" {
		return other
	}
	return ""
}

// pageFile returns the content path of the page whose file is stem and a Markdown ending
// ("articles/calm" → "articles/calm.md", or "articles/calm.markdown"), .md first; when there
// is none, stem.md, and false.
func pageFile[V any](byRel map[string]V, stem string) (string, bool) {
	for _, ext := range source.Exts() {
		if _, ok := byRel[stem+ext]; ok {
			return stem + ext, true
		}
	}
	return stem + ".md", false
}
