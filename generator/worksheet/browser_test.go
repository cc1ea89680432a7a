package worksheet_test

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/between-ssg/between/generator/worksheet"
	"github.com/between-ssg/between/internal/browsertest"
)

// The worksheet of the browser tests: every kind of field, a task list and a callout.
const browserMarkdown = `::: answer id=wins lines=4
What went well since our last session?

Think of one moment you felt proud.
:::

::: line id=name
Your name
:::

::: date id=next
When is our next session?
:::

::: scale id=confidence min=1 max=10 low="Not at all" high="Completely"
How confident are you?
:::

::: choice id=energy
How was your energy this week?
- Low
- Steady
- High
:::

::: choice id=support multiple
Which support would help?
- A short call
- Written feedback
- Time on my own
:::

::: checklist id=actions
Before next time
- Book the call with Sam
- Draft the proposal
:::

::: table id=habit columns="Day | What I did | How it felt" rows=3
Habit tracker
:::

- [ ] Walk after lunch

::: tip
Take your time.
:::
`

// The Markdown that Download must produce once fill has run (DATE stands for today).
const wantDownload = `# Values worksheet

Date: DATE

<!-- page: /worksheets/t/ changed=DATETTIME -->

<!-- field: wins -->
## What went well since our last session?

I finished the draft.
And called Sam.

<!-- field: name -->
## Your name

Alex

<!-- field: next -->
## When is our next session?

2026-05-01

<!-- field: confidence -->
## How confident are you?

7 / 10

<!-- field: energy -->
## How was your energy this week?

Steady

<!-- field: support -->
## Which support would help?

- A short call
- Time on my own

<!-- field: actions -->
## Before next time

- [ ] Book the call with Sam
- [x] Draft the proposal

<!-- field: habit -->
## Habit tracker

| Day | What I did | How it felt |
| --- | --- | --- |
| Mon | Walked \| ran |  |
|  |  | Good |

<!-- field: walk-after-lunch -->
- [x] Walk after lunch
`

