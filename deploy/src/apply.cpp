#include "stackctl/deploy/apply.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "dag.hpp"
#include "stackctl/deploy/container_spec.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/naming.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/model/config_renderer.hpp"
#include "waiter.hpp"

namespace stackctl::deploy {
namespace {

struct apply_state {
  std::mutex m;
  std::map<std::string, std::map<int, std::string>> service_ids;  // service → number → id
  std::map<std::string, std::string> ids_by_name;
  std::map<std::string, std::map<int, std::string>> service_names;  // service → number → name
  std::mutex start_mutex;  // serialises starts that allocate host ports from a range

  void record(const std::string& service, int number, const std::string& name, const std::string& id) {
    std::lock_guard lock(m);
    service_ids[service][number] = id;
    ids_by_name[name] = id;
    service_names[service][number] = name;
  }
  std::map<std::string, std::vector<std::string>> names() {
    std::lock_guard lock(m);
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [svc, by_number] : service_names)
      for (const auto& [n, name] : by_number) out[svc].push_back(name);
    return out;
  }
  std::string id_of(const std::string& name) {
    std::lock_guard lock(m);
    auto it = ids_by_name.find(name);
    return it == ids_by_name.end() ? std::string() : it->second;
  }
  std::vector<std::string> ids_of(const std::string& service) {
    std::lock_guard lock(m);
    std::vector<std::string> out;
    for (const auto& [n, id] : service_ids[service]) out.push_back(id);
    return out;
  }
  std::map<std::string, std::string> first_ids() {
    std::lock_guard lock(m);
    std::map<std::string, std::string> out;
    for (const auto& [svc, ids] : service_ids)
      if (!ids.empty()) out[svc] = ids.begin()->second;
    return out;
  }
};

void emit(const progress_sink& sink, std::string resource, std::string text,
          progress_state state = progress_state::working) {
  if (sink) sink(progress_event{std::move(resource), std::move(text), state});
}

engine::network_create_request network_request(const model::project& p, const model::network& n) {
  engine::network_create_request r;
  r.name = n.name;
  r.check_duplicate = true;
  if (!n.driver.empty()) r.driver = n.driver;
  r.options = n.driver_opts;
  if (n.internal) r.internal = true;
  if (n.attachable) r.attachable = true;
  if (n.enable_ipv6) r.enable_ipv6 = *n.enable_ipv6;
  if (!n.ipam_driver.empty() || !n.ipam_config.empty() || !n.ipam_options.empty()) {
    engine::ipam ipam;
    if (!n.ipam_driver.empty()) ipam.driver = n.ipam_driver;
    for (const auto& pool : n.ipam_config) {
      engine::ipam_pool ep;
      if (!pool.subnet.empty()) ep.subnet = pool.subnet;
      if (!pool.gateway.empty()) ep.gateway = pool.gateway;
      if (!pool.ip_range.empty()) ep.ip_range = pool.ip_range;
      ep.aux_addresses = pool.aux_addresses;
      ipam.config.push_back(std::move(ep));
    }
    ipam.options = n.ipam_options;
    r.ipam = std::move(ipam);
  }
  r.labels = network_labels(p, n);
  return r;
}

// Compose keeps a recreated container's anonymous volumes (image VOLUMEs, `- /path` entries):
// mount the old container's unnamed volumes at the same targets unless the request mounts them.
void inherit_anonymous_volumes(const model::project& p, const engine::container_inspect& old,
                               engine::container_create_request& req) {
  std::set<std::string> targets, named;
  for (const auto& b : req.host.binds) {
    auto first = b.find(':');
    auto second = b.find(':', first + 1);
    if (first != std::string::npos) targets.insert(b.substr(first + 1, second - first - 1));
  }
  for (const auto& [t, opts] : req.host.tmpfs) targets.insert(t);
  for (const auto& [key, v] : p.volumes) named.insert(v.name);
  for (const auto& m : old.mounts) {
    if (m.type != "volume" || m.name.empty() || named.count(m.name) || targets.count(m.destination)) continue;
    // An anonymous service volume (`- /path`) takes the old volume as its source.
    auto same = std::find_if(req.host.mounts.begin(), req.host.mounts.end(),
                             [&](const engine::mount& x) { return x.target == m.destination; });
    if (same != req.host.mounts.end()) {
      if (same->type == engine::mount_type::volume && same->source.empty()) same->source = m.name;
      continue;
    }
    engine::mount em;
    em.type = engine::mount_type::volume;
    em.source = m.name;
    em.target = m.destination;
    em.read_only = !m.rw;
    req.host.mounts.push_back(std::move(em));
  }
  // Record every volume now mounted by name that the old container had anonymously (or had
  // inherited itself), so `down -v` knows them as anonymous.
  std::string inherited;
  for (const auto& em : req.host.mounts)
    if (em.type == engine::mount_type::volume && !em.source.empty() && !named.count(em.source))
      inherited += (inherited.empty() ? "" : ",") + em.source;
  if (!inherited.empty()) req.config.labels[labels::inherited_volumes] = inherited;
}

// Content and environment secrets/configs, copied in before each start as compose does.
void inject_files(const model::project& p, const model::service& s, const std::string& id, engine_ref engine) {
  for (auto& f : injected_files(p, s)) {
    f.entry.mtime = static_cast<std::int64_t>(std::time(nullptr));
    engine::copy_to_container_options o;
    o.copy_uid_gid = f.copy_uid_gid;
    engine.containers.put_archive(id, "/", engine::make_tar({f.entry}), o);
  }
}

}  // namespace

