#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs the dependencies, checks the formatting
# (scripts/lint.sh), builds with warnings as
# errors, runs clang-tidy's profile over the library and CLI sources (scripts/tidy.sh; its result
# cache keeps a warm run to the preprocessing of each TU), starts a Docker engine when none answers, builds the test images, runs all ctest labels
# (unit, conformance, mock, engine — the engine tests against the real dockerd, never skipped),
# then builds the find_package consumer against the installed package, and finally runs the
# sanitizer build (scripts/run-sanitizers.sh; STACKCTL_SKIP_SANITIZERS=1 leaves it out).
#
# Usage: scripts/run-tests.sh [BUILD_DIR]        (default: build)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
jobs=$(nproc)

bash "$root/scripts/install-deps.sh"
# Formatting first: it takes seconds and needs no build.
bash "$root/scripts/lint.sh"
# shellcheck source=build-env.sh
source "$root/scripts/build-env.sh"

cmake -S "$root" -B "$build" "${stackctl_cmake_args[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "$jobs"
bash "$root/scripts/tidy.sh" "$build"

bash "$root/scripts/start-engine.sh"
bash "$root/scripts/build-test-images.sh" "$build"

# The engine tests must run against a real daemon: fail rather than skip when none answers.
export STACKCTL_REQUIRE_ENGINE=1
ctest --test-dir "$build" --output-on-failure -j "$jobs" --timeout 600

# find_package(stackctl) consumer, built against the installed package (fmt's find-package test).
prefix="$build/_install"
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
cmake -S "$root/tests/consumer" -B "$build/_consumer" -G Ninja -DCMAKE_PREFIX_PATH="$prefix"
cmake --build "$build/_consumer"
"$build/_consumer/stackctl_consumer"

if [ "${STACKCTL_SKIP_SANITIZERS:-0}" != 1 ]; then
  bash "$root/scripts/run-sanitizers.sh" "$build-sanitize"
fi
echo "run-tests: all passed"
