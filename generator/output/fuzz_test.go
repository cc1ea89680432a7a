package output

import (
	"slices"
	"strings"
	"testing"
)

// FuzzManifest reads any bytes as a manifest: every name it gives back must be a clean
// path inside the output (a damaged or crafted manifest must never steer a delete outside),
// and what encodeManifest writes must read back exactly, whatever bytes the names hold.
func FuzzManifest(f *testing.F) {
	key := "site:public"
	f.Add(string(encodeManifest(key, []string{"index.html", "CNAME ", "x\n.git/HEAD", "a/b.css"})), "CNAME ")
	f.Add("\"site:public\"\n\"../etc/passwd\"\n\"/abs\"\n\"a/../../b\"\n\"ok.html\"\n", "a\x00b")
	f.Add("\"site:other\"\n\"index.html\"\n", "")
	f.Add("# comment\n\"site:public\"\nnot quoted\n\"\\xff\\u00e9\"\n", "./x")
	f.Add("", strings.Repeat("a", 300))
	f.Fuzz(func(t *testing.T, data, name string) {
		names, ok := decodeManifest([]byte(data), key)
		if !ok && len(names) > 0 {
			t.Fatalf("a manifest for another folder gave names %q", names)
		}
		for _, n := range names {
			if err := CheckName(n); err != nil {
				t.Fatalf("decodeManifest gave %q: %v", n, err)
			}
		}
		in := []string{"index.html"}
		if CheckName(name) == nil {
			in = append(in, name)
		}
		out, ok := decodeManifest(encodeManifest(key, in), key)
		if !ok || !slices.Equal(in, out) {
			t.Fatalf("names %q came back as %q (ok %v)", in, out, ok)
		}
	})
}
