#pragma once
// `config --variables`: the variables a Compose model refers to, with their default value,
// alternate (presence) value and whether they are required — compose-go's ExtractVariables.
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace stackctl::cli {

struct variable_use {
  std::string name;
  std::string default_value;   // ${V:-d} / ${V-d}
  std::string presence_value;  // ${V:+a} / ${V+a}
  bool required = false;       // ${V:?m} / ${V?m}
};

// Adds every variable used in `text` (and in the defaults it carries) to `out`; `$$` is a literal.
void extract_variables(std::string_view text, std::map<std::string, variable_use>& out);

// Walks every string value (not keys) of a raw, uninterpolated model.
std::map<std::string, variable_use> extract_variables(const nlohmann::ordered_json& model);

// The three outputs of compose: a table, YAML (yaml.v3: lower-cased field names, 4-space indent)
// and JSON (Go field names, 4-space indent).
std::string variables_table(const std::map<std::string, variable_use>& vars);
std::string variables_yaml(const std::map<std::string, variable_use>& vars);
std::string variables_json(const std::map<std::string, variable_use>& vars);

}  // namespace stackctl::cli
