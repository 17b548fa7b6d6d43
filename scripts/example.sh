#!/usr/bin/env bash
# The README's first command: on a fresh Debian machine, install what is needed, build stackctl
# and the test-image importer, make sure a Docker engine answers, build the local test image, and
# bring up the bundled example stack (examples/compose.yaml) with stackctl, then list it.
#
#   WEB_PORT=9090 bash scripts/example.sh   # publish the web page on another host port (default 8080)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${STACKCTL_BUILD_DIR:-$root/build}

bash "$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target stackctl stackctl-import-image
bash "$root/scripts/start-engine.sh"
bash "$root/scripts/build-test-images.sh" "$build"

stackctl=("$build/cli/stackctl" -f "$root/examples/compose.yaml")
"${stackctl[@]}" up -d --wait --wait-timeout 120
"${stackctl[@]}" ps

cat <<EOT

The example stack is up. Try:
  curl http://127.0.0.1:${WEB_PORT:-8080}/
  $build/cli/stackctl -f $root/examples/compose.yaml logs worker
Take it down (-v also removes its named volumes):
  $build/cli/stackctl -f $root/examples/compose.yaml down -v
EOT
