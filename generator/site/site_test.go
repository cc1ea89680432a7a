package site_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/page"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/source"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// assemble parses files (content paths → text) as the builder does and assembles the site.
func assemble(t *testing.T, baseURL string, files map[string]string) (*site.Site, []string) {
	t.Helper()
	return assembleWith(t, baseURL, files, nil)
}

// inputsOf parses files (content paths → text) and converts them as the builder does.
func inputsOf(t *testing.T, baseURL string, files map[string]string) (*config.Config, []site.Input) {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = baseURL
	cfg.Title = "Lib"
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var pages []*page.Page
	urls := map[string]string{}
	for _, n := range names {
		f, errs := source.Parse("content/"+n, []byte(files[n]))
		if len(errs) > 0 {
			t.Fatalf("%s: %v", n, errs)
		}
		p, errs := page.From(f)
		if len(errs.Errors(false)) > 0 {
			t.Fatalf("%s: %v", n, errs)
		}
		pages = append(pages, p)
		if p.Visible(now, false) {
			urls[p.Rel] = cfg.BasePath() + site.URLPath(p)
		}
	}
	conv := markdown.New(false)
	var inputs []site.Input
	for _, p := range pages {
		in := site.Input{Page: p, Visible: p.Visible(now, false)}
		if in.Visible {
			doc, err := conv.Convert(p.Body, markdown.Options{Rel: p.Rel, BasePath: cfg.BasePath(),
				Fields:  p.Kind == "worksheet" || p.Kind == "guide",
				Resolve: func(r string) (string, bool) { u, ok := urls[r]; return u, ok }})
			if err != nil {
				t.Fatal(err)
			}
			in.Doc = doc
		}
		inputs = append(inputs, in)
	}
	return cfg, inputs
}

// assembleWith is assemble with a Printer for the steps of paths.
func assembleWith(t *testing.T, baseURL string, files map[string]string, print site.Printer) (*site.Site, []string) {
	t.Helper()
	cfg, inputs := inputsOf(t, baseURL, files)
	s, errs := site.AssembleWith(cfg, inputs, now, print)
	byRel := map[string]*site.Input{}
	for i := range inputs {
		byRel[inputs[i].Page.Rel] = &inputs[i]
	}
	for i := range inputs {
		if inputs[i].Doc != nil {
			errs = append(errs, site.CheckLinks(&inputs[i], byRel, now, nil, nil)...)
		}
	}
	errs = errs.Sort()
	var out []string
	for _, d := range errs {
		out = append(out, d.Error())
	}
	return s, out
}

func fm(front, body string) string { return "+++\n" + front + "+++\n" + body }

func titles(ps []*site.Page) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Title)
	}
	return strings.Join(out, ", ")
}

