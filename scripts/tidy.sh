#!/usr/bin/env bash
# clang-tidy (the root .clang-tidy) over the library and CLI sources — engine_client, stack_model,
# deploy, cli, mock_engine; not tests/ — in parallel, from BUILD_DIR/compile_commands.json.
#
# Result cache: a translation unit that passed is not checked again while nothing that can change
# its result changed. Its key is the sha256 of: the TU preprocessed with its own flags
# (`g++ -E -C`: every header it includes, and the comments, so an edited NOLINT counts), those
# flags, .clang-tidy, `clang-tidy --version` and this script's key_version (bump it when the way
# TUs are checked changes). The source and build directories are replaced by placeholders first,
# so another clone (CI's) with the same content hits the same entries, as ccache's BASEDIR does.
# A passing TU stores an empty marker named after its key in
# ${STACKCTL_TIDY_CACHE:-$HOME/.cache/stackctl-tidy}; a failing one stores nothing, so it is
# checked (and reported) again on every run until it is fixed.
#
# GCC 12 is the compiler of record: the compiler's warnings come from the GCC build (-Werror);
# here clang's own warnings are switched off (-w) and only the checks of .clang-tidy count.
#
# Usage: scripts/tidy.sh [BUILD_DIR]        (default: build)
#   STACKCTL_TIDY_JOBS=N   parallel clang-tidy processes (default: nproc)
#   STACKCTL_TIDY_CACHE    the cache directory; STACKCTL_TIDY_CACHE= (empty) checks every TU
#   CLANG_TIDY             the clang-tidy binary (default: clang-tidy)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
db=$build/compile_commands.json
if [ ! -f "$db" ]; then
  echo "tidy: $db is missing; configure the build first (CMAKE_EXPORT_COMPILE_COMMANDS is on)" >&2
  exit 2
fi
tidy=${CLANG_TIDY:-clang-tidy}
jobs=${STACKCTL_TIDY_JOBS:-$(nproc)}
cache=${STACKCTL_TIDY_CACHE-$HOME/.cache/stackctl-tidy}
[ -z "$cache" ] || mkdir -p "$cache"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# The part of every key that is not the TU's: the tool's version, the profile, how TUs are checked.
key_version=1  # the tidy command line below, the key's parts, the filter of the sources
salt=$({
  echo "key_version=$key_version"
  "$tidy" --version
  cat "$root/.clang-tidy"
} | sha256sum | cut -d' ' -f1)

# One TU: "<file>" → exit 0 (passed or cached), 1 (findings; the log is in $logs).
check_one() {
  local file=$1 entry dir cmd key log
  entry=$(jq -c --arg f "$file" 'first(.[] | select(.file == $f))' "$db")
  dir=$(jq -r .directory <<<"$entry")
  cmd=$(jq -r .command <<<"$entry")
  local -a args pp=()
  eval "args=($cmd)"  # CMake writes the command shell-quoted
  [ "$(basename "${args[0]}")" != ccache ] || args=("${args[@]:1}")
  local skip=0 a
  for a in "${args[@]}"; do  # the compile command less its output: -o <object> and -c
    if [ $skip = 1 ]; then
      skip=0
      continue
    fi
    case $a in
      -o) skip=1 ;;
      -c) ;;
      *) pp+=("$a") ;;
    esac
  done
  log=$logs/$(tr / _ <<<"${file#"$root"/}").log
  if [ -n "$cache" ]; then
    if ! key=$({
      echo "$salt"
      printf '%s\n' "${pp[@]}"
      (cd "$dir" && "${pp[@]}" -E -C -o - 2>"$log.pp")
    } | sed -e "s|$build|@BUILD@|g" -e "s|$root|@ROOT@|g" | sha256sum | cut -d' ' -f1); then
      { echo "tidy: cannot preprocess $file:"; cat "$log.pp"; } >"$log"
      return 1
    fi
    rm -f "$log.pp"
    [ ! -e "$cache/$key" ] || return 0
  fi
  if "$tidy" -p "$build" --quiet --warnings-as-errors='*' --extra-arg=-w "$file" >"$log" 2>&1; then
    if [ -n "$cache" ]; then
      : >"$cache/$key.tmp.$$" && mv -f "$cache/$key.tmp.$$" "$cache/$key"
    fi
    rm -f "$log" "$log.pp"
    echo checked >"$log.ok"
    return 0
  fi
  return 1
}
export -f check_one
export root build db tidy cache logs salt

start=$EPOCHREALTIME
mapfile -t files < <(jq -r --arg root "$root" '.[].file
    | select(test("/(engine_client|stack_model|deploy|cli|mock_engine)/src/[^/].*\\.cpp$"))
    | select(startswith($root + "/"))' "$db" | sort -u)
if [ ${#files[@]} -eq 0 ]; then
  echo "tidy: no library or CLI source in $db" >&2
  exit 2
fi
status=0
printf '%s\0' "${files[@]}" | xargs -0 -n1 -P "$jobs" bash -c 'set -o pipefail; check_one "$1"' _ || status=1
failed=0
for log in "$logs"/*.log; do
  [ -e "$log" ] || continue
  cat "$log"
  failed=$((failed + 1))
done
checked=$(find "$logs" -name '*.ok' | wc -l)
elapsed=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')
printf 'tidy: %d translation units, %d checked, %d from the cache, %d failed (%.1f s)\n' \
  "${#files[@]}" "$checked" $((${#files[@]} - checked - failed)) "$failed" "$elapsed"
if [ $status != 0 ] || [ $failed != 0 ]; then
  echo "tidy: fix the findings above (or, where a check is wrong, NOLINT(<check>) with the reason)" >&2
  exit 1
fi
