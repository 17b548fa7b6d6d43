// Networks: create the missing ones; recreate one whose config-hash changed (compose's "network has
// been modified"): its project containers are stopped and disconnected, it is removed and created.
#include <algorithm>

#include "plan_builder.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/model/config_renderer.hpp"

namespace stackctl::deploy::planning {
namespace {

// A resource labelled with a config-hash other than `expected` (unlabelled ones are kept).
bool diverged(const std::map<std::string, std::string>& resource_labels, const std::string& expected) {
  auto it = resource_labels.find(labels::config_hash);
  return it != resource_labels.end() && it->second != expected;
}

bool on_network(const engine::container_summary& c, const std::string& network) {
  return std::find(c.networks.begin(), c.networks.end(), network) != c.networks.end();
}

void recreate(plan_builder& b, const std::string& key, const model::network& n) {
  const std::string cause = "config hash changed";
  const std::string stop_cause = "network " + n.name + " recreated";
  recreated_network r;
  r.name = n.name;
  std::vector<std::size_t> disconnects;
  for (const auto& c : b.observed.containers) {
    if (!b.p.services.count(c.label(labels::service)) || !on_network(c, n.name)) continue;
    auto stop = b.stopped_by_network.find(c.id);
    if (stop == b.stopped_by_network.end()) {
      auto a = container_action(operation::stop_container, c, stop_cause);
      a.tolerate_missing = true;
      stop = b.stopped_by_network.emplace(c.id, b.add(std::move(a))).first;
    }
    auto a = container_action(operation::disconnect_network, c, stop_cause);
    a.network = n.name;
    a.key = key;
    a.tolerate_missing = true;
    a.after = {stop->second};
    auto idx = b.add(std::move(a));
    r.disconnects[c.id] = idx;
    disconnects.push_back(idx);
  }
  action remove;
  remove.op = operation::remove_network;
  remove.resource = n.name;
  remove.key = key;
  remove.cause = cause;
  remove.after = disconnects;
  auto removed = b.add(std::move(remove));
  action create;
  create.op = operation::create_network;
  create.resource = n.name;
  create.key = key;
  create.cause = cause;
  create.after = {removed};
  r.created = b.network_ready[key] = b.add(std::move(create));
  b.recreated[key] = std::move(r);
}

}  // namespace

void plan_networks(plan_builder& b) {
  for (const auto& [key, n] : b.p.networks) {
    if (n.external) continue;
    // An init-capture, not the binding itself: clang before 16 cannot capture a structured binding.
    auto found = std::find_if(b.observed.networks.begin(), b.observed.networks.end(),
                              [&name = n.name](const engine::network_inspect& o) { return o.name == name; });
    if (found == b.observed.networks.end()) {
      action a;
      a.op = operation::create_network;
      a.resource = n.name;
      a.key = key;
      a.cause = "not found";
      b.network_ready[key] = b.add(std::move(a));
    } else if (diverged(found->labels, model::network_config_hash(b.p, key))) {
      recreate(b, key, n);
    }
  }
}

}  // namespace stackctl::deploy::planning
