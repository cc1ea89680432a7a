package build

import (
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
