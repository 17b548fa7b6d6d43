#include "stackctl/deploy/engine_requests.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/labels.hpp"
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
    throw deploy_error(deploy_error_kind::not_found,
                       fmt::format("service \"{}\" has no container to share a namespace with", svc));
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

// compose's mapRestartPolicyCondition: deploy.restart_policy's words → the engine's; anything
// else (also "", the engine's default) unchanged.
std::string restart_mode(const std::string& condition) {
  if (condition == "none" || condition == "no") return "no";
  if (condition == "any" || condition == "always") return "always";
  return condition;  // on-failure, unless-stopped, ""
}

engine::restart_policy restart(const model::service& s) {
  engine::restart_policy out;
  if (s.deploy && s.deploy->restart) {  // wins over `restart:`
    const auto& r = *s.deploy->restart;
    out.name = restart_mode(r.condition);
    if (r.max_attempts) out.maximum_retry_count = static_cast<int>(*r.max_attempts);
    return out;
  }
  auto colon = s.restart.find(':');
  out.name = restart_mode(s.restart.substr(0, colon));
  if (colon != std::string::npos) out.maximum_retry_count = std::stoi(s.restart.substr(colon + 1));
  return out;
}

std::optional<std::int64_t> nonzero(const std::optional<std::int64_t>& v) { return v && *v != 0 ? v : std::nullopt; }

// cpus → NanoCpus (cpus × 10⁹). The model takes any float32, so a count of CPUs past the int64
// range of nano-CPUs (~9.2e9 CPUs) is an error here rather than an unchecked conversion
// (undefined behaviour; llround's result is unspecified and was sent as a negative NanoCpus).
std::int64_t nano_cpus(double cpus, const model::service& s) {
  const double nanos = std::round(cpus * 1e9);
  if (!(nanos > -0x1p63 && nanos < 0x1p63))  // ±2^63 exactly: the int64 range, NaN excluded
    throw deploy_error(deploy_error_kind::invalid,
                       fmt::format("service \"{}\": cpus {} is out of range (at most 9223372036 CPUs)", s.name, cpus));
  return static_cast<std::int64_t>(nanos);
}

// deploy.resources: limits (memory, cpus, pids) and reservations (memory, devices) override the
// service-level values when set.
void add_deploy_resources(const model::deploy_config& d, const model::service& s, engine::resources& r) {
  if (const auto& l = d.limits) {
    if (l->memory_bytes && *l->memory_bytes != 0) r.memory = l->memory_bytes;
    if (l->cpus && *l->cpus != 0) r.nano_cpus = nano_cpus(*l->cpus, s);
    if (l->pids && *l->pids > 0) r.pids_limit = l->pids;
  }
  if (const auto& res = d.reservations) {  // cpus reservations are swarm-only
    if (res->memory_bytes && *res->memory_bytes != 0) r.memory_reservation = res->memory_bytes;
    for (const auto& device : res->devices) {  // GPUs and other driver devices
      engine::device_request dr;
      dr.driver = device.driver;
      dr.count = device.count;
      dr.device_ids = device.device_ids;
      if (!device.capabilities.empty()) dr.capabilities.push_back(device.capabilities);
      dr.options = device.options;
      if (!dr.count && dr.device_ids.empty()) dr.count = -1;  // compose: no count, no ids → all
      r.device_requests.push_back(std::move(dr));
    }
  }
}

// compose's getDeployResources: each `gpus` entry after the reservations, with "gpu" added to its
// capabilities (`gpus: all` is one entry of count -1).
void add_gpu_requests(const model::service& s, engine::resources& r) {
  for (const auto& g : s.gpus) {
    engine::device_request dr;
    dr.driver = g.driver;
    dr.count = g.count;
    dr.device_ids = g.device_ids;
    auto caps = g.capabilities;
    caps.emplace_back("gpu");
    dr.capabilities.push_back(std::move(caps));
    dr.options = g.options;
    r.device_requests.push_back(std::move(dr));
  }
}

// compose's getDeployResources: the service-level fields, then deploy.resources limits (memory,
// cpus, pids) and reservations (memory, devices) override them when set.
void add_resources(const model::service& s, engine::resources& r) {
  r.memory = nonzero(s.mem_limit);
  r.memory_swap = nonzero(s.memswap_limit);
  r.memory_swappiness = nonzero(s.mem_swappiness);
  r.memory_reservation = nonzero(s.mem_reservation);
  r.oom_kill_disable = s.oom_kill_disable;  // compose always sends it
  r.cpu_period = nonzero(s.cpu_period);
  r.cpu_quota = nonzero(s.cpu_quota);
  r.cpu_shares = nonzero(s.cpu_shares);
  if (s.cpus && *s.cpus != 0) r.nano_cpus = nano_cpus(*s.cpus, s);
  if (!s.cpuset.empty()) r.cpuset_cpus = s.cpuset;
  r.device_cgroup_rules = s.device_cgroup_rules;
  r.pids_limit = nonzero(s.pids_limit);
  if (s.deploy) add_deploy_resources(*s.deploy, s, r);
  add_gpu_requests(s, r);
}

