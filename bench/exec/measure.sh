#!/bin/sh
# `exec` latency and throughput, side by side on the same engine: stackctl, the docker CLI
# (`docker exec`) and, when installed, Debian's docker-compose 1.29 (`exec -T`).
#
# usage: bench/exec/measure.sh [path/to/stackctl] [runs]
#   path/to/stackctl  default: build/cli/stackctl
#   runs              timed runs per command (default: 21)
# Needs the local test image (scripts/build-test-images.sh) and hyperfine. Prints the median wall
# time of `exec -T box true` per tool, then of `exec -T box cat` on 64 MiB from stdin to stdout.
set -eu
STACKCTL=${1:-build/cli/stackctl}
RUNS=${2:-21}
STACKCTL=$(cd "$(dirname "$STACKCTL")" && pwd)/$(basename "$STACKCTL")
WORK=$(mktemp -d)
PROJECT=stackctl-bench-exec-$$
cleanup() {
  (cd "$WORK" && "$STACKCTL" -p "$PROJECT" down -t 0 > /dev/null 2>&1) || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
cat > "$WORK/compose.yaml" <<YAML
services:
  box:
    image: stackctl-test/busybox:latest
    command: [sh, -c, "trap 'exit 0' TERM; sleep 3600 & wait"]
YAML
cd "$WORK"
"$STACKCTL" -p "$PROJECT" up -d --wait > /dev/null 2>&1
CONTAINER=$PROJECT-box-1
head -c 67108864 /dev/urandom > "$WORK/input"

median() {  # median <name> <command>
  hyperfine --style none --warmup 2 --runs "$RUNS" --export-json "$WORK/h.json" --command-name "$1" "$2" > /dev/null
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%-34s median %.4f s" % (sys.argv[2], r["median"]))' "$WORK/h.json" "$1"
}

median "stackctl exec -T box true" "$STACKCTL -p $PROJECT exec -T box true"
median "docker exec CONTAINER true" "docker exec $CONTAINER true"
if command -v docker-compose > /dev/null 2>&1; then
  median "docker-compose 1.29 exec -T box true" "docker-compose -p $PROJECT exec -T box true"
fi
median "stackctl exec -T box cat (64 MiB)" "$STACKCTL -p $PROJECT exec -T box cat < $WORK/input > /dev/null"
median "docker exec -i CONTAINER cat (64 MiB)" "docker exec -i $CONTAINER cat < $WORK/input > /dev/null"
