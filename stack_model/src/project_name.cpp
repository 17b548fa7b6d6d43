#include "stackctl/model/project_name.hpp"

#include "stackctl/model/model_error.hpp"

namespace stackctl::model {

std::string normalize_project_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') out += c;
  }
  const auto first = out.find_first_not_of("_-");
  return first == std::string::npos ? std::string() : out.substr(first);
}

bool is_valid_project_name(std::string_view name) {
  if (name.empty()) return false;
  const char c0 = name.front();
  if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= '0' && c0 <= '9'))) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

void validate_project_name(std::string_view name) {
  if (name.empty()) throw model_error("project name must not be empty");
  if (!is_valid_project_name(name))
    throw model_error("invalid project name \"" + std::string(name) +
                      "\": must consist only of lowercase alphanumeric characters, hyphens, and "
                      "underscores as well as start with a letter or number");
}

}  // namespace stackctl::model
