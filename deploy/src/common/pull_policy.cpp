#include "stackctl/deploy/pull_policy.hpp"

namespace stackctl::deploy {

pull_policy parse_pull_policy(std::string_view text) {
  if (text == "always") return pull_policy::always;
  if (text == "never") return pull_policy::never;
  if (text == "build") return pull_policy::build;
  return pull_policy::missing;
}

std::string_view to_string(pull_policy policy) {
  switch (policy) {
    case pull_policy::missing: return "missing";
    case pull_policy::always: return "always";
    case pull_policy::never: return "never";
    case pull_policy::build: return "build";
  }
  return "?";
}

}  // namespace stackctl::deploy
