#include "stackctl/model/service_graph.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "stackctl/model/model_error.hpp"

namespace stackctl::model {

std::optional<dependency_condition> parse_dependency_condition(std::string_view text) {
  if (text == "service_started") return dependency_condition::started;
  if (text == "service_healthy") return dependency_condition::healthy;
  if (text == "service_completed_successfully") return dependency_condition::completed_successfully;
  return std::nullopt;
}

std::string_view to_string(dependency_condition condition) {
  switch (condition) {
    case dependency_condition::started: return "service_started";
    case dependency_condition::healthy: return "service_healthy";
    case dependency_condition::completed_successfully: return "service_completed_successfully";
  }
  return "?";
}

service_graph service_graph::from_project(const project& p) {
  service_graph g;
  for (const auto& [name, s] : p.services) {
    auto& deps = g.nodes_[name];
    for (const auto& [dep, d] : s.depends_on)  // the loader validated the condition
      deps.push_back({dep, parse_dependency_condition(d.condition).value_or(dependency_condition::started), d.required,
                      d.restart});
  }
  return g;
}

std::vector<std::string> service_graph::services() const {
  std::vector<std::string> out;
  for (const auto& [name, deps] : nodes_) out.push_back(name);
  return out;
}

const std::vector<dependency_edge>& service_graph::dependencies_of(const std::string& service) const {
  static const std::vector<dependency_edge> none;
  auto it = nodes_.find(service);
  return it == nodes_.end() ? none : it->second;
}

std::vector<std::string> service_graph::closure(const std::vector<std::string>& names, bool with_dependencies) const {
  std::vector<std::string> todo = names.empty() ? services() : names;
  for (const auto& name : todo)
    if (!contains(name)) throw unknown_service(name);
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

}  // namespace stackctl::model
