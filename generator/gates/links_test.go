package gates

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/build"
)

// problem is one thing a gate found in an output file.
type problem struct {
	File string
	Line int
	Msg  string
}

func (p problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// linkAttrs says which attributes of which elements hold URLs, and whether the browser
// fetches them on its own (a resource: it must never be on another host) or only when the
// reader follows them (a link: another host is fine, as for "Read the original").
var linkAttrs = map[string][]struct {
	attr     string
	resource bool
}{
	"a":      {{"href", false}},
	"area":   {{"href", false}},
	"form":   {{"action", false}},
	"link":   {{"href", true}}, // rel canonical and alternate are links; see linkIsResource
	"img":    {{"src", true}, {"srcset", true}},
	"source": {{"src", true}, {"srcset", true}},
	"script": {{"src", true}},
	"iframe": {{"src", true}},
	"video":  {{"src", true}, {"poster", true}},
	"audio":  {{"src", true}},
	"track":  {{"src", true}},
	"embed":  {{"src", true}},
	"object": {{"data", true}},
	"input":  {{"src", true}},
	"use":    {{"href", true}, {"xlink:href", true}},
	"meta":   {{"content", false}}, // only http-equiv=refresh; see urlsOf
}

// linkRels are the rel values of <link> that point somewhere rather than load something.
var linkRels = map[string]bool{"canonical": true, "alternate": true, "prev": true, "next": true, "author": true, "license": true, "help": true}

// urlsOf returns the URLs in attribute attr of tag t, one per srcset candidate.
func urlsOf(t tag, attr string) []string {
	v, ok := t.Attrs[attr]
	if !ok {
		return nil
	}
	switch {
	case t.Name == "meta":
		if !strings.EqualFold(t.Attrs["http-equiv"], "refresh") {
			return nil
		}
		// content="0; url=/new/"
		_, after, found := strings.Cut(v, ";")
		if !found {
			return nil
		}
		after = strings.TrimSpace(after)
		if len(after) < 4 || !strings.EqualFold(after[:4], "url=") {
			return nil
		}
		return []string{strings.Trim(strings.TrimSpace(after[4:]), `'"`)}
	case attr == "srcset":
		var out []string
		for _, cand := range strings.Split(v, ",") {
			if f := strings.Fields(cand); len(f) > 0 {
				out = append(out, f[0])
			}
		}
		return out
	}
	return []string{strings.TrimSpace(v)}
}

// pageURL is the path, relative to the base URL, at which an output file is served.
func pageURL(name string) string {
	if name == "index.html" {
		return ""
	}
	if strings.HasSuffix(name, "/index.html") {
		return strings.TrimSuffix(name, "index.html")
	}
	return name
}

var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// checkLinks checks every URL in the output built for base: a URL on the site's own host
// and under its base path must name an output file (and an id in it, for a #fragment), a
// resource (stylesheet, script, image) must never be on another host, 404.html must not use
// relative URLs (it is served at any address), and the sitemap and feed must point into the
// site.
func checkLinks(files map[string][]byte, base string) []problem {
	baseURL, err := url.Parse(base)
	if err != nil {
		return []problem{{File: "(base URL)", Msg: err.Error()}}
	}
	tagsOf := map[string][]tag{}
	ids := map[string]map[string]bool{}
	for name, body := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		tags := scanTags(body)
		tagsOf[name] = tags
		set := map[string]bool{}
		for _, t := range tags {
			if id, ok := t.Attrs["id"]; ok {
				set[id] = true
			}
			if n, ok := t.Attrs["name"]; ok && t.Name == "a" {
				set[n] = true
			}
		}
		ids[name] = set
	}

	var probs []problem
	// check resolves raw against from (the URL of the file that holds it).
	check := func(file string, line int, from *url.URL, raw string, resource bool) {
		add := func(format string, args ...any) {
			probs = append(probs, problem{File: file, Line: line, Msg: fmt.Sprintf("%q: ", raw) + fmt.Sprintf(format, args...)})
		}
		if raw == "" {
			add("empty URL")
			return
		}
		if file == "404.html" && !strings.HasPrefix(raw, "/") && !strings.Contains(raw, ":") && !strings.HasPrefix(raw, "#") {
			add("relative URL in 404.html, which is served at any address: use the site's absolute URL")
		}
		ref, err := url.Parse(raw)
		if err != nil {
			add("not a URL: %v", err)
			return
		}
		u := from.ResolveReference(ref)
		switch u.Scheme {
		case "http", "https":
		case "mailto", "tel":
			return
		case "data":
			return
		case "javascript":
			add("javascript: URL; use a button and a script instead")
			return
		default:
			add("unknown scheme %q", u.Scheme)
			return
		}
		if u.Host != baseURL.Host || u.Scheme != baseURL.Scheme {
			if resource {
				add("loads a file from another host; the site must make no request to any host but its own")
			}
			return
		}
		if !strings.HasPrefix(u.Path, baseURL.Path) {
			add("is on the site's host but outside its base path %s", baseURL.Path)
			return
		}
		rel := strings.TrimPrefix(u.Path, baseURL.Path)
		target := rel
		if target == "" || strings.HasSuffix(target, "/") {
			target += "index.html"
		}
		if _, ok := files[target]; !ok {
			if _, ok := files[target+"/index.html"]; ok {
				add("needs a trailing slash: %s/", u.Path)
			} else {
				add("no such file in the output (%s)", target)
			}
			return
		}
		if strings.HasSuffix(raw, "#") {
			add("empty #fragment")
			return
		}
		if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
			add("no element with id %q in %s", u.Fragment, target)
		}
	}

	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		from, _ := url.Parse(base + pageURL(name))
		switch {
		case strings.HasSuffix(name, ".html"):
			for _, t := range tagsOf[name] {
				for _, la := range linkAttrs[t.Name] {
					resource := la.resource
					if t.Name == "link" {
						resource = !linkRels[strings.ToLower(t.Attrs["rel"])]
					}
					for _, raw := range urlsOf(t, la.attr) {
						check(name, t.Line, from, raw, resource)
					}
				}
			}
		case strings.HasSuffix(name, ".css"):
			body := files[name]
			for _, m := range cssURL.FindAllSubmatchIndex(body, -1) {
				var raw string
				for g := 2; g < len(m); g += 2 {
					if m[g] >= 0 {
						raw = string(body[m[g]:m[g+1]])
						break
					}
				}
				if raw == "" || strings.HasPrefix(raw, "#") { // url(#svg-filter)
					continue
				}
				line := 1 + bytes.Count(body[:m[0]], []byte("\n"))
				check(name, line, from, raw, true)
			}
		case strings.HasSuffix(name, ".xml"):
			for _, raw := range xmlLinks(files[name]) {
				check(name, raw.line, from, raw.url, false)
				if u, err := url.Parse(raw.url); err == nil && !u.IsAbs() {
					probs = append(probs, problem{File: name, Line: raw.line, Msg: fmt.Sprintf("%q: feeds and sitemaps need absolute URLs", raw.url)})
				}
			}
		}
	}
	return probs
}

