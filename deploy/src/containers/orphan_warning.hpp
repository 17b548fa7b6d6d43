#pragma once
// compose's warning about containers of services the compose file no longer has (private to deploy:
// `up` and `down` print it).
#include <string>
#include <vector>

#include <fmt/format.h>

namespace stackctl::deploy {

inline std::string orphan_warning(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  return fmt::format(
      "Found orphan containers ([{}]) for this project. If you removed or renamed this service in your compose "
      "file, you can run this command with the --remove-orphans flag to clean it up.",
      list);
}

}  // namespace stackctl::deploy
