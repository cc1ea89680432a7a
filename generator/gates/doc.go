// Package gates holds the site-wide quality checks run in CI on the example library at the
// root of the repository: every generated page is valid HTML (the Nu HTML Checker), passes
// axe-core at the WCAG 2.2 AA tags in light and dark colour schemes, links only to files and
// anchors that exist, prints on Letter and A4 without overflow or navigation, and can be
// looked at in screenshots. The between-sessions pages (My notes, a repeated guide's entries
// and chart, a log's notes, a path's stage dates, the home page's Continue) are checked also
// as a client a few weeks in sees them, with every word of their saved answers on paper.
// The pages a client uses most are checked under a reader's own settings too: 320 px wide,
// wider text spacing, forced colours, the dark scheme (and printing from it), reduced motion.
//
// The package has no code of its own, only tests. They need Chromium, Java and the npm
// tools in tools/ (`npm ci --prefix tools --ignore-scripts`); without them the tests skip
// with a message saying what to install, except under CI (the CI environment variable set),
// where a missing tool is a failure.
//
// Set BETWEEN_SCREENSHOTS to a folder to keep screenshots and printed PDFs of every page
// type for a person to look at:
//
//	BETWEEN_SCREENSHOTS=/tmp/shots go test ./generator/gates/
package gates
