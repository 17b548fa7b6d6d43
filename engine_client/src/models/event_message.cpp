#include "stackctl/engine/event_message.hpp"

#include "json_util.hpp"

namespace stackctl::engine {

using detail::get;

void from_json(const nlohmann::json& j, event_actor& value) {
  value = event_actor{};
  get(j, "ID", value.id);
  get(j, "Attributes", value.attributes);
}

void from_json(const nlohmann::json& j, event_message& value) {
  value = event_message{};
  get(j, "Type", value.type);
  get(j, "Action", value.action);
  get(j, "Actor", value.actor);
  get(j, "scope", value.scope);
  get(j, "time", value.time);
  get(j, "timeNano", value.time_nano);
  // Pre-1.22 shape (still sent alongside for containers): status/id/from only.
  if (value.action.empty()) get(j, "status", value.action);
  if (value.actor.id.empty()) get(j, "id", value.actor.id);
  if (value.type.empty() && j.contains("status")) value.type = "container";
}

}  // namespace stackctl::engine
