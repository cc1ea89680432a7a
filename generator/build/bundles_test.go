package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPageBundles builds libraries with page bundles (a folder with an index.md and the
// files it shows), as coaches bring them from Hugo, and looks at the files written and the
// problems reported.
func TestPageBundles(t *testing.T) {
	goals := mdPage("Goals", "", "![Goals](photo.jpg) and [the plan](files/plan.pdf).")
	cases := []struct {
		name    string
		files   map[string]string
		has     map[string]string // output file → what it holds ("" for anything)
		absent  []string
		err     string // a problem the build stops on
		warning string
	}{
		{
			name: "leaf bundle",
			files: map[string]string{
				"content/articles/goals/index.md":       goals,
				"content/articles/goals/photo.jpg":      "JPEG",
				"content/articles/goals/files/plan.pdf": "PDF",
				"content/articles/goals/.notes.txt":     "hidden",
				"content/articles/goals/.htaccess":      "Deny from all",
				"content/articles/goals/.well-known/x":  "hidden",
				"content/articles/goals/photo.jpg~":     "backup",
				"content/articles/goals/_old/x.jpg":     "underscore",
				"content/articles/goals/notes.md":       mdPage("Notes", "", "A page of its own."),
				"content/about.md":                      mdPage("About", "", "[Goals](articles/goals/index.md), ![photo](/articles/goals/photo.jpg)"),
				"content/paths/q.md":                    mdPage("Q", `steps = ["articles/goals/index.md"]`, "A path."),
			},
			has: map[string]string{
				"articles/goals/index.html":       `<img src="/lib/articles/goals/photo.jpg"`,
				"articles/goals/photo.jpg":        "JPEG",
				"articles/goals/files/plan.pdf":   "PDF",
				"articles/goals/notes/index.html": "A page of its own.",
				"articles/index.html":             "<li>Goals", // an article, in its section's list
				"about/index.html":                `<a href="/lib/articles/goals/">Goals</a>, <img src="/lib/articles/goals/photo.jpg"`,
				"paths/q/index.html":              "<li>Goals",
				"paths/q/print/index.html":        `<img src="/lib/articles/goals/photo.jpg"`, // the booklet's step
			},
			absent: []string{"articles/goals/index/index.html", "articles/goals/.notes.txt", "articles/goals/photo.jpg~",
				"articles/goals/.htaccess", "articles/goals/.well-known/x",
				"articles/goals/_old/x.jpg", "articles/goals/index.md", "articles/goals/notes.md"},
		},
		{
			name: "slug wins",
			files: map[string]string{
				"content/worksheets/goals/index.md":  mdPage("Goals", `slug = "my-goals"`, "![Goals](photo.jpg)"),
				"content/worksheets/goals/photo.jpg": "JPEG",
			},
			has:    map[string]string{"worksheets/my-goals/index.html": "", "worksheets/my-goals/photo.jpg": "JPEG"},
			absent: []string{"worksheets/goals/photo.jpg", "worksheets/goals/index.html"},
		},
		{
			name: "plain page in a folder",
			files: map[string]string{
				"content/Team Notes/index.md":  mdPage("Team notes", "", "![Us](us.png)"),
				"content/Team Notes/us.png":    "PNG",
				"content/Team Notes/more/a.md": mdPage("A", "", "a"),
			},
			has: map[string]string{"team-notes/index.html": "", "team-notes/us.png": "PNG", "team-notes/more/a/index.html": ""},
		},
		{
			name: "bundle in a bundle publishes its own files once",
			files: map[string]string{
				"content/articles/goals/index.md":      mdPage("Goals", "", "![](more/x.png)"),
				"content/articles/goals/more/index.md": mdPage("More", "", "![](x.png)"),
				"content/articles/goals/more/x.png":    "PNG",
			},
			has: map[string]string{"articles/goals/more/x.png": "PNG", "articles/goals/more/index.html": `src="/lib/articles/goals/more/x.png"`},
		},
		{
			name: "index.md in a section folder is no bundle",
			files: map[string]string{
				"content/articles/index.md": mdPage("Index", "", "x"),
				"content/articles/pic.png":  "PNG",
			},
			has:    map[string]string{"articles/index/index.html": ""},
			absent: []string{"articles/pic.png", "articles/index/pic.png"},
		},
		{
			name: "a draft's files wait with it",
			files: map[string]string{
				"content/articles/goals/index.md":  mdPage("Goals", "draft = true", "![Goals](photo.jpg)"),
				"content/articles/goals/photo.jpg": "JPEG",
			},
			absent: []string{"articles/goals/index.html", "articles/goals/photo.jpg"},
		},
		{
			name: "page and bundle at one address",
			files: map[string]string{
				"content/articles/goals.md":       mdPage("Goals", "", "x"),
				"content/articles/goals/index.md": mdPage("Goals too", "", "y"),
			},
			err: "content/articles/goals/index.md: this file and content/articles/goals.md are one page saved twice, at /articles/goals/: a page bundle's index.md is the page of its folder's name. " +
				"Keep one of the two files (the bundle, to keep files beside the page): move what the other says into it, and delete the other",
		},
		{
			name: "missing photo",
			files: map[string]string{
				"content/articles/goals/index.md":  mdPage("Goals", "", "![Goals](phot.jpg)"),
				"content/articles/goals/photo.jpg": "JPEG",
			},
			err: "content/articles/goals/index.md:5:1: link to phot.jpg: the library has no page or file at /articles/goals/phot.jpg; save the file beside this page's index.md (as phot.jpg), or correct the link",
		},
		{
			name: "missing photo in a sub-folder",
			files: map[string]string{
				"content/articles/goals/index.md": mdPage("Goals", "", "![Goals](<img/my pic.png>)"),
			},
			err: "link to img/my pic.png: the library has no page or file at /articles/goals/img/my pic.png; save the file beside this page's index.md (as img/my pic.png), or correct the link",
		},
		{
			name: "bundle file and static file at one address",
			files: map[string]string{
				"content/articles/goals/index.md":  mdPage("Goals", "", "![Goals](photo.jpg)"),
				"content/articles/goals/photo.jpg": "JPEG",
				"static/articles/goals/photo.jpg":  "other",
			},
			err: "content/articles/goals/photo.jpg: this file is published at /articles/goals/photo.jpg, like the static file static/articles/goals/photo.jpg; remove one of them",
		},
		{
			name: "bundle file where the theme has a file",
			files: map[string]string{
				"content/css/index.md": mdPage("CSS", "", "x"),
				"content/css/main.css": "body{}",
			},
			err: "content/css/main.css: this file is published at /css/main.css, like the theme's static/css/main.css; remove one of them",
		},
		{
			name: "bundle file where the page is",
			files: map[string]string{
				"content/articles/goals/index.md":   mdPage("Goals", "", "x"),
				"content/articles/goals/index.html": "<p>old</p>",
			},
			err: "content/articles/goals/index.md: this page's URL would replace the static file articles/goals/index.html (from content/articles/goals/index.html); change one of them",
		},
		{
			name: "bundle file where a page needs a folder",
			files: map[string]string{
				"content/articles/goals/index.md": mdPage("Goals", "", "x"),
				"content/articles/goals/notes":    "a file without an extension",
				"content/articles/goals/notes.md": mdPage("Notes", "", "y"),
			},
			err: "content/articles/goals/notes.md: this page's URL needs a folder articles/goals/notes/ for articles/goals/notes/index.html, but the file content/articles/goals/notes (beside a page bundle's index.md) is the file articles/goals/notes",
		},
		{
			name: "headless bundle's other pages",
			files: map[string]string{
				"content/blurbs/index.md":      "---\ntitle: Blurbs\nheadless: true\nunlisted: true\n---\n",
				"content/blurbs/about.md":      mdPage("About", "", "x"),
				"content/blurbs/more/offer.md": mdPage("Offer", "", "y"),
			},
			err: "content/blurbs/about.md: this page is in the folder of content/blurbs/index.md, which says headless = true: Hugo published none of its pages, but Between publishes this one as a page of its own, listed for every client to see; write unlisted = true in it (or draft = true), or move it out of content/\n" +
				"content/blurbs/more/offer.md: this page is in the folder of",
		},
		{
			name: "headless bundle's other pages, unlisted",
			files: map[string]string{
				"content/blurbs/index.md":      "---\ntitle: Blurbs\nheadless: true\nunlisted: true\n---\n",
				"content/blurbs/about.md":      mdPage("About", "unlisted = true", "x"),
				"content/blurbs/more/offer.md": mdPage("Offer", "draft = true", "y"),
			},
			has:     map[string]string{"blurbs/about/index.html": "About"},
			absent:  []string{"blurbs/more/offer/index.html"},
			warning: "content/blurbs/index.md:3: warning: headless is a key",
		},
		{
			name: "a Hugo theme's search page",
			files: map[string]string{
				"content/search.md": "---\ntitle: Search\nlayout: search\nsummary: search\n---\n",
			},
			err: `content/search.md:3: this page is a Hugo theme's search page (its layout is "search"); Between makes the search page itself, at /search/: delete this file`,
		},
		{
			name: "_index.md outside a section folder",
			files: map[string]string{
				"content/articles/2026/_index.md": mdPage("2026", "", "x"),
				"content/guides/2025/_index.md":   mdPage("2025", "", "x"),
				"content/resources/_index.md":     mdPage("Resources", "", "y"),
			},
			warning: "content/guides/2025/_index.md: warning: this _index.md is not used",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := smallSite()
			for k, v := range c.files {
				files[k] = v
			}
			res, err := newBuilder(writeSite(t, files)).Build()
			var out map[string][]byte
			if res != nil {
				out = res.Files
			}
			if !checkBuilt(t, out, err, c.err, c.has) {
				return
			}
			checkAbsent(t, out, c.absent)
			if !strings.Contains(res.Warnings.Error(), c.warning) {
				t.Errorf("warnings:\n%s\nwant %s", res.Warnings.Error(), c.warning)
			}
		})
	}
}

