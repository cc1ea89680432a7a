package devserver

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"path"
	"time"

	"github.com/between-ssg/between/generator/build"
)

// The events a browser receives on /__between/events:
//
//	hello        on connecting: which server run, which build, the standing problems if any
//	build        a build succeeded: what this tab should do, and which output files changed
//	build-error  a build failed: the problems to show over the page
//
// ("error" would be the natural name, but EventSource fires "error" for a lost connection.)
type helloEvent struct {
	Server   string    `json:"server"`
	Build    uint64    `json:"build"`
	Problems *problems `json:"problems"`
}

type buildEvent struct {
	Build uint64 `json:"build"`
	// Action is what the tab should do: "reload" when the file it shows (or a script)
	// changed, "css" when only stylesheets did, "none" otherwise.
	Action  string   `json:"action"`
	Changed []string `json:"changed"`
	More    int      `json:"more,omitempty"` // changed paths left out of Changed
}

type errorEvent struct {
	Build    uint64    `json:"build"` // the build still served
	Problems *problems `json:"problems"`
}

// maxChanged bounds the paths listed in one event: a config change rewrites every page, and
// ten thousand paths sent to every tab would tell them nothing more than "all".
const maxChanged = 200

func newBuildEvent(id uint64, page string, old, cur *build.Result, changed map[string]bool) buildEvent {
	ev := buildEvent{Build: id, Action: action(page, old, cur, changed)}
	for _, c := range cur.Changed {
		if len(ev.Changed) == maxChanged {
			ev.More = len(cur.Changed) - maxChanged
			break
		}
		ev.Changed = append(ev.Changed, c)
	}
	return ev
}

// reloadExts are the outputs besides a page's own HTML whose change reloads every page: a
// page may use any script, image or font. Other pages' HTML, feeds and search data do not.
var reloadExts = map[string]bool{
	".js": true, ".mjs": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true,
	".svg": true, ".ico": true, ".woff": true, ".woff2": true,
}

// action decides what a tab showing page (a URL path) does after a build from old to cur.
func action(page string, old, cur *build.Result, changed map[string]bool) string {
	if old == nil {
		return "reload" // it shows the page for a site that had not built
	}
	was, now := resolve(old.Files, page), resolve(cur.Files, page)
	if was != now || changed[now] {
		return "reload"
	}
	css := false
	for c := range changed {
		ext := path.Ext(c)
		if reloadExts[ext] {
			return "reload"
		}
		if ext == ".css" {
			css = true
		}
	}
	if css {
		return "css"
	}
	return "none"
}

// resolve names what a request for page gets from files: the output file served, "404.html"
// for a page that is not there, or "redirect" for a folder without its slash.
func resolve(files map[string][]byte, page string) string {
	name, redirect, ok := lookup(files, page)
	switch {
	case redirect:
		return "redirect"
	case !ok:
		return "404.html"
	}
	return name
}

func formatEvent(name string, data any) []byte {
	js, err := json.Marshal(data)
	if err != nil {
		js = []byte("null")
	}
	var b bytes.Buffer
	b.WriteString("event: ")
	b.WriteString(name)
	b.WriteString("\ndata: ")
	b.Write(js) // JSON has no raw newline, so one data line holds it
	b.WriteString("\n\n")
	return b.Bytes()
}

// serveEvents streams events to one tab until it goes away or the server stops.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	page, err := url.PathUnescape(r.URL.Query().Get("path"))
	if err != nil || page == "" {
		page = "/"
	}
	c := s.hub.join(page)
	defer s.hub.leave(c)
	// Joined before reading the state: a build finishing meanwhile is either in the hello
	// or queued after it, never lost.
	st := s.cur.Load()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)
	w.WriteHeader(http.StatusOK)
	w.Write([]byte("retry: 1000\n\n"))
	w.Write(formatEvent("hello", helloEvent{Server: s.token, Build: st.id, Problems: st.problems}))
	if rc.Flush() != nil {
		return
	}
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		select {
		case msg := <-c.ch:
			if _, err := w.Write(msg); err != nil {
				return
			}
		case <-ping.C:
			// A comment line keeps proxies and idle timeouts from closing the stream.
			if _, err := w.Write([]byte(": ping\n\n")); err != nil {
				return
			}
		case <-c.kick:
			return
		case <-r.Context().Done():
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}
