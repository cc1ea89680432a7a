package site_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/markdown"
	"github.com/between-ssg/between/generator/page"
	"github.com/between-ssg/between/generator/site"
	"github.com/between-ssg/between/generator/source"
)

// libraryInputs makes the inputs of a library of n pages shaped like the generated ones
// (articles, guides and worksheets in turn, a tag or two of 50 on each, links between
// them), as the builder hands them to Assemble: each with its model page made. A few pages
// carry what Assemble reports (a duplicate slug, an alias taken, a tag with no letters, a
// guessable unlisted address) and, with paths, three are reading paths, so that every step
// has work.
func libraryInputs(tb testing.TB, n int, paths bool) (*config.Config, []site.Input) {
	tb.Helper()
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/lib/"
	cfg.Title = "Lib"
	sections := []string{"articles", "guides", "worksheets"}
	conv := markdown.New(false)
	// A few bodies, shared: what Assemble reads of a Doc does not depend on the page.
	docs := make([]*markdown.Doc, 4)
	for i := range docs {
		body := fmt.Sprintf("## Heading %d\n\nSome words to count, and [a link](../articles/page-%05d.md).\n\n### More\n\nText.\n", i, i)
		d, err := conv.Convert([]byte(body), markdown.Options{Rel: "articles/x.md", BasePath: cfg.BasePath(),
			Resolve: func(string) (string, bool) { return "/lib/articles/x/", true }})
		if err != nil {
			tb.Fatal(err)
		}
		docs[i] = d
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	inputs := make([]site.Input, 0, n+3)
	for i := range n {
		sec := sections[i%3]
		front := fmt.Sprintf("+++\ntitle = \"Page %d about things\"\ndate = %s\ntags = [\"topic-%02d\", \"Topic-%02d\"]\nweight = %d\n",
			i, time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i%997)*time.Hour).Format(time.RFC3339), i%50, (i*7)%50, i%3)
		switch {
		case i%1000 == 17:
			front += fmt.Sprintf("aliases = [\"/old/%d/\", \"/%s/page-%05d/\"]\n", i, sec, i+6)
		case i%1000 == 18:
			front += "tags = [\"???\"]\n"
		case i%1000 == 19:
			front += "unlisted = true\nslug = \"page-about-things\"\n"
		case i%1000 == 20:
			front += fmt.Sprintf("slug = \"page-%05d\"\n", i-3) // the page three before's URL, in the same section
		}
		front = dedupTags(front)
		name := fmt.Sprintf("content/%s/page-%05d.md", sec, i)
		f, errs := source.Parse(name, []byte(front+"+++\n\nBody.\n"))
		if f == nil || len(errs) > 0 {
			tb.Fatalf("%s: %v", name, errs)
		}
		p, perrs := page.From(f)
		if len(perrs.Errors(false)) > 0 {
			tb.Fatalf("%s: %v", name, perrs)
		}
		in := site.Input{Page: p, Visible: p.Visible(now, false)}
		if in.Visible {
			in.Doc = docs[i%len(docs)]
			in.Made = site.NewPage(p, in.Doc, cfg.BasePath(), cfg.BaseURLSlash())
		}
		inputs = append(inputs, in)
	}
	if !paths {
		return cfg, inputs
	}
	// Reading paths: by steps (one of them a duplicate URL's page), and by tag.
	for i, front := range []string{
		fmt.Sprintf("title = \"Path one\"\nsteps = [\"articles/page-%05d.md\", \"guides/page-%05d.md\", \"articles/page-00020.md\"]\n", n/2, n/2+1),
		"title = \"Path two\"\ntag = \"topic-07\"\nweight = 1\n",
		"title = \"Path three\"\ntag = \"topic-08\"\nunlisted = true\nslug = \"x7q-p3\"\n",
	} {
		name := fmt.Sprintf("content/paths/path-%d.md", i)
		f, errs := source.Parse(name, []byte("+++\n"+front+"+++\n\nBody.\n"))
		if f == nil || len(errs) > 0 {
			tb.Fatalf("%s: %v", name, errs)
		}
		p, perrs := page.From(f)
		if len(perrs.Errors(false)) > 0 {
			tb.Fatalf("%s: %v", name, perrs)
		}
		in := site.Input{Page: p, Visible: true, Doc: docs[0]}
		in.Made = site.NewPage(p, in.Doc, cfg.BasePath(), cfg.BaseURLSlash())
		inputs = append(inputs, in)
	}
	return cfg, inputs
}

