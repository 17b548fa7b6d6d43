#include "stackctl/deploy/apply.hpp"

#include <array>
#include <ctime>
#include <filesystem>
#include <mutex>

#include <fmt/format.h>

#include "common/dag.hpp"
#include "containers/hooks.hpp"
#include "containers/waiter.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/engine_requests.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/naming.hpp"
#include "stackctl/deploy/progress.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::deploy {
namespace {

// What the walk learns as it goes: the ids of the containers it makes (by name, and per service
// and number for service:x references, links and waits).
class container_registry {
 public:
  void record(const std::string& service, int number, const std::string& name, const std::string& id) {
    std::lock_guard lock(m_);
    by_number_[service][number] = {name, id};
    ids_by_name_[name] = id;
  }
  std::string id_of(const std::string& name) const {
    std::lock_guard lock(m_);
    auto it = ids_by_name_.find(name);
    return it == ids_by_name_.end() ? std::string() : it->second;
  }
  std::vector<std::string> ids_of(const std::string& service) const {
    std::lock_guard lock(m_);
    std::vector<std::string> out;
    if (auto it = by_number_.find(service); it != by_number_.end())
      for (const auto& [n, entry] : it->second) out.push_back(entry.second);
    return out;
  }
  // What a create request needs of the other services' containers.
  void fill(container_context& ctx) const {
    std::lock_guard lock(m_);
    for (const auto& [svc, numbers] : by_number_) {
      if (numbers.empty()) continue;
      ctx.service_container_ids[svc] = numbers.begin()->second.second;
      for (const auto& [n, entry] : numbers) ctx.service_container_names[svc].push_back(entry.first);
    }
  }

 private:
  mutable std::mutex m_;
  std::map<std::string, std::map<int, std::pair<std::string, std::string>>> by_number_;  // → (name, id)
  std::map<std::string, std::string> ids_by_name_;
};

struct apply_context {
  const model::project& p;
  engine_ref engine;
  const std::map<std::string, std::string>& image_ids;
  const apply_options& options;
  const progress_sink& progress;
  container_registry containers;
  std::mutex start_mutex;  // serialises starts that allocate host ports from a range

  std::string id_of(const action& a) const {
    return a.container_id.empty() ? containers.id_of(a.resource) : a.container_id;
  }

