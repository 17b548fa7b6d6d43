#pragma once
// Dependency order of services (private to deploy).
#include <map>
#include <set>
#include <string>
#include <vector>

#include "stackctl/model/project.hpp"

namespace stackctl::deploy {

// `services` sorted so every service comes after the ones it depends on (ties by name).
std::vector<std::string> dependency_order(const model::project& p, const std::vector<std::string>& services);

struct label_dependency {
  std::string service, condition;
  bool restart = false;
};

// A com.docker.compose.depends_on label ("svc:condition:restart,...") — what down/stop/start use
// when they work from labels alone.
std::vector<label_dependency> parse_depends_on_label(const std::string& value);

// Generic order over a graph given as node → dependencies (unknown dependencies ignored).
std::vector<std::string> dependency_order(const std::map<std::string, std::set<std::string>>& graph);

}  // namespace stackctl::deploy
