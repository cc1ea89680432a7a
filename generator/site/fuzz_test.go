package site_test

import (
	"net/url"
	"path"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/between-ssg/between/generator/page"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/source"
)

// FuzzURLPath makes the address of a file with any name (and any slug): when the page
// layer accepts it, the address is a clean path of slugs, stays below the site, and comes
// back unchanged from an escaped URL.
func FuzzURLPath(f *testing.F) {
	for _, s := range [][2]string{{"articles/Уверенность.md", ""}, {"Reading List/Notes #1?.md", ""},
		{"articles/../../etc.md", ""}, {"a/./b/%2e%2e.md", ""}, {"articles/x.md", "../up"}, {"articles/x.md", "уверенность"},
		{"articles/Re\u0301flexion.md", ""}, {"x y/ z .md", ""}, {"articles/_index.md", ""}, {"_index.md", ""}, {"a\\b.md", ""}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, rel, slug string) {
		if !utf8.ValidString(rel) || !strings.HasSuffix(rel, ".md") || strings.HasPrefix(rel, "/") || strings.Contains(rel, "//") {
			return
		}
		front := "+++\ntitle = \"T\"\n"
		if slug != "" {
			front += "slug = \"" + strings.NewReplacer("\\", "", "\"", "", "\n", "").Replace(slug) + "\"\n"
		}
		file, perrs := source.Parse("content/"+rel, []byte(front+"+++\n"))
		if file == nil || len(perrs) > 0 {
			return // a build with a broken front matter writes nothing
		}
		p, errs := page.From(file)
		if len(errs.Errors(false)) > 0 {
			return
		}
		up := site.URLPath(p)
		if strings.ContainsAny(up, "?#% \\") || strings.Contains(up, "//") || strings.HasPrefix(up, "/") {
			t.Fatalf("%s (slug %q) has the address %q", rel, slug, up)
		}
		for _, part := range strings.Split(strings.TrimSuffix(up, "/"), "/") {
			if part == "." || part == ".." {
				t.Fatalf("%s (slug %q) has the address %q, which climbs", rel, slug, up)
			}
		}
		if up != "" && path.Clean("/"+up) != "/"+strings.TrimSuffix(up, "/") {
			t.Fatalf("%s: address %q is not clean", rel, up)
		}
		u := &url.URL{Scheme: "https", Host: "example.org", Path: "/" + up}
		back, err := url.Parse(u.String())
		if err != nil || back.Path != "/"+up {
			t.Fatalf("%s: address %q escaped as %q reads back as %q (%v)", rel, up, u.String(), back.Path, err)
		}
	})
}
