#!/bin/sh
# serve.sh measures `between serve`: the time from saving a page to the moment a browser tab
# showing it receives the live-reload event, and to the new page being served over HTTP,
# with the real watcher, builder and HTTP event stream.
#
#   bench/serve.sh                 # every editor's save pattern on the 10k gencorpus library
#   N=50 bench/serve.sh            # more saves per pattern
#   EDIT=1 bench/serve.sh          # also the older edit-to-event figures at 1k and 10k pages
#   READY=1 bench/serve.sh         # only: time until `between serve` serves, the first GETs of
#                                  # /, a section and an article after it, and its memory
#
#   ONLY=title-edit bench/serve.sh # only the patterns whose names match (a go test -bench
#                                  # pattern: ONLY='title-edit|tag-edit', ONLY=rename)
#
# The library is made once by bench/gencorpus.py (10,000 pages, ~1,400 words
# each) in $CORPUS (default /tmp/between-corpus10k). Patterns: every editor's way of saving
# (in-place, truncate-then-write, rename-*, vim-backup), a title edit, a tag edit (a tag other
# pages have) and a new-tag edit (a tag new to the library, which the last save's tag leaves).
# A save is over when the editor's last write (or rename) ends: a file that is empty or half
# written a moment before is a state of the save, never shown. The figures count from then:
# ms-served-median and -p90 (save → the new page served: the issue's "every save served in
# 50 ms"), ms-event-median and -p90 (save → reload event). ms-served-from-first-call-median
# counts from the save's first system call instead: for truncate-then-write it holds the
# 30 ms the editor leaves the page empty before writing. cpu-ms-per-save is the process's CPU
# time per save, search-files-per-save the files of the search index it adds, changes or
# removes. Any save that shows the tab a build error fails the run. Compare runs on an
# idle machine: other load changes the times a lot (the CPU figure far less).
set -e
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-/tmp/between-corpus10k}
GEN=${GEN:-$(dirname "$0")/gencorpus.py}
if [ ! -d "$CORPUS/content" ]; then
	python3 "$GEN" "$CORPUS" 10000
fi
echo "# $(nproc) CPUs, load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"

# (ONLY skips this part: the save patterns alone.)
if [ -z "$ONLY" ]; then
# Ready: from starting `between serve` to its "Serving" line, and its resident memory then
# and a few seconds later (VmHWM is the peak, during the first build). Linux only (/proc).
BIN=$(mktemp -d)/between
go build -o "$BIN" ./cmd/between
LOG=$(mktemp)
SITE=$(mktemp -d)
cp -r "$CORPUS/config.toml" "$CORPUS/content" "$SITE"/ # a copy: no other build's lock in the way
start=$(date +%s%N)
"$BIN" serve -s "$SITE" --port 0 >"$LOG" 2>&1 &
pid=$!
while ! grep -q '^Serving' "$LOG"; do
	if ! kill -0 $pid 2>/dev/null; then cat "$LOG"; exit 1; fi
	sleep 0.02
done
ready=$(( ($(date +%s%N) - start) / 1000000 ))
mem() { grep -E "^$1:" /proc/$pid/status | awk '{printf "%d MB", $2/1024}'; }
echo "serve-ready-ms $ready  rss-at-ready $(mem VmRSS)  peak $(mem VmHWM)"
# "Serving" must mean served: the first pages a coach opens, asked for at once, as a browser
# would, while the other pages still render in the background. The article is the
# library's last, which the background reaches last: it is rendered for the request.
url=$(grep -o 'http://[^ ]*' "$LOG" | head -1)
sec=$(ls "$SITE/content" | grep -v '\.md$' | head -1)
page=$(ls "$SITE/content/$sec" | grep -v '^_' | tail -1)
for p in / "/$sec/" "/$sec/${page%.md}/"; do
	t0=$(date +%s%N)
	code=$(curl -s -o /dev/null -w '%{http_code}' "$url${p#/}")
	echo "first-get $p status $code ms $(( ($(date +%s%N) - t0) / 1000000 ))  (since start $(( ($(date +%s%N) - start) / 1000000 )) ms)"
done
while ! grep -q '^Rendered all' "$LOG"; do
	if ! kill -0 $pid 2>/dev/null; then cat "$LOG"; exit 1; fi
	sleep 0.02
done
echo "all-rendered-ms $(( ($(date +%s%N) - start) / 1000000 ))  rss $(mem VmRSS)  peak $(mem VmHWM)"
sleep 5
echo "rss-5s-later $(mem VmRSS)  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
kill $pid
wait $pid 2>/dev/null || true
rm -rf "$LOG" "$SITE" "$(dirname "$BIN")"
fi
[ -n "$READY" ] && exit 0
BETWEEN_BENCH_SITE="$CORPUS" go test ./generator/devserver/ -run '^$' -bench "SavePatterns/(${ONLY:-.})" -benchtime "${N:-20}x" -timeout 30m
if [ -n "$EDIT" ]; then
	go test ./generator/devserver/ -run '^$' -bench EditToEvent -benchtime "${N:-30}x" -timeout 30m
fi
