#pragma once
// `pull`: the images of the selected services, in parallel (bounded), progress per layer.
#include <string>
#include <vector>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/deploy/progress.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::deploy {

struct pull_options {
  std::vector<std::string> services;  // empty = all
  bool include_deps = false;
  bool ignore_failures = false;  // --ignore-pull-failures: failures become warnings
  bool missing_only = false;     // --policy missing: skip images present locally
  int parallel = -1;
};

// Throws deploy_error (engine) naming the image and the service when a pull fails (an error inside
// the daemon's stream included), unless ignore_failures. Returns the images pulled.
std::vector<std::string> pull(const model::project& p, engine_ref engine, const pull_options& options = {},
                              const progress_sink& progress = {});

}  // namespace stackctl::deploy
