#!/usr/bin/env bash
# Installs the build and test dependencies from Debian's packages. Idempotent: installs only
# what is missing, so a second run does nothing and needs no network.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git curl ca-certificates
  libcurl4-openssl-dev nlohmann-json3-dev libyaml-cpp-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libcpp-httplib-dev
  busybox-static   # the rootfs of the locally built test images (no registry here)
  redis-tools      # redis-server/redis-cli for the redis:7-alpine stand-in image (FlowMesh tests)
  docker-compose   # Debian's compose v1: the engine tests check that it sees stackctl's stacks
  ccache           # the test scripts' two builds (plain and sanitized) share compiled objects
  clang-format     # scripts/lint.sh: the tree keeps the root .clang-format
  clang-tidy jq    # scripts/tidy.sh: the root .clang-tidy over compile_commands.json
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
