#pragma once
// `run`: a one-off container of a service, as `docker compose run` makes it — its dependencies
// brought up first (unless no_deps) and waited on, then a container named
// `<project>-<service>-run-<12 hex>` and labelled com.docker.compose.oneoff=True (no container
// number), with the service's ports left unpublished, its restart policy dropped and the overrides
// below applied; attached (its stdio through the session's streams, its exit code returned) or
// detached. `ps -a` lists it; `down --remove-orphans` removes it.
#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/deploy/progress.hpp"
#include "stackctl/deploy/pull_policy.hpp"
#include "stackctl/deploy/session_streams.hpp"
#include "stackctl/model/mount.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::deploy {

struct run_options {
  std::string service;
  std::vector<std::string> command;                    // empty: the service's
  std::optional<std::vector<std::string>> entrypoint;  // --entrypoint, split into words; clears the
                                                       // service's command unless `command` is given
  std::string name;                                    // --name; empty: <project>-<service>-run-<12 hex>
  // -e: "KEY=VALUE", or "KEY" taken from the project's environment (left out when it is unset there),
  // over the service's environment.
  std::vector<std::string> environment;
  std::map<std::string, std::string> labels;  // -l, over the service's labels
  std::string working_dir;                    // -w
  std::string user;                           // -u
  std::vector<std::string> cap_add, cap_drop;
  std::vector<model::port> publish;   // -p (model/service_overrides.hpp parses them)
  bool service_ports = false;         // the service's own ports (exclusive with publish)
  std::vector<model::mount> volumes;  // -v, after the service's (a volume source that is no key of the
                                      // project's `volumes:` is an engine volume of that name)
  bool use_aliases = false;           // the service's name and network aliases too (default: the container name only)
  bool no_deps = false;
  bool remove = false;              // --rm: the engine removes the container when it exits (AutoRemove)
  bool detach = false;              // -d: start it and return its id
  bool tty = false;                 // a pseudo-terminal: output raw, stderr merged into it
  bool interactive = true;          // stdin attached (`session_streams::input_fd`), kept open until its end
  std::optional<pull_policy> pull;  // --pull; unset: the service's pull_policy
  bool remove_orphans = false;      // for the dependencies' up
  int parallel = -1;
  std::string detach_keys = "ctrl-p,ctrl-q";  // with a TTY: ends the session, the container runs on
};

struct run_result {
  std::string container_id;
  std::string container_name;
  int exit_code = 0;      // the container's; 0 when detached; -1 when `stop` ended the session
  bool detached = false;  // -d, or the detach keys were typed: the container is still running
};

// Throws deploy_error: not_found for an unknown service, invalid for service_ports with publish or
// bad detach keys; what `up` throws for the dependencies (and dependency_failed/unhealthy when one
// does not reach its condition); engine_error from the engine. `stop` ends the session early (the
// container keeps running).
run_result run(const model::project& p, engine_ref engine, const run_options& options,
               const session_streams& streams = {}, std::stop_token stop = {}, const progress_sink& progress = {});

}  // namespace stackctl::deploy
