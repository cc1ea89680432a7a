#!/usr/bin/env bash
# How between's build time grows with the library: full builds of the 10,000-page and the
# 100,000-page versions of the generated library, taking turns, several rounds, in one run.
# Issue 13 asks for the 100k build in at most 11 times the 10k build's wall time, with a
# peak under 2 GB. Prints each round's figures, the medians and their ratio.
#
#   bench/scale.sh [ROUNDS]            default 3 rounds; makes both libraries in a temporary
#                                      folder (about 1.1 GB of Markdown) and removes them
#   SMALL=/tmp/corpus10k LARGE=/tmp/corpus100k bench/scale.sh 5
#                                      libraries made already (read only)
#   TMPDIR=/dev/shm bench/scale.sh     outputs (and the build's own temporary file) in
#                                      memory: no disk in the figures
#
# Each build writes a new folder, as a first `between build` does. On a disk none is
# removed before the end (removing 2.4 GB of files makes the disk's next writes slower for
# minutes on the virtual machine these figures come from): ROUNDS × 2.6 GB of free space.
# In memory (tmpfs) each is removed once measured.
# Each build starts after `sync`, so that none pays for writing back the one before.
# Wall times on a shared or virtual machine vary from run to run, and more for the larger
# build, which needs five times the memory: quote the rounds with the medians.
#
# Needs python3 (to make the libraries) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
gencorpus=${GENCORPUS:-bench/gencorpus.py}
command -v /usr/bin/time >/dev/null || { echo "scale.sh: GNU time (/usr/bin/time) is missing" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
small=${SMALL:-}
large=${LARGE:-}
for size in 10000 100000; do
  var=small
  [ "$size" = 100000 ] && var=large
  if [ -z "${!var}" ]; then
    echo "Generating $size pages with $gencorpus..." >&2
    python3 "$gencorpus" "$work/site-$size" "$size" >/dev/null
    printf -v "$var" '%s' "$work/site-$size"
  fi
done
go build -o "$work/between" ./cmd/between
fstype=$(df --output=fstype "${TMPDIR:-/tmp}" | tail -1)
echo "# $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), output under ${TMPDIR:-/tmp} ($fstype)" >&2

# build NAME SITE ROUND: one build into a new folder; appends "wall cpu rss_mb" to $work/res-NAME.
build() {
  sync
  if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$work/between" build -s "$2" -d "$work/out-$1-$3" >/dev/null 2>"$work/err"; then
    cat "$work/err" >&2
    echo "scale.sh: the $1 build failed" >&2
    exit 1
  fi
  awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$work/time" >>"$work/res-$1"
  if [ "$fstype" = tmpfs ]; then
    rm -rf "$work/out-$1-$3"
  fi
}

for r in $(seq "$rounds"); do
  build 10k "$small" "$r"
  build 100k "$large" "$r"
  paste "$work/res-10k" "$work/res-100k" | tail -1 | awk -v r="$r" '{
    printf "round %d: 10k %.2f s (CPU %.2f s, %d MB), 100k %.2f s (CPU %.2f s, %d MB): %.1f×\n", r, $1, $2, $3, $4, $5, $6, $4 / $1 }' >&2
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$2" '{ print $c }' "$work/res-$1" | median; }
rounds_ratio=$(paste "$work/res-10k" "$work/res-100k" | awk '{ printf "%s%.1f×", (NR > 1 ? ", " : ""), $4 / $1 }')
echo
echo "Medians of $rounds rounds, 10k and 100k pages in turn, output under ${TMPDIR:-/tmp} ($fstype)"
echo
echo "| | 10,000 pages | 100,000 pages | ratio |"
echo "|---|---|---|---|"
awk -v sw="$(col 10k 1)" -v lw="$(col 100k 1)" -v sc="$(col 10k 2)" -v lc="$(col 100k 2)" -v sr="$(col 10k 3)" -v lr="$(col 100k 3)" -v each="$rounds_ratio" 'BEGIN {
  printf "| full build, wall | %.2f s | %.2f s | %.1f× (rounds: %s) |\n", sw, lw, lw / sw, each
  printf "| CPU time (user + system) | %.2f s | %.2f s | %.1f× |\n", sc, lc, lc / sc
  printf "| peak memory (RSS) | %d MB | %d MB | %.1f× |\n", sr, lr, lr / sr
}'
