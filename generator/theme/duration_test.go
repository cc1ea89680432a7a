package theme

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// oldDuration is the built-in theme's duration templates as they were before duration was
// made in Go: the function must write exactly what they wrote.
const oldDuration = `{{define "old-duration" -}}
{{- if lt . 60}}{{plural "minutes" .}}{{else -}}
{{- $h := pct . 6000}}{{$m := sub . (pct (add (add $h $h) $h) 5) -}}
{{- if eq $m 0}}{{plural "hours" $h}}{{else}}{{T "hours_minutes" $h $m}}{{end -}}
{{- end -}}
{{- end}}
{{define "old-range" -}}
{{- if not .MinutesTo}}{{template "old-duration" .Minutes}}
{{- else if lt .MinutesTo 60}}{{T "minutes_range" .Minutes .MinutesTo}}
{{- else}}{{template "old-duration" .Minutes}}{{T "range_to"}}{{template "old-duration" .MinutesTo}}
{{- end -}}
{{- end}}`

func TestDurationAsTheTemplatesWrote(t *testing.T) {
	for _, lang := range []string{"en", "de", "ar", "pl", "ja"} {
		fsys := fstest.MapFS{
			"layouts/page.html": {Data: []byte(oldDuration + `{{template "old-range" .}}|{{duration .Minutes .MinutesTo}}`)},
		}
		th, err := Load(fsys, "", lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range [][2]int{{0, 0}, {1, 0}, {2, 0}, {3, 0}, {5, 0}, {11, 0}, {22, 0}, {59, 0}, {60, 0}, {61, 0}, {90, 0},
			{119, 0}, {120, 0}, {121, 0}, {600, 0}, {1441, 0}, {10, 15}, {1, 2}, {45, 59}, {45, 60}, {45, 75}, {60, 120}, {90, 150}, {5, 125}} {
			out, err := th.Execute("page", struct{ Minutes, MinutesTo int }{r[0], r[1]})
			if err != nil {
				t.Fatalf("%s %v: %v", lang, r, err)
			}
			old, got, _ := strings.Cut(string(out), "|")
			old = strings.TrimSpace(old) // the newlines between the defines above
			if got != old || got == "" {
				t.Errorf("%s: duration %d %d = %q, the templates wrote %q", lang, r[0], r[1], got, old)
			}
		}
	}
}

// A word whose placeholders do not fit stops the page, as T does, naming the word.
func TestDurationBadWord(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/page.html": {Data: []byte(`{{duration .Minutes .MinutesTo}}`)},
		"i18n/en.toml":      {Data: []byte(`hours_minutes = "%d h"`)},
	}
	th, err := Load(fsys, "", "en")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := th.Execute("page", struct{ Minutes, MinutesTo int }{30, 100}); err == nil || !strings.Contains(err.Error(), "hours_minutes") {
		t.Errorf("err = %v, want one naming hours_minutes", err)
	}
}

func TestDateFormats(t *testing.T) {
	day := time.Date(2025, time.March, 4, 10, 0, 0, 0, time.UTC)
	for _, f := range []string{"{day} {month} {year}", "{month} {day}, {year}", "{year}年{month}{day}日", "{day}{day}", "{", "x{", "{yea}{year", "{{day}}", "no fields", ""} {
		th := &Theme{words: map[string]string{"date_format": f, "month_march": "März"}}
		want := strings.NewReplacer("{day}", strconv.Itoa(day.Day()), "{month}", "März", "{year}", strconv.Itoa(day.Year())).Replace(f)
		if got := th.Date(day); got != want {
			t.Errorf("date_format %q: %q, want %q", f, got, want)
		}
	}
	if got := (&Theme{}).Date(time.Time{}); got != "" {
		t.Errorf("zero date: %q", got)
	}
	if got, want := (&Theme{}).Date(day), fmt.Sprintf("4 %s 2025", "month_march"); got != want {
		t.Errorf("no words: %q, want %q", got, want)
	}
}
