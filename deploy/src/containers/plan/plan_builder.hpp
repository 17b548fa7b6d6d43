#pragma once
// The planner's shared state (private to deploy/src/plan): what each per-resource step needs from the
// steps before it — which action makes a network, a volume, a directory or a service's containers
// ready — so that every action lists exactly the actions it must come after.
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "stackctl/deploy/plan.hpp"
#include "stackctl/model/service_graph.hpp"

namespace stackctl::deploy::planning {

// A container this plan starts (created, stopped, or stopped by a network recreate).
struct pending_start {
  std::string name, id;  // id empty: made by this plan, found by name when applied
  std::string cause;
  std::vector<std::size_t> after;
};

// A network whose config-hash changed: its project containers are stopped and disconnected, it is
// removed and created again; kept containers are reconnected after `created`.
struct recreated_network {
  std::string name;
  std::size_t created = 0;
  std::map<std::string, std::size_t> disconnects;  // container id → its disconnect action
};

struct plan_builder {
  plan_builder(const model::project& project, const observed_state& observed_state,
               const std::map<std::string, std::string>& images, const plan_options& plan_opts);

  const model::project& p;
  const observed_state& observed;
  const std::map<std::string, std::string>& image_ids;
  const plan_options& options;
  model::service_graph graph;
  std::vector<std::string> selected;  // sorted
  std::set<std::string> selected_set;
  std::vector<std::string> order;  // selected, in start order

  plan out;

  std::map<std::string, std::size_t> network_ready;          // key → the action that makes it exist
  std::map<std::string, std::size_t> volume_ready;           // key → its create
  std::map<std::string, std::size_t> directory_ready;        // path → its make_directory
  std::map<std::string, recreated_network> recreated;        // network key → its recreate
  std::map<std::string, std::size_t> stopped_by_network;     // container id → its stop before a network recreate
  std::map<std::string, std::vector<std::size_t>> ready;     // service → actions that put its new containers in place
  std::map<std::string, std::vector<pending_start>> starts;  // service → containers to start
  std::map<std::string, std::vector<pending_start>> running;  // service → kept running containers
  // Project containers by service (oneoff and orphans left out), sorted by number.
  std::map<std::string, std::vector<const engine::container_summary*>> by_service;

  std::size_t add(action a);
  int scale_of(const std::string& service) const;
  std::string image_id_of(const std::string& service) const;
};

// A container action on an existing container.
action container_action(operation op, const engine::container_summary& c, std::string cause);
int number_of(const engine::container_summary& c);
// The engine allocates host ports from a range racily: such starts are serialised.
bool publishes_port_range(const model::service& s);

// The steps, in the order make_plan runs them.
void plan_networks(plan_builder& b);
void plan_volumes(plan_builder& b);
void plan_directories(plan_builder& b, const std::vector<std::string>& missing);  // missing bind sources
void plan_orphans(plan_builder& b);                                               // also fills by_service
void plan_containers(plan_builder& b);         // scale, recreate, interrupted recreates, kept containers
void plan_outside_selection(plan_builder& b);  // unselected containers on a recreated network
void plan_starts(plan_builder& b);             // starts, dependency waits, restarts

}  // namespace stackctl::deploy::planning
