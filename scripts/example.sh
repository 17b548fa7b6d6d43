#!/usr/bin/env bash
# The README's first command: on a fresh Debian machine, install what is needed, build stackctl,
# make sure a Docker engine answers, and run stackctl against it.
# (Bringing up the bundled example stack joins this script with the deploy commands.)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${STACKCTL_BUILD_DIR:-$root/build}

bash "$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target stackctl
bash "$root/scripts/start-engine.sh"

"$build/cli/stackctl" version
