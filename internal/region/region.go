// Package region maps memory outside Go's heap, for data a build writes once, reads back
// and drops as a whole: a spill's held pages, the search index's postings. The collector
// never counts such memory against its target nor marks it, and it goes back to the
// system the moment it is freed.
package region
