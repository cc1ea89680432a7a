package config

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/between-ssg/between/generator/input"
)

// TOMLError says where the mistake is that made the TOML decoder refuse src with err, and
// what to write instead, in the words of someone who has never read the TOML rules. The
// decoder's own messages ("Key 'title' has already been defined.", "expected value but
// found \"My\" instead") name neither the fix nor, often, the field. config.toml, front
// matter and i18n files all come here, so a mistake reads the same in each.
//
// offset is the number of the file's lines above src: 1 for front matter, whose text starts
// on the file's line 2, 0 for a whole file. front is set for front matter, where YAML's
// key: value is the other way to write settings. line is the file's line.
func TOMLError(src []byte, err error, offset int, front bool) (line, col int, msg string) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return offset, 0, err.Error()
	}
	if pe.Position.Line < 1 && pe.Position.Start >= 0 && pe.Position.Start <= len(src) {
		// The decoder says line 0 for text left open before a Windows line end (\r\n);
		// its byte offset is right.
		before := src[:pe.Position.Start]
		pe.Position.Line = bytes.Count(before, []byte("\n")) + 1
		pe.Position.Col = len(before) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	}
	if strings.HasPrefix(pe.Message, "files cannot contain NULL bytes") || strings.HasPrefix(pe.Message, "invalid UTF-8 byte") {
		// Told as a page's file is: UTF-16, or the word in an older encoding, at its
		// column in characters.
		if l, c, m, ok := input.NotText(src); !ok {
			if l > 0 {
				l += offset
			}
			return l, c, m
		}
	}
	if key, v, l, c, ok := UnclosedQuote(src, '='); ok && pe.Position.Line == l {
		return l + offset, c, UnclosedQuoteMessage(key, v, '=')
	}
	line, col, msg = tomlHint(src, offset, pe.Position.Line, pe.Position.Col, pe.Message, pe.LastKey, front)
	return line + offset, charColumn(src, line, col), msg
}

// charColumn turns col, a byte column of line (of src, from 1) as the decoder and tomlHint
// count, into the column in characters that an editor shows and worksheet errors give: a
// line with 日本語 before the mistake was 6 columns too far (3 bytes each).
func charColumn(src []byte, line, col int) int {
	if line < 1 || col <= 1 {
		return col
	}
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			return col
		}
		src = src[i+1:]
	}
	text, _, _ := bytes.Cut(src, []byte{'\n'})
	at := col - 1
	if at > len(text) {
		// Past the line's end (the decoder at its newline): as many columns past its last
		// character.
		return utf8.RuneCount(text) + 1 + at - len(text)
	}
	for at > 0 && at < len(text) && !utf8.RuneStart(text[at]) {
		at-- // inside a character: at its start
	}
	return utf8.RuneCount(text[:at]) + 1
}

