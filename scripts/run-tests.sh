#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs the dependencies, builds with warnings as
# errors, starts a Docker engine when none answers, builds the test images, runs all ctest labels
# (unit, conformance, mock, engine — the engine tests against the real dockerd, never skipped),
# then builds the find_package consumer against the installed package.
#
# Usage: scripts/run-tests.sh [BUILD_DIR]        (default: build)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
jobs=$(nproc)

bash "$root/scripts/install-deps.sh"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTACKCTL_WERROR=ON
cmake --build "$build" -j "$jobs"

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
echo "run-tests: all passed"
