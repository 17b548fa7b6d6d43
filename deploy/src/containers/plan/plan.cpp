#include "stackctl/deploy/plan.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "plan_builder.hpp"
#include "stackctl/deploy/labels.hpp"

namespace stackctl::deploy {

namespace planning {

plan_builder::plan_builder(const model::project& project, const observed_state& observed_state,
                           const std::map<std::string, std::string>& images, const plan_options& plan_opts)
    : p(project),
      observed(observed_state),
      image_ids(images),
      options(plan_opts),
      graph(model::service_graph::from_project(project)),
      selected(graph.closure(plan_opts.services, false)),
      selected_set(selected.begin(), selected.end()),
      order(graph.start_order(selected)) {}

std::size_t plan_builder::add(action a) {
  out.actions.push_back(std::move(a));
  return out.actions.size() - 1;
}

int plan_builder::scale_of(const std::string& service) const {
  if (auto it = options.scale.find(service); it != options.scale.end()) return it->second;
  return p.services.at(service).replicas();
}

std::string plan_builder::image_id_of(const std::string& service) const {
  auto it = image_ids.find(service);
  return it == image_ids.end() ? std::string() : it->second;
}

action container_action(operation op, const engine::container_summary& c, std::string cause) {
  action a;
  a.op = op;
  a.resource = c.name();
  a.cause = std::move(cause);
  a.service = c.label(labels::service);
  a.number = number_of(c);
  a.container_id = c.id;
  return a;
}

int number_of(const engine::container_summary& c) {
  try {
    return std::stoi(c.label(labels::container_number));
  } catch (const std::exception&) {
    return 0;
  }
}

bool publishes_port_range(const model::service& s) {
  return std::any_of(s.ports.begin(), s.ports.end(), [](const model::port& port) {
    return port.published.empty() || port.published.find('-') != std::string::npos;
  });
}

}  // namespace planning

std::string_view to_string(operation op) {
  switch (op) {
    case operation::create_network: return "create_network";
    case operation::remove_network: return "remove_network";
    case operation::connect_network: return "connect_network";
    case operation::disconnect_network: return "disconnect_network";
    case operation::create_volume: return "create_volume";
    case operation::make_directory: return "make_directory";
    case operation::create_container: return "create_container";
    case operation::stop_container: return "stop_container";
    case operation::remove_container: return "remove_container";
    case operation::rename_container: return "rename_container";
    case operation::copy_files: return "copy_files";
    case operation::start_container: return "start_container";
    case operation::restart_container: return "restart_container";
    case operation::wait_dependency: return "wait_dependency";
  }
  return "?";
}

std::size_t plan::count(operation op) const {
  return static_cast<std::size_t>(
      std::count_if(actions.begin(), actions.end(), [&](const action& a) { return a.op == op; }));
}

std::string to_string(const plan& pl) {
  if (pl.actions.empty()) return "nothing to do\n";
  std::string out;
  for (std::size_t i = 0; i < pl.actions.size(); ++i) {
    const auto& a = pl.actions[i];
    out += fmt::format("{} {} {}", i + 1, to_string(a.op), a.resource);
    switch (a.op) {
      case operation::connect_network: out += " to " + a.network; break;
      case operation::disconnect_network: out += " from " + a.network; break;
      case operation::rename_container: out += " to " + a.new_name; break;
      case operation::wait_dependency:
        out += fmt::format(" {}{}", to_string(a.condition), a.required ? "" : " (not required)");
        break;
      default: break;
    }
    if (!a.cause.empty()) out += " (" + a.cause + ")";
    if (!a.after.empty()) {
      auto after = a.after;
      std::sort(after.begin(), after.end());
      after.erase(std::unique(after.begin(), after.end()), after.end());
      out += " after ";
      for (std::size_t j = 0; j < after.size(); ++j) out += fmt::format("{}{}", j ? ", " : "", after[j] + 1);
    }
    out += '\n';
  }
  return out;
}

plan make_plan(const model::project& p, const observed_state& observed,
               const std::map<std::string, std::string>& image_ids, const plan_options& options,
               const std::vector<std::string>& missing_dirs) {
  planning::plan_builder b(p, observed, image_ids, options);
  b.out.api_version = options.api_version;
  planning::plan_networks(b);
  planning::plan_volumes(b);
  if (options.create_host_paths) planning::plan_directories(b, missing_dirs);
  planning::plan_orphans(b);
  planning::plan_containers(b);
  planning::plan_outside_selection(b);
  if (!options.no_start) planning::plan_starts(b);
  return std::move(b.out);
}

}  // namespace stackctl::deploy
