package render

import (
	"bytes"
	"encoding/json"
	"html"
	"strings"
)

// StringsFile is the script holding the words of the theme's scripts, one per language
// under its base path, loaded by every page before the scripts that read it.
const StringsFile = "js/strings.js"

// StringsScript turns the theme's "strings" template, as it is written (hidden elements
// whose data- attributes are the scripts' words), into StringsFile: for each element with an
// id, what a browser gives as its dataset, under window.BetweenStrings[id]. Every page wrote
// those elements alike (4.5 KB of an article page of 17 KB); a script file is fetched once
// and kept by the browser and the service worker. The scripts still read an element of
// that id first, where a page has one (a layout written before this file).
func StringsScript(markup []byte) []byte {
	var b bytes.Buffer
	b.WriteString("// The words of the site's scripts, by the id of the element that held them on each page.\nwindow.BetweenStrings = {")
	seen := map[string]bool{}
	first := true
	for _, el := range elements(string(markup)) {
		id, ok := el.get("id")
		if !ok || seen[id] {
			continue // getElementById finds the first of an id
		}
		seen[id] = true
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString("\n")
		writeJSON(&b, id)
		b.WriteString(": {")
		n := 0
		for _, a := range el {
			name, ok := strings.CutPrefix(a.name, "data-")
			if !ok {
				continue
			}
			if n > 0 {
				b.WriteString(", ")
			}
			n++
			writeJSON(&b, datasetName(name))
			b.WriteString(": ")
			writeJSON(&b, a.value)
		}
		b.WriteString("}")
	}
	b.WriteString("\n};\n")
	return b.Bytes()
}

func writeJSON(b *bytes.Buffer, s string) {
	data, err := json.Marshal(s) // escapes <, >, &, U+2028 and U+2029 too: safe in any script
	if err != nil {
		panic(err) // a string always encodes
	}
	b.Write(data)
}

// datasetName is the name of a data-NAME attribute in an element's dataset: each '-'
// followed by a lower-case ASCII letter dropped and the letter made upper case.
func datasetName(name string) string {
	if !strings.Contains(name, "-") {
		return name
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' && i+1 < len(name) && 'a' <= name[i+1] && name[i+1] <= 'z' {
			b.WriteByte(name[i+1] - 'a' + 'A')
			i++
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

type attr struct{ name, value string }

// element is a start tag's attributes, the first of each name (as a browser keeps them).
type element []attr

func (e element) get(name string) (string, bool) {
	for _, a := range e {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

// elements reads the start tags of markup as an HTML tokenizer does: names lower-cased,
// values in double, single or no quotes, character references decoded; comments and end
// tags passed over. It is for a template's few elements, not for any document (no raw
// text elements, no CDATA).
func elements(s string) []element {
	var out []element
	for i := 0; i < len(s); {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			break
		}
		i += lt + 1
		switch {
		case strings.HasPrefix(s[i:], "!--"):
			end := strings.Index(s[i+3:], "-->")
			if end < 0 {
				return out
			}
			i += 3 + end + 3
			continue
		case i < len(s) && (s[i] == '/' || s[i] == '!' || s[i] == '?'):
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return out
			}
			i += end + 1
			continue
		case i >= len(s) || !isASCIILetter(s[i]):
			continue // a '<' in text
		}
		for i < len(s) && !isSpace(s[i]) && s[i] != '/' && s[i] != '>' {
			i++ // the tag's name
		}
		var el element
		for i < len(s) {
			for i < len(s) && (isSpace(s[i]) || s[i] == '/') {
				i++
			}
			if i >= len(s) || s[i] == '>' {
				i++
				break
			}
			start := i
			i++ // a first '=' belongs to the name
			for i < len(s) && !isSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
				i++
			}
			name := strings.ToLower(s[start:i])
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			value := ""
			if i < len(s) && s[i] == '=' {
				i++
				for i < len(s) && isSpace(s[i]) {
					i++
				}
				if i < len(s) && (s[i] == '"' || s[i] == '\'') {
					q := s[i]
					end := strings.IndexByte(s[i+1:], q)
					if end < 0 {
						end = len(s) - i - 1
					}
					value = s[i+1 : i+1+end]
					i += end + 2
				} else {
					start := i
					for i < len(s) && !isSpace(s[i]) && s[i] != '>' {
						i++
					}
					value = s[start:i]
				}
				value = html.UnescapeString(value)
			}
			if _, dup := el.get(name); !dup {
				el = append(el, attr{name, value})
			}
		}
		out = append(out, el)
	}
	return out
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
