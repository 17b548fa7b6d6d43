# Sourced by the test scripts: the CMake arguments both builds share. ccache (when installed) keeps
# compiled objects between runs and between clones (CCACHE_BASEDIR makes paths relative), so a
# re-run compiles only what changed.
# shellcheck shell=bash
stackctl_cmake_args=(-G Ninja -DSTACKCTL_WERROR=ON)
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
  export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-10G}
  stackctl_cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