// TestPageBundleLinks: a link out of the library is refused in a bundle as in static/, and
// a link to a folder inside it is followed, as in static/.
func TestPageBundleLinks(t *testing.T) {
	files := smallSite()
	files["content/articles/goals/index.md"] = mdPage("Goals", "", "x")
	files["content/articles/goals/photo.jpg"] = "JPEG"
	files["shared/logo.png"] = "logo"
	files["shared/more/x.png"] = "x"
	root := writeSite(t, files)
	outside := t.TempDir()
	write(t, outside, "secret.txt", "secret")
	for link, to := range map[string]string{"logo.png": "../../../shared/logo.png", "more": "../../../shared/more"} {
		if err := os.Symlink(to, filepath.Join(root, "content/articles/goals", link)); err != nil {
			t.Fatal(err)
		}
	}
	res := mustBuild(t, newBuilder(root))
	if string(res.Files["articles/goals/logo.png"]) != "logo" {
		t.Errorf("logo.png, linked inside the site: %q", res.Files["articles/goals/logo.png"])
	}
	if string(res.Files["articles/goals/more/x.png"]) != "x" {
		t.Errorf("more/x.png, in a folder linked inside the site: %q", res.Files["articles/goals/more/x.png"])
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings:\n%s", res.Warnings.Error())
	}
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(root, "content/articles/goals/secret.txt")); err != nil {
		t.Fatal(err)
	}
	_, err := newBuilder(root).Build()
	want := "content/articles/goals/secret.txt: a link to " + filepath.Join(outside, "secret.txt") + ", outside the site folder"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestRebuildBundleFiles: between serve's rebuilds follow a bundle's files as they come,
