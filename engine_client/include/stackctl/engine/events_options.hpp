#pragma once
// Query of GET /events.
#include <string>

#include "stackctl/engine/filters.hpp"

namespace stackctl::engine {

struct events_options {
  std::string since;                  // same forms as logs_options::since; "" = only new events
  std::string until;                  // "" = forever (until the stop_token fires)
  stackctl::engine::filters filters;  // type=container, label=..., event=die, ...
};

}  // namespace stackctl::engine
