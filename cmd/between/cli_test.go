package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/build"
)

// The command init prints to run next works when pasted, whatever the folder's name.
func TestInitNextCommandQuoted(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"library", "cd DIR/library && between serve"},
		{"with space/é", "cd 'DIR/with space/é' && between serve"},
		{"Clara's library", `cd 'DIR/Clara'\''s library' && between serve`},
	} {
		dir := t.TempDir()
		stdout, _ := runCode(t, 0, "init", filepath.Join(dir, tt.name))
		if want := strings.ReplaceAll(tt.want, "DIR", dir); !strings.Contains(stdout, "Next: "+want+"\n") {
			t.Errorf("init %q printed:\n%s\nwant Next: %s", tt.name, stdout, want)
		}
	}
}

func TestInitThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "library")
	stdout, _ := runCode(t, 0, "init", dir)
	if !strings.Contains(stdout, "config.toml") || !strings.Contains(stdout, "A new library is ready") {
		t.Errorf("init printed:\n%s", stdout)
	}
	stdout, stderr := runCode(t, 0, "build", "-s", dir)
	if stderr != "" {
		t.Errorf("a new site builds with warnings:\n%s", stderr)
	}
	// SPEC: one summary line with pages, paths, worksheets, tags, files written and time.
	summary := regexp.MustCompile(`^Built \d+ pages, 1 reading path, 1 worksheet, \d+ tags? into .+: \d+ files written, 0 unchanged, 0 removed, in \d+ ms\.\n$`)
	if !summary.MatchString(stdout) {
		t.Errorf("summary line %q", stdout)
	}
	out := filepath.Join(dir, "public")
	files := readTree(t, out)
	for _, want := range []string{
		"index.html", "404.html", "index.xml", "sitemap.xml", "robots.txt", "about/index.html",
		"articles/index.html", "guides/index.html", "worksheets/index.html", "paths/index.html", "tags/index.html",
		"articles/welcome/index.html", "guides/after-a-session/index.html", "worksheets/next-steps/index.html",
		"paths/start-here/index.html", "paths/start-here/print/index.html", "search/index.html",
	} {
		if _, ok := files[want]; !ok {
			t.Errorf("the new site has no %s", want)
		}
	}
	// Every internal link of the new site works (its base URL has no path).
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range attrRe.FindAllStringSubmatch(string(data), -1) {
			ref := m[2]
			if strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "//") {
				ref = "/library" + ref // checkRef expects the fixture's base path
			}
			if p := checkRef(files, name, m[1], strings.ReplaceAll(ref, "&amp;", "&")); p != "" && !strings.HasPrefix(m[2], "https://example.org/") {
				t.Errorf("%s: %s=%q: %s", name, m[1], m[2], p)
			}
		}
	}
	if !strings.Contains(string(files["worksheets/next-steps/index.html"]), "<textarea") && !strings.Contains(string(files["worksheets/next-steps/index.html"]), "<input") {
		t.Error("the new worksheet has no fields")
	}

	// init refuses to write over a site, and changes nothing.
	before := treeHash(t, dir)
	_, stderr = runCode(t, 1, "init", dir)
	if !strings.Contains(stderr, "already exists") {
		t.Errorf("init over a site: %q", stderr)
	}
	if treeHash(t, dir) != before {
		t.Error("init over a site changed it")
	}
	// init into a folder with other files (but no site) is fine.
	other := t.TempDir()
	writeFiles(t, other, map[string]string{"README.md": "mine\n"})
	runCode(t, 0, "init", other)
}

// TestInitAppendSetting is what a coach does after init when following
// docs/configuration.md: settings added at the end of config.toml, which ends with
// [params]. check and build used to say "no problems found" and build without them.
func TestInitAppendSetting(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "library")
	runCode(t, 0, "init", dir)
	name := filepath.Join(dir, "config.toml")
	cfg, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	n := strings.Count(string(cfg), "\n")
	added := "coach_email = \"clara at example.org\"\npaginate = \"10\"\n"
	if err := os.WriteFile(name, append(cfg, added...), 0o644); err != nil {
		t.Fatal(err)
	}
	params := strings.Count(string(cfg[:strings.Index(string(cfg), "\n[params]\n")+1]), "\n") + 1
	for _, cmd := range []string{"check", "build"} {
		_, stderr := runCode(t, 1, cmd, "-s", dir)
		for i, key := range []string{"coach_email", "paginate"} {
			want := fmt.Sprintf("config.toml:%d: %s is inside [params] (line %d), so Between does not read it as its setting; move it above [markdown]", n+1+i, key, params)
			if !strings.Contains(stderr, want) {
				t.Errorf("%s printed\n%s\nwant a line with\n%s", cmd, stderr, want)
			}
		}
	}
	if exists(dir, "public") {
		t.Error("the build wrote public/ despite the problems")
	}
}

