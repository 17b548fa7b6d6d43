#include "stackctl/deploy/lifecycle.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "common/dag.hpp"
#include "containers/hooks.hpp"
#include "containers/waiter.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/observed_state.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/model/service_graph.hpp"

namespace stackctl::deploy {
namespace {

struct project_view {
  std::vector<engine::container_summary> containers;  // selected, sorted by name
  model::service_graph graph;                         // from their labels
  std::vector<std::string> services;                  // the services of `containers`, sorted
  std::map<std::string, std::vector<std::size_t>> by_service;
};

project_view view(const std::string& project, engine_ref engine, const std::vector<std::string>& services) {
  engine::container_list_options lo;
  lo.all = true;
  lo.filters.add_label(labels::project, project);
  lo.filters.add_label(labels::config_hash);
  lo.filters.add_label(labels::oneoff, "False");
  project_view v;
  for (auto& c : engine.containers.list(lo)) {
    auto svc = c.label(labels::service);
    if (!services.empty() && std::find(services.begin(), services.end(), svc) == services.end()) continue;
    v.containers.push_back(std::move(c));
  }
  std::sort(v.containers.begin(), v.containers.end(), [](const auto& a, const auto& b) { return a.name() < b.name(); });
  for (std::size_t i = 0; i < v.containers.size(); ++i)
    v.by_service[v.containers[i].label(labels::service)].push_back(i);
  for (const auto& [svc, idx] : v.by_service) v.services.push_back(svc);
  v.graph = observed_graph(v.containers);
  return v;
}

// The container's hooks of `point`, when the project is known and declares its service.
void run_hooks(engine_ref engine, const lifecycle_options& options, const engine::container_summary& c,
               detail::hook_point point, const progress_sink& progress) {
  if (const auto* s = detail::hooked_service(options.project, c.label(labels::service)))
    detail::run_hooks(engine, *s, point, c.id, c.name(), progress);
}

}  // namespace

void start(const std::string& project_name, engine_ref engine, const lifecycle_options& options,
           const progress_sink& progress) {
  auto v = view(project_name, engine, options.services);
  run_dag(
      v.graph.walk_order(v.services, false),
      [&](std::size_t i) {
        const auto& svc = v.services[i];
        for (const auto& d : v.graph.dependencies_of(svc)) {
          if (!v.by_service.count(d.service)) continue;
          wait_request w;
          w.service = d.service;
          w.condition = d.condition;
          for (auto idx : v.by_service.at(d.service)) w.container_ids.push_back(v.containers[idx].id);
          w.poll_interval = options.poll_interval;
          w.timeout = options.wait_timeout;
          wait_for_condition(engine, w, progress);
        }
        for (auto idx : v.by_service.at(svc)) {
          const auto& c = v.containers[idx];
          if (c.run_state() == engine::container_run_state::running) continue;
          emit(progress, "Container " + c.name(), "Starting", progress_state::working);
          engine.containers.start(c.id);
          run_hooks(engine, options, c, detail::hook_point::post_start, progress);
          emit(progress, "Container " + c.name(), "Started", progress_state::done);
        }
      },
      options.parallel);
}

void stop(const std::string& project_name, engine_ref engine, const lifecycle_options& options,
          const progress_sink& progress) {
  auto v = view(project_name, engine, options.services);
  // Container nodes: a container stops after every container of the services depending on it.
  std::vector<std::string> node_services;
  for (const auto& c : v.containers) node_services.push_back(c.label(labels::service));
  auto after = v.graph.walk_order(node_services, true);
  run_dag(
      after,
      [&](std::size_t i) {
        const auto& c = v.containers[i];
        if (!c.is_active()) return;
        emit(progress, "Container " + c.name(), "Stopping", progress_state::working);
        run_hooks(engine, options, c, detail::hook_point::pre_stop, progress);
        engine.containers.stop(c.id, options.timeout);
        emit(progress, "Container " + c.name(), "Stopped", progress_state::done);
      },
      options.parallel);
}

void restart(const std::string& project_name, engine_ref engine, const lifecycle_options& options,
             const progress_sink& progress) {
  auto v = view(project_name, engine, options.services);
  run_dag(
      v.graph.walk_order(v.services, false),
      [&](std::size_t i) {
        for (auto idx : v.by_service.at(v.services[i])) {
          const auto& c = v.containers[idx];
          // compose's restartContainer: pre_stop, the restart, then post_start
          if (c.is_active()) run_hooks(engine, options, c, detail::hook_point::pre_stop, progress);
          emit(progress, "Container " + c.name(), "Restarting", progress_state::working);
          engine.containers.restart(c.id, options.timeout);
          run_hooks(engine, options, c, detail::hook_point::post_start, progress);
          emit(progress, "Container " + c.name(), "Started", progress_state::done);
        }
      },
      options.parallel);
}

void kill(const std::string& project_name, engine_ref engine, const lifecycle_options& options,
          const std::string& signal, const progress_sink& progress) {
  auto v = view(project_name, engine, options.services);
  std::vector<std::vector<std::size_t>> after(v.containers.size());
  run_dag(
      after,
      [&](std::size_t i) {
        const auto& c = v.containers[i];
        if (!c.is_active()) return;
        emit(progress, "Container " + c.name(), "Killing", progress_state::working);
        try {
          engine.containers.kill(c.id, signal);
        } catch (const engine::engine_error& e) {
          if (e.kind() != engine::error_kind::conflict) throw;  // stopped meanwhile
        }
        emit(progress, "Container " + c.name(), "Killed", progress_state::done);
      },
      -1);
}

std::vector<std::string> rm(const std::string& project_name, engine_ref engine, const rm_options& options,
                            const progress_sink& progress) {
  if (options.stop) {
    lifecycle_options lo;
    lo.services = options.services;
    lo.timeout = options.timeout;
    lo.project = options.project;
    stop(project_name, engine, lo, progress);
  }
  auto v = view(project_name, engine, options.services);
  std::vector<std::string> removed;
  std::mutex m;
  std::vector<std::vector<std::size_t>> after(v.containers.size());
  run_dag(
      after,
      [&](std::size_t i) {
        const auto& c = v.containers[i];
        if (c.is_active()) return;  // not stopped
        emit(progress, "Container " + c.name(), "Removing", progress_state::working);
        engine::container_remove_options ro;
        ro.volumes = options.volumes;
        engine.containers.remove(c.id, ro);
        emit(progress, "Container " + c.name(), "Removed", progress_state::done);
        std::lock_guard lock(m);
        removed.push_back(c.name());
      },
      -1);
  std::sort(removed.begin(), removed.end());
  return removed;
}

}  // namespace stackctl::deploy