// dedupTags keeps the first tags line of a front matter: a page given another one (a tag
// with no letters) has that one only.
func dedupTags(front string) string {
	const key = "tags = "
	first := -1
	for i := 0; i+len(key) <= len(front); i++ {
		if front[i:i+len(key)] == key && (i == 0 || front[i-1] == '\n') {
			if first < 0 {
				first = i
				continue
			}
			end := first
			for end < len(front) && front[end] != '\n' {
				end++
			}
			return front[:first] + front[end+1:]
		}
	}
	return front
}

// BenchmarkAssemble assembles a library of 100,000 pages, as a build of the generated
// 100k library does after converting (its model pages made).
//
//	go test ./generator/site -run X -bench Assemble -benchmem
//
// In "own", the model takes the model pages (Input.Own), as a streamed build's does; they
// are made again before each assembly, untimed.
func BenchmarkAssemble(b *testing.B) {
	cfg, inputs := libraryInputs(b, 100_000, false) // as the generated library, which has no paths
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, own := range []bool{false, true} {
		b.Run(map[bool]string{false: "copy", true: "own"}[own], func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if own {
					b.StopTimer()
					for i := range inputs {
						if in := &inputs[i]; in.Made != nil {
							in.Made = site.NewPage(in.Page, in.Doc, cfg.BasePath(), cfg.BaseURLSlash())
							in.Own = true
						}
					}
					b.StartTimer()
				}
				site.Assemble(cfg, inputs, now)
			}
		})
	}
}

// TestAssembleSameOnEveryCore: the steps of Assemble that run at once give the model and
// the problems of one after the other, in the same order, whatever the cores, and a model
// that owns its inputs' pages is the one that copies them. Each model is written out whole
// (every list, every page's links to others, every problem in order) and compared.
func TestAssembleSameOnEveryCore(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	model := func(procs int, own bool) string {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		cfg, inputs := libraryInputs(t, 3000, true)
		for i := range inputs {
			inputs[i].Own = own
		}
		s, errs := site.Assemble(cfg, inputs, now)
		return dumpSite(s, errs)
	}
	want := model(1, false)
	for _, c := range []struct {
		procs int
		own   bool
	}{{1, true}, {2, false}, {4, false}, {4, true}} {
		for range 3 {
			if got := model(c.procs, c.own); got != want {
				t.Fatalf("GOMAXPROCS=%d own=%v: the model differs from one core's:\n%s", c.procs, c.own, firstDiff(want, got))
			}
		}
	}
	for _, w := range []string{"is already the URL of", "has no letters or digits", "easy to guess", "has the URL /worksheets/page-00017/, like"} {
		if !strings.Contains(want, w) {
			t.Errorf("no problem %q in the model: the library lacks a case", w)
		}
	}
}

// dumpSite writes out what a model links and lists, for comparing two.
func dumpSite(s *site.Site, errs diag.List) string {
	var b strings.Builder
	url := func(p *site.Page) string {
		if p == nil {
			return "-"
		}
		return p.URL
	}
	pages := func(name string, ps []*site.Page) {
		fmt.Fprintf(&b, "%s:", name)
		for _, p := range ps {
			fmt.Fprintf(&b, " %s", p.URL)
		}
		b.WriteString("\n")
	}
	page := func(p *site.Page) {
		fmt.Fprintf(&b, "%s %s prev=%s next=%s aliases=%q tags=", p.File, p.URL, url(p.Prev), url(p.Next), p.Aliases)
		for _, t := range p.Tags {
			fmt.Fprintf(&b, "%s(%s),", t.Slug, t.Name)
		}
		for _, st := range p.Steps {
			fmt.Fprintf(&b, " step %s#%d", st.Path.URL, st.Index)
		}
		b.WriteString("\n")
	}
	pages("pages", s.Pages)
	pages("plain", s.Plain)
	pages("unlisted", s.Unlisted)
	for _, sec := range s.Sections {
		pages("section "+sec.Name, sec.Pages)
	}
	for _, t := range s.Tags {
		pages("tag "+t.Slug+" "+t.Name, t.Pages)
		for _, p := range t.Paths {
			fmt.Fprintf(&b, "  path %s\n", p.URL)
		}
	}
	for _, p := range s.Paths {
		fmt.Fprintf(&b, "path %s %d steps\n", p.URL, len(p.Steps))
	}
	page(s.Home)
	for _, p := range append(append([]*site.Page{}, s.Pages...), s.Unlisted...) {
		page(p)
	}
	for _, e := range errs {
		fmt.Fprintf(&b, "problem %s\n", e)
	}
	return b.String()
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("one has %d lines, the other %d", len(al), len(bl))
}