// compose's getLinks: for `svc[:alias]`, every container of svc as "<container>:<alias>",
// "<container>:<svc>-<n>" and "<container>:<project>-<svc>-<n>" (n = this container's number);
// external_links `name[:alias]` as "<name>:<alias>".
std::vector<std::string> links(const model::project& p, const model::service& s, const container_context& ctx) {
  std::vector<std::string> out;
  for (const auto& raw : s.links) {
    auto colon = raw.find(':');
    auto svc = raw.substr(0, colon);
    auto alias = colon == std::string::npos ? svc : raw.substr(colon + 1);
    auto it = ctx.service_container_names.find(svc);
    if (it == ctx.service_container_names.end()) continue;
    for (const auto& name : it->second) {
      out.push_back(fmt::format("{}:{}", name, alias));
      out.push_back(fmt::format("{}:{}-{}", name, svc, ctx.number));
      out.push_back(fmt::format("{}:{}-{}-{}", name, p.name, svc, ctx.number));
    }
  }
  for (const auto& raw : s.external_links) {
    auto colon = raw.find(':');
    out.push_back(fmt::format("{}:{}", raw.substr(0, colon), colon == std::string::npos ? raw : raw.substr(colon + 1)));
  }
  return out;
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

// compose's prepareContainerMACAddress: from API 1.44 each endpoint carries its network's
// mac_address and the primary one the service-level mac_address; below 1.44 only the container
// config has a place for one (the service's, else the primary network's).
void set_mac_addresses(const model::service& s, std::vector<network_attachment>& attachments,
                       engine::container_config& c, engine::api_version version) {
  const auto& primary = s.networks.at(attachments.front().key);
  if (!s.mac_address.empty() && !primary.mac_address.empty() && primary.mac_address != s.mac_address)
    throw deploy_error(
        deploy_error_kind::invalid,
        fmt::format("the service-level mac_address should have the same value as network {}", attachments.front().key));
  if (version >= kAllNetworksAtCreate) {
    for (auto& a : attachments)
      if (const auto& mac = s.networks.at(a.key).mac_address; !mac.empty()) a.endpoint.mac_address = mac;
    if (!s.mac_address.empty()) attachments.front().endpoint.mac_address = s.mac_address;
    return;
  }
  std::vector<std::string> with_mac;
  for (const auto& [key, sn] : s.networks)
    if (!sn.mac_address.empty()) with_mac.push_back(key);
  if (with_mac.size() > 1 || (with_mac.size() == 1 && with_mac.front() != attachments.front().key)) {
    std::string names;
    for (const auto& n : with_mac) names += (names.empty() ? "" : ", ") + n;
    throw deploy_error(
        deploy_error_kind::invalid,
        fmt::format("a MAC address is specified for {} ({}), but this feature requires Docker Engine v25 or later",
                    with_mac.size() > 1 ? "multiple networks" : "a network that is not the primary one", names));
  }
  if (!s.mac_address.empty()) c.mac_address = s.mac_address;
  else if (!primary.mac_address.empty()) c.mac_address = primary.mac_address;
}

}  // namespace

std::vector<std::string> environment_list(const model::project& p, const model::service& s) {
  std::vector<std::string> out;
  for (const auto& [k, v] : s.environment) {
    if (v) {
      out.push_back(k + "=" + *v);
    } else if (auto it = p.environment.find(k); it != p.environment.end()) {
      out.push_back(k + "=" + it->second);
    } else {
      out.push_back(k);  // set nowhere: a bare KEY unsets it (the image's value does not leak in)
    }
  }
  return out;
}

