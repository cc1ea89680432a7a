#!/usr/bin/env bash
# One `between build` of a generated library, for its memory: each stage's wall and CPU time
# with the peak memory (RSS) reached by its end (BETWEEN_STAGES=1), then GNU time's figures
# for the whole run. Issue 13 asks for a peak under 2 GB at 100,000 pages. Peak memory
# hardly changes with other load on the machine; wall time does.
#
#   bench/memory.sh [PAGES]                 default 100000: about 1 GB of Markdown, made in a
#                                           temporary folder and removed at the end
#   CORPUS=/tmp/corpus100k bench/memory.sh  a library made already (read only: the output
#                                           goes to a temporary folder)
#   GOMEMLIMIT=off bench/memory.sh          as Go would run it without between's soft limit
#
# Needs python3 (to make the library) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
site=${CORPUS:-}
if [ -z "$site" ]; then
  site=$work/site
  echo "Generating $pages pages with bench/gencorpus.py..." >&2
  python3 bench/gencorpus.py "$site" "$pages" >/dev/null
fi
go build -o "$work/between" ./cmd/between
echo "# $(nproc) CPUs, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
BETWEEN_STAGES=1 /usr/bin/time -f '%e s wall, %U s user + %S s system, peak RSS %M KB' \
  "$work/between" build -s "$site" -d "$work/out"
