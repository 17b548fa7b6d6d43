#pragma once
// Helpers for the loader tests: a temporary project directory with files written by the test.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "stackctl/model/config_renderer.hpp"
#include "stackctl/model/loader.hpp"
#include "stackctl/model/model_error.hpp"

namespace stackctl::model::testing {

class temp_project {
 public:
  explicit temp_project(const std::string& dir_name = "app") {
    static std::atomic<int> counter{0};
    root_ = std::filesystem::temp_directory_path() /
            ("stackctl-model-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    dir_ = root_ / dir_name;
    std::filesystem::create_directories(dir_);
  }
  ~temp_project() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  temp_project(const temp_project&) = delete;
  temp_project& operator=(const temp_project&) = delete;

  const std::filesystem::path& dir() const { return dir_; }

  temp_project& write(const std::string& name, const std::string& content) {
    const auto p = dir_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return *this;
  }

  load_options options(std::vector<std::string> files = {}) const {
    load_options o;
    o.current_directory = dir_;
    o.files = std::move(files);
    o.environment = {{"HOME", "/home/tester"}};
    return o;
  }

  project load_file(const std::string& content) {
    write("compose.yaml", content);
    return load(options());
  }

 private:
  std::filesystem::path root_;
  std::filesystem::path dir_;
};

// The error text of loading `o`, or "" when it loads.
inline std::string load_error(const load_options& o) {
  try {
    load(o);
  } catch (const model_error& e) {
    return e.what();
  }
  return {};
}

}  // namespace stackctl::model::testing
