// `healthcheck` and `deploy` (resources, update/rollback config, restart policy, placement).
#include "canonical_loader.hpp"

namespace stackctl::model::detail::canon {

// Device requests (deploy.resources.reservations.devices, gpus) in compose-go's DeviceRequest
// order; one with neither count nor device_ids gets count: all (transform/devices.go
// deviceRequestDefaults), and `all` is -1.
json loader_state::device_requests(const tree& t, const std::string& path) const {
  json devices = json::array();
  if (!t.is_seq()) fail(t, path, "must be a list");
  for (size_t i = 0; i < t.seq.size(); ++i) {
    const tree& d = t.seq[i];
    const std::string ip = index_path(path, i);
    if (!d.is_map()) fail(d, ip, "must be a mapping");
    json dj = json::object();
    if (auto* c = d.find("capabilities"))
      dj["capabilities"] = to_json_list(string_list(*c, child_path(ip, "capabilities"), false));
    if (auto* c = d.find("driver")) dj["driver"] = str(*c, child_path(ip, "driver"));
    if (auto* c = d.find("count")) {
      if (c->is_scalar() && c->text == "all") dj["count"] = -1;
      else dj["count"] = parse_int(*c, child_path(ip, "count"));
    } else if (!d.find("device_ids")) {
      dj["count"] = -1;
    }
    if (auto* c = d.find("device_ids"))
      dj["device_ids"] = to_json_list(string_list(*c, child_path(ip, "device_ids"), false));
    if (auto* c = d.find("options"))
      dj["options"] = string_map_json(mapping_or_list(*c, child_path(ip, "options")), true);
    devices.push_back(std::move(dj));
  }
  return devices;
}

json loader_state::healthcheck(const tree& t, const std::string& path) const {
  if (!t.is_map()) fail(t, path, "must be a mapping");
  json j = json::object();
  if (auto* v = t.find("test")) {
    if (v->is_scalar()) j["test"] = json::array({"CMD-SHELL", v->text});
    else {
      auto list = string_list(*v, child_path(path, "test"), false);
      if (!list.empty() && list[0] != "CMD" && list[0] != "CMD-SHELL" && list[0] != "NONE")
        fail(*v, child_path(path, "test"), "healthcheck test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"");
      j["test"] = to_json_list(list);
    }
  }
  // The engine refuses a set duration under 1ms (a negative one included), in these words.
  const auto engine_duration = [&](const char* f, const char* engine_name) {
    if (const tree* v = t.find(f)) {
      const auto d = duration_of(*v, child_path(path, f));
      if (d != std::chrono::nanoseconds::zero() && d < std::chrono::milliseconds(1))
        fail(*v, child_path(path, f), fmt::format("{} in Healthcheck cannot be less than 1ms", engine_name));
      j[f] = format_duration(d);
    }
  };
  engine_duration("timeout", "Timeout");
  engine_duration("interval", "Interval");
  if (auto* v = t.find("retries")) j["retries"] = parse_int_in(*v, child_path(path, "retries"), 0, int_max);
  engine_duration("start_period", "StartPeriod");
  engine_duration("start_interval", "StartInterval");
  if (auto* v = t.find("disable"); v && parse_bool(*v, child_path(path, "disable"), &ctx.warnings)) j["disable"] = true;
  add_extensions(j, t);
  return j;
}

json loader_state::resource(const tree& t, const std::string& path) const {
  json j = json::object();
  if (t.is_null()) return j;
  if (!t.is_map()) fail(t, path, "must be a mapping");
  if (auto* v = t.find("cpus")) j["cpus"] = cpus_value(*v, child_path(path, "cpus"));
  if (auto* v = t.find("memory")) j["memory"] = bytes_value(*v, child_path(path, "memory"));
  if (auto* v = t.find("pids")) j["pids"] = parse_int(*v, child_path(path, "pids"));
  if (auto* v = t.find("devices")) j["devices"] = device_requests(*v, child_path(path, "devices"));
  if (auto* v = t.find("generic_resources")) j["generic_resources"] = raw(*v, false);
  return j;
}

json loader_state::update_config(const tree& t, const std::string& path) const {
  json j = json::object();
  if (auto* v = t.find("parallelism")) j["parallelism"] = parse_int(*v, child_path(path, "parallelism"));
  if (auto* v = t.find("delay")) j["delay"] = duration_value(*v, child_path(path, "delay"));
  if (auto* v = t.find("failure_action")) j["failure_action"] = str(*v, child_path(path, "failure_action"));
  if (auto* v = t.find("monitor")) j["monitor"] = duration_value(*v, child_path(path, "monitor"));
  if (auto* v = t.find("max_failure_ratio"))
    j["max_failure_ratio"] = cpus_value(*v, child_path(path, "max_failure_ratio"));
  if (auto* v = t.find("order")) j["order"] = str(*v, child_path(path, "order"));
  return j;
}

json loader_state::deploy(const tree& t, const std::string& path) const {
  if (!t.is_map()) fail(t, path, "must be a mapping");
  for (const char* f : {"resources", "restart_policy", "placement", "update_config", "rollback_config"})
    if (auto* v = t.find(f); v && !v->is_map() && !v->is_null()) fail(*v, child_path(path, f), "must be a mapping");
  json j = json::object();
  if (auto* v = t.find("mode")) j["mode"] = str(*v, child_path(path, "mode"));
  if (auto* v = t.find("replicas")) j["replicas"] = parse_int_in(*v, child_path(path, "replicas"), 0, int_max);
  if (auto* v = t.find("labels")) j["labels"] = string_map_json(mapping_or_list(*v, child_path(path, "labels")), true);
  if (auto* v = t.find("update_config")) j["update_config"] = update_config(*v, child_path(path, "update_config"));
  if (auto* v = t.find("rollback_config"))
    j["rollback_config"] = update_config(*v, child_path(path, "rollback_config"));
  if (auto* v = t.find("resources")) {
    json r = json::object();
    if (auto* l = v->find("limits")) r["limits"] = resource(*l, child_path(path, "resources.limits"));
    if (auto* l = v->find("reservations")) r["reservations"] = resource(*l, child_path(path, "resources.reservations"));
    j["resources"] = r;
  } else {
    j["resources"] = json_only_empty_object();  // a Go struct value: JSON always shows it
  }
  if (auto* v = t.find("restart_policy")) {
    const std::string rp = child_path(path, "restart_policy");
    json r = json::object();
    if (auto* x = v->find("condition")) {
      r["condition"] = str(*x, child_path(rp, "condition"));
      if (const auto problem = restart_condition_problem(r["condition"].get<std::string>()); !problem.empty())
        fail(*x, child_path(rp, "condition"), problem);
    }
    if (auto* x = v->find("delay")) r["delay"] = duration_value(*x, child_path(rp, "delay"));
    if (auto* x = v->find("max_attempts"))
      r["max_attempts"] = parse_int_in(*x, child_path(rp, "max_attempts"), 0, int_max);
    if (auto* x = v->find("window")) r["window"] = duration_value(*x, child_path(rp, "window"));
    j["restart_policy"] = r;
  }
  if (auto* v = t.find("placement")) {
    const std::string pp = child_path(path, "placement");
    json r = json::object();
    if (auto* x = v->find("constraints"))
      r["constraints"] = to_json_list(string_list(*x, child_path(pp, "constraints"), false));
    if (auto* x = v->find("preferences")) r["preferences"] = raw(*x, false);
    if (auto* x = v->find("max_replicas_per_node"))
      r["max_replicas_per_node"] = parse_int(*x, child_path(pp, "max_replicas_per_node"));
    j["placement"] = r;
  } else {
    j["placement"] = json_only_empty_object();
  }
  if (auto* v = t.find("endpoint_mode")) j["endpoint_mode"] = str(*v, child_path(path, "endpoint_mode"));
  add_extensions(j, t);
  return j;
}

}  // namespace stackctl::model::detail::canon
