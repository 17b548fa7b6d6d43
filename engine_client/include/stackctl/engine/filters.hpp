#pragma once
// The `filters` query parameter of list, events and prune calls: a map of key → values, sent as
// JSON {"label":["a=b"],"status":["running"]} (the daemon also accepts the Go client's set form).
// The caller URL-encodes the string.
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace stackctl::engine {

class filters {
 public:
  filters() = default;

  // Adds one value; adding the same value twice keeps one. Returns *this for chaining.
  filters& add(std::string_view key, std::string_view value);
  // label=key (any value) and label=key=value.
  filters& add_label(std::string_view key);
  filters& add_label(std::string_view key, std::string_view value);

  static filters label(std::string_view key, std::string_view value);
  static filters label(std::string_view key);

  bool empty() const noexcept { return values_.empty(); }
  const std::map<std::string, std::set<std::string>>& values() const noexcept { return values_; }

  // {"key":["v1","v2"]} with keys and values sorted; "{}" when empty.
  std::string to_json_string() const;

  friend bool operator==(const filters&, const filters&) = default;

 private:
  std::map<std::string, std::set<std::string>> values_;
};

}  // namespace stackctl::engine
