#!/usr/bin/env python3
"""Writes a compose file with N services for timing `stackctl config` (issue 3: it must stay linear).

Each service uses the features whose handling could go quadratic: depends_on on an earlier
service, a named volume, a bind mount, ports, environment with interpolation, a healthcheck,
labels, a network and a profile on every tenth service. A service in a profile is a leaf: the next
service depends on the one before it, so the file loads with or without `--profile extra`.

There is no top-level `name:` (docker-compose 1.29, the comparison, rejects it): pass `-p bench`.

usage: generate_compose.py N > compose.yaml
"""
import sys


def main() -> None:
    n = int(sys.argv[1])
    out = ["services:"]
    for i in range(n):
        out += [
            f"  svc{i}:",
            f"    image: registry.example/app{i % 7}:${{TAG:-1.0}}",
            f"    command: [\"serve\", \"--id\", \"{i}\"]",
            "    environment:",
            f"      SERVICE_ID: \"{i}\"",
            "      LOG_LEVEL: ${LOG_LEVEL:-info}",
            "    ports:",
            f"      - \"{20000 + i}:8080\"",
            "    volumes:",
            f"      - data{i}:/data",
            f"      - ./conf/svc{i}:/etc/app:ro",
            "    networks: [backend]",
            "    labels:",
            f"      com.example.index: \"{i}\"",
            "    healthcheck:",
            "      test: [\"CMD\", \"true\"]",
            "      interval: 10s",
        ]
        dep = i - 1 if (i - 1) % 10 != 9 else i - 2  # never on a service in a profile
        if dep >= 0:
            out += ["    depends_on:", f"      svc{dep}:", "        condition: service_started"]
        if i % 10 == 9:
            out += ["    profiles: [extra]"]
    out += ["networks:", "  backend:", "volumes:"]
    out += [f"  data{i}:" for i in range(n)]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
