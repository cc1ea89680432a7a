package search

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// cases is testdata/tokens.json: the one table of tokenising cases that this test and the
// browser test of search.js (generator/gates) both run, so that the two tokenisers agree.
type cases struct {
	Tokens []struct {
		In     string   `json:"in"`
		Tokens []string `json:"tokens"`
	} `json:"tokens"`
	Queries []struct {
		In    string  `json:"in"`
		Terms [][]any `json:"terms"`
	} `json:"queries"`
}

func loadCases(t *testing.T) cases {
	t.Helper()
	data, err := os.ReadFile("testdata/tokens.json")
	if err != nil {
		t.Fatal(err)
	}
	var c cases
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Tokens) < 10 || len(c.Queries) < 5 {
		t.Fatal("the table lost its cases")
	}
	return c
}

func TestTokensTable(t *testing.T) {
	c := loadCases(t)
	for _, tc := range c.Tokens {
		got := []string{}
		end := Tokens(tc.In, 3, func(tok Token) {
			if tok.Pos != 3+len(got) {
				t.Errorf("%q: token %q at %d, want %d", tc.In, tok.Term, tok.Pos, 3+len(got))
			}
			got = append(got, tok.Term)
		})
		if !slices.Equal(got, tc.Tokens) {
			t.Errorf("Tokens(%q) = %q, want %q", tc.In, got, tc.Tokens)
		}
		if end != 3+len(got) {
			t.Errorf("%q: end %d", tc.In, end)
		}
	}
	for _, tc := range c.Queries {
		var want []Term
		for _, x := range tc.Terms {
			want = append(want, Term{Text: x[0].(string), Prefix: x[1].(bool)})
		}
		if got := Query(tc.In); !slices.Equal(got, want) {
			t.Errorf("Query(%q) = %v, want %v", tc.In, got, want)
		}
	}
}

func TestPlainText(t *testing.T) {
	src := `<h2 id="a">Why <em>values</em> matter</h2>
<p>Some&nbsp;text with <strong>bold</strong>words and a <a href="/x">link</a>.</p>
<script>var secret = 1;</script>
<div class="field field-answer"><label class="field-label" for="f-a">What went well?</label>
<div class="field-help" id="f-a-help"><p>Think of one moment.</p></div>
<textarea class="field-input" id="f-a">an answer written in</textarea></div>
<!-- a comment --><h3>Next</h3><p>end</p>`
	heads, body := plainText(src)
	if !slices.Equal(heads, []string{"Why values matter", "Next"}) {
		t.Errorf("headings %q", heads)
	}
	var words []string
	Tokens(body, 0, func(tok Token) { words = append(words, tok.Term) })
	want := []string{"some", "text", "with", "boldwords", "and", "a", "link", "what", "went", "well", "think", "of", "one", "moment", "end"}
	if !slices.Equal(words, want) {
		t.Errorf("body words %q\nwant %q", words, want)
	}
}
