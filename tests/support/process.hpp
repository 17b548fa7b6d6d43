#pragma once
// Runs a program and captures what a user would see: exit code, stdout and stderr.
#include <string>
#include <vector>

namespace stackctl::testing {

struct process_result {
  int exit_code = -1;  // 128 + signal when killed by a signal
  std::string out;
  std::string err;
};

// argv[0] is the program path. `working_directory` empty = inherit; `stdin_text` is written to
// the child's stdin. The environment is inherited, plus `extra_env` entries ("KEY=VALUE").
// The full path of `program` on PATH (run_process execs without a PATH search); `program` itself
// when not found, so the run exits 127 and the assertion shows it.
std::string on_path(const std::string& program);

process_result run_process(const std::vector<std::string>& argv, const std::string& working_directory = {},
                           const std::vector<std::string>& extra_env = {}, const std::string& stdin_text = {});

}  // namespace stackctl::testing
