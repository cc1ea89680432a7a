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