type xmlLink struct {
	url  string
	line int
}

// xmlLinks returns the URLs of a sitemap (<loc>) or an Atom feed (<link href>).
func xmlLinks(body []byte) []xmlLink {
	var out []xmlLink
	dec := xml.NewDecoder(bytes.NewReader(body))
	inLoc := false
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		line, _ := dec.InputPos()
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "loc":
				inLoc = true
			case "link":
				for _, a := range tok.Attr {
					if a.Name.Local == "href" {
						out = append(out, xmlLink{a.Value, line})
					}
				}
			}
		case xml.EndElement:
			inLoc = false
		case xml.CharData:
			if inLoc {
				out = append(out, xmlLink{strings.TrimSpace(string(tok)), line})
			}
		}
	}
}

// TestLinks checks every internal link of the example library, built at a base URL with a
// path as a coach publishing into a folder of a bigger site would, and served at the root.
func TestLinks(t *testing.T) {
	s := example(t)
	builds := map[string]map[string][]byte{s.URL: s.Files}
	const sub = "https://example.org/library/"
	res, err := build.New(build.Options{Root: s.Root, BaseURL: sub}).Build()
	if err != nil {
		t.Fatalf("build the example library at %s: %v", sub, err)
	}
	builds[sub] = res.Files
	for base, files := range builds {
		t.Run(strings.NewReplacer("/", "_", ":", "").Replace(base), func(t *testing.T) {
			probs := checkLinks(files, base)
			reportGrouped(t, probs)
			if len(probs) > 0 {
				t.Logf("%d broken links in the site built for %s", len(probs), base)
			}
		})
	}
}

