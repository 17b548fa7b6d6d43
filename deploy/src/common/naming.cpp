#include "stackctl/deploy/naming.hpp"

#include <set>

#include <fmt/format.h>

#include "stackctl/deploy/labels.hpp"
#include "stackctl/model/config_renderer.hpp"
#include "stackctl/model/text.hpp"

namespace stackctl::deploy {

std::string_view compose_version() {
  // compose v2 writes its own version here; tools that read the label (compose itself warns on
  // some version differences) see the compose release whose behaviour stackctl follows.
  return "2.40.3";
}

std::string container_name(const model::project& p, const model::service& s, int number) {
  if (!s.container_name.empty()) return s.container_name;
  return fmt::format("{}-{}-{}", p.name, s.name, number);
}

std::string temporary_name(std::string_view old_id, std::string_view final_name) {
  return fmt::format("{}_{}", old_id.substr(0, 12), final_name);
}

const std::string& network_name(const model::project& p, const std::string& key) { return p.networks.at(key).name; }

const std::string& volume_name(const model::project& p, const std::string& key) { return p.volumes.at(key).name; }

std::string depends_on_label(const model::service& s) {
  std::string out;
  for (const auto& [name, dep] : s.depends_on) {
    if (!out.empty()) out += ',';
    out += fmt::format("{}:{}:{}", name, dep.condition, dep.restart ? "true" : "false");
  }
  return out;
}

std::vector<model::dependency_edge> parse_depends_on_label(const std::string& value) {
  std::vector<model::dependency_edge> out;
  for (const auto& item : model::text::split_non_empty(value, ',')) {
    auto parts = model::text::split(item, ':');
    model::dependency_edge d;
    d.service = parts[0];
    if (parts.size() > 1)
      d.condition = model::parse_dependency_condition(parts[1]).value_or(model::dependency_condition::started);
    if (parts.size() > 2) d.restart = parts[2] == "true";
    out.push_back(std::move(d));
  }
  return out;
}

std::string config_fields_label(const std::map<std::string, std::string>& fields) {
  std::string out;
  for (const auto& [key, digest] : fields) out += fmt::format("{}{}={}", out.empty() ? "" : ",", key, digest);
  return out;
}

namespace {

std::map<std::string, std::string> parse_config_fields(const std::string& label) {
  std::map<std::string, std::string> out;
  for (const auto& item : model::text::split_non_empty(label, ','))
    if (auto eq = item.find('='); eq != std::string::npos) out[item.substr(0, eq)] = item.substr(eq + 1);
  return out;
}

}  // namespace

std::vector<std::string> changed_config_fields(const std::string& old_label, const std::string& new_label) {
  if (old_label.empty()) return {};
  auto before = parse_config_fields(old_label), now = parse_config_fields(new_label);
  std::set<std::string> changed;
  for (const auto& [key, digest] : before)
    if (auto it = now.find(key); it == now.end() || it->second != digest) changed.insert(key);
  for (const auto& [key, digest] : now)
    if (!before.count(key)) changed.insert(key);
  return {changed.begin(), changed.end()};
}

std::map<std::string, std::string> container_labels(const model::project& p, const model::service& s, int number,
                                                    const std::string& config_hash, const std::string& image_id) {
  std::map<std::string, std::string> out = s.labels;
  out[labels::project] = p.name;
  out[labels::service] = s.name;
  out[labels::container_number] = std::to_string(number);
  out[labels::oneoff] = "False";
  out[labels::config_hash] = config_hash;
  out[labels::working_dir] = p.working_dir.string();
  std::string files;
  for (const auto& f : p.compose_files) {
    if (!files.empty()) files += ',';
    files += f;
  }
  out[labels::config_files] = files;
  out[labels::depends_on] = depends_on_label(s);
  out[labels::image] = image_id;
  out[labels::version] = std::string(compose_version());
  return out;
}

std::map<std::string, std::string> network_labels(const model::project& p, const model::network& n) {
  std::map<std::string, std::string> out = n.labels;
  out[labels::network] = n.key;
  out[labels::project] = p.name;
  out[labels::config_hash] = model::network_config_hash(p, n.key);
  out[labels::version] = std::string(compose_version());
  return out;
}

std::map<std::string, std::string> volume_labels(const model::project& p, const model::volume& v) {
  std::map<std::string, std::string> out = v.labels;
  out[labels::volume] = v.key;
  out[labels::project] = p.name;
  out[labels::config_hash] = model::volume_config_hash(p, v.key);
  out[labels::version] = std::string(compose_version());
  return out;
}

std::string project_label_value(std::string_view project) { return fmt::format("{}={}", labels::project, project); }

}  // namespace stackctl::deploy
