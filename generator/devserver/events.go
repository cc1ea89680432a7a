package devserver

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/between-ssg/between/generator/build"
)

// The events a browser receives on /__between/events:
//
//	hello        on connecting: which server run, which build, the standing problems if any
//	build        a build succeeded: which output files changed, and its warnings
//	build-error  a build failed: the problems to show over the page
//
// ("error" would be the natural name, but EventSource fires "error" for a lost connection.)
type helloEvent struct {
	Server   string    `json:"server"`
	Build    uint64    `json:"build"`
	Problems *problems `json:"problems"`
	Warnings *problems `json:"warnings,omitempty"`
}

type buildEvent struct {
	Build uint64 `json:"build"`
	// Changed lists the output files the build added, changed or removed; each tab decides
	// from it whether the page it shows needs a reload (livereload.js, action).
	Changed []string `json:"changed"`
	// All says too many files changed to list (a config or template change): every tab
	// reloads.
	All bool `json:"all,omitempty"`
	// Warnings are the build's warnings, shown in a quieter panel than problems.
	Warnings *problems `json:"warnings,omitempty"`
}

type errorEvent struct {
	Build    uint64    `json:"build"` // the build still served
	Problems *problems `json:"problems"`
}

// maxChanged bounds the paths listed in one event: when a config change rewrites ten thousand
// pages, listing them tells the tabs nothing more than "all".
const maxChanged = 2000

func newBuildEvent(id uint64, res *build.Result) buildEvent {
	if len(res.Changed) > maxChanged {
		return buildEvent{Build: id, Changed: []string{}, All: true}
	}
	changed := res.Changed
	if changed == nil {
		changed = []string{}
	}
	return buildEvent{Build: id, Changed: changed}
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

// serveEvents streams events to a browser until it goes away or the server stops. One tab
// listens for all the tabs of a browser and relays to them.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	c := s.hub.join()
	defer s.hub.leave(c)
	// Joined before reading the state: a build finishing meanwhile is either in the hello
	// or queued after it, never lost.
	st := s.cur.Load()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)
	// Each write has its own deadline: a browser that stops reading (asleep, or stuck)
	// fails the write instead of holding this goroutine for ever.
	send := func(msg []byte) bool {
		rc.SetWriteDeadline(time.Now().Add(s.limits.stream))
		if _, err := w.Write(msg); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	w.WriteHeader(http.StatusOK)
	if !send(append([]byte("retry: 1000\n\n"), formatEvent("hello", helloEvent{Server: s.token, Build: st.id, Problems: st.problems, Warnings: st.warnings})...)) {
		return
	}
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		var msg []byte
		select {
		case msg = <-c.ch:
		case <-ping.C:
			// A comment line keeps proxies and idle timeouts from closing the stream.
			msg = []byte(": ping\n\n")
		case <-c.kick:
			return
		case <-r.Context().Done():
			return
		}
		if !send(msg) {
			return
		}
	}
}
