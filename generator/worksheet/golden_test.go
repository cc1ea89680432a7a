package worksheet_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/between-ssg/between/generator/worksheet"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// newMarkdown builds goldmark the way the build does: every extension the site uses, so that
// the golden files show how fields live together with them.
func newMarkdown(opts ...worksheet.Option) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer,
			extension.DefinitionList, worksheet.New(opts...)),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// convert renders src and returns the HTML, the fields and the problems.
func convert(t testing.TB, md goldmark.Markdown, src []byte, tasks bool) (string, []worksheet.Field, []worksheet.Problem) {
	t.Helper()
	pc := parser.NewContext()
	if tasks {
		worksheet.EnableTaskLists(pc)
	}
	var b bytes.Buffer
	if err := md.Convert(src, &b, parser.WithContext(pc)); err != nil {
		t.Fatalf("convert: %v", err)
	}
	return b.String(), worksheet.Fields(pc), worksheet.Problems(pc)
}

// TestGolden renders every testdata/*.md and compares it with the .html next to it. A file
// whose name contains "tasks-enabled" is converted as a worksheet (task lists saved). The
// golden file ends with the fields and problems the conversion reported, as HTML comments.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	md := newMarkdown()
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			html, fields, problems := convert(t, md, src, strings.Contains(name, "tasks-enabled"))
			var b strings.Builder
			b.WriteString(html)
			b.WriteString("<!-- fields:\n")
			for _, f := range fields {
				fmt.Fprintf(&b, "%s\n", describe(f))
			}
			b.WriteString("-->\n<!-- problems:\n")
			for _, p := range describeProblems(problems) {
				fmt.Fprintf(&b, "%s\n", strings.ReplaceAll(p, "--", "- -"))
			}
			b.WriteString("-->\n")
			got := b.String()

			golden := strings.TrimSuffix(file, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", golden, diff(string(want), got))
			}
		})
	}
}

// describe prints the settings of a field that apply to its kind.
func describe(f worksheet.Field) string {
	s := fmt.Sprintf("%s %s line=%d label=%q", f.Kind, f.ID, f.Line, f.Label)
	switch f.Kind {
	case "answer":
		s += fmt.Sprintf(" lines=%d", f.Lines)
	case "scale":
		s += fmt.Sprintf(" min=%d max=%d low=%q high=%q", f.Min, f.Max, f.Low, f.High)
	case "choice", "checklist":
		s += fmt.Sprintf(" items=%q multiple=%v", f.Items, f.Multiple)
	case "table":
		s += fmt.Sprintf(" columns=%q rows=%d", f.Columns, f.Rows)
	}
	return s
}

// diff shows the lines that differ, with a little context, in the style of diff -u.
func diff(want, got string) string {
	a := strings.Split(want, "\n")
	b := strings.Split(got, "\n")
	// Longest common subsequence table, fine for golden files of a few hundred lines.
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
	}
	var lines []line
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			lines = append(lines, line{' ', a[i]})
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			lines = append(lines, line{'+', b[j]})
			j++
		default:
			lines = append(lines, line{'-', a[i]})
			i++
		}
	}
	var out strings.Builder
	const context = 2
	for k, l := range lines {
		near := false
		for d := max(0, k-context); d <= min(len(lines)-1, k+context); d++ {
			if lines[d].op != ' ' {
				near = true
				break
			}
		}
		if near {
			fmt.Fprintf(&out, "%c %s\n", l.op, l.text)
		}
	}
	return out.String()
}
