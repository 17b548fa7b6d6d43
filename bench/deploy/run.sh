#!/usr/bin/env bash
# Deploy benchmarks of issue 4 ("Speed"): stackctl vs Debian's docker-compose 1.29 on the same
# engine, on a generated stack of N independent services (bench/deploy/generate_stack.py), plus the
# direct-API baseline (bench/deploy/direct_create_start.cpp) for the cold `up`.
#
# usage: bench/deploy/run.sh STACKCTL DIRECT_CREATE_START [RUNS]
#   STACKCTL             the stackctl binary (a Release build)
#   DIRECT_CREATE_START  the baseline binary (target stackctl_direct_create_start)
#   RUNS                 timed runs per measurement (default 7, at least 5); medians are reported
# Environment: N (services, default 20), OUT (directory for the hyperfine JSON and the summary;
# default a new directory under /tmp), COMPARE=0 to skip docker-compose.
#
# Needs hyperfine, python3, GNU time (/usr/bin/time, Debian package `time`), the local image
# stackctl-test/busybox:latest (scripts/build-test-images.sh) and, for the comparison,
# docker-compose on PATH. Everything it creates is removed at the end and on failure (trap).
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
STACKCTL=$(realpath "$1")
DIRECT=$(realpath "$2")
RUNS=${3:-7}
N=${N:-20}
COMPARE=${COMPARE:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$(mktemp -d /tmp/stackctl-bench-deploy.XXXXXX)}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
(( RUNS >= 5 )) || { echo "run.sh: RUNS must be at least 5" >&2; exit 2; }
for tool in hyperfine python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found (apt-get install hyperfine python3 time)" >&2; exit 2; }
done
if [[ $COMPARE != 0 ]] && ! command -v docker-compose >/dev/null; then
  echo "run.sh: docker-compose not on PATH: comparison skipped" >&2
  COMPARE=0
fi

# Project names: one per tool, so neither sees the other's containers.
SC=benchsc     # stackctl
DC=benchdc     # docker-compose
DI=benchdirect # the direct-API baseline

WORK=$(mktemp -d /tmp/stackctl-bench-stack.XXXXXX)
python3 "$HERE/generate_stack.py" "$N" >"$WORK/compose.yaml"
for ((i = 0; i < N; i++)); do mkdir -p "$WORK/binds/svc$i"; done
cd "$WORK"

sc() { "$STACKCTL" -f "$WORK/compose.yaml" -p "$SC" "$@"; }
dc() { docker-compose -f "$WORK/compose.yaml" -p "$DC" "$@"; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  echo "== cleanup" >&2
  sc down -v -t 0 >/dev/null 2>&1 || "$STACKCTL" -p "$SC" down -v -t 0 >/dev/null 2>&1 || true
  [[ $COMPARE != 0 ]] && { dc down -v -t 0 >/dev/null 2>&1 || true; }
  "$DIRECT" -p "$DI" -d "$WORK" "$N" remove 2>/dev/null || true
  # Catch-all by label (a baseline that died between calls, or a stackctl that failed):
  # nothing of these three projects may outlive the run.
  local p left
  for p in $SC $DC $DI; do
    left=$(docker ps -aq --filter "label=com.docker.compose.project=$p" 2>/dev/null || true)
    [[ -n $left ]] && docker rm -f $left >/dev/null 2>&1
    left=$(docker volume ls -q --filter "label=com.docker.compose.project=$p" 2>/dev/null || true)
    [[ -n $left ]] && docker volume rm $left >/dev/null 2>&1
    left=$(docker network ls -q --filter "label=com.docker.compose.project=$p" 2>/dev/null || true)
    [[ -n $left ]] && docker network rm $left >/dev/null 2>&1
  done
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# hf NAME [hyperfine options...] -- COMMAND: RUNS timed runs, no shell, JSON to $OUT/NAME.json.
hf() {
  local name=$1; shift
  echo "== $name" >&2
  hyperfine -N --style basic --runs "$RUNS" --export-json "$OUT/$name.json" "$@" >&2
}
median() {  # median wall time in seconds of $OUT/$1.json
  python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$OUT/$1.json"
}
# peak_rss NAME COMMAND...: median over RUNS runs of GNU time's "Maximum resident set size" (KiB).
peak_rss() {
  local name=$1; shift
  local i
  : >"$OUT/$name.rss"
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}' >>"$OUT/$name.rss"
  done
  sort -n "$OUT/$name.rss" | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'
}

