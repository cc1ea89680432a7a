package worksheet

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// option is one key=value (or bare flag) of an opening ::: line, with its place for errors.
type option struct {
	key, value string
	hasValue   bool
	col        int
	// word: not an option at all (a word of a question, "week?"), kept as key for the
	// message.
	word bool
	// quoted: the value was written in quotes, so it may hold spaces.
	quoted bool
}

// container is what a FieldNode and a CalloutNode share: where the ::: line is, what it
// says, and whether a closing ::: was found.
type container struct {
	kind      string
	kindCol   int
	opts      []option
	line, col int
	closed    bool
	closeAt   int  // where the closing ::: line starts in the source, when closed
	closer    bool // a "::: answer" written to close the answer it is in, and told of so
	// inline is a line of text in it that ends with ":::", as if that closed it, and
	// inlineAt where that ::: starts in the source.
	inline   string
	inlineAt int
}

func (c *container) opt(key string) (option, bool) {
	for _, o := range c.opts {
		if o.key == key {
			return o, true
		}
	}
	return option{}, false
}

// FieldNode is a field container (answer, line, scale, choice, checklist, table, date).
// After the transformer has run, Info holds its checked settings and its children are the
// label, the help text and the control.
type FieldNode struct {
	ast.BaseBlock
	container
	Info Field
}

// KindField is the NodeKind of FieldNode.
var KindField = ast.NewNodeKind("WorksheetField")

// Kind implements ast.Node.
func (n *FieldNode) Kind() ast.NodeKind { return KindField }

// Dump implements ast.Node.
func (n *FieldNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Kind": n.kind, "ID": n.Info.ID}, nil)
}

// CalloutNode is a note, tip or warning; its children are ordinary Markdown. A container of
// an unknown kind is a CalloutNode with an empty CalloutKind, so its text still shows.
type CalloutNode struct {
	ast.BaseBlock
	container
	CalloutKind string
	Title       string
}

// KindCallout is the NodeKind of CalloutNode.
var KindCallout = ast.NewNodeKind("WorksheetCallout")

// Kind implements ast.Node.
func (n *CalloutNode) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *CalloutNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Kind": n.CalloutKind}, nil)
}

// strayFence is a closing ::: with nothing open; it renders nothing.
type strayFence struct{ ast.BaseBlock }

var kindStrayFence = ast.NewNodeKind("WorksheetStrayFence")

func (n *strayFence) Kind() ast.NodeKind            { return kindStrayFence }
func (n *strayFence) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// labelNode holds the inline content of a field's label.
type labelNode struct{ ast.BaseBlock }

var kindLabel = ast.NewNodeKind("WorksheetLabel")

func (n *labelNode) Kind() ast.NodeKind            { return kindLabel }
func (n *labelNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// helpNode holds the blocks of a field that are neither its label nor its items.
type helpNode struct{ ast.BaseBlock }

var kindHelp = ast.NewNodeKind("WorksheetHelp")

func (n *helpNode) Kind() ast.NodeKind            { return kindHelp }
func (n *helpNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// controlNode is the form control of a field; for choice and checklist its children are
// optionNodes.
type controlNode struct{ ast.BaseBlock }

var kindControl = ast.NewNodeKind("WorksheetControl")

func (n *controlNode) Kind() ast.NodeKind            { return kindControl }
func (n *controlNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// optionNode is one item of a choice or checklist; its children are the item's inline content.
type optionNode struct {
	ast.BaseBlock
	index   int // 1-based
	value   string
	checked bool // written as - [x] in the Markdown
}

var kindOption = ast.NewNodeKind("WorksheetOption")

func (n *optionNode) Kind() ast.NodeKind { return kindOption }
func (n *optionNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Value": n.value, "Index": fmt.Sprint(n.index)}, nil)
}

// taskNode replaces a GFM task check box; its children are the rest of the item's line.
type taskNode struct {
	ast.BaseInline
	id      string
	checked bool
}

var kindTask = ast.NewNodeKind("WorksheetTask")

func (n *taskNode) Kind() ast.NodeKind { return kindTask }
func (n *taskNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.id}, nil)
}
