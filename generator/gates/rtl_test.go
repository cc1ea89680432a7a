package gates

import (
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRTL runs the accessibility and print gates over every page of a small Arabic
// library, and checks that its pages really read right to left: the text column starts at
// the right edge, a scale's first point is on the right, the worksheet toolbar and a path's
// step numbers sit on the right. A theme rule written with left and right instead of the
// writing direction shows up here.
func TestBrowserRTL(t *testing.T) {
	if testing.Short() {
		t.Skip("browser gates; run without -short")
	}
	t.Parallel()
	s := rtlExample(t)
	axePath := toolFile(t, "axe-core/axe.min.js")
	axeSrc, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	browser, cancel := browserFor(t)
	defer cancel()
	jobs := []job{{"control/rtl", func(tb *tab) ([]string, error) {
		found, err := mirroredJob(tb, s, samplePage{Type: "control", File: ".gates/rtl.html", Path: ".gates/rtl.html"}, withScheme(desktop, "light"))
		if err != nil {
			return nil, err
		}
		var missed []string
		for _, want := range []string{"no dir=rtl", "the title (h1) sits on the left", "a question (.field-label) sits on the left", "a scale runs left to right"} {
			if !strings.Contains(strings.Join(found, "\n"), want) {
				missed = append(missed, fmt.Sprintf("the gate did not find %q on its control page; it found:\n%s", want, strings.Join(found, "\n")))
			}
		}
		return missed, nil
	}}}
	for _, name := range s.htmlFiles() {
		if isRedirect(s.Files[name]) {
			continue
		}
		p := samplePage{Type: "rtl-" + strings.ReplaceAll(strings.TrimSuffix(name, "/index.html"), "/", "-"), File: name, Path: pageURL(name)}
		fields := strings.HasPrefix(name, "worksheets/") || strings.HasPrefix(name, "guides/") || strings.HasPrefix(name, "paths/")
		for _, v := range []struct {
			name string
			view
		}{
			{"light-phone", withScheme(phone, "light")},
			{"dark-desktop", withScheme(desktop, "dark")},
		} {
			// axe on every page on a phone; on a desktop in the dark only where fields are:
			// the example library's gates check both schemes everywhere already.
			if v.name == "light-phone" || fields {
				jobs = append(jobs, job{
					Name: "axe/rtl/" + strings.TrimSuffix(name, "/index.html") + "/" + v.name,
					Run:  func(tb *tab) ([]string, error) { return axeJob(tb, s, p, v.view, string(axeSrc)) },
				})
			}
			jobs = append(jobs, job{
				Name: "mirrored/" + strings.TrimSuffix(name, "/index.html") + "/" + v.name,
				Run:  func(tb *tab) ([]string, error) { return mirroredJob(tb, s, p, v.view) },
			})
		}
		if fields {
			for _, paper := range papers {
				jobs = append(jobs, job{
					Name: "print/rtl/" + strings.TrimSuffix(name, "/index.html") + "/" + paper.Name,
					Run:  func(tb *tab) ([]string, error) { return printJob(tb, s, p, paper, "") },
				})
			}
		}
	}
	if len(jobs) < 50 {
		t.Fatalf("only %d jobs: is the Arabic library complete?", len(jobs))
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	runJobs(t, browser, u.Host, jobs)
}

// rtlControl is an Arabic page laid out left to right, as a theme that writes left and right
// would: the mirror check must find each thing on the wrong side.
const rtlControl = `<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>تحكم</title></head>
<body><main style="width:600px"><h1 style="display:inline-block">عنوان</h1>
<fieldset class="field-scale"><legend class="field-label" style="display:inline-block">سؤال</legend>
<input type="radio" name="s"><input type="radio" name="s"><input type="radio" name="s"></fieldset></main></body></html>`

func init() { controlPages[".gates/rtl.html"] = rtlControl }

// mirrorCheck measures, in the page, things that must sit on the right in a right-to-left
// page; each finding names the element and where it is.
const mirrorCheck = `(() => {
	const found = [];
	if (document.documentElement.dir !== "rtl") found.push("<html> has no dir=rtl");
	const main = document.querySelector("main") || document.body;
	const mr = main.getBoundingClientRect();
	const right = (sel, what) => {
		for (const el of document.querySelectorAll(sel)) {
			const r = el.getBoundingClientRect();
			if (r.width === 0 || r.width > mr.width * 0.8) continue; // hidden, or too wide to tell
			if (r.left - mr.left < mr.right - r.right) {
				found.push(what + " (" + sel + ") sits on the left: " + Math.round(r.left - mr.left) + " px from the left, " + Math.round(mr.right - r.right) + " px from the right");
				return;
			}
		}
	};
	right("h1", "the title");
	right(".field-label", "a question");
	right(".step-number, .path-step-number, ol.steps > li::marker", "a step number");
	const scale = document.querySelector(".field-scale input[type=radio]");
	if (scale) {
		const all = [...document.querySelectorAll(".field-scale input[type=radio]")].filter(e => e.closest(".field-scale") === scale.closest(".field-scale"));
		const a = all[0].getBoundingClientRect(), b = all[all.length - 1].getBoundingClientRect();
		if (a.width > 0 && b.width > 0 && a.left < b.left) found.push("a scale runs left to right: its first point is on the left");
	}
	return found;
})()`

func mirroredJob(tb *tab, s *exampleSite, p samplePage, v view) ([]string, error) {
	addr := s.URL + p.Path
	if err := tb.open(addr, v); err != nil {
		return nil, err
	}
	got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](mirrorCheck))
	if err != nil {
		return nil, fmt.Errorf("measure %s: %w", addr, err)
	}
	found := pageChecks(tb, s, addr)
	for _, g := range got {
		found = append(found, p.File+": "+g)
	}
	return found, nil
}
