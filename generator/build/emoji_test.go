package build

import (
	"strings"
	"testing"
)

// TestEmojiSetting: [markdown] emoji = true shows a page's shortcodes as emoji, and a change
// of the setting, in the dev server, converts every page again; without it they are shown as
// written, with a warning at the first of each page.
func TestEmojiSetting(t *testing.T) {
	files := smallSite()
	files["content/articles/a.md"] = mdPage("Alpha", "", "Well done :tada:, and :+1: too.\n\n`:smile:`")
	// Titled by its heading, as MkDocs titles a page.
	files["content/articles/h.md"] = "# Small wins :tada: `:x:`\n\nText.\n"
	root := writeSite(t, files)
	b := newBuilder(root)
	page := func(res *Result) string {
		f, ok := res.Files["articles/a/index.html"]
		if !ok {
			t.Fatal("no articles/a/index.html")
		}
		return string(f)
	}
	hint := func(res *Result) string {
		var out []string
		for _, w := range res.Warnings {
			out = append(out, w.Error())
		}
		return strings.Join(out, "\n")
	}
	const warning = "content/articles/a.md:5:11: warning: :tada: is shown as written, like 1 more on this page; to show it as 🎉, add emoji = true under [markdown] in config.toml, or write 🎉 itself"
	res := mustBuild(t, b)
	if !strings.Contains(page(res), "<p>Well done :tada:, and :+1: too.</p>") || hint(res) != warning {
		t.Errorf("emoji off:\n%s\nwarnings:\n%s", page(res), hint(res))
	}
	for _, on := range []bool{true, false} {
		cfg := files["config.toml"]
		if on {
			cfg += "[markdown]\nemoji = true\n"
		}
		write(t, root, "config.toml", cfg)
		res = mustRebuild(t, b, "config.toml")
		want, wantHint := "<p>Well done 🎉, and 👍 too.</p>", ""
		if !on {
			want, wantHint = "<p>Well done :tada:, and :+1: too.</p>", warning
		}
		if !strings.Contains(page(res), want) || !strings.Contains(page(res), "<code>:smile:</code>") || hint(res) != wantHint {
			t.Errorf("emoji %v:\n%s\nwarnings:\n%s", on, page(res), hint(res))
		}
		title := "<title>Small wins 🎉 :x:</title>"
		if !on {
			title = "<title>Small wins :tada: :x:</title>"
		}
		if h := string(res.Files["articles/h/index.html"]); !strings.Contains(h, title) {
			t.Errorf("emoji %v: the page titled by its heading is\n%s", on, h)
		}
	}
}
