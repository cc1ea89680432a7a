//go:build ignore

// Gensite writes a synthetic library of N pages for benchmarks.
//
//	go run bench/gensite.go -n 10000 -o /tmp/site10k
package main

import (
	"flag"
	"log"

	"github.com/between-ssg/between/internal/gensite"
)

func main() {
	n := flag.Int("n", 1000, "pages")
	out := flag.String("o", "", "output folder")
	flag.Parse()
	if *out == "" {
		log.Fatal("give -o DIR")
	}
	if err := gensite.Generate(*out, *n); err != nil {
		log.Fatal(err)
	}
}
