package build

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// paginatedSite has n articles with distinct dates (newest first in the list) and one tag on
// every article, built with the default theme.
func paginatedSite(n int, config string) map[string]string {
	files := map[string]string{"config.toml": "baseURL = \"https://example.org/\"\ntitle = \"Lib\"\n" + config}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("content/articles/a%03d.md", i)] = mdPage(fmt.Sprintf("Article %03d", i),
			fmt.Sprintf("date = 2025-01-01T00:00:00Z\nweight = %d\ntags = [\"Calm\"]", i+1), "Text.")
	}
	return files
}

var entryRe = regexp.MustCompile(`<h2 class="entry-title"><a href="/articles/(a\d+)/">`)

func TestListsArePaginated(t *testing.T) {
	root := writeSite(t, paginatedSite(120, ""))
	res := mustBuild(t, newBuilder(root))
	// The default is 50 a page: 50, 50 and 20, each article on exactly one page, in order.
	var seen []string
	for i, name := range []string{"articles/index.html", "articles/page/2/index.html", "articles/page/3/index.html"} {
		html := string(res.Files[name])
		var got []string
		for _, m := range entryRe.FindAllStringSubmatch(html, -1) {
			got = append(got, m[1])
		}
		if want := []int{50, 50, 20}[i]; len(got) != want {
			t.Errorf("%s lists %d articles, want %d", name, len(got), want)
		}
		seen = append(seen, got...)
	}
	for i := range 120 {
		if i >= len(seen) || seen[i] != fmt.Sprintf("a%03d", i) {
			t.Fatalf("articles over the pages, in order: %v", seen)
		}
	}
	if _, ok := res.Files["articles/page/4/index.html"]; ok {
		t.Error("a fourth page of 120 articles")
	}
	if _, ok := res.Files["articles/page/1/index.html"]; ok {
		t.Error("page 1 has its own URL; it should be the list's own")
	}
	p2 := string(res.Files["articles/page/2/index.html"])
	for _, want := range []string{
		`<title>Articles · page 2 of 3 · Lib</title>`,
		`<link rel="canonical" href="https://example.org/articles/page/2/">`,
		`<link rel="prev" href="/articles/">`,
		`<link rel="next" href="/articles/page/3/">`,
		`<nav class="pager" aria-label="Pages of this list">`,
		`<a href="/articles/page/2/" aria-current="page" aria-label="Page 2">2</a>`,
		`<a href="/articles/page/3/" rel="next">`,
		`<a href="/articles/" rel="prev">`,
	} {
		if !strings.Contains(p2, want) {
			t.Errorf("page 2 lacks %s", want)
		}
	}
	first := string(res.Files["articles/index.html"])
	if strings.Contains(first, `rel="prev"`) || !strings.Contains(first, `<link rel="next" href="/articles/page/2/">`) {
		t.Error("the first page should have a next and no previous")
	}
	// The tag of all 120 is paginated too.
	if _, ok := res.Files["tags/calm/page/3/index.html"]; !ok {
		t.Error("the tag page of 120 articles is not paginated")
	}
}

func TestPaginateSetting(t *testing.T) {
	root := writeSite(t, paginatedSite(12, "paginate = 5\n"))
	res := mustBuild(t, newBuilder(root))
	var pages []string
	for name := range res.Files {
		if strings.HasPrefix(name, "articles/page/") || name == "articles/index.html" {
			pages = append(pages, name)
		}
	}
	slices.Sort(pages)
	if want := []string{"articles/index.html", "articles/page/2/index.html", "articles/page/3/index.html"}; !slices.Equal(pages, want) {
		t.Errorf("list pages %v, want %v", pages, want)
	}
	// A list that fits one page has no page numbers.
	root = writeSite(t, paginatedSite(5, "paginate = 5\n"))
	res = mustBuild(t, newBuilder(root))
	if strings.Contains(string(res.Files["articles/index.html"]), `class="pager"`) {
		t.Error("a list of one page shows page numbers")
	}
}