// server serves test pages that link the theme's real worksheet.css, between-core.js and
// worksheet.js.
func server(t *testing.T) *httptest.Server {
	t.Helper()
	body, _, problems := convert(t, newMarkdown(), []byte(browserMarkdown), true)
	if len(problems) > 0 {
		t.Fatalf("test page has problems: %v", problems)
	}
	logBody, _, problems := convert(t, newMarkdown(), []byte(logMarkdown), true)
	if len(problems) > 0 {
		t.Fatalf("log page has problems: %v", problems)
	}
	static := filepath.Join("..", "..", "themes", "default", "static")
	doc := func(title, page, extra, content string) string {
		return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>` + title + `</title>
<link rel="stylesheet" href="/css/worksheet.css">
<script src="/js/between-core.js" defer></script>
<script src="/js/worksheet.js" defer></script>
</head>
<body data-site="test" data-page="` + page + `">
<nav><a href="/">Home</a></nav>
<main><article><h1>` + title + `</h1>
` + extra + content + `</article></main>
</body></html>`
	}
	// A path's booklet: two worksheets in one document, each in a section that names its page
	// and with its own id prefix, as the build makes it.
	step := func(prefix, page string) string {
		src := []byte(browserMarkdown)
		pc := parser.NewContext()
		worksheet.EnableTaskLists(pc)
		md := newMarkdown()
		doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
		doc.OwnerDocument().AddMeta(worksheet.MetaIDPrefix, prefix)
		var b strings.Builder
		if err := md.Renderer().Render(&b, src, doc); err != nil {
			t.Fatal(err)
		}
		return `<section data-page="` + page + `">` + b.String() + "</section>\n"
	}
	pages := map[string]string{
		"/paths/p/print/": doc("Your first month", "/paths/p/print/", `<div class="slot" data-worksheet-toolbar></div>`,
			step("a-", "/worksheets/t/")+step("b-", "/worksheets/u/")),
		"/worksheets/t/": doc("Values worksheet", "/worksheets/t/", "", body),
		"/worksheets/u/": doc("Another worksheet", "/worksheets/u/", "", body),
		"/plain/":        doc("A plain page", "/plain/", "", "<p>No fields here.</p>\n"),
		"/log/":          doc("Weekly review", "/log/", "", logBody),
		// A field of a kind this script does not know, as a page of a later version of
		// Between would have, beside one it knows.
		"/later/": doc("A later page", "/later/", "", `<div class="field field-sketch" data-field-id="doodle" data-kind="sketch"><label class="field-label" for="f-doodle">Draw it</label>
<textarea id="f-doodle"></textarea><input type="checkbox" id="f-doodle-done"></div>
<div class="field field-line" data-field-id="name" data-kind="line"><label class="field-label" for="f-name">Name</label>
<input class="field-input" type="text" id="f-name" name="name"></div>`),
		"/worksheets/fr/": doc("Valeurs", "/worksheets/fr/",
			`<div id="worksheet-strings" hidden data-saved="Enregistré sur cet appareil" data-download="Télécharger les réponses" data-print="Imprimer"></div>
<div class="slot" data-worksheet-toolbar></div>
<p>Intro</p>
`, `<div class="field field-line" data-field-id="nom" data-kind="line"><label class="field-label" for="f-nom">Nom</label>
<input class="field-input" type="text" id="f-nom" name="nom"></div>`),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, p)
	})
	mux.HandleFunc("/css/worksheet.css", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join(static, "css", "worksheet.css"))
	})
	for _, name := range []string{"between-core.js", "worksheet.js"} {
		mux.HandleFunc("/js/"+name, func(w http.ResponseWriter, r *http.Request) {
			http.ServeFile(w, r, filepath.Join(static, "js", name))
		})
	}
	srv := httptest.NewServer(mux) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv
}

// watch records every request a tab makes and every script error, for checks at the end.
type watch struct {
	mu       sync.Mutex
	requests []string
	errors   []string
}

func (w *watch) tab(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			w.requests = append(w.requests, ev.Request.URL)
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			w.errors = append(w.errors, fmt.Sprintf("%s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, msg))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				w.errors = append(w.errors, fmt.Sprintf("console.error %v", ev.Args))
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// check fails the test for a script error or for a request to any host but the test server.
func (w *watch) check(t *testing.T, srv *httptest.Server) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, e := range w.errors {
		t.Errorf("script error: %s", e)
	}
	own, _ := url.Parse(srv.URL)
	if len(w.requests) == 0 {
		t.Errorf("no requests recorded")
	}
	for _, r := range w.requests {
		u, err := url.Parse(r)
		if err != nil || (u.Host != own.Host && u.Scheme != "blob" && u.Scheme != "data") {
			t.Errorf("request to another host: %s", r)
		}
	}
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// snapshotJS reads every control of the page: text by value, boxes by checked.
const snapshotJS = `(() => {
	const o = {};
	document.querySelectorAll("main textarea, main input:not([type=file])").forEach(c => {
		o[c.id] = (c.type === "checkbox" || c.type === "radio") ? c.checked : c.value;
	});
	return o;
})()`

func snapshot(t *testing.T, ctx context.Context) map[string]any {
	t.Helper()
	return eval[map[string]any](t, ctx, snapshotJS)
}

// open loads the page and waits for worksheet.js to have made its toolbar.
func open(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
}

// fill answers every field the way a client does: typing and clicking.
func fill(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#f-wins"), "I finished the draft.\nAnd called Sam."),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Alex"),
		chromedp.Click(chromedp.CSS(`label[for="f-confidence-7"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-energy-2"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-support-1"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-support-3"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-actions-2"]`)),
		chromedp.SendKeys(chromedp.CSS("#f-habit-r1-c1"), "Mon"),
		chromedp.SendKeys(chromedp.CSS("#f-habit-r1-c2"), "Walked | ran"),
		chromedp.SendKeys(chromedp.CSS("#f-habit-r2-c3"), "Good"),
		chromedp.Click(chromedp.CSS(`label[for="f-walk-after-lunch"]`)),
	)
	// A date picker's typing order depends on the locale; set the value as the picker does.
	eval[chromedp.Void](t, ctx, `(() => { const d = document.getElementById("f-next");
		d.value = "2026-05-01"; d.dispatchEvent(new Event("input", {bubbles: true})); })()`)
}

// filled is what snapshot returns after fill, given the snapshot of the empty page.
func filled(empty map[string]any) map[string]any {
	want := map[string]any{}
	for k, v := range empty {
		want[k] = v
	}
	for k, v := range map[string]any{
		"f-wins": "I finished the draft.\nAnd called Sam.", "f-name": "Alex", "f-next": "2026-05-01",
		"f-confidence-7": true, "f-energy-2": true, "f-support-1": true, "f-support-3": true,
		"f-actions-2": true, "f-habit-r1-c1": "Mon", "f-habit-r1-c2": "Walked | ran",
		"f-habit-r2-c3": "Good", "f-walk-after-lunch": true,
	} {
		want[k] = v
	}
	return want
}

func isEmptySnapshot(s map[string]any) bool {
	for _, v := range s {
		if v != "" && v != false {
			return false
		}
	}
	return len(s) > 0
}

// dialog clicks sel, answers the confirm() that the click opens, and returns its message.
func dialog(t *testing.T, ctx context.Context, sel string, accept bool) string {
	t.Helper()
	next, stop := iter.Pull2(chromedp.Events(ctx, page.JavascriptDialogOpening))
	defer stop()
	clicked := make(chan error, 1)
	// The click does not return while the dialog is open, so it runs on its own.
	go func() { clicked <- chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))) }()
	ev, err, ok := next()
	if !ok || err != nil {
		t.Fatalf("no dialog after clicking %s: %v", sel, err)
	}
	if _, err := chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: accept}); err != nil {
		t.Fatal(err)
	}
	if err := <-clicked; err != nil {
		t.Fatal(err)
	}
	return ev.Message
}

// download clicks Download and returns the suggested file name, the saved file and its text.
func download(t *testing.T, ctx context.Context) (string, string, string) {
	t.Helper()
	dir := t.TempDir()
	yes := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes,
	}); err != nil {
		t.Fatal(err)
	}
	begin, stopBegin := iter.Pull2(chromedp.BrowserEvents(ctx, browser.DownloadWillBegin))
	defer stopBegin()
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-download")))
	started, err, ok := begin()
	if !ok || err != nil {
		t.Fatalf("no download began: %v", err)
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatal(err)
		}
		if ev.GUID != started.GUID {
			continue
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("download canceled")
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			break
		}
	}
	path := filepath.Join(dir, started.GUID)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return started.SuggestedFilename, path, string(b)
}

// downloadHas clicks Download and fails the test, naming the file what, for each of want
// the file lacks. It returns the saved file, for a test that loads it again.
func downloadHas(t *testing.T, ctx context.Context, what string, want ...string) string {
	t.Helper()
	_, file, text := download(t, ctx)
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
	return file
}

var dateRE = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)
var timeRE = regexp.MustCompile(`T\d{2}:\d{2}:\d{2}\.\d{3}Z`)

// pdfText prints the page to PDF on the paper and returns the text pdftotext finds in it.
func pdfText(t *testing.T, ctx context.Context, paper chromedp.PaperSize) string {
	t.Helper()
	browsertest.RequireTool(t, "pdftotext", "install it with `apt-get install -y poppler-utils`")
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(paper)))
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestBrowserWorksheet goes through a client's whole use of a worksheet in real Chromium:
// fill, reload, download, clear, load on another device, print.
func TestBrowserWorksheet(t *testing.T) {
	srv := server(t)
	pageURL := srv.URL + "/worksheets/t/"
	var w watch

	ctx := browsertest.New(t)
	w.tab(t, ctx)
	open(t, ctx, pageURL)
	empty := snapshot(t, ctx)
	if !isEmptySnapshot(empty) || len(empty) < 20 {
		t.Fatalf("page does not start empty: %v", empty)
	}

	// Fill every kind; the status says the answers are saved.
	fill(t, ctx)
	want := filled(empty)
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
		t.Fatalf("after filling:\n got %v\nwant %v", got, want)
	}
	if s := eval[string](t, ctx, `document.querySelector(".ws-status").textContent`); s != "Saved on this device" {
		t.Errorf("status %q", s)
	}
	key := eval[string](t, ctx, `localStorage.getItem("between:test:/worksheets/t/:wins")`)
	if key != `"I finished the draft.\nAnd called Sam."` {
		t.Errorf("stored answer under between:SITE:PAGE:ID = %q", key)
	}

	// Reload: every value is back.
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
		t.Fatalf("after reload:\n got %v\nwant %v", got, want)
	}

	// Download: the Markdown file of questions and answers.
	name, file, text := download(t, ctx)
	if !regexp.MustCompile(`^t-answers-\d{4}-\d{2}-\d{2}\.md$`).MatchString(name) {
		t.Errorf("download name %q", name)
	}
	// The time the answers last changed, which Load compares with the device's.
	if got := timeRE.ReplaceAllString(dateRE.ReplaceAllString(text, "DATE"), "TTIME"); got != strings.Replace(wantDownload, "2026-05-01", "DATE", 1) {
		t.Errorf("downloaded Markdown differs:\n%s", diff(strings.Replace(wantDownload, "2026-05-01", "DATE", 1), got))
	}

	// Clear asks first: dismissing keeps everything, accepting empties fields and storage.
	if msg := dialog(t, ctx, ".ws-clear", false); !strings.Contains(msg, "Clear everything you wrote on “Values worksheet” (9 answered)? Other pages keep their answers.") {
		t.Errorf("confirm message %q", msg)
	}
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
		t.Fatalf("dismissed Clear changed the answers: %v", got)
	}
	dialog(t, ctx, ".ws-clear", true)
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, empty) {
		t.Errorf("after Clear:\n got %v\nwant %v", got, empty)
	}
	if n := eval[int](t, ctx, `Object.keys(localStorage).filter(k => k.startsWith("between:test:/worksheets/t/:")).length`); n != 0 {
		t.Errorf("%d answers left in storage after Clear", n)
	}
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, empty) {
		t.Errorf("after Clear and reload: %v", got)
	}

	// A blank print: questions and writing space, no buttons, no answers.
	blank := pdfText(t, ctx, chromedp.PaperLetter)
	for _, s := range []string{"What went well since our last session?", "Habit tracker", "Not at all", "Completely"} {
		if !strings.Contains(blank, s) {
			t.Errorf("blank print lacks %q:\n%s", s, blank)
		}
	}
	for _, s := range []string{"I finished", "Download answers", "Clear"} {
		if strings.Contains(blank, s) {
			t.Errorf("blank print shows %q", s)
		}
	}

	// Another device: a fresh browser with empty storage loads the downloaded file.
	ctx2 := browsertest.New(t)
	w.tab(t, ctx2)
	open(t, ctx2, pageURL)
	if got := snapshot(t, ctx2); !reflect.DeepEqual(got, empty) {
		t.Fatalf("fresh browser is not empty: %v", got)
	}
	loadFile(t, ctx2, file)
	if got := snapshot(t, ctx2); !reflect.DeepEqual(got, want) {
		t.Fatalf("after Load:\n got %v\nwant %v", got, want)
	}
	do(t, ctx2, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := snapshot(t, ctx2); !reflect.DeepEqual(got, want) {
		t.Fatalf("loaded answers were not saved:\n got %v\nwant %v", got, want)
	}

	// A filled print shows the answers in full, on Letter and on A4.
	for _, paper := range []chromedp.PaperSize{chromedp.PaperLetter, chromedp.PaperA4} {
		text := pdfText(t, ctx2, paper)
		for _, s := range []string{"I finished the draft.", "And called Sam.", "Alex", "Walked | ran", "Habit tracker"} {
			if !strings.Contains(text, s) {
				t.Errorf("print on %v lacks %q:\n%s", paper, s, text)
			}
		}
		if strings.Contains(text, "Download answers") {
			t.Errorf("print on %v shows the toolbar", paper)
		}
	}

	w.check(t, srv)
}

// TestBrowserLongAnswerPrints checks that an answer longer than its lines prints in full
// (a textarea alone would cut it).
func TestBrowserLongAnswerPrints(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	open(t, ctx, srv.URL+"/worksheets/t/")
	var lines []string
	for i := 1; i <= 12; i++ {
		lines = append(lines, fmt.Sprintf("Line number %d of a long answer.", i))
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-wins"), strings.Join(lines, "\n")))
	text := pdfText(t, ctx, chromedp.PaperA4)
	for _, l := range lines {
		if !strings.Contains(text, l) {
			t.Errorf("print lacks %q", l)
		}
	}
}

// TestBrowserNoStorage checks the page when the browser refuses localStorage: it says so,
// and Download still works.
func TestBrowserNoStorage(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `Object.defineProperty(window, "localStorage", {get() { throw new DOMException("The operation is insecure.", "SecurityError"); }});`,
	}); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, srv.URL+"/worksheets/t/")
	want := "Your browser is not saving answers on this device; download them to keep them"
	if s := eval[string](t, ctx, `document.querySelector(".ws-status").textContent`); s != want {
		t.Errorf("status %q, want %q", s, want)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-wins"), "Kept by download"))
	if s := eval[string](t, ctx, `document.querySelector(".ws-status").textContent`); s != want {
		t.Errorf("status after typing %q, want %q", s, want)
	}
	_, _, text := download(t, ctx)
	if !strings.Contains(text, "## What went well since our last session?\n\nKept by download\n") {
		t.Errorf("download without storage:\n%s", text)
	}
	w.check(t, srv)
}

// TestBrowserWithoutJavaScript checks that the fields show, take typing and print when
// scripts do not run, and that no toolbar appears then.
func TestBrowserWithoutJavaScript(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"/worksheets/t/"),
		chromedp.SendKeys(chromedp.CSS("#f-wins"), "Typed without a script"),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Robin"),
		chromedp.Click(chromedp.CSS(`label[for="f-confidence-3"]`)),
	)
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS(".ws-toolbar"), chromedp.AtLeast(0)))
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 0 {
		t.Errorf("a toolbar without JavaScript")
	}
	text := pdfText(t, ctx, chromedp.PaperLetter)
	for _, s := range []string{"Typed without a script", "Robin", "How confident are you?"} {
		if !strings.Contains(text, s) {
			t.Errorf("print without JavaScript lacks %q:\n%s", s, text)
		}
	}
}

// TestBrowserThemeContract checks the hooks a theme gives the script: the toolbar slot and
// the translated words; and that a page without fields gets no toolbar.
func TestBrowserThemeContract(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)

	do(t, ctx, chromedp.Navigate(srv.URL+"/plain/"))
	if n := eval[int](t, ctx, `document.querySelectorAll(".ws-toolbar").length`); n != 0 {
		t.Errorf("a page without fields got %d toolbars", n)
	}

	open(t, ctx, srv.URL+"/worksheets/fr/")
	if ok := eval[bool](t, ctx, `!!document.querySelector(".slot > .ws-toolbar")`); !ok {
		t.Errorf("the toolbar is not in [data-worksheet-toolbar]")
	}
	if s := eval[string](t, ctx, `document.querySelector(".ws-download").textContent`); s != "Télécharger les réponses" {
		t.Errorf("download button says %q", s)
	}
	// The strings element carries data-print too: it is no Print button of the page's own.
	if s := eval[string](t, ctx, `(document.querySelector(".ws-print") || {}).textContent || "no print button"`); s != "Imprimer" {
		t.Errorf("print button says %q", s)
	}
	if s := eval[string](t, ctx, `document.querySelector(".ws-clear").textContent`); s != "Clear" {
		t.Errorf("clear button says %q (English default expected)", s)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-nom"), "Camille"))
	if s := eval[string](t, ctx, `document.querySelector(".ws-status").textContent`); s != "Enregistré sur cet appareil" {
		t.Errorf("status %q", s)
	}
	if s := eval[string](t, ctx, `localStorage.getItem("between:test:/worksheets/fr/:nom")`); s != `"Camille"` {
		t.Errorf("stored %q", s)
	}

	// Without a slot, the toolbar goes before the first field, inside the article.
	open(t, ctx, srv.URL+"/worksheets/t/")
	if ok := eval[bool](t, ctx, `(() => { const tb = document.querySelector(".ws-toolbar");
		return tb.parentElement.tagName === "ARTICLE" && tb.nextElementSibling.matches("[data-field-id]"); })()`); !ok {
		t.Errorf("toolbar is not right before the first field in the article")
	}
	w.check(t, srv)
}

// TestBrowserToolbarOnAPhone: on a phone the toolbar is not rows of buttons before the
// page's first word. Print stays in view; the other actions wait behind More, which opens
// and closes like any disclosure, and each of them works from there. On a desktop every
// action is in view and More is not.
func TestBrowserToolbarOnAPhone(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	const visible = `Array.from(document.querySelectorAll(".ws-actions .ws-button")).filter(b => b.getClientRects().length).map(b => b.className.split(" ").pop()).join(" ")`
	const height = `Math.round(document.querySelector(".ws-actions").getBoundingClientRect().height)`
	do(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile))
	open(t, ctx, srv.URL+"/worksheets/t/")
	if got := eval[string](t, ctx, visible); got != "ws-print ws-more" {
		t.Errorf("on a phone the toolbar shows %q, want Print and More", got)
	}
	if h := eval[int](t, ctx, height); h > 60 {
		t.Errorf("on a phone the toolbar's buttons are %d px high, want one row", h)
	}
	if got := eval[string](t, ctx, `document.querySelector(".ws-more").getAttribute("aria-expanded") + " " + document.querySelector(".ws-more").textContent`); got != "false More" {
		t.Errorf("More before a tap: %q", got)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-more")))
	if got := eval[string](t, ctx, visible); got != "ws-print ws-more ws-download ws-load ws-printBlank ws-clear" {
		t.Errorf("after More the toolbar shows %q", got)
	}
	if got := eval[string](t, ctx, `document.querySelector(".ws-more").getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("More after a tap says aria-expanded=%q", got)
	}
	// Keyboard order follows what is seen: from More, Tab goes to the first action it showed.
	do(t, ctx, chromedp.Focus(chromedp.CSS(".ws-more")), chromedp.KeyEvent(kb.Tab))
	if got := eval[string](t, ctx, `document.activeElement.className`); got != "ws-button ws-download" {
		t.Errorf("Tab after More went to %q", got)
	}
	// An action behind More works: Clear empties the answers (confirm accepted).
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-wins"), "A draft"))
	eval[chromedp.Void](t, ctx, `window.confirm = () => true`)
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-clear")))
	if got := eval[string](t, ctx, `document.getElementById("f-wins").value + "|" + (localStorage.getItem("between:test:/worksheets/t/:wins") || "")`); got != "|" {
		t.Errorf("Clear from behind More left %q", got)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-more")))
	if got := eval[string](t, ctx, visible); got != "ws-print ws-more" {
		t.Errorf("after a second tap on More the toolbar shows %q", got)
	}

	do(t, ctx, chromedp.EmulateViewport(1280, 800, chromedp.EmulateScale(1)))
	open(t, ctx, srv.URL+"/worksheets/t/")
	if got := eval[string](t, ctx, visible); got != "ws-print ws-download ws-load ws-printBlank ws-clear" {
		t.Errorf("on a desktop the toolbar shows %q, want every action and no More", got)
	}
	w.check(t, srv)
}

// TestBrowserKeyboard answers fields with the keyboard alone, and checks that focus shows.
func TestBrowserKeyboard(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	open(t, ctx, srv.URL+"/worksheets/t/")
	// Tab from the last toolbar button into the first field, then type.
	do(t, ctx, chromedp.Focus(chromedp.CSS(".ws-clear")), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("Hello"))
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "f-wins" {
		t.Fatalf("Tab after the toolbar went to %q, want f-wins", id)
	}
	// A scale is a radio group: the hidden radios take focus, arrows move along them.
	do(t, ctx, chromedp.Focus(chromedp.CSS("#f-confidence-1")), chromedp.KeyEvent(" "),
		chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	if id := eval[string](t, ctx, `document.activeElement.id + " " + document.querySelector("[name=confidence]:checked").value`); id != "f-confidence-3 3" {
		t.Errorf("after two arrows: %q", id)
	}
	if s := eval[string](t, ctx, `getComputedStyle(document.querySelector('label[for="f-confidence-3"]')).outlineStyle`); s != "solid" {
		t.Errorf("the focused circle has no visible focus ring (outline-style %q)", s)
	}
	// A checkbox ticks with the space bar.
	do(t, ctx, chromedp.Focus(chromedp.CSS("#f-actions-1")), chromedp.KeyEvent(" "))
	stored := eval[string](t, ctx, `localStorage.getItem("between:test:/worksheets/t/:confidence") + " " + localStorage.getItem("between:test:/worksheets/t/:actions") + " " + localStorage.getItem("between:test:/worksheets/t/:wins")`)
	if stored != `"3" ["Book the call with Sam"] "Hello"` {
		t.Errorf("saved from the keyboard: %s", stored)
	}
}

// TestBrowserBooklet checks a document holding several worksheets (a path's booklet): each
// field keeps its answers under its own page, so the booklet shows what was written on the
// worksheet, and two fields of the same id do not mix.
func TestBrowserBooklet(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	answerWins(t, ctx, srv.URL+"/worksheets/t/", "From the worksheet")

	open(t, ctx, srv.URL+"/paths/p/print/")
	if got := eval[string](t, ctx, `document.getElementById("a-f-wins").value + "|" + document.getElementById("b-f-wins").value`); got != "From the worksheet|" {
		t.Errorf("booklet shows %q, want the worksheet's answer in the first step only", got)
	}
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#b-f-wins"), "In the booklet"),
		chromedp.Click(chromedp.CSS(`label[for="a-f-confidence-2"]`)),
		chromedp.Click(chromedp.CSS(`label[for="b-f-confidence-4"]`)),
	)
	got := eval[string](t, ctx, `["t", "u"].map(p => localStorage.getItem("between:test:/worksheets/" + p + "/:wins") + " " +
		localStorage.getItem("between:test:/worksheets/" + p + "/:confidence")).join(" | ")`)
	if got != `"From the worksheet" "2" | "In the booklet" "4"` {
		t.Errorf("booklet saved %s", got)
	}
	file := downloadHas(t, ctx, "booklet download",
		"<!-- field: wins page=/worksheets/t/ -->\n## What went well since our last session?\n\nFrom the worksheet\n",
		"<!-- field: wins page=/worksheets/u/ -->\n## What went well since our last session?\n\nIn the booklet\n",
		"<!-- field: confidence page=/worksheets/u/ -->\n## How confident are you?\n\n4 / 10\n",
	)

	// The booklet's file fills the second worksheet's own page on another device.
	ctx2 := browsertest.New(t)
	open(t, ctx2, srv.URL+"/worksheets/u/")
	loadFile(t, ctx2, file)
	if got := eval[string](t, ctx2, `document.getElementById("f-wins").value + " " + document.querySelector("[name=confidence]:checked").value`); got != "In the booklet 4" {
		t.Errorf("loaded %q from the booklet's file", got)
	}
	w.check(t, srv)
}

// TestBrowserChoiceTappedAgain: a scale or single choice tapped a second time is no longer
// answered, and what is stored follows; a radio could otherwise only be undone by Clear.
func TestBrowserChoiceTappedAgain(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	open(t, ctx, srv.URL+"/worksheets/t/")
	do(t, ctx, chromedp.Click(chromedp.CSS(`label[for="f-confidence-7"]`)))
	if !eval[bool](t, ctx, `document.getElementById("f-confidence-7").checked`) {
		t.Fatal("a tap on 7 did not choose it")
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`label[for="f-confidence-7"]`)))
	if eval[bool](t, ctx, `document.getElementById("f-confidence-7").checked`) {
		t.Error("a second tap on 7 left it chosen")
	}
	if s := eval[string](t, ctx, `localStorage.getItem("between:test:/worksheets/t/:confidence") || ""`); s != `""` && s != "" {
		t.Errorf("stored after the second tap: %q, want nothing chosen", s)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`label[for="f-confidence-3"]`)))
	if !eval[bool](t, ctx, `document.getElementById("f-confidence-3").checked`) {
		t.Error("a tap on another point did not choose it")
	}
}

