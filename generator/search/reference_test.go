package search

import "strings"

// plainText is how the index took a page's text before it split the words straight from
// the HTML (analyser.walk), kept as the reference that walk is held to (TestWalkAsReference).
// It takes a page's converted HTML apart into its headings and the rest of its text,
// worksheet labels, options and help included. The HTML is the build's own (goldmark's and
// the worksheet extension's output), so a small scanner is enough: it never has to make
// sense of a stranger's markup, and raw HTML that coaches allowed only adds words.
func plainText(src string) (headings []string, body string) {
	headings, b := appendPlainText(nil, src)
	return headings, string(b)
}

// appendPlainText is plainText writing the text after dst.
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

// tagName is the letters and digits a tag starts with.
func tagName(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return s[:i]
		}
	}
	return s
}
