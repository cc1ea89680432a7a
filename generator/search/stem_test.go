package search_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/between-ssg/between/generator/build"
	"github.com/between-ssg/between/generator/search"
)

// stemQueries are what a client types for a page they half remember, often in another
// form of its words, with the page they mean; found says whether stemming finds it among
// the first three ("compassionate" and "compassion" have different Porter2 stems, and no
// stem turns "tracking" into "tracker").
var stemQueries = []struct {
	library, q, want string
	found            bool
}{
	{"example", "values worksheet", "Your values", true},
	{"example", "value", "Your values", true},
	{"example", "habits tracking", "Habit tracker", true},
	{"example", "noticed moment", "Noticing in the moment", true},
	{"example", "perspective", "Other perspectives: climbing down the ladder of inference", true},
	{"example", "planning next steps", "Next-steps plan", true},
	{"example", "weekly reviews", "A weekly review", true},
	{"example", "confident", "Building confidence", true},
	{"example", "learned by doing", "The rhythm of thinking, learning and doing", true},
	{"example", "reading growth", "How to read for growth", true},
	{"example", "insights actions", "From insight to action", true},
	{"example", "reflections after session", "After a session", true},
	{"fixture", "values worksheet", "Energy audit", true},
	{"fixture", "boundaries", "Setting boundaries", true},
	{"fixture", "setting boundary", "Setting boundaries", true},
	{"fixture", "procrastinating", "Why we put things off", true},
	{"fixture", "licensing", "Permission and licence", true},
	{"fixture", "licensed", "Permission and licence", true},
	{"fixture", "compassionate", "Being kind to yourself", false},
	{"fixture", "reviewing the week", "The weekly review", true},
}

// TestStemmingDecision is the ranking test that decided for stemming (docs/search.md,
// "Word forms"): the queries of stemQueries, with and without it. Without, a client who
// types another form of a word than the page has finds nothing, as the table logged shows
// (place of the page meant / results, 0 for not found). The test fails if stemming stops
// finding the pages it finds, or stops finding clearly more than search without it.
func TestStemmingDecision(t *testing.T) {
	res, err := build.New(build.Options{Root: "../.."}).Build()
	if err != nil {
		t.Fatal(err)
	}
	libraries := map[string]map[string][]byte{"example": res.Files, "fixture": search.Files(search.StemFixture())}
	found := map[bool]int{}
	for _, c := range stemQueries {
		files := libraries[c.library]
		line := fmt.Sprintf("%-8s %-28q", c.library, c.q)
		for _, stemmed := range []bool{false, true} {
			s := search.NewSearcher(search.FetchFiles(func(name string) ([]byte, error) {
				data, ok := files[search.Dir+name]
				if !ok {
					return nil, fmt.Errorf("no %s", name)
				}
				return data, nil
			}))
			if !stemmed {
				search.WithoutStems(s)
			}
			hits, _, err := s.Search(c.q, "", "")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Title)
			}
			at := slices.Index(got, c.want)
			if at >= 0 && at < 3 {
				found[stemmed]++
			}
			if stemmed && c.found != (at >= 0 && at < 3) {
				t.Errorf("%s: %q finds %q; want %q among the first three: %v", c.library, c.q, got, c.want, c.found)
			}
			line += fmt.Sprintf(" %2d/%-2d", at+1, len(got))
		}
		t.Log(line)
	}
	t.Logf("the page meant among the first three: %d of %d queries without stemming, %d with", found[false], len(stemQueries), found[true])
	if found[true] < found[false]+len(stemQueries)/5 {
		t.Errorf("stemming finds the page meant for %d queries, search without it for %d: no longer clearly better", found[true], found[false])
	}
}
