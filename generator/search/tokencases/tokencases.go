// Package tokencases reads generator/search/testdata/tokens.json: the one table of
// tokenising cases that the Go tokeniser's test and the browser test of search.js both run,
// so that the two tokenisers agree. Tests only.
package tokencases

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// Table is the table of cases: text to its terms, a query to its terms with whether each
// is a prefix ([text, prefix]), and a word to its stem.
type Table struct {
	Tokens []struct {
		In     string   `json:"in"`
		Tokens []string `json:"tokens"`
	} `json:"tokens"`
	Queries []struct {
		In    string  `json:"in"`
		Terms [][]any `json:"terms"`
	} `json:"queries"`
	// Stems are folded words with their Porter2 stem (stem.go, js/porter2.js).
	Stems []struct {
		In   string `json:"in"`
		Stem string `json:"stem"`
	} `json:"stems"`
}

// Load returns the table and its JSON as it is in the file.
func Load() (Table, []byte, error) {
	_, here, _, _ := runtime.Caller(0)
	data, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "testdata", "tokens.json"))
	if err != nil {
		return Table{}, nil, err
	}
	var t Table
	if err := json.Unmarshal(data, &t); err != nil {
		return Table{}, nil, err
	}
	if len(t.Tokens) < 10 || len(t.Queries) < 5 || len(t.Stems) < 50 {
		return Table{}, nil, errors.New("tokens.json lost its cases")
	}
	return t, data, nil
}
