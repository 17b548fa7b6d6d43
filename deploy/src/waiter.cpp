#include "waiter.hpp"

#include <stdexcept>
#include <thread>

#include <fmt/format.h>

namespace stackctl::deploy {

void wait_for_condition(engine_ref engine, const wait_request& w, const progress_sink& progress) {
  if (w.condition == "service_started") return;  // ordering only
  auto deadline = w.timeout ? std::optional(std::chrono::steady_clock::now() + *w.timeout) : std::nullopt;
  std::vector<bool> done(w.container_ids.size(), false);
  for (;;) {
    bool all = true;
    for (std::size_t i = 0; i < w.container_ids.size(); ++i) {
      if (done[i]) continue;
      auto c = engine.containers.inspect(w.container_ids[i]);
      auto name = c.short_name();
      const auto& st = c.state;
      if (w.condition == "service_healthy" || w.condition == "running") {
        if (!st.health) {
          if (w.condition == "service_healthy")
            throw std::runtime_error(fmt::format("container {} has no healthcheck configured", name));
          if (st.running) {
            done[i] = true;
            continue;
          }
        } else if (st.health->status == "healthy" && st.running) {
          if (progress) progress({"Container " + name, "Healthy", progress_state::done});
          done[i] = true;
          continue;
        } else if (st.health->status == "unhealthy") {
          throw std::runtime_error(fmt::format("dependency failed to start: container {} is unhealthy", name));
        }
        if (!st.running && (st.status == "exited" || st.status == "dead"))
          throw std::runtime_error(
              fmt::format("dependency failed to start: container {} exited ({})", name, st.exit_code));
      } else if (w.condition == "service_completed_successfully") {
        if (st.status == "exited" || st.status == "dead") {
          if (st.exit_code != 0)
            throw std::runtime_error(fmt::format("service \"{}\" didn't complete successfully: exit {}",
                                                 w.service, st.exit_code));
          if (progress) progress({"Container " + name, "Exited", progress_state::done});
          done[i] = true;
          continue;
        }
      } else {
        throw std::runtime_error("unknown depends_on condition: " + w.condition);
      }
      all = false;
    }
    if (all) return;
    if (deadline && std::chrono::steady_clock::now() >= *deadline)
      throw std::runtime_error(fmt::format("timeout waiting for service \"{}\" ({})", w.service, w.condition));
    std::this_thread::sleep_for(w.poll_interval);
  }
}

}  // namespace stackctl::deploy
