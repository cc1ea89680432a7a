package page

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/between-ssg/between/generator/config"
	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/source"
)

// decoder reads typed values from front matter, reporting wrong types at the key's line.
type decoder struct {
	f    *source.File
	errs *diag.List
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case int64, int:
		return "a number"
	case float64:
		return "a decimal number"
	case bool:
		return "true/false"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case nil:
		return "an empty value"
	}
	return fmt.Sprintf("%T", v)
}

// kv is key and value as the file writes a setting: key = value between +++ lines,
// key: value between --- lines, so that advice can be copied as it is.
func (d decoder) kv(key, value string) string {
	if d.f.YAML {
		return key + ": " + value
	}
	return key + " = " + value
}

func (d decoder) wrong(key, want string, v any, example string) {
	if d.f.YAML {
		// The advice is written as the file is: draft: true between --- lines.
		example = strings.Replace(example, " = ", ": ", 1)
	}
	d.errs.Add(d.f.Path, d.f.Lines[key], 0, "%s must be %s, not %s; write it like %s", key, want, typeName(v), example)
}

// get returns the value of key. A key given without a value (YAML's "tags:", common in
// Hugo's and Jekyll's archetypes) counts as not given.
func (d decoder) get(key string) (any, bool) {
	v, ok := d.f.Meta[key]
	return v, ok && v != nil
}

func (d decoder) str(key string) string {
	v, ok := d.get(key)
	if !ok {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case int64, float64:
		// Titles like 2026 in YAML are numbers; a writer means the text.
		if key == "title" || key == "description" {
			return fmt.Sprint(x)
		}
	}
	d.wrong(key, "text in quotes", v, key+` = "..."`)
	return ""
}

// authors is the author: text, or a list of names, which Hugo's themes allow (PaperMod's
// and Beautiful Hugo's pages have author: ["Me", "You"]): the names, joined by commas.
func (d decoder) authors() string {
	v, ok := d.get("author")
	list, isList := v.([]any)
	if !ok || !isList || len(list) == 0 {
		return d.str("author")
	}
	names := make([]string, len(list))
	for i, n := range list {
		s, ok := n.(string)
		if !ok {
			return d.str("author") // the error says what to write
		}
		names[i] = s
	}
	return strings.Join(names, ", ")
}

func (d decoder) boolean(key string) bool {
	v, ok := d.get(key)
	if !ok {
		return false
	}
	if b, ok := v.(bool); ok {
		return b
	}
	d.wrong(key, "true or false", v, key+" = true")
	return false
}

func (d decoder) integer(key string) int {
	v, ok := d.get(key)
	if !ok {
		return 0
	}
	switch x := v.(type) {
	case int64:
		return int(x)
	case int:
		return x
	}
	d.wrong(key, "a whole number", v, key+" = 10")
	return 0
}

// minutes reads a time in minutes: one number (minutes = 15) or a range, which is more honest
// for a page whose writing takes some people twice as long as others: minutes = "10-15"
// (also with an en dash, " to ", or as a list [10, 15]). It returns the low and high ends,
// high 0 for one number.
func (d decoder) minutes(key string) (lo, hi int) {
	v, ok := d.get(key)
	if !ok {
		return 0, 0
	}
	line := d.f.Lines[key]
	bad := func() (int, int) {
		d.errs.Add(d.f.Path, line, 0, "%s is not a time; write the minutes a client needs, like %s, or a range like %s", d.kv(key, show(v)), d.kv(key, "15"), d.kv(key, `"10-15"`))
		return 0, 0
	}
	switch x := v.(type) {
	case int64:
		lo = int(x)
	case string:
		s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(x), "minutes"))
		s = strings.TrimSpace(strings.TrimSuffix(s, "min"))
		a, b, found := "", "", false
		for _, sep := range []string{"–", "—", "-", " to "} {
			if a, b, found = strings.Cut(s, sep); found {
				break
			}
		}
		if !found {
			a = s
		}
		var err error
		if lo, err = strconv.Atoi(strings.TrimSpace(a)); err != nil {
			return bad()
		}
		if found {
			if hi, err = strconv.Atoi(strings.TrimSpace(b)); err != nil {
				return bad()
			}
		}
	case []any:
		if len(x) != 2 {
			return bad()
		}
		n, ok1 := x[0].(int64)
		m, ok2 := x[1].(int64)
		if !ok1 || !ok2 {
			return bad()
		}
		lo, hi = int(n), int(m)
	default:
		return bad()
	}
	if lo < 0 || lo > MaxMinutes || hi < 0 || hi > MaxMinutes {
		// Sums of such numbers over a path overflowed into "-2 minutes".
		d.errs.Add(d.f.Path, line, 0, "%s: write the minutes a client needs, from 0 to %d", d.kv(key, show(v)), MaxMinutes)
		return 0, 0
	}
	if hi != 0 && hi <= lo {
		if hi < lo {
			d.errs.Add(d.f.Path, line, 0, "%s: a range goes from the shorter time to the longer, like %s", d.kv(key, show(v)), d.kv(key, fmt.Sprintf(`"%d-%d"`, hi, lo)))
			return 0, 0
		}
		hi = 0 // "15-15" is 15
	}
	if lo == 0 && hi != 0 {
		hi = 0
	}
	return lo, hi
}

