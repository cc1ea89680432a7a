package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// TestLiquid checks what becomes of Jekyll's and Eleventy's template tags: the three whose
// meaning is plain become it, and any other is shown as written with one warning a page.
func TestLiquid(t *testing.T) {
	const tag = " is a template tag (Liquid or Nunjucks, as Jekyll and Eleventy run them), which Between does not run: "
	const write = "write what it stood for in Markdown, or remove it"
	tests := []struct {
		name, src, want string
		probs           []Problem
	}{
		{"highlight is a code block, its HTML kept as code", "Intro.\n{% highlight ruby linenos %}\nx = \"<b>#{y}</b>\"\n\n  indented\n{% endhighlight %}\nAfter.\n",
			"<p>Intro.</p>\n<pre><code class=\"language-ruby\">x = &quot;&lt;b&gt;#{y}&lt;/b&gt;&quot;\n\n  indented\n</code></pre>\n<p>After.</p>", nil},
		{"highlight without a language, trimming dashes", "{%- highlight -%}\ncode\n{%- endhighlight -%}\n",
			"<pre><code>code\n</code></pre>", nil},
		{"comment shows nothing", "Before.\n\n{% comment %}\nPrivate note to self.\n{% include x.html %}\n{% endcomment %}\n\nAfter.\n",
			"<p>Before.</p>\n<p>After.</p>", nil},
		{"raw lines show nothing, their text as written", "{% raw %}\nKeep *this*.\n{% endraw %}\n",
			"<p>Keep <em>this</em>.</p>", nil},
		{"highlight never closed", "{% highlight js %}\nlet a\n",
			"<pre><code class=\"language-js\">let a\n</code></pre>",
			[]Problem{{Line: 1, Col: 1, Msg: "{% highlight %} is never closed, so the rest of the page is taken into it; add a line {% endhighlight %} where it ends"}}},
		{"comment never closed", "{% comment %}\nhidden\n", "",
			[]Problem{{Line: 1, Col: 1, Msg: "{% comment %} is never closed, so the rest of the page is taken into it; add a line {% endcomment %} where it ends"}}},
		{"include: one warning a page, at the first", "Hello.\n\n{% include note.html %}\n\nAnd {{ page.title }} and {% if x %}.\n",
			"<p>Hello.</p>\n<p>{% include note.html %}</p>\n<p>And {{ page.title }} and {% if x %}.</p>",
			[]Problem{{Line: 3, Col: 1, Warning: true, Msg: "{% include note.html %}" + tag + "it is shown as written, like 2 more on this page; write here, in Markdown, the text it included"}}},
		{"base URL in a link with spaces", "See [about]({{ site.baseurl }}/about/).\n",
			"<p>See [about]({{ site.baseurl }}/about/).</p>",
			[]Problem{{Line: 1, Col: 13, Warning: true, Msg: "{{ site.baseurl }}" + tag + "it is shown as written; Between puts the library's base URL in its links itself: write the link without it, like [About](/about/), or link the page's file, like [About](../about.md)"}}},
		{"base URL in a link without spaces", "See [about]({{site.baseurl}}/about/).\n",
			"<p>See <a href=\"%7B%7Bsite.baseurl%7D%7D/about/\">about</a>.</p>",
			[]Problem{{Line: 1, Col: 5, Warning: true, Msg: "{{site.baseurl}}" + tag + "it is shown as written; Between puts the library's base URL in its links itself: write the link without it, like [About](/about/), or link the page's file, like [About](../about.md)"}}},
		{"post_url", "[First]({% post_url 2024-01-05-first %})\n", "<p>[First]({% post_url 2024-01-05-first %})</p>",
			[]Problem{{Line: 1, Col: 9, Warning: true, Msg: "{% post_url 2024-01-05-first %}" + tag + "it is shown as written; link the page's file instead, like [First session](../articles/first-session.md)"}}},
		{"for loop", "{% for p in site.posts %}\n- {{ p.title }}\n{% endfor %}\n", "<p>{% for p in site.posts %}</p>\n<ul>\n<li>{{ p.title }}\n{% endfor %}</li>\n</ul>",
			[]Problem{{Line: 1, Col: 1, Warning: true, Msg: "{% for p in site.posts %}" + tag + "it is shown as written, like 2 more on this page; " + write}}},
		// Not Liquid, or in code: nothing said.
		{"in code", "`{{ x }}` and\n\n```\n{% include a %}\n```\n\n    {% include b %}\n", "", nil},
		{"braces in prose", "A set {1, 2} and {{ unclosed.\n\n{%\n", "", nil},
		{"a Hugo shortcode is not Liquid", "{{< youtube abc >}}\n", "", nil},
		{"nor Hugo's own template", "{{ .Title }}\n", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := convert(t, tt.src, Options{})
			var probs []Problem
			for _, p := range d.Problems {
				if !strings.Contains(p.Msg, "YouTube") && !strings.Contains(p.Msg, "link to") {
					probs = append(probs, p)
				}
			}
			if !reflect.DeepEqual(probs, tt.probs) {
				t.Errorf("problems\n got %+v\nwant %+v", probs, tt.probs)
			}
			if tt.want != "" {
				if got := strings.TrimSpace(d.Text()); got != tt.want {
					t.Errorf("html\n got %q\nwant %q", got, tt.want)
				}
			}
		})
	}
}
