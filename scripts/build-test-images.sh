#!/usr/bin/env bash
# Builds the test images locally — there is no registry here — and imports them through
# stackctl's own image import (the engine client), never through `docker`.
#
#   stackctl-test/busybox:latest          a rootfs of Debian's busybox-static with every applet linked
#   redis:7-alpine                        stand-in for FlowMesh's redis: the busybox rootfs plus Debian's
#                                         redis server and redis-cli (redis-tools) and their libraries
#   ghcr.io/mlsys-io/flowmesh_server:dev  stand-in for the FlowMesh server: the busybox rootfs plus
#                                         tests/images/flowmesh-server/ (an entrypoint that records each
#                                         start in /app/plugin-data and serves /healthz; a `curl` for the
#                                         healthcheck)
# The stand-ins carry the names fixtures/flowmesh/compose.plugin-data.yml uses, so the engine tests
# deploy that file unchanged.
#
# Usage: scripts/build-test-images.sh [BUILD_DIR]   (BUILD_DIR holds the built stackctl-import-image)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
images_src=$here/../tests/images
build_dir=${1:-$here/../build}
importer="$build_dir/tests/support/stackctl-import-image"
[ -x "$importer" ] || { echo "build-test-images: $importer not built (build target stackctl-import-image)" >&2; exit 1; }

busybox=/bin/busybox
[ -x "$busybox" ] || { echo "build-test-images: $busybox missing (install busybox-static)" >&2; exit 1; }
ldd_out=$(ldd "$busybox" 2>&1 || true)
case "$ldd_out" in
  *"not a dynamic"*) ;;
  *) echo "build-test-images: $busybox is not static (install busybox-static)" >&2; exit 1 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_busybox_rootfs() {
  local root=$1
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,var/www,root,home,proc,sys,dev,data}
  chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  local applet
  for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
}

# Copies a dynamically linked host binary into a rootfs at DEST, with every shared library ldd
# lists and the dynamic loader at their host paths (symlinks resolved: the rootfs has no /usr merge).
copy_with_libraries() {
  local root=$1 binary=$2 dest=$3
  local ldd_out
  ldd_out=$(ldd "$binary") || { echo "build-test-images: ldd $binary failed" >&2; exit 1; }
  if grep -q 'not found' <<<"$ldd_out"; then
    echo "build-test-images: $binary has unresolved libraries:" >&2
    grep 'not found' <<<"$ldd_out" >&2
    exit 1
  fi
  install -D -m 0755 "$binary" "$root$dest"
  local lib
  # "libx.so => /path (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)"; linux-vdso has no path.
  for lib in $(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' <<<"$ldd_out"); do
    [ -e "$root$lib" ] || { mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"; }
  done
}

require_file() {
  [ -e "$1" ] || { echo "build-test-images: $1 missing ($2)" >&2; exit 1; }
}

# Tars a rootfs and imports it under a name, with Dockerfile-style changes.
import_rootfs() {
  local root=$1 reference=$2
  shift 2
  tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$root.tar" .
  "$importer" "$root.tar" "$reference" "$@"
  rm -f "$root.tar"
}

# The same PATH in every image (the server's entrypoint is called by its absolute path).
path_env='ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin'

# Check every input first, so a missing one fails before anything is imported.
# redis-check-rdb IS the whole redis server (redis dispatches on argv[0]), so copied as
# redis-server it serves; redis-tools is far smaller than redis-server's dependencies.
redis_server=/usr/bin/redis-check-rdb
redis_cli=/usr/bin/redis-cli
require_file "$redis_server" "install redis-tools: bash scripts/install-deps.sh"
require_file "$redis_cli" "install redis-tools: bash scripts/install-deps.sh"
server_src=$images_src/flowmesh-server
require_file "$server_src/flowmesh-server" "the FlowMesh server stand-in's entrypoint"
require_file "$server_src/curl" "the FlowMesh server stand-in's curl"

make_busybox_rootfs "$work/busybox"
import_rootfs "$work/busybox" stackctl-test/busybox:latest --change 'CMD ["sh"]' --change "$path_env"

make_busybox_rootfs "$work/redis"
copy_with_libraries "$work/redis" "$redis_server" /usr/bin/redis-server
copy_with_libraries "$work/redis" "$redis_cli" /usr/bin/redis-cli
import_rootfs "$work/redis" redis:7-alpine \
  --change 'WORKDIR /data' --change "$path_env" --change 'CMD ["redis-server"]'

make_busybox_rootfs "$work/flowmesh-server"
install -D -m 0755 "$server_src/flowmesh-server" "$work/flowmesh-server/usr/local/bin/flowmesh-server"
install -D -m 0755 "$server_src/curl" "$work/flowmesh-server/usr/bin/curl"
mkdir -p "$work/flowmesh-server/var/www/flowmesh" "$work/flowmesh-server/app/plugins" "$work/flowmesh-server/app/plugin-data"
printf 'ok\n' > "$work/flowmesh-server/var/www/flowmesh/healthz"
import_rootfs "$work/flowmesh-server" ghcr.io/mlsys-io/flowmesh_server:dev \
  --change 'WORKDIR /app' --change "$path_env" --change 'CMD ["/usr/local/bin/flowmesh-server"]'

