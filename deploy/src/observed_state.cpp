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

}  // namespace stackctl::deploy
