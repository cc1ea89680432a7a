package build

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/between-ssg/between/internal/fault"
)

// copySite copies a site of testdata into a temporary folder.
func copySite(t *testing.T, name string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS(filepath.Join("../../testdata", name))); err != nil {
		t.Fatal(err)
	}
	return root
}

// sameAsKept builds root streamed, which lets each page's HTML go once nothing needs it,
// and in memory, which keeps it for a next build, and fails unless every file is the same
// byte for byte. It returns the streaming Builder.
func sameAsKept(t *testing.T, root string) *Builder {
	t.Helper()
	want := mustBuild(t, newBuilder(root)).Files
	sink := &mapSink{}
	b := newBuilder(root)
	if _, err := b.BuildTo(sink); err != nil {
		t.Fatal(err)
	}
	if got, names := slices.Sorted(maps.Keys(sink.files)), slices.Sorted(maps.Keys(want)); !slices.Equal(got, names) {
		t.Fatalf("streamed %v\nwant %v", got, names)
	}
	for name, data := range want {
		if !bytes.Equal(sink.files[name], data) {
			t.Errorf("%s streamed differs from the build that keeps the HTML", name)
		}
	}
	return b
}

// A streamed build lets go of every page's HTML (the built-in theme reads none but through
// what the plan and the search index count) and writes what a build that keeps it writes:
// pages, aliases, lists of several pages, tags, booklets, worksheets, the feed, the search
// index, the offline list, and each language of a library in several.
func TestBuildToLetsGoOfEachPagesHTML(t *testing.T) {
	for _, name := range []string{"site-basic", "site-bilingual"} {
		t.Run(name, func(t *testing.T) {
			b := sameAsKept(t, copySite(t, name))
			if b.lang == nil && name == "site-basic" && (b.htmlHeld == 0 || b.htmlLetGo != b.htmlHeld) {
				t.Errorf("%d of %d pages' HTML let go", b.htmlLetGo, b.htmlHeld)
			}
		})
	}
}

// Layouts that read pages' HTML beyond their own (a neighbour's, every page's, the home
// page's, a booklet's steps', through a dict) are counted as a rebuild's dependencies are,
// or keep every page's HTML: the streamed output is the same.
func TestBuildToCountsWhatLayoutsRead(t *testing.T) {
	for i, layout := range randomLayouts {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			files := smallSite()
			for _, l := range []string{"article", "guide", "worksheet", "page", "path", "section", "tag", "home", "alias"} {
				files["layouts/"+l+".html"] = layout
			}
			files["layouts/booklet.html"] = `{{range .Path.Steps}}<section>{{.Page.Content}}{{.Page.PrintContent}}</section>{{end}}{{.Page.Content}}`
			b := sameAsKept(t, writeSite(t, files))
			if b.htmlHeld == 0 || b.htmlLetGo > b.htmlHeld {
				t.Errorf("%d of %d pages' HTML let go", b.htmlLetGo, b.htmlHeld)
			}
		})
	}
}

// A read of a page's HTML that was not counted, after the counted ones let it go, fails
// the build naming the output, rather than writing the page without it.
func TestBuildToFailsOnAReadNotCounted(t *testing.T) {
	root := writeSite(t, smallSite())
	b := newBuilder(root)
	var once sync.Once // rendering runs on several goroutines
	defer fault.Set(func(stage, _ string) {
		if stage == "rendering" {
			once.Do(func() {
				// As if every counted reader were done already.
				for _, p := range b.uses.pages {
					for range 100 {
						if p.Body.Done() {
							break
						}
					}
				}
			})
		}
	})()
	_, err := b.BuildTo(&mapSink{})
	if err == nil || !strings.Contains(err.Error(), "read after its last counted use") {
		t.Fatalf("err = %v, want the HTML read after its last counted use", err)
	}
}
