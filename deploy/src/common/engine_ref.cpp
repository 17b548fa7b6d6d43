#include "stackctl/deploy/engine_ref.hpp"

#include "stackctl/engine/client.hpp"

namespace stackctl::deploy {

engine_ref make_engine_ref(engine::client& client) {
  auto version = client.negotiated_version();
  return engine_ref{client.containers(), client.networks(), client.volumes(), client.images(), version,
                    &client.events(),    &client.execs()};
}

}  // namespace stackctl::deploy
