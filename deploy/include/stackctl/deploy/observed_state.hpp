#pragma once
// What the engine holds for a project: one labelled list call per kind.
#include <string_view>
#include <vector>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/engine/container_summary.hpp"
#include "stackctl/engine/network.hpp"
#include "stackctl/engine/volume.hpp"

namespace stackctl::deploy {

struct observed_state {
  std::vector<engine::container_summary> containers;  // all states, label project=P and config-hash
  std::vector<engine::network_inspect> networks;      // label project=P
  std::vector<engine::volume> volumes;                // label project=P
};

// GET /containers/json?all=1, GET /networks, GET /volumes — each filtered on the project label.
observed_state observe(engine_ref engine, std::string_view project);

}  // namespace stackctl::deploy
