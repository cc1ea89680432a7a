package gates

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/internal/browsertest"
)

// The client gates check what a client of the library meets on a phone, a tablet, a desktop
// and on paper: nothing wider than the box it sits in, every long answer printed whole, and
// no control of a path's booklet touching the answers saved on other pages. Each runs first
// on a control page with the defect planted.

var widths = []view{
	{Width: 390, Height: 844, Mobile: true},
	{Width: 768, Height: 1024},
	{Width: 1280, Height: 800},
}

func init() {
	// A table wider than its column, as the worksheet tables were: 817 px in 648 px.
	controlPages[".gates/overflow.html"] = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Overflow control</h1><div class="column" style="max-width:20rem">
<table class="wide" style="width:40rem"><tr><td>What helped or got in the way</td></tr></table>
<div style="overflow-x:auto"><table class="scrolls" style="width:40rem"><tr><td>Scrolls on purpose</td></tr></table></div>
</div></main></body></html>`
	// One-line boxes print only what fits their width.
	controlPages[".gates/print-answers.html"] = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title></head>
<body><main><h1>Print control</h1>
<div class="field" data-field-id="a" data-kind="line"><input type="text" style="width:10rem"></div>
<div class="field" data-field-id="b" data-kind="answer"><textarea rows="2"></textarea></div>
</main></body></html>`
	// A booklet whose Clear deletes every page's answers.
	controlPages[".gates/booklet-storage.html"] = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title></head>
<body data-site="control" data-page="/control/print/"><main><h1>Booklet control</h1>
<button type="button" onclick="if (confirm('Clear?')) localStorage.clear()">Clear</button>
<button type="button" onclick="window.print()">Print</button>
<section data-page="/worksheets/a/"><div class="field" data-field-id="x" data-kind="line"><input type="text"></div></section>
<section data-page="/worksheets/b/"><div class="field" data-field-id="y" data-kind="line"><input type="text"></div></section>
</main></body></html>`
}

// overflowCheck lists every shown element wider than the box it sits in: its right edge past
// its parent's, where the parent does not scroll on purpose, or past the viewport.
const overflowCheck = `(() => {
	const vw = document.documentElement.clientWidth;
	const shown = el => {
		if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
		const r = el.getBoundingClientRect();
		return r.width * r.height > 1;
	};
	const clipped = el => {
		for (let e = el.parentElement; e; e = e.parentElement) {
			const s = getComputedStyle(e);
			if (s.overflowX !== "visible" && s.overflowX !== "clip" || s.clipPath !== "none" || s.clip !== "auto") return true;
		}
		return false;
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
		const text = (el.innerText || el.value || "").replace(/\s+/g, " ").trim().slice(0, 40);
		return parts.join(" > ") + (text ? ' "' + text + '"' : "");
	};
	const out = [];
	if (document.documentElement.scrollWidth > vw + 1) out.push("the page scrolls sideways: " + document.documentElement.scrollWidth + " px in " + vw);
	for (const el of document.body.querySelectorAll("*")) {
		if (!shown(el) || clipped(el)) continue;
		const s = getComputedStyle(el);
		if (s.position === "absolute" || s.position === "fixed") continue;
		const p = el.parentElement;
		if (!p || !shown(p)) continue;
		const r = el.getBoundingClientRect(), pr = p.getBoundingClientRect();
		const ps = getComputedStyle(p);
		const inner = pr.right - parseFloat(ps.borderRightWidth) - (p === document.body ? 0 : 0);
		if (r.right > inner + 1 && r.width > pr.width + 1) {
			out.push(desc(el) + " is " + Math.round(r.width) + " px wide in " + desc(p) + " of " + Math.round(pr.width) + " px");
		} else if (r.right > vw + 1) {
			out.push(desc(el) + " ends at " + Math.round(r.right) + " px, past the screen's " + vw);
		}
	}
	const words = /%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[sdvqxf]\b|%!|\{\{|\}\}|\{(file|done|total|column|row|n|days|page)\}/g;
	for (const m of (document.body.innerText.match(words) || [])) out.push("the page shows an unfilled placeholder: " + m);
	return out;
})()`

func overflowJob(tb *tab, s *exampleSite, p samplePage, v view) ([]string, error) {
	addr := s.URL + p.Path
	if err := tb.open(addr, v); err != nil {
		return nil, err
	}
	found, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](overflowCheck))
	if err != nil {
		return nil, fmt.Errorf("check the widths of %s: %w", addr, err)
	}
	out := pageChecks(tb, s, addr)
	for _, f := range found {
		out = append(out, fmt.Sprintf("%s at %d px: %s", p.File, v.Width, f))
	}
	return out, nil
}

// fillLong writes a long answer of unique words into every box a client types in, and
// returns the answers: field i gets "aI-1 aI-2 … aI-40".
const fillLong = `(() => {
	// Nothing is saved: the other tabs of the gate's browser print the same pages, and what
	// one saved would reach the others' fields as they print.
	// Nor does what other tabs save (the booklet gate seeds "kept" answers) reach these
	// fields: from here on this tab reads only what it wrote itself, whenever a script reads
	// storage again (a repeated guide does, as it prints).
	const mine = new Map();
	Storage.prototype.setItem = function (k, v) { mine.set(String(k), String(v)); };
	Storage.prototype.getItem = function (k) { return mine.has(String(k)) ? mine.get(String(k)) : null; };
	Storage.prototype.removeItem = function (k) { mine.delete(String(k)); };
	window.addEventListener("storage", e => e.stopImmediatePropagation(), true);
	const answers = [];
	document.querySelectorAll("[data-field-id] textarea, [data-field-id] input[type=text]").forEach((el, i) => {
		if (el.closest(".ws-toolbar, form[role=search], [role=search], header, footer")) return;
		const words = [];
		for (let w = 1; w <= 40; w++) words.push("a" + i + "x" + w);
		el.value = words.join(" ");
		el.dispatchEvent(new Event("input", {bubbles: true}));
		answers.push(words);
	});
	window.dispatchEvent(new Event("beforeprint"));
	return answers;
})()`

func printAnswersJob(tb *tab, s *exampleSite, p samplePage, pp paper) ([]string, error) {
	addr := s.URL + p.Path
	// An empty storage of the tab's own from the start: the booklet gate's tabs seed and clear
	// the answers of the same pages in the browser's storage while this one prints.
	if err := tb.openWith(addr, view{Width: int64(pp.Size.Width * 96), Height: int64(pp.Size.Height * 96)}, map[string]string{}); err != nil {
		return nil, err
	}
	answers, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[][]string](fillLong))
	if err != nil {
		return nil, fmt.Errorf("fill %s: %w", addr, err)
	}
	if len(answers) == 0 {
		return []string{p.File + ": no box to write in; the print-answers gate has nothing to check"}, nil
	}
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(pp.Size), chromedp.PDFMargin(pdfMargin)))
	if err != nil {
		return nil, fmt.Errorf("print %s: %w", addr, err)
	}
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	text, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext: %w", err)
	}
	got := map[string]bool{}
	for _, w := range strings.Fields(string(text)) {
		got[w] = true
	}
	out := pageChecks(tb, s, addr)
	for i, words := range answers {
		var lost []string
		for _, w := range words {
			if !got[w] {
				lost = append(lost, w)
			}
		}
		if len(lost) > 0 {
			out = append(out, fmt.Sprintf("%s on %s: box %d of %d prints %d of its %d words; lost %s…", p.File, pp.Name, i+1, len(answers), len(words)-len(lost), len(words), strings.Join(lost[:min(3, len(lost))], " ")))
		}
	}
	return out, nil
}

// seedAnswers saves an answer for every field of the page under its own page's key, as a
// client who filled in each worksheet would have, and returns the storage it wrote.
const seedAnswers = `(() => {
	const site = document.body.getAttribute("data-site") || location.host;
	document.querySelectorAll("[data-field-id]").forEach(el => {
		const p = (el.closest("[data-page]") || document.body).getAttribute("data-page");
		localStorage.setItem("between:" + site + ":" + p + ":" + el.getAttribute("data-field-id"), JSON.stringify("kept"));
	});
	return localStorage.length;
})()`

// answerStorage is the saved answers of the pages this page shows, as JSON: the other
// tabs of the gate's browser work on other pages of the same storage at the same time.
const answerStorage = `(() => {
	const site = document.body.getAttribute("data-site") || location.host;
	const pages = new Set(Array.from(document.querySelectorAll("[data-field-id]"),
		el => "between:" + site + ":" + (el.closest("[data-page]") || document.body).getAttribute("data-page") + ":"));
	return JSON.stringify(Object.keys(localStorage).filter(k => !k.includes(":#") && [...pages].some(p => k.startsWith(p)))
		.sort().map(k => [k, localStorage.getItem(k)]));
})()`

// pressEverything presses every button of the page with every dialog accepted, printing
// switched off, and returns what it pressed.
const pressEverything = `(async () => {
	window.confirm = () => true;
	window.print = () => {};
	const pressed = [];
	for (const b of document.querySelectorAll("main button, main [role=button]")) {
		if (!b.checkVisibility()) continue;
		pressed.push((b.textContent || "").trim());
		b.click();
		await new Promise(r => setTimeout(r, 20));
		// Undo puts back what was taken; the gate is about what stays taken.
		document.querySelectorAll(".ws-undo").forEach(u => u.remove());
	}
	return pressed;
})()`

func bookletStorageJob(tb *tab, s *exampleSite, p samplePage) ([]string, error) {
	addr := s.URL + p.Path
	if err := tb.open(addr, desktop); err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](seedAnswers)); err != nil {
		return nil, fmt.Errorf("seed answers on %s: %w", addr, err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Reload()); err != nil {
		return nil, err
	}
	before, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](answerStorage))
	if err != nil {
		return nil, err
	}
	pressed, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](pressEverything, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("press the buttons of %s: %w", addr, err)
	}
	after, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](answerStorage))
	if err != nil {
		return nil, err
	}
	out := pageChecks(tb, s, addr)
	if before != after {
		out = append(out, fmt.Sprintf("%s: pressing %q changed the answers saved for other pages:\n\tbefore %s\n\tafter  %s", p.File, pressed, before, after))
	}
	return out, nil
}

// TestClient runs the client gates over the example library: widths on every page type at
// 390, 768 and 1280 px, long answers printed on A4 and Letter from every worksheet and
// booklet, and the booklets' buttons against the answers of their steps.
func TestClient(t *testing.T) {
	t.Parallel()
	s := example(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		missing(t, "pdftotext not found: install poppler-utils")
	}
	browser, cancel := browserFor(t)
	defer cancel()
	ctl := func(path string) samplePage { return samplePage{Type: "control", File: path, Path: path} }
	jobs := []job{
		{"control/overflow", func(tb *tab) ([]string, error) {
			found, err := overflowJob(tb, s, ctl(".gates/overflow.html"), widths[2])
			if out, err := expect(found, err, `table.wide`, "640 px wide"); err != nil || len(out) > 0 {
				return out, err
			}
			return unexpected(found, nil, "Scrolls on purpose")
		}},
		{"control/print-answers", func(tb *tab) ([]string, error) {
			found, err := printAnswersJob(tb, s, ctl(".gates/print-answers.html"), papers[1])
			return expect(found, err, "box 1 of 2 prints", "box 2 of 2 prints")
		}},
		{"control/booklet-storage", func(tb *tab) ([]string, error) {
			found, err := bookletStorageJob(tb, s, ctl(".gates/booklet-storage.html"))
			return expect(found, err, `pressing ["Clear" "Print"] changed the answers`)
		}},
	}
	pages := append(samplePages(t, s), sessionPages()...)
	for _, p := range pages {
		for _, v := range widths {
			jobs = append(jobs, job{
				Name: fmt.Sprintf("width/%s/%d", p.Type, v.Width),
				Run:  func(tb *tab) ([]string, error) { return overflowJob(tb, s, p, v) },
			})
		}
	}
	for _, name := range s.htmlFiles() {
		worksheet := strings.HasPrefix(name, "worksheets/") && name != "worksheets/index.html"
		booklet := strings.HasPrefix(name, "paths/") && strings.HasSuffix(name, "/print/index.html")
		if !worksheet && !booklet || isRedirect(s.Files[name]) {
			continue
		}
		p := samplePage{Type: "page", File: name, Path: pageURL(name)}
		short := strings.TrimSuffix(name, "/index.html")
		for _, pp := range papers {
			jobs = append(jobs, job{
				Name: "print-answers/" + short + "/" + pp.Name,
				Run:  func(tb *tab) ([]string, error) { return printAnswersJob(tb, s, p, pp) },
			})
		}
		if booklet {
			jobs = append(jobs, job{
				Name: "booklet-storage/" + short,
				Run:  func(tb *tab) ([]string, error) { return bookletStorageJob(tb, s, p) },
			})
		}
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	runJobs(t, browser, u.Host, jobs)
}

// browserFor gives the gates' tabs a budget of their own on one Chromium: browsertest gives
// a test three minutes, and a gate checks well over a hundred pages and views. The browser
// still closes when the test ends. Each check has its own limit (jobTimeout); this one only
// stops a browser that hangs, so it sits well above the 5.5 minutes the gates take in CI
// (10 minutes ran out on a machine with two other builds and four other browsers on its two
// cores) and below go test's 20.
func browserFor(t *testing.T) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(browsertest.New(t)), 16*time.Minute)
}
