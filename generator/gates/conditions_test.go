package gates

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The conditions gates check the pages a client uses most under the settings a reader may
// have turned on: a 320 px wide view (a phone, or 1280 px at 400% zoom), wider text spacing,
// forced colours (Windows high contrast), the dark scheme, on paper from the dark scheme,
// and reduced motion. Each runs first on a control page with the defect planted.

func init() {
	// A button whose words are cut off once the reader widens the text spacing.
	controlPages[".gates/spacing.html"] = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title></head>
<body><main><h1>Spacing control</h1><button type="button" class="tight" style="height:1.2rem;width:6rem;overflow:hidden;white-space:nowrap;font-size:16px;line-height:1.1">Mark as done</button></main></body></html>`
	// A progress bar drawn with backgrounds only, a chosen point marked only by its
	// background, an icon in a fixed colour: forced colours paint them all away.
	controlPages[".gates/forced.html"] = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title>
<style>.progress-bar{height:8px;background:#ccc}.progress-fill{display:block;height:100%;width:50%;background:teal}
.scale-point input{position:absolute;opacity:0}.scale-point label{display:inline-block;width:40px;height:40px;border:2px solid teal;border-radius:50%}
.scale-point input:checked+label{background:teal;color:#fff}</style></head>
<body><main><h1>Forced control</h1><div class="progress-bar"><span class="progress-fill"></span></div>
<fieldset class="field-scale"><legend>How sure?</legend><span class="scale-point"><input type="radio" name="s" id="s1"><label for="s1">1</label></span>
<span class="scale-point"><input type="radio" name="s" id="s2"><label for="s2">2</label></span></fieldset>
<svg class="fixed" width="20" height="20" viewBox="0 0 20 20" style="forced-color-adjust:none"><path d="M2 10h16" fill="none" stroke="#fff" stroke-width="3"/></svg></main></body></html>`
	// A writing area whose edge is a faint rule, a placeholder too pale to read.
	controlPages[".gates/edges.html"] = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title>
<style>body{background:#fff;color:#000}textarea{border:1px solid #ddd;background:#fff}input::placeholder{color:#bbb}input{border:2px solid #333}</style></head>
<body><main><h1>Edges control</h1><label>Wins <textarea class="faint"></textarea></label>
<label>Name <input type="text" class="pale" placeholder="Your name"></label></main></body></html>`
	// Light grey text on paper, as a dark scheme that print does not undo leaves it.
	controlPages[".gates/dark-print.html"] = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title>
<style>@media (prefers-color-scheme: dark){p.pale{color:#ddd}}</style></head>
<body><main><h1>Dark print control</h1><p class="pale">Pale on paper</p></main></body></html>`
	// A menu that slides in, whatever the reader asked for.
	controlPages[".gates/motion.html"] = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title>
<style>.slides{transition:transform .3s}@keyframes spin{to{transform:rotate(1turn)}}.spins{animation:spin 1s infinite}</style></head>
<body><main><h1>Motion control</h1><button type="button" class="slides">Menu</button><span class="spins">*</span></main></body></html>`
}

// describe names an element in the findings of the checks below, as the other gates do.
const describe = `const desc = el => {
	let s = el.tagName.toLowerCase();
	if (el.id) s += "#" + el.id;
	for (const c of el.classList) s += "." + c;
	const text = (el.innerText || el.value || el.placeholder || "").replace(/\s+/g, " ").trim().slice(0, 40);
	return s + (text ? ' "' + text + '"' : "");
};
const shown = el => {
	if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
	const r = el.getBoundingClientRect();
	return r.width * r.height > 1;
};`

// colours are the WCAG contrast sums, over colours as getComputedStyle gives them, and the
// colour an element is really seen on: its own background over its ancestors', down to the
// first opaque one (white under all).
const colours = `const parse = c => {
	const m = /rgba?\(([^)]*)\)/.exec(c || "");
	if (!m) return null;
	const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
	return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
};
const over = (top, under) => ({r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1});
const lum = c => {
	const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
	return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
};
const ratio = (a, b) => {
	const x = lum(a), y = lum(b);
	return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};
const bgOf = (el, pseudo) => {
	const layers = [];
	if (pseudo) layers.push(parse(getComputedStyle(el, pseudo).backgroundColor));
	for (let e = el; e; e = e.parentElement) {
		const c = parse(getComputedStyle(e).backgroundColor);
		if (c && c.a > 0) {
			layers.push(c);
			if (c.a >= 1) break;
		}
	}
	let base = {r: 255, g: 255, b: 255, a: 1};
	for (const c of layers.reverse()) if (c) base = over(c, base);
	return base;
};
const seen = (a, b) => ratio(a, b).toFixed(2);`

// spacingCheck applies the text spacing of WCAG 1.4.12 (the bookmarklet's styles) and lists
// the words that no longer fit: cut off by a box that hides what overflows, or spilling out
// of a box of a set height onto what follows.
const spacingCheck = `(async () => {
	` + describe + `
	const st = document.createElement("style");
	st.textContent = "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";
	document.head.appendChild(st);
	await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
	const out = [], told = new Set();
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		if (!n.textContent.trim() || !shown(n.parentElement)) continue;
		const range = document.createRange();
		range.selectNodeContents(n);
		const rects = [...range.getClientRects()].filter(r => r.width > 0);
		if (!rects.length) continue;
		const t = {top: Math.min(...rects.map(r => r.top)), bottom: Math.max(...rects.map(r => r.bottom)),
			left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right))};
		if (t.bottom < 0 || t.right < 0) continue; // a skip link, off screen until focused
		for (let p = n.parentElement; p && p !== document.body; p = p.parentElement) {
			const s = getComputedStyle(p);
			if (s.display === "inline" || s.display === "contents") continue;
			const b = p.getBoundingClientRect();
			if (b.width <= 2 || b.height <= 2) break; // words for screen readers only
			const hides = s.overflowX === "hidden" || s.overflowX === "clip" || s.overflowY === "hidden" || s.overflowY === "clip";
			const scrolls = s.overflowX === "auto" || s.overflowX === "scroll" || s.overflowY === "auto" || s.overflowY === "scroll";
			const outY = t.bottom > b.bottom + 1 || t.top < b.top - 1, outX = t.right > b.right + 1 || t.left < b.left - 1;
			if (!scrolls && (outY || hides && outX)) {
				const what = desc(p);
				if (!told.has(what)) {
					told.add(what);
					out.push((hides ? "cut off by " : "spills out of ") + what + ": " + JSON.stringify(n.textContent.trim().slice(0, 40)) +
						" runs " + Math.round(t.top - b.top) + ".." + Math.round(t.bottom - b.top) + " px in a box " + Math.round(b.height) + " px tall");
				}
				break;
			}
			if (hides || scrolls) break;
		}
	}
	st.remove();
	return out;
})()`

// forcedCheck looks at the page in forced colours, where every background is the page's and
// every colour the system's: what shows progress, a done step, a chosen point, a pressed
// button and an icon must still be seen, each told from its neighbour in another state.
const forcedCheck = `(async () => {
	` + describe + colours + `
	const out = [];
	if (!matchMedia("(forced-colors: active)").matches) return ["the page is not in forced colours"];
	const page = bgOf(document.body);
	// The colour an element shows: its fill, or its border where it has one.
	const look = (el, pseudo) => {
		const s = getComputedStyle(el, pseudo);
		const bw = parseFloat(s.borderTopWidth) || 0;
		return {fill: bgOf(el, pseudo), edge: bw >= 1 && s.borderTopStyle !== "none" ? parse(s.borderTopColor) : null};
	};
	const same = (a, b) => ratio(a.fill, b.fill) < 1.5;
	// One step done, for a pressed Mark as done and a done step to look at beside the others.
	const press = [...document.querySelectorAll(".mark-done[aria-pressed=false]")].find(shown);
	if (press && ![...document.querySelectorAll(".mark-done[aria-pressed=true]")].some(shown)) {
		press.click();
		await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
	}
	for (const bar of document.querySelectorAll(".progress-bar")) {
		if (!shown(bar)) continue;
		const b = look(bar), under = bgOf(bar.parentElement);
		if (ratio(b.fill, under) < 3 && !(b.edge && ratio(over(b.edge, under), under) >= 3)) out.push("the progress bar " + desc(bar) + " cannot be seen: no edge, its track " + seen(b.fill, under) + ":1 against the page");
		const fill = bar.querySelector(".progress-fill");
		if (fill && fill.getBoundingClientRect().width > 0 && ratio(bgOf(fill), b.fill) < 3) out.push("the progress bar's fill " + desc(fill) + " cannot be told from its track: " + seen(bgOf(fill), b.fill) + ":1");
	}
	const done = [...document.querySelectorAll(".step.is-done")].find(shown), todo = [...document.querySelectorAll(".step:not(.is-done)")].find(shown);
	if (done && todo && same(look(done, "::before"), look(todo, "::before"))) out.push("a done step's circle looks like one not done: " + desc(done));
	if (done) {
		const s = getComputedStyle(done, "::before");
		const num = over(parse(s.color), bgOf(done, "::before"));
		if (ratio(num, bgOf(done, "::before")) > 1.5) out.push("a done step shows its number under the check: " + desc(done));
		const check = done.querySelector(".step-check");
		if (check && ratio(over(parse(getComputedStyle(check).color), bgOf(done, "::before")), bgOf(done, "::before")) < 3) out.push("a done step's check cannot be seen on its circle: " + desc(done));
	}
	const pressed = [...document.querySelectorAll(".mark-done[aria-pressed=true]")].find(shown), unpressed = [...document.querySelectorAll(".mark-done[aria-pressed=false]")].find(shown);
	if (pressed && unpressed && same(look(pressed), look(unpressed))) out.push("Mark as done looks the same pressed and not: " + desc(pressed));
	const scale = [...document.querySelectorAll(".field-scale")].find(shown);
	if (scale) {
		const points = [...scale.querySelectorAll(".scale-point input")];
		points[0].click();
		const a = look(points[0].labels[0]), b = look(points[1].labels[0]);
		if (same(a, b)) out.push("a scale's chosen point looks like the others: " + desc(scale) + ", " + seen(a.fill, b.fill) + ":1");
	}
	for (const svg of document.querySelectorAll("svg")) {
		// A done step's check is drawn on its circle, the step's ::before, measured above.
		if (!shown(svg) || svg.closest(".step-check")) continue;
		const bg = bgOf(svg.parentElement);
		for (const g of svg.querySelectorAll("path, circle, rect, line, polyline, polygon, text")) {
			const s = getComputedStyle(g);
			// A line has no inside: its fill paints nothing.
			const inks = [s.stroke, g.localName === "line" ? "none" : s.fill].map(parse).filter(c => c && c.a > 0);
			if (inks.length && inks.every(c => ratio(over(c, bg), bg) < 3)) {
				out.push("an icon or a drawing cannot be seen: " + desc(g) + " in " + desc(svg.closest("[class]") || svg) + " draws in " + s.stroke + " / " + s.fill);
				break;
			}
		}
	}
	return out;
})()`

// edgesCheck measures what shows where to write: a box's edge (its border, or the border of
// the table cell it fills) against what is around it, at least 3:1 (WCAG 1.4.11), and its
// placeholder against the box, at least 4.5:1.
const edgesCheck = `(() => {
	` + describe + colours + `
	const out = [], faint = [];
	const edge = (el, under, inside) => {
		const s = getComputedStyle(el);
		let best = ratio(inside, under);
		for (const side of ["Top", "Right", "Bottom", "Left"]) {
			if ((parseFloat(s["border" + side + "Width"]) || 0) < 1 || s["border" + side + "Style"] === "none") continue;
			const c = over(parse(s["border" + side + "Color"]), under);
			best = Math.max(best, Math.min(ratio(c, under), ratio(c, inside)));
		}
		return best;
	};
	for (const f of document.querySelectorAll("textarea, input:is([type=text], [type=date], [type=search], [type=email], :not([type]))")) {
		if (!shown(f)) continue;
		const inside = bgOf(f);
		let k = edge(f, bgOf(f.parentElement), inside);
		const cell = f.closest("td");
		if (cell && k < 3) k = Math.max(k, edge(cell, bgOf(cell.parentElement), inside));
		if (k < 3) faint.push(desc(f) + " " + k.toFixed(2) + ":1");
		if (f.placeholder) {
			const ph = over(parse(getComputedStyle(f, "::placeholder").color), inside);
			if (ratio(ph, inside) < 4.5) out.push("the placeholder of " + desc(f) + " is " + seen(ph, inside) + ":1, under 4.5:1");
		}
	}
	if (faint.length) out.push("the edges of " + faint.length + " boxes to write in are under 3:1: " + faint.slice(0, 3).join(", ") + (faint.length > 3 ? ", …" : ""));
	return out;
})()`

// paperCheck lists the words that print pale or on a dark ground: in print media, every word
// must be dark on light, at least 4.5:1.
const paperCheck = `(() => {
	` + describe + colours + `
	const out = [], told = new Set();
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		if (!n.textContent.trim() || !shown(el)) continue;
		const bg = bgOf(el), fg = over(parse(getComputedStyle(el).color), bg);
		if ((ratio(fg, bg) < 4.5 || lum(bg) < lum(fg)) && !told.has(desc(el))) {
			told.add(desc(el));
			out.push(desc(el) + " prints " + getComputedStyle(el).color + " on " + getComputedStyle(el).backgroundColor + ", " + seen(fg, bg) + ":1");
		}
	}
	return out.slice(0, 20);
})()`

// motionCheck lists what moves although the reader asked for reduced motion: any element or
// pseudo-element with a transition or an animation that takes time.
const motionCheck = `(() => {
	` + describe + `
	const secs = v => v.split(",").reduce((s, x) => s + parseFloat(x) * (x.trim().endsWith("ms") ? 0.001 : 1), 0);
	const out = [];
	if (!matchMedia("(prefers-reduced-motion: reduce)").matches) return ["the page is not asked for reduced motion"];
	if (getComputedStyle(document.documentElement).scrollBehavior === "smooth") out.push("the page scrolls smoothly");
	for (const el of document.querySelectorAll("*")) {
		for (const p of [null, "::before", "::after"]) {
			const s = getComputedStyle(el, p);
			const t = secs(s.transitionDuration) + secs(s.transitionDelay);
			const a = s.animationName !== "none" ? secs(s.animationDuration) : 0;
			if (t > 0) out.push(desc(el) + (p || "") + " has a transition of " + s.transitionProperty + " for " + s.transitionDuration);
			if (a > 0) out.push(desc(el) + (p || "") + " runs the animation " + s.animationName + " for " + s.animationDuration);
		}
	}
	return out;
})()`

// conditionJob opens p as v and runs check in it, prefixing each finding with where.
func conditionJob(tb *tab, s *exampleSite, p samplePage, v view, check string) ([]string, error) {
	addr := s.URL + p.Path
	var err error
	if strings.Contains(addr, stateQuery) || v.Forced {
		// Forced colours press buttons and choose points: in the tab's own storage, seeded
		// with the client's state, so nothing reaches the other tabs.
		err = tb.openWith(strings.Replace(addr, stateQuery, "", 1), v, clientState())
		if err == nil && strings.Contains(addr, stateQuery) {
			_, err = chromedp.Run(tb.ctx, chromedp.Poll[bool](stateReady))
		}
	} else {
		err = tb.open(addr, v)
	}
	if err != nil {
		return nil, err
	}
	got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](check, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", addr, err)
	}
	found := pageChecks(tb, s, addr)
	where := fmt.Sprintf("%s at %d px", p.File, v.Width)
	if v.Scheme != "" {
		where += " in " + v.Scheme
	}
	for _, g := range got {
		found = append(found, where+": "+g)
	}
	return found, nil
}

// TestBrowserConditions checks the pages a client uses most under a reader's own settings:
// nothing scrolls sideways at 320 px (WCAG 1.4.10), no words are cut off with wider text
// spacing (1.4.12), forced colours keep progress, done marks, chosen points and icons in
// sight, the edges of boxes to write in stand out 3:1 in light and dark (1.4.11), the dark
// scheme prints dark on light, and nothing moves with reduced motion.
func TestBrowserConditions(t *testing.T) {
	t.Parallel()
	s := example(t)
	browser, cancel := browserFor(t)
	defer cancel()
	narrow := view{Width: 320, Height: 640, Mobile: true}
	ctl := func(path string) samplePage { return samplePage{Type: "control", File: path, Path: path} }
	jobs := []job{
		{"control/reflow", func(tb *tab) ([]string, error) {
			found, err := overflowJob(tb, s, ctl(".gates/overflow.html"), narrow)
			return expect(found, err, "the page scrolls sideways")
		}},
		{"control/spacing", func(tb *tab) ([]string, error) {
			found, err := conditionJob(tb, s, ctl(".gates/spacing.html"), narrow, spacingCheck)
			return expect(found, err, `cut off by button.tight`)
		}},
		{"control/forced", func(tb *tab) ([]string, error) {
			v := narrow
			v.Forced = true
			found, err := conditionJob(tb, s, ctl(".gates/forced.html"), v, forcedCheck)
			return expect(found, err, "the progress bar div.progress-bar cannot be seen", "the progress bar's fill", "a scale's chosen point looks like the others", "an icon or a drawing cannot be seen: path in svg.fixed")
		}},
		{"control/edges", func(tb *tab) ([]string, error) {
			found, err := conditionJob(tb, s, ctl(".gates/edges.html"), withScheme(narrow, "light"), edgesCheck)
			if out, err := expect(found, err, "the edges of 1 boxes to write in are under 3:1: textarea.faint", `the placeholder of input.pale "Your name"`); err != nil || len(out) > 0 {
				return out, err
			}
			return unexpected(found, nil, `input.pale "Your name" 1`)
		}},
		{"control/dark-print", func(tb *tab) ([]string, error) {
			found, err := conditionJob(tb, s, ctl(".gates/dark-print.html"), view{Width: 700, Height: 1000, Media: "print", Scheme: "dark"}, paperCheck)
			return expect(found, err, `p.pale "Pale on paper" prints`)
		}},
		{"control/motion", func(tb *tab) ([]string, error) {
			found, err := conditionJob(tb, s, ctl(".gates/motion.html"), narrow, motionCheck)
			return expect(found, err, `button.slides "Menu" has a transition`, "runs the animation spin")
		}},
	}
	// The pages a client uses most: the home page, an article with a table, every worksheet,
	// a guide, a path and its booklet, My notes and search, in the client's state where
	// there is one.
	pages := []samplePage{
		{File: "index.html", Path: stateQuery},
		{File: "articles/why-between-sessions-matter/index.html", Path: "articles/why-between-sessions-matter/"},
		{File: "paths/first-month/index.html", Path: "paths/first-month/" + stateQuery},
		{File: "paths/first-month/print/index.html", Path: "paths/first-month/print/"},
		{File: "guides/weekly-review/index.html", Path: "guides/weekly-review/" + stateQuery},
		{File: "notes/index.html", Path: "notes/" + stateQuery},
		{File: "search/index.html", Path: "search/?q=session"},
	}
	for _, name := range s.htmlFiles() {
		if strings.HasPrefix(name, "worksheets/") && name != "worksheets/index.html" && !isRedirect(s.Files[name]) {
			pages = append(pages, samplePage{File: name, Path: pageURL(name)})
		}
	}
	for _, p := range pages {
		if _, ok := s.Files[p.File]; !ok {
			t.Fatalf("the example library has no %s: the conditions gates need it", p.File)
		}
		short := strings.TrimSuffix(p.File, "/index.html")
		jobs = append(jobs,
			job{"reflow/" + short, func(tb *tab) ([]string, error) { return overflowJob(tb, s, p, narrow) }},
			job{"spacing/" + short, func(tb *tab) ([]string, error) { return conditionJob(tb, s, p, narrow, spacingCheck) }},
			job{"motion/" + short, func(tb *tab) ([]string, error) { return conditionJob(tb, s, p, narrow, motionCheck) }},
		)
		// Forced colours have a light palette and a dark one (white on black), as Windows'
		// contrast themes do.
		for _, scheme := range []string{"light", "dark"} {
			v := withScheme(narrow, scheme)
			v.Forced = true
			jobs = append(jobs, job{"forced/" + short + "/" + scheme, func(tb *tab) ([]string, error) { return conditionJob(tb, s, p, v, forcedCheck) }})
		}
		// A table of fields is a grid on a desktop and cards on a phone.
		for _, v := range []view{withScheme(desktop, "light"), withScheme(desktop, "dark"), withScheme(narrow, "dark")} {
			jobs = append(jobs, job{fmt.Sprintf("edges/%s/%s-%d", short, v.Scheme, v.Width), func(tb *tab) ([]string, error) {
				return conditionJob(tb, s, p, v, edgesCheck)
			}})
		}
		jobs = append(jobs, job{"dark-print/" + short, func(tb *tab) ([]string, error) {
			return conditionJob(tb, s, p, view{Width: 720, Height: 1000, Media: "print", Scheme: "dark"}, paperCheck)
		}})
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	runJobs(t, browser, u.Host, jobs)
}