func TestInitHere(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	runCode(t, 0, "init")
	runCode(t, 0, "build")
	if !exists(dir, "public/index.html") {
		t.Error("init and build in the current folder wrote no public/index.html")
	}
}

func TestNew(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	runCode(t, 0, "init", dir)
	stdout, _ := runCode(t, 0, "new", "-s", dir, "worksheet", "values")
	file := filepath.Join(dir, "content", "worksheets", "values.md")
	if !strings.Contains(stdout, file) {
		t.Errorf("new printed %q; want it to name %s", stdout, file)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `title = "Values"`) || !strings.Contains(string(data), "draft = true") {
		t.Errorf("the new worksheet:\n%s", data)
	}
	// A new page is a draft: out of a normal build, in a build with --drafts.
	runCode(t, 0, "build", "-s", dir)
	if exists(dir, "public/worksheets/values/index.html") {
		t.Error("the new draft is in a build without --drafts")
	}
	if !strings.Contains(stdout, "It is a draft: `between serve` shows it with a Draft banner, and a build leaves it out.\nTo publish it, delete the line `draft = true` at its top.") {
		t.Errorf("new does not say how to publish the draft: %q", stdout)
	}
	runCode(t, 0, "build", "-s", dir, "--drafts")
	if b, err := os.ReadFile(filepath.Join(dir, "public/worksheets/values/index.html")); err != nil || !strings.Contains(string(b), `<p class="draft-banner" role="note"><strong>Draft.</strong>`) {
		t.Errorf("the draft has no Draft banner: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "public/index.html")); err != nil || strings.Contains(string(b), "draft-banner") {
		t.Errorf("a published page has a Draft banner: %v", err)
	}
	if !exists(dir, "public/worksheets/values/index.html") {
		t.Error("the new worksheet is not in a build with --drafts")
	}
	// Every kind makes a page that builds with --drafts, without warnings.
	for _, kind := range []string{"article", "guide", "path"} {
		runCode(t, 0, "new", "-s", dir, kind, "Second "+kind)
	}
	for _, f := range []string{"articles/second-article.md", "guides/second-guide.md", "paths/second-path.md"} {
		if !exists(dir, "content/"+f) {
			t.Errorf("new wrote no content/%s", f)
		}
	}
	_, stderr := runCode(t, 0, "build", "-s", dir, "--drafts", "--strict")
	if stderr != "" {
		t.Errorf("new pages build with warnings:\n%s", stderr)
	}
	// Flags may follow the arguments.
	runCode(t, 0, "new", "article", "third", "-s", dir)
	if !exists(dir, "content/articles/third.md") {
		t.Error("new with -s after the arguments wrote nothing")
	}
	// A page for one client: the flag after the arguments, and the address printed.
	stdout, _ = runCode(t, 0, "new", "page", "for-jordan", "-s", dir, "--unlisted")
	m := regexp.MustCompile(`its address ends in /([a-z2-7]{10})/\.`).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("new page --unlisted printed %q, want the random address", stdout)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "content", "for-jordan.md")); !strings.Contains(string(data), `slug = "`+m[1]+`"`) {
		t.Errorf("content/for-jordan.md has not the slug %s:\n%s", m[1], data)
	}
	// new never overwrites.
	before := treeHash(t, dir)
	_, stderr = runCode(t, 1, "new", "-s", dir, "worksheet", "values")
	if !strings.Contains(stderr, "already exists") || treeHash(t, dir) != before {
		t.Errorf("new over an existing page: %q", stderr)
	}
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		out  string // in stdout (code 0) or stderr
	}{
		{[]string{}, 2, "Usage:"},
		{[]string{"--help"}, 0, "between init [DIR]"},
		{[]string{"help"}, 0, "between build [flags]"},
		{[]string{"version"}, 0, "between "},
		{[]string{"publish"}, 2, `unknown command "publish"`},
		{[]string{"new", "podcast", "x", "-s", dir}, 2, `unknown kind "podcast"`},
		{[]string{"new", "article"}, 2, "Usage: between new"},
		{[]string{"new", "article", "!!!", "-s", dir}, 2, "makes no file name"},
		{[]string{"build", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"build", "-s", dir, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"build", "-s", filepath.Join(dir, "nothing-here")}, 2, "has no config.toml or content/ folder"},
		{[]string{"check", "-d", "x"}, 2, "flag provided but not defined"},
		{[]string{"init", "a", "b"}, 2, "at most one folder"},
		{[]string{"serve", "-s", dir, "--port", "99999"}, 2, "--port 99999: a port is a number from 1 to 65535"},
	}
	for _, cmd := range []string{"init", "new", "build", "check", "serve"} {
		tests = append(tests, struct {
			args []string
			code int
			out  string
		}{[]string{cmd, "--help"}, 0, "Usage: between " + cmd})
	}
	for _, tt := range tests {
		var stdout, stderr strings.Builder
		code := run(tt.args, &stdout, &stderr)
		text := stderr.String()
		if tt.code == 0 {
			text = stdout.String() + stderr.String()
		}
		if code != tt.code || !strings.Contains(text, tt.out) {
			t.Errorf("between %s: exit %d, output\n%s\nwant exit %d and %q", strings.Join(tt.args, " "), code, stdout.String()+stderr.String(), tt.code, tt.out)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("usage errors wrote files: %v", entries)
	}
}

