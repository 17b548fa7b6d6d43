#!/bin/sh
# Median wall time of `stackctl config` on generated files of 20, 200 and 2,000 services, and of
# Debian's docker-compose 1.29 (`docker-compose -f FILE config`) on the same files when installed.
#
# usage: bench/config/measure.sh [path/to/stackctl] [runs]
#   path/to/stackctl  a Release build (default: build-release/cli/stackctl)
#   runs              timed runs per size and tool (default: 11; docker-compose on 2,000
#                     services gets min(runs, 5) since one run takes seconds)
#   SIZES="20 200 2000" and COMPARE=0 (skip docker-compose) are read from the environment.
#
# Uses hyperfine when installed (one warm-up run, medians from its JSON export), else a
# date-based loop. Prints one line per size and tool:
#   "<n> services  <tool>  median <seconds> s[, mean cpu (user+sys) <seconds>]  (<runs> runs)"
# Both tools render every service: stackctl runs with `--profile extra` because docker-compose
# 1.29 ignores profiles in `config`, and both get `-p bench` (1.29 rejects a top-level `name:`).
set -eu
STACKCTL=${1:-build-release/cli/stackctl}
RUNS=${2:-11}
SIZES=${SIZES:-"20 200 2000"}
COMPARE=${COMPARE:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT INT TERM

if [ ! -x "$STACKCTL" ]; then
  echo "measure.sh: $STACKCTL is not an executable (build the Release stackctl first)" >&2
  exit 1
fi
STACKCTL=$(cd "$(dirname "$STACKCTL")" && pwd)/$(basename "$STACKCTL")

# median <command...>: prints the median wall time in seconds of RUNS_NOW runs of the command
# (with hyperfine also the mean CPU time, which a busy machine disturbs less).
median() {
  if command -v hyperfine > /dev/null 2>&1; then
    hyperfine --style none --warmup 1 --runs "$RUNS_NOW" --export-json "$WORK/h.json" \
      --command-name run "$*" > /dev/null
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.4f s, mean cpu (user+sys) %.4f s" % (r["median"], r["user"] + r["system"]))' "$WORK/h.json"
  else
    sh -c "$*" > /dev/null  # warm-up
    : > "$WORK/times"
    i=0
    while [ "$i" -lt "$RUNS_NOW" ]; do
      start=$(date +%s.%N)
      sh -c "$*" > /dev/null
      end=$(date +%s.%N)
      echo "$end - $start" | bc -l >> "$WORK/times"
      i=$((i + 1))
    done
    sort -n "$WORK/times" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.4f s\n", m}'
  fi
}

for n in $SIZES; do
  dir="$WORK/$n"
  mkdir -p "$dir"
  python3 "$HERE/generate_compose.py" "$n" > "$dir/compose.yaml"
  cd "$dir"
  # Fail early (and visibly) when a tool cannot load the file.
  "$STACKCTL" -p bench --profile extra -f compose.yaml config > /dev/null
  RUNS_NOW=$RUNS
  echo "$n services  stackctl        median $(median "'$STACKCTL' -p bench --profile extra -f compose.yaml config")  ($RUNS_NOW runs)"
  if [ "$COMPARE" = 1 ] && command -v docker-compose > /dev/null 2>&1; then
    docker-compose -p bench -f compose.yaml config > /dev/null
    if [ "$n" -ge 2000 ] && [ "$RUNS" -gt 5 ]; then RUNS_NOW=5; fi
    echo "$n services  docker-compose  median $(median "docker-compose -p bench -f compose.yaml config")  ($RUNS_NOW runs)"
  fi
  cd - > /dev/null
done