echo "== setup: $N services, $RUNS runs, results in $OUT" >&2
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "stackctl: $("$STACKCTL" --version)"
  [[ $COMPARE != 0 ]] && echo "docker-compose: $(docker-compose version --short)"
  echo "engine: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null || echo '?')"
  echo "cpus: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"
sc up -d --pull never >/dev/null 2>"$OUT/setup.log" || { cat "$OUT/setup.log" >&2; exit 1; }
[[ $COMPARE == 0 ]] || dc up -d >/dev/null 2>>"$OUT/setup.log" || { cat "$OUT/setup.log" >&2; exit 1; }
# Both stacks must be complete before anything is timed.
running() { docker ps -q --filter "label=com.docker.compose.project=$1" --filter status=running | wc -l; }
[[ $(running $SC) -eq $N ]] || { echo "run.sh: stackctl up did not start $N containers" >&2; exit 1; }
[[ $COMPARE == 0 || $(running $DC) -eq $N ]] || { echo "run.sh: docker-compose up did not start $N containers" >&2; exit 1; }
# docker-compose 1.29 must list the stackctl stack too (the labels are compose's).
if [[ $COMPARE != 0 ]]; then
  listed=$(docker-compose -f "$WORK/compose.yaml" -p "$SC" ps -q | wc -l)
  [[ $listed -eq $N ]] || { echo "run.sh: docker-compose -p $SC ps lists $listed, not $N" >&2; exit 1; }
fi

# --- ps ---------------------------------------------------------------------------------------
hf ps_stackctl --warmup 1 "$STACKCTL -f $WORK/compose.yaml -p $SC ps"
[[ $COMPARE != 0 ]] && hf ps_compose --warmup 1 "docker-compose -f $WORK/compose.yaml -p $DC ps"
# The floor: the one list call `ps` makes, through curl.
hf ps_listcall --warmup 1 "curl -s --unix-socket /var/run/docker.sock -o /dev/null \
http://localhost/v1.41/containers/json?filters=%7B%22label%22%3A%5B%22com.docker.compose.project%3D$SC%22%5D%7D"

# --- no-op up (second up, nothing changed) -----------------------------------------------------
ids() { docker ps -aq --no-trunc --filter "label=com.docker.compose.project=$1" | sort; }
ids_sc=$(ids $SC); ids_dc=$(ids $DC)
hf noop_up_stackctl --warmup 1 "$STACKCTL -f $WORK/compose.yaml -p $SC up -d --pull never"
[[ $COMPARE != 0 ]] && hf noop_up_compose --warmup 1 "docker-compose -f $WORK/compose.yaml -p $DC up -d"
# A no-op up that recreated something would not be a no-op: the container IDs must be unchanged.
[[ $(ids $SC) == "$ids_sc" ]] || { echo "run.sh: a second stackctl up changed container IDs" >&2; exit 1; }
[[ $(ids $DC) == "$ids_dc" ]] || { echo "run.sh: a second docker-compose up changed container IDs" >&2; exit 1; }

# --- config ------------------------------------------------------------------------------------
hf config_stackctl --warmup 1 "$STACKCTL -f $WORK/compose.yaml -p $SC config"
[[ $COMPARE != 0 ]] && hf config_compose --warmup 1 "docker-compose -f $WORK/compose.yaml -p $DC config"

