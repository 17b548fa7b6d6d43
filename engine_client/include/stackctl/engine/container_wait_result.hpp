#pragma once
// Reply of POST /containers/{id}/wait: {"StatusCode": n, "Error": {"Message": "..."}}.
#include <cstdint>
#include <optional>
#include <string>

namespace stackctl::engine {

struct container_wait_result {
  std::int64_t status_code = 0;
  std::optional<std::string> error;  // Error.Message when the daemon set one
};

}  // namespace stackctl::engine
