#pragma once
// Query of POST /images/create?fromSrc=- (import a rootfs tarball as an image).
#include <optional>
#include <string>
#include <vector>

namespace stackctl::engine {

struct import_options {
  std::string repo;  // "stackctl-test/busybox"; empty → an untagged image
  std::string tag;   // "latest" when repo is set and this is empty (the daemon's default)
  // Dockerfile instructions applied to the image, one per entry: R"(CMD ["sh"])",
  // "ENV PATH=/bin", "WORKDIR /app", R"(ENTRYPOINT ["/bin/app"])", "EXPOSE 80", "LABEL a=b".
  std::vector<std::string> changes;
  std::string message;                  // commit message
  std::optional<std::string> platform;  // "linux/amd64" (arch honoured from 1.42)
};

}  // namespace stackctl::engine
