// Package build turns a site folder into its output: a full Build, and Rebuild of only what a
// change affects, with the parsed pages kept between the two.
//
// Build and Rebuild return the whole site in memory (a Result). A build with content errors
// returns them as a diag.List error and no Result, so the previous output stays as it was.
package build
