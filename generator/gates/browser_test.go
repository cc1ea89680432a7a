package gates

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/internal/browsertest"
)

// tabs is how many tabs of the one Chromium work at once. The work waits on the browser's
// layout and on round trips more than on the Go side, so a few more tabs than cores help.
const tabs = 4

// jobTimeout limits one check of one page; the slowest, the keyboard walk through a whole
// booklet, takes about ten seconds.
const jobTimeout = 90 * time.Second

// tab is one browser tab, with the script errors its current page has thrown and the
// requests it made to other hosts.
type tab struct {
	base context.Context // the tab, for its whole life
	ctx  context.Context // the tab, with the time limit of the current job
	host string          // the example site's host:port; a request anywhere else is a finding

	mu     sync.Mutex
	errors []string
}

func newTab(t *testing.T, browser context.Context, host string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	tb := &tab{base: ctx, ctx: ctx, host: host}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	// Listen, unlike Events, delivers an event before the reply to the next command, so an
	// error thrown while the page loads is recorded before the checks look.
	if err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg = d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg = d.Exception.Description
			}
			msg = fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, firstLine(msg))
		case *runtime.EventConsoleAPICalled:
			if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
				return
			}
			var parts []string
			for _, a := range ev.Args {
				if len(a.Value) > 0 {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			msg = "console." + string(ev.Type) + ": " + strings.Join(parts, " ")
		case *network.EventRequestWillBeSent:
			u, err := url.Parse(ev.Request.URL)
			if err != nil || u.Host == tb.host || u.Scheme == "data" || u.Scheme == "blob" {
				return
			}
			msg = "request to another host: " + ev.Request.URL
		default:
			return
		}
		tb.mu.Lock()
		tb.errors = append(tb.errors, msg)
		tb.mu.Unlock()
	}); err != nil {
		t.Fatalf("listen to the tab: %v", err)
	}
	return tb
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// view is how a tab shows a page: the viewport, the media type and the colour scheme.
type view struct {
	Width, Height int64
	Mobile        bool
	Media         string // "" for screen, "print"
	Scheme        string // "light" or "dark"
	Forced        bool   // forced colours, as Windows high contrast shows pages
}

var (
	phone   = view{Width: 390, Height: 844, Mobile: true}
	desktop = view{Width: 1280, Height: 800}
)

// open shows addr in the tab as v and waits for it to load; an address with stateQuery
// opens in the client's state (openState).
func (tb *tab) open(addr string, v view) error {
	if strings.Contains(addr, stateQuery) {
		return tb.openState(addr, v)
	}
	return tb.navigate(addr, v)
}

// navigate shows addr in the tab as v and waits for it to load. Emulation is set before the
// navigation, so that the page never paints in another scheme or size first.
func (tb *tab) navigate(addr string, v view) error {
	tb.mu.Lock()
	tb.errors = nil
	tb.mu.Unlock()
	scheme := v.Scheme
	if scheme == "" {
		scheme = "light"
	}
	forced := "none"
	if v.Forced {
		forced = "active"
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Media: v.Media,
		Features: []*emulation.MediaFeature{
			{Name: "prefers-color-scheme", Value: scheme},
			{Name: "prefers-reduced-motion", Value: "reduce"},
			{Name: "forced-colors", Value: forced},
		},
	}); err != nil {
		return fmt.Errorf("emulate media: %w", err)
	}
	if err := tb.resize(v); err != nil {
		return err
	}
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(addr)); err != nil {
		return fmt.Errorf("open %s: %w", addr, err)
	}
	// The search page with a query is checked as a reader sees it: with its results, once
	// search.js has read the index.
	// Polled in the page, up to chromedp's 30 s; a page that never shows them fails its job
	// rather than being checked without them.
	if strings.Contains(addr, "/search/?q=") {
		if _, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](`document.getElementById("search-status").textContent !== ""`)); err != nil {
			return fmt.Errorf("wait for the results of %s: %w", addr, err)
		}
	}
	return nil
}

