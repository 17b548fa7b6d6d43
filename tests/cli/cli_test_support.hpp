#pragma once
// Runs the built `stackctl` (STACKCTL_BINARY) the way a user would, in a temporary project
// directory, with only the environment the test names (plus PATH and HOME), so the runner's own
// COMPOSE_* or DOCKER_* variables cannot leak in.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "process.hpp"

namespace stackctl::cli::testing {

using stackctl::testing::process_result;

// A fresh directory under the system temp dir, removed with everything in it.
class temp_dir {
 public:
  explicit temp_dir(const std::string& project = "app");
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const { return dir_; }  // <root>/<project>
  const std::filesystem::path& root() const { return root_; }
  temp_dir& write(const std::string& relative, const std::string& content);
  std::string read(const std::string& relative) const;

 private:
  std::filesystem::path root_;
  std::filesystem::path dir_;
};

struct invocation {
  std::filesystem::path cwd;               // the process working directory
  std::map<std::string, std::string> env;  // added to PATH and HOME
  std::string stdin_text;
};

process_result run_stackctl(const std::vector<std::string>& args, const invocation& how);

// The same, for inputs that once made stackctl hang or eat memory: the child is killed after 10 s
// (timeout -s KILL: exit 137) and cannot map more than 1 GiB (prlimit), so a regression fails the
// test instead of hanging the run. Nothing about speed is asserted.
process_result run_stackctl_bounded(const std::vector<std::string>& args, const invocation& how);

// The lines of `text` (a final newline does not start an extra line).
std::vector<std::string> lines_of(const std::string& text);

std::string fixtures_dir();
std::string slurp(const std::filesystem::path& p);

}  // namespace stackctl::cli::testing
