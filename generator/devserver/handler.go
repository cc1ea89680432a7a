package devserver

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/between-ssg/between/generator/theme"
)

//go:embed assets
var assets embed.FS

// scriptTag is what the server adds before </body> of every HTML page it serves, with the
// number of the build the page comes from: the script compares it with the builds it hears
// of, and a tab showing an older page than the server holds reloads.
func scriptTag(build uint64) string {
	return `<script src="/__between/livereload.js" data-build="` + strconv.FormatUint(build, 10) + `" defer></script>`
}

// csp is the Content-Security-Policy of every answer: the theme's, which pages carry in a
// <meta> too, so that the preview blocks what the published site would; and no framing by
// another site, which only a header can say.
const csp = theme.CSP + "; frame-ancestors 'self'"

// buildHeader names, on every answer from a build, which build it came from.
const buildHeader = "X-Between-Build"

// Handler answers requests from the current build. It is what Run serves; tests may use it
// on its own.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/__between/events", s.serveEvents)
	mux.HandleFunc("/__between/livereload.js", serveAsset("assets/livereload.js", "text/javascript; charset=utf-8"))
	mux.HandleFunc("/__between/overlay.css", serveAsset("assets/overlay.css", "text/css; charset=utf-8"))
	mux.HandleFunc("/", s.serveSite)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.allowedHost(r.Host) {
			// Another site's page, reaching this server through a DNS name that points here
			// (DNS rebinding), must not read the preview.
			http.Error(w, "403 forbidden: open this preview at "+s.URL(), http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed: the preview only answers GET and HEAD", http.StatusMethodNotAllowed)
			return
		}
		if r.URL.Path != "/__between/events" {
			// A client that stops reading (a tab closed mid-download, a stuck program) is
			// cut off rather than holding the connection for ever. Handler alone, as in
			// tests, has no connection to set it on.
			http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.limits.write))
		}
		if !cleanRequest(r) {
			s.notFound(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// allowedHost reports whether a Host header names this server: the bound address or
// localhost, with or without a port. When bound to every interface (0.0.0.0 or ::), any IP
// address is accepted too, so a phone on the same network can open the preview; a DNS
// rebinding attack needs a host name, never a bare IP.
func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, port, err := net.SplitHostPort(hostport); err == nil {
		if !isDigits(port) {
			return false
		}
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	host = strings.ToLower(host)
	switch host {
	case "localhost", "127.0.0.1", "::1":
		return true
	case strings.ToLower(s.opts.Bind):
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	if bind := net.ParseIP(s.opts.Bind); bind != nil && (bind.Equal(ip) || bind.IsUnspecified()) {
		return true
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// cleanRequest refuses paths that try to leave the site or that name a file two ways:
// ".." or "." segments, empty segments, backslashes, NUL, and an encoded slash or backslash.
// The site is served from memory, so nothing outside it could be read anyway; refusing these
// keeps every output file at exactly one URL.
func cleanRequest(r *http.Request) bool {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return false
	}
	raw := strings.ToLower(r.URL.RawPath)
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return false
	}
	if p == "/" {
		return true
	}
	return fs.ValidPath(strings.TrimSuffix(p[1:], "/"))
}

// lookup maps a URL path to an output file: "/" and "/x/" to their index.html, "/css/a.css"
// to itself. A folder asked for without its slash is a redirect, as web servers do it.
// has tells whether the site has a file.
func lookup(has func(name string) bool, urlPath string) (name string, redirect, ok bool) {
	p := strings.TrimPrefix(urlPath, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		name = p + "index.html"
		return name, false, has(name)
	}
	if has(p) {
		return p, false, true
	}
	if has(p + "/index.html") {
		return "", true, false
	}
	return "", false, false
}

func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	st := s.cur.Load()
	if st.res == nil {
		s.serveErrorPage(w, r, st)
		return
	}
	// While the first build's pages render in the background, the page asked for comes
	// first: the background waits until it is ready to send.
	resume := st.res.Pause()
	defer resume()
	name, redirect, ok := lookup(st.res.Has, r.URL.Path)
	if redirect {
		target := r.URL.Path + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		// Found, not Moved Permanently: a browser must not remember a preview's redirect.
		http.Redirect(w, r, target, http.StatusFound)
		return
	}
	if !ok {
		s.notFound(w, r)
		return
	}
	// A page the background has not rendered yet is rendered now (or waited for): the same
	// bytes the whole build has.
	body, _, err := st.res.File(name)
	resume()
	if err != nil {
		// A template failed on this page: the build has failed, and the server is about
		// to say so (Run); this answer says it already.
		s.serveErrorPage(w, r, &state{id: st.id, problems: newProblems(err, false)})
		return
	}
	s.serveFile(w, r, st, name, body, http.StatusOK)
}

// notFound answers with the site's own 404 page when it has one: under /de/, the German
// one (a language's pages live in a folder of their own with its own 404.html), so that a
// reader who mistypes an address stays in their language.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	st := s.cur.Load()
	if st.res != nil {
		for _, name := range notFoundPages(r.URL.Path) {
			if body, ok, err := st.res.File(name); ok && err == nil {
				s.serveFile(w, r, st, name, body, http.StatusNotFound)
				return
			}
		}
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// notFoundPages lists the 404 pages that may answer for urlPath, the closest first: the
// first folder's own ("de/404.html" for "/de/x/"), then the site's.
func notFoundPages(urlPath string) []string {
	first, _, nested := strings.Cut(strings.TrimPrefix(urlPath, "/"), "/")
	own := first + "/404.html"
	// A refused request ("/../x") reaches here too: its folder is no folder of the site.
	if !nested || !fs.ValidPath(own) || strings.ContainsAny(own, "\\\x00") {
		return []string{"404.html"}
	}
	return []string{own, "404.html"}
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, st *state, name string, body []byte, status int) {
	h := w.Header()
	ctype := contentType(name)
	h.Set("Content-Type", ctype)
	// The preview changes under the browser: never let it answer from its cache.
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set(buildHeader, strconv.FormatUint(st.id, 10))
	h.Set("Content-Security-Policy", csp)
	if strings.HasPrefix(ctype, "text/html") {
		body = inject(body, st.problems, st.id)
	}
	if status != http.StatusOK {
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
		return
	}
	// ServeContent answers HEAD and Range requests (audio and video need them).
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

// serveErrorPage answers every request while no build has succeeded yet: a page with the
// problems, which reloads by itself once the site builds.
func (s *Server) serveErrorPage(w http.ResponseWriter, r *http.Request, st *state) {
	page := []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>The site has not built yet · Between</title></head><body></body></html>`)
	body := inject(page, st.problems, st.id)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set(buildHeader, strconv.FormatUint(st.id, 10))
	h.Set("Content-Security-Policy", csp)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusInternalServerError)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func serveAsset(name, ctype string) http.HandlerFunc {
	body, err := assets.ReadFile(name)
	if err != nil {
		panic(err) // embedded at compile time: cannot happen
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-store")
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
	}
}

// inject adds the live-reload script (stamped with the build the page is from), and the problem panel while a problem stands, before
// the page's last </body>, or at its end when it has none.
func inject(page []byte, p *problems, build uint64) []byte {
	var add bytes.Buffer
	if p != nil {
		overlayTemplate.Execute(&add, p)
	}
	add.WriteString(scriptTag(build))
	i := lastIndexFold(page, []byte("</body"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:i]...)
	out = append(out, add.Bytes()...)
	return append(out, page[i:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case, for tags written </BODY>.
func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

// overlayTemplate is the problem panel; livereload.js draws the same one from an event.
var overlayTemplate = template.Must(template.New("overlay").Parse(
	`<link rel="stylesheet" href="/__between/overlay.css">` +
		`<div id="between-overlay" role="alert" aria-labelledby="between-overlay-title">` +
		`<div class="between-overlay-panel">` +
		`<h2 id="between-overlay-title">{{.Title}}</h2>` +
		`<p class="between-overlay-hint">{{.Hint}}</p>` +
		`<ol>{{range .Items}}<li>{{if .Place}}<code>{{.Place}}:</code> {{end}}{{.Message}}</li>{{end}}</ol>` +
		`<button type="button" data-between-hide>Hide</button>` +
		`</div></div>`))

// contentType names a file's media type by its extension; the table covers what sites
// contain so the answer does not depend on the machine's mime.types.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".xml":
		if path.Base(name) == "index.xml" {
			return "application/atom+xml; charset=utf-8"
		}
		return "application/xml; charset=utf-8"
	case ".txt", ".md":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".webmanifest":
		return "application/manifest+json"
	case ".pdf":
		return "application/pdf"
	case ".woff2":
		return "font/woff2"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}