func (tb *tab) resize(v view) error {
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1), chromedp.EmulatePortrait}
	if v.Mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(v.Width, v.Height, opts...)); err != nil {
		return fmt.Errorf("set the viewport: %w", err)
	}
	return nil
}

// scriptErrors returns the errors the page's scripts reported since it was opened.
func (tb *tab) scriptErrors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.errors...)
}

// job is one check of one page in one tab. It returns what it found wrong; an error means
// the check itself could not run.
type job struct {
	Name string
	Run  func(tb *tab) ([]string, error)
}

type jobResult struct {
	found []string
	err   error
	took  time.Duration
}

// runJobs runs the jobs over a few tabs of one browser, then reports each as a subtest in
// the order given, so the output reads the same whichever tab finished first.
func runJobs(t *testing.T, browser context.Context, host string, jobs []job) {
	t.Helper()
	results := make([]jobResult, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	n := min(tabs, len(jobs))
	pool := make([]*tab, n)
	for i := range pool {
		pool[i] = newTab(t, browser, host)
	}
	for _, tb := range pool {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				start := time.Now()
				// A page that never finishes loading fails its job, not the whole suite.
				ctx, cancel := context.WithTimeout(tb.base, jobTimeout)
				tb.ctx = ctx
				found, err := jobs[i].Run(tb)
				cancel()
				results[i] = jobResult{found, err, time.Since(start)}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	// The slowest checks, to keep the suite fast as the library and the theme grow.
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return results[order[a]].took > results[order[b]].took })
	var slow []string
	for _, i := range order[:min(5, len(order))] {
		slow = append(slow, fmt.Sprintf("%s %.1fs", jobs[i].Name, results[i].took.Seconds()))
	}
	t.Logf("%d browser checks in %d tabs; the slowest: %s", len(jobs), n, strings.Join(slow, ", "))
	for i, j := range jobs {
		t.Run(j.Name, func(t *testing.T) {
			r := results[i]
			if r.err != nil {
				t.Fatal(r.err)
			}
			for _, f := range r.found {
				t.Error(f)
			}
		})
	}
}

