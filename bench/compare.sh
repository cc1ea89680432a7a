#!/usr/bin/env bash
# Full builds of the same generated library by between and by Hugo, one after the other,
# several times, with /usr/bin/time -v: wall time and peak memory of each run.
#
#   bench/compare.sh [PAGES] [RUNS]      (defaults: 10000 pages, 5 runs; needs hugo installed)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go run bench/gensite.go -n "$pages" -o "$work/site"
go build -o "$work/between" ./cmd/between

# Hugo gets layouts that show what a between page shows: the menu, the text, tags,
# previous and next, and lists of pages.
mkdir -p "$work/site/layouts/_default"
cat > "$work/site/layouts/_default/baseof.html" <<'HTML'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{.Title}} · {{.Site.Title}}</title></head>
<body><nav>{{range .Site.Sections}}<a href="{{.RelPermalink}}">{{.Title}}</a>{{end}}</nav>
<main>{{block "main" .}}{{end}}</main></body></html>
HTML
cat > "$work/site/layouts/_default/single.html" <<'HTML'
{{define "main"}}<h1>{{.Title}}</h1><p>{{.ReadingTime}} min</p>{{.TableOfContents}}{{.Content}}
{{range .Params.tags}}<a href="/tags/{{. | urlize}}/">{{.}}</a>{{end}}
{{with .PrevInSection}}<a href="{{.RelPermalink}}">{{.Title}}</a>{{end}}{{with .NextInSection}}<a href="{{.RelPermalink}}">{{.Title}}</a>{{end}}{{end}}
HTML
cat > "$work/site/layouts/_default/list.html" <<'HTML'
{{define "main"}}<h1>{{.Title}}</h1><ul>{{range .Pages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a> {{.Summary}}</li>{{end}}</ul>{{end}}
HTML

measure() {
  local name=$1; shift
  local out
  out=$( { /usr/bin/time -v "$@" >/dev/null; } 2>&1 )
  local wall rss
  wall=$(echo "$out" | awk -F': ' '/Elapsed \(wall clock\)/ {print $2}')
  rss=$(echo "$out" | awk -F': ' '/Maximum resident set size/ {print $2}')
  printf '%-8s wall %-8s peak %6d MB\n' "$name" "$wall" $((rss / 1024))
}

echo "$pages pages, $runs runs each, alternating"
for i in $(seq "$runs"); do
  rm -rf "$work/out-between" "$work/out-hugo"
  measure between "$work/between" build -s "$work/site" -d "$work/out-between"
  measure hugo hugo --source "$work/site" --destination "$work/out-hugo" --quiet
done