void apply(const plan& pl, const model::project& p, engine_ref engine,
           const std::map<std::string, std::string>& image_ids, const apply_options& options,
           const progress_sink& progress) {
  apply_state state;
  for (const auto& k : pl.kept) state.record(k.service, k.number, k.name, k.id);

  auto image_of = [&](const std::string& svc) {
    auto it = image_ids.find(svc);
    return it == image_ids.end() ? std::string() : it->second;
  };
  // Creates a container under `create_name` for the final name `final_name` and joins its extra
  // networks; returns the id.
  auto create = [&](const action& a, const std::string& create_name) {
    const auto& s = p.services.at(a.service);
    container_context ctx;
    ctx.name = a.resource;
    ctx.number = a.number;
    ctx.config_hash = model::config_hash(p, a.service);
    ctx.image_id = image_of(a.service);
    ctx.service_container_ids = state.first_ids();
    ctx.service_container_names = state.names();
    auto req = make_create_request(p, s, ctx, engine.version);
    if (a.kind == action_kind::recreate_container) {
      req.config.labels[labels::replace] = fmt::format("{}-{}", a.service, a.number);
      inherit_anonymous_volumes(p, engine.containers.inspect(a.container_id), req);
    }
    auto id = engine.containers.create(req, create_name).id;
    for (auto& extra : extra_networks(p, s, a.resource, engine.version)) {
      extra.endpoint.links = req.host.links;  // as on the primary endpoint
      engine.networks.connect(extra.network, id, extra.endpoint);
    }
    return id;
  };

  std::vector<std::vector<std::size_t>> after;
  for (const auto& a : pl.actions) after.push_back(a.after);
  run_dag(
      after,
      [&](std::size_t i) {
        const action& a = pl.actions[i];
        switch (a.kind) {
          case action_kind::create_network: {
            auto res = "Network " + a.resource;
            emit(progress, res, "Creating");
            try {
              engine.networks.create(network_request(p, p.networks.at(a.key)));
              emit(progress, res, "Created", progress_state::done);
            } catch (const engine::engine_error& e) {
              if (e.kind() != engine::error_kind::conflict) throw;
              emit(progress, res,
                   fmt::format("a network with name {} exists but was not created by compose. Set "
                               "`external: true` to use an existing network",
                               a.resource),
                   progress_state::warning);
            }
            break;
          }
          case action_kind::recreate_network: {
            // compose's removeDivergedNetwork + create + connect; the containers start again in
            // their own start actions.
            auto res = "Network " + a.resource;
            auto ignore_gone = [](auto&& call) {
              try {
                call();
              } catch (const engine::engine_error& e) {
                if (e.kind() != engine::error_kind::not_found) throw;  // removed meanwhile (scale down)
              }
            };
            for (const auto& c : a.attached) {
              ignore_gone([&] { engine.containers.stop(c.id, options.timeout); });
              emit(progress, "Container " + c.name, "Stopped", progress_state::done);
            }
            for (const auto& c : a.attached) ignore_gone([&] { engine.networks.disconnect(a.resource, c.id, true); });
            engine.networks.remove(a.resource);
            emit(progress, res, "Removed", progress_state::done);
            emit(progress, res, "Creating");
            engine.networks.create(network_request(p, p.networks.at(a.key)));
            emit(progress, res, "Created", progress_state::done);
            for (const auto& c : a.attached) {
              if (!c.reconnect) continue;
              container_context ctx;
              ctx.name = c.name;
              ctx.number = c.number;
              ctx.service_container_names = state.names();
              engine.networks.connect(a.resource, c.id,
                                      endpoint_on(p, p.services.at(c.service), a.key, ctx, engine.version));
            }
            break;
          }
          case action_kind::create_volume: {
            auto res = "Volume " + a.resource;
            const auto& v = p.volumes.at(a.key);
            emit(progress, res, "Creating");
            engine::volume_create_request r;
            r.name = v.name;
            if (!v.driver.empty()) r.driver = v.driver;
            r.driver_opts = v.driver_opts;
            r.labels = volume_labels(p, v);
            auto created = engine.volumes.create(r);
            if (created.labels.find(labels::project) == created.labels.end() ||
                created.labels.at(labels::project) != p.name)
              emit(progress, res,
                   fmt::format("volume \"{}\" already exists but was not created by Docker Compose. Use "
                               "`external: true` to use an existing volume",
                               a.resource),
                   progress_state::warning);
            else emit(progress, res, "Created", progress_state::done);
            break;
          }
          case action_kind::make_directory: {
            std::error_code ec;
            std::filesystem::create_directories(a.resource, ec);
            if (ec)
              throw std::runtime_error(fmt::format("bind source {} cannot be created: {}", a.resource, ec.message()));
            break;
          }
          case action_kind::create_container: {
            auto res = "Container " + a.resource;
            emit(progress, res, "Creating");
            auto id = create(a, a.resource);
            state.record(a.service, a.number, a.resource, id);
            emit(progress, res, "Created", progress_state::done);
            break;
          }
          case action_kind::recreate_container: {
            auto res = "Container " + a.resource;
            emit(progress, res, "Recreate");
            auto id = create(a, temporary_name(a.container_id, a.resource));
            engine.containers.stop(a.container_id, options.timeout);
            engine.containers.remove(a.container_id, {});
            engine.containers.rename(id, a.resource);
            state.record(a.service, a.number, a.resource, id);
            emit(progress, res, "Recreated", progress_state::done);
            break;
          }
          case action_kind::remove_container: {
            auto res = "Container " + a.resource;
            emit(progress, res, "Stopping");
            engine.containers.stop(a.container_id, options.timeout);
            emit(progress, res, "Removing");
            engine.containers.remove(a.container_id, {});
            emit(progress, res, "Removed", progress_state::done);
            break;
          }
          case action_kind::start_container: {
            auto res = "Container " + a.resource;
            auto id = a.container_id.empty() ? state.id_of(a.resource) : a.container_id;
            inject_files(p, p.services.at(a.service), id, engine);
            emit(progress, res, "Starting");
            if (a.serialise_start) {
              std::lock_guard lock(state.start_mutex);
              engine.containers.start(id);
            } else {
              engine.containers.start(id);
            }
            emit(progress, res, "Started", progress_state::done);
            break;
          }
          case action_kind::restart_container: {
            auto res = "Container " + a.resource;
            emit(progress, res, "Restarting");
            if (a.serialise_start) {
              std::lock_guard lock(state.start_mutex);
              engine.containers.restart(a.container_id, options.timeout);
            } else {
              engine.containers.restart(a.container_id, options.timeout);
            }
            emit(progress, res, "Restarted", progress_state::done);
            break;
          }
          case action_kind::rename_container: {
            auto res = "Container " + a.resource;
            emit(progress, res, "Renaming");
            engine.containers.rename(a.container_id, a.resource);
            state.record(a.service, a.number, a.resource, a.container_id);
            emit(progress, res, "Renamed", progress_state::done);
            break;
          }
          case action_kind::wait_dependency: {
            wait_request w;
            w.service = a.service;
            w.condition = a.condition;
            w.container_ids = state.ids_of(a.service);
            w.poll_interval = options.poll_interval;
            w.timeout = options.wait_timeout;
            try {
              wait_for_condition(engine, w, progress);
            } catch (const std::exception& e) {
              if (a.required) throw;
              emit(progress, "Service " + a.service, e.what(), progress_state::warning);
            }
            break;
          }
        }
      },
      options.parallel);
}

}  // namespace stackctl::deploy
