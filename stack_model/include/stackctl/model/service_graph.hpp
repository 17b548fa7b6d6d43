#pragma once
// The depends_on graph of a project's services — the one every command walks: selection (`config
// svc`, `up svc`, `pull`) takes its closure, the planner and `start` its start order, `stop` and
// `down` the reverse. Built from the loaded project, or (deploy's observed_graph) from the
// containers' com.docker.compose.depends_on labels when a command works from a project name alone.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "stackctl/model/dependency_condition.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::model {

struct dependency_edge {
  std::string service;  // the service depended on
  dependency_condition condition = dependency_condition::started;
  bool required = true;
  bool restart = false;  // restart the dependent when this dependency is recreated
};

class service_graph {
 public:
  service_graph() = default;
  // Service → what it depends on (edges to services outside the map are kept and ignored by walks).
  explicit service_graph(std::map<std::string, std::vector<dependency_edge>> nodes) : nodes_(std::move(nodes)) {}
  // Every enabled service of the project.
  static service_graph from_project(const project& p);

  bool contains(const std::string& service) const { return nodes_.count(service) != 0; }
  std::vector<std::string> services() const;  // sorted
  // Its dependencies as declared (including ones on services the graph does not hold).
  const std::vector<dependency_edge>& dependencies_of(const std::string& service) const;

  // `names` (every service when empty) plus, with `with_dependencies`, everything they depend on,
  // transitively; sorted. Throws unknown_service for a name the graph does not hold.
  std::vector<std::string> closure(const std::vector<std::string>& names, bool with_dependencies = true) const;
  // `services` so that each comes after those it depends on (ties by name). Cycles are refused by
  // the loader; from labels a cycle is broken where it is met.
  std::vector<std::string> start_order(const std::vector<std::string>& services) const;

  // For a bounded-parallel walk over `nodes` (service names; a service may repeat, e.g. one node per
  // container): after[i] holds the indices j whose node must finish before node i — those of the
  // services it depends on (start), or with `reverse` of the services depending on it (stop,
  // remove). Services outside `nodes` add no edge.
  std::vector<std::vector<std::size_t>> walk_order(const std::vector<std::string>& nodes, bool reverse) const;

 private:
  std::map<std::string, std::vector<dependency_edge>> nodes_;
};

}  // namespace stackctl::model
