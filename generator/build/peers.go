package build

import (
	"io/fs"

	"github.com/between-ssg/between/generator/diag"
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
