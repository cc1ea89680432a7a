package build

import (
	"time"

	"github.com/between-ssg/between/generator/diag"
)

// Options says what to build and how.
type Options struct {
	Root    string // the site folder on disk (holds config.toml and content/)
	Drafts  bool   // include drafts and future-dated (or expired) pages
	Strict  bool   // warnings are errors
	BaseURL string // overrides config.toml's baseURL when not empty (the dev server sets it)
	// Preview is a build for `between serve`: no service worker and no offline list, so a
	// coach's preview is never a copy kept in the browser.
	Preview bool
}

// Result is one complete build of the site, held in memory.
type Result struct {
	// Files is the complete output: slash paths without a leading slash
	// ("articles/x/index.html", "css/main.css") to their bytes. A Result is never changed
	// after it is returned, so a server may keep serving it while the next build runs.
	Files map[string][]byte
	// Changed lists the output paths added, changed or removed since the previous Result of
	// the same Builder, sorted; on the first build, every file.
	Changed []string
	// Rendered counts the pages whose templates ran in this build.
	Rendered int
	// Summary is counts for the build's summary line.
	Summary  Summary
	Warnings diag.List
	Duration time.Duration

	index map[string][]byte // the search index's files among Files, for the next rebuild
}

// Summary counts what a build made.
type Summary struct {
	Pages, Paths, Worksheets, Tags, Files int
}
