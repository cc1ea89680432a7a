package theme_test

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"github.com/between-ssg/between/generator/theme"
	"github.com/between-ssg/between/themes"
)

func TestChain(t *testing.T) {
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"en"}},
		{"de", []string{"de", "en"}},
		{"pt-BR", []string{"pt-BR", "pt", "en"}},
		{"pt-br", []string{"pt-BR", "pt", "en"}},
		{"en-GB", []string{"en-GB", "en"}},
		{"zh-Hans", []string{"zh-Hans", "zh", "en"}},
		{"zh-CN", []string{"zh-CN", "zh-Hans", "zh", "en"}},
		{"zh-TW", []string{"zh-TW", "zh-Hant", "zh", "en"}},
		{"sr-Latn-RS", []string{"sr-Latn-RS", "sr", "en"}},
	} {
		if got := theme.Chain(c.lang); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Chain(%q) = %v, want %v", c.lang, got, c.want)
		}
	}
}

func TestPluralCategories(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 step"},
		{"en", 0, "0 steps"},
		{"en", 2, "2 steps"},
		{"en-GB", 21, "21 steps"},
		{"de", 1, "1 Schritt"},
		{"fr", 0, "0 étape"}, // French counts 0 as one
		{"pl", 1, "1 krok"},
		{"pl", 3, "3 kroki"},
		{"pl", 5, "5 kroków"},
		{"pl", 22, "22 kroki"},
		{"pl", 25, "25 kroków"},
		{"ar", 1, "خطوة واحدة"},
		{"ar", 2, "خطوتان"},
		{"ar", 3, "3 خطوات"},
		{"ar", 11, "11 خطوة"},
		{"ar", 100, "100 خطوة"},
		{"ja", 1, "1ステップ"},
		{"ja", 7, "7ステップ"},
		{"zh-Hans", 3, "3 步"},
		{"pt-BR", 2, "2 etapas"},
	} {
		th, err := theme.Load(fstest.MapFS{}, "", c.lang)
		if err != nil {
			t.Fatal(err)
		}
		got, err := th.Plural("steps", c.n)
		if err != nil || got != c.want {
			t.Errorf("%s: Plural(steps, %d) = %q, %v; want %q", c.lang, c.n, got, err, c.want)
		}
	}
}

func TestLanguageWarnings(t *testing.T) {
	for _, c := range []struct {
		lang string
		site fstest.MapFS
		warn string
	}{
		{"de", nil, ""},
		{"de-AT", nil, ""},
		{"en-GB", nil, ""},
		{"ko", nil, `language = "ko": the theme has no words in this language`},
		{"ko", fstest.MapFS{"i18n/ko.toml": {Data: []byte(`menu = "메뉴"` + "\n")}}, ""},
	} {
		site := c.site
		if site == nil {
			site = fstest.MapFS{}
		}
		th, err := theme.Load(site, "", c.lang)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(th.Warnings) > 0 {
			got = th.Warnings[0].Error()
		}
		if c.warn == "" && got != "" || c.warn != "" && !strings.Contains(got, c.warn) {
			t.Errorf("%s: warnings %q, want %q", c.lang, got, c.warn)
		}
		if c.warn != "" && !strings.Contains(got, "i18n/ko.toml") {
			t.Errorf("%s: the warning %q does not name the file to add", c.lang, got)
		}
	}
}

// A site's own i18n/en.toml changes English words only: a German site keeps the theme's
// German, and a site's i18n/de.toml wins over both.
func TestWordPrecedence(t *testing.T) {
	site := fstest.MapFS{
		"i18n/en.toml": {Data: []byte("menu = \"Contents\"\nprint = \"Print it\"\n")},
		"i18n/de.toml": {Data: []byte("print = \"Ausdrucken\"\n")},
	}
	th, err := theme.Load(site, "", "de")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"menu": "Menü", "print": "Ausdrucken", "next": "Weiter"} {
		if got := th.Word(key); got != want {
			t.Errorf("Word(%s) = %q, want %q", key, got, want)
		}
	}
}

// A site's own words file: a key a typo away from the theme's is warned about (the theme
// would go on showing its own word), a key of the site's own is not, and a text whose quote
// is not closed is an error that says which word.
func TestSiteWordsChecked(t *testing.T) {
	site := fstest.MapFS{"i18n/en.toml": {Data: []byte("menu = \"Contents\"\nfede = \"Subscribe\"\nmy_own_word = \"Hello\"\n")}}
	th, err := theme.Load(site, "", "en")
	if err != nil {
		t.Fatal(err)
	}
	want := `i18n/en.toml:2: warning: "fede" is not a word of the theme; did you mean "feed"? Until then the theme shows its own word there`
	if got := th.Warnings.Error(); got != want {
		t.Errorf("warnings %q, want %q", got, want)
	}
	site["i18n/en.toml"] = &fstest.MapFile{Data: []byte("menu = \"Contents\"\nfeed = \"Flux\nprint = \"Print\"\n")}
	_, err = theme.Load(site, "", "en")
	if err == nil || !strings.Contains(err.Error(), "i18n/en.toml:2:8: the feed has no closing quote") {
		t.Errorf("unclosed quote: %v", err)
	}
}

