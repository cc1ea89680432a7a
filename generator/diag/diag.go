// Package diag holds the errors and warnings a build reports about a user's files.
//
// Every problem in a coach's content is a Diagnostic with a place (file, line, column), so
// that an editor can jump to it and the dev server can show it in the browser. A build
// collects all of them before it gives up, sorted by place, rather than stopping at the first.
package diag

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Diagnostic is one problem in one file.
type Diagnostic struct {
	File    string // slash path relative to the site root, e.g. "content/articles/x.md"
	Line    int    // 1-based; 0 when the problem is about the whole file
	Col     int    // 1-based; 0 when unknown
	Msg     string
	Warning bool // a warning fails the build only with --strict
}

// Error formats the diagnostic as file:line:col: message, the form editors understand.
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// List is a set of diagnostics; as an error it reports all of them, one per line.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(file string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Warn appends a warning.
func (l *List) Warn(file string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// Sort orders the list by file, line and column, and drops exact duplicates.
func (l List) Sort() List {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
	out := l[:0]
	for i, d := range l {
		if i > 0 && d == l[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Errors returns the diagnostics that fail a build: all errors, and warnings too when strict.
func (l List) Errors(strict bool) List {
	var out List
	for _, d := range l {
		if !d.Warning || strict {
			if d.Warning {
				d.Warning = false
			}
			out = append(out, d)
		}
	}
	return out
}

// Warnings returns only the warnings.
func (l List) Warnings() List {
	var out List
	for _, d := range l {
		if d.Warning {
			out = append(out, d)
		}
	}
	return out
}

func (l List) Error() string {
	s := make([]string, len(l))
	for i, d := range l {
		s[i] = d.Error()
	}
	return strings.Join(s, "\n")
}

// Suggest returns the candidate closest to word when it is at most one or two edits away
// (a typo), or "" when nothing is close enough to be a likely intent.
func Suggest(word string, candidates []string) string {
	best, bestD := "", 3
	lw := strings.ToLower(word)
	for _, c := range candidates {
		d := distance(lw, strings.ToLower(c))
		limit := 1
		if len(c) > 4 {
			limit = 2
		}
		if d <= limit && d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the optimal-string-alignment edit distance: insertions, deletions,
// substitutions and swaps of neighbours each cost one, as typos do.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// LineCol converts a byte offset in src to a 1-based line and column (in characters). The
// lines before it are counted by bytes.Count: every link of a page is given a place, and
// counting them a byte at a time from the start was a fortieth of converting the page.
func LineCol(src []byte, off int) (line, col int) {
	before := src[:max(min(off, len(src)), 0)]
	// In characters, as an editor counts them: "café" before a link is 4, not 5.
	return 1 + bytes.Count(before, []byte{'\n'}), utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
}
