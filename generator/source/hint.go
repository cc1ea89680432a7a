package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/between-ssg/between/generator/config"
)

// frontWhat says what front matter is, for coaches who have never heard the word.
const frontWhat = "front matter, the page's settings between two lines of +++ (or --- for YAML) at the very top of the file, starting on line 1"

// NoFront says why data, a file in which Parse found no front matter, has none, for the
// page layer's "missing title": the markers are there but not where they must be, or the
// settings are written without them. It looks at the first lines only, and runs only when
// a title is missing, so valid pages never pay for it. title is the title to suggest.
func NoFront(data []byte, title string) (line, col int, msg string) {
	lines := strings.Split(string(data), "\n")
	blank, comment, i := 0, false, 0
	// Blank lines and HTML comments above the marker are the usual ways it slips down.
	for ; i < len(lines) && i < 50; i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			blank++
			continue
		}
		if !strings.HasPrefix(l, "<!--") {
			break
		}
		comment = true
		for i < len(lines) && !strings.Contains(lines[i], "-->") {
			i++
		}
	}
	if i >= len(lines) {
		return 1, 0, noFront(title)
	}
	raw := strings.TrimRight(lines[i], "\r")
	l := strings.TrimSpace(raw)
	next := ""
	if i+1 < len(lines) {
		next = strings.TrimSpace(lines[i+1])
	}
	marker := ""
	switch {
	case l == "{" && i == 0 && strings.HasPrefix(next, `"`):
		// Hugo reads front matter written as JSON, a { … } at the top of the file.
		if t := jsonTitle(lines); t != "" {
			title = t
		}
		return 1, 1, "missing title: this file's front matter is JSON, between { and }, which Hugo reads and Between does not; write it as TOML between two lines of +++ " +
			"(" + fmt.Sprintf("title = %q", title) + ", one setting a line), or as YAML between two lines of ---"
	case l == "+++", l == "---" && config.LooksLikeSetting(next, ':'):
		marker = l
	case strings.Trim(l, "+") == "" && (config.LooksLikeSetting(next, '=') || next == ""):
		return i + 1, 1, fmt.Sprintf("missing title: the front matter (the page's settings, at the very top of the file) opens and closes with a line of three plus signs, +++, but this line has %d; write +++ here and on the line that closes it", len(l))
	case strings.Trim(l, "-") == "" && len(l) >= 2 && config.LooksLikeSetting(next, ':'):
		return i + 1, 1, fmt.Sprintf("missing title: YAML front matter (the page's settings, at the very top of the file) opens and closes with a line of three dashes, ---, but this line has %d; write --- here and on the line that closes it", len(l))
	case i == 0 && raw == l && len(l) > 3 && strings.HasPrefix(l, "---") && isLetters(l[3:]):
		// Eleventy's front matter in JavaScript or JSON, "---js" or "---json".
		lang := map[string]string{"js": "JavaScript", "javascript": "JavaScript", "json": "JSON"}[strings.ToLower(l[3:])]
		for _, m := range lines[1:min(len(lines), 30)] {
			// const title = "Fifth post"; or "title": "Fifth post", the title meant.
			if t := jsTitle.FindStringSubmatch(m); t != nil {
				title = t[1]
				break
			}
		}
		if lang == "" {
			lang = l[3:]
		}
		return 1, 1, fmt.Sprintf("missing title: this file's front matter is written in %s (%s, as Eleventy reads it), which Between does not read; "+
			"write it in YAML instead: a line of only ---, then title: %q and the other settings as key: value, then ---", lang, l, title)
	case strings.HasPrefix(l, "+++") && i == 0 && raw == l:
		return 1, 4, fmt.Sprintf("missing title: +++ must be alone on its line; put %s on the next line", config.Shorten(strings.TrimSpace(l[3:])))
	case config.LooksLikeSetting(l, '='):
		return i + 1, 1, fmt.Sprintf("missing title: %s is read as the page's text, because settings go in the front matter, between two lines of only +++ at the very top of the file; put a line with +++ above it and another after the last setting%s", config.Shorten(l), firstLine(i))
	case config.LooksLikeSetting(l, ':') && knownYAMLKey(l):
		return i + 1, 1, fmt.Sprintf("missing title: %s is read as the page's text, because settings go in the front matter, between two lines of only --- at the very top of the file; put a line with --- above it and another after the last setting%s", config.Shorten(l), firstLine(i))
	}
	if marker == "" {
		return 1, 0, noFront(title)
	}
	var before []string
	if blank > 0 {
		before = append(before, plural(blank, "blank line"))
	}
	if comment {
		before = append(before, "a comment")
	}
	col = len(raw) - len(strings.TrimLeft(raw, " \t")) + 1
	if col > 1 {
		before = append(before, "spaces")
	}
	what := strings.Join(before, " and ")
	verb := "come"
	if len(before) == 1 && (blank == 1 || comment) {
		verb = "comes"
	}
	fix := "delete them"
	switch {
	case comment:
		fix = fmt.Sprintf("move the comment below the closing %s", marker)
	case blank == 1 && col == 1:
		fix = "delete it"
	}
	if i == 0 {
		return 1, 1, fmt.Sprintf("missing title: the %s that opens the front matter (the page's settings) must be at the very start of line 1, with no space before it; delete the spaces", marker)
	}
	return i + 1, col, fmt.Sprintf("missing title: the front matter (the page's settings, between two %s lines) must start on line 1, but %s %s before this %s, so Between does not see it; %s", marker, what, verb, marker, fix)
}

