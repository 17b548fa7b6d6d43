#pragma once
// The value of one label of an engine object, "" when it does not carry it — what every `label()`
// accessor (container summary, network, volume) returns.
#include <map>
#include <string>
#include <string_view>

namespace stackctl::engine {

inline std::string label_value(const std::map<std::string, std::string>& labels, std::string_view key) {
  auto it = labels.find(std::string(key));
  return it == labels.end() ? std::string() : it->second;
}

}  // namespace stackctl::engine
