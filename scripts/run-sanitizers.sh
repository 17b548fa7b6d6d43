#!/usr/bin/env bash
# The sanitizer run: a second build with AddressSanitizer + UndefinedBehaviorSanitizer (any UB
# report fails the test that hit it) running the unit, conformance, mock and cli labels. The engine
# label runs in the plain build only (scripts/run-tests.sh). Called by run-tests.sh; alone:
#
# Usage: scripts/run-sanitizers.sh [BUILD_DIR]        (default: build-sanitize)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-sanitize}
jobs=$(nproc)
# shellcheck source=build-env.sh
source "$root/scripts/build-env.sh"

cmake -S "$root" -B "$build" "${stackctl_cmake_args[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTACKCTL_SANITIZE=ON
cmake --build "$build" -j "$jobs"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure -j "$jobs" --timeout 600 -L 'unit|conformance|mock|cli'
echo "run-sanitizers: clean"
