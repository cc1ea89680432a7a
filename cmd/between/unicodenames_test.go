package main

import (
	"strings"
	"testing"

	"github.com/between-ssg/between/generator/build"
)

// TestNamesInTwoUnicodeForms builds libraries with two files whose names look the same:
// é as one character (NFC, as most systems write it) and as e and an accent mark (NFD, as
// macOS writes file names). The message says why two identical-looking names clash.
func TestNamesInTwoUnicodeForms(t *testing.T) {
	const nfc, nfd = "r\u00e9flexion", "re\u0301flexion"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"file names", map[string]string{
			"content/articles/" + nfc + ".md": page("title = \"A\"\n", "A.\n"),
			"content/articles/" + nfd + ".md": page("title = \"B\"\n", "B.\n"),
		}, "content/articles/" + nfc + ".md: this file's name and content/articles/" + nfd + ".md look the same, but are spelt with different Unicode forms: this one writes its accented letters as one character, the other as a letter and a separate accent mark (as macOS writes names), so both would have the URL /articles/" + nfc + "/; keep one of the two files: delete the other, or rename it"},
		{"folder names", map[string]string{
			"content/" + nfc + "/a.md": page("title = \"A\"\n", "A.\n"),
			"content/" + nfd + "/a.md": page("title = \"B\"\n", "B.\n"),
		}, "content/" + nfc + "/a.md: this file's name and content/" + nfd + "/a.md look the same, but are spelt with different Unicode forms: this one writes its accented letters as one character, the other as a letter and a separate accent mark (as macOS writes names), so both would have the URL /" + nfc + "/a/; keep one of the two files: delete the other, or rename it"},
		// Names that differ otherwise keep the message about slugs.
		{"a slug like another page's name", map[string]string{
			"content/articles/" + nfc + ".md": page("title = \"A\"\n", "A.\n"),
			"content/articles/other.md":       page("title = \"B\"\nslug = \""+nfd+"\"\n", "B.\n"),
		}, "content/articles/" + nfc + ".md: this page has the URL /articles/" + nfc + "/, like content/articles/other.md; give one of them another slug"},
		// A slug pasted from a name macOS wrote is the slug it looks like.
		{"a slug with a separate accent mark", map[string]string{
			"content/articles/other.md": page("title = \"B\"\nslug = \""+nfd+"\"\n", "B.\n"),
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"content/_index.md": page("title = \"Home\"\n", "")}
			for k, v := range tt.files {
				files[k] = v
			}
			res, err := buildAt(newSite(t, files), build.Options{})
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if _, ok := res.Files["articles/"+nfc+"/index.html"]; !ok {
					t.Errorf("no articles/%s/index.html", nfc)
				}
				return
			}
			if err == nil {
				t.Fatalf("the build succeeded; want %s", tt.want)
			}
			if got := strings.TrimSpace(err.Error()); got != tt.want {
				t.Errorf("\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}
