#pragma once
// The process exit codes of `stackctl`, like CLI11's ExitCodes: every error the CLI reports
// maps to one of these.
namespace stackctl::cli {

enum class exit_code : int {
  success = 0,
  failure = 1,  // bad input (compose file, .env, schema) or an engine error
  usage = 2,    // bad command-line arguments
};

}  // namespace stackctl::cli
