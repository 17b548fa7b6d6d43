#pragma once
// How a mock_engine presents itself: where it listens and which API versions it speaks.
#include <string>

namespace stackctl::mock_engine {

struct mock_options {
  // Listen on 127.0.0.1 at a free port (DOCKER_HOST tcp://127.0.0.1:PORT) instead of a unix
  // socket: what a client's tcp transport needs to be exercised. socket_path is ignored then.
  bool tcp = false;
  // Empty: a fresh, short path under /tmp (sun_path holds only 108 bytes), removed again by the
  // destructor. A given path is unlinked first if a stale socket is left there.
  std::string socket_path;
  // The daemon's maximum (default) API version: sent as Api-Version, reported by /version, and
  // requests with a higher /vX.Y prefix are refused with dockerd's 400.
  std::string api_version = "1.41";
  // Requests with a lower /vX.Y prefix are refused with dockerd's 400 (20.10: 1.12).
  std::string min_api_version = "1.12";
  // Empty: a plausible engine release for api_version (1.41 → 20.10.24, 1.47 → 27.3.1).
  std::string engine_version;
  std::string os_type = "linux";
  bool experimental = false;
};

}  // namespace stackctl::mock_engine
