#pragma once
// The `.env` / `--env-file` grammar, exactly as compose-go's dotenv parser behaves;
// fixtures/conformance/dotenv.json is the spec.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "stackctl/model/interpolation.hpp"

namespace stackctl::model {

using env_map = std::map<std::string, std::string, std::less<>>;

struct dotenv_entry {
  std::string key;
  std::string value;
  int line = 0;  // 1-based line where the statement starts
};

// Parses one env file's text. Returns one entry per assignment in file order (a key assigned
// twice appears twice; the later one wins when collapsed into a map). `${...}` in unquoted and
// double-quoted values is expanded looking up `lookup` (the process environment) first, then
// the keys parsed so far; a bare `KEY` line takes KEY from `lookup` when it is set.
// Throws model_error{file_name_for_errors, line}; message() is compose-go's text
// (e.g. "line 3: unterminated quoted value \"abc").
// `unset_variables`, when given, receives the names compose would warn about while expanding.
std::vector<dotenv_entry> parse_dotenv(std::string_view text, const variable_lookup& lookup,
                                       std::string_view file_name_for_errors = {},
                                       std::vector<std::string>* unset_variables = nullptr);

// Same, collapsed into a map (later assignments win).
env_map parse_dotenv_map(std::string_view text, const variable_lookup& lookup,
                         std::string_view file_name_for_errors = {});

// Parses `text` into `values`, which already holds earlier files' keys: they are visible to
// expansion after `lookup`, and are overwritten by this file's assignments. Returns this file's
// entries. The building block of read_env_files.
std::vector<dotenv_entry> parse_dotenv_into(env_map& values, std::string_view text, const variable_lookup& lookup,
                                            std::string_view file_name_for_errors = {},
                                            std::vector<std::string>* unset_variables = nullptr);

// Reads several env files in order into one map, as `--env-file a --env-file b` does
// (compose-go dotenv.GetEnvFromFile): later files override earlier ones, and expansion in a
// later file sees `lookup` first, then the values read so far. Paths are made absolute.
// Throws model_error: "couldn't find env file: <abs>", "<abs> is a directory", or a parse
// error located at {<abs>, line} (compose reports it as "failed to read <abs>: <message>").
env_map read_env_files(const std::vector<std::filesystem::path>& files, const variable_lookup& lookup,
                       std::vector<std::string>* unset_variables = nullptr);

}  // namespace stackctl::model