// change and go, and its page as it moves or becomes a draft; each output is a full
// build's.
func TestRebuildBundleFiles(t *testing.T) {
	files := smallSite()
	files["content/articles/goals/index.md"] = mdPage("Goals", "", "Goals.")
	root := writeSite(t, files)
	b := newBuilder(root)
	prev := mustBuild(t, b)
	steps := []struct {
		do      func()
		changed []string
		want    map[string]string // output file → its bytes; "" for none
	}{
		{func() { write(t, root, "content/articles/goals/photo.jpg", "one") }, []string{"content/articles/goals/photo.jpg"},
			map[string]string{"articles/goals/photo.jpg": "one"}},
		{func() { write(t, root, "content/articles/goals/photo.jpg", "two") }, []string{"content/articles/goals/photo.jpg"},
			map[string]string{"articles/goals/photo.jpg": "two"}},
		{func() { write(t, root, "static/css/extra.css", "p{}") }, []string{"static/css/extra.css"},
			map[string]string{"articles/goals/photo.jpg": "two", "css/extra.css": "p{}"}},
		{func() {
			write(t, root, "content/articles/goals/index.md", mdPage("Goals", `slug = "aims"`, "![](photo.jpg)"))
		},
			[]string{"content/articles/goals/index.md"},
			map[string]string{"articles/goals/photo.jpg": "", "articles/aims/photo.jpg": "two"}},
		{func() { write(t, root, "content/articles/goals/index.md", mdPage("Goals", "draft = true", "Goals.")) },
			[]string{"content/articles/goals/index.md"},
			map[string]string{"articles/aims/photo.jpg": "", "articles/goals/photo.jpg": ""}},
		{func() { write(t, root, "content/articles/goals/index.md", mdPage("Goals", "", "Goals.")) },
			[]string{"content/articles/goals/index.md"},
			map[string]string{"articles/goals/photo.jpg": "two"}},
		{func() { os.Remove(filepath.Join(root, "content/articles/goals/photo.jpg")) }, []string{"content/articles/goals/photo.jpg"},
			map[string]string{"articles/goals/photo.jpg": ""}},
	}
	for i, s := range steps {
		s.do()
		res := mustRebuild(t, b, s.changed...)
		for name, want := range s.want {
			got, ok := res.Files[name]
			if want == "" && ok || want != "" && string(got) != want {
				t.Errorf("step %d: %s is %q (written: %v), want %q", i, name, got, ok, want)
			}
			// What changed is what the preview reloads.
			before, had := prev.Files[name]
			if changed := had != ok || string(before) != string(got); changed != contains(res.Changed, name) {
				t.Errorf("step %d: %s changed: %v, but Changed is %v", i, name, changed, res.Changed)
			}
		}
		assertSameAsFull(t, root, res)
		prev = res
	}
	// A link to a photo not yet saved is an error until the photo comes.
	write(t, root, "content/articles/goals/index.md", mdPage("Goals", "", "![Goals](late.jpg)"))
	if _, err := b.Rebuild([]string{"content/articles/goals/index.md"}); err == nil || !strings.Contains(err.Error(), "link to late.jpg") {
		t.Fatalf("a link to a missing photo: %v", err)
	}
	write(t, root, "content/articles/goals/late.jpg", "late")
	res := mustRebuild(t, b, "content/articles/goals/late.jpg")
	if string(res.Files["articles/goals/late.jpg"]) != "late" {
		t.Errorf("late.jpg: %q", res.Files["articles/goals/late.jpg"])
	}
	assertSameAsFull(t, root, res)
}

