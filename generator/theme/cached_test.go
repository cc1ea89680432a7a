package theme

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestPartialCached(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/page.html":           {Data: []byte(`{{partialCached "who" . .V}}|{{template "who" .}}`)},
		"layouts/partials/who.html":   {Data: []byte(`{{define "who"}}<b>{{.Name}}</b>{{end}}`)},
		"layouts/partials/other.html": {Data: []byte(`{{define "other"}}{{end}}`)},
	}
	th, err := Load(fsys, "", "en")
	if err != nil {
		t.Fatal(err)
	}
	run := func(name, v string) string {
		out, err := th.Execute("page", map[string]string{"Name": name, "V": v})
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	if got := run("Ann", "a"); got != "<b>Ann</b>|<b>Ann</b>" {
		t.Errorf("first call: %s", got)
	}
	// Same variant: the copy made first, whatever the data (that is the contract).
	if got := run("Bob", "a"); got != "<b>Ann</b>|<b>Bob</b>" {
		t.Errorf("same variant: %s", got)
	}
	if got := run("Bob", "b"); got != "<b>Bob</b>|<b>Bob</b>" {
		t.Errorf("another variant: %s", got)
	}
	// A new build forgets the copies.
	th.NewBuild()
	if got := run("Cy", "a"); !strings.HasPrefix(got, "<b>Cy</b>") {
		t.Errorf("after NewBuild: %s", got)
	}
}

// Every kind and number of variants keys its own copy: one or two kept as they are, more
// than two or other types written out.
func TestPartialCachedVariants(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/page.html":         {Data: []byte(`{{partialCached "who" . .A}}|{{partialCached "who" . .A .B}}|{{partialCached "who" . .A .B .C}}|{{partialCached "who" . .F}}|{{partialCached "who" . .N .T}}`)},
		"layouts/partials/who.html": {Data: []byte(`{{define "who"}}{{.Name}}{{end}}`)},
	}
	th, err := Load(fsys, "", "en")
	if err != nil {
		t.Fatal(err)
	}
	type data struct {
		Name, A, B, C string
		F             float64
		N             int
		T             bool
	}
	run := func(d data) string {
		out, err := th.Execute("page", d)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	if got := run(data{Name: "1", A: "a", B: "b", C: "c", F: 1.5, N: 1, T: true}); got != "1|1|1|1|1" {
		t.Errorf("first: %s", got)
	}
	if got := run(data{Name: "2", A: "a", B: "b", C: "c", F: 1.5, N: 1, T: true}); got != "1|1|1|1|1" {
		t.Errorf("same variants: %s", got)
	}
	if got := run(data{Name: "3", A: "a", B: "x", C: "y", F: 2.5, N: 1, T: false}); got != "1|3|3|3|3" {
		t.Errorf("other variants: %s", got)
	}
	// "a" then "b" is not "ab" then "": the variants stay apart.
	if got := run(data{Name: "4", A: "ab", B: "", C: "c", F: 1.5, N: 11, T: true}); got != "4|4|4|1|4" {
		t.Errorf("variants run together: %s", got)
	}
}
