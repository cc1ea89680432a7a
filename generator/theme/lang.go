package theme

import (
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Chain lists the word files a language tag reads, most specific first and English last:
// "pt-BR" → pt-BR, pt, en; "zh-CN" → zh-CN, zh-Hans, zh, en. The names are the tag's own
// spelling with the usual case (pt-BR, zh-Hans), so i18n/pt-BR.toml is found as written.
func Chain(lang string) []string {
	var out []string
	add := func(s string) {
		for _, o := range out {
			if strings.EqualFold(o, s) {
				return
			}
		}
		out = append(out, s)
	}
	tag, err := language.Parse(lang)
	if err != nil || lang == "" {
		if lang != "" {
			add(lang)
		}
		add("en")
		return out
	}
	add(tag.String())
	base, _ := tag.Base()
	script, conf := tag.Script()
	// Chinese is written in two scripts: zh-CN and zh-SG read zh-Hans, zh-TW zh-Hant.
	if base.String() == "zh" && conf != language.No {
		add("zh-" + script.String())
	}
	add(base.String())
	add("en")
	return out
}

func anyFound(found map[string]bool, names []string) bool {
	for _, n := range names {
		if found[n] {
			return true
		}
	}
	return false
}

// pluralFor returns the CLDR plural category of a whole number in lang: "one", "few" and so
// on, as the suffixes of plural words (steps_one, steps_few, steps_other).
func pluralFor(lang string) func(n int) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return func(n int) string {
		if n < 0 {
			n = -n
		}
		switch plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0) {
		case plural.Zero:
			return "zero"
		case plural.One:
			return "one"
		case plural.Two:
			return "two"
		case plural.Few:
			return "few"
		case plural.Many:
			return "many"
		}
		return "other"
	}
}

// Dir is "rtl" for languages written right to left, else "ltr".
func Dir(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return "ltr"
	}
	base, _ := tag.Base()
	switch base.String() {
	case "ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb":
		return "rtl"
	}
	return "ltr"
}

// Plural returns the word KEY_CATEGORY for n in the theme's language, falling back to
// KEY_other; n fills the word's %d when it has one ("one minute" needs none in Arabic).
func (t *Theme) Plural(key string, n int) (string, error) {
	k := numKey{key, n, 0}
	if w, ok := t.recall(k); ok {
		return w, nil
	}
	w, err := t.pluralWord(key, n)
	t.keep(k, w, err)
	return w, err
}

func (t *Theme) pluralWord(key string, n int) (string, error) {
	k := key + "_" + t.plural(n)
	if _, ok := t.words[k]; !ok {
		k = key + "_other"
		if _, ok := t.words[k]; !ok && n == 1 {
			k = key + "_one"
		}
	}
	if w, ok := t.words[k]; ok && (t.plain[k] || t.plain == nil && !verb.MatchString(w)) {
		return w, nil
	}
	return t.word(k, n)
}

func isEnglish(lang string) bool {
	tag, err := language.Parse(lang)
	if err != nil {
		return false
	}
	base, _ := tag.Base()
	return base.String() == "en"
}

// numKey names a word made with numbers: a plural's key and n, or a duration ("" and its
// minutes, from and to).
type numKey struct {
	key  string
	a, b int
}

// recall gives the word k names when it was made before: list entries and pages show the
// same few "25 minutes" and "4 questions" thousands of times, and making each again costs a
// formatting and a string. A theme's words never change.
func (t *Theme) recall(k numKey) (string, bool) {
	t.numsMu.RLock()
	w, ok := t.nums[k]
	t.numsMu.RUnlock()
	return w, ok
}

// keep records the word k names, for recall; a failed word is made again, for its error.
func (t *Theme) keep(k numKey, w string, err error) {
	if err != nil {
		return
	}
	t.numsMu.Lock()
	if t.nums == nil {
		t.nums = map[numKey]string{}
	}
	t.nums[k] = w
	t.numsMu.Unlock()
}
