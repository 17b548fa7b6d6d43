#include "stackctl/deploy/plan.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "service_graph.hpp"
#include "stackctl/deploy/container_spec.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/naming.hpp"
#include "stackctl/model/config_renderer.hpp"

namespace stackctl::deploy {
namespace {

std::string label_of(const engine::container_summary& c, const char* key) {
  auto it = c.labels.find(key);
  return it == c.labels.end() ? std::string() : it->second;
}

int number_of(const engine::container_summary& c) {
  try {
    return std::stoi(label_of(c, labels::container_number));
  } catch (const std::exception&) {
    return 0;
  }
}

// The engine allocates host ports from a range racily: such starts are serialised.
bool publishes_port_range(const model::service& s) {
  return std::any_of(s.ports.begin(), s.ports.end(), [](const model::port& port) {
    return port.published.empty() || port.published.find('-') != std::string::npos;
  });
}

// A running container that is not attached to every network of its service is recreated.
bool on_every_network(const model::project& p, const model::service& s, const engine::container_summary& c) {
  if (!s.network_mode.empty() || c.networks.empty()) return true;  // empty: the list did not say
  for (const auto& [key, sn] : s.networks)
    if (std::find(c.networks.begin(), c.networks.end(), network_name(p, key)) == c.networks.end()) return false;
  return true;
}

bool up_to_date(const engine::container_summary& c, const std::string& hash, const std::string& image_id) {
  return label_of(c, labels::config_hash) == hash && (image_id.empty() || label_of(c, labels::image) == image_id);
}

// A recreate interrupted between its create and its rename (SIGKILL, a lost connection) leaves two
// containers with one number, or the new one alone under its temporary name. Of each number keep
// the best — up to date, then properly named, then running — and return the others as extras.
std::vector<const engine::container_summary*> keep_one_per_number(
    std::vector<const engine::container_summary*>& existing, const model::project& p, const model::service& s,
    const std::string& hash, const std::string& image_id) {
  auto score = [&](const engine::container_summary& c) {
    return (up_to_date(c, hash, image_id) ? 4 : 0) + (c.name() == container_name(p, s, number_of(c)) ? 2 : 0) +
           (c.state == "running" ? 1 : 0);
  };
  std::vector<const engine::container_summary*> kept, extras;
  for (const auto* c : existing) {
    if (kept.empty() || number_of(*kept.back()) != number_of(*c)) {
      kept.push_back(c);
    } else if (score(*c) > score(*kept.back())) {
      extras.push_back(kept.back());
      kept.back() = c;
    } else {
      extras.push_back(c);
    }
  }
  existing = std::move(kept);
  return extras;
}

// A network/volume labelled with a config-hash other than `expected` (unlabelled ones are kept).
bool diverged(const std::map<std::string, std::string>& resource_labels, const std::string& expected) {
  auto it = resource_labels.find(labels::config_hash);
  return it != resource_labels.end() && it->second != expected;
}

}  // namespace

std::string_view to_string(action_kind kind) {
  switch (kind) {
    case action_kind::create_network: return "create_network";
    case action_kind::create_volume: return "create_volume";
    case action_kind::make_directory: return "make_directory";
    case action_kind::create_container: return "create_container";
    case action_kind::recreate_container: return "recreate_container";
    case action_kind::remove_container: return "remove_container";
    case action_kind::start_container: return "start_container";
    case action_kind::wait_dependency: return "wait_dependency";
    case action_kind::restart_container: return "restart_container";
    case action_kind::rename_container: return "rename_container";
    case action_kind::recreate_network: return "recreate_network";
  }
  return "?";
}

std::size_t plan::count(action_kind kind) const {
  return static_cast<std::size_t>(
      std::count_if(actions.begin(), actions.end(), [&](const action& a) { return a.kind == kind; }));
}

std::vector<std::string> with_dependencies(const model::project& p, const std::vector<std::string>& services,
                                           bool no_deps) {
  std::vector<std::string> roots = services;
  if (roots.empty())
    for (const auto& [name, s] : p.services) roots.push_back(name);
  std::set<std::string> seen;
  std::vector<std::string> out;
  std::function<void(const std::string&)> visit = [&](const std::string& name) {
    if (!seen.insert(name).second) return;
    auto it = p.services.find(name);
    if (it == p.services.end()) throw std::runtime_error("no such service: " + name);
    if (!no_deps)
      for (const auto& [dep, d] : it->second.depends_on)
        if (p.services.count(dep)) visit(dep);
    out.push_back(name);
  };
  for (const auto& r : roots) visit(r);
  std::sort(out.begin(), out.end());
  return out;
}

plan make_plan(const model::project& p, const observed_state& observed,
               const std::map<std::string, std::string>& image_ids, const plan_options& options,
               const std::vector<std::string>& missing_dirs) {
  plan out;
  auto add = [&](action a) {
    out.actions.push_back(std::move(a));
    return out.actions.size() - 1;
  };
  auto selected = with_dependencies(p, options.services, true);
  std::set<std::string> selected_set(selected.begin(), selected.end());
  auto order = dependency_order(p, selected);

  // Networks and volumes the project declares (external ones are checked, never created).
  std::map<std::string, std::size_t> network_action, volume_action;
  std::map<std::string, std::size_t> recreated_networks;  // key → recreate_network action
  for (const auto& [key, n] : p.networks) {
    if (n.external) continue;
    auto found = std::find_if(observed.networks.begin(), observed.networks.end(),
                              [&](const engine::network_inspect& o) { return o.name == n.name; });
    bool exists = found != observed.networks.end();
    // compose's "network has been modified": a labelled network whose config-hash differs.
    if (exists && diverged(found->labels, model::network_config_hash(p, key))) {
      action a;
      a.kind = action_kind::recreate_network;
      a.resource = n.name;
      a.key = key;
      for (const auto& c : observed.containers)
        if (p.services.count(label_of(c, labels::service)) &&
            std::find(c.networks.begin(), c.networks.end(), n.name) != c.networks.end())
          a.attached.push_back({label_of(c, labels::service), c.name(), c.id, number_of(c), false});
      recreated_networks[key] = network_action[key] = add(std::move(a));
    }
    if (!exists) {
      action a;
      a.kind = action_kind::create_network;
      a.resource = n.name;
      a.key = key;
      network_action[key] = add(std::move(a));
    }
  }
  for (const auto& [key, v] : p.volumes) {
    if (v.external) continue;
    auto found = std::find_if(observed.volumes.begin(), observed.volumes.end(),
                              [&](const engine::volume& o) { return o.name == v.name; });
    bool exists = found != observed.volumes.end();
    if (exists && diverged(found->labels, model::volume_config_hash(p, key)))
      out.warnings.push_back(fmt::format(  // compose asks; without --yes it keeps the volume
          "Volume \"{}\" exists but doesn't match configuration in compose file. It is kept as it is: "
          "remove it (data will be lost) to recreate it",
          v.name));
    if (!exists) {
      action a;
      a.kind = action_kind::create_volume;
      a.resource = v.name;
      a.key = key;
      volume_action[key] = add(std::move(a));
    }
  }
  std::map<std::string, std::size_t> dir_action;
  if (options.create_host_paths) {
    std::set<std::string> missing(missing_dirs.begin(), missing_dirs.end());
    for (const auto& name : selected)
      for (const auto& dir : bind_sources_to_create(p.services.at(name)))
        if (missing.count(dir) && !dir_action.count(dir)) {
          action a;
          a.kind = action_kind::make_directory;
          a.resource = dir;
          dir_action[dir] = add(std::move(a));
        }
  }

  // Orphans: containers of services the project does not know (disabled ones are not orphans).
  std::map<std::string, std::vector<const engine::container_summary*>> by_service;
  for (const auto& c : observed.containers) {
    auto svc = label_of(c, labels::service);
    if (label_of(c, labels::oneoff) == "True") continue;
    if (!p.services.count(svc) && !p.disabled_services.count(svc)) {
      out.orphans.push_back(c.name());
      if (options.remove_orphans) {
        action a;
        a.kind = action_kind::remove_container;
        a.resource = c.name();
        a.service = svc;
        a.container_id = c.id;
        add(std::move(a));
      }
      continue;
    }
    by_service[svc].push_back(&c);
  }
  std::sort(out.orphans.begin(), out.orphans.end());
  if (!out.orphans.empty() && !options.remove_orphans) {
    std::string names;
    for (const auto& n : out.orphans) names += (names.empty() ? "" : ", ") + n;
    out.warnings.push_back("Found orphan containers ([" + names +
                           "]) for this project. If you removed or renamed this service in your compose "
                           "file, you can run this command with the --remove-orphans flag to clean it up.");
  }

  // Containers, service by service in dependency order.
  struct pending_start {
    std::string name, id;
    std::size_t create = SIZE_MAX;
    std::vector<std::size_t> networks;  // recreate_network actions it waits for (reconnected)
  };
  // Marks a kept container on a recreated network for reconnection; returns those actions.
  auto reconnect = [&](const model::service& svc, const engine::container_summary& c) {
    std::vector<std::size_t> after;
    for (const auto& [key, sn] : svc.networks)
      if (auto it = recreated_networks.find(key); it != recreated_networks.end())
        for (auto& ac : out.actions[it->second].attached)
          if (ac.id == c.id) {
            ac.reconnect = true;
            after.push_back(it->second);
          }
    return after;
  };
  std::map<std::string, std::vector<std::size_t>> creates;     // service → create/recreate actions
  std::map<std::string, std::vector<pending_start>> to_start;  // service → containers to start
  std::map<std::string, std::vector<pending_start>> running;   // service → kept running containers
  for (const auto& name : order) {
    const auto& s = p.services.at(name);
    int scale = s.replicas();
    if (auto it = options.scale.find(name); it != options.scale.end()) scale = it->second;
    if (scale > 1 && !s.container_name.empty())
      throw std::runtime_error("service \"" + name + "\" has container_name \"" + s.container_name +
                               "\" and cannot be scaled: container names must be unique");
    auto hash = model::config_hash(p, name);
    auto image_it = image_ids.find(name);
    std::string image_id = image_it == image_ids.end() ? std::string() : image_it->second;

    std::vector<std::size_t> create_after;
    for (const auto& [key, sn] : s.networks)
      if (auto it = network_action.find(key); it != network_action.end()) create_after.push_back(it->second);
    for (const auto& m : s.volumes) {
      if (const auto* v = std::get_if<model::volume_mount>(&m))
        if (auto it = volume_action.find(v->source); it != volume_action.end()) create_after.push_back(it->second);
      if (const auto* b = std::get_if<model::bind_mount>(&m))
        if (auto it = dir_action.find(b->source); it != dir_action.end()) create_after.push_back(it->second);
    }
    for (const auto& [dep, d] : s.depends_on)
      for (auto idx : creates[dep]) create_after.push_back(idx);

    auto existing = by_service[name];
    std::stable_sort(existing.begin(), existing.end(),
                     [](const auto* a, const auto* b) { return number_of(*a) < number_of(*b); });
    int next_number = 1;
    for (const auto* c : existing) next_number = std::max(next_number, number_of(*c) + 1);
    // Extras of an interrupted recreate go first: one of them may hold the name a keeper needs.
    for (const auto* extra : keep_one_per_number(existing, p, s, hash, image_id)) {
      action a;
      a.kind = action_kind::remove_container;
      a.resource = extra->name();
      a.service = name;
      a.number = number_of(*extra);
      a.container_id = extra->id;
      create_after.push_back(add(std::move(a)));
    }
    for (std::size_t i = 0; i < existing.size(); ++i) {
      const auto& c = *existing[i];
      if (static_cast<int>(i) >= scale) {  // scale down: the highest numbers go
        action a;
        a.kind = action_kind::remove_container;
        a.resource = c.name();
        a.service = name;
        a.number = number_of(c);
        a.container_id = c.id;
        add(std::move(a));
        continue;
      }
      bool diverged = label_of(c, labels::config_hash) != hash ||
                      (!image_id.empty() && label_of(c, labels::image) != image_id) ||
                      (c.state == "running" && !on_every_network(p, s, c));
      bool recreate =
          options.recreate == recreate_policy::force || (options.recreate == recreate_policy::diverged && diverged);
      if (recreate) {
        action a;
        a.kind = action_kind::recreate_container;
        a.resource = container_name(p, s, number_of(c));
        a.service = name;
        a.number = number_of(c);
        a.container_id = c.id;
        a.after = create_after;
        auto idx = add(std::move(a));
        creates[name].push_back(idx);
        to_start[name].push_back({out.actions[idx].resource, "", idx, {}});
      } else {
        auto proper = container_name(p, s, number_of(c));
        std::size_t renamed = SIZE_MAX;
        if (c.name() != proper) {  // left under its temporary name by an interrupted recreate
          action a;
          a.kind = action_kind::rename_container;
          a.resource = proper;
          a.service = name;
          a.number = number_of(c);
          a.container_id = c.id;
          a.after = create_after;
          renamed = add(std::move(a));
        }
        out.kept.push_back({name, proper, c.id, number_of(c)});
        auto networks = reconnect(s, c);  // stopped by a network recreate: started again
        if (c.state != "running" || !networks.empty()) to_start[name].push_back({proper, c.id, renamed, networks});
        else running[name].push_back({proper, c.id, renamed, {}});
      }
    }
    for (int n = static_cast<int>(std::min<std::size_t>(existing.size(), static_cast<std::size_t>(std::max(scale, 0))));
         n < scale; ++n) {
      action a;
      a.kind = action_kind::create_container;
      a.number = next_number++;
      a.resource = container_name(p, s, a.number);
      a.service = name;
      a.after = create_after;
      auto idx = add(std::move(a));
      creates[name].push_back(idx);
      to_start[name].push_back({out.actions[idx].resource, "", idx, {}});
    }
  }
  // Containers of services outside the selection on a recreated network: reconnected, and
  // started again when they were running.
  std::vector<std::pair<const engine::container_summary*, std::vector<std::size_t>>> outside;
  for (const auto& [svc, containers] : by_service)
    if (!selected_set.count(svc) && p.services.count(svc))
      for (const auto* c : containers)
        if (auto networks = reconnect(p.services.at(svc), *c); !networks.empty() && c->state == "running")
          outside.emplace_back(c, std::move(networks));
  if (options.no_start) return out;
  for (const auto& [c, networks] : outside) {
    action a;
    a.kind = action_kind::start_container;
    a.resource = c->name();
    a.service = label_of(*c, labels::service);
    a.container_id = c->id;
    a.serialise_start = publishes_port_range(p.services.at(a.service));
    a.after = networks;
    add(std::move(a));
  }

  // Start phase: a container starts after its creation and after the conditions of its service's
  // dependencies hold; a wait comes after the dependency's own starts.
  std::map<std::string, std::vector<std::size_t>> starts;
  std::map<std::tuple<std::string, std::string, bool>, std::size_t> waits;
  for (const auto& name : order) {
    const auto& s = p.services.at(name);
    // A dependency declared with `restart: true` that gets recreated restarts this service's
    // running containers once it is back (compose restarts such dependents).
    bool restart_running = std::any_of(s.depends_on.begin(), s.depends_on.end(),
                                       [&](const auto& e) { return e.second.restart && !creates[e.first].empty(); });
    if (to_start[name].empty() && !(restart_running && !running[name].empty())) continue;
    std::vector<std::size_t> start_after;
    for (const auto& [dep, d] : s.depends_on) {
      if (!selected_set.count(dep)) continue;  // --no-deps, or disabled by profiles
      int dep_scale = p.services.at(dep).replicas();
      if (auto it = options.scale.find(dep); it != options.scale.end()) dep_scale = it->second;
      if (dep_scale == 0) continue;
      auto key = std::make_tuple(dep, d.condition, d.required);
      auto it = waits.find(key);
      if (it == waits.end()) {
        action a;
        a.kind = action_kind::wait_dependency;
        a.resource = dep;
        a.service = dep;
        a.condition = d.condition;
        a.required = d.required;
        a.after = starts[dep];
        for (auto idx : creates[dep]) a.after.push_back(idx);
        it = waits.emplace(key, add(std::move(a))).first;
      }
      start_after.push_back(it->second);
    }
    for (const auto& ps : to_start[name]) {
      action a;
      a.kind = action_kind::start_container;
      a.resource = ps.name;
      a.service = name;
      a.container_id = ps.id;
      a.serialise_start = publishes_port_range(s);
      a.after = start_after;
      if (ps.create != SIZE_MAX) a.after.push_back(ps.create);
      a.after.insert(a.after.end(), ps.networks.begin(), ps.networks.end());
      starts[name].push_back(add(std::move(a)));
    }
    if (restart_running)
      for (const auto& rc : running[name]) {
        action a;
        a.kind = action_kind::restart_container;
        a.resource = rc.name;
        a.service = name;
        a.container_id = rc.id;
        a.serialise_start = publishes_port_range(s);
        a.after = start_after;
        if (rc.create != SIZE_MAX) a.after.push_back(rc.create);
        starts[name].push_back(add(std::move(a)));
      }
  }
  return out;
}

}  // namespace stackctl::deploy