// TestBrowser runs the gates that need a browser over every page type of the example
// library, in one Chromium: axe-core in light and dark schemes on a phone and a desktop
// (and on every other page in two of those views), the keyboard walk, the print checks with
// PDFs on Letter and A4, and, when BETWEEN_SCREENSHOTS names a folder, screenshots for a
// person to look at. Every opened page is also checked for script errors, missing files
// and requests to other hosts. The control pages come first: each gate must find what is
// wrong with them.
func TestBrowser(t *testing.T) {
	t.Parallel() // Java and Chromium run side by side
	s := example(t)
	if os.Getenv("CI") != "" {
		// The print checks read the PDFs only when pdftotext is there; in CI it must be.
		browsertest.RequireTool(t, "pdftotext", "install it with `apt-get install -y poppler-utils`")
	}
	axePath := toolFile(t, "axe-core/axe.min.js")
	axeSrc, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	pages := samplePages(t, s)
	shots := screenshotDir(t)
	browser, cancel := browserFor(t)
	defer cancel()

	jobs := controls(s, string(axeSrc))
	for _, p := range pages {
		for _, v := range []struct {
			name string
			view
		}{
			{"light-phone", withScheme(phone, "light")},
			{"dark-phone", withScheme(phone, "dark")},
			{"light-desktop", withScheme(desktop, "light")},
			{"dark-desktop", withScheme(desktop, "dark")},
		} {
			jobs = append(jobs, job{
				Name: "axe/" + p.Type + "/" + v.name,
				Run:  func(tb *tab) ([]string, error) { return axeJob(tb, s, p, v.view, string(axeSrc)) },
			})
		}
	}
	// The between-sessions pages in a client's state, in the two views most unlike each other
	// and on paper, where every word of the saved answers must print.
	for _, p := range sessionPages() {
		for _, v := range []struct {
			name string
			view
		}{
			{"light-phone", withScheme(phone, "light")},
			{"dark-desktop", withScheme(desktop, "dark")},
		} {
			jobs = append(jobs, job{
				Name: "axe/" + p.Type + "/" + v.name,
				Run:  func(tb *tab) ([]string, error) { return axeJob(tb, s, p, v.view, string(axeSrc)) },
			})
		}
		for _, paper := range papers {
			jobs = append(jobs, job{
				Name: "print/" + p.Type + "/" + paper.Name,
				Run:  func(tb *tab) ([]string, error) { return printJob(tb, s, p, paper, shots) },
			})
		}
	}
	// Every other page, in the two views most unlike each other: their text differs (tables,
	// footnotes, quotes, fields) even where their layout is the same.
	sampled := map[string]bool{}
	for _, p := range pages {
		sampled[p.File] = true
	}
	for _, name := range s.htmlFiles() {
		if sampled[name] || isRedirect(s.Files[name]) {
			continue
		}
		p := samplePage{Type: "other", File: name, Path: pageURL(name)}
		for _, v := range []struct {
			name string
			view
		}{
			{"light-phone", withScheme(phone, "light")},
			{"dark-desktop", withScheme(desktop, "dark")},
		} {
			jobs = append(jobs, job{
				Name: "axe/all/" + strings.TrimSuffix(name, "/index.html") + "/" + v.name,
				Run:  func(tb *tab) ([]string, error) { return axeJob(tb, s, p, v.view, string(axeSrc)) },
			})
		}
	}
	for _, p := range pages {
		jobs = append(jobs, job{
			Name: "keyboard/" + p.Type + "/light-desktop",
			Run:  func(tb *tab) ([]string, error) { return keyboardJob(tb, s, p, withScheme(desktop, "light")) },
		}, job{
			Name: "keyboard/" + p.Type + "/dark-phone",
			Run:  func(tb *tab) ([]string, error) { return keyboardJob(tb, s, p, withScheme(phone, "dark")) },
		})
	}
	for _, p := range pages {
		for _, paper := range papers {
			jobs = append(jobs, job{
				Name: "print/" + p.Type + "/" + paper.Name,
				Run:  func(tb *tab) ([]string, error) { return printJob(tb, s, p, paper, shots) },
			})
		}
	}
	if shots != "" {
		for _, p := range append(pages, sessionPages()...) {
			for _, v := range []view{phone, desktop} {
				for _, scheme := range []string{"light", "dark"} {
					name := fmt.Sprintf("%s-%dx%d-%s", p.Type, v.Width, v.Height, scheme)
					jobs = append(jobs, job{
						Name: "screenshot/" + name,
						Run: func(tb *tab) ([]string, error) {
							return nil, screenshotJob(tb, s, p, withScheme(v, scheme), filepath.Join(shots, name+".png"))
						},
					})
				}
			}
		}
	} else {
		t.Log("BETWEEN_SCREENSHOTS is not set: no screenshots taken")
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	runJobs(t, browser, u.Host, jobs)
}

func withScheme(v view, scheme string) view {
	v.Scheme = scheme
	return v
}

// pageChecks are the findings every opened page is checked for: script errors and files
// the page asked for that the server does not have.
func pageChecks(tb *tab, s *exampleSite, addr string) []string {
	var found []string
	for _, e := range tb.scriptErrors() {
		found = append(found, "in the browser: "+e)
	}
	for _, f := range s.failedFrom(addr) {
		if f.Path == "/favicon.ico" {
			// Chromium asks for it on its own; the site's pages never name it.
			continue
		}
		found = append(found, fmt.Sprintf("the page asked for %s: %d", f.Path, f.Status))
	}
	return found
}

// wcagTags are the axe-core tags of WCAG 2.2 level A and AA.
const wcagTags = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]`

// axeViolation is the part of an axe-core violation a fix needs.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  []string `json:"target"`
		Summary string   `json:"summary"`
		HTML    string   `json:"html"`
	} `json:"nodes"`
}

const axeRun = `(async () => {
	const r = await axe.run(document, {
		runOnly: {type: "tag", values: ` + wcagTags + `},
		resultTypes: ["violations"],
	});
	return r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({
			target: n.target.map(x => Array.isArray(x) ? x.join(" >>> ") : String(x)),
			summary: n.failureSummary || "",
			html: n.html,
		})),
	}));
})()`

func axeJob(tb *tab, s *exampleSite, p samplePage, v view, axeSrc string) ([]string, error) {
	addr := s.URL + p.Path
	if err := tb.open(addr, v); err != nil {
		return nil, err
	}
	// The page gets axe as source text, as if it were one of its own scripts: the site is
	// served as is, and nothing is loaded from elsewhere.
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](axeSrc)); err != nil {
		return nil, fmt.Errorf("load axe-core into %s: %w", addr, err)
	}
	vs, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe-core on %s: %w", addr, err)
	}
	found := pageChecks(tb, s, addr)
	for _, v := range vs {
		var b strings.Builder
		fmt.Fprintf(&b, "%s (%s): %s — %s", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n\t%s\n\t\t%s", strings.Join(n.Target, " "), strings.ReplaceAll(strings.TrimSpace(n.Summary), "\n", "\n\t\t"))
		}
		found = append(found, fmt.Sprintf("%s: %s", p.File, b.String()))
	}
	return found, nil
}

// paper is a sheet size for the print gate.
type paper struct {
	Name string
	Size chromedp.PaperSize // inches
}

var papers = []paper{
	{"Letter", chromedp.PaperSize{Width: 8.5, Height: 11}},
	{"A4", chromedp.PaperSize{Width: 210 / 25.4, Height: 297 / 25.4}},
}

// pdfMargin is the margin the gate prints with when the theme's @page sets none (1 cm).
const pdfMargin = 1 / 2.54

// pageBox reads the theme's @page rules that apply in print: the page width it asks for
// (size) and its left and right margins, in CSS pixels, or -1 where it sets none.
const pageBox = `(() => {
	const px = v => {
		if (!v || v === "auto" || v.endsWith("%")) return -1;
		const d = document.createElement("div");
		d.style.cssText = "position:absolute;visibility:hidden;width:" + v;
		document.body.appendChild(d);
		const w = d.getBoundingClientRect().width;
		d.remove();
		return w || (parseFloat(v) === 0 ? 0 : -1);
	};
	const named = {a3: 297, a4: 210, a5: 148, b4: 250, b5: 176, letter: 215.9, legal: 215.9, ledger: 279.4};
	const out = {width: -1, left: -1, right: -1};
	const walk = rules => {
		for (const r of rules) {
			if (r instanceof CSSPageRule) {
				if (r.selectorText && r.selectorText !== ":left" && r.selectorText !== ":right") continue;
				const size = r.style.getPropertyValue("size").trim().toLowerCase();
				if (size) {
					const words = size.split(/\s+/).filter(w => w !== "portrait" && w !== "landscape");
					if (words.length && named[words[0]]) out.width = named[words[0]] * 96 / 25.4;
					else if (words.length) out.width = px(words[0]);
				}
				const l = px(r.style.marginLeft), rr = px(r.style.marginRight);
				if (l >= 0) out.left = Math.max(out.left, l);
				if (rr >= 0) out.right = Math.max(out.right, rr);
			} else if (r.cssRules) {
				if (r.media && !matchMedia(r.media.mediaText || "all").matches) continue;
				walk(r.cssRules);
			}
		}
	};
	for (const sh of document.styleSheets) {
		let rules;
		try { rules = sh.cssRules; } catch (e) { continue; }
		if (sh.media && sh.media.mediaText && !matchMedia(sh.media.mediaText).matches) continue;
		walk(rules);
	}
	return out;
})()`

// navSelector finds what counts as navigation and controls, none of which may print;
// keepInPrint is what is part of the printed document although it is a nav: a booklet's
// contents, with its page numbers.
const (
	navSelector = `nav, [role="navigation"], .toolbar, button, [role="button"], input[type="button"], input[type="submit"], input[type="reset"], input[type="file"], [role="search"], input[type="search"], .skip-link`
	keepInPrint = `.booklet-toc`
)

// printLayout checks the page as laid out in print media at the viewport's width: nothing
// may reach past the right edge of the page, and no navigation may show.
const printLayout = `(() => {
	const vw = document.documentElement.clientWidth;
	const shown = el => {
		if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
		const r = el.getBoundingClientRect();
		return r.width * r.height > 1;
	};
	const desc = el => {
		const one = e => {
			let s = e.tagName.toLowerCase();
			if (e.id) s += "#" + e.id;
			for (const c of e.classList) s += "." + c;
			return s;
		};
		const parts = [];
		for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) parts.unshift(one(e));
		const text = (el.innerText || el.value || "").replace(/\s+/g, " ").trim().slice(0, 50);
		return parts.join(" > ") + (text ? ' "' + text + '"' : "");
	};
	const out = {scrollWidth: document.documentElement.scrollWidth, clientWidth: vw, overflow: [], nav: []};
	for (const el of document.body.querySelectorAll("*")) {
		if (!shown(el)) continue;
		const r = el.getBoundingClientRect();
		if (r.right <= vw + 0.5) continue;
		const parent = el.parentElement;
		if (parent && parent !== document.body && shown(parent) && parent.getBoundingClientRect().right > vw + 0.5) continue;
		out.overflow.push(desc(el) + " ends at " + Math.round(r.right) + "px");
	}
	for (const el of document.querySelectorAll(` + "`" + navSelector + "`" + `)) {
		if (el.closest(` + "`" + keepInPrint + "`" + `)) continue;
		if (shown(el)) out.nav.push(desc(el));
	}
	return out;
})()`

type printReport struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"`
	Overflow    []string `json:"overflow"`
	Nav         []string `json:"nav"`
}

