#!/usr/bin/env bash
# Builds the test images locally — there is no registry here — and imports them through
# stackctl's own image import (the engine client), never through `docker`.
#
#   stackctl-test/busybox:latest   a rootfs of Debian's busybox-static with every applet linked
#
# Usage: scripts/build-test-images.sh [BUILD_DIR]   (BUILD_DIR holds the built stackctl-import-image)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
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

make_busybox_rootfs "$work/busybox"
tar --numeric-owner --owner=0 --group=0 -C "$work/busybox" -cf "$work/busybox.tar" .
"$importer" "$work/busybox.tar" stackctl-test/busybox:latest \
  --change 'CMD ["sh"]' --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin'

