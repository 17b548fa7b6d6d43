#pragma once
// The fixture of the deploy engine tests (label `engine`): a real dockerd at DOCKER_HOST / the
// default socket and the local image stackctl-test/busybox:latest (scripts/build-test-images.sh).
// Each test uses a unique project name and a guard that force-removes everything labelled with
// it (and the external volumes it made) even when the test fails.
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/up.hpp"
#include "stackctl/engine/client.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/model/loader.hpp"

namespace stackctl::deploy::testing {

constexpr const char* kImage = "stackctl-test/busybox:latest";
// A PID 1 that exits on SIGTERM, so stops are quick.
constexpr const char* kSleep = R"(["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"])";

inline std::string random_suffix() {
  std::random_device rd;
  return fmt::format("{:08x}", rd());
}

class stack_guard {
 public:
  stack_guard(engine::client& c, std::string project) : client_(c), project_(std::move(project)) {}
  ~stack_guard() { cleanup(); }
  stack_guard(const stack_guard&) = delete;
  stack_guard& operator=(const stack_guard&) = delete;
  void also_volume(std::string name) { volumes_.push_back(std::move(name)); }
  void cleanup() {
    auto label = engine::filters::label(labels::project, project_);
    try {
      engine::container_list_options lo;
      lo.all = true;
      lo.filters = label;
      std::set<std::string> anonymous;  // re-mounted by name on recreate, so v=1 leaves them
      for (const auto& c : client_.containers().list(lo)) {
        for (const auto& m : c.mounts)
          if (m.type == "volume" && m.name.size() == 64) anonymous.insert(m.name);
        client_.containers().remove(c.id, {true, true, false});
      }
      for (const auto& v : anonymous) {
        try {
          if (client_.volumes().inspect(v).labels.empty()) client_.volumes().remove(v, true);
        } catch (const engine::engine_error&) {
        }
      }
      for (const auto& n : client_.networks().list(label)) client_.networks().remove(n.id);
      for (const auto& v : client_.volumes().list(label).volumes) client_.volumes().remove(v.name, true);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cleanup of " << project_ << ": " << e.what();
    }
    for (const auto& v : volumes_) {
      try {
        client_.volumes().remove(v, true);
      } catch (const std::exception&) {
      }
    }
  }

 private:
  engine::client& client_;
  std::string project_;
  std::vector<std::string> volumes_;
};

class DeployEngine : public ::testing::Test {
 protected:
  DeployEngine()
      : project_name_("stackctl-dt-" + random_suffix()),
        dir_(std::filesystem::temp_directory_path() / project_name_),
        engine_(make_engine_ref(client_)),
        guard_(client_, project_name_) {
    std::filesystem::create_directories(dir_);
  }
  ~DeployEngine() override {
    guard_.cleanup();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void SetUp() override {
    try {
      client_.images().inspect(kImage);
    } catch (const engine::engine_error& e) {
      FAIL() << kImage << " missing: run scripts/build-test-images.sh (" << e.what() << ")";
    }
  }

  model::project load(const std::string& yaml, std::map<std::string, std::string> env = {}) {
    std::ofstream(dir_ / "compose.yaml") << yaml;
    model::load_options o;
    o.current_directory = dir_;
    o.project_name = project_name_;
    o.environment = std::move(env);
    return model::load(o);
  }

  up_options fast() {
    up_options o;
    o.pull = deploy::pull_policy::never;
    o.timeout = 2;
    o.poll_interval = std::chrono::milliseconds(100);
    o.wait_timeout = std::chrono::seconds(60);
    return o;
  }

  std::map<std::string, std::string> ids() {  // container name → id
    std::map<std::string, std::string> out;
    engine::container_list_options lo;
    lo.all = true;
    lo.filters.add_label(labels::project, project_name_);
    for (const auto& c : client_.containers().list(lo)) out[c.name()] = c.id;
    return out;
  }

  std::string name(const std::string& svc, int n = 1) { return fmt::format("{}-{}-{}", project_name_, svc, n); }

  engine::client client_;
  std::string project_name_;
  std::filesystem::path dir_;
  engine_ref engine_;
  stack_guard guard_;
};

}  // namespace stackctl::deploy::testing
