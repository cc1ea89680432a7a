package build

import (
	"strings"
	"testing"
)

// TestUnlistedIsListedNowhere builds, with the default theme, a library holding an unlisted
// article (in a section, with a tag of its own and one that listed pages share, linking to
// listed pages), an unlisted page at the top, and an unlisted path made of listed pages; then
// reads every other file of the output: none may name them, by address or by title.
func TestUnlistedIsListedNowhere(t *testing.T) {
	files := map[string]string{
		"config.toml":       "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n",
		"content/_index.md": mdPage("Home", "", "Welcome."),
		"content/articles/a.md": mdPage("Alpha", "date = 2026-01-01\ntags = [\"Focus\"]",
			"Alpha text."),
		"content/articles/b.md": mdPage("Beta", "date = 2026-01-03\ntags = [\"Focus\"]", "Beta text."),
		"content/articles/secret.md": mdPage("Zanzibar notes", "date = 2026-01-02\nunlisted = true\nslug = \"q7xk2m9vdt\"\ntags = [\"Focus\", \"Kilimanjaro\"]",
			"Zanzibar text. See [alpha](a.md) and [beta](b.md)."),
		"content/mombasa.md":       mdPage("Mombasa", "unlisted = true\nslug = \"w4hp8c3nzr\"", "Mombasa text."),
		"content/paths/open.md":    mdPage("Open path", "steps = [\"articles/a.md\", \"articles/b.md\"]", "A path."),
		"content/paths/private.md": mdPage("Serengeti path", "unlisted = true\nslug = \"r2jd6f5sbk\"\nsteps = [\"articles/b.md\", \"articles/a.md\"]", "For one client."),
	}
	res := mustBuild(t, New(Options{Root: writeSite(t, files)}))
	secrets := map[string][]string{
		"articles/q7xk2m9vdt/": {"q7xk2m9vdt", "Zanzibar", "Kilimanjaro", "kilimanjaro"},
		"w4hp8c3nzr/":          {"w4hp8c3nzr", "Mombasa"},
		"paths/r2jd6f5sbk/":    {"r2jd6f5sbk", "Serengeti"},
	}
	for own, words := range secrets {
		if _, ok := res.Files[own+"index.html"]; !ok {
			t.Errorf("%sindex.html was not built: an unlisted page is still published", own)
		}
		for name, data := range res.Files {
			if strings.HasPrefix(name, own) {
				continue // the page itself, and a path's booklet
			}
			for _, w := range words {
				if strings.Contains(string(data), w) {
					t.Errorf("%s names the unlisted %s: it holds %q", name, own, w)
				}
			}
		}
	}
}

// TestUnlistedAddressFromTitle: an unlisted page whose address holds a word of its title is
// easy to find by trying; the build says so, at the line that makes the address.
func TestUnlistedAddressFromTitle(t *testing.T) {
	files := smallSite()
	files["content/for-jordan.md"] = mdPage("A note for Jordan: before your team offsite", "unlisted = true", "Hi.")
	files["content/articles/offsite.md"] = mdPage("Jordan's offsite", "unlisted = true\nslug = \"jordan-offsite\"", "Hi.")
	files["content/k3vq9x2m7d.md"] = mdPage("A note for Sam", "unlisted = true", "Hi.")
	files["content/articles/later.md"] = mdPage("A note for Ann", "unlisted = true\nslug = \"x7b2k9q4mw\"", "Hi.")
	files["content/articles/listed-jordan.md"] = mdPage("Listed Jordan", "", "Hi.")
	files["content/уверенность.md"] = mdPage("Уверенность", "unlisted = true", "Hi.")
	res := mustBuild(t, newBuilder(writeSite(t, files)))
	got := res.Warnings.Error()
	for _, want := range []string{
		`content/for-jordan.md:3: warning: this unlisted page's address /lib/for-jordan/ holds "jordan", a word of its title`,
		`content/articles/offsite.md:4: warning: this unlisted page's address /lib/articles/jordan-offsite/ holds "offsite"`,
		"(`between new page NAME --unlisted` makes one)",
		`content/уверенность.md:3: warning: this unlisted page's address`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no warning %s in\n%s", want, got)
		}
	}
	for _, not := range []string{"k3vq9x2m7d", "x7b2k9q4mw", "listed-jordan"} {
		if strings.Contains(got, not) {
			t.Errorf("a warning about %s, whose address says nothing of its title (or which is listed):\n%s", not, got)
		}
	}
}
