package site

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/page"
	"github.com/between-ssg/between/generator/slug"
	"github.com/between-ssg/between/generator/source"
	"github.com/between-ssg/between/generator/typo"
)

// buildPaths resolves every reading path's steps and links each step page to its paths.
func buildPaths(errs *diag.List, cfg *config.Config, inputs []Input, byRel map[string]*Input, pages map[string]*Page, tags map[string]*Tag, now time.Time) []*Path {
	m := &pathMaker{errs: errs, cfg: cfg, byRel: byRel, pages: pages, tags: tags, now: now}
	var out []*Path
	for i := range inputs {
		if p := m.path(&inputs[i]); p != nil && !p.Page.Unlisted {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b *Path) int { return weightTitleCmp(a.Page, b.Page) })
	// A page's memberships follow the order paths are listed in.
	order := map[*Path]int{}
	for i, p := range out {
		order[p] = i
	}
	for _, p := range out {
		for _, st := range p.Steps {
			sort.SliceStable(st.Page.Steps, func(i, j int) bool { return order[st.Page.Steps[i].Path] < order[st.Page.Steps[j].Path] })
		}
	}
	return out
}

// pathMaker makes the reading paths of a model, reporting what is wrong with their steps.
type pathMaker struct {
	errs  *diag.List
	cfg   *config.Config
	byRel map[string]*Input
	pages map[string]*Page
	tags  map[string]*Tag
	now   time.Time
}

// path makes the reading path of in, if it is one and has steps.
func (m *pathMaker) path(in *Input) *Path {
	pp := in.Page
	if pp.Kind != "path" || pp.Path == nil || !in.Visible || in.Doc == nil {
		return nil
	}
	own := m.pages[pp.Rel]
	if own == nil {
		return nil
	}
	p := &Path{Page: own, Slug: pp.Slug, URL: own.URL, PrintURL: own.URL + "print/", Tag: pp.Path.Tag}
	own.Path = p
	before := len(*m.errs)
	if pp.Path.Tag != "" && !m.tagSteps(p, pp) {
		return nil
	}
	seen := map[string]bool{}
	for _, sd := range pp.Path.Stages {
		st := &Stage{Title: typo.Smarten(sd.Title)} // front matter, as a title is (page.Shown)
		p.Stages = append(p.Stages, st)
		for _, ref := range sd.Steps {
			if sp, rel := m.step(pp, sd, ref, seen); sp != nil {
				addStep(p, st, sp, rel, m.formerIDs(sp, rel))
			}
		}
	}
	if len(p.Steps) == 0 {
		if pp.Path.Tag == "" && len(pp.Path.Stages) > 0 && len(*m.errs) == before {
			m.errs.Add(pp.File, pp.Path.Line, 0, "this path has no steps; add steps = [\"articles/....md\"]")
		}
		return nil
	}
	linkSteps(p, pp)
	return p
}

func addStep(p *Path, st *Stage, sp *Page, id string, former []string) {
	step := &Step{Path: p, Stage: st, Index: len(p.Steps) + 1, Page: sp, ID: id, Former: former}
	st.Steps = append(st.Steps, step)
	p.Steps = append(p.Steps, step)
}

// formerIDs returns the content paths, other than id, that a step's done marks may be kept
// under from before its page was renamed, moved or made a bundle, for the theme's script to
// carry them over to id. They are the other name of the page's own address (values.md for
// values/index.md, and the other way round), and the names a page takes each of its former
// addresses from: "/worksheets/core-values/" was worksheets/core-values.md or
// worksheets/core-values/index.md (a coach who renames a step's file keeps its old address
// as an alias, for its links and answers). A name that is some page's content path today is
// left out: its mark is that page's. A former address made from a slug gives a name that was
// never a file, under which nothing is kept; so does an old file whose ending was not .md
// (core-values.markdown), of the few libraries with such names.
func (m *pathMaker) formerIDs(sp *Page, id string) []string {
	var ids []string
	// A page made a bundle keeps its address, under another name: values.md became
	// values/index.md, with the photo beside it (or the other way round).
	// The file keeps its ending (index.markdown for values.markdown).
	other := bundleTwin(source.Stem(id)) + source.Ext(id)
	if _, live := m.byRel[other]; !live {
		ids = append(ids, other)
	}
	base := m.cfg.BasePath()
	for _, f := range sp.Former {
		k := strings.TrimSuffix(strings.TrimPrefix(f, base), "/")
		if k == "" || !strings.HasPrefix(f, base) {
			continue
		}
		for _, f := range []string{k + ".md", k + "/index.md"} {
			if _, live := m.byRel[f]; !live && !slices.Contains(ids, f) {
				ids = append(ids, f)
			}
		}
	}
	return ids
}

// tagSteps makes the one stage of a path made from a tag: the tag's pages in study order.
// It reports false, with an error, when no published page has the tag.
func (m *pathMaker) tagSteps(p *Path, pp *page.Page) bool {
	st := &Stage{}
	p.Stages = []*Stage{st}
	var list []*Page
	if t := m.tags[slug.Make(pp.Path.Tag)]; t != nil {
		for _, tp := range t.Pages {
			if tp.Kind != "path" && tp.Kind != "home" {
				list = append(list, tp)
			}
		}
	}
	slices.SortStableFunc(list, studyCmp)
	for _, sp := range list {
		id := strings.TrimPrefix(sp.File, "content/")
		addStep(p, st, sp, id, m.formerIDs(sp, id))
	}
	if len(list) == 0 {
		m.errs.Add(pp.File, pp.Path.Line, 0, "no published page has the tag %q, so this path is empty; tag some pages with it", pp.Path.Tag)
		return false
	}
	return true
}

