package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/between-ssg/between/generator/diag"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"misspelt key", "title = \"x\"\ntitel = \"y\"\n",
			[]string{`config.toml:2: unknown setting "titel"; did you mean "title"?`}},
		// A setting's name is read in any case, as Hugo reads it: written in two cases it
		// is given twice.
		{"one setting in two cases", "title = \"x\"\nTitle = \"y\"\n",
			[]string{`config.toml:2: title is set twice, as title on line 1 and as Title on line 2: a setting's name is the same in small and capital letters; keep one`}},
		{"a table in two cases", "[markdown]\nunsafe = true\n[Markdown]\nemoji = true\n",
			[]string{`config.toml:3: markdown is set twice, as markdown on line 1 and as Markdown on line 3: a setting's name is the same in small and capital letters; keep one`}},
		{"a key of a table in two cases", "[markdown]\nunsafe = true\nUnsafe = false\n",
			[]string{`config.toml:3: markdown.unsafe is set twice, as markdown.unsafe on line 2 and as markdown.Unsafe on line 3: a setting's name is the same in small and capital letters; keep one`}},
		{"a language's key in two cases", "[languages.en]\n[languages.de]\ntitle = \"a\"\nTITLE = \"b\"\n",
			[]string{`config.toml:4: languages.de.title is set twice, as languages.de.title on line 3 and as languages.de.TITLE on line 4: a setting's name is the same in small and capital letters; keep one`}},
		{"a wrong value in another case", "Paginate = 0\nPAPER = \"A5\"\n[Languages.en]\nCoach_Email = \"x\"\n",
			[]string{`config.toml:1: paginate = 0: give how many entries a list page shows, such as 50`,
				`config.toml:2: paper = "A5": use "A4" or "Letter"`,
				`config.toml:4: coach_email = "x" is not an email address; write it like "clara@example.org" or "Clara <clara@example.org>"`}},
		{"a setting in [Params]", "[Params]\nTitle = \"x\"\n",
			[]string{`config.toml:2: Title is inside [Params] (line 1), so Between does not read it as its setting; move it above [Params], with the other settings; or, if it is a value for your own templates, give it another name`}},
		{"a language's setting in its [Languages.de.Params]", "[languages.en]\n[Languages.de]\n[Languages.de.Params]\nCoach_Email = \"k@example.org\"\n",
			[]string{`config.toml:4: Coach_Email is inside [Languages.de.Params] (line 3), so Between does not read it as its setting; move it under [Languages.de] (line 2) for this language only, or above [languages.en] (line 1) for the whole library; or, if it is a value for your own templates, give it another name`}},
		{"a wrong type in another case", "BaseUrl = 1\n",
			[]string{`config.toml:1: baseURL must be text in quotes, not a number; write it like baseURL = "..."`}},
		{"Hugo's enableEmoji", "enableEmoji = true\n",
			[]string{`config.toml:1: enableEmoji is a setting of other generators (Hugo's), not Between's: Between's is [markdown] emoji = true, which shows :smile: as 🙂: write [markdown] then emoji = true on the line below it, after the other settings, and remove this line`}},
		{"Hugo's enableEmoji, with [markdown]", "enableemoji = true\n[markdown]\nunsafe = false\n",
			[]string{`config.toml:1: enableemoji is a setting of other generators (Hugo's), not Between's: Between's is [markdown] emoji = true, which shows :smile: as 🙂: write emoji = true under [markdown] (line 2), and remove this line`}},
		{"Hugo's enableEmoji off", "enableEmoji = false\n",
			[]string{`config.toml:1: enableEmoji is a setting of other generators (Hugo's), not Between's: a shortcode like :smile: stays as written unless [markdown] emoji = true, as Hugo's enableEmoji = false leaves it; remove it`}},
		{"emoji above [markdown]", "emoji = true\n[markdown]\nunsafe = false\n",
			[]string{`config.toml:1: emoji is a setting of [markdown]: write it below the line [markdown], like emoji = true under [markdown] (line 2), and remove this line`}},
		{"unsafe without [markdown]", "Unsafe = true\n",
			[]string{`config.toml:1: Unsafe is a setting of [markdown]: write it below the line [markdown], like [markdown] then unsafe = true on the line below it, after the other settings, and remove this line`}},
		{"misspelt emoji", "[markdown]\nemojis = true\n",
			[]string{`config.toml:2: unknown setting "markdown.emojis"; did you mean "markdown.emoji"?`}},
		{"emoji as text", "[markdown]\nemoji = \"yes\"\n",
			[]string{`config.toml:2: markdown.emoji must be true or false, not text; write it like emoji = true`}},
		{"unknown key far from any", "colour = \"blue\"\n",
			[]string{`config.toml:1: unknown setting "colour"; the settings are baseURL, title, description, language, paper, author, theme, strict, paginate, coach_email, [markdown] unsafe and emoji, [params] and [languages]`}},
		{"unknown markdown key", "title = \"x\"\n\n[markdown]\nunsafe = true\nusafe = true\n",
			[]string{`config.toml:5: unknown setting "markdown.usafe"; did you mean "markdown.unsafe"?`}},
		{"unknown markdown key, far", "[markdown]\nhardWraps = true\n",
			[]string{`config.toml:2: unknown setting "markdown.hardWraps"; the settings are baseURL, title, description, language, paper, author, theme, strict, paginate, coach_email, [markdown] unsafe and emoji, [params] and [languages]`}},
		{"unknown table", "[markdwn]\nunsafe = true\n",
			[]string{`config.toml:1: unknown setting "markdwn"; did you mean "markdown"?`}},
		{"two unknown keys in a known table", "[markdown]\nusafe = true\nhardWraps = true\n",
			[]string{`config.toml:2: unknown setting "markdown.usafe"; did you mean "markdown.unsafe"?`,
				`config.toml:3: unknown setting "markdown.hardWraps"; the settings are baseURL, title, description, language, paper, author, theme, strict, paginate, coach_email, [markdown] unsafe and emoji, [params] and [languages]`}},
		// A config.toml carried over from Hugo: what to do with each of its settings, once.
		{"Hugo's settings", "baseURL = \"https://example.org/\"\nlanguageCode = \"en-us\"\ngoogleAnalytics = \"G-1\"\n[menu]\n[[menu.main]]\nname = \"About\"\nurl = \"/about/\"\n[pagination]\npagerSize = 10\n[outputs]\nhome = [\"HTML\", \"RSS\"]\n",
			[]string{
				`config.toml:2: languageCode is a setting of other generators (Hugo's), not Between's: Between's is language, with the language's code, like language = "en"`,
				`config.toml:3: googleAnalytics is a setting of other generators (Hugo's), not Between's: a Between site makes no request to any other host, so that clients' reading stays private; remove it`,
				`config.toml:4: menu is a setting of other generators (Hugo's), not Between's: Between makes the menu from your sections and pages; remove it`,
				`config.toml:8: pagination is a setting of other generators (Hugo's), not Between's: Between's is paginate, like paginate = 50 (at the top, before any [table])`,
				`config.toml:10: outputs is a setting of other generators (Hugo's), not Between's: Between always writes the pages, the feed (index.xml), the sitemap and the search index; remove it`,
			}},
		{"more of Hugo's settings, from its example sites", "theme = [\"github.com/x/ananke\"]\nSectionPagesMenu = \"main\"\nenableInlineShortcodes = true\n[sitemap]\npriority = 0.5\n[languages.en]\ncontentDir = \"content/en\"\nlanguageName = \"English\"\n",
			[]string{
				`config.toml:1: theme = [...] names a theme of Hugo's, and a theme made for another generator does not work with Between; remove the line to use the default theme`,
				`config.toml:2: SectionPagesMenu is a setting of other generators (Hugo's), not Between's: Between makes the menu from your sections and pages; remove it`,
				`config.toml:3: enableInlineShortcodes is a setting of other generators (Hugo's), not Between's: Between runs no templates written in pages; remove it`,
				`config.toml:4: sitemap is a setting of other generators (Hugo's), not Between's: Between always writes sitemap.xml, with every listed page; remove it`,
				`config.toml:7: contentDir in [languages.en] is a setting of Hugo's, not Between's: Between reads a language's pages from content/en/ (or files named like values.en.md), and the default language's from content/; remove it`,
				`config.toml:8: languageName in [languages.en] is a setting of Hugo's, not Between's: Between's is name, like name = "..."`,
			}},
		{"number for text", "title = 5\n",
			[]string{`config.toml:1: title must be text in quotes, not a number; write it like title = "..."`}},
		{"text for true/false", "title = \"x\"\nstrict = \"yes\"\n",
			[]string{`config.toml:2: strict must be true or false, not text; write it like strict = true`}},
		{"text for markdown.unsafe", "[markdown]\nunsafe = \"no\"\n",
			[]string{`config.toml:2: markdown.unsafe must be true or false, not text; write it like unsafe = true`}},
		{"list for text", "\n\nauthor = [\"a\", \"b\"]\n",
			[]string{`config.toml:3: author must be text in quotes, not a list; write it like author = "..."`}},
		{"params not a table", "params = 3\n",
			[]string{`config.toml:1: params must be a table, not a number; write it like [params]`}},
		{"paginate as text", "paginate = \"20\"\n",
			[]string{`config.toml:1: paginate must be a whole number, not text; write it like paginate = 50`}},
		{"paginate zero", "title = \"x\"\npaginate = 0\n",
			[]string{`config.toml:2: paginate = 0: give how many entries a list page shows, such as 50`}},
		{"bad paper", "title = \"x\"\npaper = \"A5\"\n",
			[]string{`config.toml:2: paper = "A5": use "A4" or "Letter"`}},
		{"bad language", "language = \"english\"\n",
			[]string{`config.toml:1: language = "english": use a language code such as "en", "en-GB", "fr" or "pt-BR"`}},
		{"bad base URL", "baseURL = \"example.org\"\n",
			[]string{`config.toml:1: baseURL = "example.org" is not a web address; write it like "https://example.org/" or "https://example.org/library/"`}},
		{"base URL with another scheme", "\nbaseURL = \"ftp://example.org/\"\n",
			[]string{`config.toml:2: baseURL = "ftp://example.org/" is not a web address; write it like "https://example.org/" or "https://example.org/library/"`}},
		{"base URL with a query and fragment", "baseURL = \"https://example.org/lib/?q#f\"\n",
			[]string{`config.toml:1: baseURL = "https://example.org/lib/?q#f" has a ? or #, after which no page's address can follow; end it with the site's folder; write it like "https://example.org/" or "https://example.org/library/"`}},
		{"base URL with an empty query", "baseURL = \"/lib/?\"\n",
			[]string{`config.toml:1: baseURL = "/lib/?" has a ? or #, after which no page's address can follow; end it with the site's folder; write it like "https://example.org/" or "https://example.org/library/"`}},
		{"nested 10,000 deep", "title = \"x\"\n[params]\nx = " + strings.Repeat("{a = ", 10000) + "1" + strings.Repeat("}", 10000) + "\n",
			[]string{`config.toml:3: lists or tables nest more than 32 deep here; a setting needs at most two levels`}},
		{"syntax error", "title = \"x\nauthor = \"y\"\n",
			[]string{`config.toml:1:9: the title has no closing quote; end the value with " on the same line: title = "x"`}},
		{"duplicate key", "title = \"x\"\ntitle = \"y\"\n",
			[]string{`config.toml:2:1: title is set twice, on lines 1 and 2; keep one`}},
		// A setting below a [table] line is in that table: added at the end of the file init
		// writes, it would be a param, and silently not the setting.
		{"setting at the end, in [params]", "title = \"x\"\n\n[markdown]\nunsafe = false\n\n[params]\ncontact = \"a\"\ncoach_email = \"clara@example.org\"\n",
			[]string{`config.toml:8: coach_email is inside [params] (line 6), so Between does not read it as its setting; move it above [markdown] (line 3), with the other settings; or, if it is a value for your own templates, give it another name`}},
		{"setting in [params], the first table", "title = \"x\"\n[params]\nlanguage = \"de\"\n",
			[]string{`config.toml:3: language is inside [params] (line 2), so Between does not read it as its setting; move it above [params], with the other settings; or, if it is a value for your own templates, give it another name`}},
		{"settings in [params] with values Between would refuse", "[params]\npaginate = \"10\"\ncoach_email = \"clara at example.org\"\ntheme = \"hugo-coder\"\n",
			[]string{
				`config.toml:2: paginate is inside [params] (line 1), so Between does not read it as its setting; move it above [params], with the other settings; or, if it is a value for your own templates, give it another name`,
				`config.toml:3: coach_email is inside [params] (line 1), so Between does not read it as its setting; move it above [params], with the other settings; or, if it is a value for your own templates, give it another name`,
				`config.toml:4: theme is inside [params] (line 1), so Between does not read it as its setting; move it above [params], with the other settings; or, if it is a value for your own templates, give it another name`,
			}},
		{"setting in [markdown]", "[markdown]\nunsafe = true\ncoach_email = \"clara@example.org\"\n",
			[]string{`config.toml:3: coach_email is inside [markdown] (line 1), so Between does not read it as its setting; move it above [markdown], with the other settings`}},
		{"language's setting in its params", "[markdown]\nunsafe = false\n[languages.en]\n[languages.de]\ntitle = \"Zwischen\"\n[languages.de.params]\ncontact = \"c\"\ncoach_email = \"clara@example.org\"\n",
			[]string{`config.toml:8: coach_email is inside [languages.de.params] (line 6), so Between does not read it as its setting; move it under [languages.de] (line 4) for this language only, or above [markdown] (line 1) for the whole library; or, if it is a value for your own templates, give it another name`}},
		{"site's setting in a language's params", "[languages.en]\n[languages.de.params]\npaper = \"Letter\"\n",
			[]string{`config.toml:3: paper is inside [languages.de.params] (line 2), so Between does not read it as its setting; move it above [languages.en] (line 1), with the other settings; or, if it is a value for your own templates, give it another name`}},
		{"every problem at once", "titel = \"x\"\npaper = \"B5\"\nlanguage = \"??\"\n",
			[]string{
				`config.toml:1: unknown setting "titel"; did you mean "title"?`,
				`config.toml:2: paper = "B5": use "A4" or "Letter"`,
				`config.toml:3: language = "??": use a language code such as "en", "en-GB", "fr" or "pt-BR"`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("config.toml", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded with %+v; want errors %q", c, tt.want)
			}
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("error %v is %T, not a diag.List", err, err)
			}
			if len(list) != len(tt.want) {
				t.Fatalf("got %d problems:\n%v\nwant %d:\n%q", len(list), list, len(tt.want), tt.want)
			}
			for i, d := range list {
				if d.Error() != tt.want[i] {
					t.Errorf("problem %d:\n got %s\nwant %s", i, d.Error(), tt.want[i])
				}
			}
		})
	}
}

