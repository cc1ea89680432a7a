package build

import (
	"strings"
	"testing"
)

// TestWikiLinkWarnings: a page written in Obsidian keeps its [[links]], which show as
// written; each is a warning with the Markdown link to write, the page found as Obsidian
// finds it (beside the page, in another folder, by title), an image embed as an image.
func TestWikiLinkWarnings(t *testing.T) {
	files := smallSite()
	files["content/guides/My Notes.md"] = mdPage("Notes for later", "date = 2026-01-06", "Notes.\n\n## Why it matters\n\nText.")
	files["content/articles/o.md"] = mdPage("From Obsidian", "date = 2026-01-07",
		"See [[b]], [[Beta|the second]] and [[b#Second]].\n\n"+
			"Also [[My Notes]], [[notes for later]] and [[My Notes#Why it matters|why]].\n\n"+
			"![[photo.png]] ![[c]] [[nowhere]] `[[code]]`\n\n![[my photo.jpg|300]] [[ ]]")
	res := mustBuild(t, newBuilder(writeSite(t, files)))
	var got []string
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.Error(), "content/articles/o.md") {
			got = append(got, w.Error())
		}
	}
	const at = "content/articles/o.md:"
	want := []string{
		at + "5:5: warning: [[b]] is how Obsidian links a page, and here it shows as written; write [b](b.md)",
		at + "5:12: warning: [[Beta|the second]] is how Obsidian links a page, and here it shows as written; write [the second](b.md)",
		at + "5:36: warning: [[b#Second]] is how Obsidian links a page, and here it shows as written; write [b](b.md#second)",
		at + "7:6: warning: [[My Notes]] is how Obsidian links a page, and here it shows as written; write [My Notes](<../guides/My Notes.md>)",
		at + "7:20: warning: [[notes for later]] is how Obsidian links a page, and here it shows as written; write [notes for later](<../guides/My Notes.md>)",
		at + "7:44: warning: [[My Notes#Why it matters|why]] is how Obsidian links a page, and here it shows as written; write [why](<../guides/My Notes.md#why-it-matters>)",
		at + "9:1: warning: ![[photo.png]] is how Obsidian shows an image, and here it shows as written; write ![](photo.png)",
		at + "9:16: warning: ![[c]] is how Obsidian puts one note inside another, which Between does not do, and here it shows as written; link to the page instead: [c](c.md)",
		at + "9:23: warning: [[nowhere]] is how Obsidian links a page, and here it shows as written; write [nowhere](nowhere.md), with the page's file named as from this page (no page here is called nowhere)",
		at + "11:1: warning: ![[my photo.jpg|300]] is how Obsidian shows an image, and here it shows as written; write ![](<my photo.jpg>)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if page := string(res.Files["articles/o/index.html"]); !strings.Contains(page, "[[b]]") {
		t.Errorf("the page does not show [[b]] as written:\n%s", page)
	}
}
