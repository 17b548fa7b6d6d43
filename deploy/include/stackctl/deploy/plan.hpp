#pragma once
// Desired (project) vs observed (labels) → a DAG of actions. Pure: no engine calls, so the whole
// convergence decision is unit-testable.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "stackctl/deploy/observed_state.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::deploy {

enum class action_kind {
  create_network,      // POST /networks/create with compose labels
  create_volume,       // POST /volumes/create with compose labels
  make_directory,      // a missing short-syntax bind source (only `up` creates host paths)
  create_container,    // create (+ connect the extra networks on API < 1.44)
  recreate_container,  // create under a temporary name, stop + remove the old one, rename
  remove_container,    // stop + remove (scale down, orphans)
  start_container,     // start (serialised when it publishes host ports from a range)
  wait_dependency,     // wait for a depends_on condition of a service's containers
  restart_container,   // restart a running dependent (depends_on restart: true) of a recreated service
  rename_container,    // give a kept container its proper name (a recreate interrupted before its rename)
  recreate_network,    // its config-hash changed: stop + disconnect, remove, create, reconnect
};

std::string_view to_string(action_kind kind);

// A project container on a network that is recreated: stopped and disconnected first; reconnected
// (same endpoint as at create) unless it is itself recreated or removed.
struct attached_container {
  std::string service, name, id;
  int number = 0;
  bool reconnect = false;
};

struct action {
  action_kind kind = action_kind::create_container;
  std::string resource;                      // engine name of the network/volume/container, or the directory
  std::string key;                           // network/volume key
  std::string service;                       // container and wait actions
  int number = 0;                            // container number
  std::string container_id;                  // the existing container (recreate, remove, start of a kept one)
  std::string condition;                     // wait: service_started|service_healthy|service_completed_successfully
  bool required = true;                      // wait: false turns a failure into a warning
  bool serialise_start = false;              // start: publishes host ports from a range (or ephemeral)
  std::vector<std::size_t> after;            // indices of actions that must finish first
  std::vector<attached_container> attached;  // recreate_network
};

enum class recreate_policy { diverged, force, never };

struct plan_options {
  std::vector<std::string> services;  // the selection (dependencies included); empty = all
  recreate_policy recreate = recreate_policy::diverged;
  bool remove_orphans = false;
  bool no_start = false;
  bool create_host_paths = true;     // make_directory actions for missing bind sources
  std::map<std::string, int> scale;  // overrides scale/deploy.replicas
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

  // Number of actions of a kind (tests, dry runs).
  std::size_t count(action_kind kind) const;
};

// `image_ids`: service name → local image id (decides recreation when it changed).
// `missing_dirs`: the bind sources that do not exist on the host (the caller checks the disk).
plan make_plan(const model::project& p, const observed_state& observed,
               const std::map<std::string, std::string>& image_ids, const plan_options& options,
               const std::vector<std::string>& missing_dirs = {});

// The selected services plus (unless no_deps) everything they depend on, transitively.
std::vector<std::string> with_dependencies(const model::project& p, const std::vector<std::string>& services,
                                           bool no_deps = false);

}  // namespace stackctl::deploy