# --- peak memory of ps -------------------------------------------------------------------------
echo "== peak RSS of ps" >&2
rss_sc=$(peak_rss ps_rss_stackctl "$STACKCTL" -f "$WORK/compose.yaml" -p "$SC" ps)
rss_dc=-
[[ $COMPARE != 0 ]] && rss_dc=$(peak_rss ps_rss_compose docker-compose -f "$WORK/compose.yaml" -p "$DC" ps)

# --- down of containers whose PID 1 ignores SIGTERM, -t 2 -------------------------------------
# Each timed run starts from a running stack (prepare: up -d); down keeps the volumes.
hf down_stackctl --prepare "$STACKCTL -f $WORK/compose.yaml -p $SC up -d --pull never" \
  "$STACKCTL -f $WORK/compose.yaml -p $SC down -t 2"
[[ $COMPARE != 0 ]] && hf down_compose --prepare "docker-compose -f $WORK/compose.yaml -p $DC up -d" \
  "docker-compose -f $WORK/compose.yaml -p $DC down -t 2"
# The floor of down: every container stopped (t=2) and removed at once straight through the API.
hf down_direct --prepare "$DIRECT -p $DI -d $WORK $N create" "$DIRECT -p $DI -d $WORK -j $N -t 2 $N down"

# --- cold up (after down -v) vs the direct baseline --------------------------------------------
sc down -v -t 0 >/dev/null 2>&1
[[ $COMPARE != 0 ]] && { dc down -v -t 0 >/dev/null 2>&1; }
hf cold_up_direct --prepare "$DIRECT -p $DI -d $WORK $N remove" "$DIRECT -p $DI -d $WORK $N create"
[[ $(running $DI) -eq $N ]] || { echo "run.sh: the baseline did not start $N containers" >&2; exit 1; }
"$DIRECT" -p "$DI" -d "$WORK" "$N" remove 2>/dev/null
hf cold_up_stackctl --prepare "$STACKCTL -f $WORK/compose.yaml -p $SC down -v -t 0" \
  "$STACKCTL -f $WORK/compose.yaml -p $SC up -d --pull never"
[[ $(running $SC) -eq $N ]] || { echo "run.sh: stackctl up did not start $N containers" >&2; exit 1; }
sc down -v -t 0 >/dev/null 2>&1
[[ $COMPARE != 0 ]] && hf cold_up_compose --prepare "docker-compose -f $WORK/compose.yaml -p $DC down -v -t 0" \
  "docker-compose -f $WORK/compose.yaml -p $DC up -d"

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"

# --- summary -----------------------------------------------------------------------------------
m() { [[ -f $OUT/$1.json ]] && median "$1" || echo "-"; }
ratio() { [[ $1 != - && $2 != - ]] && python3 -c "print('%.1f' % ($1 / $2))" || echo "-"; }
{
  cat "$OUT/machine.txt"
  echo "N=$N runs=$RUNS (medians, seconds)"
  printf '%-28s %10s %14s %8s\n' measurement stackctl docker-compose ratio
  for what in ps noop_up config down cold_up; do
    s=$(m ${what}_stackctl); c=$(m ${what}_compose)
    printf '%-28s %10s %14s %8s\n' "$what" "$s" "$c" "$(ratio "$c" "$s")"
  done
  printf '%-28s %10s\n' "ps: one list call (curl)" "$(m ps_listcall)"
  printf '%-28s %10s %14s %8s\n' "down direct baseline" "$(m down_direct)" "" \
    "$(ratio "$(m down_stackctl)" "$(m down_direct)")"
  printf '%-28s %10s %14s %8s\n' "cold_up direct baseline" "$(m cold_up_direct)" "" \
    "$(ratio "$(m cold_up_stackctl)" "$(m cold_up_direct)")"
  printf '%-28s %10s %14s\n' "ps peak RSS (KiB)" "$rss_sc" "$rss_dc"
} | tee "$OUT/summary.txt"
