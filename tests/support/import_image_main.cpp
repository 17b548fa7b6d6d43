// stackctl-import-image — imports a rootfs tarball as an image through stackctl's own engine
// client (POST /images/create?fromSrc=-). Used by scripts/build-test-images.sh: there is no
// registry on the test machines, so every test image is built locally this way.
//
//   stackctl-import-image ROOTFS.tar REPO[:TAG] [--change 'CMD ["sh"]' ...]
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "stackctl/engine/client.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: {} ROOTFS.tar REPO[:TAG] [--change INSTRUCTION]...\n", argv[0]);
    return 2;
  }
  const std::filesystem::path tar_file = argv[1];
  std::string reference = argv[2];

  stackctl::engine::import_options options;
  const auto colon = reference.rfind(':');
  const auto slash = reference.rfind('/');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    options.repo = reference.substr(0, colon);
    options.tag = reference.substr(colon + 1);
  } else {
    options.repo = reference;
    options.tag = "latest";
  }
  for (int i = 3; i < argc; ++i) {
    if (std::string(argv[i]) == "--change" && i + 1 < argc) {
      options.changes.emplace_back(argv[++i]);
    } else {
      fmt::print(stderr, "stackctl-import-image: unexpected argument {}\n", argv[i]);
      return 2;
    }
  }

  try {
    stackctl::engine::client docker;
    const auto id = docker.images().import_tar(tar_file, options);
    fmt::print("imported {}:{} as {}\n", options.repo, options.tag, id);
  } catch (const std::exception& e) {
    fmt::print(stderr, "stackctl-import-image: {}: {}\n", tar_file.string(), e.what());
    return 1;
  }
  return 0;
}
