// The direct-API baseline of the cold-`up` benchmark (issue 4, "Speed"): makes what `up -d` makes
// for bench/deploy/generate_stack.py N — one network, N named volumes, N containers with the same
// command and mounts — straight through stackctl::engine, 8 at a time, with no compose model, no
// planning and no progress output. `up` is judged against the wall time of `create`.
//
//   direct_create_start [options] N create    network + volumes, then create+start each container
//   direct_create_start [options] N remove    force-remove containers, then volumes and network
//   direct_create_start [options] N both      create, print its time, remove
//   direct_create_start [options] N down      the baseline of `down -t T`: stop (t=T) and remove
//                                             each container, then the network; volumes stay
//
// Options: -p PROJECT (default benchdirect), -d DIR (where binds/svcI live; default .),
//          -j THREADS (default 8; give N for `down`, which stops every container at once),
//          -t SECONDS (stop timeout of `down`, default 2). Prints each phase's time on stderr.
// Objects carry compose's project/service labels so that `stackctl -p PROJECT down -v` (or
// docker-compose) can also clean them up.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "stackctl/engine/client.hpp"
#include "stackctl/engine/error.hpp"

namespace engine = stackctl::engine;

namespace {

constexpr std::string_view kImage = "stackctl-test/busybox:latest";

struct settings {
  std::string project = "benchdirect";
  std::filesystem::path dir = ".";
  int threads = 8;
  int stop_timeout = 2;
  int count = 0;
  std::string mode;
};

[[noreturn]] void usage() {
  std::fputs("usage: direct_create_start [-p PROJECT] [-d DIR] [-j THREADS] [-t SECONDS] N create|remove|both|down\n",
             stderr);
  std::exit(2);
}

settings parse(int argc, char** argv) {
  settings s;
  std::vector<std::string_view> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "-p" || arg == "-d" || arg == "-j" || arg == "-t") && i + 1 < argc) {
      const std::string_view value = argv[++i];
      if (arg == "-p") s.project = value;
      else if (arg == "-d") s.dir = value;
      else if (arg == "-j") s.threads = std::atoi(argv[i]);
      else s.stop_timeout = std::atoi(argv[i]);
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2) usage();
  s.count = std::atoi(std::string(positional[0]).c_str());
  s.mode = positional[1];
  if (s.count < 1 || s.threads < 1 || s.stop_timeout < 0 ||
      (s.mode != "create" && s.mode != "remove" && s.mode != "both" && s.mode != "down"))
    usage();
  s.dir = std::filesystem::absolute(s.dir);
  return s;
}

// Runs job(0..n-1) on `threads` workers. The first exception is rethrown after all have joined.
void parallel_for(int n, int threads, const std::function<void(int)>& job) {
  std::atomic<int> next{0};
  std::mutex error_mutex;
  std::exception_ptr error;
  std::vector<std::jthread> workers;
  for (int t = 0; t < std::min(n, threads); ++t) {
    workers.emplace_back([&] {
      for (int i = next++; i < n; i = next++) {
        try {
          job(i);
        } catch (...) {
          const std::lock_guard lock(error_mutex);
          if (!error) error = std::current_exception();
        }
      }
    });
  }
  workers.clear();  // joins
  if (error) std::rethrow_exception(error);
}

std::string service(int i) { return "svc" + std::to_string(i); }
std::string network_name(const settings& s) { return s.project + "_default"; }
std::string volume_name(const settings& s, int i) { return s.project + "_vol" + std::to_string(i); }
std::string container_name(const settings& s, int i) { return s.project + "-" + service(i) + "-1"; }

void create_all(engine::client& docker, const settings& s) {
  // Resources first (up does the same: network and volumes before any container).
  engine::network_create_request net;
  net.name = network_name(s);
  net.driver = "bridge";
  net.check_duplicate = true;
  net.labels = {{"com.docker.compose.project", s.project}, {"com.docker.compose.network", "default"}};
  docker.networks().create(net);

  parallel_for(s.count, s.threads, [&](int i) {
    engine::volume_create_request vol;
    vol.name = volume_name(s, i);
    vol.labels = {{"com.docker.compose.project", s.project}, {"com.docker.compose.volume", "vol" + std::to_string(i)}};
    docker.volumes().create(vol);
  });

  parallel_for(s.count, s.threads, [&](int i) {
    const auto bind_dir = s.dir / "binds" / service(i);
    std::filesystem::create_directories(bind_dir);

    engine::container_create_request req;
    req.config.image = std::string(kImage);
    req.config.cmd = std::vector<std::string>{"sh", "-c", "trap '' TERM; exec sleep 2147483647"};
    req.config.labels = {{"com.docker.compose.project", s.project},
                         {"com.docker.compose.service", service(i)},
                         {"com.docker.compose.container-number", "1"},
                         {"com.docker.compose.oneoff", "False"}};
    req.host.binds = {bind_dir.string() + ":/bind:rw", volume_name(s, i) + ":/vol:rw"};
    req.host.network_mode = network_name(s);
    engine::endpoint_settings endpoint;
    endpoint.aliases = {container_name(s, i), service(i)};
    req.networking.endpoints[network_name(s)] = endpoint;

    const auto id = docker.containers().create(req, container_name(s, i)).id;
    docker.containers().start(id);
  });
}

// Not found is fine: remove is also the cleanup after a failed or partial create.
template <class F>
void ignore_not_found(F&& f) {
  try {
    f();
  } catch (const engine::engine_error& e) {
    if (e.kind() != engine::error_kind::not_found) throw;
  }
}

void remove_all(engine::client& docker, const settings& s) {
  parallel_for(s.count, s.threads, [&](int i) {
    ignore_not_found([&] { docker.containers().remove(container_name(s, i), {.force = true, .volumes = true}); });
  });
  parallel_for(s.count, s.threads,
               [&](int i) { ignore_not_found([&] { docker.volumes().remove(volume_name(s, i)); }); });
  ignore_not_found([&] { docker.networks().remove(network_name(s)); });
}

// What `down -t T` must at least do: stop and remove every container (all at once with -j N),
// then remove the network.
void stop_remove_all(engine::client& docker, const settings& s) {
  parallel_for(s.count, s.threads, [&](int i) {
    docker.containers().stop(container_name(s, i), s.stop_timeout);
    docker.containers().remove(container_name(s, i));
  });
  docker.networks().remove(network_name(s));
}

template <class F>
void timed(const char* what, const settings& s, F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::fprintf(stderr, "%s %d containers (%d threads): %.3f s\n", what, s.count, s.threads, elapsed.count());
}

}  // namespace

int main(int argc, char** argv) {
  const settings s = parse(argc, argv);
  try {
    engine::client docker;
    docker.negotiated_version();  // the one ping, as `up` makes it, before the clock starts
    if (s.mode == "create" || s.mode == "both") timed("create+start", s, [&] { create_all(docker, s); });
    if (s.mode == "remove" || s.mode == "both") timed("remove", s, [&] { remove_all(docker, s); });
    if (s.mode == "down") timed("stop+remove", s, [&] { stop_remove_all(docker, s); });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "direct_create_start: %s\n", e.what());
    return 1;
  }
  return 0;
}
