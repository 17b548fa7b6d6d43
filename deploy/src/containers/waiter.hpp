#pragma once
// Waiting on a depends_on condition (private to deploy): polls inspect of the service's containers.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/deploy/progress.hpp"
#include "stackctl/model/dependency_condition.hpp"

namespace stackctl::deploy {

struct wait_request {
  std::string service;
  model::dependency_condition condition = model::dependency_condition::started;
  // up --wait (with condition healthy): running, and healthy only when the container has a
  // healthcheck; a failure is reported without "dependency failed to start".
  bool up_wait = false;
  std::vector<std::string> container_ids;
  std::chrono::milliseconds poll_interval{250};
  std::optional<std::chrono::milliseconds> timeout;
};

// Returns when the condition holds for every container; throws deploy_error naming the
// container when it cannot hold any more (unhealthy, exited, no healthcheck) or on timeout.
// "running" (for --wait) = running, and healthy when the container has a healthcheck.
void wait_for_condition(engine_ref engine, const wait_request& request, const progress_sink& progress);

}  // namespace stackctl::deploy
