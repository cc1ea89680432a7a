package main

import (
	"fmt"
	"path/filepath"
	"testing"
)

// A build writes each page to the output's staging folder as soon as it is rendered. A
// template that fails on one page, after many others were written, still leaves the output
// folder exactly as it was: nothing staged is moved into place, and the staging is gone.
func TestTemplateFailingMidBuildLeavesOutputAlone(t *testing.T) {
	files := map[string]string{"config.toml": "baseURL = \"https://example.org/\"\ntitle = \"Out\"\n"}
	for i := range 60 {
		files[fmt.Sprintf("content/articles/a%02d.md", i)] = page(fmt.Sprintf("title = \"A%02d\"\n", i), "Text.\n")
	}
	site := newSite(t, files)
	out := filepath.Join(t.TempDir(), "out")
	runCode(t, 0, "build", "-s", site, "-d", out)
	before := treeHash(t, out)

	// Every article but the last in the plan renders (and is staged) before this one fails.
	writeFiles(t, site, map[string]string{
		"layouts/article.html": `{{if eq .Page.Title "A00"}}{{.Page.Nope}}{{else}}changed {{.Page.Title}}{{end}}`,
	})
	runCode(t, 1, "build", "-s", site, "-d", out)
	if after := treeHash(t, out); after != before {
		t.Fatalf("a template failing mid-build changed the output folder:\nbefore\n%s\nafter\n%s", before, after)
	}
}
