#pragma once
// Volume endpoints.
#include <string_view>

#include "stackctl/engine/filters.hpp"
#include "stackctl/engine/volume.hpp"

namespace stackctl::engine {

class volume_api {
 public:
  virtual ~volume_api() = default;

  // POST /volumes/create (201; idempotent for an existing name with the same driver).
  virtual volume create(const volume_create_request& request) = 0;
  // GET /volumes/{name}.
  virtual volume inspect(std::string_view name) = 0;
  // GET /volumes?filters=.
  virtual volume_list list(const filters& filter = {}) = 0;
  // DELETE /volumes/{name}?force=; in use → engine_error(conflict).
  virtual void remove(std::string_view name, bool force = false) = 0;
};

}  // namespace stackctl::engine
