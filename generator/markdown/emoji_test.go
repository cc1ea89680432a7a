package markdown

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// mayHaveEmoji reports whether pageFeatures finds a shortcode in src, in code or not.
func mayHaveEmoji(src []byte) bool {
	keep, _ := pageFeatures(src)
	return keep&featEmoji != 0
}

// TestEmojiFeature: pageFeatures looks for shortcodes and for autolinks' "http:" in one
// pass over the colons, and finds each wherever the other is.
func TestEmojiFeature(t *testing.T) {
	for src, want := range map[string][2]bool{ // shortcode, autolink to check
		"see http://x.org and :smile:":  {true, true},
		":smile: and then http://x.org": {true, true},
		":smile: :tada: http://x.org":   {true, true},
		"http://x.org then ftp://y.org": {false, true},
		"`:smile:`":                     {true, false},
		"10:30:00 and :nosuchemoji:":    {false, false},
		"a:b: and \\:smile:":            {true, false},
		"no colon":                      {false, false},
	} {
		keep, check := pageFeatures([]byte(src))
		if got := [2]bool{keep&featEmoji != 0, check&featAutolinks != 0}; got != want {
			t.Errorf("%q: shortcode, autolinks %v, want %v", src, got, want)
		}
	}
}

// emojiConverter is New with emoji on.
func emojiConverter() *Converter {
	c := New(false)
	c.SetEmoji(true)
	return c
}

// TestEmoji: with [markdown] emoji = true, a shortcode is the emoji it stands for, written
// as characters, wherever goldmark-emoji reads one; in code, in a link's address and where
// it names no emoji, it stays as written.
func TestEmoji(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Well done :tada:", "<p>Well done 🎉</p>\n"},
		{":smile::+1::-1:", "<p>😄👍👎</p>\n"},
		{"a :slightly_smiling_face: b", "<p>a 🙂 b</p>\n"},
		{":heart: and :one:", "<p>❤️ and 1️⃣</p>\n"},
		{"`:smile:` and\n\n    :smile:\n", "<p><code>:smile:</code> and</p>\n<pre><code>:smile:\n</code></pre>\n"},
		{"[:smile:](https://example.com/:smile:/)", `<p><a href="https://example.com/:smile:/">😄</a></p>` + "\n"},
		{"at 10:30:00, ratio 1:2:3, :nosuchemoji: and :: and :smile", "<p>at 10:30:00, ratio 1:2:3, :nosuchemoji: and :: and :smile</p>\n"},
		{":smile:smile:", "<p>😄smile:</p>\n"},
		{"\\:smile:", "<p>:smile:</p>\n"},
		// GitHub's pictures, which are no characters, stay as written: a picture would come
		// from another host.
		{":octocat: :shipit:", "<p>:octocat: :shipit:</p>\n"},
		{"# Hi :wave:", `<h1 id="hi-wave">Hi 👋</h1>` + "\n"},
		{"![a :smile: face](/a.png) **b :x:**", `<p><img src="/lib/a.png" alt="a 😄 face"> <strong>b ❌</strong></p>` + "\n"},
		{"| a :x: |\n|---|\n| :white_check_mark: |\n", "<table>\n<thead>\n<tr>\n<th>a ❌</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>✅</td>\n</tr>\n</tbody>\n</table>\n"},
	}
	on := emojiConverter()
	for _, tt := range tests {
		d, err := on.Convert([]byte(tt.src), Options{Rel: "articles/a.md", Resolve: resolve, BasePath: "/lib/"})
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Text(); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
		if len(d.Problems) > 0 {
			t.Errorf("%q: problems %v", tt.src, d.Problems)
		}
	}
}

