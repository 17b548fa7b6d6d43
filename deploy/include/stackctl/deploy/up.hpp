#pragma once
// `up`: check external resources and images, observe, plan, apply — convergent: a second up with
// nothing changed makes no create/start/stop call.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/deploy/plan.hpp"
#include "stackctl/deploy/progress.hpp"
#include "stackctl/deploy/pull_policy.hpp"
#include "stackctl/model/derived_environment.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::deploy {

struct up_options {
  std::vector<std::string> services;  // named services (their dependencies are added unless no_deps)
  bool no_deps = false;
  bool force_recreate = false;
  bool no_recreate = false;  // exclusive with force_recreate (deploy_error invalid)
  bool remove_orphans = false;
  bool no_start = false;
  // --pull; unset = each service's pull_policy (default missing). There is no build.
  std::optional<pull_policy> pull;
  std::map<std::string, int> scale;  // --scale SVC=N
  std::optional<int> timeout;        // stop timeout (s) when recreating / removing
  bool wait = false;                 // --wait: until running (healthy when a healthcheck exists)
  std::optional<std::chrono::milliseconds> wait_timeout;
  int parallel = -1;  // --parallel / COMPOSE_PARALLEL_LIMIT; -1 unlimited
  // Plan only: check the external resources and the local images, observe and plan, but pull,
  // create and start nothing (result.plan is what up would do; a missing image plans as present).
  bool dry_run = false;
  std::chrono::milliseconds poll_interval{250};
  // The env schema's paths to create (host_paths.hpp): after every check passed — so a missing
  // external volume leaves nothing on the host — and before anything else is created.
  std::vector<model::host_path> create_on_deploy;
};

struct up_result {
  deploy::plan plan;  // what was done
};

// Throws deploy_error: not_found for a missing external volume/network or a local image the policy
// may not pull (before anything is created), host for a bind source that cannot be made,
// unhealthy/dependency_failed/timeout for a dependency or --wait; engine_error from the engine.
up_result up(const model::project& p, engine_ref engine, const up_options& options = {},
             const progress_sink& progress = {});

// The checks `up` makes before creating anything (exposed for `create`/dry runs): every external
// network and volume exists; each selected service's image is present (pulled when the policy
// allows; with `dry_run` nothing is pulled and a missing image has no id). Returns service → image id.
std::map<std::string, std::string> preflight(const model::project& p, engine_ref engine,
                                             const std::vector<std::string>& services,
                                             const std::optional<pull_policy>& pull, const progress_sink& progress = {},
                                             bool dry_run = false);

}  // namespace stackctl::deploy
