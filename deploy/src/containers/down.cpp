#include "stackctl/deploy/down.hpp"

#include <mutex>
#include <set>

#include <fmt/format.h>

#include "common/dag.hpp"
#include "containers/hooks.hpp"
#include "containers/orphan_warning.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/observed_state.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/model/service_graph.hpp"
#include "stackctl/model/text.hpp"

namespace stackctl::deploy {
namespace {

bool declares_volume(const model::project& p, const std::string& name) {
  for (const auto& [key, v] : p.volumes)
    if (v.name == name) return true;
  return false;
}

down_result down_impl(const std::string& name, const model::project* p, engine_ref engine, const down_options& options,
                      const progress_sink& progress) {
  down_result out;
  engine::container_list_options lo;
  lo.all = true;
  lo.filters.add_label(labels::project, name);
  auto containers = engine.containers.list(lo);

  std::vector<const engine::container_summary*> targets;
  std::vector<std::string> kept_orphans;
  for (const auto& c : containers) {
    auto svc = c.label(labels::service);
    bool oneoff = c.label(labels::oneoff) == "True";
    bool known = !p || p->services.count(svc) || p->disabled_services.count(svc);
    if ((oneoff || !known) && !options.remove_orphans) {
      if (!oneoff) kept_orphans.push_back(c.name());
      continue;
    }
    targets.push_back(&c);
  }
  if (!kept_orphans.empty()) {
    out.warnings.push_back(orphan_warning(kept_orphans));
  }

  // Reverse dependency order (dependencies from the project, else from the containers' labels): a
  // container goes after every container of the services that depend on its service.
  std::vector<engine::container_summary> target_list;
  std::vector<std::string> target_services;
  for (const auto* c : targets) {
    target_list.push_back(*c);
    target_services.push_back(c->label(labels::service));
  }
  auto after = observed_graph(target_list, p).walk_order(target_services, true);
  // Anonymous volumes a recreated container re-mounted by name are not removed by `v=1`: with -v,
  // remove those its label records — never a volume of the project's own declaration (external ones
  // above all), whatever its name looks like.
  std::set<std::string> anonymous;
  if (options.remove_volumes)
    for (const auto* c : targets)
      for (auto& volume : model::text::split_non_empty(c->label(labels::inherited_volumes), ','))
        if (!p || !declares_volume(*p, volume)) anonymous.insert(std::move(volume));
  std::mutex m;
  run_dag(
      after,
      [&](std::size_t i) {
        const auto& c = *targets[i];
        auto res = "Container " + c.name();
        if (c.is_active()) {
          emit(progress, res, "Stopping", progress_state::working);
          // A failing pre_stop hook fails down and leaves this container running, as compose.
          if (const auto* s = detail::hooked_service(p, c.label(labels::service)))
            detail::run_hooks(engine, *s, detail::hook_point::pre_stop, c.id, c.name(), progress);
          engine.containers.stop(c.id, options.timeout);
          emit(progress, res, "Stopped", progress_state::working);
        }
        emit(progress, res, "Removing", progress_state::working);
        engine::container_remove_options ro;
        ro.force = true;
        ro.volumes = options.remove_volumes;  // the anonymous volumes go with the container
        try {
          engine.containers.remove(c.id, ro);
        } catch (const engine::engine_error& e) {
          if (e.kind() != engine::error_kind::not_found) throw;  // already gone: removed concurrently
        }
        emit(progress, res, "Removed", progress_state::done);
        std::lock_guard lock(m);
        out.containers.push_back(c.name());
      },
      options.parallel);

  for (const auto& n : engine.networks.list(engine::filters::label(labels::project, name))) {
    auto key = n.label(labels::network);
    if (p && p->networks.count(key) && p->networks.at(key).external) continue;
    auto res = "Network " + n.name;
    emit(progress, res, "Removing", progress_state::working);
    try {
      engine.networks.remove(n.id);
      out.networks.push_back(n.name);
      emit(progress, res, "Removed", progress_state::done);
    } catch (const engine::engine_error& e) {
      if (e.kind() == engine::error_kind::not_found) continue;
      if (e.kind() != engine::error_kind::conflict && e.kind() != engine::error_kind::forbidden) throw;
      out.warnings.push_back(fmt::format("network {}: Resource is still in use", n.name));
      emit(progress, res, "Resource is still in use", progress_state::warning);
    }
  }

  if (options.remove_volumes) {
    std::set<std::string> external_names;
    if (p)
      for (const auto& [key, v] : p->volumes)
        if (v.external) external_names.insert(v.name);
    for (const auto& v : engine.volumes.list(engine::filters::label(labels::project, name)).volumes) {
      auto key = v.label(labels::volume);
      // Never an external volume, even one that carries our labels.
      if (external_names.count(v.name) || (p && p->volumes.count(key) && p->volumes.at(key).external)) continue;
      auto res = "Volume " + v.name;
      emit(progress, res, "Removing", progress_state::working);
      try {
        engine.volumes.remove(v.name);
        out.volumes.push_back(v.name);
        emit(progress, res, "Removed", progress_state::done);
      } catch (const engine::engine_error& e) {
        if (e.kind() == engine::error_kind::not_found) continue;
        if (e.kind() != engine::error_kind::conflict) throw;
        out.warnings.push_back(fmt::format("volume {}: Resource is still in use", v.name));
        emit(progress, res, "Resource is still in use", progress_state::warning);
      }
    }
  }
  for (const auto& name_ : anonymous) {
    try {
      if (!engine.volumes.inspect(name_).labels.empty()) continue;  // not anonymous after all
      engine.volumes.remove(name_);
      out.volumes.push_back(name_);
    } catch (const engine::engine_error& e) {
      // gone with its container already, or still used by another container: leave it
      if (e.kind() != engine::error_kind::not_found && e.kind() != engine::error_kind::conflict) throw;
    }
  }
  if (out.containers.empty() && out.networks.empty() && out.volumes.empty())
    out.warnings.push_back(fmt::format("No resource found to remove for project \"{}\".", name));
  for (const auto& w : out.warnings)
    if (w.find("Resource is still in use") == std::string::npos)
      emit(progress, "Project " + name, w, progress_state::warning);
  return out;
}

}  // namespace

down_result down(const model::project& p, engine_ref engine, const down_options& options,
                 const progress_sink& progress) {
  return down_impl(p.name, &p, engine, options, progress);
}

down_result down(const std::string& project_name, engine_ref engine, const down_options& options,
                 const progress_sink& progress) {
  return down_impl(project_name, nullptr, engine, options, progress);
}

}  // namespace stackctl::deploy
