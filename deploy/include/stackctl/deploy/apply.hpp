#pragma once
// Walks a plan's DAG against the engine with bounded parallelism: every action runs as soon as
// the ones it comes after have finished. The first failure stops scheduling; running actions end,
// then the error is rethrown.
#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/deploy/plan.hpp"
#include "stackctl/deploy/progress.hpp"

namespace stackctl::deploy {

struct apply_options {
  int parallel = -1;                                      // at most this many actions at once; -1 = unlimited
  std::optional<int> timeout;                             // stop timeout (s) when recreating or removing
  std::chrono::milliseconds poll_interval{250};           // health/state polling of wait actions
  std::optional<std::chrono::milliseconds> wait_timeout;  // bounds each dependency wait
};

// `image_ids` as given to make_plan (the com.docker.compose.image label of new containers).
void apply(const plan& plan, const model::project& p, engine_ref engine,
           const std::map<std::string, std::string>& image_ids, const apply_options& options = {},
           const progress_sink& progress = {});

}  // namespace stackctl::deploy
