#pragma once
// Helpers for the deploy unit tests: a project loaded from YAML in a temporary directory, gmock
// fakes of the engine interfaces, and observed containers built like the daemon lists them.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <gmock/gmock.h>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/naming.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/model/config_renderer.hpp"
#include "stackctl/model/loader.hpp"

namespace stackctl::deploy::testing {

class temp_dir {
 public:
  temp_dir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("stackctl-deploy-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Loads `yaml` as compose.yaml of project "demo" in a fresh directory.
inline model::project load_project(const temp_dir& dir, const std::string& yaml,
                                   std::map<std::string, std::string> env = {}) {
  std::ofstream(dir.path() / "compose.yaml") << yaml;
  model::load_options o;
  o.current_directory = dir.path();
  o.project_name = "demo";
  o.environment = std::move(env);
  return model::load(o);
}

class fake_containers : public engine::container_api {
 public:
  // Out of line (deploy_test_support.cpp): the vtable and the mock methods are compiled once, not
  // in every test file (gmock cookbook, "Making the Compilation Faster").
  fake_containers();
  ~fake_containers() override;
  MOCK_METHOD(engine::container_create_response, create, (const engine::container_create_request&, std::string_view),
              (override));
  MOCK_METHOD(void, start, (std::string_view), (override));
  MOCK_METHOD(void, stop, (std::string_view, std::optional<int>), (override));
  MOCK_METHOD(void, kill, (std::string_view, std::string_view), (override));
  MOCK_METHOD(void, restart, (std::string_view, std::optional<int>), (override));
  MOCK_METHOD(void, remove, (std::string_view, const engine::container_remove_options&), (override));
  MOCK_METHOD(engine::container_inspect, inspect, (std::string_view), (override));
  MOCK_METHOD(std::vector<engine::container_summary>, list, (const engine::container_list_options&), (override));
  MOCK_METHOD(engine::container_wait_result, wait,
              (std::string_view, engine::wait_condition, std::stop_token, const std::function<void()>&), (override));
  MOCK_METHOD(void, rename, (std::string_view, std::string_view), (override));
  MOCK_METHOD(void, logs, (std::string_view, const engine::logs_options&, const engine::log_sink&, std::stop_token),
              (override));
  MOCK_METHOD(void, put_archive,
              (std::string_view, std::string_view, std::string, const engine::copy_to_container_options&), (override));
  MOCK_METHOD(std::unique_ptr<engine::hijacked_stream>, attach,
              (std::string_view, const engine::container_attach_options&), (override));
  MOCK_METHOD(void, resize, (std::string_view, int, int), (override));
};

class fake_networks : public engine::network_api {
 public:
  fake_networks();
  ~fake_networks() override;
  MOCK_METHOD(engine::network_create_response, create, (const engine::network_create_request&), (override));
  MOCK_METHOD(engine::network_inspect, inspect, (std::string_view), (override));
  MOCK_METHOD(std::vector<engine::network_inspect>, list, (const engine::filters&), (override));
  MOCK_METHOD(void, remove, (std::string_view), (override));
  MOCK_METHOD(void, connect, (std::string_view, std::string_view, const engine::endpoint_settings&), (override));
  MOCK_METHOD(void, disconnect, (std::string_view, std::string_view, bool), (override));
};

class fake_volumes : public engine::volume_api {
 public:
  fake_volumes();
  ~fake_volumes() override;
  MOCK_METHOD(engine::volume, create, (const engine::volume_create_request&), (override));
  MOCK_METHOD(engine::volume, inspect, (std::string_view), (override));
  MOCK_METHOD(engine::volume_list, list, (const engine::filters&), (override));
  MOCK_METHOD(void, remove, (std::string_view, bool), (override));
};

class fake_images : public engine::image_api {
 public:
  fake_images();
  ~fake_images() override;
  MOCK_METHOD(engine::image_inspect, inspect, (std::string_view), (override));
  MOCK_METHOD(std::vector<engine::image_summary>, list, (const engine::filters&, bool), (override));
  MOCK_METHOD(void, pull,
              (std::string_view, const engine::pull_options&, const engine::progress_callback&, std::stop_token),
              (override));
  MOCK_METHOD(std::string, import_image,
              (const engine::body_reader&, const engine::import_options&, const engine::progress_callback&,
               std::stop_token),
              (override));
  MOCK_METHOD(void, tag, (std::string_view, std::string_view, std::string_view), (override));
  MOCK_METHOD(std::vector<engine::image_delete_item>, remove, (std::string_view, bool, bool), (override));
};

class fake_execs : public engine::exec_api {
 public:
  fake_execs();
  ~fake_execs() override;
  MOCK_METHOD(std::string, create, (std::string_view, const engine::exec_create_options&), (override));
  MOCK_METHOD(void, start_detached, (std::string_view), (override));
  MOCK_METHOD(std::unique_ptr<engine::hijacked_stream>, start_attached, (std::string_view, bool), (override));
  MOCK_METHOD(void, resize, (std::string_view, int, int), (override));
  MOCK_METHOD(engine::exec_inspect_result, inspect, (std::string_view), (override));
};

// An attached exec's stream that hands out `output` (multiplexed frames, see frame()) and ends.
class scripted_stream : public engine::hijacked_stream {
 public:
  explicit scripted_stream(std::string output) : output_(std::move(output)) {}
  std::size_t read(char* data, std::size_t size, std::stop_token) override {
    const std::size_t n = std::min(size, output_.size() - offset_);
    output_.copy(data, n, offset_);
    offset_ += n;
    return n;
  }
  void write(std::string_view) override {}
  void close_write() override {}

 private:
  std::string output_;
  std::size_t offset_ = 0;
};

// One frame of the daemon's multiplexed output: stream 1 stdout, 2 stderr.
inline std::string frame(int stream, std::string_view payload) {
  const auto n = static_cast<std::uint32_t>(payload.size());
  std::string out{static_cast<char>(stream),
                  0,
                  0,
                  0,
                  static_cast<char>((n >> 24) & 0xFF),
                  static_cast<char>((n >> 16) & 0xFF),
                  static_cast<char>((n >> 8) & 0xFF),
                  static_cast<char>(n & 0xFF)};
  return out.append(payload);
}

// All the fakes; NiceMock so calls a test does not care about return defaults.
struct fake_engine {
  ::testing::NiceMock<fake_containers> containers;
  ::testing::NiceMock<fake_networks> networks;
  ::testing::NiceMock<fake_volumes> volumes;
  ::testing::NiceMock<fake_images> images;
  ::testing::NiceMock<fake_execs> execs;
  engine_ref ref(engine::api_version v = {1, 41}) {
    engine_ref r{containers, networks, volumes, images, v};
    r.execs = &execs;
    return r;
  }
};

// A container as GET /containers/json reports one that stackctl made for `service`.
inline engine::container_summary observed_container(const model::project& p, const std::string& service, int number,
                                                    const std::string& image_id, const std::string& state = "running") {
  const auto& s = p.services.at(service);
  engine::container_summary c;
  c.id = "id-" + service + "-" + std::to_string(number);
  c.names = {"/" + container_name(p, s, number)};
  c.image = s.image;
  c.state = state;
  auto fingerprint = model::fingerprint_service(p, service);
  c.labels = container_labels(p, s, number, fingerprint.hash, image_id);
  c.labels[labels::config_fields] = config_fields_label(fingerprint.fields);
  return c;
}

inline engine::engine_error not_found(const std::string& what) {
  return engine::engine_error(engine::error_kind::not_found, "No such " + what, 404);
}

}  // namespace stackctl::deploy::testing
