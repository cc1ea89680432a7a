package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// TestShortcodes converts Hugo shortcodes: each case's HTML, the problems it reports and
// the links it records for the build to check.
func TestShortcodes(t *testing.T) {
	const unknown = " is not known to Between and is shown as written; write its text as Markdown"
	tests := []struct {
		name, src, want string
		probs           []Problem
		links           []Link
	}{
		{"figure", `{{< figure src="/img/a.jpg" title="A" >}}`,
			`<figure><img src="/lib/img/a.jpg" alt=""><figcaption><strong>A</strong></figcaption></figure>`, nil,
			[]Link{{Addr: "/lib/img/a.jpg", Dest: "/img/a.jpg", Line: 1, Col: 12}}},
		{"figure with everything", `{{% figure src="photo.jpg" alt="A lake" title="Calm" caption="Still & quiet" attr="Sam" attrlink="https://example.org/sam" link="/about/" width="640" height="50%" %}}`,
			`<figure><a href="/lib/about/"><img src="/lib/articles/a/photo.jpg" alt="A lake" width="640"></a><figcaption><strong>Calm</strong> Still &amp; quiet <a href="https://example.org/sam">Sam</a></figcaption></figure>`,
			[]Problem{{Line: 1, Col: 151, Warning: true, Msg: `Hugo shortcode {{% figure %}}: height="50%" is not a size in pixels, and is ignored; write a whole number, like height="480", or leave it out: the image is shown at its own size, made smaller to fit the page`}},
			[]Link{{Addr: "/lib/about/", Dest: "/about/", Line: 1, Col: 124}, {Addr: "/lib/articles/a/photo.jpg", Dest: "photo.jpg", Line: 1, Col: 12}}},
		{"figure's caption is its alt, as in Hugo", `{{< figure src="/images/a.png" caption="Words" >}}`,
			`<figure><img src="/lib/images/a.png" alt="Words"><figcaption>Words</figcaption></figure>`, nil,
			[]Link{{Addr: "/lib/images/a.png", Dest: "/images/a.png", Line: 1, Col: 12}}},
		// An image from another site would be blocked (the pages' policy): said as for ![](...).
		{"figure from another web site", `{{< figure src="https://example.org/a.png" caption="Words" >}}`,
			`<figure><img src="https://example.org/a.png" alt="Words"><figcaption>Words</figcaption></figure>`, []Problem{{Line: 1, Col: 12, Warning: true,
				Msg: "the image https://example.org/a.png is on another web site, and a Between site loads nothing from other sites, so that clients' reading stays private: " +
					"clients would see only its description; save the image in static/images/ and write its address as /images/a.png"}}, nil},
		// A figure's address is told of at its src= or link=, where it is fixed, not at the
		// shortcode's start, lines above; columns in characters (é and ☕ are one each).
		{"figure's problems at its src and its link", "Café ☕ {{< figure alt=\"Café ☕\"\n  src=\"https://example.org/a.png\"\n\t\tlink=\"gone.md\" >}}",
			"<p>Café ☕</p>\n<figure><a href=\"gone.md\"><img src=\"https://example.org/a.png\" alt=\"Café ☕\"></a></figure>", []Problem{{Line: 2, Col: 3, Warning: true,
				Msg: "the image https://example.org/a.png is on another web site, and a Between site loads nothing from other sites, so that clients' reading stays private: " +
					"clients would see only its description; save the image in static/images/ and write its address as /images/a.png"}},
			[]Link{{Target: "articles/gone.md", Line: 3, Col: 3}}},
		// The caption and the credit are Markdown: their HTML is left out, with the page's
		// warning, as the page's own HTML is (TestFigureCaptionHTML: and kept when unsafe).
		{"figure's words are escaped", `{{< figure src="/a\"onerror=\"alert(1).jpg" alt="\"><script>x</script>" title="<b>t</b>" caption="<i>c</i>" attr="<s>" attrlink="javascript:alert(1)" >}}`,
			`<figure><img src="/lib/a%22onerror=%22alert(1).jpg" alt="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"><figcaption><strong>&lt;b&gt;t&lt;/b&gt;</strong> <!-- raw HTML omitted -->c<!-- raw HTML omitted --> <a href=""><!-- raw HTML omitted --></a></figcaption></figure>`,
			[]Problem{{Line: 1, Col: 99, Warning: true, Msg: "this HTML (<i>) and 2 more pieces on this page are left out of the page: HTML written in Markdown is off, so that a page cannot run code. Write it as Markdown; or, if you trust every file of the library, set unsafe = true under [markdown] in config.toml (see docs/security.md)"}},
			[]Link{{Addr: `/lib/a"onerror="alert(1).jpg`, Dest: `/a"onerror="alert(1).jpg`, Line: 1, Col: 12}}},
		{"figure's javascript: address is dropped", `{{< figure src="javascript:alert(1)" link="JavaScript:alert(2)" >}}`,
			`<figure><a href=""><img src="" alt=""></a></figure>`, nil, nil},
		// As Hugo's figure (markdownify): the caption's links are made and recorded as the
		// page's, at their own place, and its alt is its text without the Markdown.
		{"figure's caption is Markdown", "{{< figure src=\"/a.png\" caption=\"A **bold** step, see [the guide](/guides/x/), [b](b.md#c) and `code`\" >}}",
			`<figure><img src="/lib/a.png" alt="A bold step, see the guide, b and code"><figcaption>A <strong>bold</strong> step, see <a href="/lib/guides/x/">the guide</a>, <a href="/lib/articles/own-slug/#c">b</a> and <code>code</code></figcaption></figure>`, nil,
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 1, Col: 12}, {Addr: "/lib/guides/x/", Dest: "/guides/x/", Line: 1, Col: 55}, {Target: "articles/b.md", Anchor: "c", Line: 1, Col: 80}}},
		{"figure's caption over lines, in a quote", "> Text\n> {{< figure src=\"/a.png\"\n>   caption=\"On *two*\n>   [lines](../b.md)\" >}}\n",
			"<blockquote>\n<p>Text</p>\n<figure><img src=\"/lib/a.png\" alt=\"On two lines\"><figcaption>On <em>two</em>\n<a href=\"../b.md\">lines</a></figcaption></figure>\n</blockquote>", nil,
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 2, Col: 14}, {Target: "b.md", Line: 4, Col: 5}}},
		{"figure's caption with a tab's indent", "- x\n\n\t{{< figure src=\"/a.png\" caption=\"y\n\t*z*\" >}}",
			"<ul>\n<li>\n<p>x</p>\n<figure><img src=\"/lib/a.png\" alt=\"y z\"><figcaption>y\n<em>z</em></figcaption></figure>\n</li>\n</ul>", nil,
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 3, Col: 13}}},
		{"figure's caption with quotes and an address", `{{< figure src="/a.png" caption="He said \"hi\" at www.example.org" >}}`,
			`<figure><img src="/lib/a.png" alt="He said &quot;hi&quot; at www.example.org"><figcaption>He said &quot;hi&quot; at <a href="http://www.example.org">www.example.org</a></figcaption></figure>`, nil,
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 1, Col: 12}}},
		{"figure's credit is Markdown, in its link", `{{< figure src="/a.png" caption="Photo" attr="By *Sam*" attrlink="b.md" >}}`,
			`<figure><img src="/lib/a.png" alt="Photo"><figcaption>Photo <a href="/lib/articles/own-slug/">By <em>Sam</em></a></figcaption></figure>`, nil,
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 1, Col: 12}, {Target: "articles/b.md", Line: 1, Col: 57}}},
		// A broken attrlink is told where it is written, not at the credit's words.
		{"figure's credit link on a line of its own", "{{< figure src=\"/a.png\"\n  attr=\"Photo: Sam\"\n  attrlink=\"gone.md#x\" >}}",
			`<figure><img src="/lib/a.png" alt=""><figcaption><a href="gone.md#x">Photo: Sam</a></figcaption></figure>`, nil,
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 1, Col: 12}, {Target: "articles/gone.md", Anchor: "x", Line: 3, Col: 3}}},
		{"figure's attrlink without attr", "{{< figure src=\"/a.png\" caption=\"Lake\"\n  attrlink=\"https://example.org/sam\" >}}",
			`<figure><img src="/lib/a.png" alt="Lake"><figcaption>Lake</figcaption></figure>`,
			[]Problem{{Line: 2, Col: 3, Warning: true, Msg: `Hugo shortcode {{< figure >}}: attrlink="https://example.org/sam" is ignored: it is the link of the credit, attr="…", which this figure does not have; give it attr="…" with the words to link, like attr="Photo: Sam Lee"`}},
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 1, Col: 12}}},
		// In a heading, a link or emphasis the figure is its image alone: its caption is
		// not shown, nor checked, and the coach is told where and what to do.
		{"figure in a heading has no caption", `# Title {{< figure src="/a.png" caption="[x](gone.md)" >}}`,
			`<h1 id="title--figure-srcapng-captionxgonemd-">Title <img src="/lib/a.png" alt="x"></h1>`,
			[]Problem{{Line: 1, Col: 9, Warning: true, Msg: `Hugo shortcode {{< figure >}} is in a heading, where a figure shows its image alone: its caption="…" is left out, and so is any link in it; put the figure on a line of its own, below the heading`}},
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 1, Col: 20}}},
		{"figure in a link has no caption", "Text.\n\nSee [{{% figure src=\"/a.png\" title=\"Calm\"\n  caption=\"A lake\" attr=\"Sam\" %}}](/about/).",
			"<p>Text.</p>\n<p>See <a href=\"/lib/about/\"><img src=\"/lib/a.png\" alt=\"A lake\"></a>.</p>",
			[]Problem{{Line: 3, Col: 6, Warning: true, Msg: `Hugo shortcode {{% figure %}} is inside a link, where a figure shows its image alone: its title="…", caption="…" and attr="…" are left out, and so is any link in them; put the figure on a line of its own, outside the link, and give it the link's address as link="…"`}},
			[]Link{{Addr: "/lib/about/", Dest: "/about/", Line: 3, Col: 1}, {Addr: "/lib/a.png", Dest: "/a.png", Line: 3, Col: 17}}},
		{"figure in emphasis has no caption", `*{{< figure src="/a.png" title="Calm" >}}*`,
			`<p><em><img src="/lib/a.png" alt=""></em></p>`,
			[]Problem{{Line: 1, Col: 2, Warning: true, Msg: `Hugo shortcode {{< figure >}} is inside emphasis or other formatting of a line (*…*, **…**, ~~…~~), where a figure shows its image alone: its title="…" is left out, and so is any link in it; put the figure on a line of its own, outside the *…*`}},
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 1, Col: 13}}},
		{"figure in a heading without a caption is no news", `# Title {{< figure src="/a.png" >}}`,
			`<h1 id="title--figure-srcapng-">Title <img src="/lib/a.png" alt=""></h1>`, nil,
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 1, Col: 20}}},
		{"figure's link opens in a new tab", `{{< figure src="/a.png" link="b.md" target="_blank" rel="nofollow" loading="lazy" width="640px" class="wide  right" >}}`,
			`<figure class="wide right"><a href="/lib/articles/own-slug/" target="_blank" rel="nofollow noopener"><img src="/lib/a.png" alt="" width="640" loading="lazy"></a></figure>`, nil,
			[]Link{{Target: "articles/b.md", Line: 1, Col: 25}, {Addr: "/lib/a.png", Dest: "/a.png", Line: 1, Col: 12}}},
		{"figure's settings that do nothing", "{{< figure src=\"/a.png\"\n  target=\"_blank\" rel=\"nofollow\"\n  captoin=\"x\" \"y\" colour=\"red\" >}}",
			`<figure><img src="/lib/a.png" alt=""></figure>`,
			[]Problem{
				{Line: 2, Col: 3, Warning: true, Msg: `Hugo shortcode {{< figure >}}: target="_blank" is ignored: it is about the figure's link, and the figure has no link="…"`},
				{Line: 2, Col: 19, Warning: true, Msg: `Hugo shortcode {{< figure >}}: rel="nofollow" is ignored: it is about the figure's link, and the figure has no link="…"`},
				{Line: 3, Col: 3, Warning: true, Msg: `Hugo shortcode {{< figure >}}: captoin="…" is not a setting of figure, and is ignored; did you mean caption="…"?`},
				{Line: 3, Col: 15, Warning: true, Msg: `Hugo shortcode {{< figure >}}: the value "y" has no name, and is ignored; write it with its name, like alt="y"`},
				{Line: 3, Col: 19, Warning: true, Msg: `Hugo shortcode {{< figure >}}: colour="…" is not a setting of figure, and is ignored; its settings are src, alt, title, caption, attr, attrlink, link, target, rel, class, width, height, loading`},
			},
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 1, Col: 12}}},
		{"figure's settings that are not known", `{{< figure src="/a.png" link="/about/" target="top" rel="opener noreferrer nope" loading="soon" >}}`,
			`<figure><a href="/lib/about/" rel="noreferrer"><img src="/lib/a.png" alt=""></a></figure>`,
			[]Problem{
				{Line: 1, Col: 40, Warning: true, Msg: `Hugo shortcode {{< figure >}}: target="top" is ignored: write target="_blank" to open the link in a new tab, or leave it out to open it in the same one`},
				{Line: 1, Col: 53, Warning: true, Msg: `Hugo shortcode {{< figure >}}: rel="opener" is ignored: it would let the page the link opens reach into this one, where clients may have typed their answers`},
				{Line: 1, Col: 53, Warning: true, Msg: `Hugo shortcode {{< figure >}}: rel="nope" is ignored: it is not a rel a browser knows, like rel="nofollow" or rel="noreferrer"`},
				{Line: 1, Col: 82, Warning: true, Msg: `Hugo shortcode {{< figure >}}: loading="soon" is ignored: a browser knows loading="lazy" (load the image when it is scrolled near) and loading="eager"`},
			},
			[]Link{{Addr: "/lib/about/", Dest: "/about/", Line: 1, Col: 25}, {Addr: "/lib/a.png", Dest: "/a.png", Line: 1, Col: 12}}},
		{"figure in a paragraph is a block of its own", "Before it\n{{< figure src=\"/a.png\" >}} after it.\n",
			"<p>Before it</p>\n<figure><img src=\"/lib/a.png\" alt=\"\"></figure>\n<p>after it.</p>", nil,
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 2, Col: 12}}},
		{"figure over lines, ended by >}}", "Text.\n\n{{< figure\n  src=\"/a.png\"\n  title=\"Long\"\n>}}\n\nMore.\n",
			"<p>Text.</p>\n<figure><img src=\"/lib/a.png\" alt=\"\"><figcaption><strong>Long</strong></figcaption></figure>\n<p>More.</p>", nil,
			[]Link{{Addr: "/lib/a.png", Dest: "/a.png", Line: 4, Col: 3}}},
		{"a quote is still a quote", "Text.\n>}} quoted\n\n> }}\n",
			"<p>Text.</p>\n<blockquote>\n<p>}} quoted</p>\n</blockquote>\n<blockquote>\n<p>}}</p>\n</blockquote>", nil, nil},
		{"figure without src", `Here: {{< figure title="x" >}}`,
			`<p>Here: {{&lt; figure title=&quot;x&quot; &gt;}}</p>`,
			[]Problem{{Line: 1, Col: 7, Warning: true, Msg: `Hugo shortcode {{< figure >}} has no src="…" and is shown as written; give it the image's address, like {{< figure src="/images/photo.jpg" alt="…" >}}`}}, nil},
		{"ref as a link's destination", `See [values]({{< ref "../worksheets/values.md#f-x" >}} "Values").`,
			`<p>See <a href="/lib/worksheets/values/#f-x" title="Values">values</a>.</p>`, nil,
			[]Link{{Target: "worksheets/values.md", Anchor: "f-x", Line: 1, Col: 5}}},
		{"ref without .md, from content/", `[v]({{% relref "worksheets/values" %}}) [b]({{< ref b >}}) [c]({{< ref "/articles/deep/child" >}})`,
			`<p><a href="/lib/worksheets/values/">v</a> <a href="/lib/articles/own-slug/">b</a> <a href="/lib/articles/deep/child/">c</a></p>`, nil,
			[]Link{{Target: "worksheets/values.md", Line: 1, Col: 1}, {Target: "articles/b.md", Line: 1, Col: 41}, {Target: "articles/deep/child.md", Line: 1, Col: 60}}},
		{"ref in text", `Go to {{< ref "b.md" >}} now.`,
			`<p>Go to <a href="/lib/articles/own-slug/">/lib/articles/own-slug/</a> now.</p>`, nil,
			[]Link{{Target: "articles/b.md", Line: 1, Col: 7}}},
		{"ref to a missing page", `[x]({{< ref "gone.md" >}}) and {{< ref "gone" >}}`,
			`<p><a href="gone.md">x</a> and <a href="gone.md">gone.md</a></p>`, nil,
			[]Link{{Target: "articles/gone.md", Line: 1, Col: 1}, {Target: "articles/gone.md", Line: 1, Col: 32}}},
		{"embeds are links", "{{< youtube dQw4w9WgXcQ >}}\n\n{{< youtube id=\"abc\" start=\"30\" title=\"My talk\" >}}\n\n{{< vimeo 55073825 >}}\n\n" +
			"{{< tweet user=\"Zoo\" id=\"145\" >}} {{< x user=\"Zoo\" id=\"146\" >}} {{< tweet 147 >}}\n\n{{< instagram CxOWiQNP2MO >}}\n\n{{< gist jm 2393 \"main.go\" >}}",
			"<p><a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">Watch on YouTube</a></p>\n" +
				"<p><a href=\"https://www.youtube.com/watch?v=abc&amp;t=30s\">Watch on YouTube: My talk</a></p>\n" +
				"<p><a href=\"https://vimeo.com/55073825\">Watch on Vimeo</a></p>\n" +
				"<p><a href=\"https://x.com/Zoo/status/145\">Read the post on X</a> <a href=\"https://x.com/Zoo/status/146\">Read the post on X</a> <a href=\"https://x.com/i/status/147\">Read the post on X</a></p>\n" +
				"<p><a href=\"https://www.instagram.com/p/CxOWiQNP2MO/\">See the post on Instagram</a></p>\n" +
				"<p><a href=\"https://gist.github.com/jm/2393#file-main-go\">See the code on GitHub</a></p>", nil, nil},
		{"Hugo's older and _simple embeds are links", "{{< twitter_simple user=\"dr\" id=\"108\" >}} {{< twitter 109 >}} {{< vimeo_simple 489 >}}",
			"<p><a href=\"https://x.com/dr/status/108\">Read the post on X</a> <a href=\"https://x.com/i/status/109\">Read the post on X</a> <a href=\"https://vimeo.com/489\">Watch on Vimeo</a></p>", nil, nil},
		{"inline shortcode", "{{< math.inline >}}\n{{ if .Page.Params.math }}x{{ end }}\n{{< /math.inline >}}",
			"<p>{{&lt; math.inline &gt;}}\n{{ if .Page.Params.math }}x{{ end }}\n{{&lt; /math.inline &gt;}}</p>",
			[]Problem{{Line: 1, Col: 1, Warning: true, Msg: "Hugo shortcode {{< math.inline >}} is an inline shortcode: a template, which Hugo ran and Between does not, so it is shown as written, template and all; " +
				"remove it, from {{< math.inline >}} to {{< /math.inline >}}, and write what it showed as Markdown"},
				// The template inside is shown as written too, and said so as Jekyll's would be.
				{Line: 2, Col: 1, Warning: true, Msg: "{{ if .Page.Params.math }} is a template tag (Liquid or Nunjucks, as Jekyll and Eleventy run them), which Between does not run: " +
					"it is shown as written, like 1 more on this page; write what it stood for in Markdown, or remove it"}}, nil},
		{"embed without an id", `{{< youtube "a b" >}}`, `<p>{{&lt; youtube &quot;a b&quot; &gt;}}</p>`,
			[]Problem{{Line: 1, Col: 1, Warning: true, Msg: `Hugo shortcode {{< youtube >}} needs the video's id, like {{< youtube dQw4w9WgXcQ >}}; it is shown as written`}}, nil},
		{"unknown pair, told once", "{{% note %}}\nSome *text*.\n{{% /note %}}\n\n{{< aside summary=\"More\" >}}\nHidden.\n{{< /aside >}}",
			"<p>{{% note %}}\nSome <em>text</em>.\n{{% /note %}}</p>\n<p>{{&lt; aside summary=&quot;More&quot; &gt;}}\nHidden.\n{{&lt; /aside &gt;}}</p>",
			[]Problem{{Line: 1, Col: 1, Warning: true, Msg: "Hugo shortcode {{% note %}}" + unknown},
				{Line: 5, Col: 1, Warning: true, Msg: "Hugo shortcode {{< aside >}}" + unknown}}, nil},
		{"unknown, told once a page with a count", "{{< tabs >}}\n{{< tab \"A\" >}}\na\n{{< /tab >}}\n{{< tab \"B\" >}}b{{< /tab >}}\n{{< /tabs >}}\n\n" +
			"{{< tab >}} {{< /tab >}} {{< /tab >}}\n\n{{% note %}}x{{% /note %}} {{% note %}}",
			"<p>{{&lt; tabs &gt;}}\n{{&lt; tab &quot;A&quot; &gt;}}\na\n{{&lt; /tab &gt;}}\n{{&lt; tab &quot;B&quot; &gt;}}b{{&lt; /tab &gt;}}\n{{&lt; /tabs &gt;}}</p>\n" +
				"<p>{{&lt; tab &gt;}} {{&lt; /tab &gt;}} {{&lt; /tab &gt;}}</p>\n<p>{{% note %}}x{{% /note %}} {{% note %}}</p>",
			[]Problem{{Line: 1, Col: 1, Warning: true, Msg: "Hugo shortcode {{< tabs >}}" + unknown},
				{Line: 2, Col: 1, Warning: true, Msg: "Hugo shortcode {{< tab >}} (here and 2 more times on this page)" + unknown},
				{Line: 8, Col: 26, Warning: true, Msg: "Hugo shortcode {{< /tab >}}" + unknown},
				{Line: 10, Col: 1, Warning: true, Msg: "Hugo shortcode {{% note %}} (here and once more on this page)" + unknown}}, nil},
		{"unknown closing alone", "Text {{< /note >}} and {{< param \"x\" >}}",
			"<p>Text {{&lt; /note &gt;}} and {{&lt; param &quot;x&quot; &gt;}}</p>",
			[]Problem{{Line: 1, Col: 6, Warning: true, Msg: "Hugo shortcode {{< /note >}}" + unknown},
				{Line: 1, Col: 24, Warning: true, Msg: "Hugo shortcode {{< param >}}" + unknown}}, nil},
		{"in code, text as written", "`{{< figure src=\"x\" >}}` and `{{% note %}}`\n\n```\n{{< ref \"gone.md\" >}}\n<!--more-->\n```\n\n    {{< youtube x >}}\n",
			"<p><code>{{&lt; figure src=&quot;x&quot; &gt;}}</code> and <code>{{% note %}}</code></p>\n<pre><code>{{&lt; ref &quot;gone.md&quot; &gt;}}\n&lt;!--more--&gt;\n</code></pre>\n<pre><code>{{&lt; youtube x &gt;}}\n</code></pre>", nil, nil},
		{"Hugo's escaped form shows the shortcode", `Write {{</* figure src="x" */>}} or {{%/* note */%}}.`,
			`<p>Write {{&lt; figure src=&quot;x&quot; &gt;}} or {{% note %}}.</p>`, nil, nil},
		{"unreadable", `{{< figure src='x.jpg' >}}`, `<p>{{&lt; figure src='x.jpg' &gt;}}</p>`,
			[]Problem{{Line: 1, Col: 1, Warning: true, Msg: `Hugo shortcode {{< figure could not be read and is shown as written; write each value in double quotes, like title="My title", and end it with >}}`}}, nil},
		{"braces that are no shortcode", "{{ .Title }} and {{<}} and {{%}} and {{< and {x} {{",
			"<p>{{ .Title }} and {{&lt;}} and {{%}} and {{&lt; and {x} {{</p>", nil, nil},
		{"highlight is a code block", "Text.\n{{< highlight go \"linenos=table\" >}}\nfunc main() {\n\tx := 1 // *not* emphasis\n\n}\n{{< /highlight >}}\nAfter.",
			"<p>Text.</p>\n<pre><code class=\"language-go\">func main() {\n\tx := 1 // *not* emphasis\n\n}\n</code></pre>\n<p>After.</p>", nil, nil},
		{"highlight in a list, ended on the code's last line", "- item\n\n  {{% highlight %}}\n  a  <b>\n    c{{% /highlight %}}\n",
			"<ul>\n<li>\n<p>item</p>\n<pre><code>a  &lt;b&gt;\n  c\n</code></pre>\n</li>\n</ul>", nil, nil},
		{"highlight's escaped form and code stay text", "{{</* highlight go */>}}\n\n```\n{{< highlight go >}}\nx\n{{< /highlight >}}\n```",
			"<p>{{&lt; highlight go &gt;}}</p>\n<pre><code>{{&lt; highlight go &gt;}}\nx\n{{&lt; /highlight &gt;}}\n</code></pre>", nil, nil},
		{"highlight without its end", "{{< highlight go >}}\nx := 1\n",
			"<p>{{&lt; highlight go &gt;}}\nx := 1</p>",
			[]Problem{{Line: 1, Col: 1, Warning: true, Msg: "Hugo shortcode {{< highlight >}} has no {{< /highlight >}} after it and is shown as written; end the code with {{< /highlight >}} on a line of its own"}}, nil},
		{"highlight within a line", "Code: {{< highlight go >}}x{{< /highlight >}}",
			"<p>Code: {{&lt; highlight go &gt;}}x{{&lt; /highlight &gt;}}</p>",
			[]Problem{{Line: 1, Col: 7, Warning: true, Msg: "Hugo shortcode {{< highlight >}} is read as code only at the start of a line, and here is shown as written; put it on a line of its own, before the code"}}, nil},
		{"comment hides its lines", "Before.\n\n{{% comment %}}\nNote to self: *private*.\n\n- still private\n{{% /comment %}}\nAfter.",
			"<p>Before.</p>\n<p>After.</p>", nil, nil},
		{"comment in a paragraph", "Public {{< comment >}}secret\nmore secret{{< /comment >}} text.\n\n{{% comment %}}\nx\n{{% /comment %}} Visible.",
			"<p>Public  text.</p>\n<p>Visible.</p>", nil, nil},
		{"comment without its end", "Text {{% comment %}} secret\n\n{{% /comment %}}",
			"<p>Text {{% comment %}} secret</p>\n<p>{{% /comment %}}</p>",
			[]Problem{{Line: 1, Col: 6, Warning: true, Msg: "Hugo shortcode {{% comment %}} has no {{% /comment %}} after it in its paragraph, and is shown as written, with the text you meant to hide; end it there, or put both on lines of their own"},
				{Line: 3, Col: 1, Warning: true, Msg: "Hugo shortcode {{% /comment %}}" + unknown}}, nil},
		{"details is a details element", "Intro.\n\n{{< details summary=\"What if <I> miss a day?\" >}}\nThat is *fine*.\n\n- one\n{{< /details >}}\nAfter.\n\n- item\n\n  {{% details summary=\"In a list\" open=true %}}\n  Inside.\n  {{% /details %}}",
			"<p>Intro.</p>\n<details><summary>What if &lt;I&gt; miss a day?</summary>\n<p>That is <em>fine</em>.</p>\n<ul>\n<li>one</li>\n</ul>\n</details>\n<p>After.</p>\n" +
				"<ul>\n<li>\n<p>item</p>\n<details open><summary>In a list</summary>\n<p>Inside.</p>\n</details>\n</li>\n</ul>", nil, nil},
		{"details without a summary", "{{< details >}}\nInside.\n{{< /details >}}",
			"<details><summary>Details</summary>\n<p>Inside.</p>\n</details>",
			[]Problem{{Line: 1, Col: 1, Warning: true, Msg: `Hugo shortcode {{< details >}} has no summary="…", so it shows the word "Details"; give it the words to show, like summary="More about this"`}}, nil},
		{"details without its end", "{{< details summary=\"x\" >}}\nInside.",
			"<p>{{&lt; details summary=&quot;x&quot; &gt;}}\nInside.</p>",
			[]Problem{{Line: 1, Col: 1, Warning: true, Msg: "Hugo shortcode {{< details >}} has no {{< /details >}} after it and is shown as written; end what it holds with {{< /details >}} on a line of its own"}}, nil},
		{"details within a line", "See {{% details summary=\"x\" %}}Inside.{{% /details %}}",
			"<p>See {{% details summary=&quot;x&quot; %}}Inside.{{% /details %}}</p>",
			[]Problem{{Line: 1, Col: 5, Warning: true, Msg: "Hugo shortcode {{% details %}} is read only on a line of its own, and here is shown as written; put it and its {{% /details %}} each on a line of its own"}}, nil},
		{"summary divider shows nothing", "One.\n\n<!--more-->\n\nTwo <!-- more --> three.\n\n<!-- other -->\n",
			"<p>One.</p>\n<p>Two  three.</p>\n<!-- raw HTML omitted -->", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := convert(t, tc.src, Options{URL: "/lib/articles/a/"})
			if got := strings.TrimSpace(d.Text()); got != tc.want {
				t.Errorf("%q\ngot  %s\nwant %s", tc.src, got, tc.want)
			}
			if !reflect.DeepEqual(d.Problems, tc.probs) {
				t.Errorf("%q\nproblems %+v\nwant     %+v", tc.src, d.Problems, tc.probs)
			}
			if !reflect.DeepEqual(d.Links, tc.links) && (len(d.Links) > 0 || len(tc.links) > 0) {
				t.Errorf("%q\nlinks %+v\nwant  %+v", tc.src, d.Links, tc.links)
			}
		})
	}
}

