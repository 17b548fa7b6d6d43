#pragma once
// `logs`: one stream per container, in parallel, each line prefixed like compose
// (`web-1  | `, padded to the longest name) and optionally coloured.
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "stackctl/deploy/engine_ref.hpp"

namespace stackctl::deploy {

struct logs_options {
  std::vector<std::string> services;  // empty = all
  bool follow = false;
  std::string tail = "all";
  std::string since, until;
  bool timestamps = false;
  bool prefix = true;  // false: --no-log-prefix
  bool color = false;  // the CLI decides (TTY, NO_COLOR, --no-color)
};

// Receives whole lines (ending in '\n'), one call at a time.
using line_sink = std::function<void(std::string_view line)>;

// Without follow: returns when every stream ended. With follow and engine.events (compose's
// `logs -f`): a container that restarts, or starts anew, gets a new stream from its start, and it
// returns once every container that was running has stopped for good (no restart coming). Without
// engine.events: when every stream ended. Always when `stop` is requested.
void logs(const std::string& project_name, engine_ref engine, const logs_options& options, const line_sink& sink,
          std::stop_token stop = {});

// The prefix compose prints for a container: name without "<project>-", padded to `width`, " | ".
std::string log_prefix(const std::string& container_name, const std::string& project_name, std::size_t width);

}  // namespace stackctl::deploy
