package input

import "bytes"

// MaxDepth is how deep lists and tables may nest in front matter, config and words. Between's
// deepest key (a path's stages with their steps) needs three levels; the TOML decoder takes
// seconds and gigabytes on thousands of levels (BurntSushi/toml #496: 40 KB of nested inline
// tables took 17 s and 4 GB), so the text is measured before it is decoded.
const MaxDepth = 32

// TOMLDepth returns the first line (1-based, in data) on which TOML nests lists, tables or
// dotted keys more than MaxDepth deep, or 0 when it nests no deeper. It reads as the TOML
// lexer does only as far as depth needs: strings and comments hide their brackets and dots.
func TOMLDepth(data []byte) int {
	line := 1
	var stack []byte // open '[' and '{'
	key := true      // in a key: at a line's start, or after '{' or ',' of an inline table
	dots := 0        // dots in the current key
	header := false  // in a [table] header
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch c {
		case '\n':
			line++
			if len(stack) == 0 || header {
				key, dots, header = true, 0, false
				stack = stack[:0]
			}
		case '#':
			j := bytes.IndexByte(data[i:], '\n')
			if j < 0 {
				return 0
			}
			i += j - 1
		case '"', '\'':
			end := skipString(data, i)
			line += bytes.Count(data[i:end], []byte("\n"))
			i = end - 1
		case '.':
			if key || header {
				dots++
			}
		case '=':
			key, dots = false, 0
		case '[':
			if key && len(stack) == 0 {
				header = true // "[table]" or "[[array]]"
				key = false
			}
			stack = append(stack, c)
		case '{':
			stack = append(stack, c)
			key, dots = true, 0
		case ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if len(stack) > 0 && stack[len(stack)-1] == '{' {
				key, dots = true, 0
			}
		}
		if len(stack)+dots > MaxDepth {
			return line
		}
	}
	return 0
}

// skipString returns the index just after the TOML string that starts at data[i]: basic
// ("..."), literal ('...') or their multi-line forms. An unclosed string ends at the line's
// end (the decoder reports it).
func skipString(data []byte, i int) int {
	q := data[i]
	if bytes.HasPrefix(data[i:], []byte{q, q, q}) {
		j := bytes.Index(data[i+3:], []byte{q, q, q})
		if j < 0 {
			return len(data)
		}
		return i + 3 + j + 3
	}
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			return j + 1
		case '\n':
			return j
		}
	}
	return len(data)
}

// YAMLDepth is TOMLDepth for YAML: flow lists and maps ([ and {), block nesting by
// indentation, and "- - -" sequences on one line all count.
func YAMLDepth(data []byte) int {
	var indents []int // the indentation of each open block level
	flow := 0
	for n, ln := range bytes.Split(data, []byte("\n")) {
		i := 0
		if flow == 0 {
			for i < len(ln) && ln[i] == ' ' {
				i++
			}
			rest := bytes.TrimSpace(ln[i:])
			if len(rest) == 0 || rest[0] == '#' {
				continue
			}
			for len(indents) > 0 && indents[len(indents)-1] >= i {
				indents = indents[:len(indents)-1]
			}
			indents = append(indents, i)
			// "- - - x" opens one sequence per dash.
			for i+1 < len(ln) && ln[i] == '-' && ln[i+1] == ' ' {
				indents = append(indents, i+1)
				i += 2
				for i < len(ln) && ln[i] == ' ' {
					i++
				}
			}
		}
		for ; i < len(ln); i++ {
			switch ln[i] {
			case '#':
				if i == 0 || ln[i-1] == ' ' || ln[i-1] == '\t' {
					i = len(ln)
				}
			case '"', '\'':
				i = skipString(ln, i) - 1
			case '[', '{':
				flow++
			case ']', '}':
				if flow > 0 {
					flow--
				}
			}
			if flow+len(indents) > MaxDepth {
				return n + 1
			}
		}
		if flow+len(indents) > MaxDepth {
			return n + 1
		}
	}
	return 0
}
