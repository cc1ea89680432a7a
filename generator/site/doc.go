// Package site is the site model: sections, tags, reading paths, neighbours and URLs, built
// from parsed pages with no I/O. Templates read it; nothing downstream changes it.
package site
