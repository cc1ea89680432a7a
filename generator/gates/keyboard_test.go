package gates

import (
	"fmt"

	"github.com/chromedp/chromedp"
)

// keyboardPrepare notes how every focusable element (and its labels and parent, where a
// custom control shows its focus) looks without focus, so that the ring can be told apart
// from the element's usual look once Tab reaches it.
const keyboardPrepare = `(() => {
	const look = el => {
		const cs = getComputedStyle(el);
		return {outline: cs.outlineStyle + " " + cs.outlineWidth + " " + cs.outlineColor, shadow: cs.boxShadow};
	};
	const shown = el => {
		if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
		const r = el.getBoundingClientRect();
		return r.width * r.height > 1;
	};
	const desc = el => {
		let s = el.tagName.toLowerCase();
		if (el.id) s += "#" + el.id;
		for (const c of el.classList) s += "." + c;
		if (el.name) s += '[name="' + el.name + '"]';
		const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim().slice(0, 40);
		return s + (text ? ' "' + text + '"' : "");
	};
	// A control shows itself, or through its label when the control is visually hidden; its
	// focus ring may also be drawn on the parent that wraps it.
	const labelled = el => [el, ...(el.labels || [])];
	const related = el => [...labelled(el), el.parentElement].filter(Boolean);
	const sel = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [tabindex], [contenteditable="true"]';
	const looks = new Map();
	const targets = [];
	for (const el of document.querySelectorAll(sel)) {
		if (el.disabled || el.closest("[inert]")) continue;
		targets.push(el);
		for (const x of related(el)) if (!looks.has(x)) looks.set(x, look(x));
	}
	window.__gates = {look, shown, desc, labelled, related, looks, targets, seen: new Set()};
	return targets.length;
})()`

// keyboardStep reports on the element that has focus after a Tab.
const keyboardStep = `(() => {
	const g = window.__gates;
	const el = document.activeElement;
	if (!el || el === document.body || el === document.documentElement) return {done: true};
	// Tab walks through the parts of a date input (day, month, year) on one element.
	if (el === g.last) return {done: false, same: true};
	if (g.seen.has(el)) return {done: true};
	g.seen.add(el);
	g.last = el;
	const ring = g.related(el).some(x => {
		const before = g.looks.get(x);
		if (!before || !g.shown(x)) return false;
		const now = g.look(x);
		const outline = !now.outline.startsWith("none") && parseFloat(now.outline.split(" ")[1]) > 0 && now.outline !== before.outline;
		const shadow = now.shadow !== "none" && now.shadow !== before.shadow;
		return outline || shadow;
	});
	return {done: false, desc: g.desc(el), ring, visible: g.labelled(el).some(g.shown)};
})()`

// keyboardMissed lists the visible controls Tab never reached. A radio button counts as
// reached when another of its group was: arrow keys move within a group.
const keyboardMissed = `(() => {
	const g = window.__gates;
	const groups = new Set();
	for (const el of g.seen) if (el.type === "radio" && el.name) groups.add(el.form + "|" + el.name);
	const out = [];
	for (const el of g.targets) {
		if (g.seen.has(el) || el.tabIndex < 0 || !g.labelled(el).some(g.shown)) continue;
		if (el.type === "radio" && groups.has(el.form + "|" + el.name)) continue;
		if (el.closest("details:not([open])") && el.tagName !== "SUMMARY") continue;
		out.push(g.desc(el));
	}
	return out;
})()`

type keyStep struct {
	Done    bool   `json:"done"`
	Same    bool   `json:"same"` // focus stayed on the element of the previous step
	Desc    string `json:"desc"`
	Ring    bool   `json:"ring"`
	Visible bool   `json:"visible"`
}

// keyboardJob tabs through the page as a keyboard user does: every visible control must be
// reached, and each must show a focus ring (an outline or a shadow it does not have without
// focus) on itself, its label or its parent.
func keyboardJob(tb *tab, s *exampleSite, p samplePage, v view) ([]string, error) {
	addr := s.URL + p.Path
	if err := tb.open(addr, v); err != nil {
		return nil, err
	}
	n, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](keyboardPrepare))
	if err != nil {
		return nil, fmt.Errorf("prepare the keyboard check of %s: %w", addr, err)
	}
	found := pageChecks(tb, s, addr)
	for i := 0; i < 4*n+10; i++ {
		if err := chromedp.Do(tb.ctx, chromedp.KeyEvent("\t")); err != nil {
			return nil, fmt.Errorf("press Tab on %s: %w", addr, err)
		}
		st, err := chromedp.Run(tb.ctx, chromedp.Evaluate[keyStep](keyboardStep))
		if err != nil {
			return nil, fmt.Errorf("read the focus on %s: %w", addr, err)
		}
		if st.Done {
			break
		}
		if st.Same {
			continue
		}
		switch {
		case !st.Visible:
			found = append(found, fmt.Sprintf("%s: Tab reaches %s, which cannot be seen", p.File, st.Desc))
		case !st.Ring:
			found = append(found, fmt.Sprintf("%s: %s shows no focus ring", p.File, st.Desc))
		}
	}
	missed, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](keyboardMissed))
	if err != nil {
		return nil, fmt.Errorf("list unreached controls of %s: %w", addr, err)
	}
	for _, m := range missed {
		found = append(found, fmt.Sprintf("%s: Tab never reaches %s", p.File, m))
	}
	return found, nil
}
