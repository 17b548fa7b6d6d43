#!/bin/sh
# Median wall time of `stackctl config` on generated files of 20, 200 and 2,000 services.
# usage: bench/config/measure.sh [path/to/stackctl] [runs]
# Prints one line per size: "<services> services: median <seconds> s over <runs> runs".
set -eu
STACKCTL=${1:-build/cli/stackctl}
RUNS=${2:-11}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT INT TERM

for n in 20 200 2000; do
  mkdir -p "$WORK/$n"
  python3 "$HERE/generate_compose.py" "$n" > "$WORK/$n/compose.yaml"
  "$STACKCTL" -f "$WORK/$n/compose.yaml" config > /dev/null  # warm up, and fail early on errors
  i=0
  : > "$WORK/$n/times"
  while [ "$i" -lt "$RUNS" ]; do
    start=$(date +%s.%N)
    "$STACKCTL" -f "$WORK/$n/compose.yaml" config > /dev/null
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l >> "$WORK/$n/times"
    i=$((i + 1))
  done
  median=$(sort -n "$WORK/$n/times" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.4f", m}')
  echo "$n services: median $median s over $RUNS runs"
done
