#!/usr/bin/env bash
# Formats every tracked C++ file in place with the root .clang-format.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
git ls-files '*.cpp' '*.hpp' '*.h' | xargs clang-format -i
