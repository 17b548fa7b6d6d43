#include "stackctl/deploy/attached_up.hpp"

#include "stackctl/deploy/lifecycle.hpp"
#include "stackctl/deploy/ps.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::deploy {
namespace {

std::vector<ps_row> containers_of(const model::project& p, engine_ref engine, const up_options& options) {
  return ps(p.name, engine, {.all = true, .services = options.services, .status = {}});
}

// Every log stream ended: the containers are exiting on their own. A stream can close a moment
// before the engine records the container as exited, so wait for each one rather than list.
// Returns false when the stop was requested meanwhile.
bool wait_for_exits(const model::project& p, engine_ref engine, const up_options& options, const attach_sinks& sinks,
                    std::stop_token stop) {
  for (const auto& r : containers_of(p, engine, options)) {
    try {
      const auto exited = engine.containers.wait(r.id, engine::wait_condition::not_running, stop);
      if (sinks.exited) sinks.exited(r.name, exited.status_code);
    } catch (const engine::engine_error& e) {
      if (e.kind() != engine::error_kind::cancelled) throw;
      return false;
    }
  }
  return !stop.stop_requested();
}

}  // namespace

attached_up_result up_attached(const model::project& p, engine_ref engine, const up_options& options,
                               logs_options log_options, const attach_sinks& sinks, std::stop_token stop,
                               const progress_sink& progress) {
  attached_up_result result{up(p, engine, options, progress), false};
  if (!stop.stop_requested()) {
    log_options.services = options.services;
    log_options.follow = true;
    log_options.tail = "all";
    if (sinks.attached) {
      std::vector<std::string> names;
      for (const auto& r : containers_of(p, engine, options)) names.push_back(r.name);
      sinks.attached(result.up, names);
    }
    logs(p.name, engine, log_options, sinks.log_line ? sinks.log_line : line_sink([](std::string_view) {}), stop);
    if (!stop.stop_requested() && wait_for_exits(p, engine, options, sinks, stop)) return result;
  }
  if (sinks.stopping) sinks.stopping();
  lifecycle_options lo;
  lo.services = options.services;
  lo.timeout = options.timeout;
  lo.parallel = options.parallel;
  lo.project = &p;  // pre_stop hooks run before the graceful stop
  deploy::stop(p.name, engine, lo, progress);
  result.stopped = true;
  return result;
}

}  // namespace stackctl::deploy
