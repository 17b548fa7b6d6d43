#pragma once
// The depends_on graph of a project's services — the one every command walks: `up` and `pull` take
// its closure, the planner and `start` its start order, `stop` and `down` the reverse. Built from
// the loaded project, or from the containers' com.docker.compose.depends_on labels when a command
// works from a project name alone.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "stackctl/deploy/dependency_condition.hpp"
#include "stackctl/engine/container_summary.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::deploy {

struct dependency {
  std::string service;
  dependency_condition condition = dependency_condition::started;
  bool required = true;
  bool restart = false;  // restart this service when the dependency is recreated
};

class service_graph {
 public:
  // Every service of the project (disabled ones are not part of it).
  static service_graph from_project(const model::project& p);
  // Every service some container is labelled with; its dependencies from `project` when it declares
  // the service, else from the container's depends_on label.
  static service_graph from_containers(const std::vector<engine::container_summary>& containers,
                                       const model::project* project = nullptr);

  bool contains(const std::string& service) const { return nodes_.count(service) != 0; }
  std::vector<std::string> services() const;  // sorted
  // Its dependencies as declared (including ones on services the graph does not hold).
  const std::vector<dependency>& dependencies_of(const std::string& service) const;

  // `names` (every service when empty) plus, with `with_dependencies`, everything they depend on,
  // transitively; sorted. Throws deploy_error (not_found) "no such service: X" for an unknown name.
  std::vector<std::string> closure(const std::vector<std::string>& names, bool with_dependencies = true) const;
  // `services` so that each comes after those it depends on (ties by name). Cycles are refused by
  // the model loader; from labels a cycle is broken where it is met.
  std::vector<std::string> start_order(const std::vector<std::string>& services) const;

  // For a bounded-parallel walk over `nodes` (service names; a service may repeat, e.g. one node per
  // container): after[i] holds the indices j whose node must finish before node i — those of the
  // services it depends on (start), or with `reverse` of the services depending on it (stop,
  // remove). Services outside `nodes` add no edge.
  std::vector<std::vector<std::size_t>> walk_order(const std::vector<std::string>& nodes, bool reverse) const;

 private:
  std::map<std::string, std::vector<dependency>> nodes_;
};

// A com.docker.compose.depends_on label ("svc:condition:restart,..." as compose v2 writes it;
// condition service_started when absent).
std::vector<dependency> parse_depends_on_label(const std::string& value);

}  // namespace stackctl::deploy
