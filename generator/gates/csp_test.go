package gates

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/between-ssg/between/generator/theme"
	"github.com/between-ssg/between/internal/browsertest"
)

// cspMeta is the policy as every page of the default theme carries it.
var cspMeta = `<meta http-equiv="Content-Security-Policy" content="` + html.EscapeString(theme.CSP) + `">`

// cspControl is a page under the site's policy that breaks it three ways: an inline script,
// a style attribute and an image from another host. The browser check must see all three.
var cspControl = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` + cspMeta + `<title>Control</title></head>
<body><main><h1>CSP control</h1><p style="color:red">Styled inline</p>
<img src="http://192.0.2.1/pixel.png" alt="">
<script>document.title = "ran"</script></main></body></html>`

func init() { controlPages[".gates/csp.html"] = cspControl }

// TestPoliciesInEveryPage: every HTML file of the example library carries the policy, and
// no page holds what the policy blocks (an inline script, a style attribute or element, an
// event handler attribute), so the browser check below has nothing to find.
func TestPoliciesInEveryPage(t *testing.T) {
	s := example(t)
	for _, name := range s.htmlFiles() {
		body := string(s.Files[name])
		if !strings.Contains(body, cspMeta) {
			t.Errorf("%s lacks %s", name, cspMeta)
		}
		for _, bad := range inlineCode(body) {
			t.Errorf("%s: %s, which the Content-Security-Policy blocks", name, bad)
		}
	}
}

// inlineCode lists what a page holds that 'self' without 'unsafe-inline' blocks.
func inlineCode(body string) []string {
	var out []string
	low := strings.ToLower(body)
	for i := 0; ; {
		j := strings.Index(low[i:], "<script")
		if j < 0 {
			break
		}
		i += j
		end := strings.Index(low[i:], ">")
		if end < 0 {
			break
		}
		tag := low[i : i+end]
		if !strings.Contains(tag, " src=") && !strings.Contains(tag, `type="application/json"`) && !strings.Contains(tag, `type="application/ld+json"`) {
			out = append(out, "an inline <script>")
		}
		i += end
	}
	for _, bad := range []string{"<style", " style=", " onclick=", " onload=", " onerror=", " onsubmit=", " onchange=", " oninput=", "javascript:"} {
		if strings.Contains(low, bad) {
			out = append(out, fmt.Sprintf("%q", strings.TrimSpace(bad)))
		}
	}
	return out
}

// TestContentSecurityPolicy opens every page type of the example library in Chromium and
// records every request to another origin and every violation of the Content-Security-
// Policy, from the page's securitypolicyviolation events and from the browser's log. The
// search page is opened with a query and a worksheet is typed into, so the scripts that
// draw results and save answers run too. The control page must show the three violations
// planted in it.
func TestContentSecurityPolicy(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser test: skipped with -short")
	}
	s := example(t)
	pages := samplePages(t, s)
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	browser := browsertest.New(t)
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()

	var mu sync.Mutex
	var found []string
	note := func(f string) {
		mu.Lock()
		found = append(found, f)
		mu.Unlock()
	}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			r, err := url.Parse(ev.Request.URL)
			if err != nil || r.Host != u.Host && r.Scheme != "data" && r.Scheme != "blob" {
				note("request to another origin: " + ev.Request.URL)
			}
		case *cdplog.EventEntryAdded:
			if strings.Contains(ev.Entry.Text, "Content Security Policy") || strings.Contains(ev.Entry.Text, "Content-Security-Policy") {
				note("browser log: " + ev.Entry.Text)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	// Added to every document before its own scripts, and not subject to its policy.
	const listen = `document.addEventListener("securitypolicyviolation", function (e) {
  (window.__csp = window.__csp || []).push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});`
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: listen}); err != nil {
		t.Fatal(err)
	}

	// visit opens path, does then, and waits until done (a script expression) is true: the
	// scripts that run after load (search results, saved answers) have run, however slow
	// the machine. Anything later still gets a moment.
	visit := func(path, done string, then ...chromedp.Action[chromedp.Void]) []string {
		t.Helper()
		mu.Lock()
		found = nil
		mu.Unlock()
		steps := append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(s.URL + path)}, then...)
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		_, err := chromedp.Run(pctx, chromedp.Poll[bool](`document.readyState === "complete" && (`+done+`)`))
		cancel()
		if err != nil {
			t.Fatalf("%s: its scripts never got as far as %s: %v", path, done, err)
		}
		if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp || []`))
		if err != nil {
			t.Fatalf("read the violations of %s: %v", path, err)
		}
		mu.Lock()
		defer mu.Unlock()
		out := append([]string(nil), found...)
		for _, v := range violations {
			out = append(out, "securitypolicyviolation: "+v)
		}
		return out
	}

	t.Run("control", func(t *testing.T) {
		got := strings.Join(visit(".gates/csp.html", "true"), "\n")
		for _, want := range []string{"script-src", "style-src-attr", "img-src blocked http://192.0.2.1/pixel.png"} {
			if !strings.Contains(got, "securitypolicyviolation: "+want) {
				t.Errorf("the planted violation %q was not seen; seen:\n%s", want, got)
			}
		}
		if title, _ := chromedp.Run(ctx, chromedp.Title()); title == "ran" {
			t.Error("the planted inline script ran")
		}
	})
	for _, p := range pages {
		t.Run(p.Type, func(t *testing.T) {
			path, done := p.Path, "true"
			var then []chromedp.Action[chromedp.Void]
			switch p.Type {
			case "search":
				if !strings.Contains(path, "?") { // the sample may bring its own query
					path += "?q=values"
				}
				done = `document.querySelectorAll("#search-results .search-result").length > 0`
			case "worksheet", "guide":
				// An answer box a client sees (a repeated guide also holds boxes kept hidden
				// until they are needed, which no key can reach).
				then = append(then, chromedp.SendKeys(chromedp.CSS(`main [data-kind="answer"] textarea, main [data-kind="line"] input`), "An answer"))
				done = `Object.keys(localStorage).some(k => (localStorage.getItem(k) || "").includes("An answer"))`
			}
			for _, f := range visit(path, done, then...) {
				t.Error(f)
			}
		})
	}
}
