// Package gensite writes synthetic libraries of any size for benchmarks: articles, guides and
// worksheets with tags, headings and fields, and a reading path.
package gensite

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

var words = strings.Fields(`between sessions notice reflect choose step habit value time attention
perspective learn doing thinking practice small week morning evening question answer calm energy
confidence change trust write read pause breathe listen plan review honest curious kind`)

// Generate writes the site.
func Generate(dir string, n int) error {
	w := func(name, text string) error {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, []byte(text), 0o644)
	}
	if err := w("config.toml", "baseURL = \"https://example.org/\"\ntitle = \"Bench\"\n"); err != nil {
		return err
	}
	if err := w("content/_index.md", "+++\ntitle = \"Home\"\n+++\nWelcome.\n"); err != nil {
		return err
	}
	sections := []string{"articles", "guides", "worksheets"}
	for i := 0; i < n; i++ {
		sec := sections[i%3]
		if i%10 == 9 {
			sec = "articles"
		}
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = \"Page %d: %s %s\"\ndate = 2025-%02d-%02d\ntags = [\"tag-%d\", \"topic-%d\"]\n+++\n",
			i, words[i%len(words)], words[(i*7)%len(words)], 1+i%12, 1+i%28, i%50, i%7)
		for p := 0; p < 6; p++ {
			fmt.Fprintf(&b, "## Part %d\n\n", p)
			for s := 0; s < 5; s++ {
				for k := 0; k < 14; k++ {
					b.WriteString(words[(i+p*5+s*3+k)%len(words)])
					b.WriteByte(' ')
				}
				b.WriteString("and *so on*. ")
			}
			b.WriteString("\n\n")
		}
		if sec == "worksheets" {
			fmt.Fprintf(&b, "::: answer id=a%d lines=4\nWhat did you notice?\n:::\n\n::: scale id=s min=1 max=10\nHow sure are you?\n:::\n", i)
		}
		if err := w(fmt.Sprintf("content/%s/page-%d.md", sec, i), b.String()); err != nil {
			return err
		}
	}
	return w("content/paths/first.md", "+++\ntitle = \"First\"\ntag = \"tag-1\"\n+++\nA path.\n")
}