// TestPageBundleLimits: the limits of static/ hold for the files of bundles too, and for
// both together, so that a bundle folder that is someone's whole photo library is an error
// rather than a build that fills the memory.
func TestPageBundleLimits(t *testing.T) {
	files := smallSite()
	files["content/articles/goals/index.md"] = mdPage("Goals", "", "x")
	for _, n := range []string{"a", "b", "c", "d"} {
		files["content/articles/goals/"+n+".jpg"] = "12345678"
	}
	root := writeSite(t, files)
	b := newBuilder(root)
	mustBuild(t, b)
	own, ownBytes := len(b.theme.Static), int64(0)
	for _, d := range b.ownStatic {
		ownBytes += int64(len(d))
	}
	defer func(n int, size int64) { maxStaticFiles, maxStaticBytes = n, size }(maxStaticFiles, maxStaticBytes)
	for _, c := range []struct {
		files int
		bytes int64
		err   string
	}{
		{own + 4, ownBytes + 32, ""},
		{own + 3, ownBytes + 32, "content/articles/goals/: static/ and the folders of page bundles hold more than "},
		{own + 4, ownBytes + 31, "content/articles/goals/: static/ and the files of page bundles add up to more than "},
	} {
		maxStaticFiles, maxStaticBytes = c.files, c.bytes
		_, err := newBuilder(root).Build()
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("at most %d files, %d bytes: got %v, want %q", c.files, c.bytes, err, c.err)
		}
	}
	// One file over a static file's limit: its size is what is looked at, not its bytes.
	if err := os.Truncate(filepath.Join(root, "content/articles/goals/a.jpg"), 257<<20); err != nil {
		t.Fatal(err)
	}
	_, err := newBuilder(root).Build()
	if want := "content/articles/goals/a.jpg: this file is larger than 256 MB"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestLanguagesBundleFiles: in a library in several languages, each language's page of a