// tomlHint turns the TOML decoder's message about line (of src, from 1) into what a coach
// should write instead. The mistakes seen most come first, with the line rewritten as it
// should be: text without quotes, quotes from a word processor, YAML's colon, an apostrophe
// in single quotes, a backslash, a key given twice, a date that does not exist. Then every
// other message the decoder (BurntSushi/toml 1.6, lex.go and parse.go) can give, in plain
// words. Line numbers inside the message are the file's: src's plus offset.
func tomlHint(src []byte, offset, line, col int, msg, lastKey string, front bool) (int, int, string) {
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return line, col, tomlPlain(msg, "", "", lastKey)
	}
	raw := strings.TrimRight(lines[line-1], "\r")
	l := strings.TrimSpace(raw)
	key, v, hasEq := strings.Cut(l, "=")
	key, v = strings.TrimSpace(key), strings.TrimSpace(v)
	if c, what := strayInvisible(raw); c > 0 && !strings.HasPrefix(msg, "Key '") {
		return line, c, fmt.Sprintf("there is %s here, outside the quotes, which word processors and notes apps put in and which looks like a space or like nothing; delete it, and type an ordinary space if one is needed", what)
	}
	switch {
	case strings.HasPrefix(msg, "Key '") && strings.HasSuffix(msg, "' has already been defined."):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "Key '"), "' has already been defined.")
		return twice(lines, offset, line, name, lastKey)
	case strings.HasPrefix(msg, "TOML files cannot contain control characters: '0x0d'"):
		// The decoder points before the character, which no editor shows: point at it.
		if i := strings.IndexByte(lines[line-1], '\r'); i >= 0 {
			col = i + 1
		}
		return line, col, "this line ends with a lone carriage return, an invisible character some old editors write instead of a new line; save the file with ordinary line endings (LF, or CRLF on Windows)"
	case strings.HasPrefix(msg, "TOML files cannot contain control characters: "):
		code := strings.Trim(strings.TrimPrefix(msg, "TOML files cannot contain control characters: "), "'")
		if n, err := strconv.ParseUint(strings.TrimPrefix(code, "0x"), 16, 8); err == nil {
			if i := strings.IndexByte(lines[line-1], byte(n)); i >= 0 {
				col = i + 1
			}
		}
		return line, col, fmt.Sprintf("an invisible control character (%s) is on this line, often pasted in from another program; delete the line and type it again", code)
	case strings.HasPrefix(msg, "files cannot contain NULL bytes"), strings.HasPrefix(msg, "invalid UTF-8 byte"):
		return line, col, "this file is not UTF-8 text; save it as UTF-8 in your editor"
	case strings.Contains(msg, "but got ':'") && !hasEq:
		k, val, _ := strings.Cut(l, ":")
		k, val = strings.TrimSpace(k), tomlValue(strings.TrimSpace(val))
		if front {
			return line, col, fmt.Sprintf("between +++ lines write %s = %s; the %s: form is YAML, which goes between --- lines", k, val, k)
		}
		return line, col, fmt.Sprintf("write %s = %s: in this file a setting's name and its value are joined by =, not by a colon", k, val)
	case (strings.HasPrefix(msg, "expected '.' or '=', but got '\\n'") || strings.HasPrefix(msg, "expected '.' or '=', but got '\\r'")) && !hasEq:
		return line, col, fmt.Sprintf("%s has no = and no value; write it like %s = \"...\", or delete it", Shorten(l), Shorten(l))
	case strings.HasPrefix(msg, "expected '.' or '=', but got") && !hasEq && LooksLikeSetting(strings.Replace(l, " ", " =", 1), '='):
		k, val, _ := strings.Cut(l, " ")
		return line, col, fmt.Sprintf("put = between the key and its value: %s = %s", k, Shorten(strings.TrimSpace(val)))
	case strings.HasPrefix(msg, "expected '.' or '=', but got") && hasEq && strings.ContainsAny(key, " \t") && !strings.ContainsAny(key, `"'`):
		fixed := strings.Join(strings.Fields(key), "_")
		return line, col, fmt.Sprintf("a setting's name cannot have spaces; write %s = %s", Shorten(fixed), Shorten(v))
	case strings.HasPrefix(msg, "expected value but found \"") && !hasEq:
		// An item of a list written over several lines.
		item := strings.TrimSuffix(l, ",")
		return line, col, fmt.Sprintf("each item in a list needs quotes: %s", tomlValue(item))
	case strings.HasPrefix(msg, "expected '.' or ']' to end table name, but got '\\n'"), strings.HasPrefix(msg, "expected end of table array name delimiter ']', but got '\\n'"):
		// The decoder sees the end of the line on the next one: find the [ line.
		for i := line - 1; i >= 0; i-- {
			if t := strings.TrimSpace(strings.TrimRight(lines[i], "\r")); strings.HasPrefix(t, "[") {
				want := t + "]"
				if strings.HasPrefix(t, "[[") && !strings.HasSuffix(t, "]") {
					want += "]"
				}
				return i + 1, len(strings.TrimRight(lines[i], "\r")) + 1, fmt.Sprintf("%s has no closing ]; write %s", t, want)
			}
		}
	case strings.HasPrefix(msg, "expected '.' or ']' to end table name") && strings.HasPrefix(l, "[") && strings.Contains(l, "]") && strings.Contains(strings.Trim(l, "[] \t"), " ") && !strings.ContainsAny(l, `"'`):
		name := strings.Join(strings.Fields(strings.Trim(l, "[] \t")), "_")
		return line, col, fmt.Sprintf("a table's name cannot have spaces; write [%s]", name)
	case strings.HasPrefix(msg, "expected a top-level item to end") && strings.HasPrefix(l, "["):
		name := strings.TrimSpace(strings.Trim(l[:strings.Index(l, "]")+1], "[]"))
		table := "[" + name + "]"
		if strings.HasPrefix(l, "[[") {
			table = "[[" + name + "]]"
		}
		if rest := strings.TrimSpace(raw[min(max(col-1, 0), len(raw)):]); strings.HasPrefix(rest, "]") {
			return line, col, fmt.Sprintf("this table line has a ] too many; write %s", table)
		} else if rest != "" {
			return line, col, fmt.Sprintf("a table line holds only the table's name, %s; put %s on the next line", table, rest)
		}
	case (strings.HasPrefix(msg, "expected a comma (',') or array terminator") || strings.HasPrefix(msg, "expected a comma or an inline table terminator")) &&
		hasEq && LooksLikeSetting(l, '='):
		// A list over several lines reads the next setting as its item: the list above
		// was never closed.
		for i := line - 2; i >= 0; i-- {
			t := strings.TrimRight(lines[i], " \t\r")
			_, v, ok := strings.Cut(t, "=")
			v = strings.TrimSpace(v)
			switch {
			case ok && strings.HasPrefix(v, "["):
				return i + 1, len(t) + 1, fmt.Sprintf("this list is never closed, so the next setting (line %d) is read as one of its items; end the list with ] after its last item", line+offset)
			case ok && strings.HasPrefix(v, "{"):
				return i + 1, len(t) + 1, fmt.Sprintf("this { is never closed, so the next setting (line %d) is read as part of it; end it with } after its last setting", line+offset)
			}
		}
	case !hasEq:
	case strings.ContainsAny(msg, "“”‘’„«»"):
		return line, col, fmt.Sprintf("use straight quotes \" \", not curly ones “ ” (word processors and notes apps put those in): %s = %s", key, straightQuotes(v))
	case strings.HasPrefix(msg, "expected value but found \"") && !strings.HasPrefix(v, "{"):
		if strings.HasPrefix(v, "[") {
			item := "item"
			if key == "tags" {
				item = "tag"
			} else if key == "aliases" {
				item = "alias"
			}
			return line, col, fmt.Sprintf("each %s needs quotes: %s = %s", item, key, quoteList(v))
		}
		switch strings.ToLower(v) {
		case "yes":
			return line, col, fmt.Sprintf("%s must be true or false: %s = true", key, key)
		case "no":
			return line, col, fmt.Sprintf("%s must be true or false: %s = false", key, key)
		}
		switch key {
		case "draft", "toc", "unlisted", "repeat", "search", "strict", "unsafe":
			return line, col, fmt.Sprintf("%s must be true or false, with no quotes: %s = true", key, key)
		case "weight", "minutes":
			return line, col, fmt.Sprintf("%s must be a whole number, written in digits: %s = 10", key, key)
		case "paginate":
			return line, col, fmt.Sprintf("%s must be a whole number, written in digits: %s = 50", key, key)
		}
		return line, col, fmt.Sprintf("text needs quotes: %s = %q", key, Shorten(v))
	case strings.HasPrefix(v, "'") && strings.HasPrefix(msg, "expected a top-level item to end"):
		return line, col, fmt.Sprintf("an apostrophe ends text in single quotes; use double quotes: %s = %q", key, Shorten(strings.TrimSuffix(strings.TrimPrefix(v, "'"), "'")))
	case strings.HasPrefix(v, "\"") && (strings.Contains(msg, "hexadecimal digits after") || strings.HasPrefix(msg, "invalid escape")):
		inner := Shorten(strings.TrimSuffix(strings.TrimPrefix(v, "\""), "\""))
		return line, col, fmt.Sprintf("a backslash \\ in double quotes starts a code like \\n; write each backslash twice, %s = \"%s\", or use single quotes, %s = '%s'", key, strings.ReplaceAll(inner, `\`, `\\`), key, inner)
	case strings.HasPrefix(msg, "invalid datetime"),
		isDateKey(key) && strings.HasPrefix(msg, "Invalid integer"),
		isDateKey(key) && strings.ContainsAny(v, "/.") && !strings.HasPrefix(v, "\""):
		// The decoder points inside the date (at the / of 3/14/2026); the date starts here.
		if at := strings.Index(raw, v); at >= 0 {
			col = at + 1 // in bytes, as the decoder's
		}
		return line, col, dateHint(key, v)
	case strings.HasPrefix(msg, "Invalid integer") && strings.HasSuffix(msg, "cannot have leading zeroes"):
		n := strings.TrimLeft(v, "0")
		if n == "" || n[0] < '0' || n[0] > '9' {
			n = "0" + n
		}
		return line, col, fmt.Sprintf("a number cannot start with 0: %s = %s; or, if it is not a number to count with (a phone number, a code), put it in quotes: %s = %q", key, Shorten(n), key, Shorten(v))
	}
	rest := ""
	if col >= 1 && col <= len(raw) {
		rest = strings.TrimSpace(raw[col-1:])
	}
	return line, col, tomlPlain(msg, l, rest, lastKey)
}

// tomlPlain says in plain words what the decoder's msg means, for the mistakes tomlHint
// does not rewrite. l is the line, rest the line from the decoder's column on. Every
// message of the decoder has its case; one it may add later still says what to check.
func tomlPlain(msg, l, rest, lastKey string) string {
	key := lastKey
	if i := strings.LastIndex(key, "."); i >= 0 {
		key = key[i+1:]
	}
	if key == "" {
		key = "the setting"
	}
	has := func(s string) bool { return strings.HasPrefix(msg, s) }
	switch {
	case has("expected a top-level item to end"):
		return fmt.Sprintf("this line goes on after its value (with %s); write one setting a line, put the whole text inside one pair of quotes, and start a comment with #", clip(rest))
	case has("unexpected EOF; expected key separator '='"):
		return fmt.Sprintf("%s has no = and no value; write it like %s = \"...\", or delete it", Shorten(l), Shorten(l))
	case has("unexpected EOF; expected value"), has("expected value but found '\\n'"), has("expected value but found '\\r'"):
		if strings.Contains(l, "[") && !strings.Contains(l, "]") || strings.HasSuffix(l, ",") {
			return "the list is never closed; end it with ] after its last item"
		}
		if strings.Contains(l, "{") && !strings.Contains(l, "}") {
			return "the { is never closed; end it with } on the same line"
		}
		return fmt.Sprintf("%s has no value after the =; write one, like %s = \"...\", or delete the line", key, key)
	case has("expected value but found \""):
		word, _ := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(msg, "expected value but found "), " instead"))
		word = Shorten(word)
		return fmt.Sprintf("Between cannot read the value %s: text needs quotes, %q; true and false are written in small letters, and a number is only digits, like 10 or 0.5", word, word)
	case has("expected value but found"), has("floats must start with a digit"), has("invalid float"), has("Invalid float"),
		has("cannot use sign with non-decimal numbers"), has("expected a digit but got"), has("not a binary number"),
		has("not an octal number"), has("not a hexadecimal number"), has("Invalid integer"):
		return fmt.Sprintf("Between cannot read the value %s: text needs quotes (\"...\"), true and false are written in small letters, and a number is only digits, like 10 or 0.5", clip(rest))
	case strings.HasSuffix(msg, "is out of range for int64"), strings.HasSuffix(msg, "is out of range for float64"):
		return fmt.Sprintf("%s is too large a number; if it is not a number to count with (a phone number, a code), put it in quotes", clip(rest))
	case has("expected end of table array name delimiter"):
		return "a line that opens with [[ must close with ]], like [[stages]]"
	case has("unexpected end of table name"), has("unexpected table separator"):
		return "a table line needs a name between its brackets, like [params]"
	case has("expected '.' or ']' to end table name"):
		return "close the table's name with ] on the same line, like [params], and write nothing after it; a name with spaces needs quotes: [\"my table\"]"
	case has("unexpected '=': key name appears blank"):
		return "this line starts with =; write the setting's name before it, like title = \"...\""
	case has("unexpected '.'"), has("unexpected '='"), has("expected '.' or '='"):
		return fmt.Sprintf("this line should read name = value, but Between cannot tell where the name ends (at %s); a name is letters, digits, _ and -, with one dot between parts (markdown.unsafe), and text goes in quotes after the =", clip(rest))
	case has("unexpected comma"):
		return "there is a comma with nothing before it; delete it"
	case has("expected a comma (',') or array terminator (']'), but got end of file"):
		return "the list is never closed; end it with ] after its last item"
	case has("expected a comma (',') or array terminator"):
		return "put a comma between the items of a list, and ] after the last: [\"one\", \"two\"]"
	case has("expected a comma or an inline table terminator '}', but got end of file"):
		return "the { is never closed; end it with } after its last setting"
	case has("expected a comma or an inline table terminator"):
		return "put a comma between the settings inside { }, and } after the last: { name = \"Clara\", city = \"Lyon\" }"
	case has("newlines not allowed within inline tables"):
		return "write a { } table on one line, or as a [table] of its own"
	case has("strings cannot contain newlines"), has(`unexpected EOF; expected '"'`), has(`unexpected EOF; expected "'"`):
		return "this text is never closed; end it with the same quote it opens with, on the same line (for text over several lines, open and close it with \"\"\")"
	case has(`unexpected EOF; expected '"""'`), has(`unexpected EOF; expected "'''"`):
		return "text opened with three quotes is never closed; end it with the same three quotes after its last line"
	case has(`unexpected '""""""'`), has(`unexpected "''''''"`):
		return "too many quotes in a row: text in three quotes ends at the first three quotes after it"
	case has("invalid escape"), has("expected two hexadecimal"), has("expected four hexadecimal"), has("expected eight hexadecimal"), has("Escaped character"):
		return "a backslash \\ in double quotes starts a code like \\n; write each backslash twice, \\\\, or put the text in single quotes"
	case has("invalid datetime"):
		return "this date is not a real date; write dates as year-month-day, like 2026-03-14"
	case strings.Contains(msg, "was already created as a hash"):
		return fmt.Sprintf("%s is a table already (it has settings under it), so it cannot also be given a value here; rename one of them", key)
	case strings.Contains(msg, "cannot be used as an array"):
		name := strings.TrimPrefix(msg, "Key '")
		name = name[:max(strings.Index(name, "'"), 0)]
		return fmt.Sprintf("[[%s]] makes a list of tables, but %s is already a single table or a value above; write [[%s]] every time, or [%s] once", name, name, name, name)
	case has("unexpected EOF"):
		return "the file ends in the middle of a setting; finish it, or delete it"
	case strings.HasSuffix(msg, "is not a table"):
		return fmt.Sprintf("%s is a value above, so it cannot have settings under it; rename one of them", key)
	}
	return fmt.Sprintf("Between cannot read this line (%s); a setting is written name = value, with text in quotes", msg)
}

// clip quotes s for a message, shortened.
func clip(s string) string {
	return strconv.Quote(Shorten(s))
}

// twice says where a key or table that TOML refuses to see twice was first given.
func twice(lines []string, offset, line int, name, lastKey string) (int, int, string) {
	if lastKey != name && strings.HasPrefix(lastKey, name+".") {
		// title = "A", then title.sub = 1: a value cannot hold settings.
		return line, 1, fmt.Sprintf("%s is set above, so %s cannot give it settings of its own; give %s another name", name, lastKey, lastKey)
	}
	l := strings.TrimSpace(lines[line-1])
	if strings.HasPrefix(l, "[") && !strings.HasPrefix(l, "[[") {
		for i := line - 2; i >= 0; i-- {
			if strings.TrimSpace(strings.Trim(strings.TrimSpace(lines[i]), "[]")) == name {
				return line, 1, fmt.Sprintf("[%s] is written twice, on lines %d and %d; write it once: move the settings under the second up under the first, and delete line %d", name, i+1+offset, line+offset, line+offset)
			}
		}
	}
	for i := line - 2; i >= 0; i-- {
		if t := strings.TrimSpace(lines[i]); t == "["+name+"]" || t == "[["+name+"]]" {
			return line, 1, fmt.Sprintf("%s is set twice: as the table %s on line %d, and on line %d; keep one", name[strings.LastIndex(name, ".")+1:], t, i+1+offset, line+offset)
		}
	}
	// A key in a table is twice in the same table: look back to the table's header.
	dotted := strings.Contains(name, ".")
	last := name[strings.LastIndex(name, ".")+1:]
	for i := line - 2; i >= 0; i-- {
		k, _, _ := strings.Cut(strings.TrimSpace(lines[i]), "=")
		k = strings.TrimSpace(k)
		if k == last || k == "["+last+"]" {
			return line, 1, fmt.Sprintf("%s is set twice, on lines %d and %d; keep one", last, i+1+offset, line+offset)
		}
		if dotted && strings.HasPrefix(k, "[") {
			break
		}
	}
	return line, 1, fmt.Sprintf("%s is set twice; keep one", name)
}

// LooksLikeSetting reports whether l reads as a key, sep and a value: title = "A".
func LooksLikeSetting(l string, sep byte) bool {
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

// isDateKey reports whether key is one of the dates front matter knows.
func isDateKey(key string) bool {
	switch key {
	case "date", "lastmod", "publishDate", "expiryDate":
		return true
	}
	return false
}

// tomlValue writes a YAML value as TOML, shortened for a message: text in quotes, numbers,
// true, false, lists as they are.
func tomlValue(v string) string {
	switch {
	case v == "", v[0] == '"', v[0] == '\'', v[0] == '[', v == "true", v == "false":
		return Shorten(v)
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil {
		return Shorten(v)
	}
	if _, err := time.Parse("2006-01-02", v); err == nil {
		return v
	}
	return strconv.Quote(Shorten(v))
}

// straightQuotes replaces curly quotes by straight ones. Text in curly quotes comes back in
// double quotes, as it may hold an apostrophe: ‘Coach’s corner’ is "Coach's corner".
func straightQuotes(v string) string {
	first, _ := utf8.DecodeRuneInString(v)
	last, size := utf8.DecodeLastRuneInString(v)
	if len(v) > size && strings.ContainsRune("“”‘’„«»", first) && strings.ContainsRune("“”‘’„«»", last) {
		return strconv.Quote(Shorten(strings.NewReplacer("’", "'", "‘", "'").Replace(v[utf8.RuneLen(first) : len(v)-size])))
	}
	return Shorten(strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`, "‘", "'", "’", "'").Replace(v))
}

