// `ports`: the short syntax "[ip:][published:]target[/proto]" with ranges, and the long syntax.
#include "canonical_loader.hpp"

namespace stackctl::model::detail::canon {

// ports: short syntax "[ip:][published:]target[/proto]" with ranges; long syntax mapping.
void loader_state::ports(const tree& t, const std::string& path, json& out) const {
  if (t.is_null()) return;
  if (!t.is_seq()) fail(t, path, "must be a list");
  for (size_t i = 0; i < t.seq.size(); ++i) {
    const tree& item = t.seq[i];
    const std::string p = index_path(path, i);
    if (item.is_map()) {
      json j = json::object();
      if (auto* v = item.find("name")) j["name"] = str(*v, child_path(p, "name"));
      std::string mode = item.find("mode") ? str(*item.find("mode"), child_path(p, "mode")) : "ingress";
      j["mode"] = mode.empty() ? "ingress" : mode;
      if (auto* v = item.find("host_ip")) {
        std::string s = str(*v, child_path(p, "host_ip"));
        if (!s.empty() && !is_ip_address(s)) fail(*v, child_path(p, "host_ip"), "invalid IP address: " + s);
        if (!s.empty()) j["host_ip"] = s;
      }
      const tree* target = item.find("target");
      if (!target) fail(item, p, "port mapping needs a target");
      j["target"] = parse_int_in(*target, child_path(p, "target"), 0, 65535);
      if (auto* v = item.find("published")) {
        std::string s = str(*v, child_path(p, "published"));
        long low = 0, high = 0;
        if (!s.empty() && !parse_port_range(s, low, high))
          fail(*v, child_path(p, "published"), "invalid hostPort: " + s);
        if (!s.empty()) j["published"] = s;
      }
      std::string proto = item.find("protocol") ? str(*item.find("protocol"), child_path(p, "protocol")) : "tcp";
      j["protocol"] = proto.empty() ? "tcp" : proto;
      if (auto* v = item.find("app_protocol")) j["app_protocol"] = str(*v, child_path(p, "app_protocol"));
      add_extensions(j, item);
      out.push_back(std::move(j));
      continue;
    }
    if (!item.is_scalar()) fail(item, p, "must be a port string or a mapping");
    parse_short_port(item, p, out);
  }
}

void loader_state::parse_short_port(const tree& item, const std::string& p, json& out) const {
  std::vector<port_mapping> mappings;
  try {
    mappings = parse_port_spec(item.text);
  } catch (const port_spec_error& e) {
    fail(item, p, fmt::format("invalid port \"{}\": {}", item.text, e.what()));
  }
  // go-connections returns the ports keyed "<port>/<proto>", which compose sorts as strings.
  std::vector<std::pair<std::string, json>> entries;
  for (const auto& m : mappings) {
    json j = json::object();
    j["mode"] = "ingress";
    if (!m.host_ip.empty()) j["host_ip"] = m.host_ip;
    j["target"] = m.target;
    if (!m.published.empty()) j["published"] = m.published;
    j["protocol"] = m.protocol;
    entries.emplace_back(fmt::format("{}/{}", m.target, m.protocol), std::move(j));
  }
  std::stable_sort(entries.begin(), entries.end(), [](auto& a, auto& b) { return a.first < b.first; });
  for (auto& e : entries) out.push_back(std::move(e.second));
}

}  // namespace stackctl::model::detail::canon
