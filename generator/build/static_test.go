package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStaticFiles(t *testing.T) {
	files := smallSite()
	files["static/.private/notes.txt"] = "secret"
	files["static/.git/config"] = "[core]"
	files["static/draft.tmp"] = "scratch"
	files["static/notes.md~"] = "backup"
	files["static/.well-known/security.txt"] = "Contact: x"
	files["static/.nojekyll"] = ""
	files["static/img/a.png"] = "png"
	root := writeSite(t, files)
	// A folder linked into static/ is followed when it is inside the site (a link out of
	// the site is refused: see testdata/adversarial/symlink-static-folder-outside).
	shared := filepath.Join(root, "images")
	if err := os.Mkdir(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, shared, "b.png", "linked")
	if err := os.Symlink("../images", filepath.Join(root, "static", "linked")); err != nil {
		t.Fatal(err)
	}
	res := mustBuild(t, newBuilder(root))
	for name, want := range map[string]bool{
		".private/notes.txt": false, ".git/config": false, "draft.tmp": false, "notes.md~": false,
		".well-known/security.txt": true, ".nojekyll": true, "img/a.png": true, "linked/b.png": true,
	} {
		if _, got := res.Files[name]; got != want {
			t.Errorf("%s in the output: %v, want %v", name, got, want)
		}
	}
}

func TestPageCannotReplaceStaticFile(t *testing.T) {
	files := smallSite()
	files["content/articles/a.md"] = mdPage("Alpha", "aliases = [\"/css/site.css\"]", "a")
	files["static/css/site.css"] = "body{}"
	_, err := newBuilder(writeSite(t, files)).Build()
	want := "content/articles/a.md: an alias of this page would replace the static file css/site.css (from static/css/site.css); change one of them"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestTagWithoutLetters(t *testing.T) {
	files := smallSite()
	files["content/articles/c.md"] = mdPage("Gamma", "tags = [\"🙂\", \"Calm\"]", "c")
	res := mustBuild(t, newBuilder(writeSite(t, files)))
	want := `content/articles/c.md:3: warning: tag "🙂" has no letters or digits to make its address from`
	if !strings.Contains(res.Warnings.Error(), want) {
		t.Errorf("warnings:\n%s\nwant %s", res.Warnings.Error(), want)
	}
}

func TestTemplateErrorHasItsPlace(t *testing.T) {
	files := smallSite()
	files["layouts/guide.html"] = "<p>\n{{.Page.Nope}}</p>"
	_, err := newBuilder(writeSite(t, files)).Build()
	want := `layouts/guide.html:2:7: rendering guides/g/index.html: executing "guide.html" at <.Page.Nope>: can't evaluate field Nope`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestRebuildAfterFailedBuildStartsOver(t *testing.T) {
	files := smallSite()
	files["layouts/article.html"] = "{{ broken"
	root := writeSite(t, files)
	b := newBuilder(root)
	if _, err := b.Build(); err == nil {
		t.Fatal("a broken layout built")
	}
	write(t, root, "layouts/article.html", "<h1>{{.Page.Title}}</h1>")
	res := mustRebuild(t, b, "layouts/article.html")
	assertSameAsFull(t, root, res)
}

func TestWordsOfTheWrongType(t *testing.T) {
	files := smallSite()
	files["i18n/en.toml"] = "next_up = \"Next\"\nmark_done = 3\n"
	_, err := newBuilder(writeSite(t, files)).Build()
	want := `i18n/en.toml:2: mark_done must be text in quotes, like mark_done = "..."`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
