package build

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/between-ssg/between/generator/render"
	"github.com/between-ssg/between/generator/theme"
)

// stringsOf reads js/strings.js back into its words, by element id.
func stringsOf(t *testing.T, files map[string][]byte, name string) map[string]map[string]string {
	t.Helper()
	data, ok := files[name]
	if !ok {
		t.Fatalf("no %s", name)
	}
	_, obj, ok := strings.Cut(string(data), "window.BetweenStrings = ")
	obj, ok2 := strings.CutSuffix(obj, ";\n")
	var words map[string]map[string]string
	if !ok || !ok2 || json.Unmarshal([]byte(obj), &words) != nil {
		t.Fatalf("%s is not window.BetweenStrings = {...}:\n%s", name, data)
	}
	return words
}

// TestStringsFile: in a library in two languages, built in memory and streamed, no page holds
// the scripts' words; each language has its js/strings.js with its own words and settings
// (base path, the coach's address), which its pages load before the scripts and its
// offline.json keeps.
func TestStringsFile(t *testing.T) {
	root := bilingualSite(t)
	cfg, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "config.toml", strings.Replace(string(cfg), "[languages.en]", "coach_email = \"robin@example.org\"\n\n[languages.en]", 1)+"coach_email = \"kim@example.org\"\n")
	memory := mustBuild(t, newBuilder(root)).Files
	sink := &mapSink{}
	if _, err := newBuilder(root).BuildTo(sink); err != nil {
		t.Fatal(err)
	}
	for _, way := range []struct {
		name  string
		files map[string][]byte
	}{{"in memory", memory}, {"streamed", sink.files}} {
		files := way.files
		for _, l := range []struct{ prefix, lang, base, coach string }{
			{"", "en", "/library/", "robin@example.org"},
			{"de/", "de", "/library/de/", "kim@example.org"},
		} {
			th, err := theme.Load(fstest.MapFS{}, "", l.lang)
			if err != nil {
				t.Fatal(err)
			}
			words := stringsOf(t, files, l.prefix+render.StringsFile)
			for _, c := range []struct{ id, key, want string }{
				{"between-strings", "mark", th.Word("mark_done")},
				{"worksheet-strings", "clearConfirm", th.Word("ws_clear_confirm")},
				{"search-strings", "kindWorksheet", th.Word("kind_worksheet")},
				{"sessions-strings", "base", l.base},
				{"sessions-strings", "coachEmail", l.coach},
				{"sessions-strings", "coachName", th.Word("share_your_coach")},
			} {
				if got := words[c.id][c.key]; got != c.want || got == "" {
					t.Errorf("%s, %s%s: %s.%s = %q, want %q", way.name, l.prefix, render.StringsFile, c.id, c.key, got, c.want)
				}
			}
			var list struct{ Files []string }
			if err := json.Unmarshal(files[l.prefix+"offline.json"], &list); err != nil || !slices.Contains(list.Files, render.StringsFile) {
				t.Errorf("%s: %soffline.json does not keep %s: %v", way.name, l.prefix, render.StringsFile, list.Files)
			}
		}
		if en, de := stringsOf(t, files, render.StringsFile), stringsOf(t, files, "de/"+render.StringsFile); en["between-strings"]["mark"] == de["between-strings"]["mark"] {
			t.Errorf("%s: both languages' files say %q", way.name, en["between-strings"]["mark"])
		}
		pages := 0
		for name, data := range files {
			if !strings.HasSuffix(name, ".html") || bytes.Contains(data, []byte(`http-equiv="refresh"`)) {
				continue
			}
			pages++
			if bytes.Contains(data, []byte(`-strings" hidden`)) {
				t.Errorf("%s: %s holds the scripts' words", way.name, name)
			}
			base := "/library/"
			if strings.HasPrefix(name, "de/") {
				base = "/library/de/"
			}
			tags := `<script src="` + base + `js/strings.js" defer></script>` + "\n" + `<script src="` + base + `js/between.js" defer></script>`
			if !bytes.Contains(data, []byte(tags)) {
				t.Errorf("%s: %s does not load %sjs/strings.js before the scripts", way.name, name, base)
			}
		}
		if pages < 20 {
			t.Errorf("%s: only %d pages", way.name, pages)
		}
	}
}

// TestStringsFileRebuilt: the file follows the theme's words, config.toml and a site's own
// "strings" template in a rebuild, as the dev server asks for one.
func TestStringsFileRebuilt(t *testing.T) {
	files := smallSite()
	for name := range files {
		if strings.HasPrefix(name, "layouts/") {
			delete(files, name) // the default theme
		}
	}
	root := writeSite(t, files)
	b := newBuilder(root)
	mustBuild(t, b)
	for _, c := range []struct {
		file, text string
		id, key    string
		want       string
	}{
		{"i18n/en.toml", "mark_done = \"Tick\"\n", "between-strings", "mark", "Tick"},
		{"config.toml", files["config.toml"] + "coach_email = \"ann@example.org\"\n", "sessions-strings", "coachEmail", "ann@example.org"},
		{"layouts/partials/words.html", `{{define "strings"}}<div id="between-strings" hidden data-mark="{{T "mark_done"}}!"></div>{{end}}`, "between-strings", "mark", "Tick!"},
	} {
		write(t, root, c.file, c.text)
		res := mustRebuild(t, b, c.file)
		if got := stringsOf(t, res.Files, render.StringsFile)[c.id][c.key]; got != c.want {
			t.Errorf("after %s: %s.%s = %q, want %q", c.file, c.id, c.key, got, c.want)
		}
		if !slices.Contains(res.Changed, render.StringsFile) {
			t.Errorf("after %s: %s is not in Changed %v", c.file, render.StringsFile, res.Changed)
		}
		assertSameAsFull(t, root, res)
	}
}