// TestCheckLinksFinds shows that the link gate catches each kind of broken link.
func TestCheckLinksFinds(t *testing.T) {
	base := "https://example.org/lib/"
	files := map[string][]byte{
		"index.html": []byte(`<!doctype html><title>x</title>
<link rel="stylesheet" href="/lib/css/main.css">
<link rel="canonical" href="https://example.org/lib/">
<a href="a/">ok</a> <a href="a/#top-of">ok anchor</a> <a href="https://other.example/">external link, fine</a>
<a href="/lib/missing/">1</a>
<a href="a/#nope">2</a>
<a href="/elsewhere/">3</a>
<img src="https://cdn.example/x.png" alt="">
<img srcset="/lib/i.png 1x, /lib/i2.png 2x" src="/lib/i.png" alt="">
<a href="/lib/a">5</a>
<a href="#">6</a>
<a href="javascript:void(0)">7</a>
<meta http-equiv="refresh" content="0; url=/lib/gone/">`),
		"a/index.html": []byte(`<h1 id="top-of">A</h1><a href="../">up</a>`),
		"404.html":     []byte(`<a href="a/">relative</a><a href="/lib/">fine</a>`),
		"css/main.css": []byte("body{}\n@font-face{src:url(https://fonts.example/f.woff2)}\n.x{background:url('../i.png')}"),
		"i.png":        []byte("png"),
		"sitemap.xml":  []byte(`<urlset><url><loc>https://example.org/lib/a/</loc></url><url><loc>https://example.org/lib/b/</loc></url></urlset>`),
	}
	var got []string
	for _, p := range checkLinks(files, base) {
		got = append(got, p.String())
	}
	want := []string{
		`404.html:1: "a/": relative URL in 404.html, which is served at any address: use the site's absolute URL`,
		`css/main.css:2: "https://fonts.example/f.woff2": loads a file from another host; the site must make no request to any host but its own`,
		`index.html:5: "/lib/missing/": no such file in the output (missing/index.html)`,
		`index.html:6: "a/#nope": no element with id "nope" in a/index.html`,
		`index.html:7: "/elsewhere/": is on the site's host but outside its base path /lib/`,
		`index.html:8: "https://cdn.example/x.png": loads a file from another host; the site must make no request to any host but its own`,
		`index.html:9: "/lib/i2.png": no such file in the output (i2.png)`,
		`index.html:10: "/lib/a": needs a trailing slash: /lib/a/`,
		`index.html:11: "#": empty #fragment`,
		`index.html:12: "javascript:void(0)": javascript: URL; use a button and a script instead`,
		`index.html:13: "/lib/gone/": no such file in the output (gone/index.html)`,
		`sitemap.xml:1: "https://example.org/lib/b/": no such file in the output (b/index.html)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("checkLinks found:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// reportGrouped fails t with each problem, once per message: a mistake in a shared template
// shows on every page, and one line naming a few of them says it better than fifty.
func reportGrouped(t *testing.T, probs []problem) {
	t.Helper()
	var order []string
	where := map[string][]string{}
	for _, p := range probs {
		if _, seen := where[p.Msg]; !seen {
			order = append(order, p.Msg)
		}
		loc := p.File
		if p.Line > 0 {
			loc = fmt.Sprintf("%s:%d", p.File, p.Line)
		}
		where[p.Msg] = append(where[p.Msg], loc)
	}
	for _, msg := range order {
		locs := where[msg]
		if len(locs) <= 3 {
			t.Errorf("%s: %s", strings.Join(locs, ", "), msg)
			continue
		}
		t.Errorf("%s and %d more files: %s", strings.Join(locs[:3], ", "), len(locs)-3, msg)
	}
}
