#include "stackctl/engine/filters.hpp"

#include <nlohmann/json.hpp>

namespace stackctl::engine {

filters& filters::add(std::string_view key, std::string_view value) {
  values_[std::string(key)].insert(std::string(value));
  return *this;
}

filters& filters::add_label(std::string_view key) { return add("label", key); }

filters& filters::add_label(std::string_view key, std::string_view value) {
  std::string text(key);
  text += '=';
  text += value;
  return add("label", text);
}

filters filters::label(std::string_view key, std::string_view value) {
  filters f;
  f.add_label(key, value);
  return f;
}

filters filters::label(std::string_view key) {
  filters f;
  f.add_label(key);
  return f;
}

std::string filters::to_json_string() const {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [key, set] : values_) {
    j[key] = nlohmann::json(std::vector<std::string>(set.begin(), set.end()));
  }
  return j.dump();
}

}  // namespace stackctl::engine
