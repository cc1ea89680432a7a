package theme

import (
	"os"
	"path/filepath"
	"testing"
)

// TestStaticFull: a static folder with more files than the limit (a link to a home folder,
// or to /) stops the scan and says where, instead of walking and reading it all.
func TestStaticFull(t *testing.T) {
	defer func(n int) { maxStatic = n }(maxStatic)
	maxStatic = 3
	dir := t.TempDir()
	big := t.TempDir()
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		os.WriteFile(filepath.Join(big, n+".txt"), []byte(n), 0o644)
	}
	os.MkdirAll(filepath.Join(dir, "static"), 0o755)
	if err := os.Symlink(big, filepath.Join(dir, "static", "linked")); err != nil {
		t.Fatal(err)
	}
	th, err := Load(os.DirFS(dir), "", "en")
	if err != nil {
		t.Fatal(err)
	}
	if th.StaticFull != "static/" || len(th.Static) != 3 {
		t.Errorf("StaticFull %q with %d files; want static/ and 3", th.StaticFull, len(th.Static))
	}
	maxStatic = 100
	th.ScanStatic()
	if th.StaticFull != "" {
		t.Errorf("StaticFull %q under the limit", th.StaticFull)
	}
}
