#include "typed_project.hpp"

#include <set>

#include "go_format.hpp"

namespace stackctl::model {

const std::string& mount_target(const mount& m) {
  return std::visit([](const auto& x) -> const std::string& { return x.target; }, m);
}

int service::replicas() const {
  if (scale) return *scale;
  if (deploy && deploy->replicas) return *deploy->replicas;
  return 1;
}

namespace detail {

namespace {
using json = nlohmann::ordered_json;

std::string s(const json& j, const char* k) {
  return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string();
}
std::vector<std::string> list(const json& j, const char* k) {
  std::vector<std::string> out;
  if (j.contains(k) && j[k].is_array())
    for (auto& v : j[k]) out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}
std::map<std::string, std::string> smap(const json& j, const char* k) {
  std::map<std::string, std::string> out;
  if (j.contains(k) && j[k].is_object())
    for (auto& [key, v] : j[k].items()) out[key] = v.is_string() ? v.get<std::string>() : std::string();
  return out;
}
std::optional<duration> dur(const json& j, const char* k) {
  if (!j.contains(k) || !j[k].is_string()) return std::nullopt;
  return parse_duration(j[k].get<std::string>());
}
std::optional<std::int64_t> bytes(const json& j, const char* k) {
  if (!j.contains(k)) return std::nullopt;
  return std::stoll(j[k].get<std::string>());
}
bool b(const json& j, const char* k) { return j.contains(k) && j[k].is_boolean() && j[k].get<bool>(); }

device_request typed_device_request(const json& d) {
  device_request dr;
  dr.capabilities = list(d, "capabilities");
  dr.driver = s(d, "driver");
  if (d.contains("count")) dr.count = d["count"].get<std::int64_t>();
  dr.device_ids = list(d, "device_ids");
  dr.options = smap(d, "options");
  return dr;
}

resource typed_resource(const json& r) {
  resource out;
  if (r.contains("cpus")) out.cpus = r["cpus"].get<double>();
  out.memory_bytes = bytes(r, "memory");
  if (r.contains("pids")) out.pids = r["pids"].get<std::int64_t>();
  if (r.contains("devices"))
    for (auto& d : r["devices"]) out.devices.push_back(typed_device_request(d));
  return out;
}

std::vector<service_file_ref> refs(const json& j, const char* k) {
  std::vector<service_file_ref> out;
  if (!j.contains(k)) return out;
  for (auto& r : j[k]) {
    service_file_ref ref;
    ref.source = s(r, "source");
    ref.target = s(r, "target");
    ref.uid = s(r, "uid");
    ref.gid = s(r, "gid");
    if (r.contains("mode")) ref.mode = static_cast<std::uint32_t>(std::stoul(r["mode"].get<std::string>(), nullptr, 8));
    out.push_back(std::move(ref));
  }
  return out;
}

std::vector<service_hook> hooks(const json& j, const char* k) {
  std::vector<service_hook> out;
  if (!j.contains(k)) return out;
  for (auto& h : j[k]) {
    service_hook hook;
    hook.command = list(h, "command");
    hook.user = s(h, "user");
    hook.privileged = b(h, "privileged");
    hook.working_dir = s(h, "working_dir");
    if (h.contains("environment"))
      for (auto& [key, v] : h["environment"].items())
        hook.environment[key] = v.is_string() ? std::optional<std::string>(v.get<std::string>()) : std::nullopt;
    out.push_back(std::move(hook));
  }
  return out;
}
}  // namespace

service typed_service(const std::string& name, const json& j) {
  service sv;
  sv.name = name;
  sv.profiles = list(j, "profiles");
  sv.image = s(j, "image");
  if (j.contains("build")) {
    const json& bj = j["build"];
    build_config bc;
    bc.context = s(bj, "context");
    bc.dockerfile = s(bj, "dockerfile");
    bc.dockerfile_inline = s(bj, "dockerfile_inline");
    if (bj.contains("args"))
      for (auto& [k, v] : bj["args"].items())
        bc.args[k] = v.is_string() ? std::optional<std::string>(v.get<std::string>()) : std::nullopt;
    bc.target = s(bj, "target");
    bc.network = s(bj, "network");
    bc.labels = smap(bj, "labels");
    bc.tags = list(bj, "tags");
    bc.platforms = list(bj, "platforms");
    bc.cache_from = list(bj, "cache_from");
    bc.additional_contexts = smap(bj, "additional_contexts");
    sv.build = std::move(bc);
  }
  if (j.contains("command") && j["command"].is_array()) sv.command = list(j, "command");
  if (j.contains("entrypoint") && j["entrypoint"].is_array()) sv.entrypoint = list(j, "entrypoint");
  if (j.contains("environment"))
    for (auto& [k, v] : j["environment"].items())
      sv.environment[k] = v.is_string() ? std::optional<std::string>(v.get<std::string>()) : std::nullopt;
  if (j.contains("ports"))
    for (auto& pj : j["ports"]) {
      port p;
      p.name = s(pj, "name");
      p.mode = s(pj, "mode");
      p.host_ip = s(pj, "host_ip");
      p.target = pj["target"].get<std::uint32_t>();
      p.published = s(pj, "published");
      p.protocol = s(pj, "protocol");
      p.app_protocol = s(pj, "app_protocol");
      sv.ports.push_back(std::move(p));
    }
  sv.expose = list(j, "expose");
  if (j.contains("volumes"))
    for (auto& m : j["volumes"]) {
      const std::string type = s(m, "type");
      if (type == "bind") {
        bind_mount bm;
        bm.source = s(m, "source");
        bm.target = s(m, "target");
        bm.read_only = b(m, "read_only");
        bm.consistency = s(m, "consistency");
        if (m.contains("bind")) {
          const json& o = m["bind"];
          bm.propagation = s(o, "propagation");
          bm.selinux = s(o, "selinux");
          bm.recursive = s(o, "recursive");
          if (o.contains("create_host_path")) bm.create_host_path = o["create_host_path"].get<bool>();
        }
        sv.volumes.emplace_back(std::move(bm));
      } else if (type == "tmpfs") {
        tmpfs_mount tm;
        tm.target = s(m, "target");
        if (m.contains("tmpfs")) {
          tm.size_bytes = bytes(m["tmpfs"], "size");
          if (m["tmpfs"].contains("mode")) tm.mode = m["tmpfs"]["mode"].get<std::uint32_t>();
        }
        sv.volumes.emplace_back(std::move(tm));
      } else {
        volume_mount vm;
        vm.source = s(m, "source");
        vm.target = s(m, "target");
        vm.read_only = b(m, "read_only");
        if (m.contains("volume")) {
          vm.nocopy = b(m["volume"], "nocopy");
          vm.subpath = s(m["volume"], "subpath");
          vm.labels = smap(m["volume"], "labels");
        }
        sv.volumes.emplace_back(std::move(vm));
      }
    }
  sv.tmpfs = list(j, "tmpfs");
  if (j.contains("networks"))
    for (auto& [k, v] : j["networks"].items()) {
      service_network n;
      if (v.is_object()) {
        n.has_config = true;
        n.aliases = list(v, "aliases");
        n.ipv4_address = s(v, "ipv4_address");
        n.ipv6_address = s(v, "ipv6_address");
        n.mac_address = s(v, "mac_address");
        n.interface_name = s(v, "interface_name");
        n.link_local_ips = list(v, "link_local_ips");
        n.driver_opts = smap(v, "driver_opts");
        if (v.contains("priority")) n.priority = v["priority"].get<int>();
        if (v.contains("gw_priority")) n.gw_priority = v["gw_priority"].get<int>();
      }
      sv.networks[k] = std::move(n);
    }
  sv.network_mode = s(j, "network_mode");
  if (j.contains("depends_on"))
    for (auto& [k, v] : j["depends_on"].items())
      sv.depends_on[k] = dependency{s(v, "condition"), b(v, "restart"), v["required"].get<bool>()};
  if (j.contains("healthcheck")) {
    const json& h = j["healthcheck"];
    healthcheck hc;
    hc.test = list(h, "test");
    hc.timeout = dur(h, "timeout");
    hc.interval = dur(h, "interval");
    hc.start_period = dur(h, "start_period");
    hc.start_interval = dur(h, "start_interval");
    if (h.contains("retries")) hc.retries = h["retries"].get<std::uint64_t>();
    hc.disable = b(h, "disable");
    sv.health = std::move(hc);
  }
  sv.restart = s(j, "restart");
  if (j.contains("deploy")) {
    const json& d = j["deploy"];
    deploy_config dc;
    dc.mode = s(d, "mode");
    if (d.contains("replicas")) dc.replicas = d["replicas"].get<int>();
    dc.labels = smap(d, "labels");
    if (d.contains("resources")) {
      if (d["resources"].contains("limits")) dc.limits = typed_resource(d["resources"]["limits"]);
      if (d["resources"].contains("reservations")) dc.reservations = typed_resource(d["resources"]["reservations"]);
    }
    if (d.contains("restart_policy")) {
      const json& r = d["restart_policy"];
      restart_policy rp;
      rp.condition = s(r, "condition");
      rp.delay = dur(r, "delay");
      rp.window = dur(r, "window");
      if (r.contains("max_attempts")) rp.max_attempts = r["max_attempts"].get<std::uint64_t>();
      dc.restart = std::move(rp);
    }
    if (d.contains("placement")) dc.placement_constraints = list(d["placement"], "constraints");
    dc.endpoint_mode = s(d, "endpoint_mode");
    sv.deploy = std::move(dc);
  }
  sv.labels = smap(j, "labels");
  sv.annotations = smap(j, "annotations");
  sv.container_name = s(j, "container_name");
  sv.hostname = s(j, "hostname");
  sv.domainname = s(j, "domainname");
  sv.user = s(j, "user");
  sv.working_dir = s(j, "working_dir");
  sv.stop_signal = s(j, "stop_signal");
  sv.stop_grace_period = dur(j, "stop_grace_period");
  if (j.contains("init")) sv.init = j["init"].get<bool>();
  sv.privileged = b(j, "privileged");
  sv.read_only = b(j, "read_only");
  sv.tty = b(j, "tty");
  sv.stdin_open = b(j, "stdin_open");
  sv.cap_add = list(j, "cap_add");
  sv.cap_drop = list(j, "cap_drop");
  sv.security_opt = list(j, "security_opt");
  sv.dns = list(j, "dns");
  sv.dns_search = list(j, "dns_search");
  sv.dns_opt = list(j, "dns_opt");
  sv.extra_hosts = list(j, "extra_hosts");
  if (j.contains("gpus"))
    for (auto& g : j["gpus"]) sv.gpus.push_back(typed_device_request(g));
  sv.sysctls = smap(j, "sysctls");
  if (j.contains("ulimits"))
    for (auto& [k, v] : j["ulimits"].items()) {
      ulimit u;
      if (v.is_number()) u.single = v.get<std::int64_t>(), u.soft = u.hard = *u.single;
      else {
        if (v.contains("soft")) u.soft = v["soft"].get<std::int64_t>();
        if (v.contains("hard")) u.hard = v["hard"].get<std::int64_t>();
      }
      sv.ulimits[k] = u;
    }
  sv.shm_size = bytes(j, "shm_size");
  if (j.contains("logging")) sv.logging = logging_config{s(j["logging"], "driver"), smap(j["logging"], "options")};
  sv.platform = s(j, "platform");
  sv.pull_policy = s(j, "pull_policy");
  sv.ipc = s(j, "ipc");
  sv.pid = s(j, "pid");
  sv.uts = s(j, "uts");
  sv.cgroup_parent = s(j, "cgroup_parent");
  sv.runtime = s(j, "runtime");
  sv.userns_mode = s(j, "userns_mode");
  if (j.contains("scale")) sv.scale = j["scale"].get<int>();
  sv.secrets = refs(j, "secrets");
  sv.configs = refs(j, "configs");
  sv.links = list(j, "links");
  sv.external_links = list(j, "external_links");
  sv.volumes_from = list(j, "volumes_from");
  sv.group_add = list(j, "group_add");
  sv.mem_limit = bytes(j, "mem_limit");
  sv.memswap_limit = bytes(j, "memswap_limit");
  sv.mem_reservation = bytes(j, "mem_reservation");
  sv.mem_swappiness = bytes(j, "mem_swappiness");
  if (j.contains("cpus")) sv.cpus = j["cpus"].get<double>();
  for (auto [key, into] : {std::pair{"cpu_shares", &sv.cpu_shares}, std::pair{"cpu_period", &sv.cpu_period},
                           std::pair{"cpu_quota", &sv.cpu_quota}, std::pair{"pids_limit", &sv.pids_limit}})
    if (j.contains(key)) *into = j[key].get<std::int64_t>();
  sv.cpuset = s(j, "cpuset");
  if (j.contains("oom_score_adj")) sv.oom_score_adj = j["oom_score_adj"].get<int>();
  sv.oom_kill_disable = b(j, "oom_kill_disable");
  sv.device_cgroup_rules = list(j, "device_cgroup_rules");
  sv.cgroup = s(j, "cgroup");
  sv.mac_address = s(j, "mac_address");
  sv.post_start = hooks(j, "post_start");
  sv.pre_stop = hooks(j, "pre_stop");
  return sv;
}

void fill_typed(project& p, const json& doc, const json& disabled) {
  std::set<std::string> profiles;
  auto collect = [&](const json& services, std::map<std::string, service>& into) {
    for (auto& [name, j] : services.items()) {
      into[name] = typed_service(name, j);
      for (auto& pr : into[name].profiles) profiles.insert(pr);
    }
  };
  if (doc.contains("services")) collect(doc["services"], p.services);
  collect(disabled, p.disabled_services);
  p.all_profiles.assign(profiles.begin(), profiles.end());
  if (doc.contains("networks"))
    for (auto& [k, j] : doc["networks"].items()) {
      network n;
      n.key = k;
      n.name = s(j, "name");
      n.driver = s(j, "driver");
      n.driver_opts = smap(j, "driver_opts");
      if (j.contains("ipam") && j["ipam"].is_object()) {
        n.ipam_driver = s(j["ipam"], "driver");
        n.ipam_options = smap(j["ipam"], "options");
        if (j["ipam"].contains("config"))
          for (auto& c : j["ipam"]["config"])
            n.ipam_config.push_back(
                ipam_pool{s(c, "subnet"), s(c, "gateway"), s(c, "ip_range"), smap(c, "aux_addresses")});
      }
      n.external = b(j, "external");
      n.internal = b(j, "internal");
      n.attachable = b(j, "attachable");
      if (j.contains("enable_ipv4")) n.enable_ipv4 = j["enable_ipv4"].get<bool>();
      if (j.contains("enable_ipv6")) n.enable_ipv6 = j["enable_ipv6"].get<bool>();
      n.labels = smap(j, "labels");
      p.networks[k] = std::move(n);
    }
  if (doc.contains("volumes"))
    for (auto& [k, j] : doc["volumes"].items())
      p.volumes[k] =
          volume{k, s(j, "name"), s(j, "driver"), smap(j, "driver_opts"), b(j, "external"), smap(j, "labels")};
  for (auto [key, into] : {std::pair{"secrets", &p.secrets}, std::pair{"configs", &p.configs}})
    if (doc.contains(key))
      for (auto& [k, j] : doc[key].items())
        (*into)[k] = file_object{
            k, s(j, "name"), s(j, "file"), s(j, "environment"), s(j, "content"), b(j, "external"), smap(j, "labels")};
}

}  // namespace detail
}  // namespace stackctl::model
