package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMovedFromPeers builds a small library as a coach brings it from Jekyll, Eleventy or
// MkDocs, settings files and all, and checks what each reader of it meets: the page's
// address, date and title from a Jekyll name, callouts from admonitions, code from
// {% highlight %}, no comment shown, and one warning for each thing left as written.
func TestMovedFromPeers(t *testing.T) {
	files := map[string]string{
		"config.toml":       "baseURL = \"https://example.org/lib/\"\ntitle = \"Lib\"\n",
		"content/_index.md": mdPage("Home", "", "Welcome."),
		"content/about.md":  mdPage("About", "", "About me."),
	}
	files["_config.yml"] = "title: My blog\nbaseurl: /blog\n"
	files["mkdocs.yml"] = "site_name: My docs\nnav:\n  - index.md\n"
	files["content/articles/2024-01-05-first-session.md"] = "---\nlayout: post\n---\n" +
		"Before.\n\n{% comment %}\nOnly for me.\n{% endcomment %}\n\n{% highlight ruby %}\nputs \"<b>hi</b>\"\n{% endhighlight %}\n\n" +
		"!!! tip \"Try this\"\n    Write it *down*.\n\nSee [about]({{ site.baseurl }}/about/).\n"
	res := mustBuild(t, newBuilder(writeSite(t, files)))
	page := string(res.Files["articles/2024-01-05-first-session/index.html"])
	for _, want := range []string{
		"<h1>First session</h1>", `datetime="2024-01-05"`,
		`<pre><code class="language-ruby">puts &quot;&lt;b&gt;hi&lt;/b&gt;&quot;`,
		`<div class="callout callout-tip" role="note">`, "<span>Try this</span>", "<p>Write it <em>down</em>.</p>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %s:\n%s", want, page)
		}
	}
	for _, not := range []string{"Only for me", "comment", "!!!", "highlight"} {
		if strings.Contains(page, not) {
			t.Errorf("the page shows %q", not)
		}
	}
	warnings := res.Warnings.Error()
	for _, want := range []string{
		"_config.yml: warning: _config.yml is Jekyll's settings file, which Between does not read",
		"mkdocs.yml: warning: mkdocs.yml is MkDocs' settings file, which Between does not read",
		"content/articles/2024-01-05-first-session.md:17:13: warning: {{ site.baseurl }} is a template tag",
	} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings:\n%s\nwant %s", warnings, want)
		}
	}
	if n := len(res.Warnings); n != 3 {
		t.Errorf("%d warnings, want 3:\n%s", n, warnings)
	}
}

// TestEleventyData checks that Eleventy's data files in content/ (settings for a folder's
// pages, or for one page) are a warning each, naming the file and what to write instead,
// on a full build and as they come and go while serving; hidden ones and those in a
// _folder, which Between passes over like its pages, are not.
func TestEleventyData(t *testing.T) {
	const (
		folder = "content/articles/articles.11tydata.json: warning: articles.11tydata.json is Eleventy's settings for every page in content/articles/ (its data cascade), which Between does not read: it has no settings for a folder. " +
			"Write what the file sets (tags, say) in the front matter of each page there; where it kept pages back or out of lists (permalink: false, eleventyExcludeFromCollections: true), write draft: true or unlisted: true in each of them. Delete the file once that is done"
		sub = "content/articles/2026/2026.11tydata.js: warning: 2026.11tydata.js is Eleventy's settings for every page in content/articles/2026/ (its data cascade), which Between does not run: it has no settings for a folder. " +
			"Write what the file sets (tags, say) in the front matter of each page there; where it kept pages back or out of lists (permalink: false, eleventyExcludeFromCollections: true), write draft: true or unlisted: true in each of them. Delete the file once that is done"
		one = "content/articles/a.11tydata.json: warning: a.11tydata.json is Eleventy's settings for the page a.md, which Between does not read: write what it sets in that page's front matter, and delete the file"
	)
	tests := []struct {
		name  string
		files map[string]string // added to smallSite
		want  []string
	}{
		{"none", nil, nil},
		{"a folder's", map[string]string{"content/articles/articles.11tydata.json": `{"tags": "posts"}`}, []string{folder}},
		{"a sub-folder's, in JavaScript", map[string]string{"content/articles/2026/2026.11tydata.js": "module.exports = {tags: \"posts\"};\n"}, []string{sub}},
		{"a page's", map[string]string{"content/articles/a.11tydata.json": `{"tags": "posts"}`}, []string{one}},
		{"hidden, or in a _folder", map[string]string{"content/articles/.a.11tydata.json": "{}", "content/_data/x.11tydata.json": "{}"}, nil},
		{"other files with the name in them", map[string]string{"content/articles/11tydata.json": "{}", "content/articles/a.11tydata.json.bak": "{}"}, nil},
	}
	warnings := func(res *Result) []string {
		var out []string
		for _, w := range res.Warnings {
			if strings.Contains(w.File, "11tydata") {
				out = append(out, w.Error())
			}
		}
		return out
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := smallSite()
			for name, text := range tt.files {
				files[name] = text
			}
			res := mustBuild(t, newBuilder(writeSite(t, files)))
			if got := warnings(res); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}

	t.Run("in two languages, once, and as they come", func(t *testing.T) {
		root := bilingualSite(t)
		write(t, root, "content/articles/articles.11tydata.json", `{"tags": "posts"}`)
		b := newBuilder(root)
		if got := warnings(mustBuild(t, b)); strings.Join(got, "\n") != folder {
			t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), folder)
		}
		write(t, root, "content/articles/a.11tydata.json", `{"tags": "posts"}`)
		if got := warnings(mustRebuild(t, b, "content/articles/a.11tydata.json")); strings.Join(got, "\n") != one+"\n"+folder {
			t.Errorf("after adding one, warnings\n%s", strings.Join(got, "\n"))
		}
	})

	t.Run("while serving", func(t *testing.T) {
		root := writeSite(t, smallSite())
		b := newBuilder(root)
		mustBuild(t, b)
		write(t, root, "content/articles/articles.11tydata.json", `{"tags": "posts"}`)
		write(t, root, "content/articles/a.11tydata.json", `{"tags": "posts"}`)
		res := mustRebuild(t, b, "content/articles/articles.11tydata.json", "content/articles/a.11tydata.json")
		if got := warnings(res); strings.Join(got, "\n") != one+"\n"+folder {
			t.Errorf("after adding two, warnings\n%s", strings.Join(got, "\n"))
		}
		if err := os.Remove(filepath.Join(root, "content/articles/a.11tydata.json")); err != nil {
			t.Fatal(err)
		}
		res = mustRebuild(t, b, "content/articles/a.11tydata.json")
		if got := warnings(res); strings.Join(got, "\n") != folder {
			t.Errorf("after removing one, warnings\n%s", strings.Join(got, "\n"))
		}
		// An edit of a page, the short way, keeps the warning of the file still there.
		write(t, root, "content/articles/c.md", mdPage("Gamma", "date = 2026-01-03\nweight = 3", "Gamma text.\n\nMore."))
		res = mustRebuild(t, b, "content/articles/c.md")
		if got := warnings(res); strings.Join(got, "\n") != folder {
			t.Errorf("after a text edit, warnings\n%s", strings.Join(got, "\n"))
		}
	})
}
