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

// FuzzFoldClashes compares FoldClashes with the plain way (fold every part of every name,
// compare all): a clash is found exactly when two spellings of one part exist, and what it
// reports are two existing parts that fold alike.
func FuzzFoldClashes(f *testing.F) {
	f.Add("Logo.png", "logo.png", "img/a.png")
	f.Add("Articles/x.png", "articles/index.html", "ARTICLES/y")
	f.Add("caf\u00e9/index.html", "cafe\u0301/x", "\u212a")
	f.Add("λόγος", "ΛΌΓΟΣ/a", "straße")
	f.Add("a/B/c", "a/b", "A")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		var names []string
		for _, n := range []string{a, b, c, "index.html", "articles/index.html"} {
			if CheckName(n) == nil && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		slices.Sort(names)
		parts := map[string]bool{}
		for _, n := range names {
			for i := 0; i <= len(n); i++ {
				if i == len(n) || n[i] == '/' {
					parts[n[:i]] = true
				}
			}
		}
		want := false
		byKey := map[string]string{}
		for p := range parts {
			k := foldPath(p)
			if q, ok := byKey[k]; ok && q != p {
				want = true
			}
			byKey[k] = p
		}
		got := FoldClashes(names)
		if want != (len(got) > 0) {
			t.Fatalf("%q: clashes %q, want some: %v", names, got, want)
		}
		for _, c := range got {
			if !parts[c.Part] || !parts[c.OtherPart] || c.Part == c.OtherPart || foldPath(c.Part) != foldPath(c.OtherPart) ||
				!strings.HasPrefix(c.Name+"/", c.Part+"/") || !strings.HasPrefix(c.OtherName+"/", c.OtherPart+"/") {
				t.Fatalf("%q: clash %q", names, c)
			}
		}
	})
}