// quoteList puts quotes around each unquoted item of a one-line list: [a, b] → ["a", "b"].
// A long list, as Shorten would a value, is cut after the item that reaches quoteMax
// characters, with "…" for the rest: ["a", "b", …].
func quoteList(v string) string {
	inner := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(v, "["), "]"))
	var items []string
	n := 0
	for it := range strings.SplitSeq(inner, ",") {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		if n >= quoteMax {
			items = append(items, "…")
			break
		}
		items = append(items, tomlValue(it))
		n += utf8.RuneCountInString(items[len(items)-1]) + 2
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// dateHint says what is wrong with a date the TOML decoder refused, such as 2026-02-30.
func dateHint(key, v string) string {
	shown := Shorten(v)
	var y, m, d int
	if n, _ := fmt.Sscanf(v, "%4d-%2d-%2d", &y, &m, &d); n == 3 {
		if m < 1 || m > 12 {
			return fmt.Sprintf("%s = %s: there is no month %d; write dates as year-month-day, like %s = %04d-03-14", key, shown, m, key, y)
		}
		last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d < 1 || d > last {
			return fmt.Sprintf("%s = %s: there is no such date (%s %d has %d days); write a real date, like %s = %04d-%02d-%02d", key, shown, time.Month(m), y, last, key, y, m, last)
		}
		if len(v) > 10 && v[4] == '-' && v[7] == '-' {
			// The date is right; what follows it is not a time: 2026-03-14T25:00.
			return fmt.Sprintf("%s = %s: the time after the date is not a real time; write it as hours:minutes:seconds from 00:00:00 to 23:59:59, like %s = %sT09:30:00, or give the date alone", key, shown, key, v[:10])
		}
		return fmt.Sprintf("%s = %s: write the month and the day with two digits each: %s = %04d-%02d-%02d", key, shown, key, y, m, d)
	}
	return fmt.Sprintf("%s = %s is not a date; write dates as year-month-day, like %s = 2026-03-14", key, shown, key)
}

// strayInvisible finds, outside quoted text, a character that shows as a space or not at
// all but is not one TOML takes (a non-breaking space, a zero-width space, a line
// separator), which pasting from a word processor brings: its 1-based byte column and what
// it is, or 0. Inside quotes such characters are text (French puts a non-breaking space
// before a colon), and fine.
func strayInvisible(line string) (col int, what string) {
	var quote rune
	escaped := false
	for i, r := range line {
		switch {
		case escaped:
			escaped = false
		case quote == '"' && r == '\\':
			escaped = true
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#':
			return 0, "" // a comment may hold anything
		case r == '\u00a0' || r == '\u202f':
			return i + 1, "a non-breaking space"
		case r == '\u200b' || r == '\ufeff' || r == '\u2060':
			return i + 1, "an invisible zero-width character"
		case r > 0x7f && (unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)):
			return i + 1, fmt.Sprintf("an unusual space (U+%04X)", r)
		}
	}
	return 0, ""
}
