#!/usr/bin/env bash
# Lint: every tracked C++ file is formatted as .clang-format says (clang-format --dry-run -Werror).
# Run from CI (scripts/run-tests.sh) before the tests; `scripts/format.sh` fixes what it reports.
#
# Usage: scripts/lint.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
if ! clang-format --dry-run -Werror "${files[@]}"; then
  echo "lint: the files above are not formatted; run scripts/format.sh" >&2
  exit 1
fi
echo "lint: ${#files[@]} files formatted"
