#include "stackctl/deploy/lifecycle.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "dag.hpp"
#include "service_graph.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/engine/error.hpp"
#include "waiter.hpp"

namespace stackctl::deploy {
namespace {

std::string label_of(const engine::container_summary& c, const char* key) {
  auto it = c.labels.find(key);
  return it == c.labels.end() ? std::string() : it->second;
}

void emit(const progress_sink& sink, std::string resource, std::string text, progress_state state) {
  if (sink) sink(progress_event{std::move(resource), std::move(text), state});
}

struct project_view {
  std::vector<engine::container_summary> containers;          // selected, sorted by name
  std::map<std::string, std::vector<label_dependency>> deps;  // service → its dependencies
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
    auto svc = label_of(c, labels::service);
    if (!services.empty() && std::find(services.begin(), services.end(), svc) == services.end()) continue;
    v.containers.push_back(std::move(c));
  }
  std::sort(v.containers.begin(), v.containers.end(), [](const auto& a, const auto& b) { return a.name() < b.name(); });
  for (std::size_t i = 0; i < v.containers.size(); ++i) {
    auto svc = label_of(v.containers[i], labels::service);
    v.by_service[svc].push_back(i);
    if (!v.deps.count(svc)) v.deps[svc] = parse_depends_on_label(label_of(v.containers[i], labels::depends_on));
  }
  return v;
}

// Service nodes in dependency order (reverse = false) or its mirror.
std::pair<std::vector<std::string>, std::vector<std::vector<std::size_t>>> service_dag(const project_view& v,
                                                                                       bool reverse) {
  std::vector<std::string> names;
  for (const auto& [svc, idx] : v.by_service) names.push_back(svc);
  auto index = [&](const std::string& s) {
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), s) - names.begin());
  };
  std::vector<std::vector<std::size_t>> after(names.size());
  for (std::size_t i = 0; i < names.size(); ++i)
    for (const auto& d : v.deps.at(names[i])) {
      auto j = index(d.service);
      if (j == names.size()) continue;
      if (reverse) after[j].push_back(i);
      else after[i].push_back(j);
    }
  return {names, after};
}

}  // namespace

void start(const std::string& project_name, engine_ref engine, const lifecycle_options& options,
           const progress_sink& progress) {
  auto v = view(project_name, engine, options.services);
  auto [names, after] = service_dag(v, false);
  run_dag(
      after,
      [&, &names = names](std::size_t i) {
        const auto& svc = names[i];
        for (const auto& d : v.deps.at(svc)) {
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
          if (c.state == "running") continue;
          emit(progress, "Container " + c.name(), "Starting", progress_state::working);
          engine.containers.start(c.id);
          emit(progress, "Container " + c.name(), "Started", progress_state::done);
        }
      },
      options.parallel);
}

void stop(const std::string& project_name, engine_ref engine, const lifecycle_options& options,
          const progress_sink& progress) {
  auto v = view(project_name, engine, options.services);
  // Container nodes: a container stops after every container of the services depending on it.
  std::vector<std::vector<std::size_t>> after(v.containers.size());
  for (std::size_t i = 0; i < v.containers.size(); ++i) {
    auto svc = label_of(v.containers[i], labels::service);
    for (const auto& [other, deps] : v.deps)
      if (std::any_of(deps.begin(), deps.end(), [&](const auto& d) { return d.service == svc; }) && other != svc)
        for (auto j : v.by_service.at(other)) after[i].push_back(j);
  }
  run_dag(
      after,
      [&](std::size_t i) {
        const auto& c = v.containers[i];
        if (c.state != "running" && c.state != "restarting" && c.state != "paused") return;
        emit(progress, "Container " + c.name(), "Stopping", progress_state::working);
        engine.containers.stop(c.id, options.timeout);
        emit(progress, "Container " + c.name(), "Stopped", progress_state::done);
      },
      options.parallel);
}

void restart(const std::string& project_name, engine_ref engine, const lifecycle_options& options,
             const progress_sink& progress) {
  auto v = view(project_name, engine, options.services);
  auto [names, after] = service_dag(v, false);
  run_dag(
      after,
      [&, &names = names](std::size_t i) {
        for (auto idx : v.by_service.at(names[i])) {
          const auto& c = v.containers[idx];
          emit(progress, "Container " + c.name(), "Restarting", progress_state::working);
          engine.containers.restart(c.id, options.timeout);
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
        if (c.state != "running" && c.state != "restarting" && c.state != "paused") return;
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
        if (c.state == "running" || c.state == "restarting" || c.state == "paused") return;  // not stopped
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
