#!/usr/bin/env bash
# Full builds of one generated library by between and by Hugo, taking turns, several times:
# the medians of wall time, CPU time (user + system) and peak memory of each, and the ratios
# between/Hugo. The library is the one issue 13 measures: gencorpus.py's articles, guides and
# worksheets (about 1,400 words a page) with its own Hugo layouts showing the same things.
#
#   bench/compare.sh [PAGES] [RUNS]     defaults: 10000 pages, 5 runs each
#   bench/compare.sh 100000 3           the 100k library (about 1 GB of Markdown, made in
#                                       a temporary folder and removed at the end)
#   CORPUS=/tmp/corpus10k bench/compare.sh 10000 5   use a library made already
#   TMPDIR=/dev/shm bench/compare.sh 10000 5         both tools write into memory (tmpfs):
#                                       what the generators cost without the disk, whose
#                                       time for creating files can vary several-fold
#                                       from one hour to the next on a virtual machine
#
# The last row is the floor: between's output copied with `cp -r` in the same run, the
# kernel's cost of making those folders and files, which no generator writing them avoids.
#
# Every run's output is kept until the script ends (see the loop): RUNS × about 0.8 GB of
# free space at 10,000 pages, 8 GB at 100,000.
#
# Needs python3, hugo and GNU time (/usr/bin/time). Run it on a quiet machine: other load
# changes wall times a lot; CPU times and peak memory much less. The output is a Markdown
# table, ready to paste into README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
runs=${2:-5}
gencorpus=${GENCORPUS:-bench/gencorpus.py}
for tool in python3 hugo /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
site=${CORPUS:-}
if [ -z "$site" ]; then
  site=$work/site
  echo "Generating $pages pages with $gencorpus..." >&2
  python3 "$gencorpus" "$site" "$pages" >/dev/null
fi
go build -o "$work/between" ./cmd/between

# measure NAME CMD...: one run; appends "wall cpu rss_mb" to $work/NAME.
measure() {
  local name=$1; shift
  # Each run starts with the disk caught up: without this, one tool's run pays for writing
  # back the files of the run before it (330 MB at 10k pages) and for the removal of the
  # last outputs.
  sync
  if ! /usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/err"; then
    cat "$work/err" >&2
    echo "compare.sh: $name failed" >&2
    exit 1
  fi
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", wall, user + sys, rss }' "$work/time" >>"$work/res-$name"
  printf '  %-8s %s\n' "$name" "$(tail -1 "$work/res-$name" | awk '{printf "wall %6.2f s  cpu %6.2f s  peak %5d MB", $1, $2, $3}')" >&2
}

echo "$pages pages, $runs runs each, taking turns ($(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
for i in $(seq "$runs"); do
  # Every run writes a new folder and none is removed before the end: ext4 without a
  # journal (this project's VM) skips inodes freed in the last one to six minutes when it
  # makes a file, so a run made right after removing the last one's 13,700 files paid for
  # that removal, and by a different amount each time.
  measure between "$work/between" build -s "$site" -d "$work/out-between-$i"
  measure hugo hugo --source "$site" --destination "$work/out-hugo-$i" --quiet
  # The floor under any generator here: the same folders and files, with the same bytes,
  # made by cp from between's output (read back from the page cache), nothing rendered.
  measure copy cp -r "$work/out-between-$i" "$work/out-copy-$i"
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$2" '{ print $c }' "$work/res-$1" | median; }
bw=$(col between 1); bc=$(col between 2); br=$(col between 3)
hw=$(col hugo 1); hc=$(col hugo 2); hr=$(col hugo 3)
cw=$(col copy 1); cc=$(col copy 2)
largest=$(find "$work/out-between-$runs" -name '*.html' -printf '%s %P\n' | sort -n | tail -1)

echo
echo "$pages pages, median of $runs runs each, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(hugo version | awk '{print $1, $2}')"
echo
echo "| | between | Hugo | ratio |"
echo "|---|---|---|---|"
awk -v bw="$bw" -v hw="$hw" -v bc="$bc" -v hc="$hc" -v br="$br" -v hr="$hr" 'BEGIN {
  printf "| full build, wall | %.2f s | %.2f s | %.2f× |\n", bw, hw, bw / hw
  printf "| CPU time (user + system) | %.2f s | %.2f s | %.2f× |\n", bc, hc, bc / hc
  printf "| CPU used during the build | %.0f%% | %.0f%% | |\n", 100 * bc / bw, 100 * hc / hw
  printf "| peak memory (RSS) | %d MB | %d MB | %.2f× |\n", br, hr, br / hr
}'
awk -v cw="$cw" -v cc="$cc" -v hw="$hw" -v files="$(find "$work/out-between-$runs" -type f | wc -l)" 'BEGIN {
  printf "| the output'"'"'s %d files copied by `cp -r`: the floor | %.2f s wall, %.2f s CPU | | %.2f× |\n", files, cw, cc, cw / hw
}'
echo "| largest HTML page | $(echo "$largest" | awk '{printf "%d KB (/%s)", $1 / 1024, $2}') | | |"
