#pragma once
// start / stop / restart / rm of existing containers, from labels alone: the order comes from the
// com.docker.compose.depends_on labels, so no compose file is needed (only the lifecycle hooks
// come from the project, when one is given).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/deploy/progress.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::deploy {

struct lifecycle_options {
  std::vector<std::string> services;  // empty = all
  std::optional<int> timeout;         // stop / restart
  int parallel = -1;
  std::chrono::milliseconds poll_interval{250};
  std::optional<std::chrono::milliseconds> wait_timeout;  // bounds depends_on waits of start
  // The loaded project, when there is one: its services' lifecycle hooks run (post_start after a
  // start or restart, pre_stop before a stop or restart; a failing hook fails the command, and a
  // failing pre_stop leaves its container running). Without it (no compose file) no hook runs.
  const model::project* project = nullptr;
};

// Starts non-running containers in dependency order, honouring depends_on conditions.
void start(const std::string& project_name, engine_ref engine, const lifecycle_options& options = {},
           const progress_sink& progress = {});
// Stops running containers in reverse dependency order (independent ones in parallel).
void stop(const std::string& project_name, engine_ref engine, const lifecycle_options& options = {},
          const progress_sink& progress = {});
// Restarts containers in dependency order (does not apply configuration changes).
void restart(const std::string& project_name, engine_ref engine, const lifecycle_options& options = {},
             const progress_sink& progress = {});

// Sends `signal` to every running container at once (the second Ctrl-C of an attached `up`).
void kill(const std::string& project_name, engine_ref engine, const lifecycle_options& options = {},
          const std::string& signal = "SIGKILL", const progress_sink& progress = {});

struct rm_options {
  std::vector<std::string> services;
  bool stop = false;     // -s: stop running containers first (else they are skipped)
  bool volumes = false;  // -v: remove their anonymous volumes
  std::optional<int> timeout;
  const model::project* project = nullptr;  // -s: its pre_stop hooks run before the stop (as `stop`)
};
// Removes stopped containers; returns their names.
std::vector<std::string> rm(const std::string& project_name, engine_ref engine, const rm_options& options = {},
                            const progress_sink& progress = {});

}  // namespace stackctl::deploy
