package build

import (
	"strings"
	"testing"
)

// TestHugoShortcodes builds a library moved from Hugo: a figure shows its image with a
// caption, a ref becomes the page's URL, an embed a link to its site, and <!--more--> the
// end of the summary. A figure's missing image and a ref's missing page are errors at the
// shortcode's line, as a Markdown image's and a .md link's are, and a broken link in a
// figure's caption at its own line; an unknown shortcode is a warning there, an error with
// --strict.
func TestHugoShortcodes(t *testing.T) {
	files := map[string]string{
		"config.toml":      "baseURL = \"https://example.org/lib/\"\ntitle = \"Lib\"\n",
		"content/about.md": mdPage("About", "", "About me.\n\n## Our team\n\nUs."),
		"static/img/a.jpg": "jpg",
		"content/articles/moved.md": mdPage("Moved", "date = 2026-01-01",
			"Why values matter.\n\nA second paragraph of the summary.\n\n<!--more-->\n\n"+
				"{{< figure src=\"/img/a.jpg\" alt=\"A lake\" title=\"Calm\" caption=\"Still water\" >}}\n\n"+
				"Read [about us]({{< ref \"about.md#our-team\" >}}) or {{< relref \"/about\" >}}.\n\n"+
				"{{< youtube dQw4w9WgXcQ >}}\n\n`{{< figure src=\"/img/none.jpg\" >}}` shows the shortcode.\n"),
	}
	res := mustBuild(t, newBuilder(writeSite(t, files)))
	page := string(res.Files["articles/moved/index.html"])
	for _, want := range []string{
		`<figure><img src="/lib/img/a.jpg" alt="A lake"><figcaption><strong>Calm</strong> Still water</figcaption></figure>`,
		`<a href="/lib/about/#our-team">about us</a>`,
		`<a href="/lib/about/">/lib/about/</a>`,
		`<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Watch on YouTube</a>`,
		`<code>{{&lt; figure src=&quot;/img/none.jpg&quot; &gt;}}</code>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %s:\n%s", want, page)
		}
	}
	for _, bad := range []string{"<iframe", `<script src="http`, "youtube.com/embed", "more--", "raw HTML omitted"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page has %s:\n%s", bad, page)
		}
	}
	if list := string(res.Files["articles/index.html"]); !strings.Contains(list, "Why values matter. A second paragraph of the summary.") {
		t.Errorf("the list does not show the text before <!--more--> as the summary:\n%s", list)
	}

	// The embeds' links are in the site's language.
	de := map[string]string{
		"config.toml":           "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\nlanguage = \"de\"\n",
		"content/articles/v.md": mdPage("V", "date = 2026-01-01", "{{< vimeo 55073825 >}}"),
	}
	res = mustBuild(t, newBuilder(writeSite(t, de)))
	if page := string(res.Files["articles/v/index.html"]); !strings.Contains(page, `<a href="https://vimeo.com/55073825">Auf Vimeo ansehen</a>`) {
		t.Errorf("the German page has no German link to the video:\n%s", page)
	}

	// Errors and warnings at the shortcode's line, a figure's at its src= or link=: the
	// body starts on line 5.
	for _, c := range []struct {
		name, body, want string
		warning          bool
	}{
		{"figure with a missing image", "Intro.\n\n{{< figure src=\"/img/none.jpg\" title=\"Gone\" >}}\n",
			"content/articles/w.md:7:12: link to /img/none.jpg: the library has no page or file at /img/none.jpg", false},
		{"figure over two lines with a link to a missing page", "Intro.\n\n{{< figure src=\"/img/a.jpg\"\n    link=\"nowhere.md\" >}}\n",
			"content/articles/w.md:8:5: link to articles/nowhere.md: there is no such page (content/articles/nowhere.md)", false},
		{"ref to a missing page", "Intro.\n\nSee [this]({{< ref \"nowhere.md\" >}}).\n",
			"content/articles/w.md:7:5: link to articles/nowhere.md: there is no such page (content/articles/nowhere.md)", false},
		{"bare ref to a missing page", "Intro.\n\nSee {{< ref \"nowhere\" >}}.\n",
			"content/articles/w.md:7:5: link to articles/nowhere.md: there is no such page (content/articles/nowhere.md)", false},
		{"unknown shortcode", "Intro.\n\n{{% note %}}\nSome text.\n{{% /note %}}\n",
			"content/articles/w.md:7:1: Hugo shortcode {{% note %}} is not known to Between and is shown as written; write its text as Markdown", true},
		// A caption is Markdown: its links are checked as the page's, at their own line.
		{"figure's caption with a broken link", "Intro.\n\n{{< figure src=\"/img/a.jpg\"\n  caption=\"A **bold** step, see\n  [the guide](/guides/x/)\" >}}\n",
			"content/articles/w.md:9:3: link to /guides/x/: the library has no page or file at /guides/x/", false},
		{"figure's caption with a broken .md link", "Intro.\n\n{{< figure src=\"/img/a.jpg\" caption=\"See [the guide](../guides/x.md)\" >}}\n",
			"content/articles/w.md:7:42: link to guides/x.md: there is no such page (content/guides/x.md)", false},
		// The credit's link is told where attrlink is written, not at the credit's words.
		{"figure's credit links to a draft", "Intro.\n\n{{< figure src=\"/img/a.jpg\" attr=\"Sam\"\n  attrlink=\"/about/\" >}}\n",
			"content/articles/w.md:8:3: link to /about/ (the address of content/about.md): that page is a draft", false},
		{"figure's caption in a heading", "Intro.\n\n## Our lake {{< figure src=\"/img/a.jpg\" caption=\"Calm\" >}}\n",
			`content/articles/w.md:7:13: Hugo shortcode {{< figure >}} is in a heading, where a figure shows its image alone: its caption="…" is left out, and so is any link in it; put the figure on a line of its own, below the heading`, true},
		{"figure's setting that does nothing", "Intro.\n\n{{< figure src=\"/img/a.jpg\" target=\"_blank\" >}}\n",
			`content/articles/w.md:7:29: Hugo shortcode {{< figure >}}: target="_blank" is ignored: it is about the figure's link, and the figure has no link="…"`, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			about := files["content/about.md"]
			if strings.Contains(c.name, "draft") {
				about = mdPage("About", "draft = true", "About me.")
			}
			f := map[string]string{
				"config.toml":           files["config.toml"],
				"content/about.md":      about,
				"static/img/a.jpg":      "jpg",
				"content/articles/w.md": mdPage("W", "date = 2026-01-01", c.body),
			}
			b := newBuilder(writeSite(t, f))
			_, err := b.Build()
			if !c.warning {
				if got := errText(err); !strings.HasPrefix(got, c.want) {
					t.Errorf("got  %q\nwant %q…", got, c.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("a warning stopped the build: %v", err)
			}
			if w := b.Warnings(); len(w) != 1 || w[0].Error() != strings.Replace(c.want, ": ", ": warning: ", 1) {
				t.Errorf("warnings %q, want one: %q", w, c.want)
			}
			b = newBuilder(writeSite(t, f))
			b.opts.Strict = true
			if _, err := b.Build(); !strings.Contains(errText(err), c.want) {
				t.Errorf("with --strict got %q, want %q", errText(err), c.want)
			}
		})
	}
}
