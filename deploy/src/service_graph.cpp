#include "stackctl/deploy/service_graph.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>

#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/labels.hpp"

namespace stackctl::deploy {

dependency_condition parse_dependency_condition(std::string_view text) {
  if (text == "service_started") return dependency_condition::started;
  if (text == "service_healthy") return dependency_condition::healthy;
  if (text == "service_completed_successfully") return dependency_condition::completed_successfully;
  if (text == "running") return dependency_condition::running;
  throw deploy_error(deploy_error_kind::invalid, "unknown depends_on condition: " + std::string(text));
}

std::string_view to_string(dependency_condition condition) {
  switch (condition) {
    case dependency_condition::started: return "service_started";
    case dependency_condition::healthy: return "service_healthy";
    case dependency_condition::completed_successfully: return "service_completed_successfully";
    case dependency_condition::running: return "running";
  }
  return "?";
}

service_graph service_graph::from_project(const model::project& p) {
  service_graph g;
  for (const auto& [name, s] : p.services) {
    auto& deps = g.nodes_[name];
    for (const auto& [dep, d] : s.depends_on)
      deps.push_back({dep, parse_dependency_condition(d.condition), d.required, d.restart});
  }
  return g;
}

service_graph service_graph::from_containers(const std::vector<engine::container_summary>& containers,
                                             const model::project* project) {
  service_graph g;
  auto declared = project ? from_project(*project) : service_graph();
  for (const auto& c : containers) {
    auto svc = c.label(labels::service);
    if (g.nodes_.count(svc)) continue;
    g.nodes_[svc] =
        declared.contains(svc) ? declared.dependencies_of(svc) : parse_depends_on_label(c.label(labels::depends_on));
  }
  return g;
}

std::vector<std::string> service_graph::services() const {
  std::vector<std::string> out;
  for (const auto& [name, deps] : nodes_) out.push_back(name);
  return out;
}

const std::vector<dependency>& service_graph::dependencies_of(const std::string& service) const {
  static const std::vector<dependency> none;
  auto it = nodes_.find(service);
  return it == nodes_.end() ? none : it->second;
}

std::vector<std::string> service_graph::closure(const std::vector<std::string>& names, bool with_dependencies) const {
  std::vector<std::string> todo = names.empty() ? services() : names;
  for (const auto& name : todo)
    if (!contains(name)) throw deploy_error(deploy_error_kind::not_found, "no such service: " + name);
  std::set<std::string> seen;
  while (!todo.empty()) {
    auto name = std::move(todo.back());
    todo.pop_back();
    if (!contains(name) || !seen.insert(name).second) continue;  // a dependency outside the graph
    if (with_dependencies)
      for (const auto& d : dependencies_of(name)) todo.push_back(d.service);
  }
  return {seen.begin(), seen.end()};
}

std::vector<std::string> service_graph::start_order(const std::vector<std::string>& services) const {
  std::set<std::string> wanted(services.begin(), services.end());
  std::vector<std::string> out;
  std::set<std::string> done, visiting;
  std::function<void(const std::string&)> visit = [&](const std::string& n) {
    if (done.count(n) || visiting.count(n)) return;
    visiting.insert(n);
    for (const auto& d : dependencies_of(n))
      if (wanted.count(d.service)) visit(d.service);
    visiting.erase(n);
    done.insert(n);
    out.push_back(n);
  };
  for (const auto& n : wanted) visit(n);
  return out;
}

std::vector<std::vector<std::size_t>> service_graph::walk_order(const std::vector<std::string>& nodes,
                                                                bool reverse) const {
  std::map<std::string, std::vector<std::size_t>> by_service;
  for (std::size_t i = 0; i < nodes.size(); ++i) by_service[nodes[i]].push_back(i);
  std::vector<std::vector<std::size_t>> after(nodes.size());
  for (const auto& [service, indices] : by_service)
    for (const auto& d : dependencies_of(service)) {
      auto it = by_service.find(d.service);
      if (it == by_service.end() || d.service == service) continue;
      for (auto i : indices)
        for (auto j : it->second) {
          if (reverse) after[j].push_back(i);
          else after[i].push_back(j);
        }
    }
  return after;
}

std::vector<dependency> parse_depends_on_label(const std::string& value) {
  std::vector<dependency> out;
  std::stringstream ss(value);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    dependency d;
    auto c1 = item.find(':');
    d.service = item.substr(0, c1);
    if (c1 != std::string::npos) {
      auto c2 = item.find(':', c1 + 1);
      auto condition = item.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
      if (!condition.empty()) {
        try {
          d.condition = parse_dependency_condition(condition);
        } catch (const deploy_error&) {
          // a label written by a newer compose: order only
        }
      }
      if (c2 != std::string::npos) d.restart = item.substr(c2 + 1) == "true";
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace stackctl::deploy
