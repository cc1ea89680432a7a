package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBaseURLEscapedInFiles builds libraries whose base URL a web address cannot hold as
// written (a space, an accent) and checks that the files other programs read (the feed,
// the sitemap, robots.txt) write every address escaped, once: a feed reader drops a feed
// whose id has a space, and %2520 would lead nowhere.
func TestBaseURLEscapedInFiles(t *testing.T) {
	tests := []struct{ name, base, want string }{
		{"space", "https://example.org/my library/", "https://example.org/my%20library/"},
		{"space, escaped already", "https://example.org/my%20library/", "https://example.org/my%20library/"},
		{"accent", "https://example.org/bibliothèque/", "https://example.org/biblioth%C3%A8que/"},
	}
	addr := regexp.MustCompile(`https?://[^<>"\n]*`)
	canonical := regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newSite(t, map[string]string{
				"config.toml":            "baseURL = \"" + tt.base + "\"\ntitle = \"T\"\n",
				"content/_index.md":      page("title = \"Home\"\n", "Welcome.\n"),
				"content/articles/a.md":  page("title = \"A\"\ndate = 2026-01-01\n", "Text.\n"),
				"content/articles/ré.md": page("title = \"R\"\ndate = 2026-01-02\n", "Text.\n"),
			})
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			if code := run([]string{"build", "-s", dir, "-d", out}, &stdout, &stderr); code != 0 {
				t.Fatalf("build exited %d: %s", code, stderr.String())
			}
			for _, name := range []string{"index.xml", "sitemap.xml", "robots.txt"} {
				data, err := os.ReadFile(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, a := range addr.FindAllString(string(data), -1) {
					if !strings.HasPrefix(a, "https://example.org/") {
						continue // the XML name spaces
					}
					n++
					if !strings.HasPrefix(a, tt.want) || strings.ContainsAny(a, " è") || strings.Contains(a, "%25") {
						t.Errorf("%s: address %q; want it to start with %s, escaped once", name, a, tt.want)
					}
				}
				if n == 0 {
					t.Errorf("%s: no address of the library:\n%s", name, data)
				}
			}
			// Pages' addresses go through the templates' escaping (which writes %c3, not %C3).
			home, _ := os.ReadFile(filepath.Join(out, "index.html"))
			if m := canonical.FindSubmatch(home); m == nil || !strings.EqualFold(string(m[1]), tt.want) {
				t.Errorf("index.html's canonical link is %q, want %s", m, tt.want)
			}
			feed, _ := os.ReadFile(filepath.Join(out, "index.xml"))
			if !bytes.Contains(feed, []byte("<id>"+tt.want+"</id>")) {
				t.Errorf("index.xml has no <id>%s</id>:\n%s", tt.want, feed)
			}
		})
	}
}
