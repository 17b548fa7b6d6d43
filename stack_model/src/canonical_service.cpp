// One service: every field in compose-go's struct order.
#include "canonical_loader.hpp"

namespace stackctl::model::detail::canon {

const std::vector<std::string>& service_fields() {
  static const std::vector<std::string> fields = {"profiles",
                                                  "annotations",
                                                  "attach",
                                                  "build",
                                                  "develop",
                                                  "blkio_config",
                                                  "cap_add",
                                                  "cap_drop",
                                                  "cgroup_parent",
                                                  "cgroup",
                                                  "cpu_count",
                                                  "cpu_percent",
                                                  "cpu_period",
                                                  "cpu_quota",
                                                  "cpu_rt_period",
                                                  "cpu_rt_runtime",
                                                  "cpus",
                                                  "cpuset",
                                                  "cpu_shares",
                                                  "command",
                                                  "configs",
                                                  "container_name",
                                                  "credential_spec",
                                                  "depends_on",
                                                  "deploy",
                                                  "device_cgroup_rules",
                                                  "devices",
                                                  "dns",
                                                  "dns_opt",
                                                  "dns_search",
                                                  "dockerfile",
                                                  "domainname",
                                                  "entrypoint",
                                                  "provider",
                                                  "environment",
                                                  "env_file",
                                                  "expose",
                                                  "extends",
                                                  "external_links",
                                                  "extra_hosts",
                                                  "group_add",
                                                  "gpus",
                                                  "hostname",
                                                  "healthcheck",
                                                  "image",
                                                  "init",
                                                  "ipc",
                                                  "isolation",
                                                  "labels",
                                                  "label_file",
                                                  "links",
                                                  "logging",
                                                  "log_driver",
                                                  "log_opt",
                                                  "mem_limit",
                                                  "mem_reservation",
                                                  "memswap_limit",
                                                  "mem_swappiness",
                                                  "mac_address",
                                                  "models",
                                                  "net",
                                                  "network_mode",
                                                  "networks",
                                                  "oom_kill_disable",
                                                  "oom_score_adj",
                                                  "pid",
                                                  "pids_limit",
                                                  "platform",
                                                  "ports",
                                                  "privileged",
                                                  "pull_policy",
                                                  "read_only",
                                                  "restart",
                                                  "runtime",
                                                  "scale",
                                                  "secrets",
                                                  "security_opt",
                                                  "shm_size",
                                                  "stdin_open",
                                                  "stop_grace_period",
                                                  "stop_signal",
                                                  "storage_opt",
                                                  "sysctls",
                                                  "tmpfs",
                                                  "tty",
                                                  "ulimits",
                                                  "use_api_socket",
                                                  "user",
                                                  "userns_mode",
                                                  "uts",
                                                  "volume_driver",
                                                  "volumes",
                                                  "volumes_from",
                                                  "working_dir",
                                                  "pre_start",
                                                  "post_start",
                                                  "pre_stop",
                                                  "name"};
  return fields;
}

json loader_state::service(const std::string& name, const tree& t, const std::string& path) {
  if (!t.is_map()) fail(t, path, "must be a mapping");
  json j = json::object();
  auto get = [&](const char* f) { return t.find(f); };
  auto p = [&](const char* f) { return child_path(path, f); };
  auto put_str = [&](const char* f) {
    if (auto* v = get(f)) {
      std::string s = str(*v, p(f));
      if (!s.empty()) j[f] = s;
    }
  };
  auto put_list = [&](const char* f, bool allow_scalar) {
    if (auto* v = get(f)) {
      auto l = string_list(*v, p(f), allow_scalar);
      if (!l.empty()) j[f] = to_json_list(l);
    }
  };
  auto put_bool = [&](const char* f, bool pointer) {
    if (auto* v = get(f)) {
      bool b = parse_bool(*v, p(f), &ctx.warnings);
      if (b || pointer) j[f] = b;
    }
  };
  auto put_int = [&](const char* f, std::int64_t low = std::numeric_limits<std::int64_t>::min(),
                     std::int64_t high = int64_max) {
    if (auto* v = get(f)) {
      auto n = parse_int_in(*v, p(f), low, high);
      if (n != 0) j[f] = n;
    }
  };
  auto put_float = [&](const char* f) {
    if (auto* v = get(f)) j[f] = cpus_value(*v, p(f));
  };
  auto put_bytes = [&](const char* f, bool minus_one_allowed = false) {
    if (auto* v = get(f)) j[f] = bytes_value(*v, p(f), minus_one_allowed);
  };
  auto put_map = [&](const char* f, bool null_as_empty) {
    if (auto* v = get(f)) {
      auto m = mapping_or_list(*v, p(f));
      if (!m.empty()) j[f] = string_map_json(m, null_as_empty);
    }
  };
  auto put_raw = [&](const char* f) {
    if (auto* v = get(f)) j[f] = sorted_raw_map(*v);
  };
  static const std::set<std::string> known(service_fields().begin(), service_fields().end());
  for (const auto& [k, v] : t.map)
    if (!known.count(k) && !starts_with(k, "x-"))
      ctx.warnings.push_back(fmt::format("{}:{}:{}: {}: unknown service field \"{}\" ignored", v.where.file,
                                         v.where.line, v.where.column, path, k));

  put_list("profiles", false);
  put_map("annotations", true);
  put_bool("attach", true);
  if (auto* v = get("build")) j["build"] = build(*v, p("build"));
  put_raw("develop");
  if (auto* v = get("blkio_config")) {
    json b = sorted_raw_map(*v);
    // compose-go ThrottleDevice.Rate is UnitBytes: "1024k" → 1048576 (loader/tests TestBlkioConfig)
    for (const char* f : {"device_read_bps", "device_read_iops", "device_write_bps", "device_write_iops"})
      if (const tree* list = v->is_map() ? v->find(f) : nullptr; list && list->is_seq())
        for (size_t i = 0; i < list->seq.size(); ++i)
          if (const tree* r = list->seq[i].is_map() ? list->seq[i].find("rate") : nullptr)
            b[f][i]["rate"] = bytes_value(*r, child_path(index_path(child_path(p("blkio_config"), f), i), "rate"));
    j["blkio_config"] = std::move(b);
  }
  put_list("cap_add", false);
  put_list("cap_drop", false);
  put_str("cgroup_parent");
  put_str("cgroup");
  put_int("cpu_count", 0);
  if (get("cpu_percent")) put_float("cpu_percent");
  put_int("cpu_period");
  put_int("cpu_quota");
  put_int("cpu_rt_period");
  put_int("cpu_rt_runtime");
  if (get("cpus")) put_float("cpus");
  put_str("cpuset");
  put_int("cpu_shares");
  j["command"] = get("command") ? shell_command(*get("command"), p("command")) : json_only_null();
  if (auto* v = get("configs")) {
    auto refs = file_refs(*v, p("configs"));
    if (!refs.empty()) j["configs"] = refs;
  }
  put_str("container_name");
  put_raw("credential_spec");
  if (auto* v = get("depends_on")) {
    auto d = depends_on(*v, p("depends_on"));
    if (!d.empty()) j["depends_on"] = d;
  }
  if (auto* v = get("deploy")) j["deploy"] = deploy(*v, p("deploy"));
  put_list("device_cgroup_rules", false);
  if (auto* v = get("devices")) {
    json devices = json::array();
    for (size_t i = 0; v->is_seq() && i < v->seq.size(); ++i) {
      const tree& d = v->seq[i];
      json dj = json::object();
      if (d.is_scalar()) {
        std::vector<std::string> parts;
        size_t start = 0;
        for (size_t pos; (pos = d.text.find(':', start)) != std::string::npos; start = pos + 1)
          parts.push_back(d.text.substr(start, pos - start));
        parts.push_back(d.text.substr(start));
        if (parts.size() > 3)
          fail(d, index_path(p("devices"), i), "confusing device mapping, please use long syntax: " + d.text);
        dj["source"] = parts[0];
        dj["target"] = parts.size() > 1 ? parts[1] : parts[0];
        dj["permissions"] = parts.size() > 2 ? parts[2] : "rwm";
      } else {
        for (const char* f : {"source", "target", "permissions"})
          if (auto* x = d.find(f)) dj[f] = str(*x, child_path(index_path(p("devices"), i), f));
      }
      devices.push_back(std::move(dj));
    }
    j["devices"] = devices;
  }
  if (auto* v = get("dns")) {  // compose-go loader/omitEmpty.go: empty dns entries (`dns: ${UNSET}`) go
    auto l = string_list(*v, p("dns"), true);
    l.erase(std::remove(l.begin(), l.end(), std::string()), l.end());
    if (!l.empty()) j["dns"] = to_json_list(l);
  }
  put_list("dns_opt", false);
  put_list("dns_search", true);
  put_str("dockerfile");
  put_str("domainname");
  j["entrypoint"] = get("entrypoint") ? shell_command(*get("entrypoint"), p("entrypoint")) : json_only_null();
  put_raw("provider");
  {
    // environment: env_file values first, then `environment` wins; bare names from the project env.
    std::map<std::string, std::optional<std::string>> env;
    json files;
    if (auto* v = get("env_file")) {
      files = env_files(*v, p("env_file"));
      for (auto& [k, val] : read_service_env_files(files, *v, p("env_file"))) env[k] = val;
    }
    if (auto* v = get("environment"))
      for (auto& [k, val] : mapping_or_list(*v, p("environment"))) {
        if (!val) {
          if (auto value = environment_value(k, *v, p("environment"))) env[k] = std::move(value);
          else if (!env.count(k)) env[k] = std::nullopt;
          continue;
        }
        env[k] = val;
      }
    if (!env.empty()) j["environment"] = string_map_json(env, false);
    if (!files.is_null() && ctx.options->keep_env_file_fields) j["env_file"] = files;
  }
  if (auto* v = get("expose")) {
    auto l = string_list(*v, p("expose"), true);
    for (std::size_t i = 0; i < l.size(); ++i) {
      const std::string port = l[i].substr(0, l[i].find('/'));
      long low = 0, high = 0;
      if (!parse_port_range(port, low, high))
        fail(v->is_seq() ? v->seq[i] : *v, v->is_seq() ? index_path(p("expose"), i) : p("expose"),
             fmt::format("invalid port \"{}\": invalid containerPort: {}", l[i], port));
    }
    if (!l.empty()) j["expose"] = to_json_list(l);
  }
  put_list("external_links", false);
  if (auto* v = get("extra_hosts")) j["extra_hosts"] = hosts(*v, p("extra_hosts"));
  put_list("group_add", false);
  if (auto* v = get("gpus")) {  // compose-go transformGpus: a string (`gpus: all`) is [{count: all}]
    if (v->is_scalar()) {
      json all = json::object();
      all["count"] = -1;
      j["gpus"] = json::array({all});
    } else {
      j["gpus"] = device_requests(*v, p("gpus"));
    }
  }
  put_str("hostname");
  if (auto* v = get("healthcheck")) j["healthcheck"] = healthcheck(*v, p("healthcheck"));
  put_str("image");
  put_bool("init", true);
  put_str("ipc");
  put_str("isolation");
  {
    std::map<std::string, std::optional<std::string>> labels;
    std::vector<std::string> label_files;
    if (auto* v = get("label_file")) {
      for (auto& f : string_list(*v, p("label_file"), true)) label_files.push_back(relative_path(f));
      json as_env = json::array();
      for (auto& f : label_files) as_env.push_back(json{{"path", f}});
      for (auto& [k, val] : read_service_env_files(as_env, *v, p("label_file"))) labels[k] = val;
    }
    if (auto* v = get("labels"))
      for (auto& [k, val] : mapping_or_list(*v, p("labels"))) labels[k] = val.value_or("");
    if (!labels.empty()) j["labels"] = string_map_json(labels, true);
    if (!label_files.empty() && ctx.options->keep_env_file_fields) j["label_file"] = to_json_list(label_files);
  }
  put_list("links", false);
  if (auto* v = get("logging")) {
    json l = json::object();
    if (auto* d = v->find("driver")) l["driver"] = str(*d, child_path(p("logging"), "driver"));
    if (auto* o = v->find("options"))
      l["options"] = string_map_json(mapping_or_list(*o, child_path(p("logging"), "options")), true);
    j["logging"] = l;
  }
  put_str("log_driver");
  put_map("log_opt", true);
  put_bytes("mem_limit");
  put_bytes("mem_reservation");
  put_bytes("memswap_limit", true);
  put_bytes("mem_swappiness", true);
  put_str("mac_address");
  if (auto* v = get("models")) {  // compose-go transformStringSliceToMap: a list of names → name: null
    if (v->is_seq()) {
      json m = json::object();
      for (size_t i = 0; i < v->seq.size(); ++i) m[str(v->seq[i], index_path(p("models"), i))] = nullptr;
      j["models"] = std::move(m);
    } else {
      put_raw("models");
    }
  }
  put_str("net");
  put_str("network_mode");
  if (auto* v = get("networks")) {
    auto n = service_networks(*v, p("networks"));
    if (!n.empty()) j["networks"] = n;
  }
  put_bool("oom_kill_disable", false);
  put_int("oom_score_adj", -1000, 1000);
  put_str("pid");
  put_int("pids_limit");
  put_str("platform");
  if (auto* v = get("ports")) {
    json ps = json::array();
    ports(*v, p("ports"), ps);
    if (!ps.empty()) j["ports"] = ps;
  }
  put_bool("privileged", false);
  put_str("pull_policy");
  put_bool("read_only", false);
  if (auto* v = get("restart")) {
    const std::string policy = str(*v, p("restart"));
    if (const auto problem = restart_problem(policy); !problem.empty()) fail(*v, p("restart"), problem);
    if (!policy.empty()) j["restart"] = policy;
  }
  put_str("runtime");
  if (auto* v = get("scale")) j["scale"] = parse_int_in(*v, p("scale"), 0, int_max);
  if (auto* v = get("secrets")) {
    auto refs = file_refs(*v, p("secrets"));
    // compose-go transform/defaults.go defaultSecretMount: a service secret without a `target` key
    // (the short form, or the long form without one) mounts at /run/secrets/<source>.
    for (size_t i = 0; i < refs.size() && i < v->seq.size(); ++i)
      if (!v->seq[i].is_map() || !v->seq[i].find("target")) {
        json with_target = json::object();  // in ServiceSecretConfig's order: source, target, uid, ...
        for (auto& [k, val] : refs[i].items()) {
          with_target[k] = val;
          if (k == "source") with_target["target"] = "/run/secrets/" + val.get<std::string>();
        }
        if (!with_target.contains("target")) with_target["target"] = "/run/secrets/";
        refs[i] = std::move(with_target);
      }
    if (!refs.empty()) j["secrets"] = refs;
  }
  put_list("security_opt", false);
  put_bytes("shm_size");
  put_bool("stdin_open", false);
  if (auto* v = get("stop_grace_period")) {
    const auto d = duration_of(*v, p("stop_grace_period"));
    if (d > std::chrono::seconds(int_max))  // the engine's stop timeout is an int of seconds
      fail(*v, p("stop_grace_period"), "must be at most 2147483647s");
    j["stop_grace_period"] = format_duration(d);
  }
  put_str("stop_signal");
  put_map("storage_opt", true);
  put_map("sysctls", true);
  put_list("tmpfs", true);
  put_bool("tty", false);
  if (auto* v = get("ulimits")) j["ulimits"] = ulimits(*v, p("ulimits"));
  put_bool("use_api_socket", false);
  put_str("user");
  put_str("userns_mode");
  put_str("uts");
  put_str("volume_driver");
  if (auto* v = get("volumes")) {
    auto m = mounts(name, *v, p("volumes"));
    if (!m.empty()) j["volumes"] = m;
  }
  put_list("volumes_from", false);
  put_str("working_dir");
  if (auto* v = get("pre_start")) j["pre_start"] = hooks(*v, p("pre_start"));
  if (auto* v = get("post_start")) j["post_start"] = hooks(*v, p("post_start"));
  if (auto* v = get("pre_stop")) j["pre_stop"] = hooks(*v, p("pre_stop"));
  add_extensions(j, t);

  if (!j.contains("image") && !j.contains("build") && !j.contains("provider") && ctx.options->consistency)
    fail(t, path,
         fmt::format("service \"{}\" has neither an image nor a build context specified: invalid compose project",
                     name));
  if (j.contains("scale") && j.contains("deploy") && j["deploy"].contains("replicas") &&
      j["scale"] != j["deploy"]["replicas"])
    fail(t, path, "can't set distinct values on 'scale' and 'deploy.replicas': invalid compose project");
  return j;
}

}  // namespace stackctl::model::detail::canon