// A title edit re-renders the list page that shows the page, not the others.
func TestTitleEditReRendersItsListPageOnly(t *testing.T) {
	root := writeSite(t, paginatedSite(120, ""))
	b := newBuilder(root)
	mustBuild(t, b)
	write(t, root, "content/articles/a110.md", mdPage("Article 110, renamed", "date = 2025-01-01T00:00:00Z\nweight = 111\ntags = [\"Calm\"]", "Text."))
	res := mustRebuild(t, b, "content/articles/a110.md")
	changed := htmlChanged(res)
	if !slices.Contains(changed, "articles/page/3/index.html") || !slices.Contains(changed, "tags/calm/page/3/index.html") {
		t.Errorf("the list pages showing the title did not change: %v", changed)
	}
	for _, c := range changed {
		if c == "articles/index.html" || c == "articles/page/2/index.html" || c == "tags/calm/index.html" {
			t.Errorf("%s changed, but does not show the page", c)
		}
	}
	if res.Rendered > 10 {
		t.Errorf("a title edit rendered %d outputs", res.Rendered)
	}
	assertSameAsFull(t, root, res)
}

func TestPageAtAListPageURL(t *testing.T) {
	files := paginatedSite(12, "paginate = 5\n")
	files["content/articles/x.md"] = mdPage("Two", "aliases = [\"/articles/page/2/\"]", "Text.")
	_, err := newBuilder(writeSite(t, files)).Build()
	if err == nil || !strings.Contains(err.Error(), "content/articles/x.md: /articles/page/2/ is a page of a section's list and also this page's URL or alias") {
		t.Fatalf("a page at /articles/page/2/: %v", err)
	}
}

// A page whose URL or alias is one Between makes a page at is told which page that is: a
// coach's content/notes.md is not a list.
func TestPageAtAMadePageURL(t *testing.T) {
	for _, tt := range []struct{ file, front, want string }{
		{"content/notes.md", "", "content/notes.md: this page would have the URL /notes/, which is the clients' My notes page; give it another slug or file name"},
		{"content/about.md", "aliases = [\"/notes/\"]", "content/about.md:3: alias \"/notes/\" is the URL of the clients' My notes page; remove it"},
		{"content/find.md", "slug = \"search\"", "content/find.md:3: this page would have the URL /search/, which is the search page"},
		{"content/articles/x.md", "aliases = [\"/tags/calm/page/2/\"]", "content/articles/x.md: /tags/calm/page/2/ is a page of a tag's list"},
	} {
		files := paginatedSite(12, "paginate = 5\n")
		files[tt.file] = mdPage("Mine", tt.front, "Text.")
		_, err := newBuilder(writeSite(t, files)).Build()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s with %q: %v\nwant %s", tt.file, tt.front, err, tt.want)
		}
	}
}

// The menu is made once a build (partialCached); a rebuild after a plain page's title
// changes shows the new title in the menu of every page, as a fresh build does.
func TestCachedMenuFollowsRebuilds(t *testing.T) {
	files := paginatedSite(3, "")
	files["content/about.md"] = mdPage("About", "", "Me.")
	root := writeSite(t, files)
	b := newBuilder(root)
	mustBuild(t, b)
	write(t, root, "content/about.md", mdPage("About me", "", "Me."))
	res := mustRebuild(t, b, "content/about.md")
	for _, name := range []string{"articles/a001/index.html", "articles/index.html", "about/index.html"} {
		if got := strings.Count(string(res.Files[name]), ">About me</a>"); got != 2 {
			t.Errorf("%s shows the new title in %d menus, want 2", name, got)
		}
	}
	if !strings.Contains(string(res.Files["about/index.html"]), `<a href="/about/" aria-current="page">About me</a>`) {
		t.Error("the about page's menu does not mark it as the current page")
	}
	if strings.Contains(string(res.Files["articles/a001/index.html"]), `<a href="/about/" aria-current`) {
		t.Error("an article's menu marks the about page as current")
	}
	assertSameAsFull(t, root, res)
}
