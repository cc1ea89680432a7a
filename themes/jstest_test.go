package themes

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestScripts runs the browser scripts' own tests (jstest/*.test.js) with `node --test`, so
// that `go test ./...` covers the parts of the scripts that need no page. Without Node the
// test is skipped, except under CI, where it must run.
func TestScripts(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		msg := "node not found: install it with `apt-get install -y nodejs` to run the scripts' tests"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	files, err := filepath.Glob(filepath.Join("jstest", "*.test.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no script tests found in jstest/: %v", err)
	}
	out, err := exec.Command(node, append([]string{"--test"}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("node --test failed: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
