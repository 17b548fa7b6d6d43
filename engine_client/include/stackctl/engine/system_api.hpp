#pragma once
// System endpoints: /_ping, /version, /info.
#include "stackctl/engine/system.hpp"

namespace stackctl::engine {

class system_api {
 public:
  virtual ~system_api() = default;

  // Unversioned HEAD /_ping (GET as fallback); the fields come from the reply headers.
  virtual ping_result ping() = 0;
  // GET /version.
  virtual version_info version() = 0;
  // GET /info.
  virtual system_info info() = 0;
};

}  // namespace stackctl::engine
