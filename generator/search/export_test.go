package search

import "github.com/between-ssg/between/generator/site"

// WithoutStems turns s's stemming off (stem_test.go).
func WithoutStems(s *Searcher) *Searcher {
	s.noStem = true
	return s
}

// StemFixture is the test library of index_test.go with a page on putting things off.
func StemFixture() *site.Site {
	s := fixture()
	s.Pages = append(s.Pages, fixturePage("article", "putting-off", "Why we put things off",
		"Procrastination is not laziness.", []string{"Habits"},
		"<p>Procrastination often protects us from a feeling we would rather not have. Notice what you avoid, and when.</p>"))
	return s
}