// TestBrowserDatePrintsInWords: a chosen date prints as words in the page's language, not in
// the browser's numeric form.
func TestBrowserDatePrintsInWords(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	open(t, ctx, srv.URL+"/worksheets/t/")
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(function () {
		var i = document.getElementById("f-next");
		i.value = "2026-03-15";
		i.dispatchEvent(new Event("input", { bubbles: true }));
	})()`))
	text := pdfText(t, ctx, chromedp.PaperA4)
	if !strings.Contains(text, "March 15, 2026") {
		t.Errorf("printed page lacks the date in words:\n%s", text)
	}
	if strings.Contains(text, "03/15/2026") {
		t.Error("the date also printed in numbers")
	}
}

// TestBrowserBookletKeepsOtherPages: a booklet shows the answers of several pages, and no
// control on it may delete them. It has no Clear; Print blank empties the fields only for the
// printer and leaves storage exactly as it was.
func TestBrowserBookletKeepsOtherPages(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	open(t, ctx, srv.URL+"/worksheets/t/")
	fill(t, ctx)
	open(t, ctx, srv.URL+"/paths/p/print/")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#b-f-name"), "Sam"))
	const dump = `JSON.stringify(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))`
	before := eval[string](t, ctx, dump)
	if n := eval[int](t, ctx, `document.querySelectorAll(".ws-clear").length`); n != 0 {
		t.Errorf("the booklet has %d Clear buttons", n)
	}
	// The printer sees empty fields: print() records what the page holds when it is called.
	eval[chromedp.Void](t, ctx, `window.print = () => {
		window.printed = JSON.stringify([document.getElementById("a-f-wins").value, document.getElementById("b-f-name").value,
			document.querySelectorAll("input:checked").length, document.querySelector("#a-f-wins ~ .field-print").textContent]);
	}`)
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-printBlank")))
	if got := eval[string](t, ctx, `window.printed`); got != `["","",0,""]` {
		t.Errorf("Print blank printed %s, want empty fields", got)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("b-f-name").value === "Sam"`)); err != nil {
		t.Fatalf("the answers did not come back after Print blank: %v", err)
	}
	if got := eval[string](t, ctx, `document.getElementById("a-f-wins").value`); got != "I finished the draft.\nAnd called Sam." {
		t.Errorf("after Print blank the booklet shows %q", got)
	}
	if after := eval[string](t, ctx, dump); after != before {
		t.Errorf("Print blank changed storage:\nbefore %s\nafter  %s", before, after)
	}
	// Every button of the booklet's toolbar, pressed with every dialog accepted, leaves
	// storage as it was (Download writes only its own reminder keys, "#...").
	eval[chromedp.Void](t, ctx, `window.confirm = () => true`)
	// (Only the buttons a client can see: More shows only on a narrow screen.)
	for _, b := range eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".ws-actions button")).filter(b => b.getClientRects().length).map(b => b.className.split(" ").pop())`) {
		if b == "ws-download" || b == "ws-load" {
			continue
		}
		do(t, ctx, chromedp.Click(chromedp.CSS("."+b)))
	}
	if after := eval[string](t, ctx, dump); after != before {
		t.Errorf("the booklet's buttons changed storage:\nbefore %s\nafter  %s", before, after)
	}
	w.check(t, srv)
}

// TestBrowserClearUndo: Clear on a worksheet says what it removes, removes only that page's
// answers, and the status line offers Undo, which brings back fields and storage.
func TestBrowserClearUndo(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	open(t, ctx, srv.URL+"/worksheets/u/")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-name"), "Other page"))
	open(t, ctx, srv.URL+"/worksheets/t/")
	empty := snapshot(t, ctx)
	fill(t, ctx)
	want := filled(empty)
	dialog(t, ctx, ".ws-clear", true)
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, empty) {
		t.Errorf("after Clear: %v", got)
	}
	if s := eval[string](t, ctx, `document.querySelector(".ws-status").textContent`); s != "Cleared “Values worksheet” (9 answered). Undo" {
		t.Errorf("status after Clear: %q", s)
	}
	if s := eval[string](t, ctx, `localStorage.getItem("between:test:/worksheets/u/:name")`); s != `"Other page"` {
		t.Errorf("Clear touched another page: %q", s)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-undo")))
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
		t.Errorf("after Undo:\n got %v\nwant %v", got, want)
	}
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
		t.Errorf("after Undo and reload:\n got %v\nwant %v", got, want)
	}
}

// TestBrowserClearTwice: a second Clear, with nothing written since the first, keeps the
// first one's Undo, which still brings every answer back. It once put an Undo of its own in
// its place, which brought back nothing and said the answers were back.
func TestBrowserClearTwice(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	open(t, ctx, srv.URL+"/worksheets/t/")
	empty := snapshot(t, ctx)
	fill(t, ctx)
	want := filled(empty)
	dialog(t, ctx, ".ws-clear", true)
	eval[chromedp.Void](t, ctx, `window.asked = 0; window.confirm = () => { window.asked++; return true; }`)
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-clear")))
	if n := eval[int](t, ctx, `window.asked`); n != 0 {
		t.Errorf("the second Clear asked %d times, with nothing to clear", n)
	}
	if s := eval[string](t, ctx, `document.querySelector(".ws-status").textContent`); s != "Cleared “Values worksheet” (9 answered). Undo" {
		t.Errorf("status after the second Clear: %q", s)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-undo")))
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
		t.Errorf("after Undo:\n got %v\nwant %v", got, want)
	}
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
		t.Errorf("after Undo and reload:\n got %v\nwant %v", got, want)
	}
	// On a page as written, Clear has nothing to take and offers no Undo.
	eval[chromedp.Void](t, ctx, `localStorage.clear()`)
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	eval[chromedp.Void](t, ctx, `window.asked = 0; window.confirm = () => { window.asked++; return true; }`)
	do(t, ctx, chromedp.Click(chromedp.CSS(".ws-clear")))
	if n := eval[int](t, ctx, `window.asked + document.querySelectorAll(".ws-undo").length`); n != 0 {
		t.Errorf("Clear on an empty page asked or offered Undo (%d)", n)
	}
	w.check(t, srv)
}

// answerWins opens the worksheet at u and types text as the answer to its first question,
// as the tests of a file carried to another page or device begin.
func answerWins(t *testing.T, ctx context.Context, u, text string) {
	t.Helper()
	open(t, ctx, u)
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-wins"), text))
}

// loadFile loads the answers file with the worksheet's Load button and waits until the
// status line says it is loaded.
func loadFile(t *testing.T, ctx context.Context, file string) {
	t.Helper()
	do(t, ctx, chromedp.SetUploadFiles(chromedp.CSS(".ws-file"), []string{file}))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".ws-status").textContent.startsWith("Answers loaded from")`)); err != nil {
		t.Fatalf("load did not finish: %v (status %q)", err, eval[string](t, ctx, `document.querySelector(".ws-status").textContent`))
	}
}

