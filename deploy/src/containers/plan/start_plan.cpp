// Starts: a container starts after it is in place and after the conditions of its service's
// dependencies hold; a wait comes after the dependency's own starts. Content secrets/configs are
// copied in before each start; a dependent asking for `restart: true` is restarted after a
// recreated dependency is back.
#include <tuple>

#include "plan_builder.hpp"
#include "stackctl/deploy/engine_requests.hpp"

namespace stackctl::deploy::planning {
namespace {

// copy_files (when the service has content secrets/configs), then start; returns the start.
std::size_t start(plan_builder& b, const std::string& service, const pending_start& ps,
                  std::vector<std::size_t> after) {
  const auto& s = b.p.services.at(service);
  after.insert(after.end(), ps.after.begin(), ps.after.end());
  auto make = [&](operation op) {
    action a;
    a.op = op;
    a.resource = ps.name;
    a.cause = ps.cause;
    a.service = service;
    a.container_id = ps.id;
    return a;
  };
  if (!injected_files(b.p, s).empty()) {
    auto copy = make(operation::copy_files);
    copy.cause = "content secrets/configs";
    copy.after = after;
    after = {b.add(std::move(copy))};
  }
  auto a = make(operation::start_container);
  a.serialise_start = publishes_port_range(s);
  a.after = std::move(after);
  return b.add(std::move(a));
}

}  // namespace

void plan_starts(plan_builder& b) {
  // Unselected containers a network recreate stopped: started again, with no waits.
  for (const auto& [svc, pending] : b.starts)
    if (!b.selected_set.count(svc))
      for (const auto& ps : pending) start(b, svc, ps, {});

  std::map<std::string, std::vector<std::size_t>> started;  // service → its start actions
  std::map<std::tuple<std::string, model::dependency_condition, bool>, std::size_t> waits;
  for (const auto& name : b.order) {
    const auto& deps = b.graph.dependencies_of(name);
    // A dependency declared with `restart: true` that gets new containers restarts this service's
    // running ones once it is back (compose restarts such dependents).
    const model::dependency_edge* restarted_by = nullptr;
    for (const auto& d : deps)
      if (d.restart && !b.ready[d.service].empty()) restarted_by = &d;
    const bool restart_running = restarted_by != nullptr && !b.running[name].empty();
    if (b.starts[name].empty() && !restart_running) continue;

    std::vector<std::size_t> start_after;
    for (const auto& d : deps) {
      if (!b.selected_set.count(d.service)) continue;  // --no-deps, or disabled by profiles
      if (b.scale_of(d.service) == 0) continue;
      auto key = std::make_tuple(d.service, d.condition, d.required);
      auto it = waits.find(key);
      if (it == waits.end()) {
        action a;
        a.op = operation::wait_dependency;
        a.resource = d.service;
        a.service = d.service;
        a.cause = name + " depends on it";
        a.condition = d.condition;
        a.required = d.required;
        a.after = started[d.service];
        a.after.insert(a.after.end(), b.ready[d.service].begin(), b.ready[d.service].end());
        it = waits.emplace(key, b.add(std::move(a))).first;
      }
      start_after.push_back(it->second);
    }
    for (const auto& ps : b.starts[name]) started[name].push_back(start(b, name, ps, start_after));
    if (!restart_running) continue;
    for (const auto& rc : b.running[name]) {
      action a;
      a.op = operation::restart_container;
      a.resource = rc.name;
      a.cause = "dependency " + restarted_by->service + " recreated (restart: true)";
      a.service = name;
      a.container_id = rc.id;
      a.serialise_start = publishes_port_range(b.p.services.at(name));
      a.after = start_after;
      a.after.insert(a.after.end(), rc.after.begin(), rc.after.end());
      started[name].push_back(b.add(std::move(a)));
    }
  }
}

}  // namespace stackctl::deploy::planning
