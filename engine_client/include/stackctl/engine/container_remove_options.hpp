#pragma once
// Query of DELETE /containers/{id}.
namespace stackctl::engine {

struct container_remove_options {
  bool force = false;    // kill a running container first (else 409)
  bool volumes = false;  // v=1: remove its anonymous volumes
  bool link = false;     // remove a legacy link, not the container
};

}  // namespace stackctl::engine
