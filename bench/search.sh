#!/usr/bin/env bash
# search.sh: our search index beside Pagefind's, on the same generated library.
#
#   bench/search.sh [PAGES]     (default 10000; needs python3, node and npm, and Chromium for
#                               the bytes fetched in a browser)
#
# 1. Generates the library with gencorpus.py (GENCORPUS=path/to/gencorpus.py) and builds it with
#    between, which writes its index into search/data/ as part of the build.
# 2. Builds it again with and without the index, in turn (go test -bench CorpusIndexShare;
#    SHARE_RUNS rounds of one of each, default 4, after one build not counted: the medians), for the share of the build's
#    time indexing adds: wall time, and CPU time, which says more on a shared machine;
#    both from the medians of each kind, and "by rounds": the median of what each round's
#    two builds, one after the other, differ by, which a slow minute of the machine moves
#    less.
#    Three times: writing nothing (not a full build), into a new folder on a tmpfs
#    (SHARE_TMPFS, default /dev/shm: a full build in memory), and into a new folder under
#    TMPDIR or /tmp (on disk here) as `between build` does. Then in fresh `between build`
#    processes (FRESH_RUNS of each, default 20), against the library with every page kept
#    out of the index: the full build as a coach runs it, which the target is about; the
#    figure by rounds with a bootstrap 95% interval (python3), which says how far more rounds
#    could move it.
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
gencorpus=${GENCORPUS:-$(dirname "$0")/gencorpus.py}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The processor: the index's word loop has an AVX-512 way, taken where the processor has
# it, and the share depends on the processor's caches; both differ between machines.
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
simd=$(grep -o -w -m1 'avx512bw\|avx2' /proc/cpuinfo 2>/dev/null | sort -u | paste -sd' ' - || true)
echo "# $(nproc) CPUs (${cpu_model:-unknown}; ${simd:-no AVX2}), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$gencorpus" "$work/site" "$pages" >/dev/null
go build -o "$work/between" ./cmd/between

# timed runs a command and sets t_s (wall seconds) and t_mb (peak resident MB).
timed() {
  /usr/bin/time -o "$work/time" -f '%e %M' "$@" >/dev/null 2>"$work/err" || { cat "$work/err" "$work/time" >&2; exit 1; }
  read -r t_s t_kb < <(tail -1 "$work/time")
  t_mb=$((t_kb / 1024))
}

