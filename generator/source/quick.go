package source

import (
	"bytes"
	"strconv"
	"time"

	"github.com/BurntSushi/toml"
)

// quickTOML decodes TOML front matter written the way nearly every page writes it, one
// key a line: a bare key, '=', and a string without escapes, a whole number, true or false,
// a date or a date and time (2025-12-20, 2025-12-20T09:00:00Z, …+02:00), or a list of such
// strings on one line; and comments. For anything else (a table, an escape, a float, a
// list over several lines, a key given twice, a mistake) ok is false, and the TOML library decodes the front matter as if
// quickTOML did not exist: its messages, with their lines, are the ones a coach sees.
//
// The values are what the library makes of the same text (string, int64, bool, time.Time in
// the library's own locations, []any), and lines are where decodeTOML would place each key.
// The library took 0.30 of a 10,000-page build's 7 CPU-seconds for pages of five keys,
// most of it reflection.
func quickTOML(fm []byte) (meta map[string]any, lines map[string]int, ok bool) {
	meta, lines = make(map[string]any, 8), make(map[string]int, 8)
	for n := 1; len(fm) > 0; n++ {
		line := fm
		if nl := bytes.IndexByte(fm, '\n'); nl >= 0 {
			line, fm = fm[:nl], fm[nl+1:]
			line = bytes.TrimSuffix(line, []byte("\r"))
		} else {
			fm = nil
		}
		i := skipBlank(line, 0)
		if i == len(line) {
			continue
		}
		if line[i] == '#' {
			if !comment(line[i:]) {
				return nil, nil, false
			}
			continue
		}
		j := i
		for j < len(line) && bareKeyChar(line[j]) {
			j++
		}
		if j == i {
			return nil, nil, false
		}
		key := string(line[i:j])
		j = skipBlank(line, j)
		if j == len(line) || line[j] != '=' {
			return nil, nil, false
		}
		v, end, ok := quickValue(line, skipBlank(line, j+1))
		if !ok {
			return nil, nil, false
		}
		if end = skipBlank(line, end); end < len(line) && !comment(line[end:]) {
			return nil, nil, false
		}
		if _, twice := meta[key]; twice {
			return nil, nil, false
		}
		// The front matter starts on the file's line 2.
		meta[key], lines[key] = v, n+1
	}
	return meta, lines, true
}

// quickValue reads the value at line[i:] when it is one quickTOML takes, and says where it
// ends.
func quickValue(line []byte, i int) (v any, end int, ok bool) {
	if i == len(line) {
		return nil, 0, false
	}
	switch c := line[i]; {
	case c == '"':
		s, end, ok := quickString(line, i)
		return s, end, ok
	case c == '[':
		list := []any{}
		i = skipBlank(line, i+1)
		if i < len(line) && line[i] == ']' {
			return list, i + 1, true
		}
		for {
			s, end, ok := quickString(line, i)
			if !ok {
				return nil, 0, false
			}
			list = append(list, s)
			i = skipBlank(line, end)
			if i == len(line) {
				return nil, 0, false
			}
			switch line[i] {
			case ']':
				return list, i + 1, true
			case ',':
				i = skipBlank(line, i+1)
			default:
				return nil, 0, false
			}
		}
	case c == 't' || c == 'f':
		for _, b := range []string{"true", "false"} {
			if bytes.HasPrefix(line[i:], []byte(b)) && valueEnds(line, i+len(b)) {
				return b == "true", i + len(b), true
			}
		}
		return nil, 0, false
	case '0' <= c && c <= '9' && len(line)-i >= 10 && line[i+4] == '-':
		return quickDate(line, i)
	case '0' <= c && c <= '9' || c == '-' || c == '+':
		j := i
		if c == '-' || c == '+' {
			j++
		}
		digits := j
		for j < len(line) && '0' <= line[j] && line[j] <= '9' {
			j++
		}
		// No leading zero, no underscore, hex, float or overflow: the library says which.
		if j == digits || j-digits > 18 || line[digits] == '0' && j-digits > 1 || !valueEnds(line, j) {
			return nil, 0, false
		}
		n, err := strconv.ParseInt(string(line[i:j]), 10, 64)
		return n, j, err == nil
	}
	return nil, 0, false
}

// quickString reads a basic string without escapes at line[i:].
func quickString(line []byte, i int) (s string, end int, ok bool) {
	if i >= len(line) || line[i] != '"' {
		return "", 0, false
	}
	for j := i + 1; j < len(line); j++ {
		switch c := line[j]; {
		case c == '"':
			return string(line[i+1 : j]), j + 1, true
		case c == '\\', c < ' ' && c != '\t', c == 0x7f:
			return "", 0, false
		}
	}
	return "", 0, false
}

// quickDate reads 2025-12-20 (a local date), 2025-12-20T09:00:00Z or
// 2025-12-20T09:00:00+02:00 at line[i:], each digit written, as the library parses them.
func quickDate(line []byte, i int) (v any, end int, ok bool) {
	rest := line[i:]
	shape := func(pattern string) bool {
		if len(rest) < len(pattern) || !valueEnds(rest, len(pattern)) {
			return false
		}
		for k := range len(pattern) {
			if c := rest[k]; pattern[k] == 'd' && !('0' <= c && c <= '9') || pattern[k] != 'd' && c != pattern[k] {
				return false
			}
		}
		return true
	}
	var t time.Time
	var err error
	switch {
	case shape("dddd-dd-dd"):
		end = 10
		t, err = time.ParseInLocation("2006-01-02", string(rest[:end]), localDate)
	case shape("dddd-dd-ddTdd:dd:ddZ"):
		end = 20
		t, err = time.ParseInLocation(time.RFC3339Nano, string(rest[:end]), time.Local)
	case shape("dddd-dd-ddTdd:dd:dd+dd:dd"), shape("dddd-dd-ddTdd:dd:dd-dd:dd"):
		end = 25
		t, err = time.ParseInLocation(time.RFC3339Nano, string(rest[:end]), time.Local)
	default:
		return nil, 0, false
	}
	if err != nil || localDate == nil {
		return nil, 0, false
	}
	return t, i + end, true
}

// localDate is the location the TOML library gives a date without a time, taken from the
// library itself.
var localDate = func() *time.Location {
	var m map[string]any
	if _, err := toml.Decode("d = 2000-01-02", &m); err != nil {
		return nil
	}
	t, ok := m["d"].(time.Time)
	if !ok {
		return nil
	}
	return t.Location()
}()

// comment reports whether rest is a comment the library takes: '#' and no control
// character but tabs.
func comment(rest []byte) bool {
	if len(rest) == 0 || rest[0] != '#' {
		return false
	}
	for _, c := range rest {
		if c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// valueEnds reports whether a value may end at line[i]: at the end of the line or before a
// blank.
func valueEnds(line []byte, i int) bool {
	return i == len(line) || line[i] == ' ' || line[i] == '\t'
}

func skipBlank(line []byte, i int) int {
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i
}

func bareKeyChar(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}
