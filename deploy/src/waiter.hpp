#pragma once
// Waiting on a depends_on condition (private to deploy): polls inspect of the service's containers.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "stackctl/deploy/dependency_condition.hpp"
#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/deploy/progress.hpp"

namespace stackctl::deploy {

struct wait_request {
  std::string service;
  dependency_condition condition = dependency_condition::started;
  std::vector<std::string> container_ids;
  std::chrono::milliseconds poll_interval{250};
  std::optional<std::chrono::milliseconds> timeout;
};

// Returns when the condition holds for every container; throws deploy_error naming the
// container when it cannot hold any more (unhealthy, exited, no healthcheck) or on timeout.
// "running" (for --wait) = running, and healthy when the container has a healthcheck.
void wait_for_condition(engine_ref engine, const wait_request& request, const progress_sink& progress);

}  // namespace stackctl::deploy
