// Package render turns the site model and a theme into output files: pages through their
// layouts, and the feed, sitemap, robots.txt and redirects in Go.
package render
