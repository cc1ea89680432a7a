package build

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/source"
)

// peerConfigs are the settings files of other generators that a library moved to Between
// brings along, with what becomes of them. Between reads none of them, and said nothing:
// a coach who kept a navigation in mkdocs.yml or a base URL in _config.yml was left to
// wonder why it changed nothing.
var peerConfigs = []struct{ name, msg string }{
	{"mkdocs.yml", "mkdocs.yml is MkDocs' settings file, which Between does not read: write site_name and site_url in config.toml as title and baseURL; " +
		"nav has no counterpart, as pages are listed by their weight (set in each page's front matter), then date, then title; " +
		"theme, markdown_extensions and plugins have none either (see docs/content.md, Coming from Jekyll, Eleventy or MkDocs). Delete the file once that is done"},
	{"_config.yml", "_config.yml is Jekyll's settings file, which Between does not read: write title, description and url with baseurl in config.toml as title, description and baseURL " +
		"(see docs/content.md, Coming from Jekyll, Eleventy or MkDocs). Delete the file once that is done"},
	{".eleventy.js", ".eleventy.js is Eleventy's settings, a program Between does not run: write the library's title and address in config.toml " +
		"(see docs/content.md, Coming from Jekyll, Eleventy or MkDocs). Delete the file once that is done"},
	{"eleventy.config.js", "eleventy.config.js is Eleventy's settings, a program Between does not run: write the library's title and address in config.toml " +
		"(see docs/content.md, Coming from Jekyll, Eleventy or MkDocs). Delete the file once that is done"},
	{"eleventy.config.mjs", "eleventy.config.mjs is Eleventy's settings, a program Between does not run: write the library's title and address in config.toml " +
		"(see docs/content.md, Coming from Jekyll, Eleventy or MkDocs). Delete the file once that is done"},
}

// peerWarnings warns of the settings files of other generators beside config.toml.
func peerWarnings(fsys fs.FS) diag.List {
	var l diag.List
	for _, p := range peerConfigs {
		if _, err := fs.Stat(fsys, p.name); err == nil {
			l.Warn(p.name, 0, 0, "%s", p.msg)
		}
	}
	return l
}

// eleventyWarnings warns of Eleventy's data files in content/: settings for the pages of a
// folder, or for one page, that Eleventy adds to their front matter. Between reads only
// front matter, and a library moved from Eleventy lost its folders' tags and layouts
// without a word.
func eleventyWarnings(files []string) diag.List {
	var l diag.List
	for _, f := range files {
		name := path.Base(f)
		base, ext, _ := strings.Cut(name, ".11tydata.")
		reads := "read"
		if ext != "json" {
			reads = "run" // JavaScript
		}
		if dir := path.Dir(f); base == path.Base(dir) {
			l.Warn(f, 0, 0, "%s is Eleventy's settings for every page in %s/ (its data cascade), which Between does not %s: it has no settings for a folder. "+
				"Write what the file sets (tags, say) in the front matter of each page there; where it kept pages back or out of lists "+
				"(permalink: false, eleventyExcludeFromCollections: true), write draft: true or unlisted: true in each of them. Delete the file once that is done",
				name, dir, reads)
		} else {
			l.Warn(f, 0, 0, "%s is Eleventy's settings for the page %s, which Between does not %s: write what it sets in that page's front matter, and delete the file",
				name, base+".md", reads)
		}
	}
	return l
}

// eleventyChanged is files, Eleventy's data files in content/, after the changes changed:
// a file may have come or gone.
func eleventyChanged(fsys fs.FS, files, changed []string) []string {
	for _, c := range changed {
		if !strings.HasPrefix(c, "content/") || !source.EleventyData(path.Base(c)) {
			continue
		}
		files = slices.DeleteFunc(files, func(f string) bool { return f == c })
		// Where List would find it: in no hidden or _folder (a page's name stands for the
		// file's, which Included asks to end in .md).
		listed := source.Included("content", strings.TrimSuffix(c, path.Ext(c))+".md")
		if fi, err := fs.Stat(fsys, c); err == nil && fi.Mode().IsRegular() && listed {
			files = append(files, c)
		}
	}
	slices.Sort(files)
	return files
}