// show writes a front matter value as it was typed: text in quotes, numbers and lists as such.
func show(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(config.Shorten(x))
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = show(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

func (d decoder) date(key string) time.Time {
	v, ok := d.get(key)
	if !ok {
		return time.Time{}
	}
	switch x := v.(type) {
	case time.Time:
		return x
	case string:
		// Jekyll writes "2015-01-01 10:00:00 -0500", which YAML leaves as text.
		for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04",
			"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04:05-0700", "2006-01-02 15:04 -0700"} {
			if t, err := time.Parse(layout, strings.TrimSpace(x)); err == nil {
				return t
			}
		}
		like := "2026-03-14"
		if t, ok := spelledDate(x); ok {
			like = t.Format("2006-01-02") // the date meant, written as it must be
		}
		d.errs.Add(d.f.Path, d.f.Lines[key], 0, "%s is not a date; write dates as year-month-day, like %s", d.kv(key, strconv.Quote(x)), d.kv(key, like))
		return time.Time{}
	}
	d.wrong(key, "a date", v, key+" = 2026-03-14")
	return time.Time{}
}

func (d decoder) strings(key string) []string {
	v, ok := d.get(key)
	if !ok {
		return nil
	}
	return d.stringList(key, v)
}

func (d decoder) stringList(key string, v any) []string {
	switch x := v.(type) {
	case string:
		// tags = "confidence" is a common slip; one tag is what was meant.
		if x == "" {
			return nil
		}
		// tags = "coaching, goals" (as other tools take them) is one tag with a comma in it:
		// kept as written, which may be meant, and said, which most often is not.
		if parts := strings.Split(x, ","); len(parts) > 1 {
			var items []string
			for _, p := range parts {
				if p = strings.TrimSpace(p); p != "" {
					items = append(items, p)
				}
			}
			if len(items) > 1 {
				fix := key + ` = ` + config.Shorten(`["`+strings.Join(items, `", "`)+`"]`)
				if d.f.YAML {
					fix = key + ": " + config.Shorten("["+strings.Join(items, ", ")+"]")
				}
				d.errs.Warn(d.f.Path, d.f.Lines[key], 0, "%s is one text, %q, so it is one item with commas in it; for %d, write %s", key, config.Shorten(x), len(items), fix)
			}
		}
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				d.errs.Add(d.f.Path, d.f.Lines[key], 0, "%s must be a list of text in quotes, like %s; found %s in it", key, d.kv(key, `["one", "two"]`), typeName(e))
				continue
			}
			if strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
		}
		return out
	}
	d.wrong(key, "a list", v, key+` = ["one", "two"]`)
	return nil
}

