package gates

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The between-sessions pages show what a client saved: My notes, a repeated guide's past
// entries and their chart, a log's dated notes, a path's stage dates, the home page's
// Continue. Empty, as a first visit shows them, most of that is not on the page, so the
// gates also open them in a state: the storage of a client a few weeks in, with long answers
// whose every word must print. The state is this tab's own (the tabs of the gates' browser
// share one storage, and other gates compare what is saved in it).

// stateQuery marks the address of a page opened in the client's state; the site's server
// ignores it, and tab.open seeds the tab's storage for it.
const stateQuery = "?state=client"

// longWords is an answer of n unique words, "tag1 tag2 … tagN": pdftotext must find each.
func longWords(tag string, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = fmt.Sprintf("%s%d", tag, i+1)
	}
	return strings.Join(ws, " ")
}

// clientState is the saved storage: keys after "between:SITE:" to their stored text.
func clientState() map[string]string {
	js := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		return string(b)
	}
	now := time.Now()
	day := func(d int) string { return now.AddDate(0, 0, d).Format("2006-01-02") }
	stamp := func(d int) string { return now.AddDate(0, 0, d).UTC().Format("2006-01-02T15:04:05.000Z") }
	entry := func(d int, tag string, energy, progress string) map[string]any {
		return map[string]any{"date": day(d), "saved": stamp(d), "values": map[string]any{
			"wins": longWords(tag+"w", 30), "energy": energy, "steps-progress": progress,
			"noticed-this-week": []map[string]string{{"date": day(d), "text": longWords(tag+"n", 20)}},
		}}
	}
	return map[string]string{
		"/guides/after-a-session/:what-stood-out": js(longWords("as", 40) + "\n" + longWords("asb", 10)),
		"/guides/after-a-session/:@changed":       stamp(-20),
		"/worksheets/values/:peak-moment":         js(longWords("va", 40)),
		"/worksheets/values/:@changed":            stamp(-10),
		"/guides/weekly-review/:@entries":         js([]any{entry(-7, "eb", "4", "8"), entry(-14, "ea", "2", "3")}),
		"/guides/weekly-review/:@changed":         stamp(-1),
		"/guides/weekly-review/:wins":             js(longWords("cw", 20)),
		// An option the coach has reworded since the client chose it: the page shows it under
		// the field as their earlier answer, and My notes with the answers.
		"/guides/weekly-review/:attention": js([]string{"Work", longWords("ol", 8)}),
		"/guides/weekly-review/:noticed-this-week": js([]map[string]string{
			{"date": day(-1), "text": longWords("ln", 20)}, {"date": day(-3), "text": longWords("lm", 12)}}),
		"@session": day(21),
		"@last":    js(map[string]string{"url": "/guides/weekly-review/", "title": "A weekly review"}),
	}
}

// sessionPages are the between-sessions pages in the client's state, each with the words
// of the answers it must print whole.
func sessionPages() []samplePage {
	words := func(tags ...string) []string {
		var out []string
		for _, t := range tags {
			n := map[string]int{"as": 40, "asb": 10, "va": 40, "ebw": 30, "eaw": 30, "ebn": 20, "ean": 20, "cw": 20, "ln": 20, "lm": 12, "ol": 8}[t]
			out = append(out, strings.Fields(longWords(t, n))...)
		}
		return out
	}
	return []samplePage{
		{Type: "notes", File: "notes/index.html", Path: "notes/" + stateQuery,
			Words: words("as", "asb", "va", "ebw", "eaw", "ebn", "ean", "ol")},
		{Type: "repeated", File: "guides/weekly-review/index.html", Path: "guides/weekly-review/" + stateQuery,
			Words: words("ebw", "eaw", "ebn", "ean", "cw", "ln", "lm", "ol")},
		{Type: "path-dated", File: "paths/first-month/index.html", Path: "paths/first-month/" + stateQuery},
		{Type: "home-continue", File: "index.html", Path: stateQuery},
	}
}

// seedScript replaces the tab's localStorage, before any script of the page runs, by one of
// its own holding state (keys after "between:SITE:"): what the page saves stays in this tab,
// and what other tabs save (their storage events) never reaches it.
func seedScript(state map[string]string) string {
	js, err := json.Marshal(state)
	if err != nil {
		panic(err)
	}
	return `(() => {
	window.addEventListener("storage", e => e.stopImmediatePropagation(), true);
	const site = "between:" + location.host + ":";
	const m = new Map(Object.entries(` + string(js) + `).map(([k, v]) => [site + k, v]));
	const api = {
		getItem: k => m.has(String(k)) ? m.get(String(k)) : null,
		setItem: (k, v) => { m.set(String(k), String(v)); },
		removeItem: k => { m.delete(String(k)); },
		clear: () => m.clear(),
		key: i => [...m.keys()][i] ?? null,
		get length() { return m.size; },
	};
	const store = new Proxy(api, {
		ownKeys: () => [...m.keys()],
		getOwnPropertyDescriptor: (t, k) => m.has(k) ? {value: m.get(k), enumerable: true, configurable: true} : undefined,
		get: (t, k) => k in api ? api[k] : m.get(k),
	});
	Object.defineProperty(window, "localStorage", {get: () => store, configurable: true});
})()`
}

// stateReady is true once sessions.js has shown what the state holds.
const stateReady = `!!document.querySelector(".notes-page, .entry-card, .stage-date, [data-last-visit]:not([hidden])")`

// openState opens addr with the client's state in the tab's storage, and waits until the
// page shows it.
func (tb *tab) openState(addr string, v view) error {
	if err := tb.openWith(addr, v, clientState()); err != nil {
		return err
	}
	if _, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](stateReady)); err != nil {
		return fmt.Errorf("%s does not show the client's answers: %w", addr, err)
	}
	return nil
}

// openWith opens addr with a storage of the tab's own holding state (seedScript).
func (tb *tab) openWith(addr string, v view, state map[string]string) error {
	res, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: seedScript(state)})
	if err != nil {
		return fmt.Errorf("seed the storage: %w", err)
	}
	// Removed on the tab's own context, which outlives this job's: a job that ran out of time
	// must not leave the state to the next page opened in the tab.
	defer chromedp.Call(tb.base, page.RemoveScriptToEvaluateOnNewDocument, page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: res.Identifier})
	return tb.navigate(addr, v)
}
