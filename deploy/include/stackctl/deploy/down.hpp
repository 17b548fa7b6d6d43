#pragma once
// `down`: stop and remove the project's containers in reverse dependency order (independent ones in
// parallel), then its non-external networks, and with remove_volumes its non-external volumes and
// the containers' anonymous volumes. Never an external volume, never a host directory.
#include <optional>
#include <string>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/deploy/progress.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::deploy {

struct down_options {
  bool remove_volumes = false;  // -v
  bool remove_orphans = false;  // also containers of services not in the project, and one-offs
  std::optional<int> timeout;   // -t
  int parallel = -1;
};

struct down_result {
  std::vector<std::string> containers, networks, volumes;  // what was removed
  std::vector<std::string> warnings;
};

// With a project: orphans are kept unless remove_orphans; external resources are skipped by key.
down_result down(const model::project& p, engine_ref engine, const down_options& options = {},
                 const progress_sink& progress = {});
// From labels alone (`stackctl -p NAME down`): every container, network (and with -v volume)
// labelled with the project.
down_result down(const std::string& project_name, engine_ref engine, const down_options& options = {},
                 const progress_sink& progress = {});

}  // namespace stackctl::deploy
