#include "stackctl/engine/image_reference.hpp"

#include <fmt/format.h>

#include "stackctl/engine/error.hpp"

namespace stackctl::engine {

pull_reference split_pull_reference(std::string_view reference) {
  if (reference.empty()) throw engine_error(error_kind::invalid, "empty image reference");
  pull_reference result;
  std::string_view name = reference;
  if (const auto at = reference.find('@'); at != std::string_view::npos) {
    result.tag = std::string(reference.substr(at + 1));
    name = reference.substr(0, at);
    if (result.tag.empty() || name.empty()) {
      throw engine_error(error_kind::invalid, fmt::format("invalid image reference \"{}\"", reference));
    }
  }
  const auto slash = name.rfind('/');
  const auto colon = name.rfind(':');
  const bool has_tag = colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash);
  if (has_tag) {
    if (result.tag.empty()) result.tag = std::string(name.substr(colon + 1));
    name = name.substr(0, colon);
  }
  if (name.empty() || (has_tag && result.tag.empty())) {
    throw engine_error(error_kind::invalid, fmt::format("invalid image reference \"{}\"", reference));
  }
  result.name = std::string(name);
  if (result.tag.empty()) result.tag = "latest";
  return result;
}

}  // namespace stackctl::engine
