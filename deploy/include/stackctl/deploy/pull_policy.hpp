#pragma once
// When `up` pulls a service's image: compose's pull_policy values, from the service or `--pull`.
#include <string_view>

namespace stackctl::deploy {

enum class pull_policy {
  missing,  // pull when not present locally (the default; "if_not_present")
  always,   // pull every time
  never,    // fail when not present locally
  build,    // build instead (stackctl does not build: treated as never)
};

// "always" → always, "never" → never, "build" → build; "", "missing", "if_not_present" and the
// refresh forms ("daily", "weekly", "every_12h": stackctl keeps no pull times) → missing.
pull_policy parse_pull_policy(std::string_view text);
std::string_view to_string(pull_policy policy);

}  // namespace stackctl::deploy