func TestSectionsAndOrder(t *testing.T) {
	s, errs := assemble(t, "https://example.org/library/", map[string]string{
		"_index.md":             fm("title = \"Home\"\n", "Welcome.\n"),
		"articles/_index.md":    fm("title = \"Reading\"\n", "Intro.\n"),
		"articles/old.md":       fm("title = \"Old\"\ndate = 2025-01-01\n", ""),
		"articles/new.md":       fm("title = \"New\"\ndate = 2026-02-01\n", ""),
		"articles/first.md":     fm("title = \"First\"\nweight = 1\ndate = 2020-01-01\n", ""),
		"articles/second.md":    fm("title = \"second\"\nweight = 2\n", ""),
		"articles/b-undated.md": fm("title = \"B undated\"\n", ""),
		"articles/a-undated.md": fm("title = \"a undated\"\n", ""),
		"articles/draft.md":     fm("title = \"Draft\"\ndraft = true\n", ""),
		"articles/hidden.md":    fm("title = \"Hidden\"\nunlisted = true\nslug = \"x7kq2m9vdt\"\n", ""),
		"about.md":              fm("title = \"About\"\nweight = 2\n", ""),
		"contact.md":            fm("title = \"Contact\"\nweight = 1\n", ""),
		"resources.md":          fm("title = \"Notes\"\n", ""),
		"guides/g.md":           fm("title = \"G\"\n", ""),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if s.Home.Title != "Home" || s.Home.URL != "/library/" || !strings.Contains(string(s.Home.Content()), "Welcome.") {
		t.Errorf("home %+v", s.Home)
	}
	var names []string
	for _, sec := range s.Sections {
		names = append(names, sec.Name+"="+sec.URL)
	}
	if got := strings.Join(names, " "); got != "articles=/library/articles/ guides=/library/guides/ worksheets=/library/worksheets/ paths=/library/paths/" {
		t.Errorf("sections %s", got)
	}
	arts := s.Sections[0]
	if arts.Title != "Reading" || !strings.Contains(string(arts.Intro), "Intro.") {
		t.Errorf("section title %q intro %q", arts.Title, arts.Intro)
	}
	// Weight first (unweighted last), then newest first, then title without case.
	if got := titles(arts.Pages); got != "First, second, New, Old, a undated, B undated" {
		t.Errorf("articles in order: %s", got)
	}
	for i, p := range arts.Pages {
		var prev, next *site.Page
		if i > 0 {
			prev = arts.Pages[i-1]
		}
		if i+1 < len(arts.Pages) {
			next = arts.Pages[i+1]
		}
		if p.Prev != prev || p.Next != next {
			t.Errorf("%s: prev %v next %v", p.Title, p.Prev, p.Next)
		}
	}
	if got := titles(s.Plain); got != "Contact, About, Notes" {
		t.Errorf("plain pages (the menu): %s", got)
	}
	if got := titles(s.Unlisted); got != "Hidden" {
		t.Errorf("unlisted: %s", got)
	}
	for _, p := range s.Pages {
		if p.Title == "Hidden" || p.Title == "Draft" || p.Kind == "home" {
			t.Errorf("%s is in Site.Pages", p.Title)
		}
	}
	if s.Pages[0].Title != "New" {
		t.Errorf("Site.Pages does not start with the newest: %s", titles(s.Pages))
	}
}

func TestURLsUnderABasePath(t *testing.T) {
	s, errs := assemble(t, "https://example.org/library", map[string]string{
		"articles/a.md":      fm("title = \"A\"\nslug = \"own\"\n", ""),
		"about.md":           fm("title = \"About\"\n", ""),
		"notes/deep/page.md": fm("title = \"Deep\"\n", ""),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if s.BaseURL != "https://example.org/library/" || s.BasePath != "/library/" || s.Key != "example.org/library" {
		t.Errorf("base %q path %q key %q", s.BaseURL, s.BasePath, s.Key)
	}
	want := map[string]string{
		"A":     "/library/articles/own/ https://example.org/library/articles/own/",
		"About": "/library/about/ https://example.org/library/about/",
		"Deep":  "/library/notes/deep/page/ https://example.org/library/notes/deep/page/",
	}
	for _, p := range append(s.Pages, s.Unlisted...) {
		if got := p.URL + " " + p.Permalink; got != want[p.Title] {
			t.Errorf("%s: %s, want %s", p.Title, got, want[p.Title])
		}
	}
	if s.Home.URL != "/library/" || s.Home.Permalink != "https://example.org/library/" {
		t.Errorf("a site without _index.md has home %+v", s.Home)
	}
}

func TestTags(t *testing.T) {
	s, errs := assemble(t, "/", map[string]string{
		"articles/a.md": fm("title = \"A\"\ntags = [\"Decision Making\", \"Habits\", \"habits\"]\ndate = 2026-01-01\n", ""),
		"articles/b.md": fm("title = \"B\"\ntags = [\"decision  making\"]\ndate = 2026-02-01\n", ""),
		"guides/g.md":   fm("title = \"G\"\ntags = [\"Zen\"]\n", ""),
		"paths/p.md":    fm("title = \"P\"\ntags = [\"Habits\"]\nsteps = [\"articles/a.md\"]\n", ""),
		"secret.md":     fm("title = \"S\"\nunlisted = true\ntags = [\"Habits\", \"Private Thing\"]\n", ""),
		"articles/d.md": fm("title = \"D\"\ndraft = true\ntags = [\"Drafty\"]\n", ""),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, tg := range s.Tags {
		var paths []string
		for _, p := range tg.Paths {
			paths = append(paths, p.Page.Title)
		}
		got = append(got, tg.Name+" "+tg.Slug+" "+tg.URL+" ["+titles(tg.Pages)+"] ["+strings.Join(paths, ",")+"]")
	}
	want := []string{
		"Decision Making decision-making /tags/decision-making/ [B, A] []",
		"Habits habits /tags/habits/ [A] [P]",
		"Zen zen /tags/zen/ [G] []",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tags\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range s.Pages {
		if p.Title == "A" {
			var names []string
			for _, tg := range p.Tags {
				names = append(names, tg.Name)
			}
			if strings.Join(names, ",") != "Decision Making,Habits" {
				t.Errorf("A's tags %q: a tag given twice in other case is one tag", names)
			}
		}
	}
}

func TestPaths(t *testing.T) {
	s, errs := assemble(t, "https://example.org/", map[string]string{
		"articles/a.md":   fm("title = \"A\"\ntags = [\"focus\"]\ndate = 2026-01-03\n", strings.Repeat("word ", 440)),
		"articles/b.md":   fm("title = \"B\"\ntags = [\"Focus\"]\ndate = 2026-01-01\n", "Short.\n"),
		"articles/c.md":   fm("title = \"C\"\ntags = [\"focus\"]\nweight = 1\ndate = 2026-01-09\n", "Short.\n"),
		"worksheets/w.md": fm("title = \"W\"\nminutes = 7\n", ""),
		"paths/staged.md": fm("title = \"Staged\"\nweight = 1\n[[stages]]\ntitle = \"One\"\nsteps = [\"articles/a.md\", \"worksheets/w\"]\n[[stages]]\ntitle = \"Two\"\nsteps = [\"/content/articles/b.md\"]\n", "Intro.\n"),
		"paths/bytag.md":  fm("title = \"By tag\"\nweight = 2\ntag = \"FOCUS\"\n", ""),
		"paths/hidden.md": fm("title = \"Hidden path\"\nunlisted = true\nslug = \"p4vz8k2mqc\"\nsteps = [\"articles/b.md\"]\n", ""),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(s.Paths) != 2 || s.Paths[0].Page.Title != "Staged" || s.Paths[1].Page.Title != "By tag" {
		t.Fatalf("paths %v", s.Paths)
	}
	staged := s.Paths[0]
	var got []string
	for _, st := range staged.Steps {
		got = append(got, st.Stage.Title+":"+st.Page.Title+":"+st.ID)
	}
	if strings.Join(got, " ") != "One:A:articles/a.md One:W:worksheets/w.md Two:B:articles/b.md" {
		t.Errorf("staged steps %s", got)
	}
	if staged.URL != "/paths/staged/" || staged.PrintURL != "/paths/staged/print/" || staged.Slug != "staged" || staged.Key == "" {
		t.Errorf("path %+v", staged)
	}
	// Reading time: 440 words at 220 a minute, a worksheet's own minutes, at least 1.
	if staged.Minutes != 2+7+1 {
		t.Errorf("path minutes %d, want 10", staged.Minutes)
	}
	for i, st := range staged.Steps {
		if st.Index != i+1 || (i > 0) != (st.Prev != nil) || (i < 2) != (st.Next != nil) {
			t.Errorf("step %d: index %d prev %v next %v", i, st.Index, st.Prev, st.Next)
		}
	}
	// A tag path: weight first, then oldest first.
	got = nil
	for _, st := range s.Paths[1].Steps {
		got = append(got, st.Page.Title)
	}
	if strings.Join(got, ",") != "C,B,A" {
		t.Errorf("tag path steps %s, want C,B,A", got)
	}
	// Each page knows its places in the listed paths, in the paths' order; the unlisted
	// path is not one of them.
	for _, p := range s.Pages {
		if p.Title != "B" {
			continue
		}
		var where []string
		for _, st := range p.Steps {
			where = append(where, st.Path.Page.Title)
		}
		if strings.Join(where, ",") != "Staged,By tag" {
			t.Errorf("B is a step of %s", where)
		}
	}
}

func TestReadingTimeAndTOC(t *testing.T) {
	long := strings.Repeat("## Heading\n\n"+strings.Repeat("word ", 220)+"\n\n", 6)
	s, errs := assemble(t, "/", map[string]string{
		"articles/short.md": fm("title = \"Short\"\n", "## One\n\n### Two\n\nFew words.\n"),
		"articles/toc.md":   fm("title = \"TOC\"\ntoc = true\n", "## One\n\n#### Deep\n\n### Two\n\nFew words.\n"),
		"articles/long.md":  fm("title = \"Long\"\n", long),
		"articles/off.md":   fm("title = \"Off\"\ntoc = false\n", long),
		"articles/set.md":   fm("title = \"Set\"\nminutes = 25\n", "Few words.\n"),
		"worksheets/w.md":   fm("title = \"W\"\n", "::: answer id=a lines=8\nQ?\n:::\n\n::: scale id=s\nHow?\n:::\n"),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := map[string]string{
		"Short": "1 false 0", "TOC": "1 true 2", "Long": "7 true 6", "Off": "7 false 0", "Set": "25 false 0", "W": "5 false 0",
	}
	for _, p := range s.Pages {
		toc := len(p.TOC)
		if !p.ShowTOC {
			toc = 0
		}
		if got := strings.Join([]string{itoa(p.Minutes), boolStr(p.ShowTOC), itoa(toc)}, " "); got != want[p.Title] {
			t.Errorf("%s: minutes, toc shown, entries = %s, want %s", p.Title, got, want[p.Title])
		}
		if p.Title == "TOC" && (p.TOC[0].ID != "one" || p.TOC[1].Level != 3) {
			t.Errorf("TOC entries %+v (level 4 headings stay out)", p.TOC)
		}
		if p.Title == "W" && p.Fields != 2 {
			t.Errorf("W has %d fields", p.Fields)
		}
	}
}

func TestSummary(t *testing.T) {
	long := strings.Repeat("lorem ipsum ", 40)
	s, errs := assemble(t, "/", map[string]string{
		"articles/d.md": fm("title = \"D\"\ndescription = \"Given <b>here</b>\"\n", "First paragraph.\n"),
		"articles/p.md": fm("title = \"P\"\n", "## Heading\n\n\"Quoted\" & *first* paragraph.\n\nSecond.\n"),
		"articles/l.md": fm("title = \"L\"\n", long+"\n"),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := map[string]string{
		"D": "Given &lt;b&gt;here&lt;/b&gt;",
		"P": "“Quoted” &amp; first paragraph.",
	}
	for _, p := range s.Pages {
		if p.Title == "L" {
			if r := []rune(string(p.Summary)); len(r) > 201 || !strings.HasSuffix(string(p.Summary), "…") {
				t.Errorf("a long summary is not cut: %q", p.Summary)
			}
			continue
		}
		if string(p.Summary) != want[p.Title] {
			t.Errorf("%s: summary %q, want %q", p.Title, p.Summary, want[p.Title])
		}
	}
}

func TestErrors(t *testing.T) {
	_, errs := assemble(t, "/", map[string]string{
		"articles/a.md": fm("title = \"A\"\n", "[d](d.md) [x](x.md) [h](b.md#nope)\n"),
		"articles/b.md": fm("title = \"B\"\nslug = \"a\"\n", "## Yes\n"),
		"articles/d.md": fm("title = \"D\"\ndraft = true\n", ""),
		"paths/p.md":    fm("title = \"P\"\nsteps = [\"articles/a.md\", \"articles/a.md\", \"paths/q.md\"]\n", ""),
		"paths/q.md":    fm("title = \"Q\"\nsteps = [\"articles/d.md\"]\n", ""),
		"articles/c.md": fm("title = \"C\"\naliases = [\"/articles/a/\", \"/old\"]\n", ""),
		"articles/e.md": fm("title = \"E\"\naliases = [\"/old/\"]\n", ""),
	})
	want := []string{
		`content/articles/a.md:4:1: link to articles/d.md: that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or remove the link`,
		`content/articles/a.md:4:11: link to articles/x.md: there is no such page (content/articles/x.md); check the file name`,
		`content/articles/a.md:4:21: link to #nope: articles/b.md has no heading or field with that id`,
		`content/articles/b.md:3: this page has the URL /articles/a/, like content/articles/a.md; give one of them another slug`,
		`content/articles/c.md:3: alias "/articles/a/" is already the URL of content/articles/a.md; remove it`,
		`content/articles/e.md:3: alias "/old/" is already an alias of content/articles/c.md; keep it on one page`,
		`content/paths/p.md:3: step "articles/a.md" is listed twice in this path; keep one`,
		`content/paths/p.md:3: step "paths/q.md" is not a page to read; steps are articles, guides, worksheets or plain pages`,
		`content/paths/q.md:3: step "articles/d.md": that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or take it out of the path`,
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n%s\nwant\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

func itoa(n int) string { return fmt.Sprint(n) }
func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// TestFarDates: dates outside 1678–2262 (where nanoseconds since 1970 overflow) sort in
// their place, and undated pages come after every dated one, newest first.
func TestFarDates(t *testing.T) {
	s, errs := assemble(t, "/", map[string]string{
		"articles/y1000.md":   fm("title = \"Y1000\"\ndate = 1000-06-01\n", ""),
		"articles/y1600.md":   fm("title = \"Y1600\"\ndate = 1600-06-01\n", ""),
		"articles/y1754.md":   fm("title = \"Y1754\"\ndate = 1754-06-01\n", ""),
		"articles/y2000.md":   fm("title = \"Y2000\"\ndate = 2000-06-01\n", ""),
		"articles/undated.md": fm("title = \"Undated\"\n", ""),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := titles(s.Sections[0].Pages); got != "Y2000, Y1754, Y1600, Y1000, Undated" {
		t.Errorf("articles in order: %s", got)
	}
	if got := titles(s.Pages); got != "Y2000, Y1754, Y1600, Y1000, Undated" {
		t.Errorf("pages newest first: %s", got)
	}
}

// TestPathMinutes: a path's time is the sum of its steps', unless the coach sets minutes on
// the path to match what its text says.
func TestPathMinutes(t *testing.T) {
	s, errs := assemble(t, "/", map[string]string{
		"articles/a.md": fm("title = \"A\"\nminutes = 7\n", "Text.\n"),
		"articles/b.md": fm("title = \"B\"\nminutes = 8\n", "Text.\n"),
		"paths/sum.md":  fm("title = \"Sum\"\nsteps = [\"articles/a.md\", \"articles/b.md\"]\n", "Intro.\n"),
		"paths/set.md":  fm("title = \"Set\"\nminutes = 20\nsteps = [\"articles/a.md\", \"articles/b.md\"]\n", "Intro.\n"),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := map[string]int{}
	for _, p := range s.Paths {
		got[p.Page.Title] = p.Minutes
	}
	if got["Sum"] != 15 || got["Set"] != 20 {
		t.Errorf("path minutes %v, want Sum 15 (its steps) and Set 20 (its own)", got)
	}
}

func TestBrokenLinkSuggestsNearestFile(t *testing.T) {
	_, errs := assemble(t, "/", map[string]string{
		"articles/a.md":                fm("title = \"A\"\n", "[v](../worksheets/valeus.md) [f](../worksheet/values.md) [n](../worksheets/zzz.md) [s](bbbb.md) [m](my-notes.md) [b](about.md) [u](rest.md) [o](goals/index.md) [k](calm.md)\n"),
		"articles/calm/index.markdown": fm("title = \"Calm\"\n", ""),
		"about.md":                     fm("title = \"About\"\n", ""),
		"articles/rest/index.md":       fm("title = \"Rest\"\n", ""),
		"articles/goals.md":            fm("title = \"Goals\"\n", ""),
		"articles/bbb.md":              fm("title = \"B\"\n", ""),
		"articles/My Notes.md":         fm("title = \"M\"\n", ""),
		"worksheets/values.md":         fm("title = \"V\"\n", ""),
		"paths/p.md":                   fm("title = \"P\"\nsteps = [\"worksheets/valeus.md\"]\n", ""),
	})
	want := []string{
		`content/articles/a.md:4:1: link to worksheets/valeus.md: there is no such page (content/worksheets/valeus.md); did you mean ../worksheets/values.md?`,
		`content/articles/a.md:4:30: link to worksheet/values.md: there is no such page (content/worksheet/values.md); did you mean ../worksheets/values.md?`,
		`content/articles/a.md:4:58: link to worksheets/zzz.md: there is no such page (content/worksheets/zzz.md); check the file name`,
		`content/articles/a.md:4:84: link to articles/bbbb.md: there is no such page (content/articles/bbbb.md); did you mean bbb.md?`,
		// The name has a space: written as it is, it would not be a link.
		`content/articles/a.md:4:97: link to articles/my-notes.md: there is no such page (content/articles/my-notes.md); did you mean [text](<My Notes.md>)?`,
		// The right name, written from the wrong folder.
		`content/articles/a.md:4:114: link to articles/about.md: there is no such page (content/articles/about.md); did you mean ../about.md?`,
		// A page made a bundle, and a bundle made a page again, are the same page (rest.md,
		// goals/index.md: no error); under another ending, a near miss.
		`content/articles/a.md:4:161: link to articles/calm.md: there is no such page (content/articles/calm.md); did you mean calm/index.markdown?`,
		`content/paths/p.md:3: step "worksheets/valeus.md": there is no such page (content/worksheets/valeus.md); did you mean "worksheets/values.md"?`,
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n%s\nwant\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

// TestSummariesAreTypographic: a list card or a feed shows a page's summary; it must read
// "don’t", like the page's own text, not "don't".
func TestSummariesAreTypographic(t *testing.T) {
	s, errs := assemble(t, "/", map[string]string{
		"articles/desc.md": fm("title = \"D\"\ndescription = \"Don't \\\"wait\\\" -- act...\"\n", "Body.\n"),
		"articles/body.md": fm("title = \"B\"\n", "It's \"the first\" paragraph -- read it...\n\nSecond.\n"),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := map[string]string{
		"content/articles/desc.md": "Don’t “wait” – act…",
		"content/articles/body.md": "It’s “the first” paragraph – read it…",
	}
	for _, p := range s.Pages {
		if w, ok := want[p.File]; ok {
			if string(p.Summary) != w {
				t.Errorf("%s: summary %q, want %q", p.File, p.Summary, w)
			}
			delete(want, p.File)
		}
	}
	if len(want) > 0 {
		t.Errorf("pages not listed: %v", want)
	}
}

// TestMinutesRanges: a coach's range is kept; a page of writing fields is estimated as a range
// (people write at very different speeds), one of taps as one number; a path adds up both ends.
func TestMinutesRanges(t *testing.T) {
	long := strings.Repeat("::: answer lines=6\nWhat happened?\n:::\n\n", 4)
	s, errs := assemble(t, "/", map[string]string{
		"worksheets/set.md":     fm("title = \"Set\"\nminutes = \"10-15\"\n", "Text.\n"),
		"worksheets/writing.md": fm("title = \"Writing\"\n", long),
		"worksheets/taps.md":    fm("title = \"Taps\"\n", "::: scale id=a\nHow?\n:::\n"),
		"paths/p.md":            fm("title = \"P\"\nsteps = [\"worksheets/set.md\", \"worksheets/taps.md\"]\n", ""),
		"paths/own.md":          fm("title = \"Own\"\nminutes = [60, 90]\nsteps = [\"worksheets/taps.md\"]\n", ""),
		"paths/single.md":       fm("title = \"Single\"\nsteps = [\"worksheets/taps.md\"]\n", ""),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := map[string]string{}
	for _, p := range s.Pages {
		got[p.Title] = fmt.Sprintf("%d-%d", p.Minutes, p.MinutesTo)
	}
	for _, p := range s.Paths {
		got["path "+p.Page.Title] = fmt.Sprintf("%d-%d", p.Minutes, p.MinutesTo)
	}
	want := map[string]string{
		"Set":     "10-15",
		"Writing": "15-30", // 4 × 3.5 min of writing: 15 minutes at least, twice that for some
		"Taps":    "1-0",
		"path P":  "11-16", "path Own": "60-90", "path Single": "1-0",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: minutes %s, want %s", k, got[k], w)
		}
	}
}

// The steps of every path, an unlisted path's too, and the paths themselves, whose booklets
// show their text, get their print body while the model is assembled, in one call, each
// once: nothing sets a field of the model after Assemble.
func TestAssembleWithPrint(t *testing.T) {
	files := map[string]string{
		"articles/a.md":   fm("title = \"A\"\n", "A.\n"),
		"articles/b.md":   fm("title = \"B\"\n", "B.\n"),
		"articles/c.md":   fm("title = \"C\"\n", "C.\n"),
		"paths/one.md":    fm("title = \"One\"\nsteps = [\"articles/a.md\", \"articles/b.md\"]\n", ""),
		"paths/hidden.md": fm("title = \"Hidden\"\nunlisted = true\nslug = \"p4vz8k2mqc\"\nsteps = [\"articles/b.md\"]\n", ""),
	}
	calls := 0
	var got []string
	s, errs := assembleWith(t, "https://example.org/", files, func(steps []*site.Page) (map[string]*markdown.Body, error) {
		calls++
		out := map[string]*markdown.Body{}
		for _, p := range steps {
			got = append(got, p.File)
			out[p.File] = markdown.NewBody([]byte("<p>print " + p.Title + "</p>"))
		}
		return out, nil
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	sort.Strings(got)
	if calls != 1 || strings.Join(got, " ") != "content/articles/a.md content/articles/b.md content/paths/hidden.md content/paths/one.md" {
		t.Errorf("printer called %d times with %v, want once with a.md, b.md and the two paths", calls, got)
	}
	for _, p := range s.Pages {
		want := ""
		if p.Title == "A" || p.Title == "B" || p.Title == "One" {
			want = "<p>print " + p.Title + "</p>"
		}
		if got := string(p.PrintContent()); got != want {
			t.Errorf("%s: PrintContent %q, want %q", p.File, got, want)
		}
	}
	// Without a printer, no step has a print body.
	s, _ = assemble(t, "https://example.org/", files)
	for _, p := range s.Pages {
		if p.PrintBody != nil {
			t.Errorf("%s: PrintBody without a printer", p.File)
		}
	}
	// A printer's problem is the build's.
	_, errs = assembleWith(t, "https://example.org/", files, func([]*site.Page) (map[string]*markdown.Body, error) {
		return nil, fmt.Errorf("no paper")
	})
	if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, "no paper") }) {
		t.Errorf("printer's error lost: %v", errs)
	}
}

// TestStepFormerIDs: a step's former ids are the other name of its own address (the page as
// a bundle, or a bundle as a page) and the file names its former addresses were made from,
// under a base path too; a name that is another page's file today is not one (its mark is
// that page's), nor is an alias that was never a page's own address.
func TestStepFormerIDs(t *testing.T) {
	for _, c := range []struct {
		name, base, aliases, want string
	}{
		{"renamed in its folder", "https://example.org/", `["/worksheets/core-values/"]`, "worksheets/values/index.md worksheets/core-values.md worksheets/core-values/index.md"},
		{"under a base path", "https://example.org/library/", `["/worksheets/core-values/"]`, "worksheets/values/index.md worksheets/core-values.md worksheets/core-values/index.md"},
		{"moved from another folder", "https://example.org/", `["/articles/values/"]`, "worksheets/values/index.md articles/values.md articles/values/index.md"},
		{"two renames", "https://example.org/", `["/worksheets/v1/", "/worksheets/v2/"]`, "worksheets/values/index.md worksheets/v1.md worksheets/v1/index.md worksheets/v2.md worksheets/v2/index.md"},
		{"the old name is another page's file now", "https://example.org/", `["/worksheets/other-old/"]`, "worksheets/values/index.md worksheets/other-old/index.md"},
		{"an alias to a file, never a page's address", "https://example.org/", `["/old.html"]`, "worksheets/values/index.md"},
		{"no alias", "https://example.org/", `[]`, "worksheets/values/index.md"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, errs := assemble(t, c.base, map[string]string{
				"worksheets/values.md":    fm("title = \"Values\"\naliases = "+c.aliases+"\n", "Text.\n"),
				"worksheets/other-old.md": fm("title = \"Other\"\nslug = \"other\"\n", "Text.\n"),
				"paths/p.md":              fm("title = \"P\"\nsteps = [\"worksheets/values.md\"]\n", ""),
			})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if len(s.Paths) != 1 || len(s.Paths[0].Steps) != 1 {
				t.Fatalf("paths %v", s.Paths)
			}
			if got := strings.Join(s.Paths[0].Steps[0].Former, " "); got != c.want {
				t.Errorf("former ids %q, want %q", got, c.want)
			}
		})
	}
	// A bundle's other name is the page's file, unless a page has it.
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a page made a bundle", map[string]string{"guides/week/index.md": fm("title = \"Week\"\n", "Text.\n")}, "guides/week.md"},
		{"the page's name is another's", map[string]string{"guides/week/index.md": fm("title = \"Week\"\n", "Text.\n"), "guides/week.md": fm("title = \"Other\"\nslug = \"other\"\n", "Text.\n")}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.files["paths/p.md"] = fm("title = \"P\"\nsteps = [\"guides/week/index.md\"]\n", "")
			s, errs := assemble(t, "https://example.org/", c.files)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if len(s.Paths) != 1 || len(s.Paths[0].Steps) != 1 {
				t.Fatalf("paths %v", s.Paths)
			}
			if st := s.Paths[0].Steps[0]; st.ID != "guides/week/index.md" || strings.Join(st.Former, " ") != c.want {
				t.Errorf("step %s, former ids %q, want %q", st.ID, strings.Join(st.Former, " "), c.want)
			}
		})
	}
}

// TestStepByOtherName: a step that names a page's file as it was before the page was made a
// bundle (or the bundle a page again) is that page, kept by its file today, and its done
// mark, kept by the name it had, follows it.
func TestStepByOtherName(t *testing.T) {
	for _, c := range []struct{ step, file, id, former string }{
		{"guides/week.md", "guides/week/index.md", "guides/week/index.md", "guides/week.md"},
		{"guides/week", "guides/week/index.md", "guides/week/index.md", "guides/week.md"},
		{"guides/week/index.md", "guides/week.md", "guides/week.md", "guides/week/index.md"},
	} {
		t.Run(c.step, func(t *testing.T) {
			s, errs := assemble(t, "https://example.org/", map[string]string{
				c.file:       fm("title = \"Week\"\n", "Text.\n"),
				"paths/p.md": fm("title = \"P\"\nsteps = [\""+c.step+"\"]\n", ""),
			})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if len(s.Paths) != 1 || len(s.Paths[0].Steps) != 1 {
				t.Fatalf("paths %v", s.Paths)
			}
			if st := s.Paths[0].Steps[0]; st.ID != c.id || strings.Join(st.Former, " ") != c.former {
				t.Errorf("step %s, former ids %q; want %s, %q", st.ID, strings.Join(st.Former, " "), c.id, c.former)
			}
		})
	}
}

// TestPrintPrefix: a page's ids in a booklet get a prefix of its file's name, which makes
// none of them an id of the booklet's own or the theme's, whatever the page's headings.
func TestPrintPrefix(t *testing.T) {
	for _, c := range []struct{ rel, want string }{
		{"articles/a.md", "articles-a-"},
		{"worksheets/values/index.md", "worksheets-values-index-"},
		{"step.md", "step-page-"},     // ## 1 would be step-1, the first step's section
		{"step-2.md", "step-2-page-"}, // ## Title would be step-2-title, its heading
		{"Step.md", "step-page-"},
		{"steps.md", "steps-"},
		{"step-one.md", "step-one-"},
		{"booklet.md", "booklet-page-"}, // ## Title: booklet-title
		{"booklet-toc.md", "booklet-toc-page-"},
		{"menu.md", "menu-page-"}, // ## Top: menu-top
		{"q.md", "q-page-"},
		{"toc.md", "toc-page-"},
		{"main.md", "main-"}, // no id starts with main-
		{"paths/step.md", "paths-step-"},
	} {
		if got := site.PrintPrefix(c.rel); got != c.want {
			t.Errorf("PrintPrefix(%q) = %q, want %q", c.rel, got, c.want)
		}
	}
}