timed "$work/between" build -s "$work/site" -d "$work/out"
build_s=$t_s build_mb=$t_mb
html=$(find "$work/out" -name '*.html' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
ours=$(du -sb "$work/out/search/data" | cut -f1)
ours_files=$(find "$work/out/search/data" -type f | wc -l)

# What indexing adds to a build: the same build with and without the index, in turn
# (go test -bench CorpusIndexShare; the medians of SHARE_RUNS runs of each), three ways:
# writing nothing (the Discard sink: not a full build, no file is created), into a new
# output folder on a tmpfs (a full build as `between build` makes it, in memory: no disk
# noise), and into a new output folder under TMPDIR (or /tmp), where the output goes to
# whatever file system that is (its type is printed).
share_bench() {
  go test ./generator/build -run '^$' -bench 'CorpusIndexShare$' -benchtime "${SHARE_RUNS:-4}x" -timeout 60m
}
metric() { echo "$bench" | awk -v m="$1" '/BenchmarkCorpusIndexShare/ {for (i = 1; i < NF; i++) if ($(i+1) == m) print $i}'; }
bench=$(BETWEEN_CORPUS="$work/site" share_bench)
with_s=$(metric s-with-index) without_s=$(metric s-without) share=$(metric index-%) added=$(metric index-added-%)
cpu_share=$(metric index-cpu-%) cpu_added=$(metric index-cpu-added-%)
pair_added=$(metric index-pair-added-%) pair_cpu=$(metric index-pair-cpu-added-%)
shm=${SHARE_TMPFS:-/dev/shm}
tmpfs_row="no tmpfs at $shm"
if [ "$(df --output=fstype "$shm" 2>/dev/null | tail -1)" = tmpfs ]; then
  shm_dir=$(mktemp -d "$shm/between-share.XXXXXX")
  bench=$(BETWEEN_SHARE_DIR="$shm_dir" BETWEEN_CORPUS="$work/site" share_bench)
  rm -rf "$shm_dir"
  tmpfs_row="+$(awk -v a="$(metric s-with-index)" -v b="$(metric s-without)" 'BEGIN {printf "%.2f", a-b}') s on a $(metric s-with-index) s build: $(metric index-%)% of it, +$(metric index-added-%)% on the build without (CPU $(metric index-cpu-%)%, +$(metric index-cpu-added-%)%); by rounds +$(metric index-pair-added-%)% (CPU +$(metric index-pair-cpu-added-%)%)"
fi
disk_fs=$(df --output=fstype "${TMPDIR:-/tmp}" | tail -1)
bench=$(BETWEEN_SHARE_DISK=1 BETWEEN_CORPUS="$work/site" share_bench)
disk_with_s=$(metric s-with-index) disk_without_s=$(metric s-without) disk_share=$(metric index-%) disk_added=$(metric index-added-%)
disk_cpu_share=$(metric index-cpu-%) disk_cpu_added=$(metric index-cpu-added-%)
disk_pair_added=$(metric index-pair-added-%) disk_pair_cpu=$(metric index-pair-cpu-added-%)

# The same in fresh `between build` processes, as a coach runs it: FRESH_RUNS rounds (default
# 20) of a build with the index and one of the same library with every page kept out of it
# (search = false in front matter: the index then holds no page), each into a new output
# folder, on the tmpfs and under TMPDIR; the medians of their wall and CPU times
# (/usr/bin/time), and "by rounds", the median of what each round's two builds differ by.
# A process's first build meets the heap, the page cache and the file system as a coach's
# does, which the in-process rounds above do not all. The two go in turn, with-without then
# without-with (ABBA), so that a machine slowing down or speeding up over a run weighs on
# both alike: on a virtual machine, memory the system gave back to its host costs many times
# more to touch again (here 3.7 ms a megabyte against 0.07), and in one run of 20 rounds the
# same build took 1.79 to 2.77 s of CPU.
cp -r "$work/site" "$work/nosearch"
find "$work/nosearch/content" -name '*.md' -exec sed -i '0,/^+++$/s//+++\nsearch = false/' {} +
fresh() { # fresh DIR: sets fresh_row
  local dir=$1 r kind order with=() without=() wcpu=() ocpu=() pair=() pcpu=()
  for r in $(seq "${FRESH_RUNS:-20}"); do
    order="with without"
    [ $((r % 2)) = 0 ] && order="without with"
    local e_with c_with e_without c_without
    for kind in $order; do
      local src="$work/site"
      [ "$kind" = without ] && src="$work/nosearch"
      rm -rf "$dir/fresh-out"
      sync
      /usr/bin/time -o "$work/time" -f '%e %U %S' "$work/between" build -s "$src" -d "$dir/fresh-out" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
      read -r e u s < <(tail -1 "$work/time")
      if [ "$kind" = with ]; then e_with=$e c_with=$(awk -v u="$u" -v s="$s" 'BEGIN {print u+s}')
      else e_without=$e c_without=$(awk -v u="$u" -v s="$s" 'BEGIN {print u+s}'); fi
    done
    with+=("$e_with") wcpu+=("$c_with") without+=("$e_without") ocpu+=("$c_without")
    pair+=("$(awk -v a="$e_with" -v b="$e_without" 'BEGIN {print 100*(a-b)/b}')")
    pcpu+=("$(awk -v a="$c_with" -v b="$c_without" 'BEGIN {print 100*(a-b)/b}')")
  done
  rm -rf "$dir/fresh-out"
  med() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
  local mw mo cw co
  mw=$(med "${with[@]}") mo=$(med "${without[@]}") cw=$(med "${wcpu[@]}") co=$(med "${ocpu[@]}")
  fresh_row="${mw} s against ${mo} s: +$(awk -v a="$mw" -v b="$mo" 'BEGIN {printf "%.1f", 100*(a-b)/b}')% (CPU ${cw} s against ${co} s: +$(awk -v a="$cw" -v b="$co" 'BEGIN {printf "%.1f", 100*(a-b)/b}')%); by rounds +$(med "${pair[@]}" | awk '{printf "%.1f", $1}')% ($(ci "${pair[@]}")) (CPU +$(med "${pcpu[@]}" | awk '{printf "%.1f", $1}')%); medians of ${FRESH_RUNS:-20}"
}
# ci X...: a 95% interval of the median of X, by the bootstrap (2,000 resamples, seeded): how
# far the figure by rounds may be from what more rounds would give on this machine.
ci() {
  python3 -c '
import random, statistics, sys
x = [float(v) for v in sys.argv[1:]]
random.seed(1)
m = sorted(statistics.median(random.choices(x, k=len(x))) for _ in range(2000))
print("95%% CI %+.1f%% to %+.1f%%" % (m[50], m[1949]))' "$@"
}
fresh_tmpfs_row="no tmpfs at $shm"
if [ "$(df --output=fstype "$shm" 2>/dev/null | tail -1)" = tmpfs ]; then
  shm_dir=$(mktemp -d "$shm/between-fresh.XXXXXX")
  fresh "$shm_dir"
  rm -rf "$shm_dir"
  fresh_tmpfs_row=$fresh_row
fi
fresh "$work"
fresh_disk_row=$fresh_row

pagefind=$(command -v pagefind || true)
if [ -z "$pagefind" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work/npm" 'pagefind@1.x' >/dev/null
  pagefind="$work/npm/node_modules/.bin/pagefind"
fi
pf_version=$("$pagefind" --version)
timed "$pagefind" --site "$work/out"
pf_s=$t_s pf_mb=$t_mb
pf=$(du -sb "$work/out/pagefind" | cut -f1)
pf_files=$(find "$work/out/pagefind" -type f | wc -l)

pct() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f%%", 100*a/b}'; }
mb() { awk -v a="$1" 'BEGIN {printf "%.1f MB", a/1048576}'; }

echo
echo "$pages pages, HTML $(mb "$html"); between build to disk: ${build_s} s, ${build_mb} MB peak"
echo
printf '| %-28s | %-34s | %-34s |\n' "" "between (search/data)" "$pf_version (pagefind/)"
printf '|%s|%s|%s|\n' "------------------------------" "------------------------------------" "------------------------------------"
printf '| %-28s | %-34s | %-34s |\n' "index time, no output (Discard)" "+$(awk -v a="$with_s" -v b="$without_s" 'BEGIN {printf "%.2f", a-b}') s on a ${with_s} s build: ${share}% of it, +${added}% on the build without (CPU ${cpu_share}%, +${cpu_added}%); by rounds +${pair_added}% (CPU +${pair_cpu}%)" "${pf_s} s, ${pf_mb} MB peak, after the build"
printf '| %-28s | %-34s | %-34s |\n' "index time, output on tmpfs" "$tmpfs_row" ""
printf '| %-28s | %-34s | %-34s |\n' "index time, output in ${TMPDIR:-/tmp} ($disk_fs)" "+$(awk -v a="$disk_with_s" -v b="$disk_without_s" 'BEGIN {printf "%.2f", a-b}') s on a ${disk_with_s} s build: ${disk_share}% of it, +${disk_added}% on the build without (CPU ${disk_cpu_share}%, +${disk_cpu_added}%); by rounds +${disk_pair_added}% (CPU +${disk_pair_cpu}%)" ""
printf '| %-28s | %-34s | %-34s |\n' "between build, tmpfs" "$fresh_tmpfs_row" ""
printf '| %-28s | %-34s | %-34s |\n' "between build, ${TMPDIR:-/tmp} ($disk_fs)" "$fresh_disk_row" ""
printf '| %-28s | %-34s | %-34s |\n' "index size" "$(mb "$ours") in $ours_files files ($(pct "$ours" "$html") of HTML)" "$(mb "$pf") in $pf_files files ($(pct "$pf" "$html") of HTML)"
echo
go run bench/searchbytes.go -site "$work/out"
