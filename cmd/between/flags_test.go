package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFlagValuesAreChecked(t *testing.T) {
	site, _ := outputSite(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"build", "-s", site, "--base-url", "example.org"}, `--base-url "example.org" is not a web address`},
		{[]string{"check", "-s", site, "--base-url", "ftp://x/"}, `--base-url "ftp://x/" is not a web address`},
		{[]string{"build", "-s", site, "--base-url", "https://example.org/?q#f"}, `--base-url "https://example.org/?q#f" has a ? or #`},
		{[]string{"serve", "-s", filepath.Join(site, "nowhere")}, "has no config.toml or content/ folder"},
		{[]string{"build", "-s", site, "extra"}, `unexpected argument "extra"`},
	}
	for _, tc := range tests {
		_, stderr := runCode(t, exitUsage, tc.args...)
		if !strings.Contains(stderr, tc.want) {
			t.Errorf("between %s: stderr %q, want %q", strings.Join(tc.args, " "), stderr, tc.want)
		}
	}
}

func TestNewWithALetterOutsideASCII(t *testing.T) {
	site, _ := outputSite(t)
	runCode(t, exitOK, "new", "article", "Élan-vital", "-s", site)
	data, err := os.ReadFile(filepath.Join(site, "content", "articles", "élan-vital.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `title = "Élan vital"`) {
		t.Errorf("title line in:\n%s", data)
	}
	runCode(t, exitOK, "check", "-s", site, "--drafts")
}

func TestSummaryLineCountsOneFile(t *testing.T) {
	site, out := outputSite(t)
	runCode(t, exitOK, "build", "-s", site, "-d", out)
	if err := os.WriteFile(filepath.Join(site, "static", "notes.txt"), []byte("changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _ := runCode(t, exitOK, "build", "-s", site, "-d", out)
	// The static file, and offline.json, whose version is a hash of every file.
	if !strings.Contains(stdout, ": 2 files written,") {
		t.Errorf("summary %q, want \": 2 files written,\"", stdout)
	}
}