// bundle has the bundle's files beside it (index.md and index.de.md share the folder;
// content/de/ has folders of its own), and a changed photo reaches every language.
func TestLanguagesBundleFiles(t *testing.T) {
	root := bilingualSite(t)
	write(t, root, "content/articles/goals/index.md", mdPage("Goals", "", "![Goals](photo.jpg)"))
	write(t, root, "content/articles/goals/index.de.md", mdPage("Ziele", "", "![Ziele](photo.jpg)"))
	write(t, root, "content/articles/goals/photo.jpg", "one")
	write(t, root, "content/de/articles/nur/index.md", mdPage("Nur Deutsch", "", "![Bild](bild.png)"))
	write(t, root, "content/de/articles/nur/bild.png", "png")
	b := newBuilder(root)
	res := mustBuild(t, b)
	for name, want := range map[string]string{"articles/goals/photo.jpg": "one", "de/articles/goals/photo.jpg": "one", "de/articles/nur/bild.png": "png"} {
		if got := string(res.Files[name]); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	for _, name := range []string{"articles/nur/bild.png", "de/de/articles/nur/bild.png"} {
		if _, ok := res.Files[name]; ok {
			t.Errorf("%s written", name)
		}
	}
	write(t, root, "content/articles/goals/photo.jpg", "two")
	res = mustRebuild(t, b, "content/articles/goals/photo.jpg")
	for _, name := range []string{"articles/goals/photo.jpg", "de/articles/goals/photo.jpg"} {
		if got := string(res.Files[name]); got != "two" || !contains(res.Changed, name) {
			t.Errorf("%s after the change: %q, in Changed: %v", name, got, contains(res.Changed, name))
		}
	}
	assertSameAsFull(t, root, res)
}

// TestStrayTranslations: a file named as a translation (values.fr.md beside values.md) in a
// language config.toml does not have is a page of its own, and a warning says so; one in a
// language it has is a translation, and a name that only looks like one says nothing.
func TestStrayTranslations(t *testing.T) {
	const warn = "content/articles/values.fr.md: warning: this file's name makes it the French version of values.md, but config.toml has no [languages.fr], " +
		"so it is a page of its own, /articles/values-fr/, listed beside the other; add [languages.fr] (see docs/languages.md), or, if it is no translation, rename it"
	cases := []struct {
		name, config string
		files        []string
		want         string // the warning, "" for none about translations
	}{
		{"one language", "", []string{"articles/values.md", "articles/values.fr.md"}, warn},
		{"a language config.toml does not have", "[languages.en]\n[languages.de]\n", []string{"articles/values.md", "articles/values.fr.md", "articles/values.de.md"}, warn},
		{"a language config.toml has", "[languages.en]\n[languages.fr]\n", []string{"articles/values.md", "articles/values.fr.md"}, ""},
		{"no page it would translate", "", []string{"articles/values.fr.md"}, ""},
		{"no language", "", []string{"articles/values.md", "articles/values.v2.md", "articles/values.fin.md", "articles/values.xx.md"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := smallSite()
			files["config.toml"] = "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\nlanguage = \"en\"\n" + c.config
			for _, f := range c.files {
				files["content/"+f] = mdPage("Values", "", "Text.")
			}
			res := mustBuild(t, newBuilder(writeSite(t, files)))
			got := ""
			if res.Warnings != nil {
				for _, l := range strings.Split(res.Warnings.Error(), "\n") {
					if strings.Contains(l, "version of") {
						got += l
					}
				}
			}
			if got != c.want {
				t.Errorf("warnings:\n%s\nwant %s", got, c.want)
			}
		})
	}
}

// linkedBundle is a library whose page bundle content/articles/goals/ has a photo and
// more/, a link to the folder shared/more of the site: its pictures, a hidden file, a
// scratch file, a _folder, a page and a folder in it.
func linkedBundle(t *testing.T, index string) string {
	t.Helper()
	root := writeSite(t, map[string]string{
		"config.toml":                      "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n",
		"content/about.md":                 mdPage("About", "", "About."),
		"content/articles/goals/index.md":  index,
		"content/articles/goals/photo.jpg": "photo",
		"shared/more/x.png":                "x",
		"shared/more/deeper/z.png":         "z",
		"shared/more/.secret.png":          "secret",
		"shared/more/x.png~":               "old x",
		"shared/more/_drafts/y.png":        "y",
		"shared/more/notes.md":             mdPage("Notes", "", "Notes."),
	})
	if err := os.Symlink("../../../shared/more", filepath.Join(root, "content/articles/goals/more")); err != nil {
		t.Fatal(err)
	}
	return root
}

// TestLinkedFolderInBundle: the files of a folder linked into a page bundle are published
// beside the page, as those of the bundle's own folders, and links to them work; a link to
// one that is not published, or to the folder itself, is an error that says why.
func TestLinkedFolderInBundle(t *testing.T) {
	for _, c := range []struct {
		dest string
		want string // the error's text after "content/articles/goals/index.md:7:1: ", or "" for none
	}{
		{"more/x.png", ""},
		{"more/deeper/z.png", ""},
		{"/articles/goals/more/x.png", ""},
		{"photo.jpg", ""},
		{"more/y.png", "link to more/y.png: the library has no page or file at /articles/goals/more/y.png; save the file beside this page's index.md (as more/y.png), or correct the link"},
		{"more/.secret.png", "link to more/.secret.png: the library has no page or file at /articles/goals/more/.secret.png; content/articles/goals/more/.secret.png is there, but a file whose name starts with a dot is hidden, and not published: rename it, or link another file"},
		{"more/x.png~", "link to more/x.png~: the library has no page or file at /articles/goals/more/x.png~; content/articles/goals/more/x.png~ is there, but x.png~ is named as an editor's scratch file, which is not published: rename it, or link another file"},
		{"more/_drafts/y.png", "link to more/_drafts/y.png: the library has no page or file at /articles/goals/more/_drafts/y.png; content/articles/goals/more/_drafts/y.png is there, but it is in _drafts/, and a folder whose name starts with _ is not published: rename it, or link another file"},
		{"more/notes/", "link to more/notes/: the library has no page or file at /articles/goals/more/notes/; link the page's file (page.md) or put the file in static/"},
		{"more/", "link to more/: the library has no page or file at /articles/goals/more/; /articles/goals/more/ is a folder of files, with no page of its own: link a file in it, such as /articles/goals/more/deeper/z.png"},
		{"more", "link to more: the library has no page or file at /articles/goals/more; /articles/goals/more/ is a folder of files, with no page of its own: link a file in it, such as /articles/goals/more/deeper/z.png"},
	} {
		t.Run(c.dest, func(t *testing.T) {
			root := linkedBundle(t, mdPage("Goals", "", "Intro.\n\n[link]("+c.dest+")\n"))
			res, err := newBuilder(root).Build()
			want := ""
			if c.want != "" {
				want = "content/articles/goals/index.md:7:1: " + c.want
			}
			if got := errText(err); got != want {
				t.Fatalf("got  %q\nwant %q", got, want)
			}
			if err != nil {
				return
			}
			for name, data := range map[string]string{"articles/goals/more/x.png": "x", "articles/goals/more/deeper/z.png": "z", "articles/goals/photo.jpg": "photo"} {
				if string(res.Files[name]) != data {
					t.Errorf("%s: %q, want %q", name, res.Files[name], data)
				}
			}
			for name := range res.Files {
				if strings.HasPrefix(name, "articles/goals/more/") && name != "articles/goals/more/x.png" && name != "articles/goals/more/deeper/z.png" {
					t.Errorf("published %s", name)
				}
			}
			if len(res.Warnings) > 0 {
				t.Errorf("warnings:\n%s", res.Warnings.Error())
			}
		})
	}
}

// TestRebuildLinkedFolderInBundle: between serve publishes a file that comes into a folder
// linked into a bundle, or changes there, which the watcher reports under its own name in
// the site folder (shared/more/new.png), and a link to it works from then on; when it goes,
// the link is an error again.
func TestRebuildLinkedFolderInBundle(t *testing.T) {
	root := linkedBundle(t, mdPage("Goals", "", "See [this one](more/x.png)."))
	b := newBuilder(root)
	mustBuild(t, b)
	write(t, root, "shared/more/new.png", "new")
	res := mustRebuild(t, b, "shared/more/new.png")
	if string(res.Files["articles/goals/more/new.png"]) != "new" {
		t.Errorf("new.png: %q", res.Files["articles/goals/more/new.png"])
	}
	assertSameAsFull(t, root, res)
	write(t, root, "shared/more/x.png", "x, again")
	res = mustRebuild(t, b, "shared/more/x.png")
	if string(res.Files["articles/goals/more/x.png"]) != "x, again" {
		t.Errorf("x.png changed: %q", res.Files["articles/goals/more/x.png"])
	}
	write(t, root, "content/articles/goals/index.md", mdPage("Goals", "", "See [the new one](more/new.png)."))
	assertSameAsFull(t, root, mustRebuild(t, b, "content/articles/goals/index.md"))
	if err := os.Remove(filepath.Join(root, "shared/more/new.png")); err != nil {
		t.Fatal(err)
	}
	want := "content/articles/goals/index.md:5:5: link to more/new.png: the library has no page or file at /articles/goals/more/new.png; save the file beside this page's index.md (as more/new.png), or correct the link"
	if _, err := b.Rebuild([]string{"shared/more/new.png"}); errText(err) != want {
		t.Fatalf("gone: got  %q\nwant %q", errText(err), want)
	}
}

// TestLinksToEitherFile: a page made a page bundle (values.md moved to values/index.md)
// keeps its address, and so do the links to it: a link to either file leads to the page,
// its #id checked against the page, in a build, a streamed one (build and check), a
// preview (serve) and its rebuilds, in its booklet, and in each language of a library in
// several.
func TestLinksToEitherFile(t *testing.T) {
	files := smallSite()
	files["content/worksheets/values/index.md"] = mdPage("Values", "date = 2026-01-06", "![A photo](photo.jpg)\n\n## Step two\n\nText.")
	files["content/worksheets/values/photo.jpg"] = "JPEG"
	files["content/articles/goals.md"] = mdPage("Goals", "date = 2026-01-07", "## Why\n\nText.")
	a := mdPage("Alpha", "date = 2026-01-01\ntags = [\"Focus\"]\nweight = 1",
		"See [values](../worksheets/values.md), [step two](../worksheets/values.md#step-two) and [why](goals/index.md#why).")
	files["content/articles/a.md"] = a
	root := writeSite(t, files)
	hrefs := []string{`href="/lib/worksheets/values/"`, `href="/lib/worksheets/values/#step-two"`, `href="/lib/articles/goals/#why"`}
	has := func(what, html string) {
		t.Helper()
		for _, h := range hrefs {
			if !strings.Contains(html, h) {
				t.Errorf("%s: no %s in\n%s", what, h, html)
			}
		}
	}
	res := mustBuild(t, newBuilder(root))
	has("build", string(res.Files["articles/a/index.html"]))
	// The booklet of the path with a.md as a step links the pages that are not steps.
	has("booklet", string(res.Files["paths/p/print/index.html"]))
	sink := &mapSink{}
	if _, err := newBuilder(root).BuildTo(sink); err != nil {
		t.Fatal(err)
	}
	has("streamed", string(sink.files["articles/a/index.html"]))
	for _, lazy := range []bool{false, true} {
		res := mustBuild(t, previewBuilder(root, lazy))
		html, _, err := res.File("articles/a/index.html")
		if err != nil {
			t.Fatal(err)
		}
		has(fmt.Sprintf("preview, lazy %v", lazy), string(html))
	}

	// A heading renamed on the page breaks the link to it by its other file's name, as by
	// its own; a text edit is checked the short way.
	for _, preview := range []bool{false, true} {
		b := newBuilder(root)
		if preview {
			b = previewBuilder(root, false)
		}
		mustBuild(t, b)
		write(t, root, "content/worksheets/values/index.md", mdPage("Values", "date = 2026-01-06", "![A photo](photo.jpg)\n\n## Step 2\n\nText."))
		_, err := b.Rebuild([]string{"content/worksheets/values/index.md"})
		want := "content/articles/a.md:7:40: link to #step-two: worksheets/values/index.md has no heading or field with that id"
		if errText(err) != want {
			t.Errorf("preview %v, a heading renamed: got  %q\nwant %q", preview, errText(err), want)
		}
		write(t, root, "content/worksheets/values/index.md", files["content/worksheets/values/index.md"])
		if res := mustRebuild(t, b, "content/worksheets/values/index.md"); !preview {
			assertSameAsFull(t, root, res)
		}
	}
	if _, err := newBuilder(root).Build(); err != nil {
		t.Fatal(err)
	}

	// In between serve, the page made a bundle as it runs, and a page again: no link breaks.
	write(t, root, "content/worksheets/values/index.md", mdPage("Values", "date = 2026-01-06", "## Step two\n\nText."))
	for _, lazy := range []bool{false, true} {
		b := previewBuilder(root, lazy)
		mustBuild(t, b)
		for _, move := range [][2]string{{"content/worksheets/values/index.md", "content/worksheets/values.md"}, {"content/worksheets/values.md", "content/worksheets/values/index.md"}} {
			if err := os.Rename(filepath.Join(root, move[0]), filepath.Join(root, move[1])); err != nil {
				t.Fatal(err)
			}
			res := mustRebuild(t, b, move[0], move[1])
			html, _, err := res.File("articles/a/index.html")
			if err != nil {
				t.Fatal(err)
			}
			has(fmt.Sprintf("preview, lazy %v, %s moved to %s", lazy, move[0], move[1]), string(html))
		}
	}

	// The same in each language: a German bundle is linked by its German pages as
	// values.md, and a German page linking an English page by its other file's name
	// leads to it.
	root = bilingualSite(t)
	os.Remove(filepath.Join(root, "content/articles/values.de.md"))
	write(t, root, "content/articles/values/index.de.md", mdPage("Werte", "slug = \"werte\"", "## Ein Versuch\n\nText."))
	write(t, root, "content/de/ueber.md", mdPage("Über", "", "[Werte](articles/values.md#ein-versuch) und [Rest](articles/rest/index.md)."))
	write(t, root, "content/about.md", mdPage("About", "", "[Values](articles/values/index.md)."))
	res = mustBuild(t, newBuilder(root))
	for file, want := range map[string]string{
		"de/ueber/index.html": `href="/library/de/articles/werte/#ein-versuch"`,
		"about/index.html":    `href="/library/articles/values/"`,
	} {
		if !strings.Contains(string(res.Files[file]), want) {
			t.Errorf("%s: no %s in\n%s", file, want, res.Files[file])
		}
	}
	if !strings.Contains(string(res.Files["de/ueber/index.html"]), `href="/library/articles/rest/"`) {
		t.Errorf("de/ueber/index.html: the English page rest.md, linked as rest/index.md, is not linked:\n%s", res.Files["de/ueber/index.html"])
	}
}
