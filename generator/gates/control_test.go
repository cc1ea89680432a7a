package gates

import (
	"fmt"
	"strings"
)

// controlPages are known-bad pages the example site's server also serves, under a folder no
// site can have (a dot folder is never output). The browser gates run on them first and
// must find what is wrong with them: a gate that finds nothing there is broken, not passed.
var controlPages = map[string]string{
	// No lang, an image without alt text, a link without a name, grey on grey.
	".gates/axe.html": `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Control</title></head>
<body><main><h1>Control</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<a href="/"></a><p style="color:#777;background:#888">Hard to read</p></main></body></html>`,
	// Readable in light; in dark, dark grey text on black.
	".gates/axe-dark.html": `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title>
<meta name="color-scheme" content="light dark">
<style>body{color:#000;background:#fff}@media (prefers-color-scheme: dark){body{color:#333;background:#000}}</style>
</head><body><main><h1>Dark control</h1><p>Readable only in the light scheme.</p></main></body></html>`,
	// A table wider than any paper, a menu and a button that print, and a booklet's contents
	// that may.
	".gates/print.html": `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title></head>
<body><nav class="menu"><a href="/">Home</a></nav><main><h1>Print control</h1>
<nav class="booklet-toc"><a href="#a">Contents</a></nav>
<div class="wide" style="width:1200px">Too wide</div><button type="button">Print</button>
<p id="a">Text</p></main></body></html>`,
	// A link that hides its focus, a button Tab skips, a link with a proper ring.
	".gates/keyboard.html": `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title>
<style>a{outline:none} a.ok:focus-visible{outline:3px solid blue}</style></head>
<body><main><h1>Keyboard control</h1><p><a class="bad" href="#x">No ring</a> <a class="ok" href="#x">Ring</a>
<button type="button" tabindex="-1" class="skipped">Skipped</button><span id="x">x</span></p></main></body></html>`,
	// Saved answers that do not all print: the second half is left off paper.
	".gates/print-words.html": `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title>
<style>@media print { .lost { display: none } }</style></head>
<body><main><h1>Words control</h1><p>` + longWords("ctl", 20) + `</p><p class="lost">` + strings.Replace(longWords("ctl", 40), longWords("ctl", 20)+" ", "", 1) + `</p></main></body></html>`,
	// A script that reaches for another host.
	".gates/net.html": `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Control</title></head>
<body><main><h1>Network control</h1><script>fetch("http://192.0.2.1/tracker.js").catch(() => {})</script></main></body></html>`,
}

// expect returns what a gate failed to find on its control page: each of want must be in
// one of its findings.
func expect(found []string, err error, want ...string) ([]string, error) {
	if err != nil {
		return nil, err
	}
	all := strings.Join(found, "\n")
	var missed []string
	for _, w := range want {
		if !strings.Contains(all, w) {
			missed = append(missed, fmt.Sprintf("the gate did not find %q on its control page; it found:\n%s", w, all))
		}
	}
	return missed, nil
}

// unexpected returns the findings of a gate on its control page about what is not wrong
// there: none may mention any of not.
func unexpected(found []string, err error, not ...string) ([]string, error) {
	if err != nil {
		return nil, err
	}
	var wrong []string
	for _, f := range found {
		for _, n := range not {
			if strings.Contains(f, n) {
				wrong = append(wrong, "the gate found what is not wrong on its control page: "+f)
			}
		}
	}
	return wrong, nil
}

// controls are the browser jobs on the control pages, each with what its check must find.
func controls(s *exampleSite, axeSrc string) []job {
	ctl := func(path string) samplePage { return samplePage{Type: "control", File: path, Path: path} }
	return []job{
		{"control/axe", func(tb *tab) ([]string, error) {
			found, err := axeJob(tb, s, ctl(".gates/axe.html"), withScheme(desktop, "light"), axeSrc)
			return expect(found, err, "html-has-lang", "image-alt", "link-name", "color-contrast")
		}},
		{"control/axe-dark", func(tb *tab) ([]string, error) {
			found, err := axeJob(tb, s, ctl(".gates/axe-dark.html"), withScheme(phone, "dark"), axeSrc)
			return expect(found, err, "color-contrast")
		}},
		{"control/axe-light", func(tb *tab) ([]string, error) {
			found, err := axeJob(tb, s, ctl(".gates/axe-dark.html"), withScheme(phone, "light"), axeSrc)
			return unexpected(found, err, "color-contrast")
		}},
		{"control/keyboard", func(tb *tab) ([]string, error) {
			found, err := keyboardJob(tb, s, ctl(".gates/keyboard.html"), withScheme(desktop, "light"))
			if out, err := expect(found, err, `a.bad "No ring" shows no focus ring`); err != nil || len(out) > 0 {
				return out, err
			}
			return unexpected(found, nil, `a.ok`, "Skipped")
		}},
		{"control/network", func(tb *tab) ([]string, error) {
			found, err := axeJob(tb, s, ctl(".gates/net.html"), withScheme(desktop, "light"), axeSrc)
			return expect(found, err, "request to another host: http://192.0.2.1/tracker.js")
		}},
		{"control/print-words", func(tb *tab) ([]string, error) {
			p := ctl(".gates/print-words.html")
			p.Words = strings.Fields(longWords("ctl", 40))
			found, err := printJob(tb, s, p, papers[0], "")
			if out, err := expect(found, err, "20 of the 40 words of the saved answers are not on paper, such as ctl21"); err != nil || len(out) > 0 {
				return out, err
			}
			return unexpected(found, nil, "ctl1 ", "ctl20 ")
		}},
		{"control/print", func(tb *tab) ([]string, error) {
			found, err := printJob(tb, s, ctl(".gates/print.html"), papers[1], "")
			if out, err := expect(found, err, "div.wide", "overflows the page", "nav.menu", "button", "wider than the paper"); err != nil || len(out) > 0 {
				return out, err
			}
			return unexpected(found, nil, "booklet-toc")
		}},
	}
}
