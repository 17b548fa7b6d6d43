// Volumes and bind directories: create what is missing. A volume whose config-hash changed is kept
// with a warning (compose asks; without --yes it keeps the volume): its data is never dropped.
#include <algorithm>

#include <fmt/format.h>

#include "plan_builder.hpp"
#include "stackctl/deploy/engine_requests.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/model/config_renderer.hpp"

namespace stackctl::deploy::planning {

void plan_volumes(plan_builder& b) {
  for (const auto& [key, v] : b.p.volumes) {
    if (v.external) continue;
    // An init-capture, not the binding itself: clang before 16 cannot capture a structured binding.
    auto found = std::find_if(b.observed.volumes.begin(), b.observed.volumes.end(),
                              [&name = v.name](const engine::volume& o) { return o.name == name; });
    if (found == b.observed.volumes.end()) {
      action a;
      a.op = operation::create_volume;
      a.resource = v.name;
      a.key = key;
      a.cause = "not found";
      b.volume_ready[key] = b.add(std::move(a));
      continue;
    }
    auto hash = found->labels.find(labels::config_hash);
    if (hash != found->labels.end() && hash->second != model::volume_config_hash(b.p, key))
      b.out.warnings.push_back(
          fmt::format("Volume \"{}\" exists but doesn't match configuration in compose file. It is kept as it is: "
                      "remove it (data will be lost) to recreate it",
                      v.name));
  }
}

void plan_directories(plan_builder& b, const std::vector<std::string>& missing) {
  std::set<std::string> absent(missing.begin(), missing.end());
  for (const auto& name : b.selected)
    for (const auto& dir : bind_sources_to_create(b.p.services.at(name))) {
      if (!absent.count(dir) || b.directory_ready.count(dir)) continue;
      action a;
      a.op = operation::make_directory;
      a.resource = dir;
      a.cause = "bind source missing";
      b.directory_ready[dir] = b.add(std::move(a));
    }
}

}  // namespace stackctl::deploy::planning
