package source

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
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
		return 1, 0, "missing title: this file has no " + frontWhat + "; start the file with three lines: +++, then " + fmt.Sprintf("title = %q", title) + ", then +++"
	}
	raw := strings.TrimRight(lines[i], "\r")
	l := strings.TrimSpace(raw)
	next := ""
	if i+1 < len(lines) {
		next = strings.TrimSpace(lines[i+1])
	}
	marker := ""
	switch {
	case l == "+++", l == "---" && looksLikeSetting(next, ':'):
		marker = l
	case strings.Trim(l, "+") == "" && (looksLikeSetting(next, '=') || next == ""):
		return i + 1, 1, fmt.Sprintf("missing title: the front matter (the page's settings, at the very top of the file) opens and closes with a line of three plus signs, +++, but this line has %d; write +++ here and on the line that closes it", len(l))
	case strings.Trim(l, "-") == "" && len(l) >= 2 && looksLikeSetting(next, ':'):
		return i + 1, 1, fmt.Sprintf("missing title: YAML front matter (the page's settings, at the very top of the file) opens and closes with a line of three dashes, ---, but this line has %d; write --- here and on the line that closes it", len(l))
	case strings.HasPrefix(l, "+++") && i == 0 && raw == l:
		return 1, 4, fmt.Sprintf("missing title: +++ must be alone on its line; put %s on the next line", strings.TrimSpace(l[3:]))
	case looksLikeSetting(l, '='):
		return i + 1, 1, fmt.Sprintf("missing title: %s is read as the page's text, because settings go in the front matter, between two lines of only +++ at the very top of the file; put a line with +++ above it and another after the last setting%s", l, firstLine(i))
	case looksLikeSetting(l, ':') && knownYAMLKey(l):
		return i + 1, 1, fmt.Sprintf("missing title: %s is read as the page's text, because settings go in the front matter, between two lines of only --- at the very top of the file; put a line with --- above it and another after the last setting%s", l, firstLine(i))
	}
	if marker == "" {
		return 1, 0, "missing title: this file has no " + frontWhat + "; start the file with three lines: +++, then " + fmt.Sprintf("title = %q", title) + ", then +++"
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

// firstLine asks for the front matter on line 1 when the settings start on line i+1.
func firstLine(i int) string {
	if i == 0 {
		return ""
	}
	return ", and delete what comes above it: the front matter starts on line 1"
}

// looksLikeSetting reports whether l reads as a key, sep and a value: title = "A".
func looksLikeSetting(l string, sep byte) bool {
	k, v, ok := strings.Cut(l, string(sep))
	k = strings.TrimSpace(k)
	if !ok || k == "" || sep == ':' && v != "" && v[0] != ' ' {
		return false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
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

// tomlHint turns the TOML decoder's message about a line of front matter into what a coach
// should write instead, for the mistakes seen most: text without quotes, quotes from a word
// processor, YAML's colon between +++ lines, an apostrophe in single quotes, a backslash, a
// key given twice, a date that does not exist. line is the front matter's line (from 1), as
// the decoder counts; ok is false when the mistake is not one of these.
func tomlHint(fm []byte, line, col int, msg string) (hline, hcol int, hint string, ok bool) {
	lines := strings.Split(string(fm), "\n")
	if line < 1 || line > len(lines) {
		return 0, 0, "", false
	}
	l := strings.TrimSpace(lines[line-1])
	key, v, hasEq := strings.Cut(l, "=")
	key, v = strings.TrimSpace(key), strings.TrimSpace(v)
	switch {
	case strings.HasPrefix(msg, "Key '") && strings.HasSuffix(msg, "' has already been defined."):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "Key '"), "' has already been defined.")
		// A key in a table is twice in the same table: look back to the table's header.
		dotted := strings.Contains(name, ".")
		name = name[strings.LastIndex(name, ".")+1:]
		first := 0
		for i := line - 2; i >= 0 && first == 0; i-- {
			k, _, _ := strings.Cut(strings.TrimSpace(lines[i]), "=")
			k = strings.TrimSpace(k)
			if k == name || k == "["+name+"]" {
				first = i + 1
			} else if dotted && strings.HasPrefix(k, "[") {
				break
			}
		}
		if first == 0 {
			return 0, 0, "", false
		}
		return line, 1, fmt.Sprintf("%s is set twice, on lines %d and %d; keep one", name, first+1, line+1), true
	case strings.Contains(msg, "but got ':'") && !hasEq:
		k, val, _ := strings.Cut(l, ":")
		return line, col, fmt.Sprintf("between +++ lines write %s = %s; the %s: form is YAML, which goes between --- lines", strings.TrimSpace(k), tomlValue(strings.TrimSpace(val)), strings.TrimSpace(k)), true
	case strings.HasPrefix(msg, "expected '.' or '=', but got") && !hasEq && looksLikeSetting(strings.Replace(l, " ", " =", 1), '='):
		k, val, _ := strings.Cut(l, " ")
		return line, col, fmt.Sprintf("put = between the key and its value: %s = %s", k, strings.TrimSpace(val)), true
	case strings.HasPrefix(msg, "expected value but found \"") && !hasEq:
		// An item of a list written over several lines.
		item := strings.TrimSuffix(l, ",")
		return line, col, fmt.Sprintf("each item in a list needs quotes: %s", tomlValue(item)), true
	case !hasEq:
		return 0, 0, "", false
	case strings.ContainsAny(msg, "“”‘’„«»"):
		return line, col, fmt.Sprintf("use straight quotes \" \", not curly ones “ ” (word processors and notes apps put those in): %s = %s", key, straightQuotes(v)), true
	case strings.HasPrefix(msg, "expected value but found \"") && !strings.HasPrefix(v, "{"):
		if strings.HasPrefix(v, "[") {
			item := "item"
			if key == "tags" {
				item = "tag"
			} else if key == "aliases" {
				item = "alias"
			}
			return line, col, fmt.Sprintf("each %s needs quotes: %s = %s", item, key, quoteList(v)), true
		}
		switch strings.ToLower(v) {
		case "yes":
			return line, col, fmt.Sprintf("%s must be true or false: %s = true", key, key), true
		case "no":
			return line, col, fmt.Sprintf("%s must be true or false: %s = false", key, key), true
		}
		switch key {
		case "draft", "toc", "unlisted", "repeat", "search":
			return line, col, fmt.Sprintf("%s must be true or false, with no quotes: %s = true", key, key), true
		case "weight":
			return line, col, fmt.Sprintf("%s must be a whole number, written in digits: %s = 10", key, key), true
		}
		return line, col, fmt.Sprintf("text needs quotes: %s = %q", key, v), true
	case strings.HasPrefix(v, "'") && strings.HasPrefix(msg, "expected a top-level item to end"):
		return line, col, fmt.Sprintf("an apostrophe ends text in single quotes; use double quotes: %s = %q", key, strings.TrimSuffix(strings.TrimPrefix(v, "'"), "'")), true
	case strings.HasPrefix(v, "\"") && (strings.Contains(msg, "hexadecimal digits after") || strings.HasPrefix(msg, "invalid escape")):
		inner := strings.TrimSuffix(strings.TrimPrefix(v, "\""), "\"")
		return line, col, fmt.Sprintf("a backslash \\ in double quotes starts a code like \\n; write each backslash twice, %s = \"%s\", or use single quotes, %s = '%s'", key, strings.ReplaceAll(inner, `\`, `\\`), key, inner), true
	case strings.HasPrefix(msg, "invalid datetime"),
		isDateKey(key) && strings.HasPrefix(msg, "Invalid integer"),
		isDateKey(key) && strings.ContainsAny(v, "/.") && !strings.HasPrefix(v, "\""):
		// The decoder points inside the date (at the / of 3/14/2026); the date starts here.
		if at := strings.Index(lines[line-1], v); at >= 0 {
			col = utf8.RuneCountInString(lines[line-1][:at]) + 1
		}
		return line, col, dateHint(key, v), true
	}
	return 0, 0, "", false
}

// isDateKey reports whether key is one of the dates front matter knows.
func isDateKey(key string) bool {
	switch key {
	case "date", "lastmod", "publishDate", "expiryDate":
		return true
	}
	return false
}

// tomlValue writes a YAML value as TOML: text in quotes, numbers, true, false, lists as they are.
func tomlValue(v string) string {
	switch {
	case v == "", v[0] == '"', v[0] == '\'', v[0] == '[', v == "true", v == "false":
		return v
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil {
		return v
	}
	if _, err := time.Parse("2006-01-02", v); err == nil {
		return v
	}
	return strconv.Quote(v)
}

// straightQuotes replaces curly quotes by straight ones. Text in curly quotes comes back in
// double quotes, as it may hold an apostrophe: ‘Coach’s corner’ is "Coach's corner".
func straightQuotes(v string) string {
	if r := []rune(v); len(r) >= 2 && strings.ContainsRune("“”‘’„«»", r[0]) && strings.ContainsRune("“”‘’„«»", r[len(r)-1]) {
		return strconv.Quote(strings.NewReplacer("’", "'", "‘", "'").Replace(string(r[1 : len(r)-1])))
	}
	return strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`, "‘", "'", "’", "'").Replace(v)
}

// quoteList puts quotes around each unquoted item of a one-line list: [a, b] → ["a", "b"].
func quoteList(v string) string {
	inner := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(v, "["), "]"))
	var items []string
	for _, it := range strings.Split(inner, ",") {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		items = append(items, tomlValue(it))
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// dateHint says what is wrong with a date the TOML decoder refused, such as 2026-02-30.
func dateHint(key, v string) string {
	var y, m, d int
	if n, _ := fmt.Sscanf(v, "%4d-%2d-%2d", &y, &m, &d); n == 3 {
		if m < 1 || m > 12 {
			return fmt.Sprintf("%s = %s: there is no month %d; write dates as year-month-day, like %s = %04d-03-14", key, v, m, key, y)
		}
		last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d < 1 || d > last {
			return fmt.Sprintf("%s = %s: there is no such date (%s %d has %d days); write a real date, like %s = %04d-%02d-%02d", key, v, time.Month(m), y, last, key, y, m, last)
		}
		return fmt.Sprintf("%s = %s: write the month and the day with two digits each: %s = %04d-%02d-%02d", key, v, key, y, m, d)
	}
	return fmt.Sprintf("%s = %s is not a date; write dates as year-month-day, like %s = 2026-03-14", key, v, key)
}

// yamlHint turns a YAML syntax error about line (of the front matter, from 1) into what to
// write, for the mistake seen most: a colon in unquoted text (title: Goals: a primer); ok is
// false for any other.
func yamlHint(fm []byte, line int, msg string) (hint string, ok bool) {
	lines := strings.Split(string(fm), "\n")
	if line < 1 || line > len(lines) {
		return "", false
	}
	raw := strings.TrimRight(lines[line-1], "\r")
	key, v, _ := strings.Cut(raw, ":")
	v = strings.TrimSpace(v)
	if msg == "mapping values are not allowed in this context" && raw == strings.TrimLeft(raw, " \t") &&
		looksLikeSetting(raw, ':') && v != "" && !strings.ContainsAny(v[:1], `"'[{`) && strings.Contains(v, ": ") {
		return fmt.Sprintf("text with a colon in it needs quotes: %s: %q", key, v), true
	}
	return "", false
}
