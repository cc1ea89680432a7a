package gates

import (
	"regexp"
	"testing"
)

// pageType is one kind of page the theme renders, and the output files that are of it.
type pageType struct {
	Name    string
	Pattern *regexp.Regexp // output file names of this type
}

// pageTypes are every page type a site has; each later feature that adds one adds it here.
// Plain pages are content/*.md, at /SLUG/.
var pageTypes = []pageType{
	{"home", regexp.MustCompile(`^index\.html$`)},
	{"article", regexp.MustCompile(`^articles/[^/]+/index\.html$`)},
	{"guide", regexp.MustCompile(`^guides/[^/]+/index\.html$`)},
	{"worksheet", regexp.MustCompile(`^worksheets/[^/]+/index\.html$`)},
	{"path", regexp.MustCompile(`^paths/[^/]+/index\.html$`)},
	{"booklet", regexp.MustCompile(`^paths/[^/]+/print/index\.html$`)},
	{"section", regexp.MustCompile(`^(articles|guides|worksheets|paths)/index\.html$`)},
	{"tags", regexp.MustCompile(`^tags/index\.html$`)},
	{"tag", regexp.MustCompile(`^tags/[^/]+/index\.html$`)},
	{"search", regexp.MustCompile(`^search/index\.html$`)},
	{"404", regexp.MustCompile(`^404\.html$`)},
	{"page", regexp.MustCompile(`^(?:[^/]+)/index\.html$`)},
}

// reservedTop are the top-level folders that are not plain pages.
var reservedTop = regexp.MustCompile(`^(articles|guides|worksheets|paths|tags|search)/`)

// samplePage is the page that stands for one page type in the browser gates.
type samplePage struct {
	Type string
	File string // output file
	Path string // URL path below the base URL the browser opens
	// Words must all be on paper when the page prints: the answers of the client's state.
	Words []string
}

// samplePages picks, for each page type, its largest page in the example library: the one
// with the most content (fields, footnotes, steps, tags) has the most that can go wrong. The
// 404 page is opened at an address that does not exist, as a reader meets it. A page type
// with no page fails the test: the example library must show every one.
func samplePages(t testing.TB, s *exampleSite) []samplePage {
	t.Helper()
	var out []samplePage
	for _, pt := range pageTypes {
		best := ""
		for _, name := range s.htmlFiles() {
			if !pt.Pattern.MatchString(name) || pt.Name == "page" && reservedTop.MatchString(name) {
				continue
			}
			if isRedirect(s.Files[name]) {
				continue
			}
			if best == "" || len(s.Files[name]) > len(s.Files[best]) {
				best = name
			}
		}
		if best == "" {
			t.Errorf("the example library has no %s page: add one to content/ so the gates check it", pt.Name)
			continue
		}
		p := pageURL(best)
		if pt.Name == "404" {
			p = "no-such-page/"
		}
		if pt.Name == "search" {
			p = "search/?q=session" // with results shown, tags and marked words
		}
		out = append(out, samplePage{Type: pt.Name, File: best, Path: p})
	}
	return out
}

var refresh = regexp.MustCompile(`(?i)<meta\s+http-equiv="?refresh`)

// isRedirect tells an alias page (a meta refresh to the page's new URL) from a real page.
func isRedirect(body []byte) bool { return refresh.Match(body) }

func TestSamplePages(t *testing.T) {
	s := example(t)
	for _, p := range samplePages(t, s) {
		t.Logf("%-9s %s", p.Type, p.File)
	}
}
