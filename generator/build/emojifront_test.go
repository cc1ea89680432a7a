package build

import (
	"sort"
	"strings"
	"testing"
)

// TestEmojiFrontMatter: with [markdown] emoji = true, a title, a description and a path's
// stage written in front matter show their shortcodes as emoji wherever the page's words
// show (its h1 and <title>, lists, the path and its booklet, search, the feed), but not
// between backticks; a worksheet's fields keep their ids. So do the site's title and
// description, in config.toml. Off, all stay as written.
func TestEmojiFrontMatter(t *testing.T) {
	files := map[string]string{
		"config.toml": "baseURL = \"https://example.org/\"\ntitle = \"Lib :seedling:\"\ndescription = \"Notes :sparkles:\"\n",
		"content/articles/a.md": mdPage("Well done :tada:", "date = 2026-01-01\ndescription = \"Small steps :+1: and `:smile:`\"",
			"Text."),
		"content/worksheets/w.md": mdPage("Wins :trophy:", "date = 2026-01-02", "::: line\nWhat went well :tada:?\n:::\n"),
		"content/paths/p.md": mdPage("Path", "[[stages]]\ntitle = \"Start :seedling:\"\nsteps = [\"articles/a.md\", \"worksheets/w.md\"]",
			"Intro."),
	}
	for _, on := range []bool{false, true} {
		f := map[string]string{}
		for k, v := range files {
			f[k] = v
		}
		if on {
			f["config.toml"] += "[markdown]\nemoji = true\n"
		}
		res := mustBuild(t, newBuilder(writeSite(t, f)))
		title, desc, stage := "Well done :tada:", "Small steps :+1: and `:smile:`", "Start :seedling:"
		meta := "Small steps :&#43;1: and `:smile:`" // as html/template writes an attribute
		if on {
			title, desc, stage = "Well done 🎉", "Small steps 👍 and `:smile:`", "Start 🌱"
			meta = desc
		}
		// The site's title and description, from config.toml, as a page's.
		site, sub := "Lib :seedling:", "Notes :sparkles:"
		if on {
			site, sub = "Lib 🌱", "Notes ✨"
		}
		want := map[string][]string{
			"index.html":               {"<title>" + site + "</title>", `class="site-title" href="/" aria-current="page">` + site + "</a>", `content="` + sub + `"`},
			"manifest.webmanifest":     {`"name": "` + site + `"`, `"description": "` + sub + `"`},
			"articles/a/index.html":    {"<title>" + title + " · " + site + "</title>", "<h1>" + title + "</h1>", `<meta name="description" content="` + meta + `"`},
			"articles/index.html":      {title, desc},
			"worksheets/w/index.html":  {"<h1>Wins " + map[bool]string{false: ":trophy:", true: "🏆"}[on] + "</h1>", `id="what-went-well-tada"`},
			"paths/p/index.html":       {title, stage},
			"paths/p/print/index.html": {title, stage},
			"index.xml":                {"<title>" + title + "</title>", "<title>" + site + "</title>", "<subtitle>" + sub + "</subtitle>"},
		}
		var names []string
		for n := range res.Files {
			names = append(names, n)
		}
		sort.Strings(names)
		for n, subs := range want {
			for _, s := range subs {
				if !strings.Contains(string(res.Files[n]), s) {
					t.Errorf("emoji %v: %s has no %q:\n%s", on, n, s, res.Files[n])
				}
			}
		}
		found := false
		for _, n := range names {
			if strings.HasPrefix(n, "search/") && strings.HasSuffix(n, ".jsonl") && strings.Contains(string(res.Files[n]), `"`+title+`"`) {
				found = true
			}
		}
		if !found {
			t.Errorf("emoji %v: no search file has the title %q (%v)", on, title, names)
		}
	}
}