  // The action's container's post_start / pre_stop hooks (none for an orphan's service).
  void run_hooks(const action& a, detail::hook_point point, const std::string& id) const {
    if (const auto* s = detail::hooked_service(&p, a.service))
      detail::run_hooks(engine, *s, point, id, a.resource, progress);
  }
};

// Runs `call`; a not_found from the engine is ignored when the action tolerates a missing object.
template <typename Call>
void tolerating(const action& a, Call&& call) {
  try {
    call();
  } catch (const engine::engine_error& e) {
    if (!a.tolerate_missing || e.kind() != engine::error_kind::not_found) throw;
  }
}

void create_network(apply_context& c, const action& a) {
  auto res = "Network " + a.resource;
  emit(c.progress, res, "Creating");
  try {
    c.engine.networks.create(network_request(c.p, a.key));
    emit(c.progress, res, "Created", progress_state::done);
  } catch (const engine::engine_error& e) {
    if (e.kind() != engine::error_kind::conflict) throw;
    emit(c.progress, res,
         fmt::format("a network with name {} exists but was not created by compose. Set `external: true` to use an "
                     "existing network",
                     a.resource),
         progress_state::warning);
  }
}

void remove_network(apply_context& c, const action& a) {
  c.engine.networks.remove(a.resource);
  emit(c.progress, "Network " + a.resource, "Removed", progress_state::done);
}

void connect_network(apply_context& c, const action& a) {
  container_context ctx;
  ctx.name = a.final_name.empty() ? container_name(c.p, c.p.services.at(a.service), a.number) : a.final_name;
  ctx.number = a.number;
  c.containers.fill(ctx);
  c.engine.networks.connect(a.network, c.id_of(a),
                            endpoint_on(c.p, c.p.services.at(a.service), a.key, ctx, c.engine.version));
}

void disconnect_network(apply_context& c, const action& a) {
  tolerating(a, [&] { c.engine.networks.disconnect(a.network, c.id_of(a), true); });
}

void create_volume(apply_context& c, const action& a) {
  auto res = "Volume " + a.resource;
  emit(c.progress, res, "Creating");
  auto created = c.engine.volumes.create(volume_request(c.p, a.key));
  auto project = created.labels.find(labels::project);
  if (project == created.labels.end() || project->second != c.p.name)
    emit(c.progress, res,
         fmt::format("volume \"{}\" already exists but was not created by Docker Compose. Use `external: true` to "
                     "use an existing volume",
                     a.resource),
         progress_state::warning);
  else emit(c.progress, res, "Created", progress_state::done);
}

void make_directory(apply_context&, const action& a) {
  std::error_code ec;
  std::filesystem::create_directories(a.resource, ec);
  if (ec)
    throw deploy_error(deploy_error_kind::host,
                       fmt::format("bind source {} cannot be created: {}", a.resource, ec.message()));
}

void create_container(apply_context& c, const action& a) {
  const bool recreate = !a.replaces.empty();
  auto res = "Container " + a.final_name;
  emit(c.progress, res, recreate ? "Recreate" : "Creating");
  const auto& s = c.p.services.at(a.service);
  container_context ctx;
  ctx.name = a.final_name;
  ctx.number = a.number;
  ctx.config_hash = a.config_hash;
  ctx.config_fields = a.config_fields;
  if (auto it = c.image_ids.find(a.service); it != c.image_ids.end()) ctx.image_id = it->second;
  c.containers.fill(ctx);
  auto req = make_create_request(c.p, s, ctx, c.engine.version);
  if (recreate) {
    req.config.labels[labels::replace] = fmt::format("{}-{}", a.service, a.number);
    inherit_anonymous_volumes(c.p, s, c.engine.containers.inspect(a.replaces), req);
  }
  auto id = c.engine.containers.create(req, a.resource).id;
  c.containers.record(a.service, a.number, a.resource, id);
  if (!recreate) emit(c.progress, res, "Created", progress_state::done);
}

void stop_container(apply_context& c, const action& a) {
  auto res = "Container " + a.resource;
  if (!a.silent) emit(c.progress, res, "Stopping");
  const auto id = c.id_of(a);
  c.run_hooks(a, detail::hook_point::pre_stop, id);  // a recreate's old container too: it is stopped
  tolerating(a, [&] { c.engine.containers.stop(id, c.options.timeout); });
  if (!a.silent) emit(c.progress, res, "Stopped", progress_state::done);
}

void remove_container(apply_context& c, const action& a) {
  auto res = "Container " + a.resource;
  if (!a.silent) emit(c.progress, res, "Removing");
  c.engine.containers.remove(c.id_of(a), {});
  if (!a.silent) emit(c.progress, res, "Removed", progress_state::done);
}

void rename_container(apply_context& c, const action& a) {
  auto id = c.id_of(a);
  c.engine.containers.rename(id, a.new_name);
  c.containers.record(a.service, a.number, a.new_name, id);
  const bool recreate = a.container_id.empty();
  emit(c.progress, "Container " + a.new_name, recreate ? "Recreated" : "Renamed", progress_state::done);
}

// Content and environment secrets/configs, copied in before each start as compose does.
void copy_files(apply_context& c, const action& a) {
  auto id = c.id_of(a);
  for (auto& f : injected_files(c.p, c.p.services.at(a.service))) {
    f.entry.mtime = static_cast<std::int64_t>(std::time(nullptr));
    engine::copy_to_container_options o;
    o.copy_uid_gid = f.copy_uid_gid;
    c.engine.containers.put_archive(id, "/", engine::make_tar({f.entry}), o);
  }
}

void start_container(apply_context& c, const action& a) {
  auto res = "Container " + a.resource;
  auto id = c.id_of(a);
  emit(c.progress, res, "Starting");
  if (a.serialise_start) {
    std::lock_guard lock(c.start_mutex);
    c.engine.containers.start(id);
  } else {
    c.engine.containers.start(id);
  }
  c.run_hooks(a, detail::hook_point::post_start, id);  // outside the start lock, as compose
  emit(c.progress, res, "Started", progress_state::done);
}

void restart_container(apply_context& c, const action& a) {
  auto res = "Container " + a.resource;
  c.run_hooks(a, detail::hook_point::pre_stop, a.container_id);
  emit(c.progress, res, "Restarting");
  if (a.serialise_start) {
    std::lock_guard lock(c.start_mutex);
    c.engine.containers.restart(a.container_id, c.options.timeout);
  } else {
    c.engine.containers.restart(a.container_id, c.options.timeout);
  }
  c.run_hooks(a, detail::hook_point::post_start, a.container_id);
  emit(c.progress, res, "Restarted", progress_state::done);
}

void wait_dependency(apply_context& c, const action& a) {
  wait_request w;
  w.service = a.service;
  w.condition = a.condition;
  w.container_ids = c.containers.ids_of(a.service);
  w.poll_interval = c.options.poll_interval;
  w.timeout = c.options.wait_timeout;
  try {
    wait_for_condition(c.engine, w, c.progress);
  } catch (const deploy_error& e) {
    if (a.required) throw;
    emit(c.progress, "Service " + a.service, e.what(), progress_state::warning);
  }
}

using handler = void (*)(apply_context&, const action&);

// One handler per operation, in the order of the enum.
constexpr std::array<handler, 14> kHandlers = {
    &create_network, &remove_network,   &connect_network,   &disconnect_network, &create_volume,
    &make_directory, &create_container, &stop_container,    &remove_container,   &rename_container,
    &copy_files,     &start_container,  &restart_container, &wait_dependency,
};
static_assert(static_cast<std::size_t>(operation::wait_dependency) + 1 == kHandlers.size());

}  // namespace

void apply(const plan& pl, const model::project& p, engine_ref engine,
           const std::map<std::string, std::string>& image_ids, const apply_options& options,
           const progress_sink& progress) {
  // Which networks go in a create call depends on the API version: a plan made for another one
  // would leave containers off their extra networks.
  if (pl.api_version != engine.version)
    throw deploy_error(deploy_error_kind::invalid,
                       fmt::format("the plan was made for Engine API {} but the engine speaks {}: make it with "
                                   "plan_options::api_version = engine.version",
                                   pl.api_version.to_string(), engine.version.to_string()));
  apply_context context{p, engine, image_ids, options, progress, {}, {}};
  for (const auto& k : pl.kept) context.containers.record(k.service, k.number, k.name, k.id);
  std::vector<std::vector<std::size_t>> after;
  after.reserve(pl.actions.size());
  for (const auto& a : pl.actions) after.push_back(a.after);
  run_dag(
      after,
      [&](std::size_t i) {
        const auto& a = pl.actions[i];
        kHandlers[static_cast<std::size_t>(a.op)](context, a);
      },
      options.parallel);
}

}  // namespace stackctl::deploy
