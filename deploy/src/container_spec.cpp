#include "stackctl/deploy/container_spec.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "stackctl/deploy/naming.hpp"

namespace stackctl::deploy {
namespace {

constexpr engine::api_version kAllNetworksAtCreate{1, 44};

// `service:x` → `container:<id>`; anything else unchanged.
std::string resolve_service_ref(const std::string& value, const container_context& ctx) {
  if (value.rfind("service:", 0) != 0) return value;
  auto svc = value.substr(8);
  auto it = ctx.service_container_ids.find(svc);
  if (it == ctx.service_container_ids.end())
    throw std::runtime_error(fmt::format("service \"{}\" has no container to share a namespace with", svc));
  return "container:" + it->second;
}

engine::health_config health(const model::healthcheck& h) {
  engine::health_config out;
  if (h.disable) {
    out.test = std::vector<std::string>{"NONE"};
    return out;
  }
  if (!h.test.empty()) out.test = h.test;
  out.interval = h.interval;
  out.timeout = h.timeout;
  out.start_period = h.start_period;
  out.start_interval = h.start_interval;
  if (h.retries) out.retries = static_cast<int>(*h.retries);
  return out;
}

engine::restart_policy restart(const model::service& s) {
  engine::restart_policy out;
  if (s.deploy && s.deploy->restart) {
    const auto& r = *s.deploy->restart;
    if (r.condition == "none") out.name = "no";
    else if (r.condition == "any" || r.condition.empty()) out.name = "always";
    else out.name = r.condition;  // on-failure
    if (r.max_attempts) out.maximum_retry_count = static_cast<int>(*r.max_attempts);
    return out;
  }
  auto colon = s.restart.find(':');
  out.name = s.restart.substr(0, colon);
  if (colon != std::string::npos) out.maximum_retry_count = std::stoi(s.restart.substr(colon + 1));
  return out;
}

void add_resources(const model::service& s, engine::resources& r) {
  if (!s.deploy) return;
  if (const auto& l = s.deploy->limits) {
    if (l->cpus) r.nano_cpus = static_cast<std::int64_t>(std::llround(*l->cpus * 1e9));
    r.memory = l->memory_bytes;
    r.pids_limit = l->pids;
  }
  if (const auto& res = s.deploy->reservations) {
    r.memory_reservation = res->memory_bytes;
    for (const auto& d : res->devices) {  // GPUs and other driver devices
      engine::device_request dr;
      dr.driver = d.driver;
      if (d.count) dr.count = static_cast<int>(*d.count);
      dr.device_ids = d.device_ids;
      if (!d.capabilities.empty()) dr.capabilities.push_back(d.capabilities);
      dr.options = d.options;
      if (!dr.count && dr.device_ids.empty()) dr.count = -1;  // compose: no count, no ids → all
      r.device_requests.push_back(std::move(dr));
    }
  }
}

// Compose's Binds-vs-Mounts rule (buildContainerVolumes): a bind that may create its host path and
// has no propagation/recursive option, and a plain named volume, go to the legacy Binds list.
void add_mounts(const model::project& p, const model::service& s, engine::host_config& host) {
  for (const auto& m : s.volumes) {
    if (const auto* b = std::get_if<model::bind_mount>(&m)) {
      if (b->create_host_path && b->propagation.empty() && b->recursive.empty()) {
        std::string opts = b->read_only ? "ro" : "rw";
        if (!b->selinux.empty()) opts += "," + b->selinux;
        host.binds.push_back(fmt::format("{}:{}:{}", b->source, b->target, opts));
        continue;
      }
      engine::mount em;
      em.type = engine::mount_type::bind;
      em.source = b->source;
      em.target = b->target;
      em.read_only = b->read_only;
      engine::bind_options bo;
      if (!b->propagation.empty()) bo.propagation = b->propagation;
      if (b->recursive == "disabled") bo.non_recursive = true;
      if (bo != engine::bind_options{}) em.bind = bo;
      if (!b->consistency.empty()) em.consistency = b->consistency;
      host.mounts.push_back(std::move(em));
    } else if (const auto* v = std::get_if<model::volume_mount>(&m)) {
      if (v->source.empty()) {  // anonymous volume
        engine::mount em;
        em.type = engine::mount_type::volume;
        em.target = v->target;
        em.read_only = v->read_only;
        host.mounts.push_back(std::move(em));
        continue;
      }
      const std::string& name = volume_name(p, v->source);
      if (!v->nocopy && v->subpath.empty() && v->labels.empty()) {
        host.binds.push_back(fmt::format("{}:{}:{}", name, v->target, v->read_only ? "ro" : "rw"));
        continue;
      }
      engine::mount em;
      em.type = engine::mount_type::volume;
      em.source = name;
      em.target = v->target;
      em.read_only = v->read_only;
      engine::volume_options vo;
      if (v->nocopy) vo.no_copy = true;
      vo.labels = v->labels;
      if (!v->subpath.empty()) vo.subpath = v->subpath;
      em.volume = vo;
      host.mounts.push_back(std::move(em));
    } else if (const auto* t = std::get_if<model::tmpfs_mount>(&m)) {
      engine::mount em;
      em.type = engine::mount_type::tmpfs;
      em.target = t->target;
      if (t->size_bytes || t->mode) em.tmpfs = engine::tmpfs_options{t->size_bytes, t->mode, {}};
      host.mounts.push_back(std::move(em));
    }
  }
  for (const auto& t : s.tmpfs) {  // service-level `tmpfs:` → HostConfig.Tmpfs
    auto colon = t.find(':');
    host.tmpfs[t.substr(0, colon)] = colon == std::string::npos ? "" : t.substr(colon + 1);
  }
  // File-based secrets and configs: read-only binds; the host path is never created.
  auto file_binds = [&](const std::vector<model::service_file_ref>& refs,
                        const std::map<std::string, model::file_object>& objects, bool secret) {
    for (const auto& ref : refs) {
      auto it = objects.find(ref.source);
      if (it == objects.end() || it->second.file.empty()) continue;
      std::string target = ref.target;
      if (target.empty()) target = secret ? "/run/secrets/" + ref.source : "/" + ref.source;
      else if (secret && target.front() != '/') target = "/run/secrets/" + target;
      engine::mount em;
      em.type = engine::mount_type::bind;
      em.source = it->second.file;
      em.target = target;
      em.read_only = true;
      host.mounts.push_back(std::move(em));
    }
  };
  file_binds(s.secrets, p.secrets, true);
  file_binds(s.configs, p.configs, false);
}

}  // namespace

std::vector<std::string> environment_list(const model::project& p, const model::service& s) {
  std::vector<std::string> out;
  for (const auto& [k, v] : s.environment) {
    if (v) {
      out.push_back(k + "=" + *v);
    } else if (auto it = p.environment.find(k); it != p.environment.end()) {
      out.push_back(k + "=" + it->second);
    }
  }
  return out;
}

std::vector<std::string> bind_sources_to_create(const model::service& s) {
  std::vector<std::string> out;
  for (const auto& m : s.volumes)
    if (const auto* b = std::get_if<model::bind_mount>(&m); b && b->create_host_path && !b->source.empty())
      out.push_back(b->source);
  return out;
}

std::vector<network_attachment> network_attachments(const model::project& p, const model::service& s,
                                                    const std::string& container_name) {
  std::vector<std::pair<std::string, const model::service_network*>> keys;
  for (const auto& [key, sn] : s.networks) keys.emplace_back(key, &sn);
  // Primary = highest priority; ties keep key order (std::map order, as compose sorts keys).
  std::stable_sort(keys.begin(), keys.end(),
                   [](const auto& a, const auto& b) { return a.second->priority > b.second->priority; });
  std::vector<network_attachment> out;
  for (const auto& [key, sn] : keys) {
    network_attachment a;
    a.network = network_name(p, key);
    a.endpoint.aliases.push_back(container_name);
    a.endpoint.aliases.push_back(s.name);
    for (const auto& alias : sn->aliases)
      if (std::find(a.endpoint.aliases.begin(), a.endpoint.aliases.end(), alias) == a.endpoint.aliases.end())
        a.endpoint.aliases.push_back(alias);
    if (!sn->ipv4_address.empty() || !sn->ipv6_address.empty() || !sn->link_local_ips.empty()) {
      engine::endpoint_ipam_config ipam;
      if (!sn->ipv4_address.empty()) ipam.ipv4_address = sn->ipv4_address;
      if (!sn->ipv6_address.empty()) ipam.ipv6_address = sn->ipv6_address;
      ipam.link_local_ips = sn->link_local_ips;
      a.endpoint.ipam_config = ipam;
    }
    a.endpoint.driver_opts = sn->driver_opts;
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<network_attachment> extra_networks(const model::project& p, const model::service& s,
                                               const std::string& container_name,
                                               engine::api_version version) {
  auto all = network_attachments(p, s, container_name);
  if (version >= kAllNetworksAtCreate || all.empty()) return {};
  all.erase(all.begin());
  return all;
}

engine::container_create_request make_create_request(const model::project& p, const model::service& s,
                                                     const container_context& ctx,
                                                     engine::api_version version) {
  engine::container_create_request req;
  auto& c = req.config;
  auto& h = req.host;
  c.image = s.image;
  if (s.command) c.cmd = *s.command;
  if (s.entrypoint) c.entrypoint = *s.entrypoint;
  c.env = environment_list(p, s);
  c.labels = container_labels(p, s, ctx.number, ctx.config_hash, ctx.image_id);
  if (!s.working_dir.empty()) c.working_dir = s.working_dir;
  if (!s.user.empty()) c.user = s.user;
  if (!s.hostname.empty()) c.hostname = s.hostname;
  if (!s.domainname.empty()) c.domainname = s.domainname;
  if (s.tty) c.tty = true;
  if (s.stdin_open) c.open_stdin = true;
  if (!s.stop_signal.empty()) c.stop_signal = s.stop_signal;
  if (s.stop_grace_period)
    c.stop_timeout = static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(*s.stop_grace_period).count());
  if (s.health) c.healthcheck = health(*s.health);

  // Ports: ExposedPorts = expose ∪ port targets; PortBindings per "<target>/<proto>".
  for (const auto& e : s.expose) c.exposed_ports.insert(e.find('/') == std::string::npos ? e + "/tcp" : e);
  for (const auto& port : s.ports) {
    auto key = fmt::format("{}/{}", port.target, port.protocol.empty() ? "tcp" : port.protocol);
    c.exposed_ports.insert(key);
    if (!h.port_bindings) h.port_bindings.emplace();
    (*h.port_bindings)[key].push_back(engine::port_binding{port.host_ip, port.published});
  }

  add_mounts(p, s, h);
  if (!s.restart.empty() || (s.deploy && s.deploy->restart)) h.restart_policy = restart(s);
  if (s.init) h.init = *s.init;
  h.cap_add = s.cap_add;
  h.cap_drop = s.cap_drop;
  h.security_opt = s.security_opt;
  h.sysctls = s.sysctls;
  h.dns = s.dns;
  h.dns_search = s.dns_search;
  h.dns_options = s.dns_opt;
  h.group_add = s.group_add;
  for (auto eh : s.extra_hosts) {  // the model keeps compose's "host=ip"; the engine wants "host:ip"
    if (auto eq = eh.find('='); eq != std::string::npos) eh[eq] = ':';
    h.extra_hosts.push_back(std::move(eh));
  }
  for (const auto& [name, u] : s.ulimits) {
    if (u.single) h.resources.ulimits.push_back(engine::ulimit{name, *u.single, *u.single});
    else h.resources.ulimits.push_back(engine::ulimit{name, u.soft, u.hard});
  }
  if (s.logging) h.log_config = engine::log_config{s.logging->driver, s.logging->options};
  if (s.privileged) h.privileged = true;
  if (s.read_only) h.readonly_rootfs = true;
  h.shm_size = s.shm_size;
  if (!s.ipc.empty()) h.ipc_mode = resolve_service_ref(s.ipc, ctx);
  if (!s.pid.empty()) h.pid_mode = resolve_service_ref(s.pid, ctx);
  if (!s.uts.empty()) h.uts_mode = s.uts;
  if (!s.userns_mode.empty()) h.userns_mode = s.userns_mode;
  if (!s.runtime.empty()) h.runtime = s.runtime;
  if (!s.cgroup_parent.empty()) h.resources.cgroup_parent = s.cgroup_parent;
  for (const auto& vf : s.volumes_from) {  // `svc[:mode]` → first container of svc
    auto colon = vf.find(':');
    auto svc = vf.substr(0, colon);
    auto mode = colon == std::string::npos ? std::string() : vf.substr(colon);
    if (svc.rfind("container:", 0) == 0) {
      h.volumes_from.push_back(svc.substr(10) + mode);
    } else if (auto it = ctx.service_container_ids.find(svc); it != ctx.service_container_ids.end()) {
      h.volumes_from.push_back(it->second + mode);
    }
  }
  add_resources(s, h.resources);

  // Networks: network_mode passes through (service:x resolved); otherwise the primary network is
  // the network mode and its endpoint goes in the body; others too from API 1.44.
  if (!s.network_mode.empty()) {
    if (s.network_mode == "disabled") c.network_disabled = true;
    else h.network_mode = resolve_service_ref(s.network_mode, ctx);
  } else {
    auto attachments = network_attachments(p, s, ctx.name);
    if (attachments.empty()) {
      h.network_mode = "none";
    } else {
      h.network_mode = attachments.front().network;
      for (std::size_t i = 0; i < attachments.size(); ++i) {
        if (i > 0 && version < kAllNetworksAtCreate) break;
        req.networking.endpoints[attachments[i].network] = attachments[i].endpoint;
      }
    }
  }
  return req;
}

}  // namespace stackctl::deploy