// noFront asks a file with no front matter for its title, in one of the two ways a page
// may have it.
func noFront(title string) string {
	return fmt.Sprintf("missing title: this file has no %s; start the file with three lines: +++, then title = %q, then +++; or start its text with a heading: # %s", frontWhat, title, title)
}

// jsTitle finds the title in a line of front matter in JavaScript or JSON.
var jsTitle = regexp.MustCompile(`^\s*(?:(?:const|let|var)\s+)?"?title"?\s*[:=]\s*["'\x60]([^"'\x60]+)["'\x60]`)

func isLetters(s string) bool {
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// firstLine asks for the front matter on line 1 when the settings start on line i+1.
func firstLine(i int) string {
	if i == 0 {
		return ""
	}
	return ", and delete what comes above it: the front matter starts on line 1"
}

// knownYAMLKey reports whether a "key: value" line starts with a front matter key, so that
// a first line like "Note: ..." in the page's text is not taken for a setting.
func knownYAMLKey(l string) bool {
	k, _, _ := strings.Cut(l, ":")
	switch strings.ToLower(strings.TrimSpace(k)) {
	case "title", "description", "date", "tags", "draft", "weight", "slug", "author", "kind":
		return true
	}
	return false
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// yamlHint turns a YAML syntax error about line (of the front matter, from 1) into what to
// write, for the mistake seen most: a colon in unquoted text (title: Goals: a primer); ok is
// false for any other. col is the column, in characters, of the colon YAML stops at. Any key
// YAML takes has the hint (título:, beschreibung_für:, a key with spaces, one in quotes):
// it is given only when the line, its value put in quotes, reads without a mistake after
// the lines above it, so a key YAML refuses, or a line wrong in another way, has YAML's
// own message.
func yamlHint(fm []byte, line int, msg string) (hint string, col int, ok bool) {
	if msg != "mapping values are not allowed in this context" {
		return "", 0, false
	}
	lines := strings.Split(string(fm), "\n")
	if line < 1 || line > len(lines) {
		return "", 0, false
	}
	raw := strings.TrimRight(lines[line-1], "\r")
	key, v, at := "", "", -1
	// The key ends at the first colon followed by a space that YAML reads as its end: a
	// plain key cannot hold one, a key in quotes may. Each colon tried decodes the text
	// before it, so only a key's length is looked at: a line of 30,000 characters with a
	// colon every few words is not decoded again at each.
	for i := 0; i+1 < len(raw) && i < maxYAMLKey; i++ {
		if raw[i] != ':' || raw[i+1] != ' ' && raw[i+1] != '\t' {
			continue
		}
		if k := strings.TrimSpace(raw[:i]); k != "" && yamlKey(k) {
			key, v, at = k, raw[i+1:], i+1
			break
		}
	}
	lead := len(v) - len(strings.TrimLeft(v, " \t"))
	v = strings.TrimSpace(v)
	if at < 0 || v == "" || strings.ContainsAny(v[:1], `"'[{|>&*!%@#`+"`") {
		return "", 0, false
	}
	colon := valueColon(v)
	if colon < 0 {
		return "", 0, false
	}
	quoted := strconv.Quote(v)
	fixed := append([]byte(strings.Join(lines[:line-1], "\n")+"\n"), raw[:at]+" "+quoted...)
	if line == 1 {
		fixed = []byte(raw[:at] + " " + quoted)
	}
	var node yaml.Node
	if yaml.Unmarshal(fixed, &node) != nil {
		return "", 0, false
	}
	col = utf8.RuneCountInString(raw[:at+lead+colon]) + 1
	return fmt.Sprintf("text with a colon in it needs quotes: %s: %q", key, config.Shorten(v)), col, true
}

// maxYAMLKey is the longest key, in bytes, that yamlHint looks for: a name, far shorter.
const maxYAMLKey = 400

// yamlKey reports whether k, the text before a colon, is a key YAML reads: k: x is a
// mapping of one key.
func yamlKey(k string) bool {
	var m yaml.Node
	if yaml.Unmarshal([]byte(k+": x"), &m) != nil || len(m.Content) != 1 {
		return false
	}
	return m.Content[0].Kind == yaml.MappingNode && len(m.Content[0].Content) == 2
}

// valueColon is where, in v, plain text YAML reads, the colon is that YAML takes for a
// second key's end: the first followed by a space or a tab; -1 if none.
func valueColon(v string) int {
	for i := 0; i+1 < len(v); i++ {
		if v[i] == ':' && (v[i+1] == ' ' || v[i+1] == '\t') {
			return i
		}
	}
	return -1
}

// frontKeys are the front matter keys Between reads, spelt as it reads them.
var frontKeys = map[string]bool{
	"title": true, "description": true, "date": true, "lastmod": true, "draft": true,
	"publishDate": true, "expiryDate": true, "tags": true, "weight": true, "slug": true,
	"aliases": true, "author": true, "kind": true, "toc": true, "minutes": true, "source": true,
	"unlisted": true, "repeat": true, "search": true,
}

// secondFront finds a second block of settings right below the front matter: +++ TOML,
// then --- YAML (a page put together from two templates, or half moved from Jekyll). Only
// the first is front matter; the second is the page's text, and its settings are never
// read. body is the text after the first block, starting on the file's line bodyLine; end
// is the line of the first block's closing marker, yaml whether it is YAML. A --- rule at the
// top of the text is not a block: the lines up to the next --- must all be settings, and one
// of them a key Between reads, spelt exactly (a "Date: Tuesday" between two rules is text).
func secondFront(body []byte, bodyLine, end int, yaml bool) (line int, msg string) {
	// Nearly every page's text starts with a word: split its lines only when it does not.
	if t := bytes.TrimLeft(body, " \t\r\n"); !bytes.HasPrefix(t, []byte("---")) && !bytes.HasPrefix(t, []byte("+++")) {
		return 0, ""
	}
	lines := strings.SplitN(string(body), "\n", 60)
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i >= len(lines) {
		return 0, ""
	}
	marker := strings.TrimRight(lines[i], " \t\r")
	sep := byte(':')
	switch marker {
	case "---":
	case "+++":
		sep = '='
	default:
		return 0, ""
	}
	var keys []string
	closed := false
	for _, l := range lines[i+1:] {
		t := strings.TrimRight(l, " \t\r")
		if t == marker {
			closed = true
			break
		}
		switch {
		case strings.TrimSpace(t) == "", strings.HasPrefix(strings.TrimSpace(t), "#"):
		case t != strings.TrimLeft(t, " \t"), sep == ':' && strings.HasPrefix(t, "- "):
			// An item of a list or a line of a table, under its key.
		case sep == '=' && strings.HasPrefix(t, "["):
		case config.LooksLikeSetting(t, sep):
			k, _, _ := strings.Cut(t, string(sep))
			if k = strings.TrimSpace(k); frontKeys[k] {
				keys = append(keys, k)
			}
		default:
			return 0, ""
		}
	}
	if !closed || len(keys) == 0 {
		return 0, ""
	}
	form := "key = value"
	if yaml {
		form = "key: value"
	}
	verb, them := "are not used and show", "them"
	if len(keys) == 1 {
		verb, them = "is not used and shows", "it"
	}
	return bodyLine + i, fmt.Sprintf("a second block of settings starts here, below the front matter (lines 1 to %d); Between reads only the first block, so %s here %s on the page as text; move %s into the first block, written %s like the others, and delete this block",
		end, andList(keys), verb, them, form)
}

// andList joins words as a sentence does: "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// jsonTitle is the title of JSON front matter that opens lines, or "".
func jsonTitle(lines []string) string {
	for i := 1; i < len(lines) && i < 200; i++ {
		if strings.TrimSpace(lines[i]) != "}" {
			continue
		}
		var m map[string]any
		if json.Unmarshal([]byte(strings.Join(lines[:i+1], "\n")), &m) == nil {
			t, _ := m["title"].(string)
			return t
		}
		return ""
	}
	return ""
}
