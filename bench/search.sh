#!/usr/bin/env bash
# search.sh: our search index beside Pagefind's, on the same generated library.
#
#   bench/search.sh [PAGES]     (default 10000; needs python3, node and npm, and Chromium for
#                               the bytes fetched in a browser)
#
# 1. Generates the library with gencorpus.py (GENCORPUS=path/to/gencorpus.py) and builds it with
#    between, which writes its index into search/data/ as part of the build.
# 2. Times indexing alone from the site model (go test -bench SearchIndex) against a full
#    build in memory, for the share indexing adds.
# 3. Indexes the same output with Pagefind 1.x (npm; installed into a temporary folder when
#    `pagefind` is not on PATH) and times it.
# 4. Prints index sizes and, per query, the bytes each search downloads: ours as the search
#    page's plan reads them (Go) and in Chromium, Pagefind's in Chromium (its own script,
#    loading the first 10 results' data).
#
# Timings on a shared machine are noisy: say so when you quote them, and compare runs taken
# side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
gencorpus=${GENCORPUS:-/work/shared/tools/gencorpus.py}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "# $(nproc) CPUs, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$gencorpus" "$work/site" "$pages" >/dev/null
go build -o "$work/between" ./cmd/between

timed() { # prints "SECONDS PEAK_MB" of a command
  local out
  out=$( { /usr/bin/time -f '%e %M' "$@" >/dev/null 2>"$work/err"; } 2>&1 ) || { cat "$work/err"; exit 1; }
  echo "$out" | tail -1 | awk '{printf "%s %d", $1, $2/1024}'
}

read -r build_s build_mb < <(timed "$work/between" build -s "$work/site" -d "$work/out")
html=$(find "$work/out" -name '*.html' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
ours=$(du -sb "$work/out/search/data" | cut -f1)
ours_files=$(find "$work/out/search/data" -type f | wc -l)

bench=$(BETWEEN_CORPUS="$work/site" go test ./generator/build -run '^$' -bench 'SearchIndex$' -benchtime 3x -timeout 60m)
index_ms=$(echo "$bench" | awk '/BenchmarkSearchIndex/ {printf "%d", $3/1e6}')
inmem_ms=$(echo "$bench" | awk '/BenchmarkSearchIndex/ {for (i=1;i<=NF;i++) if ($(i+1)=="build-ms") printf "%d", $i}')

pagefind=$(command -v pagefind || true)
if [ -z "$pagefind" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work/npm" 'pagefind@1.x' >/dev/null
  pagefind="$work/npm/node_modules/.bin/pagefind"
fi
pf_version=$("$pagefind" --version)
read -r pf_s pf_mb < <(timed "$pagefind" --site "$work/out")
pf=$(du -sb "$work/out/pagefind" | cut -f1)
pf_files=$(find "$work/out/pagefind" -type f | wc -l)

pct() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f%%", 100*a/b}'; }
mb() { awk -v a="$1" 'BEGIN {printf "%.1f MB", a/1048576}'; }

echo
echo "$pages pages, HTML $(mb "$html"); between build to disk: ${build_s} s, ${build_mb} MB peak"
echo
printf '| %-28s | %-34s | %-34s |\n' "" "between (search/data)" "$pf_version (pagefind/)"
printf '|%s|%s|%s|\n' "------------------------------" "------------------------------------" "------------------------------------"
printf '| %-28s | %-34s | %-34s |\n' "index time" "${index_ms} ms in the build ($(pct "$index_ms" "$inmem_ms") of ${inmem_ms} ms)" "${pf_s} s, ${pf_mb} MB peak, after the build"
printf '| %-28s | %-34s | %-34s |\n' "index size" "$(mb "$ours") in $ours_files files ($(pct "$ours" "$html") of HTML)" "$(mb "$pf") in $pf_files files ($(pct "$pf" "$html") of HTML)"
echo
go run bench/searchbytes.go -site "$work/out"