type pageBoxResult struct {
	Width float64 `json:"width"`
	Left  float64 `json:"left"`
	Right float64 `json:"right"`
}

func printJob(tb *tab, s *exampleSite, p samplePage, pp paper, shots string) ([]string, error) {
	addr := s.URL + p.Path
	paperPx := pp.Size.Width * 96
	if err := tb.open(addr, view{Width: int64(paperPx), Height: int64(pp.Size.Height * 96), Media: "print"}); err != nil {
		return nil, err
	}
	box, err := chromedp.Run(tb.ctx, chromedp.Evaluate[pageBoxResult](pageBox))
	if err != nil {
		return nil, fmt.Errorf("read @page rules of %s: %w", addr, err)
	}
	// Chromium lays the page out at the width of the @page size when the theme sets one,
	// and scales it onto the sheet, so the narrower of the two is what the layout gets.
	width := paperPx
	if box.Width > 0 && box.Width < width {
		width = box.Width
	}
	for _, m := range []float64{box.Left, box.Right} {
		if m >= 0 {
			width -= m
		} else {
			width -= pdfMargin * 96
		}
	}
	if err := tb.resize(view{Width: int64(width), Height: int64(pp.Size.Height * 96)}); err != nil {
		return nil, err
	}
	rep, err := chromedp.Run(tb.ctx, chromedp.Evaluate[printReport](printLayout))
	if err != nil {
		return nil, fmt.Errorf("check the print layout of %s: %w", addr, err)
	}
	found := pageChecks(tb, s, addr)
	where := fmt.Sprintf("%s on %s (%d px wide)", p.File, pp.Name, int(width))
	if rep.ScrollWidth > rep.ClientWidth {
		found = append(found, fmt.Sprintf("%s: the page is %d px wide, wider than the paper", where, rep.ScrollWidth))
	}
	for _, o := range rep.Overflow {
		found = append(found, fmt.Sprintf("%s: overflows the page: %s", where, o))
	}
	for _, n := range rep.Nav {
		found = append(found, fmt.Sprintf("%s: navigation prints: %s (hide it in @media print)", where, n))
	}
	title, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(document.querySelector("h1") || {}).textContent || ""`))
	if err != nil {
		return nil, err
	}
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(pp.Size), chromedp.PDFMargin(pdfMargin)))
	if err != nil {
		return nil, fmt.Errorf("print %s on %s: %w", addr, pp.Name, err)
	}
	found = append(found, checkPDF(pdf, where, title)...)
	found = append(found, wholeWords(pdf, where, p.Words)...)
	if shots != "" {
		name := filepath.Join(shots, fmt.Sprintf("print-%s-%s.pdf", p.Type, pp.Name))
		if err := os.WriteFile(name, pdf, 0o644); err != nil {
			return found, err
		}
		if pdftoppm, err := exec.LookPath("pdftoppm"); err == nil {
			// The first two sheets as pictures, for a quick look without a PDF viewer.
			out, err := exec.Command(pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "2", name, strings.TrimSuffix(name, ".pdf")).CombinedOutput()
			if err != nil {
				return found, fmt.Errorf("pdftoppm: %v: %s", err, out)
			}
		}
	}
	return found, nil
}

// wholeWords checks that a printed page holds every word of the answers it shows (the
// client's state: long answers, past entries, a log's notes), when pdftotext is there.
func wholeWords(pdf []byte, where string, words []string) []string {
	if len(words) == 0 {
		return nil
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil
	}
	cmd := exec.Command(pdftotext, "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		return []string{fmt.Sprintf("%s: pdftotext: %v", where, err)}
	}
	got := map[string]bool{}
	for _, w := range strings.Fields(string(out)) {
		got[w] = true
	}
	var lost []string
	for _, w := range words {
		if !got[w] {
			lost = append(lost, w)
		}
	}
	if len(lost) > 0 {
		return []string{fmt.Sprintf("%s: %d of the %d words of the saved answers are not on paper, such as %s", where, len(lost), len(words), strings.Join(lost[:min(5, len(lost))], " "))}
	}
	return nil
}

// checkPDF checks that a printed page is a PDF that holds the page's title, when pdftotext
// is there to read it.
func checkPDF(pdf []byte, where, title string) []string {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return []string{where + ": the browser did not print a PDF"}
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil
	}
	cmd := exec.Command(pdftotext, "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return []string{fmt.Sprintf("%s: pdftotext cannot read the PDF: %s", where, ee.Stderr)}
		}
		return []string{fmt.Sprintf("%s: pdftotext: %v", where, err)}
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	if want := strings.Join(strings.Fields(title), " "); want != "" && !strings.Contains(text, want) {
		return []string{fmt.Sprintf("%s: the printed PDF does not show the title %q", where, want)}
	}
	return nil
}

func screenshotJob(tb *tab, s *exampleSite, p samplePage, v view, file string) error {
	if err := tb.open(s.URL+p.Path, v); err != nil {
		return err
	}
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return fmt.Errorf("screenshot %s: %w", p.Path, err)
	}
	return os.WriteFile(file, png, 0o644)
}

// screenshotDir is the folder BETWEEN_SCREENSHOTS names, made if it is missing, or "" when
// it is not set: a test that keeps screenshots may run before, or without, the others.
func screenshotDir(t *testing.T) string {
	t.Helper()
	shots := os.Getenv("BETWEEN_SCREENSHOTS")
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return shots
}