std::vector<injected_file> injected_files(const model::project& p, const model::service& s) {
  std::vector<injected_file> out;
  auto add = [&](const std::vector<model::service_file_ref>& refs,
                 const std::map<std::string, model::file_object>& objects, bool secret) {
    const char* kind = secret ? "secret" : "config";
    for (const auto& ref : refs) {
      auto it = objects.find(ref.source);
      if (it == objects.end()) continue;
      const auto& object = it->second;
      std::string content;
      if (!object.content.empty()) {
        content = object.content;
      } else if (!object.environment.empty()) {
        auto env = p.environment.find(object.environment);
        if (env == p.environment.end())
          throw deploy_error(deploy_error_kind::invalid,
                             fmt::format("environment variable \"{}\" required by {} \"{}\" is not set",
                                         object.environment, kind, object.key));
        content = env->second;
      }
      if (content.empty()) continue;  // a file (bind-mounted) or nothing to write
      if (s.read_only)
        throw deploy_error(
            deploy_error_kind::invalid,
            fmt::format("cannot create {} \"{}\" in read-only service {}: `file` is the sole supported option", kind,
                        object.key, s.name));
      injected_file f;
      f.kind = kind;
      f.name = object.key;
      std::string target = ref.target;
      if (target.empty()) target = secret ? "/run/secrets/" + ref.source : "/" + ref.source;
      else if (secret && target.front() != '/') target = "/run/secrets/" + target;
      f.entry.name = target;
      f.entry.content = std::move(content);
      f.entry.mode = ref.mode ? *ref.mode : 0444;
      auto id = [&](const std::string& v, const char* what) -> std::int64_t {
        if (v.empty()) return 0;
        try {
          std::size_t used = 0;
          auto n = std::stoll(v, &used);
          if (used == v.size()) return n;
        } catch (const std::exception&) {
        }
        throw deploy_error(deploy_error_kind::invalid, fmt::format("{} \"{}\" of service {}: {} \"{}\" is not a number",
                                                                   kind, object.key, s.name, what, v));
      };
      f.entry.uid = id(ref.uid, "uid");
      f.entry.gid = id(ref.gid, "gid");
      f.copy_uid_gid = !ref.uid.empty() || !ref.gid.empty();
      out.push_back(std::move(f));
    }
  };
  add(s.secrets, p.secrets, true);
  add(s.configs, p.configs, false);
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
    a.key = key;
    a.network = network_name(p, key);
    a.endpoint.aliases.push_back(container_name);
    a.endpoint.aliases.push_back(s.name);
    for (const auto& alias : sn->aliases)
      if (std::find(a.endpoint.aliases.begin(), a.endpoint.aliases.end(), alias) == a.endpoint.aliases.end())
        a.endpoint.aliases.push_back(alias);
    // compose sends IPAMConfig for every network the service configures with a mapping ({} when
    // it has no address).
    if (sn->has_config || !sn->ipv4_address.empty() || !sn->ipv6_address.empty() || !sn->link_local_ips.empty()) {
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

engine::endpoint_settings endpoint_on(const model::project& p, const model::service& s, const std::string& key,
                                      const container_context& ctx, engine::api_version version) {
  auto attachments = network_attachments(p, s, ctx.name);
  auto it = std::find_if(attachments.begin(), attachments.end(), [&](const auto& a) { return a.key == key; });
  if (it == attachments.end())
    throw deploy_error(deploy_error_kind::invalid, fmt::format("service \"{}\" is not on network \"{}\"", s.name, key));
  if (version >= kAllNetworksAtCreate) {
    engine::container_config unused;
    set_mac_addresses(s, attachments, unused, version);
  }
  it->endpoint.links = links(p, s, ctx);
  return it->endpoint;
}

std::vector<network_attachment> extra_networks(const model::project& p, const model::service& s,
                                               const std::string& container_name, engine::api_version version) {
  auto all = network_attachments(p, s, container_name);
  if (version >= kAllNetworksAtCreate || all.empty()) return {};
  all.erase(all.begin());
  return all;
}

engine::container_create_request make_create_request(const model::project& p, const model::service& s,
                                                     const container_context& ctx, engine::api_version version) {
  engine::container_create_request req;
  auto& c = req.config;
  auto& h = req.host;
  c.image = s.image;
  if (s.command) c.cmd = *s.command;
  if (s.entrypoint) c.entrypoint = *s.entrypoint;
  c.env = environment_list(p, s);
  c.labels = container_labels(p, s, ctx.number, ctx.config_hash, ctx.image_id);
  if (!ctx.config_fields.empty()) c.labels[labels::config_fields] = ctx.config_fields;
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
  c.attach_stdout = true;  // as compose sends them (its containers' inspect shows true)
  c.attach_stderr = true;

  // Ports: ExposedPorts = expose ∪ port targets; PortBindings per "<target>/<proto>".
  for (const auto& e : s.expose) c.exposed_ports.insert(e.find('/') == std::string::npos ? e + "/tcp" : e);
  auto& bindings = h.port_bindings.emplace();  // compose sends {} when nothing is published
  for (const auto& port : s.ports) {
    auto key = fmt::format("{}/{}", port.target, port.protocol.empty() ? "tcp" : port.protocol);
    c.exposed_ports.insert(key);
    bindings[key].push_back(engine::port_binding{port.host_ip, port.published});
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
  if (!s.cgroup.empty()) h.cgroupns_mode = s.cgroup;  // host|private (API 1.41)
  if (s.oom_score_adj && *s.oom_score_adj != 0) h.oom_score_adj = *s.oom_score_adj;
  h.links = links(p, s, ctx);
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
    // compose: with a network_mode only an API below 1.44 has a place for the MAC address.
    if (!s.mac_address.empty() && version < kAllNetworksAtCreate) c.mac_address = s.mac_address;
  } else {
    auto attachments = network_attachments(p, s, ctx.name);
    if (attachments.empty()) {
      h.network_mode = "none";
    } else {
      set_mac_addresses(s, attachments, c, version);
      h.network_mode = attachments.front().network;
      for (std::size_t i = 0; i < attachments.size(); ++i) {
        if (i > 0 && version < kAllNetworksAtCreate) break;
        attachments[i].endpoint.links = h.links;
        req.networking.endpoints[attachments[i].network] = attachments[i].endpoint;
      }
    }
  }
  return req;
}

}  // namespace stackctl::deploy
