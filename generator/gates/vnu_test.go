package gates

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// vnuMessage is one message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	Type        string `json:"type"`    // "error", "info" (subType "warning"), "non-document-error"
	SubType     string `json:"subType"` // "fatal", "warning", …
	URL         string `json:"url"`
	LastLine    int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
}

// TestHTMLValid runs the Nu HTML Checker once over every HTML page and stylesheet of the
// example library: one Java start for the whole site keeps the gate at a few seconds.
func TestHTMLValid(t *testing.T) {
	t.Parallel() // Java and Chromium run side by side
	s := example(t)
	java := javaPath(t)
	jar := toolFile(t, "vnu-jar/build/dist/vnu.jar")

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, "-Xss8m", "-jar", jar,
		"--format", "json", "--skip-non-html", "--also-check-css", "--exit-zero-always", s.Dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("vnu: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	msgs, err := parseVNU(stderr.Bytes())
	if err != nil {
		t.Fatalf("vnu output: %v\n%s", err, stderr.String())
	}
	errs := 0
	for _, m := range msgs {
		file := relFile(s.Dir, m.URL)
		line := fmt.Sprintf("%s:%d:%d: %s", file, m.LastLine, m.FirstColumn, m.Message)
		if m.Extract != "" {
			line += "\n\t" + strings.TrimSpace(strings.ReplaceAll(m.Extract, "\n", " "))
		}
		switch m.Type {
		case "error", "non-document-error":
			errs++
			t.Error(line)
		default:
			t.Log(line)
		}
	}
	checked := len(s.htmlFiles())
	t.Logf("vnu checked %d HTML files: %d errors, %d other messages", checked, errs, len(msgs)-errs)
}

// parseVNU reads the checker's JSON report, which it writes to stderr.
func parseVNU(out []byte) ([]vnuMessage, error) {
	var rep struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		return nil, err
	}
	sort.SliceStable(rep.Messages, func(i, j int) bool {
		a, b := rep.Messages[i], rep.Messages[j]
		if a.URL != b.URL {
			return a.URL < b.URL
		}
		return a.LastLine < b.LastLine
	})
	return rep.Messages, nil
}

// relFile turns the checker's file: URL into a path relative to the output folder.
func relFile(dir, fileURL string) string {
	u, err := url.Parse(fileURL)
	if err != nil || u.Scheme != "file" {
		return fileURL
	}
	rel, err := filepath.Rel(dir, filepath.FromSlash(u.Path))
	if err != nil {
		return u.Path
	}
	return filepath.ToSlash(rel)
}

func TestParseVNU(t *testing.T) {
	out := []byte(`{"messages":[{"type":"error","url":"file:/tmp/out/b/index.html","lastLine":3,"firstColumn":5,"message":"Stray end tag “p”."},{"type":"info","subType":"warning","url":"file:/tmp/out/a.html","lastLine":1,"message":"Consider adding a “lang” attribute."}]}`)
	msgs, err := parseVNU(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[0].URL != "file:/tmp/out/a.html" || msgs[1].Message != "Stray end tag “p”." {
		t.Fatalf("parseVNU: %+v", msgs)
	}
	if got := relFile("/tmp/out", msgs[1].URL); got != "b/index.html" {
		t.Errorf("relFile = %q", got)
	}
}
