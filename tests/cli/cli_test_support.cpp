#include "cli_test_support.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

namespace stackctl::cli::testing {

namespace fs = std::filesystem;

temp_dir::temp_dir(const std::string& project) {
  static std::atomic<int> counter{0};
  root_ = fs::temp_directory_path() / ("stackctl-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  dir_ = root_ / project;
  fs::create_directories(dir_);
}

temp_dir::~temp_dir() {
  std::error_code ec;
  fs::remove_all(root_, ec);
}

temp_dir& temp_dir::write(const std::string& relative, const std::string& content) {
  const auto p = dir_ / relative;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return *this;
}

std::string temp_dir::read(const std::string& relative) const { return slurp(dir_ / relative); }

namespace {

process_result run_with(const std::vector<std::string>& wrapper, const std::vector<std::string>& args,
                        const invocation& how) {
  // env -i: the child sees exactly what the test sets.
  std::vector<std::string> argv = {"/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "HOME=/nonexistent-home"};
  for (const auto& [k, v] : how.env) argv.push_back(k + "=" + v);
  argv.insert(argv.end(), wrapper.begin(), wrapper.end());
  argv.push_back(STACKCTL_BINARY);
  argv.insert(argv.end(), args.begin(), args.end());
  return stackctl::testing::run_process(argv, how.cwd.string(), {}, how.stdin_text);
}

}  // namespace

process_result run_stackctl(const std::vector<std::string>& args, const invocation& how) {
  return run_with({}, args, how);
}

process_result run_stackctl_bounded(const std::vector<std::string>& args, const invocation& how) {
#ifdef __SANITIZE_ADDRESS__  // a sanitized binary maps terabytes of shadow memory: deadline only
  return run_with({"/usr/bin/timeout", "-s", "KILL", "10"}, args, how);
#else
  return run_with({"/usr/bin/timeout", "-s", "KILL", "10", "/usr/bin/prlimit", "--as=1073741824", "--"}, args, how);
#endif
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string fixtures_dir() { return STACKCTL_FIXTURES_DIR; }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace stackctl::cli::testing
