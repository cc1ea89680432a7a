package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"

	"github.com/between-ssg/between/generator/diag"
)

// snippetMark starts a line of MkDocs' snippets extension, --8<-- "file.md", which puts
// another file's text in its place. Between has nothing like it: the text would be missing
// from the page, and the line shown with its "--" made a dash.
var snippetMark = []byte("--8<--")

// snippetWarning says once a page, at the first, where a snippet line is left in the text
// (not in code, where MkDocs' own documentation shows them); nil when there is none.
func snippetWarning(root ast.Node, src []byte) *Problem {
	var first []byte
	var line, col, n int
	_ = ast.Walk(root, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || node.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		switch node.Kind() {
		case ast.KindParagraph, ast.KindTextBlock:
		default:
			return ast.WalkContinue, nil
		}
		for i := 0; i < node.Lines().Len(); i++ {
			seg := node.Lines().At(i)
			v := bytes.TrimSpace(seg.Value(src))
			if !bytes.HasPrefix(v, snippetMark) {
				continue
			}
			if n++; n == 1 {
				first = v
				line, col = diag.LineCol(src, seg.Start+bytes.Index(seg.Value(src), snippetMark))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	if n == 0 {
		return nil
	}
	more := ""
	if n > 1 {
		more = fmt.Sprintf(", like %d more on this page", n-1)
	}
	return &Problem{Line: line, Col: col, Warning: true, Msg: fmt.Sprintf(
		"%s is a MkDocs snippet, which Between does not read: the text it put here is missing from the page%s; paste that text here in its place",
		first, more)}
}
