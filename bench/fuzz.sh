#!/usr/bin/env bash
# fuzz.sh: every fuzz target of the repository, one after another, for DURATION each.
#
#   bench/fuzz.sh [DURATION] [PATTERN]   defaults: 3m each, every target
#   bench/fuzz.sh 10m FuzzManifest       one target (PATTERN is a grep -E on "pkg FuzzName")
#
# CI runs only the seeds (go test replays testdata/fuzz/FuzzX/* and the f.Add seeds); this
# script looks for new inputs. Each target runs alone with one worker (-parallel 1): the
# machine is shared, and two fuzzers at once would each find half as much. A crash stops
# only its own target: Go writes the input to PKG/testdata/fuzz/FuzzX/HASH, which then
# belongs in git with its fix so that CI replays it. Logs stay in $FUZZLOG (default a
# temporary folder); the summary at the end gives each target's executions from Go's last
# "fuzz: elapsed" line, for docs/security.md.
set -uo pipefail
cd "$(dirname "$0")/.."
duration=${1:-3m}
pattern=${2:-.}
logs=${FUZZLOG:-$(mktemp -d)}
mkdir -p "$logs"

targets=$(grep -rn --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]*\(' generator cmd internal |
  sed -E 's#^(.*)/[^/]*_test\.go:[0-9]+:func (Fuzz[A-Za-z0-9_]*)\(.*#./\1 \2#' | sort -u |
  grep -E -- "$pattern" || true)
if [ -z "$targets" ]; then
  echo "fuzz.sh: no target matches $pattern" >&2
  exit 2
fi

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(go version | cut -d' ' -f3), $(nproc) CPUs, $duration each, -parallel 1"
echo "# logs in $logs"
failed=0
summary=""
while read -r pkg name; do
  log="$logs/$(echo "${pkg#./}" | tr / _)_$name.log"
  echo "== $pkg $name" >&2
  go test "$pkg" -run '^$' -fuzz "^$name\$" -fuzztime "$duration" -parallel 1 -timeout 0 >"$log" 2>&1
  status=$?
  execs=$(grep -Eo 'execs: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  elapsed=$(grep -Eo 'elapsed: [0-9hms.]+' "$log" | tail -1 | cut -d' ' -f2)
  result=ok
  if [ $status -ne 0 ]; then
    result="FAILED: $(grep -E 'Failing input written to|panic:|--- FAIL' "$log" | head -3 | tr '\n' ' ')"
    failed=1
  fi
  line="$pkg $name elapsed=${elapsed:-?} execs=${execs:-?} $result"
  echo "$line" >&2
  summary+="$line"$'\n'
done <<<"$targets"

echo
echo "# summary (package, target, time, executions, result)"
printf '%s' "$summary"
exit $failed