func TestParseGood(t *testing.T) {
	src := `baseURL = "https://example.org/library"
title = "Between"
description = "A library"
language = "pt-br"
paper = "letter"
author = "Robin"
theme = ""
strict = true

[markdown]
unsafe = true
emoji = true

[params]
contact = "robin@example.org"
[params.social]
mastodon = "@robin"
`
	c, err := Parse("config.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Between" || c.Language != "pt-BR" || c.Author != "Robin" || !c.Strict || !c.Markdown.Unsafe || !c.Markdown.Emoji {
		t.Errorf("decoded %+v", c)
	}
	if c.Paper != "Letter" {
		t.Errorf("paper %q, want it normalised to Letter", c.Paper)
	}
	if c.Params["contact"] != "robin@example.org" {
		t.Errorf("params %v", c.Params)
	}
	if got := c.BasePath(); got != "/library/" {
		t.Errorf("BasePath %q, want /library/", got)
	}
}

// TestSettingsInAnyCase: a config.toml carried over from Hugo, which reads a setting's name
// in any case, is read as it was there.
func TestSettingsInAnyCase(t *testing.T) {
	tests := []struct {
		name, src string
		ok        func(c *Config) bool
	}{
		{"baseurl", "baseurl = \"https://example.org/a/\"\n", func(c *Config) bool { return c.BaseURL == "https://example.org/a/" }},
		{"baseUrl", "baseUrl = \"https://example.org/a/\"\n", func(c *Config) bool { return c.BaseURL == "https://example.org/a/" }},
		{"Title", "Title = \"x\"\n", func(c *Config) bool { return c.Title == "x" }},
		{"Paginate and Coach_Email", "Paginate = 7\nCoach_Email = \"clara@example.org\"\n", func(c *Config) bool { return c.Paginate == 7 && c.CoachEmail == "clara@example.org" }},
		{"[Markdown] Unsafe", "[Markdown]\nUnsafe = true\nEmoji = true\n", func(c *Config) bool { return c.Markdown.Unsafe && c.Markdown.Emoji }},
		{"dotted Markdown.emoji", "Markdown.emoji = true\n", func(c *Config) bool { return c.Markdown.Emoji && !c.Markdown.Unsafe }},
		{"[Params] keeps its keys' case", "[Params]\nMyTitle = \"a\"\n", func(c *Config) bool { return c.Params["MyTitle"] == "a" && c.Title == "My library" }},
		{"[languages.en] and [Languages.de]", "[languages.en]\n[Languages.de]\n[LANGUAGES.fr]\n",
			func(c *Config) bool {
				return len(c.Languages) == 3 && c.Languages[1].Tag == "de" && c.Languages[2].Tag == "fr"
			}},
		{"[Languages.de] Title", "Language = \"en\"\n[Languages.en]\n[Languages.de]\nTitle = \"Zwischen\"\nWeight = 2\n",
			func(c *Config) bool {
				return len(c.Languages) == 2 && c.Languages[1].Title == "Zwischen" && c.Languages[1].Weight == 2
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("config.toml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.ok(c) {
				t.Errorf("decoded %+v", c)
			}
		})
	}
}

// TestParamsKeepTheirKeys: params take any key, a setting's name too when the file says on
// its line that it is a param, and a setting above the tables is read as before.
func TestParamsKeepTheirKeys(t *testing.T) {
	tests := []struct {
		name, src string
		ok        func(c *Config) bool
	}{
		{"free-form key", "title = \"x\"\n[markdown]\nunsafe = false\n[params]\ncontact = \"a\"\nmood = \"calm\"\n",
			func(c *Config) bool { return c.Params["mood"] == "calm" && c.Params["contact"] == "a" }},
		{"setting at the top", "title = \"x\"\ncoach_email = \"clara@example.org\"\n[markdown]\nunsafe = false\n[params]\ncontact = \"a\"\n",
			func(c *Config) bool { return c.CoachEmail == "clara@example.org" && len(c.Params) == 1 }},
		{"dotted key at the top", "params.title = \"Mine\"\n",
			func(c *Config) bool { return c.Params["title"] == "Mine" && c.Title == "My library" }},
		{"inline table", "params = {author = \"Robin\"}\n",
			func(c *Config) bool { return c.Params["author"] == "Robin" && c.Author == "" }},
		{"table under params", "[params]\ncontact = \"a\"\n[params.social]\ntitle = \"Follow\"\n",
			func(c *Config) bool { return c.Params["social"].(map[string]any)["title"] == "Follow" }},
		{"list of tables under params", "[[params.menu]]\ntitle = \"Home\"\n[[params.menu]]\ntitle = \"About\"\n",
			func(c *Config) bool { return len(c.Params["menu"].([]map[string]any)) == 2 }},
		{"a language's own setting", "[languages.en]\n[languages.de]\ncoach_email = \"klara@example.org\"\n",
			func(c *Config) bool { return c.Languages[1].CoachEmail == "klara@example.org" && c.CoachEmail == "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("config.toml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.ok(c) {
				t.Errorf("decoded %+v", c)
			}
		})
	}
}

func TestBasePath(t *testing.T) {
	for base, want := range map[string]string{
		"https://example.org/":           "/",
		"https://example.org":            "/",
		"https://example.org/library/":   "/library/",
		"https://example.org/a/b":        "/a/b/",
		"/":                              "/",
		"/docs/":                         "/docs/",
		"http://127.0.0.1:1313/":         "/",
		"https://example.org/with%20sp/": "/with sp/",
	} {
		c := &Config{BaseURL: base}
		if got := c.BasePath(); got != want {
			t.Errorf("BasePath of %q = %q, want %q", base, got, want)
		}
	}
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load(fstest.MapFS{}, "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "/" || c.Paper != "A4" || c.Language != "en" {
		t.Errorf("defaults %+v", c)
	}
	c, err = Load(fstest.MapFS{"config.toml": {Data: []byte("title = \"Mine\"\n")}}, "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Mine" || c.Paper != "A4" || c.BaseURL != "/" {
		t.Errorf("loaded %+v", c)
	}
}

// TestLoadHugoSettings: a library with Hugo's settings file and no config.toml is told to
// make one, rather than built as "My library"; with config.toml, Hugo's file is not read.
func TestLoadHugoSettings(t *testing.T) {
	const toml = "hugo.toml: this is Hugo's settings file, and Between reads config.toml, which this library has not: rename hugo.toml to config.toml, and the check will say which of its settings to change"
	yaml := func(n string) string {
		return n + ": these are Hugo's settings, and Between reads config.toml, which this library has not: write a config.toml with the settings Between reads " +
			"(title, baseURL, language...: see docs/configuration.md), taken from " + n
	}
	for _, c := range []struct {
		files []string
		want  string // "" for the config read
	}{
		{[]string{"hugo.toml"}, toml},
		{[]string{"config.yml"}, yaml("config.yml")},
		{[]string{"hugo.yaml", "hugo.json"}, yaml("hugo.yaml")},
		{[]string{"config/_default/hugo.toml"}, yaml("config/_default")},
		{[]string{"config.toml", "hugo.toml"}, ""},
		{[]string{"_config.yml", "mkdocs.yml"}, ""},
	} {
		fsys := fstest.MapFS{}
		for _, f := range c.files {
			fsys[f] = &fstest.MapFile{Data: []byte("title = \"Mine\"\n")}
		}
		_, err := Load(fsys, "config.toml")
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%v:\ngot  %s\nwant %s", c.files, got, c.want)
		}
	}
}

// TestHugoSettingsLine: a setting of Hugo's is told of at its line, also when it is given
// only by a dotted key or by its tables' own tables.
func TestHugoSettingsLine(t *testing.T) {
	_, err := Parse("config.toml", []byte("title = \"x\"\npagination.pagerSize = 3\n\n[menu]\n[[menu.main]]\nname = \"a\"\n[privacy.vimeo]\ndisabled = false\n"))
	var lines []int
	for _, d := range err.(diag.List) {
		lines = append(lines, d.Line)
	}
	if want := []int{2, 4, 7}; !reflect.DeepEqual(lines, want) {
		t.Errorf("lines %v, want %v:\n%v", lines, want, err)
	}
}

func TestKeyLine(t *testing.T) {
	src := []byte("title = \"x\"\n# comment\n[markdown]\n  unsafe = true\n\n[params]\ntitle = \"in params\"\n\"quoted\" = 1\n")
	tests := []struct {
		key  []string
		want int
	}{
		{[]string{"title"}, 1},
		{[]string{"markdown"}, 3},
		{[]string{"markdown", "unsafe"}, 4},
		{[]string{"params", "title"}, 7},
		{[]string{"params", "quoted"}, 8},
		{[]string{"missing"}, 0},
		{nil, 0},
	}
	for _, tt := range tests {
		if got := KeyLine(src, tt.key); got != tt.want {
			t.Errorf("KeyLine(%v) = %d, want %d", tt.key, got, tt.want)
		}
	}
}

func TestParseDottedKey(t *testing.T) {
	// A dotted key at the top level is the same setting as a key in its table.
	c, err := Parse("config.toml", []byte("markdown.unsafe = true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Markdown.Unsafe {
		t.Error("markdown.unsafe = true was not read")
	}
	_, err = Parse("config.toml", []byte("title = \"x\"\nmarkdown.unsave = true\n"))
	if err == nil || err.Error() != `config.toml:2: unknown setting "markdown.unsave"; did you mean "markdown.unsafe"?` {
		t.Errorf("got %v", err)
	}
}

func TestLanguages(t *testing.T) {
	src := "title = \"Between Sessions\"\nlanguage = \"en\"\n[params]\ncontact = \"a\"\nother = \"b\"\n\n[languages.de]\nweight = 2\ntitle = \"Zwischen den Sitzungen\"\n[languages.de.params]\ncontact = \"c\"\n\n[languages.en]\nweight = 1\n\n[languages.pt-br]\nweight = 1\nname = \"Português do Brasil\"\n"
	c, err := Parse("config.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range c.Languages {
		got = append(got, l.Tag+"|"+l.Prefix+"|"+l.Name)
	}
	want := []string{"en||English", "pt-BR|pt-br|Português do Brasil", "de|de|Deutsch"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("languages %q, want %q", got, want)
	}
	de := c.ForLanguage(c.Languages[2])
	if de.Title != "Zwischen den Sitzungen" || de.Language != "de" || de.BaseURL != "/de/" || de.Params["contact"] != "c" || de.Params["other"] != "b" || len(de.Languages) != 3 || de.Languages[2].Home != "/de/" {
		t.Errorf("German config %+v", de)
	}
	if c.Params["contact"] != "a" {
		t.Errorf("the site's params changed: %v", c.Params)
	}
	if en := c.ForLanguage(c.Languages[0]); en.Title != "Between Sessions" || en.BaseURL != "/" {
		t.Errorf("English config %+v", en)
	}
	// Without language, the first is the default.
	c, err = Parse("config.toml", []byte("[languages.fr]\nweight = 2\n[languages.de]\nweight = 1\n[languages.it]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Language != "fr" || c.Languages[0].Prefix != "" || c.Languages[1].Prefix != "it" || c.Languages[2].Prefix != "de" {
		t.Errorf("default %q, languages %+v", c.Language, c.Languages)
	}
}

func TestLanguagesErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"misspelt key", "[languages.en]\n[languages.de]\ntitel = \"x\"\n",
			`config.toml:3: unknown setting "titel" in [languages.de]; did you mean "title"?`},
		{"unknown key", "[languages.en]\n[languages.de]\npaper = \"A4\"\n",
			`config.toml:3: unknown setting "paper" in [languages.de]; a language can set name, weight, title, description, author, coach_email and [languages.de.params]`},
		{"bad tag", "[languages.en]\n\n[languages.german]\ntitle = \"x\"\n",
			`config.toml:3: [languages.german]: "german" is not a language code; use one such as "en", "de", "fr" or "pt-BR"`},
		{"not a table", "[languages]\nen = \"English\"\n",
			`config.toml:2: languages.en must be a table, not text; write it like [languages.en] with title = "..." under it`},
		{"weight as text", "[languages.en]\n[languages.de]\nweight = \"2\"\n",
			`config.toml:3: languages.de.weight must be a whole number, not text; write it like weight = 1`},
		{"default not listed", "language = \"fr\"\n[languages.en]\n[languages.de]\n",
			`config.toml:1: language = "fr" is the default language, but [languages] has no [languages.fr]; add it, or set language to one of "en", "de"`},
		{"same language twice", "[languages.de]\n[languages.DE]\n",
			`config.toml:2: [languages.DE] is the same language as [languages.de]; keep one`},
		{"misspelt table", "[langauges.de]\n",
			`config.toml:1: unknown setting "langauges.de"; did you mean "languages.de"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("config.toml", []byte(tt.src))
			var list diag.List
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			for _, d := range list {
				if d.Error() == tt.want {
					return
				}
			}
			t.Errorf("got %v\nwant %q", list, tt.want)
		})
	}
}

func TestTopKeyLinesAgreesWithKeyLine(t *testing.T) {
	srcs := []string{
		"title = \"A\"\ndate = 2024-01-02\ntags = [\"a\", \"b\"]\n",
		"\"quoted\" = 1\n'single' = 2\n  indented = 3\r\nwindows = 4\r\n",
		"title = \"A\"\n[params]\nmood = \"calm\"\ntitle = \"inner\"\n[[steps]]\nfile = \"x.md\"\n",
		"a.b = 1\nsummary = \"x = y\"\nsummary = \"twice\"\n[params]\n[ spaced ]\n",
		"fields = [\n  \"one\",\n  \"two = 2\",\n]\nlast = true",
		"",
		"=\n[\n]\nno equals\n",
	}
	for _, src := range srcs {
		lines := TopKeyLines([]byte(src))
		keys := []string{"title", "date", "tags", "quoted", "single", "indented", "windows", "params", "mood",
			"steps", "file", "a", "a.b", "summary", "spaced", "fields", "last", "two", "missing", ""}
		for _, k := range keys {
			if got, want := lines[k], KeyLine([]byte(src), []string{k}); got != want {
				t.Errorf("%q: line of %q = %d, KeyLine says %d", src, k, got, want)
			}
		}
	}
}
