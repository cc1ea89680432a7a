package worksheet_test

import (
	"strings"
	"testing"
)

// TestAdmonitions checks that MkDocs' admonitions render as the ::: callout a coach would
// write for them, and that lines which only look like one stay as they were.
func TestAdmonitions(t *testing.T) {
	md := newMarkdown()
	cases := []struct {
		name, mkdocs, between string
	}{
		{"note", "!!! note\n    A *short* [link](https://example.org).\n",
			"::: note\nA *short* [link](https://example.org).\n:::\n"},
		{"title and two paragraphs", "Intro.\n\n!!! warning \"Before you start\"\n    One.\n\n    Two.\n\nAfter.\n",
			"Intro.\n\n::: warning title=\"Before you start\"\nOne.\n\nTwo.\n:::\n\nAfter.\n"},
		{"type of MkDocs titled as MkDocs does", "!!! danger\n    Body.\n",
			"::: warning title=\"Danger\"\nBody.\n:::\n"},
		{"collapsible", "??? question \"Why?\"\n    Because.\n", "::: note title=\"Why?\"\nBecause.\n:::\n"},
		{"collapsible, open", "???+ tip\n    Open.\n", "::: tip\nOpen.\n:::\n"},
		{"classes after the type", "!!! example inline end \"Side\"\n    S.\n", "::: note title=\"Side\"\nS.\n:::\n"},
		{"tab indent and a list", "!!! tip\n\t- one\n\t- two\n", "::: tip\n- one\n- two\n:::\n"},
		{"nested", "!!! note\n    Out.\n\n    !!! tip\n        In.\n", "::: note\nOut.\n\n::: tip\nIn.\n:::\n:::\n"},
		{"code block inside", "!!! note\n    ```\n    x = 1\n    ```\n", "::: note\n```\nx = 1\n```\n:::\n"},
		{"body not indented is text after", "!!! tip\nText.\n", "::: tip\n:::\n\nText.\n"},
		{"in a list item", "- item\n\n    !!! note\n        Body.\n", "- item\n\n    ::: note\n    Body.\n    :::\n"},
		// Not admonitions: shown as text, as before (between is empty).
		{"unknown type", "!!! Big news\n    code\n", ""},
		{"no type", "!!!\n", ""},
		{"exclamations in text", "!!! Wow !!!\n", ""},
		{"after a paragraph line", "Text\n!!! note\n", ""},
		{"image", "![a](b.png)\n", ""},
		{"question marks", "??? what\n", ""},
		{"tab without quotes", "=== Tab\n    a\n", ""},
		{"setext heading", "Title\n===\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, _, probs := convert(t, md, []byte(c.mkdocs), false)
			if c.between == "" {
				if strings.Contains(got, "callout") {
					t.Errorf("%q is not an admonition, but got %s", c.mkdocs, got)
				}
				return
			}
			want, _, _ := convert(t, md, []byte(c.between), false)
			if got != want {
				t.Errorf("%q\ngot  %s\nwant %s", c.mkdocs, got, want)
			}
			if len(probs) != 0 {
				t.Errorf("problems: %v", probs)
			}
		})
	}
}

// TestContentTabs checks that Material for MkDocs' content tabs show each label in bold above
// its body, which is Markdown again rather than a code block.
func TestContentTabs(t *testing.T) {
	md := newMarkdown()
	cases := []struct{ src, want string }{
		{"=== \"C\"\n    One.\n\n=== \"C++\"\n\n    ``` c++\n    x\n    ```\n\nAfter.\n",
			"<p class=\"tab-label\"><strong>C</strong></p>\n<p>One.</p>\n<p class=\"tab-label\"><strong>C++</strong></p>\n" +
				"<pre><code class=\"language-c++\">x\n</code></pre>\n<p>After.</p>\n"},
		{"===! \"A <b>\"\n    a\n\n===+ \"B\"\n    b\n",
			"<p class=\"tab-label\"><strong>A &lt;b&gt;</strong></p>\n<p>a</p>\n<p class=\"tab-label\"><strong>B</strong></p>\n<p>b</p>\n"},
	}
	for _, c := range cases {
		if got, _, _ := convert(t, md, []byte(c.src), false); got != c.want {
			t.Errorf("%q\ngot  %q\nwant %q", c.src, got, c.want)
		}
	}
}
