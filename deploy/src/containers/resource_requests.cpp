// Network and volume create requests, and what a recreate carries over from the old container.
#include <algorithm>
#include <set>

#include "stackctl/deploy/engine_requests.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/naming.hpp"

namespace stackctl::deploy {

engine::network_create_request network_request(const model::project& p, const std::string& key) {
  const auto& n = p.networks.at(key);
  engine::network_create_request r;
  r.name = n.name;
  r.check_duplicate = true;
  if (!n.driver.empty()) r.driver = n.driver;
  r.options = n.driver_opts;
  if (n.internal) r.internal = true;
  if (n.attachable) r.attachable = true;
  if (n.enable_ipv6) r.enable_ipv6 = *n.enable_ipv6;
  if (!n.ipam_driver.empty() || !n.ipam_config.empty() || !n.ipam_options.empty()) {
    engine::ipam ipam;
    if (!n.ipam_driver.empty()) ipam.driver = n.ipam_driver;
    for (const auto& pool : n.ipam_config) {
      engine::ipam_pool ep;
      if (!pool.subnet.empty()) ep.subnet = pool.subnet;
      if (!pool.gateway.empty()) ep.gateway = pool.gateway;
      if (!pool.ip_range.empty()) ep.ip_range = pool.ip_range;
      ep.aux_addresses = pool.aux_addresses;
      ipam.config.push_back(std::move(ep));
    }
    ipam.options = n.ipam_options;
    r.ipam = std::move(ipam);
  }
  r.labels = network_labels(p, n);
  return r;
}

engine::volume_create_request volume_request(const model::project& p, const std::string& key) {
  const auto& v = p.volumes.at(key);
  engine::volume_create_request r;
  r.name = v.name;
  if (!v.driver.empty()) r.driver = v.driver;
  r.driver_opts = v.driver_opts;
  r.labels = volume_labels(p, v);
  return r;
}

void inherit_anonymous_volumes(const model::project& p, const model::service& s, const engine::container_inspect& old,
                               engine::container_create_request& req) {
  // Targets the service mounts something at itself (an anonymous `- /path` volume excepted: it
  // takes the old container's volume as its source).
  std::set<std::string> taken, named;
  for (const auto& m : s.volumes) {
    const auto* v = std::get_if<model::volume_mount>(&m);
    if (v == nullptr || !v->source.empty()) taken.insert(model::mount_target(m));
  }
  for (const auto& t : s.tmpfs) taken.insert(t.substr(0, t.find(':')));
  for (const auto& [key, v] : p.volumes) named.insert(v.name);
  for (const auto& m : old.mounts) {
    if (m.type != "volume" || m.name.empty() || named.count(m.name) || taken.count(m.destination)) continue;
    auto same = std::find_if(req.host.mounts.begin(), req.host.mounts.end(),
                             [&](const engine::mount& x) { return x.target == m.destination; });
    if (same != req.host.mounts.end()) {
      if (same->type == engine::mount_type::volume && same->source.empty()) same->source = m.name;
      continue;
    }
    engine::mount em;
    em.type = engine::mount_type::volume;
    em.source = m.name;
    em.target = m.destination;
    em.read_only = !m.rw;
    req.host.mounts.push_back(std::move(em));
  }
  // Every volume now mounted by name that the old container had anonymously (or had inherited
  // itself), so `down -v` knows them as anonymous.
  std::string inherited;
  for (const auto& em : req.host.mounts)
    if (em.type == engine::mount_type::volume && !em.source.empty() && !named.count(em.source))
      inherited += (inherited.empty() ? "" : ",") + em.source;
  if (!inherited.empty()) req.config.labels[labels::inherited_volumes] = inherited;
}

}  // namespace stackctl::deploy
