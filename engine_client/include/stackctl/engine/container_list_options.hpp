#pragma once
// Query of GET /containers/json.
#include <optional>

#include "stackctl/engine/filters.hpp"

namespace stackctl::engine {

struct container_list_options {
  bool all = false;                   // include stopped containers
  stackctl::engine::filters filters;  // e.g. label=com.docker.compose.project=demo
  std::optional<int> limit;           // the n most recently created
  bool size = false;                  // SizeRw / SizeRootFs (slow)
};

}  // namespace stackctl::engine