// TestSummaryDivider: the text before <!--more--> is the summary, whole; without one, the
// first paragraph is.
func TestSummaryDivider(t *testing.T) {
	for _, c := range []struct {
		src, want string
		whole     bool
	}{
		{"First *one*.\n\n- a list\n- of two\n\n```\ncode\n```\n\n<!--more-->\n\nAfter.", "First one. a list of two", true},
		{"Lead in <!--more--> and the rest.\n\nMore.", "Lead in", true},
		{"# Title\n\nText\n<!-- more -->\n", "Title Text", true},
		{"First.\n\nSecond.\n", "First.", false},
		{"First.\n\n    <!--more-->\n", "First.", false}, // code
		{"{{% comment %}}\nSecret.\n{{% /comment %}}\nFirst.\n", "First.", false},
	} {
		d := convert(t, c.src, Options{})
		if d.Summary != c.want || d.WholeSummary != c.whole {
			t.Errorf("%q: summary %q (whole %v), want %q (%v)", c.src, d.Summary, d.WholeSummary, c.want, c.whole)
		}
	}
}

// TestEmbedWords: the embeds' links say what SetWords gives, English where it gives nothing.
func TestEmbedWords(t *testing.T) {
	c := New(false)
	c.SetWords(Words{YouTube: "Auf YouTube ansehen"})
	d, err := c.Convert([]byte("{{< youtube a >}} {{< vimeo 1 >}}"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p><a href="https://www.youtube.com/watch?v=a">Auf YouTube ansehen</a> <a href="https://vimeo.com/1">Watch on Vimeo</a></p>`
	if got := strings.TrimSpace(d.Text()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestCommentHidden: the text of Hugo's comment shortcode is in none of what a page gives
// the site: its HTML, its summary and its word count.
func TestCommentHidden(t *testing.T) {
	for _, src := range []string{
		"One two.\n\n{{% comment %}}\nSecret words here.\n{{% /comment %}}\n",
		"One {{< comment >}}Secret words here.{{< /comment >}}two.\n",
	} {
		d := convert(t, src, Options{})
		if strings.Contains(d.Text(), "Secret") || strings.Contains(d.Summary, "Secret") || d.WordCount != 2 {
			t.Errorf("%q: HTML %q, summary %q, %d words, want no secret and 2 words", src, d.Text(), d.Summary, d.WordCount)
		}
	}
}

// TestFigureCaptionHTML: HTML in a figure's caption is kept or left out as HTML in the
// page's text is, by markdown.unsafe, and told of as that is.
func TestFigureCaptionHTML(t *testing.T) {
	const src = "Press <kbd>Tab</kbd>.\n\n{{< figure src=\"/a.png\" caption=\"Press <kbd>Tab</kbd>\" >}}\n"
	for _, c := range []struct {
		unsafe bool
		want   string
		probs  []Problem
	}{
		{false, "<p>Press <!-- raw HTML omitted -->Tab<!-- raw HTML omitted -->.</p>\n" +
			`<figure><img src="/a.png" alt="Press Tab"><figcaption>Press <!-- raw HTML omitted -->Tab<!-- raw HTML omitted --></figcaption></figure>`,
			[]Problem{{Line: 1, Col: 7, Warning: true, Msg: "this HTML (<kbd>) and 3 more pieces on this page are left out of the page: HTML written in Markdown is off, so that a page cannot run code. Write it as Markdown; or, if you trust every file of the library, set unsafe = true under [markdown] in config.toml (see docs/security.md)"}}},
		{true, "<p>Press <kbd>Tab</kbd>.</p>\n" +
			`<figure><img src="/a.png" alt="Press Tab"><figcaption>Press <kbd>Tab</kbd></figcaption></figure>`, nil},
	} {
		d, err := New(c.unsafe).Convert([]byte(src), Options{Rel: "articles/a.md", URL: "/articles/a/"})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(d.Text()); got != c.want {
			t.Errorf("unsafe %v:\ngot  %s\nwant %s", c.unsafe, got, c.want)
		}
		if !reflect.DeepEqual(d.Problems, c.probs) {
			t.Errorf("unsafe %v: problems %+v\nwant %+v", c.unsafe, d.Problems, c.probs)
		}
	}
}

// TestFigureWords: a figure's caption is counted once in the page's words, when it is its
// image's alt too, and an alt of its own is counted as an image's is.
func TestFigureWords(t *testing.T) {
	for _, c := range []struct {
		src   string
		words int
	}{
		{`{{< figure src="/a.png" caption="Three small words" >}}`, 3},
		{"{{< figure src=\"/a.png\" caption=\"Three *small*\n  words\" >}}", 3},
		{`{{< figure src="/a.png" alt="Two words" caption="Three small words" >}}`, 5},
		{`{{< figure src="/a.png" caption="Three small words" attr="By Sam" >}}`, 5},
		{`![Two words](/a.png)`, 2},
		// Shown as its image alone, the figure's alt is its only place.
		{`# Title {{< figure src="/a.png" caption="Three small words" >}}`, 4},
	} {
		if d := convert(t, c.src, Options{}); d.WordCount != c.words {
			t.Errorf("%q: %d words, want %d", c.src, d.WordCount, c.words)
		}
	}
}