// TestEmojiText: headings, the summary and the word count read an emoji as the page shows
// it.
func TestEmojiText(t *testing.T) {
	d, err := emojiConverter().Convert([]byte("## Good news :tada:\n\nYou did it :+1: today.\n"), Options{Rel: "articles/a.md"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Headings) != 1 || d.Headings[0].Title != "Good news 🎉" || d.Headings[0].ID != "good-news-tada" {
		t.Errorf("headings %+v", d.Headings)
	}
	if d.Summary != "You did it 👍 today." || d.WordCount != 6 {
		t.Errorf("summary %q, %d words", d.Summary, d.WordCount)
	}
}

// TestEmojiLeavesFieldsAlone: a worksheet's ::: lines are the worksheet's, with emoji on
// as off: the same fields, and the same HTML once the shortcodes are put back.
func TestEmojiLeavesFieldsAlone(t *testing.T) {
	tests := []struct {
		src    string
		fields int // with Options.Fields
	}{
		{"::: answer\nWhat went well :smile:?\n:::\n", 1},
		{"::: answer id=a\n:::\n\n::: scale\nHow sure are you :thinking:?\n:::\n", 2},
		{":::answer\nText\n:::\n", 1},
		{"::: answer :smile:\n:::\n", 1},
		{"::: answer\n::: answer\n:::\n:::\n", 2},
		{"::: choice\nPick :one:\n- yes :+1:\n- no :-1:\n:::\n", 1},
		{"- [ ] a task :smile:\n- [x] done :tada:\n", 2},
		// Callouts, and ::: that opens nothing.
		{"::: warning\nCareful :warning:\n:::\n", 0},
		{":::warning\nCareful\n:::\n", 0},
		{"::: note title=\":bulb: Tip\"\nText\n:::\n", 0},
		{"Text\n:::\nmore ::: text :::smile:::\n", 0},
	}
	on, off := emojiConverter(), New(false)
	back := strings.NewReplacer("😄", ":smile:", "🤔", ":thinking:", "⚠️", ":warning:", "1️⃣", ":one:", "👍", ":+1:", "👎", ":-1:", "🎉", ":tada:")
	for _, tt := range tests {
		src := tt.src
		for _, fields := range []bool{false, true} {
			o := Options{Rel: "worksheets/w.md", Fields: fields}
			a, err := on.Convert([]byte(src), o)
			if err != nil {
				t.Fatal(err)
			}
			b, err := off.Convert([]byte(src), o)
			if err != nil {
				t.Fatal(err)
			}
			// A field's id and an item's value are what a client's answers are kept
			// under: turning emoji on keeps them.
			if !reflect.DeepEqual(a.Fields, b.Fields) {
				t.Errorf("%q: fields\n%+v with emoji\n%+v without", src, a.Fields, b.Fields)
			}
			if fields && len(a.Fields) != tt.fields {
				t.Errorf("%q: %d fields, want %d", src, len(a.Fields), tt.fields)
			}
			if got, want := back.Replace(a.Text()), b.Text(); got != want {
				t.Errorf("%q: with emoji\n%s\nwithout\n%s", src, got, want)
			}
		}
	}
}

// TestEmojiHint: with emoji off, a page with shortcodes in its text is told so once, at
// the first; one with them only in code, or with none, is not.
func TestEmojiHint(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Well done :tada:", "1:11: :tada: is shown as written; to show it as 🎉, add emoji = true under [markdown] in config.toml, or write 🎉 itself"},
		{"Line\n\n- a :slightly_smiling_face: b :+1: and :smile:smile:\n", "3:5: :slightly_smiling_face: is shown as written, like 2 more on this page; to show it as 🙂, add emoji = true under [markdown] in config.toml, or write 🙂 itself"},
		{"# Hi :wave:\n", "1:6: :wave: is shown as written; to show it as 👋, add emoji = true under [markdown] in config.toml, or write 👋 itself"},
		{"[see :eyes:](a.md)", "1:6: :eyes: is shown as written; to show it as 👀, add emoji = true under [markdown] in config.toml, or write 👀 itself"},
		{"`:smile:` and\n\n```\n:smile:\n```\n", ""},
		{"[x](https://example.com/:smile:/) and <https://example.com/:smile:>", ""},
		{"at 10:30:00, :nosuchemoji:, :octocat: and \\:smile:", ""},
		{"no colon at all", ""},
	}
	off := New(false)
	for _, tt := range tests {
		d, err := off.Convert([]byte(tt.src), Options{Rel: "articles/a.md", Resolve: resolve, BasePath: "/lib/"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range d.Problems {
			if strings.Contains(p.Msg, "shown as written") {
				if !p.Warning {
					t.Errorf("%q: not a warning", tt.src)
				}
				got = append(got, fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Msg))
			}
		}
		if want := []string{tt.want}; tt.want == "" && len(got) > 0 || tt.want != "" && (len(got) != 1 || got[0] != want[0]) {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
		// With emoji on, nothing to say.
		d, err = emojiConverter().Convert([]byte(tt.src), Options{Rel: "articles/a.md", Resolve: resolve, BasePath: "/lib/"})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range d.Problems {
			if strings.Contains(p.Msg, "shown as written") {
				t.Errorf("%q: %s with emoji on", tt.src, p.Msg)
			}
		}
	}
}

// TestEmojiTitleOf: a page titled by its first heading shows the heading's emoji, with the
// id the heading has either way.
func TestEmojiTitleOf(t *testing.T) {
	body := []byte("# Hi :wave: `:x:`\n\nText.\n")
	a, ok := EmojiTitleOf(body)
	b, ok2 := TitleOf(body)
	if !ok || !ok2 || a.Text != "Hi 👋 :x:" || b.Text != "Hi :wave: :x:" || a.ID != b.ID || a.End != b.End || a.Lines != b.Lines {
		t.Errorf("with emoji %+v, without %+v", a, b)
	}
	// The title as shown has both the typographer's quotes and the emoji.
	body = []byte("# Don't stop :tada:\n")
	a, _ = EmojiTitleOf(body)
	b, _ = TitleOf(body)
	if a.Shown != "Don’t stop 🎉" || b.Shown != "Don’t stop :tada:" || a.ID != b.ID {
		t.Errorf("shown with emoji %q, without %q; ids %q, %q", a.Shown, b.Shown, a.ID, b.ID)
	}
}

// TestFrontEmoji: front matter's text shows a shortcode as the page's text would, except
// between backticks, and keeps a word that names no emoji.
func TestFrontEmoji(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Well done :tada:", "Well done 🎉"},
		{"No shortcodes", "No shortcodes"},
		{":+1: and :-1:", "👍 and 👎"},
		{":smile:smile:", "😄smile:"},
		{"At 10:30:00", "At 10:30:00"},
		{":note: and :octocat:", ":note: and :octocat:"},
		{"Type `:tada:` for :tada:", "Type `:tada:` for 🎉"},
		{"Two ``a ` :tada:`` then :tada:", "Two ``a ` :tada:`` then 🎉"},
		{"A lone ` then :tada:", "A lone ` then 🎉"},
		{":slightly_smiling_face:", "🙂"},
		{"Tabs:\t:tada:", "Tabs:\t🎉"},
		{"", ""},
	} {
		if got := FrontEmoji(c.in); got != c.want {
			t.Errorf("FrontEmoji(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
