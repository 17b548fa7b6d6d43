// `run`: dependencies through `up` on the project without the service, their conditions waited
// on, then the one-off container: the service with the run's overrides, made into a create
// request as up makes one (engine_requests.hpp) and marked as compose marks a one-off; attached
// through the session (common/stream_session.hpp) with the exit code from a wait registered
// before the start, or started detached.
#include "stackctl/deploy/run.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <future>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "common/stream_session.hpp"
#include "containers/hooks.hpp"
#include "containers/waiter.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/engine_requests.hpp"
#include "stackctl/deploy/host_paths.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/deploy/naming.hpp"
#include "stackctl/deploy/up.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/model/config_renderer.hpp"
#include "stackctl/model/service_graph.hpp"

namespace stackctl::deploy {
namespace {

// 64 hex digits, as moby's stringid.GenerateRandomID.
std::string random_slug() {
  std::random_device entropy;
  std::string out;
  out.reserve(64);
  while (out.size() < 64) out += fmt::format("{:08x}", entropy());
  return out;
}

// The project as `up` sees it for the dependencies: every service other than those kept aside
// (disabled, so their containers are neither planned nor orphans). Networks and volumes stay, so
// up creates them even when nothing else runs.
model::project dependencies_project(const model::project& p, const std::vector<std::string>& keep) {
  model::project out = p;
  for (auto it = out.services.begin(); it != out.services.end();) {
    if (std::find(keep.begin(), keep.end(), it->first) != keep.end()) {
      ++it;
      continue;
    }
    out.disabled_services.insert(*it);
    it = out.services.erase(it);
  }
  return out;
}

// compose's applyRunOptions and runOptions.apply on a copy of the service.
model::service one_off_service(const model::project& p, const run_options& o) {
  model::service s = p.services.at(o.service);
  s.tty = o.tty;
  s.stdin_open = o.interactive;
  s.container_name = o.name;
  if (!o.command.empty()) s.command = o.command;
  if (!o.user.empty()) s.user = o.user;
  if (!o.working_dir.empty()) s.working_dir = o.working_dir;
  auto drop = [](std::vector<std::string>& from, const std::vector<std::string>& names) {
    from.erase(
        std::remove_if(from.begin(), from.end(),
                       [&](const std::string& c) { return std::find(names.begin(), names.end(), c) != names.end(); }),
        from.end());
  };
  if (!o.cap_add.empty()) {
    s.cap_add.insert(s.cap_add.end(), o.cap_add.begin(), o.cap_add.end());
    drop(s.cap_drop, o.cap_add);
  }
  if (!o.cap_drop.empty()) {
    s.cap_drop.insert(s.cap_drop.end(), o.cap_drop.begin(), o.cap_drop.end());
    drop(s.cap_add, o.cap_drop);
  }
  if (o.entrypoint) {
    s.entrypoint = *o.entrypoint;
    if (o.command.empty()) s.command = std::vector<std::string>{};
  }
  for (const auto& e : o.environment) {
    const auto eq = e.find('=');
    if (eq != std::string::npos) {
      s.environment[e.substr(0, eq)] = e.substr(eq + 1);
    } else if (auto it = p.environment.find(e); it != p.environment.end()) {
      s.environment[e] = it->second;
    }
  }
  for (const auto& [k, v] : o.labels) s.labels[k] = v;
  if (!o.service_ports) s.ports = o.publish;
  s.volumes.insert(s.volumes.end(), o.volumes.begin(), o.volumes.end());
  s.restart.clear();
  if (s.deploy) s.deploy->restart.reset();
  s.scale = 1;
  return s;
}

// A -v volume that is no key of the project is an engine volume of that name: known to the
// request builder as an external volume (so nothing creates or removes it).
void add_engine_volumes(model::project& p, const model::service& s) {
  for (const auto& m : s.volumes) {
    const auto* v = std::get_if<model::volume_mount>(&m);
    if (!v || v->source.empty() || p.volumes.count(v->source)) continue;
    model::volume ext;
    ext.key = v->source;
    ext.name = v->source;
    ext.external = true;
    p.volumes.emplace(v->source, std::move(ext));
  }
}

// The service's existing containers (not one-offs) by service, in number order: what
// `network_mode: service:x`, `volumes_from` and links of the one-off refer to, and what the
// dependency waits look at.
void fill_service_containers(engine_ref engine, const std::string& project, container_context& ctx) {
  engine::container_list_options lo;
  lo.all = true;
  lo.filters.add_label(labels::project, project);
  lo.filters.add_label(labels::oneoff, "False");
  auto found = engine.containers.list(lo);
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return std::atoi(a.label(labels::container_number).c_str()) < std::atoi(b.label(labels::container_number).c_str());
  });
  for (const auto& c : found) {
    const auto service = c.label(labels::service);
    ctx.service_container_ids.emplace(service, c.id);
    ctx.service_container_names[service].push_back(c.name());
  }
}

