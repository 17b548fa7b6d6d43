#!/usr/bin/env python3
"""Writes the compose file of the deploy benchmarks (issue 4, "Speed"): N independent services.

Each service runs the local test image `stackctl-test/busybox:latest` with a long-running PID 1
that ignores SIGTERM (so `down -t 2` has to wait out the grace period and kill), a bind mount of
its own host directory `./binds/svcI` and a named volume `volI`. No service depends on another,
no port is published. The file has no top-level `name:` and no `version:` so that Debian's
docker-compose 1.29 and stackctl both read it as is: pass the project name with `-p`.

usage: generate_stack.py N > compose.yaml     (create ./binds/svc0..N-1 beside it, see run.sh)
"""
import sys

IMAGE = "stackctl-test/busybox:latest"
# trap '' TERM sets SIG_IGN, which survives the exec: PID 1 is then a plain `sleep` that
# ignores SIGTERM, and no shell loop wakes up every second in 20 containers.
COMMAND = '["sh", "-c", "trap \'\' TERM; exec sleep 2147483647"]'


def main() -> None:
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: generate_stack.py N > compose.yaml")
    n = int(sys.argv[1])
    out = ["services:"]
    for i in range(n):
        out += [
            f"  svc{i}:",
            f"    image: {IMAGE}",
            f"    command: {COMMAND}",
            "    volumes:",
            f"      - ./binds/svc{i}:/bind",
            f"      - vol{i}:/vol",
        ]
    out += ["volumes:"]
    out += [f"  vol{i}:" for i in range(n)]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
