#pragma once
// What a wait holds out for: a depends_on condition of compose, or `running` for `up --wait`.
#include <string_view>

namespace stackctl::deploy {

enum class dependency_condition {
  started,                 // service_started: ordering only
  healthy,                 // service_healthy
  completed_successfully,  // service_completed_successfully
  running,                 // --wait: running, and healthy when the container has a healthcheck
};

// "service_started" → started, ...; throws deploy_error (invalid) for another word.
dependency_condition parse_dependency_condition(std::string_view text);
// compose's word ("service_healthy"; "running" for running).
std::string_view to_string(dependency_condition condition);

}  // namespace stackctl::deploy