void wait_for_dependencies(const model::project& p, engine_ref engine, const std::string& service,
                           const progress_sink& progress) {
  engine::container_list_options lo;
  lo.all = true;
  lo.filters.add_label(labels::project, p.name);
  lo.filters.add_label(labels::oneoff, "False");
  const auto containers = engine.containers.list(lo);
  const auto graph = model::service_graph::from_project(p);
  for (const auto& d : graph.dependencies_of(service)) {
    if (!p.services.count(d.service)) continue;
    wait_request w;
    w.service = d.service;
    w.condition = d.condition;
    for (const auto& c : containers)
      if (c.label(labels::service) == d.service) w.container_ids.push_back(c.id);
    try {
      wait_for_condition(engine, w, progress);
    } catch (const deploy_error& e) {
      if (d.required) throw;
      emit(progress, "Service " + d.service, e.what(), progress_state::warning);
    }
  }
}

// Bind sources of the one-off that do not exist yet are made, as up makes them.
void create_bind_sources(const model::service& s) {
  for (const auto& dir : bind_sources_to_create(s)) {
    std::error_code ec;
    if (std::filesystem::exists(dir, ec)) continue;
    if (auto why = cannot_create_directory(dir); !why.empty())
      throw deploy_error(deploy_error_kind::host,
                         fmt::format("service \"{}\": bind source {} cannot be created: {}", s.name, dir, why));
    std::filesystem::create_directories(dir, ec);
    if (ec)
      throw deploy_error(deploy_error_kind::host,
                         fmt::format("bind source {} cannot be created: {}", dir, ec.message()));
  }
}

// What marks a container as compose's one-off: no number, oneoff=True, a slug; AutoRemove for
// --rm; stdin held open for the attach; on its networks only the container's own name unless
// --use-aliases.
void mark_one_off(engine::container_create_request& req, const run_options& o, const std::string& name,
                  const std::string& slug) {
  auto& labels_out = req.config.labels;
  labels_out.erase(labels::container_number);
  labels_out[labels::oneoff] = "True";
  labels_out[labels::slug] = slug;
  if (o.remove) req.host.auto_remove = true;
  if (o.interactive) {
    req.config.attach_stdin = true;
    req.config.stdin_once = true;
  }
  if (!o.use_aliases)
    for (auto& [network, endpoint] : req.networking.endpoints) endpoint.aliases = {name};
}

// The session: attach before start (so no output is lost), a wait registered before start (so
// the exit cannot be missed; `removed` with AutoRemove, as docker run), start, pump.
run_result attached(engine_ref engine, const std::string& id, const std::string& name, const model::service& s,
                    const run_options& o, const session_streams& streams, std::stop_token stop,
                    const progress_sink& progress) {
  run_result result;
  result.container_id = id;
  const bool with_stdin = o.interactive && streams.input_fd >= 0;
  engine::container_attach_options ao;
  ao.stdin_stream = with_stdin;
  if (s.tty && with_stdin) ao.detach_keys = o.detach_keys;
  auto stream = engine.containers.attach(id, ao);

  std::stop_source wait_stop;
  std::promise<void> registered;
  auto registered_future = registered.get_future();
  std::promise<engine::container_wait_result> exited;
  auto exited_future = exited.get_future();
  std::thread waiter([&, condition = o.remove ? engine::wait_condition::removed : engine::wait_condition::next_exit] {
    bool told = false;
    try {
      exited.set_value(engine.containers.wait(id, condition, wait_stop.get_token(), [&] {
        told = true;
        registered.set_value();
      }));
    } catch (...) {
      if (!told) registered.set_exception(std::current_exception());
      exited.set_exception(std::current_exception());
    }
  });
  auto finish_waiter = [&] {
    wait_stop.request_stop();
    waiter.join();
  };

  detail::session_end end{};
  try {
    registered_future.get();
    engine.containers.start(id);
    // Its post_start hooks before the session (compose runs them once the start event came).
    if (!s.post_start.empty()) detail::run_hooks(engine, s, detail::hook_point::post_start, id, name, progress);
    if (streams.on_started) {
      session_control control;
      control.resize = [&](int height, int width) {
        if (height > 0 && width > 0) engine.containers.resize(id, height, width);
      };
      control.send_signal = [&](int signal) { engine.containers.kill(id, std::to_string(signal)); };
      streams.on_started(control);
    }
    detail::session_io io;
    if (with_stdin) io.input_fd = streams.input_fd;
    io.out = streams.out;
    io.err = streams.err;
    if (s.tty && with_stdin) io.detach_sequence = detail::detach_sequence_of(o.detach_keys);
    end = detail::pump_session(*stream, s.tty, io, stop);
  } catch (...) {
    finish_waiter();
    throw;
  }
  if (end != detail::session_end::output_ended) {
    finish_waiter();
    result.detached = end == detail::session_end::detached;
    result.exit_code = result.detached ? 0 : -1;
    return result;
  }
  try {
    const auto r = exited_future.get();
    waiter.join();
    if (r.error)
      throw deploy_error(deploy_error_kind::engine, fmt::format("container {}: {}", id.substr(0, 12), *r.error));
    result.exit_code = static_cast<int>(r.status_code);
  } catch (...) {
    if (waiter.joinable()) waiter.join();
    throw;
  }
  return result;
}

}  // namespace

