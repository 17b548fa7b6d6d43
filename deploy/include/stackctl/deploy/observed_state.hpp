#pragma once
// What the engine holds for a project: one labelled list call per kind.
#include <string_view>
#include <vector>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/engine/container_summary.hpp"
#include "stackctl/engine/network.hpp"
#include "stackctl/engine/volume.hpp"
#include "stackctl/model/project.hpp"
#include "stackctl/model/service_graph.hpp"

namespace stackctl::deploy {

struct observed_state {
  std::vector<engine::container_summary> containers;  // all states, label project=P and config-hash
  std::vector<engine::network_inspect> networks;      // label project=P
  std::vector<engine::volume> volumes;                // label project=P
};

// GET /containers/json?all=1, GET /networks, GET /volumes — each filtered on the project label.
observed_state observe(engine_ref engine, std::string_view project);

// The depends_on graph of the services `containers` belong to: from `project` for the services it
// declares, else from each service's com.docker.compose.depends_on label.
model::service_graph observed_graph(const std::vector<engine::container_summary>& containers,
                                    const model::project* project = nullptr);

}  // namespace stackctl::deploy
