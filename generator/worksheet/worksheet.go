// Package worksheet is the goldmark extension for worksheet fields and callouts.
//
// A coach writes a field as a Markdown container that reads well as plain text:
//
//	::: answer id=wins lines=4
//	What went well since our last session?
//
//	Think of one moment you felt proud.
//	:::
//
// The extension parses such containers with a real block parser (their content is ordinary
// Markdown, and they work inside list items and blockquotes), turns them into accessible form
// controls, and reports every field and every mistake through the parser.Context of the
// conversion, so the build can list a page's fields and report problems at file:line.
// Callouts (note, tip, warning) use the same syntax and work on every page.
//
// The controls need no JavaScript to be shown, typed into and printed; the theme's
// worksheet.js adds saving on the device, download, load, print and clear.
package worksheet

import (
	"slices"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Field describes one field of a page, as reported by Fields after a conversion.
type Field struct {
	ID       string   // storage key, unique in the page
	Kind     string   // answer, line, scale, choice, checklist, table, date, log, or task (a GFM task list item)
	Label    string   // the question as plain text
	Line     int      // 1-based line of the opening ::: in the Markdown handed to goldmark
	Lines    int      // answer: writing lines (default 4); log: writing lines for a new note (default 2)
	Items    []string // choice and checklist: the items as plain text
	Columns  []string // table: the column headings
	Rows     int      // table: the number of rows
	Row      string   // table: the word before each row's number where rows show as cards ("Day")
	Min, Max int      // scale: the lowest and highest point
	Low      string   // scale: the words under the lowest point, if any
	High     string   // scale: the words under the highest point, if any
	Multiple bool     // choice: more than one item may be chosen
	// Auto: the id was made (from the question, the first item or the place), not written,
	// so rewording the question gives the field another id, and answers saved under the
	// first no longer show in it.
	Auto bool
}

// Problem is a mistake in a page's fields, at a 1-based line and column of the Markdown
// handed to goldmark (the caller adds the offset of any front matter).
type Problem struct {
	Line, Col int
	Msg       string
	// Warning: the page is built as written, which may be what the coach meant (text that
	// only looks like a field or a task); it stops the build only with --strict.
	Warning bool
}

// Words are the few words the extension writes into pages itself: the titles of callouts and
// the accessible names of table cells. Translate them with WithWords.
type Words struct {
	Note, Tip, Warning string
	// Cell names a table's input for screen readers; {column} and {row} are replaced,
	// e.g. "{column}, row {row}" gives "Day, row 1".
	Cell string
	// Row names a table's row where a phone shows rows as cards, when the table sets no
	// row="…"; {row} is replaced: "Row {row}" gives "Row 1".
	Row string
}

// DefaultWords are the English words.
var DefaultWords = Words{Note: "Note", Tip: "Tip", Warning: "Warning", Cell: "{column}, row {row}", Row: "Row {row}"}

// Option configures the extension.
type Option func(*config)

type config struct {
	words Words
}

// WithWords sets the words the extension writes; empty ones keep the English default.
func WithWords(w Words) Option {
	return func(c *config) {
		if w.Note != "" {
			c.words.Note = w.Note
		}
		if w.Tip != "" {
			c.words.Tip = w.Tip
		}
		if w.Warning != "" {
			c.words.Warning = w.Warning
		}
		if w.Cell != "" {
			c.words.Cell = w.Cell
		}
		if w.Row != "" {
			c.words.Row = w.Row
		}
	}
}

type extender struct {
	cfg config
}

// New returns the extension: the ::: block parser, the transformer that checks fields and
// turns task lists into saved checkboxes (when EnableTaskLists was called), and the HTML
// renderer. It is safe to share one goldmark.Markdown between goroutines, with one
// parser.Context per conversion.
func New(opts ...Option) goldmark.Extender {
	e := &extender{cfg: config{words: DefaultWords}}
	for _, o := range opts {
		o(&e.cfg)
	}
	return e
}

// Extend implements goldmark.Extender.
func (e *extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(&blockParser{}, 150), util.Prioritized(admonitionParser{}, 150)),
		parser.WithASTTransformers(util.Prioritized(&transformer{}, 200)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&htmlRenderer{words: e.cfg.words}, 200)))
}

// state is what one conversion knows about its page; it lives in the parser.Context.
type state struct {
	tasks bool
	// opened says that a field or callout was opened: without one, and without tasks,
	// the transformer has nothing to do, and most pages are spared its walk.
	opened   bool
	fields   []Field
	problems []Problem
}

var stateKey = parser.NewContextKey()

func stateOf(pc parser.Context) *state {
	return pc.ComputeIfAbsent(stateKey, func() any { return &state{} }).(*state)
}

func (s *state) problem(line, col int, msg string) {
	s.add(Problem{Line: line, Col: col, Msg: msg})
}

func (s *state) warn(line, col int, msg string) {
	s.add(Problem{Line: line, Col: col, Msg: msg, Warning: true})
}

func (s *state) add(p Problem) {
	// A block parser may look at the same line more than once.
	if !slices.Contains(s.problems, p) {
		s.problems = append(s.problems, p)
	}
}

// EnableTaskLists makes GFM task list items (- [ ] item) of this conversion saved
// checkboxes that count as fields. Call it on the context before converting a worksheet or
// a reflection guide; on other pages task lists stay plain, disabled checkboxes.
func EnableTaskLists(pc parser.Context) {
	stateOf(pc).tasks = true
}

// Fields returns the fields of the page converted with pc, in document order.
func Fields(pc parser.Context) []Field {
	s, _ := pc.Get(stateKey).(*state)
	if s == nil {
		return nil
	}
	return slices.Clone(s.fields)
}

// Problems returns the mistakes found while converting with pc, ordered by line and column.
func Problems(pc parser.Context) []Problem {
	s, _ := pc.Get(stateKey).(*state)
	if s == nil {
		return nil
	}
	out := slices.Clone(s.problems)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Col < out[j].Col
	})
	return out
}
