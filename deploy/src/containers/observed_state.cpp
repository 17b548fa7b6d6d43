#include "stackctl/deploy/observed_state.hpp"

#include <string>

#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/naming.hpp"

namespace stackctl::deploy {

observed_state observe(engine_ref engine, std::string_view project) {
  observed_state out;
  engine::container_list_options opts;
  opts.all = true;
  opts.filters.add_label(labels::project, project);
  opts.filters.add_label(labels::config_hash);  // containers without it are invisible to compose
  out.containers = engine.containers.list(opts);
  auto f = engine::filters::label(labels::project, project);
  out.networks = engine.networks.list(f);
  out.volumes = engine.volumes.list(f).volumes;
  return out;
}

model::service_graph observed_graph(const std::vector<engine::container_summary>& containers,
                                    const model::project* project) {
  auto declared = project ? model::service_graph::from_project(*project) : model::service_graph();
  std::map<std::string, std::vector<model::dependency_edge>> nodes;
  for (const auto& c : containers) {
    auto svc = c.label(labels::service);
    if (nodes.count(svc)) continue;
    nodes[svc] =
        declared.contains(svc) ? declared.dependencies_of(svc) : parse_depends_on_label(c.label(labels::depends_on));
  }
  return model::service_graph(std::move(nodes));
}

}  // namespace stackctl::deploy
