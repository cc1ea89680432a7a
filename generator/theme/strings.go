package theme

import (
	"bytes"

	"github.com/between-ssg/between/generator/diag"
)

// stringsSource is where a layout's "strings" template comes from.
type stringsSource struct {
	origin string // the file, as in Sources
	own    bool   // defined in the layout's own file, for its pages alone
}

// Strings runs the "strings" template (the hidden elements holding the words of the theme's
// scripts) with data, as the partials define it: the builder makes one file of it for the
// whole site, where every page wrote the same elements. A layout that defines "strings" in
// its own file is passed over unless every layout does. ok is false when the theme has no
// "strings" template. A template's failure is a problem naming its file and line.
func (t *Theme) Strings(data any) (html []byte, ok bool, err error) {
	layout := ""
	for _, name := range Layouts {
		if src, has := t.strings[name]; has && (layout == "" || t.strings[layout].own && !src.own) {
			layout = name
		}
	}
	if layout == "" {
		return nil, false, nil
	}
	var buf bytes.Buffer
	if err := t.templates[layout].ExecuteTemplate(&buf, "strings", data); err != nil {
		return nil, true, diag.List{{File: t.strings[layout].origin, Line: templateLine(err), Msg: "the scripts' words (js/strings.js): " + cleanTemplateErr(err)}}
	}
	return buf.Bytes(), true, nil
}
