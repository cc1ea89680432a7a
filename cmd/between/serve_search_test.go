package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/between-ssg/between/generator/search"
)

// TestServeSearchFollowsEdits: `between serve` (a separate process on 127.0.0.1) serves a
// search index that finds a word; after the coach saves a page with a new word, the index
// served finds it, and the index files of the words that did not change are the same files,
// with the same bytes, as before the edit.
func TestServeSearchFollowsEdits(t *testing.T) {
	site := t.TempDir()
	// Enough pages of made-up words for an index of many shards.
	r := rand.New(rand.NewSource(5))
	syll := strings.Fields("ka to ri mel san dor vi len pra sto ve ni qua ber fol mun gra ta li cor")
	vocab := make([]string, 2500)
	for i := range vocab {
		var w strings.Builder
		for range 2 + r.Intn(3) {
			w.WriteString(syll[r.Intn(len(syll))])
		}
		vocab[i] = w.String()
	}
	files := map[string]string{
		"config.toml":       "baseURL = \"https://example.org/\"\ntitle = \"Search while serving\"\n",
		"content/_index.md": page("title = \"Home\"\n", "Hello.\n"),
	}
	for i := range 300 {
		var b strings.Builder
		for j := range 250 {
			if j%12 == 11 {
				b.WriteString(".\n\n")
			}
			b.WriteString(vocab[int(float64(len(vocab))*r.Float64()*r.Float64())] + " ")
		}
		files[fmt.Sprintf("content/articles/a%03d.md", i)] = page(fmt.Sprintf("title = \"Article %d\"\n", i), b.String()+"\n")
	}
	files["content/articles/values.md"] = page("title = \"Finding your values\"\n", "What matters to you, in a few questions.\n")
	writeFiles(t, site, files)
	base := strings.TrimSuffix(startServe(t, site), "/")

	// Results are read as search.js reads them, a slot at a time with a Range request,
	// which the server must answer with those bytes alone.
	fetch := func(name string, off, n int) ([]byte, error) {
		req, err := http.NewRequest("GET", base+"/"+search.Dir+name, nil)
		if err != nil {
			return nil, err
		}
		want := 200
		if n >= 0 {
			req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", off, off+n-1))
			want = 206
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		if res.StatusCode != want {
			return nil, fmt.Errorf("GET %s (%d bytes from %d): %s", name, n, off, res.Status)
		}
		data, err := io.ReadAll(res.Body)
		if err == nil && n >= 0 && len(data) != n {
			err = fmt.Errorf("GET %s: %d bytes for a range of %d", name, len(data), n)
		}
		return data, err
	}
	try := func(q string) ([]string, error) {
		hits, _, err := search.NewSearcher(fetch).Search(q, "", "")
		var titles []string
		for _, h := range hits {
			titles = append(titles, h.Title)
		}
		return titles, err
	}
	find := func(q string) []string {
		titles, err := try(q)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		return titles
	}
	// The shards the manifest lists, by name, with their bytes.
	shards := func() map[string][]byte {
		data, err := fetch("manifest.json", 0, -1)
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Shards [][3]any `json:"shards"`
		}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		out := map[string][]byte{}
		for _, sh := range m.Shards {
			name := "s/" + sh[1].(string)
			if out[name], err = fetch(name, 0, -1); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}

	if got := find("values"); strings.Join(got, ",") != "Finding your values" {
		t.Fatalf("values finds %q", got)
	}
	if got := find("quokka"); len(got) != 0 {
		t.Fatalf("quokka, in no page yet, finds %q", got)
	}
	before := shards()
	if len(before) < 6 {
		t.Fatalf("the index has %d shards: the test needs more", len(before))
	}

	// The coach saves the page with a new word.
	p := filepath.Join(site, "content/articles/values.md")
	if err := os.WriteFile(p, []byte(page("title = \"Finding your values\"\n", "What matters to you, in a few questions.\n\nA quokka smiles.\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) { // a failure deadline, not a speed requirement
		// While the edit is being built, a manifest read just before the rebuild can name a
		// shard gone just after it (the page reloads then anyway): ask again.
		if got, _ = try("quokka"); len(got) > 0 {
			break
		}
	}
	if strings.Join(got, ",") != "Finding your values" {
		t.Fatalf("after the edit, quokka finds %q", got)
	}
	if got := find("values"); strings.Join(got, ",") != "Finding your values" {
		t.Errorf("after the edit, values finds %q", got)
	}
	after := shards()
	kept, added := 0, 0
	for name, data := range after {
		old, ok := before[name]
		switch {
		case !ok:
			added++
		case string(old) != string(data):
			t.Errorf("%s has other bytes under the same name", name)
		default:
			kept++
		}
	}
	// The page's words are in a few shards: "quokka"'s, and those of the words whose scores
	// moved with the page's length. The others are the files they were.
	if added == 0 || added > 4 || kept < len(before)-4 {
		t.Errorf("after one edit, %d shards new and %d kept of %d", added, kept, len(before))
	}
}
