#pragma once
// What an env schema renders: the `.env.example` text, the `.env` that `env init` writes, and the
// check of a tracked example against the render (a unified diff).
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "stackctl/model/env_schema.hpp"

namespace stackctl::model {

// Header lines, then per section a blank line, "# ==== <title> ====" and "# <line>" descriptions,
// then per variable "# <line>" descriptions and "KEY=<value>". Values are written as they are
// (no quoting), `overrides` replace defaults (unknown keys are ignored). Ends with one "\n".
std::string render_env_example(const env_schema& schema,
                               const std::map<std::string, std::string, std::less<>>& overrides = {});

// The `.env` that `env init` writes (mode 0600 is the caller's job): the example with overrides.
std::string render_env_file_for_init(const env_schema& schema,
                                     const std::map<std::string, std::string, std::less<>>& overrides = {});

struct env_check_result {
  bool differs = false;  // true when a single byte differs (or the file is missing)
  std::string diff;      // unified diff from the file to the render; empty when equal
  std::string expected;  // the render
};

// Compares `actual` (the file's text; a missing file is passed as "") with the render.
env_check_result env_check(const env_schema& schema, std::string_view actual, std::string_view file_label);

// Reads `file` (missing = "") and compares; the label in the diff is the file's path.
env_check_result env_check_file(const env_schema& schema, const std::filesystem::path& file);

// A unified diff (3 lines of context) of two texts, with "--- a_label" / "+++ b_label" headers
// and "\ No newline at end of file" markers; empty when the texts are equal.
std::string unified_diff(std::string_view a, std::string_view b, std::string_view a_label, std::string_view b_label);

}  // namespace stackctl::model
