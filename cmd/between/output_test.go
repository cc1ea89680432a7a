package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runOK runs the command and fails the test unless it exits with want.
func runCode(t *testing.T, want int, args ...string) (string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != want {
		t.Fatalf("between %s exited %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, stdout.String(), stderr.String())
	}
	return stdout.String(), stderr.String()
}

// outputSite is a small site with two articles, built into its own out/ folder.
func outputSite(t *testing.T) (site, out string) {
	site = newSite(t, map[string]string{
		"config.toml":             "baseURL = \"https://example.org/\"\ntitle = \"Out\"\n",
		"content/_index.md":       page("title = \"Home\"\n", "Hello.\n"),
		"content/articles/one.md": page("title = \"One\"\ntags = [\"a\"]\n", "First.\n"),
		"content/articles/two.md": page("title = \"Two\"\n", "Second, see [one](one.md).\n"),
		"static/notes.txt":        "static file\n",
	})
	out = filepath.Join(t.TempDir(), "out")
	runCode(t, 0, "build", "-s", site, "-d", out)
	return site, out
}

func TestFailedBuildLeavesOutputAlone(t *testing.T) {
	site, out := outputSite(t)
	writeFiles(t, out, map[string]string{"CNAME": "library.example.org\n", ".git/config": "[core]\n"})
	before := treeHash(t, out)

	// A broken page, a broken config and a broken template each fail the build before it
	// writes anything.
	for _, broken := range []map[string]string{
		{"content/articles/two.md": page("title = \"Two\"\nweight = \"x\"\n", "")},
		{"content/articles/two.md": page("title = \"Two\"\n", "[gone](nope.md)\n")},
		{"config.toml": "titel = \"x\"\n"},
		{"layouts/article.html": "{{.Nope}"},
		{"layouts/article.html": "{{.Page.Nope}}"},
	} {
		saved := map[string]string{}
		for name := range broken {
			data, err := os.ReadFile(filepath.Join(site, name))
			if err == nil {
				saved[name] = string(data)
			}
		}
		writeFiles(t, site, broken)
		_, stderr := runCode(t, 1, "build", "-s", site, "-d", out)
		if !strings.Contains(stderr, "nothing was written") && !strings.Contains(stderr, "between") {
			t.Errorf("stderr does not say what happened:\n%s", stderr)
		}
		if after := treeHash(t, out); after != before {
			t.Fatalf("a failed build (%v) changed the output folder:\nbefore\n%s\nafter\n%s", broken, before, after)
		}
		writeFiles(t, site, saved)
	}
	runCode(t, 0, "build", "-s", site, "-d", out)
}

func TestOtherFilesSurvive(t *testing.T) {
	site, out := outputSite(t)
	mine := map[string]string{
		"CNAME":                  "library.example.org\n",
		".git/config":            "[core]\n",
		".nojekyll":              "",
		"articles/one/notes.txt": "my own notes next to a page\n",
		"downloads/guide.pdf":    "%PDF",
	}
	writeFiles(t, out, mine)
	if !exists(out, "articles/one/index.html") || !exists(out, "articles/two/index.html") || !exists(out, "tags/a/index.html") {
		t.Fatal("the first build did not write the pages")
	}

	// Removing a page (and the only page with a tag) removes its files on the next build,
	// and the folders they leave empty, but nothing between did not write.
	if err := os.Remove(filepath.Join(site, "content/articles/one.md")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, site, map[string]string{"content/articles/two.md": page("title = \"Two\"\n", "Second.\n")})
	stdout, _ := runCode(t, 0, "build", "-s", site, "-d", out)
	if !strings.Contains(stdout, "removed") {
		t.Errorf("summary line: %s", stdout)
	}
	if exists(out, "tags/a/index.html") || exists(out, "tags/a") {
		t.Error("the removed tag's page is still there")
	}
	if exists(out, "articles/one/index.html") {
		t.Error("the removed page's file is still there")
	}
	if !exists(out, "articles/one") {
		t.Error("a folder holding the user's own file was removed")
	}
	for name, text := range mine {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || string(data) != text {
			t.Errorf("%s did not survive the build: %q %v", name, data, err)
		}
	}
	if !exists(out, "articles/two/index.html") || !exists(out, "notes.txt") {
		t.Error("a page or static file of the site is missing")
	}
}

func TestUnchangedFilesAreNotRewritten(t *testing.T) {
	site, out := outputSite(t)
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	all := readTree(t, out)
	for name := range all {
		if err := os.Chtimes(filepath.Join(out, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	// Nothing changed: every file keeps its time.
	stdout, _ := runCode(t, 0, "build", "-s", site, "-d", out)
	if !strings.Contains(stdout, " 0 files written,") {
		t.Errorf("a build with no change wrote files: %s", stdout)
	}
	for name := range all {
		if name == ".between-manifest" {
			continue
		}
		if mt := mtime(t, out, name); !mt.Equal(old) {
			t.Errorf("%s was rewritten by a build with no change", name)
		}
	}
	// One page's text changed: its page is written, an unrelated one is not.
	writeFiles(t, site, map[string]string{"content/articles/two.md": page("title = \"Two\"\n", "Second, changed.\n")})
	runCode(t, 0, "build", "-s", site, "-d", out)
	if mtime(t, out, "articles/two/index.html").Equal(old) {
		t.Error("the changed page was not written")
	}
	if !mtime(t, out, "notes.txt").Equal(old) || !mtime(t, out, "articles/one/index.html").Equal(old) {
		t.Error("unchanged files were rewritten")
	}
	// No temporary files are left behind.
	for name := range readTree(t, out) {
		if strings.Contains(name, ".between-") && name != ".between-manifest" {
			t.Errorf("temporary file %s left in the output", name)
		}
	}
}

func TestOutputFolderMustNotHoldTheSite(t *testing.T) {
	site, _ := outputSite(t)
	before := treeHash(t, site)
	for _, d := range []string{
		site,
		filepath.Join(site, "content"),
		filepath.Join(site, "content", "articles"),
		filepath.Join(site, "static"),
		filepath.Join(site, "layouts"),
		filepath.Dir(site),
		site + string(filepath.Separator) + ".",
	} {
		_, stderr := runCode(t, 2, "build", "-s", site, "-d", d)
		if !strings.Contains(stderr, "output folder") {
			t.Errorf("-d %s: stderr %q does not explain", d, stderr)
		}
	}
	if after := treeHash(t, site); after != before {
		t.Errorf("a refused build changed the site:\nbefore\n%s\nafter\n%s", before, after)
	}
	// A folder next to the site whose name starts like it is fine.
	runCode(t, 0, "build", "-s", site, "-d", site+"-public")
}

func TestDefaultOutputFolder(t *testing.T) {
	site, _ := outputSite(t)
	runCode(t, 0, "build", "-s", site)
	if !exists(site, "public/index.html") || !exists(site, "public/articles/one/index.html") {
		t.Error("build without -d did not write SITE/public")
	}
	// check writes nothing.
	before := treeHash(t, site)
	stdout, _ := runCode(t, 0, "check", "-s", site)
	if !strings.HasPrefix(stdout, "Checked 3 pages, 0 reading paths, 0 worksheets, 1 tag: no problems found") {
		t.Errorf("check printed %q", stdout)
	}
	if after := treeHash(t, site); after != before {
		t.Error("check wrote files")
	}
}

// TestCheckCountsWarnings: check with warnings says there are some, above, and that they do not
// stop a build; it said "no problems found" under them.
func TestCheckCountsWarnings(t *testing.T) {
	site, _ := outputSite(t)
	writeFiles(t, site, map[string]string{"content/articles/three.md": page("title = \"Three\"\ntittle = \"x\"\ndecription = \"y\"\n", "Third.\n")})
	stdout, stderr := runCode(t, 0, "check", "-s", site)
	if !strings.HasPrefix(stdout, "Checked 4 pages, 0 reading paths, 0 worksheets, 1 tag: no errors, 2 warnings above (a build still publishes; --strict stops at them) in ") {
		t.Errorf("check printed %q", stdout)
	}
	if strings.Count(stderr, "warning:") != 2 {
		t.Errorf("check's warnings:\n%s", stderr)
	}
}

func exists(dir, name string) bool {
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
	return err == nil
}

func mtime(t *testing.T, dir, name string) time.Time {
	t.Helper()
	fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return fi.ModTime()
}

func TestBuildRefusesDangerousFolders(t *testing.T) {
	site, out := outputSite(t)
	writeFiles(t, filepath.Dir(out), map[string]string{"theirs/index.html": "someone else's\n"})
	link := filepath.Join(t.TempDir(), "to-site")
	if err := os.Symlink(site, link); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, site)
	for d, want := range map[string]string{
		"/":                            "root of the filesystem",
		link:                           "holds the site itself",
		filepath.Join(link, "content"): "inside the site's content",
		filepath.Join(filepath.Dir(out), "theirs"): "--force",
	} {
		_, stderr := runCode(t, 2, "build", "-s", site, "-d", d)
		if !strings.Contains(stderr, want) {
			t.Errorf("-d %s: stderr %q does not say %q", d, stderr, want)
		}
	}
	if after := treeHash(t, site); after != before {
		t.Errorf("a refused build changed the site")
	}
	theirs := filepath.Join(filepath.Dir(out), "theirs")
	runCode(t, 0, "build", "-s", site, "-d", theirs, "--force")
	if !exists(theirs, "articles/one/index.html") {
		t.Error("--force did not build")
	}
	// The list of written files is not published.
	for name := range readTree(t, out) {
		if strings.Contains(name, ".between") {
			t.Errorf("the output holds %s", name)
		}
	}
}
