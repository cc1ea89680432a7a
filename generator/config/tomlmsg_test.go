package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/diag"
)

// TestLoadTOMLMistakes writes each mistake a coach can make in config.toml to a real file
// and checks that the message names the line and says what to write, never the decoder's
// own words. One case for each message of the TOML decoder a hand-written file can reach.
func TestLoadTOMLMistakes(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"key twice", "title = \"A\"\ntitle = \"B\"\n",
			`config.toml:2:1: title is set twice, on lines 1 and 2; keep one`},
		// Saved in an older encoding, or as UTF-16: said as a page's file is.
		{"Windows-1252", "title = \"Clara's caf\xe9\"\n",
			`config.toml:1:21: this file is not UTF-8 text: it was saved in an older encoding, in which this word reads "café" (as Windows-1252 reads it); in your editor, save the file again with the encoding UTF-8 (most editors have it in Save as, or at the bottom of the window)`},
		{"Windows-1252 after letters of UTF-8", "title = \"Ünïcode caf\xe9\"\n",
			`config.toml:1:21: this file is not UTF-8 text: it was saved in an older encoding, in which this word reads "café" (as Windows-1252 reads it); in your editor, save the file again with the encoding UTF-8 (most editors have it in Save as, or at the bottom of the window)`},
		{"UTF-16", "\xff\xfet\x00i\x00t\x00l\x00e\x00 \x00=\x00 \x00\"\x00A\x00\"\x00\n\x00",
			`config.toml: this file is saved as UTF-16 (Windows Notepad calls it "Unicode"), which Between does not read; in your editor, save the file again with the encoding UTF-8 (most editors have it in Save as, or at the bottom of the window)`},
		{"key twice in a table", "[params]\ncontact = \"a\"\nphone = \"1\"\ncontact = \"b\"\n",
			`config.toml:4:1: contact is set twice, on lines 2 and 4; keep one`},
		{"table twice", "title = \"A\"\n[params]\na = 1\n\n[markdown]\nunsafe = true\n[params]\nb = 2\n",
			`config.toml:7:1: [params] is written twice, on lines 2 and 7; write it once: move the settings under the second up under the first, and delete line 7`},
		{"value, then a table of it", "title = \"A\"\ntitle.sub = 1\n",
			`config.toml:2:1: title is set above, so title.sub cannot give it settings of its own; give title.sub another name`},
		{"table, then a list of tables", "[params]\n[params.x]\n[[params.x]]\n",
			`config.toml:3:3: [[params.x]] makes a list of tables, but params.x is already a single table or a value above; write [[params.x]] every time, or [params.x] once`},
		{"unclosed quote", "title = \"My library\nauthor = \"Clara\"\n",
			`config.toml:1:9: the title has no closing quote; end the value with " on the same line: title = "My library"`},
		{"unclosed quote on the last line", "title = \"My library",
			`config.toml:1:9: the title has no closing quote; end the value with " on the same line: title = "My library"`},
		{"unclosed triple quote", "description = \"\"\"A library\n",
			`config.toml:1:27: text opened with three quotes is never closed; end it with the same three quotes after its last line`},
		{"missing =", "title \"My library\"\n",
			`config.toml:1:7: put = between the key and its value: title = "My library"`},
		{"colon for =", "title: \"My library\"\n",
			`config.toml:1:6: write title = "My library": in this file a setting's name and its value are joined by =, not by a colon`},
		{"colon and bare text", "author: Clara\n",
			`config.toml:1:7: write author = "Clara": in this file a setting's name and its value are joined by =, not by a colon`},
		{"list without quotes after words in Japanese", "[params]\ntopics = [\"日本語\", goals]\n",
			`config.toml:2:18: each item needs quotes: topics = ["日本語", "goals"]`},
		{"text after a value with accents", "title = \"Café d’été\" extra\n",
			`config.toml:1:21: this line goes on after its value (with "extra"); write one setting a line, put the whole text inside one pair of quotes, and start a comment with #`},
		{"non-breaking space after an emoji", "title = \"🌱 Grow\"\u00a0\n",
			`config.toml:1:17: there is a non-breaking space here, outside the quotes, which word processors and notes apps put in and which looks like a space or like nothing; delete it, and type an ordinary space if one is needed`},
		{"bare words", "title = My site\n",
			`config.toml:1:9: text needs quotes: title = "My site"`},
		{"bare word in params", "[params]\ncontact = Clara\n",
			`config.toml:2:11: text needs quotes: contact = "Clara"`},
		{"list without quotes", "[params]\ntopics = [goals, habits]\n",
			`config.toml:2:11: each item needs quotes: topics = ["goals", "habits"]`},
		{"yes for true", "strict = yes\n",
			`config.toml:1:10: strict must be true or false: strict = true`},
		{"True with a capital", "strict = True\n",
			`config.toml:1:10: strict must be true or false, with no quotes: strict = true`},
		{"word for a number", "paginate = twenty\n",
			`config.toml:1:12: paginate must be a whole number, written in digits: paginate = 50`},
		{"no value", "title = \"A\"\ndescription =\n",
			`config.toml:2:14: description has no value after the =; write one, like description = "...", or delete the line`},
		{"no value at the end", "title = \"A\"\ndescription =",
			`config.toml:2:13: description has no value after the =; write one, like description = "...", or delete the line`},
		{"name alone", "title = \"A\"\nauthor\n",
			`config.toml:2:7: author has no = and no value; write it like author = "...", or delete it`},
		{"line starts with =", "= \"My library\"\n",
			`config.toml:1:1: this line starts with =; write the setting's name before it, like title = "..."`},
		{"name with a space", "[params]\nmy contact = \"a\"\n",
			`config.toml:2:4: a setting's name cannot have spaces; write my_contact = "a"`},
		{"stray quote before the name", "title = \"A\"\n\"author = \"Clara\"\n",
			`config.toml:2:12: this line should read name = value, but Between cannot tell where the name ends (at "Clara\""); a name is letters, digits, _ and -, with one dot between parts (markdown.unsafe), and text goes in quotes after the =`},
		{"two dots in a name", "markdown..unsafe = true\n",
			`config.toml:1:10: this line should read name = value, but Between cannot tell where the name ends (at ".unsafe = true"); a name is letters, digits, _ and -, with one dot between parts (markdown.unsafe), and text goes in quotes after the =`},
		{"more after the value", "title = \"A\"\nauthor = \"Clara\" Martin\n",
			`config.toml:2:17: this line goes on after its value (with "Martin"); write one setting a line, put the whole text inside one pair of quotes, and start a comment with #`},
		{"apostrophe in single quotes", "title = 'Coach's corner'\n",
			`config.toml:1:16: an apostrophe ends text in single quotes; use double quotes: title = "Coach's corner"`},
		{"curly quotes", "title = “My library”\n",
			`config.toml:1:9: use straight quotes " ", not curly ones “ ” (word processors and notes apps put those in): title = "My library"`},
		{"backslash", "[params]\nfolder = \"C:\\Users\\clara\"\n",
			`config.toml:2:11: a backslash \ in double quotes starts a code like \n; write each backslash twice, folder = "C:\\Users\\clara", or use single quotes, folder = 'C:\Users\clara'`},
		{"table not closed", "title = \"A\"\n[params\ncontact = \"a\"\n",
			`config.toml:2:8: [params has no closing ]; write [params]`},
		{"list of tables not closed", "[[params.links]\nurl = \"a\"\n",
			`config.toml:1:16: [[params.links] has no closing ]; write [[params.links]]`},
		{"empty table name", "[]\n",
			`config.toml:1:2: a table line needs a name between its brackets, like [params]`},
		{"two commas in a list", "[params]\ntopics = [\"a\",, \"b\"]\n",
			`config.toml:2:15: there is a comma with nothing before it; delete it`},
		{"no comma in a list", "[params]\ntopics = [\"a\" \"b\"]\n",
			`config.toml:2:15: put a comma between the items of a list, and ] after the last: ["one", "two"]`},
		{"list never closed", "[params]\ntopics = [\"a\",\n",
			`config.toml:2:15: the list is never closed; end it with ] after its last item`},
		{"list never closed, no comma", "[params]\ntopics = [\"a\"\n",
			`config.toml:2:14: the list is never closed; end it with ] after its last item`},
		{"{ } never closed", "[params]\nsocial = { a = \"x\"\n",
			`config.toml:2:19: the { is never closed; end it with } after its last setting`},
		{"list over lines never closed", "[params]\ntopics = [\"a\",\n  \"b\"\ncontact = \"c\"\n",
			`config.toml:2:15: this list is never closed, so the next setting (line 4) is read as one of its items; end the list with ] after its last item`},
		{"table line with a setting on it", "[params] contact = \"a\"\n",
			`config.toml:1:9: a table line holds only the table's name, [params]; put contact = "a" on the next line`},
		{"table line with ]]", "[params]]\n",
			`config.toml:1:9: this table line has a ] too many; write [params]`},
		{"table name with a space", "[my links]\nx = 1\n",
			`config.toml:1:5: a table's name cannot have spaces; write [my_links]`},
		{"key, then a table of the same name", "[params.a]\nb = 1\n[params]\na = 2\n",
			`config.toml:4:1: a is set twice: as the table [params.a] on line 1, and on line 4; keep one`},
		{"no comma in { }", "[params]\nsocial = { a = \"x\" b = \"y\" }\n",
			`config.toml:2:20: put a comma between the settings inside { }, and } after the last: { name = "Clara", city = "Lyon" }`},
		{"no such date", "[params]\nopened = 2026-02-30\n",
			`config.toml:2:10: opened = 2026-02-30: there is no such date (February 2026 has 28 days); write a real date, like opened = 2026-02-28`},
		{"date with one-digit month", "[params]\nopened = 2026-3-14\n",
			`config.toml:2:10: opened = 2026-3-14: write the month and the day with two digits each: opened = 2026-03-14`},
		{"date with a wrong time", "[params]\nopened = 2026-03-14T25:00:00\n",
			`config.toml:2:10: opened = 2026-03-14T25:00:00: the time after the date is not a real time; write it as hours:minutes:seconds from 00:00:00 to 23:59:59, like opened = 2026-03-14T09:30:00, or give the date alone`},
		{"leading zero", "paginate = 050\n",
			`config.toml:1:12: a number cannot start with 0: paginate = 50; or, if it is not a number to count with (a phone number, a code), put it in quotes: paginate = "050"`},
		{"number too large", "[params]\nphone = 441234567890123456789\n",
			`config.toml:2:9: "441234567890123456789" is too large a number; if it is not a number to count with (a phone number, a code), put it in quotes`},
		{"decimal without a digit before the point", "[params]\nratio = .5\n",
			`config.toml:2:9: Between cannot read the value ".5": text needs quotes ("..."), true and false are written in small letters, and a number is only digits, like 10 or 0.5`},
		{"lone carriage return", "title = \"A\"\rauthor = \"B\"\n",
			`config.toml:1:12: this line ends with a lone carriage return, an invisible character some old editors write instead of a new line; save the file with ordinary line endings (LF, or CRLF on Windows)`},
		{"unclosed quote, Windows line ends", "title = \"My library\r\nauthor = \"Clara\"\r\n",
			`config.toml:1:9: the title has no closing quote; end the value with " on the same line: title = "My library"`},
		{"non-breaking space before =", "title\u00a0= \"A\"\n",
			`config.toml:1:6: there is a non-breaking space here, outside the quotes, which word processors and notes apps put in and which looks like a space or like nothing; delete it, and type an ordinary space if one is needed`},
		{"non-breaking space after =", "title = \"A\"\nauthor =\u00a0\"Clara\"\n",
			`config.toml:2:9: there is a non-breaking space here, outside the quotes, which word processors and notes apps put in and which looks like a space or like nothing; delete it, and type an ordinary space if one is needed`},
		{"zero-width space", "\u200btitle = \"A\"\n",
			`config.toml:1:1: there is an invisible zero-width character here, outside the quotes, which word processors and notes apps put in and which looks like a space or like nothing; delete it, and type an ordinary space if one is needed`},
		{"line separator", "title = \"A\"\n\u2028author = \"B\"\n",
			`config.toml:2:1: there is an unusual space (U+2028) here, outside the quotes, which word processors and notes apps put in and which looks like a space or like nothing; delete it, and type an ordinary space if one is needed`},
		{"control character", "title = \"A\x01\"\n",
			`config.toml:1:11: an invisible control character (0x01) is on this line, often pasted in from another program; delete the line and type it again`},
		// A description pasted as one line of 30,000 characters: a message quotes its first
		// 60 characters, cut between characters, not the whole (a message as long).
		{"long text without quotes", "description = " + strings.Repeat("Ünïcode ", 4000) + "\n",
			`config.toml:1:15: text needs quotes: description = "` + strings.Repeat("Ünïcode ", 7) + `Ünïc…"`},
		{"long text without quotes, emoji at the cut", "description = " + strings.Repeat("a", 59) + strings.Repeat("👍🏾", 5000) + "\n",
			`config.toml:1:15: text needs quotes: description = "` + strings.Repeat("a", 59) + `…"`},
		{"long text with curly quotes", "description = “" + strings.Repeat("b", 30000) + "”\n",
			`config.toml:1:15: use straight quotes " ", not curly ones “ ” (word processors and notes apps put those in): description = "` + strings.Repeat("b", 60) + `…"`},
		{"long text with YAML's colon", "description: " + strings.Repeat("c", 30000) + "\n",
			`config.toml:1:12: write description = "` + strings.Repeat("c", 60) + `…": in this file a setting's name and its value are joined by =, not by a colon`},
		{"long text in single quotes with an apostrophe", "description = 'Coach's " + strings.Repeat("d", 30000) + "'\n",
			`config.toml:1:22: an apostrophe ends text in single quotes; use double quotes: description = "Coach's ` + strings.Repeat("d", 52) + `…"`},
		{"long text with a backslash", "description = \"C:\\" + strings.Repeat("q", 30000) + "\"\n",
			`config.toml:1:16: a backslash \ in double quotes starts a code like \n; write each backslash twice, description = "C:\\` + strings.Repeat("q", 57) + `…", or use single quotes, description = 'C:\` + strings.Repeat("q", 57) + `…'`},
		{"long text with no closing quote", "description = \"" + strings.Repeat("f", 30000) + "\nauthor = \"A\"\n",
			`config.toml:1:15: the description has no closing quote; end the value with " on the same line: description = "` + strings.Repeat("f", 59) + `…"`},
		{"long list without quotes", "menu = [" + strings.Repeat("Home, ", 5000) + "End]\n",
			`config.toml:1:9: each item needs quotes: menu = ["Home", "Home", "Home", "Home", "Home", "Home", "Home", "Home", …]`},
		{"list with one long item without quotes", "menu = [" + strings.Repeat("g", 30000) + "]\n",
			`config.toml:1:9: each item needs quotes: menu = ["` + strings.Repeat("g", 60) + `…"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(os.DirFS(dir), "config.toml")
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("got %v; want one problem: %s", err, tt.want)
			}
			if got := list[0].Error(); got != tt.want {
				t.Errorf("\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestLoadTOMLAccepted checks that what TOML allows and a coach may well write (a tab,
// Windows line endings, a comma after the last item) is not taken for a mistake.
func TestLoadTOMLAccepted(t *testing.T) {
	for name, src := range map[string]string{
		"tab before =":                    "title\t= \"A\"\n",
		"tab in text":                     "title = \"A\tB\"\n",
		"Windows line endings":            "title = \"A\"\r\nauthor = \"B\"\r\n",
		"comma after last item":           "[params]\ntopics = [\"a\", \"b\",]\n",
		"list over lines":                 "[params]\ntopics = [\n  \"a\",\n  \"b\",\n]\n",
		"{ } over lines":                  "[params]\nsocial = { a = \"x\",\n b = \"y\" }\n",
		"comment after a value":           "title = \"A\" # the library's name\n",
		"non-breaking space in text":      "title = \"Réflexion\u00a0: le guide\"\n",
		"non-breaking space in a comment": "title = \"A\" #\u00a0name\n",
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(os.DirFS(dir), "config.toml"); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
