#pragma once
// Desired (project) vs observed (labels) → a DAG of actions, each one engine operation (or one host
// or wait step) with the cause that made the planner choose it. Pure: no engine calls, so the whole
// convergence decision is unit-testable, and `to_string(plan)` is what golden tests compare and what
// `up --dry-run` prints.
//
// The planner is split per resource kind (deploy/src/containers/plan/): networks, volumes and bind
// directories, containers (orphans, scale, recreate), then starts and dependency waits.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "stackctl/deploy/observed_state.hpp"
#include "stackctl/engine/api_version.hpp"
#include "stackctl/model/dependency_condition.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::deploy {

enum class operation {
  create_network,      // POST /networks/create with compose labels
  remove_network,      // DELETE /networks/{name} (its config-hash changed: recreated)
  connect_network,     // POST /networks/{name}/connect (an extra network below API 1.44, a reconnect)
  disconnect_network,  // POST /networks/{name}/disconnect (force) before the network is removed
  create_volume,       // POST /volumes/create with compose labels
  make_directory,      // a missing short-syntax bind source (only `up` creates host paths)
  create_container,    // POST /containers/create (a recreate creates under a temporary name)
  stop_container,      // POST /containers/{id}/stop
  remove_container,    // DELETE /containers/{id}
  rename_container,    // POST /containers/{id}/rename
  copy_files,          // PUT /containers/{id}/archive: content secrets/configs, before each start
  start_container,     // POST /containers/{id}/start (serialised when it publishes host ports from a range)
  restart_container,   // POST /containers/{id}/restart: a dependent (depends_on restart: true) of a recreated service
  wait_dependency,     // poll a depends_on condition of a service's containers
};

std::string_view to_string(operation op);

struct action {
  operation op = operation::create_container;
  // What it acts on: the network, volume or container name (for a container made by this plan, the
  // name it has at that point — a recreate's temporary name until its rename), the directory, or
  // the service a wait is on.
  std::string resource;
  std::string cause;  // why: "not found", "config hash changed: environment", "orphan", "scale 3 → 1", ...

  std::string key;           // network/volume key in the project (create/connect network, create volume)
  std::string service;       // container actions and waits
  int number = 0;            // container number
  std::string container_id;  // an existing container; empty: the one this plan created under `resource`
  std::string network;       // connect/disconnect: the network's engine name
  std::string new_name;      // rename: the name it gets

  // create_container
  std::string final_name;     // the name it will have (aliases, links); == resource unless a recreate
  std::string replaces;       // a recreate: the id of the container it replaces (its anonymous volumes)
  std::string config_hash;    // com.docker.compose.config-hash, computed once by the planner
  std::string config_fields;  // stackctl.config-fields: per-key digests (which keys a later change touched)

  // wait_dependency
  model::dependency_condition condition = model::dependency_condition::started;
  bool required = true;  // false turns a failure into a warning

  bool serialise_start = false;    // start/restart: publishes host ports from a range (or ephemeral)
  bool tolerate_missing = false;   // stop/disconnect: the container may be gone meanwhile (a scale down)
  bool silent = false;             // stop/remove of a replaced container: the recreate reports itself
  std::vector<std::size_t> after;  // indices of actions that must finish first
};

enum class recreate_policy { diverged, force, never };

struct plan_options {
  std::vector<std::string> services;  // the selection (dependencies included); empty = all
  recreate_policy recreate = recreate_policy::diverged;
  bool remove_orphans = false;
  bool no_start = false;
  bool create_host_paths = true;     // make_directory actions for missing bind sources
  std::map<std::string, int> scale;  // overrides scale/deploy.replicas
  // Below 1.44 a container is created on one network and connected to the others before start.
  engine::api_version api_version = engine::kMaxApiVersion;
};

struct kept_container {
  std::string service, name, id;
  int number = 0;
};

struct plan {
  std::vector<action> actions;
  // Containers that stay as they are (waits and service:x references need their ids).
  std::vector<kept_container> kept;
  std::vector<std::string> orphans;   // container names of services not in the project
  std::vector<std::string> warnings;  // orphans; volumes whose config-hash changed (kept as they are)
  engine::api_version api_version = engine::kMaxApiVersion;  // the API it was made for (apply checks)

  // Number of actions of an operation (tests, dry runs).
  std::size_t count(operation op) const;
};

// One line per action: "<n> <operation> <resource>[ to <new name>] (<cause>)[ after <i>, <j>]",
// numbered from 1; "nothing to do" for an empty plan.
std::string to_string(const plan& p);

// `image_ids`: service name → local image id (decides recreation when it changed).
// `missing_dirs`: the bind sources that do not exist on the host (the caller checks the disk).
// Throws deploy_error (invalid) for a scaled service with a container_name, or a content secret
// whose environment variable is set nowhere — before anything is created.
plan make_plan(const model::project& p, const observed_state& observed,
               const std::map<std::string, std::string>& image_ids, const plan_options& options,
               const std::vector<std::string>& missing_dirs = {});

}  // namespace stackctl::deploy
