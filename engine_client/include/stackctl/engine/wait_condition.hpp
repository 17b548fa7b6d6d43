#pragma once
// condition= of POST /containers/{id}/wait.
#include <string_view>

namespace stackctl::engine {

enum class wait_condition {
  not_running,  // returns at once if the container is not running
  next_exit,    // the next time it stops (register before start to avoid a race)
  removed,      // when it is removed (--rm)
};

std::string_view to_string(wait_condition condition);

}  // namespace stackctl::engine
