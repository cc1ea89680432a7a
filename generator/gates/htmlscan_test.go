package gates

import (
	"bytes"
	"html"
	"reflect"
	"strings"
	"testing"
)

// tag is one start tag of an HTML document, with its attributes (names in lower case, values
// unescaped) and the line it starts on.
type tag struct {
	Name  string
	Attrs map[string]string
	Line  int
}

// scanTags returns the start tags of an HTML document in order. It is a small tokenizer for
// the link gate (the module has no HTML parser, and html/template output is regular enough):
// comments, doctypes and end tags are skipped, and the text of script, style, textarea and
// title is not read as markup.
func scanTags(src []byte) []tag {
	var tags []tag
	line := 1
	pos := 0 // src[:pos] has been counted into line
	lineAt := func(i int) int {
		line += bytes.Count(src[pos:i], []byte("\n"))
		pos = i
		return line
	}
	n := len(src)
	for i := 0; i < n; {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			break
		}
		i += j
		switch {
		case bytes.HasPrefix(src[i:], []byte("<!--")):
			end := bytes.Index(src[i+4:], []byte("-->"))
			if end < 0 {
				return tags
			}
			i += 4 + end + 3
			continue
		case i+1 < n && (src[i+1] == '!' || src[i+1] == '?' || src[i+1] == '/'):
			end := bytes.IndexByte(src[i:], '>')
			if end < 0 {
				return tags
			}
			i += end + 1
			continue
		case i+1 < n && isLetter(src[i+1]):
		default:
			i++
			continue
		}
		t := tag{Line: lineAt(i), Attrs: map[string]string{}}
		k := i + 1
		for k < n && isNameByte(src[k]) {
			k++
		}
		t.Name = strings.ToLower(string(src[i+1 : k]))
		// Attributes, up to the closing '>'.
		for k < n && src[k] != '>' {
			if isSpace(src[k]) || src[k] == '/' {
				k++
				continue
			}
			a := k
			for k < n && !isSpace(src[k]) && src[k] != '=' && src[k] != '>' && src[k] != '/' {
				k++
			}
			name := strings.ToLower(string(src[a:k]))
			for k < n && isSpace(src[k]) {
				k++
			}
			val := ""
			if k < n && src[k] == '=' {
				k++
				for k < n && isSpace(src[k]) {
					k++
				}
				if k < n && (src[k] == '"' || src[k] == '\'') {
					q := src[k]
					end := bytes.IndexByte(src[k+1:], q)
					if end < 0 {
						return append(tags, t)
					}
					val = string(src[k+1 : k+1+end])
					k += 1 + end + 1
				} else {
					a := k
					for k < n && !isSpace(src[k]) && src[k] != '>' {
						k++
					}
					val = string(src[a:k])
				}
			}
			if _, dup := t.Attrs[name]; !dup && name != "" {
				t.Attrs[name] = html.UnescapeString(val)
			}
		}
		tags = append(tags, t)
		i = k + 1
		switch t.Name {
		case "script", "style", "textarea", "title":
			end := indexFold(src[i:], "</"+t.Name)
			if end < 0 {
				return tags
			}
			i += end
		}
	}
	return tags
}

func isLetter(c byte) bool   { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isSpace(c byte) bool    { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
func isNameByte(c byte) bool { return isLetter(c) || c >= '0' && c <= '9' || c == '-' || c == ':' }

func indexFold(b []byte, s string) int {
	return bytes.Index(bytes.ToLower(b), []byte(s))
}

func TestScanTags(t *testing.T) {
	src := `<!DOCTYPE html>
<html lang=en>
<!-- <a href="/commented/"> -->
<a href="/x/?a=1&amp;b=2" class='c'>x</a>
<script>if (a<b) { document.write('<a href="/in-script/">') }</script>
<img
  src="/i.png" alt srcset="/i.png 1x, /i@2x.png 2x"/>
<p>1 < 2</p><INPUT Type=search disabled>
<title><a href="/in-title/"></title></head>`
	got := scanTags([]byte(src))
	want := []tag{
		{Name: "html", Line: 2, Attrs: map[string]string{"lang": "en"}},
		{Name: "a", Line: 4, Attrs: map[string]string{"href": "/x/?a=1&b=2", "class": "c"}},
		{Name: "script", Line: 5, Attrs: map[string]string{}},
		{Name: "img", Line: 6, Attrs: map[string]string{"src": "/i.png", "alt": "", "srcset": "/i.png 1x, /i@2x.png 2x"}},
		{Name: "p", Line: 8, Attrs: map[string]string{}},
		{Name: "input", Line: 8, Attrs: map[string]string{"type": "search", "disabled": ""}},
		{Name: "title", Line: 9, Attrs: map[string]string{}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("scanTags:\n got %+v\nwant %+v", got, want)
	}
}
