#pragma once
// Building request targets: escaped path segments and query strings. Private.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stackctl::engine::detail {

// Percent-encodes everything but RFC 3986 unreserved characters (and '/' when keep_slash, for
// image references such as registry:5000/a/b:tag, whose ':' and '@' are also kept: both are
// legal in a path segment and the daemon's router expects them verbatim).
std::string escape_path(std::string_view segment, bool image_reference = false);
std::string escape_query(std::string_view value);

class query {
 public:
  query& add(std::string_view key, std::string_view value);
  query& add_bool(std::string_view key, bool value) { return add(key, value ? "1" : "0"); }
  // "" when empty, else "?k=v&k2=v2".
  std::string str() const;

 private:
  std::string text_;
};

}  // namespace stackctl::engine::detail
