// Containers: orphans, scale up and down, recreate (config hash, image, networks), the leftovers of
// an interrupted recreate, and the kept containers a network recreate stopped.
#include <algorithm>

#include <fmt/format.h>

#include "containers/orphan_warning.hpp"
#include "plan_builder.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/engine_requests.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/naming.hpp"
#include "stackctl/model/config_renderer.hpp"

namespace stackctl::deploy::planning {
namespace {

// What the planner knows of a service's desired container.
struct desired {
  const model::service& s;
  std::string hash, fields_label, image_id;
  bool has_files = false;  // content secrets/configs to copy in before each start
};

bool up_to_date(const engine::container_summary& c, const desired& d) {
  return c.label(labels::config_hash) == d.hash && (d.image_id.empty() || c.label(labels::image) == d.image_id);
}

// Why `c` must be recreated, or "" when it is up to date.
std::string divergence(const plan_builder& b, const engine::container_summary& c, const desired& d) {
  std::vector<std::string> why;
  if (c.label(labels::config_hash) != d.hash) {
    auto changed = changed_config_fields(c.label(labels::config_fields), d.fields_label);
    std::string keys;
    for (const auto& k : changed) keys += (keys.empty() ? "" : ", ") + k;
    why.push_back(keys.empty() ? "config hash changed" : "config hash changed: " + keys);
  }
  if (!d.image_id.empty() && c.label(labels::image) != d.image_id) why.emplace_back("image changed");
  // A running container that is not attached to every network of its service.
  if (c.run_state() == engine::container_run_state::running && d.s.network_mode.empty() && !c.networks.empty())
    for (const auto& [key, sn] : d.s.networks)
      if (const auto& name = network_name(b.p, key);
          std::find(c.networks.begin(), c.networks.end(), name) == c.networks.end())
        why.push_back("not on network " + name);
  std::string out;
  for (const auto& w : why) out += (out.empty() ? "" : "; ") + w;
  return out;
}

// A recreate interrupted between its create and its rename (SIGKILL, a lost connection) leaves two
// containers with one number, or the new one alone under its temporary name. Of each number keep
// the best — up to date, then properly named, then running — and return the others as extras.
std::vector<const engine::container_summary*> keep_one_per_number(
    std::vector<const engine::container_summary*>& existing, const model::project& p, const desired& d) {
  auto score = [&](const engine::container_summary& c) {
    return (up_to_date(c, d) ? 4 : 0) + (c.name() == container_name(p, d.s, number_of(c)) ? 2 : 0) +
           (c.run_state() == engine::container_run_state::running ? 1 : 0);
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

// Stop, then remove; returns the remove.
std::size_t stop_and_remove(plan_builder& b, const engine::container_summary& c, const std::string& cause,
                            std::vector<std::size_t> after = {}) {
  auto stop = container_action(operation::stop_container, c, cause);
  stop.after = std::move(after);
  auto stopped = b.add(std::move(stop));
  auto remove = container_action(operation::remove_container, c, cause);
  remove.after = {stopped};
  return b.add(std::move(remove));
}

// A kept container stopped by a network recreate: reconnected to that network; returns the connects.
std::vector<std::size_t> reconnect(plan_builder& b, const model::service& s, const engine::container_summary& c) {
  std::vector<std::size_t> connects;
  for (const auto& [key, sn] : s.networks) {
    auto it = b.recreated.find(key);
    if (it == b.recreated.end() || !it->second.disconnects.count(c.id)) continue;
    auto a = container_action(operation::connect_network, c, "network " + it->second.name + " recreated");
    a.network = it->second.name;
    a.key = key;
    a.after = {it->second.created, it->second.disconnects.at(c.id)};
    connects.push_back(b.add(std::move(a)));
  }
  return connects;
}

// Create `name` (under `create_as`, a recreate's temporary name) and connect its extra networks;
// returns the actions after which it exists with every network.
std::vector<std::size_t> create(plan_builder& b, const desired& d, int number, const std::string& create_as,
                                const std::string& cause, const std::vector<std::size_t>& after,
                                const std::string& replaces = {}) {
  action a;
  a.op = operation::create_container;
  a.resource = create_as;
  a.final_name = container_name(b.p, d.s, number);
  a.cause = cause;
  a.service = d.s.name;
  a.number = number;
  a.replaces = replaces;
  a.config_hash = d.hash;
  a.config_fields = d.fields_label;
  a.after = after;
  auto created = b.add(std::move(a));
  std::vector<std::size_t> done{created};
  for (const auto& extra : extra_networks(b.p, d.s, create_as, b.options.api_version)) {
    action c;
    c.op = operation::connect_network;
    c.resource = create_as;
    c.cause = fmt::format("API {} < 1.44: one network at create", b.options.api_version.to_string());
    c.service = d.s.name;
    c.number = number;
    c.network = extra.network;
    c.key = extra.key;
    c.after = {created};
    done.push_back(b.add(std::move(c)));
  }
  return done;
}

void plan_service(plan_builder& b, const std::string& name) {
  const auto& s = b.p.services.at(name);
  const int scale = b.scale_of(name);
  if (scale > 1 && !s.container_name.empty())
    throw deploy_error(deploy_error_kind::invalid,
                       fmt::format("service \"{}\" has container_name \"{}\" and cannot be scaled: container names "
                                   "must be unique",
                                   name, s.container_name));
  auto fingerprint = model::fingerprint_service(b.p, name);
  const desired d{s, fingerprint.hash, config_fields_label(fingerprint.fields), b.image_id_of(name),
                  !injected_files(b.p, s).empty()};

  // What a new container of this service waits for: its networks, volumes, directories and the
  // containers of the services it depends on.
  std::vector<std::size_t> create_after;
  for (const auto& [key, sn] : s.networks)
    if (auto it = b.network_ready.find(key); it != b.network_ready.end()) create_after.push_back(it->second);
  for (const auto& m : s.volumes) {
    if (const auto* v = std::get_if<model::volume_mount>(&m))
      if (auto it = b.volume_ready.find(v->source); it != b.volume_ready.end()) create_after.push_back(it->second);
    if (const auto* bm = std::get_if<model::bind_mount>(&m))
      if (auto it = b.directory_ready.find(bm->source); it != b.directory_ready.end())
        create_after.push_back(it->second);
  }
  for (const auto& [dep, _] : s.depends_on)
    for (auto idx : b.ready[dep]) create_after.push_back(idx);

  auto existing = b.by_service[name];
  int next_number = 1;
  for (const auto* c : existing) next_number = std::max(next_number, number_of(*c) + 1);
  // Extras of an interrupted recreate go first: one of them may hold the name a keeper needs.
  for (const auto* extra : keep_one_per_number(existing, b.p, d))
    create_after.push_back(stop_and_remove(b, *extra, "left by an interrupted recreate"));
  const int count = static_cast<int>(existing.size());

  for (int i = 0; i < count; ++i) {
    const auto& c = *existing[static_cast<std::size_t>(i)];
    const int number = number_of(c);
    if (i >= scale) {  // scale down: the highest numbers go
      stop_and_remove(b, c, fmt::format("scale {} → {}", count, scale));
      continue;
    }
    std::string why = b.options.recreate == recreate_policy::force      ? "--force-recreate"
                      : b.options.recreate == recreate_policy::diverged ? divergence(b, c, d)
                                                                        : std::string();
    const auto proper = container_name(b.p, s, number);
    if (!why.empty()) {
      // compose's recreate: create beside it under a temporary name, stop and remove the old one,
      // rename the new one.
      const auto temporary = temporary_name(c.id, proper);
      auto made = create(b, d, number, temporary, why, create_after, c.id);
      auto stop = container_action(operation::stop_container, c, "replaced by " + temporary);
      stop.after = made;
      stop.silent = true;
      auto stopped = b.add(std::move(stop));
      auto remove = container_action(operation::remove_container, c, "replaced by " + temporary);
      remove.after = {stopped};
      remove.silent = true;
      auto removed = b.add(std::move(remove));
      action rename;
      rename.op = operation::rename_container;
      rename.resource = temporary;
      rename.new_name = proper;
      rename.cause = "recreate";
      rename.service = name;
      rename.number = number;
      rename.after = {removed};
      auto renamed = b.add(std::move(rename));
      b.ready[name].push_back(renamed);
      b.starts[name].push_back({proper, "", "created", {renamed}});
      continue;
    }
    std::vector<std::size_t> start_after;
    if (c.name() != proper) {  // left under its temporary name by an interrupted recreate
      auto rename = container_action(operation::rename_container, c, "left under its temporary name");
      rename.new_name = proper;
      rename.after = create_after;
      start_after.push_back(b.add(std::move(rename)));
    }
    b.out.kept.push_back({name, proper, c.id, number});
    auto connects = reconnect(b, s, c);  // stopped by a network recreate: started again
    start_after.insert(start_after.end(), connects.begin(), connects.end());
    if (!connects.empty()) b.starts[name].push_back({proper, c.id, "network recreated", start_after});
    else if (c.run_state() != engine::container_run_state::running)
      b.starts[name].push_back({proper, c.id, c.state.empty() ? "not running" : c.state, start_after});
    else b.running[name].push_back({proper, c.id, "", start_after});
  }
  for (int n = std::min(count, std::max(scale, 0)); n < scale; ++n) {
    const int number = next_number++;
    const auto final_name = container_name(b.p, s, number);
    auto made = create(b, d, number, final_name, fmt::format("scale {} → {}", count, scale), create_after);
    b.ready[name].insert(b.ready[name].end(), made.begin(), made.end());
    b.starts[name].push_back({final_name, "", "created", made});
  }
}

}  // namespace

void plan_orphans(plan_builder& b) {
  // Containers of services the project does not know (disabled ones are not orphans).
  for (const auto& c : b.observed.containers) {
    auto svc = c.label(labels::service);
    if (c.label(labels::oneoff) == "True") continue;
    if (!b.p.services.count(svc) && !b.p.disabled_services.count(svc)) {
      b.out.orphans.push_back(c.name());
      if (b.options.remove_orphans) stop_and_remove(b, c, "orphan");
      continue;
    }
    b.by_service[svc].push_back(&c);
  }
  for (auto& [svc, containers] : b.by_service)
    std::stable_sort(containers.begin(), containers.end(),
                     [](const auto* x, const auto* y) { return number_of(*x) < number_of(*y); });
  std::sort(b.out.orphans.begin(), b.out.orphans.end());
  if (!b.out.orphans.empty() && !b.options.remove_orphans) {
    b.out.warnings.push_back(orphan_warning(b.out.orphans));
  }
}

void plan_containers(plan_builder& b) {
  for (const auto& name : b.order) plan_service(b, name);
}

void plan_outside_selection(plan_builder& b) {
  // Containers of services outside the selection on a recreated network: reconnected, and started
  // again when they were running.
  for (const auto& [svc, containers] : b.by_service) {
    if (b.selected_set.count(svc) || !b.p.services.count(svc)) continue;
    for (const auto* c : containers) {
      auto connects = reconnect(b, b.p.services.at(svc), *c);
      if (!connects.empty() && c->run_state() == engine::container_run_state::running)
        b.starts[svc].push_back({c->name(), c->id, "network recreated", connects});
    }
  }
}

}  // namespace stackctl::deploy::planning
