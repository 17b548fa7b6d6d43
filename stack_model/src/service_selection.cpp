#include "stackctl/model/service_selection.hpp"

#include <iterator>
#include <set>
#include <stdexcept>
#include <variant>

#include <nlohmann/json.hpp>

#include "stackctl/model/service_graph.hpp"

namespace stackctl::model {

namespace {

using json = nlohmann::ordered_json;

// Keeps only the keys of `section` (networks, volumes, ...) in `used`, in the typed map and the document.
template <typename Map>
void prune(Map& typed, json& doc, const char* section, const std::set<std::string>& used) {
  for (auto it = typed.begin(); it != typed.end();) it = used.count(it->first) ? std::next(it) : typed.erase(it);
  if (!doc.contains(section)) return;
  json kept = json::object();
  for (auto& [k, v] : doc[section].items())
    if (used.count(k)) kept[k] = v;
  if (kept.empty()) doc.erase(section);
  else doc[section] = std::move(kept);
}

}  // namespace

void select_services(project& p, const std::vector<std::string>& names) {
  if (names.empty()) return;
  const auto closure = service_graph::from_project(p).closure(names);
  const std::set<std::string> keep(closure.begin(), closure.end());

  json doc = p.canonical ? *p.canonical : json::object();
  for (auto it = p.services.begin(); it != p.services.end();) {
    if (keep.count(it->first)) {
      ++it;
      continue;
    }
    if (doc.contains("services")) doc["services"].erase(it->first);
    p.disabled_services.insert(*it);
    it = p.services.erase(it);
  }

  // Resources only the dropped services used go too.
  std::set<std::string> networks, volumes, secrets, configs;
  for (const auto& [name, s] : p.services) {
    for (const auto& [n, _] : s.networks) networks.insert(n);
    for (const auto& m : s.volumes)
      if (const auto* v = std::get_if<volume_mount>(&m); v && !v->source.empty()) volumes.insert(v->source);
    for (const auto& r : s.secrets) secrets.insert(r.source);
    for (const auto& r : s.configs) configs.insert(r.source);
  }
  // Build secrets live only in the document.
  if (doc.contains("services"))
    for (auto& [name, svc] : doc["services"].items())
      if (svc.contains("build") && svc["build"].contains("secrets"))
        for (auto& r : svc["build"]["secrets"]) secrets.insert(r["source"].get<std::string>());
  prune(p.networks, doc, "networks", networks);
  prune(p.volumes, doc, "volumes", volumes);
  prune(p.secrets, doc, "secrets", secrets);
  prune(p.configs, doc, "configs", configs);
  p.canonical = std::make_shared<const json>(std::move(doc));
}

}  // namespace stackctl::model
