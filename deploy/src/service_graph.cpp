#include "service_graph.hpp"

#include <functional>
#include <sstream>

namespace stackctl::deploy {

std::vector<std::string> dependency_order(const std::map<std::string, std::set<std::string>>& graph) {
  std::vector<std::string> out;
  std::set<std::string> done, visiting;
  std::function<void(const std::string&)> visit = [&](const std::string& n) {
    if (done.count(n) || visiting.count(n)) return;  // cycles are rejected by the model loader
    visiting.insert(n);
    for (const auto& d : graph.at(n))
      if (graph.count(d)) visit(d);
    visiting.erase(n);
    done.insert(n);
    out.push_back(n);
  };
  for (const auto& [n, deps] : graph) visit(n);
  return out;
}

std::vector<std::string> dependency_order(const model::project& p, const std::vector<std::string>& services) {
  std::map<std::string, std::set<std::string>> graph;
  for (const auto& name : services) {
    auto& deps = graph[name];
    for (const auto& [dep, d] : p.services.at(name).depends_on) deps.insert(dep);
  }
  return dependency_order(graph);
}

std::vector<label_dependency> parse_depends_on_label(const std::string& value) {
  std::vector<label_dependency> out;
  std::stringstream ss(value);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    label_dependency d;
    auto c1 = item.find(':');
    d.service = item.substr(0, c1);
    if (c1 != std::string::npos) {
      auto c2 = item.find(':', c1 + 1);
      d.condition = item.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
      if (c2 != std::string::npos) d.restart = item.substr(c2 + 1) == "true";
    }
    if (d.condition.empty()) d.condition = "service_started";
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace stackctl::deploy