run_result run(const model::project& p, engine_ref engine, const run_options& options, const session_streams& streams,
               std::stop_token stop, const progress_sink& progress) {
  if (!p.services.count(options.service))
    throw deploy_error(deploy_error_kind::not_found, fmt::format("no such service: {}", options.service));
  if (options.service_ports && !options.publish.empty())
    throw deploy_error(deploy_error_kind::invalid, "--service-ports and --publish are incompatible");
  if (options.tty && !options.detach)
    (void)detail::detach_sequence_of(options.detach_keys);  // refused before anything is made

  // Dependencies (and the project's networks and volumes, even with none).
  std::vector<std::string> dependencies;
  if (!options.no_deps) {
    dependencies = model::service_graph::from_project(p).closure({options.service}, true);
    dependencies.erase(std::remove(dependencies.begin(), dependencies.end(), options.service), dependencies.end());
  }
  up_options uo;
  uo.pull = options.pull;
  uo.remove_orphans = options.remove_orphans;
  uo.parallel = options.parallel;
  up(dependencies_project(p, dependencies), engine, uo, progress);

  model::project run_project = p;
  model::service s = one_off_service(p, options);
  add_engine_volumes(run_project, s);
  run_project.services[s.name] = s;
  const auto image_ids = preflight(run_project, engine, {s.name}, options.pull, progress);
  if (!options.no_deps) wait_for_dependencies(p, engine, s.name, progress);
  create_bind_sources(s);

  const std::string slug = random_slug();
  container_context ctx;
  ctx.name = options.name.empty() ? fmt::format("{}-{}-run-{}", p.name, s.name, slug.substr(0, 12)) : options.name;
  ctx.config_hash = model::config_hash(p, s.name);
  if (auto it = image_ids.find(s.name); it != image_ids.end()) ctx.image_id = it->second;
  fill_service_containers(engine, p.name, ctx);
  auto req = make_create_request(run_project, s, ctx, engine.version);
  mark_one_off(req, options, ctx.name, slug);
  const std::string id = engine.containers.create(req, ctx.name).id;

  for (auto extra : extra_networks(run_project, s, ctx.name, engine.version)) {
    if (!options.use_aliases) extra.endpoint.aliases = {ctx.name};
    extra.endpoint.links = req.host.links;
    engine.networks.connect(extra.network, id, extra.endpoint);
  }
  for (auto& f : injected_files(run_project, s)) {
    f.entry.mtime = static_cast<std::int64_t>(std::time(nullptr));
    engine::copy_to_container_options co;
    co.copy_uid_gid = f.copy_uid_gid;
    engine.containers.put_archive(id, "/", engine::make_tar({f.entry}), co);
  }

  if (options.detach) {
    engine.containers.start(id);
    if (!s.post_start.empty()) detail::run_hooks(engine, s, detail::hook_point::post_start, id, ctx.name, progress);
    run_result r;
    r.container_id = id;
    r.container_name = ctx.name;
    r.detached = true;
    return r;
  }
  auto r = attached(engine, id, ctx.name, s, options, streams, stop, progress);
  r.container_name = ctx.name;
  return r;
}

}  // namespace stackctl::deploy
