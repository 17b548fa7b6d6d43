#include "containers/waiter.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "stackctl/deploy/deploy_error.hpp"

namespace stackctl::deploy {
namespace {

// What made a container stop, for the error line: the engine's reason (a start failure, OOM) and
// the last line the program wrote (a full disk, a crash) — so nobody has to run `logs` to learn it.
std::string exit_detail(engine_ref engine, const engine::container_inspect& c) {
  std::string detail;
  if (c.state.oom_killed) detail += ", out of memory";
  if (!c.state.error.empty()) detail += ": " + c.state.error;
  std::string output;
  try {
    engine::logs_options lo;
    lo.tail = "3";
    auto append = [&](std::string_view piece) { output.append(piece); };
    engine.containers.logs(c.id, lo, engine::log_sink{append, append}, {});
  } catch (const std::exception&) {
    return detail;  // the log driver may not be readable (none, syslog): the reason alone
  }
  std::string lines;  // the error is seldom the very last line (dd prints its counts after it)
  for (std::size_t start = 0; start < output.size();) {
    auto end = std::min(output.find('\n', start), output.size());
    auto line = output.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines += fmt::format("{}\"{}\"", lines.empty() ? "" : ", ", line);
    start = end + 1;
  }
  if (!lines.empty()) detail += "; last output: " + lines;
  return detail;
}

}  // namespace

void wait_for_condition(engine_ref engine, const wait_request& request, const progress_sink& progress) {
  const wait_request& w = request;
  if (w.condition == model::dependency_condition::started) return;  // ordering only
  auto deadline = w.timeout ? std::optional(std::chrono::steady_clock::now() + *w.timeout) : std::nullopt;
  std::vector<bool> done(w.container_ids.size(), false);
  for (;;) {
    bool all = true;
    for (std::size_t i = 0; i < w.container_ids.size(); ++i) {
      if (done[i]) continue;
      auto c = engine.containers.inspect(w.container_ids[i]);
      auto name = c.short_name();
      const auto& st = c.state;
      if (w.condition == model::dependency_condition::healthy) {
        if (!st.health) {
          if (!w.up_wait)
            throw deploy_error(deploy_error_kind::invalid,
                               fmt::format("container {} has no healthcheck configured", name));
          if (st.running) {
            done[i] = true;
            continue;
          }
        } else if (st.health->status == "healthy" && st.running) {
          if (progress) progress({"Container " + name, "Healthy", progress_state::done});
          done[i] = true;
          continue;
        }
        // For --wait ("running") the container is no dependency of anything: say only what happened.
        const char* prefix = w.up_wait ? "" : "dependency failed to start: ";
        // An exited container first: the engine marks it unhealthy too, but its exit says more.
        if (!st.running && (st.status == "exited" || st.status == "dead"))
          throw deploy_error(deploy_error_kind::unhealthy, fmt::format("{}container {} exited ({}){}", prefix, name,
                                                                       st.exit_code, exit_detail(engine, c)));
        if (st.health && st.health->status == "unhealthy")
          throw deploy_error(deploy_error_kind::unhealthy, fmt::format("{}container {} is unhealthy", prefix, name));
      } else if (w.condition == model::dependency_condition::completed_successfully) {
        if (st.status == "exited" || st.status == "dead") {
          if (st.exit_code != 0)
            throw deploy_error(deploy_error_kind::dependency_failed,
                               fmt::format("service \"{}\" didn't complete successfully: exit {}{}", w.service,
                                           st.exit_code, exit_detail(engine, c)));
          if (progress) progress({"Container " + name, "Exited", progress_state::done});
          done[i] = true;
          continue;
        }
      }
      all = false;
    }
    if (all) return;
    if (deadline && std::chrono::steady_clock::now() >= *deadline)
      throw deploy_error(deploy_error_kind::timeout, fmt::format("timeout waiting for service \"{}\" ({})", w.service,
                                                                 w.up_wait ? "running" : to_string(w.condition)));
    std::this_thread::sleep_for(w.poll_interval);
  }
}

}  // namespace stackctl::deploy