// pathDef reads a path's tag, steps or stages.
func (d decoder) pathDef(hasTag, hasSteps, hasStages bool) *PathDef {
	def := &PathDef{Line: 1}
	f := d.f
	switch {
	case hasTag && (hasSteps || hasStages):
		other := "steps"
		if hasStages {
			other = "stages"
		}
		d.errs.Add(f.Path, f.Lines["tag"], 0, "a path takes either tag or %s, not both; remove one", other)
		return def
	case hasSteps && hasStages:
		d.errs.Add(f.Path, f.Lines["steps"], 0, "a path takes either steps or [[stages]], not both; put the steps inside the stages")
		return def
	case hasTag:
		def.Tag = d.str("tag")
		def.Line = f.Lines["tag"]
		if strings.TrimSpace(def.Tag) == "" {
			d.errs.Add(f.Path, f.Lines["tag"], 0, "tag is empty; name the tag whose pages make this path")
		}
	case hasSteps:
		def.Line = f.Lines["steps"]
		def.Stages = []StageDef{{Steps: d.strings("steps"), Line: f.Lines["steps"]}}
		d.emptySteps(f.Meta["steps"], f.Lines["steps"])
	case hasStages:
		def.Line = f.Lines["stages"]
		list, ok := f.Meta["stages"].([]map[string]any)
		if !ok {
			if anyList, ok2 := f.Meta["stages"].([]any); ok2 {
				for _, e := range anyList {
					if m, ok := e.(map[string]any); ok {
						list = append(list, m)
					}
				}
				ok = len(list) == len(anyList)
			}
		}
		if !ok {
			d.errs.Add(f.Path, f.Lines["stages"], 0, "stages must be a list of [[stages]] tables, each with a title and steps")
			return def
		}
		lines := stageLines(f)
		for i, m := range list {
			st := StageDef{Line: f.Lines["stages"]}
			if i < len(lines) {
				st.Line = lines[i]
			}
			for k := range m {
				if k != "title" && k != "steps" {
					msg := fmt.Sprintf("stage %d: unknown key %q; a stage has a title and steps", i+1, k)
					if s := diag.Suggest(k, []string{"title", "steps"}); s != "" {
						msg += fmt.Sprintf(" (did you mean %q?)", s)
					}
					d.errs.Add(f.Path, st.Line, 0, "%s", msg)
				}
			}
			t, _ := m["title"].(string)
			st.Title = t
			if t == "" {
				d.errs.Add(f.Path, st.Line, 0, "stage %d has no title; add title = \"Before session %d\"", i+1, i+2)
			}
			if s, ok := m["steps"]; ok {
				st.Steps = d.stringList("steps", s)
			}
			if empty := d.emptySteps(m["steps"], st.Line); len(st.Steps) == 0 && !empty {
				d.errs.Add(f.Path, st.Line, 0, "stage %q has no steps; add steps = [\"articles/....md\"]", t)
			}
			def.Stages = append(def.Stages, st)
		}
	case !f.HasFront:
		// Titled by its first heading, and with nothing else: where steps go is news.
		d.errs.Add(f.Path, 1, 0, "this path is empty: its steps are settings, which go in front matter at the very top of the file; start the file with three lines: +++, then steps = [\"articles/....md\", ...] (or tag = \"...\"), then +++")
	default:
		d.errs.Add(f.Path, 1, 0, "this path is empty; give it steps = [\"articles/....md\", ...], [[stages]] with steps, or tag = \"...\"")
	}
	return def
}

// emptySteps reports the steps in raw (a steps list, on line at) written as "": a step
// that names no page, which the path would otherwise skip without a word. It returns
// whether there was one.
func (d decoder) emptySteps(raw any, at int) bool {
	list, _ := raw.([]any)
	lines := strings.Split(string(d.f.Front), "\n")
	from := at - 2 // the front matter starts on the file's line 2
	found := false
	for i, step := range list {
		if s, ok := step.(string); !ok || strings.TrimSpace(s) != "" {
			continue
		}
		found = true
		line := at
		// In a list written over many lines, the line of the empty step itself.
		for j := max(from, 0); j < len(lines); j++ {
			if strings.Contains(lines[j], `""`) || strings.Contains(lines[j], "''") || strings.TrimSpace(lines[j]) == "-" {
				line, from = j+2, j+1
				break
			}
		}
		d.errs.Add(d.f.Path, line, 0, "step %d is empty; write the page it stands for, like \"articles/noticing.md\", or remove it", i+1)
	}
	return found
}

// stageLines finds the line of each [[stages]] header in the file.
func stageLines(f *source.File) []int {
	var out []int
	for i, line := range strings.Split(string(f.Front), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[[") && strings.Trim(t, "[] \t") == "stages" {
			out = append(out, i+2) // the front matter starts on the file's line 2
		} else if strings.HasPrefix(t, "- title:") || t == "-" {
			out = append(out, i+2) // a YAML list item
		}
	}
	return out
}

// spelledDate reads a date written out in words, as other generators' content may have
// it ("January 2, 2024", "2 Jan 2024"), so that the advice can show it as it must be.
// Dates in figures only ("02/01/2024") are not read: the day and the month could be
// either way round.
func spelledDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"January 2, 2006", "January 2 2006", "Jan 2, 2006", "Jan 2 2006",
		"2 January 2006", "2 Jan 2006", "Monday, January 2, 2006", "Mon, 2 Jan 2006", "Mon, Jan 2, 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