// step returns the page a path's step names, with its file under content/, or nil, with
// the problem reported, when it is no page a path can lead to.
func (m *pathMaker) step(pp *page.Page, sd page.StageDef, ref string, seen map[string]bool) (*Page, string) {
	errs, cfg := m.errs, m.cfg
	rel := norm.NFC.String(strings.TrimPrefix(strings.TrimPrefix(ref, "/"), "content/"))
	if source.Ext(rel) == "" {
		rel, _ = pageFile(m.byRel, rel)
	}
	tin, ok := m.byRel[rel]
	if !ok {
		// The page made a bundle, or a bundle made a page again: the same page, whose
		// done marks follow it (formerIDs).
		if other := OtherName(rel); other != "" && m.byRel[other] != nil {
			rel, tin, ok = other, m.byRel[other], true
		}
	}
	switch {
	case !ok && len(cfg.Languages) > 0 && cfg.Languages[0].Tag != cfg.Language:
		// A library in several languages: the page may well be in the default one.
		errs.Add(pp.File, sd.Line, 0, "step %s has no %s version: add content/%s.%s%s or remove the step",
			source.Stem(rel), config.EnglishName(cfg.Language), source.Stem(rel), cfg.Language, source.Ext(rel))
		return nil, ""
	case !ok:
		if s := nearestFile(rel, pp.Rel, m.byRel); s != "" {
			errs.Add(pp.File, sd.Line, 0, "step %q: there is no such page (content/%s); did you mean %q?", ref, rel, s)
			return nil, ""
		}
		errs.Add(pp.File, sd.Line, 0, "step %q: there is no such page (content/%s); steps name files inside content/, like \"articles/x.md\"", ref, rel)
		return nil, ""
	case !tin.Visible || tin.Doc == nil:
		if tin.Page.Expired(m.now) {
			// Expiry is planned: the path goes on without the step.
			errs.Warn(pp.File, sd.Line, 0, "step %q expired on %s and is left out of the path; take it out or change its expiryDate", ref, tin.Page.ExpiryDate.Format("2006-01-02"))
			return nil, ""
		}
		errs.Add(pp.File, sd.Line, 0, "step %q: %s", ref, heldBack(tin.Page, m.now, "the path can have it as a step", "take it out of the path", "give the path the same %s, so that both appear together"))
		return nil, ""
	case tin.Page.Kind == "path" || tin.Page.Kind == "home" || tin.Page.Kind == "section":
		errs.Add(pp.File, sd.Line, 0, "step %q is not a page to read; steps are articles, guides, worksheets or plain pages", ref)
		return nil, ""
	}
	if seen[rel] {
		errs.Add(pp.File, sd.Line, 0, "step %q is listed twice in this path; keep one", ref)
		return nil, ""
	}
	seen[rel] = true
	sp := m.pages[rel]
	if sp == nil {
		return nil, "" // a duplicate URL, reported already
	}
	if sp.Unlisted {
		errs.Add(pp.File, sd.Line, 0, "step %q is unlisted; unlisted pages stay out of paths, so remove it or drop unlisted from it", ref)
		return nil, ""
	}
	return sp, rel
}

// linkSteps links each step of p to its neighbours and its page, and adds up the path's
// reading time.
func linkSteps(p *Path, pp *page.Page) {
	p.Key = p.Slug
	for i, st := range p.Steps {
		if i > 0 {
			st.Prev = p.Steps[i-1]
		}
		if i+1 < len(p.Steps) {
			st.Next = p.Steps[i+1]
		}
		p.Minutes += st.Page.Minutes
		p.MinutesTo += max(st.Page.MinutesTo, st.Page.Minutes)
		// An unlisted path is for one client: its steps' pages, which everyone reads,
		// do not show it.
		if !p.Page.Unlisted {
			st.Page.Steps = append(st.Page.Steps, st)
		}
	}
	if p.MinutesTo == p.Minutes {
		p.MinutesTo = 0 // no step's time is a range
	}
	// A coach who says "twenty minutes" in the path's own words sets minutes to match.
	if pp.Minutes > 0 {
		p.Minutes, p.MinutesTo = pp.Minutes, pp.MinutesTo
	}
}

// heldBack says why a page that is not expired is not published, for a link or a step that
// names it: a draft, or a date still to come, with the date, so that a coach knows whether
// to publish it or to wait. what says what works once it is published, drop the way to do
// without the page, same (with %s for the date's key) the way to wait for it together.
func heldBack(p *page.Page, now time.Time, what, drop, same string) string {
	key, at := p.Scheduled(now)
	switch {
	case p.Draft:
		return fmt.Sprintf("that page is a draft (draft = true in its front matter), so it is not published; delete that line to publish it, or %s", drop)
	case key != "":
		return fmt.Sprintf("that page is scheduled for %s (its %s): it is published, and %s, from the first build on or after then; until then %s, or %s",
			when(at), key, what, drop, fmt.Sprintf(same, key))
	}
	return fmt.Sprintf("that page is not published; %s", drop)
}

// when writes a front matter date for a message: the day alone when no time was given
// (midnight), else the day and the time, with the offset when the date gave one.
func when(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	s := t.Format("2006-01-02 at 15:04")
	if name, _ := t.Zone(); name == "" {
		s += t.Format(" UTC-07:00")
	}
	return s
}
