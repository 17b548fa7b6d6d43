#!/usr/bin/env bash
# Makes sure a Docker engine answers. Uses the daemon at DOCKER_HOST (or /var/run/docker.sock)
# when one answers a ping; otherwise installs Debian's docker.io if needed, starts dockerd in the
# background and waits until it answers. Prints the engine's API version.
set -euo pipefail

log=${STACKCTL_DOCKERD_LOG:-/tmp/stackctl-dockerd.log}
wait_seconds=${STACKCTL_ENGINE_WAIT:-90}

ping_engine() {
  local host=${DOCKER_HOST:-unix:///var/run/docker.sock}
  case "$host" in
    unix://*) curl -sf --max-time 5 --unix-socket "${host#unix://}" http://localhost/_ping >/dev/null 2>&1 ;;
    tcp://*)  curl -sf --max-time 5 "http://${host#tcp://}/_ping" >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

if ping_engine; then
  echo "start-engine: an engine answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}"
  exit 0
fi

if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST}" != "unix:///var/run/docker.sock" ]; then
  echo "start-engine: DOCKER_HOST=${DOCKER_HOST} does not answer; unset it to start a local dockerd" >&2
  exit 1
fi

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

if ! command -v dockerd >/dev/null 2>&1; then
  echo "start-engine: installing docker.io"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends docker.io
fi

# A stale pid file from a daemon that died with the last session blocks a new one.
if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
  "${sudo_cmd[@]}" rm -f /var/run/docker.pid
fi

echo "start-engine: starting dockerd (log: $log)"
"${sudo_cmd[@]}" bash -c "nohup dockerd >'$log' 2>&1 &"

deadline=$((SECONDS + wait_seconds))
until ping_engine; do
  if [ $SECONDS -ge $deadline ]; then
    echo "start-engine: dockerd did not answer within ${wait_seconds}s; last lines of $log:" >&2
    tail -20 "$log" >&2 || true
    exit 1
  fi
  sleep 0.5   # polling the real condition (a ping) with a deadline
done
echo "start-engine: dockerd answers"
