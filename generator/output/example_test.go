package output_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/between-ssg/between/generator/output"
)

// A build opens the folder before it starts (so a wrong -d is refused at once), plans every
// name once the site is known, writes files as they are rendered (from many goroutines if
// it likes), and commits at the end; on any error before Commit, Abort leaves the folder as
// it was.
func Example() {
	tmp, _ := os.MkdirTemp("", "example-")
	defer os.RemoveAll(tmp)
	site := filepath.Join(tmp, "site")
	os.MkdirAll(filepath.Join(site, "content"), 0o755)

	d, err := output.Open(filepath.Join(site, "public"), output.Options{Site: site})
	if err != nil {
		fmt.Println(err)
		return
	}
	files := map[string]string{"index.html": "<h1>Home</h1>", "articles/a/index.html": "<h1>A</h1>"}
	names := []string{"index.html", "articles/a/index.html"}
	if err := d.Plan(names); err != nil {
		d.Abort()
		fmt.Println(err)
		return
	}
	for _, n := range names {
		if err := d.Write(n, []byte(files[n])); err != nil {
			d.Abort()
			fmt.Println(err)
			return
		}
	}
	st, err := d.Commit()
	fmt.Printf("%+v %v\n", st, err)

	_, err = output.Open("/", output.Options{Site: site})
	fmt.Println(err != nil)
	// Output:
	// {Written:2 Unchanged:0 Removed:0} <nil>
	// true
}
