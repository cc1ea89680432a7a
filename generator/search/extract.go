package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isInline reports the elements that do not separate words: "<em>self</em>-care" is one
// text. (A switch: this is asked for every tag of every page, and a map hashes the name.)
func isInline(name string) bool {
	switch name {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q",
		"s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr":
		return true
	}
	return false
}

// isSkipped reports the elements that hold no text a reader searches for. A textarea is
// where a client writes: its content is never indexed (the build writes none, and the rule
// stays if that changes).
func isSkipped(name string) bool {
	switch name {
	case "script", "style", "template", "textarea", "svg", "noscript":
		return true
	}
	return false
}

// plainText takes a page's converted HTML apart into its headings and the rest of its text,
// worksheet labels, options and help included. The HTML is the build's own (goldmark's and
// the worksheet extension's output), so a small scanner is enough: it never has to make
// sense of a stranger's markup, and raw HTML that coaches allowed only adds words.
func plainText(src string) (headings []string, body string) {
	headings, b := appendPlainText(nil, src)
	return headings, string(b)
}

// appendPlainText is plainText writing the text after dst: the analyser's buffer, used
// again from page to page.
func appendPlainText(dst []byte, src string) (headings []string, body []byte) {
	b := dst
	var h []byte // the heading at hand
	inHeading := false
	text := func(s string) {
		if inHeading {
			h = appendUnescaped(h, s)
		} else {
			b = appendUnescaped(b, s)
		}
	}
	for len(src) > 0 {
		lt := strings.IndexByte(src, '<')
		if lt < 0 {
			text(src)
			break
		}
		text(src[:lt])
		src = src[lt:]
		if strings.HasPrefix(src, "<!--") {
			end := strings.Index(src, "-->")
			if end < 0 {
				break
			}
			src = src[end+3:]
			continue
		}
		gt := strings.IndexByte(src, '>')
		if gt < 0 {
			break
		}
		tag := src[1:gt]
		src = src[gt+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.ToLower(tagName(strings.TrimPrefix(tag, "/")))
		switch {
		case isSkipped(name) && !closing:
			end := strings.Index(strings.ToLower(src), "</"+name)
			if end < 0 {
				src = ""
				continue
			}
			src = src[end:]
		case len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6':
			if closing && inHeading {
				if t := collapseSpace(stringOf(h)); t != "" {
					headings = append(headings, strings.Clone(t))
				}
				h = h[:0]
			}
			inHeading = !closing
			b = append(b, '\n')
		case !isInline(name):
			if inHeading {
				h = append(h, ' ')
			} else {
				b = append(b, ' ')
			}
		}
	}
	return headings, b
}

func tagName(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return s[:i]
		}
	}
	return s
}

// collapseSpace is strings.Join(strings.Fields(s), " "): s itself when it is so already,
// as most headings are, without cutting it into words and joining them again.
func collapseSpace(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return strings.Join(strings.Fields(s), " ")
			}
			i += size
			continue
		}
		if asciiSpace[c] && (c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
		i++
	}
	return s
}

// appendUnescaped appends s with its character references resolved, as
// html.UnescapeString does. The few that goldmark and its typographer write (quotes,
// dashes, &amp; and such) are resolved here, without making a string of every piece of
// text that holds one; from any other on, html.UnescapeString resolves the rest.
func appendUnescaped(dst []byte, s string) []byte {
	for {
		amp := strings.IndexByte(s, '&')
		if amp < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:amp]...)
		s = s[amp+1:]
		semi := strings.IndexByte(s, ';')
		if semi < 0 || semi > 7 {
			return append(dst, html.UnescapeString("&"+s)...)
		}
		r := commonEntity(s[:semi])
		if r == "" {
			return append(dst, html.UnescapeString("&"+s)...)
		}
		dst = append(dst, r...)
		s = s[semi+1:]
	}
}

// commonEntity is what &name; stands for, for the names goldmark writes; "" for others.
func commonEntity(name string) string {
	switch name {
	case "amp":
		return "&"
	case "lt":
		return "<"
	case "gt":
		return ">"
	case "quot":
		return `"`
	case "#39":
		return "'"
	case "rsquo":
		return "’"
	case "lsquo":
		return "‘"
	case "rdquo":
		return "”"
	case "ldquo":
		return "“"
	case "ndash":
		return "–"
	case "mdash":
		return "—"
	case "hellip":
		return "…"
	case "laquo":
		return "«"
	case "raquo":
		return "»"
	case "nbsp":
		return "\u00a0"
	}
	return ""
}