// TestHugoWordsFile: a words file as Hugo writes them ([key] with other = "...") is one
// error at its first such word, saying what Between's words are; a table that is not Hugo's
// is still told of for itself.
func TestHugoWordsFile(t *testing.T) {
	site := fstest.MapFS{"i18n/fr.toml": {Data: []byte("menu = \"Sommaire\"\n\n[prev_page]\nother = \"Précédent\"\n\n[reading_time]\none = \"1 minute\"\nother = \"{{ .Count }} minutes\"\n[odd]\nx = 1\n")}}
	_, err := theme.Load(site, "", "fr")
	want := "i18n/fr.toml:3: this file holds words as Hugo writes them ([prev_page] with other = \"...\"), for a Hugo theme's templates; " +
		"Between's theme has words of its own, one a line, like feed = \"...\": start from the theme's i18n/en.toml (see docs/languages.md), and remove the Hugo words\n" +
		"i18n/fr.toml:9: odd must be text in quotes, like odd = \"...\""
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func TestDir(t *testing.T) {
	for lang, want := range map[string]string{"ar": "rtl", "ar-EG": "rtl", "he": "rtl", "fa": "rtl", "en": "ltr", "ja": "ltr", "zh-Hans": "ltr", "": "ltr"} {
		if got := theme.Dir(lang); got != want {
			t.Errorf("Dir(%q) = %q, want %q", lang, got, want)
		}
	}
}

// TestBuiltInLanguagesComplete checks that every language the theme ships has every word of
// en.toml (each plural word at least in its _other form), and no word en.toml lacks, so that
// a client never meets an English button in a translated library.
func TestBuiltInLanguagesComplete(t *testing.T) {
	dir, _ := fs.Sub(themes.Default, "default/i18n")
	read := func(name string) map[string]string {
		data, err := fs.ReadFile(dir, name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if _, err := toml.Decode(string(data), &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	en := read("en.toml")
	required := map[string]bool{}
	for k := range en {
		if strings.HasSuffix(k, "_one") {
			continue // languages without a one form (ja, zh) use _other alone
		}
		required[k] = true
	}
	entries, _ := fs.ReadDir(dir, ".")
	langs := 0
	for _, e := range entries {
		name := e.Name()
		if name == "en.toml" || strings.HasPrefix(name, "en-") {
			continue
		}
		langs++
		words := read(name)
		for k := range required {
			if _, ok := words[k]; !ok {
				t.Errorf("%s has no %s (en: %q)", name, k, en[k])
			}
		}
		for k := range words {
			base := k
			for _, s := range []string{"_zero", "_one", "_two", "_few", "_many"} {
				if strings.HasSuffix(k, s) {
					base = strings.TrimSuffix(k, s) + "_other"
				}
			}
			if _, ok := en[base]; !ok {
				t.Errorf("%s has %s, which en.toml does not know", name, k)
			}
		}
	}
	if langs < 11 {
		t.Errorf("the theme ships %d languages besides English, want at least 11", langs)
	}
}

// TestWordFilesNotRead: a words file in YAML or JSON, as Hugo sites have them, for a
// language the site's words come from, is a warning naming it; one for another language, or
// a TOML file, is not.
func TestWordFilesNotRead(t *testing.T) {
	for _, c := range []struct {
		name  string
		files []string
		lang  string
		want  string
	}{
		{"yaml for the site's language", []string{"i18n/fr.yaml"}, "fr", "i18n/fr.yaml: warning: Between reads words only from fr.toml, so this file changes nothing; write them one a line, like feed = \"...\", starting from the theme's i18n/en.toml (see docs/languages.md)"},
		{"yml and json", []string{"i18n/en.yml", "i18n/en.json"}, "en", "i18n/en.yml: warning: Between reads words only from en.toml, so this file changes nothing; write them one a line, like feed = \"...\", starting from the theme's i18n/en.toml (see docs/languages.md)\n" +
			"i18n/en.json: warning: Between reads words only from en.toml, so this file changes nothing; write them one a line, like feed = \"...\", starting from the theme's i18n/en.toml (see docs/languages.md)"},
		{"the fallback language", []string{"i18n/pt.yaml"}, "pt-BR", "i18n/pt.yaml: warning: Between reads words only from pt.toml, so this file changes nothing; write them one a line, like feed = \"...\", starting from the theme's i18n/en.toml (see docs/languages.md)"},
		{"a theme folder's", []string{"themes/calm/i18n/de.yaml", "themes/calm/layouts/.keep"}, "de", "themes/calm/i18n/de.yaml: warning: Between reads words only from de.toml, so this file changes nothing; write them one a line, like feed = \"...\", starting from the theme's i18n/en.toml (see docs/languages.md)"},
		{"another language", []string{"i18n/fr.yaml"}, "en", ""},
		{"toml", []string{"i18n/fr.toml"}, "fr", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			site := fstest.MapFS{}
			for _, f := range c.files {
				site[f] = &fstest.MapFile{Data: []byte("menu = \"x\"\n")}
			}
			name := ""
			if strings.HasPrefix(c.files[0], "themes/") {
				name = "calm"
			}
			th, err := theme.Load(site, name, c.lang)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range th.Warnings {
				got = append(got, w.Error())
			}
			if strings.Join(got, "\n") != c.want {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), c.want)
			}
		})
	}
}
