// Package devserver is the live-reload preview behind `between serve`.
//
// It stays thin: a watcher turns file-system events into batches of changed site paths, the
// Builder rebuilds what they affect, and the server answers every request from the one
// complete build it holds in memory, swapped atomically. Browsers learn about new builds over
// Server-Sent Events through a small script the server injects into the HTML it serves (and
// only there: `between build` output never contains it). It knows nothing about Markdown or
// templates; the Builder owns what depends on what.
package devserver