// TestBrowserLoadOtherEncodings: a downloaded file the client opened and saved again in an
// older editor (Windows-1252, "ANSI" in Notepad before 2019) or as UTF-16 ("Unicode") loads
// with its letters and quotes. Read as UTF-8, each of them was "\ufffd", saved over the answer.
func TestBrowserLoadOtherEncodings(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	answerWins(t, ctx, srv.URL+"/worksheets/t/", "A first answer")
	_, _, text := download(t, ctx)
	if !strings.Contains(text, "A first answer") {
		t.Fatalf("the downloaded file lacks the answer:\n%s", text)
	}
	// The client's edit in Notepad, of the answer and in the words and quotes of Windows.
	const answer = "Café with Sam, “naïve” – and it’s done"
	edited := strings.Replace(text, "A first answer", answer, 1)
	cp1252 := map[rune]byte{'é': 0xe9, 'ï': 0xef, '“': 0x93, '”': 0x94, '–': 0x96, '’': 0x92}
	var ansi []byte
	for _, r := range edited {
		if b, ok := cp1252[r]; ok {
			ansi = append(ansi, b)
		} else if r < 0x80 {
			ansi = append(ansi, byte(r))
		} else {
			t.Fatalf("the file has %q, which this test does not write in Windows-1252", r)
		}
	}
	var u16 []byte
	u16 = append(u16, 0xff, 0xfe)
	for _, c := range utf16.Encode([]rune(strings.Replace(edited, "Café", "Café 🌱", 1))) {
		u16 = append(u16, byte(c), byte(c>>8))
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"ansi.md", ansi, answer},
		{"unicode.md", u16, strings.Replace(answer, "Café", "Café 🌱", 1)},
	} {
		path := filepath.Join(t.TempDir(), c.name)
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		eval[chromedp.Void](t, ctx, `window.confirm = () => true`)
		loadFile(t, ctx, path)
		if got := eval[string](t, ctx, `document.getElementById("f-wins").value`); got != c.want {
			t.Errorf("%s loaded as %q, want %q", c.name, got, c.want)
		}
		do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
		if got := eval[string](t, ctx, `document.getElementById("f-wins").value`); got != c.want {
			t.Errorf("%s, after a reload: %q, want %q", c.name, got, c.want)
		}
	}
	w.check(t, srv)
}