func TestBuildFlagsAndSettings(t *testing.T) {
	site := newSite(t, map[string]string{
		"config.toml":            "baseURL = \"https://example.org/\"\n[markdown]\nunsafe = true\n",
		"content/articles/a.md":  page("title = \"A\"\n", "<div class=\"mine\">raw</div>\n\n[b](b.md) and [root](/about/)\n"),
		"content/articles/b.md":  page("title = \"B\"\n", "B.\n"),
		"content/about.md":       page("title = \"About\"\n", "About.\n"), // links to an address are checked too
		"content/articles/f.md":  page("title = \"Future\"\ndate = 2099-01-01\n", "Later.\n"),
		"content/articles/d.md":  page("title = \"Draft\"\ndraft = true\n", "Draft.\n"),
		"content/articles/ex.md": page("title = \"Expired\"\nexpiryDate = 2000-01-01\n", "Gone.\n"),
	})
	out := filepath.Join(t.TempDir(), "out")
	runCode(t, 0, "build", "-s", site, "-d", out)
	a := readTree(t, out)["articles/a/index.html"]
	for _, want := range []string{`<div class="mine">raw</div>`, `href="/articles/b/"`, `href="/about/"`} {
		if !strings.Contains(string(a), want) {
			t.Errorf("with markdown.unsafe, the page lacks %s", want)
		}
	}
	if exists(out, "articles/f/index.html") || exists(out, "articles/d/index.html") || exists(out, "articles/ex/index.html") {
		t.Error("a draft, future or expired page was built without --drafts")
	}
	// --base-url moves every link under another path; --drafts adds drafts and future pages.
	runCode(t, 0, "build", "-s", site, "-d", out, "--base-url", "https://other.example/sub/", "--drafts")
	files := readTree(t, out)
	a = files["articles/a/index.html"]
	for _, want := range []string{`href="/sub/articles/b/"`, `href="/sub/about/"`} {
		if !strings.Contains(string(a), want) {
			t.Errorf("with --base-url, the page lacks %s", want)
		}
	}
	if !strings.Contains(string(files["sitemap.xml"]), "<loc>https://other.example/sub/articles/a/</loc>") {
		t.Error("the sitemap does not use --base-url")
	}
	if _, ok := files["articles/f/index.html"]; !ok {
		t.Error("--drafts left out a future page")
	}
	if _, ok := files["articles/d/index.html"]; !ok {
		t.Error("--drafts left out a draft")
	}
}

func TestExampleLibraryBuilds(t *testing.T) {
	// The example library at the repository's root is what the README's first command
	// builds: it must pass every check, warnings included.
	stdout, stderr := runCode(t, 0, "check", "--strict", "-s", "../..")
	if stderr != "" || !strings.HasPrefix(stdout, "Checked ") {
		t.Errorf("stdout %q\nstderr %q", stdout, stderr)
	}
	out := filepath.Join(t.TempDir(), "public")
	runCode(t, 0, "build", "-s", "../..", "-d", out)
	files := readTree(t, out)
	for _, want := range []string{"index.html", "paths/first-month/print/index.html", "worksheets/values/index.html", "tags/index.html", "index.xml"} {
		if _, ok := files[want]; !ok {
			t.Errorf("the example library has no %s", want)
		}
	}
}

func TestAliasWithAFileName(t *testing.T) {
	// Sites moved from Jekyll have old addresses like /2019/05/post.html; the redirect must
	// be at that address, not at /2019/05/post.html/.
	site := newSite(t, map[string]string{"content/about.md": page("title = \"About\"\naliases = [\"/2019/05/post.html\"]\n", "")})
	res, err := buildAt(site, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Files["2019/05/post.html"]; !ok {
		t.Error("no redirect at 2019/05/post.html")
	}
}
