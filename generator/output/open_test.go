package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenRefuses(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	home := filepath.Join(root, "users", "me")
	writeTree(t, site, map[string]string{"config.toml": "title = \"x\"\n", "content/a.md": "a", "static/s.txt": "s"})
	writeTree(t, home, map[string]string{"notes.txt": "mine"})
	writeTree(t, root, map[string]string{"library/a.md": "a", "foreign/index.html": "someone else's"})
	t.Setenv("HOME", home)
	// content/ may be a link to a folder elsewhere; that folder is protected too.
	os.Remove(filepath.Join(site, "content", "a.md"))
	os.Remove(filepath.Join(site, "content"))
	os.Symlink(filepath.Join(root, "library"), filepath.Join(site, "content"))
	link := func(name, target string) string {
		p := filepath.Join(root, name)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := map[string]struct{ out, want string }{
		"root":                  {"/", "root of the filesystem"},
		"root with a slash":     {"//", "root of the filesystem"},
		"root through dots":     {root + "/../../../../../../..", "root of the filesystem"},
		"home":                  {home, "home folder"},
		"home through a link":   {link("to-home", home), "home folder"},
		"above home":            {filepath.Join(root, "users"), "home folder"},
		"above site and home":   {root, "holds the site itself"},
		"site":                  {site, "holds the site itself"},
		"site with a dot":       {site + "/.", "holds the site itself"},
		"site through a link":   {link("to-site", site), "holds the site itself"},
		"content":               {filepath.Join(site, "content"), "inside the site's content"},
		"inside content":        {filepath.Join(site, "content", "out"), "inside the site's content"},
		"where content points":  {filepath.Join(root, "library"), "inside the site's content"},
		"inside static by link": {filepath.Join(link("to-static", filepath.Join(site, "static")), "out"), "inside the site's static"},
		"state folder":          {filepath.Join(site, StateDir), "inside the site's .between"},
		"a file":                {filepath.Join(site, "config.toml"), "inside the site's config.toml"},
		"a file elsewhere":      {filepath.Join(home, "notes.txt"), "is a file, not a folder"},
		"foreign":               {filepath.Join(root, "foreign"), "no build of this site wrote"},
		"dangling link":         {link("dangling", filepath.Join(root, "nowhere")), "does not exist"},
	}
	before := readAll(t, root)
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Open(c.out, Options{Site: site})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Open(%s) = %v, want an error saying %q", c.out, err, c.want)
			}
		})
	}
	after := readAll(t, root)
	for name := range after {
		if strings.HasPrefix(name, "site/"+StateDir+"/") {
			delete(after, name) // the lock, taken before the manifest is read
		}
	}
	if !equal(before, after) {
		t.Error("a refused Open changed files")
	}
	// Beside the site, with a name that starts like it, is fine; so is a folder inside the
	// site that is none of its inputs, and a folder inside home.
	for _, ok := range []string{site + "-public", filepath.Join(site, "public"), filepath.Join(home, "www")} {
		d, err := Open(ok, Options{Site: site})
		if err != nil {
			t.Errorf("Open(%s): %v", ok, err)
			continue
		}
		d.Abort()
	}
}

func TestOpenForce(t *testing.T) {
	// --force takes a folder of someone else's files: they stay, and from then on the
	// folder is between's and needs no --force.
	site, dir := fixture(t)
	writeTree(t, dir, map[string]string{"index.html": "someone else's", "theirs.txt": "theirs"})
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "ours"}), Options{Site: site}); err == nil {
		t.Fatal("a foreign folder was written without --force")
	}
	if got := readAll(t, dir); got["index.html"] != "someone else's" {
		t.Fatal("a refused build wrote")
	}
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "ours"}), Options{Site: site, Force: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "ours again"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, dir); got["theirs.txt"] != "theirs" || got["index.html"] != "ours again" {
		t.Errorf("output: %v", got)
	}
	// An empty folder is anyone's.
	empty := filepath.Join(filepath.Dir(dir), "empty")
	os.Mkdir(empty, 0o755)
	if _, err := WriteDir(empty, bytesOf(map[string]string{"index.html": "ours"}), Options{Site: site}); err != nil {
		t.Error(err)
	}
}

func TestManifestKeptOutsideOutput(t *testing.T) {
	// The manifest is in the site's .between/ folder, never in what is published; an output
	// inside the site keeps its manifest when the whole site folder moves.
	site, _ := fixture(t)
	out := filepath.Join(site, "public")
	if _, err := WriteDir(out, bytesOf(map[string]string{"for-jordan/index.html": "unlisted"}), Options{Site: site}); err != nil {
		t.Fatal(err)
	}
	for name, text := range readAll(t, out) {
		if strings.Contains(name, "between") || strings.Contains(text, "for-jordan") {
			t.Errorf("the output holds %s: %q", name, text)
		}
	}
	moved := filepath.Join(filepath.Dir(site), "moved")
	if err := os.Rename(site, moved); err != nil {
		t.Fatal(err)
	}
	st, err := WriteDir(filepath.Join(moved, "public"), bytesOf(map[string]string{"index.html": "home"}), Options{Site: moved})
	if err != nil || st.Removed != 1 {
		t.Errorf("after moving the site: %+v %v", st, err)
	}
}

func TestWithin(t *testing.T) {
	for _, c := range []struct {
		parent, child string
		want          bool
	}{
		{"/", "/etc", true}, {"/", "/", true}, {"/a", "/a", true}, {"/a", "/a/b", true},
		{"/a", "/ab", false}, {"/a/b", "/a", false}, {"/a", "/..a", false}, {"/a", "/a/..b", true},
	} {
		if got := within(c.parent, c.child); got != c.want {
			t.Errorf("within(%q, %q) = %v", c.parent, c.child, got)
		}
	}
}

func TestOneBuildAtATime(t *testing.T) {
	// Two builds writing one folder at once would each remove what the other wrote: the
	// second is refused until the first is done.
	site, dir := fixture(t)
	first, err := Open(dir, Options{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{Site: site}); err == nil || !strings.Contains(err.Error(), "another between build of this site is writing") {
		t.Errorf("a second build at once: %v", err)
	}
	first.Abort()
	second, err := Open(dir, Options{Site: site})
	if err != nil {
		t.Fatalf("after the first build ended: %v", err)
	}
	if err := second.Plan([]string{"index.html"}); err != nil {
		t.Fatal(err)
	}
	if err := second.Write("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if _, err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteDir(dir, bytesOf(map[string]string{"index.html": "y"}), Options{Site: site}); err != nil {
		t.Errorf("after a commit: %v", err)
	}
}