// TestBrowserLoadKeepsNewer: Load answers asks before replacing answers written on the device
// after the file was made, changes nothing when the client says no, and never empties a field
// for which the file has no answer it can take (an empty one, a scale out of its range, an item
// the list no longer has). It once put the file's answers over newer ones without a word.
func TestBrowserLoadKeepsNewer(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	var w watch
	w.tab(t, ctx)
	answerWins(t, ctx, srv.URL+"/worksheets/t/", "old aim")
	_, file, _ := download(t, ctx)
	eval[chromedp.Void](t, ctx, `(() => { const a = document.getElementById("f-wins");
		a.value = "NEW aim"; a.dispatchEvent(new Event("input", {bubbles: true})); })()`)
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Alex"),
		chromedp.Click(chromedp.CSS(`label[for="f-confidence-8"]`)),
		chromedp.Click(chromedp.CSS(`label[for="f-actions-2"]`)),
	)
	newer := snapshot(t, ctx)
	load := func(path string, accept bool) (string, []string) {
		t.Helper()
		eval[chromedp.Void](t, ctx, fmt.Sprintf(`window.asked = []; window.confirm = m => { window.asked.push(m); return %v; };
			document.querySelector(".ws-status").textContent = ""`, accept))
		do(t, ctx, chromedp.SetUploadFiles(chromedp.CSS(".ws-file"), []string{path}))
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".ws-status").textContent !== ""`)); err != nil {
			t.Fatalf("load did not finish: %v", err)
		}
		return eval[string](t, ctx, `document.querySelector(".ws-status").textContent`), eval[[]string](t, ctx, `window.asked`)
	}

	// The client says no: everything stays, and the status says so.
	status, asked := load(file, false)
	if len(asked) != 1 || asked[0] != "Your answers to “Values worksheet” on this device are newer than the ones in the file. Replace them with the file's?" {
		t.Errorf("asked %q before replacing newer answers", asked)
	}
	if !strings.HasPrefix(status, "You kept your own answers: nothing was loaded from ") {
		t.Errorf("status after saying no: %q", status)
	}
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, newer) {
		t.Errorf("after saying no:\n got %v\nwant %v", got, newer)
	}

	// The client says yes: the file's answer, and every field it left empty as it is.
	want := map[string]any{}
	for k, v := range newer {
		want[k] = v
	}
	want["f-wins"] = "old aim"
	if status, asked := load(file, true); len(asked) != 1 || !strings.HasPrefix(status, "Answers loaded from") {
		t.Errorf("after saying yes: asked %q, status %q", asked, status)
	}
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
		t.Errorf("after saying yes and reload:\n got %v\nwant %v", got, want)
	}

	// A file whose answers the fields cannot take.
	odd := filepath.Join(t.TempDir(), "odd.md")
	if err := os.WriteFile(odd, []byte("# Values worksheet\n\n<!-- field: confidence -->\n## How confident are you?\n\n99 / 10\n\n"+
		"<!-- field: actions -->\n- [x] A step the list no longer has\n\n<!-- field: name -->\n## Your name\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// They are kept under their fields, as earlier answers (the file can be older than an
	// edit of the page), and the client is told so.
	if status, asked := load(odd, true); len(asked) != 0 || status != "Answers loaded from odd.md. Those that no longer fit their question, changed since, are under it as your earlier answer." {
		t.Errorf("loading answers no field can take: asked %q, status %q", asked, status)
	}
	do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
	if got := snapshot(t, ctx); !reflect.DeepEqual(got, want) {
		t.Errorf("answers no field can take changed the page:\n got %v\nwant %v", got, want)
	}
	for id, want := range map[string]string{"confidence": "99", "actions": "A step the list no longer has", "name": ""} {
		if got := eval[string](t, ctx, earlierJS(id)); got != want {
			t.Errorf("after loading answers no field can take, the earlier answer of %s is %q, want %q", id, got, want)
		}
	}
	// A file with no answer at all says so.
	none := filepath.Join(t.TempDir(), "none.md")
	if err := os.WriteFile(none, []byte("# Values worksheet\n\n<!-- field: name -->\n## Your name\n\n<!-- field: actions -->\n- [ ] A step the list no longer has\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if status, asked := load(none, true); len(asked) != 0 || status != "none.md has no answers for this page" {
		t.Errorf("loading a file without answers: asked %q, status %q", asked, status)
	}
	w.check(t, srv)
}

// TestBrowserDownloadReminder: answers kept a week and more without a download say so in
// the status line, and a download resets the count.
func TestBrowserDownloadReminder(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	open(t, ctx, srv.URL+"/worksheets/t/")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-name"), "Alex"))
	if s := eval[string](t, ctx, `localStorage.getItem("between:test:/worksheets/t/:#since")`); s == "" {
		t.Fatal("saving recorded no time")
	}
	status := func() string {
		do(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(".ws-toolbar")))
		return eval[string](t, ctx, `document.querySelector(".ws-status").textContent`)
	}
	if s := status(); s != "Saved on this device" {
		t.Errorf("fresh answers: status %q", s)
	}
	const day = 24 * 60 * 60 * 1000
	eval[chromedp.Void](t, ctx, fmt.Sprintf(`localStorage.setItem("between:test:/worksheets/t/:#since", String(Date.now() - 10 * %d))`, day))
	if s := status(); s != "Saved on this device for 10 days and never downloaded: download a copy to keep them safe." {
		t.Errorf("ten days, no download: status %q", s)
	}
	download(t, ctx)
	if s := status(); s != "Saved on this device" {
		t.Errorf("after a download: status %q", s)
	}
	eval[chromedp.Void](t, ctx, fmt.Sprintf(`localStorage.setItem("between:test:/worksheets/t/:#downloaded", String(Date.now() - 12 * %d));
		localStorage.setItem("between:test:/worksheets/t/:#since", String(Date.now() - 8 * %d))`, day, day))
	if s := status(); s != "Saved on this device. Last downloaded 12 days ago: download a copy to keep them safe." {
		t.Errorf("a download 12 days ago: status %q", s)
	}
}

// TestBrowserLongLinesPrint: a one-line answer and table cells longer than their boxes print
// whole, wrapped.
func TestBrowserLongLinesPrint(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	open(t, ctx, srv.URL+"/worksheets/t/")
	long := "Draft two lines for the proposal and send them to Sam before Friday, then book the review END"
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Name "+long),
		chromedp.SendKeys(chromedp.CSS("#f-habit-r1-c2"), "Cell "+long),
	)
	for _, paper := range []chromedp.PaperSize{chromedp.PaperLetter, chromedp.PaperA4} {
		text := strings.Join(strings.Fields(pdfText(t, ctx, paper)), " ")
		for _, w := range []string{"Name Draft two lines", "the review END", "Cell Draft"} {
			if !strings.Contains(text, w) {
				t.Errorf("print on %v lacks %q:\n%s", paper, w, text)
			}
		}
		if n := strings.Count(text, "END"); n != 2 {
			t.Errorf("print on %v shows the end of %d of 2 long answers:\n%s", paper, n, text)
		}
	}
}
