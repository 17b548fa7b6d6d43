#pragma once
// A depends_on condition: what a service waits for before it starts.
#include <optional>
#include <string_view>

namespace stackctl::model {

enum class dependency_condition {
  started,                 // service_started: ordering only
  healthy,                 // service_healthy
  completed_successfully,  // service_completed_successfully
};

// "service_started" → started, ...; nullopt for another word.
std::optional<dependency_condition> parse_dependency_condition(std::string_view text);
std::string_view to_string(dependency_condition condition);  // compose's word

}  // namespace stackctl::model
