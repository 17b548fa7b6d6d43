#include "json_util.hpp"

#include <fmt/format.h>

#include "stackctl/engine/error.hpp"

namespace stackctl::engine::detail {

void require_version(api_version have, api_version need, std::string_view what) {
  if (have >= need) return;
  throw engine_error(error_kind::version,
                     fmt::format("{} needs API {}, the daemon speaks {}", what, need.to_string(), have.to_string()));
}

const json& member(const json& j, const char* key) {
  static const json empty = json::object();
  if (!j.is_object()) return empty;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return empty;
  return *it;
}

}  // namespace stackctl::engine::detail

namespace stackctl::engine::detail {

void get_port_map(const json& j, const char* key, port_map& out) {
  const json& obj = member(j, key);
  for (const auto& item : obj.items()) {
    std::vector<port_binding> bindings;
    if (item.value().is_array()) {
      for (const auto& b : item.value()) {
        if (b.is_object()) bindings.push_back(b.get<port_binding>());
      }
    }
    out[item.key()] = std::move(bindings);
  }
}

}  // namespace stackctl::engine::detail
