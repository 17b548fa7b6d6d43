#include "stackctl/deploy/up.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "containers/waiter.hpp"
#include "stackctl/deploy/apply.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/engine_requests.hpp"
#include "stackctl/deploy/host_paths.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/observed_state.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/model/service_graph.hpp"

namespace stackctl::deploy {
namespace {

bool is_not_found(const engine::engine_error& e) { return e.kind() == engine::error_kind::not_found; }

void check_external_network(engine_ref engine, const model::network& n) {
  // A name filter matches substrings: require an exact name, else try it as an id.
  auto found = engine.networks.list(engine::filters().add("name", n.name));
  std::size_t exact = 0;
  for (const auto& o : found) exact += o.name == n.name ? 1 : 0;
  if (exact > 1)
    throw deploy_error(
        deploy_error_kind::conflict,
        fmt::format("multiple networks with name \"{}\" were found. Use network ID as name to avoid ambiguity",
                    n.name));
  if (exact == 1) return;
  try {
    engine.networks.inspect(n.name);
  } catch (const engine::engine_error& e) {
    if (!is_not_found(e)) throw;
    throw deploy_error(
        deploy_error_kind::not_found,
        fmt::format(
            "network {} declared as external, but could not be found (create it with `docker network create {}`)",
            n.name, n.name));
  }
}

void check_external_volume(engine_ref engine, const model::volume& v) {
  try {
    engine.volumes.inspect(v.name);
  } catch (const engine::engine_error& e) {
    if (!is_not_found(e)) throw;
    throw deploy_error(
        deploy_error_kind::not_found,
        fmt::format("external volume \"{}\" not found (create it with `docker volume create {}`)", v.name, v.name));
  }
}

pull_policy effective_policy(const std::optional<pull_policy>& cli, const model::service& s) {
  return cli ? *cli : parse_pull_policy(s.pull_policy);
}

}  // namespace

std::map<std::string, std::string> preflight(const model::project& p, engine_ref engine,
                                             const std::vector<std::string>& services,
                                             const std::optional<pull_policy>& pull, const progress_sink& progress,
                                             bool dry_run) {
  // External resources first: a missing one must stop `up` before anything exists.
  for (const auto& [key, n] : p.networks)
    if (n.external) check_external_network(engine, n);
  for (const auto& [key, v] : p.volumes)
    if (v.external) check_external_volume(engine, v);

  std::map<std::string, std::string> image_ids;
  std::map<std::string, std::string> by_reference;  // each distinct image inspected once
  for (const auto& name : services) {
    const auto& s = p.services.at(name);
    if (s.image.empty())
      throw deploy_error(deploy_error_kind::invalid,
                         fmt::format("service \"{}\" has no image and stackctl does not build images", name));
    auto policy = effective_policy(pull, s);
    if (policy == pull_policy::always && !dry_run) {
      emit(progress, "Image " + s.image, "Pulling", progress_state::working);
      try {
        engine.images.pull(s.image);
      } catch (const engine::engine_error& e) {
        throw deploy_error(deploy_error_kind::engine,
                           fmt::format("pulling image \"{}\" of service \"{}\" failed: {}", s.image, name, e.what()));
      }
      emit(progress, "Image " + s.image, "Pulled", progress_state::done);
    }
    if (auto known = by_reference.find(s.image); known != by_reference.end()) {
      image_ids[name] = known->second;
      continue;
    }
    try {
      image_ids[name] = by_reference[s.image] = engine.images.inspect(s.image).id;
      continue;
    } catch (const engine::engine_error& e) {
      if (!is_not_found(e)) throw;
    }
    if (policy == pull_policy::never || policy == pull_policy::build)
      throw deploy_error(
          deploy_error_kind::not_found,
          fmt::format("image \"{}\" of service \"{}\" is not present locally and the pull policy is never", s.image,
                      name));
    if (dry_run) continue;  // would be pulled
    emit(progress, "Image " + s.image, "Pulling", progress_state::working);
    try {
      engine.images.pull(s.image);
    } catch (const engine::engine_error& e) {
      throw deploy_error(deploy_error_kind::engine,
                         fmt::format("image \"{}\" of service \"{}\" is not present locally and pulling it failed: {}",
                                     s.image, name, e.what()));
    }
    emit(progress, "Image " + s.image, "Pulled", progress_state::done);
    image_ids[name] = by_reference[s.image] = engine.images.inspect(s.image).id;
  }
  return image_ids;
}

up_result up(const model::project& p, engine_ref engine, const up_options& options, const progress_sink& progress) {
  if (options.force_recreate && options.no_recreate)
    throw deploy_error(deploy_error_kind::invalid, "--force-recreate and --no-recreate are incompatible");
  auto selected = model::service_graph::from_project(p).closure(options.services, !options.no_deps);
  // Missing short-syntax bind sources: up creates them (compose's behaviour, moby#43483). One that
  // cannot be made (a read-only file system, a file as parent) stops up before anything exists.
  // The env schema's create_on_deploy paths are made below, a file among them never as a directory.
  std::set<std::filesystem::path> made_by_schema;
  for (const auto& hp : options.create_on_deploy) made_by_schema.insert(hp.path);
  std::vector<std::string> missing_dirs;
  for (const auto& name : selected)
    for (const auto& dir : bind_sources_to_create(p.services.at(name))) {
      std::error_code ec;
      if (made_by_schema.count(dir) || std::filesystem::exists(dir, ec)) continue;
      if (auto why = cannot_create_directory(dir); !why.empty())
        throw deploy_error(deploy_error_kind::host,
                           fmt::format("service \"{}\": bind source {} cannot be created: {}", name, dir, why));
      missing_dirs.push_back(dir);
    }
  check_host_paths(options.create_on_deploy);
  auto image_ids = preflight(p, engine, selected, options.pull, progress, options.dry_run);
  if (!options.dry_run) create_host_paths(options.create_on_deploy);

  auto observed = observe(engine, p.name);
  plan_options po;
  po.services = selected;
  po.recreate = options.force_recreate ? recreate_policy::force
                : options.no_recreate  ? recreate_policy::never
                                       : recreate_policy::diverged;
  po.remove_orphans = options.remove_orphans;
  po.no_start = options.no_start;
  po.scale = options.scale;
  po.api_version = engine.version;
  up_result result{make_plan(p, observed, image_ids, po, missing_dirs)};
  for (const auto& w : result.plan.warnings) emit(progress, "Project " + p.name, w, progress_state::warning);
  if (options.dry_run) return result;

  apply_options ao;
  ao.parallel = options.parallel;
  ao.timeout = options.timeout;
  ao.poll_interval = options.poll_interval;
  ao.wait_timeout = options.wait_timeout;
  apply(result.plan, p, engine, image_ids, ao, progress);

  if (options.wait && !options.no_start) {
    // Every selected container running (healthy with a healthcheck); one-shot services that others
    // wait on with service_completed_successfully may have exited 0.
    std::set<std::string> completes;
    auto graph = model::service_graph::from_project(p);
    for (const auto& name : graph.services())
      for (const auto& d : graph.dependencies_of(name))
        if (d.condition == model::dependency_condition::completed_successfully) completes.insert(d.service);
    auto now = observe(engine, p.name).containers;
    auto deadline =
        options.wait_timeout ? std::optional(std::chrono::steady_clock::now() + *options.wait_timeout) : std::nullopt;
    for (const auto& name : selected) {
      wait_request w;
      w.service = name;
      w.condition = completes.count(name) ? model::dependency_condition::completed_successfully
                                          : model::dependency_condition::healthy;
      w.up_wait = !completes.count(name);
      for (const auto& c : now)
        if (c.label(labels::service) == name) w.container_ids.push_back(c.id);
      w.poll_interval = options.poll_interval;
      if (deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
        w.timeout = std::max(left, std::chrono::milliseconds(0));
      }
      try {
        wait_for_condition(engine, w, progress);
      } catch (const deploy_error& e) {
        if (e.kind() == deploy_error_kind::timeout)
          throw deploy_error(deploy_error_kind::timeout,
                             fmt::format("application not healthy after {}s",
                                         options.wait_timeout ? options.wait_timeout->count() / 1000 : 0));
        throw;
      }
    }
  }
  return result;
}

}  // namespace stackctl::deploy
