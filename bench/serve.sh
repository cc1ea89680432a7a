#!/bin/sh
# serve.sh measures `between serve`: the time from saving one page's Markdown to the moment a
# browser tab showing it receives the live-reload event, on generated libraries of 1,000 and
# 10,000 pages (real watcher, real builder, real HTTP event stream).
#
#   bench/serve.sh          # 30 edits per site
#   N=100 bench/serve.sh    # more edits
#
# Figures: ms-median and ms-p90 are the save-to-event times; ms-rebuild-median is the builder's
# own share. Compare runs on an idle machine: other load changes them a lot.
set -e
cd "$(dirname "$0")/.."
echo "# $(nproc) CPUs, load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
go test ./generator/devserver/ -run '^$' -bench EditToEvent -benchtime "${N:-30}x" -timeout 30m
