#pragma once
// Support for tests against a real dockerd (ctest label `engine`):
// - engine_test: a fixture whose SetUp FAILS (never skips) when no engine answers, so CI cannot
//   pass without really running these tests;
// - unique_name: names no other test or run shares;
// - resource_guard: force-removes what a test made, even when the test fails, so no container
//   with a restart policy outlives the run;
// - temp_dir: a private host directory, removed at the end.
#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "stackctl/engine/client.hpp"

namespace stackctl::testing {

// Built and imported by scripts/build-test-images.sh (a busybox rootfs, CMD ["sh"]).
inline constexpr std::string_view kBusyboxImage = "stackctl-test/busybox:latest";
// Stand-ins for the FlowMesh node stack, tagged with the names fixtures/flowmesh/compose.plugin-data.yml
// uses (built by scripts/build-test-images.sh from Debian's redis-tools and busybox).
inline constexpr std::string_view kRedisStandInImage = "redis:7-alpine";
inline constexpr std::string_view kFlowMeshServerStandInImage = "ghcr.io/mlsys-io/flowmesh_server:dev";

inline std::string unique_name(std::string_view prefix) {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}();
  return fmt::format("stackctl-test-{}-{}-{}-{:06x}", prefix, ::getpid(), counter++, salt & 0xffffffu);
}

class temp_dir {
 public:
  temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "stackctl-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class resource_guard {
 public:
  explicit resource_guard(engine::client& docker) : docker_(docker) {}
  ~resource_guard() {
    for (const auto& id : containers_)
      ignore_errors([&] { docker_.containers().remove(id, {.force = true, .volumes = true}); });
    for (const auto& name : networks_) ignore_errors([&] { docker_.networks().remove(name); });
    for (const auto& name : volumes_) ignore_errors([&] { docker_.volumes().remove(name, true); });
    for (const auto& ref : images_) ignore_errors([&] { docker_.images().remove(ref, true); });
  }
  resource_guard(const resource_guard&) = delete;
  resource_guard& operator=(const resource_guard&) = delete;

  const std::string& container(const std::string& id) { return containers_.emplace_back(id); }
  const std::string& network(const std::string& name) { return networks_.emplace_back(name); }
  const std::string& volume(const std::string& name) { return volumes_.emplace_back(name); }
  const std::string& image(const std::string& ref) { return images_.emplace_back(ref); }

 private:
  template <class F>
  static void ignore_errors(F&& remove) {
    try {
      remove();
    } catch (const std::exception&) {
      // Already gone (the test removed it) or never fully made: nothing left to clean.
    }
  }

  engine::client& docker_;
  std::vector<std::string> containers_;
  std::vector<std::string> networks_;
  std::vector<std::string> volumes_;
  std::vector<std::string> images_;
};

class engine_test : public ::testing::Test {
 protected:
  void SetUp() override {
    try {
      docker.system().ping();
    } catch (const std::exception& e) {
      FAIL() << "no Docker engine answers (" << e.what() << ") — run scripts/start-engine.sh";
    }
    try {
      docker.images().inspect(kBusyboxImage);
    } catch (const std::exception& e) {
      FAIL() << "test image " << kBusyboxImage << " missing (" << e.what() << ") — run scripts/build-test-images.sh";
    }
  }

  engine::client docker;  // from DOCKER_HOST & co., like the CLI
  resource_guard guard{docker};
};

}  // namespace stackctl::testing
