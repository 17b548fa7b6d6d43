#pragma once
// One object of the GET /events stream.
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace stackctl::engine {

struct event_actor {
  std::string id;
  std::map<std::string, std::string> attributes;  // labels, name, image, exitCode (on die), ...
};

struct event_message {
  std::string type;    // container|image|network|volume|daemon|plugin|service|node|secret|config
  std::string action;  // create, start, die, destroy, "health_status: healthy", ...
  event_actor actor;
  std::string scope;           // local|swarm
  std::int64_t time = 0;       // Unix seconds
  std::int64_t time_nano = 0;  // Unix nanoseconds
};

void from_json(const nlohmann::json& j, event_actor& value);
void from_json(const nlohmann::json& j, event_message& value);

}  // namespace stackctl::engine
