#pragma once
// `up` without -d, as a library call: create and start the project (deploy::up), follow the
// selected services' logs until every container has exited or the caller asks to stop, then — when
// asked — stop them gracefully. The caller wires its signals to the stop token (the CLI: the first
// Ctrl-C requests the stop, a second one calls deploy::kill); everything else happens here, so an
// embedding program gets compose's attached behaviour without the CLI.
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "stackctl/deploy/logs.hpp"
#include "stackctl/deploy/up.hpp"

namespace stackctl::deploy {

struct attach_sinks {
  line_sink log_line;  // each log line (prefixed as logs_options asks)
  // Once, after up and before the first log line: what up did, and the containers followed.
  std::function<void(const up_result& up, const std::vector<std::string>& containers)> attached;
  std::function<void(const std::string& container, long exit_code)> exited;  // a container ended on its own
  std::function<void()> stopping;  // the stop was requested: the graceful stop begins
};

struct attached_up_result {
  up_result up;
  bool stopped = false;  // the stop token ended it (the containers were stopped); else they all exited
};

// `log_options.services`, `.follow` and `.tail` are set from `options` (follow, everything).
// `progress` receives up's and the graceful stop's steps.
attached_up_result up_attached(const model::project& p, engine_ref engine, const up_options& options,
                               logs_options log_options, const attach_sinks& sinks, std::stop_token stop,
                               const progress_sink& progress = {});

}  // namespace stackctl::deploy
