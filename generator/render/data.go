package render

import "github.com/between-ssg/between/generator/site"

// Data is what every layout receives as its dot.
type Data struct {
	Site *site.Site
	// Page is the page being rendered. List pages (section, tags, tag, search, 404) get a
	// page made for them, so .Page.Title, .Page.URL and .Page.Kind always work.
	Page *site.Page
	// Layout is the layout's name: home, article, guide, worksheet, page, path, booklet,
	// section, tags, tag, search, 404, alias.
	Layout  string
	Section *site.Section // on section lists
	Tag     *site.Tag     // on a tag page
	Path    *site.Path    // on a path page and its booklet
	Target  string        // on an alias page: the URL it redirects to
}
